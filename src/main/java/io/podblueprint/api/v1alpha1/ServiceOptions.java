package io.podblueprint.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** A Service in front of the blueprint's pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "self.ports.all(p, self.ports.exists_one(q, q.port == p.port && q.protocol == p.protocol))",
    message = "spec.service.ports: each port number and protocol pair must be unique",
    reason = "FieldValueInvalid")
@ValidationRule(
    value = "self.ports.size() <= 1 || self.ports.all(p, has(p.name))",
    message = "spec.service.ports: every port needs a name when there is more than one",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "self.type != 'ClusterIP' || self.ports.all(p, !has(p.nodePort))",
    message =
        "spec.service.ports.nodePort: only NodePort and LoadBalancer Services take a nodePort",
    reason = "FieldValueForbidden")
public class ServiceOptions {
  @JsonPropertyDescription(
      "ClusterIP (default: reachable inside the cluster), NodePort (also on every node's port)"
          + " or LoadBalancer (also through a cloud load balancer).")
  public ServiceKind type;

  @JsonPropertyDescription("The ports the Service exposes. At least one.")
  @Required
  @Size(min = 1, max = 100)
  public List<ServicePortOptions> ports;

  /** The Service types a blueprint may ask for. */
  public enum ServiceKind {
    ClusterIP,
    NodePort,
    LoadBalancer
  }
}
