//! Golden tests of the files tcs renders for kubeadm and kube-vip, from the example HA
//! inventory. Regenerate after an intended change with `TCS_UPDATE_GOLDEN=1 cargo test --test
//! golden` and review the diff. kubeadm itself cannot run here; the Vagrant suite runs these
//! files for real.

mod common;

use std::path::Path;

use tcs::inventory::LoadedInventory;
use tcs::steps::kubernetes::{
    api_endpoint, ca_cert_hash, cert_sans, render_init, render_join, render_kube_vip,
};

const TOKEN: &str = "abcdef.0123456789abcdef";
const HASH: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

fn golden(name: &str, text: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("TCS_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, text).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (TCS_UPDATE_GOLDEN=1 writes it)", path.display()));
    assert_eq!(text, want, "{name} differs from its golden file");
}

fn docs(text: &str) -> Vec<serde_json::Value> {
    serde_saphyr::from_multiple(text).unwrap_or_else(|e| panic!("not YAML: {e}\n{text}"))
}

#[test]
fn kubeadm_and_kube_vip_files() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("inventories/ha.yaml");
    let loaded = LoadedInventory::load(&path).unwrap();
    let inv = &loaded.inventory;
    let cluster = &inv.spec.clusters[0];
    let host = |n: &str| inv.host(n).unwrap();

    let e = api_endpoint(cluster, inv);
    assert_eq!(
        (e.host.as_str(), e.port, e.vip),
        ("192.168.0.100", 6443, true)
    );
    let sans = cert_sans(cluster, inv);
    for s in [
        "192.168.0.100",
        "cp1",
        "10.0.0.11",
        "192.168.0.11",
        "cp3",
        "127.0.0.1",
    ] {
        assert!(sans.iter().any(|x| x == s), "{s} in {sans:?}");
    }

    let init = render_init(cluster, inv, host("cp1"), TOKEN, Default::default()).unwrap();
    golden("kubeadm-init-cp1.yaml", &init);
    let d = docs(&init);
    let kinds: Vec<&str> = d.iter().map(|x| x["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "InitConfiguration",
            "ClusterConfiguration",
            "KubeletConfiguration",
            "KubeProxyConfiguration"
        ]
    );
    assert_eq!(d[0]["bootstrapTokens"][0]["token"], TOKEN);
    assert_eq!(d[0]["localAPIEndpoint"]["advertiseAddress"], "192.168.0.11");
    assert_eq!(
        d[0]["nodeRegistration"]["kubeletExtraArgs"][1]["value"],
        "topology.kubernetes.io/zone=az1"
    );
    assert_eq!(d[1]["controlPlaneEndpoint"], "192.168.0.100:6443");
    assert_eq!(d[1]["kubernetesVersion"], "v1.36.4");
    assert_eq!(d[1]["encryptionAlgorithm"], "ECDSA-P256");
    assert_eq!(d[1]["networking"]["podSubnet"], "10.244.0.0/16");
    assert_eq!(d[1]["networking"]["serviceSubnet"], "10.96.0.0/12");
    assert_eq!(
        d[1]["etcd"]["external"]["endpoints"],
        serde_json::json!([
            "https://192.168.0.11:2379",
            "https://192.168.0.12:2379",
            "https://192.168.0.13:2379"
        ])
    );
    assert_eq!(d[2]["cgroupDriver"], "systemd");

    let join_cp = render_join(
        cluster,
        inv,
        host("cp2"),
        true,
        TOKEN,
        HASH,
        Default::default(),
    )
    .unwrap();
    golden("kubeadm-join-cp2.yaml", &join_cp);
    let d = docs(&join_cp);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["kind"], "JoinConfiguration");
    assert_eq!(
        d[0]["discovery"]["bootstrapToken"]["apiServerEndpoint"],
        "192.168.0.100:6443"
    );
    assert_eq!(
        d[0]["discovery"]["bootstrapToken"]["caCertHashes"][0],
        format!("sha256:{HASH}")
    );
    assert_eq!(
        d[0]["controlPlane"]["localAPIEndpoint"]["advertiseAddress"],
        "192.168.0.12"
    );

    let join_w = render_join(
        cluster,
        inv,
        host("w1"),
        false,
        TOKEN,
        HASH,
        Default::default(),
    )
    .unwrap();
    golden("kubeadm-join-w1.yaml", &join_w);
    let d = docs(&join_w);
    assert!(d[0].get("controlPlane").is_none());
    assert_eq!(d[0]["nodeRegistration"]["taints"], serde_json::json!([]));

    // Found by the real install (tests/kubernetes.rs): a cgroup v1 host skips kubeadm's
    // SystemVerification (kubelets 1.35+ run there only with failCgroupV1: false, always set),
    // and on container hosts kube-proxy must leave the read-only nf_conntrack_max alone.
    assert_eq!(d.len(), 1);
    assert_eq!(
        docs(&init)[2]["failCgroupV1"],
        false,
        "the kubelet tolerates cgroup v1"
    );
    assert!(docs(&init)[3].get("conntrack").is_none());
    assert!(
        docs(&init)[0]["nodeRegistration"]
            .get("ignorePreflightErrors")
            .is_none()
    );
    let traits = tcs::steps::kubernetes::HostTraits {
        cgroup_v1: true,
        containers: true,
    };
    let init_v1 = docs(&render_init(cluster, inv, host("cp1"), TOKEN, traits).unwrap());
    assert_eq!(
        init_v1[0]["nodeRegistration"]["ignorePreflightErrors"],
        serde_json::json!(["SystemVerification"])
    );
    assert_eq!(init_v1[3]["conntrack"]["maxPerCore"], 0);
    // Found by the real run too: a container host's kubelet sees its machine's disk, and its
    // eviction thresholds tainted nodes for disk pressure they did not own.
    assert_eq!(init_v1[2]["evictionHard"]["nodefs.available"], "0%");
    assert_eq!(init_v1[2]["imageGCHighThresholdPercent"], 100);
    assert!(docs(&init)[2].get("evictionHard").is_none());
    let join_v1 = docs(&render_join(cluster, inv, host("w1"), false, TOKEN, HASH, traits).unwrap());
    assert_eq!(
        join_v1[0]["nodeRegistration"]["ignorePreflightErrors"],
        serde_json::json!(["SystemVerification"])
    );

    let vip = render_kube_vip(
        cluster,
        inv,
        "cp1",
        "eth1",
        32,
        "ghcr.io/kube-vip/kube-vip:v1.2.3",
        "/etc/kubernetes/admin.conf",
    )
    .unwrap();
    golden("kube-vip-cp1.yaml", &vip);
    // The static pod is a valid Pod for the Kubernetes API types.
    let pod: k8s_openapi::api::core::v1::Pod =
        serde_json::from_value(docs(&vip).remove(0)).unwrap();
    let spec = pod.spec.unwrap();
    assert_eq!(spec.host_network, Some(true));
    let c = &spec.containers[0];
    let env: std::collections::BTreeMap<String, String> = c
        .env
        .clone()
        .unwrap()
        .into_iter()
        .map(|e| (e.name, e.value.unwrap_or_default()))
        .collect();
    assert_eq!(env["address"], "192.168.0.100");
    assert_eq!(env["vip_interface"], "eth1");
    assert_eq!(env["port"], "6443");
    assert_eq!(c.image.as_deref(), Some("ghcr.io/kube-vip/kube-vip:v1.2.3"));
}

#[test]
fn ca_hash_is_the_sha256_of_the_public_key_info() {
    // The same pin `openssl x509 -pubkey | openssl pkey -pubin -outform der | sha256sum` gives.
    let dir = tempfile::tempdir().unwrap();
    let pki = tcs::pki::ClusterPki::new(dir.path(), "c");
    pki.ensure_cas().unwrap();
    let ca = dir.path().join("pki/c/ca.crt");
    let ours = ca_cert_hash(&std::fs::read_to_string(&ca).unwrap()).unwrap();
    let script = format!(
        "openssl x509 -pubkey -noout -in {} | openssl pkey -pubin -outform der | sha256sum | cut -d' ' -f1",
        ca.display()
    );
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(ours, String::from_utf8_lossy(&out.stdout).trim());
}

#[test]
fn upstream_cni_manifests_are_adapted() {
    // The real pinned manifests: every substitution tcs makes must find its anchor, or an
    // upstream bump silently stops applying it. calico's from ../shared/upstream (or
    // TCS_UPSTREAM_DIR) only: its repository is not served as a Go module. flannel's from
    // there, or else from the components' mirror, which build-components fills from flannel's
    // Go module.
    use tcs::steps::kubernetes::with_pod_cidr;
    let upstream = common::upstream_dir();
    let flannel_url = tcs::bundle::sources::cni_manifest("flannel").unwrap().url;
    let flannel_path = match &upstream {
        Some(dir) => dir.join("flannel/v0.28.9/kube-flannel.yml"),
        None => {
            require_components!();
            common::components()
                .mirror()
                .join(flannel_url.split_once("://").unwrap().1)
        }
    };
    if let Some(dir) = &upstream {
        let calico = std::fs::read_to_string(dir.join("calico/v3.32.1/calico.yaml")).unwrap();
        let out = with_pod_cidr("calico", &calico, "10.50.0.0/16");
        assert!(
            out.contains("- name: CALICO_IPV4POOL_CIDR\n              value: \"10.50.0.0/16\"")
        );
        assert!(out.contains(
            "- name: IP_AUTODETECTION_METHOD\n              value: \"kubernetes-internal-ip\""
        ));
        assert_eq!(docs(&out).len(), docs(&calico).len());
    } else {
        eprintln!(
            "\n*** calico's anchors not checked: its pinned manifest is in ../shared/upstream only (TCS_UPSTREAM_DIR) ***\n"
        );
    }
    let flannel = std::fs::read_to_string(flannel_path).unwrap();
    let out = with_pod_cidr("flannel", &flannel, "10.50.0.0/16");
    assert!(out.contains("\"Network\": \"10.50.0.0/16\""));
    assert!(out.contains("- --public-ip=$(TCS_NODE_IP)"));
    // Still valid YAML with the flannel DaemonSet's args intact.
    let ds = docs(&out)
        .into_iter()
        .find(|d| d["kind"] == "DaemonSet")
        .unwrap();
    let container = &ds["spec"]["template"]["spec"]["containers"][0];
    let args = &container["args"];
    assert!(
        args.as_array()
            .unwrap()
            .iter()
            .any(|a| a == "--public-ip=$(TCS_NODE_IP)"),
        "{args}"
    );
    // The node's own address, from the downward API: never the VIP.
    assert!(
        container["env"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "TCS_NODE_IP"
                && e["valueFrom"]["fieldRef"]["fieldPath"] == "status.hostIP"),
        "{container}"
    );
}
