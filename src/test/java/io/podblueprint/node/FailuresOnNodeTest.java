package io.podblueprint.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.clients.LiveVerdicts;
import io.podblueprint.cluster.ClusterTests;
import io.podblueprint.cluster.TestNamespace;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Containers that fail for real on the real node, and the same blueprints failed by KWOK's stages
 * (k8s/kwok/stages/pod-fail-*.yaml, annotation podblueprint.io/kwok-fail) on a fake node beside it:
 * the fake must write what the kubelet writes, and the operator must report both alike.
 */
@Tag("node")
class FailuresOnNodeTest {
  static final Duration TIMEOUT = Duration.ofSeconds(150);

  @RegisterExtension static final TestNamespace ns = TestNamespace.onRealNode("failures");

  static String blueprint(String name, String annotations, String container) {
    return Blueprints.named(name)
        .workload("Pod")
        .annotations("{" + annotations + "}")
        .podSpec("terminationGracePeriodSeconds: 1")
        .containers(container)
        .yaml();
  }

  @ParameterizedTest(name = "{0}: the KWOK stage writes what the kubelet writes")
  @CsvSource(
      delimiter = '|',
      value = {
        "OOMKilled        | CrashLoopBackOff | busybox:1.36 | [sh, -c, 'tail /dev/zero'] | 16Mi",
        "CrashLoopBackOff | CrashLoopBackOff | busybox:1.36 | [sh, -c, 'echo failing; exit 1'] | 64Mi",
        "ImagePullBackOff | ImagePullBackOff | registry.example/app:1.0 | [sh] | 64Mi"
      })
  void theKwokStageMatchesTheKubelet(
      String state, String waiting, String image, String command, String memory) {
    String container =
        """
        - name: app
          image: %s
          command: %s
          resources: {limits: {memory: %s}}
        """
            .formatted(image, command, memory);
    String real = "real-" + state.toLowerCase();
    String fake = "kwok-" + state.toLowerCase();
    RealNode.apply(ns.name(), blueprint(real, "", container));
    // The pod as read with the container waiting: between back-offs the kubelet runs the
    // container again, and the pod is Ready for that moment.
    Pod realPod =
        RealNode.awaitPodWithContainer(ns.name(), real, c -> isWaiting(c, waiting), TIMEOUT);
    ContainerStatus kubelet =
        RealNode.containerStatuses(realPod)
            .filter(c -> isWaiting(c, waiting))
            .findFirst()
            .orElseThrow();
    // The stage, told to fake the restart count the kubelet has reached, beside it.
    ClusterTests.apply(
        ns.name(),
        blueprint(
            fake,
            "podblueprint.io/kwok-fail: %s, podblueprint.io/kwok-restart-count: '%d'"
                .formatted(state, kubelet.getRestartCount()),
            container));
    Pod fakePod =
        RealNode.awaitPodWithContainer(ns.name(), fake, c -> isWaiting(c, waiting), TIMEOUT);
    ContainerStatus stage =
        RealNode.containerStatuses(fakePod)
            .filter(c -> isWaiting(c, waiting))
            .findFirst()
            .orElseThrow();
    assertThat(realPod.getSpec().getNodeName()).isEqualTo(RealNode.NAME);
    assertThat(fakePod.getSpec().getNodeName()).isNotEqualTo(RealNode.NAME);

    assertThat(fakePod.getStatus().getPhase()).isEqualTo(realPod.getStatus().getPhase());
    assertThat(stage.getReady()).isEqualTo(kubelet.getReady()).isFalse();
    assertThat(stage.getStarted()).isEqualTo(kubelet.getStarted());
    assertThat(messageShape(stage, fakePod)).isEqualTo(messageShape(kubelet, realPod));
    if (kubelet.getLastState().getTerminated() == null) {
      assertThat(stage.getLastState().getTerminated()).isNull();
      assertThat(stage.getRestartCount()).isEqualTo(kubelet.getRestartCount()).isZero();
    } else {
      var real0 = kubelet.getLastState().getTerminated();
      var fake0 = stage.getLastState().getTerminated();
      assertThat(fake0.getReason()).isEqualTo(real0.getReason());
      assertThat(fake0.getExitCode()).isEqualTo(real0.getExitCode());
      assertThat(stage.getRestartCount()).isEqualTo(kubelet.getRestartCount()).isPositive();
    }
    for (String condition : new String[] {"Ready", "ContainersReady", "Initialized"}) {
      assertThat(podCondition(fakePod, condition)).isEqualTo(podCondition(realPod, condition));
    }

    PodBlueprint realBlueprint =
        ClusterTests.awaitBlueprint(
            ns.name(), real, "reason " + state, bp -> state.equals(bp.getStatus().reason), TIMEOUT);
    PodBlueprint fakeBlueprint =
        ClusterTests.awaitBlueprint(
            ns.name(), fake, "reason " + state, bp -> state.equals(bp.getStatus().reason), TIMEOUT);
    assertThat(realBlueprint.getStatus().phase).isEqualTo(fakeBlueprint.getStatus().phase);
    assertThat(
            ClusterTests.condition(realBlueprint, ConditionTypes.READY).orElseThrow().getReason())
        .isEqualTo(state);
    // The kubelet's failure, as waiting tools read it: kstatus fails, Argo CD says Degraded.
    for (String name : new String[] {real, fake}) {
      LiveVerdicts verdicts = LiveVerdicts.of(ns.name(), name);
      assertThat(verdicts.kstatus().status()).as("%s: %s", name, verdicts).isEqualTo("Failed");
      assertThat(verdicts.argoCd().status()).as("%s: %s", name, verdicts).isEqualTo("Degraded");
      assertThat(verdicts.argoCd().message()).as("%s", name).contains(state);
    }
  }

  @Test
  void anUnpullableImageIsErrImagePullThenImagePullBackOff() {
    String container = "- {name: app, image: registry.example/never:1.0}";
    RealNode.apply(ns.name(), blueprint("pull", "", container));
    RealNode.awaitKubeletEvent(ns.name(), "pull", "Failed", "Error: ErrImagePull", TIMEOUT);
    RealNode.awaitKubeletEvent(ns.name(), "pull", "Failed", "Error: ImagePullBackOff", TIMEOUT);
    ClusterTests.awaitBlueprint(
        ns.name(),
        "pull",
        "reason ImagePullBackOff",
        bp -> "ImagePullBackOff".equals(bp.getStatus().reason),
        TIMEOUT);
  }

  @Test
  void aMissingConfigMapKeyIsCreateContainerConfigError() {
    String container =
        """
        - name: app
          image: busybox:1.36
          command: [sleep, "600"]
          env:
          - name: SETTING
            valueFrom: {configMapKeyRef: {name: absent, key: setting}}
        """;
    RealNode.apply(ns.name(), blueprint("config", "", container));
    ContainerStatus kubelet =
        RealNode.awaitContainer(
            ns.name(), "config", c -> isWaiting(c, "CreateContainerConfigError"), TIMEOUT);
    assertThat(kubelet.getState().getWaiting().getMessage())
        .isEqualTo("configmap \"absent\" not found");
    PodBlueprint blueprint =
        ClusterTests.awaitBlueprint(
            ns.name(),
            "config",
            "reason CreateContainerConfigError",
            bp -> "CreateContainerConfigError".equals(bp.getStatus().reason),
            TIMEOUT);
    assertThat(ClusterTests.condition(blueprint, ConditionTypes.READY).orElseThrow().getMessage())
        .contains("configmap \"absent\" not found");
  }

  static boolean isWaiting(ContainerStatus c, String reason) {
    return c.getState().getWaiting() != null
        && reason.equals(c.getState().getWaiting().getReason());
  }

  /**
   * The waiting message with the pod's own names taken out, and the registry's answer (the stage
   * cannot know what a registry would have said).
   */
  static String messageShape(ContainerStatus c, Pod pod) {
    return c.getState()
        .getWaiting()
        .getMessage()
        .replace(pod.getMetadata().getName(), "<pod>")
        .replace(pod.getMetadata().getNamespace(), "<ns>")
        .replace(pod.getMetadata().getUid(), "<uid>")
        .replaceAll(": failed to resolve image: .*", ": failed to resolve image: <why>");
  }

  static String podCondition(Pod pod, String type) {
    return pod.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .map(c -> c.getStatus() + " " + c.getReason())
        .findFirst()
        .orElse("absent");
  }
}
