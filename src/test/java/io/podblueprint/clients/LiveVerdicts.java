package io.podblueprint.clients;

import io.podblueprint.cluster.Kubectl;

/**
 * What the real clients say of a live blueprint, read as they read it: the object as the API server
 * serves it ({@code kubectl get -o json} against $KUBECONFIG), then cli-utils' kstatus and Argo
 * CD's own evaluator with the shipped health check.
 */
public record LiveVerdicts(Clients.Verdict kstatus, Clients.Verdict argoCd) {

  public static LiveVerdicts of(String namespace, String name) {
    String json =
        Kubectl.run("get", "podblueprint", name, "-n", namespace, "-o", "json").orFail().output();
    return new LiveVerdicts(Clients.kstatus(json).get(0), Clients.argocd(json).get(0));
  }

  /** True when the two say the same thing (Current is Healthy or Suspended, and so on). */
  public boolean agree() {
    return Agreement.argoCdFor(kstatus.status()).contains(argoCd.status());
  }

  @Override
  public String toString() {
    return "kstatus " + kstatus + ", Argo CD " + argoCd;
  }
}
