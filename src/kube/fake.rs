//! An in-memory Kubernetes API server behind kube-rs's `Client::new(service, ns)`: discovery
//! for built-in kinds and for every CRD applied to it, server-side apply, get, list by label,
//! delete; every request recorded. Workloads report ready on apply unless held; CRDs become
//! Established and their kinds appear in discovery. Tests only.

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

/// One request the fake server received.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// HTTP method.
    pub method: String,
    /// Path without the query.
    pub path: String,
    /// Query string.
    pub query: String,
    /// Content-Type header.
    pub content_type: String,
}

#[derive(Debug, Clone)]
struct Resource {
    group: String,
    version: String,
    kind: String,
    plural: String,
    namespaced: bool,
}

#[derive(Default)]
struct State {
    resources: Vec<Resource>,
    objects: BTreeMap<String, Value>,
    requests: Vec<Recorded>,
    held: BTreeSet<String>,
    /// Object name -> (HTTP code, message, how many more times to fail).
    failures: BTreeMap<String, (u16, String, usize)>,
    next_uid: u64,
    /// (verb, resource) pairs a SelfSubjectAccessReview denies.
    denied: BTreeSet<(String, String)>,
    /// Every request fails as if the server were unreachable.
    down: bool,
}

/// The fake API server; clone it to keep a handle while the client owns the service.
#[derive(Clone, Default)]
pub struct FakeApi {
    state: Arc<Mutex<State>>,
}

const BUILTIN: &[(&str, &str, &str, &str, bool)] = &[
    ("", "v1", "Namespace", "namespaces", false),
    ("", "v1", "ConfigMap", "configmaps", true),
    ("", "v1", "Secret", "secrets", true),
    ("", "v1", "ServiceAccount", "serviceaccounts", true),
    ("", "v1", "Service", "services", true),
    ("", "v1", "Pod", "pods", true),
    ("", "v1", "Node", "nodes", false),
    (
        "",
        "v1",
        "PersistentVolumeClaim",
        "persistentvolumeclaims",
        true,
    ),
    ("apps", "v1", "Deployment", "deployments", true),
    ("apps", "v1", "DaemonSet", "daemonsets", true),
    ("apps", "v1", "StatefulSet", "statefulsets", true),
    ("batch", "v1", "Job", "jobs", true),
    (
        "rbac.authorization.k8s.io",
        "v1",
        "ClusterRole",
        "clusterroles",
        false,
    ),
    (
        "rbac.authorization.k8s.io",
        "v1",
        "ClusterRoleBinding",
        "clusterrolebindings",
        false,
    ),
    ("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
    (
        "rbac.authorization.k8s.io",
        "v1",
        "RoleBinding",
        "rolebindings",
        true,
    ),
    (
        "apiextensions.k8s.io",
        "v1",
        "CustomResourceDefinition",
        "customresourcedefinitions",
        false,
    ),
    (
        "admissionregistration.k8s.io",
        "v1",
        "ValidatingWebhookConfiguration",
        "validatingwebhookconfigurations",
        false,
    ),
    (
        "admissionregistration.k8s.io",
        "v1",
        "MutatingWebhookConfiguration",
        "mutatingwebhookconfigurations",
        false,
    ),
    (
        "scheduling.k8s.io",
        "v1",
        "PriorityClass",
        "priorityclasses",
        false,
    ),
    (
        "policy",
        "v1",
        "PodDisruptionBudget",
        "poddisruptionbudgets",
        true,
    ),
    (
        "networking.k8s.io",
        "v1",
        "NetworkPolicy",
        "networkpolicies",
        true,
    ),
    ("node.k8s.io", "v1", "RuntimeClass", "runtimeclasses", false),
    ("coordination.k8s.io", "v1", "Lease", "leases", true),
    (
        "authorization.k8s.io",
        "v1",
        "SelfSubjectAccessReview",
        "selfsubjectaccessreviews",
        false,
    ),
];

impl FakeApi {
    /// A server that serves the built-in kinds.
    pub fn new() -> FakeApi {
        let fake = FakeApi::default();
        {
            let mut s = fake.state.lock().unwrap();
            for (g, v, k, p, n) in BUILTIN {
                s.resources.push(Resource {
                    group: g.to_string(),
                    version: v.to_string(),
                    kind: k.to_string(),
                    plural: p.to_string(),
                    namespaced: *n,
                });
            }
        }
        fake
    }

    /// A kube client talking to this server.
    pub fn client(&self) -> ::kube::Client {
        let me = self.clone();
        let service = tower::service_fn(move |req: Request<::kube::client::Body>| {
            let me = me.clone();
            async move {
                let (parts, body) = req.into_parts();
                let bytes = body
                    .collect()
                    .await
                    .map(|b| b.to_bytes())
                    .unwrap_or_default();
                Ok::<_, std::convert::Infallible>(me.handle(parts, bytes))
            }
        });
        ::kube::Client::new(service, "default")
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.state.lock().unwrap().requests.clear();
    }

    /// The stored object `kind` `name` (in any namespace).
    pub fn object(&self, kind: &str, name: &str) -> Option<Value> {
        let s = self.state.lock().unwrap();
        s.objects
            .values()
            .find(|o| o["kind"] == kind && o["metadata"]["name"] == name)
            .cloned()
    }

    /// Names of every stored object as `Kind/name`, sorted.
    pub fn names(&self) -> Vec<String> {
        let s = self.state.lock().unwrap();
        let mut v: Vec<String> = s
            .objects
            .values()
            .map(|o| {
                format!(
                    "{}/{}",
                    o["kind"].as_str().unwrap_or(""),
                    o["metadata"]["name"].as_str().unwrap_or("")
                )
            })
            .collect();
        v.sort();
        v
    }

    /// Makes SelfSubjectAccessReviews deny `verb` on `resource`.
    pub fn deny(&self, verb: &str, resource: &str) {
        self.state
            .lock()
            .unwrap()
            .denied
            .insert((verb.to_string(), resource.to_string()));
    }

    /// Makes the server answer every request with 503 (unreachable) or serve again.
    pub fn set_down(&self, down: bool) {
        self.state.lock().unwrap().down = down;
    }

    /// Stores an object as if another client had created it (nodes, pods).
    pub fn insert(&self, obj: Value) {
        let mut s = self.state.lock().unwrap();
        let kind = obj["kind"].as_str().unwrap_or_default().to_string();
        let api_version = obj["apiVersion"].as_str().unwrap_or_default();
        let group = api_version
            .rsplit_once('/')
            .map(|(g, _)| g)
            .unwrap_or("")
            .to_string();
        let ns = obj["metadata"]["namespace"]
            .as_str()
            .unwrap_or("")
            .to_string();
        let name = obj["metadata"]["name"].as_str().unwrap_or("").to_string();
        s.objects.insert(format!("{group}/{kind}/{ns}/{name}"), obj);
    }

    /// Keeps objects named `name` not ready (no status) until released.
    pub fn hold(&self, name: &str) {
        self.state.lock().unwrap().held.insert(name.to_string());
    }

    /// Lets a held object become ready (its status is filled in now).
    pub fn release(&self, name: &str) {
        let mut s = self.state.lock().unwrap();
        s.held.remove(name);
        let keys: Vec<String> = s
            .objects
            .iter()
            .filter(|(_, o)| o["metadata"]["name"] == name)
            .map(|(k, _)| k.clone())
            .collect();
        for k in keys {
            if let Some(o) = s.objects.get_mut(&k) {
                fill_status(o);
            }
        }
    }

    /// Sets an object's status (for custom conditions).
    pub fn set_status(&self, kind: &str, name: &str, status: Value) {
        let mut s = self.state.lock().unwrap();
        for o in s.objects.values_mut() {
            if o["kind"] == kind && o["metadata"]["name"] == name {
                o["status"] = status.clone();
            }
        }
    }

    /// Makes the next `times` applies of objects named `name` fail with `code` and `message`.
    pub fn fail(&self, name: &str, code: u16, message: &str, times: usize) {
        self.state
            .lock()
            .unwrap()
            .failures
            .insert(name.to_string(), (code, message.to_string(), times));
    }

    fn handle(&self, parts: http::request::Parts, body: Bytes) -> Response<Full<Bytes>> {
        let path = parts.uri.path().to_string();
        let query = parts.uri.query().unwrap_or_default().to_string();
        let content_type = parts
            .headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let parsed: Option<Value> = serde_json::from_slice(&body).ok();
        let mut s = self.state.lock().unwrap();
        if s.down {
            return status(503, "ServiceUnavailable", "connection refused");
        }
        s.requests.push(Recorded {
            method: parts.method.to_string(),
            path: path.clone(),
            query: query.clone(),
            content_type,
        });
        if path == "/version" {
            return ok(
                json!({"major": "1", "minor": "36", "gitVersion": "v1.36.4", "platform": "linux/amd64"}),
            );
        }
        let subresource_status = path.ends_with("/status");
        let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
        // Discovery.
        let (group, version, rest) = match segs.as_slice() {
            ["api", v, rest @ ..] => ("", *v, rest),
            ["apis", g, v, rest @ ..] => (*g, *v, rest),
            _ => return status(404, "NotFound", &format!("{path} not found")),
        };
        if rest.is_empty() {
            let resources: Vec<Value> = s
                .resources
                .iter()
                .filter(|r| r.group == group && r.version == version)
                .map(|r| {
                    json!({"name": r.plural, "singularName": r.kind.to_lowercase(), "namespaced": r.namespaced,
                           "kind": r.kind, "verbs": ["create","delete","get","list","patch","update","watch"]})
                })
                .collect();
            if resources.is_empty() {
                return status(
                    404,
                    "NotFound",
                    &format!("the server could not find {path}"),
                );
            }
            let gv = if group.is_empty() {
                version.to_string()
            } else {
                format!("{group}/{version}")
            };
            return ok(
                json!({"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": resources}),
            );
        }
        let (namespace, plural, name) = match rest {
            ["namespaces", ns, plural] => (Some(*ns), *plural, None),
            ["namespaces", ns, plural, name, ..] => (Some(*ns), *plural, Some(*name)),
            [plural] => (None, *plural, None),
            [plural, name, ..] => (None, *plural, Some(*name)),
            _ => return status(404, "NotFound", "bad path"),
        };
        // `/api/v1/namespaces/x` is the Namespace x itself.
        let (namespace, plural, name) = match (namespace, plural, name) {
            (Some(ns), p, None)
                if group.is_empty() && !s.resources.iter().any(|r| r.plural == p) =>
            {
                (None, "namespaces", Some(ns))
            }
            other => other,
        };
        let Some(res) = s
            .resources
            .iter()
            .find(|r| r.group == group && r.version == version && r.plural == plural)
            .cloned()
        else {
            return status(
                404,
                "NotFound",
                &format!("the server could not find the requested resource ({plural})"),
            );
        };
        let key = |n: &str| format!("{group}/{}/{}/{n}", res.kind, namespace.unwrap_or(""));
        match (parts.method.as_str(), name) {
            ("PATCH", Some(name)) => {
                let Some(mut obj) = parsed else {
                    return status(400, "BadRequest", "no body");
                };
                // A JSON merge patch changes the stored object (RFC 7386); anything else is
                // treated as a server-side apply of the whole object.
                if content_type_of(&s).contains("merge-patch") {
                    let k = key(name);
                    let Some(mut current) = s.objects.get(&k).cloned() else {
                        return status(404, "NotFound", &format!("{plural} \"{name}\" not found"));
                    };
                    json_patch::merge(&mut current, &obj);
                    s.objects.insert(k, current.clone());
                    return ok(current);
                }
                if let Some((code, msg, times)) = s.failures.get_mut(name)
                    && *times > 0
                {
                    *times -= 1;
                    let (code, msg) = (*code, msg.clone());
                    return status(code, "InternalError", &msg);
                }
                let k = key(name);
                // Optimistic concurrency: a resourceVersion in the body must be the current one.
                if let Some(want) = obj
                    .pointer("/metadata/resourceVersion")
                    .and_then(Value::as_str)
                    && !subresource_status
                {
                    let have = s
                        .objects
                        .get(&k)
                        .and_then(|o| o.pointer("/metadata/resourceVersion"))
                        .and_then(Value::as_str);
                    if have != Some(want) {
                        return status(
                            409,
                            "Conflict",
                            &format!(
                                "Operation cannot be fulfilled on {plural} \"{name}\": the object has been modified"
                            ),
                        );
                    }
                }
                s.next_uid += 1;
                let uid = s.next_uid;
                let generation = s
                    .objects
                    .get(&k)
                    .and_then(|o| o.pointer("/metadata/generation").and_then(Value::as_i64))
                    .unwrap_or(0)
                    + 1;
                if let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
                    meta.insert("uid".into(), json!(format!("uid-{uid}")));
                    meta.insert("generation".into(), json!(generation));
                    meta.insert("resourceVersion".into(), json!(uid.to_string()));
                    if let Some(ns) = namespace {
                        meta.insert("namespace".into(), json!(ns));
                    }
                }
                if subresource_status {
                    // Only the status changes.
                    let Some(mut current) = s.objects.get(&k).cloned() else {
                        return status(404, "NotFound", &format!("{plural} \"{name}\" not found"));
                    };
                    current["status"] = obj.get("status").cloned().unwrap_or(Value::Null);
                    s.objects.insert(k, current.clone());
                    return ok(current);
                }
                if let Some(old_status) = s.objects.get(&k).and_then(|o| o.get("status")).cloned() {
                    obj["status"] = old_status;
                }
                // The token controller fills service-account token Secrets.
                if res.kind == "Secret" && obj["type"] == "kubernetes.io/service-account-token" {
                    use base64::Engine;
                    let b64 = |t: &str| base64::engine::general_purpose::STANDARD.encode(t);
                    obj["data"] = json!({"token": b64(&format!("token-of-{name}")), "ca.crt": b64("fake-ca"), "namespace": b64(namespace.unwrap_or(""))});
                }
                if !s.held.contains(name) {
                    fill_status(&mut obj);
                }
                if res.kind == "CustomResourceDefinition" {
                    let g = obj
                        .pointer("/spec/group")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    let kind = obj
                        .pointer("/spec/names/kind")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    let plural = obj
                        .pointer("/spec/names/plural")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    let namespaced =
                        obj.pointer("/spec/scope").and_then(Value::as_str) == Some("Namespaced");
                    for v in obj
                        .pointer("/spec/versions")
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default()
                    {
                        let v = v["name"].as_str().unwrap_or("").to_string();
                        if !s
                            .resources
                            .iter()
                            .any(|r| r.group == g && r.version == v && r.kind == kind)
                        {
                            s.resources.push(Resource {
                                group: g.clone(),
                                version: v,
                                kind: kind.clone(),
                                plural: plural.clone(),
                                namespaced,
                            });
                        }
                    }
                }
                s.objects.insert(k, obj.clone());
                ok(obj)
            }
            ("POST", None) if res.kind == "SelfSubjectAccessReview" => {
                let mut review = parsed.unwrap_or(Value::Null);
                let attrs = &review["spec"]["resourceAttributes"];
                let verb = attrs["verb"].as_str().unwrap_or("").to_string();
                let resource = attrs["resource"].as_str().unwrap_or("").to_string();
                let denied = s.denied.contains(&(verb, resource));
                review["status"] = json!({"allowed": !denied, "reason": if denied { "RBAC: access denied" } else { "" }});
                ok(review)
            }
            ("POST", None) => {
                let Some(mut obj) = parsed else {
                    return status(400, "BadRequest", "no body");
                };
                let name = obj
                    .pointer("/metadata/name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let k = key(&name);
                if s.objects.contains_key(&k) {
                    return status(
                        409,
                        "AlreadyExists",
                        &format!("{plural} \"{name}\" already exists"),
                    );
                }
                s.next_uid += 1;
                let uid = s.next_uid;
                if let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
                    meta.insert("uid".into(), json!(format!("uid-{uid}")));
                    meta.insert("resourceVersion".into(), json!(uid.to_string()));
                    if let Some(ns) = namespace {
                        meta.insert("namespace".into(), json!(ns));
                    }
                }
                s.objects.insert(k, obj.clone());
                respond(201, obj)
            }
            ("GET", Some(name)) => match s.objects.get(&key(name)) {
                Some(o) => ok(o.clone()),
                None => status(404, "NotFound", &format!("{plural} \"{name}\" not found")),
            },
            ("DELETE", Some(name)) => match s.objects.remove(&key(name)) {
                Some(_) => ok(
                    json!({"kind": "Status", "apiVersion": "v1", "status": "Success", "code": 200}),
                ),
                None => status(404, "NotFound", &format!("{plural} \"{name}\" not found")),
            },
            ("GET", None) => {
                let selector: Vec<(String, String)> = query
                    .split('&')
                    .filter_map(|kv| kv.strip_prefix("labelSelector="))
                    .flat_map(|sel| {
                        let sel = percent_decode(sel);
                        sel.split(',')
                            .filter_map(|p| {
                                p.split_once('=')
                                    .map(|(k, v)| (k.to_string(), v.to_string()))
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect();
                let items: Vec<Value> = s
                    .objects
                    .values()
                    .filter(|o| o["kind"] == res.kind.as_str())
                    .filter(|o| namespace.is_none_or(|ns| o["metadata"]["namespace"] == ns))
                    .filter(|o| {
                        selector
                            .iter()
                            .all(|(k, v)| o["metadata"]["labels"][k] == v.as_str())
                    })
                    .cloned()
                    .collect();
                ok(
                    json!({"kind": format!("{}List", res.kind), "apiVersion": "v1", "metadata": {"resourceVersion": "1"}, "items": items}),
                )
            }
            _ => status(405, "MethodNotAllowed", "not supported by the fake server"),
        }
    }
}

fn content_type_of(s: &State) -> String {
    s.requests
        .last()
        .map(|r| r.content_type.clone())
        .unwrap_or_default()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(x) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(x);
            i += 3;
            continue;
        }
        out.push(if b[i] == b'+' { b' ' } else { b[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What a healthy controller would write into the status of a fresh object.
fn fill_status(o: &mut Value) {
    let generation = o
        .pointer("/metadata/generation")
        .cloned()
        .unwrap_or(json!(1));
    let replicas = o
        .pointer("/spec/replicas")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let kind = o["kind"].as_str().unwrap_or_default().to_string();
    let st = match kind.as_str() {
        "Deployment" => {
            json!({"observedGeneration": generation, "replicas": replicas, "updatedReplicas": replicas,
            "readyReplicas": replicas, "availableReplicas": replicas,
            "conditions": [{"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"}]})
        }
        "StatefulSet" => {
            json!({"observedGeneration": generation, "replicas": replicas, "updatedReplicas": replicas,
            "readyReplicas": replicas, "availableReplicas": replicas})
        }
        "DaemonSet" => {
            json!({"observedGeneration": generation, "desiredNumberScheduled": 2, "updatedNumberScheduled": 2,
            "numberAvailable": 2, "numberReady": 2})
        }
        "CustomResourceDefinition" => {
            json!({"conditions": [{"type": "NamesAccepted", "status": "True"},
            {"type": "Established", "status": "True"}]})
        }
        "Service" if o.pointer("/spec/type").and_then(Value::as_str) == Some("LoadBalancer") => {
            json!({"loadBalancer": {"ingress": [{"ip": "192.0.2.10"}]}})
        }
        _ => return,
    };
    o["status"] = st;
}

fn ok(v: Value) -> Response<Full<Bytes>> {
    respond(200, v)
}

fn status(code: u16, reason: &str, message: &str) -> Response<Full<Bytes>> {
    respond(
        code,
        json!({"kind": "Status", "apiVersion": "v1", "status": "Failure", "code": code, "reason": reason, "message": message}),
    )
}

fn respond(code: u16, v: Value) -> Response<Full<Bytes>> {
    Response::builder()
        .status(StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header(http::header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(v.to_string())))
        .unwrap()
}
