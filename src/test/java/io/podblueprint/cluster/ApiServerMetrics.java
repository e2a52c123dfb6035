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

  private static String label(String labels, String name) {
    Matcher m = Pattern.compile("(?:^|,)" + name + "=\"([^\"]*)\"").matcher(labels);
    return m.find() ? m.group(1) : "";
  }
}
