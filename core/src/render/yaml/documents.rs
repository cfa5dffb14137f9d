//! YAML documents written one by one and put into an order decided afterwards: a
//! compiler writes each object as soon as it is built (while it is still in the cache,
//! and then drops it, so the memory it used serves the next one) and puts the documents
//! into install order only at the end.

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
        let text = self.text.as_str();
        let mut stream = String::with_capacity(text.len() + separators);
        for (place, index) in order.into_iter().enumerate() {
            if place > 0 {
                stream.push_str(DOCUMENT_SEPARATOR);
            }
            stream.push_str(&text[self.documents[index].clone()]);
        }
        stream
    }
}
