//! Syntax-level validators for the strings that end up in Kubernetes
//! manifests: object names, label and annotation keys, image references,
//! resource quantities, cron schedules and CIDRs.
//!
//! Each validator mirrors what the Kubernetes API server (or the container
//! runtime, for images) would accept, so that a workflow graph can be
//! rejected with a precise message before anything is applied to a cluster.
//! Errors are lower-case sentence fragments without a trailing period, such as
//! `must not be empty`; the rules under [`super::rules`] quote the value and put
//! the fragment into their own message.

pub mod cidr;
pub mod cron;
pub mod image;
pub mod names;
pub mod quantity;

/// `text` split around the first `separator`, an ASCII character, like
/// `str::split_once`. By byte: the strings checked here are a few dozen bytes, and a
/// byte loop costs a fraction of the general character searcher on them.
fn split_once_byte(text: &str, separator: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|byte| byte == separator)?;
    Some((&text[..at], &text[at + 1..]))
}

/// The parts of `text` between occurrences of `separator`, an ASCII character, like
/// `str::split` (by byte, as [`split_once_byte`]).
fn split_byte(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match split_once_byte(current, separator) {
            Some((part, after)) => {
                rest = Some(after);
                Some(part)
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}
