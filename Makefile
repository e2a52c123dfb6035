# PodBlueprint operator. `make run` and `make test` are the two commands a new machine needs.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

MVN ?= ./mvnw -B -ntp
CRD := crds/podblueprints.podblueprint.io-v1.yml
DEPLOY_CRD := k8s/deploy/base/crd.yaml
CHART := charts/podblueprint-operator
CHART_CRD := $(CHART)/crds/podblueprints.podblueprint.io-v1.yml
# The project version (pom.xml): the image tag and the chart's version; never latest.
VERSION := $(shell sed -n 's:^  <version>\(.*\)</version>$$:\1:p' pom.xml | head -1)
GENERATED_CRD := target/kubernetes/podblueprints.podblueprint.io-v1.yml
# make image's output: an OCI image layout with Docker's manifest.json (ctr import, kind load image-archive, docker load).
IMAGE_ARCHIVE := target/podblueprint-operator-$(VERSION).oci.tar
CLUSTER_KUBECONFIG := $(CURDIR)/.cluster/kubeconfig
OUTPUT ?= yaml
N ?= 1000
NODES ?= 2
# The real client tools' directory (cached by hack/clients/build.sh), for the tests that ask them.
WITH_CLIENTS = PODBLUEPRINT_CLIENTS=$$(hack/clients/build.sh)
# The control plane's kubectl, for the tests that run `kubectl kustomize` (ChartTest).
WITH_KUBECTL = PODBLUEPRINT_KUBECTL=$$(hack/controlplane/build.sh)/kubectl
HELM = $$(hack/clients/build.sh)/helm
KUBE_VERSION = $(shell cd hack/controlplane/k8s && GOFLAGS=-mod=mod go list -m -f '{{.Version}}' k8s.io/kubernetes | sed 's/^v//')

.PHONY: help build crds check-crds test test-unit test-image-tool mutation lint-chart deploy-helm undeploy-helm undeploy test-cluster test-node clients format run demo render render-snapshot \
        cluster-up cluster-down kind-up deploy image bench chaos test-perf control-plane node clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

build: ## Build the operator (target/quarkus-app) and regenerate the CRD into crds/
	$(MVN) package -DskipTests
	@$(MAKE) --no-print-directory crds

crds: ## Copy the CRD the build generated into crds/, the deploy base and the chart (commit the result)
	@mkdir -p crds
	@cp $(GENERATED_CRD) $(CRD)
	@cp $(GENERATED_CRD) $(DEPLOY_CRD)
	@cp $(GENERATED_CRD) $(CHART_CRD)
	@echo "crds: $(CRD), $(DEPLOY_CRD) and $(CHART_CRD) are up to date with the build"

check-crds:
	@for f in $(CRD) $(DEPLOY_CRD) $(CHART_CRD); do \
	  diff -u $$f $(GENERATED_CRD) >/dev/null || { \
	    echo "$$f is stale: the build generates a different CRD. Run 'make build' and commit it."; \
	    diff -u $$f $(GENERATED_CRD) | head -40 || true; exit 1; }; \
	done
	@echo "check-crds: $(CRD), $(DEPLOY_CRD) and $(CHART_CRD) match the build"

format: ## Format the Java sources (google-java-format through Spotless)
	$(MVN) spotless:apply

test: clients control-plane ## Every test tier: unit, mock server, formatting, CRD freshness, chart lint, then the real control plane
	$(MVN) spotless:check
	@$(MAKE) --no-print-directory lint-chart
	@$(MAKE) --no-print-directory test-image-tool
	$(WITH_CLIENTS) $(WITH_KUBECTL) $(MVN) verify
	@$(MAKE) --no-print-directory check-crds
	@$(MAKE) --no-print-directory test-cluster
	@$(MAKE) --no-print-directory test-node
	@$(MAKE) --no-print-directory test-perf

test-unit: clients control-plane test-image-tool ## Only the fast tiers (plain JUnit and the mock server)
	$(WITH_CLIENTS) $(WITH_KUBECTL) $(MVN) verify

# The image assembler's own unit tests (seconds; they build tiny images, not the operator's).
test-image-tool: ## Unit-test hack/image (reproducible layers, config, the archive's names)
	cd hack/image && GOFLAGS=-mod=mod go test -count=1 ./...

lint-chart: clients ## helm lint --strict the chart, with its default values and with the others switched on
	$(HELM) lint --strict $(CHART)
	$(HELM) lint --strict $(CHART) --set watchNamespaces='{team-a,team-b}' \
	  --set metrics.serviceMonitor.enabled=true --set replicas=1 --set leaderElection.enabled=false

# Not part of make test: PIT mutates render, status, validation and the planner and runs the
# unit-tagged tests against each mutant. Report: target/pit-reports/index.html.
mutation: ## Mutation testing of the pure code by the unit tests (PIT; minutes; not in make test)
	$(MVN) test-compile org.pitest:pitest-maven:mutationCoverage
	@echo "mutation: report in target/pit-reports/index.html"

test-cluster: control-plane clients ## The real API server tier (kube-api-test and the KWOK cluster)
	@hack/controlplane/cluster-up.sh
	KUBECONFIG=$(CLUSTER_KUBECONFIG) $(WITH_CLIENTS) \
	KUBE_API_TEST_DIR=$${PODBLUEPRINT_CACHE:-$$HOME/.cache/podblueprint}/kubeapitest \
	KUBE_API_TEST_API_SERVER_VERSION=$(KUBE_VERSION) \
	$(MVN) surefire:test -Dsurefire.groups=cluster

clients: ## Build the real clients the tests ask (kstatus, Argo CD's health evaluation, Helm 4) from their Go modules (cached)
	@hack/clients/build.sh >/dev/null

# The tier installs the operator's image on the node (InstallOnNodeTest): make image first (it reuses
# target/quarkus-app, which make test's mvn verify has just built).
# Where the machine cannot run a real node, one line says why and the tier is skipped; with CI=true
# (as CI runs) a skip fails the build instead.
test-node: control-plane clients ## The real node tier: kubelet, containerd and runc run the containers (root, Linux, cgroups)
	@if ! reason=$$(hack/node/can-run.sh); then \
	  if [ "$${CI:-}" = true ]; then echo "test-node: FAILED: CI=true and this machine cannot run a real node: $$reason"; exit 1; fi; \
	  echo "test-node: skipped: this machine cannot run a real node: $$reason"; exit 0; \
	fi; \
	$(MAKE) --no-print-directory image && \
	REAL_NODES=1 hack/controlplane/cluster-up.sh && \
	KUBECONFIG=$(CLUSTER_KUBECONFIG) PODBLUEPRINT_IMAGE_ARCHIVE=$(CURDIR)/$(IMAGE_ARCHIVE) $(WITH_CLIENTS) \
	  $(MVN) surefire:test -Dsurefire.groups=node

node: control-plane ## Build the real node (kubelet, kube-proxy, containerd, CNI plugins, images; cached)
	@hack/node/build.sh >/dev/null

control-plane: ## Build etcd, the Kubernetes control plane and KWOK from their Go modules (cached)
	@hack/controlplane/build.sh >/dev/null

cluster-up: ## Start the local control plane (KWOK nodes; REAL_NODES=1 adds a real node); kubeconfig in .cluster/kubeconfig
	@hack/controlplane/cluster-up.sh
	@echo "export KUBECONFIG=$(CLUSTER_KUBECONFIG)"

cluster-down: ## Stop the local control plane and the real node, and remove their state
	@hack/controlplane/cluster-down.sh

run: build ## Run the operator against the current cluster, or the local control plane if none
	@hack/run.sh

demo: build ## Run the operator, apply k8s/samples/ (on the real node with REAL_NODES=1), wait for every sample
	@hack/demo.sh

render-snapshot: ## Rewrite the render-stability gate's snapshots from the current renderer (then say why in docs/upgrades.md)
	$(MVN) test -Dtest=RenderSnapshotTest -Dsnapshot.update=true -Dsurefire.failIfNoSpecifiedTests=false
	@git status --short src/test/resources/render-snapshot

render: ## Print the children of FILE (a file or directory of blueprints); OUTPUT=yaml|json
	@test -n "$(FILE)" || { echo "usage: make render FILE=<file or directory> [OUTPUT=yaml|json]" >&2; exit 2; }
	@test -f target/runtime-classpath.txt -a -d target/classes || $(MVN) -q compile >&2
	@java -cp target/classes:$$(cat target/runtime-classpath.txt) \
	  io.podblueprint.cli.RenderCommand --output $(OUTPUT) $(FILE)

# kind reads the archive itself (kind load image-archive runs ctr import on each node): no registry.
kind-up: image ## Create the kind cluster from kind-config.yaml and load make image's archive into its nodes (needs Docker and kind)
	kind get clusters | grep -qx podblueprint || kind create cluster --name podblueprint --config kind-config.yaml
	kind load image-archive $(IMAGE_ARCHIVE) --name podblueprint

# No Docker: hack/image/build.sh makes the base from the machine's JDK (jlink) and writes the
# layers with a small go-containerregistry program. Reproducible: same commit, same digest.
# mvn package runs only when src/main or pom.xml changed since the last build: Quarkus 3.30's
# generated bytecode differs from one build to the next, so a needless rebuild changes the digest.
image: ## Build the operator image podblueprint-operator:<version> as an OCI archive in target/ (no Docker); prints its path and digest
	@if [ -f target/quarkus-app/quarkus-run.jar ] && \
	  [ -z "$$(find pom.xml src/main -newer target/quarkus-app/quarkus-run.jar -print -quit)" ]; then \
	  echo "image: target/quarkus-app is up to date with src/main and pom.xml"; \
	else $(MVN) package -DskipTests; fi
	@VERSION=$(VERSION) hack/image/build.sh

# On the local control plane with this checkout's real node (REAL_NODES=1 make cluster-up), the deploy
# targets build the image (make image), import it into the node's containerd and pin the operator's
# pods to that node (k8s/deploy/overlays/real-node); elsewhere they install the base or the chart as
# they are. The undeploy targets keep the CRD, so blueprints and their children keep running.
DEPLOY = IMAGE_ARCHIVE=$(CURDIR)/$(IMAGE_ARCHIVE) hack/deploy.sh
REAL_NODE_UP = [ "$$(cat /run/podblueprint-node/owner 2>/dev/null)" = "$(CURDIR)" ]

deploy: ## Deploy the operator (kustomize, k8s/deploy) to the current cluster; on the local real node, image imported and pods pinned there
	@if $(REAL_NODE_UP); then $(MAKE) --no-print-directory image; fi
	@$(DEPLOY) kustomize deploy

undeploy: ## Remove what make deploy installed except the CRD (blueprints and their children stay)
	@$(DEPLOY) kustomize undeploy

deploy-helm: ## Install or upgrade the operator with the Helm chart (charts/podblueprint-operator); HELM_ARGS="--set logLevel=DEBUG"
	@if $(REAL_NODE_UP); then $(MAKE) --no-print-directory image; fi
	@HELM_ARGS="$(HELM_ARGS)" $(DEPLOY) helm deploy

undeploy-helm: ## Uninstall the Helm release (the CRD, the namespace, the blueprints and their children stay)
	@$(DEPLOY) helm undeploy

bench: build control-plane ## Benchmark on the local control plane (audit log on, 100 KWOK nodes): make bench N=1000
	@N=$(N) hack/bench/run.sh

chaos: build control-plane ## Fault scenarios on the local control plane: make chaos [CHAOS_SCENARIOS="1 2 3"]
	@hack/chaos/run.sh

test-perf: control-plane ## The small bench (N=50) and chaos scenarios 1, 3 and 5 (part of make test)
	@N=50 NODES=20 IDLE_SECONDS=30 WARMUP=0 UNRELATED_CONFIGMAPS=1000 UNRELATED_PODS=500 hack/bench/run.sh
	@NODES=20 CHAOS_SMALL=1 hack/chaos/run.sh

clean: ## Remove build output (not the control-plane cache)
	rm -rf target target-*
