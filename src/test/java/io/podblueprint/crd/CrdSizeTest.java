package io.podblueprint.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * `kubectl apply` (client side) keeps the whole object in an annotation limited to 256 KiB; the CRD
 * stays well below it so users need not know about --server-side.
 */
@Tag("unit")
class CrdSizeTest {
  static final int LIMIT = 200 * 1024;

  @Test
  void theCommittedCrdIsSmallEnoughForAClientSideApply() throws Exception {
    KubernetesSerialization serialization = new KubernetesSerialization();
    String yaml = Files.readString(Path.of("crds", "podblueprints.podblueprint.io-v1.yml"));
    CustomResourceDefinition crd = serialization.unmarshal(yaml, CustomResourceDefinition.class);
    assertThat(serialization.asJson(crd).length()).isLessThan(LIMIT);
  }
}
