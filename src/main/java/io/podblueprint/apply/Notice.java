package io.podblueprint.apply;

/**
 * An Event the executor asks for: sent by the reconciler once the status that goes with it has been
 * written, so a reconcile retried after a failed status write does not send it twice.
 *
 * @param warning Warning rather than Normal
 */
public record Notice(boolean warning, String reason, String message) {}
