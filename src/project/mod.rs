//! The project: where its files are and how it is configured.
//!
//! The stage after `source`. It reads `trustbook.yaml` (through the source stage) into a
//! checked [`Config`], whose sections configure the later stages. It reads no content and knows
//! nothing of Markdown, surveys or rendering; where the output may go is `output`'s decision.

mod config;
mod lang;

use std::path::PathBuf;

pub use config::{
    AlphaMethod, CONFIG_FILE, Config, FontRoles, FontSpec, Paper, PdfConfig, PlanConfig, PrivacyConfig, ScoringConfig,
    Thresholds,
};
pub use lang::{Lang, Localized};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::{Source, SourceError};

/// A loaded project: its root folder and its configuration.
#[derive(Debug, Clone)]
pub struct Project {
    /// Absolute, canonical root folder.
    pub root: PathBuf,
    pub config: Config,
}

impl Project {
    /// Reads `trustbook.yaml` at the root of `source`.
    pub fn load(source: &Source) -> Result<Project, Diagnostics> {
        let root = source.root().to_path_buf();
        let text = source.read(CONFIG_FILE).map_err(|error| match error {
            SourceError::NotFound { .. } => Diagnostic::error(format!(
                "no {CONFIG_FILE} in {}: is this a trustbook project? (`trustbook init` makes one)",
                root.display()
            ))
            .in_file(CONFIG_FILE),
            other => other.into_diagnostic(),
        })?;
        let config = Config::parse(&text.into_text()?)?;
        Ok(Project { root, config })
    }

    /// A project with the given configuration, for callers that build one in memory.
    pub fn with_config(root: PathBuf, config: Config) -> Project {
        Project { root, config }
    }

    pub fn default_lang(&self) -> &Lang {
        self.config.default_lang()
    }
}
