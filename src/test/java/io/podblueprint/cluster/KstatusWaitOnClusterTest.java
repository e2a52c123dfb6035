package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.podblueprint.BlueprintYaml;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.clients.Clients;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Waiting as Flux and kpt do: cli-utils' status poller over a list of blueprints (the kstatus
 * tool's wait mode). It ends as soon as every blueprint is Current, and fails on the first that is
 * Failed without waiting for the others.
 */
@Tag("cluster")
class KstatusWaitOnClusterTest {

  @RegisterExtension static final TestNamespace ns = TestNamespace.withSharedOperator("kstatus");

  static final String WEB = "- {name: web, image: nginx:1.27}";

  static BlueprintYaml blueprint(String name, String workload) {
    return Blueprints.named(name).workload(workload).containers(WEB);
  }

  static Clients.Result waitFor(String... names) {
    List<String> args =
        new ArrayList<>(List.of("wait", "--timeout", "180s", "--interval", "500ms"));
    for (String name : names) {
      args.add("PodBlueprint.podblueprint.io/" + ns.name() + "/" + name);
    }
    return Clients.run(Duration.ofMinutes(4), "", Map.of(), "kstatus", args.toArray(String[]::new));
  }

  static boolean current(String name) {
    PodBlueprint bp = ClusterTests.get(ns.name(), name);
    Long generation = bp.getMetadata().getGeneration();
    String type =
        "Job".equals(String.valueOf(bp.getSpec().workload))
            ? ConditionTypes.COMPLETE
            : ConditionTypes.READY;
    return generation.equals(bp.getStatus().observedGeneration)
        && ClusterTests.condition(bp, type).filter(c -> "True".equals(c.getStatus())).isPresent();
  }

  @Test
  void endsAsSoonAsEveryBlueprintIsCurrent() {
    ClusterTests.apply(ns.name(), blueprint("web", "Deployment").yaml());
    ClusterTests.apply(ns.name(), blueprint("single", "Pod").yaml());
    ClusterTests.apply(ns.name(), blueprint("batch", "Job").podSpec("restartPolicy: Never").yaml());

    Clients.Result wait = waitFor("web", "single", "batch");

    assertThat(wait.exitCode()).as(wait.output()).isZero();
    for (String name : List.of("web", "single", "batch")) {
      assertThat(current(name)).as("%s is done when the poller ends", name).isTrue();
    }
    // The poller saw them go through InProgress: it did not end on the status-less object.
    assertThat(wait.stdout()).contains("\"status\":\"InProgress\"");
  }

  @Test
  void failsOnTheFirstFailedWithoutWaitingForTheRest() {
    ClusterTests.apply(ns.name(), blueprint("fine", "Deployment").yaml());
    // Never ready: no node matches. It stays InProgress for as long as anyone waits.
    ClusterTests.apply(
        ns.name(),
        blueprint("nowhere", "Deployment")
            .podSpec("nodeSelector: {podblueprint.io/no-such-node: \"true\"}")
            .yaml());
    ClusterTests.apply(
        ns.name(),
        Blueprints.named("broken")
            .containers(
                """
                - name: web
                  image: nginx:1.27
                  resources:
                    requests: {cpu: "2"}
                    limits: {cpu: "1"}
                """)
            .yaml());
    long start = System.nanoTime();

    Clients.Result wait = waitFor("fine", "nowhere", "broken");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(wait.exitCode()).as(wait.output()).isEqualTo(1);
    assertThat(wait.stderr()).contains("PodBlueprint " + ns.name() + "/broken is Failed");
    assertThat(took)
        .as("ended at the first Failed, not at the timeout")
        .isLessThan(Duration.ofSeconds(60));
  }
}
