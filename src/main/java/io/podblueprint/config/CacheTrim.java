package io.podblueprint.config;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.apply.Executor;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the informer caches keep of a child or a pod: the operator's memory grows with its
 * blueprints, so each cached object holds only what is read from it.
 *
 * <ul>
 *   <li>managedFields: the operator's own Apply entry whole (the server-side apply matcher decides
 *       from it whether a child already holds every field the operator writes); of every other
 *       entry only who wrote it and how (the refusal of a foreign object names its writers), not
 *       the field set, which is as large as the fields it lists.
 *   <li>A pod the blueprint does not control directly (a Deployment's or a Job's): its metadata,
 *       spec.nodeName and its status, which is all the status conditions and status.pods read. A
 *       bare Pod child stays whole: it is planned, matched and replaced like any child.
 * </ul>
 *
 * Pure, apart from changing the object it is given (the informer's freshly decoded copy).
 */
public final class CacheTrim {
  private static final String OWN_MANAGER = Executor.FIELD_MANAGER;
  private static final String APPLY = "Apply";
  private static final String BLUEPRINT_KIND = HasMetadata.getKind(PodBlueprint.class);

  private CacheTrim() {}

  /** The object as the cache keeps it. */
  @SuppressWarnings("unchecked")
  public static <R extends HasMetadata> R trim(R object) {
    ObjectMeta metadata = object.getMetadata();
    if (metadata == null) {
      return object;
    }
    metadata.setManagedFields(trimmed(metadata.getManagedFields()));
    if (object instanceof Pod pod && !blueprintsOwn(pod)) {
      return (R) lean(pod);
    }
    return object;
  }

  /**
   * A store that trims what the informer puts in it, where one store serves exactly one informer.
   * JOSDK hands the same store instance to the informer of every watched namespace; shared by
   * several, each would list (and on a relist, drop) the others' objects. So with a list of
   * namespaces the caches stay untrimmed.
   */
  public static <R extends HasMetadata> Optional<ItemStore<R>> store(Set<String> namespaces) {
    if (InformerConfiguration.allNamespacesWatched(namespaces) || namespaces.size() == 1) {
      return Optional.of(new TransformingItemStore<R>(CacheTrim::trim));
    }
    return Optional.empty();
  }

  private static List<ManagedFieldsEntry> trimmed(List<ManagedFieldsEntry> entries) {
    if (entries == null) {
      return null;
    }
    return entries.stream().map(CacheTrim::trimmed).toList();
  }

  private static ManagedFieldsEntry trimmed(ManagedFieldsEntry entry) {
    if (OWN_MANAGER.equals(entry.getManager()) && APPLY.equals(entry.getOperation())) {
      return entry;
    }
    ManagedFieldsEntry who = new ManagedFieldsEntry();
    who.setManager(entry.getManager());
    who.setOperation(entry.getOperation());
    who.setSubresource(entry.getSubresource());
    who.setTime(entry.getTime());
    return who;
  }

  private static boolean blueprintsOwn(Pod pod) {
    var owners = pod.getMetadata().getOwnerReferences();
    return owners != null
        && owners.stream()
            .anyMatch(
                o -> Boolean.TRUE.equals(o.getController()) && BLUEPRINT_KIND.equals(o.getKind()));
  }

  private static Pod lean(Pod pod) {
    Pod lean = new Pod();
    lean.setApiVersion(pod.getApiVersion());
    lean.setKind(pod.getKind());
    lean.setMetadata(pod.getMetadata());
    if (pod.getSpec() != null) {
      PodSpec spec = new PodSpec();
      spec.setNodeName(pod.getSpec().getNodeName());
      lean.setSpec(spec);
    }
    lean.setStatus(pod.getStatus());
    return lean;
  }
}
