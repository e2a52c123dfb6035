package io.podblueprint.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One resource that describes a workload: a Pod template and how it should run. */
@Group(PodBlueprint.GROUP)
@Version(PodBlueprint.VERSION)
@ShortNames("pbp")
@AdditionalPrinterColumn(
    name = "Workload",
    jsonPath = ".spec.workload",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.ready",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Status",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Child",
    jsonPath = ".status.workload.name",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.reason",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
public class PodBlueprint extends CustomResource<PodBlueprintSpec, PodBlueprintStatus>
    implements Namespaced {
  public static final String GROUP = "podblueprint.io";
  public static final String VERSION = "v1alpha1";
}
