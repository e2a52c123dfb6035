package io.podblueprint.status;

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

  private Phases() {}
}
