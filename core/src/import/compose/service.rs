//! One compose service → its workload, its Service, and what it mounts.

use serde_json::{Map, Value, json};

use super::draft::{Column, Draft};
use super::volumes::{self, Mounts};
use super::{environment, health, report, units};
use crate::model::FieldPath;

/// Images of databases, by their last path part: they keep state per replica, so they
/// become StatefulSets, with their well-known port when the file publishes none.
const DATABASES: &[(&str, u16)] = &[
    ("postgres", 5432),
    ("postgis", 5432),
    ("mysql", 3306),
    ("mariadb", 3306),
    ("percona", 3306),
    ("mongo", 27017),
    ("mongodb", 27017),
    ("redis", 6379),
    ("valkey", 6379),
    ("memcached", 11211),
    ("cassandra", 9042),
    ("elasticsearch", 9200),
    ("opensearch", 9200),
    ("rabbitmq", 5672),
    ("zookeeper", 2181),
    ("kafka", 9092),
    ("couchdb", 5984),
    ("influxdb", 8086),
    ("neo4j", 7687),
    ("clickhouse-server", 9000),
    ("etcd", 2379),
];

/// A port of the container, and the one the Service offers for it.
struct Port {
    container: u16,
    protocol: &'static str,
    published: bool,
}

/// Converts the service `name` of the compose `file`.
pub(super) fn convert(
    draft: &mut Draft,
    file: &Map<String, Value>,
    name: &str,
    spec: &Map<String, Value>,
    path: FieldPath,
) {
    let image = match spec.get("image").and_then(Value::as_str) {
        Some(image) => image.to_owned(),
        // Compose tags what it builds `<project>-<service>`; the service name alone could
        // be another image of Docker Hub (`nginx`), pulled instead without a word.
        None if spec.contains_key("build") => {
            let project = file
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("compose");
            format!(
                "{}:latest",
                super::draft::sanitize(&format!("{project}-{name}"))
            )
        }
        None => {
            draft.invalid(
                path,
                None,
                format!("service `{name}` has neither `image` nor `build`"),
            );
            return;
        }
    };
    let database = database(&image);
    let kind = if database.is_some() {
        "statefulset"
    } else {
        "deployment"
    };
    let workload = draft.name("workload", name);
    let node = format!("{kind}/{workload}");
    report::service_keys(draft, spec, &path, &node, &image);

    let mut data = Map::new();
    data.insert("image".to_owned(), Value::from(image));
    let replicas = spec
        .get("deploy")
        .and_then(|deploy| deploy.get("replicas"))
        .or_else(|| spec.get("scale"));
    data.insert(
        "replicas".to_owned(),
        Value::from(replicas.and_then(Value::as_u64).unwrap_or(1)),
    );
    for (key, field) in [("entrypoint", "command"), ("command", "args")] {
        if let Some(given) = spec.get(key) {
            match words(given) {
                Some(words) => {
                    data.insert(field.to_owned(), json!(words));
                }
                None => draft.invalid(
                    path.clone().key(key),
                    Some(&node),
                    format!("`{key}` is a command line or a list of words"),
                ),
            }
        }
    }
    let mut ports = ports(draft, spec, &path, &node);
    if let (true, Some(default)) = (ports.is_empty(), database) {
        ports.push(Port {
            container: default,
            protocol: "TCP",
            published: false,
        });
    }
    if !ports.is_empty() {
        let container_ports: Vec<Value> = ports
            .iter()
            .map(|port| {
                json!({
                    "name": port_name(port),
                    "containerPort": port.container,
                    "protocol": port.protocol,
                })
            })
            .collect();
        data.insert("ports".to_owned(), Value::Array(container_ports));
    }
    if let Some(environment) = spec.get("environment") {
        environment::convert(
            draft,
            &mut data,
            name,
            environment,
            path.clone().key("environment"),
            &node,
        );
    }
    resources(draft, spec, &path, &node, &mut data);
    if let Some(check) = spec.get("healthcheck")
        && let Some(probe) = health::probe(draft, check, path.clone().key("healthcheck"), &node)
    {
        data.insert("readinessProbe".to_owned(), probe);
    }
    let mut mounts = Mounts {
        node: &node,
        service: &workload,
        stateful: database.is_some(),
        copies: Vec::new(),
        claims: Vec::new(),
        scratch: Vec::new(),
    };
    if let Some(list) = spec.get("volumes") {
        volumes::volumes(draft, file, list, path.clone().key("volumes"), &mut mounts);
    }
    for (key, secret) in [("configs", false), ("secrets", true)] {
        if let Some(list) = spec.get(key) {
            volumes::configs(
                draft,
                file,
                list,
                path.clone().key(key),
                &mut mounts,
                secret,
            );
        }
    }
    mounts.write_into(&mut data);

    // The governing Service of a StatefulSet is headless; clients reach its pods by the
    // service's name, as they reached the container.
    let service = (!ports.is_empty() || database.is_some()).then(|| {
        let service_name = draft.name("service", name);
        let mut service = Map::new();
        service.insert("serviceType".to_owned(), Value::from("ClusterIP"));
        if database.is_some() {
            service.insert("clusterIP".to_owned(), Value::from("None"));
        }
        service.insert("targetApp".to_owned(), Value::from(workload.as_str()));
        let service_ports: Vec<Value> = ports
            .iter()
            .map(|port| {
                json!({
                    "name": port_name(port),
                    "port": port.container,
                    "targetPort": port.container,
                    "protocol": port.protocol,
                })
            })
            .collect();
        service.insert("ports".to_owned(), Value::Array(service_ports));
        (service_name, service)
    });
    if database.is_some()
        && let Some((service_name, _)) = &service
    {
        data.insert("serviceName".to_owned(), Value::from(service_name.as_str()));
    }
    if ports.iter().any(|port| port.published) {
        draft.not_expressible(
            path.clone().key("ports"),
            Some(&node),
            format!(
                "published host ports of `{name}` are not opened on any host: its Service is \
                reachable inside the cluster; add an Ingress or a LoadBalancer Service to \
                reach it from outside"
            ),
        );
    }
    draft.add(kind, &workload, Column::Workloads, data);
    if let Some((service_name, service)) = service {
        let service_id = draft.add("service", &service_name, Column::Services, service);
        draft.connect(&service_id, &node);
    }
}

/// The default port of a database image, `None` for other images.
fn database(image: &str) -> Option<u16> {
    let without_digest = image.split('@').next().unwrap_or(image);
    let last = without_digest.rsplit('/').next().unwrap_or(without_digest);
    let repository = last.split(':').next().unwrap_or(last);
    DATABASES
        .iter()
        .find(|(name, _)| *name == repository)
        .map(|(_, port)| *port)
}

/// `tcp-80`, `udp-53`: a port name (at most 15 characters).
fn port_name(port: &Port) -> String {
    format!("{}-{}", port.protocol.to_ascii_lowercase(), port.container)
}

/// A command as a list of words: a list as it is, a line split as Compose splits it.
fn words(given: &Value) -> Option<Vec<String>> {
    match given {
        Value::String(line) => units::shell_words(line),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(word) => Some(word.clone()),
                Value::Number(number) => Some(number.to_string()),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// The container ports of `ports` and `expose`, each once, in order.
fn ports(draft: &mut Draft, spec: &Map<String, Value>, path: &FieldPath, node: &str) -> Vec<Port> {
    let mut found: Vec<Port> = Vec::new();
    for (key, published) in [("ports", true), ("expose", false)] {
        let Some(list) = spec.get(key) else { continue };
        let Some(list) = list.as_array() else {
            draft.invalid(
                path.clone().key(key),
                Some(node),
                format!("`{key}` is a list"),
            );
            continue;
        };
        for (index, entry) in list.iter().enumerate() {
            match read_port(entry, published) {
                Some(ports) => {
                    for port in ports {
                        if !found.iter().any(|seen| {
                            seen.container == port.container && seen.protocol == port.protocol
                        }) {
                            found.push(port);
                        }
                    }
                }
                None => draft.invalid(
                    path.clone().key(key).index(index),
                    Some(node),
                    "a port is `[host:]container[/protocol]` (a range `8000-8002` too) or a \
                        mapping with `target`"
                        .to_owned(),
                ),
            }
        }
    }
    found
}

/// The container ports of one `ports` or `expose` entry.
fn read_port(entry: &Value, in_ports: bool) -> Option<Vec<Port>> {
    let protocol = |name: &str| match name.to_ascii_lowercase().as_str() {
        "tcp" => Some("TCP"),
        "udp" => Some("UDP"),
        "sctp" => Some("SCTP"),
        _ => None,
    };
    match entry {
        Value::Number(number) => {
            let container = u16::try_from(number.as_u64()?)
                .ok()
                .filter(|port| *port > 0)?;
            Some(vec![Port {
                container,
                protocol: "TCP",
                published: false,
            }])
        }
        Value::Object(long) => {
            let container = match long.get("target")? {
                Value::Number(number) => u16::try_from(number.as_u64()?).ok()?,
                Value::String(text) => text.parse().ok()?,
                _ => return None,
            };
            let protocol = match long.get("protocol").and_then(Value::as_str) {
                Some(name) => protocol(name)?,
                None => "TCP",
            };
            Some(vec![Port {
                container,
                protocol,
                published: long.contains_key("published"),
            }])
        }
        Value::String(text) => {
            let (spec, protocol) = match text.rsplit_once('/') {
                Some((spec, name)) => (spec, protocol(name)?),
                None => (text.as_str(), "TCP"),
            };
            // `ip:host:container`, `host:container` or `container`; an IPv6 host address
            // is in brackets, so the container part is after the last colon.
            let (host, container) = match spec.rsplit_once(':') {
                Some((host, container)) => (Some(host), container),
                None => (None, spec),
            };
            let (first, last) = match container.split_once('-') {
                Some((first, last)) => (first.parse::<u16>().ok()?, last.parse::<u16>().ok()?),
                None => {
                    let port = container.parse::<u16>().ok()?;
                    (port, port)
                }
            };
            if first == 0 || last < first || last - first >= 100 {
                return None;
            }
            let published = in_ports && host.is_some_and(|host| !host.is_empty());
            Some(
                (first..=last)
                    .map(|container| Port {
                        container,
                        protocol,
                        published,
                    })
                    .collect(),
            )
        }
        _ => None,
    }
}

/// `deploy.resources` (and the old `mem_limit`, `mem_reservation`, `cpus`) as requests and
/// limits in Kubernetes units.
fn resources(
    draft: &mut Draft,
    spec: &Map<String, Value>,
    path: &FieldPath,
    node: &str,
    data: &mut Map<String, Value>,
) {
    let deploy = path.clone().key("deploy").key("resources");
    let given = spec
        .get("deploy")
        .and_then(|deploy| deploy.get("resources"));
    let mut sources: Vec<(&str, &str, &Value, FieldPath)> = Vec::new();
    for (section, target) in [("limits", "limits"), ("reservations", "requests")] {
        for (key, resource) in [("cpus", "cpu"), ("memory", "memory")] {
            if let Some(value) = given
                .and_then(|given| given.get(section))
                .and_then(|section| section.get(key))
            {
                sources.push((
                    target,
                    resource,
                    value,
                    deploy.clone().key(section).key(key),
                ));
            }
        }
    }
    for (key, target, resource) in [
        ("mem_limit", "limits", "memory"),
        ("mem_reservation", "requests", "memory"),
        ("cpus", "limits", "cpu"),
    ] {
        if let Some(value) = spec.get(key) {
            sources.push((target, resource, value, path.clone().key(key)));
        }
    }
    let mut resources = Map::new();
    for (target, resource, value, at) in sources {
        let converted = if resource == "cpu" {
            units::cpus(value)
        } else {
            units::size(value)
        };
        let Some(converted) = converted else {
            draft.invalid(
                at,
                Some(node),
                format!(
                    "{value} is not a {}",
                    if resource == "cpu" {
                        "CPU count such as `0.5`"
                    } else {
                        "size such as `512m`"
                    }
                ),
            );
            continue;
        };
        let section = resources
            .entry(target)
            .or_insert_with(|| Value::Object(Map::new()));
        // The `deploy` value, read first, wins over the old key.
        if section.get(resource).is_none() {
            section[resource] = Value::from(converted);
        }
    }
    if !resources.is_empty() {
        data.insert("resources".to_owned(), Value::Object(resources));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn containers(entry: Value) -> Option<Vec<(u16, &'static str, bool)>> {
        read_port(&entry, true).map(|ports| {
            ports
                .into_iter()
                .map(|port| (port.container, port.protocol, port.published))
                .collect()
        })
    }

    #[test]
    fn port_syntaxes() {
        assert_eq!(containers(json!("8080:80")), Some(vec![(80, "TCP", true)]));
        assert_eq!(containers(json!("80")), Some(vec![(80, "TCP", false)]));
        assert_eq!(containers(json!(3000)), Some(vec![(3000, "TCP", false)]));
        assert_eq!(
            containers(json!("127.0.0.1:5353:53/udp")),
            Some(vec![(53, "UDP", true)])
        );
        assert_eq!(
            containers(json!("[::1]:8080:80")),
            Some(vec![(80, "TCP", true)])
        );
        assert_eq!(
            containers(json!("9000-9001:8000-8001")),
            Some(vec![(8000, "TCP", true), (8001, "TCP", true)])
        );
        assert_eq!(
            containers(json!({"target": 80, "published": "8080", "protocol": "tcp"})),
            Some(vec![(80, "TCP", true)])
        );
        for bad in [
            json!("http"),
            json!("0"),
            json!("80/icmp"),
            json!("1-70000"),
            json!(true),
        ] {
            assert_eq!(containers(bad.clone()), None, "{bad}");
        }
    }

    #[test]
    fn database_images() {
        assert_eq!(database("postgres:16-alpine"), Some(5432));
        assert_eq!(database("docker.io/library/mysql:8@sha256:abc"), Some(3306));
        assert_eq!(database("bitnami/redis"), Some(6379));
        assert_eq!(database("nginx:1.27"), None);
        assert_eq!(database("localhost:5000/postgres-exporter"), None);
    }
}
