// Command kstatus asks sigs.k8s.io/cli-utils' kstatus (the library Flux, kpt, Config Sync and
// Helm 4's --wait use) what it makes of Kubernetes objects. The tests run it; it adds no rule
// of its own.
//
//	kstatus compute [FILE...]
//	    Reads objects (YAML or JSON, several documents per file; stdin without FILE) and prints,
//	    for each, one JSON line {"kind","name","status","message"} from status.Compute.
//	kstatus wait [--timeout 60s] [--interval 1s] KIND.GROUP/NAMESPACE/NAME...
//	    Polls the cluster in $KUBECONFIG with cli-utils' status poller, as `kpt live status` and
//	    Flux do, printing each status change as a JSON line. Exits 0 as soon as every object is
//	    Current, 1 on the first Failed (naming it), 2 on timeout, 3 on any other error.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	cmdutil "k8s.io/kubectl/pkg/cmd/util"
	"sigs.k8s.io/cli-utils/pkg/kstatus/polling"
	"sigs.k8s.io/cli-utils/pkg/kstatus/polling/aggregator"
	"sigs.k8s.io/cli-utils/pkg/kstatus/polling/collector"
	"sigs.k8s.io/cli-utils/pkg/kstatus/polling/event"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/cli-utils/pkg/object"
	"sigs.k8s.io/yaml"
)

type line struct {
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	Status  string `json:"status"`
	Message string `json:"message"`
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	switch os.Args[1] {
	case "compute":
		os.Exit(compute(os.Args[2:]))
	case "wait":
		os.Exit(wait(os.Args[2:]))
	default:
		usage()
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: kstatus compute [FILE...] | kstatus wait [--timeout D] [--interval D] KIND.GROUP/NAMESPACE/NAME...")
	os.Exit(3)
}

func compute(files []string) int {
	readers := map[string]io.Reader{}
	order := files
	if len(files) == 0 {
		readers["-"] = os.Stdin
		order = []string{"-"}
	}
	out := json.NewEncoder(os.Stdout)
	for _, name := range order {
		r := readers[name]
		if r == nil {
			f, err := os.Open(name)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 3
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
				fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
				return 3
			}
			if u == nil {
				continue
			}
			res, err := status.Compute(u)
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s: %s/%s: %v\n", name, u.GetKind(), u.GetName(), err)
				return 3
			}
			_ = out.Encode(line{u.GetKind(), u.GetName(), res.Status.String(), res.Message})
		}
	}
	return 0
}

func wait(args []string) int {
	flags := flag.NewFlagSet("wait", flag.ExitOnError)
	timeout := flags.Duration("timeout", time.Minute, "give up after this long")
	interval := flags.Duration("interval", time.Second, "poll interval")
	_ = flags.Parse(args)
	var ids object.ObjMetadataSet
	for _, arg := range flags.Args() {
		parts := strings.SplitN(arg, "/", 3)
		if len(parts) != 3 {
			fmt.Fprintf(os.Stderr, "not KIND.GROUP/NAMESPACE/NAME: %q\n", arg)
			return 3
		}
		ids = append(ids, object.ObjMetadata{
			GroupKind: schema.ParseGroupKind(parts[0]),
			Namespace: parts[1],
			Name:      parts[2],
		})
	}
	if len(ids) == 0 {
		usage()
	}

	factory := cmdutil.NewFactory(genericclioptions.NewConfigFlags(true))
	poller, err := polling.NewStatusPollerFromFactory(factory, polling.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()

	out := json.NewEncoder(os.Stdout)
	var failed *event.ResourceStatus
	var pollErr error
	statuses := collector.NewResourceStatusCollector(ids)
	done := statuses.ListenWithObserver(
		poller.Poll(ctx, ids, polling.PollOptions{PollInterval: *interval}),
		collector.ObserverFunc(func(c *collector.ResourceStatusCollector, e event.Event) {
			switch e.Type {
			case event.ErrorEvent:
				pollErr = e.Error
				cancel()
				return
			case event.ResourceUpdateEvent:
				rs := e.Resource
				_ = out.Encode(line{rs.Identifier.GroupKind.Kind, rs.Identifier.Namespace + "/" + rs.Identifier.Name, rs.Status.String(), rs.Message})
				if rs.Status == status.FailedStatus {
					failed = rs
					cancel()
					return
				}
			}
			var all []*event.ResourceStatus
			for _, rs := range c.ResourceStatuses {
				all = append(all, rs)
			}
			if aggregator.AggregateStatus(all, status.CurrentStatus) == status.CurrentStatus {
				cancel()
			}
		}),
	)
	<-done
	switch {
	case pollErr != nil:
		fmt.Fprintln(os.Stderr, "error:", pollErr)
		return 3
	case failed != nil:
		fmt.Fprintf(os.Stderr, "%s %s/%s is Failed: %s\n", failed.Identifier.GroupKind.Kind,
			failed.Identifier.Namespace, failed.Identifier.Name, failed.Message)
		return 1
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		for id, rs := range statuses.ResourceStatuses {
			if rs.Status != status.CurrentStatus {
				fmt.Fprintf(os.Stderr, "timed out: %s %s/%s is %s: %s\n", id.GroupKind.Kind, id.Namespace, id.Name, rs.Status, rs.Message)
			}
		}
		return 2
	}
	return 0
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
