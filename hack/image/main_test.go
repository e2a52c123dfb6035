package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// tree writes a small root file system: files, an executable, a symlink and a sticky /tmp.
func tree(t *testing.T, dir string, mtime time.Time) {
	t.Helper()
	for name, body := range map[string]string{"etc/passwd": "root:x:0:0::/:/sbin/nologin\n", "opt/bin/run": "#!x\n", "z/a.jar": "PK"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(dir, "opt/bin/run"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("bin/run", filepath.Join(dir, "opt/run")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "tmp"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "tmp"), 0o1777|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
}

func build(t *testing.T, base, out string) string {
	t.Helper()
	if err := run("podblueprint-operator:1.2.3", out, "/deployments", "1001:0", `["/opt/bin/run"]`,
		[]string{base + ":/", filepath.Join(base, "z/a.jar") + ":/deployments/a.jar"}, []string{"A=b"}, []string{"8080/tcp"}); err != nil {
		t.Fatal(err)
	}
	var idx struct {
		Manifests []struct {
			Digest      string
			Annotations map[string]string
		}
	}
	readJSON(t, out, "index.json", &idx)
	if got := idx.Manifests[0].Annotations["io.containerd.image.name"]; got != "docker.io/library/podblueprint-operator:1.2.3" {
		t.Errorf("io.containerd.image.name = %q", got)
	}
	return idx.Manifests[0].Digest
}

// The same trees in other places, with other mtimes and modes on disk, give the same digest.
func TestSameInputsSameDigest(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	tree(t, a, time.Unix(1_700_000_000, 0))
	tree(t, b, time.Now())
	da, db := build(t, a, filepath.Join(t.TempDir(), "a.tar")), build(t, b, filepath.Join(t.TempDir(), "b.tar"))
	if da != db || da == "" {
		t.Fatalf("digests differ: %s and %s", da, db)
	}
	if err := os.WriteFile(filepath.Join(b, "z/a.jar"), []byte("PK2"), 0o644); err != nil {
		t.Fatal(err)
	}
	if dc := build(t, b, filepath.Join(t.TempDir(), "c.tar")); dc == da {
		t.Fatalf("a changed file kept the digest %s", dc)
	}
}

// Entries are sorted, owned by 0:0, dated at the epoch, with normalized modes; the config has
// the user, entrypoint, env and no build time; Docker's manifest.json names the image.
func TestLayerAndConfig(t *testing.T) {
	base := t.TempDir()
	tree(t, base, time.Now())
	out := filepath.Join(t.TempDir(), "i.tar")
	build(t, base, out)
	var docker []struct {
		Config   string
		RepoTags []string
		Layers   []string
	}
	readJSON(t, out, "manifest.json", &docker)
	if !reflect.DeepEqual(docker[0].RepoTags, []string{"podblueprint-operator:1.2.3"}) || len(docker[0].Layers) != 2 {
		t.Fatalf("manifest.json: %+v", docker)
	}
	var cfg struct {
		Created string
		Config  struct {
			User, WorkingDir string
			Entrypoint, Env  []string
		}
		History []struct {
			CreatedBy string `json:"created_by"`
		}
	}
	readJSON(t, out, docker[0].Config, &cfg)
	if cfg.Created != "1970-01-01T00:00:00Z" || cfg.Config.User != "1001:0" || cfg.Config.WorkingDir != "/deployments" ||
		!reflect.DeepEqual(cfg.Config.Entrypoint, []string{"/opt/bin/run"}) || !reflect.DeepEqual(cfg.Config.Env, []string{"A=b"}) {
		t.Errorf("config: %+v", cfg)
	}
	if cfg.History[1].CreatedBy != "hack/image: /deployments/a.jar" {
		t.Errorf("history names host paths: %+v", cfg.History)
	}
	var got []string
	modes := map[string]int64{}
	layer(t, out, docker[0].Layers[0], func(h *tar.Header) {
		got = append(got, h.Name)
		modes[h.Name] = h.Mode
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || !h.ModTime.Equal(epoch) {
			t.Errorf("%s: owner %d:%d %q, mtime %v", h.Name, h.Uid, h.Gid, h.Uname, h.ModTime)
		}
	})
	want := []string{"etc/", "etc/passwd", "opt/", "opt/bin/", "opt/bin/run", "opt/run", "tmp/", "z/", "z/a.jar"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entries %v, want %v", got, want)
	}
	if modes["etc/passwd"] != 0o644 || modes["opt/bin/run"] != 0o755 || modes["tmp/"] != 0o1777 || modes["etc/"] != 0o755 {
		t.Errorf("modes %v", modes)
	}
	var second []string
	layer(t, out, docker[0].Layers[1], func(h *tar.Header) { second = append(second, h.Name) })
	if !reflect.DeepEqual(second, []string{"deployments/", "deployments/a.jar"}) {
		t.Errorf("second layer %v", second)
	}
}

func member(t *testing.T, archive, name string) []byte {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tr := tar.NewReader(f)
	for {
		h, err := tr.Next()
		if err != nil {
			t.Fatalf("%s not in %s: %v", name, archive, err)
		}
		if h.Name == name {
			b, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
}

func readJSON(t *testing.T, archive, name string, v any) {
	t.Helper()
	if err := json.Unmarshal(member(t, archive, name), v); err != nil {
		t.Fatal(err)
	}
}

func layer(t *testing.T, archive, name string, each func(*tar.Header)) {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "layer")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(member(t, archive, name)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(0, 0); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	// A whole tar: whole blocks, closed by two zero blocks (GNU tar refuses a truncated one).
	if len(data)%512 != 0 || len(data) < 1024 || !bytes.Equal(data[len(data)-1024:], make([]byte, 1024)) {
		t.Fatalf("layer %s is not a closed tar (%d bytes)", name, len(data))
	}
	tr := tar.NewReader(bytes.NewReader(data))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("layer %s: %v", name, err) // a truncated layer fails here
		}
		each(h)
	}
}
