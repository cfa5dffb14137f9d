//! A container of the pod, built the same way wherever it is declared: the workload's own
//! container (its fields are the node's data) and its further containers
//! (`initContainers`, `sidecars`, each in Kubernetes' shape) share this code.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use k8s_openapi::api::core::v1::{
    ConfigMapEnvSource, ConfigMapKeySelector, Container, ContainerPort, EnvFromSource, EnvVar,
    EnvVarSource, ObjectFieldSelector, Probe, ResourceFieldSelector, ResourceRequirements,
    SecretEnvSource, SecretKeySelector, VolumeMount,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use super::context::Context;
use crate::diagnostic::Code;
use crate::graph::GraphNode;
use crate::model::kinds::{
    self, ContainerFields, ContainerList, ContainerVolumeMount, EnvFromObject, KeySelector,
    ResourceList, Resources, is_placeholder_key,
};
use crate::model::{FieldPath, NodeKind, QuantityText, Wire};

/// What every container has, from its fields: its process, probes, lifecycle hooks, image
/// pull policy, security context and resources. The caller adds ports, env and mounts.
pub(super) fn container(fields: &ContainerFields<'_>, name: String, image: String) -> Container {
    Container {
        name,
        image: Some(image),
        image_pull_policy: fields
            .image_pull_policy
            .and_then(Wire::get)
            .map(|policy| policy.as_str().to_owned()),
        command: non_empty_list(fields.command),
        args: non_empty_list(fields.args),
        liveness_probe: given_probe(fields.liveness_probe),
        readiness_probe: given_probe(fields.readiness_probe),
        startup_probe: given_probe(fields.startup_probe),
        lifecycle: fields
            .lifecycle
            .and_then(Wire::unboxed)
            .and_then(super::probe::lifecycle),
        resources: fields.resources.and_then(resources),
        security_context: fields
            .security_context
            .and_then(Wire::unboxed)
            .and_then(super::security::container),
        ..Container::default()
    }
}

/// The further containers of one list (`initContainers` or `sidecars`), in order; one
/// without a name or image is left out (validation reports it).
pub(super) fn further_containers(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    fields: &ContainerFields<'_>,
    list: ContainerList,
) -> Option<Vec<Container>> {
    let mut built = Vec::new();
    for (_, index, given) in fields.further_containers().filter(|(of, _, _)| *of == list) {
        let (Some(name), Some(image)) = (given.name.non_empty(), given.image.non_empty()) else {
            cx.skip(node, node.data_path().key(list.field()).index(index));
            continue;
        };
        let own = given.fields();
        let at = || node.data_path().key(list.field()).index(index);
        let mut container = container(&own, name.to_owned(), image.to_owned());
        container.ports = ports(cx, node, &own, &at);
        container.env = env(cx, node, &own, &at);
        container.env_from = env_from(cx, node, &own);
        let mounts: Vec<VolumeMount> = given
            .volume_mounts
            .items()
            .iter()
            .filter_map(mount)
            .collect();
        container.volume_mounts = (!mounts.is_empty()).then_some(mounts);
        container.restart_policy = given
            .restart_policy
            .get()
            .map(|policy| policy.as_str().to_owned());
        built.push(container);
    }
    (!built.is_empty()).then_some(built)
}

/// The declared `ports` of a container (a port whose number does not fit is left out).
pub(super) fn ports(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    fields: &ContainerFields<'_>,
    base: &dyn Fn() -> FieldPath,
) -> Option<Vec<ContainerPort>> {
    let declared = fields.declared_ports();
    let mut ports = Vec::with_capacity(declared.len());
    for (index, given) in declared.iter().enumerate() {
        let at = || base().key("ports").index(index).key("containerPort");
        let Some(container_port) = cx.int32(node, at, given.container_port.int()) else {
            continue;
        };
        ports.push(ContainerPort {
            name: given.name.non_empty().map(str::to_owned),
            container_port,
            protocol: Some(
                given
                    .protocol
                    .get()
                    .map_or("TCP", |protocol| protocol.as_str())
                    .to_owned(),
            ),
            ..ContainerPort::default()
        });
    }
    (!ports.is_empty()).then_some(ports)
}

/// A mount of a further container, naming a volume of the pod.
fn mount(given: &ContainerVolumeMount) -> Option<VolumeMount> {
    Some(VolumeMount {
        name: given.name.non_empty()?.to_owned(),
        mount_path: given.mount_path.non_empty()?.to_owned(),
        sub_path: given.sub_path.non_empty().map(str::to_owned),
        read_only: given.read_only.is_true().then_some(true),
        ..VolumeMount::default()
    })
}

/// Command or args: the items as given, `None` when there are none.
fn non_empty_list(list: Option<&Wire<Vec<String>>>) -> Option<Vec<String>> {
    let items = list.map(Wire::items).unwrap_or_default();
    (!items.is_empty()).then(|| items.to_vec())
}

fn given_probe(probe: Option<&Wire<Box<kinds::Probe>>>) -> Option<Probe> {
    super::probe::probe(probe?.unboxed()?)
}

/// Requests and limits; `None` when neither has a value (a cleared box, `""`, is none).
fn resources(given: &Wire<Box<Resources>>) -> Option<ResourceRequirements> {
    let given = given.get()?;
    let list = |list: &Wire<ResourceList>| {
        let list = list.get()?;
        // Two keys, inserted in order: cheaper than collecting, which sorts.
        let mut quantities = BTreeMap::new();
        for (key, value) in [("cpu", &list.cpu), ("memory", &list.memory)] {
            let text = value.get().map(QuantityText::text).unwrap_or_default();
            if !text.trim().is_empty() {
                quantities.insert(key.to_owned(), Quantity(text.into_owned()));
            }
        }
        (!quantities.is_empty()).then_some(quantities)
    };
    let requirements = ResourceRequirements {
        requests: list(&given.requests),
        limits: list(&given.limits),
        claims: None,
    };
    (requirements.requests.is_some() || requirements.limits.is_some()).then_some(requirements)
}

/// Plain `env` in input order (a map's entries, or a list's, with their `valueFrom`), then
/// the run-time values of `envKeys`. Input order is kept (not sorted) because `$(VAR)`
/// references only see variables defined before them. A run-time value replaces a
/// variable of the same name in place: `envKeys` marks the variable as supplied at run
/// time, so the supplied value is the one meant.
pub(super) fn env(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    fields: &ContainerFields<'_>,
    base: &dyn Fn() -> FieldPath,
) -> Option<Vec<EnvVar>> {
    let mut vars = EnvVars::default();
    match fields.env.and_then(Wire::get) {
        Some(kinds::Env::Map(map)) => {
            for (key, value) in map {
                vars.set(key, EnvValue::Plain(value));
            }
        }
        Some(kinds::Env::List(list)) => {
            for given in list {
                let value = match given.value_from.get() {
                    Some(source) => EnvValue::From(source),
                    None => EnvValue::Plain(given.value.as_str().unwrap_or_default()),
                };
                vars.set(given.name.as_str().unwrap_or_default(), value);
            }
        }
        None => {}
    }
    let supplied = cx.values.and_then(|values| values.env(node.id()));
    let keys = fields.env_keys.map(Wire::items).unwrap_or_default();
    for (index, key) in keys.iter().enumerate() {
        let Some(name) = key
            .name
            .non_empty()
            .filter(|name| !is_placeholder_key(name))
        else {
            continue;
        };
        match supplied.and_then(|values| values.get(name)) {
            Some(value) => vars.set(name, EnvValue::Plain(value)),
            None if !vars.contains(name) => {
                cx.report(
                    node,
                    Code::MissingEnvValue,
                    base().key("envKeys").index(index).key("name"),
                    format!(
                        "{}: no value was supplied for env variable {name}; it is left out",
                        node.describe()
                    ),
                )
                .hint(format!(
                    "supply it under envVars.{}.{name} in the values",
                    node.id()
                ));
            }
            None => {}
        }
    }
    (!vars.0.is_empty()).then(|| {
        vars.0
            .into_iter()
            .map(|(name, value)| EnvVar {
                name: name.to_owned(),
                value: match value {
                    EnvValue::Plain(value) => Some(value.to_owned()),
                    EnvValue::From(_) => None,
                },
                value_from: match value {
                    EnvValue::Plain(_) => None,
                    EnvValue::From(source) => Some(value_from(cx, node, source)),
                },
            })
            .collect()
    })
}

/// `envFrom` as given; a Secret or ConfigMap named by node id becomes that node's name.
/// An entry naming no object is left out (validation reports it).
pub(super) fn env_from(
    cx: &Context<'_>,
    node: &GraphNode<'_>,
    fields: &ContainerFields<'_>,
) -> Option<Vec<EnvFromSource>> {
    let given = fields.env_from.map(Wire::items).unwrap_or_default();
    let object = |kind: NodeKind, object: &EnvFromObject| {
        let name = object.name.non_empty()?;
        let name = match cx.graph.named_source(node, kind, name) {
            Some(source) => source.name(),
            None => name,
        };
        Some((name.to_owned(), object.optional.get().copied()))
    };
    let sources: Vec<EnvFromSource> = given
        .iter()
        .filter_map(|source| {
            let config_map_ref = match source.config_map_ref.get() {
                Some(given) => {
                    let (name, optional) = object(NodeKind::ConfigMap, given)?;
                    Some(ConfigMapEnvSource { name, optional })
                }
                None => None,
            };
            let secret_ref = match source.secret_ref.get() {
                Some(given) => {
                    let (name, optional) = object(NodeKind::Secret, given)?;
                    Some(SecretEnvSource { name, optional })
                }
                None => None,
            };
            (config_map_ref.is_some() || secret_ref.is_some()).then(|| EnvFromSource {
                prefix: source.prefix.as_str().map(str::to_owned),
                config_map_ref,
                secret_ref,
            })
        })
        .collect();
    (!sources.is_empty()).then_some(sources)
}

/// A variable's value: plain, or where it comes from.
#[derive(Clone, Copy)]
enum EnvValue<'a> {
    Plain(&'a str),
    From(&'a kinds::EnvVarSource),
}

/// Env variables by trimmed name, in the order first set; setting one again replaces its
/// value in place.
#[derive(Default)]
struct EnvVars<'a>(IndexMap<&'a str, EnvValue<'a>, foldhash::fast::RandomState>);

impl<'a> EnvVars<'a> {
    fn set(&mut self, name: &'a str, value: EnvValue<'a>) {
        let name = name.trim();
        if !name.is_empty() {
            self.0.insert(name, value);
        }
    }

    fn contains(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }
}

/// Where a variable's value comes from, in Kubernetes' shape; a Secret or ConfigMap named
/// by node id becomes that node's name.
fn value_from(cx: &Context<'_>, node: &GraphNode<'_>, given: &kinds::EnvVarSource) -> EnvVarSource {
    let object = |kind: NodeKind, selector: &KeySelector| {
        let name = match cx.graph.key_source(node, kind, selector) {
            Some(source) => source.name(),
            None => selector.name.non_empty().unwrap_or_default(),
        };
        (
            name.to_owned(),
            selector.key.non_empty().unwrap_or_default().to_owned(),
            selector.optional.get().copied(),
        )
    };
    EnvVarSource {
        secret_key_ref: given.secret_key_ref.get().map(|selector| {
            let (name, key, optional) = object(NodeKind::Secret, selector);
            SecretKeySelector {
                name,
                key,
                optional,
            }
        }),
        config_map_key_ref: given.config_map_key_ref.get().map(|selector| {
            let (name, key, optional) = object(NodeKind::ConfigMap, selector);
            ConfigMapKeySelector {
                name,
                key,
                optional,
            }
        }),
        field_ref: given.field_ref.get().map(|field| ObjectFieldSelector {
            field_path: field.field_path.non_empty().unwrap_or_default().to_owned(),
            api_version: field.api_version.non_empty().map(str::to_owned),
        }),
        resource_field_ref: given
            .resource_field_ref
            .get()
            .map(|resource| ResourceFieldSelector {
                resource: resource.resource.non_empty().unwrap_or_default().to_owned(),
                container_name: resource.container_name.non_empty().map(str::to_owned),
                divisor: resource
                    .divisor
                    .get()
                    .map(|divisor| Quantity(divisor.text().into_owned()))
                    .filter(|divisor| !divisor.0.is_empty()),
            }),
    }
}
