package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/containerd/containerd/v2/core/content"
	"github.com/containerd/containerd/v2/core/images"
	"github.com/containerd/containerd/v2/core/images/archive"
	"github.com/containerd/containerd/v2/plugins/content/local"
	"github.com/containerd/platforms"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
)

// containerd's own importer (what `ctr images import` and `kind load image-archive` run) reads
// the archive as an OCI layout, names the image from index.json, and finds every blob.
func TestContainerdImportsTheArchive(t *testing.T) {
	base := t.TempDir()
	tree(t, base, time.Now())
	out := filepath.Join(t.TempDir(), "i.tar")
	digest := build(t, base, out)

	ctx := context.Background()
	store, err := local.NewStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	idxDesc, err := archive.ImportIndex(ctx, store, f)
	if err != nil {
		t.Fatalf("containerd refuses the archive: %v", err)
	}
	raw, err := content.ReadBlob(ctx, store, idxDesc)
	if err != nil {
		t.Fatal(err)
	}
	var idx ocispec.Index
	if err := json.Unmarshal(raw, &idx); err != nil {
		t.Fatal(err)
	}
	if len(idx.Manifests) != 1 || idx.Manifests[0].Digest.String() != digest {
		t.Fatalf("containerd's index %+v, want the manifest %s", idx.Manifests, digest)
	}
	if got := idx.Manifests[0].Annotations[images.AnnotationImageName]; got != "docker.io/library/podblueprint-operator:1.2.3" {
		t.Errorf("containerd names the image %q", got)
	}
	m, err := images.Manifest(ctx, store, idx.Manifests[0], platforms.Only(platforms.MustParse("linux/amd64")))
	if err != nil {
		t.Fatalf("containerd cannot resolve the manifest for linux/amd64: %v", err)
	}
	for _, l := range append([]ocispec.Descriptor{m.Config}, m.Layers...) {
		if _, err := store.Info(ctx, l.Digest); err != nil {
			t.Errorf("blob %s (%s) not imported: %v", l.Digest, l.MediaType, err)
		}
	}
}
