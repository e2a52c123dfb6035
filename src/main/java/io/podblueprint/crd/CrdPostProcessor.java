package io.podblueprint.crd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.Comparator;
import java.util.List;

/**
 * Runs inside the build's CRD generation. The embedded PodTemplateSpec comes from fabric8's model,
 * which carries neither descriptions nor the rules Kubernetes enforces in code; this adds both so
 * that {@code kubectl explain} teaches and admission refuses early, naming the field.
 */
public class CrdPostProcessor implements CRDPostProcessor {
  static final String SPEC =
      "What to run (template) and how (workload: Pod, Deployment, Job or CronJob), with an"
          + " optional Service in front.";
  static final String STATUS =
      "What is actually happening, observed by the operator from the children and their pods."
          + " Written only by the operator. A new blueprint reads observedGeneration 0 until the"
          + " operator's first status (a schema default), so kstatus clients (Flux, kpt, Helm's"
          + " --wait) see it in progress rather than done.";

  /**
   * The status of a blueprint the operator has not seen yet. kstatus reads an object without status
   * as Current, so a waiting tool would stop before the operator has looked at it; with
   * observedGeneration 0 (never a real generation) it reads LatestGenerationNotObserved, i.e.
   * InProgress. The API server applies the default on every read until a status is written.
   */
  static final ObjectNode NOT_YET_OBSERVED =
      JsonNodeFactory.instance.objectNode().put("observedGeneration", 0);

  private static final List<String> COLUMNS =
      List.of("Workload", "Ready", "Status", "Age", "Child", "Reason");
  private static final Comparator<CustomResourceColumnDefinition> PRINTER_COLUMN_ORDER =
      Comparator.comparingInt(c -> COLUMNS.indexOf(c.getName()));

  @Override
  public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
    if (!(crd instanceof CustomResourceDefinition definition)) {
      return crd;
    }
    for (var version : definition.getSpec().getVersions()) {
      JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
      JSONSchemaProps template = Schemas.path(root, "spec", "template");
      template.getProperties().get("spec").getProperties().remove("ephemeralContainers");
      PodTemplateRules.apply(template);
      BlueprintRules.apply(root);
      PodTemplateDescriptions descriptions = PodTemplateDescriptions.load();
      descriptions.apply(template, PodTemplateDescriptions.POD_TEMPLATE);
      descriptions.apply(
          Schemas.path(root, "status", "conditions"), PodTemplateDescriptions.CONDITION);
      root.getProperties().get("spec").setDescription(SPEC);
      root.getProperties().get("status").setDescription(STATUS);
      root.getProperties().get("status").setDefault(NOT_YET_OBSERVED);
      version.getAdditionalPrinterColumns().sort(PRINTER_COLUMN_ORDER);
    }
    return crd;
  }
}
