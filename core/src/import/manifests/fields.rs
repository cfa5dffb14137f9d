//! Reading an object field by field, so that whatever was not read can be reported: an
//! import drops nothing in silence.

use std::fmt;
use std::rc::Rc;

use serde_json::Value as Json;

use crate::import::tree::{Map, Value};

/// The fields of one JSON object being read, and where it sits in its Kubernetes object.
/// No `Debug`: the object may be a Secret.
pub(super) struct Fields<'a> {
    object: &'a Map,
    pointer: Pointer<'a>,
    /// Bit `i`: the key at position `i` was read, in an object of up to [`SCAN`] keys.
    read: u64,
    /// The keys read, in a larger object.
    read_keys: Vec<&'a str>,
}

/// An empty object, for a field that is absent.
static EMPTY: Map = Map::new();

/// Up to this many keys, which keys were read is a bit set of their positions: almost
/// every object of a manifest is this small.
const SCAN: usize = 64;

impl<'a> Fields<'a> {
    /// The object at `value` (an absent or non-object value reads as empty; a non-object is
    /// reported by [`Fields::of`]'s caller through [`Fields::unread`] of its parent).
    pub(super) fn new(value: Option<&'a Value>, pointer: Pointer<'a>) -> Self {
        Fields::root(value.and_then(Value::as_object).unwrap_or(&EMPTY)).at(pointer)
    }

    /// The fields of a whole Kubernetes object.
    pub(super) fn root(object: &'a Map) -> Self {
        Fields {
            object,
            pointer: Pointer::root(),
            read: 0,
            read_keys: Vec::new(),
        }
    }

    fn at(self, pointer: Pointer<'a>) -> Self {
        Fields { pointer, ..self }
    }

    /// The object under `key`, as fields of their own (the key counts as read).
    pub(super) fn of(&mut self, key: &'a str) -> Fields<'a> {
        let value = self.take(key);
        Fields::new(value, self.pointer.key(key))
    }

    /// Whether `key` is present.
    pub(super) fn object_has(&self, key: &str) -> bool {
        self.object.contains_key(key)
    }

    /// The value of `key`, marked as read.
    pub(super) fn take(&mut self, key: &'a str) -> Option<&'a Value> {
        if self.object.len() > SCAN {
            self.read_keys.push(key);
            return self.object.get(key);
        }
        let (at, value) = self.object.find(key)?;
        self.read |= 1 << at;
        Some(value)
    }

    /// The text of `key`, marked as read.
    pub(super) fn text(&mut self, key: &'a str) -> Option<&'a str> {
        self.take(key).and_then(Value::as_str)
    }

    /// Marks `key` as read without using it (a value the compiler writes anyway).
    pub(super) fn skip(&mut self, key: &'a str) {
        self.take(key);
    }

    /// Copies `key` into `into` under `as_key` when present.
    pub(super) fn copy(
        &mut self,
        key: &'a str,
        into: &mut serde_json::Map<String, Json>,
        as_key: &str,
    ) {
        if let Some(value) = self.take(key) {
            into.insert(as_key.to_owned(), value.to_json());
        }
    }

    /// Where this object sits.
    pub(super) fn pointer(&self) -> &Pointer<'a> {
        &self.pointer
    }

    /// The pointers of the keys present but not read, in input order.
    pub(super) fn unread(&self) -> Vec<String> {
        self.object
            .keys()
            .enumerate()
            .filter(|&(at, key)| {
                if self.object.len() > SCAN {
                    !self.read_keys.contains(&key.as_str())
                } else {
                    self.read & (1 << at) == 0
                }
            })
            .map(|(_, key)| self.pointer.key(key).to_string())
            .collect()
    }
}

/// A place in a Kubernetes object, written as a JSON pointer only when a field there is
/// reported: most fields are read, and formatting a pointer for every object read cost
/// more than reading it.
#[derive(Clone, Default)]
pub(super) struct Pointer<'a>(Option<Rc<Step<'a>>>);

struct Step<'a> {
    parent: Pointer<'a>,
    segment: Segment<'a>,
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

impl<'a> Pointer<'a> {
    /// The object itself (the pointer `""`).
    pub(super) fn root() -> Self {
        Pointer(None)
    }

    /// The member `key` of the object here.
    pub(super) fn key<'k>(&self, key: &'k str) -> Pointer<'k>
    where
        'a: 'k,
    {
        self.step(Segment::Key(key))
    }

    /// The item `index` of the array here.
    pub(super) fn index(&self, index: usize) -> Pointer<'a> {
        self.step(Segment::Index(index))
    }

    fn step<'k>(&self, segment: Segment<'k>) -> Pointer<'k>
    where
        'a: 'k,
    {
        Pointer(Some(Rc::new(Step {
            parent: self.clone(),
            segment,
        })))
    }
}

impl fmt::Display for Pointer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(step) = &self.0 else {
            return Ok(());
        };
        step.parent.fmt(f)?;
        match step.segment {
            Segment::Key(key) => write!(f, "/{}", escape(key)),
            Segment::Index(index) => write!(f, "/{index}"),
        }
    }
}

/// A key as a JSON pointer segment (borrowed when nothing needs escaping, as most keys).
pub(super) fn escape(key: &str) -> std::borrow::Cow<'_, str> {
    if key.contains(['~', '/']) {
        key.replace('~', "~0").replace('/', "~1").into()
    } else {
        key.into()
    }
}
