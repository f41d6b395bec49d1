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

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::source::ContentHash;
use crate::source::Size;

/// Staging folders of builds in this process that are not committed yet, so that an
/// interrupted build (Ctrl-C, SIGTERM) can remove them before the process ends.
static IN_PROGRESS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Set once the process is being interrupted: no build writes or commits after that.
static ABANDONED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Removes the staging folders of every unfinished build of this process. Called by the
/// command line's interrupt handler; the previous output is untouched either way. Writes
/// stop first, and those under way get a moment to end, so none recreates a removed folder.
pub fn abandon_unfinished_builds() {
    ABANDONED.store(true, std::sync::atomic::Ordering::SeqCst);
    std::thread::sleep(std::time::Duration::from_millis(50));
    let dirs = std::mem::take(&mut *IN_PROGRESS.lock().unwrap_or_else(|e| e.into_inner()));
    for dir in dirs {
        let _ = std::fs::remove_dir_all(dir);
    }
}

fn forget(dir: &Path) {
    IN_PROGRESS.lock().unwrap_or_else(|e| e.into_inner()).retain(|d| d != dir);
}

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
    #[error("the build was interrupted")]
    Interrupted,
    #[error("`{path}` would be {}, more than `limits.output_file_size` ({}) in trustbook.yaml", Size(*.size), Size(*.limit))]
    FileTooLarge { path: String, size: u64, limit: u64 },
    #[error("writing `{path}` takes the build past `limits.output_size` ({}) in trustbook.yaml", Size(*.limit))]
    BuildTooLarge { path: String, limit: u64 },
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
/// What a build wrote in one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub bytes: u64,
    pub sha256: ContentHash,
    /// Pages of a paged document.
    pub pages: Option<usize>,
}

#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    /// Every file written, with what the delivery manifest says of it.
    written: Mutex<BTreeMap<String, Written>>,
    committed: bool,
    /// Bytes one file and all files together may take (`limits.output_file_size` and
    /// `limits.output_size`).
    file_limit: u64,
    total_limit: u64,
    total: AtomicU64,
}

impl Staging {
    /// Prepares a staging folder for replacing `target`, after checking `target` may be replaced.
    pub fn create(target: &Path) -> Result<Staging, OutputError> {
        check_replaceable(target)?;
        let parent = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let name = target.file_name().map_or("output".into(), |n| n.to_string_lossy().into_owned());
        remove_stale(parent, &name);
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(io(&dir))?;
        }
        std::fs::create_dir(&dir).map_err(io(&dir))?;
        IN_PROGRESS.lock().unwrap_or_else(|e| e.into_inner()).push(dir.clone());
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            written: Mutex::new(BTreeMap::new()),
            committed: false,
            file_limit: u64::MAX,
            total_limit: u64::MAX,
            total: AtomicU64::new(0),
        })
    }

    /// Refuses, from now on, a file larger than `file` bytes and any write that takes the build
    /// past `total` bytes.
    pub fn with_limits(mut self, file: u64, total: u64) -> Staging {
        (self.file_limit, self.total_limit) = (file, total);
        self
    }

    /// Writes one file at `relative` (a `/`-separated path) inside the output. Safe to call from
    /// several threads.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = Path::new(relative);
        let safe = !relative.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Err(OutputError::BadRelativePath { path: relative.to_string() });
        }
        if ABANDONED.load(Ordering::SeqCst) {
            return Err(OutputError::Interrupted);
        }
        let size = bytes.len() as u64;
        if size > self.file_limit {
            return Err(OutputError::FileTooLarge { path: relative.to_string(), size, limit: self.file_limit });
        }
        let before = self.total.fetch_add(size, Ordering::SeqCst);
        if before + size > self.total_limit {
            return Err(OutputError::BuildTooLarge { path: relative.to_string(), limit: self.total_limit });
        }
        let record = Written { bytes: size, sha256: ContentHash::of(bytes), pages: None };
        {
            let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
            if written.contains_key(relative) {
                return Err(OutputError::Duplicate { path: relative.to_string() });
            }
            written.insert(relative.to_string(), record);
        }
        let full = self.dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&full, bytes).map_err(io(&full))
    }

    /// Writes a paged document (a PDF) and notes its page count for the manifest.
    pub fn write_document(&self, relative: &str, bytes: &[u8], pages: usize) -> Result<(), OutputError> {
        self.write(relative, bytes)?;
        if let Some(record) = self.written.lock().unwrap_or_else(|e| e.into_inner()).get_mut(relative) {
            record.pages = Some(pages);
        }
        Ok(())
    }

    /// Every file written so far under `prefix`, in path order, with its size, checksum and
    /// page count.
    pub fn written_under(&self, prefix: &str) -> Vec<(String, Written)> {
        let written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        written.iter().filter(|(path, _)| path.starts_with(prefix)).map(|(p, w)| (p.clone(), *w)).collect()
    }

    /// How many files were written so far.
    pub fn file_count(&self) -> usize {
        self.written.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Swaps the staging folder in as the output. The previous output is removed only after the
    /// new one is in place; if that removal fails, the build is still published and the
    /// leftover comes back to be reported (the next build removes it).
    pub fn commit(mut self) -> Result<Committed, OutputError> {
        if ABANDONED.load(Ordering::SeqCst) {
            return Err(OutputError::Interrupted);
        }
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
        forget(&self.dir);
        let leftover = match had_previous {
            true => std::fs::remove_dir_all(&old).err().map(|error| (old, error)),
            false => None,
        };
        Ok(Committed { output: self.target.clone(), leftover })
    }
}

/// A published build.
#[derive(Debug)]
pub struct Committed {
    pub output: PathBuf,
    /// The previous output, moved aside, when it could not be removed.
    pub leftover: Option<(PathBuf, std::io::Error)>,
}

/// Removes staging and old-output folders of `name` beside it that builds left behind when
/// they were killed: those whose process is gone. A running build's folders are left alone.
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    let own = std::process::id();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let pid = [".staging-", ".old-"]
            .iter()
            .find_map(|kind| file_name.strip_prefix(&format!(".{name}{kind}")))
            .and_then(|pid| pid.parse::<u32>().ok());
        if let Some(pid) = pid
            && pid != own
            && !process_is_running(pid)
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether a process with this id runs on this machine. Where that cannot be told (no
/// `/proc`), it is assumed to run, so nothing is removed by mistake.
fn process_is_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
            forget(&self.dir);
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
    fn folders_left_by_killed_builds_are_removed_and_running_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        // No process has this id (above the kernel's pid_max); process 1 always runs.
        for left in [".out.staging-4194305", ".out.old-4194305", ".out.staging-1", ".other.staging-4194305"] {
            std::fs::create_dir(dir.path().join(left)).unwrap();
            std::fs::write(dir.path().join(left).join("big.pdf"), "x").unwrap();
        }
        Staging::create(&target).unwrap().commit().unwrap();
        let mut left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        left.sort();
        let expected: Vec<std::ffi::OsString> =
            [".other.staging-4194305", ".out.staging-1", "out"].iter().map(Into::into).collect();
        assert_eq!(left, expected, "only this output's folders of dead builds go");
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
