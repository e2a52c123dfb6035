package io.podblueprint.cluster;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.Conditions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The local control plane started by `make cluster-up` (real etcd, kube-apiserver,
 * kube-controller-manager and kube-scheduler; KWOK nodes), reached through $KUBECONFIG. One
 * operator process is shared by the tests that don't stop it.
 */
public final class KwokCluster {
  public static final int SHARED_OPERATOR_PORT = Integer.getInteger("operator.port", 18080);
  private static KubernetesClient client;
  private static OperatorProcess operator;

  private KwokCluster() {}

  public static synchronized KubernetesClient client() {
    if (client == null) {
      client = new KubernetesClientBuilder().build();
      Crds.install(client);
    }
    return client;
  }

  /**
   * The operator every non-destructive test shares; stopped when the test JVM exits. It runs as in
   * production: as the ServiceAccount of k8s/deploy/base with exactly the shipped RBAC, so a
   * missing grant fails the test that needs it, and {@link OperatorWrites} can tell its writes from
   * everyone else's.
   */
  public static synchronized OperatorProcess operator() {
    client();
    if (operator == null || !operator.alive()) {
      DeployManifests.applyBase();
      operator =
          OperatorProcess.start(
              SHARED_OPERATOR_PORT,
              Map.of("KUBECONFIG", DeployManifests.serviceAccountKubeconfig(client).toString()));
      OperatorProcess started = operator;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
    }
    return operator;
  }

  /**
   * Stops the shared operator, for tests that run their own operator processes and must be the only
   * ones reconciling; the next {@link #operator()} starts it again.
   */
  public static synchronized void stopSharedOperator() {
    if (operator != null) {
      operator.stop();
      operator = null;
    }
  }

  /** A fresh namespace per test, so tests never see each other's objects. */
  public static String namespace(String prefix) {
    String name =
        (prefix + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff)))
            .toLowerCase(Locale.ROOT);
    client()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> client().serviceAccounts().inNamespace(name).withName("default").get() != null);
    return name;
  }

  /** Deletes the namespace and waits until it is gone, so no test sees another's objects. */
  public static void deleteNamespace(String name) {
    client().namespaces().withName(name).delete();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> client().namespaces().withName(name).get() == null);
  }

  public static PodBlueprint apply(String namespace, String yaml) {
    PodBlueprint blueprint =
        client().getKubernetesSerialization().unmarshal(yaml, PodBlueprint.class);
    return client()
        .resource(blueprint)
        .inNamespace(namespace)
        .fieldManager("podblueprint-tests")
        .forceConflicts()
        .serverSideApply();
  }

  /**
   * Runs a read-modify-write as a client does: on 409 Conflict (someone else wrote the object since
   * it was read) it reads again and retries, for up to 30 s.
   */
  public static <T> T retryOnConflict(java.util.function.Supplier<T> write) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        return write.get();
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != java.net.HttpURLConnection.HTTP_CONFLICT
            || System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  public static PodBlueprint get(String namespace, String name) {
    return client().resources(PodBlueprint.class).inNamespace(namespace).withName(name).get();
  }

  public static Optional<Condition> condition(PodBlueprint blueprint, String type) {
    return blueprint == null ? Optional.empty() : Conditions.find(blueprint.getStatus(), type);
  }

  /** Waits until the condition has the status at the blueprint's current generation. */
  public static PodBlueprint awaitCondition(
      String namespace, String name, String type, String status, Duration timeout) {
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> get(namespace, name),
            bp ->
                bp != null
                    && bp.getStatus() != null
                    && bp.getMetadata().getGeneration().equals(bp.getStatus().observedGeneration)
                    && condition(bp, type)
                        .filter(c -> status.equals(c.getStatus()))
                        .filter(
                            c -> bp.getMetadata().getGeneration().equals(c.getObservedGeneration()))
                        .isPresent());
  }

  public static String sample(String file) throws java.io.IOException {
    return Files.readString(Path.of("k8s", "samples", file));
  }

  /** The kubectl built with the control plane (same minor version as the API server). */
  public static String kubectl() {
    try {
      String bin = Files.readString(Path.of(".cluster", "bin")).trim();
      return Path.of(bin, "kubectl").toString();
    } catch (java.io.IOException e) {
      return "kubectl";
    }
  }
}
