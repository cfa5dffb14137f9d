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
mod size_probe_tmp {
    use super::*;
    use crate::model::*;
    #[test]
    fn print_sizes() {
        macro_rules! p { ($($t:ty),*) => { $(println!("SIZE {} {}", stringify!($t), std::mem::size_of::<$t>());)* } }
        p!(DeploymentData, StatefulSetData, DaemonSetData, JobData, CronJobData, ServiceData, IngressData,
           ConfigMapData, SecretData, PersistentVolumeClaimData, HpaData, NetworkPolicyData, PluginNodeData,
           ServiceAccountData, Node, NodeData, Container,
           Wire<Probe>, Wire<Lifecycle>, Wire<SecurityContext>, Wire<PodSecurityContext>, Wire<Affinity>,
           Wire<Resources>, Wire<StringMap>, Wire<Env>, Wire<String>, Wire<Int>, Wire<bool>, Wire<Vec<String>>,
           Wire<ImagePullPolicy>, Wire<serde_json::Value>, Extra, Wire<QuantityText>, Wire<Position>, Wire<Float>);
    }
}
