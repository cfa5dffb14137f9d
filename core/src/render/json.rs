//! JSON output as a single `v1` `List`, the shape `kubectl get -o json` returns for
//! several objects and `kubectl apply -f` accepts.
//!
//! Objects are serialized straight to the text, each at the indentation of an item of
//! the list, with no `serde_json::Value` per object: for a large workflow, building those
//! trees took more time and memory than everything else. The layout is
//! `serde_json::to_string_pretty`'s (2-space indentation) with a trailing newline.

use std::io;
use std::ops::Range;

use serde::Serialize;
use serde_json::ser::Formatter;

/// Everything of the list before its first item.
const LIST_HEAD: &str =
    "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"metadata\": {},\n  \"items\": [";

/// The list's end after its last item, and for a list without items.
const LIST_TAIL: &str = "\n  ]\n}\n";
const EMPTY_LIST_TAIL: &str = "]\n}\n";

/// The indentation of the lines of an item: two levels, the list's and `items`'.
const ITEM_INDENT: &str = "    ";

/// The output reserved for each object up front: a manifest is rarely under a kilobyte
/// of JSON, and growing a multi-megabyte output by doubling would copy it again and again.
const BYTES_PER_OBJECT: usize = 1536;

/// Renders objects, in order, as a `v1` `List` (see [`Documents::into_list`]).
///
/// # Errors
///
/// When an object fails to serialize or cannot be represented as JSON (a map key that
/// is not a string, integer, bool or char).
pub fn to_json_list<'a, T: Serialize + 'a>(
    objects: impl IntoIterator<Item = &'a T>,
) -> Result<String, serde_json::Error> {
    let objects = objects.into_iter();
    let mut documents = Documents::with_capacity(objects.size_hint().0);
    for object in objects {
        documents.push(object)?;
    }
    let count = documents.items.len();
    Ok(documents.into_list(0..count))
}

/// Items of a list rendered one by one and put into an order decided afterwards, as the
/// YAML renderer's documents are for a compile's YAML stream.
#[derive(Debug, Default)]
pub struct Documents {
    /// The items, one after another, each indented as an item of the list.
    text: Vec<u8>,
    /// Where each item is in `text`.
    items: Vec<Range<usize>>,
}

impl Documents {
    /// Room for about `objects` items.
    pub fn with_capacity(objects: usize) -> Self {
        Documents {
            text: Vec::with_capacity(objects * BYTES_PER_OBJECT),
            items: Vec::with_capacity(objects),
        }
    }

    /// Renders `object` as one more item.
    ///
    /// # Errors
    ///
    /// As [`to_json_list`]; the item is then left out.
    pub fn push<T: Serialize + ?Sized>(&mut self, object: &T) -> Result<(), serde_json::Error> {
        let start = self.text.len();
        if let Err(error) = write_item(&mut self.text, object) {
            self.text.truncate(start);
            return Err(error);
        }
        self.items.push(start..self.text.len());
        Ok(())
    }

    /// The list with the items `order` gives (positions in push order), in that order.
    pub fn into_list(self, order: impl IntoIterator<Item = usize>) -> String {
        let items = order.into_iter().map(|index| self.item(index));
        joined_list(items, self.items.len(), self.text.len())
    }

    /// The item at `index` (in push order).
    pub(crate) fn item(&self, index: usize) -> &[u8] {
        &self.text[self.items[index].clone()]
    }

    /// The number of items, and of their bytes.
    pub(crate) fn size(&self) -> (usize, usize) {
        (self.items.len(), self.text.len())
    }
}

/// The list of `items`, `count` of them and `bytes` long in all, as one string.
pub(crate) fn joined_list<'a>(
    items: impl IntoIterator<Item = &'a [u8]>,
    count: usize,
    bytes: usize,
) -> String {
    let mut list = Vec::with_capacity(list_bytes(count, bytes));
    for piece in list_pieces(items) {
        list.extend_from_slice(piece);
    }
    // serde_json writes UTF-8 only, and every item is whole.
    String::from_utf8(list).expect("serde_json writes UTF-8")
}

/// Writes the list of `items` to `out`.
pub(crate) fn write_items<'a>(
    items: impl IntoIterator<Item = &'a [u8]>,
    out: &mut impl io::Write,
) -> io::Result<()> {
    super::write_pieces(list_pieces(items), out)
}

/// One object as an item of a list, each line after the first indented as the list's
/// items are: what [`join_items`] puts together.
///
/// # Errors
///
/// As [`to_json_list`].
pub(crate) fn item_text<T: Serialize + ?Sized>(object: &T) -> Result<String, serde_json::Error> {
    let mut text = Vec::with_capacity(BYTES_PER_OBJECT);
    write_item(&mut text, object)?;
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8(text).expect("serde_json writes UTF-8"))
}

/// The list of items rendered by [`item_text`], in the order given: the bytes
/// [`to_json_list`] writes for their objects.
pub(crate) fn join_items<'a>(items: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let (count, bytes) = items
        .clone()
        .into_iter()
        .fold((0, 0), |(count, bytes), item| {
            (count + 1, bytes + item.len())
        });
    let mut list = String::with_capacity(list_bytes(count, bytes));
    for piece in list_pieces(items) {
        list.push_str(piece);
    }
    list
}

/// The length of a list of `items` items of `item_bytes` bytes in all.
fn list_bytes(items: usize, item_bytes: usize) -> usize {
    let separators = items * (",\n".len() + ITEM_INDENT.len());
    LIST_HEAD.len() + item_bytes + separators + LIST_TAIL.len()
}

/// Writes `object` at the end of `text` as an item of the list.
fn write_item<T: Serialize + ?Sized>(
    text: &mut Vec<u8>,
    object: &T,
) -> Result<(), serde_json::Error> {
    object.serialize(&mut serde_json::Serializer::with_formatter(
        text,
        ItemFormatter::default(),
    ))
}

/// The list in pieces: its head, each item with what precedes it, and its tail; as bytes
/// or, for items known to be UTF-8, as text.
fn list_pieces<'a, P: Piece + ?Sized + 'static>(
    items: impl IntoIterator<Item = &'a P>,
) -> impl Iterator<Item = &'a P> {
    let mut items = items.into_iter().peekable();
    let empty = items.peek().is_none();
    let items = items.enumerate().flat_map(|(place, item)| {
        let separator = if place == 0 { "\n" } else { ",\n" };
        [P::text(separator), P::text(ITEM_INDENT), item]
    });
    let tail = if empty { EMPTY_LIST_TAIL } else { LIST_TAIL };
    std::iter::once(P::text(LIST_HEAD))
        .chain(items)
        .chain(std::iter::once(P::text(tail)))
}

/// A piece of a list: bytes, or text that need not be checked for UTF-8 again.
trait Piece {
    fn text(text: &'static str) -> &'static Self;
}

impl Piece for [u8] {
    fn text(text: &'static str) -> &'static [u8] {
        text.as_bytes()
    }
}

impl Piece for str {
    fn text(text: &'static str) -> &'static str {
        text
    }
}

/// The layout of `serde_json`'s `PrettyFormatter`, with every line after the first
/// indented as an item of the list: what `to_string_pretty` writes for the object inside
/// the list. Each line break is written with its indentation in one piece (the pretty
/// formatter writes two spaces at a time, a write per level, for each of the million keys
/// of a large output).
#[derive(Default)]
struct ItemFormatter {
    /// Arrays and objects open around what is written next.
    depth: usize,
    /// Whether the innermost open array or object has a value yet.
    has_value: bool,
}

/// A line break and its indentation, written in one piece: `,`, `\n`, the item's four
/// spaces, then two per level, for 65 levels (deeper ones add spaces in more pieces).
const BREAK: [u8; 134] = {
    let mut piece = [b' '; 134];
    piece[0] = b',';
    piece[1] = b'\n';
    piece
};

impl ItemFormatter {
    /// Writes `,` (unless `first`), a line break and the indentation of `self.depth`.
    fn line_break<W: ?Sized + io::Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        let start = usize::from(first);
        let indent = ITEM_INDENT.len() + 2 * self.depth;
        match BREAK.get(start..2 + indent) {
            Some(piece) => writer.write_all(piece),
            None => {
                writer.write_all(&BREAK[start..])?;
                let mut rest = 2 + indent - BREAK.len();
                while rest > 0 {
                    let spaces = rest.min(BREAK.len() - 2);
                    writer.write_all(&BREAK[2..2 + spaces])?;
                    rest -= spaces;
                }
                Ok(())
            }
        }
    }

    fn open<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line_break(writer, true)?;
        }
        writer.write_all(bracket)
    }
}

impl Formatter for ItemFormatter {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.line_break(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.line_break(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn list(objects: &[Value]) -> String {
        to_json_list(objects).unwrap()
    }

    #[test]
    fn list_parses_back_with_items_in_order() {
        let objects = vec![
            json!({ "apiVersion": "v1", "kind": "Namespace", "metadata": { "name": "shop" } }),
            json!({ "apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": { "name": "cfg", "namespace": "shop" },
                    "data": { "z": "1", "a": "line\n" } }),
        ];
        let text = list(&objects);
        assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            back,
            json!({ "apiVersion": "v1", "kind": "List", "metadata": {}, "items": objects })
        );
        // Key order is kept, and the indentation is two spaces.
        assert!(text.starts_with("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n"));
        assert!(text.find("\"z\"").unwrap() < text.find("\"a\"").unwrap());
    }

    /// The bytes `serde_json::to_string_pretty` writes for the whole list as one value,
    /// whatever nests inside the items: empty and nested collections, escapes, numbers.
    #[test]
    fn items_are_written_as_pretty_printing_the_whole_list_would() {
        let objects = vec![
            json!({ "kind": "A", "empty": {}, "none": [], "n": [1, -2, 2.5, null, true],
                    "nested": [[{ "a": [] }], { "b": { "c": "x\"\n\\y\u{1}" } }] }),
            json!([]),
            json!({}),
            json!("text"),
            json!({ "deep": [[[[{ "k": 1e300 }]]]] }),
            // Deeper than one piece of indentation reaches.
            (0..140).fold(json!({ "k": "v" }), |inner, depth| {
                if depth % 2 == 0 {
                    json!([inner, 1])
                } else {
                    json!({ "a": inner })
                }
            }),
        ];
        let whole = json!({ "apiVersion": "v1", "kind": "List", "metadata": {}, "items": objects });
        let mut expected = serde_json::to_string_pretty(&whole).unwrap();
        expected.push('\n');
        assert_eq!(list(&objects), expected);
    }

    #[test]
    fn items_go_in_the_order_given() {
        let mut documents = Documents::default();
        for name in ["a", "b", "c"] {
            documents.push(&json!({ "name": name })).unwrap();
        }
        let text = documents.into_list([2, 0, 1]);
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            back["items"],
            json!([{ "name": "c" }, { "name": "a" }, { "name": "b" }])
        );
    }

    #[test]
    fn an_object_that_fails_to_serialize_is_left_out_whole() {
        let mut documents = Documents::default();
        documents.push(&json!({ "name": "kept" })).unwrap();
        assert!(documents.push(&FailsHalfway).is_err());
        let text = documents.into_list([0]);
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["items"], json!([{ "name": "kept" }]));
    }

    /// A map whose second entry fails to serialize, after the first was written.
    struct FailsHalfway;

    impl Serialize for FailsHalfway {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::{Error, SerializeMap};
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("name", "half")?;
            Err(S::Error::custom("cannot be written"))
        }
    }

    #[test]
    fn empty_list() {
        assert_eq!(
            list(&[]),
            "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"metadata\": {},\n  \"items\": []\n}\n"
        );
    }
}
