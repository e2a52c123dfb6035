package io.podblueprint.apply;

/**
 * A refusal on its way out of the steps of one reconcile: what to report and whether the cluster
 * can clear it (checked again later). The executor turns it into the apply report.
 */
final class Refusal extends RuntimeException {
  final String message;
  final boolean recheck;

  Refusal(String message, boolean recheck) {
    super(message, null, false, false);
    this.message = message;
    this.recheck = recheck;
  }
}
