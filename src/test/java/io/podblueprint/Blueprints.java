package io.podblueprint;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /** A blueprint document built part by part: see {@link BlueprintYaml}. */
  public static BlueprintYaml named(String name) {
    return new BlueprintYaml(name);
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

  /**
   * Fields the fabric8 model did not know (kept in additionalProperties), by path: a typo such as
   * {@code initalDelaySeconds} in a fixture or sample, which the API server would silently prune.
   */
  public static List<String> unknownFields(Object root) {
    List<String> unknown = new ArrayList<>();
    walk("", root, unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
    return unknown;
  }

  private static void walk(String path, Object value, List<String> unknown, Set<Object> seen) {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof Enum<?>
        || !seen.add(value)) {
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> walk(path + "[" + key + "]", item, unknown, seen));
      return;
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(path + "[" + i + "]", list.get(i), unknown, seen);
      }
      return;
    }
    String type = value.getClass().getName();
    if (!type.startsWith("io.fabric8.kubernetes.api.model")
        && !type.startsWith("io.podblueprint")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      String name = getter.getName();
      if (getter.getParameterCount() != 0
          || !name.startsWith("get")
          || name.equals("getClass")
          || Modifier.isStatic(getter.getModifiers())) {
        continue;
      }
      Object child = invoke(getter, value);
      String property = Character.toLowerCase(name.charAt(3)) + name.substring(4);
      if (property.equals("additionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add(path + ": " + extra.keySet());
        }
      } else {
        walk(path + "." + property, child, unknown, seen);
      }
    }
    for (Field field : value.getClass().getFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        walk(path + "." + field.getName(), read(field, value), unknown, seen);
      }
    }
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // computed getters (Quantity's numerical amount) may refuse; not a field
    }
  }

  private static Object read(Field field, Object target) {
    try {
      return field.get(target);
    } catch (IllegalAccessException e) {
      return null;
    }
  }

  static String header(String name) {
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
