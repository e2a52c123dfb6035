package io.podblueprint.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Tells the caller's caches about a write the executor made, so the next reconcile compares with
 * what was written instead of an older cached copy.
 */
public interface Written {
  void created(HasMetadata applied);

  void updated(HasMetadata applied, HasMetadata live);

  Written NOWHERE =
      new Written() {
        @Override
        public void created(HasMetadata applied) {}

        @Override
        public void updated(HasMetadata applied, HasMetadata live) {}
      };
}
