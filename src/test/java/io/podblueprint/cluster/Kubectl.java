package io.podblueprint.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the kubectl built with the control plane against $KUBECONFIG, as a user would. */
public final class Kubectl {
  private Kubectl() {}

  /** Exit code and combined output of one kubectl command. */
  public record Result(int exitCode, String output) {
    public Result orFail() {
      if (exitCode != 0) {
        throw new IllegalStateException("kubectl failed (" + exitCode + "):\n" + output);
      }
      return this;
    }
  }

  public static Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(KwokCluster.kubectl());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl timed out: " + command);
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * `kubectl auth can-i` as the given user: true for "yes", false for "no" (exit code 1); any other
   * answer is an error, so a typo in a resource name cannot pass as a "no".
   */
  public static boolean canI(String user, String... args) {
    List<String> command = new ArrayList<>(List.of("auth", "can-i", "--as=" + user));
    command.addAll(List.of(args));
    Result result = run(command.toArray(String[]::new));
    String answer = result.output().strip();
    String last = answer.substring(answer.lastIndexOf('\n') + 1).strip();
    if (result.exitCode() == 0 && last.equals("yes")) {
      return true;
    }
    if (result.exitCode() == 1 && last.equals("no")) {
      return false;
    }
    throw new IllegalStateException("kubectl auth can-i " + command + " answered:\n" + answer);
  }
}
