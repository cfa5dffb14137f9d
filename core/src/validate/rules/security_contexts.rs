//! Container `securityContext` and pod `podSecurityContext`, checked as the API server
//! checks them: user and group ids within 0-2147483647; no `privileged` or `CAP_SYS_ADMIN`
//! beside `allowPrivilegeEscalation: false`; `localhostProfile` exactly with a `Localhost`
//! seccomp profile, as a relative path that does not climb. `runAsNonRoot` with user 0
//! (the container's, else the pod's) passes the API server, but the kubelet then refuses
//! to start the container: the same error.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, WORKLOAD_KINDS};
use crate::model::kinds::{
    PodSecurityContext, SeccompProfile, SeccompProfileType, SecurityContext,
};
use crate::model::{FieldPath, Int, Wire};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::InvalidSecurityContext],
    check: Check::Nodes(WORKLOAD_KINDS, check),
};

const ID_MAX: i64 = i32::MAX as i64;

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let Some(fields) = node.data().and_then(|data| data.container()) else {
        return;
    };
    let container = fields.security_context.and_then(Wire::unboxed);
    let pod = fields.pod_security_context.and_then(Wire::unboxed);
    let mut check = ContextCheck { cx, node };
    if let Some(pod) = pod {
        let at = |key: &str| node.data_path().key("podSecurityContext").key(key);
        for (key, id) in [
            ("runAsUser", &pod.run_as_user),
            ("runAsGroup", &pod.run_as_group),
            ("fsGroup", &pod.fs_group),
        ] {
            check.id(id, "podSecurityContext", key, || at(key));
        }
        for (index, group) in pod.supplemental_groups.items().iter().enumerate() {
            let key = "supplementalGroups";
            check.id(group, "podSecurityContext", key, || at(key).index(index));
        }
        if let Some(profile) = pod.seccomp_profile.get() {
            check.seccomp(profile, "podSecurityContext", || at("seccompProfile"));
        }
    }
    container_context(&mut check, container, pod, &|| node.data_path());
    for (list, index, further) in fields.further_containers() {
        // A further container without a context of its own adds nothing to check: the
        // pod's settings are reported once, with the workload's own container.
        if let Some(context) = further.security_context.unboxed() {
            let base = || node.data_path().key(list.field()).index(index);
            container_context(&mut check, Some(context), pod, &base);
        }
    }
}

/// The security context of one container of the pod, whose fields lie under `base`.
fn container_context(
    check: &mut ContextCheck<'_, '_>,
    container: Option<&SecurityContext>,
    pod: Option<&PodSecurityContext>,
    base: &dyn Fn() -> FieldPath,
) {
    if let Some(container) = container {
        let at = |key: &str| base().key("securityContext").key(key);
        check.id(
            &container.run_as_user,
            "securityContext",
            "runAsUser",
            || at("runAsUser"),
        );
        check.id(
            &container.run_as_group,
            "securityContext",
            "runAsGroup",
            || at("runAsGroup"),
        );
        if let Some(profile) = container.seccomp_profile.get() {
            check.seccomp(profile, "securityContext", || at("seccompProfile"));
        }
        if container.allow_privilege_escalation.get() == Some(&false) {
            let sys_admin = container.capabilities.get().is_some_and(|capabilities| {
                // The API server matches this spelling only; `SYS_ADMIN` passes it.
                capabilities
                    .add
                    .items()
                    .iter()
                    .any(|name| name.trim() == "CAP_SYS_ADMIN")
            });
            if container.privileged.is_true() {
                check.report(
                    at("privileged"),
                    "is privileged with allowPrivilegeEscalation false; the API server refuses it",
                    "a privileged container can always escalate: drop privileged or allowPrivilegeEscalation",
                );
            } else if sys_admin {
                check.report(
                    at("capabilities").key("add"),
                    "adds CAP_SYS_ADMIN with allowPrivilegeEscalation false; the API server refuses it",
                    "CAP_SYS_ADMIN allows escalation: drop the capability or allowPrivilegeEscalation",
                );
            }
        }
    }
    // The container's settings override the pod's.
    let non_root = container
        .and_then(|context| context.run_as_non_root.get())
        .or_else(|| pod.and_then(|context| context.run_as_non_root.get()));
    let user = match container.and_then(|context| context.run_as_user.int()) {
        Some(user) => Some((user, "securityContext")),
        None => pod
            .and_then(|context| context.run_as_user.int())
            .map(|user| (user, "podSecurityContext")),
    };
    if let (Some(true), Some((0, set_in))) = (non_root, user) {
        check.report(
            match set_in {
                "securityContext" => base().key(set_in).key("runAsUser"),
                _ => check.node.data_path().key(set_in).key("runAsUser"),
            },
            "runs as user 0 with runAsNonRoot; the kubelet refuses to start the container",
            "run as a non-zero user, or drop runAsNonRoot",
        );
    }
}

struct ContextCheck<'c, 'a> {
    cx: &'c mut Context<'a>,
    node: &'a GraphNode<'a>,
}

impl ContextCheck<'_, '_> {
    fn report(&mut self, at: FieldPath, problem: &str, hint: &str) {
        let message = format!("{} {problem}", self.node.describe());
        self.cx
            .report(node_problem(self.node, at, Code::InvalidSecurityContext, message).hint(hint));
    }

    /// A user or group id outside 0-2147483647.
    fn id(&mut self, id: &Wire<Int>, context: &str, key: &str, at: impl FnOnce() -> FieldPath) {
        let Some(id) = id.int() else { return };
        if !(0..=ID_MAX).contains(&id) {
            let problem = format!("has {context} {key} {id}, outside 0-{ID_MAX}");
            self.report(at(), &problem, "use an id from 0 to 2147483647");
        }
    }

    fn seccomp(&mut self, profile: &SeccompProfile, context: &str, at: impl Fn() -> FieldPath) {
        let localhost = profile.profile_type.get() == Some(&SeccompProfileType::Localhost);
        let path = profile.localhost_profile.non_empty();
        let problem = match path {
            None if localhost => {
                format!("has a Localhost seccomp profile in {context} without localhostProfile")
            }
            Some(_) if !localhost && !profile.profile_type.is_invalid() => format!(
                "sets localhostProfile in {context} for a seccomp profile that is not Localhost"
            ),
            Some(path) if path.starts_with('/') || path.split('/').any(|part| part == "..") => {
                format!(
                    "has localhostProfile \"{path}\" in {context}; it must be a relative path without '..'"
                )
            }
            _ => return,
        };
        self.report(
            at(),
            &format!("{problem}; the API server refuses it"),
            "with type Localhost, name the profile file relative to the kubelet's seccomp directory; otherwise leave localhostProfile out",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn security_contexts_the_api_server_refuses_are_errors() {
        let found = diagnostics_of(
            Code::InvalidSecurityContext,
            r#"{"nodes": [
                {"id": "a", "type": "deployment", "data": {"name": "a",
                    "securityContext": {"privileged": true, "allowPrivilegeEscalation": false, "runAsUser": -1,
                        "seccompProfile": {"type": "Localhost"}},
                    "podSecurityContext": {"fsGroup": 3000000000, "supplementalGroups": [1000, -5],
                        "seccompProfile": {"type": "RuntimeDefault", "localhostProfile": "x.json"}}}},
                {"id": "b", "type": "job", "data": {"name": "b",
                    "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"add": ["CAP_SYS_ADMIN"]},
                        "seccompProfile": {"type": "Localhost", "localhostProfile": "../etc/profile.json"}}}},
                {"id": "c", "type": "cronjob", "data": {"name": "c",
                    "securityContext": {"runAsNonRoot": true}, "podSecurityContext": {"runAsUser": 0}}},
                {"id": "d", "type": "statefulset", "data": {"name": "d",
                    "securityContext": {"runAsNonRoot": true, "runAsUser": 1000, "allowPrivilegeEscalation": false,
                        "readOnlyRootFilesystem": true, "capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE", "SYS_ADMIN"]},
                        "seccompProfile": {"type": "Localhost", "localhostProfile": "profiles/audit.json"}},
                    "podSecurityContext": {"runAsUser": 0, "fsGroup": 2000, "fsGroupChangePolicy": "OnRootMismatch"}}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "invalid-security-context",
                    "/nodes/0/data/podSecurityContext/fsGroup".into(),
                    "a"
                ),
                (
                    "invalid-security-context",
                    "/nodes/0/data/podSecurityContext/seccompProfile".into(),
                    "a"
                ),
                (
                    "invalid-security-context",
                    "/nodes/0/data/podSecurityContext/supplementalGroups/1".into(),
                    "a"
                ),
                (
                    "invalid-security-context",
                    "/nodes/0/data/securityContext/privileged".into(),
                    "a"
                ),
                (
                    "invalid-security-context",
                    "/nodes/0/data/securityContext/runAsUser".into(),
                    "a"
                ),
                (
                    "invalid-security-context",
                    "/nodes/0/data/securityContext/seccompProfile".into(),
                    "a"
                ),
                (
                    "invalid-security-context",
                    "/nodes/1/data/securityContext/capabilities/add".into(),
                    "b"
                ),
                (
                    "invalid-security-context",
                    "/nodes/1/data/securityContext/seccompProfile".into(),
                    "b"
                ),
                (
                    "invalid-security-context",
                    "/nodes/2/data/podSecurityContext/runAsUser".into(),
                    "c"
                ),
            ]
        );
        assert_eq!(
            found[3].message,
            "deployment \"a\" is privileged with allowPrivilegeEscalation false; the API server refuses it"
        );
        assert_eq!(
            found[8].message,
            "cronjob \"c\" runs as user 0 with runAsNonRoot; the kubelet refuses to start the container"
        );
    }
}
