// Command imagebuild writes a container image as a docker-archive tarball (what `ctr images
// import` reads) from one root file system directory, with no Docker and no registry.
//
// The output is reproducible: the layer lists files in name order, every entry belongs to
// root:root with the time 1970-01-01, the image config carries no creation time, so the same
// directory always gives the same image digest.
//
//	imagebuild -rootfs DIR -out FILE -tag REF [-tag REF...] [-entrypoint JSON] [-cmd JSON] [-env K=V...] [-user U]
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
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	var tags, env list
	rootfs := flag.String("rootfs", "", "directory holding the image's root file system")
	out := flag.String("out", "", "docker-archive tarball to write")
	entrypoint := flag.String("entrypoint", "", `entrypoint as a JSON array, e.g. ["/agnhost"]`)
	cmd := flag.String("cmd", "", `default arguments as a JSON array, e.g. ["sh"]`)
	user := flag.String("user", "", "user (and group) the container runs as, e.g. 65535:65535")
	flag.Var(&tags, "tag", "image reference to tag the image with (repeatable)")
	flag.Var(&env, "env", "environment variable K=V (repeatable)")
	flag.Parse()
	if *rootfs == "" || *out == "" || len(tags) == 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*rootfs, *out, tags, v1.Config{Env: env, User: *user}, *entrypoint, *cmd); err != nil {
		fmt.Fprintln(os.Stderr, "imagebuild:", err)
		os.Exit(1)
	}
}

func run(rootfs, out string, tags []string, cfg v1.Config, entrypoint, cmd string) error {
	layerTar, err := tarDirectory(rootfs)
	if err != nil {
		return err
	}
	layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(layerTar)), nil
	})
	if err != nil {
		return err
	}
	img, err := mutate.AppendLayers(empty.Image, layer)
	if err != nil {
		return err
	}
	if err := unmarshalArgs(entrypoint, &cfg.Entrypoint); err != nil {
		return fmt.Errorf("-entrypoint: %w", err)
	}
	if err := unmarshalArgs(cmd, &cfg.Cmd); err != nil {
		return fmt.Errorf("-cmd: %w", err)
	}
	file, err := img.ConfigFile()
	if err != nil {
		return err
	}
	file = file.DeepCopy()
	file.Architecture, file.OS, file.Config = "amd64", "linux", cfg
	file.Created = v1.Time{Time: time.Unix(0, 0).UTC()}
	if img, err = mutate.ConfigFile(img, file); err != nil {
		return err
	}
	refs := map[name.Reference]v1.Image{}
	for _, t := range tags {
		ref, err := name.NewTag(t)
		if err != nil {
			return err
		}
		refs[ref] = img
	}
	tmp := out + ".tmp"
	if err := tarball.MultiRefWriteToFile(tmp, refs); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}

func unmarshalArgs(s string, into *[]string) error {
	if s == "" {
		return nil
	}
	return json.Unmarshal([]byte(s), into)
}

// tarDirectory returns an uncompressed tar of dir with fixed owners and times, in name order.
func tarDirectory(dir string) ([]byte, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, p := range paths {
		info, err := os.Lstat(p)
		if err != nil {
			return nil, err
		}
		link := ""
		if info.Mode()&fs.ModeSymlink != 0 {
			if link, err = os.Readlink(p); err != nil {
				return nil, err
			}
		}
		hdr, err := tar.FileInfoHeader(info, link)
		if err != nil {
			return nil, err
		}
		rel, _ := filepath.Rel(dir, p)
		hdr.Name = filepath.ToSlash(rel)
		if info.IsDir() {
			hdr.Name += "/"
		}
		hdr.Uid, hdr.Gid, hdr.Uname, hdr.Gname = 0, 0, "", ""
		hdr.ModTime, hdr.AccessTime, hdr.ChangeTime = time.Unix(0, 0), time.Time{}, time.Time{}
		hdr.Format = tar.FormatPAX
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			if _, err := tw.Write(data); err != nil {
				return nil, err
			}
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
