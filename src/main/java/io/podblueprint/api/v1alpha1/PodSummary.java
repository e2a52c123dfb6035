package io.podblueprint.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A one-line view of a pod, so an admin need not open it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodSummary(
    @JsonPropertyDescription("Name of the pod.") String name,
    @JsonPropertyDescription("The pod's phase: Pending, Running, Succeeded, Failed or Unknown.")
        String phase,
    @JsonPropertyDescription("Whether the pod's Ready condition is True.") Boolean ready,
    @JsonPropertyDescription("Restarts summed over the pod's containers.") Integer restarts,
    @JsonPropertyDescription("The node the pod was scheduled to, if any.") String node,
    @JsonPropertyDescription(
            "Why the pod is not healthy: a waiting or terminated container's reason, or the"
                + " scheduler's.")
        String reason,
    @JsonPropertyDescription("The message that goes with reason.") String message) {}
