# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tcs_global_optspecs
    string join \n o/output= v/verbose q/quiet state-dir= no-color h/help V/version
end

function __fish_tcs_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_tcs_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_tcs_using_subcommand
    set -l cmd (__fish_tcs_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c tcs -n "__fish_tcs_needs_command" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_needs_command" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_needs_command" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_needs_command" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_needs_command" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_needs_command" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "init" -d 'Write a new inventory, asking on a terminal or from flags'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "exec" -d 'Run a shell command on many hosts'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "check" -d 'Run every preflight check on every host: one table for all'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "plan" -d 'Show what install (or, with --upgrade, an upgrade) would do on each host, from read-only checks'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "install" -d 'Install the inventory\'s clusters (phases: see --list-phases)'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "bundle" -d 'Build, verify and inspect offline bundles'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "cluster" -d 'The fleet\'s clusters: list with health, admin kubeconfigs, join, unjoin, upgrade, tear down'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "node" -d 'Add hosts to running clusters, or take them out'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "certs" -d 'Certificates on the hosts: expiry and issuers, renewal'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "etcd" -d 'Back up and restore a cluster\'s etcd'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "addon" -d 'Addons (load balancer, vGPU, colocation, monitoring, logging, federation): render, enable, status'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "fed" -d 'Federate clusters with Karmada\'s policy API'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "sandbox" -d 'A global and business clusters on this machine, on container hosts: up, down, list'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "inventory" -d 'Check inventories and print their schema'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "man" -d 'Print the man page (roff), or write one per command into a directory'
complete -c tcs -n "__fish_tcs_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand init" -s f -l file -d 'Where to write the inventory' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand init" -l name -d 'Inventory and cluster name (a DNS label)' -r
complete -c tcs -n "__fish_tcs_using_subcommand init" -l hosts -d 'Hosts: NAME=ADDRESS pairs, or bare addresses named node1, node2, ...' -r
complete -c tcs -n "__fish_tcs_using_subcommand init" -l control-plane -d 'Control-plane host names (default: the first host, or the first three with --vip)' -r
complete -c tcs -n "__fish_tcs_using_subcommand init" -l user -d 'SSH login user' -r
complete -c tcs -n "__fish_tcs_using_subcommand init" -l identity-file -d 'SSH private key' -r
complete -c tcs -n "__fish_tcs_using_subcommand init" -l vip -d 'Virtual IP for the API server (needed with several control-plane hosts)' -r
complete -c tcs -n "__fish_tcs_using_subcommand init" -l kubernetes-version -d 'Kubernetes version' -r
complete -c tcs -n "__fish_tcs_using_subcommand init" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand init" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand init" -l force -d 'Overwrite an existing file'
complete -c tcs -n "__fish_tcs_using_subcommand init" -l non-interactive -d 'Never prompt, even on a terminal'
complete -c tcs -n "__fish_tcs_using_subcommand init" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand init" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand init" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand init" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand exec" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand exec" -l concurrency -d 'Hosts worked on at once' -r
complete -c tcs -n "__fish_tcs_using_subcommand exec" -l hosts -d 'Host names or glob patterns, comma separated (e.g. `g*,w1`)' -r
complete -c tcs -n "__fish_tcs_using_subcommand exec" -l cluster -d 'Only the hosts of this cluster' -r
complete -c tcs -n "__fish_tcs_using_subcommand exec" -l role -d 'Only hosts with this role' -r -f -a "control-plane\t'Control-plane hosts'
etcd\t'etcd members'
worker\t'Workers'"
complete -c tcs -n "__fish_tcs_using_subcommand exec" -l timeout -d 'Kill the command after this many seconds' -r
complete -c tcs -n "__fish_tcs_using_subcommand exec" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand exec" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand exec" -l accept-new-host-keys -d 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
complete -c tcs -n "__fish_tcs_using_subcommand exec" -l sudo -d 'Run as root (sudo or doas when the login user is not root)'
complete -c tcs -n "__fish_tcs_using_subcommand exec" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand exec" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand exec" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand exec" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand check" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand check" -l concurrency -d 'Hosts worked on at once' -r
complete -c tcs -n "__fish_tcs_using_subcommand check" -l hosts -d 'Host names or glob patterns, comma separated (e.g. `g*,w1`)' -r
complete -c tcs -n "__fish_tcs_using_subcommand check" -l cluster -d 'Only the hosts of this cluster' -r
complete -c tcs -n "__fish_tcs_using_subcommand check" -l role -d 'Only hosts with this role' -r -f -a "control-plane\t'Control-plane hosts'
etcd\t'etcd members'
worker\t'Workers'"
complete -c tcs -n "__fish_tcs_using_subcommand check" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand check" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand check" -l accept-new-host-keys -d 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
complete -c tcs -n "__fish_tcs_using_subcommand check" -l no-mesh -d 'Skip the cross-host port mesh (it opens temporary listeners on the hosts)'
complete -c tcs -n "__fish_tcs_using_subcommand check" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand check" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand check" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand check" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand plan" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand plan" -l concurrency -d 'Hosts worked on at once' -r
complete -c tcs -n "__fish_tcs_using_subcommand plan" -l only-cluster -d 'Only this cluster' -r
complete -c tcs -n "__fish_tcs_using_subcommand plan" -l until -d 'Plan up to this phase' -r
complete -c tcs -n "__fish_tcs_using_subcommand plan" -l out -d 'Also write the plan to FILE, for `tcs install --plan-file FILE`' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand plan" -l upgrade -d 'Plan `tcs cluster upgrade CLUSTER` instead: its preconditions and every host\'s steps' -r
complete -c tcs -n "__fish_tcs_using_subcommand plan" -l to -d 'With --upgrade: the target release (default: the inventory\'s version)' -r
complete -c tcs -n "__fish_tcs_using_subcommand plan" -l bundle -d 'With --upgrade: the target\'s bundle (default: the inventory\'s spec.bundle)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand plan" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand plan" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand plan" -l accept-new-host-keys -d 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
complete -c tcs -n "__fish_tcs_using_subcommand plan" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand plan" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand plan" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand plan" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand install" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand install" -l concurrency -d 'Hosts worked on at once' -r
complete -c tcs -n "__fish_tcs_using_subcommand install" -l until -d 'Stop after this phase' -r
complete -c tcs -n "__fish_tcs_using_subcommand install" -l only-cluster -d 'Only this cluster' -r
complete -c tcs -n "__fish_tcs_using_subcommand install" -l plan-file -d 'Run only if the hosts are exactly as this saved plan (`tcs plan --out`) found them' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand install" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand install" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand install" -l accept-new-host-keys -d 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
complete -c tcs -n "__fish_tcs_using_subcommand install" -l resume -d 'Continue the last, interrupted run: the steps it finished with the same inputs are not checked again (faster on big fleets); everything else runs as usual. Without it every step is checked on every host, so any run also converges what an interrupted one left'
complete -c tcs -n "__fish_tcs_using_subcommand install" -l list-phases -d 'Print the phases and their steps, then exit'
complete -c tcs -n "__fish_tcs_using_subcommand install" -l no-relay -d 'Send every bundle file from this machine instead of letting hosts copy from each other'
complete -c tcs -n "__fish_tcs_using_subcommand install" -l skip-addons -d 'Do not enable the inventory\'s addons after the network phase'
complete -c tcs -n "__fish_tcs_using_subcommand install" -l skip-join -d 'Do not join the business clusters to the global cluster\'s fleet'
complete -c tcs -n "__fish_tcs_using_subcommand install" -l timings -d 'After the summary, where the time went: per cluster and phase, and the slowest steps'
complete -c tcs -n "__fish_tcs_using_subcommand install" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand install" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand install" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand install" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand install" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and not __fish_seen_subcommand_from verify inspect build help" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and not __fish_seen_subcommand_from verify inspect build help" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and not __fish_seen_subcommand_from verify inspect build help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and not __fish_seen_subcommand_from verify inspect build help" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and not __fish_seen_subcommand_from verify inspect build help" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and not __fish_seen_subcommand_from verify inspect build help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and not __fish_seen_subcommand_from verify inspect build help" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and not __fish_seen_subcommand_from verify inspect build help" -f -a "verify" -d 'Check every file of a bundle against the sha256 and size in its bundle.yaml'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and not __fish_seen_subcommand_from verify inspect build help" -f -a "inspect" -d 'Print what a bundle carries: versions and files'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and not __fish_seen_subcommand_from verify inspect build help" -f -a "build" -d 'Build an offline bundle: pinned binaries, CNI manifest and images, all verified'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and not __fish_seen_subcommand_from verify inspect build help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from verify" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from verify" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from verify" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from inspect" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from inspect" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from inspect" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from inspect" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from inspect" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -l kubernetes -d 'Kubernetes release the bundle is for' -r
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -l arch -d 'Architectures, comma-separated' -r -f -a "amd64\t''
arm64\t''"
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -l out -d 'Bundle directory to write (must be new, empty, or an earlier bundle to replace)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -l component-version -d 'Carry another version of a component than the pinned one (repeatable): containerd, runc, crictl, cni-plugins, etcd, kube-vip' -r
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -l mirror -d 'Download files from this mirror (file:///path, a path, or http(s)://) instead of upstream' -r
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -l registry-mirror -d 'Pull images through this registry mirror (http://host:port for a plain-HTTP registry)' -r
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -l cni -d 'Pod network plugins to carry, comma-separated' -r -f -a "calico\t''
flannel\t''"
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -l image -d 'Another image to carry (repeatable), e.g. an addon\'s or the site\'s own' -r
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -l addon -d 'Carry an addon (repeatable, or comma-separated; `all` for the whole catalog): its pinned upstream files and every image its default render runs' -r
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -l image-archive -d 'An image built on this machine to carry (repeatable): a `docker save` archive, such as tcs\'s own from scripts/build-tcs-image (the federation addon runs it)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -l jobs -d 'Parallel downloads and pulls' -r
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from build" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check every file of a bundle against the sha256 and size in its bundle.yaml'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Print what a bundle carries: versions and files'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build an offline bundle: pinned binaries, CNI manifest and images, all verified'
complete -c tcs -n "__fish_tcs_using_subcommand bundle; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and not __fish_seen_subcommand_from list kubeconfig reset join upgrade unjoin help" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and not __fish_seen_subcommand_from list kubeconfig reset join upgrade unjoin help" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and not __fish_seen_subcommand_from list kubeconfig reset join upgrade unjoin help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and not __fish_seen_subcommand_from list kubeconfig reset join upgrade unjoin help" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and not __fish_seen_subcommand_from list kubeconfig reset join upgrade unjoin help" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and not __fish_seen_subcommand_from list kubeconfig reset join upgrade unjoin help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and not __fish_seen_subcommand_from list kubeconfig reset join upgrade unjoin help" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and not __fish_seen_subcommand_from list kubeconfig reset join upgrade unjoin help" -f -a "list" -d 'The inventory\'s clusters with their endpoint and live health'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and not __fish_seen_subcommand_from list kubeconfig reset join upgrade unjoin help" -f -a "kubeconfig" -d 'Print a cluster\'s admin kubeconfig, or merge it into your kubeconfig'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and not __fish_seen_subcommand_from list kubeconfig reset join upgrade unjoin help" -f -a "reset" -d 'Tear a cluster down: every host back to a prepared machine (containerd stays)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and not __fish_seen_subcommand_from list kubeconfig reset join upgrade unjoin help" -f -a "join" -d 'Add a cluster to the fleet (any reachable cluster, a managed cloud cluster too)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and not __fish_seen_subcommand_from list kubeconfig reset join upgrade unjoin help" -f -a "upgrade" -d 'Move a cluster (or the fleet, --all) to the next Kubernetes release, node by node'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and not __fish_seen_subcommand_from list kubeconfig reset join upgrade unjoin help" -f -a "unjoin" -d 'Remove a cluster from the fleet'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and not __fish_seen_subcommand_from list kubeconfig reset join upgrade unjoin help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from list" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds to wait for each API server' -r
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from list" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from list" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from kubeconfig" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from kubeconfig" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from kubeconfig" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from kubeconfig" -l merge -d 'Merge into $KUBECONFIG or ~/.kube/config instead of printing'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from kubeconfig" -l use -d 'With --merge: make it the current context'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from kubeconfig" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from kubeconfig" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from kubeconfig" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from kubeconfig" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from kubeconfig" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from reset" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from reset" -l concurrency -d 'Hosts worked on at once' -r
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from reset" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from reset" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from reset" -l accept-new-host-keys -d 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from reset" -l yes -d 'Do not ask for confirmation'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from reset" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from reset" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from reset" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from reset" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -l kubeconfig -d 'The member\'s kubeconfig (any user allowed to create a namespace, a ServiceAccount, a Secret and a ClusterRoleBinding there; it is used once and not stored)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -l context -d 'Context of that kubeconfig (default: its current context)' -r
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -l labels -d 'Labels of the fleet entry, k=v,... (PropagationPolicies select on them)' -r
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -l provider -d 'Provider' -r
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -l region -d 'Region' -r
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -l zones -d 'Zones, comma-separated' -r
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -l mode -d 'With the karmada backend: push (Karmada reaches the member) or pull (karmada-agent in the member reaches Karmada; for members that only dial out)' -r -f -a "push\t'Karmada\'s controllers reach the member\'s API server (`karmadactl join`)'
pull\t'karmada-agent in the member reaches Karmada (`karmadactl register`): for members behind NAT or a firewall that only dial out'"
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -l agent-image -d 'With --mode pull: karmada-agent\'s image (default: the karmada addon\'s pin)' -r
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -s f -l file -d 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -l global-kubeconfig -d 'Kubeconfig of the global cluster, instead of the inventory\'s' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -l backend -d 'Federation backend (default: the inventory\'s global cluster `fleet.backend`, else tcs)' -r -f -a "tcs\t'tcs\'s own engine: plans with Karmada\'s semantics and applies to each member'
karmada\t'Karmada\'s control plane (`tcs addon enable karmada`): its scheduler and controllers'"
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -l karmada-kubeconfig -d 'Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from join" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -l to -d 'The target release (default: the inventory\'s version of the cluster)' -r
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -l bundle -d 'The target release\'s bundle (default: the inventory\'s spec.bundle)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -l max-unavailable -d 'Workers upgraded at once' -r
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -l wave-size -d 'With --all: business clusters upgraded at once' -r
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -l drain-timeout -d 'Seconds a node\'s drain may take before the upgrade stops and names what blocks' -r
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -l concurrency -d 'Hosts worked on at once' -r
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -l all -d 'Every cluster of the inventory: business clusters in waves, then the global cluster'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -l resume -d 'Continue the last, interrupted run'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -l yes -d 'Do not ask for confirmation'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -l accept-new-host-keys -d 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from upgrade" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from unjoin" -l kubeconfig -d 'The member\'s kubeconfig: with the karmada backend, a pull-mode member\'s karmada-agent is removed through it' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from unjoin" -s f -l file -d 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from unjoin" -l global-kubeconfig -d 'Kubeconfig of the global cluster, instead of the inventory\'s' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from unjoin" -l backend -d 'Federation backend (default: the inventory\'s global cluster `fleet.backend`, else tcs)' -r -f -a "tcs\t'tcs\'s own engine: plans with Karmada\'s semantics and applies to each member'
karmada\t'Karmada\'s control plane (`tcs addon enable karmada`): its scheduler and controllers'"
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from unjoin" -l karmada-kubeconfig -d 'Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from unjoin" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from unjoin" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from unjoin" -l prune -d 'Also delete what federation propagated to the member'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from unjoin" -l yes -d 'Do not ask for confirmation'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from unjoin" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from unjoin" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from unjoin" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from unjoin" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from unjoin" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "list" -d 'The inventory\'s clusters with their endpoint and live health'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "kubeconfig" -d 'Print a cluster\'s admin kubeconfig, or merge it into your kubeconfig'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Tear a cluster down: every host back to a prepared machine (containerd stays)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "join" -d 'Add a cluster to the fleet (any reachable cluster, a managed cloud cluster too)'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "upgrade" -d 'Move a cluster (or the fleet, --all) to the next Kubernetes release, node by node'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "unjoin" -d 'Remove a cluster from the fleet'
complete -c tcs -n "__fish_tcs_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand node; and not __fish_seen_subcommand_from add remove help" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand node; and not __fish_seen_subcommand_from add remove help" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand node; and not __fish_seen_subcommand_from add remove help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand node; and not __fish_seen_subcommand_from add remove help" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand node; and not __fish_seen_subcommand_from add remove help" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand node; and not __fish_seen_subcommand_from add remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand node; and not __fish_seen_subcommand_from add remove help" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand node; and not __fish_seen_subcommand_from add remove help" -f -a "add" -d 'Install a host the inventory adds to a running cluster (worker, control plane or etcd)'
complete -c tcs -n "__fish_tcs_using_subcommand node; and not __fish_seen_subcommand_from add remove help" -f -a "remove" -d 'Take a host out of its cluster: drain, delete, leave etcd, reset the host'
complete -c tcs -n "__fish_tcs_using_subcommand node; and not __fish_seen_subcommand_from add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from add" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from add" -l concurrency -d 'Hosts worked on at once' -r
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from add" -l until -d 'Stop after this phase' -r
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from add" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from add" -l accept-new-host-keys -d 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from add" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from add" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from remove" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from remove" -l concurrency -d 'Hosts worked on at once' -r
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from remove" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from remove" -l accept-new-host-keys -d 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from remove" -l yes -d 'Do not ask for confirmation'
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from remove" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "add" -d 'Install a host the inventory adds to a running cluster (worker, control plane or etcd)'
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Take a host out of its cluster: drain, delete, leave etcd, reset the host'
complete -c tcs -n "__fish_tcs_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and not __fish_seen_subcommand_from check renew help" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand certs; and not __fish_seen_subcommand_from check renew help" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand certs; and not __fish_seen_subcommand_from check renew help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and not __fish_seen_subcommand_from check renew help" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and not __fish_seen_subcommand_from check renew help" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and not __fish_seen_subcommand_from check renew help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and not __fish_seen_subcommand_from check renew help" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and not __fish_seen_subcommand_from check renew help" -f -a "check" -d 'List every certificate on every host with its expiry'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and not __fish_seen_subcommand_from check renew help" -f -a "renew" -d 'Renew every certificate of a cluster with a rolling restart'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and not __fish_seen_subcommand_from check renew help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from check" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from check" -l concurrency -d 'Hosts worked on at once' -r
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from check" -l hosts -d 'Host names or glob patterns, comma separated (e.g. `g*,w1`)' -r
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from check" -l cluster -d 'Only the hosts of this cluster' -r
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from check" -l role -d 'Only hosts with this role' -r -f -a "control-plane\t'Control-plane hosts'
etcd\t'etcd members'
worker\t'Workers'"
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from check" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from check" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from check" -l accept-new-host-keys -d 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from check" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from check" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from renew" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from renew" -l concurrency -d 'Hosts worked on at once' -r
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from renew" -l cluster -d 'The cluster' -r
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from renew" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from renew" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from renew" -l accept-new-host-keys -d 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from renew" -l yes -d 'Do not ask for confirmation'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from renew" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from renew" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from renew" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from renew" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from renew" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "check" -d 'List every certificate on every host with its expiry'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "renew" -d 'Renew every certificate of a cluster with a rolling restart'
complete -c tcs -n "__fish_tcs_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and not __fish_seen_subcommand_from backup restore help" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and not __fish_seen_subcommand_from backup restore help" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and not __fish_seen_subcommand_from backup restore help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and not __fish_seen_subcommand_from backup restore help" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and not __fish_seen_subcommand_from backup restore help" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and not __fish_seen_subcommand_from backup restore help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and not __fish_seen_subcommand_from backup restore help" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and not __fish_seen_subcommand_from backup restore help" -f -a "backup" -d 'Snapshot a cluster\'s etcd into the state directory (with its sha256)'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and not __fish_seen_subcommand_from backup restore help" -f -a "restore" -d 'Restore a cluster\'s etcd from a snapshot made by `tcs etcd backup`'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and not __fish_seen_subcommand_from backup restore help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from backup" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from backup" -l concurrency -d 'Hosts worked on at once' -r
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from backup" -l cluster -d 'Cluster whose etcd to snapshot' -r
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from backup" -l out -d 'Directory for the snapshot (default: <state dir>/backups/<cluster>)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from backup" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from backup" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from backup" -l accept-new-host-keys -d 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from backup" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from backup" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from backup" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from backup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from backup" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from restore" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from restore" -l concurrency -d 'Hosts worked on at once' -r
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from restore" -l cluster -d 'Cluster whose etcd to restore' -r
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from restore" -l snapshot -d 'The snapshot file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from restore" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from restore" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from restore" -l accept-new-host-keys -d 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from restore" -l yes -d 'Do not ask for confirmation'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from restore" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from restore" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from restore" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from restore" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from help" -f -a "backup" -d 'Snapshot a cluster\'s etcd into the state directory (with its sha256)'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Restore a cluster\'s etcd from a snapshot made by `tcs etcd backup`'
complete -c tcs -n "__fish_tcs_using_subcommand etcd; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and not __fish_seen_subcommand_from list render enable disable status help" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand addon; and not __fish_seen_subcommand_from list render enable disable status help" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and not __fish_seen_subcommand_from list render enable disable status help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and not __fish_seen_subcommand_from list render enable disable status help" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and not __fish_seen_subcommand_from list render enable disable status help" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and not __fish_seen_subcommand_from list render enable disable status help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and not __fish_seen_subcommand_from list render enable disable status help" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and not __fish_seen_subcommand_from list render enable disable status help" -f -a "list" -d 'The addon catalog, and which clusters of an inventory enable what'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and not __fish_seen_subcommand_from list render enable disable status help" -f -a "render" -d 'Render an addon for a cluster: YAML on stdout, for review and GitOps'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and not __fish_seen_subcommand_from list render enable disable status help" -f -a "enable" -d 'Install or upgrade addons in a cluster (server-side apply, prune, health checks)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and not __fish_seen_subcommand_from list render enable disable status help" -f -a "disable" -d 'Remove an addon from a cluster (its CRDs stay unless --purge-crds)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and not __fish_seen_subcommand_from list render enable disable status help" -f -a "status" -d 'Enabled addons of a cluster: version, objects, health'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and not __fish_seen_subcommand_from list render enable disable status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from list" -s f -l file -d 'Inventory file (adds which clusters enable each addon)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from list" -l addons-dir -d 'Catalog source' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from list" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from list" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from render" -l cluster -d 'Cluster of the inventory to render for' -r
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from render" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from render" -l values -d 'A YAML file of values (repeatable; later files win)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from render" -l set -d 'One value, KEY=VALUE with a dotted key (repeatable; wins over --values)' -r
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from render" -l addons-dir -d 'A directory of addons to use instead of the built-in catalog' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from render" -l bundle -d 'Offline bundle (directory or tar) holding the addons\' upstream files (default: the inventory\'s spec.bundle)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from render" -l mirror -d 'Where to download upstream files the bundle does not have: a directory or URL laid out as <host>/<path> (default: the upstream URLs)' -r
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from render" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from render" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from render" -l images -d 'Print the images the render runs instead of the objects'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from render" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from render" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from render" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from render" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from render" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from enable" -l cluster -d 'Cluster of the inventory' -r
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from enable" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from enable" -l kubeconfig -d 'Kubeconfig to use instead of the one tcs keeps for the cluster' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from enable" -l values -d 'A YAML file of values (repeatable; later files win)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from enable" -l set -d 'One value, KEY=VALUE with a dotted key (repeatable; wins over --values)' -r
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from enable" -l addons-dir -d 'A directory of addons to use instead of the built-in catalog' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from enable" -l bundle -d 'Offline bundle (directory or tar) holding the addons\' upstream files (default: the inventory\'s spec.bundle)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from enable" -l mirror -d 'Where to download upstream files the bundle does not have: a directory or URL laid out as <host>/<path> (default: the upstream URLs)' -r
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from enable" -l timeout -d 'Seconds to wait for each group of objects and each health check' -r
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from enable" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from enable" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from enable" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from enable" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from enable" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from disable" -l cluster -d 'Cluster of the inventory' -r
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from disable" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from disable" -l kubeconfig -d 'Kubeconfig to use instead of the one tcs keeps for the cluster' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from disable" -l addons-dir -d 'Catalog source' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from disable" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from disable" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from disable" -l purge-crds -d 'Also delete the addon\'s CRDs, and with them every object of their kinds in the cluster'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from disable" -l yes -d 'Do not ask for confirmation'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from disable" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from disable" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from status" -l cluster -d 'Cluster of the inventory' -r
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from status" -s f -l file -d 'Inventory file' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from status" -l kubeconfig -d 'Kubeconfig to use instead of the one tcs keeps for the cluster' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from status" -l addons-dir -d 'Catalog source' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from status" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from status" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from help" -f -a "list" -d 'The addon catalog, and which clusters of an inventory enable what'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from help" -f -a "render" -d 'Render an addon for a cluster: YAML on stdout, for review and GitOps'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Install or upgrade addons in a cluster (server-side apply, prune, health checks)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Remove an addon from a cluster (its CRDs stay unless --purge-crds)'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from help" -f -a "status" -d 'Enabled addons of a cluster: version, objects, health'
complete -c tcs -n "__fish_tcs_using_subcommand addon; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and not __fish_seen_subcommand_from plan apply status controller help" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand fed; and not __fish_seen_subcommand_from plan apply status controller help" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and not __fish_seen_subcommand_from plan apply status controller help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and not __fish_seen_subcommand_from plan apply status controller help" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and not __fish_seen_subcommand_from plan apply status controller help" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and not __fish_seen_subcommand_from plan apply status controller help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and not __fish_seen_subcommand_from plan apply status controller help" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and not __fish_seen_subcommand_from plan apply status controller help" -f -a "plan" -d 'Plan propagation with Karmada\'s PropagationPolicy/OverridePolicy semantics, offline'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and not __fish_seen_subcommand_from plan apply status controller help" -f -a "apply" -d 'Propagate to the fleet: plan, server-side apply each member\'s objects, prune, record'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and not __fish_seen_subcommand_from plan apply status controller help" -f -a "status" -d 'Per resource and member: desired, applied and ready replicas, and the last error'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and not __fish_seen_subcommand_from plan apply status controller help" -f -a "controller" -d 'Run the federation reconciler: watch the global cluster, plan and apply continuously'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and not __fish_seen_subcommand_from plan apply status controller help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from plan" -s f -l file -d 'Input files or directories (every *.yaml / *.yml inside, sorted)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from plan" -l output-dir -d 'Also write DIR/<cluster>/<kind>_<namespace>_<name>.yaml for each member object' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from plan" -s n -l namespace -d 'The namespace of namespaced objects (resources and policies) that name none, as `kubectl apply -n`' -r
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from plan" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from plan" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from plan" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from plan" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from plan" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from plan" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from apply" -s f -l file -d 'Policy and resource files or directories (every *.yaml / *.yml inside)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from apply" -s n -l namespace -d 'The namespace of namespaced objects (resources and policies) that name none, as `kubectl apply -n`' -r
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from apply" -l inventory -d 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from apply" -l global-kubeconfig -d 'Kubeconfig of the global cluster, instead of the inventory\'s' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from apply" -l backend -d 'Federation backend (default: the inventory\'s global cluster `fleet.backend`, else tcs)' -r -f -a "tcs\t'tcs\'s own engine: plans with Karmada\'s semantics and applies to each member'
karmada\t'Karmada\'s control plane (`tcs addon enable karmada`): its scheduler and controllers'"
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from apply" -l karmada-kubeconfig -d 'Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from apply" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from apply" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from apply" -l store -d 'Store the files\' policies and resource templates in the global cluster for the federation controller instead of applying them from here'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from apply" -l from-cluster -d 'Plan from the policies and templates stored in the global cluster (plus any -f files)'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from apply" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from apply" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from status" -l inventory -d 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from status" -l global-kubeconfig -d 'Kubeconfig of the global cluster, instead of the inventory\'s' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from status" -l backend -d 'Federation backend (default: the inventory\'s global cluster `fleet.backend`, else tcs)' -r -f -a "tcs\t'tcs\'s own engine: plans with Karmada\'s semantics and applies to each member'
karmada\t'Karmada\'s control plane (`tcs addon enable karmada`): its scheduler and controllers'"
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from status" -l karmada-kubeconfig -d 'Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from status" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from status" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from controller" -l inventory -d 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from controller" -l global-kubeconfig -d 'Kubeconfig of the global cluster, instead of the inventory\'s' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from controller" -l backend -d 'Federation backend (default: the inventory\'s global cluster `fleet.backend`, else tcs)' -r -f -a "tcs\t'tcs\'s own engine: plans with Karmada\'s semantics and applies to each member'
karmada\t'Karmada\'s control plane (`tcs addon enable karmada`): its scheduler and controllers'"
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from controller" -l karmada-kubeconfig -d 'Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from controller" -l identity -d 'This replica\'s name in the Lease (default: $POD_NAME, else the host name)' -r
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from controller" -l lease-duration -d 'Lease duration in seconds (the holder renews every third of it)' -r
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from controller" -l resync -d 'Reconcile at least this often, in seconds' -r
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from controller" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from controller" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from controller" -l no-leader-election -d 'Run without leader election (one replica only)'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from controller" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from controller" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from controller" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from controller" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from controller" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from help" -f -a "plan" -d 'Plan propagation with Karmada\'s PropagationPolicy/OverridePolicy semantics, offline'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Propagate to the fleet: plan, server-side apply each member\'s objects, prune, record'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from help" -f -a "status" -d 'Per resource and member: desired, applied and ready replicas, and the last error'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from help" -f -a "controller" -d 'Run the federation reconciler: watch the global cluster, plan and apply continuously'
complete -c tcs -n "__fish_tcs_using_subcommand fed; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and not __fish_seen_subcommand_from up down list help" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and not __fish_seen_subcommand_from up down list help" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and not __fish_seen_subcommand_from up down list help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and not __fish_seen_subcommand_from up down list help" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and not __fish_seen_subcommand_from up down list help" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and not __fish_seen_subcommand_from up down list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and not __fish_seen_subcommand_from up down list help" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and not __fish_seen_subcommand_from up down list help" -f -a "up" -d 'Start container hosts on this machine and install a global and business clusters on them'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and not __fish_seen_subcommand_from up down list help" -f -a "down" -d 'Remove a sandbox: its containers, network, inventory, key and state'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and not __fish_seen_subcommand_from up down list help" -f -a "list" -d 'The sandboxes on this machine: hosts and cluster health'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and not __fish_seen_subcommand_from up down list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l business -d 'Business clusters' -r
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l control-planes -d 'Control planes per cluster (several: behind a VIP on the sandbox network)' -r
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l workers -d 'Workers per business cluster' -r
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l kubernetes -d 'Kubernetes version (default: the bundle\'s)' -r
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l bundle -d 'Offline bundle to install from (default: one built from --mirror/--registry-mirror or upstream)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l mirror -d 'Where a bundle built for the sandbox downloads files from' -r
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l registry-mirror -d 'Where a bundle built for the sandbox pulls images from' -r
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l addons -d 'Addons every cluster enables, comma separated' -r
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l hosts-only -d 'Stop once the hosts run and the inventory is written'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from up" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from up" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l yes -d 'Do not ask for confirmation'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from down" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "up" -d 'Start container hosts on this machine and install a global and business clusters on them'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "down" -d 'Remove a sandbox: its containers, network, inventory, key and state'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "list" -d 'The sandboxes on this machine: hosts and cluster health'
complete -c tcs -n "__fish_tcs_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and not __fish_seen_subcommand_from validate schema help" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and not __fish_seen_subcommand_from validate schema help" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and not __fish_seen_subcommand_from validate schema help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and not __fish_seen_subcommand_from validate schema help" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and not __fish_seen_subcommand_from validate schema help" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and not __fish_seen_subcommand_from validate schema help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and not __fish_seen_subcommand_from validate schema help" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and not __fish_seen_subcommand_from validate schema help" -f -a "validate" -d 'Check inventory files and report every problem with file:line:column, field and hint'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and not __fish_seen_subcommand_from validate schema help" -f -a "schema" -d 'Print the inventory\'s JSON Schema, for editor completion and checks'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and not __fish_seen_subcommand_from validate schema help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from validate" -s f -l file -d 'Inventory file(s)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from validate" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from validate" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from validate" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from validate" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from validate" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from schema" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from schema" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from schema" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from schema" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from schema" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from schema" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Check inventory files and report every problem with file:line:column, field and hint'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from help" -f -a "schema" -d 'Print the inventory\'s JSON Schema, for editor completion and checks'
complete -c tcs -n "__fish_tcs_using_subcommand inventory; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand completions" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand completions" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand completions" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand completions" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand completions" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand completions" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand man" -l out-dir -d 'Write `tcs.1` and one page per subcommand into this directory instead of printing' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand man" -s o -l output -d 'Output format for results' -r -f -a "table\t'Aligned text for people'
json\t'JSON for scripts'
yaml\t'YAML for scripts and GitOps'"
complete -c tcs -n "__fish_tcs_using_subcommand man" -l state-dir -d 'State directory (default: `.tcs/<inventory name>/` beside the inventory)' -r -F
complete -c tcs -n "__fish_tcs_using_subcommand man" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c tcs -n "__fish_tcs_using_subcommand man" -s q -l quiet -d 'Only errors on stderr'
complete -c tcs -n "__fish_tcs_using_subcommand man" -l no-color -d 'No colours (also when NO_COLOR is set)'
complete -c tcs -n "__fish_tcs_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcs -n "__fish_tcs_using_subcommand man" -s V -l version -d 'Print version'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "init" -d 'Write a new inventory, asking on a terminal or from flags'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "exec" -d 'Run a shell command on many hosts'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "check" -d 'Run every preflight check on every host: one table for all'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "plan" -d 'Show what install (or, with --upgrade, an upgrade) would do on each host, from read-only checks'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "install" -d 'Install the inventory\'s clusters (phases: see --list-phases)'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "bundle" -d 'Build, verify and inspect offline bundles'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "cluster" -d 'The fleet\'s clusters: list with health, admin kubeconfigs, join, unjoin, upgrade, tear down'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "node" -d 'Add hosts to running clusters, or take them out'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "certs" -d 'Certificates on the hosts: expiry and issuers, renewal'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "etcd" -d 'Back up and restore a cluster\'s etcd'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "addon" -d 'Addons (load balancer, vGPU, colocation, monitoring, logging, federation): render, enable, status'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "fed" -d 'Federate clusters with Karmada\'s policy API'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "sandbox" -d 'A global and business clusters on this machine, on container hosts: up, down, list'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "inventory" -d 'Check inventories and print their schema'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "man" -d 'Print the man page (roff), or write one per command into a directory'
complete -c tcs -n "__fish_tcs_using_subcommand help; and not __fish_seen_subcommand_from init exec check plan install bundle cluster node certs etcd addon fed sandbox inventory completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from bundle" -f -a "verify" -d 'Check every file of a bundle against the sha256 and size in its bundle.yaml'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from bundle" -f -a "inspect" -d 'Print what a bundle carries: versions and files'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from bundle" -f -a "build" -d 'Build an offline bundle: pinned binaries, CNI manifest and images, all verified'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "list" -d 'The inventory\'s clusters with their endpoint and live health'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "kubeconfig" -d 'Print a cluster\'s admin kubeconfig, or merge it into your kubeconfig'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "reset" -d 'Tear a cluster down: every host back to a prepared machine (containerd stays)'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "join" -d 'Add a cluster to the fleet (any reachable cluster, a managed cloud cluster too)'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "upgrade" -d 'Move a cluster (or the fleet, --all) to the next Kubernetes release, node by node'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "unjoin" -d 'Remove a cluster from the fleet'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "add" -d 'Install a host the inventory adds to a running cluster (worker, control plane or etcd)'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "remove" -d 'Take a host out of its cluster: drain, delete, leave etcd, reset the host'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from certs" -f -a "check" -d 'List every certificate on every host with its expiry'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from certs" -f -a "renew" -d 'Renew every certificate of a cluster with a rolling restart'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from etcd" -f -a "backup" -d 'Snapshot a cluster\'s etcd into the state directory (with its sha256)'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from etcd" -f -a "restore" -d 'Restore a cluster\'s etcd from a snapshot made by `tcs etcd backup`'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from addon" -f -a "list" -d 'The addon catalog, and which clusters of an inventory enable what'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from addon" -f -a "render" -d 'Render an addon for a cluster: YAML on stdout, for review and GitOps'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from addon" -f -a "enable" -d 'Install or upgrade addons in a cluster (server-side apply, prune, health checks)'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from addon" -f -a "disable" -d 'Remove an addon from a cluster (its CRDs stay unless --purge-crds)'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from addon" -f -a "status" -d 'Enabled addons of a cluster: version, objects, health'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from fed" -f -a "plan" -d 'Plan propagation with Karmada\'s PropagationPolicy/OverridePolicy semantics, offline'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from fed" -f -a "apply" -d 'Propagate to the fleet: plan, server-side apply each member\'s objects, prune, record'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from fed" -f -a "status" -d 'Per resource and member: desired, applied and ready replicas, and the last error'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from fed" -f -a "controller" -d 'Run the federation reconciler: watch the global cluster, plan and apply continuously'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "up" -d 'Start container hosts on this machine and install a global and business clusters on them'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "down" -d 'Remove a sandbox: its containers, network, inventory, key and state'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "list" -d 'The sandboxes on this machine: hosts and cluster health'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from inventory" -f -a "validate" -d 'Check inventory files and report every problem with file:line:column, field and hint'
complete -c tcs -n "__fish_tcs_using_subcommand help; and __fish_seen_subcommand_from inventory" -f -a "schema" -d 'Print the inventory\'s JSON Schema, for editor completion and checks'
