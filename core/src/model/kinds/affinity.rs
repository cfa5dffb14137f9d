//! Where a workload's pods are placed relative to nodes and to other pods: `affinity`
//! and `topologySpreadConstraints`, in Kubernetes' own shapes (`core/v1` Affinity and
//! TopologySpreadConstraint), so a manifest's block can be pasted as it is.

use super::common::StringMap;
use crate::model::Int;
use crate::model::macros::{wire_enum, wire_struct};

wire_enum! {
    /// How a label selector requirement compares a label with its values.
    pub enum LabelSelectorOperator {
        /// The label has one of the values.
        "In" => In,
        /// The label is absent or has none of the values.
        "NotIn" => NotIn,
        /// The label is set (no values).
        "Exists" => Exists,
        /// The label is not set (no values).
        "DoesNotExist" => DoesNotExist,
    }
}

wire_struct! {
    /// One requirement of a label selector.
    pub struct LabelSelectorRequirement {
        /// Label key.
        "key" => key: String,
        /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
        "operator" => operator: LabelSelectorOperator,
        /// Values: at least one for `In` and `NotIn`, none for `Exists` and `DoesNotExist`.
        "values" => values: Vec<String>,
    }
}

wire_struct! {
    /// Pods picked by their labels (`meta/v1` LabelSelector); both parts must match.
    pub struct LabelSelector {
        /// Labels the pods must have, with these values.
        "matchLabels" => match_labels: StringMap,
        /// Further requirements.
        "matchExpressions" => match_expressions: Vec<LabelSelectorRequirement>,
    }
}

wire_enum! {
    /// How a node selector requirement compares a node's label with its values.
    pub enum NodeSelectorOperator {
        /// The label has one of the values.
        "In" => In,
        /// The label is absent or has none of the values.
        "NotIn" => NotIn,
        /// The label is set (no values).
        "Exists" => Exists,
        /// The label is not set (no values).
        "DoesNotExist" => DoesNotExist,
        /// The label, a whole number, is greater than the one value.
        "Gt" => Gt,
        /// The label, a whole number, is less than the one value.
        "Lt" => Lt,
    }
}

wire_struct! {
    /// One requirement on a node's labels or fields.
    pub struct NodeSelectorRequirement {
        /// Label key (`metadata.name` for a field).
        "key" => key: String,
        /// `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`.
        "operator" => operator: NodeSelectorOperator,
        /// Values, as the operator needs them.
        "values" => values: Vec<String>,
    }
}

wire_struct! {
    /// Requirements a node must meet together.
    pub struct NodeSelectorTerm {
        /// Requirements on the node's labels.
        "matchExpressions" => match_expressions: Vec<NodeSelectorRequirement>,
        /// Requirements on the node's fields (only `metadata.name`).
        "matchFields" => match_fields: Vec<NodeSelectorRequirement>,
    }
}

wire_struct! {
    /// Terms of which a node must meet one.
    pub struct NodeSelector {
        /// The terms, ORed.
        "nodeSelectorTerms" => node_selector_terms: Vec<NodeSelectorTerm>,
    }
}

wire_struct! {
    /// A node term the scheduler prefers, with its weight.
    pub struct PreferredSchedulingTerm {
        /// 1-100: added to a node's score when it meets the term.
        "weight" => weight: Int,
        /// The term.
        "preference" => preference: NodeSelectorTerm,
    }
}

wire_struct! {
    /// Which nodes the pods may run on, beyond `nodeSelector`.
    pub struct NodeAffinity {
        /// Nodes that do not meet it are never chosen.
        "requiredDuringSchedulingIgnoredDuringExecution" => required: NodeSelector,
        /// Nodes that meet these terms are preferred.
        "preferredDuringSchedulingIgnoredDuringExecution" => preferred: Vec<PreferredSchedulingTerm>,
    }
}

wire_struct! {
    /// Pods near (or away from) which the pods run, by topology domain.
    pub struct PodAffinityTerm {
        /// The other pods; none when absent.
        "labelSelector" => label_selector: LabelSelector,
        /// Namespaces of the other pods, by label; with `namespaces`, their union.
        "namespaceSelector" => namespace_selector: LabelSelector,
        /// Namespaces of the other pods; the pod's own when neither is given.
        "namespaces" => namespaces: Vec<String>,
        /// The node label whose values are the domains, for example `kubernetes.io/hostname`.
        "topologyKey" => topology_key: String,
        /// Pod label keys whose values (of the incoming pod) are added to `labelSelector`.
        "matchLabelKeys" => match_label_keys: Vec<String>,
        /// Pod label keys whose values (of the incoming pod) must not match.
        "mismatchLabelKeys" => mismatch_label_keys: Vec<String>,
    }
}

wire_struct! {
    /// A pod affinity term the scheduler prefers, with its weight.
    pub struct WeightedPodAffinityTerm {
        /// 1-100: added to a node's score when the term holds there.
        "weight" => weight: Int,
        /// The term.
        "podAffinityTerm" => pod_affinity_term: PodAffinityTerm,
    }
}

wire_struct! {
    /// Pod affinity or anti-affinity: required and preferred terms.
    pub struct PodAffinity {
        /// Terms every placement must satisfy.
        "requiredDuringSchedulingIgnoredDuringExecution" => required: Vec<PodAffinityTerm>,
        /// Terms the scheduler prefers.
        "preferredDuringSchedulingIgnoredDuringExecution" => preferred: Vec<WeightedPodAffinityTerm>,
    }
}

wire_struct! {
    /// Scheduling constraints of the pods (`core/v1` Affinity).
    pub struct Affinity {
        /// Which nodes.
        "nodeAffinity" => node_affinity: NodeAffinity,
        /// Near which pods.
        "podAffinity" => pod_affinity: PodAffinity,
        /// Away from which pods.
        "podAntiAffinity" => pod_anti_affinity: PodAffinity,
    }
}

wire_enum! {
    /// What the scheduler does with a pod that would break a spread constraint.
    pub enum UnsatisfiableConstraintAction {
        /// Leave it pending.
        "DoNotSchedule" => DoNotSchedule,
        /// Schedule it anyway, preferring the least skew.
        "ScheduleAnyway" => ScheduleAnyway,
    }
}

wire_enum! {
    /// Whether a spread constraint counts nodes the pod could not run on.
    pub enum NodeInclusionPolicy {
        /// Count only the nodes the pod may run on.
        "Honor" => Honor,
        /// Count every node.
        "Ignore" => Ignore,
    }
}

wire_struct! {
    /// How evenly pods spread across topology domains (`core/v1` TopologySpreadConstraint).
    pub struct TopologySpreadConstraint {
        /// The largest allowed difference in matching pods between two domains, at least 1.
        "maxSkew" => max_skew: Int,
        /// The node label whose values are the domains, for example `topology.kubernetes.io/zone`.
        "topologyKey" => topology_key: String,
        /// `DoNotSchedule` or `ScheduleAnyway`.
        "whenUnsatisfiable" => when_unsatisfiable: UnsatisfiableConstraintAction,
        /// The pods counted; usually the workload's own.
        "labelSelector" => label_selector: LabelSelector,
        /// The fewest domains counted, at least 1 (only with `DoNotSchedule`).
        "minDomains" => min_domains: Int,
        /// Pod label keys whose values (of the incoming pod) are added to `labelSelector`.
        "matchLabelKeys" => match_label_keys: Vec<String>,
        /// `Honor` (default) or `Ignore` the pod's node affinity and selector.
        "nodeAffinityPolicy" => node_affinity_policy: NodeInclusionPolicy,
        /// `Honor` or `Ignore` (default) node taints.
        "nodeTaintsPolicy" => node_taints_policy: NodeInclusionPolicy,
    }
}
