//! Container image reference validation, following the grammar of
//! `github.com/distribution/reference` (the library Docker, containerd and
//! the kubelet use to parse `image:` fields).
//!
//! Kubernetes itself only requires `image` to be non-empty, so a typo such as
//! `nginx 1.27` or `Nginx` is accepted by the API server and only fails later
//! as an `InvalidImageName` / `ErrImagePull` on the node. Checking the grammar
//! while validating the workflow graph catches these mistakes up front.
//!
//! Grammar (from `distribution/reference/regexp.go`):
//!
//! ```text
//! reference       := name [ ":" tag ] [ "@" digest ]
//! name            := [ domain-and-port "/" ] path-component ( "/" path-component )*
//! domain-and-port := host [ ":" [0-9]+ ]
//! host            := domain-name | "[" [a-fA-F0-9:]+ "]"
//! domain-name     := domain-component ( "." domain-component )*
//! domain-component:= [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
//! path-component  := [a-z0-9]+ ( ( [._] | "__" | "-"+ ) [a-z0-9]+ )*
//! tag             := [\w][\w.-]{0,127}
//! digest          := algorithm ":" [0-9a-fA-F]{32,}
//! algorithm       := [A-Za-z][A-Za-z0-9]* ( [-_+.] [A-Za-z][A-Za-z0-9]* )*
//! ```
//!
//! The whole name (domain and path, without tag or digest) is limited to 255
//! characters. Like `reference.Parse`, digests are then checked with
//! `go-digest`: only `sha256`, `sha384` and `sha512` are supported and their
//! hex part must be lowercase with the exact length of the hash.

use super::{split_byte, split_once_byte};

/// Maximum length of the repository name (domain plus path), in bytes.
pub const NAME_TOTAL_LENGTH_MAX: usize = 255;
/// Maximum length of a tag.
pub const TAG_MAX_LENGTH: usize = 128;

/// Validates a container image reference such as `nginx:1.27`,
/// `ghcr.io/acme/shop-web:2.3.1` or `registry.example.com:443/team/app@sha256:<hex>`.
///
/// The caller is expected to trim surrounding whitespace; any whitespace that
/// remains (e.g. `nginx 1.27`) is reported as "must not contain whitespace".
/// Upper case letters in the repository path are reported with a message that
/// says the repository name must be lowercase.
pub fn image_reference(s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Err("must not be empty".to_string());
    }
    // Bytes for ASCII text (nearly every image), whose whitespace `char::is_whitespace`
    // also finds: tab, line feed, vertical tab, form feed, carriage return and space.
    let has_whitespace = if s.is_ascii() {
        s.bytes().any(|b| matches!(b, b'\t'..=b'\r' | b' '))
    } else {
        s.chars().any(char::is_whitespace)
    };
    if has_whitespace {
        return Err("must not contain whitespace".to_string());
    }

    let (name_and_tag, digest) = match split_once_byte(s, b'@') {
        Some((before, after)) => (before, Some(after)),
        None => (s, None),
    };
    if digest.is_some_and(|d| d.bytes().any(|b| b == b'@')) {
        return Err("must contain at most one '@' (before the digest)".to_string());
    }

    // The tag is whatever follows the last ':' that comes after the last '/';
    // a ':' before the last '/' can only be a registry port.
    let last_slash = name_and_tag.bytes().rposition(|b| b == b'/');
    let (name, tag) = match name_and_tag.bytes().rposition(|b| b == b':') {
        Some(colon) if last_slash.is_none_or(|slash| colon > slash) => {
            (&name_and_tag[..colon], Some(&name_and_tag[colon + 1..]))
        }
        _ => (name_and_tag, None),
    };

    validate_name(name)?;
    if let Some(tag) = tag {
        validate_tag(tag)?;
    }
    if let Some(digest) = digest {
        validate_digest(digest)?;
    }
    Ok(())
}

fn validate_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err(
            "must start with a repository name (e.g. 'nginx' or 'ghcr.io/org/app')".to_string(),
        );
    }
    if name.len() > NAME_TOTAL_LENGTH_MAX {
        return Err(format!(
            "repository name must be no more than {NAME_TOTAL_LENGTH_MAX} characters"
        ));
    }
    let bytes = name.as_bytes();
    if bytes.first() == Some(&b'/')
        || bytes.last() == Some(&b'/')
        || bytes.windows(2).any(|pair| pair == b"//")
    {
        return Err(
            "must not contain empty path components (no leading, trailing or doubled '/')"
                .to_string(),
        );
    }
    let Some((first, rest)) = split_once_byte(name, b'/') else {
        // A single component can never be a registry host.
        return validate_path_component(name);
    };
    if !is_domain_and_port(first) && !is_path_component(first) {
        let looks_like_host = first.contains(['.', ':', '[']) || first == "localhost";
        if looks_like_host {
            return Err(format!(
                "registry host '{first}' must be a DNS name or a bracketed IPv6 address, optionally followed by ':' and a numeric port"
            ));
        }
        validate_path_component(first)?;
    }
    split_byte(rest, b'/').try_for_each(validate_path_component)
}

fn validate_path_component(c: &str) -> Result<(), String> {
    if is_path_component(c) {
        return Ok(());
    }
    if c.bytes().any(|b| b.is_ascii_uppercase()) && is_path_component(&c.to_ascii_lowercase()) {
        return Err(format!(
            "repository name must be lowercase ('{c}' contains upper case letters)"
        ));
    }
    if c.contains(':') {
        return Err(format!(
            "has an unexpected ':' in '{c}' (only one ':' is allowed, before the tag)"
        ));
    }
    Err(format!(
        "repository path component '{c}' must consist of lowercase letters and digits, separated by '.', '_', '__' or '-', and must start and end with a letter or digit"
    ))
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
fn is_path_component(c: &str) -> bool {
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    let mut i = 0;
    loop {
        let start = i;
        while i < b.len() && alnum(b[i]) {
            i += 1;
        }
        if i == start {
            return false;
        }
        if i == b.len() {
            return true;
        }
        match b[i] {
            b'.' => i += 1,
            b'_' => {
                i += 1;
                if i < b.len() && b[i] == b'_' {
                    i += 1;
                }
            }
            b'-' => {
                while i < b.len() && b[i] == b'-' {
                    i += 1;
                }
            }
            _ => return false,
        }
    }
}

/// `[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]`
fn is_domain_component(c: &str) -> bool {
    let b = c.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) => {
            f.is_ascii_alphanumeric()
                && l.is_ascii_alphanumeric()
                && b.iter().all(|x| x.is_ascii_alphanumeric() || *x == b'-')
        }
        _ => false,
    }
}

fn is_port(p: &str) -> bool {
    !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())
}

/// `(domain-name | "[" ipv6 "]") (":" [0-9]+)?`
fn is_domain_and_port(s: &str) -> bool {
    if let Some(rest) = s.strip_prefix('[') {
        let Some((inner, after)) = rest.split_once(']') else {
            return false;
        };
        let inner_ok =
            !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':');
        let port_ok = after.is_empty() || after.strip_prefix(':').is_some_and(is_port);
        return inner_ok && port_ok;
    }
    let (host, port) = match split_once_byte(s, b':') {
        Some((h, p)) => (h, Some(p)),
        None => (s, None),
    };
    split_byte(host, b'.').all(is_domain_component) && port.is_none_or(is_port)
}

fn validate_tag(tag: &str) -> Result<(), String> {
    if tag.is_empty() {
        return Err("tag must not be empty (remove the ':' or add a tag after it)".to_string());
    }
    if tag.len() > TAG_MAX_LENGTH {
        return Err(format!(
            "tag must be no more than {TAG_MAX_LENGTH} characters"
        ));
    }
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let b = tag.as_bytes();
    if !word(b[0]) || !b.iter().all(|&x| word(x) || x == b'.' || x == b'-') {
        return Err(format!(
            "tag '{tag}' must consist of letters, digits, '_', '.' or '-', and must not start with '.' or '-'"
        ));
    }
    Ok(())
}

/// `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*`
fn is_digest_algorithm(a: &str) -> bool {
    let b = a.as_bytes();
    let mut i = 0;
    loop {
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            return false;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == b.len() {
            return true;
        }
        if !matches!(b[i], b'-' | b'_' | b'+' | b'.') {
            return false;
        }
        i += 1;
    }
}

fn validate_digest(d: &str) -> Result<(), String> {
    let form = || {
        format!(
            "digest '{d}' must have the form algorithm:hex (e.g. 'sha256:' followed by 64 hexadecimal digits)"
        )
    };
    let Some((algorithm, encoded)) = d.split_once(':') else {
        return Err(form());
    };
    if !is_digest_algorithm(algorithm) {
        return Err(form());
    }
    if encoded.len() < 32 || !encoded.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!(
            "digest must have at least 32 hexadecimal digits after '{algorithm}:'"
        ));
    }
    let expected = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => {
            return Err(format!(
                "digest algorithm '{algorithm}' is not supported (use sha256, sha384 or sha512)"
            ));
        }
    };
    if encoded.len() != expected || encoded.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(format!(
            "{algorithm} digest must have exactly {expected} lowercase hexadecimal digits (has {})",
            encoded.len()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex64() -> String {
        "0123456789abcdef".repeat(4)
    }

    fn assert_err(s: &str, needle: &str) {
        match image_reference(s) {
            Ok(()) => panic!("{s:?} should be rejected"),
            Err(e) => {
                assert!(
                    e.contains(needle),
                    "{s:?}: {e:?} does not contain {needle:?}"
                );
                assert!(!e.ends_with('.'), "{e:?} ends with a period");
                assert!(e.starts_with(|c: char| c.is_lowercase()), "{e:?}");
            }
        }
    }

    #[test]
    fn accepts_required_examples() {
        let h = hex64();
        for s in [
            "nginx".to_string(),
            "nginx:1.27".to_string(),
            "ghcr.io/acme/shop-web:2.3.1".to_string(),
            "localhost:5000/a/b:tag".to_string(),
            format!("registry.example.com:443/team/app@sha256:{h}"),
            "fluent/fluent-bit:3.0.4".to_string(),
            "nginxinc/nginx-unprivileged:1.27-alpine".to_string(),
            "postgres:16.3".to_string(),
            "docker.io/library/busybox:1.36".to_string(),
            format!("a/b:c@sha256:{h}"),
        ] {
            assert_eq!(image_reference(&s), Ok(()), "{s}");
        }
    }

    #[test]
    fn accepts_other_valid_forms() {
        let h = hex64();
        for s in [
            "localhost".to_string(),
            "localhost:5000".to_string(), // name "localhost", tag "5000"
            "localhost/app".to_string(),
            "localhost:5000/app".to_string(),
            "[::1]:5000/app:v1".to_string(),
            "[2001:db8::1]/team/app".to_string(),
            "Registry.Example.COM/team/app".to_string(),
            "my_org/app".to_string(),
            "a/b/c/d/e".to_string(),
            "foo__bar".to_string(),
            "foo---bar".to_string(),
            "foo.bar_baz-qux".to_string(),
            "123".to_string(),
            "nginx:latest".to_string(),
            "nginx:_underscore".to_string(),
            "nginx:V1.2.3-RC_1".to_string(),
            format!("nginx@sha256:{h}"),
            format!("nginx:1.27@sha256:{h}"),
            format!("nginx@sha384:{}", "ab".repeat(48)),
            format!("nginx@sha512:{}", "cd".repeat(64)),
            format!("my-registry.local:5000/x@sha256:{h}"),
        ] {
            assert_eq!(image_reference(&s), Ok(()), "{s}");
        }
    }

    #[test]
    fn rejects_required_examples() {
        assert_err("nginx 1.27", "must not contain whitespace");
        assert_err("Nginx", "lowercase");
        assert_err(":tag", "repository name");
        assert_err("nginx:", "tag must not be empty");
        assert_err("nginx@sha256:abc", "at least 32 hexadecimal digits");
        assert_err("-nginx", "repository path component '-nginx'");
        assert_err("nginx::1", "unexpected ':'");
        assert_err("a//b", "empty path components");
    }

    #[test]
    fn rejects_other_invalid_forms() {
        let h = hex64();
        assert_err("", "must not be empty");
        assert_err("nginx\t1", "must not contain whitespace");
        assert_err("ngi nx", "must not contain whitespace");
        assert_err("nginx\u{b}1", "must not contain whitespace");
        assert_err("nginx\u{a0}1", "must not contain whitespace");
        assert_err("/nginx", "empty path components");
        assert_err("nginx/", "empty path components");
        assert_err("acme/Shop", "lowercase");
        assert_err("ghcr.io/Acme/app", "lowercase");
        assert_err("nginx-", "repository path component");
        assert_err("nginx.", "repository path component");
        assert_err("a..b", "repository path component");
        assert_err("a___b", "repository path component");
        assert_err("a._b", "repository path component");
        assert_err("héllo", "repository path component");
        assert_err("-bad.host/app", "registry host");
        assert_err("host:port/app", "registry host");
        assert_err("host:/app", "registry host");
        assert_err("[zz::1]/app", "registry host");
        assert_err("[]/app", "registry host");
        assert_err("nginx:-tag", "tag '-tag'");
        assert_err("nginx:.tag", "tag '.tag'");
        assert_err("nginx:t+g", "tag 't+g'");
        assert_err("nginx@", "must have the form algorithm:hex");
        assert_err("nginx@sha256", "must have the form algorithm:hex");
        assert_err(
            &format!("nginx@1sha:{h}"),
            "must have the form algorithm:hex",
        );
        assert_err(&format!("nginx@sha256:{h}@x"), "at most one '@'");
        assert_err(&format!("nginx@sha256:{}", &h[..63]), "exactly 64");
        assert_err(&format!("nginx@sha256:{h}0"), "exactly 64");
        assert_err(
            &format!("nginx@sha256:{}", h.to_ascii_uppercase()),
            "lowercase hexadecimal",
        );
        assert_err(&format!("nginx@md5:{h}"), "not supported");
        assert_err(&format!("nginx@sha256:{}g", &h[..63]), "hexadecimal");
    }

    #[test]
    fn digest_algorithm_grammar() {
        assert!(is_digest_algorithm("sha256"));
        assert!(is_digest_algorithm("multihash+base58"));
        assert!(is_digest_algorithm("a.b-c_d+e"));
        assert!(!is_digest_algorithm(""));
        assert!(!is_digest_algorithm("1sha"));
        assert!(!is_digest_algorithm("sha-"));
        assert!(!is_digest_algorithm("sha--256"));
        assert!(!is_digest_algorithm("sha-1"));
    }

    #[test]
    fn name_length_boundary() {
        // 255 bytes of name: "a" * 127 + "/" + "b" * 127.
        let at = format!("{}/{}", "a".repeat(127), "b".repeat(127));
        assert_eq!(at.len(), 255);
        assert_eq!(image_reference(&at), Ok(()));
        // The tag does not count towards the name limit.
        assert_eq!(image_reference(&format!("{at}:v1")), Ok(()));
        let over = format!("{at}b");
        assert_err(&over, "no more than 255 characters");
    }

    #[test]
    fn tag_length_boundary() {
        let at = format!("nginx:{}", "t".repeat(128));
        assert_eq!(image_reference(&at), Ok(()));
        let over = format!("nginx:{}", "t".repeat(129));
        assert_err(&over, "tag must be no more than 128 characters");
    }

    #[test]
    fn digest_minimum_length_for_grammar() {
        // 31 hex digits fails the grammar; 32 passes the grammar but not sha256.
        assert_err(&format!("nginx@sha256:{}", "a".repeat(31)), "at least 32");
        assert_err(&format!("nginx@sha256:{}", "a".repeat(32)), "exactly 64");
    }

    #[test]
    fn path_component_scanner() {
        for ok in ["a", "a1", "a.b", "a_b", "a__b", "a-b", "a--b", "9"] {
            assert!(is_path_component(ok), "{ok}");
        }
        for bad in [
            "", "A", "_a", "a_", ".a", "a.", "-a", "a-", "a.-b", "a__-b", "a:b",
        ] {
            assert!(!is_path_component(bad), "{bad}");
        }
    }

    #[test]
    fn domain_and_port_scanner() {
        for ok in [
            "localhost",
            "localhost:5000",
            "ghcr.io",
            "Example.COM:443",
            "a",
            "a-b.c",
            "10.0.0.1:5000",
            "[::1]",
            "[fe80::1]:80",
        ] {
            assert!(is_domain_and_port(ok), "{ok}");
        }
        for bad in [
            "", "-a", "a-", "a..b", "a.", "a:", "a:b", "a:1:2", "[::1", "[::1]x", "[::1]:",
            "[g::]", "a_b",
        ] {
            assert!(!is_domain_and_port(bad), "{bad}");
        }
    }
}
