package io.podblueprint.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import io.podblueprint.config.CacheTrim;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The informer caches keep only part of a workload's pods (CacheTrim): the status computed from
 * what they keep is the status computed from the whole pods, for every shape of pod the status
 * tests know.
 */
@Tag("unit")
class StatusFromTrimmedCacheTest {

  static Stream<Arguments> pods() {
    return Stream.of(
        Arguments.of("ready", Fixtures.readyPod("web-1")),
        Arguments.of("starting", Fixtures.startingPod("web-1")),
        Arguments.of("unschedulable", Fixtures.unschedulablePod("web-1", Fixtures.UNSCHEDULABLE)),
        Arguments.of("image pull", Fixtures.imagePullBackOffPod("web-1")),
        Arguments.of("crash loop", Fixtures.crashLoopPod("web-1")),
        Arguments.of("config error", Fixtures.configErrorPod("web-1")),
        Arguments.of("oom killed", Fixtures.oomKilledPod("web-1")),
        Arguments.of("oom killed now", Fixtures.oomKilledNowPod("web-1")),
        Arguments.of("init crash loop", Fixtures.initCrashLoopPod("web-1")),
        Arguments.of("failed", Fixtures.failedPod("web-1", 2)),
        Arguments.of("succeeded", Fixtures.succeededPod("web-1")),
        Arguments.of("unready", Fixtures.unreadyPod("web-1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pods")
  void aDeploymentsStatusIsTheSameFromTrimmedPods(String shape, Pod pod) {
    var deployment =
        Fixtures.deployment(1, Fixtures.deploymentStatus(Fixtures.GENERATION, 1, 1, 0));
    Pod trimmed = CacheTrim.trim(Blueprints.SERIALIZATION.clone(pod));
    assertThat(trimmed.getSpec().getContainers()).isEmpty(); // it was trimmed

    PodBlueprintStatus whole =
        Fixtures.aggregate(WorkloadKind.Deployment, Fixtures.observe(deployment, pod));
    PodBlueprintStatus fromCache =
        Fixtures.aggregate(WorkloadKind.Deployment, Fixtures.observe(deployment, trimmed));

    assertThat(fromCache).usingRecursiveComparison().isEqualTo(whole);
  }
}
