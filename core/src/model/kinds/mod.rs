//! The data of every node kind, one module per kind.

mod common;
mod configmap;
mod cronjob;
mod daemonset;
mod deployment;
mod hpa;
mod ingress;
mod job;
mod networkpolicy;
mod plugin;
mod pvc;
mod secret;
mod service;
mod statefulset;
mod workload;

pub use common::{
    AccessMode, ContainerFields, EnvKey, MountType, ResourceList, Resources, StringMap, VolumeMount,
};
pub use configmap::{ConfigMapData, is_placeholder_key};
pub use cronjob::{ConcurrencyPolicy, CronJobData};
pub use daemonset::{DaemonSetData, TaintEffect, Toleration, TolerationOperator, UpdateStrategy};
pub use deployment::DeploymentData;
pub use hpa::{HpaData, ScaleTargetKind};
pub use ingress::{IngressData, IngressPath, PathType};
pub use job::{JobData, RestartPolicy};
pub use networkpolicy::{
    IpBlock, NetworkPolicyData, Peer, PeerType, PolicyPort, PolicyRule, PolicyType, RulePeer,
};
pub use plugin::{FieldInput, PluginNodeData};
pub use pvc::{PersistentVolumeClaimData, VolumeMode};
pub use secret::{SecretData, SecretKey, SecretType};
pub use service::{Protocol, ServiceData, ServicePort, ServiceType, SessionAffinity};
pub use statefulset::{StatefulSetData, VolumeClaimTemplate};
