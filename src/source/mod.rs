//! The one door for input: every read of the project passes through [`Source`].
//!
//! First stage of the pipeline. Whatever a build reads (the configuration, Markdown, YAML,
//! theme overrides, fonts, pictures) it asks for here by its path relative to the project
//! root, and gets the bytes back with that path and their content hash. This module is the one
//! place that
//! - refuses paths that leave the project: absolute paths, `..`, and symlinks whose target lies
//!   outside the root;
//! - refuses files larger than the [`Limits`];
//! - records what the build read, probed and listed ([`Source::dependencies`]): the list a
//!   build cache keys on and `serve` watches.
//!
//! It does not parse anything and does not decide what a missing file means: the stages that
//! ask do. Writing is [`crate::output`]'s job.

mod hash;
mod path;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use hash::ContentHash;
pub use path::ProjectPath;

use crate::diagnostics::{Diagnostic, SourceText};

/// How large a single input file may be. A survey export of several thousand teams is tens of
/// megabytes; anything far beyond that is a mistake (a video dropped into `content/`) that
/// would otherwise be read whole into memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_file_bytes: 256 * 1024 * 1024 }
    }
}

/// One file as read: where it is in the project, its bytes and their hash.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: ProjectPath,
    pub bytes: Arc<[u8]>,
    pub hash: ContentHash,
}

impl SourceFile {
    /// The file as UTF-8 text, named by its project path in messages.
    pub fn into_text(self) -> Result<SourceText, Diagnostic> {
        let name = self.path.to_string();
        let text = std::str::from_utf8(&self.bytes).map_err(|error| {
            Diagnostic::error(format!(
                "the file is not UTF-8 text (invalid byte at offset {}): save it as UTF-8",
                error.valid_up_to()
            ))
            .in_file(name.clone())
        })?;
        Ok(SourceText::new(name, text))
    }
}

/// Why a read was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("not found")]
    NotFound { path: ProjectPath },
    #[error("`{written}` leaves the project folder: {why}")]
    Outside { written: String, why: &'static str },
    #[error("it links to {target}, outside the project folder: copy the file into the project")]
    LinksOutside { path: ProjectPath, target: PathBuf },
    #[error("the file is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge { path: ProjectPath, size: u64, limit: u64 },
    #[error("cannot read: {source}")]
    Io {
        path: ProjectPath,
        #[source]
        source: std::io::Error,
    },
}

impl SourceError {
    /// The project path the error is about, when it has one.
    pub fn path(&self) -> Option<&ProjectPath> {
        match self {
            SourceError::NotFound { path }
            | SourceError::LinksOutside { path, .. }
            | SourceError::TooLarge { path, .. }
            | SourceError::Io { path, .. } => Some(path),
            SourceError::Outside { .. } => None,
        }
    }

    /// The error as a diagnostic in its file.
    pub fn into_diagnostic(self) -> Diagnostic {
        let file = self.path().map(ProjectPath::to_string);
        let diagnostic = Diagnostic::error(self.to_string());
        match file {
            Some(file) => diagnostic.in_file(file),
            None => diagnostic,
        }
    }
}

impl From<SourceError> for Diagnostic {
    fn from(error: SourceError) -> Self {
        error.into_diagnostic()
    }
}

/// What a build depended on, in path order: the files it read (with their hashes) and the
/// paths it only asked about or listed (whose appearance or disappearance changes the build).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dependencies {
    pub read: BTreeMap<ProjectPath, ContentHash>,
    pub probed: std::collections::BTreeSet<ProjectPath>,
}

/// The project's files, as one build sees them.
#[derive(Debug)]
pub struct Source {
    root: PathBuf,
    limits: Limits,
    log: Mutex<Dependencies>,
}

impl Source {
    /// Opens the project at `root` (made canonical, so symlink checks compare like with like).
    pub fn open(root: &Path, limits: Limits) -> Result<Source, Diagnostic> {
        let root = root.canonicalize().map_err(|error| {
            Diagnostic::error(format!("cannot open the project folder {}: {error}", root.display()))
        })?;
        Ok(Source { root, limits, log: Mutex::new(Dependencies::default()) })
    }

    /// The canonical project root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Reads a file, given by its path relative to the project root (`content/survey/a.yaml`).
    pub fn read(&self, path: &str) -> Result<SourceFile, SourceError> {
        let path = ProjectPath::parse(path)?;
        let full = self.inside(&path)?;
        let metadata = std::fs::metadata(&full).map_err(|source| self.io_error(&path, source))?;
        if !metadata.is_file() {
            return Err(SourceError::NotFound { path });
        }
        if metadata.len() > self.limits.max_file_bytes {
            return Err(SourceError::TooLarge { path, size: metadata.len(), limit: self.limits.max_file_bytes });
        }
        let bytes: Arc<[u8]> = std::fs::read(&full).map_err(|source| self.io_error(&path, source))?.into();
        let hash = ContentHash::of(&bytes);
        self.log().read.insert(path.clone(), hash);
        Ok(SourceFile { path, bytes, hash })
    }

    /// Reads a UTF-8 text file; every failure is a diagnostic naming the file.
    pub fn read_text(&self, path: &str) -> Result<SourceText, Diagnostic> {
        self.read(path).map_err(SourceError::into_diagnostic)?.into_text()
    }

    /// Whether `path` is a file of the project. Asking is recorded: the file appearing later
    /// changes the build.
    pub fn is_file(&self, path: &str) -> bool {
        self.probe(path).is_some_and(|full| full.is_file())
    }

    /// Whether `path` is a folder of the project (recorded like [`Source::is_file`]).
    pub fn is_dir(&self, path: &str) -> bool {
        self.probe(path).is_some_and(|full| full.is_dir())
    }

    /// Every file under the folder `dir`, recursively, as project paths in a stable order
    /// (by name, folder by folder). Symlinks are followed when they stay inside the project;
    /// one that leads outside is an error, not a silently skipped file. A missing folder has
    /// no files.
    pub fn walk(&self, dir: &str) -> (Vec<ProjectPath>, Vec<SourceError>) {
        self.files_below(dir, usize::MAX)
    }

    /// The files directly in the folder `dir`, by name.
    pub fn files_in(&self, dir: &str) -> (Vec<ProjectPath>, Vec<SourceError>) {
        self.files_below(dir, 1)
    }

    /// What this build has read and asked about so far.
    pub fn dependencies(&self) -> Dependencies {
        self.log().clone()
    }

    fn files_below(&self, dir: &str, depth: usize) -> (Vec<ProjectPath>, Vec<SourceError>) {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        let dir_path = match ProjectPath::parse(dir) {
            Ok(path) => path,
            Err(error) => return (files, vec![error]),
        };
        self.log().probed.insert(dir_path.clone());
        let full = match self.inside(&dir_path) {
            Ok(full) if full.is_dir() => full,
            Ok(_) => return (files, errors),
            Err(error) => return (files, vec![error]),
        };
        let walker = walkdir::WalkDir::new(&full).follow_links(true).max_depth(depth).sort_by_file_name();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    let at = error.path().map(|p| self.relative(p)).unwrap_or_else(|| dir_path.clone());
                    errors.push(SourceError::Io { path: at, source: error.into() });
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            // Followed links are checked like direct reads: one leading out is reported.
            let path = self.relative(entry.path());
            match self.inside(&path) {
                Ok(_) => files.push(path),
                Err(error) => errors.push(error),
            }
        }
        (files, errors)
    }

    /// The absolute path of `path`, refused when it or a symlink on the way leads outside.
    fn inside(&self, path: &ProjectPath) -> Result<PathBuf, SourceError> {
        let full = self.root.join(path.as_std());
        match full.canonicalize() {
            Ok(canonical) if canonical.starts_with(&self.root) => Ok(full),
            Ok(canonical) => Err(SourceError::LinksOutside { path: path.clone(), target: canonical }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                Err(SourceError::NotFound { path: path.clone() })
            }
            Err(source) => Err(SourceError::Io { path: path.clone(), source }),
        }
    }

    fn probe(&self, path: &str) -> Option<PathBuf> {
        let path = ProjectPath::parse(path).ok()?;
        self.log().probed.insert(path.clone());
        self.inside(&path).ok()
    }

    fn relative(&self, full: &Path) -> ProjectPath {
        ProjectPath::from_relative(full.strip_prefix(&self.root).unwrap_or(full))
    }

    fn io_error(&self, path: &ProjectPath, source: std::io::Error) -> SourceError {
        if source.kind() == std::io::ErrorKind::NotFound {
            SourceError::NotFound { path: path.clone() }
        } else {
            SourceError::Io { path: path.clone(), source }
        }
    }

    fn log(&self) -> std::sync::MutexGuard<'_, Dependencies> {
        // A panic elsewhere while holding the lock leaves the log usable: it only ever grows.
        self.log.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests;
