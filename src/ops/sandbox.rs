//! Sandboxes: a global cluster and business clusters on this machine, on container hosts that
//! run systemd, sshd, containerd and a kubelet as real machines do, installed through the same
//! path as any inventory (SSH, bundle, phases, journal) and joined into one fleet.
//!
//! A sandbox is a directory `<root>/<name>/` (root: `$TCS_SANDBOX_HOME`, else
//! `$XDG_STATE_HOME/tcs/sandboxes`, else `~/.local/state/tcs/sandboxes`) holding `sandbox.json`
//! (what was asked, and the hosts), an ordinary `inventory.yaml`, the SSH key and known_hosts
//! made for it, and the inventory's state directory `.tcs/<name>/`; its containers and network
//! carry the label `tcs.sandbox=<name>`. Every other command works on the inventory unchanged.
//!
//! The hosts are containers of the image `scripts/testhosts/build-image` makes from Debian
//! packages (built here when missing, which needs root for debootstrap), started as kind starts
//! its nodes but without `--privileged`: see [`NODE_FLAGS`].

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use super::Workspace;
use super::install::{InstallObserver, InstallOptions, InstallOutcome};

/// The host image (from Debian packages; `scripts/testhosts/build-image`).
pub const HOST_IMAGE: &str = "tcs-testhost:bookworm";
/// The label every container and network of a sandbox carries, with the sandbox's name.
pub const LABEL: &str = "tcs.sandbox";

/// `docker create` flags of a host that runs containerd and a kubelet, as kind runs its nodes
/// but without `--privileged` (which some machines refuse: a privileged container asks for
/// every capability, CAP_SYS_RESOURCE included): every capability but that one, seccomp,
/// AppArmor and the masked /proc paths off, every device allowed, a private cgroup namespace
/// made writable by the image's `tcs-node-init` before systemd starts, /dev/kmsg for the
/// kubelet, tmpfs where systemd expects it, an anonymous volume on /var (containerd's overlay
/// snapshots cannot live on the container's overlay root), SIGRTMIN+3 to stop systemd.
pub const NODE_FLAGS: &[&str] = &[
    "--cap-add=ALL",
    "--cap-drop=SYS_RESOURCE",
    "--security-opt=seccomp=unconfined",
    "--security-opt=apparmor=unconfined",
    "--security-opt=systempaths=unconfined",
    "--device-cgroup-rule=a *:* rwm",
    "--cgroupns=private",
    "--device=/dev/kmsg",
    "--tmpfs=/run",
    "--tmpfs=/run/lock",
    "--tmpfs=/tmp",
    "--volume=/var",
    "--stop-signal=SIGRTMIN+3",
    "--entrypoint=/usr/local/sbin/tcs-node-init",
];

/// What a sandbox is made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shape {
    /// Business clusters.
    pub business: usize,
    /// Control planes per cluster (several: behind a VIP on the sandbox network).
    pub control_planes: usize,
    /// Workers per business cluster.
    pub workers: usize,
    /// Kubernetes version (default: the bundle's).
    pub kubernetes: Option<String>,
    /// Addons every cluster enables.
    pub addons: Vec<String>,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            business: 1,
            control_planes: 1,
            workers: 0,
            kubernetes: None,
            addons: Vec::new(),
        }
    }
}

/// Where the bundle comes from.
#[derive(Debug, Clone, Default)]
pub struct BundleSource {
    /// An offline bundle already made (`tcs bundle build`).
    pub bundle: Option<PathBuf>,
    /// Else one is built: files from this mirror (default: upstream).
    pub mirror: Option<String>,
    /// Images from this registry mirror (default: upstream registries).
    pub registry_mirror: Option<String>,
}

/// What `tcs sandbox up` asks for.
#[derive(Debug, Clone, Default)]
pub struct UpOptions {
    /// The sandbox's name (a DNS label).
    pub name: String,
    /// Its clusters.
    pub shape: Shape,
    /// Its bundle.
    pub source: BundleSource,
    /// Stop once the hosts run and the inventory is written.
    pub hosts_only: bool,
}

/// A sandbox as recorded in its `sandbox.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sandbox {
    /// Name.
    pub name: String,
    /// Its directory.
    pub dir: PathBuf,
    /// What it is made of.
    pub shape: Shape,
    /// Its Docker network.
    pub network: String,
    /// Its hosts.
    pub hosts: Vec<SandboxHost>,
    /// The bundle its clusters install from (none yet with `--hosts-only`).
    pub bundle: Option<PathBuf>,
}

/// One container host.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SandboxHost {
    /// Inventory name and hostname.
    pub name: String,
    /// Its cluster.
    pub cluster: String,
    /// Container name.
    pub container: String,
    /// Address on the sandbox network.
    pub address: IpAddr,
}

impl Sandbox {
    /// The inventory.
    pub fn inventory(&self) -> PathBuf {
        self.dir.join("inventory.yaml")
    }

    fn record(&self) -> anyhow::Result<()> {
        let path = self.dir.join("sandbox.json");
        crate::state::write_private(&path, serde_json::to_string_pretty(self)?.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))
    }

    /// The sandbox `name` under `root`, when it exists.
    pub fn load(root: &Path, name: &str) -> anyhow::Result<Option<Sandbox>> {
        let path = root.join(name).join("sandbox.json");
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Some(serde_json::from_str(&text).with_context(|| {
                format!("{} is not a tcs sandbox record", path.display())
            })?)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }
}

/// Where sandboxes live: `$TCS_SANDBOX_HOME`, `$XDG_STATE_HOME/tcs/sandboxes` or
/// `~/.local/state/tcs/sandboxes`.
pub fn root() -> PathBuf {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    env("TCS_SANDBOX_HOME")
        .or_else(|| env("XDG_STATE_HOME").map(|d| d.join("tcs/sandboxes")))
        .or_else(|| env("HOME").map(|h| h.join(".local/state/tcs/sandboxes")))
        .unwrap_or_else(|| std::env::temp_dir().join("tcs-sandboxes"))
}

/// What an `up` made.
#[derive(Debug)]
pub struct Up {
    /// The sandbox.
    pub sandbox: Sandbox,
    /// The install, unless `--hosts-only`.
    pub install: Option<InstallOutcome>,
    /// An earlier `up` of the same sandbox was continued.
    pub resumed: bool,
    /// Each cluster's admin kubeconfig.
    pub kubeconfigs: Vec<(String, PathBuf)>,
}

impl Up {
    /// Whether the hosts run and every cluster installed and joined.
    pub fn success(&self) -> bool {
        self.install.as_ref().is_none_or(InstallOutcome::success)
    }
}

/// For scripts: the sandbox's name, inventory and each cluster's kubeconfig.
impl Serialize for Up {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let kubeconfigs: std::collections::BTreeMap<_, _> =
            self.kubeconfigs.iter().map(|(c, p)| (c, p)).collect();
        serde_json::json!({
            "name": self.sandbox.name, "inventory": self.sandbox.inventory(), "kubeconfigs": kubeconfigs,
        })
        .serialize(serializer)
    }
}

impl std::fmt::Display for Up {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = &self.sandbox;
        let inv = s.inventory();
        writeln!(
            f,
            "sandbox {}: {} on network {}",
            s.name,
            crate::text::count(s.hosts.len(), "host"),
            s.network
        )?;
        writeln!(f, "inventory: {}", inv.display())?;
        for (cluster, path) in &self.kubeconfigs {
            writeln!(f, "kubeconfig of {cluster}: {}", path.display())?;
        }
        let inv = inv.display();
        match &self.install {
            None => writeln!(
                f,
                "next: tcs check -f {inv}; tcs plan -f {inv}; tcs install -f {inv}"
            ),
            Some(_) if self.success() => {
                writeln!(f, "next:\n  tcs cluster list -f {inv}")?;
                writeln!(f, "  tcs fed plan -f examples/federation/")?;
                if let Some((_, k)) = self.kubeconfigs.first() {
                    writeln!(f, "  kubectl --kubeconfig {} get nodes", k.display())?;
                }
                writeln!(f, "  tcs sandbox down {}", s.name)
            }
            Some(_) => writeln!(
                f,
                "the install did not finish: see the summary above; `tcs sandbox up {}` again continues it",
                s.name
            ),
        }
    }
}

/// Makes the sandbox `opts` asks for, or continues the one of that name when it was asked with
/// the same shape (a different shape is refused: take it down first). Then installs its
/// clusters through [`super::install::install`], which joins the business clusters to the
/// global cluster's fleet.
pub fn up(opts: &UpOptions, observer: &dyn InstallObserver) -> anyhow::Result<Up> {
    crate::inventory::validate::dns_label(&opts.name)
        .map_err(|e| anyhow::anyhow!("sandbox name {:?}: {e}", opts.name))?;
    if opts.shape.business == 0 && opts.shape.control_planes == 0 {
        bail!("a sandbox needs at least one control plane");
    }
    docker_reachable()?;
    let root = root();
    let (mut sandbox, resumed) = match Sandbox::load(&root, &opts.name)? {
        Some(s) if s.shape != opts.shape => bail!(
            "sandbox {} exists with another shape ({}, {} and {} each); `tcs sandbox down {}` first",
            s.name,
            crate::text::count(s.shape.business, "business cluster"),
            crate::text::count(s.shape.control_planes, "control plane"),
            crate::text::count(s.shape.workers, "worker"),
            s.name
        ),
        Some(s) => {
            restart(&s)?;
            (s, true)
        }
        None => (create(&root, opts)?, false),
    };
    if opts.hosts_only {
        // A bundle given goes into the inventory, so that `tcs install` on it runs as is
        // (none is built: that is the install's part).
        if opts.source.bundle.is_some() {
            sandbox.bundle = Some(bundle(&sandbox, &opts.source)?);
            sandbox.record()?;
        }
        write_inventory(&sandbox)?;
        return Ok(Up {
            kubeconfigs: Vec::new(),
            sandbox,
            install: None,
            resumed,
        });
    }
    // A continued sandbox keeps its bundle unless another is given.
    sandbox.bundle = match (&opts.source.bundle, &sandbox.bundle) {
        (None, Some(b)) if b.exists() => Some(b.clone()),
        _ => Some(bundle(&sandbox, &opts.source)?),
    };
    sandbox.record()?;
    write_inventory(&sandbox)?;
    let ws = Workspace::open(&sandbox.inventory(), None)?;
    let install = super::install::install(&ws, &InstallOptions::default(), observer)?;
    let kubeconfigs = ws
        .loaded
        .inventory
        .spec
        .clusters
        .iter()
        .map(|c| (c.name.clone(), ws.kubeconfig_path(&c.name)))
        .filter(|(_, p)| p.exists())
        .collect();
    Ok(Up {
        sandbox,
        install: Some(install),
        resumed,
        kubeconfigs,
    })
}

/// What `down` removed.
#[derive(Debug, Serialize)]
pub struct Down {
    /// The sandbox.
    pub name: String,
    /// Containers removed.
    pub containers: usize,
    /// Its network was removed.
    pub network: bool,
    /// Its directory was removed.
    pub dir: Option<PathBuf>,
}

impl std::fmt::Display for Down {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.containers == 0 && !self.network && self.dir.is_none() {
            return writeln!(f, "sandbox {}: nothing to remove", self.name);
        }
        writeln!(
            f,
            "sandbox {} removed: {}{}{}",
            self.name,
            crate::text::count(self.containers, "container"),
            if self.network { ", its network" } else { "" },
            match &self.dir {
                Some(d) => format!(", {}", d.display()),
                None => String::new(),
            }
        )
    }
}

/// Removes the sandbox `name`: its containers (with their volumes), its network and its
/// directory (inventory, key, state). Idempotent: whatever a half-made sandbox left goes.
pub fn down(name: &str) -> anyhow::Result<Down> {
    crate::inventory::validate::dns_label(name)
        .map_err(|e| anyhow::anyhow!("sandbox name {name:?}: {e}"))?;
    docker_reachable()?;
    let filter = format!("label={LABEL}={name}");
    let containers: Vec<String> = docker(&["ps", "-aq", "--filter", &filter])?
        .split_whitespace()
        .map(str::to_string)
        .collect();
    if !containers.is_empty() {
        let mut args = vec!["rm", "-f", "-v"];
        args.extend(containers.iter().map(String::as_str));
        docker(&args)?;
    }
    let networks: Vec<String> = docker(&["network", "ls", "-q", "--filter", &filter])?
        .split_whitespace()
        .map(str::to_string)
        .collect();
    for n in &networks {
        docker(&["network", "rm", n])?;
    }
    let dir = root().join(name);
    let removed = dir.exists();
    if removed {
        std::fs::remove_dir_all(&dir)
            .with_context(|| format!("cannot remove {}", dir.display()))?;
    }
    Ok(Down {
        name: name.to_string(),
        containers: containers.len(),
        network: !networks.is_empty(),
        dir: removed.then_some(dir),
    })
}

/// One sandbox in `tcs sandbox list`.
#[derive(Debug, Serialize)]
pub struct Listed {
    /// Name.
    pub name: String,
    /// Its inventory.
    pub inventory: PathBuf,
    /// Its hosts and their containers' state.
    pub hosts: Vec<HostState>,
    /// Its clusters with their health.
    pub clusters: Vec<super::cluster::ClusterRow>,
}

/// A sandbox host's container.
#[derive(Debug, Serialize)]
pub struct HostState {
    /// Host name.
    pub name: String,
    /// running, exited, ... or missing.
    pub state: String,
}

/// Every sandbox under [`root`], with its hosts' containers and its clusters' health.
pub fn list() -> anyhow::Result<Vec<Listed>> {
    let root = root();
    let mut names: Vec<String> = match std::fs::read_dir(&root) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .filter(|e| e.path().join("sandbox.json").exists())
            .filter_map(|e| e.file_name().into_string().ok())
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    let states = docker(&[
        "ps",
        "-a",
        "--filter",
        &format!("label={LABEL}"),
        "--format",
        "{{.Names}} {{.State}}",
    ])
    .unwrap_or_default();
    let mut out = Vec::new();
    for name in names {
        let Some(s) = Sandbox::load(&root, &name)? else {
            continue;
        };
        let hosts = s
            .hosts
            .iter()
            .map(|h| {
                let state = states
                    .lines()
                    .find_map(|l| l.strip_prefix(&format!("{} ", h.container)))
                    .unwrap_or("missing");
                HostState {
                    name: h.name.clone(),
                    state: state.to_string(),
                }
            })
            .collect();
        let clusters = match Workspace::open(&s.inventory(), None) {
            Ok(ws) => super::cluster::list(&ws, Duration::from_secs(3)),
            Err(_) => Vec::new(),
        };
        out.push(Listed {
            inventory: s.inventory(),
            name,
            hosts,
            clusters,
        });
    }
    Ok(out)
}

/// Sandboxes for people: hosts and their containers, clusters and their health.
pub fn render_list(sandboxes: &[Listed]) -> String {
    if sandboxes.is_empty() {
        return "no sandboxes (tcs sandbox up makes one)\n".into();
    }
    let mut text = String::new();
    for s in sandboxes {
        text.push_str(&format!("{}  ({})\n", s.name, s.inventory.display()));
        let hosts: Vec<String> = s
            .hosts
            .iter()
            .map(|h| format!("{} {}", h.name, h.state))
            .collect();
        text.push_str(&format!("  hosts: {}\n", hosts.join(", ")));
        for c in &s.clusters {
            let fleet = c
                .fleet
                .as_ref()
                .map(|f| format!(" [{f}]"))
                .unwrap_or_default();
            text.push_str(&format!("  {} {}: {}{fleet}\n", c.role, c.name, c.health));
        }
    }
    text
}

/// Fails with what to do when no Docker engine answers.
fn docker_reachable() -> anyhow::Result<()> {
    docker(&["info", "--format", "{{.ServerVersion}}"]).map_err(|e| {
        anyhow::anyhow!(
            "a sandbox needs a reachable Docker engine, and {e:#}; start Docker (on Debian: scripts/testhosts/docker-engine)"
        )
    })?;
    Ok(())
}

/// Runs `docker args`, returning stdout; a failure names the command and says why.
fn docker(args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("docker")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .context("cannot run docker")?;
    if !out.status.success() {
        bail!(
            "docker {} failed: {}",
            args.first().copied().unwrap_or(""),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs `script` as root inside `container`.
fn exec(container: &str, script: &str) -> anyhow::Result<String> {
    docker(&["exec", container, "sh", "-c", script])
        .with_context(|| format!("on {container}: {script}"))
}

/// The cluster names and their hosts, global cluster first.
fn layout(shape: &Shape) -> Vec<(String, Vec<String>, Vec<String>)> {
    let cps = shape.control_planes.max(1);
    let mut out = vec![(
        "global".to_string(),
        (1..=cps).map(|i| format!("global-cp{i}")).collect(),
        Vec::new(),
    )];
    for b in 1..=shape.business {
        let c = format!("biz{b}");
        out.push((
            c.clone(),
            (1..=cps).map(|i| format!("{c}-cp{i}")).collect(),
            (1..=shape.workers).map(|i| format!("{c}-w{i}")).collect(),
        ));
    }
    out
}

/// Makes the network, the key and the hosts of a new sandbox, and records them.
fn create(root: &Path, opts: &UpOptions) -> anyhow::Result<Sandbox> {
    ensure_image()?;
    let dir = root.join(&opts.name);
    crate::state::StateDir::at(&dir)
        .create()
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let network = format!("tcs-sandbox-{}", opts.name);
    let label = format!("{LABEL}={}", opts.name);
    if docker(&["network", "inspect", &network]).is_err() {
        docker(&["network", "create", "--label", &label, &network])?;
    }
    write_key(&dir)?;
    let mut sandbox = Sandbox {
        name: opts.name.clone(),
        dir,
        shape: opts.shape.clone(),
        network: network.clone(),
        hosts: Vec::new(),
        bundle: None,
    };
    for (cluster, cps, workers) in layout(&opts.shape) {
        for host in cps.iter().chain(&workers) {
            sandbox.hosts.push(start_host(&sandbox, &cluster, host)?);
            // Recorded as each host starts, so `down` finds whatever a failed `up` left.
            sandbox.record()?;
        }
    }
    trust_hosts(&sandbox)?;
    Ok(sandbox)
}

/// Starts the stopped hosts of an existing sandbox (after a reboot) and checks they answer.
fn restart(s: &Sandbox) -> anyhow::Result<()> {
    for h in &s.hosts {
        let running =
            docker(&["inspect", "-f", "{{.State.Running}}", &h.container]).with_context(|| {
                format!(
                    "sandbox {} lost its host {}: `tcs sandbox down {}` and up again",
                    s.name, h.name, s.name
                )
            })?;
        if running.trim() != "true" {
            docker(&["start", &h.container])?;
        }
    }
    for h in &s.hosts {
        wait_for_ssh(h)?;
    }
    Ok(())
}

/// Builds the host image when it is missing, from the recipe tcs carries.
fn ensure_image() -> anyhow::Result<()> {
    if docker(&["image", "inspect", HOST_IMAGE]).is_ok() {
        return Ok(());
    }
    let work = tempfile::tempdir()?;
    for (name, text) in [
        (
            "build-image",
            include_str!("../../scripts/testhosts/build-image"),
        ),
        (
            "docker-engine",
            include_str!("../../scripts/testhosts/docker-engine"),
        ),
    ] {
        crate::state::write_file(&work.path().join(name), text.as_bytes(), 0o755)?;
    }
    tracing::info!("building the host image {HOST_IMAGE} from Debian packages");
    let status = Command::new(work.path().join("build-image"))
        .env("TCS_TESTHOST_IMAGE", HOST_IMAGE)
        .stdout(Stdio::null())
        .status()
        .context("cannot run the host image recipe")?;
    if !status.success() {
        bail!(
            "could not build the host image {HOST_IMAGE} from Debian packages (debootstrap needs root and a Debian mirror): run scripts/testhosts/build-image as root once"
        );
    }
    Ok(())
}

/// A fresh ed25519 key for the sandbox (0600), from the system's random source.
fn write_key(dir: &Path) -> anyhow::Result<()> {
    use ring::rand::SecureRandom;
    use russh::keys::ssh_key::{LineEnding, PrivateKey, private::Ed25519Keypair};
    let path = dir.join("id_ed25519");
    if path.exists() {
        return Ok(());
    }
    let mut seed = [0u8; 32];
    ring::rand::SystemRandom::new()
        .fill(&mut seed)
        .map_err(|_| anyhow::anyhow!("no random source for a new SSH key"))?;
    let mut key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    key.set_comment("tcs-sandbox");
    let private = key.to_openssh(LineEnding::LF)?;
    crate::state::write_private(&path, private.as_bytes())?;
    let public = key.public_key().to_openssh()? + "\n";
    crate::state::write_file(&dir.join("id_ed25519.pub"), public.as_bytes(), 0o644)?;
    Ok(())
}

/// Creates and starts one host container and lets the sandbox's key in.
fn start_host(s: &Sandbox, cluster: &str, name: &str) -> anyhow::Result<SandboxHost> {
    let container = format!("{}-{name}", s.network);
    let label = format!("{LABEL}={}", s.name);
    let _ = docker(&["rm", "-f", "-v", &container]);
    let mut args = vec![
        "create",
        "--name",
        &container,
        "--hostname",
        name,
        "--network",
        &s.network,
        "--label",
        &label,
    ];
    args.extend(NODE_FLAGS);
    args.push(HOST_IMAGE);
    docker(&args)?;
    // Every machine has its own machine-id (systemd would otherwise derive one from the VM's).
    let id_file = s.dir.join(format!(".machine-id-{name}"));
    let mut id = [0u8; 16];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut id)
        .map_err(|_| anyhow::anyhow!("no random source"))?;
    std::fs::write(&id_file, format!("{}\n", hex::encode(id)))?;
    docker(&[
        "cp",
        &id_file.to_string_lossy(),
        &format!("{container}:/etc/machine-id"),
    ])?;
    let _ = std::fs::remove_file(&id_file);
    docker(&["start", &container])?;
    let address: IpAddr = docker(&[
        "inspect",
        "-f",
        "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}",
        &container,
    ])?
    .split_whitespace()
    .next()
    .with_context(|| {
        format!("{container} has no address: did it exit at boot? (docker logs {container})")
    })?
    .parse()?;
    let public = std::fs::read_to_string(s.dir.join("id_ed25519.pub"))?;
    // Root logs in with the sandbox's key only: no passwords, the image's test user locked.
    exec(
        &container,
        &format!(
            "mkdir -p /root/.ssh && printf '%s\\n' '{}' > /root/.ssh/authorized_keys && chmod 600 /root/.ssh/authorized_keys && \
             (passwd -l tester >/dev/null 2>&1 || true) && \
             printf 'PasswordAuthentication no\\n' > /etc/ssh/sshd_config.d/00-tcs-sandbox.conf",
            public.trim()
        ),
    )?;
    let host = SandboxHost {
        name: name.to_string(),
        cluster: cluster.to_string(),
        container,
        address,
    };
    wait_for_ssh(&host)?;
    exec(&host.container, "systemctl reload ssh")?;
    Ok(host)
}

/// Waits until sshd on `h` has its host keys and answers.
fn wait_for_ssh(h: &SandboxHost) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let ready = exec(&h.container, "test -s /etc/ssh/ssh_host_ed25519_key.pub").is_ok()
            && std::net::TcpStream::connect_timeout(
                &std::net::SocketAddr::new(h.address, 22),
                Duration::from_secs(1),
            )
            .is_ok();
        if ready {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!(
                "host {} ({}) does not answer on port 22 after 90 s: see `docker logs {}`",
                h.name,
                h.address,
                h.container
            );
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// Records every host's key in the sandbox's known_hosts, read from the host itself (so the
/// first SSH connection is already verified).
fn trust_hosts(s: &Sandbox) -> anyhow::Result<()> {
    let mut lines = String::new();
    for h in &s.hosts {
        let key = exec(&h.container, "cat /etc/ssh/ssh_host_ed25519_key.pub")?;
        let key: Vec<&str> = key.split_whitespace().take(2).collect();
        lines.push_str(&format!("{} {}\n", h.address, key.join(" ")));
    }
    crate::state::write_file(&s.dir.join("known_hosts"), lines.as_bytes(), 0o644)?;
    Ok(())
}

/// The sandbox's bundle: the one given, else one built from the mirrors into the sandbox.
fn bundle(s: &Sandbox, source: &BundleSource) -> anyhow::Result<PathBuf> {
    if let Some(b) = &source.bundle {
        let b = std::path::absolute(b)?;
        if !b.exists() {
            bail!("bundle {} does not exist", b.display());
        }
        return Ok(b);
    }
    let out = s.dir.join("bundle");
    if out.join("bundle.yaml").exists() {
        return Ok(out);
    }
    let kubernetes = s
        .shape
        .kubernetes
        .clone()
        .unwrap_or_else(|| crate::inventory::DEFAULT_KUBERNETES_VERSION.to_string());
    let request = super::bundle::BuildRequest {
        kubernetes,
        archs: vec!["amd64".into()],
        out: out.clone(),
        mirror: source.mirror.clone(),
        registry_mirror: source.registry_mirror.clone(),
        cni: vec!["flannel".into()],
        addons: s.shape.addons.clone(),
        jobs: 4,
        ..Default::default()
    };
    super::bundle::build(request, &|e| tracing::info!("bundle: {e}")).map_err(|e| {
        anyhow::anyhow!(
            "{e:#}\nno bundle for the sandbox: without network, build one offline (scripts/sandbox builds the components from source and a bundle from them) and pass --bundle DIR"
        )
    })?;
    Ok(out)
}

/// What the bundle decides for the inventory: its pod network plugin (flannel when it carries
/// flannel, else calico) and its Kubernetes version.
fn bundle_carries(bundle: &Path) -> (&'static str, Option<String>) {
    let versions = crate::bundle::Bundle::open_dir(bundle)
        .map(|b| b.manifest.versions)
        .unwrap_or_default();
    let plugin = if versions.contains_key("flannel") {
        "flannel"
    } else {
        "calico"
    };
    let kubernetes = versions
        .get("kubernetes")
        .map(|v| v.trim_start_matches('v').to_string());
    (plugin, kubernetes)
}

/// Writes the sandbox's inventory: its hosts, the global cluster and the business clusters
/// (each with its own pod and service ranges, a VIP on the sandbox network when it has several
/// control planes, and fleet labels), the key and known_hosts made for it, the bundle.
fn write_inventory(s: &Sandbox) -> anyhow::Result<()> {
    let mut text = format!(
        "# Written by `tcs sandbox up {}`; `tcs sandbox down {}` removes it with its hosts.\napiVersion: tcs.io/v1alpha1\nkind: Inventory\nmetadata: {{name: {}}}\nspec:\n  ssh: {{user: root, identityFile: {}, knownHosts: {}}}\n",
        s.name,
        s.name,
        s.name,
        s.dir.join("id_ed25519").display(),
        s.dir.join("known_hosts").display()
    );
    let (plugin, version) = match &s.bundle {
        Some(b) => {
            text.push_str(&format!("  bundle: {}\n", b.display()));
            bundle_carries(b)
        }
        None => ("flannel", None),
    };
    let version = s.shape.kubernetes.clone().or(version);
    text.push_str("  hosts:\n");
    for h in &s.hosts {
        text.push_str(&format!(
            "    - {{name: {}, address: {}}}\n",
            h.name, h.address
        ));
    }
    text.push_str("  clusters:\n");
    let subnet = s.hosts.first().map(|h| h.address.to_string());
    for (i, (cluster, cps, workers)) in layout(&s.shape).into_iter().enumerate() {
        let role = if i == 0 { "global" } else { "business" };
        text.push_str(&format!("    - name: {cluster}\n      role: {role}\n"));
        let version = version
            .as_ref()
            .map(|v| format!("version: \"{v}\", "))
            .unwrap_or_default();
        text.push_str(&format!(
            "      kubernetes: {{{version}podCIDR: 10.{}.0.0/16, serviceCIDR: 10.{}.0.0/16}}\n",
            100 + i,
            200 + i
        ));
        let endpoint = match (&subnet, cps.len() > 1) {
            (Some(a), true) => {
                let net = a.rsplit_once('.').map(|(n, _)| n).unwrap_or(a);
                format!(", endpoint: {{vip: {net}.{}, port: 6443}}", 250 - i)
            }
            _ => String::new(),
        };
        text.push_str(&format!(
            "      controlPlane: {{hosts: [{}]{endpoint}}}\n",
            cps.join(", ")
        ));
        if !workers.is_empty() {
            text.push_str(&format!(
                "      workers: {{hosts: [{}]}}\n",
                workers.join(", ")
            ));
        }
        text.push_str(&format!("      network: {{plugin: {plugin}}}\n"));
        if role == "business" {
            text.push_str(&format!(
                "      federation: {{region: sandbox, labels: {{env: prod, {LABEL}: {}}}}}\n",
                s.name
            ));
        }
        if !s.shape.addons.is_empty() {
            text.push_str("      addons:\n");
            for a in &s.shape.addons {
                text.push_str(&format!("        {a}: {{enabled: true}}\n"));
            }
        }
    }
    crate::state::write_file(&s.inventory(), text.as_bytes(), 0o644)
        .with_context(|| format!("cannot write {}", s.inventory().display()))?;
    Ok(())
}
