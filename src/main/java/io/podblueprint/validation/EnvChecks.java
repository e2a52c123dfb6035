package io.podblueprint.validation;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.podblueprint.api.v1alpha1.PodBlueprintSpec;
import io.podblueprint.validation.PodSpecs.ContainerAt;
import java.util.ArrayList;
import java.util.List;

/** Each environment variable has a value or exactly one valueFrom source, not both. */
final class EnvChecks {
  static final String SOURCES = "fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef";

  private EnvChecks() {}

  static void check(PodBlueprintSpec spec, List<Finding> out) {
    for (ContainerAt at : PodSpecs.containers(spec)) {
      List<EnvVar> env = at.container().getEnv();
      if (env == null) {
        continue;
      }
      for (int i = 0; i < env.size(); i++) {
        if (env.get(i) != null) {
          variable(at.path() + ".env[" + i + "]", env.get(i), out);
        }
      }
    }
  }

  private static void variable(String path, EnvVar variable, List<Finding> out) {
    EnvVarSource from = variable.getValueFrom();
    if (from == null) {
      return;
    }
    // Kubernetes allows an empty value beside valueFrom; only a non-empty one clashes.
    if (variable.getValue() != null && !variable.getValue().isEmpty()) {
      out.add(
          new Finding(
              path + ".valueFrom",
              "may not be set together with value: use either value or valueFrom"));
    }
    List<String> sources = sources(from);
    if (sources.isEmpty()) {
      out.add(
          new Finding(path + ".valueFrom", "must specify exactly one source (" + SOURCES + ")"));
    } else if (sources.size() > 1) {
      out.add(
          new Finding(
              path + ".valueFrom",
              "must specify exactly one source ("
                  + SOURCES
                  + "), but has "
                  + sources.size()
                  + ": "
                  + String.join(", ", sources)));
    }
  }

  private static List<String> sources(EnvVarSource from) {
    List<String> sources = new ArrayList<>(4);
    if (from.getFieldRef() != null) {
      sources.add("fieldRef");
    }
    if (from.getResourceFieldRef() != null) {
      sources.add("resourceFieldRef");
    }
    if (from.getConfigMapKeyRef() != null) {
      sources.add("configMapKeyRef");
    }
    if (from.getSecretKeyRef() != null) {
      sources.add("secretKeyRef");
    }
    return sources;
  }
}
