package io.podblueprint.chart;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.podblueprint.clients.Clients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The install manifests as objects: what `helm template` makes of the chart and what `kubectl
 * kustomize` makes of a kustomization, each keyed by apiVersion/kind/namespace/name, and a
 * comparison that names every object and field that differs.
 */
public final class Manifests {
  public static final Path CHART = Path.of("charts/podblueprint-operator");
  public static final String RELEASE = "podblueprint-operator";
  private static final YAMLMapper YAML = new YAMLMapper();

  /** kustomize prints the CRD's 0.0 as 0: a number is compared by its value. */
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private Manifests() {}

  public record Result(int exitCode, String stdout, String stderr) {
    public String output() {
      return stdout + stderr;
    }

    Result orFail(String what) {
      if (exitCode != 0) {
        throw new IllegalStateException(what + " failed (" + exitCode + "):\n" + output());
      }
      return this;
    }
  }

  /** The real Helm 4 (hack/clients/build.sh), with the given arguments. */
  public static Result helm(String... args) {
    Clients.Result result = Clients.run(Duration.ofSeconds(120), "", Map.of(), "helm", args);
    return new Result(result.exitCode(), result.stdout(), result.stderr());
  }

  /** `helm template` of the chart into the namespace, with its CRDs, and extra arguments. */
  public static Map<String, JsonNode> helmTemplate(String namespace, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "template", RELEASE, CHART.toString(), "--namespace", namespace, "--include-crds"));
    args.addAll(List.of(extra));
    return parse(helm(args.toArray(String[]::new)).orFail("helm " + args).stdout());
  }

  /** `kubectl kustomize` of the directory, with the control plane's kubectl. */
  public static Map<String, JsonNode> kustomize(Path directory) {
    return parse(
        run(List.of(kubectl(), "kustomize", directory.toString()))
            .orFail("kubectl kustomize " + directory)
            .stdout());
  }

  /**
   * The objects of a YAML stream by apiVersion/kind/namespace/name, without Helm's own annotations
   * (helm.sh/...), which tell Helm what to do and are not part of the install.
   */
  public static Map<String, JsonNode> parse(String yaml) {
    Map<String, JsonNode> objects = new TreeMap<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      for (JsonNode document : documents.readAll()) {
        if (document == null || !document.isObject() || document.isEmpty()) {
          continue;
        }
        ObjectNode object = (ObjectNode) document;
        JsonNode annotations = object.path("metadata").path("annotations");
        if (annotations instanceof ObjectNode map) {
          List<String> helm = new ArrayList<>();
          map.fieldNames().forEachRemaining(n -> helm.add(n.startsWith("helm.sh/") ? n : null));
          helm.removeIf(n -> n == null);
          map.remove(helm);
          if (map.isEmpty()) {
            ((ObjectNode) object.get("metadata")).remove("annotations");
          }
        }
        String key =
            String.join(
                "/",
                object.path("apiVersion").asText(),
                object.path("kind").asText(),
                object.path("metadata").path("namespace").asText(""),
                object.path("metadata").path("name").asText());
        if (objects.put(key, object) != null) {
          fail("two objects named %s", key);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return objects;
  }

  /** Fails naming each object only one side has and each object whose content differs. */
  public static void assertSameObjects(
      Map<String, JsonNode> actual,
      Map<String, JsonNode> expected,
      String actualName,
      String expectedName) {
    List<String> problems = new ArrayList<>();
    Set<String> keys = new TreeSet<>(actual.keySet());
    keys.addAll(expected.keySet());
    for (String key : keys) {
      JsonNode a = actual.get(key);
      JsonNode e = expected.get(key);
      if (a == null) {
        problems.add(key + ": only in " + expectedName);
      } else if (e == null) {
        problems.add(key + ": only in " + actualName);
      } else if (!a.equals(NUMBERS_BY_VALUE, e)) {
        problems.add(key + " differs:\n" + differences("", e, a, expectedName, actualName));
      }
    }
    if (!problems.isEmpty()) {
      fail(
          "%s and %s do not install the same objects (change both, the chart under %s and the"
              + " kustomize files, in the same commit):%n%s",
          actualName, expectedName, CHART, String.join("\n", problems));
    }
  }

  /** The paths where two trees differ, with both values, one per line. */
  static String differences(String path, JsonNode e, JsonNode a, String eName, String aName) {
    StringBuilder out = new StringBuilder();
    if (e != null && a != null && e.isObject() && a.isObject()) {
      Set<String> fields = new TreeSet<>();
      e.fieldNames().forEachRemaining(fields::add);
      a.fieldNames().forEachRemaining(fields::add);
      for (String field : fields) {
        out.append(differences(path + "." + field, e.get(field), a.get(field), eName, aName));
      }
    } else if (e != null && a != null && e.isArray() && a.isArray() && e.size() == a.size()) {
      for (int i = 0; i < e.size(); i++) {
        out.append(differences(path + "[" + i + "]", e.get(i), a.get(i), eName, aName));
      }
    } else if (e == null || a == null || !e.equals(NUMBERS_BY_VALUE, a)) {
      out.append("  ")
          .append(path)
          .append(": ")
          .append(eName)
          .append(" has ")
          .append(e)
          .append(", ")
          .append(aName)
          .append(" has ")
          .append(a)
          .append('\n');
    }
    return out.toString();
  }

  /**
   * The control plane's kubectl: $PODBLUEPRINT_KUBECTL (the Makefile sets it), else the one the
   * local control plane runs with (.cluster/bin).
   */
  static String kubectl() {
    String kubectl =
        System.getProperty("podblueprint.kubectl", System.getenv("PODBLUEPRINT_KUBECTL"));
    if (kubectl != null && !kubectl.isBlank()) {
      return kubectl;
    }
    Path bin = Path.of(".cluster", "bin");
    try {
      if (Files.exists(bin)) {
        return Path.of(Files.readString(bin).trim(), "kubectl").toString();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException(
        "No kubectl for `kubectl kustomize`: run the tests through make (make test, make"
            + " test-unit), or `export PODBLUEPRINT_KUBECTL=$(hack/controlplane/build.sh)/kubectl`.");
  }

  private static Result run(List<String> command) {
    Clients.Result result = Clients.exec(command, Map.of(), "", Duration.ofSeconds(120));
    return new Result(result.exitCode(), result.stdout(), result.stderr());
  }
}
