// Command karmada-oracle plans federation inputs with Karmada's own packages, for the
// differential test of `tcs fed plan` (tests/fed_oracle.rs).
//
//	karmada-oracle CASE.yaml...
//
// Each file holds one case: Clusters, PropagationPolicies, ClusterPropagationPolicies,
// OverridePolicies, ClusterOverridePolicies, previous ResourceBindings and resource templates,
// as `tcs fed plan` reads them. For each file it prints one JSON line in tcs's contract
// (`placements`, `clusters`, `errors`), plus `file`, or `invalid` when Karmada's admission would
// refuse an input.
//
// What stands in for the parts of Karmada that only run in a live control plane:
//   - admission: the CRD defaults and the mutating webhooks' defaults are applied as
//     the webhooks apply them (pkg/webhook/*/mutating.go), and the validating webhooks'
//     checks run through pkg/util/validation; permanent ids are derived as tcs derives them
//     (sha256 of the object's key) instead of random UUIDs;
//   - the detector's claim: ResourceDetector.LookForMatched{,Cluster}Policy on a fake client
//     holding the policies, then AddPPClaimMetadata / AddCPPClaimMetadata and
//     BuildResourceBinding / BuildClusterResourceBinding with the native interpreter;
//   - the scheduler: core.NewGenericScheduler over a cache of the Clusters with the in-tree
//     plugins, and the ClusterAffinities loop of pkg/scheduler/scheduler.go (unexported, so
//     restated in scheduleBinding); every binding is scheduled (as when its placement or
//     replicas changed) with the previous binding's clusters as spec.clusters;
//   - the binding controller: its own ensureWork (pulled in with go:linkname; build with
//     -ldflags=-checklinkname=0) against a fake client, whose Works give the member objects.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	_ "unsafe" // go:linkname

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/record"
	"k8s.io/klog/v2"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/controller-runtime/pkg/client/interceptor"

	clusterv1alpha1 "github.com/karmada-io/karmada/pkg/apis/cluster/v1alpha1"
	policyv1alpha1 "github.com/karmada-io/karmada/pkg/apis/policy/v1alpha1"
	workv1alpha1 "github.com/karmada-io/karmada/pkg/apis/work/v1alpha1"
	workv1alpha2 "github.com/karmada-io/karmada/pkg/apis/work/v1alpha2"
	_ "github.com/karmada-io/karmada/pkg/controllers/binding" // ensureWork
	"github.com/karmada-io/karmada/pkg/detector"
	clusterlister "github.com/karmada-io/karmada/pkg/generated/listers/cluster/v1alpha1"
	"github.com/karmada-io/karmada/pkg/resourceinterpreter"
	"github.com/karmada-io/karmada/pkg/resourceinterpreter/default/native"
	"github.com/karmada-io/karmada/pkg/resourceinterpreter/default/native/prune"
	schedulercache "github.com/karmada-io/karmada/pkg/scheduler/cache"
	"github.com/karmada-io/karmada/pkg/scheduler/core"
	"github.com/karmada-io/karmada/pkg/scheduler/framework/plugins"
	"github.com/karmada-io/karmada/pkg/util"
	"github.com/karmada-io/karmada/pkg/util/fedinformer/keys"
	"github.com/karmada-io/karmada/pkg/util/gclient"
	"github.com/karmada-io/karmada/pkg/util/helper"
	"github.com/karmada-io/karmada/pkg/util/names"
	"github.com/karmada-io/karmada/pkg/util/overridemanager"
	"github.com/karmada-io/karmada/pkg/util/validation"
)

//go:linkname ensureWork github.com/karmada-io/karmada/pkg/controllers/binding.ensureWork
func ensureWork(ctx context.Context, c client.Client, resourceInterpreter resourceinterpreter.ResourceInterpreter,
	workload *unstructured.Unstructured, overrideManager overridemanager.OverrideManager, binding metav1.Object,
	scope apiextensionsv1.ResourceScope) error

// interpreter is the native default interpreter with the Start the interface asks for.
type interpreter struct{ *native.DefaultInterpreter }

func (interpreter) Start(context.Context) error { return nil }

type resourceRef struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Namespace  string `json:"namespace,omitempty"`
	Name       string `json:"name"`
}

type policyRef struct {
	Kind      string `json:"kind"`
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name"`
}

type clusterReplicas struct {
	Name     string `json:"name"`
	Replicas *int64 `json:"replicas,omitempty"`
}

type placement struct {
	Resource resourceRef       `json:"resource"`
	Policy   *policyRef        `json:"policy"`
	Clusters []clusterReplicas `json:"clusters"`
}

type planError struct {
	Resource resourceRef `json:"resource"`
	Cluster  string      `json:"cluster,omitempty"`
	Policy   *policyRef  `json:"policy"`
	Message  string      `json:"message"`
}

type plan struct {
	File       string                              `json:"file"`
	Invalid    string                              `json:"invalid,omitempty"`
	Placements []placement                         `json:"placements"`
	Clusters   map[string][]map[string]interface{} `json:"clusters"`
	Errors     []planError                         `json:"errors"`
}

type inputs struct {
	clusters  []*clusterv1alpha1.Cluster
	pps       []*policyv1alpha1.PropagationPolicy
	cpps      []*policyv1alpha1.ClusterPropagationPolicy
	ops       []*policyv1alpha1.OverridePolicy
	cops      []*policyv1alpha1.ClusterOverridePolicy
	bindings  []*workv1alpha2.ResourceBinding
	templates []*unstructured.Unstructured
}

// stableID is tcs's derived permanent id (src/fed/render.rs stable_id).
func stableID(seed string) string {
	sum := sha256.Sum256([]byte(seed))
	h := hex.EncodeToString(sum[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func main() {
	flags := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(flags)
	_ = flags.Set("logtostderr", "false")
	_ = flags.Set("alsologtostderr", "false")
	_ = flags.Set("stderrthreshold", "FATAL")
	klog.SetOutput(io.Discard)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for _, file := range os.Args[1:] {
		p := planFile(file)
		line, err := json.Marshal(p)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", file, err)
			os.Exit(2)
		}
		out.Write(line)
		out.WriteString("\n")
	}
}

func planFile(file string) (p plan) {
	p = plan{File: file, Placements: []placement{}, Clusters: map[string][]map[string]interface{}{}, Errors: []planError{}}
	in, err := load(file)
	if err != nil {
		p.Invalid = err.Error()
		return p
	}
	if err := admit(in); err != nil {
		p.Invalid = err.Error()
		return p
	}
	planInputs(in, &p)
	return p
}

// load reads a case: one file, or every *.yaml / *.yml file of a directory.
func load(path string) (*inputs, error) {
	files := []string{path}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		files = nil
		for _, pattern := range []string{"*.yaml", "*.yml"} {
			m, _ := filepath.Glob(filepath.Join(path, pattern))
			files = append(files, m...)
		}
		sort.Strings(files)
	}
	in := &inputs{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if err := in.read(data); err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
	}
	return in, nil
}

func (in *inputs) read(data []byte) error {
	dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	for n := 1; ; n++ {
		var raw runtime.RawExtension
		if err := dec.Decode(&raw); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return fmt.Errorf("document %d: %v", n, err)
		}
		if len(bytes.TrimSpace(raw.Raw)) == 0 || string(raw.Raw) == "null" {
			continue
		}
		// As from an API server: integers stay int64.
		u := &unstructured.Unstructured{}
		if err := u.UnmarshalJSON(raw.Raw); err != nil {
			return fmt.Errorf("document %d: %v", n, err)
		}
		doc := u.Object
		var target runtime.Object
		switch u.GroupVersionKind().GroupKind().String() {
		case "Cluster.cluster.karmada.io":
			c := &clusterv1alpha1.Cluster{}
			in.clusters, target = append(in.clusters, c), c
		case "PropagationPolicy.policy.karmada.io":
			c := &policyv1alpha1.PropagationPolicy{}
			in.pps, target = append(in.pps, c), c
		case "ClusterPropagationPolicy.policy.karmada.io":
			c := &policyv1alpha1.ClusterPropagationPolicy{}
			in.cpps, target = append(in.cpps, c), c
		case "OverridePolicy.policy.karmada.io":
			c := &policyv1alpha1.OverridePolicy{}
			in.ops, target = append(in.ops, c), c
		case "ClusterOverridePolicy.policy.karmada.io":
			c := &policyv1alpha1.ClusterOverridePolicy{}
			in.cops, target = append(in.cops, c), c
		case "ResourceBinding.work.karmada.io":
			c := &workv1alpha2.ResourceBinding{}
			in.bindings, target = append(in.bindings, c), c
		default:
			in.templates = append(in.templates, u)
			continue
		}
		if err := runtime.DefaultUnstructuredConverter.FromUnstructuredWithValidation(doc, target, true); err != nil {
			return fmt.Errorf("document %d (%s): %v", n, u.GetKind(), err)
		}
	}
	return nil
}

// propagationDefaults applies the CRD defaults and the PP/CPP mutating webhook's defaults.
func propagationDefaults(spec *policyv1alpha1.PropagationSpec) {
	if spec.Priority == nil {
		spec.Priority = ptr.To[int32](0)
	}
	if spec.Preemption == "" {
		spec.Preemption = policyv1alpha1.PreemptNever
	}
	if spec.SchedulerName == "" {
		spec.SchedulerName = "default-scheduler"
	}
	if spec.ConflictResolution == "" {
		spec.ConflictResolution = policyv1alpha1.ConflictAbort
	}
	if rs := spec.Placement.ReplicaScheduling; rs != nil && rs.ReplicaSchedulingType == "" {
		rs.ReplicaSchedulingType = policyv1alpha1.ReplicaSchedulingTypeDivided
	}
	helper.SetDefaultSpreadConstraints(spec.Placement.SpreadConstraints)
	if helper.ContainsServiceImport(spec.ResourceSelectors) {
		spec.PropagateDeps = true
	}
	helper.SetReplicaDivisionPreferenceWeighted(&spec.Placement)
}

// admit validates every policy as the validating webhooks do and applies the defaults.
func admit(in *inputs) error {
	for _, p := range in.pps {
		for i := range p.Spec.ResourceSelectors {
			if p.Spec.ResourceSelectors[i].Namespace == "" {
				p.Spec.ResourceSelectors[i].Namespace = p.Namespace
			}
		}
		propagationDefaults(&p.Spec)
		if errs := validation.ValidatePropagationSpec(p.Spec, p.Namespace); len(errs) > 0 {
			return fmt.Errorf("PropagationPolicy %s/%s: %v", p.Namespace, p.Name, errs.ToAggregate())
		}
		if p.Labels == nil {
			p.Labels = map[string]string{}
		}
		if p.Labels[policyv1alpha1.PropagationPolicyPermanentIDLabel] == "" {
			p.Labels[policyv1alpha1.PropagationPolicyPermanentIDLabel] =
				stableID("PropagationPolicy/" + p.Namespace + "/" + p.Name)
		}
	}
	for _, p := range in.cpps {
		propagationDefaults(&p.Spec)
		if errs := validation.ValidatePropagationSpec(p.Spec, p.Namespace); len(errs) > 0 {
			return fmt.Errorf("ClusterPropagationPolicy %s: %v", p.Name, errs.ToAggregate())
		}
		if p.Labels == nil {
			p.Labels = map[string]string{}
		}
		if p.Labels[policyv1alpha1.ClusterPropagationPolicyPermanentIDLabel] == "" {
			p.Labels[policyv1alpha1.ClusterPropagationPolicyPermanentIDLabel] =
				stableID("ClusterPropagationPolicy//" + p.Name)
		}
	}
	for _, p := range in.ops {
		for i := range p.Spec.ResourceSelectors {
			if p.Spec.ResourceSelectors[i].Namespace == "" {
				p.Spec.ResourceSelectors[i].Namespace = p.Namespace
			}
		}
		if errs := validation.ValidateOverrideSpec(&p.Spec, p.Namespace); len(errs) > 0 {
			return fmt.Errorf("OverridePolicy %s/%s: %v", p.Namespace, p.Name, errs.ToAggregate())
		}
	}
	for _, p := range in.cops {
		if errs := validation.ValidateOverrideSpec(&p.Spec, p.Namespace); len(errs) > 0 {
			return fmt.Errorf("ClusterOverridePolicy %s: %v", p.Name, errs.ToAggregate())
		}
	}
	return nil
}

func reserved(ns string) bool {
	return ns == "karmada-system" || ns == "karmada-cluster" || strings.HasPrefix(ns, "karmada-es-")
}

func refOf(t *unstructured.Unstructured) resourceRef {
	return resourceRef{APIVersion: t.GetAPIVersion(), Kind: t.GetKind(), Namespace: t.GetNamespace(), Name: t.GetName()}
}

func (r resourceRef) less(o resourceRef) bool {
	a := []string{r.APIVersion, r.Kind, r.Namespace, r.Name}
	b := []string{o.APIVersion, o.Kind, o.Namespace, o.Name}
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

func planInputs(in *inputs, p *plan) {
	scheme := gclient.NewSchema()
	var objs []client.Object
	for _, c := range in.clusters {
		objs = append(objs, c)
	}
	for _, x := range in.pps {
		objs = append(objs, x)
	}
	for _, x := range in.cpps {
		objs = append(objs, x)
	}
	for _, x := range in.ops {
		objs = append(objs, x)
	}
	for _, x := range in.cops {
		objs = append(objs, x)
	}
	policies := fake.NewClientBuilder().WithScheme(scheme).WithObjects(objs...).Build()
	interp := interpreter{native.NewDefaultInterpreter()}
	// Events are of no use here: a FakeRecorder without a channel drops them.
	events := &record.FakeRecorder{}
	d := &detector.ResourceDetector{Client: policies, EventRecorder: events, ResourceInterpreter: interp}
	overrides := overridemanager.New(policies, events)

	indexer := cache.NewIndexer(cache.MetaNamespaceKeyFunc, cache.Indexers{})
	for _, c := range in.clusters {
		_ = indexer.Add(c)
	}
	schedCache := schedulercache.NewCache(clusterlister.NewClusterLister(indexer),
		cache.NewIndexer(cache.MetaNamespaceKeyFunc, cache.Indexers{}), 0)
	algorithm, err := core.NewGenericScheduler(schedCache, plugins.NewInTreeRegistry())
	if err != nil {
		panic(err)
	}

	previous := map[resourceRef]*workv1alpha2.ResourceBinding{}
	for _, b := range in.bindings {
		r := b.Spec.Resource
		previous[resourceRef{r.APIVersion, r.Kind, r.Namespace, r.Name}] = b
	}
	sort.SliceStable(in.templates, func(i, j int) bool { return refOf(in.templates[i]).less(refOf(in.templates[j])) })
	for _, t := range in.templates {
		if reserved(t.GetNamespace()) {
			continue
		}
		planTemplate(t, in, d, algorithm, overrides, scheme, previous, p)
	}
	for name := range p.Clusters {
		list := p.Clusters[name]
		sort.SliceStable(list, func(i, j int) bool { return objRef(list[i]).less(objRef(list[j])) })
	}
}

func objRef(o map[string]interface{}) resourceRef {
	u := unstructured.Unstructured{Object: o}
	return refOf(&u)
}

func planTemplate(t *unstructured.Unstructured, in *inputs, d *detector.ResourceDetector, algorithm core.ScheduleAlgorithm,
	overrides overridemanager.OverrideManager, scheme *runtime.Scheme, previous map[resourceRef]*workv1alpha2.ResourceBinding, p *plan) {
	ref := refOf(t)
	key, err := keys.ClusterWideKeyFunc(t)
	if err != nil {
		panic(err)
	}
	pl := placement{Resource: ref, Clusters: []clusterReplicas{}}
	workload := t.DeepCopy()
	var (
		binding metav1.Object
		spec    *workv1alpha2.ResourceBindingSpec
		scope   = apiextensionsv1.NamespaceScoped
	)
	if t.GetNamespace() == "" {
		scope = apiextensionsv1.ClusterScoped
	}
	pp, err := d.LookForMatchedPolicy(t, key)
	if err != nil {
		panic(err)
	}
	bindingName := names.GenerateBindingName(t.GetKind(), t.GetName())
	bindingID := stableID("binding/" + t.GetNamespace() + "/" + bindingName)
	if pp != nil {
		pl.Policy = &policyRef{Kind: "PropagationPolicy", Namespace: pp.Namespace, Name: pp.Name}
		id := pp.Labels[policyv1alpha1.PropagationPolicyPermanentIDLabel]
		detector.AddPPClaimMetadata(workload, id, pp.ObjectMeta)
		rb, err := d.BuildResourceBinding(workload, &pp.Spec, id, pp.ObjectMeta, detector.AddPPClaimMetadata)
		if err != nil {
			panic(err)
		}
		rb.Labels[workv1alpha2.ResourceBindingPermanentIDLabel] = bindingID
		binding, spec = rb, &rb.Spec
	} else {
		cpp, err := d.LookForMatchedClusterPolicy(t, key)
		if err != nil {
			panic(err)
		}
		if cpp == nil {
			p.Placements = append(p.Placements, pl)
			return
		}
		pl.Policy = &policyRef{Kind: "ClusterPropagationPolicy", Name: cpp.Name}
		id := cpp.Labels[policyv1alpha1.ClusterPropagationPolicyPermanentIDLabel]
		detector.AddCPPClaimMetadata(workload, id, cpp.ObjectMeta)
		if scope == apiextensionsv1.ClusterScoped {
			crb, err := d.BuildClusterResourceBinding(workload, &cpp.Spec, id, cpp.ObjectMeta)
			if err != nil {
				panic(err)
			}
			if crb.Labels == nil {
				crb.Labels = map[string]string{}
			}
			crb.Labels[workv1alpha2.ClusterResourceBindingPermanentIDLabel] = bindingID
			binding, spec = crb, &crb.Spec
		} else {
			rb, err := d.BuildResourceBinding(workload, &cpp.Spec, id, cpp.ObjectMeta, detector.AddCPPClaimMetadata)
			if err != nil {
				panic(err)
			}
			rb.Labels[workv1alpha2.ResourceBindingPermanentIDLabel] = bindingID
			binding, spec = rb, &rb.Spec
		}
	}
	if prev := previous[ref]; prev != nil {
		spec.Clusters = prev.Spec.Clusters
		if spec.Resource.UID == "" {
			spec.Resource.UID = prev.Spec.Resource.UID
		}
	}
	clusters, err := scheduleBinding(algorithm, spec)
	if err != nil {
		p.Errors = append(p.Errors, planError{Resource: ref, Policy: pl.Policy, Message: err.Error()})
		p.Placements = append(p.Placements, pl)
		return
	}
	spec.Clusters = clusters
	for _, c := range clusters {
		cr := clusterReplicas{Name: c.Name}
		if spec.IsWorkload() {
			cr.Replicas = ptr.To(int64(c.Replicas))
		}
		pl.Clusters = append(pl.Clusters, cr)
	}
	p.Placements = append(p.Placements, pl)

	// The Work webhook gives every Work a permanent id; tcs derives it from the Work's key.
	works := fake.NewClientBuilder().WithScheme(scheme).WithInterceptorFuncs(interceptor.Funcs{
		Create: func(ctx context.Context, c client.WithWatch, obj client.Object, opts ...client.CreateOption) error {
			if w, ok := obj.(*workv1alpha1.Work); ok {
				labels := w.GetLabels()
				if labels == nil {
					labels = map[string]string{}
				}
				labels[workv1alpha2.WorkPermanentIDLabel] = stableID("work/" + w.Namespace + "/" + w.Name)
				w.SetLabels(labels)
				// What pkg/webhook/work/mutating.go does to each manifest.
				for i, m := range w.Spec.Workload.Manifests {
					u := &unstructured.Unstructured{}
					if err := json.Unmarshal(m.Raw, u); err != nil {
						return err
					}
					if err := prune.RemoveIrrelevantFields(u, prune.RemoveJobTTLSeconds); err != nil {
						return err
					}
					util.SetLabelsAndAnnotationsForWorkload(u, w)
					raw, err := u.MarshalJSON()
					if err != nil {
						return err
					}
					w.Spec.Workload.Manifests[i].Raw = raw
				}
			}
			return c.Create(ctx, obj, opts...)
		},
	}).WithObjects(objsOfClusters(in)...).Build()
	workErr := ensureWork(context.TODO(), works, d.ResourceInterpreter, workload, overrides, binding, scope)
	list := &workv1alpha1.WorkList{}
	if err := works.List(context.TODO(), list); err != nil {
		panic(err)
	}
	got := map[string]bool{}
	for _, w := range list.Items {
		cluster := strings.TrimPrefix(w.Namespace, "karmada-es-")
		for _, m := range w.Spec.Workload.Manifests {
			var obj map[string]interface{}
			if err := json.Unmarshal(m.Raw, &obj); err != nil {
				panic(err)
			}
			p.Clusters[cluster] = append(p.Clusters[cluster], obj)
			got[cluster] = true
		}
	}
	for _, c := range clusters {
		if !got[c.Name] {
			p.Errors = append(p.Errors, planError{Resource: ref, Cluster: c.Name, Policy: pl.Policy,
				Message: fmt.Sprintf("no Work: %v", workErr)})
		}
	}
}

func objsOfClusters(in *inputs) []client.Object {
	var objs []client.Object
	for _, c := range in.clusters {
		objs = append(objs, c.DeepCopy())
	}
	return objs
}

// scheduleBinding is the scheduler's choice between one clusterAffinity and the
// clusterAffinities list (pkg/scheduler/scheduler.go scheduleResourceBindingWithClusterAffinit{y,ies}),
// starting from the first term (no term observed yet). A failure to fit leaves no clusters.
func scheduleBinding(algorithm core.ScheduleAlgorithm, spec *workv1alpha2.ResourceBindingSpec) ([]workv1alpha2.TargetCluster, error) {
	status := &workv1alpha2.ResourceBindingStatus{}
	opt := &core.ScheduleAlgorithmOption{EnableEmptyWorkloadPropagation: false}
	terms := spec.Placement.ClusterAffinities
	if len(terms) == 0 {
		r, err := algorithm.Schedule(context.TODO(), spec, status, opt)
		return r.SuggestedClusters, err
	}
	var firstErr error
	for i := range terms {
		status.SchedulerObservedAffinityName = terms[i].AffinityName
		r, err := algorithm.Schedule(context.TODO(), spec, status, opt)
		if err == nil {
			return r.SuggestedClusters, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, firstErr
}
