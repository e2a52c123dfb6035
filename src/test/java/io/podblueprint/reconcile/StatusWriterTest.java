package io.podblueprint.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A status the API server refuses as invalid fails at once; a conflict is left to JOSDK's helper,
 * which retries it with the newer version from the cache.
 */
@Tag("unit")
class StatusWriterTest {
  static PodBlueprint blueprint() {
    PodBlueprint blueprint = new PodBlueprint();
    blueprint.setMetadata(new ObjectMetaBuilder().withName("web").withNamespace("team").build());
    return blueprint;
  }

  static KubernetesClientException answer(int code, String message) {
    return new KubernetesClientException(
        new StatusBuilder().withCode(code).withMessage(message).build());
  }

  @Test
  void anUnprocessableStatusIsRefusedAtOnceWithTheServersMessage() {
    AtomicInteger calls = new AtomicInteger();
    var write =
        StatusWriter.refusedAtOnce(
            r -> {
              calls.incrementAndGet();
              throw answer(422, "denied by policy deny-status: status writes refused");
            });
    assertThatThrownBy(() -> write.apply(blueprint()))
        .isInstanceOf(StatusWriter.StatusRefused.class)
        .isNotInstanceOf(KubernetesClientException.class)
        .hasMessage(
            "the API server refused the status of team/web: denied by policy deny-status:"
                + " status writes refused");
    assertThat(calls).hasValue(1);
  }

  @Test
  void aConflictAndOtherErrorsPassThroughForTheHelperToHandle() {
    for (int code : new int[] {409, 500, 403}) {
      var write =
          StatusWriter.refusedAtOnce(
              r -> {
                throw answer(code, "code " + code);
              });
      assertThatThrownBy(() -> write.apply(blueprint()))
          .isInstanceOf(KubernetesClientException.class)
          .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(code));
    }
    PodBlueprint written = blueprint();
    assertThat(StatusWriter.refusedAtOnce(r -> written).apply(blueprint())).isSameAs(written);
  }
}
