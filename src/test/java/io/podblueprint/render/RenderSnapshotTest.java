package io.podblueprint.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import io.podblueprint.apply.SpecHash;
import io.podblueprint.validation.BlueprintValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.util.diff.DiffUtils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The render-stability gate: what the operator applies for each sample and each blueprint of the
 * corpus (the rendered children with their spec-hash annotation and owner reference, as on a
 * cluster) is the committed snapshot in src/test/resources/render-snapshot: the same documents,
 * compared as parsed YAML, so that a new YAML printer (quotes, key order) does not trip it. An
 * operator upgrade re-applies these children to every running blueprint, so a difference here
 * restarts workloads in every cluster that upgrades; it must be deliberate and told in the upgrade
 * notes (docs/upgrades.md).
 *
 * <p>{@code make render-snapshot} (this test with {@code -Dsnapshot.update=true}) rewrites the
 * snapshots from the current renderer.
 */
@Tag("unit")
class RenderSnapshotTest {
  static final Path SNAPSHOTS = Path.of("src/test/resources/render-snapshot");
  static final boolean UPDATE = Boolean.getBoolean("snapshot.update");

  /** Rendered as on a cluster, so the owner reference is part of what is compared. */
  static final String NAMESPACE = "default";

  static final String UID = "00000000-0000-0000-0000-000000000001";
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final List<Group> GROUPS =
      List.of(
          new Group("samples", Path.of("k8s/samples")),
          new Group("corpus", Path.of("src/test/resources/render-corpus")));

  record Group(String name, Path inputs) {}

  record Input(Group group, Path file) {
    Path snapshot() {
      return SNAPSHOTS.resolve(group.name()).resolve(file.getFileName());
    }

    @Override
    public String toString() {
      return file.toString();
    }
  }

  static Stream<Input> inputs() throws IOException {
    List<Input> inputs = new ArrayList<>();
    for (Group group : GROUPS) {
      yamlFiles(group.inputs()).forEach(file -> inputs.add(new Input(group, file)));
    }
    return inputs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void whatTheOperatorAppliesIsTheCommittedSnapshot(Input input) throws IOException {
    String actual = applied(input.file());
    Path snapshot = input.snapshot();
    if (UPDATE) {
      Files.createDirectories(snapshot.getParent());
      Files.writeString(snapshot, actual);
      return;
    }
    if (!Files.exists(snapshot)) {
      fail(
          "%s has no render snapshot (%s). Run `make render-snapshot` and commit the new file.",
          input.file(), snapshot);
    }
    String expected = Files.readString(snapshot);
    if (!documents(expected).equals(documents(actual))) {
      fail(changed(input, expected, actual));
    }
  }

  @Test
  void everySnapshotBelongsToAnInput() throws IOException {
    Set<Path> wanted = inputs().map(Input::snapshot).collect(Collectors.toSet());
    Set<Path> orphans = new TreeSet<>();
    for (Group group : GROUPS) {
      for (Path snapshot : yamlFiles(SNAPSHOTS.resolve(group.name()))) {
        if (!wanted.contains(snapshot)) {
          orphans.add(snapshot);
        }
      }
    }
    if (UPDATE) {
      for (Path orphan : orphans) {
        Files.delete(orphan);
      }
      return;
    }
    assertThat(orphans)
        .as(
            "snapshots whose sample or corpus blueprint is gone (`make render-snapshot` removes them)")
        .isEmpty();
  }

  /** The gate only protects what its inputs exercise: every workload kind, and a Service. */
  @Test
  void theInputsCoverEveryWorkloadKindAndAService() throws IOException {
    List<PodBlueprint> blueprints = inputs().map(i -> Blueprints.load(i.file())).toList();
    assertThat(blueprints.stream().map(b -> b.getSpec().workloadOrDefault()))
        .containsAll(List.of(WorkloadKind.values()));
    assertThat(blueprints).anySatisfy(b -> assertThat(b.getSpec().service).isNotNull());
    assertThat(blueprints).anySatisfy(b -> assertThat(b.getSpec().workload).isNull());
    assertThat(blueprints).hasSizeGreaterThanOrEqualTo(20);
  }

  /** The children the operator would apply for the file's blueprint, as YAML documents. */
  static String applied(Path file) {
    PodBlueprint blueprint = Blueprints.load(file);
    assertThat(BlueprintValidator.validate(blueprint))
        .as("%s must be a valid blueprint to be an input of the gate", file)
        .isEmpty();
    PodBlueprint stored = Blueprints.onCluster(blueprint, NAMESPACE, UID);
    List<HasMetadata> children = SpecHash.annotate(ChildRenderer.render(stored));
    StringBuilder out =
        new StringBuilder()
            .append("# What the operator applies for ")
            .append(file.toString().replace('\\', '/'))
            .append(" (in namespace ")
            .append(NAMESPACE)
            .append(").\n")
            .append("# Generated by `make render-snapshot`; do not edit. See docs/upgrades.md.\n");
    children.forEach(child -> out.append(Blueprints.yaml(child)));
    return out.toString();
  }

  /** The YAML documents of a text, parsed, so that quoting and key order do not count. */
  static List<JsonNode> documents(String yaml) throws IOException {
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      return documents.readAll().stream().filter(d -> !d.isMissingNode() && !d.isNull()).toList();
    }
  }

  private static String changed(Input input, String expected, String actual) {
    List<String> before = expected.lines().toList();
    List<String> after = actual.lines().toList();
    List<String> diff =
        DiffUtils.generateUnifiedDiff(
            input.snapshot().toString(), "rendered now", before, DiffUtils.diff(before, after), 3);
    return "The children the operator applies for "
        + input.file()
        + " changed:\n\n"
        + String.join("\n", diff)
        + "\n\nAn operator upgrade re-applies these children to every running blueprint: a changed"
        + " pod template rolls every such Deployment, and a changed spec-hash replaces every such"
        + " Pod and Job, in every cluster that upgrades.\n"
        + "If the change is intended:\n"
        + "  1. run `make render-snapshot` (or ./mvnw test -Dtest=RenderSnapshotTest"
        + " -Dsnapshot.update=true) and commit the snapshots;\n"
        + "  2. say in the upgrade notes of docs/upgrades.md what changes for running workloads"
        + " (which blueprints roll or are replaced, and why).\n"
        + "If it is not intended, change the renderer so that it renders the snapshot again.";
  }

  private static List<Path> yamlFiles(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }
}
