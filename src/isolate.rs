//! Isolation: extractors run in child processes that can be killed.
//!
//! Third-party parsers panic on damaged PDFs and can loop forever or overflow the
//! stack on hostile input; `catch_unwind` handles only the first. So the ingest
//! command starts a small pool of worker processes (`pipeline __extract-worker`,
//! the same binary), sends each one a file at a time over a pipe, and waits with
//! a deadline. A worker that misses the deadline is killed and replaced, and the
//! file is recorded as timed out; a worker that dies (abort, stack overflow,
//! out of memory under its address-space limit) costs only the file it was
//! reading. The protocol is one JSON line each way.

use crate::extract::{self, ExtractError, Extracted, Format, Limits};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

/// Name of the hidden subcommand that serves extraction requests.
pub const WORKER_COMMAND: &str = "__extract-worker";

/// Address-space limit of a worker process.
pub const WORKER_MEMORY_BYTES: u64 = 6 << 30;

#[derive(Serialize, Deserialize)]
struct Request {
    path: PathBuf,
    format: Format,
    limits: Limits,
}

#[derive(Serialize, Deserialize)]
enum Response {
    Ok(Extracted),
    Err(ExtractError),
}

/// Serves requests on stdin until it closes (the worker side).
pub fn serve() -> std::io::Result<()> {
    std::panic::set_hook(Box::new(|_| {}));
    limit_memory(WORKER_MEMORY_BYTES);
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let line = line?;
        let response = match serde_json::from_str::<Request>(&line) {
            Ok(req) => {
                fault_injection(&req.path);
                match extract::extract_path(&req.path, req.format, &req.limits) {
                    Ok(x) => Response::Ok(x),
                    Err(e) => Response::Err(e),
                }
            }
            Err(e) => Response::Err(ExtractError::Io(format!("bad request: {e}"))),
        };
        serde_json::to_writer(&mut stdout, &response)?;
        stdout.write_all(b"\n")?;
        stdout.flush()?;
    }
    Ok(())
}

/// Test hooks for the failure paths that real files trigger only rarely: a
/// file whose name ends with `$PIPELINE_FAULT_HANG` makes the worker hang, one
/// ending with `$PIPELINE_FAULT_ABORT` makes it abort. Unset in normal use.
fn fault_injection(path: &Path) {
    let name = path.to_string_lossy();
    let matches = |var: &str| {
        std::env::var(var).is_ok_and(|suffix| !suffix.is_empty() && name.ends_with(&suffix))
    };
    if matches("PIPELINE_FAULT_HANG") {
        loop {
            std::thread::sleep(Duration::from_secs(3600));
        }
    }
    if matches("PIPELINE_FAULT_ABORT") {
        std::process::abort();
    }
}

fn limit_memory(bytes: u64) {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit only reads the struct we pass; failure is harmless.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

/// How extraction is run.
#[derive(Debug, Clone)]
pub enum Mode {
    /// In child processes of this executable (the `pipeline` binary).
    Isolated(PathBuf),
    /// In this process under `catch_unwind` only (tests, benchmarks of trusted input).
    InProcess,
}

/// One extraction client; owns at most one live worker process.
pub struct Extractor {
    mode: Mode,
    worker: Option<Worker>,
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<std::io::Result<String>>,
}

impl Extractor {
    /// A client in `mode`; the worker is started on first use.
    pub fn new(mode: Mode) -> Extractor {
        Extractor { mode, worker: None }
    }

    /// Extracts `path` in `format` within `limits` (including the time limit).
    pub fn extract(
        &mut self,
        path: &Path,
        format: Format,
        limits: &Limits,
    ) -> Result<Extracted, ExtractError> {
        let exe = match &self.mode {
            Mode::InProcess => return extract::extract_path(path, format, limits),
            Mode::Isolated(exe) => exe.clone(),
        };
        if self.worker.is_none() {
            self.worker = Some(
                Worker::start(&exe)
                    .map_err(|e| ExtractError::Died(format!("cannot start worker: {e}")))?,
            );
        }
        let worker = self.worker.as_mut().expect("started above");
        let request = serde_json::to_string(&Request {
            path: path.to_path_buf(),
            format,
            limits: *limits,
        })
        .map_err(|e| ExtractError::Io(e.to_string()))?;
        if writeln!(worker.stdin, "{request}")
            .and_then(|_| worker.stdin.flush())
            .is_err()
        {
            return Err(self.fail());
        }
        match worker
            .lines
            .recv_timeout(Duration::from_secs(limits.timeout_secs.max(1)))
        {
            Ok(Ok(line)) => match serde_json::from_str::<Response>(&line) {
                Ok(Response::Ok(x)) => Ok(x),
                Ok(Response::Err(e)) => Err(e),
                Err(e) => {
                    self.kill();
                    Err(ExtractError::Died(format!(
                        "unreadable reply from worker: {e}"
                    )))
                }
            },
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(self.fail()),
            Err(RecvTimeoutError::Timeout) => {
                self.kill();
                Err(ExtractError::Timeout(limits.timeout_secs))
            }
        }
    }

    /// The worker died: reap it and describe how.
    fn fail(&mut self) -> ExtractError {
        let Some(mut worker) = self.worker.take() else {
            return ExtractError::Died("worker missing".into());
        };
        drop(worker.stdin);
        let status = worker.child.wait();
        ExtractError::Died(match status {
            Ok(s) => describe_exit(s),
            Err(e) => e.to_string(),
        })
    }

    fn kill(&mut self) {
        if let Some(mut worker) = self.worker.take() {
            let _ = worker.child.kill();
            let _ = worker.child.wait();
        }
    }
}

impl Drop for Extractor {
    fn drop(&mut self) {
        if let Some(worker) = self.worker.take() {
            let Worker {
                mut child, stdin, ..
            } = worker;
            drop(stdin);
            let _ = child.wait();
        }
    }
}

impl Worker {
    fn start(exe: &Path) -> std::io::Result<Worker> {
        let mut child = Command::new(exe)
            .arg(WORKER_COMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdin = child.stdin.take().expect("piped");
        let stdout = child.stdout.take().expect("piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Ok(Worker {
            child,
            stdin,
            lines: rx,
        })
    }
}

fn describe_exit(status: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (_, Some(libc::SIGKILL)) => "killed (signal 9; out of memory?)".into(),
        (_, Some(libc::SIGSEGV)) => "crashed (segmentation fault or stack overflow)".into(),
        (_, Some(libc::SIGABRT)) => "aborted (stack overflow or allocation failure)".into(),
        (_, Some(sig)) => format!("killed by signal {sig}"),
        (Some(code), _) => format!("exited with code {code}"),
        _ => "exited".into(),
    }
}
