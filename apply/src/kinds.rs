//! Finding each kind's endpoint through API discovery.
//!
//! Compiled objects carry only apiVersion and kind; the URL path (plural resource name)
//! and scope come from the server, so custom resources work without compiled-in types,
//! and a kind the server does not serve (a plugin whose CRD is not installed) is reported
//! as such instead of as an opaque 404.

use std::collections::HashMap;

use kube::Client;
use kube::api::{Api, DynamicObject};
use kube::core::GroupVersionKind;
use kube::discovery::{self, ApiCapabilities, ApiResource, Scope};

use crate::error::ObjectError;
use crate::inventory::ObjectRef;

/// Discovery results for one run. Only successes are cached: a CRD installed meanwhile
/// is found on the next lookup.
pub(crate) struct Kinds {
    client: Client,
    found: HashMap<(String, String), (ApiResource, ApiCapabilities)>,
}

impl Kinds {
    pub(crate) fn new(client: Client) -> Self {
        Kinds {
            client,
            found: HashMap::new(),
        }
    }

    /// The API for an object's kind, in its namespace when the kind is namespaced.
    pub(crate) async fn api(
        &mut self,
        object: &ObjectRef,
    ) -> Result<Api<DynamicObject>, ObjectError> {
        let key = (object.api_version.clone(), object.kind.clone());
        if !self.found.contains_key(&key) {
            let (group, version) = match object.api_version.split_once('/') {
                Some((group, version)) => (group, version),
                None => ("", object.api_version.as_str()),
            };
            let gvk = GroupVersionKind::gvk(group, version, &object.kind);
            let resolved = discovery::pinned_kind(&self.client, &gvk)
                .await
                .map_err(|error| missing_kind(object, error))?;
            self.found.insert(key.clone(), resolved);
        }
        let (resource, capabilities) = &self.found[&key];
        Ok(match (&capabilities.scope, &object.namespace) {
            (Scope::Namespaced, Some(namespace)) => {
                Api::namespaced_with(self.client.clone(), namespace, resource)
            }
            (Scope::Namespaced, None) => {
                Api::default_namespaced_with(self.client.clone(), resource)
            }
            (Scope::Cluster, _) => Api::all_with(self.client.clone(), resource),
        })
    }
}

/// An unknown group (404 on `/apis/<group>/<version>`) or a known group without the kind
/// both mean the kind is not served.
fn missing_kind(object: &ObjectRef, error: kube::Error) -> ObjectError {
    let missing = match &error {
        kube::Error::Discovery(_) => true,
        // Checked by code: the 404 for an unknown group has a plain-text body, which kube
        // turns into a status without the NotFound reason.
        kube::Error::Api(status) => status.code == 404,
        _ => false,
    };
    if missing {
        ObjectError::MissingKind {
            api_version: object.api_version.clone(),
            kind: object.kind.clone(),
        }
    } else {
        ObjectError::from_kube(error)
    }
}
