//! Container probes, checked as the API server checks them (after its defaults: a timing
//! or threshold of 0 is its default): exactly one handler, an exec command, a port for
//! HTTP, TCP and gRPC checks, no negative timing, a termination grace period above 0 and
//! only on liveness and startup probes, a success threshold of 1 for liveness and startup
//! probes. A named port that the container does not declare passes the API server but
//! fails every probe (the kubelet cannot resolve it, and restarts the container forever):
//! an error of its own. The checks of exec and HTTP actions and of ports are shared with
//! the lifecycle hooks' rule (`lifecycle.rs`), which runs the same actions.

use super::{Check, Rule};
use crate::diagnostic::Code;
use crate::graph::{GraphNode, WORKLOAD_KINDS};
use crate::model::kinds::{
    ContainerFields, ContainerList, ExecAction, HttpGetAction, Probe, ProbeKind,
};
use crate::model::{FieldPath, IntOrString, Wire};
use crate::validate::syntax::names;
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[Code::InvalidProbe, Code::UndeclaredProbePort],
    check: Check::Nodes(WORKLOAD_KINDS, check),
};

/// The timings that must not be negative (0 is the API server's default).
const TIMINGS: [&str; 5] = [
    "initialDelaySeconds",
    "periodSeconds",
    "timeoutSeconds",
    "successThreshold",
    "failureThreshold",
];

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let Some(container) = node.data().and_then(|data| data.container()) else {
        return;
    };
    probes(cx, node, &container, &|| node.describe(), &|| {
        node.data_path()
    });
    for (list, index, further) in container.further_containers() {
        let base = || node.data_path().key(list.field()).index(index);
        let owner = || format!("{}[{index}] of {}", list.field(), node.describe());
        let own = further.fields();
        if list == ContainerList::Init && !further.restarts_always() {
            // Only a native sidecar keeps running, so only it can be probed.
            for (kind, _) in own.probes() {
                let message = format!(
                    "{} of {} is refused by the API server: an init container runs to completion and takes no probes",
                    kind.field(),
                    owner()
                );
                cx.report(
                    node_problem(node, base().key(kind.field()), Code::InvalidProbe, message)
                        .hint("remove the probe, or set restartPolicy Always to make the container a native sidecar"),
                );
            }
            continue;
        }
        probes(cx, node, &own, &owner, &base);
    }
}

/// The probes of one container of the pod, whose fields lie under `base`.
fn probes<'a>(
    cx: &mut Context<'a>,
    node: &'a GraphNode<'a>,
    container: &ContainerFields<'_>,
    owner: &dyn Fn() -> String,
    base: &dyn Fn() -> FieldPath,
) {
    for (kind, probe) in container.probes() {
        let at = || base().key(kind.field());
        let mut probe_check = ProbeCheck {
            cx: &mut *cx,
            node,
            owner,
            kind,
        };
        probe_check.handler(probe, container, &at);
        probe_check.timings(probe, &at);
    }
}

struct ProbeCheck<'c, 'a> {
    cx: &'c mut Context<'a>,
    node: &'a GraphNode<'a>,
    /// The node, or the further container of the node, that has the probe.
    owner: &'c dyn Fn() -> String,
    kind: ProbeKind,
}

impl ProbeCheck<'_, '_> {
    fn invalid(&mut self, at: FieldPath, problem: &str, hint: &str) {
        let message = format!("{} of {} {problem}", self.kind.field(), (self.owner)());
        self.cx
            .report(node_problem(self.node, at, Code::InvalidProbe, message).hint(hint));
    }

    fn handler(
        &mut self,
        probe: &Probe,
        container: &ContainerFields<'_>,
        at: &dyn Fn() -> FieldPath,
    ) {
        let handlers = set_actions([
            ("exec", probe.exec.is_missing()),
            ("httpGet", probe.http_get.is_missing()),
            ("tcpSocket", probe.tcp_socket.is_missing()),
            ("grpc", probe.grpc.is_missing()),
        ]);
        match handlers.as_slice() {
            [] => self.invalid(
                at(),
                "has no handler; the API server refuses it",
                "set one of exec, httpGet, tcpSocket or grpc",
            ),
            [_] => {}
            several => self.invalid(
                at(),
                &format!(
                    "sets {} handlers; the API server takes exactly one",
                    several.join(", ")
                ),
                "keep one of them",
            ),
        }
        for (path, problem) in action_problems(&probe.exec, &probe.http_get, container, at) {
            match problem {
                ActionProblem::NoCommand => self.invalid(
                    path,
                    "runs no command; the API server refuses it",
                    "set the command to run, for example [\"pg_isready\"]",
                ),
                ActionProblem::Port(problem) => self.port(Some(problem), container, path),
                ActionProblem::HeaderName(name) => self.invalid(
                    path,
                    &format!("sends a header named \"{name}\", which is not a valid header name"),
                    "use letters, digits and '-'",
                ),
            }
        }
        if let Some(tcp) = probe.tcp_socket.get() {
            let problem = port_problem(&tcp.port, container);
            self.port(problem, container, at().key("tcpSocket").key("port"));
        }
        if let Some(grpc) = probe.grpc.get() {
            let port = grpc.port.int();
            if !port.is_some_and(|port| (1..=65535).contains(&port)) && !grpc.port.is_invalid() {
                self.invalid(
                    at().key("grpc").key("port"),
                    "has no gRPC port from 1 to 65535",
                    "set the port the gRPC health service listens on",
                );
            }
        }
    }

    /// An HTTP or TCP probe's port (see [`port_problem`]).
    fn port(
        &mut self,
        problem: Option<PortProblem<'_>>,
        container: &ContainerFields<'_>,
        at: FieldPath,
    ) {
        match problem {
            None => {}
            Some(PortProblem::OutOfRange) => self.invalid(
                at,
                "has no port from 1 to 65535; the API server refuses it",
                "set the container port to probe, as a number or the name of a container port",
            ),
            Some(PortProblem::BadName(name, problem)) => self.invalid(
                at,
                &format!("names port \"{name}\", which is not a valid port name: it {problem}"),
                "use a number from 1 to 65535, or the name of a container port",
            ),
            Some(PortProblem::Undeclared(name)) => {
                let message = format!(
                    "{} of {} probes port \"{name}\", which its container does not declare ({}); every probe would fail",
                    self.kind.field(),
                    (self.owner)(),
                    declared_ports(container)
                );
                self.cx.report(
                    node_problem(self.node, at, Code::UndeclaredProbePort, message)
                        .hint("probe the port by number, or by the name of a container port"),
                );
            }
        }
    }

    fn timings(&mut self, probe: &Probe, at: &dyn Fn() -> FieldPath) {
        let fields = [
            &probe.initial_delay_seconds,
            &probe.period_seconds,
            &probe.timeout_seconds,
            &probe.success_threshold,
            &probe.failure_threshold,
        ];
        for (key, field) in TIMINGS.into_iter().zip(fields) {
            if let Some(value) = field.int().filter(|value| *value < 0) {
                self.invalid(
                    at().key(key),
                    &format!(
                        "has {key} {value}; the API server takes only 0 (its default) or more"
                    ),
                    &format!("set {key} to 0 or more, or clear it for the default"),
                );
            }
        }
        if self.kind != ProbeKind::Readiness
            && let Some(value) = probe.success_threshold.int().filter(|value| *value > 1)
        {
            self.invalid(
                at().key("successThreshold"),
                &format!(
                    "has successThreshold {value}; it must be 1 for a {} probe",
                    self.kind.noun()
                ),
                "set successThreshold to 1 or clear it",
            );
        }
        let grace = &probe.termination_grace_period_seconds;
        if self.kind == ProbeKind::Readiness && !grace.is_missing() {
            self.invalid(
                at().key("terminationGracePeriodSeconds"),
                "sets terminationGracePeriodSeconds, which the API server refuses on a readiness probe",
                "remove it: a failing readiness probe never kills the container",
            );
        } else if let Some(value) = grace.int().filter(|value| *value <= 0) {
            self.invalid(
                at().key("terminationGracePeriodSeconds"),
                &format!("has terminationGracePeriodSeconds {value}; it must be greater than 0"),
                "set it to 1 or more, or clear it to use the pod's",
            );
        }
    }
}

/// The actions of a probe or hook that are set, by name, from `(name, is missing)`.
pub(super) fn set_actions<const N: usize>(actions: [(&'static str, bool); N]) -> Vec<&'static str> {
    actions
        .into_iter()
        .filter_map(|(name, missing)| (!missing).then_some(name))
        .collect()
}

/// A problem of an exec or HTTP action, which probes and lifecycle hooks share.
pub(super) enum ActionProblem<'p> {
    /// An exec action with no command (or only blank items).
    NoCommand,
    /// The HTTP action's port.
    Port(PortProblem<'p>),
    /// An HTTP header whose name the API server refuses.
    HeaderName(&'p str),
}

/// The problems of a probe's or hook's exec and HTTP actions, each with its path below
/// `at` (the probe's or hook's).
pub(super) fn action_problems<'p>(
    exec: &'p Wire<ExecAction>,
    http_get: &'p Wire<HttpGetAction>,
    container: &ContainerFields<'_>,
    at: &dyn Fn() -> FieldPath,
) -> Vec<(FieldPath, ActionProblem<'p>)> {
    let mut found = Vec::new();
    if let Some(exec) = exec.get()
        && exec
            .command
            .items()
            .iter()
            .all(|item| item.trim().is_empty())
    {
        found.push((at().key("exec").key("command"), ActionProblem::NoCommand));
    }
    if let Some(http) = http_get.get() {
        if let Some(problem) = port_problem(&http.port, container) {
            let path = at().key("httpGet").key("port");
            found.push((path, ActionProblem::Port(problem)));
        }
        for (index, header) in http.http_headers.items().iter().enumerate() {
            let name = header.name.as_str().unwrap_or_default();
            if !is_header_name(name) {
                let path = at()
                    .key("httpGet")
                    .key("httpHeaders")
                    .index(index)
                    .key("name");
                found.push((path, ActionProblem::HeaderName(name)));
            }
        }
    }
    found
}

/// What is wrong with the port of an HTTP or TCP action (a probe's or a lifecycle hook's).
pub(super) enum PortProblem<'p> {
    /// No number from 1 to 65535 (digits in a string count as the number), and no name.
    OutOfRange,
    /// A name that is not a valid port name, and why.
    BadName(&'p str, String),
    /// A valid name that the container does not declare: the kubelet cannot resolve it.
    Undeclared(&'p str),
}

/// The problem of an HTTP or TCP action's port, `None` when it is a number from 1 to
/// 65535 or the name of a port the container declares (or of another type, which
/// `field-types` reports).
pub(super) fn port_problem<'p>(
    port: &'p Wire<IntOrString>,
    container: &ContainerFields<'_>,
) -> Option<PortProblem<'p>> {
    let number = match port.get() {
        Some(IntOrString::Int(number)) => Some(number.value()),
        Some(IntOrString::String(text)) => {
            let text = text.trim();
            match text.parse::<i64>() {
                Ok(number) => Some(number),
                Err(_) if text.is_empty() => None,
                Err(_) => {
                    return match names::iana_svc_name(text) {
                        Err(problem) => Some(PortProblem::BadName(text, problem)),
                        Ok(()) if !container.has_port_named(text) => {
                            Some(PortProblem::Undeclared(text))
                        }
                        Ok(()) => None,
                    };
                }
            }
        }
        None if port.is_invalid() => return None,
        None => None,
    };
    (!number.is_some_and(|number| (1..=65535).contains(&number))).then_some(PortProblem::OutOfRange)
}

/// The container's port names in words, for a message about a port it does not declare.
pub(super) fn declared_ports(container: &ContainerFields<'_>) -> String {
    match container.port_names().as_slice() {
        [] => "it declares no port".to_owned(),
        [only] => format!("its only port is \"{only}\""),
        names => format!("its ports are \"{}\"", names.join("\", \"")),
    }
}

/// Whether an HTTP header name is one the API server takes (letters, digits and '-').
fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Severity};
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn the_importers_exec_probes_and_kubernetes_shapes_pass() {
        let found = diagnostics_of(
            Code::InvalidProbe,
            r#"{"nodes": [{"id": "d", "type": "statefulset", "data": {"name": "db", "port": 0,
                "livenessProbe": {"exec": {"command": ["pg_isready", "-U", "postgres"]},
                    "periodSeconds": 10, "timeoutSeconds": 5, "failureThreshold": 5, "initialDelaySeconds": 0},
                "readinessProbe": {"exec": {"command": ["pg_isready"]}, "successThreshold": 2}}},
              {"id": "w", "type": "deployment", "data": {"name": "web", "port": 8080,
                "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http", "scheme": "HTTPS",
                    "httpHeaders": [{"name": "X-Probe", "value": "1"}]}, "successThreshold": 1,
                    "terminationGracePeriodSeconds": 30},
                "readinessProbe": {"tcpSocket": {"port": 8080}, "periodSeconds": 0},
                "startupProbe": {"grpc": {"port": 9090}, "failureThreshold": 30}}}]}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn probes_the_api_server_refuses_are_errors() {
        let found = diagnostics_of(
            Code::InvalidProbe,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "web", "port": 8080,
                "livenessProbe": {"periodSeconds": 10, "successThreshold": 3},
                "readinessProbe": {"exec": {"command": [""]}, "tcpSocket": {"port": 80},
                    "terminationGracePeriodSeconds": 5},
                "startupProbe": {"httpGet": {"port": 0, "httpHeaders": [{"name": "Bad Header"}]},
                    "timeoutSeconds": -1, "terminationGracePeriodSeconds": 0}}},
              {"id": "j", "type": "job", "data": {"name": "once",
                "livenessProbe": {"grpc": {"service": "health"}}}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                ("invalid-probe", "/nodes/0/data/livenessProbe".into(), "d"),
                (
                    "invalid-probe",
                    "/nodes/0/data/livenessProbe/successThreshold".into(),
                    "d"
                ),
                ("invalid-probe", "/nodes/0/data/readinessProbe".into(), "d"),
                (
                    "invalid-probe",
                    "/nodes/0/data/readinessProbe/exec/command".into(),
                    "d"
                ),
                (
                    "invalid-probe",
                    "/nodes/0/data/readinessProbe/terminationGracePeriodSeconds".into(),
                    "d"
                ),
                (
                    "invalid-probe",
                    "/nodes/0/data/startupProbe/httpGet/httpHeaders/0/name".into(),
                    "d"
                ),
                (
                    "invalid-probe",
                    "/nodes/0/data/startupProbe/httpGet/port".into(),
                    "d"
                ),
                (
                    "invalid-probe",
                    "/nodes/0/data/startupProbe/terminationGracePeriodSeconds".into(),
                    "d"
                ),
                (
                    "invalid-probe",
                    "/nodes/0/data/startupProbe/timeoutSeconds".into(),
                    "d"
                ),
                (
                    "invalid-probe",
                    "/nodes/1/data/livenessProbe/grpc/port".into(),
                    "j"
                ),
            ]
        );
        assert!(found.iter().all(|d| d.severity == Severity::Error));
        assert_eq!(
            found[0].message,
            "livenessProbe of deployment \"web\" has no handler; the API server refuses it"
        );
        assert_eq!(
            found[2].message,
            "readinessProbe of deployment \"web\" sets exec, tcpSocket handlers; the API server takes exactly one"
        );
    }

    #[test]
    fn a_named_port_must_be_a_container_port() {
        let found = diagnostics_of(
            Code::UndeclaredProbePort,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "web", "port": 8080,
                "livenessProbe": {"httpGet": {"port": "metrics"}},
                "readinessProbe": {"tcpSocket": {"port": "http"}}}},
              {"id": "n", "type": "daemonset", "data": {"name": "agent", "port": 0,
                "readinessProbe": {"tcpSocket": {"port": "http"}}}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "undeclared-probe-port",
                    "/nodes/0/data/livenessProbe/httpGet/port".into(),
                    "d"
                ),
                (
                    "undeclared-probe-port",
                    "/nodes/1/data/readinessProbe/tcpSocket/port".into(),
                    "n"
                ),
            ]
        );
        assert_eq!(
            found[0].message,
            "livenessProbe of deployment \"web\" probes port \"metrics\", which its container does not declare (its only port is \"http\"); every probe would fail"
        );
    }

    #[test]
    fn declared_ports_replace_http() {
        let found = diagnostics_of(
            Code::UndeclaredProbePort,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "web", "port": 8080,
                "ports": [{"name": "grpc", "containerPort": 5050}, {"name": "metrics", "containerPort": 9090}],
                "livenessProbe": {"httpGet": {"port": "metrics"}},
                "readinessProbe": {"tcpSocket": {"port": "http"}}}},
              {"id": "j", "type": "job", "data": {"name": "once", "ports": [{"name": "admin", "containerPort": 9000}],
                "startupProbe": {"httpGet": {"port": "admin"}}}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [(
                "undeclared-probe-port",
                "/nodes/0/data/readinessProbe/tcpSocket/port".into(),
                "d"
            )]
        );
        assert_eq!(
            found[0].message,
            "readinessProbe of deployment \"web\" probes port \"http\", which its container does not declare (its ports are \"grpc\", \"metrics\"); every probe would fail"
        );
    }

    #[test]
    fn only_native_sidecars_and_sidecars_take_probes_on_their_own_ports() {
        let found = diagnostics_of(
            Code::UndeclaredProbePort,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"name": "web", "port": 8080,
                "initContainers": [
                    {"name": "migrate", "livenessProbe": {"exec": {"command": ["true"]}}},
                    {"name": "proxy", "restartPolicy": "Always", "ports": [{"name": "admin", "containerPort": 15000}],
                        "readinessProbe": {"httpGet": {"port": "admin"}}, "startupProbe": {"tcpSocket": {"port": "http"}}}],
                "sidecars": [{"name": "exporter", "livenessProbe": {"httpGet": {"port": 0}}}]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "invalid-probe",
                    "/nodes/0/data/initContainers/0/livenessProbe".into(),
                    "d"
                ),
                (
                    "undeclared-probe-port",
                    "/nodes/0/data/initContainers/1/startupProbe/tcpSocket/port".into(),
                    "d"
                ),
                (
                    "invalid-probe",
                    "/nodes/0/data/sidecars/0/livenessProbe/httpGet/port".into(),
                    "d"
                ),
            ]
        );
        assert_eq!(
            found[1].message,
            "startupProbe of initContainers[1] of deployment \"web\" probes port \"http\", which its container does not declare (its only port is \"admin\"); every probe would fail"
        );
    }
}
