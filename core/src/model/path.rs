//! Locations inside the input document, rendered as JSON pointers (RFC 6901).

use std::cmp::Ordering;
use std::fmt;

/// One step of a path: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

impl Ord for Segment {
    // Indexes sort numerically (so /nodes/2 comes before /nodes/10) and before keys.
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Segment::Index(a), Segment::Index(b)) => a.cmp(b),
            (Segment::Key(a), Segment::Key(b)) => a.cmp(b),
            (Segment::Index(_), Segment::Key(_)) => Ordering::Less,
            (Segment::Key(_), Segment::Index(_)) => Ordering::Greater,
        }
    }
}

impl PartialOrd for Segment {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A path from the document root, such as `/nodes/3/data/replicas`.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldPath(Vec<Segment>);

impl FieldPath {
    /// The root of the document.
    pub fn root() -> Self {
        FieldPath(Vec::new())
    }

    /// The path of node number `index` in `nodes`.
    pub fn node(index: usize) -> Self {
        FieldPath::root().key("nodes").index(index)
    }

    /// The path of the data of node number `index`.
    pub fn node_data(index: usize) -> Self {
        FieldPath::node(index).key("data")
    }

    /// The path of edge number `index` in `edges`.
    pub fn edge(index: usize) -> Self {
        FieldPath::root().key("edges").index(index)
    }

    /// This path extended by an object key.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.0.push(Segment::Key(key.into()));
        self
    }

    /// This path extended by an array index.
    pub fn index(mut self, index: usize) -> Self {
        self.0.push(Segment::Index(index));
        self
    }

    /// Descends into an object key (paired with [`FieldPath::pop`]).
    pub fn push_key(&mut self, key: &str) {
        self.0.push(Segment::Key(key.to_owned()));
    }

    /// Descends into an array index (paired with [`FieldPath::pop`]).
    pub fn push_index(&mut self, index: usize) {
        self.0.push(Segment::Index(index));
    }

    /// Goes back up one step.
    pub fn pop(&mut self) {
        self.0.pop();
    }

    /// The steps of this path.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// Whether this is the document root.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The JSON pointer for this path (`""` for the root).
    pub fn pointer(&self) -> String {
        let mut pointer = String::new();
        let _ = self.write_pointer(&mut pointer);
        pointer
    }

    /// Writes the JSON pointer, a key's `~` as `~0` and `/` as `~1`, copying the runs
    /// between them whole (a pointer is written for every diagnostic shown).
    fn write_pointer(&self, out: &mut impl fmt::Write) -> fmt::Result {
        for segment in &self.0 {
            out.write_char('/')?;
            match segment {
                Segment::Index(index) => write!(out, "{index}")?,
                Segment::Key(key) => {
                    let mut rest = key.as_str();
                    while let Some(at) = rest.find(['~', '/']) {
                        out.write_str(&rest[..at])?;
                        out.write_str(if rest[at..].starts_with('~') {
                            "~0"
                        } else {
                            "~1"
                        })?;
                        rest = &rest[at + 1..];
                    }
                    out.write_str(rest)?;
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_pointer(f)
    }
}

/// A value that its field's type refused, found by [`super::CheckWire`].
#[derive(Clone, Debug, PartialEq)]
pub struct InvalidField {
    /// Where the value is.
    pub path: FieldPath,
    /// Why it was refused.
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_tilde_and_slash() {
        let path = FieldPath::node_data(2)
            .key("labels")
            .key("app.kubernetes.io/name~x");
        assert_eq!(
            path.pointer(),
            "/nodes/2/data/labels/app.kubernetes.io~1name~0x"
        );
        let path = FieldPath::root().key("~/a~~b//").key("").index(3);
        assert_eq!(path.pointer(), "/~0~1a~0~0b~1~1//3");
        assert_eq!(path.to_string(), path.pointer());
    }

    #[test]
    fn indexes_sort_numerically() {
        assert!(FieldPath::node(2) < FieldPath::node(10));
        assert!(FieldPath::root() < FieldPath::node(0));
    }
}
