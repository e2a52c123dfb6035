package io.podblueprint.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged operator (target/quarkus-app/quarkus-run.jar), run as a user runs it with `make
 * run`: a separate JVM against the cluster of $KUBECONFIG. Tests start it, kill it, restart it.
 * Extra JVM arguments come after the defaults, so {@code -Dquarkus.profile=prod} (leader election
 * on) overrides the default profile {@code run}.
 */
public final class OperatorProcess implements AutoCloseable {
  private static final Path JAR =
      Path.of(System.getProperty("operator.jar", "target/quarkus-app/quarkus-run.jar"));
  private final int port;
  private final Path log;
  private final Map<String, String> env;
  private final List<String> jvmArgs;
  private Process process;

  public OperatorProcess(int port, Map<String, String> env) {
    this(port, env, List.of());
  }

  public OperatorProcess(int port, Map<String, String> env, List<String> jvmArgs) {
    this.port = port;
    this.env = env;
    this.jvmArgs = List.copyOf(jvmArgs);
    try {
      this.log = Files.createTempFile("podblueprint-operator-" + port + "-", ".log");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static OperatorProcess start(int port) {
    return start(port, Map.of());
  }

  public static OperatorProcess start(int port, Map<String, String> env) {
    return start(port, env, List.of());
  }

  public static OperatorProcess start(int port, Map<String, String> env, List<String> jvmArgs) {
    OperatorProcess operator = new OperatorProcess(port, env, jvmArgs);
    operator.start();
    return operator;
  }

  public synchronized void start() {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run `make build` first");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-Dquarkus.profile=run");
    command.add("-Dquarkus.http.port=" + port);
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start the operator", e);
    }
    awaitReady(Duration.ofSeconds(90));
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the operator exited early; its log:\n" + tail());
      }
      if (get("/q/health/ready") == 200) {
        return;
      }
      sleep(250);
    }
    throw new IllegalStateException("the operator did not get ready; its log:\n" + tail());
  }

  /** One client for every request (each HttpClient has its own selector thread). */
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  public int get(String path) {
    try {
      HttpResponse<Void> response =
          HTTP.send(request(path), HttpResponse.BodyHandlers.discarding());
      return response.statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  public String body(String path) throws IOException, InterruptedException {
    return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** SIGKILL, as a crashed or evicted operator would die. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitFor();
    }
  }

  /** SIGTERM, a graceful stop. */
  public synchronized void stop() {
    if (process != null) {
      process.destroy();
      waitFor();
    }
  }

  /** SIGTERM, and the exit code once the process has ended within the timeout. */
  public synchronized int stop(Duration timeout) {
    process.destroy();
    return awaitExit(timeout);
  }

  /** Waits for the process to end by itself and returns its exit code. */
  public synchronized int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "the operator is still running after " + timeout + "; its log:\n" + tail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return process.exitValue();
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void waitFor() {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
