//! The images a rendered addon runs, and rewriting them to the cluster's registry.

use crate::bundle::images::RegistryMirror;
use crate::kube::Manifest;
use serde_json::Value;

/// Image-valued argument prefixes (operators that start other images).
const IMAGE_ARGS: &[&str] = &["--prometheus-config-reloader="];

/// Kinds whose `spec.image` is an image (prometheus-operator's workloads).
const SPEC_IMAGE_KINDS: &[&str] = &[
    "Prometheus",
    "Alertmanager",
    "ThanosRuler",
    "PrometheusAgent",
];

fn pod_spec_pointer(kind: &str) -> Option<&'static str> {
    match kind {
        "Pod" => Some("/spec"),
        "Deployment"
        | "DaemonSet"
        | "StatefulSet"
        | "ReplicaSet"
        | "Job"
        | "ReplicationController" => Some("/spec/template/spec"),
        "CronJob" => Some("/spec/jobTemplate/spec/template/spec"),
        _ => None,
    }
}

/// Calls `f` on every image reference in `obj` (mutable, for rewriting).
fn visit_images(obj: &mut Value, f: &mut dyn FnMut(&mut String)) {
    let kind = obj
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if SPEC_IMAGE_KINDS.contains(&kind.as_str())
        && obj
            .get("apiVersion")
            .and_then(Value::as_str)
            .is_some_and(|a| a.starts_with("monitoring.coreos.com/"))
        && let Some(Value::String(image)) = obj.pointer_mut("/spec/image")
    {
        f(image);
    }
    let Some(pointer) = pod_spec_pointer(&kind) else {
        return;
    };
    let Some(spec) = obj.pointer_mut(pointer) else {
        return;
    };
    for list in ["initContainers", "containers", "ephemeralContainers"] {
        let Some(Value::Array(containers)) = spec.get_mut(list) else {
            continue;
        };
        for c in containers {
            if let Some(Value::String(image)) = c.get_mut("image") {
                f(image);
            }
            for field in ["args", "command"] {
                if let Some(Value::Array(args)) = c.get_mut(field) {
                    for a in args {
                        if let Value::String(s) = a
                            && let Some(prefix) = IMAGE_ARGS.iter().find(|p| s.starts_with(**p))
                        {
                            let mut image = s[prefix.len()..].to_string();
                            f(&mut image);
                            *s = format!("{prefix}{image}");
                        }
                    }
                }
            }
        }
    }
}

/// Every image the objects run, sorted, each once.
pub fn images_of(objects: &[Manifest]) -> Vec<String> {
    let mut out = Vec::new();
    for m in objects {
        let mut v = m.value.clone();
        visit_images(&mut v, &mut |image| out.push(image.clone()));
    }
    out.sort();
    out.dedup();
    out
}

/// Rewrites every image to be pulled through `mirror`.
pub fn rewrite_images(objects: &mut [Manifest], mirror: &RegistryMirror) -> Result<(), String> {
    let mut problems = Vec::new();
    for m in objects.iter_mut() {
        let origin = m.origin.clone();
        visit_images(
            &mut m.value,
            &mut |image| match mirror.rewrite_image(image) {
                Ok(new) => *image = new,
                Err(e) => problems.push(format!("{origin}: {e}")),
            },
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kube::parse_documents;

    #[test]
    fn finds_and_rewrites_container_cr_and_argument_images() {
        let text = r#"
apiVersion: apps/v1
kind: Deployment
metadata: {name: op}
spec:
  template:
    spec:
      initContainers: [{name: i, image: busybox:1.36}]
      containers:
      - name: op
        image: quay.io/prometheus-operator/prometheus-operator:v0.92.0
        args: [--kubelet-service=kube-system/kubelet, --prometheus-config-reloader=quay.io/prometheus-operator/prometheus-config-reloader:v0.92.0]
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s}
spec: {image: quay.io/prometheus/prometheus:v3.5.0}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: "registry.k8s.io/pause:3.10.1"}]}}}}}
"#;
        let mut objs = parse_documents(text, "t").unwrap();
        assert_eq!(
            images_of(&objs),
            [
                "busybox:1.36",
                "quay.io/prometheus-operator/prometheus-config-reloader:v0.92.0",
                "quay.io/prometheus-operator/prometheus-operator:v0.92.0",
                "quay.io/prometheus/prometheus:v3.5.0",
                "registry.k8s.io/pause:3.10.1",
            ]
        );
        let mirror = RegistryMirror::parse("registry.global.lan:5000/mirror").unwrap();
        rewrite_images(&mut objs, &mirror).unwrap();
        assert_eq!(
            images_of(&objs),
            [
                "registry.global.lan:5000/mirror/docker.io/library/busybox:1.36",
                "registry.global.lan:5000/mirror/quay.io/prometheus-operator/prometheus-config-reloader:v0.92.0",
                "registry.global.lan:5000/mirror/quay.io/prometheus-operator/prometheus-operator:v0.92.0",
                "registry.global.lan:5000/mirror/quay.io/prometheus/prometheus:v3.5.0",
                "registry.global.lan:5000/mirror/registry.k8s.io/pause:3.10.1",
            ]
        );
        assert_eq!(
            objs[0].value["spec"]["template"]["spec"]["containers"][0]["args"][0],
            "--kubelet-service=kube-system/kubelet"
        );
    }
}
