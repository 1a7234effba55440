//! `tcs cluster list` and `tcs cluster kubeconfig`: health through a real TLS endpoint that
//! demands a client certificate (Python's ssl module on 127.0.0.1 standing in for an API
//! server's /readyz, with certificates from tcs's PKI), and merging kubeconfigs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Proc, Stdio};

use assert_cmd::Command;
use base64::Engine;
use tcs::pki::{ClusterPki, LeafSpec, Usage};

fn tcs() -> Command {
    let mut cmd = Command::cargo_bin("tcs").unwrap();
    cmd.env("NO_COLOR", "1").env_remove("KUBECONFIG");
    cmd
}

struct Server(Child);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

const SERVER: &str = r#"
import http.server, ssl, sys
port, ca, crt, key, answer = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        code = 200 if answer == "ok" else 500
        body = (answer if self.path == "/readyz" else "no").encode()
        self.send_response(code if self.path == "/readyz" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(crt, key)
ctx.load_verify_locations(ca)
ctx.verify_mode = ssl.CERT_REQUIRED
s = http.server.HTTPServer(("127.0.0.1", port), H)
s.socket = ctx.wrap_socket(s.socket, server_side=True)
print("ready", flush=True)
s.serve_forever()
"#;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn serve(dir: &Path, pki: &ClusterPki, port: u16, answer: &str) -> Server {
    let script = dir.join("server.py");
    std::fs::write(&script, SERVER).unwrap();
    let mut child = Proc::new("python3")
        .arg(&script)
        .arg(port.to_string())
        .arg(pki.dir.join("ca.crt"))
        .arg(pki.dir.join("apiserver.crt"))
        .arg(pki.dir.join("apiserver.key"))
        .arg(answer)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    assert_eq!(line.trim(), "ready");
    Server(child)
}

fn kubeconfig(pki: &ClusterPki, cluster: &str, port: u16, client: &str) -> String {
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let ca = std::fs::read_to_string(pki.dir.join("ca.crt")).unwrap();
    let c = pki.read(client).unwrap();
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: {cluster}\n  cluster:\n    certificate-authority-data: {}\n    server: https://127.0.0.1:{port}\nusers:\n- name: {cluster}-admin\n  user:\n    client-certificate-data: {}\n    client-key-data: {}\ncontexts:\n- name: {cluster}-admin@{cluster}\n  context: {{cluster: {cluster}, user: {cluster}-admin}}\ncurrent-context: {cluster}-admin@{cluster}\n",
        b64(&ca),
        b64(&c.cert),
        b64(&c.key)
    )
}

#[test]
fn list_with_health_and_merge_kubeconfigs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The example fleet: a global and two business clusters.
    let inv = d.join("fleet.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("inventories/global-and-business.yaml"),
        &inv,
    )
    .unwrap();
    let state = d.join("state");
    let pki = ClusterPki::new(&state, "global");
    pki.ensure_cas().unwrap();
    pki.ensure_leaf(
        "ca",
        "apiserver",
        &LeafSpec {
            common_name: "kube-apiserver".into(),
            organizations: vec![],
            dns: vec!["localhost".into()],
            ips: vec!["127.0.0.1".parse().unwrap()],
            usage: Usage::Server,
        },
    )
    .unwrap();
    pki.ensure_leaf(
        "ca",
        "admin",
        &LeafSpec {
            common_name: "kubernetes-admin".into(),
            organizations: vec!["system:masters".into()],
            dns: vec![],
            ips: vec![],
            usage: Usage::Client,
        },
    )
    .unwrap();
    // A client certificate from another CA is refused by the server.
    let other = ClusterPki::new(&state, "other");
    other.ensure_cas().unwrap();
    other
        .ensure_leaf(
            "ca",
            "admin",
            &LeafSpec {
                common_name: "intruder".into(),
                organizations: vec![],
                dns: vec![],
                ips: vec![],
                usage: Usage::Client,
            },
        )
        .unwrap();

    let port = free_port();
    let kc_dir = state.join("kubeconfig");
    std::fs::create_dir_all(&kc_dir).unwrap();
    std::fs::write(
        kc_dir.join("global.conf"),
        kubeconfig(&pki, "global", port, "admin"),
    )
    .unwrap();
    let mut bad = kubeconfig(&pki, "biz-sh", port, "admin");
    // biz-sh's kubeconfig carries the other CA's client certificate.
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    bad = bad.replace(
        &b64(&pki.read("admin").unwrap().cert),
        &b64(&other.read("admin").unwrap().cert),
    );
    bad = bad.replace(
        &b64(&pki.read("admin").unwrap().key),
        &b64(&other.read("admin").unwrap().key),
    );
    std::fs::write(kc_dir.join("biz-sh.conf"), bad).unwrap();

    let list = || {
        let out = tcs()
            .args([
                "cluster",
                "list",
                "-o",
                "json",
                "--timeout",
                "3",
                "--state-dir",
            ])
            .arg(&state)
            .arg("-f")
            .arg(&inv)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        rows.into_iter()
            .map(|r| (r["name"].as_str().unwrap().to_string(), r))
            .collect::<std::collections::BTreeMap<_, _>>()
    };

    {
        let _server = serve(d, &pki, port, "ok");
        let rows = list();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows["global"]["health"], "ready", "{}", rows["global"]);
        assert_eq!(rows["global"]["role"], "global");
        assert_eq!(rows["global"]["endpoint"], "10.10.0.100:6443");
        assert_eq!(rows["global"]["nodes"], 3);
        assert_eq!(
            rows["biz-sh"]["health"], "unreachable",
            "{}",
            rows["biz-sh"]
        );
        assert_eq!(rows["biz-bj"]["health"], "not installed");
        // The table for people.
        let out = tcs()
            .args(["cluster", "list", "--state-dir"])
            .arg(&state)
            .arg("-f")
            .arg(&inv)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.starts_with("NAME") && text.contains("ready") && text.contains("not installed"),
            "{text}"
        );
    }
    {
        let _server = serve(d, &pki, port, "[-]etcd failed: reason withheld");
        let rows = list();
        assert_eq!(rows["global"]["health"], "not ready");
        assert!(
            rows["global"]["reason"]
                .as_str()
                .unwrap()
                .contains("HTTP 500"),
            "{}",
            rows["global"]
        );
    }
    let rows = list();
    assert_eq!(rows["global"]["health"], "unreachable", "server stopped");

    // Kubeconfigs: printed, then merged side by side into $KUBECONFIG (0600).
    let out = tcs()
        .args(["cluster", "kubeconfig", "global", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("current-context: global-admin@global"));
    let user_kc: PathBuf = d.join("home/.kube/config");
    std::fs::create_dir_all(user_kc.parent().unwrap()).unwrap();
    let mut f = std::fs::File::create(&user_kc).unwrap();
    writeln!(f, "apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts:\n- name: mine\n  context: {{cluster: x, user: y}}\ncurrent-context: mine").unwrap();
    // A killed merge of an earlier tcs left its temporary file (garbage, longer than the real
    // content): the next merge must not append to it or rename it into place.
    std::fs::write(user_kc.with_extension("tcs-new"), "garbage ".repeat(1000)).unwrap();
    for (name, extra) in [("global", vec![]), ("biz-sh", vec!["--use"])] {
        let out = tcs()
            .args(["cluster", "kubeconfig", name, "--merge"])
            .args(&extra)
            .arg("--state-dir")
            .arg(&state)
            .arg("-f")
            .arg(&inv)
            .env("KUBECONFIG", &user_kc)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let merged: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string(&user_kc).unwrap()).unwrap();
    let names: Vec<&str> = merged["contexts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["mine", "global-admin@global", "biz-sh-admin@biz-sh"]
    );
    assert_eq!(merged["current-context"], "biz-sh-admin@biz-sh");
    let left: Vec<String> = std::fs::read_dir(user_kc.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["config"], "no temporary file remains");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&user_kc).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // A cluster without a kubeconfig says what to do.
    let out = tcs()
        .args(["cluster", "kubeconfig", "biz-bj", "--state-dir"])
        .arg(&state)
        .arg("-f")
        .arg(&inv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("install the cluster first"));
}
