package io.podblueprint.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/**
 * What the operator's caches hold under the blueprint's name, for every child kind, whoever
 * controls it.
 *
 * @param blueprintUid the uid a child's controller reference must carry to be the blueprint's
 * @param children the cached objects with the blueprint's name, one per kind at most
 * @param upToDate the objects among them that already hold every field the operator would write
 *     (the server-side apply matcher's verdict, taken by the caller)
 */
public record Observed(
    String blueprintUid, List<HasMetadata> children, List<HasMetadata> upToDate) {
  public Observed {
    children = List.copyOf(children);
    upToDate = List.copyOf(upToDate);
  }

  Optional<HasMetadata> sameKind(HasMetadata desired) {
    return children.stream().filter(c -> c.getClass() == desired.getClass()).findFirst();
  }

  boolean isUpToDate(HasMetadata live) {
    return upToDate.stream().anyMatch(u -> u == live);
  }

  boolean controlled(HasMetadata child) {
    var owners = child.getMetadata().getOwnerReferences();
    return owners != null
        && owners.stream()
            .anyMatch(
                o -> Boolean.TRUE.equals(o.getController()) && blueprintUid.equals(o.getUid()));
  }
}
