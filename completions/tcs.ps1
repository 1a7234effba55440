
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'tcs' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'tcs'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'tcs' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a new inventory, asking on a terminal or from flags')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a shell command on many hosts')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Run every preflight check on every host: one table for all')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what install (or, with --upgrade, an upgrade) would do on each host, from read-only checks')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install the inventory''s clusters (phases: see --list-phases)')
            [CompletionResult]::new('bundle', 'bundle', [CompletionResultType]::ParameterValue, 'Build, verify and inspect offline bundles')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'The fleet''s clusters: list with health, admin kubeconfigs, join, unjoin, upgrade, tear down')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'Add hosts to running clusters, or take them out')
            [CompletionResult]::new('certs', 'certs', [CompletionResultType]::ParameterValue, 'Certificates on the hosts: expiry and issuers, renewal')
            [CompletionResult]::new('etcd', 'etcd', [CompletionResultType]::ParameterValue, 'Back up and restore a cluster''s etcd')
            [CompletionResult]::new('addon', 'addon', [CompletionResultType]::ParameterValue, 'Addons (load balancer, vGPU, colocation, monitoring, logging, federation): render, enable, status')
            [CompletionResult]::new('fed', 'fed', [CompletionResultType]::ParameterValue, 'Federate clusters with Karmada''s policy API')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'A global and business clusters on this machine, on container hosts: up, down, list')
            [CompletionResult]::new('inventory', 'inventory', [CompletionResultType]::ParameterValue, 'Check inventories and print their schema')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), or write one per command into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;init' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Where to write the inventory')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Where to write the inventory')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Inventory and cluster name (a DNS label)')
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Hosts: NAME=ADDRESS pairs, or bare addresses named node1, node2, ...')
            [CompletionResult]::new('--control-plane', '--control-plane', [CompletionResultType]::ParameterName, 'Control-plane host names (default: the first host, or the first three with --vip)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'SSH login user')
            [CompletionResult]::new('--identity-file', '--identity-file', [CompletionResultType]::ParameterName, 'SSH private key')
            [CompletionResult]::new('--vip', '--vip', [CompletionResultType]::ParameterName, 'Virtual IP for the API server (needed with several control-plane hosts)')
            [CompletionResult]::new('--kubernetes-version', '--kubernetes-version', [CompletionResultType]::ParameterName, 'Kubernetes version')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing file')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;exec' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Hosts worked on at once')
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Host names or glob patterns, comma separated (e.g. `g*,w1`)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Only the hosts of this cluster')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Only hosts with this role')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Kill the command after this many seconds')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--accept-new-host-keys', '--accept-new-host-keys', [CompletionResultType]::ParameterName, 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)')
            [CompletionResult]::new('--sudo', '--sudo', [CompletionResultType]::ParameterName, 'Run as root (sudo or doas when the login user is not root)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;check' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Hosts worked on at once')
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Host names or glob patterns, comma separated (e.g. `g*,w1`)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Only the hosts of this cluster')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Only hosts with this role')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--accept-new-host-keys', '--accept-new-host-keys', [CompletionResultType]::ParameterName, 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)')
            [CompletionResult]::new('--no-mesh', '--no-mesh', [CompletionResultType]::ParameterName, 'Skip the cross-host port mesh (it opens temporary listeners on the hosts)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;plan' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Hosts worked on at once')
            [CompletionResult]::new('--only-cluster', '--only-cluster', [CompletionResultType]::ParameterName, 'Only this cluster')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Plan up to this phase')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Also write the plan to FILE, for `tcs install --plan-file FILE`')
            [CompletionResult]::new('--upgrade', '--upgrade', [CompletionResultType]::ParameterName, 'Plan `tcs cluster upgrade CLUSTER` instead: its preconditions and every host''s steps')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'With --upgrade: the target release (default: the inventory''s version)')
            [CompletionResult]::new('--bundle', '--bundle', [CompletionResultType]::ParameterName, 'With --upgrade: the target''s bundle (default: the inventory''s spec.bundle)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--accept-new-host-keys', '--accept-new-host-keys', [CompletionResultType]::ParameterName, 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;install' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Hosts worked on at once')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Stop after this phase')
            [CompletionResult]::new('--only-cluster', '--only-cluster', [CompletionResultType]::ParameterName, 'Only this cluster')
            [CompletionResult]::new('--plan-file', '--plan-file', [CompletionResultType]::ParameterName, 'Run only if the hosts are exactly as this saved plan (`tcs plan --out`) found them')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--accept-new-host-keys', '--accept-new-host-keys', [CompletionResultType]::ParameterName, 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Continue the last, interrupted run: the steps it finished with the same inputs are not checked again (faster on big fleets); everything else runs as usual. Without it every step is checked on every host, so any run also converges what an interrupted one left')
            [CompletionResult]::new('--list-phases', '--list-phases', [CompletionResultType]::ParameterName, 'Print the phases and their steps, then exit')
            [CompletionResult]::new('--no-relay', '--no-relay', [CompletionResultType]::ParameterName, 'Send every bundle file from this machine instead of letting hosts copy from each other')
            [CompletionResult]::new('--skip-addons', '--skip-addons', [CompletionResultType]::ParameterName, 'Do not enable the inventory''s addons after the network phase')
            [CompletionResult]::new('--skip-join', '--skip-join', [CompletionResultType]::ParameterName, 'Do not join the business clusters to the global cluster''s fleet')
            [CompletionResult]::new('--timings', '--timings', [CompletionResultType]::ParameterName, 'After the summary, where the time went: per cluster and phase, and the slowest steps')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;bundle' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every file of a bundle against the sha256 and size in its bundle.yaml')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Print what a bundle carries: versions and files')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build an offline bundle: pinned binaries, CNI manifest and images, all verified')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;bundle;verify' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;bundle;inspect' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;bundle;build' {
            [CompletionResult]::new('--kubernetes', '--kubernetes', [CompletionResultType]::ParameterName, 'Kubernetes release the bundle is for')
            [CompletionResult]::new('--arch', '--arch', [CompletionResultType]::ParameterName, 'Architectures, comma-separated')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Bundle directory to write (must be new, empty, or an earlier bundle to replace)')
            [CompletionResult]::new('--component-version', '--component-version', [CompletionResultType]::ParameterName, 'Carry another version of a component than the pinned one (repeatable): containerd, runc, crictl, cni-plugins, etcd, kube-vip')
            [CompletionResult]::new('--mirror', '--mirror', [CompletionResultType]::ParameterName, 'Download files from this mirror (file:///path, a path, or http(s)://) instead of upstream')
            [CompletionResult]::new('--registry-mirror', '--registry-mirror', [CompletionResultType]::ParameterName, 'Pull images through this registry mirror (http://host:port for a plain-HTTP registry)')
            [CompletionResult]::new('--cni', '--cni', [CompletionResultType]::ParameterName, 'Pod network plugins to carry, comma-separated')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Another image to carry (repeatable), e.g. an addon''s or the site''s own')
            [CompletionResult]::new('--addon', '--addon', [CompletionResultType]::ParameterName, 'Carry an addon (repeatable, or comma-separated; `all` for the whole catalog): its pinned upstream files and every image its default render runs')
            [CompletionResult]::new('--image-archive', '--image-archive', [CompletionResultType]::ParameterName, 'An image built on this machine to carry (repeatable): a `docker save` archive, such as tcs''s own from scripts/build-tcs-image (the federation addon runs it)')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Parallel downloads and pulls')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;bundle;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every file of a bundle against the sha256 and size in its bundle.yaml')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Print what a bundle carries: versions and files')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build an offline bundle: pinned binaries, CNI manifest and images, all verified')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;bundle;help;verify' {
            break
        }
        'tcs;bundle;help;inspect' {
            break
        }
        'tcs;bundle;help;build' {
            break
        }
        'tcs;bundle;help;help' {
            break
        }
        'tcs;cluster' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The inventory''s clusters with their endpoint and live health')
            [CompletionResult]::new('kubeconfig', 'kubeconfig', [CompletionResultType]::ParameterValue, 'Print a cluster''s admin kubeconfig, or merge it into your kubeconfig')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Tear a cluster down: every host back to a prepared machine (containerd stays)')
            [CompletionResult]::new('join', 'join', [CompletionResultType]::ParameterValue, 'Add a cluster to the fleet (any reachable cluster, a managed cloud cluster too)')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Move a cluster (or the fleet, --all) to the next Kubernetes release, node by node')
            [CompletionResult]::new('unjoin', 'unjoin', [CompletionResultType]::ParameterValue, 'Remove a cluster from the fleet')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;cluster;list' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each API server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;cluster;kubeconfig' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'Merge into $KUBECONFIG or ~/.kube/config instead of printing')
            [CompletionResult]::new('--use', '--use', [CompletionResultType]::ParameterName, 'With --merge: make it the current context')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;cluster;reset' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Hosts worked on at once')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--accept-new-host-keys', '--accept-new-host-keys', [CompletionResultType]::ParameterName, 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;cluster;join' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'The member''s kubeconfig (any user allowed to create a namespace, a ServiceAccount, a Secret and a ClusterRoleBinding there; it is used once and not stored)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context of that kubeconfig (default: its current context)')
            [CompletionResult]::new('--labels', '--labels', [CompletionResultType]::ParameterName, 'Labels of the fleet entry, k=v,... (PropagationPolicies select on them)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Provider')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region')
            [CompletionResult]::new('--zones', '--zones', [CompletionResultType]::ParameterName, 'Zones, comma-separated')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'With the karmada backend: push (Karmada reaches the member) or pull (karmada-agent in the member reaches Karmada; for members that only dial out)')
            [CompletionResult]::new('--agent-image', '--agent-image', [CompletionResultType]::ParameterName, 'With --mode pull: karmada-agent''s image (default: the karmada addon''s pin)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet')
            [CompletionResult]::new('--global-kubeconfig', '--global-kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig of the global cluster, instead of the inventory''s')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'Federation backend (default: the inventory''s global cluster `fleet.backend`, else tcs)')
            [CompletionResult]::new('--karmada-kubeconfig', '--karmada-kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;cluster;upgrade' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The target release (default: the inventory''s version of the cluster)')
            [CompletionResult]::new('--bundle', '--bundle', [CompletionResultType]::ParameterName, 'The target release''s bundle (default: the inventory''s spec.bundle)')
            [CompletionResult]::new('--max-unavailable', '--max-unavailable', [CompletionResultType]::ParameterName, 'Workers upgraded at once')
            [CompletionResult]::new('--wave-size', '--wave-size', [CompletionResultType]::ParameterName, 'With --all: business clusters upgraded at once')
            [CompletionResult]::new('--drain-timeout', '--drain-timeout', [CompletionResultType]::ParameterName, 'Seconds a node''s drain may take before the upgrade stops and names what blocks')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Hosts worked on at once')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every cluster of the inventory: business clusters in waves, then the global cluster')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Continue the last, interrupted run')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--accept-new-host-keys', '--accept-new-host-keys', [CompletionResultType]::ParameterName, 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;cluster;unjoin' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'The member''s kubeconfig: with the karmada backend, a pull-mode member''s karmada-agent is removed through it')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet')
            [CompletionResult]::new('--global-kubeconfig', '--global-kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig of the global cluster, instead of the inventory''s')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'Federation backend (default: the inventory''s global cluster `fleet.backend`, else tcs)')
            [CompletionResult]::new('--karmada-kubeconfig', '--karmada-kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also delete what federation propagated to the member')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;cluster;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The inventory''s clusters with their endpoint and live health')
            [CompletionResult]::new('kubeconfig', 'kubeconfig', [CompletionResultType]::ParameterValue, 'Print a cluster''s admin kubeconfig, or merge it into your kubeconfig')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Tear a cluster down: every host back to a prepared machine (containerd stays)')
            [CompletionResult]::new('join', 'join', [CompletionResultType]::ParameterValue, 'Add a cluster to the fleet (any reachable cluster, a managed cloud cluster too)')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Move a cluster (or the fleet, --all) to the next Kubernetes release, node by node')
            [CompletionResult]::new('unjoin', 'unjoin', [CompletionResultType]::ParameterValue, 'Remove a cluster from the fleet')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;cluster;help;list' {
            break
        }
        'tcs;cluster;help;kubeconfig' {
            break
        }
        'tcs;cluster;help;reset' {
            break
        }
        'tcs;cluster;help;join' {
            break
        }
        'tcs;cluster;help;upgrade' {
            break
        }
        'tcs;cluster;help;unjoin' {
            break
        }
        'tcs;cluster;help;help' {
            break
        }
        'tcs;node' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Install a host the inventory adds to a running cluster (worker, control plane or etcd)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take a host out of its cluster: drain, delete, leave etcd, reset the host')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;node;add' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Hosts worked on at once')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Stop after this phase')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--accept-new-host-keys', '--accept-new-host-keys', [CompletionResultType]::ParameterName, 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;node;remove' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Hosts worked on at once')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--accept-new-host-keys', '--accept-new-host-keys', [CompletionResultType]::ParameterName, 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;node;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Install a host the inventory adds to a running cluster (worker, control plane or etcd)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take a host out of its cluster: drain, delete, leave etcd, reset the host')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;node;help;add' {
            break
        }
        'tcs;node;help;remove' {
            break
        }
        'tcs;node;help;help' {
            break
        }
        'tcs;certs' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'List every certificate on every host with its expiry')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Renew every certificate of a cluster with a rolling restart')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;certs;check' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Hosts worked on at once')
            [CompletionResult]::new('--hosts', '--hosts', [CompletionResultType]::ParameterName, 'Host names or glob patterns, comma separated (e.g. `g*,w1`)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Only the hosts of this cluster')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Only hosts with this role')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--accept-new-host-keys', '--accept-new-host-keys', [CompletionResultType]::ParameterName, 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;certs;renew' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Hosts worked on at once')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The cluster')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--accept-new-host-keys', '--accept-new-host-keys', [CompletionResultType]::ParameterName, 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;certs;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'List every certificate on every host with its expiry')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Renew every certificate of a cluster with a rolling restart')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;certs;help;check' {
            break
        }
        'tcs;certs;help;renew' {
            break
        }
        'tcs;certs;help;help' {
            break
        }
        'tcs;etcd' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Snapshot a cluster''s etcd into the state directory (with its sha256)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore a cluster''s etcd from a snapshot made by `tcs etcd backup`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;etcd;backup' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Hosts worked on at once')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster whose etcd to snapshot')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Directory for the snapshot (default: <state dir>/backups/<cluster>)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--accept-new-host-keys', '--accept-new-host-keys', [CompletionResultType]::ParameterName, 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;etcd;restore' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Hosts worked on at once')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster whose etcd to restore')
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'The snapshot file')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--accept-new-host-keys', '--accept-new-host-keys', [CompletionResultType]::ParameterName, 'Trust unknown host keys on first use and record them in known_hosts (a changed key is still refused)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;etcd;help' {
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Snapshot a cluster''s etcd into the state directory (with its sha256)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore a cluster''s etcd from a snapshot made by `tcs etcd backup`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;etcd;help;backup' {
            break
        }
        'tcs;etcd;help;restore' {
            break
        }
        'tcs;etcd;help;help' {
            break
        }
        'tcs;addon' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The addon catalog, and which clusters of an inventory enable what')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Render an addon for a cluster: YAML on stdout, for review and GitOps')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Install or upgrade addons in a cluster (server-side apply, prune, health checks)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Remove an addon from a cluster (its CRDs stay unless --purge-crds)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Enabled addons of a cluster: version, objects, health')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;addon;list' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file (adds which clusters enable each addon)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file (adds which clusters enable each addon)')
            [CompletionResult]::new('--addons-dir', '--addons-dir', [CompletionResultType]::ParameterName, 'Catalog source')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;addon;render' {
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster of the inventory to render for')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'A YAML file of values (repeatable; later files win)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'One value, KEY=VALUE with a dotted key (repeatable; wins over --values)')
            [CompletionResult]::new('--addons-dir', '--addons-dir', [CompletionResultType]::ParameterName, 'A directory of addons to use instead of the built-in catalog')
            [CompletionResult]::new('--bundle', '--bundle', [CompletionResultType]::ParameterName, 'Offline bundle (directory or tar) holding the addons'' upstream files (default: the inventory''s spec.bundle)')
            [CompletionResult]::new('--mirror', '--mirror', [CompletionResultType]::ParameterName, 'Where to download upstream files the bundle does not have: a directory or URL laid out as <host>/<path> (default: the upstream URLs)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--images', '--images', [CompletionResultType]::ParameterName, 'Print the images the render runs instead of the objects')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;addon;enable' {
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster of the inventory')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig to use instead of the one tcs keeps for the cluster')
            [CompletionResult]::new('--values', '--values', [CompletionResultType]::ParameterName, 'A YAML file of values (repeatable; later files win)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'One value, KEY=VALUE with a dotted key (repeatable; wins over --values)')
            [CompletionResult]::new('--addons-dir', '--addons-dir', [CompletionResultType]::ParameterName, 'A directory of addons to use instead of the built-in catalog')
            [CompletionResult]::new('--bundle', '--bundle', [CompletionResultType]::ParameterName, 'Offline bundle (directory or tar) holding the addons'' upstream files (default: the inventory''s spec.bundle)')
            [CompletionResult]::new('--mirror', '--mirror', [CompletionResultType]::ParameterName, 'Where to download upstream files the bundle does not have: a directory or URL laid out as <host>/<path> (default: the upstream URLs)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each group of objects and each health check')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;addon;disable' {
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster of the inventory')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig to use instead of the one tcs keeps for the cluster')
            [CompletionResult]::new('--addons-dir', '--addons-dir', [CompletionResultType]::ParameterName, 'Catalog source')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--purge-crds', '--purge-crds', [CompletionResultType]::ParameterName, 'Also delete the addon''s CRDs, and with them every object of their kinds in the cluster')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;addon;status' {
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster of the inventory')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig to use instead of the one tcs keeps for the cluster')
            [CompletionResult]::new('--addons-dir', '--addons-dir', [CompletionResultType]::ParameterName, 'Catalog source')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;addon;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The addon catalog, and which clusters of an inventory enable what')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Render an addon for a cluster: YAML on stdout, for review and GitOps')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Install or upgrade addons in a cluster (server-side apply, prune, health checks)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Remove an addon from a cluster (its CRDs stay unless --purge-crds)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Enabled addons of a cluster: version, objects, health')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;addon;help;list' {
            break
        }
        'tcs;addon;help;render' {
            break
        }
        'tcs;addon;help;enable' {
            break
        }
        'tcs;addon;help;disable' {
            break
        }
        'tcs;addon;help;status' {
            break
        }
        'tcs;addon;help;help' {
            break
        }
        'tcs;fed' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Plan propagation with Karmada''s PropagationPolicy/OverridePolicy semantics, offline')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Propagate to the fleet: plan, server-side apply each member''s objects, prune, record')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Per resource and member: desired, applied and ready replicas, and the last error')
            [CompletionResult]::new('controller', 'controller', [CompletionResultType]::ParameterValue, 'Run the federation reconciler: watch the global cluster, plan and apply continuously')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;fed;plan' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Input files or directories (every *.yaml / *.yml inside, sorted)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Input files or directories (every *.yaml / *.yml inside, sorted)')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Also write DIR/<cluster>/<kind>_<namespace>_<name>.yaml for each member object')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of namespaced objects (resources and policies) that name none, as `kubectl apply -n`')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of namespaced objects (resources and policies) that name none, as `kubectl apply -n`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;fed;apply' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Policy and resource files or directories (every *.yaml / *.yml inside)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Policy and resource files or directories (every *.yaml / *.yml inside)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of namespaced objects (resources and policies) that name none, as `kubectl apply -n`')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of namespaced objects (resources and policies) that name none, as `kubectl apply -n`')
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet')
            [CompletionResult]::new('--global-kubeconfig', '--global-kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig of the global cluster, instead of the inventory''s')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'Federation backend (default: the inventory''s global cluster `fleet.backend`, else tcs)')
            [CompletionResult]::new('--karmada-kubeconfig', '--karmada-kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Store the files'' policies and resource templates in the global cluster for the federation controller instead of applying them from here')
            [CompletionResult]::new('--from-cluster', '--from-cluster', [CompletionResultType]::ParameterName, 'Plan from the policies and templates stored in the global cluster (plus any -f files)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;fed;status' {
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet')
            [CompletionResult]::new('--global-kubeconfig', '--global-kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig of the global cluster, instead of the inventory''s')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'Federation backend (default: the inventory''s global cluster `fleet.backend`, else tcs)')
            [CompletionResult]::new('--karmada-kubeconfig', '--karmada-kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;fed;controller' {
            [CompletionResult]::new('--inventory', '--inventory', [CompletionResultType]::ParameterName, 'Inventory file: its global cluster (kubeconfig in the state directory) holds the fleet')
            [CompletionResult]::new('--global-kubeconfig', '--global-kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig of the global cluster, instead of the inventory''s')
            [CompletionResult]::new('--backend', '--backend', [CompletionResultType]::ParameterName, 'Federation backend (default: the inventory''s global cluster `fleet.backend`, else tcs)')
            [CompletionResult]::new('--karmada-kubeconfig', '--karmada-kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig of karmada-apiserver, instead of the one tcs keeps (with the karmada backend)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'This replica''s name in the Lease (default: $POD_NAME, else the host name)')
            [CompletionResult]::new('--lease-duration', '--lease-duration', [CompletionResultType]::ParameterName, 'Lease duration in seconds (the holder renews every third of it)')
            [CompletionResult]::new('--resync', '--resync', [CompletionResultType]::ParameterName, 'Reconcile at least this often, in seconds')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--no-leader-election', '--no-leader-election', [CompletionResultType]::ParameterName, 'Run without leader election (one replica only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;fed;help' {
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Plan propagation with Karmada''s PropagationPolicy/OverridePolicy semantics, offline')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Propagate to the fleet: plan, server-side apply each member''s objects, prune, record')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Per resource and member: desired, applied and ready replicas, and the last error')
            [CompletionResult]::new('controller', 'controller', [CompletionResultType]::ParameterValue, 'Run the federation reconciler: watch the global cluster, plan and apply continuously')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;fed;help;plan' {
            break
        }
        'tcs;fed;help;apply' {
            break
        }
        'tcs;fed;help;status' {
            break
        }
        'tcs;fed;help;controller' {
            break
        }
        'tcs;fed;help;help' {
            break
        }
        'tcs;sandbox' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start container hosts on this machine and install a global and business clusters on them')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Remove a sandbox: its containers, network, inventory, key and state')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The sandboxes on this machine: hosts and cluster health')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;sandbox;up' {
            [CompletionResult]::new('--business', '--business', [CompletionResultType]::ParameterName, 'Business clusters')
            [CompletionResult]::new('--control-planes', '--control-planes', [CompletionResultType]::ParameterName, 'Control planes per cluster (several: behind a VIP on the sandbox network)')
            [CompletionResult]::new('--workers', '--workers', [CompletionResultType]::ParameterName, 'Workers per business cluster')
            [CompletionResult]::new('--kubernetes', '--kubernetes', [CompletionResultType]::ParameterName, 'Kubernetes version (default: the bundle''s)')
            [CompletionResult]::new('--bundle', '--bundle', [CompletionResultType]::ParameterName, 'Offline bundle to install from (default: one built from --mirror/--registry-mirror or upstream)')
            [CompletionResult]::new('--mirror', '--mirror', [CompletionResultType]::ParameterName, 'Where a bundle built for the sandbox downloads files from')
            [CompletionResult]::new('--registry-mirror', '--registry-mirror', [CompletionResultType]::ParameterName, 'Where a bundle built for the sandbox pulls images from')
            [CompletionResult]::new('--addons', '--addons', [CompletionResultType]::ParameterName, 'Addons every cluster enables, comma separated')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--hosts-only', '--hosts-only', [CompletionResultType]::ParameterName, 'Stop once the hosts run and the inventory is written')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;sandbox;down' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;sandbox;list' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;sandbox;help' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start container hosts on this machine and install a global and business clusters on them')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Remove a sandbox: its containers, network, inventory, key and state')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The sandboxes on this machine: hosts and cluster health')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;sandbox;help;up' {
            break
        }
        'tcs;sandbox;help;down' {
            break
        }
        'tcs;sandbox;help;list' {
            break
        }
        'tcs;sandbox;help;help' {
            break
        }
        'tcs;inventory' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check inventory files and report every problem with file:line:column, field and hint')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the inventory''s JSON Schema, for editor completion and checks')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;inventory;validate' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Inventory file(s)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Inventory file(s)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;inventory;schema' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;inventory;help' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check inventory files and report every problem with file:line:column, field and hint')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the inventory''s JSON Schema, for editor completion and checks')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;inventory;help;validate' {
            break
        }
        'tcs;inventory;help;schema' {
            break
        }
        'tcs;inventory;help;help' {
            break
        }
        'tcs;completions' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;man' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write `tcs.1` and one page per subcommand into this directory instead of printing')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'State directory (default: `.tcs/<inventory name>/` beside the inventory)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'No colours (also when NO_COLOR is set)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcs;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a new inventory, asking on a terminal or from flags')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a shell command on many hosts')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Run every preflight check on every host: one table for all')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what install (or, with --upgrade, an upgrade) would do on each host, from read-only checks')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install the inventory''s clusters (phases: see --list-phases)')
            [CompletionResult]::new('bundle', 'bundle', [CompletionResultType]::ParameterValue, 'Build, verify and inspect offline bundles')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'The fleet''s clusters: list with health, admin kubeconfigs, join, unjoin, upgrade, tear down')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'Add hosts to running clusters, or take them out')
            [CompletionResult]::new('certs', 'certs', [CompletionResultType]::ParameterValue, 'Certificates on the hosts: expiry and issuers, renewal')
            [CompletionResult]::new('etcd', 'etcd', [CompletionResultType]::ParameterValue, 'Back up and restore a cluster''s etcd')
            [CompletionResult]::new('addon', 'addon', [CompletionResultType]::ParameterValue, 'Addons (load balancer, vGPU, colocation, monitoring, logging, federation): render, enable, status')
            [CompletionResult]::new('fed', 'fed', [CompletionResultType]::ParameterValue, 'Federate clusters with Karmada''s policy API')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'A global and business clusters on this machine, on container hosts: up, down, list')
            [CompletionResult]::new('inventory', 'inventory', [CompletionResultType]::ParameterValue, 'Check inventories and print their schema')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), or write one per command into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcs;help;init' {
            break
        }
        'tcs;help;exec' {
            break
        }
        'tcs;help;check' {
            break
        }
        'tcs;help;plan' {
            break
        }
        'tcs;help;install' {
            break
        }
        'tcs;help;bundle' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every file of a bundle against the sha256 and size in its bundle.yaml')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Print what a bundle carries: versions and files')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build an offline bundle: pinned binaries, CNI manifest and images, all verified')
            break
        }
        'tcs;help;bundle;verify' {
            break
        }
        'tcs;help;bundle;inspect' {
            break
        }
        'tcs;help;bundle;build' {
            break
        }
        'tcs;help;cluster' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The inventory''s clusters with their endpoint and live health')
            [CompletionResult]::new('kubeconfig', 'kubeconfig', [CompletionResultType]::ParameterValue, 'Print a cluster''s admin kubeconfig, or merge it into your kubeconfig')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Tear a cluster down: every host back to a prepared machine (containerd stays)')
            [CompletionResult]::new('join', 'join', [CompletionResultType]::ParameterValue, 'Add a cluster to the fleet (any reachable cluster, a managed cloud cluster too)')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Move a cluster (or the fleet, --all) to the next Kubernetes release, node by node')
            [CompletionResult]::new('unjoin', 'unjoin', [CompletionResultType]::ParameterValue, 'Remove a cluster from the fleet')
            break
        }
        'tcs;help;cluster;list' {
            break
        }
        'tcs;help;cluster;kubeconfig' {
            break
        }
        'tcs;help;cluster;reset' {
            break
        }
        'tcs;help;cluster;join' {
            break
        }
        'tcs;help;cluster;upgrade' {
            break
        }
        'tcs;help;cluster;unjoin' {
            break
        }
        'tcs;help;node' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Install a host the inventory adds to a running cluster (worker, control plane or etcd)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take a host out of its cluster: drain, delete, leave etcd, reset the host')
            break
        }
        'tcs;help;node;add' {
            break
        }
        'tcs;help;node;remove' {
            break
        }
        'tcs;help;certs' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'List every certificate on every host with its expiry')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Renew every certificate of a cluster with a rolling restart')
            break
        }
        'tcs;help;certs;check' {
            break
        }
        'tcs;help;certs;renew' {
            break
        }
        'tcs;help;etcd' {
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Snapshot a cluster''s etcd into the state directory (with its sha256)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore a cluster''s etcd from a snapshot made by `tcs etcd backup`')
            break
        }
        'tcs;help;etcd;backup' {
            break
        }
        'tcs;help;etcd;restore' {
            break
        }
        'tcs;help;addon' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The addon catalog, and which clusters of an inventory enable what')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Render an addon for a cluster: YAML on stdout, for review and GitOps')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Install or upgrade addons in a cluster (server-side apply, prune, health checks)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Remove an addon from a cluster (its CRDs stay unless --purge-crds)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Enabled addons of a cluster: version, objects, health')
            break
        }
        'tcs;help;addon;list' {
            break
        }
        'tcs;help;addon;render' {
            break
        }
        'tcs;help;addon;enable' {
            break
        }
        'tcs;help;addon;disable' {
            break
        }
        'tcs;help;addon;status' {
            break
        }
        'tcs;help;fed' {
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Plan propagation with Karmada''s PropagationPolicy/OverridePolicy semantics, offline')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Propagate to the fleet: plan, server-side apply each member''s objects, prune, record')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Per resource and member: desired, applied and ready replicas, and the last error')
            [CompletionResult]::new('controller', 'controller', [CompletionResultType]::ParameterValue, 'Run the federation reconciler: watch the global cluster, plan and apply continuously')
            break
        }
        'tcs;help;fed;plan' {
            break
        }
        'tcs;help;fed;apply' {
            break
        }
        'tcs;help;fed;status' {
            break
        }
        'tcs;help;fed;controller' {
            break
        }
        'tcs;help;sandbox' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start container hosts on this machine and install a global and business clusters on them')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Remove a sandbox: its containers, network, inventory, key and state')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The sandboxes on this machine: hosts and cluster health')
            break
        }
        'tcs;help;sandbox;up' {
            break
        }
        'tcs;help;sandbox;down' {
            break
        }
        'tcs;help;sandbox;list' {
            break
        }
        'tcs;help;inventory' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check inventory files and report every problem with file:line:column, field and hint')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the inventory''s JSON Schema, for editor completion and checks')
            break
        }
        'tcs;help;inventory;validate' {
            break
        }
        'tcs;help;inventory;schema' {
            break
        }
        'tcs;help;completions' {
            break
        }
        'tcs;help;man' {
            break
        }
        'tcs;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
