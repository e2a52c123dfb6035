package io.podblueprint.cli;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads the PodBlueprints out of one manifest file, which may hold several YAML documents or a
 * List. Documents of any other kind are skipped. Parsing is fabric8's, as in the operator.
 */
final class BlueprintDocuments {
  private final KubernetesSerialization serialization;

  BlueprintDocuments(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  /** The serialization the command uses: fabric8's defaults, with PodBlueprint registered. */
  static KubernetesSerialization serialization() {
    KubernetesSerialization serialization = new KubernetesSerialization();
    serialization.registerKubernetesResource(PodBlueprint.class);
    return serialization;
  }

  /**
   * The file's blueprints, in document order.
   *
   * @throws IOException when the file cannot be read
   * @throws RuntimeException when the file is not valid YAML or JSON, or a blueprint document does
   *     not fit the PodBlueprint schema (for example a string where a number belongs)
   */
  List<PodBlueprint> read(Path file) throws IOException {
    Object parsed;
    try (InputStream in = Files.newInputStream(file)) {
      parsed = serialization.unmarshal(in);
    }
    List<PodBlueprint> blueprints = new ArrayList<>();
    collect(parsed, blueprints);
    return blueprints;
  }

  private static void collect(Object parsed, List<PodBlueprint> blueprints) {
    if (parsed instanceof PodBlueprint blueprint) {
      blueprints.add(blueprint);
    } else if (parsed instanceof KubernetesResourceList<?> list && list.getItems() != null) {
      list.getItems().forEach(item -> collect(item, blueprints));
    } else if (parsed instanceof Collection<?> documents) {
      documents.forEach(document -> collect(document, blueprints));
    }
  }
}
