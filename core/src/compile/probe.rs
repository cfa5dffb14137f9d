//! Container probes and lifecycle hooks, copied into Kubernetes' Probe and Lifecycle field
//! by field. What validation refuses (no handler, a bad port) is left for it to report: a
//! probe or hook the builder cannot express is left out rather than guessed.

use k8s_openapi::api::core::v1::{
    ExecAction, GRPCAction, HTTPGetAction, HTTPHeader, Lifecycle, LifecycleHandler, Probe,
    SleepAction, TCPSocketAction,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString as K8sIntOrString;

use crate::model::kinds::{self, HttpGetAction, TcpSocketAction};
use crate::model::{Int, IntOrString, Wire};

/// The probe, `None` when it has no handler Kubernetes could run.
pub(super) fn probe(given: &kinds::Probe) -> Option<Probe> {
    let probe = Probe {
        exec: given.exec.get().map(|exec| ExecAction {
            command: Some(exec.command.items().to_vec()),
        }),
        http_get: given.http_get.get().and_then(http_get),
        tcp_socket: given.tcp_socket.get().and_then(tcp_socket),
        grpc: given.grpc.get().and_then(|grpc| {
            Some(GRPCAction {
                port: i32::try_from(grpc.port.int()?).ok()?,
                service: text(&grpc.service),
            })
        }),
        initial_delay_seconds: seconds(&given.initial_delay_seconds),
        period_seconds: seconds(&given.period_seconds),
        timeout_seconds: seconds(&given.timeout_seconds),
        success_threshold: seconds(&given.success_threshold),
        failure_threshold: seconds(&given.failure_threshold),
        termination_grace_period_seconds: given.termination_grace_period_seconds.int(),
    };
    let handlers = [
        probe.exec.is_some(),
        probe.http_get.is_some(),
        probe.tcp_socket.is_some(),
        probe.grpc.is_some(),
    ];
    (handlers.iter().filter(|set| **set).count() == 1).then_some(probe)
}

/// The container's hooks, `None` when neither has an action Kubernetes could run.
pub(super) fn lifecycle(given: &kinds::Lifecycle) -> Option<Lifecycle> {
    let lifecycle = Lifecycle {
        post_start: given.post_start.get().and_then(hook),
        pre_stop: given.pre_stop.get().and_then(hook),
        stop_signal: None,
    };
    (lifecycle.post_start.is_some() || lifecycle.pre_stop.is_some()).then_some(lifecycle)
}

/// One hook, `None` unless it has exactly one action.
fn hook(given: &kinds::LifecycleHandler) -> Option<LifecycleHandler> {
    let hook = LifecycleHandler {
        exec: given.exec.get().map(|exec| ExecAction {
            command: Some(exec.command.items().to_vec()),
        }),
        http_get: given.http_get.get().and_then(http_get),
        sleep: given.sleep.get().and_then(|sleep| {
            Some(SleepAction {
                seconds: sleep.seconds.int()?,
            })
        }),
        tcp_socket: given.tcp_socket.get().and_then(tcp_socket),
    };
    let actions = [
        hook.exec.is_some(),
        hook.http_get.is_some(),
        hook.sleep.is_some(),
        hook.tcp_socket.is_some(),
    ];
    (actions.iter().filter(|set| **set).count() == 1).then_some(hook)
}

fn http_get(given: &HttpGetAction) -> Option<HTTPGetAction> {
    let headers = given.http_headers.items();
    Some(HTTPGetAction {
        path: text(&given.path),
        port: port(&given.port)?,
        host: text(&given.host),
        scheme: given.scheme.get().map(|scheme| scheme.as_str().to_owned()),
        http_headers: (!headers.is_empty()).then(|| {
            headers
                .iter()
                .map(|header| HTTPHeader {
                    name: header.name.as_str().unwrap_or_default().to_owned(),
                    value: header.value.as_str().unwrap_or_default().to_owned(),
                })
                .collect()
        }),
    })
}

fn tcp_socket(given: &TcpSocketAction) -> Option<TCPSocketAction> {
    Some(TCPSocketAction {
        port: port(&given.port)?,
        host: text(&given.host),
    })
}

/// A port number, or the name of a container port; digits in a string are the number.
fn port(given: &Wire<IntOrString>) -> Option<K8sIntOrString> {
    match given.get()? {
        IntOrString::Int(number) => i32::try_from(number.value()).ok().map(K8sIntOrString::Int),
        IntOrString::String(text) => {
            let text = text.trim();
            match text.parse::<i32>() {
                Ok(number) => Some(K8sIntOrString::Int(number)),
                Err(_) if text.is_empty() => None,
                Err(_) => Some(K8sIntOrString::String(text.to_owned())),
            }
        }
    }
}

/// A timing or threshold; absent, `null` (a cleared box) or out of range is left to
/// Kubernetes' default.
fn seconds(given: &Wire<Int>) -> Option<i32> {
    given.int().and_then(|value| i32::try_from(value).ok())
}

/// An optional text field; blank is absent.
fn text(given: &Wire<String>) -> Option<String> {
    given.non_empty().map(str::to_owned)
}
