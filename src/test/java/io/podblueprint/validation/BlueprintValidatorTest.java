package io.podblueprint.validation;

import static io.podblueprint.Blueprints.named;
import static org.assertj.core.api.Assertions.assertThat;

import io.podblueprint.Blueprints;
import io.podblueprint.api.v1alpha1.PodBlueprint;
import io.podblueprint.api.v1alpha1.WorkloadKind;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class BlueprintValidatorTest {
  private static final String C0 = "spec.template.spec.containers[0]";

  /** A blueprint that uses every feature the checks look at, all of it valid. */
  private static final String VALID =
      """
      workload: Deployment
      replicas: 2
      template:
        metadata:
          labels:
            app.kubernetes.io/name: shop
            example.com/tier: front-end
            empty: ""
        spec:
          restartPolicy: Always
          initContainers:
          - name: proxy
            image: envoyproxy/envoy:v1.30
            restartPolicy: Always
            ports:
            - name: admin
              containerPort: 9901
          - name: migrate
            image: example/migrate:1
            volumeMounts:
            - name: scratch
              mountPath: /scratch
          containers:
          - name: web
            image: example/web:1
            ports:
            - name: http
              containerPort: 8080
            - containerPort: 8443
            env:
            - name: PLAIN
              value: "1"
            - name: EMPTY_VALUE_AND_SOURCE
              value: ""
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: FROM_SECRET
              valueFrom:
                secretKeyRef:
                  name: creds
                  key: password
            resources:
              requests:
                cpu: 250m
                memory: 64Mi
              limits:
                cpu: 1
                memory: 1.5Gi
                ephemeral-storage: 1e9
            volumeMounts:
            - name: scratch
              mountPath: /tmp
          volumes:
          - name: scratch
            emptyDir:
              sizeLimit: 500Mi
      service:
        ports:
        - name: http
          port: 80
          targetPort: http
        - name: admin
          port: 9901
          targetPort: admin
        - name: tls
          port: 443
          targetPort: 8443
      """;

  @Test
  void validBlueprintHasNoFindings() {
    assertThat(BlueprintValidator.validate(named("shop", VALID))).isEmpty();
  }

  @Test
  void everyWorkloadKindOfTheSimpleFixtureIsValid() {
    assertThat(BlueprintValidator.validate(Blueprints.simple("a", WorkloadKind.Pod))).isEmpty();
    assertThat(BlueprintValidator.validate(Blueprints.simple("b", WorkloadKind.Job))).isEmpty();
    PodBlueprint cron =
        Blueprints.simple("c", WorkloadKind.CronJob, "cronJob:\n  schedule: \"*/5 * * * *\"\n");
    assertThat(BlueprintValidator.validate(cron)).isEmpty();
  }

  @Test
  void nullBlueprintAndMissingSpecAreFindingsNotExceptions() {
    assertThat(BlueprintValidator.validate(null))
        .containsExactly(new Finding("", "no blueprint given"));
    PodBlueprint noSpec = new PodBlueprint();
    assertThat(BlueprintValidator.validate(noSpec))
        .containsExactly(
            new Finding("metadata.name", "is required: it names the blueprint and its children"),
            new Finding("spec", "is required: give at least spec.template"));
  }

  @Test
  void findingPrintsFieldThenMessage() {
    assertThat(new Finding("spec.a", "is wrong")).hasToString("spec.a: is wrong");
  }

  // --- template and containers ---

  @Test
  void missingTemplate() {
    assertThat(validate("workload: Pod\n"))
        .containsExactly(
            new Finding(
                "spec.template",
                "is required: give the pods' labels and a spec with at least one container"));
  }

  @Test
  void missingPodSpec() {
    assertThat(validate("template:\n  metadata:\n    labels: {a: b}\n"))
        .containsExactly(
            new Finding("spec.template.spec", "is required: give at least one container"));
  }

  @Test
  void noContainers() {
    assertThat(validate("template:\n  spec:\n    containers: []\n"))
        .containsExactly(
            new Finding("spec.template.spec.containers", "at least one container is required"));
  }

  @Test
  void containerWithoutImageOrName() {
    assertThat(
            validate(
                """
                template:
                  spec:
                    containers:
                    - name: a
                    - image: busybox
                    initContainers:
                    - name: init
                      image: " "
                """))
        .containsExactly(
            new Finding(
                C0 + ".image", "is required: name the image to run, for example nginx:1.27"),
            new Finding(
                "spec.template.spec.containers[1].name", "is required: give the container a name"),
            new Finding(
                "spec.template.spec.initContainers[0].image",
                "is required: name the image to run, for example nginx:1.27"));
  }

  @Test
  void volumeMountOfUnknownVolume() {
    assertThat(
            validate(
                """
                template:
                  spec:
                    volumes:
                    - name: cache
                      emptyDir: {}
                    containers:
                    - name: a
                      image: busybox
                      volumeMounts:
                      - name: cache
                        mountPath: /cache
                      - name: data
                        mountPath: /data
                    initContainers:
                    - name: init
                      image: busybox
                      volumeMounts:
                      - name: config
                        mountPath: /config
                """))
        .containsExactly(
            new Finding(
                C0 + ".volumeMounts[1].name",
                "no volume named \"data\" in spec.template.spec.volumes"),
            new Finding(
                "spec.template.spec.initContainers[0].volumeMounts[0].name",
                "no volume named \"config\" in spec.template.spec.volumes"));
  }

  @Test
  void duplicateContainerNamesAcrossContainersAndInitContainers() {
    assertThat(
            validate(
                """
                template:
                  spec:
                    containers:
                    - name: web
                      image: a
                    - name: web
                      image: b
                    initContainers:
                    - name: web
                      image: c
                """))
        .containsExactly(
            new Finding(
                "spec.template.spec.containers[1].name",
                "duplicate container name \"web\", already used by"
                    + " spec.template.spec.containers[0]: names must be unique across"
                    + " containers and initContainers"),
            new Finding(
                "spec.template.spec.initContainers[0].name",
                "duplicate container name \"web\", already used by"
                    + " spec.template.spec.containers[0]: names must be unique across"
                    + " containers and initContainers"));
  }

  @Test
  void duplicatePortNamesWithinAContainer() {
    assertThat(
            validate(
                """
                template:
                  spec:
                    containers:
                    - name: web
                      image: a
                      ports:
                      - {name: http, containerPort: 80}
                      - {containerPort: 81}
                      - {name: http, containerPort: 8080}
                    - name: other
                      image: b
                      ports:
                      - {name: http, containerPort: 9090}
                """))
        .containsExactly(
            new Finding(
                C0 + ".ports[2].name",
                "duplicate port name \"http\", already used by ports[0]: port names must be"
                    + " unique within a container"));
  }

  // --- service ---

  @Test
  void serviceTargetPortNameThatNoContainerExposes() {
    assertThat(
            validate(
                """
                template:
                  spec:
                    initContainers:
                    - name: plain-init
                      image: a
                      ports:
                      - {name: init-port, containerPort: 1000}
                    containers:
                    - name: web
                      image: b
                      ports:
                      - {name: web, containerPort: 8080}
                      - {name: metrics, containerPort: 9090}
                service:
                  ports:
                  - {name: http, port: 80, targetPort: http}
                  - {name: init, port: 1000, targetPort: init-port}
                  - {name: metrics, port: 9090, targetPort: metrics}
                """))
        .containsExactly(
            new Finding(
                "spec.service.ports[0].targetPort",
                "no container exposes a port named \"http\" (the named ports are metrics, web):"
                    + " name a port in the containers' ports, or give a port number"),
            new Finding(
                "spec.service.ports[1].targetPort",
                "no container exposes a port named \"init-port\" (the named ports are metrics,"
                    + " web): name a port in the containers' ports, or give a port number"));
  }

  @Test
  void serviceTargetPortNameWhenNoPortIsNamed() {
    String spec =
        Blueprints.ONE_CONTAINER + "service:\n  ports:\n  - {port: 80, targetPort: http}\n";
    assertThat(validate(spec))
        .containsExactly(
            new Finding(
                "spec.service.ports[0].targetPort",
                "no container exposes a port named \"http\" (no container names its ports):"
                    + " name a port in the containers' ports, or give a port number"));
  }

  @Test
  void serviceWithoutPorts() {
    assertThat(validate(Blueprints.ONE_CONTAINER + "service:\n  ports: []\n"))
        .containsExactly(new Finding("spec.service.ports", "at least one port is required"));
    assertThat(validate(Blueprints.ONE_CONTAINER + "service:\n  type: ClusterIP\n"))
        .containsExactly(new Finding("spec.service.ports", "at least one port is required"));
  }

  @Test
  void servicePortWithoutPortNumber() {
    assertThat(validate(Blueprints.ONE_CONTAINER + "service:\n  ports:\n  - name: http\n"))
        .containsExactly(
            new Finding(
                "spec.service.ports[0].port", "is required: the port the Service listens on"));
  }

  // --- labels ---

  @Test
  void invalidLabelKeys() {
    String spec =
        """
        template:
          metadata:
            labels:
              "has space": a
              "-leading": a
              "Example.com/x": a
              "a/b/c": a
              "/x": a
              "example.com/": a
              "ok.example.com/Fine_Name.1": a
        """
            + "      \""
            + "n".repeat(64)
            + "\": a\n"
            + "      \""
            + "p".repeat(254)
            + "/x\": a\n"
            + "  spec:\n    containers:\n    - {name: a, image: b}\n";
    assertThat(validate(spec))
        .extracting(Finding::field)
        .containsOnly("spec.template.metadata.labels");
    assertThat(validate(spec))
        .extracting(Finding::message)
        .containsExactly(
            keyMessage("-leading"),
            keyMessage("/x"),
            keyMessage("Example.com/x"),
            keyMessage("a/b/c"),
            keyMessage("example.com/"),
            keyMessage("has space"),
            keyMessage("n".repeat(64)),
            keyMessage("p".repeat(254) + "/x"));
  }

  @Test
  void invalidLabelValues() {
    String spec =
        """
        template:
          metadata:
            labels:
              a: "has space"
              b: "-leading"
              c: "trailing."
              d: "Fine_Value.1-x"
              e: ""
        """
            + "      f: \""
            + "v".repeat(64)
            + "\"\n"
            + "  spec:\n    containers:\n    - {name: a, image: b}\n";
    String rule =
        " is not a valid label value: a label value is empty or at most 63 characters of"
            + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
    assertThat(validate(spec))
        .containsExactly(
            new Finding("spec.template.metadata.labels[a]", "\"has space\"" + rule),
            new Finding("spec.template.metadata.labels[b]", "\"-leading\"" + rule),
            new Finding("spec.template.metadata.labels[c]", "\"trailing.\"" + rule),
            new Finding("spec.template.metadata.labels[f]", "\"" + "v".repeat(64) + "\"" + rule));
  }

  private static String keyMessage(String key) {
    return "\""
        + key
        + "\" is not a valid label key: a label key is an optional DNS subdomain prefix (at"
        + " most 253 characters) and '/', then a name of at most 63 characters of letters,"
        + " digits, '-', '_' or '.', starting and ending with a letter or digit, for example"
        + " example.com/tier";
  }

  // --- CronJob schedule ---

  @Test
  void cronJobWithoutSchedule() {
    Finding missing =
        new Finding(
            "spec.cronJob.schedule",
            "is required when spec.workload is CronJob, for example \"*/5 * * * *\" or"
                + " \"@hourly\"");
    assertThat(BlueprintValidator.validate(Blueprints.simple("c", WorkloadKind.CronJob)))
        .containsExactly(missing);
    PodBlueprint noSchedule =
        Blueprints.simple("c", WorkloadKind.CronJob, "cronJob:\n  suspend: true\n");
    assertThat(BlueprintValidator.validate(noSchedule)).containsExactly(missing);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "* * * * *",
        "*/5 0-6 1,15 JAN-MAR MON-FRI",
        "0  0 ? * *",
        "@yearly",
        "@annually",
        "@monthly",
        "@weekly",
        "@daily",
        "@midnight",
        "@hourly"
      })
  void validSchedules(String schedule) {
    assertThat(BlueprintValidator.validate(cron(schedule))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"* * * *", "* * * * * *", " * * * * *", "* * * * * ", "every minute"})
  void schedulesWithoutFiveFields(String schedule) {
    assertThat(BlueprintValidator.validate(cron(schedule)))
        .containsExactly(
            new Finding(
                "spec.cronJob.schedule",
                "\""
                    + schedule
                    + "\" is not a valid schedule: use five space-separated fields (minute hour"
                    + " day-of-month month day-of-week), for example \"*/5 * * * *\", or one of"
                    + " @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly"));
  }

  @Test
  void unknownMacro() {
    assertThat(BlueprintValidator.validate(cron("@every 5m")))
        .containsExactly(
            new Finding(
                "spec.cronJob.schedule",
                "\"@every 5m\" is not a known macro: use five space-separated fields (minute hour"
                    + " day-of-month month day-of-week), for example \"*/5 * * * *\", or one of"
                    + " @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly"));
  }

  @Test
  void scheduleFieldWithForbiddenCharacters() {
    assertThat(BlueprintValidator.validate(cron("0 1:30 * * *")))
        .containsExactly(
            new Finding(
                "spec.cronJob.schedule",
                "the hour field \"1:30\" has \"1:30\", which is not a value: use 0-23"));
  }

  private static PodBlueprint cron(String schedule) {
    return Blueprints.simple(
        "c", WorkloadKind.CronJob, "cronJob:\n  schedule: \"" + schedule + "\"\n");
  }

  // --- restartPolicy ---

  @Test
  void restartPolicyAlwaysIsRefusedForJobsAndCronJobs() {
    assertThat(BlueprintValidator.validate(withPolicy(WorkloadKind.Job, "Always")))
        .containsExactly(
            new Finding(
                "spec.template.spec.restartPolicy",
                "a Job's pods must use Never or OnFailure (or leave it unset for Never), not"
                    + " Always"));
    assertThat(BlueprintValidator.validate(withPolicy(WorkloadKind.CronJob, "Always")))
        .containsExactly(
            new Finding(
                "spec.template.spec.restartPolicy",
                "a CronJob's pods must use Never or OnFailure (or leave it unset for Never), not"
                    + " Always"));
  }

  @Test
  void deploymentNeedsAlways() {
    assertThat(BlueprintValidator.validate(withPolicy(WorkloadKind.Deployment, "OnFailure")))
        .containsExactly(
            new Finding(
                "spec.template.spec.restartPolicy",
                "a Deployment's pods must use Always (or leave it unset), not OnFailure"));
    assertThat(BlueprintValidator.validate(withPolicy(WorkloadKind.Deployment, "Always")))
        .isEmpty();
  }

  @Test
  void podsAndJobsTakeTheirOwnPolicies() {
    assertThat(BlueprintValidator.validate(withPolicy(WorkloadKind.Pod, "Never"))).isEmpty();
    assertThat(BlueprintValidator.validate(withPolicy(WorkloadKind.Pod, "Always"))).isEmpty();
    assertThat(BlueprintValidator.validate(withPolicy(WorkloadKind.Job, "OnFailure"))).isEmpty();
    assertThat(BlueprintValidator.validate(withPolicy(WorkloadKind.Pod, "Sometimes")))
        .containsExactly(
            new Finding(
                "spec.template.spec.restartPolicy",
                "\"Sometimes\" is not supported: use Always, OnFailure or Never"));
  }

  private static PodBlueprint withPolicy(WorkloadKind kind, String policy) {
    String cron = kind == WorkloadKind.CronJob ? "cronJob:\n  schedule: \"@daily\"\n" : "";
    return named(
        "x",
        "workload: "
            + kind
            + "\n"
            + cron
            + "template:\n  spec:\n    restartPolicy: "
            + policy
            + "\n    containers:\n    - {name: a, image: b}\n");
  }

  // --- blueprint name ---

  @Test
  void nameLongerThan63() {
    String name = "a".repeat(64);
    assertThat(BlueprintValidator.validate(Blueprints.simple(name, WorkloadKind.Pod)))
        .containsExactly(
            new Finding(
                "metadata.name",
                "must be at most 63 characters (it has 64), because it names the children and"
                    + " is used as a label value"));
  }

  @Test
  void nameThatIsNoDnsSubdomain() {
    assertThat(BlueprintValidator.validate(Blueprints.simple("My_App", WorkloadKind.Pod)))
        .containsExactly(
            new Finding(
                "metadata.name",
                "\"My_App\" is not a valid name: use lower-case letters, digits, '-' and '.',"
                    + " starting and ending with a letter or digit"));
  }

  @Test
  void nameWithServiceMustBeDns1035Label() {
    String service = "service:\n  ports:\n  - port: 80\n";
    assertThat(BlueprintValidator.validate(Blueprints.simple("1st.app", WorkloadKind.Pod, service)))
        .containsExactly(
            new Finding(
                "metadata.name",
                "a blueprint with a service must have a name that is a DNS-1035 label (lower-case"
                    + " letters, digits and '-', starting with a letter, at most 63 characters),"
                    + " because it names the Service"));
    assertThat(BlueprintValidator.validate(Blueprints.simple("1st.app", WorkloadKind.Pod)))
        .isEmpty();
  }

  @Test
  void cronJobNameAtMost52() {
    String schedule = "cronJob:\n  schedule: \"@daily\"\n";
    String name = "c".repeat(53);
    assertThat(BlueprintValidator.validate(Blueprints.simple(name, WorkloadKind.CronJob, schedule)))
        .containsExactly(
            new Finding(
                "metadata.name",
                "a CronJob blueprint's name must be at most 52 characters (it has 53), because"
                    + " Kubernetes appends 11 characters to name each Job"));
    assertThat(
            BlueprintValidator.validate(
                Blueprints.simple("c".repeat(52), WorkloadKind.CronJob, schedule)))
        .isEmpty();
  }

  // --- env ---

  @Test
  void envValueFromWithoutSourceOrWithTwo() {
    assertThat(
            validate(
                """
                template:
                  spec:
                    containers:
                    - name: a
                      image: b
                      env:
                      - name: NONE
                        valueFrom: {}
                      - name: TWO
                        valueFrom:
                          configMapKeyRef: {name: cm, key: k}
                          secretKeyRef: {name: s, key: k}
                """))
        .containsExactly(
            new Finding(
                C0 + ".env[0].valueFrom",
                "must specify exactly one source (fieldRef, resourceFieldRef, configMapKeyRef or"
                    + " secretKeyRef)"),
            new Finding(
                C0 + ".env[1].valueFrom",
                "must specify exactly one source (fieldRef, resourceFieldRef, configMapKeyRef or"
                    + " secretKeyRef), but has 2: configMapKeyRef, secretKeyRef"));
  }

  @Test
  void envWithBothValueAndValueFrom() {
    assertThat(
            validate(
                """
                template:
                  spec:
                    initContainers:
                    - name: a
                      image: b
                      env:
                      - name: BOTH
                        value: x
                        valueFrom:
                          fieldRef: {fieldPath: metadata.name}
                    containers:
                    - {name: c, image: d}
                """))
        .containsExactly(
            new Finding(
                "spec.template.spec.initContainers[0].env[0].valueFrom",
                "may not be set together with value: use either value or valueFrom"));
  }

  // --- quantities ---

  @Test
  void quantitiesThatDoNotParse() {
    assertThat(
            validate(
                """
                template:
                  spec:
                    volumes:
                    - name: ok
                      emptyDir: {sizeLimit: 1Gi}
                    - name: bad
                      emptyDir: {sizeLimit: 1 GB}
                    containers:
                    - name: a
                      image: b
                      resources:
                        limits: {memory: 12 Mi, cpu: "1.5"}
                        requests: {memory: lots, cpu: 100m, nvidia.com/gpu: 1Ki2}
                """))
        .containsExactly(
            new Finding(
                C0 + ".resources.limits.memory",
                "\"12 Mi\" is not a valid quantity: use a number with an optional suffix, for"
                    + " example 250m, 1.5, 128Mi or 1G"),
            new Finding(
                C0 + ".resources.requests.memory",
                "\"lots\" is not a valid quantity: use a number with an optional suffix, for"
                    + " example 250m, 1.5, 128Mi or 1G"),
            new Finding(
                C0 + ".resources.requests.nvidia.com/gpu",
                "\"1Ki2\" is not a valid quantity: use a number with an optional suffix, for"
                    + " example 250m, 1.5, 128Mi or 1G"),
            new Finding(
                "spec.template.spec.volumes[1].emptyDir.sizeLimit",
                "\"1 GB\" is not a valid quantity: use a number with an optional suffix, for"
                    + " example 250m, 1.5, 128Mi or 1G"));
  }

  @Test
  void severalProblemsAreAllReported() {
    List<Finding> findings =
        BlueprintValidator.validate(
            named(
                "Bad Name",
                """
                workload: CronJob
                template:
                  spec:
                    restartPolicy: Always
                    containers:
                    - name: a
                """));
    assertThat(findings)
        .extracting(Finding::field)
        .containsExactly(
            "metadata.name",
            C0 + ".image",
            "spec.template.spec.restartPolicy",
            "spec.cronJob.schedule");
  }

  private static List<Finding> validate(String specYaml) {
    return BlueprintValidator.validate(named("x", specYaml));
  }
}
