//! trustbook: a static report and handbook generator for building trust in teams.
//!
//! A build is a pipeline, one module per stage, data flowing one way:
//! [`project`] (config, paths) → [`content`] (Markdown + front matter into the shared
//! [`document`] model) → [`survey`] (instrument, organisation, responses) → [`scoring`]
//! (statistics, anonymity) → [`render`] (HTML through the theme, data exports) → [`output`]
//! (atomic writes).
//! [`site`] runs the stages in order; `main.rs` is a thin command line over it.

pub mod content;
pub mod diagnostics;
pub mod document;
pub mod figure;
pub mod init;
pub mod output;
pub mod plan;
pub mod project;
pub mod render;
pub mod scoring;
pub mod site;
pub mod survey;
pub mod yaml;

pub use site::{BuildError, BuildOptions, BuildReport, CheckReport, Format, build, check};
