
use builtin;
use str;

set edit:completion:arg-completer[tcs] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'tcs'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'tcs'= {
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Write a new inventory, asking on a terminal or from flags'
            cand exec 'Run a shell command on many hosts'
            cand check 'Run every preflight check on every host: one table for all'
            cand plan 'Show what install (or, with --upgrade, an upgrade) would do on each host, from read-only checks'
            cand install 'Install the inventory''s clusters (phases: see --list-phases)'
            cand bundle 'Build, verify and inspect offline bundles'
            cand cluster 'The fleet''s clusters: list with health, admin kubeconfigs, join, unjoin, upgrade, tear down'
            cand node 'Add hosts to running clusters, or take them out'
            cand certs 'Certificates on the hosts: expiry and issuers, renewal'
            cand etcd 'Back up and restore a cluster''s etcd'
            cand addon 'Addons (load balancer, vGPU, colocation, monitoring, logging, federation): render, enable, status'
            cand fed 'Federate clusters with Karmada''s policy API'
            cand sandbox 'A global and business clusters on this machine, on container hosts: up, down, list'
            cand inventory 'Check inventories and print their schema'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff), or write one per command into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;init'= {
            cand -f 'Where to write the inventory'
            cand --file 'Where to write the inventory'
            cand --name 'Inventory and cluster name (a DNS label)'
            cand --hosts 'Hosts: NAME=ADDRESS pairs, or bare addresses named node1, node2, ...'
            cand --control-plane 'Control-plane host names (default: the first host, or the first three with --vip)'
            cand --user 'SSH login user'
            cand --identity-file 'SSH private key'
            cand --vip 'Virtual IP for the API server (needed with several control-plane hosts)'
            cand --kubernetes-version 'Kubernetes version'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --force 'Overwrite an existing file'
            cand --non-interactive 'Never prompt, even on a terminal'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;exec'= {
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --concurrency 'Hosts worked on at once'
            cand --hosts 'Host names or glob patterns, comma separated (e.g. `g*,w1`)'
            cand --cluster 'Only the hosts of this cluster'
            cand --role 'Only hosts with this role'
            cand --timeout 'Kill the command after this many seconds'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --accept-new-host-keys 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
            cand --sudo 'Run as root (sudo or doas when the login user is not root)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;check'= {
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --concurrency 'Hosts worked on at once'
            cand --hosts 'Host names or glob patterns, comma separated (e.g. `g*,w1`)'
            cand --cluster 'Only the hosts of this cluster'
            cand --role 'Only hosts with this role'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --accept-new-host-keys 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
            cand --no-mesh 'Skip the cross-host port mesh (it opens temporary listeners on the hosts)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;plan'= {
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --concurrency 'Hosts worked on at once'
            cand --only-cluster 'Only this cluster'
            cand --until 'Plan up to this phase'
            cand --out 'Also write the plan to FILE, for `tcs install --plan-file FILE`'
            cand --upgrade 'Plan `tcs cluster upgrade CLUSTER` instead: its preconditions and every host''s steps'
            cand --to 'With --upgrade: the target release (default: the inventory''s version)'
            cand --bundle 'With --upgrade: the target''s bundle (default: the inventory''s spec.bundle)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --accept-new-host-keys 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;install'= {
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --concurrency 'Hosts worked on at once'
            cand --until 'Stop after this phase'
            cand --only-cluster 'Only this cluster'
            cand --plan-file 'Run only if the hosts are exactly as this saved plan (`tcs plan --out`) found them'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --accept-new-host-keys 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
            cand --resume 'Continue the last, interrupted run: the steps it finished with the same inputs are not checked again (faster on big fleets); everything else runs as usual. Without it every step is checked on every host, so any run also converges what an interrupted one left'
            cand --list-phases 'Print the phases and their steps, then exit'
            cand --no-relay 'Send every bundle file from this machine instead of letting hosts copy from each other'
            cand --skip-addons 'Do not enable the inventory''s addons after the network phase'
            cand --skip-join 'Do not join the business clusters to the global cluster''s fleet'
            cand --timings 'After the summary, where the time went: per cluster and phase, and the slowest steps'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;bundle'= {
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand verify 'Check every file of a bundle against the sha256 and size in its bundle.yaml'
            cand inspect 'Print what a bundle carries: versions and files'
            cand build 'Build an offline bundle: pinned binaries, CNI manifest and images, all verified'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;bundle;verify'= {
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;bundle;inspect'= {
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;bundle;build'= {
            cand --kubernetes 'Kubernetes release the bundle is for'
            cand --arch 'Architectures, comma-separated'
            cand --out 'Bundle directory to write (must be new, empty, or an earlier bundle to replace)'
            cand --component-version 'Carry another version of a component than the pinned one (repeatable): containerd, runc, crictl, cni-plugins, etcd, kube-vip'
            cand --mirror 'Download files from this mirror (file:///path, a path, or http(s)://) instead of upstream'
            cand --registry-mirror 'Pull images through this registry mirror (http://host:port for a plain-HTTP registry)'
            cand --cni 'Pod network plugins to carry, comma-separated'
            cand --image 'Another image to carry (repeatable), e.g. an addon''s or the site''s own'
            cand --addon 'Carry an addon (repeatable, or comma-separated; `all` for the whole catalog): its pinned upstream files and every image its default render runs'
            cand --image-archive 'An image built on this machine to carry (repeatable): a `docker save` archive, such as tcs''s own from scripts/build-tcs-image (the federation addon runs it)'
            cand --jobs 'Parallel downloads and pulls'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;bundle;help'= {
            cand verify 'Check every file of a bundle against the sha256 and size in its bundle.yaml'
            cand inspect 'Print what a bundle carries: versions and files'
            cand build 'Build an offline bundle: pinned binaries, CNI manifest and images, all verified'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;bundle;help;verify'= {
        }
        &'tcs;bundle;help;inspect'= {
        }
        &'tcs;bundle;help;build'= {
        }
        &'tcs;bundle;help;help'= {
        }
        &'tcs;cluster'= {
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'The inventory''s clusters with their endpoint and live health'
            cand kubeconfig 'Print a cluster''s admin kubeconfig, or merge it into your kubeconfig'
            cand reset 'Tear a cluster down: every host back to a prepared machine (containerd stays)'
            cand join 'Add a cluster to the fleet (any reachable cluster, a managed cloud cluster too)'
            cand upgrade 'Move a cluster (or the fleet, --all) to the next Kubernetes release, node by node'
            cand unjoin 'Remove a cluster from the fleet'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;cluster;list'= {
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --timeout 'Seconds to wait for each API server'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;cluster;kubeconfig'= {
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --merge 'Merge into $KUBECONFIG or ~/.kube/config instead of printing'
            cand --use 'With --merge: make it the current context'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;cluster;reset'= {
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --concurrency 'Hosts worked on at once'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --accept-new-host-keys 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
            cand --yes 'Do not ask for confirmation'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;cluster;join'= {
            cand --kubeconfig 'The member''s kubeconfig (any user allowed to create a namespace, a ServiceAccount, a Secret and a ClusterRoleBinding there; it is used once and not stored)'
            cand --context 'Context of that kubeconfig (default: its current context)'
            cand --labels 'Labels of the fleet entry, k=v,... (PropagationPolicies select on them)'
            cand --provider 'Provider'
            cand --region 'Region'
            cand --zones 'Zones, comma-separated'
            cand --mode 'With the karmada backend: push (Karmada reaches the member) or pull (karmada-agent in the member reaches Karmada; for members that only dial out)'
            cand --agent-image 'With --mode pull: karmada-agent''s image (default: the karmada addon''s pin)'
            cand -f 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet'
            cand --file 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet'
            cand --global-kubeconfig 'Kubeconfig of the global cluster, instead of the inventory''s'
            cand --backend 'Federation backend (default: the inventory''s global cluster `fleet.backend`, else tcs)'
            cand --karmada-kubeconfig 'Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;cluster;upgrade'= {
            cand --to 'The target release (default: the inventory''s version of the cluster)'
            cand --bundle 'The target release''s bundle (default: the inventory''s spec.bundle)'
            cand --max-unavailable 'Workers upgraded at once'
            cand --wave-size 'With --all: business clusters upgraded at once'
            cand --drain-timeout 'Seconds a node''s drain may take before the upgrade stops and names what blocks'
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --concurrency 'Hosts worked on at once'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --all 'Every cluster of the inventory: business clusters in waves, then the global cluster'
            cand --resume 'Continue the last, interrupted run'
            cand --yes 'Do not ask for confirmation'
            cand --accept-new-host-keys 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;cluster;unjoin'= {
            cand --kubeconfig 'The member''s kubeconfig: with the karmada backend, a pull-mode member''s karmada-agent is removed through it'
            cand -f 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet'
            cand --file 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet'
            cand --global-kubeconfig 'Kubeconfig of the global cluster, instead of the inventory''s'
            cand --backend 'Federation backend (default: the inventory''s global cluster `fleet.backend`, else tcs)'
            cand --karmada-kubeconfig 'Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --prune 'Also delete what federation propagated to the member'
            cand --yes 'Do not ask for confirmation'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;cluster;help'= {
            cand list 'The inventory''s clusters with their endpoint and live health'
            cand kubeconfig 'Print a cluster''s admin kubeconfig, or merge it into your kubeconfig'
            cand reset 'Tear a cluster down: every host back to a prepared machine (containerd stays)'
            cand join 'Add a cluster to the fleet (any reachable cluster, a managed cloud cluster too)'
            cand upgrade 'Move a cluster (or the fleet, --all) to the next Kubernetes release, node by node'
            cand unjoin 'Remove a cluster from the fleet'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;cluster;help;list'= {
        }
        &'tcs;cluster;help;kubeconfig'= {
        }
        &'tcs;cluster;help;reset'= {
        }
        &'tcs;cluster;help;join'= {
        }
        &'tcs;cluster;help;upgrade'= {
        }
        &'tcs;cluster;help;unjoin'= {
        }
        &'tcs;cluster;help;help'= {
        }
        &'tcs;node'= {
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Install a host the inventory adds to a running cluster (worker, control plane or etcd)'
            cand remove 'Take a host out of its cluster: drain, delete, leave etcd, reset the host'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;node;add'= {
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --concurrency 'Hosts worked on at once'
            cand --until 'Stop after this phase'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --accept-new-host-keys 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;node;remove'= {
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --concurrency 'Hosts worked on at once'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --accept-new-host-keys 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
            cand --yes 'Do not ask for confirmation'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;node;help'= {
            cand add 'Install a host the inventory adds to a running cluster (worker, control plane or etcd)'
            cand remove 'Take a host out of its cluster: drain, delete, leave etcd, reset the host'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;node;help;add'= {
        }
        &'tcs;node;help;remove'= {
        }
        &'tcs;node;help;help'= {
        }
        &'tcs;certs'= {
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'List every certificate on every host with its expiry'
            cand renew 'Renew every certificate of a cluster with a rolling restart'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;certs;check'= {
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --concurrency 'Hosts worked on at once'
            cand --hosts 'Host names or glob patterns, comma separated (e.g. `g*,w1`)'
            cand --cluster 'Only the hosts of this cluster'
            cand --role 'Only hosts with this role'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --accept-new-host-keys 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;certs;renew'= {
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --concurrency 'Hosts worked on at once'
            cand --cluster 'The cluster'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --accept-new-host-keys 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
            cand --yes 'Do not ask for confirmation'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;certs;help'= {
            cand check 'List every certificate on every host with its expiry'
            cand renew 'Renew every certificate of a cluster with a rolling restart'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;certs;help;check'= {
        }
        &'tcs;certs;help;renew'= {
        }
        &'tcs;certs;help;help'= {
        }
        &'tcs;etcd'= {
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand backup 'Snapshot a cluster''s etcd into the state directory (with its sha256)'
            cand restore 'Restore a cluster''s etcd from a snapshot made by `tcs etcd backup`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;etcd;backup'= {
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --concurrency 'Hosts worked on at once'
            cand --cluster 'Cluster whose etcd to snapshot'
            cand --out 'Directory for the snapshot (default: <state dir>/backups/<cluster>)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --accept-new-host-keys 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;etcd;restore'= {
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --concurrency 'Hosts worked on at once'
            cand --cluster 'Cluster whose etcd to restore'
            cand --snapshot 'The snapshot file'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --accept-new-host-keys 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
            cand --yes 'Do not ask for confirmation'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;etcd;help'= {
            cand backup 'Snapshot a cluster''s etcd into the state directory (with its sha256)'
            cand restore 'Restore a cluster''s etcd from a snapshot made by `tcs etcd backup`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;etcd;help;backup'= {
        }
        &'tcs;etcd;help;restore'= {
        }
        &'tcs;etcd;help;help'= {
        }
        &'tcs;addon'= {
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'The addon catalog, and which clusters of an inventory enable what'
            cand render 'Render an addon for a cluster: YAML on stdout, for review and GitOps'
            cand enable 'Install or upgrade addons in a cluster (server-side apply, prune, health checks)'
            cand disable 'Remove an addon from a cluster (its CRDs stay unless --purge-crds)'
            cand status 'Enabled addons of a cluster: version, objects, health'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;addon;list'= {
            cand -f 'Inventory file (adds which clusters enable each addon)'
            cand --file 'Inventory file (adds which clusters enable each addon)'
            cand --addons-dir 'Catalog source'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;addon;render'= {
            cand --cluster 'Cluster of the inventory to render for'
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --values 'A YAML file of values (repeatable; later files win)'
            cand --set 'One value, KEY=VALUE with a dotted key (repeatable; wins over --values)'
            cand --addons-dir 'A directory of addons to use instead of the built-in catalog'
            cand --bundle 'Offline bundle (directory or tar) holding the addons'' upstream files (default: the inventory''s spec.bundle)'
            cand --mirror 'Where to download upstream files the bundle does not have: a directory or URL laid out as <host>/<path> (default: the upstream URLs)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --images 'Print the images the render runs instead of the objects'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;addon;enable'= {
            cand --cluster 'Cluster of the inventory'
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --kubeconfig 'Kubeconfig to use instead of the one tcs keeps for the cluster'
            cand --values 'A YAML file of values (repeatable; later files win)'
            cand --set 'One value, KEY=VALUE with a dotted key (repeatable; wins over --values)'
            cand --addons-dir 'A directory of addons to use instead of the built-in catalog'
            cand --bundle 'Offline bundle (directory or tar) holding the addons'' upstream files (default: the inventory''s spec.bundle)'
            cand --mirror 'Where to download upstream files the bundle does not have: a directory or URL laid out as <host>/<path> (default: the upstream URLs)'
            cand --timeout 'Seconds to wait for each group of objects and each health check'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;addon;disable'= {
            cand --cluster 'Cluster of the inventory'
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --kubeconfig 'Kubeconfig to use instead of the one tcs keeps for the cluster'
            cand --addons-dir 'Catalog source'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --purge-crds 'Also delete the addon''s CRDs, and with them every object of their kinds in the cluster'
            cand --yes 'Do not ask for confirmation'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;addon;status'= {
            cand --cluster 'Cluster of the inventory'
            cand -f 'Inventory file'
            cand --file 'Inventory file'
            cand --kubeconfig 'Kubeconfig to use instead of the one tcs keeps for the cluster'
            cand --addons-dir 'Catalog source'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;addon;help'= {
            cand list 'The addon catalog, and which clusters of an inventory enable what'
            cand render 'Render an addon for a cluster: YAML on stdout, for review and GitOps'
            cand enable 'Install or upgrade addons in a cluster (server-side apply, prune, health checks)'
            cand disable 'Remove an addon from a cluster (its CRDs stay unless --purge-crds)'
            cand status 'Enabled addons of a cluster: version, objects, health'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;addon;help;list'= {
        }
        &'tcs;addon;help;render'= {
        }
        &'tcs;addon;help;enable'= {
        }
        &'tcs;addon;help;disable'= {
        }
        &'tcs;addon;help;status'= {
        }
        &'tcs;addon;help;help'= {
        }
        &'tcs;fed'= {
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand plan 'Plan propagation with Karmada''s PropagationPolicy/OverridePolicy semantics, offline'
            cand apply 'Propagate to the fleet: plan, server-side apply each member''s objects, prune, record'
            cand status 'Per resource and member: desired, applied and ready replicas, and the last error'
            cand controller 'Run the federation reconciler: watch the global cluster, plan and apply continuously'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;fed;plan'= {
            cand -f 'Input files or directories (every *.yaml / *.yml inside, sorted)'
            cand --file 'Input files or directories (every *.yaml / *.yml inside, sorted)'
            cand --output-dir 'Also write DIR/<cluster>/<kind>_<namespace>_<name>.yaml for each member object'
            cand -n 'The namespace of namespaced objects (resources and policies) that name none, as `kubectl apply -n`'
            cand --namespace 'The namespace of namespaced objects (resources and policies) that name none, as `kubectl apply -n`'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;fed;apply'= {
            cand -f 'Policy and resource files or directories (every *.yaml / *.yml inside)'
            cand --file 'Policy and resource files or directories (every *.yaml / *.yml inside)'
            cand -n 'The namespace of namespaced objects (resources and policies) that name none, as `kubectl apply -n`'
            cand --namespace 'The namespace of namespaced objects (resources and policies) that name none, as `kubectl apply -n`'
            cand --inventory 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet'
            cand --global-kubeconfig 'Kubeconfig of the global cluster, instead of the inventory''s'
            cand --backend 'Federation backend (default: the inventory''s global cluster `fleet.backend`, else tcs)'
            cand --karmada-kubeconfig 'Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --store 'Store the files'' policies and resource templates in the global cluster for the federation controller instead of applying them from here'
            cand --from-cluster 'Plan from the policies and templates stored in the global cluster (plus any -f files)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;fed;status'= {
            cand --inventory 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet'
            cand --global-kubeconfig 'Kubeconfig of the global cluster, instead of the inventory''s'
            cand --backend 'Federation backend (default: the inventory''s global cluster `fleet.backend`, else tcs)'
            cand --karmada-kubeconfig 'Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;fed;controller'= {
            cand --inventory 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet'
            cand --global-kubeconfig 'Kubeconfig of the global cluster, instead of the inventory''s'
            cand --backend 'Federation backend (default: the inventory''s global cluster `fleet.backend`, else tcs)'
            cand --karmada-kubeconfig 'Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)'
            cand --identity 'This replica''s name in the Lease (default: $POD_NAME, else the host name)'
            cand --lease-duration 'Lease duration in seconds (the holder renews every third of it)'
            cand --resync 'Reconcile at least this often, in seconds'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --no-leader-election 'Run without leader election (one replica only)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;fed;help'= {
            cand plan 'Plan propagation with Karmada''s PropagationPolicy/OverridePolicy semantics, offline'
            cand apply 'Propagate to the fleet: plan, server-side apply each member''s objects, prune, record'
            cand status 'Per resource and member: desired, applied and ready replicas, and the last error'
            cand controller 'Run the federation reconciler: watch the global cluster, plan and apply continuously'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;fed;help;plan'= {
        }
        &'tcs;fed;help;apply'= {
        }
        &'tcs;fed;help;status'= {
        }
        &'tcs;fed;help;controller'= {
        }
        &'tcs;fed;help;help'= {
        }
        &'tcs;sandbox'= {
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand up 'Start container hosts on this machine and install a global and business clusters on them'
            cand down 'Remove a sandbox: its containers, network, inventory, key and state'
            cand list 'The sandboxes on this machine: hosts and cluster health'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;sandbox;up'= {
            cand --business 'Business clusters'
            cand --control-planes 'Control planes per cluster (several: behind a VIP on the sandbox network)'
            cand --workers 'Workers per business cluster'
            cand --kubernetes 'Kubernetes version (default: the bundle''s)'
            cand --bundle 'Offline bundle to install from (default: one built from --mirror/--registry-mirror or upstream)'
            cand --mirror 'Where a bundle built for the sandbox downloads files from'
            cand --registry-mirror 'Where a bundle built for the sandbox pulls images from'
            cand --addons 'Addons every cluster enables, comma separated'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --hosts-only 'Stop once the hosts run and the inventory is written'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;sandbox;down'= {
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand --yes 'Do not ask for confirmation'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;sandbox;list'= {
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;sandbox;help'= {
            cand up 'Start container hosts on this machine and install a global and business clusters on them'
            cand down 'Remove a sandbox: its containers, network, inventory, key and state'
            cand list 'The sandboxes on this machine: hosts and cluster health'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;sandbox;help;up'= {
        }
        &'tcs;sandbox;help;down'= {
        }
        &'tcs;sandbox;help;list'= {
        }
        &'tcs;sandbox;help;help'= {
        }
        &'tcs;inventory'= {
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand validate 'Check inventory files and report every problem with file:line:column, field and hint'
            cand schema 'Print the inventory''s JSON Schema, for editor completion and checks'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;inventory;validate'= {
            cand -f 'Inventory file(s)'
            cand --file 'Inventory file(s)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;inventory;schema'= {
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;inventory;help'= {
            cand validate 'Check inventory files and report every problem with file:line:column, field and hint'
            cand schema 'Print the inventory''s JSON Schema, for editor completion and checks'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;inventory;help;validate'= {
        }
        &'tcs;inventory;help;schema'= {
        }
        &'tcs;inventory;help;help'= {
        }
        &'tcs;completions'= {
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;man'= {
            cand --out-dir 'Write `tcs.1` and one page per subcommand into this directory instead of printing'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --state-dir 'State directory (default: `.tcs/<inventory name>/` beside the inventory)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcs;help'= {
            cand init 'Write a new inventory, asking on a terminal or from flags'
            cand exec 'Run a shell command on many hosts'
            cand check 'Run every preflight check on every host: one table for all'
            cand plan 'Show what install (or, with --upgrade, an upgrade) would do on each host, from read-only checks'
            cand install 'Install the inventory''s clusters (phases: see --list-phases)'
            cand bundle 'Build, verify and inspect offline bundles'
            cand cluster 'The fleet''s clusters: list with health, admin kubeconfigs, join, unjoin, upgrade, tear down'
            cand node 'Add hosts to running clusters, or take them out'
            cand certs 'Certificates on the hosts: expiry and issuers, renewal'
            cand etcd 'Back up and restore a cluster''s etcd'
            cand addon 'Addons (load balancer, vGPU, colocation, monitoring, logging, federation): render, enable, status'
            cand fed 'Federate clusters with Karmada''s policy API'
            cand sandbox 'A global and business clusters on this machine, on container hosts: up, down, list'
            cand inventory 'Check inventories and print their schema'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff), or write one per command into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcs;help;init'= {
        }
        &'tcs;help;exec'= {
        }
        &'tcs;help;check'= {
        }
        &'tcs;help;plan'= {
        }
        &'tcs;help;install'= {
        }
        &'tcs;help;bundle'= {
            cand verify 'Check every file of a bundle against the sha256 and size in its bundle.yaml'
            cand inspect 'Print what a bundle carries: versions and files'
            cand build 'Build an offline bundle: pinned binaries, CNI manifest and images, all verified'
        }
        &'tcs;help;bundle;verify'= {
        }
        &'tcs;help;bundle;inspect'= {
        }
        &'tcs;help;bundle;build'= {
        }
        &'tcs;help;cluster'= {
            cand list 'The inventory''s clusters with their endpoint and live health'
            cand kubeconfig 'Print a cluster''s admin kubeconfig, or merge it into your kubeconfig'
            cand reset 'Tear a cluster down: every host back to a prepared machine (containerd stays)'
            cand join 'Add a cluster to the fleet (any reachable cluster, a managed cloud cluster too)'
            cand upgrade 'Move a cluster (or the fleet, --all) to the next Kubernetes release, node by node'
            cand unjoin 'Remove a cluster from the fleet'
        }
        &'tcs;help;cluster;list'= {
        }
        &'tcs;help;cluster;kubeconfig'= {
        }
        &'tcs;help;cluster;reset'= {
        }
        &'tcs;help;cluster;join'= {
        }
        &'tcs;help;cluster;upgrade'= {
        }
        &'tcs;help;cluster;unjoin'= {
        }
        &'tcs;help;node'= {
            cand add 'Install a host the inventory adds to a running cluster (worker, control plane or etcd)'
            cand remove 'Take a host out of its cluster: drain, delete, leave etcd, reset the host'
        }
        &'tcs;help;node;add'= {
        }
        &'tcs;help;node;remove'= {
        }
        &'tcs;help;certs'= {
            cand check 'List every certificate on every host with its expiry'
            cand renew 'Renew every certificate of a cluster with a rolling restart'
        }
        &'tcs;help;certs;check'= {
        }
        &'tcs;help;certs;renew'= {
        }
        &'tcs;help;etcd'= {
            cand backup 'Snapshot a cluster''s etcd into the state directory (with its sha256)'
            cand restore 'Restore a cluster''s etcd from a snapshot made by `tcs etcd backup`'
        }
        &'tcs;help;etcd;backup'= {
        }
        &'tcs;help;etcd;restore'= {
        }
        &'tcs;help;addon'= {
            cand list 'The addon catalog, and which clusters of an inventory enable what'
            cand render 'Render an addon for a cluster: YAML on stdout, for review and GitOps'
            cand enable 'Install or upgrade addons in a cluster (server-side apply, prune, health checks)'
            cand disable 'Remove an addon from a cluster (its CRDs stay unless --purge-crds)'
            cand status 'Enabled addons of a cluster: version, objects, health'
        }
        &'tcs;help;addon;list'= {
        }
        &'tcs;help;addon;render'= {
        }
        &'tcs;help;addon;enable'= {
        }
        &'tcs;help;addon;disable'= {
        }
        &'tcs;help;addon;status'= {
        }
        &'tcs;help;fed'= {
            cand plan 'Plan propagation with Karmada''s PropagationPolicy/OverridePolicy semantics, offline'
            cand apply 'Propagate to the fleet: plan, server-side apply each member''s objects, prune, record'
            cand status 'Per resource and member: desired, applied and ready replicas, and the last error'
            cand controller 'Run the federation reconciler: watch the global cluster, plan and apply continuously'
        }
        &'tcs;help;fed;plan'= {
        }
        &'tcs;help;fed;apply'= {
        }
        &'tcs;help;fed;status'= {
        }
        &'tcs;help;fed;controller'= {
        }
        &'tcs;help;sandbox'= {
            cand up 'Start container hosts on this machine and install a global and business clusters on them'
            cand down 'Remove a sandbox: its containers, network, inventory, key and state'
            cand list 'The sandboxes on this machine: hosts and cluster health'
        }
        &'tcs;help;sandbox;up'= {
        }
        &'tcs;help;sandbox;down'= {
        }
        &'tcs;help;sandbox;list'= {
        }
        &'tcs;help;inventory'= {
            cand validate 'Check inventory files and report every problem with file:line:column, field and hint'
            cand schema 'Print the inventory''s JSON Schema, for editor completion and checks'
        }
        &'tcs;help;inventory;validate'= {
        }
        &'tcs;help;inventory;schema'= {
        }
        &'tcs;help;completions'= {
        }
        &'tcs;help;man'= {
        }
        &'tcs;help;help'= {
        }
    ]
    $completions[$command]
}
