package io.podblueprint;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.podblueprint.api.v1alpha1.CronJobOptions;
import io.podblueprint.api.v1alpha1.JobOptions;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.PodBlueprintSpec;
import io.podblueprint.api.v1alpha1.ServiceOptions;
import io.podblueprint.api.v1alpha1.ServicePortOptions;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random blueprints the CRD's schema accepts: every workload kind, init and sidecar containers,
 * ports, env (values and each kind of valueFrom), probes with exactly one handler, resources,
 * volumes and mounts, labels, annotations and a Service. About one in ten also carries a mistake
 * only the operator's validation finds (a mount of a missing volume, a targetPort name no container
 * has), so that both outcomes are exercised.
 *
 * <p>The parts of a blueprint depend on each other (mounts name volumes, targetPorts name ports,
 * restartPolicy depends on the kind), so one seeded {@link Random} draws them all; the property
 * tests draw the seed, and a failure reports it, which reproduces the blueprint exactly.
 */
public final class BlueprintGenerator {
  static final List<String> SCHEDULES =
      List.of("*/5 * * * *", "0 3 * * *", "15 9-17 * * MON-FRI", "@hourly", "@daily", "0 0 1 * *");
  static final List<String> IMAGES =
      List.of(
          "nginx:1.27",
          "busybox:1.36",
          "example.com/team/app:2.3.1",
          "redis@sha256:" + "a".repeat(64));
  static final List<String> PORT_NAMES =
      List.of("http", "https", "metrics", "grpc", "admin", "dns");
  static final List<String> CPU = List.of("100m", "250m", "500m", "1");
  static final List<String> MEMORY = List.of("64Mi", "128Mi", "256Mi", "1Gi");
  private final Random random;
  private final Set<String> portNames = new LinkedHashSet<>();

  private BlueprintGenerator(Random random) {
    this.random = random;
  }

  public static PodBlueprint generate(long seed) {
    return new BlueprintGenerator(new Random(seed)).blueprint();
  }

  private PodBlueprint blueprint() {
    PodBlueprint blueprint = new PodBlueprint();
    blueprint.setMetadata(new ObjectMetaBuilder().withName(name()).build());
    PodBlueprintSpec spec = new PodBlueprintSpec();
    WorkloadKind kind = pick(List.of(WorkloadKind.values()));
    spec.workload = random.nextInt(5) == 0 && kind == WorkloadKind.Deployment ? null : kind;
    if (kind == WorkloadKind.Deployment && random.nextBoolean()) {
      spec.replicas = random.nextInt(4);
    }
    if (kind.runsToCompletion() && random.nextBoolean()) {
      spec.job = job();
    }
    if (kind == WorkloadKind.CronJob) {
      spec.cronJob = cronJob();
    }
    spec.template = template(kind);
    if (kind != WorkloadKind.CronJob && random.nextInt(3) == 0) {
      spec.service = service();
    }
    blueprint.setSpec(spec);
    return blueprint;
  }

  private String name() {
    StringBuilder name = new StringBuilder().append((char) ('a' + random.nextInt(26)));
    int length = 1 + random.nextInt(30);
    for (int i = 0; i < length; i++) {
      String chars = "abcdefghijklmnopqrstuvwxyz0123456789-";
      name.append(chars.charAt(random.nextInt(chars.length())));
    }
    return name.toString().replaceAll("-+$", "") + "x";
  }

  private JobOptions job() {
    JobOptions job = new JobOptions();
    job.completions = maybe(1 + random.nextInt(3));
    job.parallelism = maybe(1 + random.nextInt(3));
    job.backoffLimit = maybe(random.nextInt(7));
    job.activeDeadlineSeconds = random.nextBoolean() ? null : 60L + random.nextInt(600);
    job.ttlSecondsAfterFinished = maybe(random.nextInt(3600));
    return job;
  }

  private CronJobOptions cronJob() {
    CronJobOptions cron = new CronJobOptions();
    cron.schedule = pick(SCHEDULES);
    cron.timeZone = random.nextBoolean() ? null : pick(List.of("Etc/UTC", "Europe/Paris"));
    cron.concurrencyPolicy = maybe(pick(List.of(CronJobOptions.ConcurrencyPolicy.values())));
    cron.suspend = maybe(random.nextBoolean());
    cron.successfulJobsHistoryLimit = maybe(random.nextInt(5));
    cron.failedJobsHistoryLimit = maybe(random.nextInt(5));
    cron.startingDeadlineSeconds = random.nextBoolean() ? null : 10L + random.nextInt(300);
    return cron;
  }

  private PodTemplateSpec template(WorkloadKind kind) {
    List<Volume> volumes = volumes();
    List<String> volumeNames = volumes.stream().map(Volume::getName).toList();
    PodSpecBuilder pod = new PodSpecBuilder();
    List<Container> containers = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      containers.add(container("c" + i, volumeNames, false));
    }
    List<Container> init = new ArrayList<>();
    int initCount = random.nextInt(3);
    for (int i = 0; i < initCount; i++) {
      init.add(container("init" + i, volumeNames, true));
    }
    pod.withContainers(containers).withInitContainers(init).withVolumes(volumes);
    if (random.nextBoolean()) {
      pod.withRestartPolicy(restartPolicy(kind));
    }
    if (random.nextInt(4) == 0) {
      pod.withTerminationGracePeriodSeconds((long) random.nextInt(60));
    }
    var metadata = new ObjectMetaBuilder();
    if (random.nextBoolean()) {
      metadata.withLabels(labels());
    }
    if (random.nextBoolean()) {
      metadata.withAnnotations(Map.of("example.com/note", "generated " + random.nextInt()));
    }
    return new PodTemplateSpec(metadata.build(), pod.build());
  }

  private String restartPolicy(WorkloadKind kind) {
    return switch (kind) {
      case Deployment -> "Always";
      case Pod -> pick(List.of("Always", "OnFailure", "Never"));
      case Job, CronJob -> pick(List.of("OnFailure", "Never"));
    };
  }

  private Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/part-of", "shop");
    if (random.nextBoolean()) {
      labels.put("example.com/tier", pick(List.of("front-end", "back_end", "db.v2", "")));
    }
    return labels;
  }

  private List<Volume> volumes() {
    List<Volume> volumes = new ArrayList<>();
    int count = random.nextInt(3);
    for (int i = 0; i < count; i++) {
      VolumeBuilder volume = new VolumeBuilder().withName("vol" + i);
      if (random.nextBoolean()) {
        volume.withNewEmptyDir().withSizeLimit(maybe(new Quantity(pick(MEMORY)))).endEmptyDir();
      } else {
        volume.withNewConfigMap().withName("settings-" + i).withOptional(true).endConfigMap();
      }
      volumes.add(volume.build());
    }
    return volumes;
  }

  private Container container(String name, List<String> volumes, boolean init) {
    boolean sidecar = init && random.nextBoolean();
    ContainerBuilder c = new ContainerBuilder().withName(name).withImage(pick(IMAGES));
    if (sidecar) {
      c.withRestartPolicy("Always");
    }
    if (random.nextBoolean()) {
      c.withCommand("sh", "-c", "echo " + name);
    }
    if (!init || sidecar) {
      c.withPorts(ports(name));
      if (random.nextBoolean()) {
        c.withReadinessProbe(probe());
      }
      if (random.nextBoolean()) {
        c.withLivenessProbe(probe());
      }
    }
    c.withEnv(env());
    if (random.nextBoolean()) {
      String cpu = pick(CPU);
      String memory = pick(MEMORY);
      var resources = new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity(cpu));
      resources.addToRequests("memory", new Quantity(memory));
      if (random.nextBoolean()) {
        resources.addToLimits("cpu", new Quantity(cpu)).addToLimits("memory", new Quantity(memory));
      }
      c.withResources(resources.build());
    }
    c.withVolumeMounts(mounts(volumes));
    return c.build();
  }

  private List<ContainerPort> ports(String container) {
    List<ContainerPort> ports = new ArrayList<>();
    int count = random.nextInt(3);
    Set<Integer> numbers = new LinkedHashSet<>();
    for (int i = 0; i < count; i++) {
      int number = 1024 + random.nextInt(60000);
      if (!numbers.add(number)) {
        continue;
      }
      ContainerPortBuilder port = new ContainerPortBuilder().withContainerPort(number);
      String portName = pick(PORT_NAMES) + "-" + container;
      if (random.nextBoolean() && portName.length() <= 15 && portNames.add(portName)) {
        port.withName(portName);
      }
      if (random.nextInt(4) == 0) {
        port.withProtocol("UDP");
      }
      ports.add(port.build());
    }
    return ports;
  }

  private Probe probe() {
    ProbeBuilder probe = new ProbeBuilder();
    switch (random.nextInt(4)) {
      case 0 -> probe.withNewExec().withCommand("cat", "/tmp/healthy").endExec();
      case 1 ->
          probe.withNewHttpGet().withPath("/healthz").withPort(new IntOrString(8080)).endHttpGet();
      case 2 -> probe.withNewTcpSocket().withPort(new IntOrString(8080)).endTcpSocket();
      default -> probe.withNewGrpc().withPort(9090).endGrpc();
    }
    if (random.nextBoolean()) {
      probe.withPeriodSeconds(1 + random.nextInt(30)).withFailureThreshold(1 + random.nextInt(5));
    }
    return probe.build();
  }

  private List<EnvVar> env() {
    List<EnvVar> env = new ArrayList<>();
    int count = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      EnvVarBuilder variable = new EnvVarBuilder().withName("VAR_" + i);
      switch (random.nextInt(5)) {
        case 0 ->
            variable
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.name")
                .endFieldRef()
                .endValueFrom();
        case 1 ->
            variable
                .withNewValueFrom()
                .withNewConfigMapKeyRef("key", "settings", true)
                .endValueFrom();
        case 2 ->
            variable
                .withNewValueFrom()
                .withNewSecretKeyRef("password", "creds", true)
                .endValueFrom();
        default -> variable.withValue(random.nextBoolean() ? "" : "value " + random.nextInt());
      }
      env.add(variable.build());
    }
    return env;
  }

  private List<VolumeMount> mounts(List<String> volumes) {
    List<VolumeMount> mounts = new ArrayList<>();
    for (String volume : volumes) {
      if (random.nextBoolean()) {
        mounts.add(
            new VolumeMountBuilder().withName(volume).withMountPath("/mnt/" + volume).build());
      }
    }
    if (random.nextInt(20) == 0) {
      mounts.add(
          new VolumeMountBuilder().withName("missing").withMountPath("/mnt/missing").build());
    }
    return mounts;
  }

  private ServiceOptions service() {
    ServiceOptions service = new ServiceOptions();
    service.type = maybe(pick(List.of(ServiceOptions.ServiceKind.values())));
    service.ports = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      ServicePortOptions port = new ServicePortOptions();
      port.port = 80 + i;
      port.name = count > 1 || random.nextBoolean() ? "p" + i : null;
      int target = random.nextInt(4);
      if (target == 0 && !portNames.isEmpty()) {
        port.targetPort = new IntOrString(pick(List.copyOf(portNames)));
      } else if (target == 1) {
        port.targetPort = new IntOrString(8080 + i);
      } else if (target == 2 && random.nextInt(10) == 0) {
        port.targetPort = new IntOrString("nosuchport");
      }
      if (service.type != null && service.type != ServiceOptions.ServiceKind.ClusterIP) {
        port.nodePort = random.nextBoolean() ? null : 30000 + random.nextInt(2768);
      }
      service.ports.add(port);
    }
    return service;
  }

  private <T> T maybe(T value) {
    return random.nextBoolean() ? value : null;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
