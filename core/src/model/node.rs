//! Nodes: the resources drawn on the canvas.
//!
//! The `data` of a node is read into the typed struct of its kind; a node of a type this
//! version does not know keeps its data as JSON. Either way nothing is lost.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::kinds::{
    ConfigMapData, ContainerFields, CronJobData, DaemonSetData, DeploymentData, HpaData,
    IngressData, JobData, NetworkPolicyData, PersistentVolumeClaimData, PluginNodeData, SecretData,
    ServiceData, StatefulSetData,
};
use super::macros::{wire_enum, wire_struct};
use super::read::{FromObject, FromValue, through_serde};
use super::wire::collect_fields;
use super::{CheckWire, FieldPath, Float, InvalidField, InvalidValue, Wire};

wire_struct! {
    /// Canvas coordinates.
    pub struct Position {
        /// Horizontal position.
        "x" => x: Float,
        /// Vertical position.
        "y" => y: Float,
    }
}

wire_enum! {
    /// The node types kubegraph understands.
    pub enum NodeKind {
        /// `apps/v1` Deployment.
        "deployment" => Deployment,
        /// `v1` Service.
        "service" => Service,
        /// `networking.k8s.io/v1` Ingress.
        "ingress" => Ingress,
        /// `v1` ConfigMap.
        "configmap" => ConfigMap,
        /// `v1` Secret.
        "secret" => Secret,
        /// `v1` PersistentVolumeClaim.
        "persistentvolumeclaim" => PersistentVolumeClaim,
        /// `apps/v1` StatefulSet.
        "statefulset" => StatefulSet,
        /// `batch/v1` Job.
        "job" => Job,
        /// `batch/v1` CronJob.
        "cronjob" => CronJob,
        /// `apps/v1` DaemonSet.
        "daemonset" => DaemonSet,
        /// `autoscaling/v2` HorizontalPodAutoscaler.
        "hpa" => Hpa,
        /// `networking.k8s.io/v1` NetworkPolicy.
        "networkpolicy" => NetworkPolicy,
        /// A custom resource from a plugin.
        "plugin" => Plugin,
    }
}

impl NodeKind {
    /// The kind for a node `type`, or `None` for types this version does not know.
    pub fn from_type(node_type: &str) -> Option<NodeKind> {
        NodeKind::from_wire(node_type)
    }

    /// The Kubernetes kind the node becomes (`None` for plugins: the definition decides).
    pub fn kubernetes_kind(self) -> Option<&'static str> {
        Some(match self {
            NodeKind::Deployment => "Deployment",
            NodeKind::Service => "Service",
            NodeKind::Ingress => "Ingress",
            NodeKind::ConfigMap => "ConfigMap",
            NodeKind::Secret => "Secret",
            NodeKind::PersistentVolumeClaim => "PersistentVolumeClaim",
            NodeKind::StatefulSet => "StatefulSet",
            NodeKind::Job => "Job",
            NodeKind::CronJob => "CronJob",
            NodeKind::DaemonSet => "DaemonSet",
            NodeKind::Hpa => "HorizontalPodAutoscaler",
            NodeKind::NetworkPolicy => "NetworkPolicy",
            NodeKind::Plugin => return None,
        })
    }

    /// Whether the node runs pods.
    pub fn is_workload(self) -> bool {
        matches!(
            self,
            NodeKind::Deployment
                | NodeKind::StatefulSet
                | NodeKind::DaemonSet
                | NodeKind::Job
                | NodeKind::CronJob
        )
    }
}

/// The typed data of a node, one variant per kind.
// Each node holds exactly one of these; boxing the large kinds would add an allocation per
// node without saving memory.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum NodeData {
    /// Deployment data.
    Deployment(DeploymentData),
    /// Service data.
    Service(ServiceData),
    /// Ingress data.
    Ingress(IngressData),
    /// ConfigMap data.
    ConfigMap(ConfigMapData),
    /// Secret data (key names only).
    Secret(SecretData),
    /// PersistentVolumeClaim data.
    PersistentVolumeClaim(PersistentVolumeClaimData),
    /// StatefulSet data.
    StatefulSet(StatefulSetData),
    /// Job data.
    Job(JobData),
    /// CronJob data.
    CronJob(CronJobData),
    /// DaemonSet data.
    DaemonSet(DaemonSetData),
    /// HPA data.
    Hpa(HpaData),
    /// NetworkPolicy data.
    NetworkPolicy(NetworkPolicyData),
    /// Plugin (custom resource) data.
    Plugin(PluginNodeData),
    /// Data of a node type this version does not know, kept as it was.
    Unknown(Map<String, Value>),
}

/// Applies `$body` to the inner data of every typed variant.
macro_rules! each_kind {
    ($data:expr, $inner:ident => $body:expr, unknown $map:ident => $unknown:expr) => {
        match $data {
            NodeData::Deployment($inner) => $body,
            NodeData::Service($inner) => $body,
            NodeData::Ingress($inner) => $body,
            NodeData::ConfigMap($inner) => $body,
            NodeData::Secret($inner) => $body,
            NodeData::PersistentVolumeClaim($inner) => $body,
            NodeData::StatefulSet($inner) => $body,
            NodeData::Job($inner) => $body,
            NodeData::CronJob($inner) => $body,
            NodeData::DaemonSet($inner) => $body,
            NodeData::Hpa($inner) => $body,
            NodeData::NetworkPolicy($inner) => $body,
            NodeData::Plugin($inner) => $body,
            NodeData::Unknown($map) => $unknown,
        }
    };
}

impl NodeData {
    /// The data of a node of `kind`; every object is read (an unknown kind's as it is).
    fn decode(kind: Option<NodeKind>, raw: &Value) -> Result<NodeData, InvalidValue> {
        let Value::Object(object) = raw else {
            return Err(InvalidValue {
                reason: "expected an object".to_owned(),
                raw: raw.clone(),
            });
        };
        let Some(kind) = kind else {
            return Ok(NodeData::Unknown(object.clone()));
        };
        Ok(match kind {
            NodeKind::Deployment => NodeData::Deployment(FromObject::from_object(object)),
            NodeKind::Service => NodeData::Service(FromObject::from_object(object)),
            NodeKind::Ingress => NodeData::Ingress(FromObject::from_object(object)),
            NodeKind::ConfigMap => NodeData::ConfigMap(FromObject::from_object(object)),
            NodeKind::Secret => NodeData::Secret(FromObject::from_object(object)),
            NodeKind::PersistentVolumeClaim => {
                NodeData::PersistentVolumeClaim(FromObject::from_object(object))
            }
            NodeKind::StatefulSet => NodeData::StatefulSet(FromObject::from_object(object)),
            NodeKind::Job => NodeData::Job(FromObject::from_object(object)),
            NodeKind::CronJob => NodeData::CronJob(FromObject::from_object(object)),
            NodeKind::DaemonSet => NodeData::DaemonSet(FromObject::from_object(object)),
            NodeKind::Hpa => NodeData::Hpa(FromObject::from_object(object)),
            NodeKind::NetworkPolicy => NodeData::NetworkPolicy(FromObject::from_object(object)),
            NodeKind::Plugin => NodeData::Plugin(FromObject::from_object(object)),
        })
    }

    /// The `name` field, when it is a string.
    pub fn name(&self) -> Option<&str> {
        each_kind!(self, data => data.name.as_str(), unknown map => map.get("name").and_then(Value::as_str))
    }

    /// The `name` field as read (absent, null, a string or a value of another type).
    pub fn name_field(&self) -> &Wire<String> {
        static ABSENT: Wire<String> = Wire::Absent;
        each_kind!(self, data => &data.name, unknown _map => &ABSENT)
    }

    /// The `namespace` field, when it is a string.
    pub fn namespace_field(&self) -> &Wire<String> {
        static ABSENT: Wire<String> = Wire::Absent;
        each_kind!(self, data => &data.namespace, unknown _map => &ABSENT)
    }

    /// The container settings of a workload kind, `None` for other kinds.
    pub fn container(&self) -> Option<ContainerFields<'_>> {
        // Every workload kind has these fields; Jobs and CronJobs have no `port`.
        macro_rules! fields {
            ($data:expr, $port:expr) => {
                ContainerFields {
                    image: Some(&$data.image),
                    port: $port,
                    env: Some(&$data.env),
                    env_keys: Some(&$data.env_keys),
                    resources: Some(&$data.resources),
                    volume_mounts: Some(&$data.volume_mounts),
                    labels: Some(&$data.labels),
                    command: Some(&$data.command),
                    args: Some(&$data.args),
                    liveness_probe: Some(&$data.liveness_probe),
                    readiness_probe: Some(&$data.readiness_probe),
                    startup_probe: Some(&$data.startup_probe),
                    container_name: Some(&$data.container_name),
                    ports: Some(&$data.ports),
                    image_pull_policy: Some(&$data.image_pull_policy),
                    termination_grace_period_seconds: Some(&$data.termination_grace_period_seconds),
                    service_account_name: Some(&$data.service_account_name),
                    automount_service_account_token: Some(&$data.automount_service_account_token),
                    image_pull_secrets: Some(&$data.image_pull_secrets),
                    priority_class_name: Some(&$data.priority_class_name),
                    pod_annotations: Some(&$data.pod_annotations),
                    pod_labels: Some(&$data.pod_labels),
                    security_context: Some(&$data.security_context),
                    pod_security_context: Some(&$data.pod_security_context),
                    volumes: Some(&$data.volumes),
                    node_selector: Some(&$data.node_selector),
                    tolerations: Some(&$data.tolerations),
                }
            };
        }
        Some(match self {
            NodeData::Deployment(d) => fields!(d, Some(&d.port)),
            NodeData::StatefulSet(d) => fields!(d, Some(&d.port)),
            NodeData::DaemonSet(d) => fields!(d, Some(&d.port)),
            NodeData::Job(d) => fields!(d, None),
            NodeData::CronJob(d) => fields!(d, None),
            _ => return None,
        })
    }

    /// Keys this version does not know, kept for the round trip.
    pub fn extra(&self) -> &Map<String, Value> {
        each_kind!(self, data => &data.extra, unknown map => map)
    }
}

impl Serialize for NodeData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        each_kind!(self, data => data.serialize(serializer), unknown map => map.serialize(serializer))
    }
}

impl CheckWire for NodeData {
    fn collect_invalid(&self, at: &mut FieldPath, out: &mut Vec<InvalidField>) {
        each_kind!(self, data => data.collect_invalid(at, out), unknown _map => {})
    }

    fn has_invalid(&self) -> bool {
        each_kind!(self, data => data.has_invalid(), unknown _map => false)
    }
}

/// A node as the canvas wrote it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Node {
    /// Node id, for example `node-3`.
    #[serde(skip_serializing_if = "Wire::is_absent")]
    pub id: Wire<String>,
    /// Node type, for example `deployment`.
    #[serde(rename = "type", skip_serializing_if = "Wire::is_absent")]
    pub node_type: Wire<String>,
    /// Canvas position.
    #[serde(skip_serializing_if = "Wire::is_absent")]
    pub position: Wire<Position>,
    /// Typed data of the node's kind.
    #[serde(skip_serializing_if = "Wire::is_absent")]
    pub data: Wire<NodeData>,
    /// Other keys (React Flow's `width`, `selected`, `positionAbsolute`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct RawNode {
    #[serde(default)]
    id: Wire<String>,
    #[serde(default, rename = "type")]
    node_type: Wire<String>,
    #[serde(default)]
    position: Wire<Position>,
    #[serde(default)]
    data: Wire<Value>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawNode::deserialize(deserializer)?;
        let kind = raw.node_type.as_str().and_then(NodeKind::from_type);
        let data = match raw.data {
            Wire::Valid(value) => decode_data(kind, Some(&value)),
            Wire::Absent => Wire::Absent,
            Wire::Null => Wire::Null,
            Wire::Invalid(invalid) => Wire::Invalid(invalid),
        };
        Ok(Node {
            id: raw.id,
            node_type: raw.node_type,
            position: raw.position,
            data,
            extra: raw.extra,
        })
    }
}

impl FromValue for Node {
    fn from_value(value: &Value) -> Result<Self, Box<InvalidValue>> {
        let Value::Object(object) = value else {
            return through_serde(value);
        };
        let mut node = Node::default();
        let mut data = None;
        for (key, value) in object {
            match key.as_str() {
                "id" => node.id = Wire::from_value(value),
                "type" => node.node_type = Wire::from_value(value),
                "position" => node.position = Wire::from_value(value),
                "data" => data = Some(value),
                _ => {
                    node.extra.insert(key.clone(), value.clone());
                }
            }
        }
        node.data = decode_data(node.kind(), data);
        Ok(node)
    }
}

/// A node's `data` (`None` when absent) as the kind named by its `type` reads it.
fn decode_data(kind: Option<NodeKind>, data: Option<&Value>) -> Wire<NodeData> {
    match data {
        None => Wire::Absent,
        Some(Value::Null) => Wire::Null,
        Some(value) => match NodeData::decode(kind, value) {
            Ok(data) => Wire::Valid(data),
            Err(invalid) => Wire::Invalid(Box::new(invalid)),
        },
    }
}

impl Node {
    /// The node's kind, or `None` for a type this version does not know.
    pub fn kind(&self) -> Option<NodeKind> {
        self.node_type.as_str().and_then(NodeKind::from_type)
    }

    /// The node id, or an empty string when missing.
    pub fn id(&self) -> &str {
        self.id.as_str().unwrap_or_default()
    }

    /// The typed data, when it could be read.
    pub fn data(&self) -> Option<&NodeData> {
        self.data.get()
    }

    /// The resource name from the data.
    pub fn name(&self) -> Option<&str> {
        self.data().and_then(NodeData::name)
    }

    /// The namespace the resource goes to (`default` when not given).
    pub fn namespace(&self) -> &str {
        self.data()
            .and_then(|data| data.namespace_field().non_empty())
            .unwrap_or("default")
    }
}

impl CheckWire for Node {
    fn collect_invalid(&self, at: &mut FieldPath, out: &mut Vec<InvalidField>) {
        collect_fields(
            &[
                ("id", &self.id),
                ("type", &self.node_type),
                ("position", &self.position),
                ("data", &self.data),
            ],
            at,
            out,
        );
    }

    fn has_invalid(&self) -> bool {
        self.id.has_invalid()
            || self.node_type.has_invalid()
            || self.position.has_invalid()
            || self.data.has_invalid()
    }
}

super::wire::leaf_check!(());

impl JsonSchema for Node {
    fn schema_name() -> Cow<'static, str> {
        "Node".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let position = generator.subschema_for::<Position>();
        let mut branches = Vec::new();
        for kind in NodeKind::ALL {
            let data = kind_schema(*kind, generator);
            branches.push(serde_json::json!({
                "if": { "properties": { "type": { "const": kind.as_str() } }, "required": ["type"] },
                "then": { "properties": { "data": data } }
            }));
        }
        json_schema!({
            "description": "A node as the canvas wrote it; `data` depends on `type`. Other keys (React Flow's `width`, `selected`, ...) are allowed and kept.",
            "type": "object",
            "required": ["id", "type"],
            "properties": {
                "id": { "type": "string" },
                "type": { "type": "string", "description": "deployment, service, ingress, configmap, secret, persistentvolumeclaim, statefulset, job, cronjob, daemonset, hpa, networkpolicy or plugin; other types are reported and left out" },
                "position": position,
                "data": { "type": ["object", "null"] }
            },
            "allOf": branches
        })
    }
}

/// The schema of the data of one node kind.
pub fn kind_schema(kind: NodeKind, generator: &mut SchemaGenerator) -> Schema {
    match kind {
        NodeKind::Deployment => generator.subschema_for::<DeploymentData>(),
        NodeKind::Service => generator.subschema_for::<ServiceData>(),
        NodeKind::Ingress => generator.subschema_for::<IngressData>(),
        NodeKind::ConfigMap => generator.subschema_for::<ConfigMapData>(),
        NodeKind::Secret => generator.subschema_for::<SecretData>(),
        NodeKind::PersistentVolumeClaim => generator.subschema_for::<PersistentVolumeClaimData>(),
        NodeKind::StatefulSet => generator.subschema_for::<StatefulSetData>(),
        NodeKind::Job => generator.subschema_for::<JobData>(),
        NodeKind::CronJob => generator.subschema_for::<CronJobData>(),
        NodeKind::DaemonSet => generator.subschema_for::<DaemonSetData>(),
        NodeKind::Hpa => generator.subschema_for::<HpaData>(),
        NodeKind::NetworkPolicy => generator.subschema_for::<NetworkPolicyData>(),
        NodeKind::Plugin => generator.subschema_for::<PluginNodeData>(),
    }
}
