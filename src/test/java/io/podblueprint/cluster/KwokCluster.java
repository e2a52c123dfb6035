package io.podblueprint.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local control plane started by `make cluster-up` (real etcd, kube-apiserver,
 * kube-controller-manager and kube-scheduler; KWOK nodes), reached through $KUBECONFIG, and the one
 * operator process shared by the tests that don't stop it. This class owns only that life cycle;
 * what tests do on the cluster (namespaces, writes, waits) is in {@link ClusterTests}.
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
