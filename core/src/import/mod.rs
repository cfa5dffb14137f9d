//! Reading what other tools write (Kubernetes manifests, docker-compose files) into workflows.

mod block_yaml;
pub mod compose;
pub mod manifests;
pub mod yaml;
