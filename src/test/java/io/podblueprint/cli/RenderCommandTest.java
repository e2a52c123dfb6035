package io.podblueprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.podblueprint.Blueprints;
import io.podblueprint.render.ChildRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class RenderCommandTest {
  private static final String WEB =
      """
      apiVersion: podblueprint.io/v1alpha1
      kind: PodBlueprint
      metadata:
        name: web
      spec:
        workload: Deployment
        template:
          spec:
            containers:
            - name: web
              image: nginx:1.27
              ports:
              - {name: http, containerPort: 80}
        service:
          ports:
          - {port: 80, targetPort: http}
      """;
  private static final String CONFIG_MAP =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
      data:
        a: b
      """;

  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        RenderCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private static String blueprint(String name, String workload) {
    return "apiVersion: podblueprint.io/v1alpha1\nkind: PodBlueprint\nmetadata:\n  name: "
        + name
        + "\nspec:\n  workload: "
        + workload
        + "\n"
        + Blueprints.ONE_CONTAINER.indent(2);
  }

  /** The operator's own YAML for the blueprint's children. */
  private static String operatorYaml(String blueprintYaml) {
    StringBuilder yaml = new StringBuilder();
    ChildRenderer.render(Blueprints.fromYaml(blueprintYaml))
        .forEach(child -> yaml.append(Blueprints.yaml(child)));
    return yaml.toString();
  }

  @Test
  void yamlIsTheOperatorsBytesAsDocuments() throws IOException {
    Result result = run(write("web.yaml", WEB).toString());
    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo(operatorYaml(WEB));
    assertThat(result.out()).startsWith("---\napiVersion: \"apps/v1\"\nkind: \"Deployment\"\n");
    assertThat(result.out()).contains("\n---\napiVersion: \"v1\"\nkind: \"Service\"\n");
    assertThat(result.out()).doesNotContain("namespace", "ownerReferences");
  }

  @Test
  void jsonIsOnePrettyPrintedList() throws IOException {
    Path file = write("web.yaml", WEB);
    Result result = run("--output", "json", file.toString());
    assertThat(result.code()).isZero();
    assertThat(result.out()).startsWith("{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"List\",");
    JsonNode list = new ObjectMapper().readTree(result.out());
    assertThat(list.get("items")).hasSize(2);
    List<JsonNode> expected = new ArrayList<>();
    ChildRenderer.render(Blueprints.fromYaml(WEB)).forEach(c -> expected.add(Blueprints.tree(c)));
    assertThat(list.get("items")).containsExactlyElementsOf(expected);
    assertThat(run("--output=json", file.toString()).out()).isEqualTo(result.out());
    assertThat(run("-o", "json", file.toString()).out()).isEqualTo(result.out());
  }

  @Test
  void directoryIsReadRecursivelyInPathOrder() throws IOException {
    write("b.yaml", blueprint("bravo", "Pod"));
    write("a/nested/c.yml", blueprint("charlie", "Job"));
    write("z.json", Blueprints.SERIALIZATION.asJson(Blueprints.fromYaml(blueprint("zulu", "Pod"))));
    write("notes.txt", blueprint("ignored", "Pod"));
    Result result = run(dir.toString());
    assertThat(result.code()).isZero();
    assertThat(result.out())
        .isEqualTo(
            operatorYaml(blueprint("charlie", "Job"))
                + operatorYaml(blueprint("bravo", "Pod"))
                + operatorYaml(blueprint("zulu", "Pod")));
    assertThat(run(dir.toString()).out()).isEqualTo(result.out());
  }

  @Test
  void otherDocumentsAreIgnoredAndDocumentOrderIsKept() throws IOException {
    String file =
        write("mixed.yaml", CONFIG_MAP + "---\n" + blueprint("one", "Pod") + "---\n" + WEB)
            .toString();
    Result result = run(file);
    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo(operatorYaml(blueprint("one", "Pod")) + operatorYaml(WEB));
    assertThat(result.out()).doesNotContain("ConfigMap");

    Result none = run(write("only-config.yaml", CONFIG_MAP).toString());
    assertThat(none.code()).isZero();
    assertThat(none.out()).isEmpty();
  }

  @Test
  void namespaceIsLeftUnsetOrKept() throws IOException {
    String namespaced =
        blueprint("n", "Pod").replace("  name: n\n", "  name: n\n  namespace: apps\n");
    Result result = run(write("ns.yaml", namespaced).toString());
    assertThat(result.out()).contains("  namespace: \"apps\"\n");
  }

  @Test
  void invalidBlueprintPrintsFindingsAndNothingOnStdout() throws IOException {
    write("a-valid.yaml", WEB);
    Path bad =
        write("bad.yaml", blueprint("bad", "CronJob").replace("    image: example/app:1\n", ""));
    Result result = run(dir.toString());
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            bad
                + ": bad: spec.template.spec.containers[0].image: is required: name the image to"
                + " run, for example nginx:1.27\n"
                + bad
                + ": bad: spec.cronJob.schedule: is required when spec.workload is CronJob, for"
                + " example \"*/5 * * * *\" or \"@hourly\"\n");
  }

  @Test
  void unreadableFilesAreReportedWithTheirPlace() throws IOException {
    Path yaml = write("broken.yaml", "a: [\n");
    Result broken = run(yaml.toString());
    assertThat(broken.code()).isEqualTo(1);
    assertThat(broken.out()).isEmpty();
    assertThat(broken.err()).startsWith(yaml + ": cannot read: invalid YAML at line 2, column 1: ");

    Path typed = write("typed.yaml", blueprint("t", "Pod") + "  replicas: many\n");
    Result wrongType = run(typed.toString());
    assertThat(wrongType.code()).isEqualTo(1);
    assertThat(wrongType.err()).startsWith(typed + ": cannot read: spec.replicas: ");

    Result missing = run(dir.resolve("nope.yaml").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo(dir.resolve("nope.yaml") + ": no such file or directory\n");
  }

  @Test
  void wrongUsageExitsTwoWithTheUsageOnStderr() throws IOException {
    String file = write("web.yaml", WEB).toString();
    for (String[] args :
        List.of(
            new String[] {"--bogus", file},
            new String[] {"--output", "xml", file},
            new String[] {file, "--output"},
            new String[] {})) {
      Result result = run(args);
      assertThat(result.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(result.out()).isEmpty();
      assertThat(result.err()).startsWith("error: ").contains(RenderCommand.USAGE);
    }
    assertThat(run("--bogus", file).err()).startsWith("error: unknown option --bogus\n");
  }

  @Test
  void helpGoesToStdout() {
    Result result = run("--help");
    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo(RenderCommand.USAGE + "\n");
  }

  @Test
  void theSamplesRender() {
    Result result = run("k8s/samples");
    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    assertThat(result.out().split("(?m)^---$")).hasSize(1 + 7);
  }
}
