package io.podblueprint.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The user's pod spec reaches the rendered pod template unchanged; only labels are added. */
@Tag("unit")
class PodTemplateRendererTest {
  /** A pod spec using every field family users reach for; restartPolicy is set per test. */
  static final String RICH_POD_SPEC =
      """
      nodeSelector:
        disktype: ssd
        kubernetes.io/os: linux
      readinessGates:
      - conditionType: example.com/feature-1
      terminationGracePeriodSeconds: 45
      initContainers:
      - name: init-data
        image: busybox:1.28
        command: ["sh", "-c"]
        args: ["echo ready > /data/ready"]
        volumeMounts:
        - {name: data, mountPath: /data}
      - name: log-shipper
        image: example/shipper:2
        restartPolicy: Always
        startupProbe:
          exec:
            command: ["cat", "/tmp/started"]
      containers:
      - name: app
        image: example/app:1.2.3
        imagePullPolicy: IfNotPresent
        command: ["/app/server"]
        args: ["--port=8080", "--verbose"]
        workingDir: /app
        ports:
        - {name: http, containerPort: 8080, protocol: TCP}
        - {name: grpc, containerPort: 9090}
        env:
        - {name: MODE, value: production}
        - name: POD_NAME
          valueFrom:
            fieldRef: {fieldPath: metadata.name}
        - name: CPU_LIMIT
          valueFrom:
            resourceFieldRef: {containerName: app, resource: limits.cpu, divisor: 1m}
        - name: COLOR
          valueFrom:
            configMapKeyRef: {name: settings, key: color, optional: true}
        - name: PASSWORD
          valueFrom:
            secretKeyRef: {name: creds, key: password}
        envFrom:
        - configMapRef: {name: settings}
        resources:
          requests: {cpu: 250m, memory: 64Mi}
          limits: {cpu: "1", memory: 128Mi, ephemeral-storage: 1Gi}
        livenessProbe:
          exec:
            command: ["cat", "/tmp/healthy"]
          initialDelaySeconds: 5
          periodSeconds: 10
          timeoutSeconds: 2
          successThreshold: 1
          failureThreshold: 4
          terminationGracePeriodSeconds: 30
        readinessProbe:
          httpGet:
            path: /ready
            port: http
            scheme: HTTP
            httpHeaders:
            - {name: X-Probe, value: readiness}
          periodSeconds: 3
        startupProbe:
          tcpSocket:
            port: 8080
          failureThreshold: 30
          periodSeconds: 1
        lifecycle:
          postStart:
            exec:
              command: ["sh", "-c", "echo started > /tmp/started"]
          preStop:
            httpGet:
              path: /shutdown
              port: 8080
        volumeMounts:
        - {name: data, mountPath: /data}
        - {name: host-logs, mountPath: /var/log/host, readOnly: true}
        - {name: settings, mountPath: /etc/settings}
        - {name: creds, mountPath: /etc/creds}
        - {name: claim, mountPath: /var/lib/app}
      - name: grpc-side
        image: example/grpc:1
        livenessProbe:
          grpc:
            port: 9090
            service: health
          initialDelaySeconds: 2
        lifecycle:
          preStop:
            sleep: {seconds: 5}
      volumes:
      - name: data
        emptyDir: {medium: Memory, sizeLimit: 256Mi}
      - name: host-logs
        hostPath: {path: /var/log, type: Directory}
      - name: settings
        configMap:
          name: settings
          items:
          - {key: app.properties, path: app.properties}
      - name: creds
        secret: {secretName: creds, defaultMode: 0400}
      - name: claim
        persistentVolumeClaim: {claimName: app-data, readOnly: false}
      """;

  static PodBlueprint rich(WorkloadKind kind, String restartPolicy) {
    String policy = restartPolicy == null ? "" : "restartPolicy: " + restartPolicy + "\n";
    String cron = kind == WorkloadKind.CronJob ? "cronJob:\n  schedule: \"@hourly\"\n" : "";
    return Blueprints.named(
        "rich",
        "workload: "
            + kind
            + "\n"
            + cron
            + "template:\n"
            + "  metadata:\n"
            + "    labels: {tier: backend}\n"
            + "    annotations: {example.com/owner: team-a, prometheus.io/scrape: \"true\"}\n"
            + "  spec:\n"
            + (policy + RICH_POD_SPEC).indent(4));
  }

  @Test
  void theRichFixtureHasNoUnknownFields() {
    assertThat(Blueprints.unknownFields(rich(WorkloadKind.Pod, null))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(WorkloadKind.class)
  void podSpecReachesEveryWorkloadUnchanged(WorkloadKind kind) {
    String policy = kind.runsToCompletion() ? "OnFailure" : "Always";
    PodBlueprint blueprint = rich(kind, policy);
    PodSpec rendered = Workloads.podSpec(ChildRenderer.workload(blueprint));
    assertThat(Blueprints.tree(rendered))
        .isEqualTo(Blueprints.tree(blueprint.getSpec().template.getSpec()));
  }

  @Test
  void everyFieldFamilyIsThereTyped() {
    PodSpec spec = PodTemplateRenderer.render(rich(WorkloadKind.Deployment, null)).getSpec();
    assertThat(spec.getNodeSelector()).containsEntry("disktype", "ssd");
    assertThat(spec.getReadinessGates().get(0).getConditionType())
        .isEqualTo("example.com/feature-1");
    assertThat(spec.getTerminationGracePeriodSeconds()).isEqualTo(45L);
    assertThat(spec.getRestartPolicy()).isNull();
    assertThat(spec.getInitContainers())
        .extracting(Container::getName)
        .containsExactly("init-data", "log-shipper");
    assertThat(spec.getInitContainers().get(1).getRestartPolicy()).isEqualTo("Always");

    Container app = spec.getContainers().get(0);
    assertThat(app.getCommand()).containsExactly("/app/server");
    assertThat(app.getArgs()).containsExactly("--port=8080", "--verbose");
    assertThat(app.getEnv().get(1).getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.name");
    assertThat(app.getEnv().get(2).getValueFrom().getResourceFieldRef().getDivisor())
        .isEqualTo(new Quantity("1m"));
    assertThat(app.getEnv().get(3).getValueFrom().getConfigMapKeyRef().getOptional()).isTrue();
    assertThat(app.getEnv().get(4).getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
    assertThat(app.getResources().getLimits()).containsEntry("memory", new Quantity("128Mi"));
    assertThat(app.getResources().getRequests()).containsEntry("cpu", new Quantity("250m"));

    var liveness = app.getLivenessProbe();
    assertThat(liveness.getExec().getCommand()).containsExactly("cat", "/tmp/healthy");
    assertThat(liveness.getInitialDelaySeconds()).isEqualTo(5);
    assertThat(liveness.getPeriodSeconds()).isEqualTo(10);
    assertThat(liveness.getTimeoutSeconds()).isEqualTo(2);
    assertThat(liveness.getSuccessThreshold()).isEqualTo(1);
    assertThat(liveness.getFailureThreshold()).isEqualTo(4);
    assertThat(liveness.getTerminationGracePeriodSeconds()).isEqualTo(30L);
    var readiness = app.getReadinessProbe().getHttpGet();
    assertThat(readiness.getPort()).isEqualTo(new IntOrString("http"));
    assertThat(readiness.getHttpHeaders().get(0).getName()).isEqualTo("X-Probe");
    assertThat(readiness.getHttpHeaders().get(0).getValue()).isEqualTo("readiness");
    assertThat(app.getStartupProbe().getTcpSocket().getPort()).isEqualTo(new IntOrString(8080));
    assertThat(app.getLifecycle().getPostStart().getExec().getCommand()).hasSize(3);
    assertThat(app.getLifecycle().getPreStop().getHttpGet().getPath()).isEqualTo("/shutdown");

    Container grpc = spec.getContainers().get(1);
    assertThat(grpc.getLivenessProbe().getGrpc().getPort()).isEqualTo(9090);
    assertThat(grpc.getLivenessProbe().getGrpc().getService()).isEqualTo("health");
    assertThat(grpc.getLifecycle().getPreStop().getSleep().getSeconds()).isEqualTo(5L);

    Map<String, Volume> volumes = new java.util.TreeMap<>();
    spec.getVolumes().forEach(v -> volumes.put(v.getName(), v));
    assertThat(volumes.get("data").getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("256Mi"));
    assertThat(volumes.get("data").getEmptyDir().getMedium()).isEqualTo("Memory");
    assertThat(volumes.get("host-logs").getHostPath().getType()).isEqualTo("Directory");
    assertThat(volumes.get("settings").getConfigMap().getItems()).hasSize(1);
    assertThat(volumes.get("creds").getSecret().getDefaultMode()).isEqualTo(0400);
    assertThat(volumes.get("claim").getPersistentVolumeClaim().getClaimName())
        .isEqualTo("app-data");
  }

  @Test
  void labelsAreMergedAndAnnotationsKept() {
    PodTemplateSpec template = PodTemplateRenderer.render(rich(WorkloadKind.Deployment, null));
    assertThat(template.getMetadata().getLabels())
        .as("sorted by key, so the bytes never depend on map order")
        .containsExactly(
            Map.entry(Labels.INSTANCE, "rich"),
            Map.entry(Labels.MANAGED_BY, Labels.OPERATOR),
            Map.entry(Labels.NAME, "rich"),
            Map.entry(Labels.BLUEPRINT, "rich"),
            Map.entry("tier", "backend"));
    assertThat(template.getMetadata().getAnnotations())
        .containsExactly(
            Map.entry("example.com/owner", "team-a"), Map.entry("prometheus.io/scrape", "true"));
    assertThat(template.getMetadata().getName()).isNull();
    assertThat(template.getMetadata().getNamespace()).isNull();
  }

  @Test
  void templateWithoutMetadataGetsTheOperatorsLabelsOnly() {
    PodTemplateSpec template =
        PodTemplateRenderer.render(Blueprints.simple("plain", WorkloadKind.Deployment));
    assertThat(template.getMetadata().getLabels())
        .containsOnlyKeys(Labels.NAME, Labels.INSTANCE, Labels.MANAGED_BY, Labels.BLUEPRINT);
    assertThat(template.getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = WorkloadKind.class,
      names = {"Job", "CronJob"})
  void jobPodsRestartNeverByDefaultAndKeepOnFailure(WorkloadKind kind) {
    PodBlueprint unset = rich(kind, null);
    assertThat(Workloads.podSpec(ChildRenderer.workload(unset)).getRestartPolicy())
        .isEqualTo("Never");
    assertThat(unset.getSpec().template.getSpec().getRestartPolicy())
        .as("rendering must not write into the blueprint")
        .isNull();
    assertThat(
            Workloads.podSpec(ChildRenderer.workload(rich(kind, "OnFailure"))).getRestartPolicy())
        .isEqualTo("OnFailure");
    assertThat(Workloads.podSpec(ChildRenderer.workload(rich(kind, "Never"))).getRestartPolicy())
        .isEqualTo("Never");
  }

  @ParameterizedTest
  @EnumSource(
      value = WorkloadKind.class,
      names = {"Pod", "Deployment"})
  void longRunningPodsKeepTheirPolicyOrNone(WorkloadKind kind) {
    assertThat(Workloads.podSpec(ChildRenderer.workload(rich(kind, null))).getRestartPolicy())
        .isNull();
    assertThat(Workloads.podSpec(ChildRenderer.workload(rich(kind, "Always"))).getRestartPolicy())
        .isEqualTo("Always");
  }

  /**
   * Resources and emptyDir size limits are rendered as the API server stores them, so the next
   * comparison with the live child sees no change where there is none.
   */
  @Test
  void quantitiesAreRenderedInTheApiServersSpelling() {
    PodBlueprint blueprint =
        Blueprints.named(
            "sizes",
            """
            template:
              spec:
                initContainers:
                - name: init
                  image: example/init:1
                  resources:
                    requests: {cpu: "0.5", memory: 1024Mi}
                containers:
                - name: app
                  image: example/app:1
                  resources:
                    limits: {cpu: 1000m, memory: 2048Mi}
                volumes:
                - name: scratch
                  emptyDir: {sizeLimit: 1024Mi}
                - name: config
                  configMap: {name: settings}
            """);

    PodSpec spec = PodTemplateRenderer.render(blueprint).getSpec();

    assertThat(spec.getInitContainers().get(0).getResources().getRequests())
        .hasToString("{cpu=500m, memory=1Gi}");
    assertThat(spec.getContainers().get(0).getResources().getLimits())
        .hasToString("{cpu=1, memory=2Gi}");
    assertThat(spec.getVolumes().get(0).getEmptyDir().getSizeLimit()).hasToString("1Gi");
  }

  @Test
  void renderingDoesNotShareMutableStateWithTheBlueprint() {
    PodBlueprint blueprint = rich(WorkloadKind.Deployment, null);
    String before = Blueprints.yaml(blueprint);
    PodSpec rendered = PodTemplateRenderer.render(blueprint).getSpec();
    rendered.getContainers().get(0).setImage("changed");
    rendered.getNodeSelector().put("added", "x");
    assertThat(Blueprints.yaml(blueprint)).isEqualTo(before);
  }
}
