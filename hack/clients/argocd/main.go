// Command argocd-health evaluates a resource health customization the way Argo CD's application
// controller does: github.com/argoproj/gitops-engine's health.GetResourceHealth with Argo CD's
// own Lua VM (util/lua, gopher-lua) as the override. The tests run it; it adds no rule of its own.
//
//	argocd-health SCRIPT.lua|ARGOCD-CM.yaml [FILE...]
//
// SCRIPT is the health Lua, or an argocd-cm ConfigMap carrying it under
// resource.customizations.health.<group>_<Kind>. Objects (YAML or JSON, several documents per
// file; stdin without FILE) are evaluated one by one; each gives one JSON line
// {"kind","name","status","message"}. An object whose script fails gives status "Error" and the
// error as message, and the exit code is 1.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/argoproj/gitops-engine/pkg/health"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"

	appv1 "github.com/argoproj/argo-cd/v3/pkg/apis/application/v1alpha1"
	"github.com/argoproj/argo-cd/v3/util/lua"
)

const healthKeyPrefix = "resource.customizations.health."

type line struct {
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	Status  string `json:"status"`
	Message string `json:"message"`
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: argocd-health SCRIPT.lua|ARGOCD-CM.yaml [FILE...]")
		os.Exit(3)
	}
	script, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail(err)
	}
	files := os.Args[2:]
	if len(files) == 0 {
		files = []string{"-"}
	}
	out := json.NewEncoder(os.Stdout)
	code := 0
	for _, name := range files {
		var r io.Reader = os.Stdin
		if name != "-" {
			f, err := os.Open(name)
			if err != nil {
				fail(err)
			}
			defer f.Close()
			r = f
		}
		documents := utilyaml.NewYAMLReader(bufio.NewReader(r))
		for {
			u, err := next(documents)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				fail(fmt.Errorf("%s: %w", name, err))
			}
			if u == nil {
				continue
			}
			overrides, err := overridesFor(u, script)
			if err != nil {
				fail(err)
			}
			result := line{Kind: u.GetKind(), Name: u.GetName()}
			hs, err := health.GetResourceHealth(u, lua.ResourceHealthOverrides(overrides))
			switch {
			case err != nil:
				result.Status, result.Message, code = "Error", err.Error(), 1
			case hs == nil:
				result.Status, result.Message = "None", "no health check applies"
			default:
				result.Status, result.Message = string(hs.Status), hs.Message
			}
			_ = out.Encode(result)
		}
	}
	os.Exit(code)
}

// overridesFor gives the resource overrides Argo CD would hold for the object's group and kind:
// the script itself, or the one an argocd-cm ConfigMap carries for that group and kind.
func overridesFor(u *unstructured.Unstructured, script []byte) (map[string]appv1.ResourceOverride, error) {
	gvk := u.GroupVersionKind()
	text := string(script)
	var cm struct {
		Kind string            `json:"kind"`
		Data map[string]string `json:"data"`
	}
	if yaml.Unmarshal(script, &cm) == nil && cm.Kind == "ConfigMap" {
		key := healthKeyPrefix + gvk.Group + "_" + gvk.Kind
		var ok bool
		if text, ok = cm.Data[key]; !ok {
			return nil, fmt.Errorf("the ConfigMap has no %s", key)
		}
	}
	if strings.TrimSpace(text) == "" {
		return nil, errors.New("empty health script")
	}
	return map[string]appv1.ResourceOverride{
		lua.GetConfigMapKey(gvk): {HealthLua: text},
	}, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "argocd-health:", err)
	os.Exit(3)
}

// next reads the next YAML or JSON document as the API server would decode it (integers stay
// int64, as in a live object), or nil for an empty document.
func next(documents *utilyaml.YAMLReader) (*unstructured.Unstructured, error) {
	doc, err := documents.Read()
	if err != nil {
		return nil, err
	}
	data, err := yaml.YAMLToJSON(doc)
	if err != nil {
		return nil, err
	}
	if s := strings.TrimSpace(string(data)); s == "null" || s == "{}" || s == "" {
		return nil, nil
	}
	u := &unstructured.Unstructured{}
	if err := u.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	return u, nil
}
