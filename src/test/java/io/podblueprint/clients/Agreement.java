package io.podblueprint.clients;

import java.util.Set;

/**
 * What the tools' verdicts mean side by side: kstatus' Current is Argo CD's Healthy (or Suspended,
 * for a suspended CronJob), InProgress is Progressing, Failed is Degraded.
 */
public final class Agreement {
  private Agreement() {}

  /** The Argo CD health statuses that say what the kstatus status says. */
  public static Set<String> argoCdFor(String kstatus) {
    return switch (kstatus) {
      case "Current" -> Set.of("Healthy", "Suspended");
      case "InProgress" -> Set.of("Progressing");
      case "Failed" -> Set.of("Degraded");
      default -> Set.of();
    };
  }
}
