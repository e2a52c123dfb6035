package io.podblueprint.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real client tools, built from their Go modules by hack/clients/build.sh: cli-utils' kstatus,
 * Argo CD's own health evaluation, and Helm 4. The Makefile passes their directory as
 * $PODBLUEPRINT_CLIENTS (or -Dpodblueprint.clients); a test that needs them fails at once, saying
 * how to build them, when it is not set.
 */
public final class Clients {
  /** The argocd-cm snippet users install: the health check as Argo CD reads it. */
  public static final Path ARGOCD_CM = Path.of("k8s", "argocd", "argocd-cm-patch.yaml");

  private static final ObjectMapper JSON = new ObjectMapper();

  private Clients() {}

  /** One object's verdict: kstatus' status (Current, InProgress, ...) or Argo CD's health. */
  public record Verdict(String kind, String name, String status, String message) {}

  /** Exit code, standard output and standard error of one run. */
  public record Result(int exitCode, String stdout, String stderr) {
    public String output() {
      return stdout + stderr;
    }
  }

  /** The path of one tool: kstatus, argocd-health or helm. */
  public static Path tool(String name) {
    String dir = System.getProperty("podblueprint.clients", System.getenv("PODBLUEPRINT_CLIENTS"));
    if (dir == null || dir.isBlank()) {
      throw new IllegalStateException(
          "The real client tools are not built or not passed to the tests: run the tests through"
              + " make (make test, make test-unit, make test-cluster), or"
              + " `export PODBLUEPRINT_CLIENTS=$(hack/clients/build.sh)` first.");
    }
    Path tool = Path.of(dir, name);
    if (!Files.isExecutable(tool)) {
      throw new IllegalStateException(
          tool
              + " is missing: PODBLUEPRINT_CLIENTS must be the directory hack/clients/build.sh"
              + " prints.");
    }
    return tool;
  }

  /** kstatus' status.Compute for each object in the YAML or JSON documents given. */
  public static List<Verdict> kstatus(String objects) {
    return verdicts(run(Duration.ofSeconds(60), objects, Map.of(), "kstatus", "compute"));
  }

  /** kstatus' status.Compute for the object in each file, in order. */
  public static List<Verdict> kstatus(List<Path> files) {
    List<String> args = new ArrayList<>(List.of("compute"));
    files.forEach(f -> args.add(f.toString()));
    return verdicts(
        run(Duration.ofSeconds(60), "", Map.of(), "kstatus", args.toArray(String[]::new)));
  }

  /** Argo CD's verdict, with the health check users install, for each object given. */
  public static List<Verdict> argocd(String objects) {
    return verdicts(
        run(Duration.ofSeconds(60), objects, Map.of(), "argocd-health", ARGOCD_CM.toString()));
  }

  /** Argo CD's verdict, with the given health script or argocd-cm, for the object in each file. */
  public static List<Verdict> argocd(Path script, List<Path> files) {
    List<String> args = new ArrayList<>(List.of(script.toString()));
    files.forEach(f -> args.add(f.toString()));
    return verdicts(
        run(Duration.ofSeconds(60), "", Map.of(), "argocd-health", args.toArray(String[]::new)));
  }

  /** Runs one tool to the end (or kills it after the timeout) and returns what it said. */
  public static Result run(
      Duration timeout, String stdin, Map<String, String> env, String tool, String... args) {
    List<String> command = new ArrayList<>();
    command.add(tool(tool).toString());
    command.addAll(List.of(args));
    return exec(command, env, stdin, timeout);
  }

  /** Runs any command to the end (or kills it after the timeout) and returns what it said. */
  public static Result exec(
      List<String> command, Map<String, String> env, String stdin, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      CompletableFuture<String> out = drain(process.getInputStream());
      CompletableFuture<String> err = drain(process.getErrorStream());
      try (var in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not end within " + timeout);
      }
      return new Result(process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static CompletableFuture<String> drain(java.io.InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static List<Verdict> verdicts(Result result) {
    if (result.exitCode() != 0 && result.exitCode() != 1) {
      throw new IllegalStateException("exit code " + result.exitCode() + ":\n" + result.output());
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (String line : result.stdout().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        verdicts.add(JSON.readValue(line, Verdict.class));
      } catch (IOException e) {
        throw new IllegalStateException("not a verdict: " + line + "\n" + result.stderr(), e);
      }
    }
    return verdicts;
  }
}
