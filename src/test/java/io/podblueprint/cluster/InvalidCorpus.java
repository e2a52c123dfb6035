package io.podblueprint.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The corpus of bad blueprints under src/test/resources/invalid/. Each file is one blueprint
 * preceded by header comments: {@code # refused-at: admission} (the CRD schema or CEL refuses it)
 * or {@code # refused-at: status} (accepted, then reported Stalled by the operator, with the
 * Stalled reason given by {@code # reason: InvalidSpec} when the operator's validation finds it or
 * {@code # reason: ChildRefused} when only the API server's validation of the child does), and one
 * or more {@code # expect: <text>} lines the refusal message must contain.
 */
public record InvalidCorpus(
    String name, String yaml, String refusedAt, String reason, List<String> expected) {
  public static final Path DIR = Path.of("src", "test", "resources", "invalid");

  public static List<InvalidCorpus> all() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .filter(p -> p.toString().endsWith(".yaml"))
          .sorted()
          .map(InvalidCorpus::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The blueprint's metadata.name. */
  public String blueprintName() {
    return yaml.lines()
        .dropWhile(l -> !l.startsWith("metadata:"))
        .filter(l -> l.startsWith("  name:"))
        .map(l -> l.substring("  name:".length()).trim())
        .findFirst()
        .orElseThrow();
  }

  public static Stream<InvalidCorpus> at(String where) {
    return all().stream().filter(c -> c.refusedAt().equals(where));
  }

  static InvalidCorpus read(Path file) {
    try {
      String yaml = Files.readString(file);
      List<String> header = yaml.lines().takeWhile(l -> l.startsWith("#")).toList();
      String where =
          value(header, "# refused-at:")
              .findFirst()
              .orElseThrow(() -> new IllegalStateException(file + " has no '# refused-at:' line"));
      String reason = value(header, "# reason:").findFirst().orElse(null);
      if (where.equals("status") && reason == null) {
        throw new IllegalStateException(file + " is refused at status but has no '# reason:' line");
      }
      List<String> expected = value(header, "# expect:").toList();
      if (expected.isEmpty()) {
        throw new IllegalStateException(file + " has no '# expect:' line");
      }
      return new InvalidCorpus(file.getFileName().toString(), yaml, where, reason, expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<String> value(List<String> header, String key) {
    return header.stream()
        .filter(l -> l.startsWith(key))
        .map(l -> l.substring(key.length()).trim());
  }

  @Override
  public String toString() {
    return name;
  }
}
