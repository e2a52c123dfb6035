package io.podblueprint.cluster;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.Conditions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The one helper for what cluster and node tests do on the cluster: a namespace per test class (see
 * {@link TestNamespace} for the JUnit extension), writes that retry on 409 Conflict, the blueprint
 * applied as a user applies it, and waits on a blueprint's status that print the last status seen
 * when they time out. The cluster's life cycle (client, shared operator) is {@link KwokCluster}'s.
 */
public final class ClusterTests {
  public static final String FIELD_MANAGER = "podblueprint-tests";
  private static final Duration RETRY_FOR = Duration.ofSeconds(30);

  private ClusterTests() {}

  public static KubernetesClient client() {
    return KwokCluster.client();
  }

  /** A fresh namespace (its default ServiceAccount exists), named prefix-<random>. */
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

  /**
   * Runs a write (a read-modify-write as a client does it) again while the API server answers 409
   * Conflict (someone else wrote the object since it was read), for up to 30 s. A 409 AlreadyExists
   * (a create of a name that is taken) is no conflict and fails at once.
   */
  public static <T> T retryOnConflict(Supplier<T> write) {
    long deadline = System.nanoTime() + RETRY_FOR.toNanos();
    while (true) {
      try {
        return write.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT
            || (e.getStatus() != null && "AlreadyExists".equals(e.getStatus().getReason()))
            || System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  /** Server-side applies a blueprint document as a user would (kubectl apply --server-side). */
  public static PodBlueprint apply(String namespace, String yaml) {
    return apply(
        namespace, client().getKubernetesSerialization().unmarshal(yaml, PodBlueprint.class));
  }

  /** Server-side applies the blueprint as a user would (kubectl apply --server-side). */
  public static PodBlueprint apply(String namespace, PodBlueprint blueprint) {
    return retryOnConflict(
        () ->
            client()
                .resource(blueprint)
                .inNamespace(namespace)
                .fieldManager(FIELD_MANAGER)
                .forceConflicts()
                .serverSideApply());
  }

  /** A sample blueprint of k8s/samples. */
  public static String sample(String file) {
    try {
      return Files.readString(Path.of("k8s", "samples", file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
    return awaitBlueprint(
        namespace,
        name,
        type + "=" + status,
        bp ->
            bp.getStatus() != null
                && bp.getMetadata().getGeneration().equals(bp.getStatus().observedGeneration)
                && condition(bp, type)
                    .filter(c -> status.equals(c.getStatus()))
                    .filter(c -> bp.getMetadata().getGeneration().equals(c.getObservedGeneration()))
                    .isPresent(),
        timeout);
  }

  /**
   * Waits until the blueprint satisfies the predicate; on a timeout the failure shows what was
   * awaited and the blueprint's last status.
   */
  public static PodBlueprint awaitBlueprint(
      String namespace, String name, String what, Predicate<PodBlueprint> until, Duration timeout) {
    try {
      return await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> get(namespace, name), bp -> bp != null && until.test(bp));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "blueprint "
              + namespace
              + "/"
              + name
              + " did not reach "
              + what
              + " within "
              + timeout
              + "; its last status:\n"
              + lastStatus(namespace, name),
          e);
    }
  }

  static String lastStatus(String namespace, String name) {
    PodBlueprint last = get(namespace, name);
    if (last == null) {
      return "(the blueprint does not exist)";
    }
    return "generation "
        + last.getMetadata().getGeneration()
        + "\n"
        + client().getKubernetesSerialization().asYaml(last.getStatus());
  }
}
