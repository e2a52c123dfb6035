package io.podblueprint;

import io.podblueprint.api.v1alpha1.PodBlueprint;

/**
 * A PodBlueprint document for tests, built in the shape every blueprint has (apiVersion, kind,
 * metadata, spec.workload, spec.template.metadata/spec.containers), with only what a test cares
 * about spelled out. Each part takes YAML, indented as it stands on its own:
 *
 * <pre>{@code
 * String yaml =
 *     Blueprints.named("web")
 *         .workload("Job")
 *         .spec("job: {backoffLimit: 0}")
 *         .annotations("{podblueprint.io/kwok-fail: Hold}")
 *         .podSpec("restartPolicy: Never")
 *         .containers("- {name: app, image: nginx:1.27}")
 *         .yaml();
 * }</pre>
 *
 * Without {@link #containers}, the pod runs one container "app" of nginx:1.27. A test whose YAML is
 * itself the subject (a sample, an invalid manifest) keeps it as text.
 */
public final class BlueprintYaml {
  /** One container, "app", running nginx:1.27. */
  public static final String NGINX = "- {name: app, image: nginx:1.27}";

  private final String name;
  private String workload;
  private final StringBuilder spec = new StringBuilder();
  private final StringBuilder templateMetadata = new StringBuilder();
  private final StringBuilder podSpec = new StringBuilder();
  private String containers = NGINX;

  BlueprintYaml(String name) {
    this.name = name;
  }

  /** spec.workload: Deployment, Pod, Job or CronJob; left out when not set (the CRD's default). */
  public BlueprintYaml workload(String kind) {
    this.workload = kind;
    return this;
  }

  /** More fields of spec (replicas, service, job, cronJob, ...); may be called again to add. */
  public BlueprintYaml spec(String yaml) {
    append(spec, yaml);
    return this;
  }

  /** Fields of spec.template.metadata (labels, annotations). */
  public BlueprintYaml templateMetadata(String yaml) {
    append(templateMetadata, yaml);
    return this;
  }

  /** spec.template.metadata.annotations, as a YAML map ({a: b} or a block). */
  public BlueprintYaml annotations(String map) {
    return templateMetadata(
        map.strip().startsWith("{")
            ? "annotations: " + map.strip()
            : "annotations:\n" + map.stripIndent().indent(2));
  }

  /**
   * Fields of spec.template.spec besides containers (restartPolicy, volumes, initContainers...).
   */
  public BlueprintYaml podSpec(String yaml) {
    append(podSpec, yaml);
    return this;
  }

  /** The list spec.template.spec.containers, as YAML list items. */
  public BlueprintYaml containers(String list) {
    this.containers = list;
    return this;
  }

  public String yaml() {
    StringBuilder yaml = new StringBuilder(Blueprints.header(name)).append("spec:\n");
    if (workload != null) {
      yaml.append("  workload: ").append(workload).append('\n');
    }
    yaml.append(spec.toString().indent(2)).append("  template:\n");
    if (!templateMetadata.isEmpty()) {
      yaml.append("    metadata:\n").append(templateMetadata.toString().indent(6));
    }
    return yaml.append("    spec:\n")
        .append(podSpec.toString().indent(6))
        .append("      containers:\n")
        .append(containers.stripIndent().strip().indent(6))
        .toString();
  }

  /** The blueprint, parsed as fabric8 parses what the API server sends. */
  public PodBlueprint build() {
    return Blueprints.fromYaml(yaml());
  }

  @Override
  public String toString() {
    return yaml();
  }

  private static void append(StringBuilder to, String yaml) {
    String block = yaml.stripIndent().strip();
    if (!block.isEmpty()) {
      to.append(block).append('\n');
    }
  }
}
