//! The further containers of a pod (`initContainers`, `sidecars`) and environment
//! variables with `valueFrom`, in Kubernetes' own shapes (`core/v1` Container, EnvVar,
//! EnvVarSource, VolumeMount), so a user who knows Kubernetes guesses right.
//!
//! A further container is read into the same [`ContainerFields`] as the workload's own
//! container, so checking and compiling a container is written once for all of them.

use super::common::{ContainerFields, Resources, StringMap};
use super::pod::{ContainerPort, ImagePullPolicy};
use super::security::SecurityContext;
use super::workload::container_process;
use crate::model::macros::{wire_enum, wire_struct};
use crate::model::{QuantityText, Wire};

wire_struct! {
    /// A key of a Secret or ConfigMap (`secretKeyRef`, `configMapKeyRef`).
    pub struct KeySelector {
        /// The Secret or ConfigMap: a node id of the graph (compiled to that node's
        /// name), the name of one of its nodes, or the name of an object outside the graph.
        "name" => name: String,
        /// The key whose value the variable takes.
        "key" => key: String,
        /// Start the container even when the object or key does not exist.
        "optional" => optional: bool,
    }
}

wire_struct! {
    /// A field of the pod (`fieldRef`), for example `metadata.name` or `status.podIP`.
    pub struct ObjectFieldSelector {
        /// Path of the field, for example `metadata.labels['app']`.
        "fieldPath" => field_path: String,
        /// Version of the schema the path is written in (`v1`, the default).
        "apiVersion" => api_version: String,
    }
}

wire_struct! {
    /// A resource request or limit of a container (`resourceFieldRef`).
    pub struct ResourceFieldSelector {
        /// `limits.cpu`, `requests.memory`, ...
        "resource" => resource: String,
        /// The container whose resources are read; this one when absent.
        "containerName" => container_name: String,
        /// The unit the value is given in, for example `1m` or `1Mi` (default 1).
        "divisor" => divisor: QuantityText,
    }
}

wire_struct! {
    /// Where a variable's value comes from: exactly one source.
    pub struct EnvVarSource {
        /// A key of a Secret.
        "secretKeyRef" => secret_key_ref: KeySelector,
        /// A key of a ConfigMap.
        "configMapKeyRef" => config_map_key_ref: KeySelector,
        /// A field of the pod.
        "fieldRef" => field_ref: ObjectFieldSelector,
        /// A resource request or limit of a container.
        "resourceFieldRef" => resource_field_ref: ResourceFieldSelector,
    }
}

wire_struct! {
    /// A ConfigMap or Secret all of whose keys become variables (`configMapRef`,
    /// `secretRef` of `envFrom`).
    pub struct EnvFromObject {
        /// The ConfigMap or Secret: a node id of the graph (compiled to that node's
        /// name), the name of one of its nodes, or the name of an object outside the graph.
        "name" => name: String,
        /// Start the container even when the object does not exist.
        "optional" => optional: bool,
    }
}

wire_struct! {
    /// Variables made of every key of a ConfigMap or Secret (Kubernetes' `EnvFromSource`):
    /// exactly one of `configMapRef` and `secretRef`.
    pub struct EnvFromSource {
        /// Put before each key to make the variable's name.
        "prefix" => prefix: String,
        /// A ConfigMap whose keys become variables.
        "configMapRef" => config_map_ref: EnvFromObject,
        /// A Secret whose keys become variables.
        "secretRef" => secret_ref: EnvFromObject,
    }
}

wire_struct! {
    /// An environment variable: a name and either a value or where the value comes from.
    pub struct EnvVar {
        /// Variable name.
        "name" => name: String,
        /// Plain value (may refer to earlier variables as `$(NAME)`).
        "value" => value: String,
        /// Where the value comes from, instead of `value`.
        "valueFrom" => value_from: EnvVarSource,
    }
}

/// A container's environment: the designer's map of plain values, or Kubernetes' list,
/// whose entries may take their value from a Secret, a ConfigMap or the pod.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Env {
    /// `{NAME: value}`, as the designer writes it.
    Map(StringMap),
    /// `[{name, value}, {name, valueFrom}]`, as Kubernetes writes it.
    List(Vec<EnvVar>),
}

impl Env {
    /// The entries given as a list, none for a map.
    pub fn list(&self) -> &[EnvVar] {
        match self {
            Env::Map(_) => &[],
            Env::List(list) => list,
        }
    }
}

impl crate::model::read::FromValue for Env {
    fn from_value(value: &serde_json::Value) -> Result<Self, Box<crate::model::InvalidValue>> {
        match value {
            serde_json::Value::Array(_) => Vec::<EnvVar>::from_value(value).map(Env::List),
            _ => StringMap::from_value(value).map(Env::Map),
        }
    }

    fn from_owned(value: serde_json::Value) -> Result<Self, Box<crate::model::InvalidValue>> {
        match value {
            serde_json::Value::Array(_) => Vec::<EnvVar>::from_value(&value).map(Env::List),
            _ => StringMap::from_owned(value).map(Env::Map),
        }
    }
}

// Read whole, as the string map it mostly is: the list form is rare.
impl crate::model::stream::ReadJson for Env {}

impl crate::model::CheckWire for Env {
    fn collect_invalid(
        &self,
        at: &mut crate::model::FieldPath,
        out: &mut Vec<crate::model::InvalidField>,
    ) {
        if let Env::List(list) = self {
            list.collect_invalid(at, out);
        }
    }

    fn has_invalid(&self) -> bool {
        matches!(self, Env::List(list) if list.has_invalid())
    }
}

wire_enum! {
    /// The restart policy of an init container: `Always` makes it a native sidecar,
    /// started before the other containers and running beside them.
    pub enum ContainerRestartPolicy {
        /// Keep the init container running (restarting it) for the life of the pod.
        "Always" => Always,
    }
}

wire_struct! {
    /// Where a further container mounts a volume of the pod.
    pub struct ContainerVolumeMount {
        /// The volume: a `volumes[]` entry of the workload, or the volume kubegraph makes
        /// of a mounted ConfigMap, Secret or PVC, `<object name>-volume` (a StatefulSet's
        /// claim template: its name).
        "name" => name: String,
        /// Absolute path in the container.
        "mountPath" => mount_path: String,
        /// A path inside the volume to mount instead of its root.
        "subPath" => sub_path: String,
        /// Mount read-only.
        "readOnly" => read_only: bool,
    }
}

wire_struct! {
    /// A further container of the pod: an init container or a sidecar.
    pub struct Container {
        /// Container name (a DNS-1123 label), unique in the pod.
        "name" => name: String,
        /// Container image.
        "image" => image: String,
        ..container_process!,
        /// Ports the container listens on.
        "ports" => ports: Vec<ContainerPort>,
        /// `Always`, `IfNotPresent` or `Never`; Kubernetes' default when absent.
        "imagePullPolicy" => image_pull_policy: ImagePullPolicy,
        /// Security settings of the container.
        "securityContext" => security_context: Box<SecurityContext>,
        /// Environment variables.
        "env" => env: Env,
        /// ConfigMaps and Secrets whose keys all become variables.
        "envFrom" => env_from: Vec<EnvFromSource>,
        /// Requests and limits.
        "resources" => resources: Box<Resources>,
        /// Volumes of the pod mounted into the container.
        "volumeMounts" => volume_mounts: Vec<ContainerVolumeMount>,
        /// Init containers only: `Always` makes a native sidecar.
        "restartPolicy" => restart_policy: ContainerRestartPolicy,
    }
}

impl Container {
    /// The container's fields as the workload's own container presents them (no pod
    /// settings: those belong to the workload).
    pub fn fields(&self) -> ContainerFields<'_> {
        ContainerFields {
            image: Some(&self.image),
            env: Some(&self.env),
            env_from: Some(&self.env_from),
            resources: Some(&self.resources),
            command: Some(&self.command),
            args: Some(&self.args),
            liveness_probe: Some(&self.liveness_probe),
            readiness_probe: Some(&self.readiness_probe),
            startup_probe: Some(&self.startup_probe),
            container_name: Some(&self.name),
            ports: Some(&self.ports),
            image_pull_policy: Some(&self.image_pull_policy),
            security_context: Some(&self.security_context),
            lifecycle: Some(&self.lifecycle),
            ..ContainerFields::default()
        }
    }

    /// Whether this is a native sidecar (an init container with `restartPolicy: Always`).
    pub fn restarts_always(&self) -> bool {
        self.restart_policy.get() == Some(&ContainerRestartPolicy::Always)
    }
}

/// What [`crate::model::NodeData::pod_extras`] reads of a workload.
#[derive(Clone, Copy, Debug)]
pub struct PodExtras<'a> {
    /// The env of the workload's own container.
    pub env: &'a Wire<Env>,
    /// The `envFrom` of the workload's own container.
    pub env_from: &'a [EnvFromSource],
    /// `initContainers`.
    pub init_containers: &'a [Container],
    /// `sidecars`.
    pub sidecars: &'a [Container],
}

impl PodExtras<'_> {
    /// Whether the pod has a container besides the workload's own.
    pub fn has_further_containers(&self) -> bool {
        !self.init_containers.is_empty() || !self.sidecars.is_empty()
    }

    /// Whether any container of the pod may read a Secret or ConfigMap into its env
    /// (`valueFrom` entries of a list, or `envFrom`).
    pub fn may_have_env_sources(&self) -> bool {
        matches!(self.env, Wire::Valid(Env::List(_)))
            || !self.env_from.is_empty()
            || self.has_further_containers()
    }
}

/// Which list of the workload a further container is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerList {
    /// `initContainers`.
    Init,
    /// `sidecars`.
    Sidecars,
}

impl ContainerList {
    /// The field name.
    pub fn field(self) -> &'static str {
        match self {
            ContainerList::Init => "initContainers",
            ContainerList::Sidecars => "sidecars",
        }
    }
}

impl<'a> ContainerFields<'a> {
    /// The further containers, with their list and index: init containers, then sidecars.
    pub fn further_containers(
        &self,
    ) -> impl Iterator<Item = (ContainerList, usize, &'a Container)> + use<'a> {
        let init = self.init_containers.map(Wire::items).unwrap_or_default();
        let sidecars = self.sidecars.map(Wire::items).unwrap_or_default();
        let listed = |list: ContainerList| {
            move |(index, container): (usize, &'a Container)| (list, index, container)
        };
        init.iter()
            .enumerate()
            .map(listed(ContainerList::Init))
            .chain(
                sidecars
                    .iter()
                    .enumerate()
                    .map(listed(ContainerList::Sidecars)),
            )
    }
}
