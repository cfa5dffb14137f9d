//! Reading what other tools write (Kubernetes manifests, docker-compose files) into workflows.

pub mod compose;
pub mod manifests;
pub mod yaml;
