package io.podblueprint.reconcile;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The fabric8 mock server in CRUD mode, for the wiring-only mock tier ({@link
 * ReconcilerWiringOnlyMockTest}). It takes no server-side apply (404 for a new object,
 * fabric8io/mockwebserver#76; 415 for an existing one), so this dispatcher turns an apply into a
 * create, or into a replacement of the whole existing object. That is not what an API server does:
 * no managed fields, no field ownership, no defaulting, no controllers. The operator's real write
 * path is tested against a real API server on the cluster tier (see the test's javadoc).
 */
public class ApplyAsReplaceCrudMockServer implements QuarkusTestResourceLifecycleManager {
  private KubernetesMockServer server;

  @Override
  public Map<String, String> start() {
    server =
        new KubernetesMockServer(
            new io.fabric8.mockwebserver.Context(),
            new MockWebServer(),
            new HashMap<>(),
            new ApplyingDispatcher(),
            false);
    server.init();
    return Map.of(
        "quarkus.kubernetes-client.api-server-url", server.url("/"),
        "quarkus.kubernetes-client.trust-certs", "true",
        "quarkus.kubernetes-client.namespace", "default");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.destroy();
    }
  }

  static final class ApplyingDispatcher extends KubernetesCrudDispatcher {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static RecordedRequest copy(
        RecordedRequest request, String path, String body, String contentType, HttpMethod method) {
      Headers.Builder headers = request.getHeaders().newBuilder();
      if (contentType != null) {
        headers.set("Content-Type", contentType);
      }
      return new RecordedRequest(
          "HTTP/1.1",
          method,
          path,
          headers.build(),
          new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
      String body = request.getUtf8Body(); // reading consumes it: hand copies on
      String contentType = request.getHeader("Content-Type");
      if (contentType == null || !contentType.startsWith("application/apply-patch")) {
        return super.handlePatch(
            copy(request, request.getPath(), body, contentType, request.method()));
      }
      // Apply: replaces the object if it exists (the mock's merge patch would append to lists),
      // else creates it.
      String json =
          SERIALIZATION.asJson(SERIALIZATION.unmarshal(body, GenericKubernetesResource.class));
      String path = request.getPath();
      int query = path.indexOf('?');
      String item = query < 0 ? path : path.substring(0, query);
      if (handleGet(item).code() == 200) {
        return handleUpdate(copy(request, item, json, "application/json", HttpMethod.PUT));
      }
      String collection = item.substring(0, item.lastIndexOf('/'));
      return handleCreate(copy(request, collection, json, "application/json", HttpMethod.POST));
    }
  }
}
