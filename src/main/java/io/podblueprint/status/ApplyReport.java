package io.podblueprint.status;

import java.util.List;

/**
 * What applying the children did: nothing to report, a spec the operator refused to apply
 * (findings), a child the API server refused, or an immutable child being replaced.
 *
 * @param findings validation findings ("field: message"); non-empty means nothing was applied
 * @param refusedReason the reason of the API server's refusal (for example Invalid, Forbidden)
 * @param refusedMessage the refusal, naming the child and the field
 * @param replacing a child that is being deleted to be recreated, or null
 * @param recheck the refusal may clear without a change to the blueprint (the operator's
 *     permissions, a ResourceQuota): apply again later
 */
public record ApplyReport(
    List<String> findings,
    String refusedReason,
    String refusedMessage,
    String replacing,
    boolean recheck) {

  public static final ApplyReport APPLIED = new ApplyReport(List.of(), null, null, null, false);

  public ApplyReport {
    findings = List.copyOf(findings);
  }

  public static ApplyReport invalid(List<String> findings) {
    return new ApplyReport(findings, null, null, null, false);
  }

  public static ApplyReport refused(String reason, String message) {
    return new ApplyReport(List.of(), reason, message, null, false);
  }

  /** A refusal to check again later: see {@link #recheck()}. */
  public static ApplyReport refusedForNow(String reason, String message) {
    return new ApplyReport(List.of(), reason, message, null, true);
  }

  public static ApplyReport replacing(String child) {
    return new ApplyReport(List.of(), null, null, child, false);
  }

  public boolean invalid() {
    return !findings.isEmpty();
  }

  public boolean refused() {
    return refusedReason != null;
  }
}
