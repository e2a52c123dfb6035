package io.podblueprint.cli;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/** One line that says why a manifest file could not be read, and where in it. */
final class ReadProblems {
  private ReadProblems() {}

  static String describe(Throwable problem) {
    for (Throwable cause = problem; cause != null; cause = next(cause)) {
      if (cause instanceof MarkedYamlEngineException yaml) {
        return yaml(yaml);
      }
      if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
        return path(mapping) + ": " + mapping.getOriginalMessage();
      }
    }
    Throwable innermost = problem;
    while (next(innermost) != null) {
      innermost = next(innermost);
    }
    String message = innermost.getMessage() == null ? innermost.toString() : innermost.getMessage();
    return message.lines().findFirst().orElse(message).strip();
  }

  private static String yaml(MarkedYamlEngineException yaml) {
    String where =
        yaml.getProblemMark()
            .map(
                mark ->
                    "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ")
            .orElse("");
    String context = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
    return "invalid YAML at " + where + context + yaml.getProblem();
  }

  /** The JSON path of the offending field, for example spec.template.spec.containers[0].name. */
  private static String path(JsonMappingException mapping) {
    return mapping.getPath().stream()
        .map(
            ref ->
                ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining())
        .replaceFirst("^\\.", "");
  }

  private static Throwable next(Throwable cause) {
    return cause.getCause() == cause ? null : cause.getCause();
  }
}
