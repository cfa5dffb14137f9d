//! Syntax-level validators for the strings that end up in Kubernetes
//! manifests: object names, label and annotation keys, image references,
//! resource quantities, cron schedules and CIDRs.
//!
//! Each validator mirrors what the Kubernetes API server (or the container
//! runtime, for images) would accept, so that a workflow graph can be
//! rejected with a precise message before anything is applied to a cluster.
//! Errors are single lowercase sentence fragments without a trailing period,
//! suitable for prefixing with the offending field, e.g.
//! `format!("metadata.name {value:?} {err}")`.

pub mod cidr;
pub mod cron;
pub mod image;
pub mod names;
pub mod quantity;
