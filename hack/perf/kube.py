"""kubectl from Python (stdlib only): JSON reads, applies, and watch streams that survive restarts."""

import json
import subprocess
import threading
import time


class Kubectl:
    def __init__(self, binary, kubeconfig):
        self.binary = binary
        self.kubeconfig = kubeconfig

    def command(self, *args):
        return [self.binary, "--kubeconfig", self.kubeconfig, *args]

    def run(self, *args, check=True, stdin=None):
        done = subprocess.run(self.command(*args), input=stdin, capture_output=True, text=True)
        if check and done.returncode != 0:
            raise RuntimeError(f"kubectl {' '.join(args)} failed: {done.stderr.strip()[-2000:]}")
        return done

    def json(self, *args):
        return json.loads(self.run(*args, "-o", "json").stdout)

    def raw(self, path):
        return json.loads(self.run("get", "--raw", path).stdout)

    def watch(self, path, on_event, stop, on_reconnect=None):
        """Streams watch events of `path` (a list URL) to on_event(type, object) until stop is set.

        Without a resourceVersion the API server first sends every existing object as ADDED, so
        after a broken stream (API server restart, timeout) a new watch rebuilds the full state;
        on_reconnect() is called before each new stream so the caller can forget the old one.
        """
        separator = "&" if "?" in path else "?"
        url = f"{path}{separator}watch=1"
        first = True
        while not stop.is_set():
            if not first and on_reconnect:
                on_reconnect()
            first = False
            process = subprocess.Popen(
                self.command("get", "--raw", url, "--request-timeout=0"),
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            stopper = threading.Thread(target=_kill_when, args=(stop, process), daemon=True)
            stopper.start()
            for line in process.stdout:
                if stop.is_set():
                    break
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                if event.get("type") == "ERROR":
                    break  # e.g. 410 Gone: start over with a full list
                on_event(event["type"], event["object"])
            process.kill()
            process.wait()
            if not stop.is_set():
                time.sleep(0.5)


def _kill_when(stop, process):
    while process.poll() is None:
        if stop.wait(0.5):
            process.kill()
            return
