package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podblueprint.BlueprintGenerator;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.render.ChildRenderer;
import io.podblueprint.validation.BlueprintValidator;
import io.podblueprint.validation.Finding;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The renderer against the real API server, on random blueprints: the CRD accepts each generated
 * blueprint (the generator is schema-valid), and then either the operator's validation flags it or
 * the API server accepts every child the renderer makes from it (server-side dry-run create). A
 * child the API server refuses without a finding would be a blueprint the operator can only report
 * as ChildRefused: a gap in validation worth knowing about.
 */
@Tag("cluster")
class RenderedChildrenOnClusterTest {
  static KubernetesClient client;
  static String ns;

  @BeforeContainer
  static void setUp() {
    client = KwokCluster.client();
    ns = ClusterTests.namespace("property");
  }

  @AfterContainer
  static void tearDown() {
    ClusterTests.deleteNamespace(ns);
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  @Property(tries = 40)
  void theApiServerAcceptsWhatTheRendererMakesUnlessValidationFlagsIt(@ForAll("seeds") long seed) {
    PodBlueprint generated = BlueprintGenerator.generate(seed);
    PodBlueprint stored =
        client
            .resource(Blueprints.SERIALIZATION.clone(generated))
            .inNamespace(ns)
            .dryRun()
            .create();
    assertThat(stored.getMetadata().getUid()).isNotNull();

    List<Finding> findings = BlueprintValidator.validate(stored);
    Statistics.label("outcome")
        .collect(findings.isEmpty() ? "children accepted by a dry run" : "flagged by validation");
    // The check below runs only for blueprints validation lets through: most must be (83 % in a
    // run of 40), or this property would pass while checking almost nothing.
    Statistics.label("outcome")
        .coverage(
            coverage ->
                coverage.check("children accepted by a dry run").percentage(p -> p >= 50.0));
    Statistics.label("workload").collect(stored.getSpec().workloadOrDefault());
    if (!findings.isEmpty()) {
      return;
    }
    stored.getMetadata().setNamespace(ns);
    for (HasMetadata child : ChildRenderer.render(stored)) {
      child.getMetadata().setOwnerReferences(null); // the dry-run blueprint does not exist
      try {
        client.resource(child).inNamespace(ns).dryRun().create();
      } catch (KubernetesClientException e) {
        throw new AssertionError(
            "seed "
                + seed
                + ": the API server refused "
                + child.getKind()
                + " without a validation finding: "
                + e.getMessage()
                + "\n"
                + Blueprints.yaml(generated),
            e);
      }
    }
  }
}
