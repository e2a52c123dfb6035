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
 */
public record ApplyReport(
    List<String> findings, String refusedReason, String refusedMessage, String replacing) {

  public static final ApplyReport APPLIED = new ApplyReport(List.of(), null, null, null);

  public ApplyReport {
    findings = List.copyOf(findings);
  }

  public static ApplyReport invalid(List<String> findings) {
    return new ApplyReport(findings, null, null, null);
  }

  public static ApplyReport refused(String reason, String message) {
    return new ApplyReport(List.of(), reason, message, null);
  }

  public static ApplyReport replacing(String child) {
    return new ApplyReport(List.of(), null, null, child);
  }

  public boolean invalid() {
    return !findings.isEmpty();
  }

  public boolean refused() {
    return refusedReason != null;
  }
}
