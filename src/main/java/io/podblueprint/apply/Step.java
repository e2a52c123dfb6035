package io.podblueprint.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** One thing the executor does for one child; the planner decides which. */
public sealed interface Step {
  /** The child does not exist in the cache: create it, never overwriting an object in the way. */
  record Create(HasMetadata desired) implements Step {}

  /** The child is the blueprint's and differs from what the operator owns: apply the change. */
  record Update(HasMetadata desired, HasMetadata live) implements Step {}

  /**
   * The child's immutable spec differs from the desired one (its spec hash): check the new one with
   * a dry run, then delete the old one in the foreground; the next reconcile creates it.
   */
  record Replace(HasMetadata desired, HasMetadata live) implements Step {}

  /** A child the spec no longer asks for; run only once every desired child is in place. */
  record Delete(HasMetadata live) implements Step {}

  /** The plan cannot go on: an object in the way. Nothing is written. */
  record Refuse(String message, boolean announce) implements Step {}

  /** Nothing to write for this child. */
  record Skip(HasMetadata child, Why why) implements Step {}

  /** Why a child needs no write. */
  enum Why {
    UP_TO_DATE,
    /** Being deleted (a replacement): created again once it is gone. */
    BEING_DELETED,
    /** A Job or bare Pod that ran for this generation and is gone: not run again. */
    ALREADY_RAN
  }
}
