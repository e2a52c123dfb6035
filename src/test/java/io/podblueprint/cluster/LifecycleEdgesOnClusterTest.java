package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.ConditionTypes;
import io.podblueprint.status.Reasons;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16 on a real API server with its controllers: a name that is taken is never taken over, a
 * run to completion runs once per generation, and a refused child never costs the running one.
 */
@Tag("cluster")
class LifecycleEdgesOnClusterTest {
  static final Duration WAIT = Duration.ofSeconds(90);

  /** How long "nothing happens" is watched for: longer than a reconcile after any event. */
  static final Duration QUIET = Duration.ofSeconds(15);

  static KubernetesClient client;
  static String ns;

  @BeforeAll
  static void setUp() {
    KwokCluster.operator();
    client = ClusterTests.client();
    ns = ClusterTests.namespace("edges");
  }

  @AfterAll
  static void tearDown() {
    ClusterTests.deleteNamespace(ns);
  }

  static String blueprint(String name, String kind, String more) {
    return """
        apiVersion: podblueprint.io/v1alpha1
        kind: PodBlueprint
        metadata:
          name: %s
        spec:
          workload: %s
          template:
            spec:
              containers:
                - name: app
                  image: nginx:1.27
        %s"""
        .formatted(name, kind, more.stripIndent().indent(2));
  }

  static Stream<Arguments> foreignObjects() {
    return Stream.of(
        Arguments.of(
            "Service",
            Service.class,
            "Deployment",
            "service:\n  ports: [{port: 80}]\n",
            List.of("create", "service", "clusterip", "NAME", "--tcp=80:8080"),
            "kubectl-create"),
        Arguments.of(
            "Deployment",
            Deployment.class,
            "Deployment",
            "",
            List.of("create", "deployment", "NAME", "--image=nginx:1.27"),
            "kubectl-create"),
        Arguments.of(
            "Pod",
            Pod.class,
            "Pod",
            "",
            List.of("run", "NAME", "--image=nginx:1.27"),
            "kubectl-run"),
        Arguments.of(
            "Job",
            Job.class,
            "Job",
            "",
            List.of("create", "job", "NAME", "--image=busybox:1.36"),
            "kubectl-create"),
        Arguments.of(
            "CronJob",
            CronJob.class,
            "CronJob",
            "cronJob: {schedule: \"0 0 1 1 *\"}\n",
            List.of("create", "cronjob", "NAME", "--image=busybox:1.36", "--schedule=0 0 1 1 *"),
            "kubectl-create"));
  }

  /** Item 1: named, never modified, adopted or deleted, not even with the blueprint. */
  @ParameterizedTest(name = "a hand-made {0} is refused, not taken over")
  @MethodSource("foreignObjects")
  void aHandMadeObjectOfAChildsNameIsNeverTakenOver(
      String kind,
      Class<? extends HasMetadata> type,
      String workload,
      String more,
      List<String> kubectl,
      String manager) {
    String name = "foreign-" + kind.toLowerCase();
    List<String> args =
        new java.util.ArrayList<>(kubectl.stream().map(a -> a.replace("NAME", name)).toList());
    args.addAll(List.of("-n", ns));
    Kubectl.run(args.toArray(String[]::new)).orFail();
    HasMetadata before = client.resources(type).inNamespace(ns).withName(name).get();

    ClusterTests.apply(ns, blueprint(name, workload, more));
    PodBlueprint stalled =
        ClusterTests.awaitCondition(ns, name, ConditionTypes.STALLED, "True", WAIT);
    var condition = KwokCluster.condition(stalled, ConditionTypes.STALLED).orElseThrow();
    assertThat(condition.getReason()).isEqualTo(Reasons.CHILD_REFUSED);
    assertThat(condition.getMessage())
        .contains(kind + " " + name + " already exists and is not controlled by this blueprint")
        .contains(manager);
    HasMetadata after = client.resources(type).inNamespace(ns).withName(name).get();
    assertThat(after.getMetadata().getResourceVersion())
        .as("the operator never wrote to the %s", kind)
        .isEqualTo(before.getMetadata().getResourceVersion());

    client.resources(PodBlueprint.class).inNamespace(ns).withName(name).delete();
    await().atMost(WAIT).until(() -> ClusterTests.get(ns, name) == null);
    HasMetadata survivor = client.resources(type).inNamespace(ns).withName(name).get();
    assertThat(survivor).as("garbage collection left the %s alone", kind).isNotNull();
    assertThat(survivor.getMetadata().getOwnerReferences())
        .noneMatch(o -> "PodBlueprint".equals(o.getKind()));
  }

  /** Items 1 and 6: once the object in the way is gone, the blueprint proceeds by itself. */
  @Test
  void aBlueprintRefusedForAnObjectInTheWayProceedsOnceItIsGone() {
    Kubectl.run("create", "service", "clusterip", "taken", "--tcp=80:8080", "-n", ns).orFail();
    ClusterTests.apply(ns, blueprint("taken", "Deployment", "service:\n  ports: [{port: 80}]\n"));
    PodBlueprint stalled =
        ClusterTests.awaitCondition(ns, "taken", ConditionTypes.STALLED, "True", WAIT);
    assertThat(client.apps().deployments().inNamespace(ns).withName("taken").get())
        .as("nothing is written while a child's name is taken")
        .isNull();
    client.services().inNamespace(ns).withName("taken").delete();
    PodBlueprint ready =
        ClusterTests.awaitCondition(
            ns, "taken", ConditionTypes.READY, "True", Duration.ofSeconds(60 + 30));
    assertThat(ready.getMetadata().getGeneration())
        .isEqualTo(stalled.getMetadata().getGeneration());
    assertThat(
            client
                .services()
                .inNamespace(ns)
                .withName("taken")
                .get()
                .getMetadata()
                .getOwnerReferences())
        .anyMatch(o -> o.getUid().equals(ready.getMetadata().getUid()));
  }

  /** Item 3: ttlSecondsAfterFinished 0 deletes the Job the moment it completes. */
  @Test
  void aJobWithTtlZeroRunsOnce() {
    ClusterTests.apply(ns, blueprint("ttl", "Job", "job: {ttlSecondsAfterFinished: 0}\n"));
    ClusterTests.awaitBlueprint(
        ns,
        "ttl",
        "a recorded run and its Job gone",
        bp ->
            bp.getStatus() != null
                && bp.getMetadata().getGeneration().equals(bp.getStatus().runGeneration)
                && client.batch().v1().jobs().inNamespace(ns).withName("ttl").get() == null,
        WAIT);
    assertNoJobFor(QUIET, "ttl");
    PodBlueprint after = ClusterTests.get(ns, "ttl");
    assertThat(after.getStatus().phase).isIn("Succeeded", "Finished");
    assertThat(createdEvents("Job ttl")).isEqualTo(1);
  }

  /** Item 3: the Job finished and was deleted while no operator was running. */
  @Test
  void aJobGoneWhileTheOperatorWasDownIsNotRunAgain() {
    ClusterTests.apply(ns, blueprint("offline", "Job", ""));
    ClusterTests.awaitCondition(ns, "offline", ConditionTypes.COMPLETE, "True", WAIT);
    KwokCluster.stopSharedOperator();
    try {
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(ns)
          .withName("offline")
          .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND)
          .delete();
      await()
          .atMost(WAIT)
          .until(
              () -> client.batch().v1().jobs().inNamespace(ns).withName("offline").get() == null);
    } finally {
      KwokCluster.operator();
    }
    assertNoJobFor(QUIET, "offline");
    PodBlueprint after = ClusterTests.get(ns, "offline");
    assertThat(KwokCluster.condition(after, ConditionTypes.COMPLETE).orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(createdEvents("Job offline")).isEqualTo(1);
  }

  /** Item 3: a bare Pod that succeeded and was garbage-collected is not started again. */
  @Test
  void aSucceededBarePodThatIsCollectedIsNotRunAgain() {
    ClusterTests.apply(
        ns,
        blueprint("once", "Pod", "")
            .replace("      containers:", "      restartPolicy: Never\n      containers:"));
    ClusterTests.awaitCondition(ns, "once", ConditionTypes.READY, "True", WAIT);
    // KWOK keeps bare pods Running; the kubelet's part (the container exits 0) is played here.
    ClusterTests.retryOnConflict(
        () ->
            client
                .pods()
                .inNamespace(ns)
                .withName("once")
                .editStatus(
                    pod -> {
                      pod.getStatus().setPhase("Succeeded");
                      pod.getStatus()
                          .getContainerStatuses()
                          .forEach(
                              c -> {
                                c.setReady(false);
                                c.setState(
                                    new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
                                        .withNewTerminated()
                                        .withExitCode(0)
                                        .withReason("Completed")
                                        .endTerminated()
                                        .build());
                              });
                      return pod;
                    }));
    ClusterTests.awaitBlueprint(
        ns, "once", "phase Succeeded", bp -> "Succeeded".equals(bp.getStatus().phase), WAIT);
    client.pods().inNamespace(ns).withName("once").withGracePeriod(0).delete();
    await().atMost(WAIT).until(() -> client.pods().inNamespace(ns).withName("once").get() == null);
    await()
        .during(QUIET)
        .atMost(QUIET.plusSeconds(5))
        .until(() -> client.pods().inNamespace(ns).withName("once").get() == null);
    assertThat(createdEvents("Pod once")).isEqualTo(1);
  }

  private static void assertNoJobFor(Duration quiet, String name) {
    await()
        .during(quiet)
        .atMost(quiet.plusSeconds(5))
        .until(() -> client.batch().v1().jobs().inNamespace(ns).withName(name).get() == null);
  }

  /** The operator's "Created ..." Events that name this child. */
  private static long createdEvents(String child) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> "Created".equals(e.getReason()))
        .filter(e -> e.getMessage() != null && e.getMessage().contains(child))
        .mapToLong(e -> e.getCount() == null ? 1 : e.getCount())
        .sum();
  }
}
