package io.podblueprint.apply;

/**
 * What the reconciler knows from the blueprint's last status; the apply stage never reads the
 * status itself.
 *
 * @param ranAtThisGeneration a run-to-completion child (a Job, a bare Pod that does not restart
 *     forever) was already created for the blueprint's current generation: if it is gone now (TTL,
 *     garbage collection, a deletion), it is not created again
 * @param refusal the message of the refusal the status reports now, or null: a refusal that is
 *     already reported is not announced again
 */
public record Prior(boolean ranAtThisGeneration, String refusal) {
  public static final Prior NONE = new Prior(false, null);
}
