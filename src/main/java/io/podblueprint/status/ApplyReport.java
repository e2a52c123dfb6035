package io.podblueprint.status;

import java.util.List;

/**
 * What the apply stage did, one case per outcome: the status reads it without null checks.
 *
 * <ul>
 *   <li>{@link Applied}: the cluster holds what the blueprint asks for (written now or before);
 *   <li>{@link Invalid}: the operator refused to apply the spec (validation findings);
 *   <li>{@link Refused}: the API server refused a child, or a child's name is taken;
 *   <li>{@link Replacing}: an immutable child is being deleted to be created again;
 *   <li>{@link AlreadyRan}: a run-to-completion child ran for this generation and is gone (TTL,
 *       garbage collection); it is not run again.
 * </ul>
 */
public sealed interface ApplyReport {
  ApplyReport APPLIED = new Applied();

  /** Nothing to report: every child is as the blueprint asks. */
  record Applied() implements ApplyReport {}

  /**
   * @param findings validation findings ("field: message"), at least one
   */
  record Invalid(List<String> findings) implements ApplyReport {
    public Invalid {
      findings = List.copyOf(findings);
    }
  }

  /**
   * @param reason the condition reason (ChildRefused)
   * @param message the refusal, naming the child and the field or the object in the way
   * @param recheck the refusal may clear without a change to the blueprint (the operator's
   *     permissions, a ResourceQuota, Pod Security, an admission policy, an object in the way):
   *     apply again later
   */
  record Refused(String reason, String message, boolean recheck) implements ApplyReport {}

  /**
   * @param child the child being deleted to be recreated ("Pod web")
   */
  record Replacing(String child) implements ApplyReport {}

  /**
   * @param child the Job or bare Pod that ran for this generation and no longer exists
   */
  record AlreadyRan(String child) implements ApplyReport {}

  static ApplyReport invalid(List<String> findings) {
    return new Invalid(findings);
  }

  static ApplyReport refused(String reason, String message) {
    return new Refused(reason, message, false);
  }

  static ApplyReport refusedForNow(String reason, String message) {
    return new Refused(reason, message, true);
  }

  static ApplyReport replacing(String child) {
    return new Replacing(child);
  }

  /** True when the refusal should be tried again later without a change to the blueprint. */
  default boolean recheck() {
    return this instanceof Refused refused && refused.recheck();
  }
}
