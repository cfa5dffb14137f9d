//! Kubernetes name validators, ported from
//! `k8s.io/apimachinery/pkg/util/validation/validation.go`.
//!
//! The API server rejects objects whose names, label keys/values, port names
//! or ConfigMap keys break these rules, so checking them while validating the
//! workflow graph turns a late `kubectl apply` failure into an early, precise
//! diagnostic. Lengths are measured in bytes, exactly like Go's `len`, and all
//! character classes are ASCII-only, so any non-ASCII input is rejected.
//!
//! Every validator returns `Err` with a single lowercase sentence fragment and
//! no trailing period (for example `"must be no more than 63 characters"`).
//! When several rules are broken, the first one Kubernetes checks is reported.

use super::split_once_byte;

/// Maximum length of a DNS-1123 subdomain (most object names).
pub const DNS1123_SUBDOMAIN_MAX_LENGTH: usize = 253;
/// Maximum length of a DNS-1123 label (namespaces, services, ...).
pub const DNS1123_LABEL_MAX_LENGTH: usize = 63;
/// Maximum length of a DNS-1035 label.
pub const DNS1035_LABEL_MAX_LENGTH: usize = 63;
/// Maximum length of a label value.
pub const LABEL_VALUE_MAX_LENGTH: usize = 63;
/// Maximum length of the name part of a qualified name.
pub const QUALIFIED_NAME_MAX_LENGTH: usize = 63;
/// Maximum length of an IANA service (port) name.
pub const IANA_SVC_NAME_MAX_LENGTH: usize = 15;
/// Maximum total size of an object's annotations (keys plus values), 256 KiB.
pub const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES: usize = 256 * 1024;

const DNS1123_LABEL_MSG: &str = "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_MSG: &str = "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_MSG: &str = "must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const QUALIFIED_NAME_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MSG: &str = "must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const CONFIG_MAP_KEY_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.'";

fn max_len_error(max: usize) -> String {
    format!("must be no more than {max} characters")
}

/// The checks most names start with, in Kubernetes' order.
fn non_empty_within(s: &str, max: usize) -> Result<(), String> {
    if s.is_empty() {
        return Err("must be non-empty".to_string());
    }
    if s.len() > max {
        return Err(max_len_error(max));
    }
    Ok(())
}

/// [`non_empty_within`], then `matches` or else `message`.
fn check(s: &str, max: usize, matches: fn(&str) -> bool, message: &str) -> Result<(), String> {
    non_empty_within(s, max)?;
    if !matches(s) {
        return Err(message.to_string());
    }
    Ok(())
}

fn is_lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `[-a-z0-9]`
fn is_dns_char(b: u8) -> bool {
    is_lower_alnum(b) || b == b'-'
}

/// `[-A-Za-z0-9_.]`
fn is_qualified_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')
}

/// The form of every name regex below: one or more characters, all in `body`, the
/// first in `first` and the last in `last`.
fn matches_word(
    s: &str,
    first: fn(u8) -> bool,
    body: fn(u8) -> bool,
    last: fn(u8) -> bool,
) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => first(f) && last(l) && b.iter().all(|&c| body(c)),
        _ => false,
    }
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
fn matches_dns1123_label(s: &str) -> bool {
    matches_word(s, is_lower_alnum, is_dns_char, is_lower_alnum)
}

/// `label(\.label)*` with `label` as in [`matches_dns1123_label`], without splitting: every
/// byte is `[-.a-z0-9]`, the first and the last are alphanumeric, and so are both
/// neighbours of every dot (so no label is empty or starts or ends with '-').
fn matches_dns1123_subdomain(s: &str) -> bool {
    matches_word(
        s,
        is_lower_alnum,
        |b| is_dns_char(b) || b == b'.',
        is_lower_alnum,
    ) && s.as_bytes().windows(2).all(|pair| match *pair {
        [b'.', next] => is_lower_alnum(next),
        [before, b'.'] => is_lower_alnum(before),
        _ => true,
    })
}

/// `[a-z]([-a-z0-9]*[a-z0-9])?`
fn matches_dns1035_label(s: &str) -> bool {
    matches_word(s, |b| b.is_ascii_lowercase(), is_dns_char, is_lower_alnum)
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
fn matches_qualified_name_part(s: &str) -> bool {
    let alnum = |b: u8| b.is_ascii_alphanumeric();
    matches_word(s, alnum, is_qualified_char, alnum)
}

/// Validates a DNS-1123 subdomain (RFC 1123): at most 253 characters of
/// dot-separated lowercase labels.
///
/// Most object names (ConfigMaps, Secrets, Deployments, Jobs, ...) and the
/// prefix of label/annotation keys must be subdomains; anything else is
/// refused by the API server.
pub fn dns1123_subdomain(s: &str) -> Result<(), String> {
    check(
        s,
        DNS1123_SUBDOMAIN_MAX_LENGTH,
        matches_dns1123_subdomain,
        DNS1123_SUBDOMAIN_MSG,
    )
}

/// Validates a DNS-1123 label: at most 63 lowercase alphanumerics or '-',
/// starting and ending with an alphanumeric.
///
/// Namespaces, Services and container names must be labels, because they
/// become DNS names or path segments inside the cluster.
pub fn dns1123_label(s: &str) -> Result<(), String> {
    non_empty_within(s, DNS1123_LABEL_MAX_LENGTH)?;
    if !matches_dns1123_label(s) {
        // Kubernetes singles out the case where the only problem is dots.
        if matches_dns1123_subdomain(s) {
            return Err("must not contain dots".to_string());
        }
        return Err(DNS1123_LABEL_MSG.to_string());
    }
    Ok(())
}

/// Validates a DNS-1035 label: like a DNS-1123 label but it must start with a
/// lowercase letter.
///
/// Services (by default) and a few other resources use this stricter form so
/// that the name can never be mistaken for a number.
pub fn dns1035_label(s: &str) -> Result<(), String> {
    check(
        s,
        DNS1035_LABEL_MAX_LENGTH,
        matches_dns1035_label,
        DNS1035_LABEL_MSG,
    )
}

/// Validates a label value: empty, or at most 63 characters of alphanumerics,
/// '-', '_' and '.', starting and ending with an alphanumeric.
///
/// Label values are used by selectors, so the API server refuses objects
/// whose labels break these rules.
pub fn label_value(s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Ok(());
    }
    check(
        s,
        LABEL_VALUE_MAX_LENGTH,
        matches_qualified_name_part,
        LABEL_VALUE_MSG,
    )
}

/// Validates a qualified name, the form of label keys and annotation keys:
/// an optional DNS-1123 subdomain prefix and '/', then a name of at most 63
/// alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric.
///
/// Errors say whether the "prefix part" or the "name part" is at fault, so a
/// user can tell `example.com/` problems from key problems.
pub fn qualified_name(s: &str) -> Result<(), String> {
    let name = match split_once_byte(s, b'/') {
        None => s,
        Some((prefix, name)) => {
            if name.bytes().any(|b| b == b'/') {
                return Err("must contain at most one '/' (an optional DNS subdomain prefix and '/', followed by a name, e.g. 'example.com/my-name')".to_string());
            }
            dns1123_subdomain(prefix).map_err(|e| format!("prefix part {e}"))?;
            name
        }
    };
    check(
        name,
        QUALIFIED_NAME_MAX_LENGTH,
        matches_qualified_name_part,
        QUALIFIED_NAME_MSG,
    )
    .map_err(|e| format!("name part {e}"))
}

/// Validates an IANA service name, the form of named container and Service
/// ports: at most 15 characters of `[-a-z0-9]`, at least one letter, no
/// consecutive hyphens, and no leading or trailing hyphen.
///
/// Port names are referenced by Services and probes; an invalid one makes
/// the Pod or Service be rejected.
pub fn iana_svc_name(s: &str) -> Result<(), String> {
    non_empty_within(s, IANA_SVC_NAME_MAX_LENGTH)?;
    let b = s.as_bytes();
    if !b.iter().all(|&c| is_dns_char(c)) {
        return Err(
            "must contain only lower case alphanumeric characters (a-z, 0-9) and '-'".to_string(),
        );
    }
    if !b.iter().any(|c| c.is_ascii_lowercase()) {
        return Err("must contain at least one letter (a-z)".to_string());
    }
    if s.contains("--") {
        return Err("must not contain consecutive hyphens".to_string());
    }
    if b[0] == b'-' || b[b.len() - 1] == b'-' {
        return Err("must not begin or end with a hyphen".to_string());
    }
    Ok(())
}

/// Validates a ConfigMap or Secret data key (Kubernetes' `IsConfigMapKey`):
/// at most 253 characters of `[-._a-zA-Z0-9]`, not `.` or `..`, and not
/// starting with `..`.
///
/// Keys become file names when the ConfigMap is mounted as a volume, which is
/// why path-traversal-like keys are refused.
pub fn config_map_key(s: &str) -> Result<(), String> {
    check(
        s,
        DNS1123_SUBDOMAIN_MAX_LENGTH,
        |s| s.bytes().all(is_qualified_char),
        CONFIG_MAP_KEY_MSG,
    )?;
    if s == "." {
        return Err("must not be '.'".to_string());
    }
    if s == ".." {
        return Err("must not be '..'".to_string());
    }
    if s.starts_with("..") {
        return Err("must not start with '..'".to_string());
    }
    Ok(())
}

/// Checks that the annotations of one object, counted as the sum of the byte
/// lengths of every key and value, stay within Kubernetes' 256 KiB
/// (262144 bytes) limit.
///
/// Large generated annotations (for example embedded configuration) are a
/// common reason for the API server to reject an otherwise valid object.
pub fn total_annotation_size<I, K, V>(annotations: I) -> Result<(), String>
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str>,
    V: AsRef<str>,
{
    let total = annotations.into_iter().fold(0usize, |acc, (k, v)| {
        acc.saturating_add(k.as_ref().len())
            .saturating_add(v.as_ref().len())
    });
    if total > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES {
        return Err(format!(
            "must have at most {TOTAL_ANNOTATION_SIZE_LIMIT_BYTES} bytes in total (256 KiB) across all keys and values, but has {total}"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn ok(r: Result<(), String>) {
        assert_eq!(r, Ok(()));
    }

    fn err_contains(r: Result<(), String>, needle: &str) {
        match r {
            Ok(()) => panic!("expected an error containing {needle:?}"),
            Err(e) => {
                assert!(e.contains(needle), "{e:?} does not contain {needle:?}");
                assert!(!e.ends_with('.'), "{e:?} ends with a period");
                assert!(
                    e.chars().next().is_some_and(|c| c.is_lowercase()),
                    "{e:?} does not start lowercase"
                );
            }
        }
    }

    #[test]
    fn subdomain_valid() {
        for s in [
            "a",
            "ab",
            "abc",
            "a1",
            "a-1",
            "a--1--2--b",
            "0",
            "01",
            "0-1",
            "a.a",
            "ab.a",
            "a-1.a",
            "a.b.c.d.e",
            "11.22.33",
            "example.com",
            "my-app.kube-system",
        ] {
            ok(dns1123_subdomain(s));
        }
    }

    #[test]
    fn subdomain_invalid() {
        for s in [
            "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a",
            "a_b", "1_", "_1", "1_2", ".", "a.", ".a", "a..b", "1.", ".1", "1..2", " ", "a ", " a",
            "a b", "1 ", " 1", "1 2", "A.a", "aB.a", "ab.A", "A1.a", "a1.A", "a-1.a-", "a.-1",
            "a@b", "a,b", "a/b", "é",
        ] {
            err_contains(dns1123_subdomain(s), "must consist of lower case");
        }
        err_contains(dns1123_subdomain(""), "must be non-empty");
    }

    #[test]
    fn subdomain_length_boundary() {
        let at = format!("{}.{}", "a".repeat(126), "b".repeat(126));
        assert_eq!(at.len(), 253);
        ok(dns1123_subdomain(&at));
        let over = format!("{at}c");
        err_contains(
            dns1123_subdomain(&over),
            "must be no more than 253 characters",
        );
    }

    #[test]
    fn label_valid() {
        for s in [
            "a",
            "ab",
            "abc",
            "a1",
            "a-1",
            "a--1--2--b",
            "0",
            "01",
            "0-1",
            "1-0",
            "my-app",
        ] {
            ok(dns1123_label(s));
        }
        ok(dns1123_label(&"a".repeat(63)));
    }

    #[test]
    fn label_invalid() {
        for s in [
            "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a",
            "a_b", " ", "a ", " a", "a b", "a@b", "a,b", "a/b", "é",
        ] {
            err_contains(dns1123_label(s), "must consist of lower case");
        }
        err_contains(dns1123_label(""), "must be non-empty");
        err_contains(dns1123_label("a.b"), "must not contain dots");
        err_contains(dns1123_label("a..b"), "must consist of lower case");
        err_contains(
            dns1123_label(&"a".repeat(64)),
            "must be no more than 63 characters",
        );
    }

    #[test]
    fn dns1035_valid_and_invalid() {
        for s in ["a", "ab", "abc", "a1", "a-1", "a--1--2--b", "web"] {
            ok(dns1035_label(s));
        }
        ok(dns1035_label(&"a".repeat(63)));
        for s in [
            "0", "01", "0-1", "1-a", "A", "aBc", "-", "a-", "-a", "a_b", "a.b", "a b", "é",
        ] {
            err_contains(
                dns1035_label(s),
                "must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
            );
        }
        err_contains(dns1035_label(""), "must be non-empty");
        err_contains(
            dns1035_label(&"a".repeat(64)),
            "must be no more than 63 characters",
        );
    }

    #[test]
    fn label_value_cases() {
        for s in [
            "",
            "simple",
            "now-with-dashes",
            "1-starts-with-num",
            "end-with-num-1",
            "1234",
            "a",
            "MyValue",
            "my_value",
            "12345",
            "a.b_c-D",
        ] {
            ok(label_value(s));
        }
        ok(label_value(&"a".repeat(63)));
        err_contains(
            label_value(&"a".repeat(64)),
            "must be no more than 63 characters",
        );
        for s in [
            "nospecialchars%^=@",
            "Tama-nui-te-rā",
            "Some space",
            "-dash",
            "dash-",
            "_x",
            "x_",
            ".x",
            "x.",
            "a/b",
        ] {
            err_contains(label_value(s), "must be empty or consist of");
        }
    }

    #[test]
    fn qualified_name_valid() {
        for s in [
            "simple",
            "now-with-dashes",
            "1-starts-with-num",
            "1234",
            "simple/simple",
            "now-with-dashes/simple",
            "now-with-dashes/now-with-dashes",
            "now.with.dots/simple",
            "now-with.dashes-and.dots/simple",
            "1-num.2-num/3-num",
            "1234/5678",
            "1.2.3.4/5678",
            "Uppercase_Is_OK_123",
            "example.com/Uppercase_Is_OK_123",
            "requests.storage-foo",
            "app.kubernetes.io/name",
            "kubernetes.io/change-cause",
        ] {
            ok(qualified_name(s));
        }
        let max_prefix = format!("{}.{}", "a".repeat(126), "b".repeat(126));
        ok(qualified_name(&format!("{max_prefix}/{}", "n".repeat(63))));
    }

    #[test]
    fn qualified_name_invalid() {
        for s in [
            "nospecialchars%^=@",
            "cantendwithadash-",
            "-cantstartwithadash-",
            "only/one/slash",
            "Example.com/abc",
            "example_com/abc",
            "example.com/",
            "/simple",
            "",
        ] {
            assert!(qualified_name(s).is_err(), "{s:?} should be invalid");
        }
        err_contains(qualified_name(""), "name part must be non-empty");
        err_contains(
            qualified_name("example.com/"),
            "name part must be non-empty",
        );
        err_contains(qualified_name("/simple"), "prefix part must be non-empty");
        err_contains(
            qualified_name("Example.com/abc"),
            "prefix part must consist of lower case",
        );
        err_contains(
            qualified_name("example.com/-abc"),
            "name part must consist of alphanumeric characters",
        );
        err_contains(qualified_name("a/b/c"), "at most one '/'");
        err_contains(
            qualified_name(&"a".repeat(64)),
            "name part must be no more than 63 characters",
        );
        ok(qualified_name(&"a".repeat(63)));
        let long_prefix = format!("{}.{}", "a".repeat(126), "b".repeat(127));
        err_contains(
            qualified_name(&format!("{long_prefix}/x")),
            "prefix part must be no more than 253 characters",
        );
    }

    #[test]
    fn iana_svc_name_cases() {
        for s in [
            "http",
            "https",
            "metrics",
            "a",
            "a1",
            "1a",
            "web-8080",
            "abcdefghijklmno",
        ] {
            ok(iana_svc_name(s));
        }
        err_contains(iana_svc_name(""), "must be non-empty");
        err_contains(
            iana_svc_name("abcdefghijklmnop"),
            "must be no more than 15 characters",
        );
        err_contains(iana_svc_name("HTTP"), "must contain only lower case");
        err_contains(iana_svc_name("my_port"), "must contain only lower case");
        err_contains(iana_svc_name("my.port"), "must contain only lower case");
        err_contains(iana_svc_name("1234"), "at least one letter");
        err_contains(iana_svc_name("-"), "at least one letter");
        err_contains(iana_svc_name("a--b"), "consecutive hyphens");
        err_contains(
            iana_svc_name("-http"),
            "must not begin or end with a hyphen",
        );
        err_contains(
            iana_svc_name("http-"),
            "must not begin or end with a hyphen",
        );
    }

    #[test]
    fn config_map_key_cases() {
        for s in [
            "a",
            "good",
            "good_key",
            "good-key",
            "good.key",
            "KEY_NAME",
            ".dotfile",
            ".dot.file",
            "a..b",
            "_",
            "-",
            "application.properties",
        ] {
            ok(config_map_key(s));
        }
        ok(config_map_key(&"a".repeat(253)));
        err_contains(
            config_map_key(&"a".repeat(254)),
            "must be no more than 253 characters",
        );
        err_contains(config_map_key(""), "must be non-empty");
        err_contains(config_map_key("."), "must not be '.'");
        err_contains(config_map_key(".."), "must not be '..'");
        err_contains(config_map_key("..dot"), "must not start with '..'");
        err_contains(config_map_key("..."), "must not start with '..'");
        for s in ["a b", "a/b", "a:b", "a=b", "ключ", "a@b"] {
            err_contains(config_map_key(s), "must consist of alphanumeric characters");
        }
    }

    #[test]
    fn annotation_size_boundary() {
        let limit = TOTAL_ANNOTATION_SIZE_LIMIT_BYTES;
        assert_eq!(limit, 262_144);
        let key = "example.com/config";
        let at = "x".repeat(limit - key.len());
        ok(total_annotation_size([(key, at.as_str())]));
        let over = "x".repeat(limit - key.len() + 1);
        err_contains(
            total_annotation_size([(key, over.as_str())]),
            "must have at most 262144 bytes",
        );

        let mut map = BTreeMap::new();
        map.insert("a".to_string(), "x".repeat(limit / 2));
        map.insert("b".to_string(), "x".repeat(limit / 2 - 2));
        ok(total_annotation_size(&map));
        map.insert("c".to_string(), String::new());
        err_contains(total_annotation_size(&map), "but has 262145");

        let empty: Vec<(String, String)> = Vec::new();
        ok(total_annotation_size(empty));
    }
}
