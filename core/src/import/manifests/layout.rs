//! Node positions a person can read: one column per layer, from the traffic's entry to
//! its storage (Ingress, Service, workload, scaling and policy, configuration, storage),
//! the nodes of a layer stacked in input order. No two nodes overlap and the same input
//! always gives the same positions.

use super::Imported;

/// Horizontal distance between layers, vertical distance between nodes: wider and taller
/// than the designer's node cards.
const COLUMN: f64 = 320.0;
const ROW: f64 = 160.0;

fn layer(node_type: &str) -> usize {
    match node_type {
        "ingress" => 0,
        "service" => 1,
        "deployment" | "statefulset" | "daemonset" | "job" | "cronjob" => 2,
        "hpa" | "networkpolicy" => 3,
        "configmap" | "secret" | "serviceaccount" => 4,
        _ => 5,
    }
}

/// The position of each node, in node order.
pub(super) fn positions(nodes: &[Imported]) -> Vec<(f64, f64)> {
    let mut filled = [0_u32; 6];
    nodes
        .iter()
        .map(|node| {
            let layer = layer(node.node_type);
            let row = filled[layer];
            filled[layer] += 1;
            (COLUMN * layer as f64, ROW * f64::from(row))
        })
        .collect()
}
