//! Command-line definitions (clap derive). Help text lives beside each flag.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Batch pipeline for qualitative research: ingest interview transcripts and
/// reports, code them with codebooks, query coded excerpts, and publish
/// anonymised excerpt bundles.
///
/// Exit codes: 0 success; 1 the batch finished but some items failed;
/// 2 fatal (bad arguments, locked or unusable index, invalid input, leak found).
#[derive(Debug, Parser)]
#[command(name = "pipeline", version, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// Folder of source documents (with metadata.csv and register.csv).
    #[arg(long, global = true, default_value = "corpus", value_name = "DIR")]
    pub corpus: PathBuf,
    /// Folder of codebooks.
    #[arg(long, global = true, default_value = "codebooks", value_name = "DIR")]
    pub codebooks: PathBuf,
    /// Folder for everything generated.
    #[arg(long, global = true, default_value = "outputs", value_name = "DIR")]
    pub outputs: PathBuf,
    /// Parallel jobs (default: number of CPUs).
    #[arg(short = 'j', long, global = true, value_name = "N")]
    pub jobs: Option<usize>,
    /// No progress bar and no summary on a terminal; errors only.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print warnings and details.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Output format of summaries and tables (text, json, csv, md); for
    /// `export` and `import` the exchange format (qdpx, ndjson).
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Human-readable text.
    Text,
    /// JSON.
    Json,
    /// CSV.
    Csv,
    /// Markdown.
    Md,
    /// REFI-QDA project (`export`, `import` only; not listed elsewhere).
    #[value(hide = true)]
    Qdpx,
    /// Newline-delimited JSON for Quickwit/Elasticsearch (`export` only).
    #[value(hide = true)]
    Ndjson,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract, segment and index the corpus (incremental).
    ///
    /// Reads .txt/.md (any common encoding), .docx, .pdf, .vtt and .srt files
    /// under the corpus folder, finds speaker turns, paragraphs and sentences,
    /// and indexes them in outputs/index. Unchanged files are skipped, changed
    /// ones replaced, deleted ones removed. Every file that cannot be read is
    /// listed as `path: reason` and the batch goes on (exit code 1).
    ///
    /// Examples:
    ///   pipeline ingest
    ///   pipeline ingest --force
    ///   pipeline ingest interviews/ --format json
    #[command(verbatim_doc_comment)]
    Ingest(IngestArgs),
    /// Apply codebooks to every ingested segment (replaces their earlier codings).
    ///
    /// Without arguments every codebook in the codebooks folder is applied and
    /// codings of codebooks that no longer exist are removed. Codings go to the
    /// index (filterable by code) and to outputs/codings.jsonl; a per-code
    /// summary is printed (--format text, json or csv).
    ///
    /// Examples:
    ///   pipeline code
    ///   pipeline code displacement --format csv
    #[command(verbatim_doc_comment)]
    Code(CodeArgs),
    /// Validate, import or export codebooks.
    #[command(subcommand)]
    Codebook(CodebookCommand),
    /// Retrieve segments: a query, code and attribute filters, context.
    ///
    /// Without QUERY, every segment the filters allow (so `--code housing` lists
    /// all housing excerpts). Hits come in document order with their source,
    /// location (page, timestamp, paragraph), speaker, role and codes, matches
    /// highlighted. The query language is the codebooks' (see README).
    ///
    /// Examples:
    ///   pipeline query 'dormitor* OR "collective centre"'
    ///   pipeline query --code housing --where region=Ganja --context 1
    ///   pipeline query '"school live"~5' --role respondent --format csv
    #[command(verbatim_doc_comment)]
    Query(QueryArgs),
    /// Code frequencies: per code, segments, documents, words and share of documents.
    ///
    /// A parent code counts its children. `--by ATTR` breaks every row down by a
    /// document attribute of metadata.csv.
    ///
    /// Examples:
    ///   pipeline stats
    ///   pipeline stats --by region --format csv
    #[command(verbatim_doc_comment)]
    Stats(StatsArgs),
    /// Code co-occurrence and code × attribute crosstabs.
    ///
    /// Examples:
    ///   pipeline matrix --cols codes --within paragraph
    ///   pipeline matrix --cols attr:gender --count documents --format md
    #[command(verbatim_doc_comment)]
    Matrix(MatrixArgs),
    /// Preview what anonymisation does to one file or to standard input.
    ///
    /// For editors tuning corpus/register.csv and corpus/allow-list.txt: prints
    /// the anonymised text and, after it, every replacement and review flag
    /// (with the originals, which never leave this machine). Nothing is saved.
    ///
    /// Examples:
    ///   pipeline anonymise corpus/interviews/az-ganja-01.txt
    ///   echo "Leyla Məmmədova, +994 50 123 45 67" | pipeline anonymise - --format json
    #[command(verbatim_doc_comment)]
    Anonymise(AnonymiseArgs),
    /// Write an anonymised excerpt bundle to outputs/bundles/NAME/.
    ///
    /// Selects excerpts by a profile of codebooks/bundles.toml (when NAME is one
    /// and no selection flag is given) or by --code, --query, --where or --all;
    /// anonymises them; writes bundle.json, bundle.html, manifest.json and
    /// anonymisation-report.json to a temporary folder; scans every file for
    /// register identifiers and detector hits (the leak gate); and only then
    /// renames the folder into place. A leak, unresolved review flags (see
    /// `pipeline review`), stale codings or an empty selection exit 2 and
    /// publish nothing.
    ///
    /// Examples:
    ///   pipeline bundle housing-and-livelihoods
    ///   pipeline bundle trust --code trust --context 1 --date 2026-12-01
    #[command(verbatim_doc_comment)]
    Bundle(BundleArgs),
    /// The main job: ingest, code, and every bundle profile of codebooks/bundles.toml.
    Run(RunArgs),
    /// List a bundle's review flags with context, and record decisions.
    ///
    /// A bundle with unresolved review flags (words the anonymiser was unsure
    /// of) is not published. Without a decision flag this lists them; with
    /// --keep, --replace or --register it records the decision in
    /// corpus/review.csv (or corpus/register.csv), reused by every later run.
    ///
    /// Examples:
    ///   pipeline review trust-and-return
    ///   pipeline review trust-and-return --keep Rose
    ///   pipeline review trust-and-return --replace Niva --kind other
    ///   pipeline review trust-and-return --register "Zaur Qəhrəmanlı" --kind person
    #[command(verbatim_doc_comment)]
    Review(ReviewArgs),
    /// Export the project for other tools: a REFI-QDA project or NDJSON batches.
    ///
    /// `--format qdpx FILE.qdpx`: codebooks, documents (normalised plain text),
    /// metadata as variables and cases, and every auto-coding as a coded
    /// selection, for NVivo, ATLAS.ti, MAXQDA and QualCoder. Positions count
    /// Unicode code points of LF-only text. Not anonymised: for the research
    /// team only.
    ///
    /// `--format ndjson DIR`: segments-NNNNN.ndjson (at most 10 MB each) with
    /// text, positions, attributes and codes, plus quickwit-index.yaml and
    /// elasticsearch-mapping.json (see README).
    ///
    /// Examples:
    ///   pipeline export --format qdpx outputs/project.qdpx
    ///   pipeline export --format ndjson outputs/ndjson
    ///   pipeline export --desk desk-backup.jsonl
    #[command(verbatim_doc_comment)]
    Export(ExportArgs),
    /// Import a REFI-QDA project (.qdpx) made by another tool, as gold standard.
    ///
    /// Writes its text sources to the corpus folder (corpus/NAME/*.txt), its
    /// codebook to codebooks/NAME.toml (codes without rules) and its human
    /// codings to outputs/gold/NAME.csv (document, start, end, code, user), the
    /// input of `pipeline agreement`. Then run `pipeline ingest`.
    ///
    /// Examples:
    ///   pipeline import --format qdpx hand-coded.qdpx --name pilot
    #[command(verbatim_doc_comment)]
    Import(ImportArgs),
    /// Compare auto-coding with human coding (a .qdpx or a CSV).
    ///
    /// Per code: precision, recall, F1, Cohen's kappa and percentage agreement
    /// at segment level; overall: percentage agreement and Krippendorff's alpha
    /// (nominal). A CSV has columns document, start, end, code (positions in
    /// code points of the document text as exported in a .qdpx).
    ///
    /// Examples:
    ///   pipeline agreement outputs/gold/pilot.csv
    ///   pipeline agreement hand-coded.qdpx --unit paragraph --format csv
    ///   pipeline agreement --editor Amina               (her desk codings vs the rules)
    ///   pipeline agreement --editor Amina --against Lev (two editors)
    #[command(verbatim_doc_comment)]
    Agreement(AgreementArgs),
    /// The editors' desk: read, code by hand, write memos, in the browser.
    ///
    /// Serves the project on 127.0.0.1 and prints one address with a random
    /// access token; open it in a browser on this machine. Pages: overview,
    /// documents with codes in the margin, a code's excerpts, search in the
    /// query language (live, keyword in context), tables and heat maps with
    /// CSV export, memos. Hand codings, confirmations, rejections and memos go
    /// to corpus/desk.sqlite and count at once in query, stats, matrices and
    /// bundles; `pipeline code` keeps them. Nothing is fetched from outside.
    ///
    /// Another address (--bind) needs --users FILE: lines NAME:HASH, the hash
    /// made by `pipeline serve --hash-password` (reads the password on stdin).
    ///
    /// Examples:
    ///   pipeline serve
    ///   pipeline serve --port 8000 --editor "Amina"
    ///   pipeline serve --hash-password >> desk-users.txt   (then edit in NAME:)
    ///   pipeline serve --bind 0.0.0.0:8000 --users desk-users.txt
    #[command(verbatim_doc_comment)]
    Serve(ServeArgs),
    /// Internal: serve extraction requests on stdin (used by ingest).
    #[command(name = "__extract-worker", hide = true)]
    ExtractWorker,
}

/// Flags of `pipeline ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Only these files or folders (relative to the corpus folder).
    pub paths: Vec<PathBuf>,
    /// Rebuild the index from scratch.
    #[arg(long)]
    pub force: bool,
    /// Seconds one file may take before its extractor is killed.
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    pub timeout: u64,
    /// Largest file read, in megabytes.
    #[arg(long, default_value_t = 256, value_name = "MB")]
    pub max_file_mb: u64,
}

/// Flags of `pipeline code`.
#[derive(Debug, Args)]
pub struct CodeArgs {
    /// Codebook ids or files (default: every codebook in the codebooks folder).
    #[arg(value_name = "CODEBOOK")]
    pub names: Vec<String>,
}

/// `pipeline codebook …`
#[derive(Debug, Subcommand)]
pub enum CodebookCommand {
    /// Report every problem of codebooks as file:line:column: message (exit 2 if any).
    ///
    /// Examples:
    ///   pipeline codebook check
    ///   pipeline codebook check codebooks/displacement.toml
    #[command(verbatim_doc_comment)]
    Check {
        /// Codebook files (default: every *.toml in the codebooks folder).
        files: Vec<std::path::PathBuf>,
    },
    /// Convert a REFI-QDA codebook (.qdc) or a CSV codebook into TOML.
    ///
    /// CSV columns: id (or code), name, description, color, match, exclude, parent.
    ///
    /// Example:
    ///   pipeline codebook import nvivo-export.qdc --id resettlement --out codebooks/resettlement.toml
    Import {
        /// The .qdc or .csv file.
        file: std::path::PathBuf,
        /// Codebook id to give the imported codebook (default: from the file name).
        #[arg(long)]
        id: Option<String>,
        /// Where to write the TOML (default: print it).
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Write a codebook as REFI-QDA .qdc (Codebook.xsd), for NVivo, ATLAS.ti, MAXQDA, QualCoder.
    ///
    /// Example:
    ///   pipeline codebook export displacement --out displacement.qdc
    Export {
        /// Codebook id or file.
        codebook: String,
        /// Where to write the .qdc (default: print it).
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
}

/// Flags of `pipeline query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Query (words, "phrases", "a b"~N, prefix*, AND/OR/NOT, field:value).
    pub query: Option<String>,
    /// Only segments coded with this code or its children (repeatable: any of them).
    #[arg(long = "code", value_name = "ID")]
    pub codes: Vec<String>,
    /// Only documents whose attribute ATTR equals VALUE (repeatable: all must hold).
    #[arg(long = "where", value_name = "ATTR=VALUE")]
    pub wheres: Vec<String>,
    /// Only this speaker (a name or a word of it).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only this role: interviewer, respondent, other.
    #[arg(long)]
    pub role: Option<String>,
    /// Only documents whose path starts with this.
    #[arg(long)]
    pub doc: Option<String>,
    /// Segment kind: sentence, paragraph, turn, document or any (default: any
    /// with --code and no query, else sentence). With --code, paragraph and
    /// turn give the units that hold the coded segments; document lists the
    /// documents that hold hits, one line each.
    #[arg(long, value_name = "KIND")]
    pub unit: Option<String>,
    /// Segments of context before and after each hit.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub context: usize,
    /// Hits to show: a number, or `all` (default: 20 on a terminal, all when
    /// the output is piped, redirected or in a machine format).
    #[arg(long, value_name = "N|all")]
    pub limit: Option<String>,
    /// Hits to skip.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,
    /// Order: doc (document order) or score (relevance).
    #[arg(long, default_value = "doc", value_name = "ORDER")]
    pub sort: String,
    /// Allow an estimated total where the exact count would cost a pass over
    /// every match (large projects): the hits are the same, the total reads
    /// "about N" (`"total_estimated": true` in JSON).
    #[arg(long)]
    pub estimate_total: bool,
}

/// Flags of `pipeline stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Break the counts down by this document attribute.
    #[arg(long, value_name = "ATTR")]
    pub by: Option<String>,
}

/// Flags of `pipeline matrix`.
#[derive(Debug, Args)]
pub struct MatrixArgs {
    /// Rows (only `codes`).
    #[arg(long, default_value = "codes")]
    pub rows: String,
    /// Columns: `codes`, or `attr:NAME` for a document attribute.
    #[arg(long, default_value = "codes")]
    pub cols: String,
    /// Co-occurrence within: segment, paragraph, turn or document.
    #[arg(long, default_value = "segment")]
    pub within: String,
    /// Count units (segments, paragraphs, turns) or documents.
    #[arg(long, default_value = "units", value_name = "units|documents")]
    pub count: String,
}

/// Flags of `pipeline anonymise`.
#[derive(Debug, Args)]
pub struct AnonymiseArgs {
    /// A document (any ingestable format) or `-` for standard input.
    pub file: std::path::PathBuf,
}

/// Flags of `pipeline bundle`.
#[derive(Debug, Args)]
pub struct BundleArgs {
    /// Bundle name (a profile of bundles.toml, or a new name with selection flags).
    pub name: String,
    /// Select excerpts coded with this code or its children (repeatable).
    #[arg(long = "code", value_name = "ID")]
    pub codes: Vec<String>,
    /// Select excerpts matching this query.
    #[arg(long)]
    pub query: Option<String>,
    /// Only documents whose attribute ATTR equals VALUE (repeatable).
    #[arg(long = "where", value_name = "ATTR=VALUE")]
    pub wheres: Vec<String>,
    /// Every segment (whole anonymised transcripts, for archiving).
    #[arg(long)]
    pub all: bool,
    /// Segments of context before and after each excerpt.
    #[arg(long, value_name = "N")]
    pub context: Option<usize>,
    /// Creation date written into the bundle (default: SOURCE_DATE_EPOCH, else today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Publish even with unresolved review flags (said in the manifest and on the terminal).
    #[arg(long)]
    pub accept_unreviewed: bool,
    /// Publish even when the selection is empty (otherwise exit 2, and a
    /// published bundle of that name is left as it is).
    #[arg(long)]
    pub allow_empty: bool,
    /// Language of the bundle's own words (headings, labels, how to read
    /// it): en or ru (default: the profile's `language`, else en).
    #[arg(long, value_name = "en|ru")]
    pub language: Option<String>,
    /// Whether document ids and pseudonyms are the project's (readers of two
    /// bundles can join them) or fresh for this bundle (they cannot)
    /// (default: the profile's `link`, else project).
    #[arg(long, value_name = "project|bundle")]
    pub link: Option<String>,
    /// Every combination of released attribute values is shared by at least
    /// K respondents of the corpus (default: the profile's `k`, else 5).
    #[arg(long, value_name = "K")]
    pub k: Option<usize>,
}

/// Flags of `pipeline export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The .qdpx file, or the folder for NDJSON.
    pub target: PathBuf,
    /// Largest NDJSON batch, in bytes.
    #[arg(long, default_value_t = 10_000_000, value_name = "BYTES", hide = true)]
    pub batch_bytes: usize,
    /// Export the editors' work (corpus/desk.sqlite: hand codings, then
    /// memos) as JSON lines to TARGET, for version control and backups.
    #[arg(long)]
    pub desk: bool,
}

/// Flags of `pipeline import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The .qdpx file.
    pub file: PathBuf,
    /// Name of the imported project's folder, codebook and gold file (default:
    /// from the project name).
    #[arg(long)]
    pub name: Option<String>,
    /// Replace an earlier import of the same name.
    #[arg(long)]
    pub force: bool,
}

/// Flags of `pipeline agreement`.
#[derive(Debug, Args)]
pub struct AgreementArgs {
    /// The human coding: a .qdpx project or a CSV (document, start, end, code).
    #[arg(required_unless_present = "editor", conflicts_with = "editor")]
    pub gold: Option<PathBuf>,
    /// Use this editor's hand codings in the desk as the gold standard.
    #[arg(long, value_name = "NAME")]
    pub editor: Option<String>,
    /// Compare with this editor's hand codings instead of the rules.
    #[arg(long, value_name = "NAME")]
    pub against: Option<String>,
    /// Segment kind compared: sentence, paragraph or turn.
    #[arg(long, default_value = "sentence", value_name = "KIND")]
    pub unit: String,
}

/// Flags of `pipeline run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Creation date written into the bundles.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Publish bundles even with unresolved review flags (said in each manifest).
    #[arg(long)]
    pub accept_unreviewed: bool,
}

/// Flags of `pipeline serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 7878)]
    pub port: u16,
    /// Listen on this address instead (IP:PORT); requires --users.
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<std::net::SocketAddr>,
    /// Editors who sign in with a password (NAME:HASH lines).
    #[arg(long, value_name = "FILE")]
    pub users: Option<PathBuf>,
    /// The name writes are attributed to in token mode (default: the login name).
    #[arg(long, value_name = "NAME")]
    pub editor: Option<String>,
    /// Print an argon2 hash of the password read from stdin, and exit.
    #[arg(long)]
    pub hash_password: bool,
}

/// Flags of `pipeline review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The bundle (a profile of bundles.toml) whose flags to list.
    pub name: String,
    /// Decide that TEXT stays (an ordinary word or a public name) (repeatable).
    #[arg(long, value_name = "TEXT")]
    pub keep: Vec<String>,
    /// Decide that TEXT is an identifier to replace everywhere (repeatable).
    #[arg(long, value_name = "TEXT")]
    pub replace: Vec<String>,
    /// Add TEXT to corpus/register.csv (repeatable).
    #[arg(long, value_name = "TEXT")]
    pub register: Vec<String>,
    /// Kind for --replace and --register: person, place, organisation, other, name.
    #[arg(long, default_value = "name")]
    pub kind: String,
}
