//! A service's `volumes`, `configs` and `secrets`, mounted at the paths Compose mounts
//! them:
//!
//! - a named volume: a claim template of a StatefulSet, else a PersistentVolumeClaim node
//!   (one per volume, shared by the services that mount it);
//! - a bind mount of a project file (`./nginx.conf`): a ConfigMap holding it, mounted by
//!   `subPath`; of a project directory (`./data`): a claim; neither gets the files'
//!   contents (reported); of an absolute host path: reported, as no portable Kubernetes
//!   volume holds a node's files;
//! - an anonymous volume or a `tmpfs`: an `emptyDir` (in memory for `tmpfs`);
//! - a config (a secret): a ConfigMap (a Secret) of its name, its one key mounted by
//!   `subPath` at the target (`/<name>`, `/run/secrets/<name>` by default); one node per
//!   config and target, as a node has one mount path.

use serde_json::{Map, Value, json};

use super::draft::{Column, Draft};
use crate::model::FieldPath;

/// The size asked of a claim: Compose volumes have none.
const CLAIM_SIZE: &str = "1Gi";

/// One entry of a service's `volumes`, read from the short or the long syntax.
struct Mount {
    kind: MountKind,
    source: String,
    target: String,
    read_only: bool,
}

#[derive(PartialEq)]
enum MountKind {
    Volume,
    Bind,
    Tmpfs,
}

/// What the workload's mounts are collected into.
pub(super) struct Mounts<'a> {
    /// The workload node's id (edges end there).
    pub(super) node: &'a str,
    /// The service's name, for names of what is made for it alone.
    pub(super) service: &'a str,
    /// Whether the workload is a StatefulSet (named volumes become claim templates).
    pub(super) stateful: bool,
    /// `volumeMounts` copies of the edges.
    pub(super) copies: Vec<Value>,
    /// `volumeClaimTemplates`.
    pub(super) claims: Vec<Value>,
    /// Pod `volumes` (`emptyDir`).
    pub(super) scratch: Vec<Value>,
}

impl Mounts<'_> {
    /// Adds what the workload data needs.
    pub(super) fn write_into(self, data: &mut Map<String, Value>) {
        for (key, list) in [
            ("volumeMounts", self.copies),
            ("volumeClaimTemplates", self.claims),
            ("volumes", self.scratch),
        ] {
            if !list.is_empty() {
                data.insert(key.to_owned(), Value::Array(list));
            }
        }
    }

    /// Connects the node `source` and copies its mount: `copy` holds `type`, `name` and
    /// `mountPath`, and `subPath` where one file of it is mounted.
    fn mount(&mut self, draft: &mut Draft, source: &str, mut copy: Value, read_only: bool) {
        draft.connect(source, self.node);
        copy["nodeId"] = Value::from(source);
        if read_only {
            copy["readOnly"] = Value::Bool(true);
        }
        self.copies.push(copy);
    }
}

/// Converts the service's `volumes` list.
pub(super) fn volumes(
    draft: &mut Draft,
    file: &Map<String, Value>,
    list: &Value,
    path: FieldPath,
    mounts: &mut Mounts<'_>,
) {
    let Some(list) = list.as_array() else {
        draft.invalid(path, Some(mounts.node), "`volumes` is a list".to_owned());
        return;
    };
    for (index, entry) in list.iter().enumerate() {
        let at = path.clone().index(index);
        let Some(mount) = read_mount(entry) else {
            draft.invalid(
                at,
                Some(mounts.node),
                "a volume is `source:target[:ro]`, `target`, or a mapping with `type`, `source` \
                    and `target`"
                    .to_owned(),
            );
            continue;
        };
        let declared = file.get("volumes").and_then(Value::as_object);
        match mount.kind {
            MountKind::Tmpfs => scratch(draft, mounts, &mount, true),
            MountKind::Volume if mount.source.is_empty() => scratch(draft, mounts, &mount, false),
            MountKind::Volume => {
                // A volume's own `name` is what Docker calls it.
                let name = declared
                    .and_then(|volumes| volumes.get(&mount.source))
                    .and_then(|volume| volume.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or(&mount.source)
                    .to_owned();
                claim(draft, mounts, &name, &mount, true);
            }
            MountKind::Bind if mount.source.starts_with('/') || mount.source.starts_with('~') => {
                draft.not_expressible(
                    at,
                    Some(mounts.node),
                    format!(
                        "the bind mount of host path {} at {} is left out: a pod may run on any \
                            node, and no portable volume holds a node's files",
                        mount.source, mount.target
                    ),
                );
            }
            MountKind::Bind => {
                draft.file_content(
                    at,
                    Some(mounts.node),
                    format!(
                        "the files of {} are not copied: fill in what is mounted at {}",
                        mount.source, mount.target
                    ),
                );
                if looks_like_a_file(&mount.source) {
                    let key = file_name(&mount.source);
                    let name = format!("{}-{key}", mounts.service);
                    config_map(draft, mounts, &name, &key, Value::from(""), &mount.target);
                } else {
                    let name = format!("{}-{}", mounts.service, file_name(&mount.source));
                    claim(draft, mounts, &name, &mount, false);
                }
            }
        }
    }
}

/// A claim for a named volume (`shared`: one node for every service mounting it) or a
/// project directory, as a claim template of a StatefulSet.
fn claim(draft: &mut Draft, mounts: &mut Mounts<'_>, wanted: &str, mount: &Mount, shared: bool) {
    if mounts.stateful {
        let name = draft.name(&format!("claim of {}", mounts.node), wanted);
        let mut template = json!({
            "id": format!("claim-{name}"),
            "name": name,
            "accessModes": ["ReadWriteOnce"],
            "storage": CLAIM_SIZE,
            "mountPath": mount.target,
        });
        if mount.read_only {
            template["readOnly"] = Value::Bool(true);
        }
        mounts.claims.push(template);
        return;
    }
    let existing = shared.then(|| draft.shared("volume", wanted)).flatten();
    let (id, name) = match existing {
        Some(found) => found,
        None => {
            let name = draft.name("persistentvolumeclaim", wanted);
            let mut data = Map::new();
            data.insert("accessModes".to_owned(), json!(["ReadWriteOnce"]));
            data.insert("storage".to_owned(), Value::from(CLAIM_SIZE));
            let id = draft.add("persistentvolumeclaim", &name, Column::Storage, data);
            if shared {
                draft.share("volume", wanted, &id, &name);
            }
            (id, name)
        }
    };
    let copy = json!({ "type": "persistentVolumeClaim", "name": name, "mountPath": mount.target });
    mounts.mount(draft, &id, copy, mount.read_only);
}

/// An `emptyDir` of the pod.
fn scratch(draft: &mut Draft, mounts: &mut Mounts<'_>, mount: &Mount, memory: bool) {
    let name = draft.name(
        &format!("volume of {}", mounts.node),
        &format!("scratch-{}", file_name(&mount.target)),
    );
    let mut volume = json!({ "name": name, "emptyDir": {}, "mountPath": mount.target });
    if memory {
        volume["emptyDir"]["medium"] = Value::from("Memory");
    }
    if mount.read_only {
        volume["readOnly"] = Value::Bool(true);
    }
    mounts.scratch.push(volume);
}

/// A ConfigMap holding one file, `key`, mounted at `target` by `subPath`.
fn config_map(
    draft: &mut Draft,
    mounts: &mut Mounts<'_>,
    wanted: &str,
    key: &str,
    content: Value,
    target: &str,
) {
    let name = draft.name("configmap", wanted);
    let mut data = Map::new();
    data.insert("data".to_owned(), json!({ key: content }));
    data.insert("mountPath".to_owned(), Value::from(target));
    let id = draft.add("configmap", &name, Column::Storage, data);
    let copy = json!({ "type": "configMap", "name": name, "mountPath": target, "subPath": key });
    mounts.mount(draft, &id, copy, true);
}

/// Converts the service's `configs` (`secret`: its `secrets`): each entry names a
/// top-level config (secret), one node per config shared by the services.
pub(super) fn configs(
    draft: &mut Draft,
    file: &Map<String, Value>,
    list: &Value,
    path: FieldPath,
    mounts: &mut Mounts<'_>,
    secret: bool,
) {
    let section = if secret { "secrets" } else { "configs" };
    let Some(list) = list.as_array() else {
        draft.invalid(path, Some(mounts.node), format!("`{section}` is a list"));
        return;
    };
    for (index, entry) in list.iter().enumerate() {
        let at = path.clone().index(index);
        let (source, target) = match entry {
            Value::String(source) => (source.as_str(), None),
            Value::Object(long) => match long.get("source").and_then(Value::as_str) {
                Some(source) => (source, long.get("target").and_then(Value::as_str)),
                None => {
                    draft.invalid(
                        at,
                        Some(mounts.node),
                        format!("an entry of `{section}` names its `source`"),
                    );
                    continue;
                }
            },
            _ => {
                draft.invalid(
                    at,
                    Some(mounts.node),
                    format!("an entry of `{section}` is a name or a mapping"),
                );
                continue;
            }
        };
        let Some(definition) = file.get(section).and_then(|all| all.get(source)) else {
            draft.invalid(
                at,
                Some(mounts.node),
                format!("`{source}` is not declared under the top-level `{section}`"),
            );
            continue;
        };
        let target = match (target, secret) {
            (Some(target), _) if target.starts_with('/') => target.to_owned(),
            (Some(target), true) => format!("/run/secrets/{target}"),
            (Some(target), false) => format!("/{target}"),
            (None, true) => format!("/run/secrets/{source}"),
            (None, false) => format!("/{source}"),
        };
        let key = data_key(source);
        let kind = if secret { "secret" } else { "configmap" };
        // A ConfigMap or Secret node has one mount path (it wins over the copies): one
        // node per config and target.
        let shared_as = format!("{source} at {target}");
        let (id, name) = match draft.shared(kind, &shared_as) {
            Some(found) => found,
            None => {
                let content = definition.get("content").and_then(Value::as_str);
                if content.is_none() {
                    let origin = ["file", "environment"]
                        .iter()
                        .find_map(|from| {
                            definition
                                .get(*from)
                                .and_then(Value::as_str)
                                .map(|value| format!("{from} {value}"))
                        })
                        .unwrap_or_else(|| "an external object".to_owned());
                    draft.file_content(
                        FieldPath::root().key(section).key(source),
                        None,
                        format!(
                            "the content of {section} `{source}` comes from {origin}, which is \
                                not read: supply it in the {}",
                            if secret { "values" } else { "ConfigMap" }
                        ),
                    );
                }
                let name = draft.name(kind, source);
                let mut data = Map::new();
                data.insert("mountPath".to_owned(), Value::from(target.as_str()));
                if secret {
                    data.insert("secretType".to_owned(), Value::from("Opaque"));
                    data.insert(
                        "keys".to_owned(),
                        json!([{ "id": format!("key-{key}"), "name": key }]),
                    );
                } else {
                    data.insert(
                        "data".to_owned(),
                        json!({ &key: content.unwrap_or_default() }),
                    );
                }
                let id = draft.add(kind, &name, Column::Storage, data);
                if let (true, Some(content)) = (secret, content) {
                    draft.secret_value(&id, &key, content);
                }
                draft.share(kind, &shared_as, &id, &name);
                (id, name)
            }
        };
        let mount_type = if secret { "secret" } else { "configMap" };
        let copy = json!({ "type": mount_type, "name": name, "mountPath": target, "subPath": key });
        mounts.mount(draft, &id, copy, true);
    }
}

fn read_mount(entry: &Value) -> Option<Mount> {
    match entry {
        Value::String(short) => {
            let parts: Vec<&str> = short.split(':').collect();
            let (source, target, mode) = match parts.as_slice() {
                [target] => ("", *target, ""),
                [source, target] => (*source, *target, ""),
                [source, target, mode] => (*source, *target, *mode),
                _ => return None,
            };
            let bind = source.starts_with(['.', '/', '~']);
            Some(Mount {
                kind: if bind {
                    MountKind::Bind
                } else {
                    MountKind::Volume
                },
                source: source.to_owned(),
                target: target.to_owned(),
                read_only: mode.split(',').any(|option| option == "ro"),
            })
            .filter(|mount| mount.target.starts_with('/'))
        }
        Value::Object(long) => {
            let kind = match long.get("type").and_then(Value::as_str)? {
                "volume" => MountKind::Volume,
                "bind" => MountKind::Bind,
                "tmpfs" => MountKind::Tmpfs,
                _ => return None,
            };
            let target = long.get("target").and_then(Value::as_str)?;
            Some(Mount {
                source: long
                    .get("source")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                kind,
                target: target.to_owned(),
                read_only: long
                    .get("read_only")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            })
            .filter(|mount| {
                mount.target.starts_with('/')
                    && (mount.kind != MountKind::Bind || !mount.source.is_empty())
            })
        }
        _ => None,
    }
}

/// The last part of a path (`nginx.conf` of `./conf/nginx.conf`).
fn file_name(path: &str) -> String {
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|name| !name.is_empty() && *name != ".")
        .unwrap_or("root")
        .to_owned()
}

/// Whether a project path names a file rather than a directory: its last part has an
/// extension (`nginx.conf`, `init.sql`).
fn looks_like_a_file(path: &str) -> bool {
    let name = file_name(path);
    name.rfind('.')
        .is_some_and(|dot| dot > 0 && dot + 1 < name.len())
}

/// A ConfigMap or Secret data key for `name`: letters, digits, `-`, `_` and `.` kept.
fn data_key(name: &str) -> String {
    let key: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if key.is_empty() || key == "." || key == ".." {
        format!("key{key}")
    } else {
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_syntax() {
        let mount = read_mount(&json!("db-data:/var/lib/postgresql/data:ro")).unwrap();
        assert!(mount.kind == MountKind::Volume && mount.read_only);
        assert_eq!(
            (mount.source.as_str(), mount.target.as_str()),
            ("db-data", "/var/lib/postgresql/data")
        );
        let mount = read_mount(&json!("./conf/nginx.conf:/etc/nginx/nginx.conf")).unwrap();
        assert!(mount.kind == MountKind::Bind && !mount.read_only);
        let mount = read_mount(&json!("/cache")).unwrap();
        assert!(mount.kind == MountKind::Volume && mount.source.is_empty());
        assert!(read_mount(&json!("relative")).is_none());
        assert!(read_mount(&json!("a:b:c:d")).is_none());
    }

    #[test]
    fn files_and_keys() {
        assert!(looks_like_a_file("./conf/nginx.conf"));
        assert!(!looks_like_a_file("./data"));
        assert!(!looks_like_a_file("./.hidden"));
        assert_eq!(file_name("./data/"), "data");
        assert_eq!(file_name("."), "root");
        assert_eq!(data_key("db password"), "db-password");
    }
}
