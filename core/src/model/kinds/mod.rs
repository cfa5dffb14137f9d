//! The data of every node kind, one module per kind.

mod affinity;
mod common;
mod configmap;
mod container;
mod cronjob;
mod daemonset;
mod deployment;
mod hpa;
mod ingress;
mod job;
mod mounts;
mod networkpolicy;
mod plugin;
mod pod;
mod probe;
mod pvc;
mod secret;
mod security;
mod service;
mod serviceaccount;
mod statefulset;
mod workload;

pub use affinity::{
    Affinity, LabelSelector, LabelSelectorOperator, LabelSelectorRequirement, NodeAffinity,
    NodeInclusionPolicy, NodeSelector, NodeSelectorOperator, NodeSelectorRequirement,
    NodeSelectorTerm, PodAffinity, PodAffinityTerm, PreferredSchedulingTerm,
    TopologySpreadConstraint, UnsatisfiableConstraintAction, WeightedPodAffinityTerm,
};
pub use common::{
    AccessMode, ContainerFields, EnvKey, MountType, ProbeKind, ResourceList, Resources, StringMap,
    VolumeMount,
};
pub use configmap::{ConfigMapData, is_placeholder_key};
pub use container::{
    Container, ContainerList, ContainerRestartPolicy, ContainerVolumeMount, Env, EnvFromObject,
    EnvFromSource, EnvVar, EnvVarSource, KeySelector, ObjectFieldSelector, PodExtras,
    ResourceFieldSelector,
};
pub use cronjob::{ConcurrencyPolicy, CronJobData};
pub use daemonset::{DaemonSetData, TaintEffect, Toleration, TolerationOperator, UpdateStrategy};
pub use deployment::DeploymentData;
pub use hpa::{HpaData, ScaleTargetKind};
pub use ingress::{IngressData, IngressPath, PathType};
pub use job::{JobData, RestartPolicy};
pub use mounts::{copy_of, mount_path};
pub use networkpolicy::{
    IpBlock, NetworkPolicyData, Peer, PeerType, PolicyPort, PolicyRule, PolicyType, RulePeer,
};
pub use plugin::{FieldInput, PluginNodeData};
pub use pod::{
    ContainerPort, EmptyDir, ImagePullPolicy, ImagePullSecret, PodVolume, StorageMedium,
};
pub use probe::{
    ExecAction, GrpcAction, HttpGetAction, HttpHeader, Lifecycle, LifecycleHandler, Probe,
    SleepAction, TcpSocketAction, UriScheme,
};
pub use pvc::{PersistentVolumeClaimData, VolumeMode};
pub use secret::{SecretData, SecretKey, SecretType};
pub use security::{
    Capabilities, FsGroupChangePolicy, PodSecurityContext, SeccompProfile, SeccompProfileType,
    SecurityContext,
};
pub use service::{HEADLESS, Protocol, ServiceData, ServicePort, ServiceType, SessionAffinity};
pub use serviceaccount::ServiceAccountData;
pub use statefulset::{StatefulSetData, VolumeClaimTemplate};

#[cfg(test)]
mod sizes {
    use std::mem::size_of;

    use super::{Container, CronJobData, DaemonSetData, DeploymentData, JobData, StatefulSetData};

    /// A workflow holds one of these per workload node (or further container), whatever
    /// fields it has: large optional models inline made every Deployment about 3.4 KB,
    /// most of it absent probes, hooks and security contexts. They are boxed now (see
    /// `workload.rs`); a new inline field that is large shows up here.
    #[test]
    fn workload_data_stays_small() {
        // 1,200-1,312 bytes for the workload kinds, 368 for a further container, on
        // 64-bit targets.
        for (kind, size, bound) in [
            ("DeploymentData", size_of::<DeploymentData>(), 1_344),
            ("StatefulSetData", size_of::<StatefulSetData>(), 1_344),
            ("DaemonSetData", size_of::<DaemonSetData>(), 1_344),
            ("JobData", size_of::<JobData>(), 1_344),
            ("CronJobData", size_of::<CronJobData>(), 1_344),
            ("Container", size_of::<Container>(), 384),
        ] {
            assert!(
                size <= bound,
                "{kind} takes {size} bytes, more than {bound}"
            );
        }
    }
}
