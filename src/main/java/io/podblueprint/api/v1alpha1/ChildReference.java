package io.podblueprint.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Points at one child object by apiVersion, kind and name (same namespace). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChildReference(
    @JsonPropertyDescription("API version of the child, for example apps/v1.") String apiVersion,
    @JsonPropertyDescription("Kind of the child, for example Deployment.") String kind,
    @JsonPropertyDescription("Name of the child, in the blueprint's namespace.") String name) {}
