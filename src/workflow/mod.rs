//! Every workflow of a project, one function each, with the invariants that
//! keep a project safe enforced inside: codings are fresh before anything is
//! built from them, nothing is published without the review gate and the
//! independent leak gate, the key is saved before a bundle is swapped into
//! place, one writer at a time (the project lock).
//!
//! The command line (`src/cmd/`) parses arguments, calls one of these and
//! prints what it returns; the web desk (`pipeline serve`) calls the same functions, so
//! every caller gets the same guarantees. Reports are typed; progress goes
//! through callbacks, never to a terminal from here.

pub mod agreement;
pub mod anonymiser;
pub mod codings;
pub mod desk;
pub mod export;
pub mod import;
pub mod publish;
pub mod review;

pub use agreement::agreement;
pub use anonymiser::{anonymiser, review_decisions};
pub use codings::{Loaded, code, codebooks, codings, ensure_fresh, load_coded, select_codebooks};
pub use export::{NdjsonExported, QdpxExported, export_ndjson, export_qdpx};
pub use import::{Imported, import_qdpx};
pub use publish::{Prepared, Published, created, prepare, publish};
