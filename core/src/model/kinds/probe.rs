//! Container probes and lifecycle hooks, in Kubernetes' own shapes (`core/v1` Probe,
//! Lifecycle), so a user who knows Kubernetes guesses right and the compose importer's
//! `{exec: {command}, ...}` reads as is. Both run the same actions (exec, HTTP, TCP).

use crate::model::macros::{wire_enum, wire_struct};
use crate::model::{Int, IntOrString};

wire_struct! {
    /// Runs a command in the container; exit status 0 is success.
    pub struct ExecAction {
        /// The command and its arguments (no shell unless the command is one).
        "command" => command: Vec<String>,
    }
}

wire_enum! {
    /// The scheme of an HTTP probe.
    pub enum UriScheme {
        /// Plain HTTP (default).
        "HTTP" => Http,
        /// HTTPS, without verifying the certificate.
        "HTTPS" => Https,
    }
}

wire_struct! {
    /// A header sent with an HTTP probe.
    pub struct HttpHeader {
        /// Header name.
        "name" => name: String,
        /// Header value.
        "value" => value: String,
    }
}

wire_struct! {
    /// An HTTP GET; a status from 200 to 399 is success.
    pub struct HttpGetAction {
        /// Path to request (default `/`).
        "path" => path: String,
        /// Container port number, or the name of a container port.
        "port" => port: IntOrString,
        /// Host to connect to; the pod IP when absent.
        "host" => host: String,
        /// `HTTP` (default) or `HTTPS`.
        "scheme" => scheme: UriScheme,
        /// Extra request headers.
        "httpHeaders" => http_headers: Vec<HttpHeader>,
    }
}

wire_struct! {
    /// A TCP connection; success when it opens.
    pub struct TcpSocketAction {
        /// Container port number, or the name of a container port.
        "port" => port: IntOrString,
        /// Host to connect to; the pod IP when absent.
        "host" => host: String,
    }
}

wire_struct! {
    /// A gRPC health check (`grpc.health.v1`).
    pub struct GrpcAction {
        /// Container port number (gRPC probes take no port name).
        "port" => port: Int,
        /// Service name sent in the health check request.
        "service" => service: String,
    }
}

wire_struct! {
    /// A liveness, readiness or startup probe: exactly one handler and its timings.
    pub struct Probe {
        /// Run a command.
        "exec" => exec: ExecAction,
        /// Send an HTTP GET.
        "httpGet" => http_get: HttpGetAction,
        /// Open a TCP connection.
        "tcpSocket" => tcp_socket: TcpSocketAction,
        /// Ask a gRPC health service.
        "grpc" => grpc: GrpcAction,
        /// Seconds after the container starts before the first probe (default 0).
        "initialDelaySeconds" => initial_delay_seconds: Int,
        /// Seconds between probes (default 10).
        "periodSeconds" => period_seconds: Int,
        /// Seconds before a probe times out (default 1).
        "timeoutSeconds" => timeout_seconds: Int,
        /// Successes in a row that count as success (default 1; must be 1 for liveness
        /// and startup probes).
        "successThreshold" => success_threshold: Int,
        /// Failures in a row that count as failure (default 3).
        "failureThreshold" => failure_threshold: Int,
        /// Grace period when a failed liveness or startup probe kills the container.
        "terminationGracePeriodSeconds" => termination_grace_period_seconds: Int,
    }
}

wire_struct! {
    /// Pauses for a number of seconds (a hook's `sleep`).
    pub struct SleepAction {
        /// Seconds to pause, at most the pod's `terminationGracePeriodSeconds`.
        "seconds" => seconds: Int,
    }
}

wire_struct! {
    /// What a lifecycle hook does: exactly one action.
    pub struct LifecycleHandler {
        /// Run a command.
        "exec" => exec: ExecAction,
        /// Send an HTTP GET.
        "httpGet" => http_get: HttpGetAction,
        /// Pause (Kubernetes 1.30 and later).
        "sleep" => sleep: SleepAction,
        /// Deprecated by Kubernetes: accepted, but the kubelet fails every hook that uses it.
        "tcpSocket" => tcp_socket: TcpSocketAction,
    }
}

wire_struct! {
    /// Hooks the kubelet runs when the container has started and before it is stopped.
    pub struct Lifecycle {
        /// Runs right after the container is created; if it fails, the container is killed.
        "postStart" => post_start: LifecycleHandler,
        /// Runs before the container is sent SIGTERM, within the pod's grace period (to
        /// drain connections or leave a cluster).
        "preStop" => pre_stop: LifecycleHandler,
    }
}
