package io.podblueprint.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.podblueprint.cluster.ClusterTests;
import io.podblueprint.cluster.DenyStatusWrites;
import io.podblueprint.cluster.KwokCluster;
import io.podblueprint.cluster.OperatorProcess;
import io.podblueprint.cluster.TestNamespace;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A status write the API server refuses (a ValidatingAdmissionPolicy) fails the reconcile at once
 * with the server's message, to be retried with backoff; it does not hold a reconcile thread for 10
 * s waiting for a newer version that no refusal brings (JOSDK's helper retries 422 that way).
 */
@Tag("cluster")
class StatusRefusedOnClusterTest {
  @RegisterExtension
  static final TestNamespace namespace = TestNamespace.withSharedOperator("status-refused");

  static OperatorProcess operator;
  static String ns;

  @BeforeAll
  static void setUp() {
    operator = KwokCluster.operator();
    ns = namespace.name();
  }

  @AfterAll
  static void tearDown() {
    DenyStatusWrites.delete();
  }

  static String blueprint(String name) {
    return """
        apiVersion: podblueprint.io/v1alpha1
        kind: PodBlueprint
        metadata:
          name: %s
          labels: {%s}
        spec:
          workload: Pod
          template:
            spec:
              containers: [{name: app, image: nginx:1.27}]
        """
        .formatted(name, DenyStatusWrites.LABEL);
  }

  @Test
  void aRefusedStatusFailsTheReconcileAtOnceWithTheServersMessage() throws Exception {
    DenyStatusWrites.applyAndAwait(ns);

    ClusterTests.apply(ns, blueprint("refused"));
    String refused = "the API server refused the status of " + ns + "/refused";
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> Files.readString(operator.log()).contains(refused));
    String log = Files.readString(operator.log());
    assertThat(log).contains(DenyStatusWrites.MESSAGE);
    assertThat(log)
        .as("no wait for a newer version in the cache after a refusal")
        .doesNotContain("Timeout of resource polling");
    var status = ClusterTests.get(ns, "refused").getStatus();
    assertThat(status == null ? null : status.conditions).as("nothing was written").isNullOrEmpty();
  }
}
