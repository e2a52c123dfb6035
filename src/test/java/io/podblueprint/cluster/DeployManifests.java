package io.podblueprint.cluster;

import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/** The kustomize manifests of k8s/deploy/, applied the way the docs tell users to. */
public final class DeployManifests {
  public static final Path DEPLOY = Path.of("k8s", "deploy");
  public static final Path BASE = DEPLOY.resolve("base");
  public static final String NAMESPACE = "podblueprint-system";
  public static final String SERVICE_ACCOUNT = "podblueprint-operator";
  public static final String USER = "system:serviceaccount:" + NAMESPACE + ":" + SERVICE_ACCOUNT;

  /** The namespaces overlays/namespaced names as placeholders for the user's own. */
  public static final List<String> PLACEHOLDERS = List.of("team-a", "team-b");

  private DeployManifests() {}

  /** kubectl apply --server-side -k base, as `make deploy` does. */
  public static void applyBase() {
    Kubectl.run("apply", "--server-side", "--force-conflicts", "-k", BASE.toString()).orFail();
  }

  /**
   * A copy of k8s/deploy whose namespaced overlay names the given namespaces instead of its
   * placeholders: the edit docs/operations.md asks users to make (watch-namespaces.yaml and
   * rolebindings.yaml). Returns the overlay's directory.
   */
  public static Path namespacedOverlayFor(List<String> namespaces) {
    try {
      Path copy = Files.createTempDirectory("podblueprint-deploy-");
      try (Stream<Path> files = Files.walk(DEPLOY)) {
        for (Path file : files.toList()) {
          Path target = copy.resolve(DEPLOY.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
          } else {
            Files.copy(file, target);
          }
        }
      }
      Path overlay = copy.resolve("overlays/namespaced");
      Path watch = overlay.resolve("watch-namespaces.yaml");
      Files.writeString(
          watch,
          Files.readString(watch)
              .replace(String.join(",", PLACEHOLDERS), String.join(",", namespaces)));
      Path bindings = overlay.resolve("rolebindings.yaml");
      String template = Files.readString(bindings).split("(?m)^---\n")[0]; // team-a's
      String out =
          String.join(
              "---\n",
              namespaces.stream()
                  .map(ns -> template.replace("namespace: team-a", "namespace: " + ns))
                  .toList());
      Files.writeString(bindings, out);
      return overlay;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A kubeconfig that authenticates as the operator's ServiceAccount with a short-lived token, so
   * an operator process started with it has exactly the shipped RBAC.
   */
  public static Path serviceAccountKubeconfig(KubernetesClient client) {
    String token =
        client
            .serviceAccounts()
            .inNamespace(NAMESPACE)
            .withName(SERVICE_ACCOUNT)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(4 * 3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    var config = client.getConfiguration();
    String ca = config.getCaCertData();
    try {
      if (ca == null && config.getCaCertFile() != null) {
        ca =
            Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
      }
      String kubeconfig =
          """
          apiVersion: v1
          kind: Config
          clusters:
            - name: cluster
              cluster:
                server: "%s"
                certificate-authority-data: "%s"
          users:
            - name: podblueprint-operator
              user:
                token: "%s"
          contexts:
            - name: operator
              context: {cluster: cluster, user: podblueprint-operator}
          current-context: operator
          """
              .formatted(config.getMasterUrl(), ca, token);
      Path file = Files.createTempFile("podblueprint-operator-sa-", ".kubeconfig");
      Files.writeString(file, kubeconfig);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
