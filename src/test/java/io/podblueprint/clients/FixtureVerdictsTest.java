package io.podblueprint.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture in k8s/argocd/testdata/ (a blueprint with a status the operator writes) through the
 * real clients: Argo CD's own evaluator running the shipped argocd-cm snippet, and cli-utils'
 * kstatus. Each fixture states what it expects in its header: {@code # health:}, {@code # message:}
 * (a part of Argo CD's message), {@code # kstatus:}, and, for a state the operator does not write,
 * {@code # differs:} saying why the two may disagree. Everywhere else they agree.
 */
@Tag("unit")
class FixtureVerdictsTest {
  static final Path TESTDATA = Path.of("k8s", "argocd", "testdata");
  static final Pattern HEADER = Pattern.compile("^# (health|message|kstatus|differs): ?(.*)$");
  static final Map<String, Clients.Verdict> ARGOCD = new HashMap<>();
  static final Map<String, Clients.Verdict> ARGOCD_LUA = new HashMap<>();
  static final Map<String, Clients.Verdict> KSTATUS = new HashMap<>();

  record Fixture(Path file, Map<String, String> expected) {
    @Override
    public String toString() {
      return file.getFileName().toString();
    }
  }

  static List<Fixture> fixtures() {
    try (Stream<Path> files = Files.list(TESTDATA)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .sorted()
          .map(FixtureVerdictsTest::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Fixture read(Path file) {
    Map<String, String> expected = new HashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        Matcher m = HEADER.matcher(line);
        if (m.matches()) {
          expected.put(m.group(1), m.group(2).strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Fixture(file, expected);
  }

  /** Each tool runs once over all fixtures; its verdicts come back in the order given. */
  @BeforeAll
  static void runTheClients() {
    List<Path> files = fixtures().stream().map(Fixture::file).toList();
    collect(files, Clients.argocd(Clients.ARGOCD_CM, files), ARGOCD);
    collect(
        files,
        Clients.argocd(Path.of("k8s", "argocd", "podblueprint-health.lua"), files),
        ARGOCD_LUA);
    collect(files, Clients.kstatus(files), KSTATUS);
  }

  static void collect(
      List<Path> files, List<Clients.Verdict> verdicts, Map<String, Clients.Verdict> into) {
    assertThat(verdicts).as("one verdict per fixture").hasSize(files.size());
    for (int i = 0; i < files.size(); i++) {
      into.put(files.get(i).getFileName().toString(), verdicts.get(i));
    }
  }

  @Test
  void everyFixtureStatesWhatItExpects() {
    assertThat(fixtures()).hasSizeGreaterThan(20);
    for (Fixture fixture : fixtures()) {
      assertThat(fixture.expected()).as(fixture.toString()).containsKeys("health", "kstatus");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void argoCdReadsTheFixtureAsItsHeaderSays(Fixture fixture) {
    Clients.Verdict health = ARGOCD.get(fixture.toString());
    assertThat(health.status())
        .as("Argo CD health (%s)", health.message())
        .isEqualTo(fixture.expected().get("health"));
    if (!fixture.expected().getOrDefault("message", "").isEmpty()) {
      assertThat(health.message()).contains(fixture.expected().get("message"));
    }
    assertThat(health.message()).as("no nil in a message").doesNotContain("nil");
    assertThat(ARGOCD_LUA.get(fixture.toString()))
        .as("the .lua file and the argocd-cm snippet give the same verdict")
        .isEqualTo(health);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void kstatusReadsTheFixtureAsItsHeaderSays(Fixture fixture) {
    Clients.Verdict kstatus = KSTATUS.get(fixture.toString());
    assertThat(kstatus.status())
        .as("kstatus (%s)", kstatus.message())
        .isEqualTo(fixture.expected().get("kstatus"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void argoCdAndKstatusAgreeOnEveryStateTheOperatorWrites(Fixture fixture) {
    if (fixture.expected().containsKey("differs")) {
      assertThat(fixture.expected().get("differs")).as("why they differ").isNotBlank();
      return;
    }
    assertThat(Agreement.argoCdFor(KSTATUS.get(fixture.toString()).status()))
        .as("Argo CD health kstatus' verdict stands for")
        .contains(ARGOCD.get(fixture.toString()).status());
  }

  @Test
  void theArgoCdSnippetIsTheScript() throws IOException, InterruptedException {
    Process check =
        new ProcessBuilder("hack/argocd-cm.sh", "--check").redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes());
    assertThat(check.waitFor())
        .as("k8s/argocd/argocd-cm-patch.yaml is stale; run hack/argocd-cm.sh:\n%s", output)
        .isZero();
  }
}
