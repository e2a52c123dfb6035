package io.podblueprint.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.util.LinkedHashSet;
import java.util.Set;

/** Words an object that has a child's name but is not the blueprint's. Pure. */
public final class Foreign {
  private Foreign() {}

  /** "Service web already exists and is controlled by Deployment api; ..." */
  public static String describe(HasMetadata object) {
    return object.getKind()
        + " "
        + object.getMetadata().getName()
        + " already exists and is not controlled by this blueprint ("
        + whose(object)
        + "); the operator does not take over, change or delete objects it did not create:"
        + " rename the blueprint or delete the object";
  }

  private static String whose(HasMetadata object) {
    var owners = object.getMetadata().getOwnerReferences();
    if (owners != null) {
      for (var owner : owners) {
        if (Boolean.TRUE.equals(owner.getController())) {
          return "it is controlled by " + owner.getKind() + " " + owner.getName();
        }
      }
    }
    Set<String> managers = new LinkedHashSet<>();
    var fields = object.getMetadata().getManagedFields();
    if (fields != null) {
      fields.stream()
          .map(ManagedFieldsEntry::getManager)
          .filter(m -> m != null && !m.isEmpty())
          .forEach(managers::add);
    }
    return managers.isEmpty()
        ? "it has no controller"
        : "it has no controller; written by " + String.join(", ", managers);
  }
}
