//! Fetching bundle artifacts from an HTTP mirror laid out like upstream, verified against the
//! published checksums. The mirror is a minimal static file server on 127.0.0.1 in this test.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tcs::bundle::sources::{Mirror, Versions, artifacts, fetch};

/// Serves files under `root` until the process ends; returns the base URL.
fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                // Skip the headers.
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let path = request
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or("/")
                    .trim_start_matches('/');
                let mut stream = stream;
                match std::fs::read(root.join(path)) {
                    Ok(body) => {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        );
                        let _ = stream.write_all(&body);
                    }
                    Err(_) => {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        );
                    }
                }
            });
        }
    });
    format!("http://{addr}")
}

fn place(root: &Path, url: &str, bytes: &[u8]) {
    let p = root.join(url.split_once("://").unwrap().1);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

#[test]
fn every_artifact_from_an_http_mirror() {
    let dir = tempfile::tempdir().unwrap();
    let mirror_root = dir.path().join("mirror");
    let all = artifacts(&Versions::for_kubernetes("1.36.4"), &["amd64", "arm64"]);
    assert_eq!(all.len(), 16, "8 artifacts per architecture");
    for a in &all {
        let data = format!("{} for {}", a.file_name(), a.arch).into_bytes();
        let sum = hex::encode(Sha256::digest(&data));
        place(&mirror_root, &a.url, &data);
        let checksum = match a.format {
            tcs::bundle::sources::ChecksumFormat::Bare => format!("{sum}\n"),
            tcs::bundle::sources::ChecksumFormat::SumLines => {
                // Shared checksum files (runc, etcd) list every architecture: keep the others.
                let existing = std::fs::read_to_string(
                    mirror_root.join(a.checksum_url.split_once("://").unwrap().1),
                )
                .unwrap_or_default();
                format!("{existing}{sum}  {}\n", a.file_name())
            }
        };
        place(&mirror_root, &a.checksum_url, checksum.as_bytes());
    }
    let mirror = Mirror::parse(&serve(mirror_root));
    let out = dir.path().join("bundle");
    for a in &all {
        let got = fetch(a, &mirror, &out).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(got, tcs::ssh::sha256_file(&out.join(&a.path)).unwrap());
    }
    // A missing file names the component and URL.
    let mut missing = all[0].clone();
    missing.url = missing.url.replace("1.36.4", "9.9.9");
    missing.checksum_url = missing.checksum_url.replace("1.36.4", "9.9.9");
    let e = fetch(&missing, &mirror, &out).unwrap_err().to_string();
    assert!(
        e.starts_with("kubernetes https://dl.k8s.io/release/v9.9.9/"),
        "{e}"
    );
}
