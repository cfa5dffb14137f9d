//! Nodes: the resources drawn on the canvas.
//!
//! The `data` of a node is read into the typed struct of its kind; a node of a type this
//! version does not know keeps its data as JSON. Either way nothing is lost.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeSeed, Error, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::kinds::{
    ConfigMapData, ContainerFields, CronJobData, DaemonSetData, DeploymentData, HpaData,
    IngressData, JobData, NetworkPolicyData, PersistentVolumeClaimData, PluginNodeData, PodExtras,
    SecretData, ServiceAccountData, ServiceData, StatefulSetData,
};
use super::macros::{wire_enum, wire_struct};
use super::read::{FromValue, through_serde};
use super::stream::{
    Entries, Key, ObjectSource, ReadJson, ReadObject, WireSeed, needs_value_path, read_object_wire,
    scalars_as_values,
};
use super::wire::collect_fields;
use super::{CheckWire, Extra, FieldPath, Float, InvalidField, InvalidValue, Wire};

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
        /// `v1` ServiceAccount.
        "serviceaccount" => ServiceAccount,
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
            NodeKind::ServiceAccount => "ServiceAccount",
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
// Boxed: the kinds differ in size by more than half, and a workflow of many nodes held the
// largest kind's size for each (a tenth of a megabyte per hundred nodes), moved it from
// reader to reader and copied it whenever its list grew.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeData {
    /// Deployment data.
    Deployment(Box<DeploymentData>),
    /// Service data.
    Service(Box<ServiceData>),
    /// Ingress data.
    Ingress(Box<IngressData>),
    /// ConfigMap data.
    ConfigMap(Box<ConfigMapData>),
    /// Secret data (key names only).
    Secret(Box<SecretData>),
    /// PersistentVolumeClaim data.
    PersistentVolumeClaim(Box<PersistentVolumeClaimData>),
    /// StatefulSet data.
    StatefulSet(Box<StatefulSetData>),
    /// Job data.
    Job(Box<JobData>),
    /// CronJob data.
    CronJob(Box<CronJobData>),
    /// DaemonSet data.
    DaemonSet(Box<DaemonSetData>),
    /// HPA data.
    Hpa(Box<HpaData>),
    /// NetworkPolicy data.
    NetworkPolicy(Box<NetworkPolicyData>),
    /// Plugin (custom resource) data.
    Plugin(Box<PluginNodeData>),
    /// ServiceAccount data.
    ServiceAccount(Box<ServiceAccountData>),
    /// Data of a node type this version does not know, kept as it was: every key is
    /// one it does not know.
    Unknown(Extra),
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
            NodeData::ServiceAccount($inner) => $body,
            NodeData::Unknown($map) => $unknown,
        }
    };
}

impl NodeData {
    /// The data of a node of `kind`; every object is read (an unknown kind's as it is).
    fn decode(kind: Option<NodeKind>, raw: &Value) -> Result<NodeData, InvalidValue> {
        let Value::Object(object) = raw else {
            return Err(not_an_object(raw.clone()));
        };
        let Some(kind) = kind else {
            return Ok(NodeData::Unknown(object.clone().into()));
        };
        match NodeData::typed(kind, object) {
            Ok(data) => Ok(data),
            Err(never) => match never {},
        }
    }

    /// The data of a node of the known `kind`, from its object.
    fn typed<'de, S: ObjectSource<'de>>(kind: NodeKind, object: S) -> Result<NodeData, S::Error> {
        Ok(match kind {
            NodeKind::Deployment => NodeData::Deployment(Box::new(object.read()?)),
            NodeKind::Service => NodeData::Service(Box::new(object.read()?)),
            NodeKind::Ingress => NodeData::Ingress(Box::new(object.read()?)),
            NodeKind::ConfigMap => NodeData::ConfigMap(Box::new(object.read()?)),
            NodeKind::Secret => NodeData::Secret(Box::new(object.read()?)),
            NodeKind::PersistentVolumeClaim => {
                NodeData::PersistentVolumeClaim(Box::new(object.read()?))
            }
            NodeKind::StatefulSet => NodeData::StatefulSet(Box::new(object.read()?)),
            NodeKind::Job => NodeData::Job(Box::new(object.read()?)),
            NodeKind::CronJob => NodeData::CronJob(Box::new(object.read()?)),
            NodeKind::DaemonSet => NodeData::DaemonSet(Box::new(object.read()?)),
            NodeKind::Hpa => NodeData::Hpa(Box::new(object.read()?)),
            NodeKind::NetworkPolicy => NodeData::NetworkPolicy(Box::new(object.read()?)),
            NodeKind::Plugin => NodeData::Plugin(Box::new(object.read()?)),
            NodeKind::ServiceAccount => NodeData::ServiceAccount(Box::new(object.read()?)),
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
    // Inlined, each caller builds only the fields it reads: rules call this for every node.
    #[inline]
    pub fn container(&self) -> Option<ContainerFields<'_>> {
        // Every workload kind has these fields; Jobs and CronJobs have no `port`.
        macro_rules! fields {
            ($data:expr, $port:expr) => {
                ContainerFields {
                    image: Some(&$data.image),
                    port: $port,
                    env: Some(&$data.env),
                    env_from: Some(&$data.env_from),
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
                    init_containers: Some(&$data.init_containers),
                    sidecars: Some(&$data.sidecars),
                    affinity: Some(&$data.affinity),
                    topology_spread_constraints: Some(&$data.topology_spread_constraints),
                    lifecycle: Some(&$data.lifecycle),
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

    /// A workload's further containers (init containers, then sidecars) and its own
    /// container's env, read without building [`ContainerFields`]: the rules about further
    /// containers and env sources look here first, and most workloads have none of them.
    pub fn pod_extras(&self) -> Option<PodExtras<'_>> {
        macro_rules! extras {
            ($data:expr) => {
                PodExtras {
                    env: &$data.env,
                    env_from: $data.env_from.items(),
                    init_containers: $data.init_containers.items(),
                    sidecars: $data.sidecars.items(),
                }
            };
        }
        Some(match self {
            NodeData::Deployment(d) => extras!(d),
            NodeData::StatefulSet(d) => extras!(d),
            NodeData::DaemonSet(d) => extras!(d),
            NodeData::Job(d) => extras!(d),
            NodeData::CronJob(d) => extras!(d),
            _ => return None,
        })
    }

    /// Keys this version does not know, kept for the round trip.
    pub fn extra(&self) -> &Extra {
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
    pub extra: Extra,
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
    extra: Extra,
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

/// Data that is not an object, refused whatever the node's type.
fn not_an_object(raw: Value) -> InvalidValue {
    InvalidValue {
        reason: "expected an object".to_owned(),
        raw,
    }
}

/// Read from JSON text, a node's data is read as its type says: the type must come first
/// (as canvases write it); a node whose data comes first goes to the `Value` path.
impl ReadObject for Node {
    fn read_object<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut node = Node::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match key.as_str() {
                "id" => node.id = map.next_value_seed(WireSeed::new())?,
                "type" if !node.data.is_absent() => return Err(needs_value_path()),
                "type" => node.node_type = map.next_value_seed(WireSeed::new())?,
                "position" => node.position = map.next_value_seed(WireSeed::new())?,
                "data" if node.node_type.is_absent() => return Err(needs_value_path()),
                "data" => node.data = map.next_value_seed(DataSeed(node.kind()))?,
                _ => {
                    node.extra.insert(key.into_owned(), map.next_value()?);
                }
            }
        }
        Ok(node)
    }
}

impl ReadJson for Node {
    fn read_wire<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Wire<Self>, D::Error> {
        read_object_wire(deserializer)
    }
}

/// Reads a node's data as the kind of its type (`None`: a type this version does not
/// know) reads it.
struct DataSeed(Option<NodeKind>);

impl<'de> DeserializeSeed<'de> for DataSeed {
    type Value = Wire<NodeData>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DataSeed {
    type Value = Wire<NodeData>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let data = match self.0 {
            Some(kind) => NodeData::typed(kind, Entries(map))?,
            None => NodeData::Unknown(Extra::deserialize(MapAccessDeserializer::new(map))?),
        };
        Ok(Wire::Valid(data))
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(Wire::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(refused_data)
    }

    scalars_as_values!(refused_data);
}

fn refused_data(raw: Value) -> Wire<NodeData> {
    Wire::Invalid(Box::new(not_an_object(raw)))
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
                "type": { "type": "string", "description": "deployment, service, ingress, configmap, secret, persistentvolumeclaim, statefulset, job, cronjob, daemonset, hpa, networkpolicy, plugin or serviceaccount; other types are reported and left out" },
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
        NodeKind::ServiceAccount => generator.subschema_for::<ServiceAccountData>(),
    }
}
