package io.podblueprint.apply;

import io.podblueprint.status.ApplyReport;
import java.util.List;

/** What the executor did: the report the status reads, and the Events to send with it. */
public record Outcome(ApplyReport report, List<Notice> notices) {
  public Outcome {
    notices = List.copyOf(notices);
  }
}
