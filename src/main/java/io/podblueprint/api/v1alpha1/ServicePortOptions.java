package io.podblueprint.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

/** One port of the Service, as in a Service's spec.ports. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.targetPort) || type(self.targetPort) != int"
            + " || (self.targetPort >= 1 && self.targetPort <= 65535)",
    message = "spec.service.ports.targetPort: a port number must be between 1 and 65535",
    reason = "FieldValueInvalid")
public class ServicePortOptions {
  /** A DNS-1123 label of at most 15 characters, as Kubernetes requires for port names. */
  public static final String PORT_NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  @JsonPropertyDescription(
      "Name of the port (a DNS label of at most 15 characters). Required when there are several"
          + " ports.")
  @Pattern(PORT_NAME_PATTERN)
  @Size(max = 15)
  public String name;

  @JsonPropertyDescription("The port the Service listens on (1-65535).")
  @Required
  @Min(1)
  @Max(65535)
  public Integer port;

  @JsonPropertyDescription(
      "The container port to send traffic to: a number, or the name of a container port."
          + " Defaults to port.")
  public IntOrString targetPort;

  @JsonPropertyDescription("TCP (default), UDP or SCTP.")
  @Default("TCP")
  public Protocol protocol;

  @JsonPropertyDescription(
      "For NodePort and LoadBalancer Services: the port on every node (within the cluster's"
          + " node port range, 30000-32767 by default). Unset lets Kubernetes pick one.")
  @Min(1)
  @Max(65535)
  public Integer nodePort;

  /** Service port protocols. */
  public enum Protocol {
    TCP,
    UDP,
    SCTP
  }
}
