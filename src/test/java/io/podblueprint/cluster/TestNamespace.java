package io.podblueprint.cluster;

import io.podblueprint.node.RealNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's own namespace on the cluster: created before all its tests (after what the test
 * class needs running), deleted after all of them, waiting until it is gone.
 *
 * <pre>{@code
 * @RegisterExtension static final TestNamespace ns = TestNamespace.withSharedOperator("idle");
 * ... ClusterTests.apply(ns.name(), yaml) ...
 * }</pre>
 *
 * It runs before the class's own {@code @BeforeAll} methods and after its {@code @AfterAll}
 * methods, so they can use {@link #name()}.
 */
public final class TestNamespace implements BeforeAllCallback, AfterAllCallback {
  private final String prefix;
  private final Runnable first;
  private String name;

  private TestNamespace(String prefix, Runnable first) {
    this.prefix = prefix;
    this.first = first;
  }

  /** A namespace, with the shared operator running (started if it is not). */
  public static TestNamespace withSharedOperator(String prefix) {
    return new TestNamespace(prefix, KwokCluster::operator);
  }

  /**
   * A namespace, with the shared operator stopped: for tests that run their own operator processes
   * and must be the only ones reconciling.
   */
  public static TestNamespace withSharedOperatorStopped(String prefix) {
    return new TestNamespace(prefix, KwokCluster::stopSharedOperator);
  }

  /** A namespace and nothing else: the test needs no operator (one may run or not). */
  public static TestNamespace withoutOperator(String prefix) {
    return new TestNamespace(prefix, KwokCluster::client);
  }

  /** A namespace, once the real node is there and Ready; the shared operator runs. */
  public static TestNamespace onRealNode(String prefix) {
    return new TestNamespace(prefix, RealNode::require);
  }

  /**
   * A namespace, once the real node is there and Ready, with the shared operator stopped: for tests
   * that run the operator as pods on the real node and must be the only one reconciling.
   */
  public static TestNamespace onRealNodeWithSharedOperatorStopped(String prefix) {
    return new TestNamespace(
        prefix,
        () -> {
          RealNode.requireNode();
          KwokCluster.stopSharedOperator();
        });
  }

  /** The namespace's name, prefix-<random>. */
  public String name() {
    if (name == null) {
      throw new IllegalStateException(
          "the namespace " + prefix + "-* exists only during the class");
    }
    return name;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    first.run();
    name = ClusterTests.namespace(prefix);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (name != null) {
      ClusterTests.deleteNamespace(name);
      name = null;
    }
  }

  @Override
  public String toString() {
    return name == null ? prefix + "-*" : name;
  }
}
