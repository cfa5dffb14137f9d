//! Syntax-level validators for the strings that end up in Kubernetes
//! manifests: object names, label and annotation keys, image references,
//! resource quantities, cron schedules and CIDRs.
//!
//! Each validator mirrors what the Kubernetes API server (or the container
//! runtime, for images) would accept, so that a workflow graph can be
//! rejected with a precise message before anything is applied to a cluster.
//! Errors are lower-case sentence fragments without a trailing period, such as
//! `must not be empty`; the rules under [`super::rules`] quote the value and put
//! the fragment into their own message.

pub mod cidr;
pub mod cron;
pub mod image;
pub mod names;
pub mod quantity;
