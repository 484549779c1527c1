//! `pipeline`: a batch pipeline for qualitative research on displacement.
//!
//! The stages, in the order data flows through them, each in its own module:
//! `discover` → `extract` (one module per format) → `segment` → `index`
//! (the search engine, and retrieval over it: the only module that knows
//! which engine) → `code` → `bundle`, with `isolate` running extractors in
//! child processes and `manifest` recording what happened to every file.
//! `workflow` holds every workflow of a project with its invariants; the
//! command-line edge lives in `cmd/` of the binary, one file per subcommand.
//! See ARCHITECTURE.md.

#![deny(missing_docs)]

pub mod agreement;
pub mod anonymise;
pub mod bundle;
pub mod code;
pub mod codebook;
pub mod desk;
pub mod discover;
pub mod error;
pub mod extract;
pub mod fold;
pub mod human;
pub mod index;
pub mod ingest;
pub mod interop;
pub mod isolate;
pub mod keys;
pub mod lock;
pub mod manifest;
pub mod metadata;
pub mod model;
pub mod project;
pub mod query;
pub mod segment;
pub mod stats;
pub mod views;
pub mod workflow;
pub mod xml;

pub use error::{Error, Result};
pub use index::retrieve;
