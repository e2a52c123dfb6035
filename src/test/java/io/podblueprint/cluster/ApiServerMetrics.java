package io.podblueprint.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts write requests from the kube-apiserver's own apiserver_request_total metric: the children
 * kinds' main resource and blueprints (spec and status). Controllers write only the children's
 * status subresources and pods, which are left out (but a server-side apply of a pod is only ever
 * the operator's: bare Pods), so in a quiet namespace this counts the operator's writes.
 */
public final class ApiServerMetrics {
  static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE");
  static final Set<String> CHILDREN = Set.of("deployments", "jobs", "cronjobs", "services");
  private static final Pattern LINE =
      Pattern.compile("^apiserver_request_total\\{(.*)} ([0-9.e+]+)$");

  private ApiServerMetrics() {}

  public static long operatorWrites(KubernetesClient client) {
    String metrics = client.raw("/metrics");
    long total = 0;
    for (String line : metrics.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String labels = m.group(1);
      String verb = label(labels, "verb");
      String resource = label(labels, "resource");
      String subresource = label(labels, "subresource");
      String dryRun = label(labels, "dry_run");
      boolean counted =
          WRITES.contains(verb)
              && dryRun.isEmpty()
              && (resource.equals("podblueprints")
                  || (CHILDREN.contains(resource) && subresource.isEmpty())
                  || (resource.equals("pods") && verb.equals("APPLY") && subresource.isEmpty()));
      if (counted) {
        total += (long) Double.parseDouble(m.group(2));
      }
    }
    return total;
  }

  /**
   * Waits until the operator's write count has not moved for {@code settled} (at most two minutes),
   * i.e. the last writes caused by earlier changes are done; returns the count.
   */
  public static long awaitNoWritesFor(KubernetesClient client, java.time.Duration settled) {
    long[] last = {operatorWrites(client), System.nanoTime()};
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofMinutes(2))
        .pollInterval(java.time.Duration.ofMillis(500))
        .until(
            () -> {
              long now = operatorWrites(client);
              if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
              }
              return System.nanoTime() - last[1] >= settled.toNanos();
            });
    return last[0];
  }

  private static String label(String labels, String name) {
    Matcher m = Pattern.compile("(?:^|,)" + name + "=\"([^\"]*)\"").matcher(labels);
    return m.find() ? m.group(1) : "";
  }
}
