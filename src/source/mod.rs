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

// With `output`, the one module allowed to touch the file system (see clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

mod hash;
mod limits;
mod path;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use hash::ContentHash;
pub use limits::{Limits, Size};
pub use path::ProjectPath;

use crate::diagnostics::{Diagnostic, SourceText};

/// One file as read: where it is in the project, its bytes and their hash.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: ProjectPath,
    pub bytes: Arc<[u8]>,
    pub hash: ContentHash,
}

impl SourceFile {
    /// The file as UTF-8 text, named by its project path in messages. A NUL character becomes
    /// U+FFFD (as CommonMark asks), so it can reach no output; lines stay where they were, so
    /// messages still point at the real line.
    pub fn into_text(self) -> Result<SourceText, Diagnostic> {
        let name = self.path.to_string();
        if self.bytes.starts_with(&[0xFF, 0xFE]) || self.bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(Diagnostic::error(
                "the file is UTF-16 text (it starts with a UTF-16 byte order mark): save it as UTF-8",
            )
            .in_file(name));
        }
        let text = match std::str::from_utf8(&self.bytes) {
            Ok(text) => text,
            Err(error) => {
                // Point at the line: the file as far as it can be read, then the bad byte.
                let good = error.valid_up_to();
                let lossy = String::from_utf8_lossy(&self.bytes).into_owned();
                let before = String::from_utf8_lossy(&self.bytes[..good]);
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
                let message = format!(
                    "the file is not UTF-8 text (byte 0x{:02X} at line {line}, column {column}): save it as UTF-8",
                    self.bytes[good]
                );
                return Err(Diagnostic::error(message).at_line(&SourceText::new(name, lossy), line, column));
            }
        };
        // A UTF-8 byte order mark says nothing but "UTF-8"; YAML and Markdown read on without it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.contains('\0') {
            return Ok(SourceText::new(name, text.replace('\0', "\u{FFFD}")));
        }
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
    #[error("the file is {}, more than `limits.input_file_size` ({}) in trustbook.yaml", Size(*.size), Size(*.limit))]
    TooLarge { path: ProjectPath, size: u64, limit: u64 },
    #[error("it links to {target}, which does not exist")]
    Dangling { path: ProjectPath, target: PathBuf },
    #[error("the file changed while the build was reading it: build again")]
    Changed { path: ProjectPath },
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
            | SourceError::Changed { path }
            | SourceError::Dangling { path, .. }
            | SourceError::Io { path, .. } => Some(path),
            SourceError::Outside { .. } => None,
        }
    }

    /// The error as a sentence about reading `what` (`font fonts/x.otf`, `the logo …`) that a
    /// setting names, for a diagnostic at that setting: errors that name the path themselves
    /// are kept as they are.
    pub fn reading(&self, what: &str) -> String {
        match self {
            SourceError::NotFound { .. } => format!("cannot read {what}: there is no such file"),
            SourceError::Outside { .. } | SourceError::LinksOutside { .. } => self.to_string(),
            other => format!("cannot read {what}: {other}"),
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

/// What a path of the project is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    File,
    Folder,
}

/// Whether a walk includes hidden files and folders (names starting with `.`: version control,
/// editor state, lock files). Content skips them; a theme may ship `static/.well-known/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    Skip,
    Include,
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

    /// The limits of this build: the defaults until the configuration has been read.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Applies the configured limits to every read from now on.
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    /// Reads a file, given by its path relative to the project root (`content/survey/a.yaml`).
    ///
    /// The file is opened once, at its resolved location inside the project, and its size is
    /// checked on the open file, so a file that grows after the check is still cut off at the
    /// limit. (A folder swapped for a link between resolving and opening is not caught: that
    /// would need opening component by component.) A file read twice in one build must not
    /// change in between, or its readers would disagree.
    pub fn read(&self, path: &str) -> Result<SourceFile, SourceError> {
        use std::io::Read;
        let path = ProjectPath::parse(path)?;
        let resolved = self.inside(&path)?;
        let io = |source| self.io_error(&path, source);
        let file = std::fs::File::open(&resolved).map_err(io)?;
        let metadata = file.metadata().map_err(io)?;
        if !metadata.is_file() {
            return Err(SourceError::NotFound { path });
        }
        let limit = self.limits.input_file_size;
        if metadata.len() > limit {
            return Err(SourceError::TooLarge { path, size: metadata.len(), limit });
        }
        let mut bytes = Vec::with_capacity(metadata.len() as usize);
        file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
        if bytes.len() as u64 > limit {
            return Err(SourceError::TooLarge { path, size: bytes.len() as u64, limit });
        }
        let hash = ContentHash::of(&bytes);
        match self.log().read.insert(path.clone(), hash) {
            Some(earlier) if earlier != hash => return Err(SourceError::Changed { path }),
            _ => {}
        }
        Ok(SourceFile { path, bytes: bytes.into(), hash })
    }

    /// Reads a UTF-8 text file; every failure is a diagnostic naming the file.
    pub fn read_text(&self, path: &str) -> Result<SourceText, Diagnostic> {
        self.read(path).map_err(SourceError::into_diagnostic)?.into_text()
    }

    /// What `path` is: a file, a folder, or nothing (`Ok(None)`). A path that leaves the
    /// project is an error, not "nothing", so a linked-out `content/survey` is reported rather
    /// than silently skipped. Asking is recorded: the path appearing later changes the build.
    pub fn kind(&self, path: &str) -> Result<Option<PathKind>, SourceError> {
        let path = ProjectPath::parse(path)?;
        self.log().probed.insert(path.clone());
        match self.inside(&path) {
            Ok(full) if full.is_dir() => Ok(Some(PathKind::Folder)),
            Ok(full) if full.is_file() => Ok(Some(PathKind::File)),
            Ok(_) | Err(SourceError::NotFound { .. }) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Where `path` really is, inside the project, after following links: the same path for
    /// a plain file.
    pub fn resolved(&self, path: &ProjectPath) -> Result<ProjectPath, SourceError> {
        self.inside(path).map(|full| self.relative(&full))
    }

    /// Every file under the folder `dir`, recursively, as project paths in a stable order
    /// (by name, folder by folder). Links are followed when they stay inside the project; one
    /// that leads outside (or a loop) is an error reported once, at the link, and not walked
    /// into. A missing folder has no files.
    pub fn walk(&self, dir: &str, hidden: Hidden) -> (Vec<ProjectPath>, Vec<SourceError>) {
        self.files_below(dir, usize::MAX, hidden)
    }

    /// The files directly in the folder `dir`, by name.
    pub fn files_in(&self, dir: &str, hidden: Hidden) -> (Vec<ProjectPath>, Vec<SourceError>) {
        self.files_below(dir, 1, hidden)
    }

    /// What this build has read and asked about so far.
    pub fn dependencies(&self) -> Dependencies {
        self.log().clone()
    }

    fn files_below(&self, dir: &str, depth: usize, hidden: Hidden) -> (Vec<ProjectPath>, Vec<SourceError>) {
        let dir_path = match ProjectPath::parse(dir) {
            Ok(path) => path,
            Err(error) => return (Vec::new(), vec![error]),
        };
        self.log().probed.insert(dir_path.clone());
        // Walk the folder by its project path (a linked folder keeps its name), once it is
        // known to resolve inside the project.
        let full = match self.inside(&dir_path) {
            Ok(resolved) if resolved.is_dir() => self.root.join(dir_path.as_std()),
            Ok(_) | Err(SourceError::NotFound { .. }) => return (Vec::new(), Vec::new()),
            Err(error) => return (Vec::new(), vec![error]),
        };
        // Links are checked as they are met, before anything behind them is walked.
        let errors = std::cell::RefCell::new(Vec::new());
        let walker = walkdir::WalkDir::new(&full).follow_links(true).max_depth(depth).sort_by_file_name();
        let entries = walker.into_iter().filter_entry(|entry| {
            if entry.depth() > 0 && hidden == Hidden::Skip && entry.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            if entry.path_is_symlink()
                && let Err(error) = self.inside(&self.relative(entry.path()))
            {
                errors.borrow_mut().push(error);
                return false;
            }
            true
        });
        let mut files = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) if entry.file_type().is_file() => files.push(self.relative(entry.path())),
                Ok(_) => {}
                Err(error) => {
                    // A dangling link fails before the filter sees it: a hidden one is skipped
                    // all the same.
                    let hidden_entry = error
                        .path()
                        .and_then(|p| p.file_name())
                        .is_some_and(|name| hidden == Hidden::Skip && name.to_string_lossy().starts_with('.'));
                    if !hidden_entry {
                        let at = error.path().map(|p| self.relative(p)).unwrap_or_else(|| dir_path.clone());
                        errors.borrow_mut().push(SourceError::Io { path: at, source: error.into() });
                    }
                }
            }
        }
        (files, errors.into_inner())
    }

    /// The canonical absolute path of `path`, refused when it or a link on the way leads
    /// outside the project.
    fn inside(&self, path: &ProjectPath) -> Result<PathBuf, SourceError> {
        let full = self.root.join(path.as_std());
        match full.canonicalize() {
            Ok(canonical) if canonical.starts_with(&self.root) => Ok(canonical),
            Ok(canonical) => Err(SourceError::LinksOutside { path: path.clone(), target: canonical }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                if full.is_symlink() {
                    let target = std::fs::read_link(&full).unwrap_or_default();
                    return Err(SourceError::Dangling { path: path.clone(), target });
                }
                Err(SourceError::NotFound { path: path.clone() })
            }
            Err(source) => Err(SourceError::Io { path: path.clone(), source }),
        }
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
