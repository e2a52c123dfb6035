package io.podblueprint.validation;

import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.util.List;

/** metadata.name names every child and is a label value, so it must fit where those go. */
final class NameChecks {
  static final String FIELD = "metadata.name";
  static final int MAX_CRONJOB = 52;

  private NameChecks() {}

  static void check(PodBlueprint blueprint, List<Finding> out) {
    String name = blueprint.getMetadata() == null ? null : blueprint.getMetadata().getName();
    if (PodSpecs.isBlank(name)) {
      out.add(new Finding(FIELD, "is required: it names the blueprint and its children"));
      return;
    }
    if (name.length() > Syntax.MAX_LABEL) {
      out.add(
          new Finding(
              FIELD,
              "must be at most 63 characters (it has "
                  + name.length()
                  + "), because it names the children and is used as a label value"));
    } else if (!Syntax.dnsSubdomain(name)) {
      out.add(
          new Finding(
              FIELD,
              PodSpecs.quoted(name)
                  + " is not a valid name: use lower-case letters, digits, '-' and '.',"
                  + " starting and ending with a letter or digit"));
    }
    var spec = blueprint.getSpec();
    if (spec == null) {
      return;
    }
    if (spec.service != null && !Syntax.dns1035Label(name)) {
      out.add(
          new Finding(
              FIELD,
              "a blueprint with a service must have a name that is a DNS-1035 label (lower-case"
                  + " letters, digits and '-', starting with a letter, at most 63 characters),"
                  + " because it names the Service"));
    }
    if (spec.workloadOrDefault() == WorkloadKind.CronJob && name.length() > MAX_CRONJOB) {
      out.add(
          new Finding(
              FIELD,
              "a CronJob blueprint's name must be at most 52 characters (it has "
                  + name.length()
                  + "), because Kubernetes appends 11 characters to name each Job"));
    }
  }
}
