//! Container and pod security contexts, copied into Kubernetes' objects field by field.
//! What validation refuses (privileged without privilege escalation, a Localhost profile
//! without its path) is left for it to report; an empty context is left out.

use k8s_openapi::api::core::v1::{
    Capabilities, PodSecurityContext, SeccompProfile, SecurityContext,
};

use crate::model::Wire;
use crate::model::kinds;

/// The container's security context, `None` when it sets nothing.
pub(super) fn container(given: &kinds::SecurityContext) -> Option<SecurityContext> {
    let capabilities = given.capabilities.get().and_then(|given| {
        let add = names(&given.add);
        let drop = names(&given.drop);
        (add.is_some() || drop.is_some()).then_some(Capabilities { add, drop })
    });
    let context = SecurityContext {
        run_as_user: given.run_as_user.int(),
        run_as_group: given.run_as_group.int(),
        run_as_non_root: flag(&given.run_as_non_root),
        read_only_root_filesystem: flag(&given.read_only_root_filesystem),
        allow_privilege_escalation: flag(&given.allow_privilege_escalation),
        privileged: flag(&given.privileged),
        capabilities,
        seccomp_profile: given.seccomp_profile.get().and_then(seccomp),
        ..SecurityContext::default()
    };
    (context != SecurityContext::default()).then_some(context)
}

/// The pod's security context, `None` when it sets nothing.
pub(super) fn pod(given: &kinds::PodSecurityContext) -> Option<PodSecurityContext> {
    let groups: Vec<i64> = given
        .supplemental_groups
        .items()
        .iter()
        .filter_map(Wire::int)
        .collect();
    let context = PodSecurityContext {
        run_as_user: given.run_as_user.int(),
        run_as_group: given.run_as_group.int(),
        run_as_non_root: flag(&given.run_as_non_root),
        fs_group: given.fs_group.int(),
        fs_group_change_policy: given
            .fs_group_change_policy
            .get()
            .map(|policy| policy.as_str().to_owned()),
        supplemental_groups: (!groups.is_empty()).then_some(groups),
        seccomp_profile: given.seccomp_profile.get().and_then(seccomp),
        ..PodSecurityContext::default()
    };
    (context != PodSecurityContext::default()).then_some(context)
}

fn seccomp(given: &kinds::SeccompProfile) -> Option<SeccompProfile> {
    Some(SeccompProfile {
        type_: given.profile_type.get()?.as_str().to_owned(),
        localhost_profile: given.localhost_profile.non_empty().map(str::to_owned),
    })
}

/// A capability list: trimmed, blanks left out, `None` when empty.
fn names(given: &Wire<Vec<String>>) -> Option<Vec<String>> {
    let names: Vec<String> = given
        .items()
        .iter()
        .map(|name| name.trim())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect();
    (!names.is_empty()).then_some(names)
}

fn flag(given: &Wire<bool>) -> Option<bool> {
    given.get().copied()
}
