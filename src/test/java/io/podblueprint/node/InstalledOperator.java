package io.podblueprint.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.clients.Clients;
import io.podblueprint.cluster.KwokCluster;
import io.podblueprint.cluster.PrometheusScrape;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator installed as pods on the real node the way a user installs it: `make deploy`, `make
 * undeploy`, `make deploy-helm`, `make undeploy-helm` run hack/deploy.sh, and so does this class,
 * with the image archive `make image` built (make test-node builds it and passes its path in
 * PODBLUEPRINT_IMAGE_ARCHIVE).
 */
final class InstalledOperator {
  static final String NAMESPACE = "podblueprint-system";
  static final String NAME = "podblueprint-operator";
  static final String LEASE = "podblueprint-operator-lease";
  static final String RECONCILES = "operator_sdk_controllers_execution_reconcile_seconds_count";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private InstalledOperator() {}

  static KubernetesClient client() {
    return KwokCluster.client();
  }

  /** Runs hack/deploy.sh TOOL ACTION (kustomize|helm, deploy|undeploy); fails with its output. */
  static void run(String tool, String action, String helmArgs) {
    String archive = System.getenv("PODBLUEPRINT_IMAGE_ARCHIVE");
    assertThat(archive)
        .as("PODBLUEPRINT_IMAGE_ARCHIVE: make test-node builds the image (make image) and sets it")
        .isNotNull();
    assertThat(Path.of(archive)).exists();
    Map<String, String> env = new HashMap<>(Map.of("IMAGE_ARCHIVE", archive));
    env.put("HELM_ARGS", helmArgs);
    Clients.Result result =
        Clients.exec(
            List.of(Path.of("hack", "deploy.sh").toAbsolutePath().toString(), tool, action),
            env,
            "",
            Duration.ofMinutes(5));
    assertThat(result.exitCode())
        .as("hack/deploy.sh %s %s:%n%s", tool, action, result.output())
        .isZero();
  }

  static Deployment deployment() {
    return client().apps().deployments().inNamespace(NAMESPACE).withName(NAME).get();
  }

  /** The operator's pods that are not being deleted. */
  static List<Pod> pods() {
    return client()
        .pods()
        .inNamespace(NAMESPACE)
        .withLabel("app.kubernetes.io/name", NAME)
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  static boolean ready(Pod pod) {
    return pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The Lease's holder, empty when there is no Lease or no holder. */
  static Optional<String> holder() {
    Lease lease = client().leases().inNamespace(NAMESPACE).withName(LEASE).get();
    return Optional.ofNullable(lease)
        .map(l -> l.getSpec().getHolderIdentity())
        .filter(h -> !h.isEmpty());
  }

  /** Waits until one of the given running pods holds the Lease, and returns it. */
  static Pod awaitLeaderAmong(List<Pod> pods, Duration timeout) {
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                holder()
                    .flatMap(
                        h ->
                            pods.stream()
                                .filter(p -> p.getMetadata().getName().equals(h))
                                .findFirst()),
            Optional::isPresent)
        .orElseThrow();
  }

  /** The reconciles the pod's operator counted (its /q/metrics, read from the host). */
  static double reconciles(Pod pod) throws Exception {
    String url = "http://" + pod.getStatus().getPodIP() + ":8080/q/metrics";
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    return new PrometheusScrape(response.body())
        .sum(RECONCILES, Map.of("controller", "podblueprint"));
  }

  /** The image make image built: podblueprint-operator:<version>, from its archive's name. */
  static String image() {
    String file = Path.of(System.getenv("PODBLUEPRINT_IMAGE_ARCHIVE")).getFileName().toString();
    return NAME + ":" + file.substring((NAME + "-").length(), file.length() - ".oci.tar".length());
  }
}
