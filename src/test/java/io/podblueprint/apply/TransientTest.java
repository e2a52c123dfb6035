package io.podblueprint.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class TransientTest {
  @Test
  void anUnreachableApiServerIsTransient() {
    var e =
        new KubernetesClientException(
            "An error has occurred.", new ConnectException("Connection refused"));
    assertThat(Transient.is(e)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 409, 429, 500, 503, 504})
  void overloadTimeoutsAndConflictsAreTransient(int code) {
    assertThat(Transient.is(failure(code))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 403, 404, 422})
  void aRefusalOfTheChildIsNot(int code) {
    assertThat(Transient.is(failure(code))).isFalse();
  }

  private static KubernetesClientException failure(int code) {
    return new KubernetesClientException(
        new StatusBuilder().withCode(code).withMessage("refused").build());
  }
}
