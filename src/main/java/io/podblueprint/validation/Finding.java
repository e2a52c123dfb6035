package io.podblueprint.validation;

/**
 * One problem in a blueprint: the path of the offending field, as Kubernetes would name it (for
 * example {@code spec.template.spec.containers[0].image}), and a message for a human that says what
 * is allowed.
 */
public record Finding(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
