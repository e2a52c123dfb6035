package io.podblueprint.cluster;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts every write the operator makes in one namespace, as the API server itself counts it:
 * FlowSchemas (API Priority and Fairness, one per kind of resource, the last for all the rest) that
 * match the operator's ServiceAccount and the write verbs on every resource and subresource of that
 * namespace (children, their status, pods, Events, blueprints and their status), read from the
 * server's {@code apiserver_flowcontrol_dispatched_requests_total}. Nothing is left out by
 * resource, and nobody else's writes (the test's, the controllers', KWOK's, other namespaces') are
 * counted.
 */
public final class OperatorWrites implements AutoCloseable {
  private final KubernetesClient client;
  private final String name;

  private OperatorWrites(KubernetesClient client, String name) {
    this.client = client;
    this.name = name;
  }

  /** The resources each FlowSchema matches: the count is theirs together, told apart on failure. */
  private static final Map<String, String> PARTS =
      Map.of(
          "blueprints", "apiGroups: [podblueprint.io]\n      resources: [\"*\"]",
          "events", "apiGroups: [\"\", events.k8s.io]\n      resources: [events]",
          "pods", "apiGroups: [\"\"]\n      resources: [pods, pods/status]",
          "other", "apiGroups: [\"*\"]\n      resources: [\"*\"]");

  private static final List<String> ORDER = List.of("blueprints", "events", "pods", "other");

  /** Starts counting the shared operator's writes in the namespace. */
  public static OperatorWrites in(String namespace) {
    KubernetesClient client = KwokCluster.client();
    String name = "podblueprint-test-writes-" + namespace;
    for (int i = 0; i < ORDER.size(); i++) {
      String part = ORDER.get(i);
      String schema =
          """
          apiVersion: flowcontrol.apiserver.k8s.io/v1
          kind: FlowSchema
          metadata:
            name: %s-%s
          spec:
            matchingPrecedence: %d
            priorityLevelConfiguration: {name: workload-low}
            rules:
              - subjects:
                  - kind: ServiceAccount
                    serviceAccount: {name: %s, namespace: %s}
                resourceRules:
                  - verbs: [create, update, patch, delete, deletecollection]
                    namespaces: [%s]
                    %s
          """
              .formatted(
                  name,
                  part,
                  500 + i,
                  DeployManifests.SERVICE_ACCOUNT,
                  DeployManifests.NAMESPACE,
                  namespace,
                  PARTS.get(part).replace("\n      ", "\n          "));
      GenericKubernetesResource flowSchema =
          client.getKubernetesSerialization().unmarshal(schema, GenericKubernetesResource.class);
      client
          .resource(flowSchema)
          .fieldManager("podblueprint-tests")
          .forceConflicts()
          .serverSideApply();
    }
    OperatorWrites writes = new OperatorWrites(client, name);
    // The API server takes a new FlowSchema into its configuration asynchronously and then sets
    // its Dangling condition (False: the priority level exists); only then are requests counted.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ORDER.stream().allMatch(part -> writes.taken(name + "-" + part)));
    return writes;
  }

  private boolean taken(String flowSchema) {
    GenericKubernetesResource live =
        client
            .genericKubernetesResources("flowcontrol.apiserver.k8s.io/v1", "FlowSchema")
            .withName(flowSchema)
            .get();
    return live != null
        && String.valueOf(live.getAdditionalProperties().get("status")).contains("Dangling");
  }

  /** The operator's writes in the namespace since the FlowSchemas were taken in. */
  public long count() {
    return breakdown().values().stream().mapToLong(Long::longValue).sum();
  }

  /** The count by kind of resource: blueprints (and status), events, pods, other (children). */
  public Map<String, Long> breakdown() {
    String metrics = client.raw("/metrics");
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String part : ORDER) {
      Pattern line =
          Pattern.compile(
              "^apiserver_flowcontrol_dispatched_requests_total\\{[^}]*flow_schema=\""
                  + Pattern.quote(name + "-" + part)
                  + "\"[^}]*} ([0-9.e+]+)$",
              Pattern.MULTILINE);
      Matcher m = line.matcher(metrics);
      long total = 0;
      while (m.find()) {
        total += (long) Double.parseDouble(m.group(1));
      }
      counts.put(part, total);
    }
    return counts;
  }

  /**
   * Waits until the count has not moved for {@code settled} (at most two minutes), i.e. the writes
   * caused by earlier changes are done; returns the count.
   */
  public long awaitNoWritesFor(Duration settled) {
    long[] last = {count(), System.nanoTime()};
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              long now = count();
              if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
              }
              return System.nanoTime() - last[1] >= settled.toNanos();
            });
    return last[0];
  }

  @Override
  public void close() {
    for (String part : ORDER) {
      client
          .genericKubernetesResources("flowcontrol.apiserver.k8s.io/v1", "FlowSchema")
          .withName(name + "-" + part)
          .delete();
    }
  }
}
