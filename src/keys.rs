//! The key: original ↔ pseudonym, kept only in `outputs/keys/` (folder 0700,
//! files 0600), never in a bundle. A key folder that others can read is
//! refused rather than used.

use crate::anonymise::Pseudonyms;
use crate::error::{Error, Result};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// `outputs/keys/pseudonyms.json`.
pub fn path(outputs: &Path) -> PathBuf {
    outputs.join("keys").join("pseudonyms.json")
}

fn check_folder(dir: &Path) -> Result<()> {
    let meta = std::fs::metadata(dir).map_err(|e| Error::io(dir, e))?;
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(Error::Csv {
            path: dir.to_path_buf(),
            reason: format!(
                "the key folder is readable by others (mode {mode:o}); run `chmod 700 {}`",
                dir.display()
            ),
        });
    }
    Ok(())
}

/// The saved table, if any.
pub fn load(outputs: &Path) -> Result<Option<Pseudonyms>> {
    let p = path(outputs);
    if !p.exists() {
        return Ok(None);
    }
    check_folder(p.parent().expect("has a parent"))?;
    let text = std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))?;
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| Error::Csv {
            path: p,
            reason: format!("unreadable key file: {e}"),
        })
}

/// `outputs/keys/bundles/NAME.json`: the key of a bundle whose pseudonyms
/// are its own (`link = "bundle"`).
pub fn bundle_path(outputs: &Path, bundle: &str) -> PathBuf {
    outputs
        .join("keys")
        .join("bundles")
        .join(format!("{bundle}.json"))
}

/// Saves the project's table atomically with private permissions.
pub fn save(outputs: &Path, table: &Pseudonyms) -> Result<()> {
    save_to(&path(outputs), table)
}

/// Saves a bundle's own table (`link = "bundle"`), like [`save`].
pub fn save_bundle(outputs: &Path, bundle: &str, table: &Pseudonyms) -> Result<()> {
    save_to(&bundle_path(outputs, bundle), table)
}

fn private_dir(dir: &Path) -> Result<()> {
    if !dir.exists() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| Error::io(dir, e))?;
    }
    check_folder(dir)
}

fn save_to(p: &Path, table: &Pseudonyms) -> Result<()> {
    let dir = p.parent().expect("has a parent");
    if let Some(keys) = dir.parent().filter(|_| dir.ends_with("bundles")) {
        private_dir(keys)?;
    }
    private_dir(dir)?;
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("key");
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let json = serde_json::to_vec_pretty(table).expect("serialisable");
    let write = || -> std::io::Result<()> {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(&json)?;
        f.sync_all()?;
        std::fs::rename(&tmp, p)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(p, e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymise::Kind;

    #[test]
    fn private_permissions_and_refusal_of_open_folders() {
        let dir = tempfile::tempdir().unwrap();
        let mut t = Pseudonyms::default();
        t.get(Kind::Person, "leyla", None);
        save(dir.path(), &t).unwrap();
        let keys = dir.path().join("keys");
        assert_eq!(
            std::fs::metadata(&keys).unwrap().permissions().mode() & 0o777,
            0o700
        );
        assert_eq!(
            std::fs::metadata(path(dir.path()))
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
        assert_eq!(load(dir.path()).unwrap(), Some(t.clone()));
        std::fs::set_permissions(&keys, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(
            load(dir.path())
                .unwrap_err()
                .to_string()
                .contains("readable by others")
        );
        assert!(save(dir.path(), &t).is_err());
    }
}
