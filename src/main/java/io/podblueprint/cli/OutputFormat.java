package io.podblueprint.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.UncheckedIOException;
import java.util.List;

/** How the rendered children are printed: YAML documents, or one JSON List like kubectl's. */
enum OutputFormat {
  yaml {
    @Override
    String write(List<HasMetadata> objects, KubernetesSerialization serialization) {
      StringBuilder out = new StringBuilder();
      // fabric8 starts each document with "---", so the documents come out separated.
      objects.forEach(object -> out.append(serialization.asYaml(object)));
      return out.toString();
    }
  },
  json {
    @Override
    String write(List<HasMetadata> objects, KubernetesSerialization serialization) {
      try {
        ObjectNode list = MAPPER.createObjectNode();
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        ArrayNode items = list.putArray("items");
        for (HasMetadata object : objects) {
          // The operator's exact JSON, only re-indented.
          items.add(MAPPER.readTree(serialization.asJson(object)));
        }
        return MAPPER.writer(PRETTY).writeValueAsString(list) + "\n";
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** kubectl's layout: four spaces, "key": value, empty collections as [] and {}. */
  private static final DefaultPrettyPrinter PRETTY = prettyPrinter();

  abstract String write(List<HasMetadata> objects, KubernetesSerialization serialization);

  private static DefaultPrettyPrinter prettyPrinter() {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }
}
