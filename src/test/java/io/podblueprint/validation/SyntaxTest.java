package io.podblueprint.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The length limits of Kubernetes names, at the limit and one past it. */
@Tag("unit")
class SyntaxTest {
  static String letters(int n) {
    return "a".repeat(n);
  }

  @Test
  void aDnsSubdomainHasAtMost253Characters() {
    assertThat(Syntax.dnsSubdomain(letters(253))).isTrue();
    assertThat(Syntax.dnsSubdomain(letters(254))).isFalse();
  }

  @Test
  void aDns1035LabelHasAtMost63Characters() {
    assertThat(Syntax.dns1035Label(letters(63))).isTrue();
    assertThat(Syntax.dns1035Label(letters(64))).isFalse();
  }

  @Test
  void aQualifiedNamesNamePartHasAtMost63Characters() {
    assertThat(Syntax.qualifiedName(letters(63))).isTrue();
    assertThat(Syntax.qualifiedName(letters(64))).isFalse();
    assertThat(Syntax.qualifiedName("example.com/" + letters(63))).isTrue();
    assertThat(Syntax.qualifiedName("example.com/" + letters(64))).isFalse();
    assertThat(Syntax.qualifiedName(letters(253) + "/app")).isTrue();
    assertThat(Syntax.qualifiedName(letters(254) + "/app")).isFalse();
    assertThat(Syntax.qualifiedName("/app")).as("an empty prefix").isFalse();
  }

  @Test
  void aLabelValueHasAtMost63Characters() {
    assertThat(Syntax.labelValue("")).isTrue();
    assertThat(Syntax.labelValue(letters(63))).isTrue();
    assertThat(Syntax.labelValue(letters(64))).isFalse();
  }
}
