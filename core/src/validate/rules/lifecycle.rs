//! Container lifecycle hooks (`postStart`, `preStop`), checked as the API server checks
//! them for Kubernetes 1.30 to 1.33: exactly one action, an exec command, an HTTP port that
//! is a number from 1 to 65535 or a port name, valid header names, a sleep from 1 second
//! (1.30 to 1.32 refuse 0) to the pod's termination grace period (30 seconds by default),
//! and no hooks on an init container that is not a native sidecar. Two hooks the API server
//! accepts fail every time, and are errors too: an HTTP port named but not declared by the
//! container (the kubelet cannot resolve it), and the deprecated `tcpSocket`, which the
//! kubelet does not run.

use super::probes::{ActionProblem, PortProblem, action_problems, declared_ports, set_actions};
use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, WORKLOAD_KINDS};
use crate::model::kinds::{ContainerFields, ContainerList, LifecycleHandler};
use crate::model::{FieldPath, Wire};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::InvalidLifecycle],
    check: Check::Nodes(WORKLOAD_KINDS, check),
};

/// Kubernetes' default `terminationGracePeriodSeconds`.
const DEFAULT_GRACE_SECONDS: i64 = 30;

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let Some(container) = node.data().and_then(|data| data.container()) else {
        return;
    };
    // A grace period of another type is reported by `field-types`; a sleep is then not
    // measured against it (as the API server skips it when the pod's is invalid).
    let grace = match container.termination_grace_period_seconds {
        Some(given) if given.is_invalid() => None,
        Some(given) => Some(given.int().unwrap_or(DEFAULT_GRACE_SECONDS)),
        None => Some(DEFAULT_GRACE_SECONDS),
    };
    let mut hooks = Hooks { cx, node, grace };
    hooks.container(&container, &|| node.describe(), &|| node.data_path());
    for (list, index, further) in container.further_containers() {
        let base = || node.data_path().key(list.field()).index(index);
        let owner = || format!("{}[{index}] of {}", list.field(), node.describe());
        let own = further.fields();
        if list == ContainerList::Init
            && !further.restarts_always()
            && !further.lifecycle.is_missing()
        {
            // Only a native sidecar keeps running, so only it is started and stopped.
            let message = format!(
                "lifecycle of {} is refused by the API server: an init container runs to completion and takes no hooks",
                owner()
            );
            hooks.cx.report(
                node_problem(node, base().key("lifecycle"), Code::InvalidLifecycle, message)
                    .hint("remove the hooks, or set restartPolicy Always to make the container a native sidecar"),
            );
            continue;
        }
        hooks.container(&own, &owner, &base);
    }
}

struct Hooks<'c, 'a> {
    cx: &'c mut Context<'a>,
    node: &'a GraphNode<'a>,
    /// The pod's termination grace period, `None` when it is of another type.
    grace: Option<i64>,
}

impl Hooks<'_, '_> {
    /// The hooks of one container of the pod, whose fields lie under `base`.
    fn container(
        &mut self,
        container: &ContainerFields<'_>,
        owner: &dyn Fn() -> String,
        base: &dyn Fn() -> FieldPath,
    ) {
        let Some(lifecycle) = container.lifecycle.and_then(Wire::unboxed) else {
            return;
        };
        for (name, hook) in [
            ("postStart", &lifecycle.post_start),
            ("preStop", &lifecycle.pre_stop),
        ] {
            if let Some(hook) = hook.get() {
                let at = || base().key("lifecycle").key(name);
                let subject = || format!("{name} hook of {}", owner());
                self.hook(hook, container, &subject, &at);
            }
        }
    }

    fn invalid(&mut self, at: FieldPath, message: String, hint: &str) {
        self.cx
            .report(node_problem(self.node, at, Code::InvalidLifecycle, message).hint(hint));
    }

    fn hook(
        &mut self,
        hook: &LifecycleHandler,
        container: &ContainerFields<'_>,
        subject: &dyn Fn() -> String,
        at: &dyn Fn() -> FieldPath,
    ) {
        let actions = set_actions([
            ("exec", hook.exec.is_missing()),
            ("httpGet", hook.http_get.is_missing()),
            ("sleep", hook.sleep.is_missing()),
            ("tcpSocket", hook.tcp_socket.is_missing()),
        ]);
        match actions.as_slice() {
            [] => self.invalid(
                at(),
                format!("{} has no action; the API server refuses it", subject()),
                "set one of exec, httpGet or sleep",
            ),
            [_] => {}
            several => self.invalid(
                at(),
                format!(
                    "{} sets {} actions; the API server takes exactly one",
                    subject(),
                    several.join(", ")
                ),
                "keep one of them",
            ),
        }
        for (path, problem) in action_problems(&hook.exec, &hook.http_get, container, at) {
            match problem {
                ActionProblem::NoCommand => self.invalid(
                    path,
                    format!("{} runs no command; the API server refuses it", subject()),
                    "set the command to run, for example [\"/bin/sh\", \"-c\", \"nginx -s quit\"]",
                ),
                ActionProblem::Port(problem) => self.port(Some(problem), container, subject, path),
                ActionProblem::HeaderName(name) => self.invalid(
                    path,
                    format!(
                        "{} sends a header named \"{name}\", which is not a valid header name",
                        subject()
                    ),
                    "use letters, digits and '-'",
                ),
            }
        }
        if let Some(sleep) = hook.sleep.get() {
            self.sleep(&sleep.seconds, subject, &|| {
                at().key("sleep").key("seconds")
            });
        }
        if hook.tcp_socket.get().is_some() {
            self.invalid(
                at().key("tcpSocket"),
                format!(
                    "{} uses tcpSocket, which Kubernetes deprecated for hooks: the API server accepts it, but the kubelet fails the hook every time",
                    subject()
                ),
                "use exec, httpGet or sleep",
            );
        }
    }

    fn port(
        &mut self,
        problem: Option<PortProblem<'_>>,
        container: &ContainerFields<'_>,
        subject: &dyn Fn() -> String,
        at: FieldPath,
    ) {
        match problem {
            None => {}
            Some(PortProblem::OutOfRange) => self.invalid(
                at,
                format!(
                    "{} has no port from 1 to 65535; the API server refuses it",
                    subject()
                ),
                "set the container port to call, as a number or the name of a container port",
            ),
            Some(PortProblem::BadName(name, problem)) => self.invalid(
                at,
                format!(
                    "{} names port \"{name}\", which is not a valid port name: it {problem}",
                    subject()
                ),
                "use a number from 1 to 65535, or the name of a container port",
            ),
            Some(PortProblem::Undeclared(name)) => self.invalid(
                at,
                format!(
                    "{} calls port \"{name}\", which its container does not declare ({}); the hook would fail every time",
                    subject(),
                    declared_ports(container)
                ),
                "call the port by number, or by the name of a container port",
            ),
        }
    }

    /// A sleep's seconds: required, from 1 to the pod's grace period.
    fn sleep(
        &mut self,
        seconds: &Wire<crate::model::Int>,
        subject: &dyn Fn() -> String,
        at: &dyn Fn() -> FieldPath,
    ) {
        if seconds.is_invalid() {
            return;
        }
        let seconds = seconds.int();
        if let Some(seconds) = seconds.filter(|seconds| *seconds >= 1) {
            return self.longer_than_grace(seconds, subject, at);
        }
        let slept = match seconds {
            Some(seconds) => format!("sleeps {seconds} seconds"),
            None => "sleeps no seconds".to_owned(),
        };
        self.invalid(
            at(),
            format!(
                "{} {slept}; the API server takes 1 or more (0 only from Kubernetes 1.33)",
                subject()
            ),
            "set seconds to 1 or more, or remove the hook",
        );
    }

    fn longer_than_grace(
        &mut self,
        seconds: i64,
        subject: &dyn Fn() -> String,
        at: &dyn Fn() -> FieldPath,
    ) {
        if let Some(grace) = self.grace.filter(|grace| seconds > *grace) {
            self.invalid(
                at(),
                format!(
                    "{} sleeps {seconds} seconds, longer than the pod's terminationGracePeriodSeconds ({grace}); the API server refuses it",
                    subject()
                ),
                &format!(
                    "sleep at most {grace} seconds, or raise terminationGracePeriodSeconds"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Severity};
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn hooks_kubernetes_runs_pass() {
        let found = diagnostics_of(
            Code::InvalidLifecycle,
            r#"{"nodes": [{"id": "d", "type": "statefulset", "data": {"name": "db", "port": 9042,
                "terminationGracePeriodSeconds": 1800,
                "lifecycle": {"preStop": {"exec": {"command": ["/bin/sh", "-c", "nodetool drain"]}},
                    "postStart": {"httpGet": {"path": "/warm", "port": "http", "httpHeaders": [{"name": "X-Hook", "value": "1"}]}}},
                "initContainers": [{"name": "proxy", "image": "envoy", "restartPolicy": "Always",
                    "lifecycle": {"preStop": {"sleep": {"seconds": 1800}}}}],
                "sidecars": [{"name": "shipper", "image": "fluent-bit",
                    "lifecycle": {"preStop": {"httpGet": {"port": 2020}}}}]}},
              {"id": "j", "type": "cronjob", "data": {"name": "report",
                "lifecycle": {"preStop": {"sleep": {"seconds": 30}}}}}]}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn hooks_the_api_server_refuses_or_the_kubelet_fails_are_errors() {
        let found = diagnostics_of(
            Code::InvalidLifecycle,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "web", "port": 8080,
                "lifecycle": {"postStart": {}, "preStop": {"exec": {"command": [" "]}, "sleep": {"seconds": 5}}}}},
              {"id": "s", "type": "deployment", "data": {"name": "api", "port": 8080,
                "terminationGracePeriodSeconds": 10,
                "lifecycle": {"postStart": {"httpGet": {"port": "metrics", "httpHeaders": [{"name": "Bad Header"}]}},
                    "preStop": {"sleep": {"seconds": 20}}},
                "initContainers": [{"name": "migrate", "image": "migrate",
                    "lifecycle": {"preStop": {"sleep": {"seconds": 1}}}}],
                "sidecars": [{"name": "exporter", "image": "exporter",
                    "lifecycle": {"postStart": {"tcpSocket": {"port": 9100}}, "preStop": {"sleep": {"seconds": 0}}}}]}},
              {"id": "j", "type": "job", "data": {"name": "once",
                "lifecycle": {"postStart": {"httpGet": {"port": 0}}, "preStop": {"sleep": {}}}}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "invalid-lifecycle",
                    "/nodes/0/data/lifecycle/postStart".into(),
                    "d"
                ),
                (
                    "invalid-lifecycle",
                    "/nodes/0/data/lifecycle/preStop".into(),
                    "d"
                ),
                (
                    "invalid-lifecycle",
                    "/nodes/0/data/lifecycle/preStop/exec/command".into(),
                    "d"
                ),
                (
                    "invalid-lifecycle",
                    "/nodes/1/data/initContainers/0/lifecycle".into(),
                    "s"
                ),
                (
                    "invalid-lifecycle",
                    "/nodes/1/data/lifecycle/postStart/httpGet/httpHeaders/0/name".into(),
                    "s"
                ),
                (
                    "invalid-lifecycle",
                    "/nodes/1/data/lifecycle/postStart/httpGet/port".into(),
                    "s"
                ),
                (
                    "invalid-lifecycle",
                    "/nodes/1/data/lifecycle/preStop/sleep/seconds".into(),
                    "s"
                ),
                (
                    "invalid-lifecycle",
                    "/nodes/1/data/sidecars/0/lifecycle/postStart/tcpSocket".into(),
                    "s"
                ),
                (
                    "invalid-lifecycle",
                    "/nodes/1/data/sidecars/0/lifecycle/preStop/sleep/seconds".into(),
                    "s"
                ),
                (
                    "invalid-lifecycle",
                    "/nodes/2/data/lifecycle/postStart/httpGet/port".into(),
                    "j"
                ),
                (
                    "invalid-lifecycle",
                    "/nodes/2/data/lifecycle/preStop/sleep/seconds".into(),
                    "j"
                ),
            ]
        );
        assert!(found.iter().all(|d| d.severity == Severity::Error));
        let message = |path: &str| {
            found
                .iter()
                .find(|d| d.pointer().as_deref() == Some(path))
                .map(|d| d.message.as_str())
                .unwrap_or_default()
        };
        assert_eq!(
            message("/nodes/0/data/lifecycle/preStop"),
            "preStop hook of deployment \"web\" sets exec, sleep actions; the API server takes exactly one"
        );
        assert_eq!(
            message("/nodes/1/data/lifecycle/postStart/httpGet/port"),
            "postStart hook of deployment \"api\" calls port \"metrics\", which its container does not declare (its only port is \"http\"); the hook would fail every time"
        );
        assert_eq!(
            message("/nodes/1/data/lifecycle/preStop/sleep/seconds"),
            "preStop hook of deployment \"api\" sleeps 20 seconds, longer than the pod's terminationGracePeriodSeconds (10); the API server refuses it"
        );
        assert_eq!(
            message("/nodes/1/data/sidecars/0/lifecycle/preStop/sleep/seconds"),
            "preStop hook of sidecars[0] of deployment \"api\" sleeps 0 seconds; the API server takes 1 or more (0 only from Kubernetes 1.33)"
        );
    }
}
