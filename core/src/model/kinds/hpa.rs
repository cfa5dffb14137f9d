//! HorizontalPodAutoscaler node data.

use super::common::StringMap;
use crate::model::Int;
use crate::model::macros::{wire_enum, wire_struct};

wire_enum! {
    /// Workload kinds an HPA can scale.
    pub enum ScaleTargetKind {
        /// A Deployment (default).
        "Deployment" => Deployment,
        /// A StatefulSet.
        "StatefulSet" => StatefulSet,
    }
}

wire_struct! {
    /// Scales a workload on CPU and memory (`autoscaling/v2` HPA).
    pub struct HpaData {
        /// Repeats the node id.
        "id" => id: String,
        /// Object name.
        "name" => name: String,
        /// Namespace, `default` when absent.
        "namespace" => namespace: String,
        /// Kind of the scaled workload (a copy; the edge wins).
        "scaleTargetKind" => scale_target_kind: ScaleTargetKind,
        /// Name of the scaled workload (a copy; the edge wins).
        "scaleTargetName" => scale_target_name: String,
        /// Lower bound (default 1).
        "minReplicas" => min_replicas: Int,
        /// Upper bound.
        "maxReplicas" => max_replicas: Int,
        /// Target average CPU utilisation in percent.
        "targetCPUUtilization" => target_cpu_utilization: Int,
        /// Target average memory utilisation in percent.
        "targetMemoryUtilization" => target_memory_utilization: Int,
        /// Scale-down stabilisation window in seconds.
        "scaleDownStabilization" => scale_down_stabilization: Int,
        /// Scale-up stabilisation window in seconds.
        "scaleUpStabilization" => scale_up_stabilization: Int,
        /// Labels; they win over the convention labels.
        "labels" => labels: StringMap,
        /// Template the node was created from.
        "templateId" => template_id: String,
        /// UI link bookkeeping: the scaled workload's node id.
        "_linkedTarget" => linked_target: String,
    }
}
