//! The project: where its files are and how it is configured.
//!
//! The stage after `source`. It reads `trustbook.yaml` (through the source stage) into a
//! checked [`Config`], whose sections configure the later stages. It reads no content and knows
//! nothing of Markdown, surveys or rendering; where the output may go is `output`'s decision.

mod brand;
mod config;
mod lang;

use std::path::PathBuf;

pub use brand::{Brand, BrandColours, LOGO_EXTENSIONS, PAGE, Rgb};
pub use config::{
    AlphaMethod, CONFIG_FILE, Config, ContentConfig, FdrMethod, FontRoles, FontSpec, Paper, PdfConfig, PlanConfig,
    PrivacyConfig, ReportsConfig, ScoringConfig, Thresholds,
};
pub use lang::{Lang, Localized};

use crate::diagnostics::{Diagnostic, Diagnostics, SourceText};
use crate::source::{Source, SourceError};
use crate::yaml::YamlFile;

/// Where the handbook's Markdown lives, relative to the project root.
pub const HANDBOOK_DIR: &str = "content/handbook";
/// Where the survey (instrument, organisation, responses) lives.
pub const SURVEY_DIR: &str = "content/survey";
/// Where themes that override the embedded one live (`themes/<name>/`).
pub const THEMES_DIR: &str = "themes";

/// A loaded project: its root folder and its configuration.
#[derive(Debug, Clone)]
pub struct Project {
    /// Absolute, canonical root folder.
    pub root: PathBuf,
    pub config: Config,
    /// The text of `trustbook.yaml`, so later stages can point at the setting a problem is
    /// about (a font that cannot be read, say).
    config_text: SourceText,
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
        let text = text.into_text()?;
        let config = Config::parse(&text)?;
        Ok(Project { root, config, config_text: text })
    }

    /// An error about the setting at `key` (`pdf.fonts.body.path`), at its line in
    /// `trustbook.yaml`.
    pub fn config_error(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        YamlFile::new(self.config_text.clone()).error(key, message)
    }

    pub fn default_lang(&self) -> &Lang {
        self.config.default_lang()
    }
}
