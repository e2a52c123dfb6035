// Command image assembles the operator's OCI image from directories on this machine, with no
// container engine and no base image to pull, and writes it as one archive that both
// `ctr images import` and `kind load image-archive` accept: an OCI image layout (oci-layout,
// index.json, blobs/) that also carries Docker's manifest.json, as `docker save` does since 25.
//
// It is reproducible: the same directories give the same digest. Every tar entry has a fixed
// mtime (the epoch), numeric owner 0:0 (no names), a normalized mode (0755 for directories and
// executables, 0644 for other files; /tmp keeps 1777), and entries come in sorted order; the
// config and its history carry the epoch instead of the build time; gzip writes no name or time.
//
//	image -tag podblueprint-operator:0.1.0 -out target/x.oci.tar \
//	  -layer /cache/base:/ -layer target/quarkus-app/lib:/deployments/lib ... \
//	  -user 1001 -workdir /deployments -env K=V -entrypoint '["/opt/java/bin/java","-jar","x.jar"]'
//
// Each -layer is one layer: SRC:DEST copies the tree SRC to DEST; several pairs joined by a
// comma make one layer (e.g. the two files of the fast-jar root). The manifest's digest, the one
// containerd shows after the import, goes to stdout.
package main

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

var epoch = time.Unix(0, 0).UTC()

type list []string

func (l *list) String() string     { return strings.Join(*l, " ") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	var layers, env, ports list
	tag := flag.String("tag", "", "image name and tag, e.g. podblueprint-operator:0.1.0")
	out := flag.String("out", "", "the archive to write")
	work := flag.String("workdir", "/", "the working directory")
	user := flag.String("user", "", "numeric uid[:gid] the process runs as")
	entry := flag.String("entrypoint", "", "the entrypoint, a JSON array")
	flag.Var(&layers, "layer", "SRC:DEST[,SRC:DEST...], one layer (repeat, lowest first)")
	flag.Var(&env, "env", "K=V (repeat)")
	flag.Var(&ports, "expose", "a port, e.g. 8080/tcp (repeat)")
	flag.Parse()
	if err := run(*tag, *out, *work, *user, *entry, layers, env, ports); err != nil {
		fmt.Fprintln(os.Stderr, "image:", err)
		os.Exit(1)
	}
}

func run(tag, out, work, user, entry string, layers, env, ports []string) error {
	ref, err := name.NewTag(tag, name.WithDefaultRegistry("docker.io"))
	if err != nil || tag == "" || out == "" || len(layers) == 0 {
		return fmt.Errorf("need -tag NAME:TAG, -out FILE and at least one -layer (tag: %v)", err)
	}
	var entrypoint []string
	if err := json.Unmarshal([]byte(entry), &entrypoint); err != nil {
		return fmt.Errorf("-entrypoint must be a JSON array of strings: %w", err)
	}
	exposed := map[string]struct{}{}
	for _, p := range ports {
		exposed[p] = struct{}{}
	}
	cfg := &v1.ConfigFile{
		Architecture: "amd64", OS: "linux", Created: v1.Time{Time: epoch},
		RootFS: v1.RootFS{Type: "layers"},
		Config: v1.Config{User: user, WorkingDir: work, Env: env, Entrypoint: entrypoint, ExposedPorts: exposed,
			Labels: map[string]string{"org.opencontainers.image.title": familiar(ref),
				"org.opencontainers.image.version": ref.TagStr()}},
	}
	img, err := mutate.ConfigFile(mutate.ConfigMediaType(mutate.MediaType(empty.Image, types.OCIManifestSchema1), types.OCIConfigJSON), cfg)
	if err != nil {
		return err
	}
	for _, spec := range layers {
		data, err := layerTar(spec)
		if err != nil {
			return fmt.Errorf("layer %s: %w", spec, err)
		}
		l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil },
			tarball.WithMediaType(types.OCILayer), tarball.WithCompressedCaching)
		if err != nil {
			return err
		}
		img, err = mutate.Append(img, mutate.Addendum{Layer: l, MediaType: types.OCILayer,
			History: v1.History{Created: v1.Time{Time: epoch}, CreatedBy: "hack/image: " + dests(spec)}})
		if err != nil {
			return err
		}
	}
	digest, err := writeArchive(out, img, ref)
	if err != nil {
		return err
	}
	fmt.Println(digest)
	return nil
}

// layerTar writes one layer: each SRC:DEST pair's tree, under DEST, its parents first.
func layerTar(spec string) ([]byte, error) {
	type entry struct {
		hdr  *tar.Header
		file string
	}
	entries := map[string]entry{}
	addDir := func(p string, mode int64) {
		if p == "" || p == "." {
			return
		}
		if _, ok := entries[p+"/"]; !ok {
			entries[p+"/"] = entry{hdr: &tar.Header{Typeflag: tar.TypeDir, Name: p + "/", Mode: mode}}
		}
	}
	for _, pair := range strings.Split(spec, ",") {
		src, dest, ok := strings.Cut(pair, ":")
		if !ok {
			return nil, fmt.Errorf("%q is not SRC:DEST", pair)
		}
		dest = strings.TrimPrefix(path.Clean("/"+dest), "/")
		for d := path.Dir(dest); d != "." && d != "/"; d = path.Dir(d) {
			addDir(d, 0o755)
		}
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			target := path.Join(dest, filepath.ToSlash(rel))
			info, err := os.Lstat(p)
			if err != nil {
				return err
			}
			switch {
			case info.IsDir():
				mode := int64(0o755)
				if info.Mode()&fs.ModeSticky != 0 {
					mode = 0o1777 // /tmp
				}
				if target != "" && target != "." {
					entries[target+"/"] = entry{hdr: &tar.Header{Typeflag: tar.TypeDir, Name: target + "/", Mode: mode}}
				}
			case info.Mode()&fs.ModeSymlink != 0:
				link, err := os.Readlink(p)
				if err != nil {
					return err
				}
				entries[target] = entry{hdr: &tar.Header{Typeflag: tar.TypeSymlink, Name: target, Linkname: link, Mode: 0o777}}
			case info.Mode().IsRegular():
				mode := int64(0o644)
				if info.Mode()&0o111 != 0 {
					mode = 0o755
				}
				entries[target] = entry{hdr: &tar.Header{Typeflag: tar.TypeReg, Name: target, Mode: mode, Size: info.Size()}, file: p}
			default:
				return fmt.Errorf("%s: not a file, directory or symlink", p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	names := make([]string, 0, len(entries))
	for n := range entries {
		names = append(names, n)
	}
	sort.Strings(names) // a parent ("a/") sorts before its children ("a/b")
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, n := range names {
		e := entries[n]
		e.hdr.ModTime, e.hdr.Format = epoch, tar.FormatPAX
		if err := tw.WriteHeader(e.hdr); err != nil {
			return nil, err
		}
		if e.file != "" {
			f, err := os.Open(e.file)
			if err != nil {
				return nil, err
			}
			_, err = io.Copy(tw, f)
			f.Close()
			if err != nil {
				return nil, err
			}
		}
	}
	if err := tw.Close(); err != nil { // writes the padding and the end-of-archive blocks
		return nil, err
	}
	return buf.Bytes(), nil
}

// dests names a layer by where its trees go in the image, not by host paths (which would make
// the digest depend on where the checkout and the cache are).
func dests(spec string) string {
	var d []string
	for _, pair := range strings.Split(spec, ",") {
		_, dest, _ := strings.Cut(pair, ":")
		d = append(d, dest)
	}
	return strings.Join(d, " ")
}

// familiar is the repository as people write it: podblueprint-operator, not library/...
func familiar(ref name.Tag) string {
	return strings.TrimPrefix(ref.RepositoryStr(), "library/")
}
