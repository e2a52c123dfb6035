package io.podblueprint.crd;

import static io.podblueprint.crd.Schemas.element;
import static io.podblueprint.crd.Schemas.listMap;
import static io.podblueprint.crd.Schemas.path;
import static io.podblueprint.crd.Schemas.require;
import static io.podblueprint.crd.Schemas.rule;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.podblueprint.validation.PodRules;
import java.util.List;

/**
 * The checks Kubernetes makes in code when it validates a Pod, expressed in the CRD schema so a bad
 * blueprint is refused at admission with the field's path, before any child exists.
 */
final class PodTemplateRules {
  static final String DNS_LABEL = PodRules.DNS_LABEL;
  static final String LABEL_VALUE = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";
  static final String QUANTITY = PodRules.QUANTITY;
  static final long MAX_CONTAINERS = 100;
  static final long MAX_PORTS = 64;

  /** Bounds the env list so the CEL rules on each variable stay within the cost budget. */
  static final long MAX_ENV = 1000;

  static final String ENV_SOURCES = "fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef";

  private PodTemplateRules() {}

  static void apply(JSONSchemaProps template) {
    require(template, "spec");
    JSONSchemaProps metadata = path(template, "metadata");
    labelValues(metadata.getProperties().get("labels"));
    JSONSchemaProps pod = path(template, "spec");
    require(pod, "containers");
    pod.getProperties().get("containers").setMinItems(1L);
    pod.getProperties()
        .get("restartPolicy")
        .setEnum(enumOf(PodRules.RESTART_POLICIES.toArray(String[]::new)));
    for (String list : List.of("containers", "initContainers")) {
      JSONSchemaProps containers = pod.getProperties().get(list);
      listMap(containers, "name");
      containers.setMaxItems(MAX_CONTAINERS);
      container(element(containers));
    }
    listMap(pod.getProperties().get("volumes"), "name");
    JSONSchemaProps volume = path(pod, "volumes");
    require(volume, "name");
    quantity(path(volume, "emptyDir", "sizeLimit"));
    initContainer(path(pod, "initContainers"));
    rule(
        pod,
        "!has(self.initContainers)"
            + " || self.initContainers.all(i, !self.containers.exists(c, c.name == i.name))",
        "initContainers[*].name: a container name must be unique across containers and"
            + " initContainers",
        "FieldValueInvalid");
  }

  private static void container(JSONSchemaProps c) {
    require(c, "name", "image");
    JSONSchemaProps name = c.getProperties().get("name");
    name.setPattern(DNS_LABEL);
    name.setMaxLength(63L);
    c.getProperties().get("image").setMinLength(1L);
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      oneHandler(
          c.getProperties().get(probe), "a probe", "exec, httpGet, tcpSocket or grpc", "grpc");
    }
    JSONSchemaProps lifecycle = c.getProperties().get("lifecycle");
    for (String hook : List.of("postStart", "preStop")) {
      oneHandler(
          lifecycle.getProperties().get(hook),
          "a lifecycle hook",
          "exec, httpGet, tcpSocket or sleep",
          "sleep");
    }
    ports(c.getProperties().get("ports"));
    env(c.getProperties().get("env"));
    // Keyed as in the Pod schema, so that duplicates (which server-side apply of the child cannot
    // merge) are refused here, naming the entry.
    JSONSchemaProps mounts = c.getProperties().get("volumeMounts");
    listMap(mounts, "mountPath");
    require(element(mounts), "name", "mountPath");
    for (String kind : List.of("limits", "requests")) {
      quantity(path(c, "resources", kind));
    }
  }

  private static void oneHandler(
      JSONSchemaProps probe, String what, String handlers, String fourth) {
    String count =
        "(has(self.exec) ? 1 : 0) + (has(self.httpGet) ? 1 : 0) + (has(self.tcpSocket) ? 1 : 0)"
            + " + (has(self."
            + fourth
            + ") ? 1 : 0)";
    rule(
        probe,
        count + " == 1",
        what + " must specify exactly one handler: " + handlers,
        "FieldValueInvalid");
  }

  private static void ports(JSONSchemaProps ports) {
    ports.setMaxItems(MAX_PORTS);
    JSONSchemaProps port = element(ports);
    require(port, "containerPort");
    for (String number : List.of("containerPort", "hostPort")) {
      port.getProperties().get(number).setMinimum(1.0);
      port.getProperties().get(number).setMaximum(65535.0);
    }
    JSONSchemaProps name = port.getProperties().get("name");
    name.setPattern(DNS_LABEL);
    name.setMaxLength(15L);
    rule(
        name,
        "self.matches('[a-z]') && !self.contains('--')",
        "a port name must contain at least one letter and no '--' (an IANA service name,"
            + " for example http or metrics)",
        "FieldValueInvalid");
    rule(
        ports,
        "self.all(p, !has(p.name) || self.exists_one(q, has(q.name) && q.name == p.name))",
        "port names must be unique within a container",
        "FieldValueInvalid");
    port.getProperties().get("protocol").setEnum(enumOf("TCP", "UDP", "SCTP"));
    port.getProperties()
        .get("protocol")
        .setDefault(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode("TCP"));
    listMap(ports, "containerPort", "protocol");
  }

  private static void env(JSONSchemaProps env) {
    env.setMaxItems(MAX_ENV);
    listMap(env, "name");
    JSONSchemaProps variable = element(env);
    require(variable, "name");
    rule(
        variable,
        "!has(self.valueFrom) || !has(self.value) || size(self.value) == 0",
        "value and valueFrom may not both be set: use one of them",
        "FieldValueInvalid");
    rule(
        variable.getProperties().get("valueFrom"),
        "(has(self.fieldRef) ? 1 : 0) + (has(self.resourceFieldRef) ? 1 : 0)"
            + " + (has(self.configMapKeyRef) ? 1 : 0) + (has(self.secretKeyRef) ? 1 : 0) == 1",
        "valueFrom must specify exactly one source: " + ENV_SOURCES,
        "FieldValueInvalid");
  }

  private static void initContainer(JSONSchemaProps init) {
    rule(
        init,
        "(has(self.restartPolicy) && self.restartPolicy == 'Always')"
            + " || !(has(self.livenessProbe) || has(self.readinessProbe) || has(self.startupProbe)"
            + " || has(self.lifecycle))",
        "probes and lifecycle hooks are only allowed on sidecar init containers"
            + " (restartPolicy: Always)",
        "FieldValueForbidden");
  }

  private static void quantity(JSONSchemaProps quantity) {
    quantity.setPattern(QUANTITY);
  }

  private static void labelValues(JSONSchemaProps labels) {
    JSONSchemaProps value = element(labels);
    value.setPattern(LABEL_VALUE);
    value.setMaxLength(63L);
  }

  private static List<com.fasterxml.jackson.databind.JsonNode> enumOf(String... values) {
    var json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    return java.util.Arrays.stream(values)
        .map(v -> (com.fasterxml.jackson.databind.JsonNode) json.textNode(v))
        .toList();
  }
}
