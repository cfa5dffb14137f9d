//! The connection table: which kinds may be linked, and what an edge between two nodes
//! means ([`Relation`]) or why it means nothing ([`EdgeProblem`]).

use super::GraphNode;
use crate::model::kinds::{MountType, PolicyType, SecretType};
use crate::model::{Edge, NodeData, NodeKind};

/// Which rule list of a NetworkPolicy a rule handle names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RuleRef {
    /// `Ingress` (the workload is a `from` peer) or `Egress` (a `to` peer).
    pub direction: PolicyType,
    /// Index in `ingressRules` or `egressRules`.
    pub index: usize,
}

/// What an allowed edge means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// Ingress path number `path` routes to the Service.
    Route {
        /// Index of the path in `paths`.
        path: usize,
    },
    /// The Service selects the workload's pods.
    Selects,
    /// The ConfigMap, Secret or PVC is mounted into the workload.
    Mounts(MountType),
    /// The HPA scales the workload.
    Scales,
    /// The NetworkPolicy applies to the workload's pods.
    PolicyTarget,
    /// The workload is a peer of a NetworkPolicy rule.
    PolicyPeer(RuleRef),
    /// The workload's pods run as the ServiceAccount (`serviceAccountName`).
    RunsAs,
    /// The registry-credential Secret (`kubernetes.io/dockerconfigjson` or `dockercfg`)
    /// is an image pull secret of the workload's pods, or of the ServiceAccount.
    PullsWith,
}

/// Why an edge between two existing nodes is not a relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EdgeProblem {
    /// Source and target are the same node.
    SelfLoop,
    /// The kinds have no relationship (or one of them is unknown).
    Forbidden,
    /// The handle names no path or rule of the source.
    UnknownHandle(Option<String>),
}

/// What the edge from `source` to `target` means; `same` when they are one node.
pub(super) fn classify(
    source: &GraphNode<'_>,
    target: &GraphNode<'_>,
    edge: &Edge,
    same: bool,
) -> Result<Relation, EdgeProblem> {
    use NodeKind as K;
    if same {
        return Err(EdgeProblem::SelfLoop);
    }
    let (Some(from), Some(to)) = (source.kind, target.kind) else {
        return Err(EdgeProblem::Forbidden);
    };
    let handle = edge.handle();
    match (from, to) {
        (K::Ingress, K::Service) => {
            let Some(NodeData::Ingress(ingress)) = source.data() else {
                return Err(EdgeProblem::UnknownHandle(handle.map(str::to_owned)));
            };
            ingress
                .paths
                .items()
                .iter()
                .position(|path| handle.is_some() && path.id.as_str() == handle)
                .map(|path| Relation::Route { path })
                .ok_or_else(|| EdgeProblem::UnknownHandle(handle.map(str::to_owned)))
        }
        (K::Service, K::Deployment | K::StatefulSet | K::DaemonSet) => Ok(Relation::Selects),
        (K::ConfigMap, workload) if workload.is_workload() => {
            Ok(Relation::Mounts(MountType::ConfigMap))
        }
        // A registry-credential Secret is pulled with, not mounted: its type says which.
        (K::Secret, K::ServiceAccount) if holds_registry_credentials(source) => {
            Ok(Relation::PullsWith)
        }
        (K::Secret, workload) if workload.is_workload() => {
            Ok(if holds_registry_credentials(source) {
                Relation::PullsWith
            } else {
                Relation::Mounts(MountType::Secret)
            })
        }
        (K::ServiceAccount, workload) if workload.is_workload() => Ok(Relation::RunsAs),
        (K::PersistentVolumeClaim, K::Deployment | K::StatefulSet) => {
            Ok(Relation::Mounts(MountType::PersistentVolumeClaim))
        }
        (K::Hpa, K::Deployment | K::StatefulSet) => Ok(Relation::Scales),
        (K::NetworkPolicy, K::Deployment | K::StatefulSet | K::DaemonSet) => match handle {
            None | Some("output") => Ok(Relation::PolicyTarget),
            Some(rule_id) => {
                let Some(NodeData::NetworkPolicy(policy)) = source.data() else {
                    return Err(EdgeProblem::UnknownHandle(Some(rule_id.to_owned())));
                };
                let find = |rules: &[crate::model::kinds::PolicyRule], direction| {
                    rules
                        .iter()
                        .position(|rule| rule.id.as_str() == Some(rule_id))
                        .map(|index| Relation::PolicyPeer(RuleRef { direction, index }))
                };
                find(policy.ingress_rules.items(), PolicyType::Ingress)
                    .or_else(|| find(policy.egress_rules.items(), PolicyType::Egress))
                    .ok_or_else(|| EdgeProblem::UnknownHandle(Some(rule_id.to_owned())))
            }
        },
        _ => Err(EdgeProblem::Forbidden),
    }
}

/// Whether the Secret node holds registry credentials (its `secretType` is
/// `kubernetes.io/dockerconfigjson` or `kubernetes.io/dockercfg`).
fn holds_registry_credentials(secret: &GraphNode<'_>) -> bool {
    matches!(
        secret.data(),
        Some(NodeData::Secret(data))
            if matches!(
                data.secret_type.get(),
                Some(SecretType::DockerConfigJson | SecretType::DockerCfg)
            )
    )
}

/// The kinds that run pods.
pub const WORKLOAD_KINDS: &[NodeKind] = &[
    NodeKind::Deployment,
    NodeKind::StatefulSet,
    NodeKind::DaemonSet,
    NodeKind::Job,
    NodeKind::CronJob,
];

/// The workload kinds a Service or NetworkPolicy selects: their controllers select their
/// pods with the selector kubegraph writes (Kubernetes generates those of Jobs).
pub const SELECTABLE_KINDS: &[NodeKind] = &[
    NodeKind::Deployment,
    NodeKind::StatefulSet,
    NodeKind::DaemonSet,
];

/// The allowed connections, for messages and documentation: source type → target types.
pub const ALLOWED_CONNECTIONS: &[(NodeKind, &[NodeKind])] = {
    use NodeKind as K;
    &[
        (K::Ingress, &[K::Service]),
        (K::Service, &[K::Deployment, K::StatefulSet, K::DaemonSet]),
        (
            K::ConfigMap,
            &[
                K::Deployment,
                K::StatefulSet,
                K::Job,
                K::CronJob,
                K::DaemonSet,
            ],
        ),
        (
            K::Secret,
            &[
                K::Deployment,
                K::StatefulSet,
                K::Job,
                K::CronJob,
                K::DaemonSet,
                K::ServiceAccount,
            ],
        ),
        (K::PersistentVolumeClaim, &[K::Deployment, K::StatefulSet]),
        (K::Hpa, &[K::Deployment, K::StatefulSet]),
        (
            K::NetworkPolicy,
            &[K::Deployment, K::StatefulSet, K::DaemonSet],
        ),
        (
            K::ServiceAccount,
            &[
                K::Deployment,
                K::StatefulSet,
                K::Job,
                K::CronJob,
                K::DaemonSet,
            ],
        ),
    ]
};

/// The kinds a node of `kind` may connect to.
pub fn allowed_targets(kind: NodeKind) -> &'static [NodeKind] {
    ALLOWED_CONNECTIONS
        .iter()
        .find(|(source, _)| *source == kind)
        .map(|(_, targets)| *targets)
        .unwrap_or(&[])
}
