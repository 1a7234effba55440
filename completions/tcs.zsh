#compdef tcs

autoload -U is-at-least

_tcs() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_tcs_commands" \
"*::: :->tcs" \
&& ret=0
    case $state in
    (tcs)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-command-$line[1]:"
        case $line[1] in
            (init)
_arguments "${_arguments_options[@]}" : \
'-f+[Where to write the inventory]:FILE:_files' \
'--file=[Where to write the inventory]:FILE:_files' \
'--name=[Inventory and cluster name (a DNS label)]:NAME:_default' \
'--hosts=[Hosts\: NAME=ADDRESS pairs, or bare addresses named node1, node2, ...]:LIST:_default' \
'*--control-plane=[Control-plane host names (default\: the first host, or the first three with --vip)]:NAMES:_default' \
'--user=[SSH login user]:USER:_default' \
'--identity-file=[SSH private key]:FILE:_default' \
'--vip=[Virtual IP for the API server (needed with several control-plane hosts)]:VIP:_default' \
'--kubernetes-version=[Kubernetes version]:VERSION:_default' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--force[Overwrite an existing file]' \
'--non-interactive[Never prompt, even on a terminal]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(exec)
_arguments "${_arguments_options[@]}" : \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'--concurrency=[Hosts worked on at once]:N:_default' \
'*--hosts=[Host names or glob patterns, comma separated (e.g. \`g*,w1\`)]:PATTERNS:_default' \
'--cluster=[Only the hosts of this cluster]:NAME:_default' \
'--role=[Only hosts with this role]:ROLE:((control-plane\:"Control-plane hosts"
etcd\:"etcd members"
worker\:"Workers"))' \
'--timeout=[Kill the command after this many seconds]:SECONDS:_default' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--accept-new-host-keys[Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)]' \
'--sudo[Run as root (sudo or doas when the login user is not root)]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::command -- The command (a shell command line):_default' \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'--concurrency=[Hosts worked on at once]:N:_default' \
'*--hosts=[Host names or glob patterns, comma separated (e.g. \`g*,w1\`)]:PATTERNS:_default' \
'--cluster=[Only the hosts of this cluster]:NAME:_default' \
'--role=[Only hosts with this role]:ROLE:((control-plane\:"Control-plane hosts"
etcd\:"etcd members"
worker\:"Workers"))' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--accept-new-host-keys[Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)]' \
'--no-mesh[Skip the cross-host port mesh (it opens temporary listeners on the hosts)]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(plan)
_arguments "${_arguments_options[@]}" : \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'--concurrency=[Hosts worked on at once]:N:_default' \
'--only-cluster=[Only this cluster]:NAME:_default' \
'--until=[Plan up to this phase]:PHASE:_default' \
'(--upgrade)--out=[Also write the plan to FILE, for \`tcs install --plan-file FILE\`]:FILE:_files' \
'(--until --only-cluster)--upgrade=[Plan \`tcs cluster upgrade CLUSTER\` instead\: its preconditions and every host'\''s steps]:CLUSTER:_default' \
'--to=[With --upgrade\: the target release (default\: the inventory'\''s version)]:VERSION:_default' \
'--bundle=[With --upgrade\: the target'\''s bundle (default\: the inventory'\''s spec.bundle)]:BUNDLE:_files' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--accept-new-host-keys[Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(install)
_arguments "${_arguments_options[@]}" : \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'--concurrency=[Hosts worked on at once]:N:_default' \
'--until=[Stop after this phase]:PHASE:_default' \
'--only-cluster=[Only this cluster]:NAME:_default' \
'--plan-file=[Run only if the hosts are exactly as this saved plan (\`tcs plan --out\`) found them]:FILE:_files' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--accept-new-host-keys[Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)]' \
'--resume[Continue the last, interrupted run\: the steps it finished with the same inputs are not checked again (faster on big fleets); everything else runs as usual. Without it every step is checked on every host, so any run also converges what an interrupted one left]' \
'--list-phases[Print the phases and their steps, then exit]' \
'--no-relay[Send every bundle file from this machine instead of letting hosts copy from each other]' \
'--skip-addons[Do not enable the inventory'\''s addons after the network phase]' \
'--skip-join[Do not join the business clusters to the global cluster'\''s fleet]' \
'--timings[After the summary, where the time went\: per cluster and phase, and the slowest steps]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(bundle)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_tcs__subcmd__bundle_commands" \
"*::: :->bundle" \
&& ret=0

    case $state in
    (bundle)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-bundle-command-$line[1]:"
        case $line[1] in
            (verify)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':path -- Bundle directory or tar:_files' \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':path -- Bundle directory or tar:_files' \
&& ret=0
;;
(build)
_arguments "${_arguments_options[@]}" : \
'--kubernetes=[Kubernetes release the bundle is for]:VERSION:_default' \
'*--arch=[Architectures, comma-separated]:ARCH:(amd64 arm64)' \
'--out=[Bundle directory to write (must be new, empty, or an earlier bundle to replace)]:DIR:_files' \
'*--component-version=[Carry another version of a component than the pinned one (repeatable)\: containerd, runc, crictl, cni-plugins, etcd, kube-vip]:COMPONENT=VERSION:_default' \
'--mirror=[Download files from this mirror (file\:///path, a path, or http(s)\://) instead of upstream]:URL:_default' \
'--registry-mirror=[Pull images through this registry mirror (http\://host\:port for a plain-HTTP registry)]:URL:_default' \
'*--cni=[Pod network plugins to carry, comma-separated]:CNI:(calico flannel)' \
'*--image=[Another image to carry (repeatable), e.g. an addon'\''s or the site'\''s own]:REF:_default' \
'*--addon=[Carry an addon (repeatable, or comma-separated; \`all\` for the whole catalog)\: its pinned upstream files and every image its default render runs]:NAME:_default' \
'*--image-archive=[An image built on this machine to carry (repeatable)\: a \`docker save\` archive, such as tcs'\''s own from scripts/build-tcs-image (the federation addon runs it)]:FILE:_files' \
'--jobs=[Parallel downloads and pulls]:N:_default' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__bundle__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-bundle-help-command-$line[1]:"
        case $line[1] in
            (verify)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(build)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(cluster)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_tcs__subcmd__cluster_commands" \
"*::: :->cluster" \
&& ret=0

    case $state in
    (cluster)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-cluster-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'--timeout=[Seconds to wait for each API server]:SECONDS:_default' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(kubeconfig)
_arguments "${_arguments_options[@]}" : \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--merge[Merge into \$KUBECONFIG or ~/.kube/config instead of printing]' \
'--use[With --merge\: make it the current context]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- Cluster name:_default' \
&& ret=0
;;
(reset)
_arguments "${_arguments_options[@]}" : \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'--concurrency=[Hosts worked on at once]:N:_default' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--accept-new-host-keys[Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)]' \
'--yes[Do not ask for confirmation]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- Cluster name:_default' \
&& ret=0
;;
(join)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[The member'\''s kubeconfig (any user allowed to create a namespace, a ServiceAccount, a Secret and a ClusterRoleBinding there; it is used once and not stored)]:FILE:_files' \
'--context=[Context of that kubeconfig (default\: its current context)]:CONTEXT:_default' \
'*--labels=[Labels of the fleet entry, k=v,... (PropagationPolicies select on them)]:K=V:_default' \
'--provider=[Provider]:PROVIDER:_default' \
'--region=[Region]:REGION:_default' \
'*--zones=[Zones, comma-separated]:ZONE:_default' \
'--mode=[With the karmada backend\: push (Karmada reaches the member) or pull (karmada-agent in the member reaches Karmada; for members that only dial out)]:MODE:((push\:"Karmada'\''s controllers reach the member'\''s API server (\`karmadactl join\`)"
pull\:"karmada-agent in the member reaches Karmada (\`karmadactl register\`)\: for members behind NAT or a firewall that only dial out"))' \
'--agent-image=[With --mode pull\: karmada-agent'\''s image (default\: the karmada addon'\''s pin)]:IMAGE:_default' \
'-f+[Inventory file\: its global cluster (kubeconfig in the state directory) holds the fleet]:FILE:_files' \
'--file=[Inventory file\: its global cluster (kubeconfig in the state directory) holds the fleet]:FILE:_files' \
'--global-kubeconfig=[Kubeconfig of the global cluster, instead of the inventory'\''s]:FILE:_files' \
'--backend=[Federation backend (default\: the inventory'\''s global cluster \`fleet.backend\`, else tcs)]:BACKEND:((tcs\:"tcs'\''s own engine\: plans with Karmada'\''s semantics and applies to each member"
karmada\:"Karmada'\''s control plane (\`tcs addon enable karmada\`)\: its scheduler and controllers"))' \
'--karmada-kubeconfig=[Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)]:FILE:_files' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- Name of the member in the fleet:_default' \
&& ret=0
;;
(upgrade)
_arguments "${_arguments_options[@]}" : \
'--to=[The target release (default\: the inventory'\''s version of the cluster)]:VERSION:_default' \
'--bundle=[The target release'\''s bundle (default\: the inventory'\''s spec.bundle)]:BUNDLE:_files' \
'--max-unavailable=[Workers upgraded at once]:N:_default' \
'--wave-size=[With --all\: business clusters upgraded at once]:N:_default' \
'--drain-timeout=[Seconds a node'\''s drain may take before the upgrade stops and names what blocks]:SECONDS:_default' \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'--concurrency=[Hosts worked on at once]:N:_default' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--all[Every cluster of the inventory\: business clusters in waves, then the global cluster]' \
'--resume[Continue the last, interrupted run]' \
'--yes[Do not ask for confirmation]' \
'--accept-new-host-keys[Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::name -- Cluster name:_default' \
&& ret=0
;;
(unjoin)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[The member'\''s kubeconfig\: with the karmada backend, a pull-mode member'\''s karmada-agent is removed through it]:FILE:_files' \
'-f+[Inventory file\: its global cluster (kubeconfig in the state directory) holds the fleet]:FILE:_files' \
'--file=[Inventory file\: its global cluster (kubeconfig in the state directory) holds the fleet]:FILE:_files' \
'--global-kubeconfig=[Kubeconfig of the global cluster, instead of the inventory'\''s]:FILE:_files' \
'--backend=[Federation backend (default\: the inventory'\''s global cluster \`fleet.backend\`, else tcs)]:BACKEND:((tcs\:"tcs'\''s own engine\: plans with Karmada'\''s semantics and applies to each member"
karmada\:"Karmada'\''s control plane (\`tcs addon enable karmada\`)\: its scheduler and controllers"))' \
'--karmada-kubeconfig=[Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)]:FILE:_files' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--prune[Also delete what federation propagated to the member]' \
'--yes[Do not ask for confirmation]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- Name of the member:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__cluster__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-cluster-help-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(kubeconfig)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(reset)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(join)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(upgrade)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unjoin)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(node)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_tcs__subcmd__node_commands" \
"*::: :->node" \
&& ret=0

    case $state in
    (node)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-node-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'--concurrency=[Hosts worked on at once]:N:_default' \
'--until=[Stop after this phase]:PHASE:_default' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--accept-new-host-keys[Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':host -- Host name (as in the inventory):_default' \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'--concurrency=[Hosts worked on at once]:N:_default' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--accept-new-host-keys[Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)]' \
'--yes[Do not ask for confirmation]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':host -- Host name (as in the inventory):_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__node__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-node-help-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(certs)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_tcs__subcmd__certs_commands" \
"*::: :->certs" \
&& ret=0

    case $state in
    (certs)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-certs-command-$line[1]:"
        case $line[1] in
            (check)
_arguments "${_arguments_options[@]}" : \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'--concurrency=[Hosts worked on at once]:N:_default' \
'*--hosts=[Host names or glob patterns, comma separated (e.g. \`g*,w1\`)]:PATTERNS:_default' \
'--cluster=[Only the hosts of this cluster]:NAME:_default' \
'--role=[Only hosts with this role]:ROLE:((control-plane\:"Control-plane hosts"
etcd\:"etcd members"
worker\:"Workers"))' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--accept-new-host-keys[Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(renew)
_arguments "${_arguments_options[@]}" : \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'--concurrency=[Hosts worked on at once]:N:_default' \
'--cluster=[The cluster]:NAME:_default' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--accept-new-host-keys[Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)]' \
'--yes[Do not ask for confirmation]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__certs__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-certs-help-command-$line[1]:"
        case $line[1] in
            (check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(renew)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(etcd)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_tcs__subcmd__etcd_commands" \
"*::: :->etcd" \
&& ret=0

    case $state in
    (etcd)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-etcd-command-$line[1]:"
        case $line[1] in
            (backup)
_arguments "${_arguments_options[@]}" : \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'--concurrency=[Hosts worked on at once]:N:_default' \
'--cluster=[Cluster whose etcd to snapshot]:NAME:_default' \
'--out=[Directory for the snapshot (default\: <state dir>/backups/<cluster>)]:DIR:_files' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--accept-new-host-keys[Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(restore)
_arguments "${_arguments_options[@]}" : \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'--concurrency=[Hosts worked on at once]:N:_default' \
'--cluster=[Cluster whose etcd to restore]:NAME:_default' \
'--snapshot=[The snapshot file]:FILE:_files' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--accept-new-host-keys[Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)]' \
'--yes[Do not ask for confirmation]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__etcd__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-etcd-help-command-$line[1]:"
        case $line[1] in
            (backup)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(restore)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(addon)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_tcs__subcmd__addon_commands" \
"*::: :->addon" \
&& ret=0

    case $state in
    (addon)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-addon-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
'-f+[Inventory file (adds which clusters enable each addon)]:FILE:_files' \
'--file=[Inventory file (adds which clusters enable each addon)]:FILE:_files' \
'--addons-dir=[Catalog source]:DIR:_files' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(render)
_arguments "${_arguments_options[@]}" : \
'--cluster=[Cluster of the inventory to render for]:CLUSTER:_default' \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'*--values=[A YAML file of values (repeatable; later files win)]:FILE:_files' \
'*--set=[One value, KEY=VALUE with a dotted key (repeatable; wins over --values)]:KEY=VALUE:_default' \
'--addons-dir=[A directory of addons to use instead of the built-in catalog]:DIR:_files' \
'--bundle=[Offline bundle (directory or tar) holding the addons'\'' upstream files (default\: the inventory'\''s spec.bundle)]:PATH:_files' \
'--mirror=[Where to download upstream files the bundle does not have\: a directory or URL laid out as <host>/<path> (default\: the upstream URLs)]:URL:_default' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--images[Print the images the render runs instead of the objects]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- Addon name:_default' \
&& ret=0
;;
(enable)
_arguments "${_arguments_options[@]}" : \
'--cluster=[Cluster of the inventory]:CLUSTER:_default' \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'--kubeconfig=[Kubeconfig to use instead of the one tcs keeps for the cluster]:FILE:_files' \
'*--values=[A YAML file of values (repeatable; later files win)]:FILE:_files' \
'*--set=[One value, KEY=VALUE with a dotted key (repeatable; wins over --values)]:KEY=VALUE:_default' \
'--addons-dir=[A directory of addons to use instead of the built-in catalog]:DIR:_files' \
'--bundle=[Offline bundle (directory or tar) holding the addons'\'' upstream files (default\: the inventory'\''s spec.bundle)]:PATH:_files' \
'--mirror=[Where to download upstream files the bundle does not have\: a directory or URL laid out as <host>/<path> (default\: the upstream URLs)]:URL:_default' \
'--timeout=[Seconds to wait for each group of objects and each health check]:SECONDS:_default' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::names -- Addon names (the addons they need must be enabled already, or be named too):_default' \
&& ret=0
;;
(disable)
_arguments "${_arguments_options[@]}" : \
'--cluster=[Cluster of the inventory]:CLUSTER:_default' \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'--kubeconfig=[Kubeconfig to use instead of the one tcs keeps for the cluster]:FILE:_files' \
'--addons-dir=[Catalog source]:DIR:_files' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--purge-crds[Also delete the addon'\''s CRDs, and with them every object of their kinds in the cluster]' \
'--yes[Do not ask for confirmation]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- Addon name:_default' \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
'--cluster=[Cluster of the inventory]:CLUSTER:_default' \
'-f+[Inventory file]:FILE:_files' \
'--file=[Inventory file]:FILE:_files' \
'--kubeconfig=[Kubeconfig to use instead of the one tcs keeps for the cluster]:FILE:_files' \
'--addons-dir=[Catalog source]:DIR:_files' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::name -- Only this addon:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__addon__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-addon-help-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(render)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(enable)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(disable)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(fed)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_tcs__subcmd__fed_commands" \
"*::: :->fed" \
&& ret=0

    case $state in
    (fed)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-fed-command-$line[1]:"
        case $line[1] in
            (plan)
_arguments "${_arguments_options[@]}" : \
'*-f+[Input files or directories (every *.yaml / *.yml inside, sorted)]:PATH:_files' \
'*--file=[Input files or directories (every *.yaml / *.yml inside, sorted)]:PATH:_files' \
'--output-dir=[Also write DIR/<cluster>/<kind>_<namespace>_<name>.yaml for each member object]:DIR:_files' \
'-n+[The namespace of namespaced objects (resources and policies) that name none, as \`kubectl apply -n\`]:NAMESPACE:_default' \
'--namespace=[The namespace of namespaced objects (resources and policies) that name none, as \`kubectl apply -n\`]:NAMESPACE:_default' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(apply)
_arguments "${_arguments_options[@]}" : \
'*-f+[Policy and resource files or directories (every *.yaml / *.yml inside)]:PATH:_files' \
'*--file=[Policy and resource files or directories (every *.yaml / *.yml inside)]:PATH:_files' \
'-n+[The namespace of namespaced objects (resources and policies) that name none, as \`kubectl apply -n\`]:NAMESPACE:_default' \
'--namespace=[The namespace of namespaced objects (resources and policies) that name none, as \`kubectl apply -n\`]:NAMESPACE:_default' \
'--inventory=[Inventory file\: its global cluster (kubeconfig in the state directory) holds the fleet]:FILE:_files' \
'--global-kubeconfig=[Kubeconfig of the global cluster, instead of the inventory'\''s]:FILE:_files' \
'--backend=[Federation backend (default\: the inventory'\''s global cluster \`fleet.backend\`, else tcs)]:BACKEND:((tcs\:"tcs'\''s own engine\: plans with Karmada'\''s semantics and applies to each member"
karmada\:"Karmada'\''s control plane (\`tcs addon enable karmada\`)\: its scheduler and controllers"))' \
'--karmada-kubeconfig=[Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)]:FILE:_files' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(--from-cluster)--store[Store the files'\'' policies and resource templates in the global cluster for the federation controller instead of applying them from here]' \
'--from-cluster[Plan from the policies and templates stored in the global cluster (plus any -f files)]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
'--inventory=[Inventory file\: its global cluster (kubeconfig in the state directory) holds the fleet]:FILE:_files' \
'--global-kubeconfig=[Kubeconfig of the global cluster, instead of the inventory'\''s]:FILE:_files' \
'--backend=[Federation backend (default\: the inventory'\''s global cluster \`fleet.backend\`, else tcs)]:BACKEND:((tcs\:"tcs'\''s own engine\: plans with Karmada'\''s semantics and applies to each member"
karmada\:"Karmada'\''s control plane (\`tcs addon enable karmada\`)\: its scheduler and controllers"))' \
'--karmada-kubeconfig=[Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)]:FILE:_files' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::resource -- Only resources whose `Kind namespace/name` contains this:_default' \
&& ret=0
;;
(controller)
_arguments "${_arguments_options[@]}" : \
'--inventory=[Inventory file\: its global cluster (kubeconfig in the state directory) holds the fleet]:FILE:_files' \
'--global-kubeconfig=[Kubeconfig of the global cluster, instead of the inventory'\''s]:FILE:_files' \
'--backend=[Federation backend (default\: the inventory'\''s global cluster \`fleet.backend\`, else tcs)]:BACKEND:((tcs\:"tcs'\''s own engine\: plans with Karmada'\''s semantics and applies to each member"
karmada\:"Karmada'\''s control plane (\`tcs addon enable karmada\`)\: its scheduler and controllers"))' \
'--karmada-kubeconfig=[Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)]:FILE:_files' \
'--identity=[This replica'\''s name in the Lease (default\: \$POD_NAME, else the host name)]:ID:_default' \
'--lease-duration=[Lease duration in seconds (the holder renews every third of it)]:SECONDS:_default' \
'--resync=[Reconcile at least this often, in seconds]:SECONDS:_default' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--no-leader-election[Run without leader election (one replica only)]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__fed__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-fed-help-command-$line[1]:"
        case $line[1] in
            (plan)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(apply)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(controller)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(sandbox)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_tcs__subcmd__sandbox_commands" \
"*::: :->sandbox" \
&& ret=0

    case $state in
    (sandbox)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-sandbox-command-$line[1]:"
        case $line[1] in
            (up)
_arguments "${_arguments_options[@]}" : \
'--business=[Business clusters]:N:_default' \
'--control-planes=[Control planes per cluster (several\: behind a VIP on the sandbox network)]:N:_default' \
'--workers=[Workers per business cluster]:N:_default' \
'--kubernetes=[Kubernetes version (default\: the bundle'\''s)]:VERSION:_default' \
'--bundle=[Offline bundle to install from (default\: one built from --mirror/--registry-mirror or upstream)]:DIR:_files' \
'(--bundle)--mirror=[Where a bundle built for the sandbox downloads files from]:URL:_default' \
'(--bundle)--registry-mirror=[Where a bundle built for the sandbox pulls images from]:URL:_default' \
'*--addons=[Addons every cluster enables, comma separated]:NAMES:_default' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--hosts-only[Stop once the hosts run and the inventory is written]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::name -- Sandbox name:_default' \
&& ret=0
;;
(down)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'--yes[Do not ask for confirmation]' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::name -- Sandbox name:_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__sandbox__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-sandbox-help-command-$line[1]:"
        case $line[1] in
            (up)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(down)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(inventory)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_tcs__subcmd__inventory_commands" \
"*::: :->inventory" \
&& ret=0

    case $state in
    (inventory)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-inventory-command-$line[1]:"
        case $line[1] in
            (validate)
_arguments "${_arguments_options[@]}" : \
'*-f+[Inventory file(s)]:FILE:_files' \
'*--file=[Inventory file(s)]:FILE:_files' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(schema)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__inventory__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-inventory-help-command-$line[1]:"
        case $line[1] in
            (validate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(schema)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':shell -- The shell to complete for:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
'--out-dir=[Write \`tcs.1\` and one page per subcommand into this directory instead of printing]:DIR:_files' \
'-o+[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--output=[Output format for results]:OUTPUT:((table\:"Aligned text for people"
json\:"JSON for scripts"
yaml\:"YAML for scripts and GitOps"))' \
'--state-dir=[State directory (default\: \`.tcs/<inventory name>/\` beside the inventory)]:DIR:_files' \
'(-q --quiet)*-v[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'(-q --quiet)*--verbose[More log output on stderr (-v info, -vv debug, -vvv trace)]' \
'-q[Only errors on stderr]' \
'--quiet[Only errors on stderr]' \
'--no-color[No colours (also when NO_COLOR is set)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-help-command-$line[1]:"
        case $line[1] in
            (init)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(exec)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(plan)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(install)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(bundle)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__help__subcmd__bundle_commands" \
"*::: :->bundle" \
&& ret=0

    case $state in
    (bundle)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-help-bundle-command-$line[1]:"
        case $line[1] in
            (verify)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(inspect)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(build)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(cluster)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__help__subcmd__cluster_commands" \
"*::: :->cluster" \
&& ret=0

    case $state in
    (cluster)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-help-cluster-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(kubeconfig)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(reset)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(join)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(upgrade)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unjoin)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(node)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__help__subcmd__node_commands" \
"*::: :->node" \
&& ret=0

    case $state in
    (node)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-help-node-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(certs)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__help__subcmd__certs_commands" \
"*::: :->certs" \
&& ret=0

    case $state in
    (certs)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-help-certs-command-$line[1]:"
        case $line[1] in
            (check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(renew)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(etcd)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__help__subcmd__etcd_commands" \
"*::: :->etcd" \
&& ret=0

    case $state in
    (etcd)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-help-etcd-command-$line[1]:"
        case $line[1] in
            (backup)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(restore)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(addon)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__help__subcmd__addon_commands" \
"*::: :->addon" \
&& ret=0

    case $state in
    (addon)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-help-addon-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(render)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(enable)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(disable)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(fed)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__help__subcmd__fed_commands" \
"*::: :->fed" \
&& ret=0

    case $state in
    (fed)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-help-fed-command-$line[1]:"
        case $line[1] in
            (plan)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(apply)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(controller)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(sandbox)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__help__subcmd__sandbox_commands" \
"*::: :->sandbox" \
&& ret=0

    case $state in
    (sandbox)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-help-sandbox-command-$line[1]:"
        case $line[1] in
            (up)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(down)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(inventory)
_arguments "${_arguments_options[@]}" : \
":: :_tcs__subcmd__help__subcmd__inventory_commands" \
"*::: :->inventory" \
&& ret=0

    case $state in
    (inventory)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:tcs-help-inventory-command-$line[1]:"
        case $line[1] in
            (validate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(schema)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(completions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_tcs_commands] )) ||
_tcs_commands() {
    local commands; commands=(
'init:Write a new inventory, asking on a terminal or from flags' \
'exec:Run a shell command on many hosts' \
'check:Run every preflight check on every host\: one table for all' \
'plan:Show what install (or, with --upgrade, an upgrade) would do on each host, from read-only checks' \
'install:Install the inventory'\''s clusters (phases\: see --list-phases)' \
'bundle:Build, verify and inspect offline bundles' \
'cluster:The fleet'\''s clusters\: list with health, admin kubeconfigs, join, unjoin, upgrade, tear down' \
'node:Add hosts to running clusters, or take them out' \
'certs:Certificates on the hosts\: expiry and issuers, renewal' \
'etcd:Back up and restore a cluster'\''s etcd' \
'addon:Addons (load balancer, vGPU, colocation, monitoring, logging, federation)\: render, enable, status' \
'fed:Federate clusters with Karmada'\''s policy API' \
'sandbox:A global and business clusters on this machine, on container hosts\: up, down, list' \
'inventory:Check inventories and print their schema' \
'completions:Print a shell completion script' \
'man:Print the man page (roff), or write one per command into a directory' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs commands' commands "$@"
}
(( $+functions[_tcs__subcmd__addon_commands] )) ||
_tcs__subcmd__addon_commands() {
    local commands; commands=(
'list:The addon catalog, and which clusters of an inventory enable what' \
'render:Render an addon for a cluster\: YAML on stdout, for review and GitOps' \
'enable:Install or upgrade addons in a cluster (server-side apply, prune, health checks)' \
'disable:Remove an addon from a cluster (its CRDs stay unless --purge-crds)' \
'status:Enabled addons of a cluster\: version, objects, health' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs addon commands' commands "$@"
}
(( $+functions[_tcs__subcmd__addon__subcmd__disable_commands] )) ||
_tcs__subcmd__addon__subcmd__disable_commands() {
    local commands; commands=()
    _describe -t commands 'tcs addon disable commands' commands "$@"
}
(( $+functions[_tcs__subcmd__addon__subcmd__enable_commands] )) ||
_tcs__subcmd__addon__subcmd__enable_commands() {
    local commands; commands=()
    _describe -t commands 'tcs addon enable commands' commands "$@"
}
(( $+functions[_tcs__subcmd__addon__subcmd__help_commands] )) ||
_tcs__subcmd__addon__subcmd__help_commands() {
    local commands; commands=(
'list:The addon catalog, and which clusters of an inventory enable what' \
'render:Render an addon for a cluster\: YAML on stdout, for review and GitOps' \
'enable:Install or upgrade addons in a cluster (server-side apply, prune, health checks)' \
'disable:Remove an addon from a cluster (its CRDs stay unless --purge-crds)' \
'status:Enabled addons of a cluster\: version, objects, health' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs addon help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__addon__subcmd__help__subcmd__disable_commands] )) ||
_tcs__subcmd__addon__subcmd__help__subcmd__disable_commands() {
    local commands; commands=()
    _describe -t commands 'tcs addon help disable commands' commands "$@"
}
(( $+functions[_tcs__subcmd__addon__subcmd__help__subcmd__enable_commands] )) ||
_tcs__subcmd__addon__subcmd__help__subcmd__enable_commands() {
    local commands; commands=()
    _describe -t commands 'tcs addon help enable commands' commands "$@"
}
(( $+functions[_tcs__subcmd__addon__subcmd__help__subcmd__help_commands] )) ||
_tcs__subcmd__addon__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'tcs addon help help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__addon__subcmd__help__subcmd__list_commands] )) ||
_tcs__subcmd__addon__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'tcs addon help list commands' commands "$@"
}
(( $+functions[_tcs__subcmd__addon__subcmd__help__subcmd__render_commands] )) ||
_tcs__subcmd__addon__subcmd__help__subcmd__render_commands() {
    local commands; commands=()
    _describe -t commands 'tcs addon help render commands' commands "$@"
}
(( $+functions[_tcs__subcmd__addon__subcmd__help__subcmd__status_commands] )) ||
_tcs__subcmd__addon__subcmd__help__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'tcs addon help status commands' commands "$@"
}
(( $+functions[_tcs__subcmd__addon__subcmd__list_commands] )) ||
_tcs__subcmd__addon__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'tcs addon list commands' commands "$@"
}
(( $+functions[_tcs__subcmd__addon__subcmd__render_commands] )) ||
_tcs__subcmd__addon__subcmd__render_commands() {
    local commands; commands=()
    _describe -t commands 'tcs addon render commands' commands "$@"
}
(( $+functions[_tcs__subcmd__addon__subcmd__status_commands] )) ||
_tcs__subcmd__addon__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'tcs addon status commands' commands "$@"
}
(( $+functions[_tcs__subcmd__bundle_commands] )) ||
_tcs__subcmd__bundle_commands() {
    local commands; commands=(
'verify:Check every file of a bundle against the sha256 and size in its bundle.yaml' \
'inspect:Print what a bundle carries\: versions and files' \
'build:Build an offline bundle\: pinned binaries, CNI manifest and images, all verified' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs bundle commands' commands "$@"
}
(( $+functions[_tcs__subcmd__bundle__subcmd__build_commands] )) ||
_tcs__subcmd__bundle__subcmd__build_commands() {
    local commands; commands=()
    _describe -t commands 'tcs bundle build commands' commands "$@"
}
(( $+functions[_tcs__subcmd__bundle__subcmd__help_commands] )) ||
_tcs__subcmd__bundle__subcmd__help_commands() {
    local commands; commands=(
'verify:Check every file of a bundle against the sha256 and size in its bundle.yaml' \
'inspect:Print what a bundle carries\: versions and files' \
'build:Build an offline bundle\: pinned binaries, CNI manifest and images, all verified' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs bundle help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__bundle__subcmd__help__subcmd__build_commands] )) ||
_tcs__subcmd__bundle__subcmd__help__subcmd__build_commands() {
    local commands; commands=()
    _describe -t commands 'tcs bundle help build commands' commands "$@"
}
(( $+functions[_tcs__subcmd__bundle__subcmd__help__subcmd__help_commands] )) ||
_tcs__subcmd__bundle__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'tcs bundle help help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__bundle__subcmd__help__subcmd__inspect_commands] )) ||
_tcs__subcmd__bundle__subcmd__help__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'tcs bundle help inspect commands' commands "$@"
}
(( $+functions[_tcs__subcmd__bundle__subcmd__help__subcmd__verify_commands] )) ||
_tcs__subcmd__bundle__subcmd__help__subcmd__verify_commands() {
    local commands; commands=()
    _describe -t commands 'tcs bundle help verify commands' commands "$@"
}
(( $+functions[_tcs__subcmd__bundle__subcmd__inspect_commands] )) ||
_tcs__subcmd__bundle__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'tcs bundle inspect commands' commands "$@"
}
(( $+functions[_tcs__subcmd__bundle__subcmd__verify_commands] )) ||
_tcs__subcmd__bundle__subcmd__verify_commands() {
    local commands; commands=()
    _describe -t commands 'tcs bundle verify commands' commands "$@"
}
(( $+functions[_tcs__subcmd__certs_commands] )) ||
_tcs__subcmd__certs_commands() {
    local commands; commands=(
'check:List every certificate on every host with its expiry' \
'renew:Renew every certificate of a cluster with a rolling restart' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs certs commands' commands "$@"
}
(( $+functions[_tcs__subcmd__certs__subcmd__check_commands] )) ||
_tcs__subcmd__certs__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'tcs certs check commands' commands "$@"
}
(( $+functions[_tcs__subcmd__certs__subcmd__help_commands] )) ||
_tcs__subcmd__certs__subcmd__help_commands() {
    local commands; commands=(
'check:List every certificate on every host with its expiry' \
'renew:Renew every certificate of a cluster with a rolling restart' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs certs help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__certs__subcmd__help__subcmd__check_commands] )) ||
_tcs__subcmd__certs__subcmd__help__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'tcs certs help check commands' commands "$@"
}
(( $+functions[_tcs__subcmd__certs__subcmd__help__subcmd__help_commands] )) ||
_tcs__subcmd__certs__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'tcs certs help help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__certs__subcmd__help__subcmd__renew_commands] )) ||
_tcs__subcmd__certs__subcmd__help__subcmd__renew_commands() {
    local commands; commands=()
    _describe -t commands 'tcs certs help renew commands' commands "$@"
}
(( $+functions[_tcs__subcmd__certs__subcmd__renew_commands] )) ||
_tcs__subcmd__certs__subcmd__renew_commands() {
    local commands; commands=()
    _describe -t commands 'tcs certs renew commands' commands "$@"
}
(( $+functions[_tcs__subcmd__check_commands] )) ||
_tcs__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'tcs check commands' commands "$@"
}
(( $+functions[_tcs__subcmd__cluster_commands] )) ||
_tcs__subcmd__cluster_commands() {
    local commands; commands=(
'list:The inventory'\''s clusters with their endpoint and live health' \
'kubeconfig:Print a cluster'\''s admin kubeconfig, or merge it into your kubeconfig' \
'reset:Tear a cluster down\: every host back to a prepared machine (containerd stays)' \
'join:Add a cluster to the fleet (any reachable cluster, a managed cloud cluster too)' \
'upgrade:Move a cluster (or the fleet, --all) to the next Kubernetes release, node by node' \
'unjoin:Remove a cluster from the fleet' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs cluster commands' commands "$@"
}
(( $+functions[_tcs__subcmd__cluster__subcmd__help_commands] )) ||
_tcs__subcmd__cluster__subcmd__help_commands() {
    local commands; commands=(
'list:The inventory'\''s clusters with their endpoint and live health' \
'kubeconfig:Print a cluster'\''s admin kubeconfig, or merge it into your kubeconfig' \
'reset:Tear a cluster down\: every host back to a prepared machine (containerd stays)' \
'join:Add a cluster to the fleet (any reachable cluster, a managed cloud cluster too)' \
'upgrade:Move a cluster (or the fleet, --all) to the next Kubernetes release, node by node' \
'unjoin:Remove a cluster from the fleet' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs cluster help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__cluster__subcmd__help__subcmd__help_commands] )) ||
_tcs__subcmd__cluster__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'tcs cluster help help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__cluster__subcmd__help__subcmd__join_commands] )) ||
_tcs__subcmd__cluster__subcmd__help__subcmd__join_commands() {
    local commands; commands=()
    _describe -t commands 'tcs cluster help join commands' commands "$@"
}
(( $+functions[_tcs__subcmd__cluster__subcmd__help__subcmd__kubeconfig_commands] )) ||
_tcs__subcmd__cluster__subcmd__help__subcmd__kubeconfig_commands() {
    local commands; commands=()
    _describe -t commands 'tcs cluster help kubeconfig commands' commands "$@"
}
(( $+functions[_tcs__subcmd__cluster__subcmd__help__subcmd__list_commands] )) ||
_tcs__subcmd__cluster__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'tcs cluster help list commands' commands "$@"
}
(( $+functions[_tcs__subcmd__cluster__subcmd__help__subcmd__reset_commands] )) ||
_tcs__subcmd__cluster__subcmd__help__subcmd__reset_commands() {
    local commands; commands=()
    _describe -t commands 'tcs cluster help reset commands' commands "$@"
}
(( $+functions[_tcs__subcmd__cluster__subcmd__help__subcmd__unjoin_commands] )) ||
_tcs__subcmd__cluster__subcmd__help__subcmd__unjoin_commands() {
    local commands; commands=()
    _describe -t commands 'tcs cluster help unjoin commands' commands "$@"
}
(( $+functions[_tcs__subcmd__cluster__subcmd__help__subcmd__upgrade_commands] )) ||
_tcs__subcmd__cluster__subcmd__help__subcmd__upgrade_commands() {
    local commands; commands=()
    _describe -t commands 'tcs cluster help upgrade commands' commands "$@"
}
(( $+functions[_tcs__subcmd__cluster__subcmd__join_commands] )) ||
_tcs__subcmd__cluster__subcmd__join_commands() {
    local commands; commands=()
    _describe -t commands 'tcs cluster join commands' commands "$@"
}
(( $+functions[_tcs__subcmd__cluster__subcmd__kubeconfig_commands] )) ||
_tcs__subcmd__cluster__subcmd__kubeconfig_commands() {
    local commands; commands=()
    _describe -t commands 'tcs cluster kubeconfig commands' commands "$@"
}
(( $+functions[_tcs__subcmd__cluster__subcmd__list_commands] )) ||
_tcs__subcmd__cluster__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'tcs cluster list commands' commands "$@"
}
(( $+functions[_tcs__subcmd__cluster__subcmd__reset_commands] )) ||
_tcs__subcmd__cluster__subcmd__reset_commands() {
    local commands; commands=()
    _describe -t commands 'tcs cluster reset commands' commands "$@"
}
(( $+functions[_tcs__subcmd__cluster__subcmd__unjoin_commands] )) ||
_tcs__subcmd__cluster__subcmd__unjoin_commands() {
    local commands; commands=()
    _describe -t commands 'tcs cluster unjoin commands' commands "$@"
}
(( $+functions[_tcs__subcmd__cluster__subcmd__upgrade_commands] )) ||
_tcs__subcmd__cluster__subcmd__upgrade_commands() {
    local commands; commands=()
    _describe -t commands 'tcs cluster upgrade commands' commands "$@"
}
(( $+functions[_tcs__subcmd__completions_commands] )) ||
_tcs__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'tcs completions commands' commands "$@"
}
(( $+functions[_tcs__subcmd__etcd_commands] )) ||
_tcs__subcmd__etcd_commands() {
    local commands; commands=(
'backup:Snapshot a cluster'\''s etcd into the state directory (with its sha256)' \
'restore:Restore a cluster'\''s etcd from a snapshot made by \`tcs etcd backup\`' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs etcd commands' commands "$@"
}
(( $+functions[_tcs__subcmd__etcd__subcmd__backup_commands] )) ||
_tcs__subcmd__etcd__subcmd__backup_commands() {
    local commands; commands=()
    _describe -t commands 'tcs etcd backup commands' commands "$@"
}
(( $+functions[_tcs__subcmd__etcd__subcmd__help_commands] )) ||
_tcs__subcmd__etcd__subcmd__help_commands() {
    local commands; commands=(
'backup:Snapshot a cluster'\''s etcd into the state directory (with its sha256)' \
'restore:Restore a cluster'\''s etcd from a snapshot made by \`tcs etcd backup\`' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs etcd help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__etcd__subcmd__help__subcmd__backup_commands] )) ||
_tcs__subcmd__etcd__subcmd__help__subcmd__backup_commands() {
    local commands; commands=()
    _describe -t commands 'tcs etcd help backup commands' commands "$@"
}
(( $+functions[_tcs__subcmd__etcd__subcmd__help__subcmd__help_commands] )) ||
_tcs__subcmd__etcd__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'tcs etcd help help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__etcd__subcmd__help__subcmd__restore_commands] )) ||
_tcs__subcmd__etcd__subcmd__help__subcmd__restore_commands() {
    local commands; commands=()
    _describe -t commands 'tcs etcd help restore commands' commands "$@"
}
(( $+functions[_tcs__subcmd__etcd__subcmd__restore_commands] )) ||
_tcs__subcmd__etcd__subcmd__restore_commands() {
    local commands; commands=()
    _describe -t commands 'tcs etcd restore commands' commands "$@"
}
(( $+functions[_tcs__subcmd__exec_commands] )) ||
_tcs__subcmd__exec_commands() {
    local commands; commands=()
    _describe -t commands 'tcs exec commands' commands "$@"
}
(( $+functions[_tcs__subcmd__fed_commands] )) ||
_tcs__subcmd__fed_commands() {
    local commands; commands=(
'plan:Plan propagation with Karmada'\''s PropagationPolicy/OverridePolicy semantics, offline' \
'apply:Propagate to the fleet\: plan, server-side apply each member'\''s objects, prune, record' \
'status:Per resource and member\: desired, applied and ready replicas, and the last error' \
'controller:Run the federation reconciler\: watch the global cluster, plan and apply continuously' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs fed commands' commands "$@"
}
(( $+functions[_tcs__subcmd__fed__subcmd__apply_commands] )) ||
_tcs__subcmd__fed__subcmd__apply_commands() {
    local commands; commands=()
    _describe -t commands 'tcs fed apply commands' commands "$@"
}
(( $+functions[_tcs__subcmd__fed__subcmd__controller_commands] )) ||
_tcs__subcmd__fed__subcmd__controller_commands() {
    local commands; commands=()
    _describe -t commands 'tcs fed controller commands' commands "$@"
}
(( $+functions[_tcs__subcmd__fed__subcmd__help_commands] )) ||
_tcs__subcmd__fed__subcmd__help_commands() {
    local commands; commands=(
'plan:Plan propagation with Karmada'\''s PropagationPolicy/OverridePolicy semantics, offline' \
'apply:Propagate to the fleet\: plan, server-side apply each member'\''s objects, prune, record' \
'status:Per resource and member\: desired, applied and ready replicas, and the last error' \
'controller:Run the federation reconciler\: watch the global cluster, plan and apply continuously' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs fed help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__fed__subcmd__help__subcmd__apply_commands] )) ||
_tcs__subcmd__fed__subcmd__help__subcmd__apply_commands() {
    local commands; commands=()
    _describe -t commands 'tcs fed help apply commands' commands "$@"
}
(( $+functions[_tcs__subcmd__fed__subcmd__help__subcmd__controller_commands] )) ||
_tcs__subcmd__fed__subcmd__help__subcmd__controller_commands() {
    local commands; commands=()
    _describe -t commands 'tcs fed help controller commands' commands "$@"
}
(( $+functions[_tcs__subcmd__fed__subcmd__help__subcmd__help_commands] )) ||
_tcs__subcmd__fed__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'tcs fed help help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__fed__subcmd__help__subcmd__plan_commands] )) ||
_tcs__subcmd__fed__subcmd__help__subcmd__plan_commands() {
    local commands; commands=()
    _describe -t commands 'tcs fed help plan commands' commands "$@"
}
(( $+functions[_tcs__subcmd__fed__subcmd__help__subcmd__status_commands] )) ||
_tcs__subcmd__fed__subcmd__help__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'tcs fed help status commands' commands "$@"
}
(( $+functions[_tcs__subcmd__fed__subcmd__plan_commands] )) ||
_tcs__subcmd__fed__subcmd__plan_commands() {
    local commands; commands=()
    _describe -t commands 'tcs fed plan commands' commands "$@"
}
(( $+functions[_tcs__subcmd__fed__subcmd__status_commands] )) ||
_tcs__subcmd__fed__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'tcs fed status commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help_commands] )) ||
_tcs__subcmd__help_commands() {
    local commands; commands=(
'init:Write a new inventory, asking on a terminal or from flags' \
'exec:Run a shell command on many hosts' \
'check:Run every preflight check on every host\: one table for all' \
'plan:Show what install (or, with --upgrade, an upgrade) would do on each host, from read-only checks' \
'install:Install the inventory'\''s clusters (phases\: see --list-phases)' \
'bundle:Build, verify and inspect offline bundles' \
'cluster:The fleet'\''s clusters\: list with health, admin kubeconfigs, join, unjoin, upgrade, tear down' \
'node:Add hosts to running clusters, or take them out' \
'certs:Certificates on the hosts\: expiry and issuers, renewal' \
'etcd:Back up and restore a cluster'\''s etcd' \
'addon:Addons (load balancer, vGPU, colocation, monitoring, logging, federation)\: render, enable, status' \
'fed:Federate clusters with Karmada'\''s policy API' \
'sandbox:A global and business clusters on this machine, on container hosts\: up, down, list' \
'inventory:Check inventories and print their schema' \
'completions:Print a shell completion script' \
'man:Print the man page (roff), or write one per command into a directory' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__addon_commands] )) ||
_tcs__subcmd__help__subcmd__addon_commands() {
    local commands; commands=(
'list:The addon catalog, and which clusters of an inventory enable what' \
'render:Render an addon for a cluster\: YAML on stdout, for review and GitOps' \
'enable:Install or upgrade addons in a cluster (server-side apply, prune, health checks)' \
'disable:Remove an addon from a cluster (its CRDs stay unless --purge-crds)' \
'status:Enabled addons of a cluster\: version, objects, health' \
    )
    _describe -t commands 'tcs help addon commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__addon__subcmd__disable_commands] )) ||
_tcs__subcmd__help__subcmd__addon__subcmd__disable_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help addon disable commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__addon__subcmd__enable_commands] )) ||
_tcs__subcmd__help__subcmd__addon__subcmd__enable_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help addon enable commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__addon__subcmd__list_commands] )) ||
_tcs__subcmd__help__subcmd__addon__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help addon list commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__addon__subcmd__render_commands] )) ||
_tcs__subcmd__help__subcmd__addon__subcmd__render_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help addon render commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__addon__subcmd__status_commands] )) ||
_tcs__subcmd__help__subcmd__addon__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help addon status commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__bundle_commands] )) ||
_tcs__subcmd__help__subcmd__bundle_commands() {
    local commands; commands=(
'verify:Check every file of a bundle against the sha256 and size in its bundle.yaml' \
'inspect:Print what a bundle carries\: versions and files' \
'build:Build an offline bundle\: pinned binaries, CNI manifest and images, all verified' \
    )
    _describe -t commands 'tcs help bundle commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__bundle__subcmd__build_commands] )) ||
_tcs__subcmd__help__subcmd__bundle__subcmd__build_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help bundle build commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__bundle__subcmd__inspect_commands] )) ||
_tcs__subcmd__help__subcmd__bundle__subcmd__inspect_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help bundle inspect commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__bundle__subcmd__verify_commands] )) ||
_tcs__subcmd__help__subcmd__bundle__subcmd__verify_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help bundle verify commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__certs_commands] )) ||
_tcs__subcmd__help__subcmd__certs_commands() {
    local commands; commands=(
'check:List every certificate on every host with its expiry' \
'renew:Renew every certificate of a cluster with a rolling restart' \
    )
    _describe -t commands 'tcs help certs commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__certs__subcmd__check_commands] )) ||
_tcs__subcmd__help__subcmd__certs__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help certs check commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__certs__subcmd__renew_commands] )) ||
_tcs__subcmd__help__subcmd__certs__subcmd__renew_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help certs renew commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__check_commands] )) ||
_tcs__subcmd__help__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help check commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__cluster_commands] )) ||
_tcs__subcmd__help__subcmd__cluster_commands() {
    local commands; commands=(
'list:The inventory'\''s clusters with their endpoint and live health' \
'kubeconfig:Print a cluster'\''s admin kubeconfig, or merge it into your kubeconfig' \
'reset:Tear a cluster down\: every host back to a prepared machine (containerd stays)' \
'join:Add a cluster to the fleet (any reachable cluster, a managed cloud cluster too)' \
'upgrade:Move a cluster (or the fleet, --all) to the next Kubernetes release, node by node' \
'unjoin:Remove a cluster from the fleet' \
    )
    _describe -t commands 'tcs help cluster commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__cluster__subcmd__join_commands] )) ||
_tcs__subcmd__help__subcmd__cluster__subcmd__join_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help cluster join commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__cluster__subcmd__kubeconfig_commands] )) ||
_tcs__subcmd__help__subcmd__cluster__subcmd__kubeconfig_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help cluster kubeconfig commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__cluster__subcmd__list_commands] )) ||
_tcs__subcmd__help__subcmd__cluster__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help cluster list commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__cluster__subcmd__reset_commands] )) ||
_tcs__subcmd__help__subcmd__cluster__subcmd__reset_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help cluster reset commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__cluster__subcmd__unjoin_commands] )) ||
_tcs__subcmd__help__subcmd__cluster__subcmd__unjoin_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help cluster unjoin commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__cluster__subcmd__upgrade_commands] )) ||
_tcs__subcmd__help__subcmd__cluster__subcmd__upgrade_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help cluster upgrade commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__completions_commands] )) ||
_tcs__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help completions commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__etcd_commands] )) ||
_tcs__subcmd__help__subcmd__etcd_commands() {
    local commands; commands=(
'backup:Snapshot a cluster'\''s etcd into the state directory (with its sha256)' \
'restore:Restore a cluster'\''s etcd from a snapshot made by \`tcs etcd backup\`' \
    )
    _describe -t commands 'tcs help etcd commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__etcd__subcmd__backup_commands] )) ||
_tcs__subcmd__help__subcmd__etcd__subcmd__backup_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help etcd backup commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__etcd__subcmd__restore_commands] )) ||
_tcs__subcmd__help__subcmd__etcd__subcmd__restore_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help etcd restore commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__exec_commands] )) ||
_tcs__subcmd__help__subcmd__exec_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help exec commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__fed_commands] )) ||
_tcs__subcmd__help__subcmd__fed_commands() {
    local commands; commands=(
'plan:Plan propagation with Karmada'\''s PropagationPolicy/OverridePolicy semantics, offline' \
'apply:Propagate to the fleet\: plan, server-side apply each member'\''s objects, prune, record' \
'status:Per resource and member\: desired, applied and ready replicas, and the last error' \
'controller:Run the federation reconciler\: watch the global cluster, plan and apply continuously' \
    )
    _describe -t commands 'tcs help fed commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__fed__subcmd__apply_commands] )) ||
_tcs__subcmd__help__subcmd__fed__subcmd__apply_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help fed apply commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__fed__subcmd__controller_commands] )) ||
_tcs__subcmd__help__subcmd__fed__subcmd__controller_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help fed controller commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__fed__subcmd__plan_commands] )) ||
_tcs__subcmd__help__subcmd__fed__subcmd__plan_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help fed plan commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__fed__subcmd__status_commands] )) ||
_tcs__subcmd__help__subcmd__fed__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help fed status commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__help_commands] )) ||
_tcs__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__init_commands] )) ||
_tcs__subcmd__help__subcmd__init_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help init commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__install_commands] )) ||
_tcs__subcmd__help__subcmd__install_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help install commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__inventory_commands] )) ||
_tcs__subcmd__help__subcmd__inventory_commands() {
    local commands; commands=(
'validate:Check inventory files and report every problem with file\:line\:column, field and hint' \
'schema:Print the inventory'\''s JSON Schema, for editor completion and checks' \
    )
    _describe -t commands 'tcs help inventory commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__inventory__subcmd__schema_commands] )) ||
_tcs__subcmd__help__subcmd__inventory__subcmd__schema_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help inventory schema commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__inventory__subcmd__validate_commands] )) ||
_tcs__subcmd__help__subcmd__inventory__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help inventory validate commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__man_commands] )) ||
_tcs__subcmd__help__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help man commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__node_commands] )) ||
_tcs__subcmd__help__subcmd__node_commands() {
    local commands; commands=(
'add:Install a host the inventory adds to a running cluster (worker, control plane or etcd)' \
'remove:Take a host out of its cluster\: drain, delete, leave etcd, reset the host' \
    )
    _describe -t commands 'tcs help node commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__node__subcmd__add_commands] )) ||
_tcs__subcmd__help__subcmd__node__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help node add commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__node__subcmd__remove_commands] )) ||
_tcs__subcmd__help__subcmd__node__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help node remove commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__plan_commands] )) ||
_tcs__subcmd__help__subcmd__plan_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help plan commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__sandbox_commands] )) ||
_tcs__subcmd__help__subcmd__sandbox_commands() {
    local commands; commands=(
'up:Start container hosts on this machine and install a global and business clusters on them' \
'down:Remove a sandbox\: its containers, network, inventory, key and state' \
'list:The sandboxes on this machine\: hosts and cluster health' \
    )
    _describe -t commands 'tcs help sandbox commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__sandbox__subcmd__down_commands] )) ||
_tcs__subcmd__help__subcmd__sandbox__subcmd__down_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help sandbox down commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__sandbox__subcmd__list_commands] )) ||
_tcs__subcmd__help__subcmd__sandbox__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help sandbox list commands' commands "$@"
}
(( $+functions[_tcs__subcmd__help__subcmd__sandbox__subcmd__up_commands] )) ||
_tcs__subcmd__help__subcmd__sandbox__subcmd__up_commands() {
    local commands; commands=()
    _describe -t commands 'tcs help sandbox up commands' commands "$@"
}
(( $+functions[_tcs__subcmd__init_commands] )) ||
_tcs__subcmd__init_commands() {
    local commands; commands=()
    _describe -t commands 'tcs init commands' commands "$@"
}
(( $+functions[_tcs__subcmd__install_commands] )) ||
_tcs__subcmd__install_commands() {
    local commands; commands=()
    _describe -t commands 'tcs install commands' commands "$@"
}
(( $+functions[_tcs__subcmd__inventory_commands] )) ||
_tcs__subcmd__inventory_commands() {
    local commands; commands=(
'validate:Check inventory files and report every problem with file\:line\:column, field and hint' \
'schema:Print the inventory'\''s JSON Schema, for editor completion and checks' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs inventory commands' commands "$@"
}
(( $+functions[_tcs__subcmd__inventory__subcmd__help_commands] )) ||
_tcs__subcmd__inventory__subcmd__help_commands() {
    local commands; commands=(
'validate:Check inventory files and report every problem with file\:line\:column, field and hint' \
'schema:Print the inventory'\''s JSON Schema, for editor completion and checks' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs inventory help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__inventory__subcmd__help__subcmd__help_commands] )) ||
_tcs__subcmd__inventory__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'tcs inventory help help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__inventory__subcmd__help__subcmd__schema_commands] )) ||
_tcs__subcmd__inventory__subcmd__help__subcmd__schema_commands() {
    local commands; commands=()
    _describe -t commands 'tcs inventory help schema commands' commands "$@"
}
(( $+functions[_tcs__subcmd__inventory__subcmd__help__subcmd__validate_commands] )) ||
_tcs__subcmd__inventory__subcmd__help__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'tcs inventory help validate commands' commands "$@"
}
(( $+functions[_tcs__subcmd__inventory__subcmd__schema_commands] )) ||
_tcs__subcmd__inventory__subcmd__schema_commands() {
    local commands; commands=()
    _describe -t commands 'tcs inventory schema commands' commands "$@"
}
(( $+functions[_tcs__subcmd__inventory__subcmd__validate_commands] )) ||
_tcs__subcmd__inventory__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'tcs inventory validate commands' commands "$@"
}
(( $+functions[_tcs__subcmd__man_commands] )) ||
_tcs__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'tcs man commands' commands "$@"
}
(( $+functions[_tcs__subcmd__node_commands] )) ||
_tcs__subcmd__node_commands() {
    local commands; commands=(
'add:Install a host the inventory adds to a running cluster (worker, control plane or etcd)' \
'remove:Take a host out of its cluster\: drain, delete, leave etcd, reset the host' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs node commands' commands "$@"
}
(( $+functions[_tcs__subcmd__node__subcmd__add_commands] )) ||
_tcs__subcmd__node__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'tcs node add commands' commands "$@"
}
(( $+functions[_tcs__subcmd__node__subcmd__help_commands] )) ||
_tcs__subcmd__node__subcmd__help_commands() {
    local commands; commands=(
'add:Install a host the inventory adds to a running cluster (worker, control plane or etcd)' \
'remove:Take a host out of its cluster\: drain, delete, leave etcd, reset the host' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs node help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__node__subcmd__help__subcmd__add_commands] )) ||
_tcs__subcmd__node__subcmd__help__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'tcs node help add commands' commands "$@"
}
(( $+functions[_tcs__subcmd__node__subcmd__help__subcmd__help_commands] )) ||
_tcs__subcmd__node__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'tcs node help help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__node__subcmd__help__subcmd__remove_commands] )) ||
_tcs__subcmd__node__subcmd__help__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'tcs node help remove commands' commands "$@"
}
(( $+functions[_tcs__subcmd__node__subcmd__remove_commands] )) ||
_tcs__subcmd__node__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'tcs node remove commands' commands "$@"
}
(( $+functions[_tcs__subcmd__plan_commands] )) ||
_tcs__subcmd__plan_commands() {
    local commands; commands=()
    _describe -t commands 'tcs plan commands' commands "$@"
}
(( $+functions[_tcs__subcmd__sandbox_commands] )) ||
_tcs__subcmd__sandbox_commands() {
    local commands; commands=(
'up:Start container hosts on this machine and install a global and business clusters on them' \
'down:Remove a sandbox\: its containers, network, inventory, key and state' \
'list:The sandboxes on this machine\: hosts and cluster health' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs sandbox commands' commands "$@"
}
(( $+functions[_tcs__subcmd__sandbox__subcmd__down_commands] )) ||
_tcs__subcmd__sandbox__subcmd__down_commands() {
    local commands; commands=()
    _describe -t commands 'tcs sandbox down commands' commands "$@"
}
(( $+functions[_tcs__subcmd__sandbox__subcmd__help_commands] )) ||
_tcs__subcmd__sandbox__subcmd__help_commands() {
    local commands; commands=(
'up:Start container hosts on this machine and install a global and business clusters on them' \
'down:Remove a sandbox\: its containers, network, inventory, key and state' \
'list:The sandboxes on this machine\: hosts and cluster health' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'tcs sandbox help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__sandbox__subcmd__help__subcmd__down_commands] )) ||
_tcs__subcmd__sandbox__subcmd__help__subcmd__down_commands() {
    local commands; commands=()
    _describe -t commands 'tcs sandbox help down commands' commands "$@"
}
(( $+functions[_tcs__subcmd__sandbox__subcmd__help__subcmd__help_commands] )) ||
_tcs__subcmd__sandbox__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'tcs sandbox help help commands' commands "$@"
}
(( $+functions[_tcs__subcmd__sandbox__subcmd__help__subcmd__list_commands] )) ||
_tcs__subcmd__sandbox__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'tcs sandbox help list commands' commands "$@"
}
(( $+functions[_tcs__subcmd__sandbox__subcmd__help__subcmd__up_commands] )) ||
_tcs__subcmd__sandbox__subcmd__help__subcmd__up_commands() {
    local commands; commands=()
    _describe -t commands 'tcs sandbox help up commands' commands "$@"
}
(( $+functions[_tcs__subcmd__sandbox__subcmd__list_commands] )) ||
_tcs__subcmd__sandbox__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'tcs sandbox list commands' commands "$@"
}
(( $+functions[_tcs__subcmd__sandbox__subcmd__up_commands] )) ||
_tcs__subcmd__sandbox__subcmd__up_commands() {
    local commands; commands=()
    _describe -t commands 'tcs sandbox up commands' commands "$@"
}

if [ "$funcstack[1]" = "_tcs" ]; then
    _tcs "$@"
else
    compdef _tcs tcs
fi
