//! Container requests and limits: quantities in Kubernetes' grammar (`250m`, `1.5`,
//! `512Mi`, `2G`, `1e3`), not negative, memory not in thousandths of a byte (`256m`,
//! meant as `256Mi`), and no limit below its request; an `emptyDir` volume's `sizeLimit`
//! in the same grammar, not negative. Further containers (`initContainers`, `sidecars`)
//! are checked alike. Memory in thousandths is fixed to mebibytes when that keeps the
//! limit at or above the request, alone and with its pair fixed too.

use super::{Check, Rule};
use crate::diagnostic::{Code, Diagnostic, Fix};
use crate::graph::GraphNode;
use crate::graph::WORKLOAD_KINDS;
use crate::model::kinds::{PodVolume, ResourceList, Resources};
use crate::model::{FieldPath, NodeData, QuantityText, Wire};
use crate::validate::syntax::quantity::{Quantity, parse_quantity};
use crate::validate::{Context, node_problem};

pub const RULE: Rule = Rule {
    codes: &[
        Code::InvalidQuantity,
        Code::MillibyteMemory,
        Code::LimitBelowRequest,
    ],
    check: Check::Nodes(WORKLOAD_KINDS, check),
};

fn check<'a>(cx: &mut Context<'a>, _: usize, node: &'a GraphNode<'a>) {
    let Some(container) = node.data().and_then(NodeData::container) else {
        return;
    };
    size_limits(
        cx,
        node,
        container.volumes.map(Wire::items).unwrap_or_default(),
    );
    requirements(cx, node, container.resources, &|| node.data_path());
    for (list, index, further) in container.further_containers() {
        let base = || node.data_path().key(list.field()).index(index);
        requirements(cx, node, Some(&further.resources), &base);
    }
}

/// The requests and limits of one container of the pod, whose fields lie under `base`.
fn requirements(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    resources: Option<&Wire<Box<Resources>>>,
    base: &dyn Fn() -> FieldPath,
) {
    let Some(resources) = resources.and_then(Wire::get) else {
        return;
    };
    for resource in ["cpu", "memory"] {
        let request = quantity(cx, node, base, &resources.requests, "requests", resource);
        let limit = quantity(cx, node, base, &resources.limits, "limits", resource);
        if let Some(Reading::Millibytes(text, value)) = &request {
            let fits = |meant: &Quantity| limit.as_ref().is_none_or(|l| l.fits_over(meant));
            report_millibytes(cx, node, base, "requests", (text, value), &fits);
        }
        if let Some(Reading::Millibytes(text, value)) = &limit {
            let fits = |meant: &Quantity| request.as_ref().is_none_or(|r| r.fits_under(meant));
            report_millibytes(cx, node, base, "limits", (text, value), &fits);
        }
        if let (Some(Reading::Valid(request)), Some(Reading::Valid(limit))) = (request, limit)
            && limit < request
        {
            let message = format!(
                "{resource} limit {limit} is below its request {request}; Kubernetes rejects the container"
            );
            let at = base().key("resources").key("limits").key(resource);
            cx.report(
                node_problem(node, at, Code::LimitBelowRequest, message).hint(format!(
                    "raise the limit to at least {request}, or lower the request"
                )),
            );
        }
    }
}

/// The `sizeLimit` of each `emptyDir` volume: a quantity, not negative.
fn size_limits(cx: &mut Context<'_>, node: &GraphNode<'_>, volumes: &[PodVolume]) {
    for (index, volume) in volumes.iter().enumerate() {
        let Some(size) = volume
            .empty_dir
            .get()
            .and_then(|dir| dir.size_limit.non_empty())
        else {
            continue;
        };
        let problem = match parse_quantity(size) {
            Ok(value) if !value.is_negative() => continue,
            Ok(_) => "must not be negative".to_owned(),
            Err(problem) => problem,
        };
        let message = format!("emptyDir sizeLimit \"{size}\" {problem}");
        let at = node
            .data_path()
            .key("volumes")
            .index(index)
            .key("emptyDir")
            .key("sizeLimit");
        cx.report(
            node_problem(node, at, Code::InvalidQuantity, message)
                .hint("write a size such as `1Gi` or `500Mi`"),
        );
    }
}

/// A request or limit that parsed.
enum Reading {
    /// A quantity as meant.
    Valid(Quantity),
    /// Memory in thousandths of a byte, as written: reported, and not compared with its
    /// pair.
    Millibytes(String, Quantity),
}

impl Reading {
    /// The quantity once fixed: mebibytes for thousandths.
    fn fixed(&self) -> Option<Quantity> {
        match self {
            Reading::Valid(value) => Some(value.clone()),
            Reading::Millibytes(_, value) => parse_quantity(&mebibytes(value)).ok(),
        }
    }

    /// Whether this limit stays at or above `request`, as it is and once fixed.
    fn fits_over(&self, request: &Quantity) -> bool {
        let now = match self {
            Reading::Valid(limit) => limit >= request,
            Reading::Millibytes(..) => true,
        };
        now && self.fixed().is_some_and(|limit| &limit >= request)
    }

    /// Whether this request stays at or below `limit`, as it is and once fixed.
    fn fits_under(&self, limit: &Quantity) -> bool {
        let now = match self {
            Reading::Valid(request) => request <= limit,
            Reading::Millibytes(..) => true,
        };
        now && self.fixed().is_some_and(|request| &request <= limit)
    }
}

/// `256m` as the mebibytes meant: `256Mi`.
fn mebibytes(value: &Quantity) -> String {
    let text = value.as_str();
    format!("{}Mi", &text[..text.len() - 1])
}

/// The parsed quantity of `resources.<list>.<resource>`, reporting it when malformed.
fn quantity(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    base: &dyn Fn() -> FieldPath,
    list: &Wire<ResourceList>,
    list_name: &str,
    resource: &str,
) -> Option<Reading> {
    let list = list.get()?;
    let field: &Wire<QuantityText> = if resource == "cpu" {
        &list.cpu
    } else {
        &list.memory
    };
    let text = field.get()?.text();
    if text.is_empty() {
        // A cleared text box: the quantity is absent, and compile leaves it out.
        return None;
    }
    let problem = match parse_quantity(&text) {
        Ok(value) if resource == "memory" && is_millibytes(&value) => {
            return Some(Reading::Millibytes(text.into_owned(), value));
        }
        Ok(value) if !value.is_negative() => return Some(Reading::Valid(value)),
        Ok(_) => "must not be negative".to_owned(),
        Err(problem) => problem,
    };
    let message = format!("{resource} {list_name} \"{text}\" {problem}");
    let hint = if resource == "cpu" {
        "write CPU as cores or millicores, for example `1`, `0.5` or `250m`"
    } else {
        "write memory with a binary or decimal suffix, for example `512Mi`, `1Gi` or `1G` (not `1GB`)"
    };
    let at = base().key("resources").key(list_name).key(resource);
    cx.report(node_problem(node, at, Code::InvalidQuantity, message).hint(hint));
    None
}

/// `256m`: a positive quantity in thousandths. As memory that is a fraction of a byte
/// per thousand, which Kubernetes accepts and nobody means (`256Mi` was meant).
fn is_millibytes(value: &Quantity) -> bool {
    value.as_str().ends_with('m') && !value.is_negative() && !value.is_zero()
}

/// Reports memory in thousandths, with the fix to mebibytes when the pair `fits` it.
fn report_millibytes(
    cx: &mut Context<'_>,
    node: &GraphNode<'_>,
    base: &dyn Fn() -> FieldPath,
    list_name: &str,
    (written, value): (&str, &Quantity),
    fits: &dyn Fn(&Quantity) -> bool,
) {
    let text = value.as_str();
    let number = &text[..text.len() - 1];
    let meant = mebibytes(value);
    let message = format!(
        "memory {list_name} \"{text}\" is {} bytes (`m` means thousandths); did you mean {meant}?",
        value.decimal()
    );
    let at = base().key("resources").key(list_name).key("memory");
    let fix = parse_quantity(&meant)
        .ok()
        .filter(|fixed| fits(fixed))
        .map(|_| Fix::set_text(&at, &format!("memory {list_name}"), written, &meant));
    cx.report(
        node_problem(node, at, Code::MillibyteMemory, message)
            .hint(format!(
                "write `{meant}` (mebibytes) or `{number}M` (megabytes)"
            ))
            .fix(fix),
    );
}

/// An `invalid-quantity` diagnostic about the quantity at `at`: every quantity, storage
/// sizes included, is reported through it.
pub(super) fn invalid_quantity(
    node: &GraphNode<'_>,
    at: FieldPath,
    message: impl Into<String>,
) -> Diagnostic {
    node_problem(node, at, Code::InvalidQuantity, message)
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::validate::tests::{diagnostics_of, summary};

    #[test]
    fn quantities_parse_and_limits_cover_requests() {
        let found = diagnostics_of(
            Code::LimitBelowRequest,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"resources": {"requests": {"cpu": "two", "memory": "1GB"}}}},
                          {"id": "j", "type": "job", "data": {"resources": {"requests": {"cpu": 0.5, "memory": "1Gi"}, "limits": {"cpu": "250m", "memory": "1024Mi"}}}},
                          {"id": "c", "type": "cronjob", "data": {"resources": {"limits": {"memory": "-1Gi"}}}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "invalid-quantity",
                    "/nodes/0/data/resources/requests/cpu".into(),
                    "d"
                ),
                (
                    "invalid-quantity",
                    "/nodes/0/data/resources/requests/memory".into(),
                    "d"
                ),
                (
                    "limit-below-request",
                    "/nodes/1/data/resources/limits/cpu".into(),
                    "j"
                ),
                (
                    "invalid-quantity",
                    "/nodes/2/data/resources/limits/memory".into(),
                    "c"
                ),
            ]
        );
        assert!(
            found[0]
                .message
                .starts_with("cpu requests \"two\" is not a Kubernetes quantity")
        );
        assert_eq!(
            found[2].message,
            "cpu limit 250m is below its request 0.5; Kubernetes rejects the container"
        );
    }

    #[test]
    fn memory_in_thousandths_of_a_byte_names_mebibytes() {
        let found = diagnostics_of(
            Code::MillibyteMemory,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"resources": {"requests": {"cpu": "250m", "memory": "256m"}, "limits": {"memory": "1.5m"}}}},
                          {"id": "s", "type": "statefulset", "data": {"resources": {"requests": {"memory": "0m"}, "limits": {"memory": "512Mi", "cpu": "500m"}}}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "millibyte-memory",
                    "/nodes/0/data/resources/limits/memory".into(),
                    "d"
                ),
                (
                    "millibyte-memory",
                    "/nodes/0/data/resources/requests/memory".into(),
                    "d"
                ),
            ]
        );
        assert_eq!(
            found[1].message,
            "memory requests \"256m\" is 0.256 bytes (`m` means thousandths); did you mean 256Mi?"
        );
        assert!(
            found[0].message.contains("is 0.0015 bytes"),
            "{}",
            found[0].message
        );
        assert!(
            found[0].message.ends_with("did you mean 1.5Mi?"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn cleared_quantities_are_absent() {
        let found = diagnostics_of(
            Code::InvalidQuantity,
            r#"{"nodes": [{"id": "d", "type": "deployment", "data": {"resources": {
                "requests": {"cpu": "", "memory": "128Mi"}, "limits": {"cpu": " ", "memory": ""}}}}]}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn empty_dir_size_limits_are_quantities() {
        let found = diagnostics_of(
            Code::InvalidQuantity,
            r#"{"nodes": [{"id": "j", "type": "job", "data": {"volumes": [
                    {"name": "a", "emptyDir": {"sizeLimit": "1GB"}}, {"name": "b", "emptyDir": {"sizeLimit": "-1Gi"}},
                    {"name": "c", "emptyDir": {"sizeLimit": "512Mi", "medium": "Memory"}}]}}]}"#,
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "invalid-quantity",
                    "/nodes/0/data/volumes/0/emptyDir/sizeLimit".into(),
                    "j"
                ),
                (
                    "invalid-quantity",
                    "/nodes/0/data/volumes/1/emptyDir/sizeLimit".into(),
                    "j"
                ),
            ]
        );
    }

    #[test]
    fn thousandths_are_fixed_to_mebibytes_only_when_the_limit_stays_above_the_request() {
        let found = diagnostics_of(
            Code::MillibyteMemory,
            r#"{"nodes": [{"id": "a", "type": "deployment", "data": {"resources": {"requests": {"memory": "128m"}, "limits": {"memory": "256Mi"}}}},
                          {"id": "b", "type": "deployment", "data": {"resources": {"requests": {"memory": "512m"}, "limits": {"memory": "256Mi"}}}},
                          {"id": "c", "type": "deployment", "data": {"resources": {"requests": {"memory": "512m"}, "limits": {"memory": "256m"}}}},
                          {"id": "d", "type": "deployment", "data": {"resources": {"limits": {"memory": "64m"}}}}]}"#,
        );
        assert_eq!(
            crate::validate::tests::fix_titles(&found),
            [
                Some("Set memory requests to \"128Mi\""),
                None,
                None,
                None,
                Some("Set memory limits to \"64Mi\""),
            ]
        );
    }
}
