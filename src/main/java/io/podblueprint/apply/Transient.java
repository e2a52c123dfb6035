package io.podblueprint.apply;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Tells a failure that says nothing about the child (the API server unreachable, overloaded or
 * restarting) from a refusal of the child itself. A transient failure is rethrown so that the
 * reconcile is retried with backoff; reporting it as a refusal would leave the blueprint stalled
 * with nothing left to wake it up.
 */
final class Transient {
  private Transient() {}

  static boolean is(KubernetesClientException e) {
    int code = e.getCode();
    return code <= 0 // no HTTP response at all (fabric8 says -1): connection refused, reset
        || code == 408 // request timeout
        || code == 409 // conflict: another writer got there first; the next attempt sees it
        || code == 429 // too many requests (API priority and fairness)
        || code >= 500;
  }
}
