package io.podblueprint.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.render.ChildRenderer;
import io.podblueprint.validation.BlueprintValidator;
import io.podblueprint.validation.Finding;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Offline render, like {@code helm template}: reads PodBlueprint manifests and prints the children
 * the operator would apply for them, without a cluster. A plain main: no Quarkus boot.
 *
 * <p>Exit codes: 0 rendered, 1 a file could not be read or a blueprint is invalid (nothing is
 * printed on stdout then), 2 wrong usage.
 */
public final class RenderCommand {
  static final String USAGE =
      "usage: RenderCommand [--output yaml|json] <file-or-directory>...\n"
          + "  Prints the objects the PodBlueprint operator would create for the PodBlueprints\n"
          + "  in the given files (directories: their *.yaml, *.yml and *.json files,\n"
          + "  recursively). Other documents are ignored. --output defaults to yaml.";
  static final int OK = 0;
  static final int INVALID = 1;
  static final int USAGE_ERROR = 2;

  private final PrintStream out;
  private final PrintStream err;
  private final KubernetesSerialization serialization = BlueprintDocuments.serialization();

  private RenderCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command and returns its exit code; never calls System.exit. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return new RenderCommand(out, err).run(List.of(args));
  }

  private int run(List<String> args) {
    OutputFormat format = OutputFormat.yaml;
    List<String> paths = new ArrayList<>();
    boolean options = true;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (options && (arg.equals("--help") || arg.equals("-h"))) {
        out.println(USAGE);
        return OK;
      } else if (options && arg.equals("--")) {
        options = false;
      } else if (options && (arg.equals("--output") || arg.equals("-o"))) {
        if (i + 1 == args.size()) {
          return usage(arg + " needs a value: yaml or json");
        }
        format = format(args.get(++i));
      } else if (options && arg.startsWith("--output=")) {
        format = format(arg.substring("--output=".length()));
      } else if (options && arg.startsWith("-") && arg.length() > 1) {
        return usage("unknown option " + arg);
      } else {
        paths.add(arg);
      }
      if (format == null) {
        return usage("--output must be yaml or json");
      }
    }
    if (paths.isEmpty()) {
      return usage("no file or directory given");
    }
    return render(paths, format);
  }

  private int render(List<String> arguments, OutputFormat format) {
    List<Path> files;
    try {
      files = ManifestFiles.collect(arguments);
    } catch (NoSuchFileException e) {
      err.println(e.getFile() + ": no such file or directory");
      return INVALID;
    } catch (IOException e) {
      err.println("cannot list the files: " + e.getMessage());
      return INVALID;
    }
    List<HasMetadata> children = new ArrayList<>();
    boolean failed = false;
    BlueprintDocuments reader = new BlueprintDocuments(serialization);
    for (Path file : files) {
      try {
        for (PodBlueprint blueprint : reader.read(file)) {
          failed |= !renderInto(children, file, blueprint);
        }
      } catch (IOException | RuntimeException e) {
        err.println(file + ": cannot read: " + ReadProblems.describe(e));
        failed = true;
      }
    }
    if (failed) {
      return INVALID;
    }
    out.print(format.write(children, serialization));
    out.flush();
    return OK;
  }

  /**
   * Validates the blueprint and adds its children; false, with the findings on stderr, if invalid.
   */
  private boolean renderInto(List<HasMetadata> children, Path file, PodBlueprint blueprint) {
    String prefix = file + ": " + name(blueprint) + ": ";
    List<Finding> findings = BlueprintValidator.validate(blueprint);
    findings.forEach(finding -> err.println(prefix + finding));
    if (!findings.isEmpty()) {
      return false;
    }
    try {
      children.addAll(ChildRenderer.render(blueprint));
      return true;
    } catch (RuntimeException e) {
      // The renderers trust validated input; if one still fails, that is a bug to report.
      err.println(prefix + "cannot be rendered (a bug in the operator, please report it): " + e);
      return false;
    }
  }

  private int usage(String problem) {
    err.println("error: " + problem);
    err.println(USAGE);
    return USAGE_ERROR;
  }

  private static OutputFormat format(String value) {
    return switch (value) {
      case "yaml", "yml" -> OutputFormat.yaml;
      case "json" -> OutputFormat.json;
      default -> null;
    };
  }

  private static String name(PodBlueprint blueprint) {
    String name = blueprint.getMetadata() == null ? null : blueprint.getMetadata().getName();
    return name == null || name.isEmpty() ? "(no name)" : name;
  }
}
