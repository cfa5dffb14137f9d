//! The process's allocator: mimalloc, on small pages that it hands back at once.
//!
//! Compiling allocates and frees hundreds of thousands of small strings and maps; mimalloc
//! does that about a third faster than the system allocator (core/benches). Left to its
//! defaults it asks for transparent huge pages, each of which counts 2 MB of resident
//! memory once touched, and keeps freed pages for a second: `kubegraph validate` of 10,000
//! nodes peaked at 48.5 MB for 23 MB of heap. Built without huge pages (the workspace
//! turns on mimalloc's `no_thp`) and purging freed pages at once, it peaks at 29.7 MB, for
//! about 10% more time in page faults (`scripts/bench.sh`; the README has the figures).

// Setting a mimalloc option is a call into C.
#![allow(unsafe_code)]

use libmimalloc_sys::{mi_option_set, mi_option_t};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`, in milliseconds (libmimalloc-sys names only the
/// stable options).
const PURGE_DELAY: mi_option_t = 15;

/// Hands freed pages back to the kernel at once, unless `MIMALLOC_PURGE_DELAY` says
/// otherwise: a command lives for tens of milliseconds, less than the default delay.
pub(crate) fn purge_at_once() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: `mi_option_set` takes any option number and value; the number is that of
        // the linked mimalloc (see the test below).
        unsafe { mi_option_set(PURGE_DELAY, 0) };
    }
}

#[cfg(test)]
mod tests {
    use libmimalloc_sys::_mi_option_last;

    /// `PURGE_DELAY` is a position in mimalloc's `mi_option_t`; an update of mimalloc that
    /// renumbers its options must not silently set another one.
    #[test]
    fn option_numbers_are_those_of_the_linked_mimalloc() {
        assert_eq!(_mi_option_last, 47, "mimalloc's options were renumbered");
    }
}
