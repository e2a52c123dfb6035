package io.podblueprint.status;

import java.util.List;

/** The one-word summary in status.phase (the printer column). */
public final class Phases {
  public static final String PENDING = "Pending";
  public static final String PROGRESSING = "Progressing";
  public static final String READY = "Ready";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";
  public static final String DEGRADED = "Degraded";
  public static final String SUSPENDED = "Suspended";
  public static final String INVALID = "Invalid";

  /** A run to completion that is gone before the operator saw how it ended. */
  public static final String FINISHED = "Finished";

  /** Every phase above; the operator's metrics report a count for each. */
  public static final List<String> ALL =
      List.of(
          PENDING, PROGRESSING, READY, SUCCEEDED, FAILED, DEGRADED, SUSPENDED, INVALID, FINISHED);

  private Phases() {}
}
