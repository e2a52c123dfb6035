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
import io.podblueprint.BlueprintYaml;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.status.ConditionTypes;
import io.podblueprint.status.Reasons;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

  @RegisterExtension static final TestNamespace ns = TestNamespace.withSharedOperator("edges");
  static final KubernetesClient client = ClusterTests.client();

  /** A blueprint of the kind running one container "app" of nginx:1.27, with more of its spec. */
  static String blueprint(String name, String kind, String more) {
    return Blueprints.named(name).workload(kind).spec(more).yaml();
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
    args.addAll(List.of("-n", ns.name()));
    Kubectl.run(args.toArray(String[]::new)).orFail();
    HasMetadata before = client.resources(type).inNamespace(ns.name()).withName(name).get();

    ClusterTests.apply(ns.name(), blueprint(name, workload, more));
    PodBlueprint stalled =
        ClusterTests.awaitCondition(ns.name(), name, ConditionTypes.STALLED, "True", WAIT);
    var condition = ClusterTests.condition(stalled, ConditionTypes.STALLED).orElseThrow();
    assertThat(condition.getReason()).isEqualTo(Reasons.CHILD_REFUSED);
    assertThat(condition.getMessage())
        .contains(kind + " " + name + " already exists and is not controlled by this blueprint")
        .contains(manager);
    HasMetadata after = client.resources(type).inNamespace(ns.name()).withName(name).get();
    // Its controller may write its status; the operator writes nothing: no field of the
    // operator's, the same spec generation, labels and owners.
    assertThat(after.getMetadata().getManagedFields())
        .as("the operator never wrote to the %s", kind)
        .noneMatch(f -> "podblueprint-operator".equals(f.getManager()));
    assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
    assertThat(after.getMetadata().getLabels()).isEqualTo(before.getMetadata().getLabels());
    assertThat(after.getMetadata().getOwnerReferences())
        .isEqualTo(before.getMetadata().getOwnerReferences());

    client.resources(PodBlueprint.class).inNamespace(ns.name()).withName(name).delete();
    await().atMost(WAIT).until(() -> ClusterTests.get(ns.name(), name) == null);
    HasMetadata survivor = client.resources(type).inNamespace(ns.name()).withName(name).get();
    assertThat(survivor).as("garbage collection left the %s alone", kind).isNotNull();
    assertThat(survivor.getMetadata().getOwnerReferences())
        .noneMatch(o -> "PodBlueprint".equals(o.getKind()));
  }

  /** Items 1 and 6: once the object in the way is gone, the blueprint proceeds by itself. */
  @Test
  void aBlueprintRefusedForAnObjectInTheWayProceedsOnceItIsGone() {
    Kubectl.run("create", "service", "clusterip", "taken", "--tcp=80:8080", "-n", ns.name())
        .orFail();
    ClusterTests.apply(
        ns.name(), blueprint("taken", "Deployment", "service:\n  ports: [{port: 80}]\n"));
    PodBlueprint stalled =
        ClusterTests.awaitCondition(ns.name(), "taken", ConditionTypes.STALLED, "True", WAIT);
    assertThat(client.apps().deployments().inNamespace(ns.name()).withName("taken").get())
        .as("nothing is written while a child's name is taken")
        .isNull();
    client.services().inNamespace(ns.name()).withName("taken").delete();
    PodBlueprint ready =
        ClusterTests.awaitCondition(
            ns.name(), "taken", ConditionTypes.READY, "True", Duration.ofSeconds(60 + 30));
    assertThat(ready.getMetadata().getGeneration())
        .isEqualTo(stalled.getMetadata().getGeneration());
    assertThat(
            client
                .services()
                .inNamespace(ns.name())
                .withName("taken")
                .get()
                .getMetadata()
                .getOwnerReferences())
        .anyMatch(o -> o.getUid().equals(ready.getMetadata().getUid()));
  }

  /** Item 3: ttlSecondsAfterFinished 0 deletes the Job the moment it completes. */
  @Test
  void aJobWithTtlZeroRunsOnce() {
    ClusterTests.apply(ns.name(), blueprint("ttl", "Job", "job: {ttlSecondsAfterFinished: 0}\n"));
    ClusterTests.awaitBlueprint(
        ns.name(),
        "ttl",
        "a recorded run and its Job gone",
        bp ->
            bp.getStatus() != null
                && bp.getMetadata().getGeneration().equals(bp.getStatus().runGeneration)
                && client.batch().v1().jobs().inNamespace(ns.name()).withName("ttl").get() == null,
        WAIT);
    assertNoJobFor(QUIET, "ttl");
    PodBlueprint after = ClusterTests.get(ns.name(), "ttl");
    assertThat(after.getStatus().phase).isIn("Succeeded", "Finished");
    assertThat(createdEvents("Job ttl")).isEqualTo(1);
  }

  /** Item 3: the Job finished and was deleted while no operator was running. */
  @Test
  void aJobGoneWhileTheOperatorWasDownIsNotRunAgain() {
    ClusterTests.apply(ns.name(), blueprint("offline", "Job", ""));
    ClusterTests.awaitCondition(ns.name(), "offline", ConditionTypes.COMPLETE, "True", WAIT);
    KwokCluster.stopSharedOperator();
    try {
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(ns.name())
          .withName("offline")
          .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND)
          .delete();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  client.batch().v1().jobs().inNamespace(ns.name()).withName("offline").get()
                      == null);
    } finally {
      KwokCluster.operator();
    }
    assertNoJobFor(QUIET, "offline");
    PodBlueprint after = ClusterTests.get(ns.name(), "offline");
    assertThat(ClusterTests.condition(after, ConditionTypes.COMPLETE).orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(createdEvents("Job offline")).isEqualTo(1);
  }

  /** Item 3: a bare Pod that succeeded and was garbage-collected is not started again. */
  @Test
  void aSucceededBarePodThatIsCollectedIsNotRunAgain() {
    ClusterTests.apply(
        ns.name(), Blueprints.named("once").workload("Pod").podSpec("restartPolicy: Never").yaml());
    ClusterTests.awaitCondition(ns.name(), "once", ConditionTypes.READY, "True", WAIT);
    // KWOK keeps bare pods Running; the kubelet's part (the container exits 0) is played here.
    ClusterTests.retryOnConflict(
        () ->
            client
                .pods()
                .inNamespace(ns.name())
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
        ns.name(), "once", "phase Succeeded", bp -> "Succeeded".equals(bp.getStatus().phase), WAIT);
    client.pods().inNamespace(ns.name()).withName("once").withGracePeriod(0).delete();
    await()
        .atMost(WAIT)
        .until(() -> client.pods().inNamespace(ns.name()).withName("once").get() == null);
    await()
        .during(QUIET)
        .atMost(QUIET.plusSeconds(5))
        .until(() -> client.pods().inNamespace(ns.name()).withName("once").get() == null);
    assertThat(createdEvents("Pod once")).isEqualTo(1);
  }

  /**
   * Items 2 and 6: a kind switch to a Pod that an admission policy refuses keeps the running
   * Deployment; once the policy no longer applies, the Pod is created and only then the Deployment
   * deleted, with no change to the blueprint.
   */
  @Test
  void aKindSwitchToARefusedPodKeepsTheDeploymentUntilThePodIsAccepted() {
    ClusterTests.apply(ns.name(), blueprint("switch", "Deployment", "replicas: 2\n"));
    ClusterTests.awaitCondition(ns.name(), "switch", ConditionTypes.READY, "True", WAIT);
    String policy = "no-bare-pods-" + ns.name();
    client.resource(NO_BARE_PODS.replace("NAME", policy).replace("NS", ns.name())).create();
    client.resource(NO_BARE_PODS_BINDING.replace("NAME", policy).replace("NS", ns.name())).create();
    try {
      awaitPolicyEnforced();
      ClusterTests.apply(ns.name(), blueprint("switch", "Pod", ""));
      PodBlueprint stalled =
          ClusterTests.awaitCondition(ns.name(), "switch", ConditionTypes.STALLED, "True", WAIT);
      assertThat(ClusterTests.condition(stalled, ConditionTypes.STALLED).orElseThrow().getMessage())
          .contains("bare pods are not allowed here");
      Deployment running =
          client.apps().deployments().inNamespace(ns.name()).withName("switch").get();
      assertThat(running).as("the refusal costs no running workload").isNotNull();
      assertThat(running.getMetadata().getDeletionTimestamp()).isNull();
      assertThat(running.getStatus().getReadyReplicas()).isEqualTo(2);

      deleteBinding(policy);
      PodBlueprint ready =
          ClusterTests.awaitCondition(
              ns.name(), "switch", ConditionTypes.READY, "True", Duration.ofSeconds(60 + 30));
      assertThat(ready.getMetadata().getGeneration())
          .isEqualTo(stalled.getMetadata().getGeneration());
      await()
          .atMost(WAIT)
          .until(
              () ->
                  client.apps().deployments().inNamespace(ns.name()).withName("switch").get()
                      == null);
      assertThat(client.pods().inNamespace(ns.name()).withName("switch").get()).isNotNull();
    } finally {
      deleteBinding(policy);
      Kubectl.run("delete", "validatingadmissionpolicy", policy, "--ignore-not-found");
    }
  }

  /**
   * All or nothing on a new blueprint: its children are created together, without dry runs, so when
   * the Pod is refused the Service created beside it is deleted again before the refusal is
   * reported. Only once: while the refusal lasts, the rechecks take the dry-run path, so the
   * Service is not created and deleted on every reconcile. Once the policy goes, both are created.
   */
  @Test
  void aNewBlueprintWhosePodIsRefusedLeavesNoServiceBehind() {
    String policy = "no-bare-pods-lone-" + ns.name();
    client.resource(NO_BARE_PODS.replace("NAME", policy).replace("NS", ns.name())).create();
    client.resource(NO_BARE_PODS_BINDING.replace("NAME", policy).replace("NS", ns.name())).create();
    java.util.Map<String, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();
    try (var services =
        client
            .services()
            .inNamespace(ns.name())
            .withField("metadata.name", "lone")
            .watch(recorder(seen, "service"))) {
      awaitPolicyEnforced();
      ClusterTests.apply(ns.name(), blueprint("lone", "Pod", "service:\n  ports: [{port: 80}]\n"));
      PodBlueprint stalled =
          ClusterTests.awaitCondition(ns.name(), "lone", ConditionTypes.STALLED, "True", WAIT);
      assertThat(ClusterTests.condition(stalled, ConditionTypes.STALLED).orElseThrow().getMessage())
          .contains("bare pods are not allowed here");
      assertThat(client.services().inNamespace(ns.name()).withName("lone").get())
          .as("the Service created beside the refused Pod is gone when the refusal is reported")
          .isNull();
      assertThat(createdEvents("Service lone")).isZero();
      await()
          .during(Duration.ofSeconds(15))
          .atMost(Duration.ofSeconds(20))
          .until(() -> client.services().inNamespace(ns.name()).withName("lone").get() == null);
      assertThat(seen.keySet().stream().filter(k -> k.startsWith("service ADDED")).count())
          .as("Services created while the Pod stays refused (rechecks every 5-10 s): %s", seen)
          .isBetween(1L, 2L);

      deleteBinding(policy);
      ClusterTests.awaitCondition(
          ns.name(), "lone", ConditionTypes.READY, "True", Duration.ofSeconds(60 + 30));
      assertThat(client.services().inNamespace(ns.name()).withName("lone").get()).isNotNull();
      assertThat(client.pods().inNamespace(ns.name()).withName("lone").get()).isNotNull();
    } finally {
      deleteBinding(policy);
      Kubectl.run("delete", "validatingadmissionpolicy", policy, "--ignore-not-found");
    }
  }

  /**
   * The first creates run in the plan's order, the Service first: a Service refused for its
   * nodePort (taken by another Service; only the real write checks it) is the only write, so the
   * blueprint's Pod is never created, not even for a moment.
   */
  @Test
  void aNewBlueprintWhoseServiceIsRefusedNeverCreatesItsPod() {
    int nodePort = 30000 + new java.util.Random().nextInt(2700);
    client
        .resource(
            new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata()
                .withName("holder")
                .withNamespace(ns.name())
                .endMetadata()
                .withNewSpec()
                .withType("NodePort")
                .addNewPort()
                .withPort(80)
                .withNodePort(nodePort)
                .endPort()
                .endSpec()
                .build())
        .create();
    java.util.Map<String, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();
    try (var pods =
        client
            .pods()
            .inNamespace(ns.name())
            .withField("metadata.name", "portless")
            .watch(recorder(seen, "pod"))) {
      ClusterTests.apply(
          ns.name(),
          blueprint(
              "portless",
              "Pod",
              "service:\n  type: NodePort\n  ports: [{port: 80, nodePort: " + nodePort + "}]\n"));
      PodBlueprint stalled =
          ClusterTests.awaitCondition(ns.name(), "portless", ConditionTypes.STALLED, "True", WAIT);
      assertThat(ClusterTests.condition(stalled, ConditionTypes.STALLED).orElseThrow().getMessage())
          .contains("already allocated");
      assertThat(seen.keySet())
          .as("pod events while its Service is refused")
          .noneMatch(key -> key.startsWith("pod ADDED"));
      assertThat(client.pods().inNamespace(ns.name()).withName("portless").get()).isNull();
    }
  }

  /** Item 6: a bare Pod refused by Pod Security is created once the namespace allows it. */
  @Test
  void aBarePodRefusedByPodSecurityIsCreatedOnceTheNamespaceAllowsIt() {
    String restricted = ClusterTests.namespace("psa");
    try {
      Kubectl.run("label", "namespace", restricted, "pod-security.kubernetes.io/enforce=restricted")
          .orFail();
      ClusterTests.apply(restricted, blueprint("web", "Pod", ""));
      PodBlueprint stalled =
          ClusterTests.awaitCondition(restricted, "web", ConditionTypes.STALLED, "True", WAIT);
      assertThat(ClusterTests.condition(stalled, ConditionTypes.STALLED).orElseThrow().getMessage())
          .contains("violates PodSecurity");
      Kubectl.run("label", "namespace", restricted, "pod-security.kubernetes.io/enforce-").orFail();
      ClusterTests.awaitCondition(
          restricted, "web", ConditionTypes.READY, "True", Duration.ofSeconds(60 + 30));
    } finally {
      ClusterTests.deleteNamespace(restricted);
    }
  }

  /**
   * Items 2 and 4: a Job whose template changes is replaced. It keeps its name, so the old one must
   * go first: it is deleted in the foreground (its pods before it), and the new one is created as
   * soon as its deletion is seen. Old and new pods never overlap, and the gap is short.
   */
  @Test
  void aReplacedJobsPodsAreGoneBeforeTheNewJobExists() throws Exception {
    // podblueprint.io/kwok-fail with no matching stage: KWOK leaves the pod Pending, the run
    // active.
    BlueprintYaml held =
        Blueprints.named("again").workload("Job").annotations("{podblueprint.io/kwok-fail: Hold}");
    ClusterTests.apply(ns.name(), held.yaml());
    await()
        .atMost(WAIT)
        .until(
            () ->
                !client
                    .pods()
                    .inNamespace(ns.name())
                    .withLabel("job-name", "again")
                    .list()
                    .getItems()
                    .isEmpty());
    String oldUid =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(ns.name())
            .withName("again")
            .get()
            .getMetadata()
            .getUid();
    java.util.Map<String, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();
    try (var pods =
            client
                .pods()
                .inNamespace(ns.name())
                .withLabel("job-name", "again")
                .watch(recorder(seen, "pod"));
        var jobs = client.batch().v1().jobs().inNamespace(ns.name()).watch(recorder(seen, "job"))) {
      ClusterTests.apply(
          ns.name(), held.containers("- {name: app, image: nginx:1.27, args: [again]}").yaml());
      io.fabric8.kubernetes.api.model.batch.v1.Job replaced =
          await()
              .atMost(WAIT)
              .until(
                  () -> client.batch().v1().jobs().inNamespace(ns.name()).withName("again").get(),
                  j -> j != null && !j.getMetadata().getUid().equals(oldUid));
      String newUid = replaced.getMetadata().getUid();
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.containsKey("job ADDED " + newUid));
      long created = seen.get("job ADDED " + newUid);
      long oldGone = seen.getOrDefault("job DELETED " + oldUid, -1L);
      assertThat(oldGone).as("the old Job's deletion was seen").isPositive();
      long lastOldPod =
          seen.entrySet().stream()
              .filter(e -> e.getKey().startsWith("pod DELETED owner=" + oldUid))
              .mapToLong(java.util.Map.Entry::getValue)
              .max()
              .orElse(-1);
      assertThat(lastOldPod).as("the old Job's pods were deleted").isPositive();
      assertThat(lastOldPod)
          .as("old pods are gone before the new Job exists")
          .isLessThanOrEqualTo(created);
      assertThat(created - oldGone)
          .as("gap between the old Job gone and the new one created, ms")
          .isLessThan(10_000);
      System.out.printf("replacement gap: %d ms%n", created - oldGone);
    }
  }

  private static <T extends HasMetadata> io.fabric8.kubernetes.client.Watcher<T> recorder(
      java.util.Map<String, Long> seen, String what) {
    return new io.fabric8.kubernetes.client.Watcher<>() {
      @Override
      public void eventReceived(Action action, T object) {
        var owners = object.getMetadata().getOwnerReferences();
        String owner = owners == null || owners.isEmpty() ? "" : " owner=" + owners.get(0).getUid();
        String key =
            what
                + " "
                + action
                + (what.equals("pod")
                    ? owner + " " + object.getMetadata().getName()
                    : " " + object.getMetadata().getUid());
        seen.putIfAbsent(key, System.currentTimeMillis());
      }

      @Override
      public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
    };
  }

  static final String NO_BARE_PODS =
      """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: NAME}
      spec:
        failurePolicy: Fail
        matchConstraints:
          resourceRules:
            - apiGroups: [""]
              apiVersions: [v1]
              operations: [CREATE]
              resources: [pods]
        validations:
          - expression: >-
              !has(object.metadata.ownerReferences) ||
              !object.metadata.ownerReferences.exists(o, o.kind == 'PodBlueprint')
            message: bare pods are not allowed here
      """;

  static final String NO_BARE_PODS_BINDING =
      """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: NAME}
      spec:
        policyName: NAME
        validationActions: [Deny]
        matchResources:
          namespaceSelector:
            matchLabels: {kubernetes.io/metadata.name: NS}
      """;

  private static void deleteBinding(String name) {
    Kubectl.run("delete", "validatingadmissionpolicybinding", name, "--ignore-not-found");
  }

  /** The API server loads policies asynchronously: wait until a dry run is refused. */
  private static void awaitPolicyEnforced() {
    Pod probe =
        new io.fabric8.kubernetes.api.model.PodBuilder()
            .withNewMetadata()
            .withName("policy-probe")
            .withNamespace(ns.name())
            .addNewOwnerReference()
            .withApiVersion("podblueprint.io/v1alpha1")
            .withKind("PodBlueprint")
            .withName("probe")
            .withUid("00000000-0000-0000-0000-000000000001")
            .endOwnerReference()
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("nginx:1.27")
            .endContainer()
            .endSpec()
            .build();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              try {
                client.resource(probe).dryRun().create();
                return false;
              } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                return e.getMessage().contains("bare pods are not allowed here");
              }
            });
  }

  private static void assertNoJobFor(Duration quiet, String name) {
    await()
        .during(quiet)
        .atMost(quiet.plusSeconds(5))
        .until(
            () -> client.batch().v1().jobs().inNamespace(ns.name()).withName(name).get() == null);
  }

  /** The operator's "Created ..." Events that name this child. */
  private static long createdEvents(String child) {
    return client.v1().events().inNamespace(ns.name()).list().getItems().stream()
        .filter(e -> "Created".equals(e.getReason()))
        .filter(e -> e.getMessage() != null && e.getMessage().contains(child))
        .mapToLong(e -> e.getCount() == null ? 1 : e.getCount())
        .sum();
  }
}
