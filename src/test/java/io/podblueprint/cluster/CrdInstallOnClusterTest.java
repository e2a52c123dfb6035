package io.podblueprint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The committed CRD installs with plain client-side `kubectl apply -f crds/`, as users and Argo
 * CD's default sync do: its last-applied annotation must stay under the 256 KiB limit.
 */
@Tag("cluster")
class CrdInstallOnClusterTest {

  @Test
  void clientSideApplyOfCrdsWorks() throws Exception {
    KwokCluster.client();
    Process apply =
        new ProcessBuilder(KwokCluster.kubectl(), "apply", "-f", "crds/")
            .redirectErrorStream(true)
            .start();
    String out = new String(apply.getInputStream().readAllBytes());
    assertThat(apply.waitFor()).as(out).isZero();
    assertThat(out)
        .contains("customresourcedefinition.apiextensions.k8s.io/podblueprints.podblueprint.io");
    String annotation =
        KwokCluster.client()
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName("podblueprints.podblueprint.io")
            .get()
            .getMetadata()
            .getAnnotations()
            .get("kubectl.kubernetes.io/last-applied-configuration");
    assertThat(annotation.length()).isLessThan(256 * 1024);
  }
}
