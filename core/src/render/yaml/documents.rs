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
pub(crate) struct Documents {
    /// The documents, one after another.
    text: YamlWriter,
    /// Where each document is in `text`.
    documents: Vec<Range<usize>>,
}

impl Documents {
    /// Room for about `objects` documents.
    pub(crate) fn with_capacity(objects: usize) -> Self {
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
    pub(crate) fn push<T: Serialize + ?Sized>(&mut self, object: &T) -> Result<(), Error> {
        let start = self.text.as_str().len();
        self.text.write_document(object)?;
        self.documents.push(start..self.text.as_str().len());
        Ok(())
    }

    /// The document at `index` (in push order).
    pub(crate) fn document(&self, index: usize) -> &str {
        &self.text.as_str()[self.documents[index].clone()]
    }

    /// The number of documents, and of their bytes.
    pub(crate) fn size(&self) -> (usize, usize) {
        (self.documents.len(), self.text.as_str().len())
    }
}

/// The stream of `documents`, `count` of them and `bytes` long in all, as one string.
pub(crate) fn joined_stream<'a>(
    documents: impl IntoIterator<Item = &'a str>,
    count: usize,
    bytes: usize,
) -> String {
    let separators = count.saturating_sub(1) * DOCUMENT_SEPARATOR.len();
    let mut stream = String::with_capacity(bytes + separators);
    for piece in pieces(documents) {
        stream.push_str(piece);
    }
    stream
}

/// Writes the stream of `documents` to `out`, piece by piece.
pub(crate) fn write_documents<'a>(
    documents: impl IntoIterator<Item = &'a str>,
    out: &mut impl io::Write,
) -> io::Result<()> {
    crate::render::write_pieces(pieces(documents).map(str::as_bytes), out)
}

/// The stream in pieces: each document, with separators between.
fn pieces<'a>(documents: impl IntoIterator<Item = &'a str>) -> impl Iterator<Item = &'a str> {
    documents
        .into_iter()
        .enumerate()
        .flat_map(|(place, document)| {
            let separator = if place > 0 { DOCUMENT_SEPARATOR } else { "" };
            [separator, document]
        })
}
