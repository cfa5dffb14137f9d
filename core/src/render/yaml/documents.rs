//! YAML documents written one by one and put into an order decided afterwards: a
//! compiler writes each object as soon as it is built (while it is still in the cache,
//! and then drops it, so the memory it used serves the next one) and puts the documents
//! into install order only at the end.

use std::io;
use std::ops::Range;

use serde::Serialize;

use super::error::Error;
use super::serializer::{BYTES_PER_OBJECT, DOCUMENT_SEPARATOR, YamlWriter};

/// Documents in the order they were pushed, to be streamed in any order.
#[derive(Debug, Default)]
pub struct Documents {
    /// The documents, one after another.
    text: YamlWriter,
    /// Where each document is in `text`.
    documents: Vec<Range<usize>>,
}

impl Documents {
    /// Room for about `objects` documents.
    pub fn with_capacity(objects: usize) -> Self {
        Documents {
            text: YamlWriter::with_capacity(objects * BYTES_PER_OBJECT),
            documents: Vec::with_capacity(objects),
        }
    }

    /// Renders `object` as one more document.
    ///
    /// # Errors
    ///
    /// As [`to_yaml_typed`](super::to_yaml_typed); the document is then left out.
    pub fn push<T: Serialize + ?Sized>(&mut self, object: &T) -> Result<(), Error> {
        let start = self.text.as_str().len();
        self.text.write_document(object)?;
        self.documents.push(start..self.text.as_str().len());
        Ok(())
    }

    /// The documents as one YAML stream: `order` gives the position (in push order) of
    /// each document to write, as [`to_yaml_typed`](super::to_yaml_typed) separates them.
    pub fn into_stream(self, order: impl IntoIterator<Item = usize>) -> String {
        let separators = self.documents.len().saturating_sub(1) * DOCUMENT_SEPARATOR.len();
        let mut stream = String::with_capacity(self.text.as_str().len() + separators);
        for piece in self.pieces(order) {
            stream.push_str(piece);
        }
        stream
    }

    /// Writes the stream [`Documents::into_stream`] returns to `out`, piece by piece,
    /// without joining it: a large output is then not held twice.
    ///
    /// # Errors
    ///
    /// When `out` fails.
    pub fn write_stream(
        &self,
        order: impl IntoIterator<Item = usize>,
        out: &mut impl io::Write,
    ) -> io::Result<()> {
        self.pieces(order)
            .try_for_each(|piece| out.write_all(piece.as_bytes()))
    }

    /// The stream in pieces: each document `order` gives, with separators between.
    fn pieces(&self, order: impl IntoIterator<Item = usize>) -> impl Iterator<Item = &str> {
        let text = self.text.as_str();
        order
            .into_iter()
            .enumerate()
            .flat_map(move |(place, index)| {
                let separator = if place > 0 { DOCUMENT_SEPARATOR } else { "" };
                [separator, &text[self.documents[index].clone()]]
            })
    }
}
