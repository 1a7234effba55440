//! `tcs bundle build` end to end: binaries from a file mirror laid out like upstream (real
//! containerd, runc and CNI plugins from Debian packages, repackaged as upstream's release
//! archives), the pod network's pinned manifest — calico's from the pinned upstream folder
//! (`../shared/upstream`, or `TCS_UPSTREAM_DIR`), or else flannel's, which
//! `scripts/testhosts/build-components` takes from flannel's Go module (calico's module is not
//! served) — and every image pulled from a real registry
//! (Debian's docker-registry on 127.0.0.1) holding multi-platform images the test pushes. The
//! bundle is then installed on a real test host and containerd imports the pulled pause image
//! at the registry's digest.

mod common;

use std::io::Write;
use std::path::Path;

use std::str::FromStr;

use assert_cmd::Command;
use common::{TestHosts, start_registry, upstream_dir};
use oci_client::client::{ClientConfig, ClientProtocol, Config, ImageLayer};
use oci_client::manifest::OciImageIndex;
use oci_client::secrets::RegistryAuth;
use oci_client::{Client, Reference};
use sha2::{Digest, Sha256};
use std::process::Command as Proc;
use tcs::bundle::{Bundle, FileKind, oci, sources};

const K8S: &str = "1.36.4";

fn tcs() -> Command {
    let mut cmd = Command::cargo_bin("tcs").unwrap();
    cmd.env("NO_COLOR", "1")
        .env_remove("SSH_AUTH_SOCK")
        .env_remove("TCS_MIRROR")
        .env_remove("TCS_REGISTRY_MIRROR");
    cmd
}

/// Pushes `reference` into the registry under `<host>/<upstream registry>/<repository>` as an
/// index with one image per architecture; returns (arch, manifest digest) pairs.
async fn push_image(
    client: &Client,
    host: &str,
    reference: &str,
    rootfs: Option<&Path>,
) -> Vec<(String, String)> {
    let up = Reference::from_str(reference).unwrap();
    let repo = format!("{}/{}", up.registry(), up.repository());
    let tag = up.tag().unwrap().to_string();
    let mut entries = Vec::new();
    for arch in ["amd64", "arm64"] {
        let tmp = tempfile::tempdir().unwrap();
        let root = match rootfs {
            Some(r) if arch == "amd64" => r.to_path_buf(),
            _ => {
                std::fs::write(tmp.path().join("what"), format!("{reference} {arch}")).unwrap();
                tmp.path().to_path_buf()
            }
        };
        let (manifest, blobs) = oci::build_image(&oci::ImageSpec {
            reference,
            arch,
            rootfs: &root,
            cmd: &["/bin/busybox", "sleep", "3600"],
        })
        .unwrap();
        let per_arch = Reference::with_tag(host.into(), repo.clone(), format!("{tag}-{arch}"));
        let data = |b: &oci::Blob| match b {
            oci::Blob::Bytes(d) => d.clone(),
            oci::Blob::File(p) => std::fs::read(p).unwrap(),
        };
        let config = Config::oci_v1(data(&blobs[0].1), None);
        let layer = ImageLayer::new(
            data(&blobs[1].1),
            "application/vnd.oci.image.layer.v1.tar".into(),
            None,
        );
        let parsed: oci_client::manifest::OciImageManifest =
            serde_json::from_slice(&manifest).unwrap();
        client
            .push(
                &per_arch,
                &[layer],
                config,
                &RegistryAuth::Anonymous,
                Some(parsed),
            )
            .await
            .unwrap();
        let digest = client
            .fetch_manifest_digest(&per_arch, &RegistryAuth::Anonymous)
            .await
            .unwrap();
        let size = client
            .pull_manifest_raw(&per_arch, &RegistryAuth::Anonymous, &[oci::MANIFEST_OCI])
            .await
            .unwrap()
            .0
            .len();
        entries.push((arch.to_string(), digest, size));
    }
    let index: OciImageIndex = serde_json::from_value(serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": entries.iter().map(|(arch, d, size)| serde_json::json!({
            "mediaType": oci::MANIFEST_OCI, "digest": d, "size": size,
            "platform": {"os": "linux", "architecture": arch},
        })).collect::<Vec<_>>(),
    }))
    .unwrap();
    client
        .push_manifest_list(
            &Reference::with_tag(host.into(), repo, tag),
            &RegistryAuth::Anonymous,
            index,
        )
        .await
        .unwrap();
    entries.into_iter().map(|(a, d, _)| (a, d)).collect()
}

fn sha(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Writes `url` (and nothing else) under the mirror root.
fn place(root: &Path, url: &str, data: &[u8]) {
    let p = root.join(url.split_once("://").unwrap().1);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, data).unwrap();
}

/// Appends a sha256sum line to a shared checksum file.
fn add_sum(root: &Path, url: &str, line: &str) {
    let p = root.join(url.split_once("://").unwrap().1);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(p)
        .unwrap();
    writeln!(f, "{line}").unwrap();
}

/// A gzip tarball of (path, mode, bytes).
fn tgz(entries: &[(String, u32, Vec<u8>)]) -> Vec<u8> {
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let mut b = tar::Builder::new(gz);
    for (path, mode, data) in entries {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(*mode);
        h.set_cksum();
        b.append_data(&mut h, path, &data[..]).unwrap();
    }
    b.into_inner().unwrap().finish().unwrap()
}

/// Lays out every artifact upstream-style: real Debian binaries for amd64's runtime, small
/// stand-ins for what this machine cannot run (kubeadm, kubelet, etcd, arm64 builds).
fn build_mirror(root: &Path, stage: &Path, cni: &Cni, v: &sources::Versions) {
    let fake =
        |name: &str, arch: &str| format!("#!/bin/sh\necho {name} {arch} stand-in\n").into_bytes();
    for a in sources::artifacts(v, &["amd64", "arm64"]) {
        let real = |name: &str| -> Vec<u8> {
            if a.arch == "amd64" {
                std::fs::read(stage.join("bin/amd64").join(name)).unwrap()
            } else {
                fake(name, &a.arch)
            }
        };
        let data = match a.component {
            "kubernetes" | "runc" => {
                if a.component == "runc" {
                    real("runc")
                } else {
                    fake(a.file_name(), &a.arch)
                }
            }
            "containerd" => tgz(&["containerd", "containerd-shim-runc-v2", "ctr"]
                .iter()
                .map(|n| (format!("bin/{n}"), 0o755, real(n)))
                .collect::<Vec<_>>()),
            "crictl" => tgz(&[("crictl".into(), 0o755, fake("crictl", &a.arch))]),
            "cni-plugins" => {
                let mut e: Vec<(String, u32, Vec<u8>)> =
                    ["bridge", "host-local", "loopback", "portmap"]
                        .iter()
                        .map(|n| {
                            (
                                format!("./{n}"),
                                0o755,
                                if a.arch == "amd64" {
                                    std::fs::read(stage.join("bin/amd64/cni").join(n)).unwrap()
                                } else {
                                    fake(n, &a.arch)
                                },
                            )
                        })
                        .collect();
                e.push(("./LICENSE".into(), 0o644, b"Apache-2.0".to_vec()));
                tgz(&e)
            }
            "etcd" => {
                let dir = format!("etcd-v{}-linux-{}", v.etcd, a.arch);
                let mut e: Vec<(String, u32, Vec<u8>)> = ["etcd", "etcdctl", "etcdutl"]
                    .iter()
                    .map(|n| (format!("{dir}/{n}"), 0o755, fake(n, &a.arch)))
                    .collect();
                e.push((format!("{dir}/README.md"), 0o644, b"etcd".to_vec()));
                tgz(&e)
            }
            other => panic!("unexpected component {other}"),
        };
        place(root, &a.url, &data);
        match a.format {
            sources::ChecksumFormat::Bare => place(
                root,
                &a.checksum_url,
                format!("{}\n", sha(&data)).as_bytes(),
            ),
            sources::ChecksumFormat::SumLines => add_sum(
                root,
                &a.checksum_url,
                &format!("{}  {}", sha(&data), a.file_name()),
            ),
        }
    }
    // The pod network's manifest: the real pinned upstream file, at its upstream URL.
    let a = sources::cni_manifest(cni.name).unwrap();
    place(root, &a.url, cni.manifest.as_bytes());
}

/// The pod network the bundle carries, and its real upstream manifest.
struct Cni {
    name: &'static str,
    version: &'static str,
    manifest: String,
}

impl Cni {
    /// calico from the pinned upstream folder, or else flannel from the components' mirror.
    fn find() -> Option<Cni> {
        if let Some(up) = upstream_dir() {
            return Some(Cni {
                name: "calico",
                version: "3.32.1",
                manifest: std::fs::read_to_string(up.join("calico/v3.32.1/calico.yaml")).unwrap(),
            });
        }
        if !common::go_available() {
            return None;
        }
        let url = sources::cni_manifest("flannel").unwrap().url;
        let path = common::components()
            .mirror()
            .join(url.split_once("://").unwrap().1);
        Some(Cni {
            name: "flannel",
            version: "0.28.9",
            manifest: std::fs::read_to_string(path).unwrap(),
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bundle_build_from_mirrors_then_install() {
    require_docker!();
    require_components!();
    let Some(cni) = Cni::find() else {
        eprintln!(
            "\n*** SKIPPED: neither ../shared/upstream (TCS_UPSTREAM_DIR) nor Go for the components' mirror ***\n"
        );
        return;
    };
    let hosts = TestHosts::start("bb", 1);
    let dir = hosts.dir.path();
    let registry = start_registry(dir);

    // Real runtime binaries from Debian packages.
    let stage = dir.join("stage");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/testhosts/build-test-bundle");
    assert!(Proc::new(script).arg(&stage).status().unwrap().success());
    let debian_containerd = std::fs::read_to_string(stage.join("versions"))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("containerd="))
        .unwrap()
        .split(['~', '-', '+'])
        .next()
        .unwrap()
        .to_string();
    let mut versions = sources::Versions::for_kubernetes(K8S);
    versions
        .set(&format!("containerd={debian_containerd}"))
        .unwrap();
    let mirror = dir.join("mirror");
    build_mirror(&mirror, &stage, &cni, &versions);

    // Every image the bundle needs, multi-platform, in the registry.
    let mut wanted: Vec<String> = sources::kubernetes_images(&versions)
        .into_iter()
        .map(|i| i.reference)
        .collect();
    let network_images = tcs::bundle::images::images_in_manifests(&cni.manifest).unwrap();
    wanted.extend(network_images.iter().cloned());
    // Kubernetes' 7 (kube-vip's among them) and calico's 3, or flannel's 2.
    assert_eq!(
        wanted.len(),
        if cni.name == "calico" { 10 } else { 9 },
        "{wanted:?}"
    );
    tcs::tls::install_crypto_provider();
    let client = Client::new(ClientConfig {
        protocol: ClientProtocol::Http,
        ..ClientConfig::default()
    });
    let mut pause_digests = Vec::new();
    for r in &wanted {
        let rootfs = r.contains("/pause:").then(|| stage.join("rootfs"));
        let d = push_image(&client, &registry.host, r, rootfs.as_deref()).await;
        if r.contains("/pause:") {
            pause_digests = d;
        }
    }

    let build = |out: &Path, extra: &[&str]| {
        let mut cmd = tcs();
        cmd.args([
            "bundle",
            "build",
            "--kubernetes",
            K8S,
            "--arch",
            "amd64,arm64",
            "--out",
        ])
        .arg(out)
        .arg("--mirror")
        .arg(format!("file://{}", mirror.display()))
        .args(["--registry-mirror", &format!("http://{}", registry.host)])
        .args([
            "--component-version",
            &format!("containerd={debian_containerd}"),
        ])
        .args(["--cni", cni.name])
        .args(extra)
        .env("HOME", dir);
        cmd.output().unwrap()
    };

    // An image the registry lacks: the build fails naming it, and leaves nothing.
    let out_dir = dir.join("bundle");
    let out = build(&out_dir, &["--image", "registry.k8s.io/not-there:1.0"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("2 image pulls failed")
            && stderr.contains("registry.k8s.io/not-there:1.0 (amd64)")
            && stderr.contains("registry.k8s.io/not-there:1.0 (arm64)"),
        "{stderr}"
    );
    assert!(!out_dir.exists());
    assert!(!dir.join(".bundle.partial").exists());

    // A tampered mirror file is refused, naming it.
    let etcd_url = sources::artifacts(&versions, &["arm64"])
        .into_iter()
        .find(|a| a.component == "etcd")
        .unwrap()
        .url;
    let etcd_path = mirror.join(etcd_url.split_once("://").unwrap().1);
    let good = std::fs::read(&etcd_path).unwrap();
    std::fs::write(&etcd_path, b"tampered").unwrap();
    // (Verified downloads are cached: start from an empty cache so the file is fetched again.)
    std::fs::remove_dir_all(dir.join(".cache/tcs/downloads")).unwrap();
    let out = build(&out_dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 download failed")
            && stderr.contains(&etcd_url)
            && stderr.contains("does not match the published"),
        "{stderr}"
    );
    assert!(!out_dir.exists());
    std::fs::write(&etcd_path, good).unwrap();

    // An image built here with the Docker engine (scripts/build-tcs-image: Debian minbase from
    // debootstrap, docker import, docker build, docker save), carried as built.
    let image_tar = dir.join("tcs-image.tar");
    let built = Proc::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/build-tcs-image"))
        .args([
            "--binary",
            env!("CARGO_BIN_EXE_tcs"),
            "--tag",
            "tcs.local/tcs-test:0.1.0",
            "--out",
        ])
        .arg(&image_tar)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let version = common::docker(&["run", "--rm", "tcs.local/tcs-test:0.1.0", "--version"]);
    assert_eq!(
        version.trim(),
        format!("tcs {}", env!("CARGO_PKG_VERSION")),
        "the image runs tcs"
    );

    // The real build, with JSON progress.
    let archive_arg = image_tar.display().to_string();
    let out = build(&out_dir, &["-o", "json", "--image-archive", &archive_arg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let last = events.last().unwrap();
    assert_eq!(last["event"], "built");
    assert_eq!(
        events.iter().filter(|e| e["kind"] == "image").count(),
        wanted.len() * 2 + 1,
        "every image x 2 architectures, and the image built here"
    );

    let bundle = Bundle::open_verified(&out_dir, &dir.join("cache")).unwrap();
    let m = &bundle.manifest;
    let paths: Vec<&str> = m.files.iter().map(|f| f.path.as_str()).collect();
    for arch in ["amd64", "arm64"] {
        for p in [
            "kubeadm",
            "kubelet",
            "kubectl",
            "containerd",
            "containerd-shim-runc-v2",
            "ctr",
            "runc",
            "crictl",
            "etcd",
            "etcdctl",
            "etcdutl",
            "cni/bridge",
            "cni/portmap",
        ] {
            assert!(
                paths.contains(&format!("bin/{arch}/{p}").as_str()),
                "bin/{arch}/{p}: {paths:?}"
            );
        }
        assert!(!paths.contains(&format!("bin/{arch}/cni/LICENSE").as_str()));
        assert!(!paths.iter().any(|p| p.contains("README")));
    }
    assert!(paths.contains(&format!("manifests/{}.yaml", cni.name).as_str()));
    // kube-vip runs with the control plane's admin.conf: no RBAC manifest is carried.
    assert!(!paths.iter().any(|p| p.starts_with("manifests/kube-vip")));
    assert_eq!(m.versions["kubernetes"], K8S);
    assert_eq!(m.versions["containerd"], debian_containerd);
    assert_eq!(m.versions[cni.name], cni.version);
    let images: Vec<_> = m
        .files
        .iter()
        .filter(|f| f.kind == FileKind::Image)
        .collect();
    assert_eq!(images.len(), wanted.len() * 2 + 1);
    let own = images
        .iter()
        .find(|f| f.image.as_deref() == Some("tcs.local/tcs-test:0.1.0"))
        .unwrap();
    assert_eq!(own.arch.as_deref(), Some("amd64"));
    let own_digest = own.digest.clone().unwrap();
    for (arch, digest) in &pause_digests {
        let f = images
            .iter()
            .find(|f| f.component.as_deref() == Some("pause") && f.arch.as_deref() == Some(arch))
            .unwrap();
        assert_eq!(f.digest.as_deref(), Some(digest.as_str()), "{arch}");
        // kubeadm 1.36.4's own pin (the stand-in kubeadm cannot say, so tcs's table does).
        assert_eq!(f.image.as_deref(), Some("registry.k8s.io/pause:3.10.2"));
    }
    // The network's images, named after their repositories (calico's node: calico-node).
    for reference in &network_images {
        let f = images
            .iter()
            .find(|f| f.image.as_deref() == Some(reference.as_str()))
            .unwrap_or_else(|| panic!("{reference} carried"));
        if reference == "quay.io/calico/node:v3.32.1" {
            assert_eq!(f.component.as_deref(), Some("calico-node"));
        }
    }
    let kubeadm = m
        .files
        .iter()
        .find(|f| f.path == "bin/amd64/kubeadm")
        .unwrap();
    assert_eq!(kubeadm.component.as_deref(), Some("kubernetes"));
    assert_eq!(kubeadm.kind, FileKind::Binary);

    // The built bundle installs: containerd from it, the pulled pause image imported at the
    // registry's digest and used as the sandbox image.
    let inv = hosts.inventory("bb", &format!("  bundle: {}\n", out_dir.display()));
    let text = std::fs::read_to_string(&inv).unwrap().replace(
        "      controlPlane:",
        "      containerd: {snapshotter: native}\n      controlPlane:",
    );
    std::fs::write(&inv, text).unwrap();
    let out = tcs()
        .args(["install", "--until", "runtime", "--state-dir"])
        .arg(dir.join("state"))
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let h = &hosts.hosts[0];
    assert_eq!(h.sh_ok("systemctl is-active containerd").trim(), "active");
    let amd64 = &pause_digests.iter().find(|(a, _)| a == "amd64").unwrap().1;
    let listed = h.sh_ok("ctr -n k8s.io images ls name==registry.k8s.io/pause:3.10.2");
    assert!(listed.contains(amd64.as_str()), "{listed}");
    let listed = h.sh_ok("ctr -n k8s.io images ls name==tcs.local/tcs-test:0.1.0");
    assert!(
        listed.contains(own_digest.as_str()),
        "the image built here is imported at its digest: {listed}"
    );
    let config = h.sh_ok("cat /etc/containerd/config.toml");
    assert!(
        config.contains("sandbox_image = \"registry.k8s.io/pause:3.10.2\""),
        "{config}"
    );
    assert_eq!(
        h.sh_ok("cat /usr/local/bin/kubeadm 2>/dev/null || echo absent")
            .trim(),
        "absent",
        "the runtime phase installs only runtime binaries"
    );
    // Every blob of the pulled image arrived and it is unpacked. (Running it is not possible
    // here: runc inside a test host cannot create a session keyring.)
    let check = h.sh_ok(
        "ctr -n k8s.io images check --snapshotter native name==registry.k8s.io/pause:3.10.2",
    );
    assert!(
        check.contains("complete (2/2)") && check.contains("true"),
        "{check}"
    );
}
