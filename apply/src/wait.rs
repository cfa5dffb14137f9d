//! Readiness per kind, and the per-node status a canvas colours its nodes with.
//!
//! Readiness follows what the controllers report (the rules of `kubectl rollout status`
//! and kstatus): a workload is ready when its controller has observed the current
//! generation and enough replicas are updated and available; a Job when it completed (a
//! failed Job is an error); a claim when bound; a LoadBalancer Service or an Ingress when
//! it has an address. Other kinds are ready once applied, unless they report a `Ready`
//! condition. Statuses are read from plain JSON so custom resources need no types.

use std::collections::BTreeMap;
use std::time::Duration;

use kube::api::{Api, DynamicObject};
use serde_json::Value;
use tokio::time::{Instant, sleep};

use crate::inventory::ObjectRef;
use crate::plan::to_value;
use crate::report::{Health, NodeStatus, ObjectResult, Outcome};

/// An applied object to observe.
pub(crate) struct Target {
    pub(crate) node_id: Option<String>,
    pub(crate) object: ObjectRef,
    pub(crate) api: Api<DynamicObject>,
}

/// What was seen of one object.
pub(crate) struct Observation {
    node_id: Option<String>,
    health: Health,
    message: String,
}

const POLL: Duration = Duration::from_secs(1);

/// Observes every target once, or (with a timeout) until all are healthy or failed.
pub(crate) async fn observe(targets: &[Target], timeout: Option<Duration>) -> Vec<Observation> {
    let deadline = timeout.map(|timeout| Instant::now() + timeout);
    loop {
        let mut observations = Vec::with_capacity(targets.len());
        for target in targets {
            let (health, message) = match target.api.get_opt(&target.object.name).await {
                Ok(Some(live)) => readiness(&target.object.kind, &to_value(live)),
                Ok(None) => (Health::Pending, "not found".to_owned()),
                Err(error) => (Health::Error, format!("cannot read it: {error}")),
            };
            observations.push(Observation {
                node_id: target.node_id.clone(),
                health,
                message: format!("{}: {message}", target.object),
            });
        }
        let settled = observations
            .iter()
            .all(|seen| matches!(seen.health, Health::Healthy | Health::Error));
        let Some(deadline) = deadline else {
            return observations;
        };
        let now = Instant::now();
        if settled || now >= deadline {
            if !settled {
                let waited = timeout.unwrap_or_default().as_secs();
                for seen in &mut observations {
                    if !matches!(seen.health, Health::Healthy | Health::Error) {
                        seen.message = format!("timed out after {waited} s: {}", seen.message);
                    }
                }
            }
            return observations;
        }
        sleep(POLL.min(deadline - now)).await;
    }
}

/// Per node: apply failures are errors; otherwise the readiness of its objects. Generated
/// objects (no node) and pruned objects have no node to colour.
pub(crate) fn node_statuses(
    results: &[ObjectResult],
    observations: &[Observation],
) -> BTreeMap<String, NodeStatus> {
    let mut per_node: BTreeMap<String, Vec<(Health, String)>> = BTreeMap::new();
    for result in results {
        if let (Some(node), Outcome::Failed { error }) = (&result.node_id, &result.outcome) {
            per_node
                .entry(node.clone())
                .or_default()
                .push((Health::Error, format!("{}: {error}", result.object)));
        }
    }
    for seen in observations {
        if let Some(node) = &seen.node_id {
            per_node
                .entry(node.clone())
                .or_default()
                .push((seen.health, seen.message.clone()));
        }
    }
    per_node
        .into_iter()
        .map(|(node, states)| (node, combine(&states)))
        .collect()
}

/// In a dry run nothing exists to observe: nodes are errors or pending.
pub(crate) fn dry_run_statuses(results: &[ObjectResult]) -> BTreeMap<String, NodeStatus> {
    let observations: Vec<Observation> = results
        .iter()
        .filter(|result| {
            !matches!(
                result.outcome,
                Outcome::Failed { .. } | Outcome::Deleted | Outcome::Kept { .. }
            )
        })
        .map(|result| Observation {
            node_id: result.node_id.clone(),
            health: Health::Pending,
            message: format!("{}: dry run, nothing applied", result.object),
        })
        .collect();
    node_statuses(results, &observations)
}

fn combine(states: &[(Health, String)]) -> NodeStatus {
    let all = |health| states.iter().all(|(seen, _)| *seen == health);
    let any = |health| states.iter().any(|(seen, _)| *seen == health);
    let status = if any(Health::Error) {
        Health::Error
    } else if all(Health::Healthy) {
        Health::Healthy
    } else if any(Health::Healthy) || any(Health::Partial) {
        Health::Partial
    } else {
        Health::Pending
    };
    // Say what is wrong; when nothing is, say what is right.
    let relevant: Vec<&str> = states
        .iter()
        .filter(|(seen, _)| status == Health::Healthy || *seen != Health::Healthy)
        .map(|(_, message)| message.as_str())
        .collect();
    NodeStatus {
        status,
        message: relevant.join("; "),
    }
}

fn int(object: &Value, pointer: &str) -> Option<i64> {
    object.pointer(pointer).and_then(Value::as_i64)
}

fn condition<'a>(object: &'a Value, kind: &str) -> Option<&'a Value> {
    object
        .pointer("/status/conditions")?
        .as_array()?
        .iter()
        .find(|condition| condition["type"] == kind)
}

fn is_true(condition: Option<&Value>) -> bool {
    condition.is_some_and(|condition| condition["status"] == "True")
}

/// The readiness of one live object.
pub(crate) fn readiness(kind: &str, object: &Value) -> (Health, String) {
    match kind {
        "Deployment" | "StatefulSet" | "DaemonSet" => rollout(kind, object),
        "Job" => job(object),
        "PersistentVolumeClaim" => match object.pointer("/status/phase").and_then(Value::as_str) {
            Some("Bound") => (Health::Healthy, "bound".to_owned()),
            Some("Lost") => (Health::Error, "lost its volume".to_owned()),
            phase => (
                Health::Pending,
                format!("not bound yet ({})", phase.unwrap_or("no phase")),
            ),
        },
        "Service" if object.pointer("/spec/type") == Some(&Value::from("LoadBalancer")) => {
            address(object, "load balancer")
        }
        "Ingress" => address(object, "ingress controller"),
        _ => match condition(object, "Ready") {
            Some(ready) if ready["status"] == "True" => (Health::Healthy, "ready".to_owned()),
            Some(ready) => (
                Health::Pending,
                format!(
                    "not ready: {}",
                    ready["message"].as_str().unwrap_or("no message")
                ),
            ),
            None => (Health::Healthy, "applied".to_owned()),
        },
    }
}

fn rollout(kind: &str, object: &Value) -> (Health, String) {
    let generation = int(object, "/metadata/generation").unwrap_or_default();
    let observed = int(object, "/status/observedGeneration");
    if observed.is_none_or(|observed| observed < generation) {
        return (
            Health::Pending,
            "waiting for the controller to observe the latest spec".to_owned(),
        );
    }
    if let Some(progressing) = condition(object, "Progressing")
        && progressing["reason"] == "ProgressDeadlineExceeded"
    {
        return (
            Health::Error,
            "rollout exceeded its progress deadline".to_owned(),
        );
    }
    let (desired, updated, ready, noun) = match kind {
        "DaemonSet" => (
            int(object, "/status/desiredNumberScheduled").unwrap_or_default(),
            int(object, "/status/updatedNumberScheduled").unwrap_or_default(),
            int(object, "/status/numberReady").unwrap_or_default(),
            "ready",
        ),
        "StatefulSet" => (
            int(object, "/spec/replicas").unwrap_or(1),
            int(object, "/status/updatedReplicas").unwrap_or_default(),
            int(object, "/status/readyReplicas").unwrap_or_default(),
            "ready",
        ),
        _ => (
            int(object, "/spec/replicas").unwrap_or(1),
            int(object, "/status/updatedReplicas").unwrap_or_default(),
            int(object, "/status/availableReplicas").unwrap_or_default(),
            "available",
        ),
    };
    let message = format!("{ready} of {desired} {noun}, {updated} updated");
    if updated >= desired && ready >= desired {
        (Health::Healthy, message)
    } else if ready > 0 {
        (Health::Partial, message)
    } else {
        (Health::Pending, message)
    }
}

fn job(object: &Value) -> (Health, String) {
    if is_true(condition(object, "Complete")) {
        return (Health::Healthy, "complete".to_owned());
    }
    if let Some(failed) = condition(object, "Failed").filter(|failed| failed["status"] == "True") {
        let reason = failed["message"]
            .as_str()
            .or(failed["reason"].as_str())
            .unwrap_or("failed");
        return (Health::Error, format!("failed: {reason}"));
    }
    let active = int(object, "/status/active").unwrap_or_default();
    (Health::Pending, format!("running ({active} active)"))
}

fn address(object: &Value, what: &str) -> (Health, String) {
    let assigned = object
        .pointer("/status/loadBalancer/ingress")
        .and_then(Value::as_array)
        .is_some_and(|ingress| !ingress.is_empty());
    if assigned {
        (Health::Healthy, "address assigned".to_owned())
    } else {
        (
            Health::Pending,
            format!("waiting for the {what} to assign an address"),
        )
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn deployments_need_the_observed_generation_and_available_replicas() {
        let mut deployment = json!({"metadata": {"generation": 2}, "spec": {"replicas": 3}});
        assert_eq!(readiness("Deployment", &deployment).0, Health::Pending);
        deployment["status"] =
            json!({"observedGeneration": 2, "updatedReplicas": 3, "availableReplicas": 1});
        assert_eq!(readiness("Deployment", &deployment).0, Health::Partial);
        deployment["status"]["availableReplicas"] = json!(3);
        assert_eq!(
            readiness("Deployment", &deployment),
            (Health::Healthy, "3 of 3 available, 3 updated".to_owned())
        );
        deployment["metadata"]["generation"] = json!(3);
        assert_eq!(readiness("Deployment", &deployment).0, Health::Pending);
    }

    #[test]
    fn jobs_claims_and_addresses() {
        let job = json!({"status": {"conditions": [{"type": "Failed", "status": "True", "message": "BackoffLimitExceeded"}]}});
        assert_eq!(readiness("Job", &job).0, Health::Error);
        let job = json!({"status": {"conditions": [{"type": "Complete", "status": "True"}]}});
        assert_eq!(readiness("Job", &job).0, Health::Healthy);
        assert_eq!(
            readiness(
                "PersistentVolumeClaim",
                &json!({"status": {"phase": "Bound"}})
            )
            .0,
            Health::Healthy
        );
        assert_eq!(
            readiness(
                "PersistentVolumeClaim",
                &json!({"status": {"phase": "Pending"}})
            )
            .0,
            Health::Pending
        );
        let service = json!({"spec": {"type": "LoadBalancer"}, "status": {"loadBalancer": {}}});
        assert_eq!(readiness("Service", &service).0, Health::Pending);
        assert_eq!(
            readiness("Service", &json!({"spec": {"type": "ClusterIP"}})).0,
            Health::Healthy
        );
        let ingress = json!({"status": {"loadBalancer": {"ingress": [{"ip": "10.0.0.9"}]}}});
        assert_eq!(readiness("Ingress", &ingress).0, Health::Healthy);
        assert_eq!(readiness("ConfigMap", &json!({})).0, Health::Healthy);
    }

    #[test]
    fn node_status_combines_its_objects() {
        let state = |health| (health, String::new());
        assert_eq!(
            combine(&[state(Health::Healthy), state(Health::Healthy)]).status,
            Health::Healthy
        );
        assert_eq!(
            combine(&[state(Health::Healthy), state(Health::Pending)]).status,
            Health::Partial
        );
        assert_eq!(combine(&[state(Health::Pending)]).status, Health::Pending);
        assert_eq!(
            combine(&[state(Health::Healthy), state(Health::Error)]).status,
            Health::Error
        );
    }
}
