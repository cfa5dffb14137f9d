//! Pieces shared by several node kinds: resources, volume mounts, env keys.

use indexmap::IndexMap;
use serde_json::Value;

use super::daemonset::Toleration;
use super::pod::{ContainerPort, ImagePullPolicy, ImagePullSecret, PodVolume};
use super::probe::Probe;
use super::security::{PodSecurityContext, SecurityContext};
use crate::model::macros::{wire_enum, wire_struct};
use crate::model::{Int, QuantityText};

/// String map in input order (labels, annotations, env, selectors). Hashed with foldhash:
/// every node holds a few, and SipHash was a visible part of reading them.
pub type StringMap = IndexMap<String, String, foldhash::fast::RandomState>;

wire_struct! {
    /// CPU and memory amounts (`requests` or `limits`).
    pub struct ResourceList {
        /// CPU, for example `250m` or `1`.
        "cpu" => cpu: QuantityText,
        /// Memory, for example `512Mi`.
        "memory" => memory: QuantityText,
    }
}

wire_struct! {
    /// Container resource requests and limits.
    pub struct Resources {
        /// What the scheduler reserves.
        "requests" => requests: ResourceList,
        /// The most the container may use.
        "limits" => limits: ResourceList,
    }
}

wire_enum! {
    /// What a volume mount refers to.
    pub enum MountType {
        /// A ConfigMap node.
        "configMap" => ConfigMap,
        /// A Secret node.
        "secret" => Secret,
        /// A PersistentVolumeClaim node.
        "persistentVolumeClaim" => PersistentVolumeClaim,
    }
}

wire_struct! {
    /// A volume mount the UI copied into a workload when an edge was drawn.
    pub struct VolumeMount {
        /// Kind of the mounted object.
        "type" => mount_type: MountType,
        /// Name of the mounted object.
        "name" => name: String,
        /// Absolute path inside the container.
        "mountPath" => mount_path: String,
        /// Mount read-only (the compose importer copies `:ro`).
        "readOnly" => read_only: bool,
        /// A path inside the volume to mount instead of its root (a relative path that
        /// does not climb with `..`).
        "subPath" => sub_path: String,
        /// Id of the mounted node.
        "nodeId" => node_id: String,
    }
}

wire_struct! {
    /// An environment variable whose value is supplied at run time, never stored.
    pub struct EnvKey {
        /// UI bookkeeping id.
        "id" => id: String,
        /// Variable name.
        "name" => name: String,
    }
}

wire_enum! {
    /// Volume access modes.
    pub enum AccessMode {
        /// Mounted read-write by one node.
        "ReadWriteOnce" => ReadWriteOnce,
        /// Mounted read-only by many nodes.
        "ReadOnlyMany" => ReadOnlyMany,
        /// Mounted read-write by many nodes.
        "ReadWriteMany" => ReadWriteMany,
        /// Mounted read-write by one pod.
        "ReadWriteOncePod" => ReadWriteOncePod,
    }
}

/// Fields every workload kind exposes to the compiler and validator.
///
/// Kinds differ in which of these they have; a missing one is `None`.
#[derive(Clone, Copy, Debug, Default)]
pub struct ContainerFields<'a> {
    /// Container image.
    pub image: Option<&'a crate::model::Wire<String>>,
    /// Container port.
    pub port: Option<&'a crate::model::Wire<Int>>,
    /// Environment variables.
    pub env: Option<&'a crate::model::Wire<super::container::Env>>,
    /// ConfigMaps and Secrets whose keys all become variables.
    pub env_from: Option<&'a crate::model::Wire<Vec<super::container::EnvFromSource>>>,
    /// Variables supplied at run time.
    pub env_keys: Option<&'a crate::model::Wire<Vec<EnvKey>>>,
    /// Requests and limits.
    pub resources: Option<&'a crate::model::Wire<Box<Resources>>>,
    /// Mounts copied by the UI.
    pub volume_mounts: Option<&'a crate::model::Wire<Vec<VolumeMount>>>,
    /// Labels of the object and its pods; they win over the convention labels.
    pub labels: Option<&'a crate::model::Wire<StringMap>>,
    /// Entrypoint override.
    pub command: Option<&'a crate::model::Wire<Vec<String>>>,
    /// Arguments.
    pub args: Option<&'a crate::model::Wire<Vec<String>>>,
    /// Liveness probe.
    pub liveness_probe: Option<&'a crate::model::Wire<Box<Probe>>>,
    /// Readiness probe.
    pub readiness_probe: Option<&'a crate::model::Wire<Box<Probe>>>,
    /// Startup probe.
    pub startup_probe: Option<&'a crate::model::Wire<Box<Probe>>>,
    /// Container name, the node name when absent.
    pub container_name: Option<&'a crate::model::Wire<String>>,
    /// Named ports, replacing `port` when given.
    pub ports: Option<&'a crate::model::Wire<Vec<ContainerPort>>>,
    /// When the image is pulled.
    pub image_pull_policy: Option<&'a crate::model::Wire<ImagePullPolicy>>,
    /// Seconds between SIGTERM and SIGKILL.
    pub termination_grace_period_seconds: Option<&'a crate::model::Wire<Int>>,
    /// The ServiceAccount the pod runs as.
    pub service_account_name: Option<&'a crate::model::Wire<String>>,
    /// Whether the ServiceAccount token is mounted.
    pub automount_service_account_token: Option<&'a crate::model::Wire<bool>>,
    /// Registry credentials.
    pub image_pull_secrets: Option<&'a crate::model::Wire<Vec<ImagePullSecret>>>,
    /// The pods' PriorityClass.
    pub priority_class_name: Option<&'a crate::model::Wire<String>>,
    /// Annotations of the pods only.
    pub pod_annotations: Option<&'a crate::model::Wire<StringMap>>,
    /// Labels of the pods only.
    pub pod_labels: Option<&'a crate::model::Wire<StringMap>>,
    /// The container's security settings.
    pub security_context: Option<&'a crate::model::Wire<Box<SecurityContext>>>,
    /// The pod's security settings.
    pub pod_security_context: Option<&'a crate::model::Wire<Box<PodSecurityContext>>>,
    /// Volumes of the pod's own, with their mounts.
    pub volumes: Option<&'a crate::model::Wire<Vec<PodVolume>>>,
    /// Node labels the pods require.
    pub node_selector: Option<&'a crate::model::Wire<StringMap>>,
    /// Taints the pods tolerate.
    pub tolerations: Option<&'a crate::model::Wire<Vec<Toleration>>>,
    /// Init containers (native sidecars among them).
    pub init_containers: Option<&'a crate::model::Wire<Vec<super::container::Container>>>,
    /// Further containers beside the workload's own.
    pub sidecars: Option<&'a crate::model::Wire<Vec<super::container::Container>>>,
    /// Node affinity, pod affinity and anti-affinity.
    pub affinity: Option<&'a crate::model::Wire<Box<super::Affinity>>>,
    /// How the pods spread across topology domains.
    pub topology_spread_constraints:
        Option<&'a crate::model::Wire<Vec<super::TopologySpreadConstraint>>>,
    /// Hooks after the container starts and before it stops.
    pub lifecycle: Option<&'a crate::model::Wire<Box<super::Lifecycle>>>,
}

impl<'a> ContainerFields<'a> {
    /// The probes that are set, with their field names, in the order Kubernetes lists them.
    pub fn probes(&self) -> impl Iterator<Item = (ProbeKind, &'a Probe)> {
        [
            (ProbeKind::Liveness, self.liveness_probe),
            (ProbeKind::Readiness, self.readiness_probe),
            (ProbeKind::Startup, self.startup_probe),
        ]
        .into_iter()
        .filter_map(|(kind, probe)| Some((kind, probe?.unboxed()?)))
    }

    /// The `ports` list, empty when absent or not a list.
    pub fn declared_ports(&self) -> &'a [ContainerPort] {
        self.ports
            .map(crate::model::Wire::items)
            .unwrap_or_default()
    }

    /// Whether the container declares a port of this name: one of `ports` when given,
    /// else `http`, the name of its single `port`.
    pub fn has_port_named(&self, name: &str) -> bool {
        let declared = self.declared_ports();
        if declared.is_empty() {
            return name == "http" && self.single_port().is_some();
        }
        declared
            .iter()
            .any(|port| port.name.as_str().is_some_and(|given| given.trim() == name))
    }

    /// The names of the container's ports, in order: `http` for its single `port`.
    pub fn port_names(&self) -> Vec<&'a str> {
        let declared = self.declared_ports();
        if declared.is_empty() {
            return self.single_port().map(|_| "http").into_iter().collect();
        }
        declared
            .iter()
            .filter_map(|port| port.name.non_empty())
            .collect()
    }

    /// The container's (first) port number, if any: the first of `ports` when given, else
    /// `port`, where 0 is none (the compose importer writes it when a service publishes
    /// nothing).
    pub fn port_number(&self) -> Option<i64> {
        match self.declared_ports().first() {
            Some(first) => first.container_port.int(),
            None => self.single_port(),
        }
    }

    /// The single `port`; 0 is none.
    fn single_port(&self) -> Option<i64> {
        self.port
            .and_then(|port| port.int())
            .filter(|port| *port != 0)
    }
}

/// Which of a container's probes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbeKind {
    /// `livenessProbe`.
    Liveness,
    /// `readinessProbe`.
    Readiness,
    /// `startupProbe`.
    Startup,
}

impl ProbeKind {
    /// The field name.
    pub fn field(self) -> &'static str {
        match self {
            ProbeKind::Liveness => "livenessProbe",
            ProbeKind::Readiness => "readinessProbe",
            ProbeKind::Startup => "startupProbe",
        }
    }

    /// The kind in words: `liveness`, `readiness`, `startup`.
    pub fn noun(self) -> &'static str {
        match self {
            ProbeKind::Liveness => "liveness",
            ProbeKind::Readiness => "readiness",
            ProbeKind::Startup => "startup",
        }
    }
}

/// Opaque UI state that kubegraph carries but never interprets.
pub type UiState = Value;
