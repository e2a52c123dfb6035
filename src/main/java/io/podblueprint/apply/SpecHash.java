package io.podblueprint.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hash of the part of a Pod's or Job's spec the API server does not let change in place, written
 * on the child as an annotation. A child whose hash differs from the desired one is replaced; one
 * whose hash is equal was created from this very spec, so it is never replaced again for it (a
 * field a webhook injects cannot start a replacement loop).
 */
public final class SpecHash {
  public static final String ANNOTATION = "podblueprint.io/spec-hash";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectMapper SORTED =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** Fields the API server lets change in place (ValidatePodUpdate, ValidateJobSpecUpdate). */
  private static final List<String> JOB_MUTABLE =
      List.of(
          "parallelism",
          "activeDeadlineSeconds",
          "ttlSecondsAfterFinished",
          "suspend",
          "backoffLimit");

  private SpecHash() {}

  /** Pods and Jobs are replaced, not updated, when their spec changes. */
  public static boolean immutableKind(HasMetadata child) {
    return child instanceof Pod || child instanceof Job;
  }

  /** The children with the hash annotation added to Pods and Jobs (copies; the input is kept). */
  public static List<HasMetadata> annotate(List<HasMetadata> children) {
    List<HasMetadata> out = new ArrayList<>(children.size());
    for (HasMetadata child : children) {
      if (!immutableKind(child)) {
        out.add(child);
        continue;
      }
      HasMetadata copy = SERIALIZATION.clone(child);
      Map<String, String> annotations = new LinkedHashMap<>();
      if (copy.getMetadata().getAnnotations() != null) {
        annotations.putAll(copy.getMetadata().getAnnotations());
      }
      annotations.put(ANNOTATION, of(child));
      copy.getMetadata().setAnnotations(annotations);
      out.add(copy);
    }
    return List.copyOf(out);
  }

  /** The hash annotation a child carries, or null. */
  static String on(HasMetadata child) {
    var annotations = child.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ANNOTATION);
  }

  static String of(HasMetadata child) {
    ObjectNode spec;
    if (child instanceof Pod pod) {
      spec = SORTED.valueToTree(SERIALIZATION.convertValue(pod.getSpec(), Map.class));
      spec.remove(List.of("activeDeadlineSeconds", "tolerations"));
      blankImages(spec, "containers");
      blankImages(spec, "initContainers");
    } else if (child instanceof Job job) {
      spec = SORTED.valueToTree(SERIALIZATION.convertValue(job.getSpec(), Map.class));
      spec.remove(JOB_MUTABLE);
    } else {
      throw new IllegalArgumentException(child.getKind() + " is updated in place");
    }
    try {
      Object tree = SORTED.treeToValue(spec, Object.class);
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(SORTED.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void blankImages(ObjectNode spec, String field) {
    var containers = spec.get(field);
    if (containers != null) {
      containers.forEach(c -> ((ObjectNode) c).remove("image"));
    }
  }
}
