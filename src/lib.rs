//! `pipeline`: a batch pipeline for qualitative research on displacement.
//!
//! The stages, in the order data flows through them, each in its own module:
//! `discover` → `extract` (one module per format) → `segment` → `index`
//! (tantivy), with `isolate` running extractors in child processes and
//! `manifest` recording what happened to every file. The command-line edge
//! lives in `cmd/`, one file per subcommand.

#![deny(missing_docs)]

pub mod agreement;
pub mod anonymise;
pub mod bundle;
pub mod code;
pub mod codebook;
pub mod discover;
pub mod error;
pub mod extract;
pub mod fold;
pub mod index;
pub mod ingest;
pub mod interop;
pub mod isolate;
pub mod keys;
pub mod lock;
pub mod manifest;
pub mod metadata;
pub mod project;
pub mod query;
pub mod retrieve;
pub mod segment;
pub mod stats;
pub mod workflow;

pub use error::{Error, Result};
