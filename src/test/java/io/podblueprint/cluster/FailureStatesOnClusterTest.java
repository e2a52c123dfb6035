package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.clients.LiveVerdicts;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A container stuck in a failure state gives the matching reason on the blueprint. The states come
 * from custom KWOK Stages (k8s/kwok/stages/pod-fail-*.yaml), selected by a pod annotation.
 */
@Tag("cluster")
class FailureStatesOnClusterTest {

  @RegisterExtension static final TestNamespace ns = TestNamespace.withSharedOperator("failures");

  @ParameterizedTest(name = "{1} on a {0}")
  @CsvSource({
    "Pod, ImagePullBackOff, Back-off pulling image",
    "Deployment, ImagePullBackOff, Back-off pulling image",
    "Pod, CrashLoopBackOff, last exit code 1",
    "Deployment, CrashLoopBackOff, last exit code 1",
    "Pod, OOMKilled, exit code 137",
    "Deployment, OOMKilled, exit code 137"
  })
  void theContainersReasonReachesTheBlueprint(String kind, String state, String detail) {
    String name = (kind + "-" + state).toLowerCase();
    ClusterTests.apply(
        ns.name(),
        Blueprints.named(name)
            .workload(kind)
            .annotations("podblueprint.io/kwok-fail: " + state)
            .containers("- {name: app, image: registry.example/app:1.0}")
            .yaml());
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                ClusterTests.condition(ClusterTests.get(ns.name(), name), ConditionTypes.READY)
                    .filter(c -> state.equals(c.getReason()))
                    .isPresent());
    PodBlueprint blueprint = ClusterTests.get(ns.name(), name);
    var ready = ClusterTests.condition(blueprint, ConditionTypes.READY).orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getMessage()).contains("container app").contains(detail);
    var containers =
        ClusterTests.condition(blueprint, ConditionTypes.CONTAINERS_READY).orElseThrow();
    assertThat(containers.getReason()).isEqualTo(state);
    assertThat(blueprint.getStatus().phase).isEqualTo("Degraded");
    assertThat(blueprint.getStatus().reason).isEqualTo(state);
    assertThat(blueprint.getStatus().pods)
        .first()
        .satisfies(p -> assertThat(p.reason()).isEqualTo(state));
    // The pods cannot get ready on their own: Stalled, so waiting tools fail at once.
    var stalled = ClusterTests.condition(blueprint, ConditionTypes.STALLED).orElseThrow();
    assertThat(stalled.getStatus()).isEqualTo("True");
    assertThat(stalled.getReason()).isEqualTo(state);
    LiveVerdicts verdicts = LiveVerdicts.of(ns.name(), name);
    assertThat(verdicts.kstatus().status()).as("%s", verdicts).isEqualTo("Failed");
    assertThat(verdicts.argoCd().status()).as("%s", verdicts).isEqualTo("Degraded");
    assertThat(verdicts.argoCd().message()).contains(state);
  }
}
