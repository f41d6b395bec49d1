//! The one door for writing: atomic output, where it may go, and new projects.
//!
//! Last stage of the pipeline. A build writes into a staging folder beside the output and swaps
//! it in only when everything succeeded, so a failed build leaves the previous output exactly
//! as it was. The output folder is marked with a `.trustbook-output` file. A folder without the
//! marker is never replaced (unless empty): it could be the user's own files. [`place`] decides
//! where the output may go; [`scaffold`] writes the files of `trustbook init`. What the files
//! are called is [`crate::routes`]' business, what they hold the renderers'; reading is
//! [`crate::source`]'s.

// With `source`, the one module allowed to touch the file system (see clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

mod place;
pub mod scaffold;

pub use place::resolve_output;

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Name of the marker file that identifies a folder as trustbook output.
pub const MARKER: &str = ".trustbook-output";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "refusing to replace {path}: it is not empty and was not made by trustbook (no {MARKER} file); move its contents away or choose another output folder"
    )]
    Foreign { path: PathBuf },
    #[error("refusing to replace {path}: it is a file, not a folder")]
    NotAFolder { path: PathBuf },
    #[error("output path `{path}` must be relative and stay inside the output folder")]
    BadRelativePath { path: String },
    #[error("two outputs were written to the same path `{path}`")]
    Duplicate { path: String },
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Io { path: path.to_path_buf(), source }
}

/// A staging folder being filled by a build. Dropped without [`Staging::commit`], it removes
/// itself and the real output is untouched.
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    written: Mutex<BTreeSet<String>>,
    committed: bool,
}

impl Staging {
    /// Prepares a staging folder for replacing `target`, after checking `target` may be replaced.
    pub fn create(target: &Path) -> Result<Staging, OutputError> {
        check_replaceable(target)?;
        let parent = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let name = target.file_name().map_or("output".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(io(&dir))?;
        }
        std::fs::create_dir(&dir).map_err(io(&dir))?;
        Ok(Staging { target: target.to_path_buf(), dir, written: Mutex::new(BTreeSet::new()), committed: false })
    }

    /// Writes one file at `relative` (a `/`-separated path) inside the output. Safe to call from
    /// several threads.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = Path::new(relative);
        let safe = !relative.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Err(OutputError::BadRelativePath { path: relative.to_string() });
        }
        if !self.written.lock().unwrap_or_else(|e| e.into_inner()).insert(relative.to_string()) {
            return Err(OutputError::Duplicate { path: relative.to_string() });
        }
        let full = self.dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&full, bytes).map_err(io(&full))
    }

    /// How many files were written so far.
    pub fn file_count(&self) -> usize {
        self.written.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Swaps the staging folder in as the output. The previous output is removed only after the
    /// new one is in place.
    pub fn commit(mut self) -> Result<PathBuf, OutputError> {
        std::fs::write(self.dir.join(MARKER), "Made by trustbook. Every build replaces this whole folder.\n")
            .map_err(io(&self.dir))?;
        check_replaceable(&self.target)?;
        let parent = self.target.parent().unwrap_or(Path::new("."));
        let name = self.target.file_name().map_or("output".into(), |n| n.to_string_lossy().into_owned());
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let had_previous = self.target.exists();
        if had_previous {
            if old.exists() {
                std::fs::remove_dir_all(&old).map_err(io(&old))?;
            }
            std::fs::rename(&self.target, &old).map_err(io(&self.target))?;
        }
        if let Err(source) = std::fs::rename(&self.dir, &self.target) {
            if had_previous {
                // Put the previous output back where it was.
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(OutputError::Io { path: self.target.clone(), source });
        }
        self.committed = true;
        if had_previous {
            std::fs::remove_dir_all(&old).map_err(io(&old))?;
        }
        Ok(self.target.clone())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// A folder may be replaced when it does not exist, is empty, or carries the marker.
fn check_replaceable(target: &Path) -> Result<(), OutputError> {
    if !target.exists() {
        return Ok(());
    }
    if !target.is_dir() {
        return Err(OutputError::NotAFolder { path: target.to_path_buf() });
    }
    if target.join(MARKER).is_file() {
        return Ok(());
    }
    let mut entries = std::fs::read_dir(target).map_err(io(target))?;
    if entries.next().is_none() { Ok(()) } else { Err(OutputError::Foreign { path: target.to_path_buf() }) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_drop_discards() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        let staging = Staging::create(&target).unwrap();
        staging.write("zh/index.html", b"one").unwrap();
        staging.commit().unwrap();
        assert_eq!(std::fs::read(target.join("zh/index.html")).unwrap(), b"one");

        let staging = Staging::create(&target).unwrap();
        staging.write("zh/index.html", b"two").unwrap();
        drop(staging);
        assert_eq!(std::fs::read(target.join("zh/index.html")).unwrap(), b"one");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("out")]);
    }

    #[test]
    fn foreign_folders_and_escaping_paths_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        assert!(matches!(Staging::create(dir.path()), Err(OutputError::Foreign { .. })));
        let staging = Staging::create(&dir.path().join("out")).unwrap();
        assert!(staging.write("../x", b"").is_err());
        assert!(staging.write("/etc/x", b"").is_err());
        staging.write("a", b"").unwrap();
        assert!(matches!(staging.write("a", b""), Err(OutputError::Duplicate { .. })));
    }
}
