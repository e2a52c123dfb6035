package io.podblueprint.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.podblueprint.api.v1alpha1.PodSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads one pod: its conditions, and the worst thing its containers report. */
final class PodHealth {
  /** How bad a pod's state is; lower sorts first in status.pods. */
  enum Severity {
    FAILING,
    UNSCHEDULABLE,
    STARTING,
    HEALTHY
  }

  /** What is wrong with the pod, if anything. */
  record Problem(Severity severity, String reason, String message) {}

  private final Pod pod;

  PodHealth(Pod pod) {
    this.pod = pod;
  }

  String name() {
    return pod.getMetadata().getName();
  }

  String phase() {
    return status().getPhase() == null ? "Pending" : status().getPhase();
  }

  boolean succeeded() {
    return "Succeeded".equals(phase());
  }

  boolean failed() {
    return "Failed".equals(phase());
  }

  Optional<PodCondition> condition(String type) {
    List<PodCondition> conditions = status().getConditions();
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  boolean isTrue(String type) {
    return condition(type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** The most telling problem: a failing container first, then scheduling, then start-up. */
  Problem problem() {
    Optional<Problem> failing = containerFailure(status().getInitContainerStatuses(), "init ");
    if (failing.isEmpty()) {
      failing = containerFailure(status().getContainerStatuses(), "");
    }
    if (failing.isPresent()) {
      return failing.get();
    }
    if (failed()) {
      String reason = status().getReason() == null ? Reasons.POD_FAILED : status().getReason();
      return new Problem(Severity.FAILING, reason, describeFailure());
    }
    Optional<PodCondition> scheduled = condition(ConditionTypes.POD_SCHEDULED);
    if (scheduled.isPresent() && "False".equals(scheduled.get().getStatus())) {
      String reason = orElse(scheduled.get().getReason(), "Unschedulable");
      return new Problem(Severity.UNSCHEDULABLE, reason, scheduled.get().getMessage());
    }
    if (succeeded() || isTrue(ConditionTypes.READY)) {
      return new Problem(Severity.HEALTHY, null, null);
    }
    return starting();
  }

  PodSummary summary() {
    Problem problem = problem();
    return new PodSummary(
        name(),
        phase(),
        isTrue(ConditionTypes.READY),
        restarts(),
        pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
        problem.reason(),
        problem.message());
  }

  private Problem starting() {
    for (ContainerStatus c : all()) {
      var waiting = c.getState() == null ? null : c.getState().getWaiting();
      if (waiting != null && waiting.getReason() != null) {
        return new Problem(
            Severity.STARTING,
            waiting.getReason(),
            "container " + c.getName() + ": " + orElse(waiting.getMessage(), waiting.getReason()));
      }
    }
    Optional<PodCondition> ready = condition(ConditionTypes.READY);
    String reason = ready.map(PodCondition::getReason).orElse("PodPending");
    String message = ready.map(PodCondition::getMessage).orElse("pod " + name() + " is starting");
    return new Problem(Severity.STARTING, reason, message);
  }

  private Optional<Problem> containerFailure(List<ContainerStatus> statuses, String kind) {
    if (statuses == null) {
      return Optional.empty();
    }
    for (ContainerStatus c : statuses) {
      var waiting = c.getState() == null ? null : c.getState().getWaiting();
      var last = c.getLastState() == null ? null : c.getLastState().getTerminated();
      var terminated = c.getState() == null ? null : c.getState().getTerminated();
      String who = kind + "container " + c.getName();
      if (terminated != null && "OOMKilled".equals(terminated.getReason())) {
        return Optional.of(oomKilled(who, terminated.getExitCode(), null));
      }
      if (waiting != null && Reasons.CONTAINER_FAILURES.contains(waiting.getReason())) {
        if (last != null && "OOMKilled".equals(last.getReason())) {
          return Optional.of(oomKilled(who, last.getExitCode(), waiting.getReason()));
        }
        String message = who + ": " + orElse(waiting.getMessage(), waiting.getReason());
        if (last != null && last.getExitCode() != null) {
          message += " (last exit code " + last.getExitCode() + ")";
        }
        return Optional.of(new Problem(Severity.FAILING, waiting.getReason(), message));
      }
    }
    return Optional.empty();
  }

  private static Problem oomKilled(String who, Integer exitCode, String now) {
    String message = who + " was OOMKilled (exit code " + exitCode + ")";
    if (now != null) {
      message += " and is now in " + now;
    }
    return new Problem(Severity.FAILING, "OOMKilled", message + "; raise its memory limit");
  }

  private String describeFailure() {
    List<String> parts = new ArrayList<>();
    for (ContainerStatus c : all()) {
      var terminated = c.getState() == null ? null : c.getState().getTerminated();
      if (terminated != null && terminated.getExitCode() != null && terminated.getExitCode() != 0) {
        parts.add(
            "container "
                + c.getName()
                + " exited with code "
                + terminated.getExitCode()
                + (terminated.getReason() == null ? "" : " (" + terminated.getReason() + ")"));
      }
    }
    if (status().getMessage() != null) {
      parts.add(0, status().getMessage());
    }
    return parts.isEmpty() ? "pod " + name() + " failed" : String.join("; ", parts);
  }

  private int restarts() {
    return all().stream()
        .mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount())
        .sum();
  }

  private List<ContainerStatus> all() {
    List<ContainerStatus> all = new ArrayList<>();
    if (status().getInitContainerStatuses() != null) {
      all.addAll(status().getInitContainerStatuses());
    }
    if (status().getContainerStatuses() != null) {
      all.addAll(status().getContainerStatuses());
    }
    return all;
  }

  private PodStatus status() {
    return pod.getStatus() == null ? new PodStatus() : pod.getStatus();
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
