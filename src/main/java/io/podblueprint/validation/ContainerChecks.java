package io.podblueprint.validation;

import static io.podblueprint.validation.PodSpecs.POD;
import static io.podblueprint.validation.PodSpecs.quoted;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.podblueprint.api.v1alpha1.PodBlueprintSpec;
import io.podblueprint.validation.PodSpecs.ContainerAt;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Within each container: port names are unique and every volume mount names a pod volume. */
final class ContainerChecks {
  private ContainerChecks() {}

  static void check(PodBlueprintSpec spec, List<Finding> out) {
    PodSpec pod = PodSpecs.pod(spec);
    if (pod == null) {
      return;
    }
    Set<String> volumes = volumeNames(pod);
    for (ContainerAt at : PodSpecs.containers(spec)) {
      ports(at, out);
      mounts(at, volumes, out);
    }
  }

  private static void ports(ContainerAt at, List<Finding> out) {
    List<ContainerPort> ports = at.container().getPorts();
    if (ports == null) {
      return;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < ports.size(); i++) {
      String name = ports.get(i) == null ? null : ports.get(i).getName();
      if (name == null || name.isEmpty()) {
        continue;
      }
      Integer first = seen.putIfAbsent(name, i);
      if (first != null) {
        out.add(
            new Finding(
                at.path() + ".ports[" + i + "].name",
                "duplicate port name "
                    + quoted(name)
                    + ", already used by ports["
                    + first
                    + "]: port names must be unique within a container"));
      }
    }
  }

  private static void mounts(ContainerAt at, Set<String> volumes, List<Finding> out) {
    List<VolumeMount> mounts = at.container().getVolumeMounts();
    if (mounts == null) {
      return;
    }
    for (int i = 0; i < mounts.size(); i++) {
      String name = mounts.get(i) == null ? null : mounts.get(i).getName();
      String field = at.path() + ".volumeMounts[" + i + "].name";
      if (name == null || name.isEmpty()) {
        out.add(new Finding(field, "is required: name one of " + POD + ".volumes"));
      } else if (!volumes.contains(name)) {
        out.add(new Finding(field, "no volume named " + quoted(name) + " in " + POD + ".volumes"));
      }
    }
  }

  private static Set<String> volumeNames(PodSpec pod) {
    Set<String> names = new HashSet<>();
    if (pod.getVolumes() != null) {
      for (Volume volume : pod.getVolumes()) {
        if (volume != null && volume.getName() != null) {
          names.add(volume.getName());
        }
      }
    }
    return names;
  }
}
