//! Rendering of compiled Kubernetes objects into text outputs.
//!
//! The compiler produces an ordered list of typed objects (each with `apiVersion`,
//! `kind` and `metadata`); this module turns them into the formats users deploy: a
//! multi-document YAML stream ([`yaml`], written straight from the typed objects or
//! from `serde_json::Value`s with [`to_yaml`]), a `v1` `List` in JSON
//! ([`to_json_list`]) or a Git/Kustomize-ready directory layout ([`to_directory`]).
//! [`graph`] draws the workflow itself as a diagram (Mermaid or DOT).
//! Everything here is pure (no I/O) so it builds for `wasm32`; callers decide where the
//! strings go.

use std::io::{self, IoSlice};

pub mod directory;
pub mod graph;
pub mod json;
pub mod yaml;

pub use directory::{RenderedFile, to_directory};
pub use json::to_json_list;
pub use yaml::{to_yaml, value_to_yaml};

/// Pieces handed to the writer in one call at most: the system's limit for one `writev`
/// (`IOV_MAX` on Linux and macOS).
const PIECES_PER_WRITE: usize = 1024;

/// Writes `pieces` to `out` in order, many in each call (`write_vectored`): the pieces of
/// a large output are tens of thousands of documents and separators, each a write of its
/// own otherwise, or a copy into a buffer.
///
/// # Errors
///
/// When `out` fails, or accepts nothing.
pub(crate) fn write_pieces<'a>(
    pieces: impl IntoIterator<Item = &'a [u8]>,
    out: &mut impl io::Write,
) -> io::Result<()> {
    let mut batch = Vec::with_capacity(PIECES_PER_WRITE);
    for piece in pieces.into_iter().filter(|piece| !piece.is_empty()) {
        batch.push(IoSlice::new(piece));
        if batch.len() == PIECES_PER_WRITE {
            write_batch(&mut batch, out)?;
        }
    }
    write_batch(&mut batch, out)
}

/// Writes every piece of `batch`, however much each call takes, and empties it.
fn write_batch(batch: &mut Vec<IoSlice<'_>>, out: &mut impl io::Write) -> io::Result<()> {
    let mut rest = &mut batch[..];
    while !rest.is_empty() {
        match out.write_vectored(rest) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(written) => IoSlice::advance_slices(&mut rest, written),
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    batch.clear();
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io;

    use super::write_pieces;

    /// A writer that takes at most `most` bytes of one piece per call, and is interrupted
    /// every other call: as a pipe or a slow terminal may.
    struct Grudging {
        written: Vec<u8>,
        most: usize,
        calls: usize,
    }

    impl io::Write for Grudging {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(2) {
                return Err(io::ErrorKind::Interrupted.into());
            }
            let taken = bytes.len().min(self.most);
            self.written.extend_from_slice(&bytes[..taken]);
            Ok(taken)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Every byte arrives once and in order, past partial writes, interruptions and more
    /// pieces than one call takes; a writer that takes nothing is an error, not a hang.
    #[test]
    fn pieces_arrive_whole_in_order_however_the_writer_takes_them() {
        let pieces: Vec<String> = (0..3000).map(|index| format!("piece {index}\n")).collect();
        let mut out = Grudging {
            written: Vec::new(),
            most: 7,
            calls: 0,
        };
        write_pieces(pieces.iter().map(String::as_bytes), &mut out).expect("written");
        assert_eq!(
            String::from_utf8(out.written).expect("text"),
            pieces.concat()
        );

        let mut full = [0_u8; 4];
        let error =
            write_pieces([&b"more than four"[..]], &mut &mut full[..]).expect_err("no room left");
        assert_eq!(error.kind(), io::ErrorKind::WriteZero);
    }
}
