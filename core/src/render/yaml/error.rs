//! The error of rendering a value that cannot be written as YAML.

use std::fmt::{self, Display};

use serde::ser;

/// Why a value could not be rendered.
#[derive(Debug)]
pub struct Error(String);

impl Error {
    /// An integer beyond 64 bits, which `serde_json` cannot hold either.
    pub(super) fn number_out_of_range() -> Self {
        Error("number out of range".to_owned())
    }

    /// A map key `serde_json` would refuse (or, for floats, format differently).
    pub(super) fn key_not_a_string() -> Self {
        Error("map key must be a string".to_owned())
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}
