//! The project: where its files are and how it is configured.
//!
//! First stage of the pipeline. It finds the root, reads `trustbook.yaml` and decides where the
//! output goes (refusing places where replacing a folder could destroy the user's files). It
//! reads no content and knows nothing of Markdown, surveys or rendering.

mod config;
mod lang;
mod paths;

use std::path::{Path, PathBuf};

pub use config::{
    AlphaMethod, CONFIG_FILE, Config, FontRoles, FontSpec, Paper, PdfConfig, PrivacyConfig, ScoringConfig, Thresholds,
};
pub use lang::{Lang, Localized};
pub use paths::resolve_output;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceText};

/// A loaded project: its root folder and its configuration.
#[derive(Debug, Clone)]
pub struct Project {
    /// Absolute, canonical root folder.
    pub root: PathBuf,
    pub config: Config,
}

impl Project {
    /// Reads `trustbook.yaml` in `root`.
    pub fn load(root: &Path) -> Result<Project, Diagnostics> {
        let root = root.canonicalize().map_err(|error| {
            Diagnostic::error(format!("cannot open the project folder {}: {error}", root.display()))
        })?;
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|error| {
            let message = if error.kind() == std::io::ErrorKind::NotFound {
                format!(
                    "no {CONFIG_FILE} in {}: is this a trustbook project? (`trustbook init` makes one)",
                    root.display()
                )
            } else {
                format!("cannot read {CONFIG_FILE}: {error}")
            };
            Diagnostic::error(message).in_file(CONFIG_FILE)
        })?;
        let config = Config::parse(&SourceText::new(CONFIG_FILE, text))?;
        Ok(Project { root, config })
    }

    /// A project with the given configuration, for callers that build one in memory.
    pub fn with_config(root: PathBuf, config: Config) -> Project {
        Project { root, config }
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    pub fn handbook_dir(&self) -> PathBuf {
        self.content_dir().join("handbook")
    }

    pub fn themes_dir(&self) -> PathBuf {
        self.root.join("themes")
    }

    /// `path` relative to the root, with `/` separators, for messages.
    pub fn display_path(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
    }

    pub fn default_lang(&self) -> &Lang {
        self.config.default_lang()
    }
}
