//! The apply engine (`tcs::kube::Applier`) against a real API server (tests/common/apiserver.rs):
//! what the in-memory server of the unit tests only imitates. Server-side apply as field
//! manager `tcs` (forced, by design: a field another manager set is taken over, and the
//! server's managedFields say so); a custom kind resolves only once its CRD is Established; a
//! Deployment is waited for until the real controllers and kwok have made it available; an
//! object the server refuses is named with its file and document; label lists; deletion
//! custom resources first and namespaces last, with the real garbage collector behind it.

mod common;

use std::time::Duration;

use common::apiserver::ControlPlane;
use serde_json::Value;
use tcs::kube::{Applier, ApplyError, ObjectRef, WaitOptions, parse_documents};

const SET: &str = r#"
apiVersion: example.com/v1
kind: Widget
metadata: {name: w1, namespace: demo, labels: {set: demo}}
spec: {size: 3}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: demo, labels: {set: demo}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: registry.k8s.io/pause:3.10.2}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: demo, labels: {set: demo}}
data: {mode: tcs}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com, labels: {set: demo}}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties: {size: {type: integer, minimum: 1}}
---
apiVersion: v1
kind: Namespace
metadata: {name: demo, labels: {set: demo}}
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_engine_on_a_real_api_server() {
    require_docker!();
    require_components!();
    let cp = tokio::task::spawn_blocking(|| {
        let cp = ControlPlane::start("apply");
        cp.add_node("n1", "8", "16Gi", 110);
        cp
    })
    .await
    .unwrap();
    let client = tcs::kube::client_from_kubeconfig(&cp.kubeconfig)
        .await
        .unwrap();
    let applier = Applier::new(client, "tcs");
    let events = std::sync::Mutex::new(Vec::new());
    let on = |e: tcs::kube::ApplyEvent| events.lock().unwrap().push(e.to_string());
    let wait = WaitOptions {
        timeout: Duration::from_secs(120),
        interval: Duration::from_millis(500),
    };

    // Written in the worst order: the custom resource first, its CRD and namespace last.
    let manifests = parse_documents(SET, "set.yaml").unwrap();
    let applied = applier.apply_all(&manifests, &wait, &on).await.unwrap();
    let order: Vec<&str> = applied.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(
        order,
        [
            "Namespace",
            "CustomResourceDefinition",
            "ConfigMap",
            "Deployment",
            "Widget"
        ]
    );
    let deployment = ObjectRef {
        api_version: "apps/v1".into(),
        kind: "Deployment".into(),
        namespace: Some("demo".into()),
        name: "web".into(),
    };
    let live = applier.get(&deployment).await.unwrap().unwrap();
    assert_eq!(
        live["status"]["availableReplicas"], 2,
        "the engine waited for the real rollout"
    );
    let managers = |v: &Value| -> Vec<(String, String)> {
        v["metadata"]["managedFields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["manager"].as_str().unwrap().to_string(),
                    m["operation"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert!(managers(&live).contains(&("tcs".into(), "Apply".into())));

    // Another manager changes a field tcs owns: tcs's next apply takes it back (forced), and
    // the server records tcs, not the other manager, as its owner.
    cp.apply(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: demo}\ndata: {mode: someone-else}\n",
    );
    let settings = ObjectRef {
        api_version: "v1".into(),
        kind: "ConfigMap".into(),
        namespace: Some("demo".into()),
        name: "settings".into(),
    };
    let changed = applier.get(&settings).await.unwrap().unwrap();
    assert_eq!(changed["data"]["mode"], "someone-else");
    applier.apply_all(&manifests, &wait, &on).await.unwrap();
    let back = applier.get(&settings).await.unwrap().unwrap();
    assert_eq!(back["data"]["mode"], "tcs");
    let owners: Vec<String> = back["metadata"]["managedFields"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["fieldsV1"]["f:data"]["f:mode"].is_object())
        .map(|m| m["manager"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(owners, ["tcs"]);

    // The CRD's schema is the real server's to enforce: a size of 0 is refused, named by file
    // and document.
    let bad = parse_documents(
        "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w0, namespace: demo}\nspec: {size: 0}\n",
        "bad.yaml",
    )
    .unwrap();
    let err = applier.apply_all(&bad, &wait, &on).await.unwrap_err();
    match &err {
        ApplyError::Rejected {
            origin, message, ..
        } => {
            assert_eq!(origin, "bad.yaml#1");
            assert!(message.contains("spec.size"), "{message}");
        }
        other => panic!("{other}"),
    }

    // Label lists, then deletion: the Widget before its CRD, the namespace last; the real
    // garbage collector removes the Deployment's ReplicaSet and pods.
    let labelled = applier
        .list_labelled("v1", "ConfigMap", "set=demo")
        .await
        .unwrap();
    assert_eq!(labelled, std::slice::from_ref(&settings));
    assert!(
        applier
            .list_labelled("nope.example.com/v1", "Thing", "set=demo")
            .await
            .unwrap()
            .is_empty(),
        "a kind the server does not serve has no objects"
    );
    events.lock().unwrap().clear();
    let n = applier.delete_all(&applied, &on).await.unwrap();
    assert_eq!(n, 5);
    let deleted: Vec<String> = events.lock().unwrap().clone();
    assert!(deleted[0].contains("Widget"), "{deleted:?}");
    assert!(deleted.last().unwrap().contains("Namespace"), "{deleted:?}");
    // Deleting again finds nothing (or objects on their way out) and is not an error.
    applier.delete_all(&applied, &on).await.unwrap();
    tokio::task::spawn_blocking(move || {
        cp.wait(120, "namespace demo to be gone", |cp| {
            (!cp.kubectl(&["get", "namespace", "demo"]).status.success()).then_some(())
        });
    })
    .await
    .unwrap();
}
