package io.podblueprint.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** The manifest files named on the command line: files as given, directories walked in order. */
final class ManifestFiles {
  private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");

  private ManifestFiles() {}

  /**
   * A file argument is read whatever its name; a directory contributes its {@code *.yaml}, {@code
   * *.yml} and {@code *.json} files, recursively, sorted by path. Each file is read once.
   */
  static List<Path> collect(List<String> arguments) throws IOException {
    Set<Path> files = new LinkedHashSet<>();
    for (String argument : arguments) {
      Path path = Path.of(argument);
      if (Files.isDirectory(path)) {
        files.addAll(walk(path));
      } else if (Files.isRegularFile(path)) {
        files.add(path.normalize());
      } else {
        throw new NoSuchFileException(argument, null, "no such file or directory");
      }
    }
    return new ArrayList<>(files);
  }

  private static List<Path> walk(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths
          .filter(Files::isRegularFile)
          .filter(ManifestFiles::isManifest)
          .map(Path::normalize)
          .sorted()
          .toList();
    }
  }

  static boolean isManifest(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(name::endsWith);
  }
}
