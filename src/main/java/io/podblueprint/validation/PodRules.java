package io.podblueprint.validation;

import java.util.List;

/**
 * Pod rules that both the CRD schema (crd/PodTemplateRules, checked at admission) and the
 * operator's validation (for blueprints stored before a rule existed, and for the offline render
 * command) enforce: one definition, read by both.
 */
public final class PodRules {
  /** resource.Quantity's syntax (k8s.io/apimachinery/pkg/api/resource, splitRE). */
  public static final String QUANTITY =
      "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]"
          + "|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

  /** The pod restart policies Kubernetes knows. */
  public static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");

  /** A DNS-1123 label: container names, port names. */
  public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  private PodRules() {}
}
