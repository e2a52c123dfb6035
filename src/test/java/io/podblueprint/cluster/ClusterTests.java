package io.podblueprint.cluster;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The one helper for cluster tests: a namespace per test class, writes that retry on 409 Conflict,
 * and waits on a blueprint's status that print the last status seen when they time out. New cluster
 * tests use it; older ones are moved to it as they are touched.
 */
public final class ClusterTests {
  private static final int CONFLICT = 409;
  private static final Duration RETRY_FOR = Duration.ofSeconds(30);

  private ClusterTests() {}

  public static KubernetesClient client() {
    return KwokCluster.client();
  }

  /** A fresh namespace (its default ServiceAccount exists), named prefix-<random>. */
  public static String namespace(String prefix) {
    return KwokCluster.namespace(prefix);
  }

  public static void deleteNamespace(String name) {
    KwokCluster.deleteNamespace(name);
  }

  /** Runs a write again while the API server answers 409 Conflict (another writer came first). */
  public static <T> T retryOnConflict(Supplier<T> write) {
    long deadline = System.nanoTime() + RETRY_FOR.toNanos();
    while (true) {
      try {
        return write.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != CONFLICT || System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  /** Server-side applies a blueprint document as a user would (kubectl apply --server-side). */
  public static PodBlueprint apply(String namespace, String yaml) {
    return retryOnConflict(() -> KwokCluster.apply(namespace, yaml));
  }

  /** Creates any object, retrying on conflict. */
  public static <T extends HasMetadata> T create(T object) {
    return retryOnConflict(() -> client().resource(object).create());
  }

  public static PodBlueprint get(String namespace, String name) {
    return KwokCluster.get(namespace, name);
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
                && KwokCluster.condition(bp, type)
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
