package io.podblueprint.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.PodBlueprintStatus;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.time.Instant;
import java.util.List;

/**
 * Children and pods for the status tests, shaped the way the kubelet (or KWOK), the Deployment
 * controller and the Job controller write them.
 */
final class Fixtures {
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  static final String BEFORE = "2025-03-01T11:00:00Z";
  static final long GENERATION = 3L;
  static final String NAME = "web";
  static final String NODE = "kwok-node-0";
  static final String UNSCHEDULABLE =
      "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.";
  static final String POD_SECURITY =
      "pods \"web-abc\" is forbidden: violates PodSecurity \"restricted:latest\":"
          + " allowPrivilegeEscalation != false (container \"app\" must set"
          + " securityContext.allowPrivilegeEscalation=false), runAsNonRoot != true (pod or"
          + " container \"app\" must set securityContext.runAsNonRoot=true)";

  private Fixtures() {}

  // ---- blueprints and observations ----

  /** A blueprint named web of the given kind at {@link #GENERATION}, with no status yet. */
  static PodBlueprint blueprint(WorkloadKind kind) {
    String extra = kind == WorkloadKind.CronJob ? "cronJob:\n  schedule: \"*/5 * * * *\"\n" : "";
    PodBlueprint blueprint = Blueprints.simple(NAME, kind, extra);
    blueprint.getMetadata().setNamespace("default");
    blueprint.getMetadata().setGeneration(GENERATION);
    return blueprint;
  }

  /** The same blueprint as the operator would read it back after writing {@code status}. */
  static PodBlueprint withStatus(PodBlueprint blueprint, PodBlueprintStatus status) {
    PodBlueprint copy = Blueprints.SERIALIZATION.clone(blueprint);
    copy.setStatus(Blueprints.SERIALIZATION.clone(status));
    return copy;
  }

  static Observation observe(HasMetadata workload, Pod... pods) {
    return new Observation(workload, List.of(), List.of(pods), ApplyReport.APPLIED);
  }

  static Observation observe(HasMetadata workload, ApplyReport apply, Pod... pods) {
    return new Observation(workload, List.of(), List.of(pods), apply);
  }

  static Observation observeCronJob(CronJob cronJob, List<Job> jobs, Pod... pods) {
    return new Observation(cronJob, jobs, List.of(pods), ApplyReport.APPLIED);
  }

  static PodBlueprintStatus aggregate(PodBlueprint blueprint, Observation observed) {
    return StatusAggregator.aggregate(blueprint, observed, NOW);
  }

  static PodBlueprintStatus aggregate(WorkloadKind kind, Observation observed) {
    return aggregate(blueprint(kind), observed);
  }

  // ---- reading a status ----

  static Condition condition(PodBlueprintStatus status, String type) {
    return status.conditions.stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " condition in " + status.conditions));
  }

  /** Asserts one condition's status and reason, and returns it for more checks. */
  static Condition assertCondition(
      PodBlueprintStatus status, String type, String expectedStatus, String expectedReason) {
    Condition c = condition(status, type);
    assertThat(c.getStatus()).as(type + " status (%s)", c).isEqualTo(expectedStatus);
    assertThat(c.getReason()).as(type + " reason (%s)", c).isEqualTo(expectedReason);
    return c;
  }

  // ---- pods, as the kubelet reports them ----

  /** Running, scheduled, initialized, all containers ready. */
  static Pod readyPod(String name) {
    return pod(
        name,
        "Running",
        true,
        List.of(
            podCondition("PodReadyToStartContainers", "True", null, null),
            podCondition("Initialized", "True", null, null),
            podCondition("Ready", "True", null, null),
            podCondition("ContainersReady", "True", null, null),
            podCondition("PodScheduled", "True", null, null)),
        List.of(),
        List.of(running("app", true)));
  }

  /** Scheduled, containers still being created. */
  static Pod startingPod(String name) {
    return pod(
        name,
        "Pending",
        true,
        notReadyConditions("Initialized", "True", null, null),
        List.of(),
        List.of(waiting("app", "ContainerCreating", null, 0, null)));
  }

  /** Pending: the scheduler found no node. */
  static Pod unschedulablePod(String name, String message) {
    return pod(
        name,
        "Pending",
        false,
        List.of(podCondition("PodScheduled", "False", "Unschedulable", message)),
        List.of(),
        List.of());
  }

  /** The app container cannot pull its image. */
  static Pod imagePullBackOffPod(String name) {
    return waitingPod(
        name,
        "Pending",
        waiting(
            "app",
            "ImagePullBackOff",
            "Back-off pulling image \"example/app:1\": ErrImagePull: not found",
            0,
            null));
  }

  /** The app container exits with code 1 again and again. */
  static Pod crashLoopPod(String name) {
    return crashLooping(name, "5m0s", 5, exited("Error", 1));
  }

  /** The app container refers to a missing ConfigMap key. */
  static Pod configErrorPod(String name) {
    return waitingPod(
        name,
        "Pending",
        waiting("app", "CreateContainerConfigError", "configmap \"settings\" not found", 0, null));
  }

  /** The app container was killed for memory and now waits in CrashLoopBackOff. */
  static Pod oomKilledPod(String name) {
    return crashLooping(name, "40s", 3, exited("OOMKilled", 137));
  }

  /** The app container waits in CrashLoopBackOff, restarted {@code restarts} times. */
  private static Pod crashLooping(
      String name, String backoff, int restarts, ContainerStateTerminated lastExit) {
    return waitingPod(
        name,
        "Running",
        waiting(
            "app",
            "CrashLoopBackOff",
            "back-off " + backoff + " restarting failed container=app pod=" + name + "_default",
            restarts,
            lastExit));
  }

  /** The init container "migrate" crash-loops; the app container waits for it. */
  static Pod initCrashLoopPod(String name) {
    return pod(
        name,
        "Pending",
        true,
        notReadyConditions(
            "Initialized",
            "False",
            "ContainersNotInitialized",
            "containers with incomplete status: [migrate]"),
        List.of(
            waiting(
                "migrate",
                "CrashLoopBackOff",
                "back-off 20s restarting failed container=migrate pod=" + name + "_default",
                2,
                exited("Error", 1))),
        List.of(waiting("app", "PodInitializing", null, 0, null)));
  }

  /** restartPolicy Never: the app container exited with {@code exitCode}, the pod is Failed. */
  static Pod failedPod(String name, int exitCode) {
    return finishedPod(name, "Failed", null, "PodFailed", exited("Error", exitCode));
  }

  /** restartPolicy Never or OnFailure: the app container exited 0, the pod Succeeded. */
  static Pod succeededPod(String name) {
    return finishedPod(name, "Succeeded", "PodCompleted", "PodCompleted", exited("Completed", 0));
  }

  /** restartPolicy Never: the app container was killed for memory, the pod is Failed. */
  static Pod oomKilledNowPod(String name) {
    return finishedPod(name, "Failed", null, "PodFailed", exited("OOMKilled", 137));
  }

  /** A pod whose app container has terminated for good, as the kubelet reports it. */
  private static Pod finishedPod(
      String name,
      String phase,
      String initializedReason,
      String readyReason,
      ContainerStateTerminated exit) {
    return pod(
        name,
        phase,
        true,
        List.of(
            podCondition("PodReadyToStartContainers", "False", null, null),
            podCondition("Initialized", "True", initializedReason, null),
            podCondition("Ready", "False", readyReason, null),
            podCondition("ContainersReady", "False", readyReason, null),
            podCondition("PodScheduled", "True", null, null)),
        List.of(),
        List.of(terminated("app", exit)));
  }

  /** The same pod, now Ready False: its container failed its readiness probe. */
  static Pod unreadyPod(String name) {
    return pod(
        name,
        "Running",
        true,
        notReadyConditions("Initialized", "True", null, null),
        List.of(),
        List.of(running("app", false)));
  }

  private static Pod waitingPod(String name, String phase, ContainerStatus app) {
    return pod(
        name,
        phase,
        true,
        notReadyConditions("Initialized", "True", null, null),
        List.of(),
        List.of(app));
  }

  private static List<PodCondition> notReadyConditions(
      String initType, String initStatus, String initReason, String initMessage) {
    String unready = "containers with unready status: [app]";
    return List.of(
        podCondition("PodReadyToStartContainers", "True", null, null),
        podCondition(initType, initStatus, initReason, initMessage),
        podCondition("Ready", "False", "ContainersNotReady", unready),
        podCondition("ContainersReady", "False", "ContainersNotReady", unready),
        podCondition("PodScheduled", "True", null, null));
  }

  private static Pod pod(
      String name,
      String phase,
      boolean scheduled,
      List<PodCondition> conditions,
      List<ContainerStatus> initStatuses,
      List<ContainerStatus> statuses) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("default")
            .addToLabels("app.kubernetes.io/instance", NAME)
            .withCreationTimestamp(BEFORE)
            .endMetadata()
            .withNewSpec()
            .withNodeName(scheduled ? NODE : null)
            .addNewContainer()
            .withName("app")
            .withImage("example/app:1")
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase(phase)
            .withConditions(conditions)
            .withInitContainerStatuses(initStatuses)
            .withContainerStatuses(statuses)
            .endStatus();
    if (!initStatuses.isEmpty()) {
      pod.editSpec().addNewInitContainer().withName("migrate").endInitContainer().endSpec();
    }
    return pod.build();
  }

  private static PodCondition podCondition(
      String type, String status, String reason, String message) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(BEFORE)
        .build();
  }

  private static ContainerStatus running(String name, boolean ready) {
    return containerStatus(name, ready, 0, null)
        .withState(new ContainerStateBuilder().withNewRunning(BEFORE).build())
        .build();
  }

  private static ContainerStatus waiting(
      String name, String reason, String message, int restarts, ContainerStateTerminated last) {
    return containerStatus(name, false, restarts, last)
        .withState(new ContainerStateBuilder().withNewWaiting(message, reason).build())
        .build();
  }

  private static ContainerStatus terminated(String name, ContainerStateTerminated state) {
    return containerStatus(name, false, 0, null)
        .withState(new ContainerStateBuilder().withTerminated(state).build())
        .build();
  }

  private static ContainerStatusBuilder containerStatus(
      String name, boolean ready, int restarts, ContainerStateTerminated last) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withImage("example/app:1")
        .withReady(ready)
        .withStarted(ready)
        .withRestartCount(restarts)
        .withLastState(
            last == null
                ? new ContainerState()
                : new ContainerStateBuilder().withTerminated(last).build());
  }

  private static ContainerStateTerminated exited(String reason, int exitCode) {
    return new ContainerStateTerminatedBuilder()
        .withReason(reason)
        .withExitCode(exitCode)
        .withStartedAt(BEFORE)
        .withFinishedAt(BEFORE)
        .build();
  }

  // ---- Deployments, as the Deployment controller reports them ----

  /** A Deployment at {@link #GENERATION} wanting {@code replicas}, with the given status. */
  static Deployment deployment(int replicas, DeploymentStatus status) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace("default")
        .withGeneration(GENERATION)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .endSpec()
        .withStatus(status)
        .build();
  }

  static DeploymentStatus deploymentStatus(
      long observedGeneration,
      int replicas,
      int updated,
      int ready,
      DeploymentCondition... conditions) {
    return new DeploymentStatusBuilder()
        .withObservedGeneration(observedGeneration)
        .withReplicas(replicas)
        .withUpdatedReplicas(updated)
        .withReadyReplicas(ready)
        .withAvailableReplicas(ready)
        .withUnavailableReplicas(replicas - ready)
        .withConditions(conditions)
        .build();
  }

  /** All {@code replicas} updated, ready and available at the current generation. */
  static Deployment availableDeployment(int replicas) {
    return deployment(
        replicas,
        deploymentStatus(
            GENERATION,
            replicas,
            replicas,
            replicas,
            minimumAvailable(),
            deploymentCondition(
                "Progressing",
                "True",
                "NewReplicaSetAvailable",
                "ReplicaSet \"web-5d4f8b7c9\" has successfully progressed.")));
  }

  /** Available True: the Deployment has at least its minimum of available replicas. */
  static DeploymentCondition minimumAvailable() {
    return deploymentCondition(
        "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.");
  }

  /** Progressing True: a new ReplicaSet is rolling out. */
  static DeploymentCondition replicaSetUpdated() {
    return deploymentCondition(
        "Progressing", "True", "ReplicaSetUpdated", "ReplicaSet \"web-7f9c6d\" is progressing.");
  }

  static DeploymentCondition deploymentCondition(
      String type, String status, String reason, String message) {
    return new DeploymentConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(BEFORE)
        .withLastUpdateTime(BEFORE)
        .build();
  }

  // ---- Jobs and CronJobs, as the Job and CronJob controllers report them ----

  static Job job(String name, String created, JobStatus status) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .withGeneration(1L)
        .withCreationTimestamp(created)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(2)
        .endSpec()
        .withStatus(status)
        .build();
  }

  static JobStatus jobStatus(int active, int succeeded, int failed, JobCondition... conditions) {
    return new JobStatusBuilder()
        .withActive(active == 0 ? null : active)
        .withSucceeded(succeeded == 0 ? null : succeeded)
        .withFailed(failed == 0 ? null : failed)
        .withConditions(conditions)
        .build();
  }

  /** Kubernetes 1.31+: SuccessCriteriaMet, then Complete. */
  static JobStatus jobComplete() {
    return jobStatus(
        0,
        1,
        0,
        jobCondition(
            "SuccessCriteriaMet",
            "CompletionsReached",
            "Reached expected number of succeeded pods"),
        jobCondition(
            "Complete", "CompletionsReached", "Reached expected number of succeeded pods"));
  }

  /** Kubernetes 1.31+: FailureTarget, then Failed, with the given reason. */
  static JobStatus jobFailed(String reason, String message) {
    return jobStatus(
        0,
        0,
        3,
        jobCondition("FailureTarget", reason, message),
        jobCondition("Failed", reason, message));
  }

  static JobStatus jobBackoffLimitExceeded() {
    return jobFailed("BackoffLimitExceeded", "Job has reached the specified backoff limit");
  }

  static JobStatus jobDeadlineExceeded() {
    return jobFailed("DeadlineExceeded", "Job was active longer than specified deadline");
  }

  static JobCondition jobCondition(String type, String reason, String message) {
    return new JobConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withReason(reason)
        .withMessage(message)
        .withLastProbeTime(BEFORE)
        .withLastTransitionTime(BEFORE)
        .build();
  }

  static CronJob cronJob(boolean suspend) {
    return new CronJobBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace("default")
        .withGeneration(1L)
        .endMetadata()
        .withNewSpec()
        .withSchedule("*/5 * * * *")
        .withSuspend(suspend)
        .withNewJobTemplate()
        .endJobTemplate()
        .endSpec()
        .build();
  }
}
