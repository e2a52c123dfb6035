package io.podblueprint.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podblueprint.cluster.ClusterTests;
import io.podblueprint.cluster.TestNamespace;
import io.podblueprint.status.ConditionTypes;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A webhook that changes an immutable field of a child on create (played by a real
 * MutatingAdmissionPolicy): the operator cannot put its value back in place, and replacing the Pod
 * would only be mutated again. The Pod is never replaced for this generation, it keeps running, and
 * the blueprint says why, with one Warning, instead of looping.
 */
@Tag("cluster")
class WebhookMismatchOnClusterTest {
  static final String POLICY =
      """
      apiVersion: admissionregistration.k8s.io/v1beta1
      kind: MutatingAdmissionPolicy
      metadata:
        name: podblueprint-test-inject-env
      spec:
        failurePolicy: Fail
        reinvocationPolicy: Never
        matchConstraints:
          resourceRules:
            - apiGroups: [""]
              apiVersions: [v1]
              operations: [CREATE]
              resources: [pods]
        mutations:
          - patchType: JSONPatch
            jsonPatch:
              expression: >-
                [JSONPatch{op: "replace", path: "/spec/containers/0/env/0/value",
                value: "from-webhook"}]
      ---
      apiVersion: admissionregistration.k8s.io/v1beta1
      kind: MutatingAdmissionPolicyBinding
      metadata:
        name: podblueprint-test-inject-env
      spec:
        policyName: podblueprint-test-inject-env
        matchResources:
          namespaceSelector:
            matchLabels: {podblueprint.io/test: inject-env}
      """;

  static final Duration WAIT = Duration.ofSeconds(90);
  static KubernetesClient client;

  @RegisterExtension
  static final TestNamespace namespace = TestNamespace.withSharedOperator("webhook");

  static String ns;

  @BeforeAll
  static void setUp() {
    client = ClusterTests.client();
    ns = namespace.name();
    ClusterTests.retryOnConflict(
        () ->
            client
                .namespaces()
                .withName(ns)
                .edit(
                    n -> {
                      n.getMetadata().getLabels().put("podblueprint.io/test", "inject-env");
                      return n;
                    }));
  }

  @AfterAll
  static void tearDown() {
    client.resourceList(POLICY).delete();
  }

  @Test
  void anImmutableFieldAWebhookChangesIsReportedNotLooped() {
    client.resourceList(POLICY).serverSideApply();
    // The API server loads a policy asynchronously: wait until a dry-run create is mutated.
    Pod probe =
        new PodBuilder()
            .withNewMetadata()
            .withName("probe")
            .withNamespace(ns)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("nginx:1.27")
            .addNewEnv()
            .withName("SOURCE")
            .withValue("probe")
            .endEnv()
            .endContainer()
            .endSpec()
            .build();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                "from-webhook"
                    .equals(
                        client
                            .resource(probe)
                            .dryRun()
                            .create()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getEnv()
                            .get(0)
                            .getValue()));

    ClusterTests.apply(
        ns,
        """
        apiVersion: podblueprint.io/v1alpha1
        kind: PodBlueprint
        metadata:
          name: injected
        spec:
          workload: Pod
          template:
            spec:
              containers:
                - name: app
                  image: nginx:1.27
                  env: [{name: SOURCE, value: from-blueprint}]
        """);
    var stalled =
        ClusterTests.awaitBlueprint(
            ns,
            "injected",
            "Stalled=True (ChildRefused)",
            bp ->
                ClusterTests.condition(bp, ConditionTypes.STALLED)
                    .filter(c -> "True".equals(c.getStatus()))
                    .filter(c -> "ChildRefused".equals(c.getReason()))
                    .isPresent(),
            WAIT);
    assertThat(ClusterTests.condition(stalled, ConditionTypes.STALLED).orElseThrow().getMessage())
        .contains("cannot change in place")
        .contains("webhook")
        .contains("not replaced again");
    Pod pod = client.pods().inNamespace(ns).withName("injected").get();
    assertThat(pod.getSpec().getContainers().get(0).getEnv().get(0).getValue())
        .isEqualTo("from-webhook");
    String uid = pod.getMetadata().getUid();

    // Nothing happens any more: the same Pod runs on, and the Warning is not sent again. A quiet
    // window, not a wait: no loop can only be shown over time.
    await()
        .during(Duration.ofSeconds(15))
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Pod now = client.pods().inNamespace(ns).withName("injected").get();
              assertThat(now).isNotNull();
              assertThat(now.getMetadata().getUid()).as("the Pod is never replaced").isEqualTo(uid);
              assertThat(now.getMetadata().getDeletionTimestamp()).isNull();
            });
    assertThat(
            client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> "Warning".equals(e.getType()))
                .filter(e -> "injected".equals(e.getInvolvedObject().getName())))
        .as("one Warning, counted once")
        .singleElement()
        .extracting(Event::getCount)
        .isEqualTo(1);
  }
}
