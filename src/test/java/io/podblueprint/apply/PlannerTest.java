package io.podblueprint.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import io.podblueprint.render.ChildRenderer;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner's rules as a table: each row is a blueprint, what the caches hold, what the last
 * status said, and the steps expected, written as "Create Pod web", "Delete Deployment web", ...
 */
@Tag("unit")
class PlannerTest {
  static final String UID = "uid-1";
  static final String SERVICE = "service:\n  ports: [{port: 80}]\n";

  static PodBlueprint blueprint(WorkloadKind kind, String more) {
    return Blueprints.onCluster(Blueprints.simple("web", kind, more), "ns", UID);
  }

  static List<HasMetadata> desired(PodBlueprint blueprint) {
    return SpecHash.annotate(ChildRenderer.render(blueprint));
  }

  /** A child as the operator created it: rendered for that blueprint, so controlled by it. */
  static HasMetadata ours(PodBlueprint blueprint, Class<? extends HasMetadata> kind) {
    return Blueprints.SERIALIZATION.clone(
        desired(blueprint).stream().filter(kind::isInstance).findFirst().orElseThrow());
  }

  static HasMetadata foreign(HasMetadata object, String controller) {
    HasMetadata copy = Blueprints.SERIALIZATION.clone(object);
    copy.getMetadata()
        .setOwnerReferences(
            controller == null
                ? List.of()
                : List.of(
                    new OwnerReferenceBuilder()
                        .withKind("Deployment")
                        .withName(controller)
                        .withUid("other")
                        .withController(true)
                        .build()));
    copy.getMetadata()
        .setManagedFields(
            List.of(new ManagedFieldsEntryBuilder().withManager("kubectl-create").build()));
    return copy;
  }

  static HasMetadata unhashed(HasMetadata object) {
    HasMetadata copy = Blueprints.SERIALIZATION.clone(object);
    copy.getMetadata().getAnnotations().remove(SpecHash.ANNOTATION);
    return copy;
  }

  static HasMetadata deleting(HasMetadata object) {
    HasMetadata copy = Blueprints.SERIALIZATION.clone(object);
    copy.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    return copy;
  }

  record Row(
      String rule,
      PodBlueprint blueprint,
      List<HasMetadata> live,
      Function<List<HasMetadata>, List<HasMetadata>> upToDate,
      Prior prior,
      List<String> expected) {
    @Override
    public String toString() {
      return rule;
    }
  }

  static Row row(
      String rule, PodBlueprint blueprint, List<HasMetadata> live, Prior prior, String... steps) {
    return new Row(rule, blueprint, live, l -> List.of(), prior, List.of(steps));
  }

  static Row settled(
      String rule, PodBlueprint blueprint, List<HasMetadata> live, Prior prior, String... steps) {
    return new Row(rule, blueprint, live, l -> l, prior, List.of(steps));
  }

  static Stream<Arguments> rows() {
    PodBlueprint deployment = blueprint(WorkloadKind.Deployment, SERVICE);
    PodBlueprint deploymentOnly = blueprint(WorkloadKind.Deployment, "");
    PodBlueprint pod = blueprint(WorkloadKind.Pod, "");
    PodBlueprint podRun = blueprint(WorkloadKind.Pod, "");
    podRun.getSpec().template.getSpec().setRestartPolicy("Never");
    PodBlueprint podOtherDir = blueprint(WorkloadKind.Pod, "");
    podOtherDir.getSpec().template.getSpec().getContainers().get(0).setWorkingDir("/srv");
    PodBlueprint podNewImage = blueprint(WorkloadKind.Pod, "");
    podNewImage.getSpec().template.getSpec().getContainers().get(0).setImage("example/app:2");
    PodBlueprint job = blueprint(WorkloadKind.Job, "");
    PodBlueprint jobOtherArgs = blueprint(WorkloadKind.Job, "");
    jobOtherArgs.getSpec().template.getSpec().getContainers().get(0).setArgs(List.of("--again"));
    PodBlueprint cronJob = blueprint(WorkloadKind.CronJob, "cronJob: {schedule: \"* * * * *\"}\n");
    var svc = io.fabric8.kubernetes.api.model.Service.class;
    var dep = io.fabric8.kubernetes.api.model.apps.Deployment.class;
    var p = io.fabric8.kubernetes.api.model.Pod.class;
    var j = io.fabric8.kubernetes.api.model.batch.v1.Job.class;
    String foreignService =
        "Refuse Service web already exists and is not controlled by this blueprint (it has no"
            + " controller; written by kubectl-create)";
    return Stream.of(
            // 9: nothing yet: create; the Service first.
            row(
                "nothing exists: create, Service first",
                deployment,
                List.of(),
                Prior.NONE,
                "Create Service web",
                "Create Deployment web"),
            // 7: no write without a change.
            settled(
                "all up to date: no write",
                deployment,
                List.of(ours(deployment, dep), ours(deployment, svc)),
                Prior.NONE,
                "Skip Deployment web UP_TO_DATE",
                "Skip Service web UP_TO_DATE"),
            row(
                "a drifted child is updated",
                deployment,
                List.of(ours(deployment, dep), ours(deployment, svc)),
                Prior.NONE,
                "Update Service web",
                "Update Deployment web"),
            // 1: no takeover, whatever the labels; nothing else happens in that plan.
            row(
                "1: a foreign Service with our labels is refused, not written",
                deployment,
                List.of(foreign(ours(deployment, svc), null)),
                Prior.NONE,
                foreignService),
            row(
                "1: a foreign object stops the stale deletes too",
                pod,
                List.of(foreign(ours(pod, p), null), ours(deployment, dep)),
                Prior.NONE,
                "Refuse Pod web already exists and is not controlled by this blueprint (it has no"
                    + " controller; written by kubectl-create)"),
            row(
                "1: the refusal names the object's controller",
                deploymentOnly,
                List.of(foreign(ours(deploymentOnly, dep), "api")),
                Prior.NONE,
                "Refuse Deployment web already exists and is not controlled by this blueprint (it"
                    + " is controlled by Deployment api)"),
            row(
                "1/7: a refusal already in the status is not announced again",
                deployment,
                List.of(foreign(ours(deployment, svc), null)),
                new Prior(false, Foreign.describe(foreign(ours(deployment, svc), null))),
                foreignService.replace("Refuse", "Refuse(quiet)")),
            // 2: create before delete.
            row(
                "2: a kind switch creates the Pod before it deletes the Deployment",
                pod,
                List.of(ours(deploymentOnly, dep)),
                Prior.NONE,
                "Create Pod web",
                "Delete Deployment web"),
            settled(
                "2: a removed Service is deleted after the workload is in place",
                deploymentOnly,
                List.of(ours(deployment, dep), ours(deployment, svc)),
                Prior.NONE,
                "Skip Deployment web UP_TO_DATE",
                "Delete Service web"),
            row(
                "2: a stale child already being deleted is left alone",
                pod,
                List.of(deleting(ours(deploymentOnly, dep))),
                Prior.NONE,
                "Create Pod web"),
            row(
                "2: a stale object of another owner is never deleted",
                pod,
                List.of(foreign(ours(deploymentOnly, dep), "api")),
                Prior.NONE,
                "Create Pod web"),
            // 3: run once per generation.
            row(
                "3: a Job that ran for this generation and is gone is not created again",
                job,
                List.of(),
                new Prior(true, null),
                "Skip Job web ALREADY_RAN"),
            row(
                "3: a Job that has not run for this generation is created",
                job,
                List.of(),
                Prior.NONE,
                "Create Job web"),
            row(
                "3: a bare Pod that runs to completion is created once",
                podRun,
                List.of(),
                new Prior(true, null),
                "Skip Pod web ALREADY_RAN"),
            row(
                "3: a bare Pod that restarts forever is recreated when deleted",
                pod,
                List.of(),
                new Prior(true, null),
                "Create Pod web"),
            row(
                "3: a CronJob is recreated when deleted",
                cronJob,
                List.of(),
                new Prior(true, null),
                "Create CronJob web"),
            // 4: guarded replacement.
            row(
                "4: a Job whose template changed is replaced",
                jobOtherArgs,
                List.of(ours(job, j)),
                Prior.NONE,
                "Replace Job web"),
            row(
                "4: a Pod whose immutable spec changed is replaced",
                podOtherDir,
                List.of(ours(pod, p)),
                Prior.NONE,
                "Replace Pod web"),
            row(
                "4: a Pod's new image is an update in place, not a replacement",
                podNewImage,
                List.of(ours(pod, p)),
                Prior.NONE,
                "Update Pod web"),
            row(
                "4: a Pod created from this spec is never replaced again (webhook drift)",
                pod,
                List.of(ours(pod, p)),
                Prior.NONE,
                "Update Pod web"),
            row(
                "4: a child being replaced is waited for",
                jobOtherArgs,
                List.of(deleting(ours(job, j))),
                Prior.NONE,
                "Skip Job web BEING_DELETED"),
            row(
                "4: a Job made before spec hashes is updated (adopts the hash), not run again",
                jobOtherArgs,
                List.of(unhashed(ours(job, j))),
                Prior.NONE,
                "Update Job web"),
            row(
                "4: a Deployment is never replaced",
                deploymentOnly,
                List.of(ours(deployment, dep)),
                Prior.NONE,
                "Update Deployment web"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void plans(Row row) {
    List<HasMetadata> upToDate = row.upToDate().apply(row.live());
    Observed observed = new Observed(UID, row.live(), upToDate);
    List<Step> steps = Planner.plan(desired(row.blueprint()), observed, row.prior());
    assertThat(steps.stream().map(PlannerTest::words).toList())
        .as(row.rule())
        .containsExactlyElementsOf(row.expected());
  }

  static String words(Step step) {
    if (step instanceof Step.Refuse refuse) {
      String head = refuse.announce() ? "Refuse " : "Refuse(quiet) ";
      String message = refuse.message();
      return head + message.substring(0, message.indexOf(')') + 1);
    }
    if (step instanceof Step.Skip skip) {
      return "Skip " + Executor.describe(skip.child()) + " " + skip.why();
    }
    HasMetadata child =
        step instanceof Step.Delete delete ? delete.live() : Planner.desiredOf(step);
    return step.getClass().getSimpleName() + " " + Executor.describe(child);
  }
}
