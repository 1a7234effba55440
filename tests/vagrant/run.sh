#!/usr/bin/env bash
# The tcs real-VM suite. Brings up 1 global host and 3 business hosts (Vagrant with libvirt or
# VirtualBox, or multipass), builds an offline bundle, runs `tcs install`, and checks:
#   1. every node of both clusters is Ready;
#   2. a Deployment behind a Service answers (image from the bundle, no registry involved);
#   3. the business cluster's API VIP moves to the other control plane when the one holding
#      it stops, and the API still answers through the VIP;
#   4. a second `tcs install` changes nothing;
#   5. `tcs certs check`, `tcs cluster list` and an etcd backup work against the real cluster;
#   6. `tcs certs renew` rolls through etcd and the control planes and the API keeps answering.
#
#   tests/vagrant/run.sh [--provider libvirt|virtualbox|multipass] [--keep] [--kubernetes 1.36.4]
#                        [--from-source]
#
# Needs: vagrant (+ the provider) or multipass; network access for `tcs bundle build` (or
# TCS_MIRROR / TCS_REGISTRY_MIRROR pointing at mirrors); cargo to build tcs. Exit status 0 when
# every check passed. --keep leaves the machines running for a look around.
#
# --from-source: no network needed but the Go module proxy: the bundle is made from the upstream
# components scripts/testhosts/build-components builds from their Go modules (the same mirror and
# registry the end-to-end test uses; Kubernetes at the version tests/components pins), with
# flannel for both clusters and busybox for the workload checks. That build carries no addon
# images, so the install runs with --skip-addons and checks 7, 8 and 10 are skipped.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$here/.work"
provider=libvirt
keep=0
k8s=1.36.4
from_source=0
while [ $# -gt 0 ]; do
  case "$1" in
    --provider) provider="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --kubernetes) k8s="$2"; shift 2 ;;
    --from-source) from_source=1; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
machines=(tcs-g1 tcs-b1 tcs-b2 tcs-b3)
step() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }

# The workload checks' image: upstream nginx, or the from-source build's busybox.
web_image=docker.io/library/nginx:1.29-alpine
web_command=""
web_answer="Welcome to nginx"
if [ "$from_source" = 1 ]; then
  components=$("$repo/scripts/testhosts/build-components")
  k8s=$(sed -n 's/^KUBERNETES=//p' "$components/components.env")
  web_image=$(sed -n 's/^TEST_IMAGE=//p' "$components/components.env")
  web_command="command: [sh, -c, 'mkdir -p /www && echo hello from tcs > /www/index.html && exec httpd -f -p 80 -h /www'], "
  web_answer="hello from tcs"
fi
mkdir -p "$work"
chmod 700 "$work"
[ -f "$work/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C tcs-vagrant -f "$work/id_ed25519"

step "building tcs"
cargo build --release --locked --manifest-path "$repo/Cargo.toml"
tcs="${CARGO_TARGET_DIR:-$repo/target}/release/tcs"

cleanup() {
  if [ "$keep" = 1 ]; then
    echo "machines kept (--keep); remove them with: $0 --provider $provider and no --keep, or by hand"
    return
  fi
  step "removing the machines"
  if [ "$provider" = multipass ]; then
    multipass delete --purge "${machines[@]}" >/dev/null 2>&1 || true
  else
    (cd "$here" && vagrant destroy -f >/dev/null 2>&1) || true
  fi
}
trap cleanup EXIT

step "bringing up ${machines[*]} ($provider)"
declare -A ip
if [ "$provider" = multipass ]; then
  sed "s|@PUBKEY@|$(cat "$work/id_ed25519.pub")|" "$here/cloud-init.yaml.in" > "$work/cloud-init.yaml"
  for m in "${machines[@]}"; do
    multipass info "$m" >/dev/null 2>&1 || multipass launch --name "$m" --cpus 2 --memory 2560M --disk 12G \
      --cloud-init "$work/cloud-init.yaml" 24.04
  done
  for m in "${machines[@]}"; do
    ip[$m]=$(multipass info "$m" --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(list(d["info"].values())[0]["ipv4"][0])')
  done
  # The VIP: an unused address in the business hosts' subnet (.250 unless TCS_VIP says).
  vip="${TCS_VIP:-${ip[tcs-b1]%.*}.250}"
else
  (cd "$here" && vagrant up --provider "$provider")
  net="${TCS_VAGRANT_NET:-192.168.56}"
  ip[tcs-g1]=$net.11; ip[tcs-b1]=$net.21; ip[tcs-b2]=$net.22; ip[tcs-b3]=$net.23
  vip="${TCS_VIP:-$net.100}"
fi

step "recording host keys (trust on first use of machines this script just created)"
: > "$work/known_hosts"
for m in "${machines[@]}"; do
  for _ in $(seq 1 60); do
    ssh-keyscan -T 5 "${ip[$m]}" 2>/dev/null >> "$work/known_hosts" && break
    sleep 5
  done
done
lbpool="${vip%.*}.200-${vip%.*}.220"
sed -e "s|@WORK@|$work|g" -e "s|@K8S@|$k8s|g" -e "s|@VIP@|$vip|g" -e "s|@LBPOOL@|$lbpool|g" \
  -e "s|@G1@|${ip[tcs-g1]}|" -e "s|@B1@|${ip[tcs-b1]}|" -e "s|@B2@|${ip[tcs-b2]}|" -e "s|@B3@|${ip[tcs-b3]}|" \
  "$here/inventory.yaml.in" > "$work/inventory.yaml"
inv="$work/inventory.yaml"
state=(--state-dir "$work/state")
"$tcs" inventory validate -f "$inv"

if [ "$from_source" = 1 ]; then
  step "building the offline bundle from the from-source components (Kubernetes $k8s, flannel)"
  sed -i 's/network: {plugin: calico}/network: {plugin: flannel}/' "$inv"
  registry_bin=$("$repo/scripts/testhosts/registry")
  printf 'version: 0.1\nlog: {level: error}\nstorage:\n  filesystem: {rootdirectory: %s}\nhttp: {addr: "127.0.0.1:5999"}\n' \
    "$components/registry" > "$work/registry.yml"
  "$registry_bin" serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
  registry_pid=$!
  sleep 1
  rm -rf "$work/bundle"
  "$tcs" bundle build --kubernetes "$k8s" --arch amd64 --cni flannel --out "$work/bundle" \
    --mirror "file://$components/mirror" --registry-mirror http://127.0.0.1:5999 \
    --component-version "kube-vip=$(sed -n 's/^KUBE_VIP=//p' "$components/components.env")" \
    --component-version "etcd=$(sed -n 's/^ETCD=//p' "$components/components.env")" \
    --image "$web_image"
  kill "$registry_pid"
fi
step "building the offline bundle (Kubernetes $k8s, calico and flannel, every addon, nginx for the check)"
if [ ! -f "$work/bundle/bundle.yaml" ]; then
  # tcs's own image (the federation controller), built here with Docker and carried as built.
  "$repo/scripts/build-tcs-image" --binary "$tcs" --out "$work/tcs-image.tar"
  "$tcs" bundle build --kubernetes "$k8s" --arch amd64 --cni calico,flannel --addon all \
    --image-archive "$work/tcs-image.tar" \
    --image docker.io/library/nginx:1.29-alpine --out "$work/bundle"
fi
"$tcs" bundle verify "$work/bundle"

step "preflight"
"$tcs" check -f "$inv" "${state[@]}" || echo "(preflight findings above; install decides what is fatal)"

step "tcs install"
if [ "$from_source" = 1 ]; then
  "$tcs" install -f "$inv" "${state[@]}" --skip-addons
else
  "$tcs" install -f "$inv" "${state[@]}"
fi

kubectl() { "$work/bundle/bin/amd64/kubectl" "$@"; }
for c in global biz; do "$tcs" cluster kubeconfig "$c" -f "$inv" "${state[@]}" > "$work/$c.conf"; chmod 600 "$work/$c.conf"; done

step "check 1: every node Ready"
for c in global biz; do
  kubectl --kubeconfig "$work/$c.conf" wait --for=condition=Ready nodes --all --timeout=300s
done
[ "$(kubectl --kubeconfig "$work/biz.conf" get nodes --no-headers | wc -l)" = 3 ] || fail "biz should have 3 nodes"

step "check 2: a Deployment behind a Service answers"
sed -e "s|WEB_IMAGE|$web_image|" -e "s|WEB_COMMAND|$web_command|" <<'YAML' | kubectl --kubeconfig "$work/biz.conf" apply -f -
apiVersion: apps/v1
kind: Deployment
metadata: {name: hello, namespace: default}
spec:
  replicas: 2
  selector: {matchLabels: {app: hello}}
  template:
    metadata: {labels: {app: hello}}
    spec:
      containers:
        - {name: web, image: WEB_IMAGE, WEB_COMMANDimagePullPolicy: Never, ports: [{containerPort: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: hello, namespace: default}
spec: {selector: {app: hello}, ports: [{port: 80}]}
YAML
kubectl --kubeconfig "$work/biz.conf" rollout status deploy/hello --timeout=300s
svc=$(kubectl --kubeconfig "$work/biz.conf" get svc hello -o jsonpath='{.spec.clusterIP}')
"$tcs" exec -f "$inv" "${state[@]}" --hosts tcs-b3 -- "curl -fsS --max-time 10 http://$svc/ | grep -q '$web_answer'" \
  || fail "the Service $svc did not answer from tcs-b3"

step "check 3: the VIP $vip moves when the control plane holding it stops"
holder=""
for m in tcs-b1 tcs-b2; do
  if "$tcs" exec -f "$inv" "${state[@]}" --hosts "$m" -q -- "ip -o addr show | grep -qw '$vip'" >/dev/null 2>&1; then holder=$m; fi
done
[ -n "$holder" ] || fail "no control plane holds $vip"
other="tcs-b1"; [ "$holder" = "tcs-b1" ] && other="tcs-b2"
echo "$holder holds the VIP; stopping it"
if [ "$provider" = multipass ]; then multipass stop "$holder"; else (cd "$here" && vagrant halt "$holder"); fi
moved=0
for _ in $(seq 1 60); do
  if "$tcs" exec -f "$inv" "${state[@]}" --hosts "$other" -q -- "ip -o addr show | grep -qw '$vip'" >/dev/null 2>&1; then moved=1; break; fi
  sleep 2
done
[ "$moved" = 1 ] || fail "the VIP did not move to $other"
kubectl --kubeconfig "$work/biz.conf" get --raw=/readyz --request-timeout=20s | grep -q ok || fail "the API does not answer through the VIP"
echo "the VIP moved to $other and the API answers through it"
if [ "$provider" = multipass ]; then multipass start "$holder"; else (cd "$here" && vagrant up "$holder" --provider "$provider"); fi
kubectl --kubeconfig "$work/biz.conf" wait --for=condition=Ready "node/$holder" --timeout=300s

step "check 4: a second install changes nothing"
"$tcs" install -f "$inv" "${state[@]}" -o json > "$work/second-install.json"
python3 - "$work/second-install.json" <<'PY'
import json, sys
last = [e for e in (json.loads(l) for l in open(sys.argv[1]) if l.strip()) if e.get("event") == "summary"][-1]
changed = {h: s["changed"] for h, s in last["summary"]["hosts"].items() if s["changed"]}
failed = {h: s.get("error") for h, s in last["summary"]["hosts"].items() if s["failed"]}
if changed or failed:
    sys.exit(f"second install: changed {changed}, failed {failed}")
print("second install: every step unchanged")
PY

step "check 5: certificates, cluster list, etcd backup"
"$tcs" certs check -f "$inv" "${state[@]}"
"$tcs" cluster list -f "$inv" "${state[@]}" -o json | python3 -c 'import json,sys; rows=json.load(sys.stdin); bad=[r["name"] for r in rows if r["health"]!="ready"]; sys.exit(f"not ready: {bad}") if bad else print("both clusters ready")'
"$tcs" etcd backup -f "$inv" "${state[@]}" --cluster biz

step "check 6: certificates renewed with a rolling restart; the API keeps answering"
"$tcs" certs renew -f "$inv" "${state[@]}" --cluster biz --yes
"$tcs" cluster kubeconfig biz -f "$inv" "${state[@]}" > "$work/biz.conf"
kubectl --kubeconfig "$work/biz.conf" get --raw=/readyz | grep -q ok || fail "the API does not answer after renewal"
kubectl --kubeconfig "$work/biz.conf" get deploy hello -o jsonpath='{.status.availableReplicas}' | grep -q 2 || fail "hello is not available after renewal"

if [ "$from_source" = 1 ]; then
  step "checks 7, 8 and 10 skipped: the from-source bundle carries no addon images"
  step "check 9: the business cluster is in the global cluster's fleet"
  "$tcs" cluster list -f "$inv" "${state[@]}" -o json | python3 -c 'import json,sys; rows={r["name"]: r for r in json.load(sys.stdin)}; f=rows["biz"].get("fleet",""); sys.exit(f"biz fleet: {f!r}") if not f.startswith("member, ready") else print("biz:", f)'
  printf '\nALL CHECKS PASSED (from source: 1-6 and 9)\n'
  exit 0
fi

step "check 7: the addons tcs install enabled are healthy; a LoadBalancer Service answers"
for c in global biz; do "$tcs" addon status --cluster "$c" -f "$inv" "${state[@]}" || fail "addons of $c are not healthy"; done
kubectl --kubeconfig "$work/biz.conf" expose deploy hello --name hello-lb --type LoadBalancer --port 80
lbip=""
for _ in $(seq 1 60); do
  lbip=$(kubectl --kubeconfig "$work/biz.conf" get svc hello-lb -o jsonpath='{.status.loadBalancer.ingress[0].ip}')
  [ -n "$lbip" ] && break
  sleep 2
done
[ -n "$lbip" ] || fail "hello-lb got no address from the pool $lbpool"
"$tcs" exec -f "$inv" "${state[@]}" --hosts tcs-g1 -- "curl -fsS --max-time 10 http://$lbip/ | grep -q '$web_answer'" \
  || fail "the LoadBalancer address $lbip did not answer from tcs-g1"
echo "hello-lb answers on $lbip (MetalLB L2)"
kubectl --kubeconfig "$work/global.conf" -n monitoring get prometheus k8s -o jsonpath='{.status.conditions[?(@.type=="Available")].status}' | grep -q True \
  || fail "Prometheus is not Available"
kubectl --kubeconfig "$work/global.conf" -n logging exec statefulset/loki -- wget -qO- http://127.0.0.1:3100/ready | grep -q ready \
  || fail "Loki is not ready"

step "check 8: disable removes an addon, enable brings it back, a re-enable changes nothing"
"$tcs" addon disable colocation --cluster biz -f "$inv" "${state[@]}" --yes
if kubectl --kubeconfig "$work/biz.conf" get ns koordinator-system >/dev/null 2>&1; then
  kubectl --kubeconfig "$work/biz.conf" wait --for=delete ns/koordinator-system --timeout=300s || fail "koordinator-system was not removed"
fi
"$tcs" addon enable colocation --cluster biz -f "$inv" "${state[@]}"
"$tcs" addon enable colocation --cluster biz -f "$inv" "${state[@]}" -o json | python3 -c 'import json,sys; r=json.load(sys.stdin); sys.exit(f"pruned on re-enable: {r}") if any(x["pruned"] or x.get("error") for x in r) else print("re-enable: nothing pruned")'
"$tcs" addon status --cluster biz -f "$inv" "${state[@]}" colocation || fail "colocation is not healthy after re-enable"

step "check 9: the business cluster is in the global cluster's fleet; a federation set propagates to it"
"$tcs" cluster list -f "$inv" "${state[@]}" -o json | python3 -c 'import json,sys; rows={r["name"]: r for r in json.load(sys.stdin)}; f=rows["biz"].get("fleet",""); sys.exit(f"biz fleet: {f!r}") if not f.startswith("member, ready") else print("biz:", f)'
"$tcs" fed apply -f "$here/federation.yaml" --inventory "$inv" "${state[@]}"
kubectl --kubeconfig "$work/biz.conf" -n fedcheck rollout status deploy/web --timeout=300s
kubectl --kubeconfig "$work/biz.conf" -n fedcheck get deploy web -o jsonpath='{.metadata.labels.propagated-by}' | grep -qx tcs \
  || fail "the OverridePolicy's label is missing on the member's Deployment"
kubectl --kubeconfig "$work/biz.conf" -n fedcheck get configmap web-conf >/dev/null || fail "the ConfigMap did not propagate"
"$tcs" fed status --inventory "$inv" "${state[@]}" || fail "tcs fed status reports a problem"
sed 's/values: \[vagrant\]/values: [elsewhere]/' "$here/federation.yaml" > "$work/federation-moved.yaml"
"$tcs" fed apply -f "$work/federation-moved.yaml" --inventory "$inv" "${state[@]}" || true
if kubectl --kubeconfig "$work/biz.conf" -n fedcheck get deploy web >/dev/null 2>&1; then
  fail "the Deployment was not pruned from biz when its policy stopped placing it there"
fi
echo "propagated, overridden, reported and pruned"

step "check 10: the federation controller (federation addon) applies what is stored in the global cluster"
cat > "$work/stored.yaml" <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata: {name: from-controller, namespace: fedcheck}
data: {by: tcs-fed-controller}
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: from-controller, namespace: fedcheck}
spec:
  resourceSelectors: [{apiVersion: v1, kind: ConfigMap, name: from-controller}]
  placement: {clusterAffinity: {clusterNames: [biz]}}
YAML
"$tcs" fed apply -f "$work/stored.yaml" --store --inventory "$inv" "${state[@]}"
found=0
for _ in $(seq 1 60); do
  if kubectl --kubeconfig "$work/biz.conf" -n fedcheck get configmap from-controller >/dev/null 2>&1; then found=1; break; fi
  sleep 2
done
[ "$found" = 1 ] || fail "the controller did not propagate the stored ConfigMap"
leader=$(kubectl --kubeconfig "$work/global.conf" -n tcs-fleet get lease tcs-fed-controller -o jsonpath='{.spec.holderIdentity}')
[ -n "$leader" ] || fail "no controller replica holds the lease"
echo "the controller ($leader leading) propagated the stored ConfigMap"

printf '\nALL CHECKS PASSED\n'
