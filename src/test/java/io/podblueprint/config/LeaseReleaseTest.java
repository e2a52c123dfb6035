package io.podblueprint.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a stopping replica does to the Lease (fabric8 mock server, CRUD mode): it empties the holder
 * only when it holds the Lease itself. That the shutdown really runs it, after JOSDK has stopped,
 * is shown on a real API server (LeaderElectionOnClusterTest) and on the real node
 * (InstallOnNodeTest).
 */
@Tag("mock")
@EnableKubernetesMockClient(crud = true)
class LeaseReleaseTest {
  KubernetesClient client;

  Lease lease(String holder) {
    return client
        .resource(
            new LeaseBuilder()
                .withNewMetadata()
                .withName("lease")
                .withNamespace("ns")
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(holder)
                .withLeaseDurationSeconds(15)
                .withRenewTime(ZonedDateTime.now())
                .endSpec()
                .build())
        .create();
  }

  Lease read() {
    return client.leases().inNamespace("ns").withName("lease").get();
  }

  @Test
  void theHolderGivesTheLeaseUp() {
    lease("me");
    assertThat(LeaseRelease.release(client, "ns", "lease", "me")).isTrue();
    assertThat(read().getSpec().getHolderIdentity()).isEmpty();
    assertThat(read().getSpec().getLeaseDurationSeconds()).isEqualTo(1);
  }

  @Test
  void aLeaseHeldByAnotherReplicaIsLeftAlone() {
    lease("other");
    assertThat(LeaseRelease.release(client, "ns", "lease", "me")).isFalse();
    assertThat(read().getSpec().getHolderIdentity()).isEqualTo("other");
    assertThat(read().getSpec().getLeaseDurationSeconds()).isEqualTo(15);
  }

  @Test
  void noLeaseIsNothingToRelease() {
    assertThat(LeaseRelease.release(client, "ns", "lease", "me")).isFalse();
    assertThat(read()).isNull();
  }
}
