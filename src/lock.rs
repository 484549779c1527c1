//! The project lock: one writing `pipeline` process per `outputs/` folder.
//!
//! An OS file lock (`flock`) on `outputs/.lock`, so a killed holder releases
//! it automatically and a stale lock file never blocks anyone. The holder's pid
//! is written into the file for the error message of the process that waits.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

/// Held while a command writes to `outputs/`; released on drop.
#[derive(Debug)]
pub struct ProjectLock {
    _file: File,
}

impl ProjectLock {
    /// Takes the lock of `outputs` or fails at once with [`Error::Locked`].
    pub fn acquire(outputs: &Path) -> Result<ProjectLock> {
        std::fs::create_dir_all(outputs).map_err(|e| Error::io(outputs, e))?;
        let path = outputs.join(".lock");
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim().to_string();
                return Err(Error::Locked {
                    path: outputs.to_path_buf(),
                    holder: if holder.is_empty() {
                        "unknown".into()
                    } else {
                        holder
                    },
                });
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = write!(file, "{}", std::process::id());
        let _ = file.flush();
        Ok(ProjectLock { _file: file })
    }

    /// Takes the lock of `outputs`, waiting up to `patience` for another
    /// holder (a short desk write behind another) before failing with
    /// [`Error::Locked`].
    pub fn acquire_within(outputs: &Path, patience: std::time::Duration) -> Result<ProjectLock> {
        let until = std::time::Instant::now() + patience;
        loop {
            match ProjectLock::acquire(outputs) {
                Err(Error::Locked { .. }) if std::time::Instant::now() < until => {
                    std::thread::sleep(std::time::Duration::from_millis(25));
                }
                other => return other,
            }
        }
    }
}
