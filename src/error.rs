//! Typed errors of the library. Commands turn them into messages and exit codes
//! at the edge (`anyhow` lives only in `src/cmd/`). Every variant that is about a
//! file carries its path.

use std::path::PathBuf;

/// Errors that stop a whole command (not a single item of a batch).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Another `pipeline` process holds the project lock.
    #[error("{path} is locked by another pipeline process (pid {holder}); wait for it to finish")]
    Locked {
        /// The outputs folder.
        path: PathBuf,
        /// Pid of the holder, as it wrote it.
        holder: String,
    },
    /// The index is missing.
    #[error("no index at {0}: run `pipeline ingest` first")]
    NoIndex(PathBuf),
    /// The index exists but cannot be used.
    #[error("index at {path} is unusable: {reason}; run `pipeline ingest --force`")]
    BadIndex {
        /// Index folder.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A CSV input (metadata, register) is malformed.
    #[error("{path}: {reason}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// Line and problem.
        reason: String,
    },
    /// Derived outputs disagree with the index (an interrupted run, or an ingest since).
    #[error("{0}")]
    Outdated(String),
    /// The codebooks have problems (each with its file and line).
    #[error("{}\n{} problem(s) in codebooks (see `pipeline codebook check`)", .0.join("\n"), .0.len())]
    Codebooks(Vec<String>),
    /// An input the user gave (a profile, a flag, a query) is wrong.
    #[error("{0}")]
    Invalid(String),
    /// A gate refused: review flags unresolved, a registered name in a
    /// selection, an empty selection. Nothing was published.
    #[error("{0}")]
    Refused(String),
    /// The leak gate found registered identifiers in a bundle's files;
    /// nothing was published.
    #[error("{}LEAK: {} identifier(s) found in the bundle `{bundle}`; nothing was published. Fix the register or the selection and run again.", .leaks.iter().map(|l| format!("{l}\n")).collect::<String>(), .leaks.len())]
    Leak {
        /// The bundle.
        bundle: String,
        /// Each hit: kind, source, file and excerpt (never the text found).
        leaks: Vec<String>,
    },
    /// The store of human work (`corpus/desk.sqlite`) failed.
    #[error("{path}: {reason}")]
    Store {
        /// The store's file.
        path: PathBuf,
        /// The database's message.
        reason: String,
    },
    /// The search index failed (the engine's message; see `index`).
    #[error("index error: {0}")]
    Index(String),
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error about `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
