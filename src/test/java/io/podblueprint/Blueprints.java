package io.podblueprint;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test fixtures: PodBlueprint objects built from YAML, parsed exactly as fabric8 parses what the
 * API server sends. Everything here is plain Java; no Quarkus boot.
 *
 * <pre>{@code
 * PodBlueprint bp = Blueprints.named("web", """
 *     workload: Deployment
 *     template:
 *       spec:
 *         containers:
 *         - name: web
 *           image: nginx:1.27
 *     """);
 * }</pre>
 */
public final class Blueprints {
  /** The serialization the operator uses, with PodBlueprint registered. */
  public static final KubernetesSerialization SERIALIZATION = serialization();

  /** A template with one container, "app", running "example/app:1". */
  public static final String ONE_CONTAINER =
      """
      template:
        spec:
          containers:
          - name: app
            image: example/app:1
      """;

  private Blueprints() {}

  /** A whole PodBlueprint document (apiVersion, kind, metadata, spec). */
  public static PodBlueprint fromYaml(String yaml) {
    Object parsed = SERIALIZATION.unmarshal(yaml);
    if (!(parsed instanceof PodBlueprint blueprint)) {
      throw new IllegalArgumentException("not one PodBlueprint document: " + parsed);
    }
    return blueprint;
  }

  /** A blueprint with the given name (no namespace, no uid) and the given spec, in YAML. */
  public static PodBlueprint named(String name, String specYaml) {
    return fromYaml(header(name) + "spec:\n" + specYaml.stripIndent().indent(2));
  }

  /** A blueprint of the given kind running {@link #ONE_CONTAINER}, plus extra spec lines. */
  public static PodBlueprint simple(String name, WorkloadKind kind, String moreSpecYaml) {
    return named(name, "workload: " + kind + "\n" + ONE_CONTAINER + moreSpecYaml.stripIndent());
  }

  public static PodBlueprint simple(String name, WorkloadKind kind) {
    return simple(name, kind, "");
  }

  /** The same blueprint as stored on a cluster: in a namespace, with a uid. */
  public static PodBlueprint onCluster(PodBlueprint blueprint, String namespace, String uid) {
    PodBlueprint copy = SERIALIZATION.clone(blueprint);
    copy.getMetadata().setNamespace(namespace);
    copy.getMetadata().setUid(uid);
    return copy;
  }

  public static PodBlueprint load(Path file) {
    try {
      return fromYaml(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Any fabric8 object or parsed YAML as a JSON tree, for semantic comparisons. */
  public static JsonNode tree(Object object) {
    return SERIALIZATION.convertValue(object, JsonNode.class);
  }

  /** A YAML text of any object, parsed into a JSON tree. */
  public static JsonNode treeOfYaml(String yaml) {
    return SERIALIZATION.convertValue(SERIALIZATION.unmarshal(yaml), JsonNode.class);
  }

  public static String yaml(Object object) {
    return SERIALIZATION.asYaml(object);
  }

  private static String header(String name) {
    return "apiVersion: "
        + PodBlueprint.GROUP
        + "/"
        + PodBlueprint.VERSION
        + "\nkind: PodBlueprint\nmetadata:\n  name: "
        + name
        + "\n";
  }

  private static KubernetesSerialization serialization() {
    KubernetesSerialization serialization = new KubernetesSerialization();
    serialization.registerKubernetesResource(PodBlueprint.class);
    return serialization;
  }
}
