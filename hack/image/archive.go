package main

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// writeArchive writes img as an OCI image layout in one tar, with Docker's manifest.json beside
// index.json. containerd reads index.json and names the image from the io.containerd.image.name
// annotation (no --base-name needed); Docker and kind read manifest.json's RepoTags. Entries are
// sorted, with the epoch as mtime and owner 0:0. Returns the manifest digest.
func writeArchive(out string, img v1.Image, ref name.Tag) (string, error) {
	manifest, err := img.RawManifest()
	if err != nil {
		return "", err
	}
	digest, err := img.Digest()
	if err != nil {
		return "", err
	}
	config, err := img.RawConfigFile()
	if err != nil {
		return "", err
	}
	configName, err := img.ConfigName()
	if err != nil {
		return "", err
	}
	mt, err := img.MediaType()
	if err != nil {
		return "", err
	}
	full := ref.Name() // index.docker.io/library/... -> docker.io/library/...
	if ref.RegistryStr() == name.DefaultRegistry {
		full = "docker.io/" + ref.RepositoryStr() + ":" + ref.TagStr()
	}
	index := map[string]any{
		"schemaVersion": 2,
		"mediaType":     "application/vnd.oci.image.index.v1+json",
		"manifests": []map[string]any{{
			"mediaType": mt, "digest": digest.String(), "size": len(manifest),
			"annotations": map[string]string{
				"io.containerd.image.name":          full,
				"org.opencontainers.image.ref.name": ref.TagStr(),
			},
		}},
	}
	blobs := map[string]func() (io.ReadCloser, int64, error){}
	static := func(b []byte) func() (io.ReadCloser, int64, error) {
		return func() (io.ReadCloser, int64, error) { return io.NopCloser(bytes.NewReader(b)), int64(len(b)), nil }
	}
	blobs["blobs/sha256/"+digest.Hex] = static(manifest)
	blobs["blobs/sha256/"+configName.Hex] = static(config)
	layers, err := img.Layers()
	if err != nil {
		return "", err
	}
	var layerPaths []string
	for _, l := range layers {
		d, err := l.Digest()
		if err != nil {
			return "", err
		}
		p := "blobs/sha256/" + d.Hex
		layerPaths = append(layerPaths, p)
		l := l
		blobs[p] = func() (io.ReadCloser, int64, error) {
			size, err := l.Size()
			if err != nil {
				return nil, 0, err
			}
			rc, err := l.Compressed()
			return rc, size, err
		}
	}
	indexJSON, err := json.Marshal(index)
	if err != nil {
		return "", err
	}
	dockerManifest, err := json.Marshal([]map[string]any{{
		"Config": "blobs/sha256/" + configName.Hex, "RepoTags": []string{familiar(ref) + ":" + ref.TagStr()},
		"Layers": layerPaths,
	}})
	if err != nil {
		return "", err
	}
	blobs["oci-layout"] = static([]byte(`{"imageLayoutVersion":"1.0.0"}`))
	blobs["index.json"] = static(indexJSON)
	blobs["manifest.json"] = static(dockerManifest)

	names := make([]string, 0, len(blobs))
	for n := range blobs {
		names = append(names, n)
	}
	sort.Strings(names)
	f, err := os.Create(out + ".tmp")
	if err != nil {
		return "", err
	}
	defer f.Close()
	tw := tar.NewWriter(f)
	for _, dir := range []string{"blobs/", "blobs/sha256/"} {
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: dir, Mode: 0o755, ModTime: epoch}); err != nil {
			return "", err
		}
	}
	for _, n := range names {
		rc, size, err := blobs[n]()
		if err != nil {
			return "", err
		}
		err = tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: n, Mode: 0o644, Size: size, ModTime: epoch})
		if err == nil {
			_, err = io.Copy(tw, rc)
		}
		rc.Close()
		if err != nil {
			return "", fmt.Errorf("%s: %w", n, err)
		}
	}
	if err := tw.Close(); err != nil {
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	return digest.String(), os.Rename(out+".tmp", out)
}
