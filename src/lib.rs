//! trustbook: a static report and handbook generator for building trust in teams.
//!
//! A build is a pipeline, one module per stage, data flowing one way:
//!
//! 1. [`source`]: every read of the project (paths, limits, symlink rule, content hashes, the
//!    list of what was read);
//! 2. [`project`]: `trustbook.yaml`; [`theme`]: templates, UI strings, PDF style and fonts;
//! 3. [`content`] (Markdown + front matter into the shared [`document`] model) and [`survey`]
//!    (instrument, organisation, responses);
//! 4. [`scoring`] (statistics, anonymity) → [`plan`] (what each team works on);
//! 5. [`compose`]: plans and scores become report documents, once per report and language;
//! 6. [`render`]: HTML, PDF and data files, with paths and links from [`routes`], written
//!    through [`output`] (atomic writes, and the files of `trustbook init`): the one door out.
//!
//! [`site`] runs the stages in order and streams each composed report through every renderer;
//! `main.rs` is a thin command line over it. The ground floor every stage may use:
//! [`diagnostics`] (located, collected problems), [`text`], [`yaml`], [`figure`] (every chart
//! drawn once), [`logo`] (the brand's logo as outlines or a picture) and [`document`].

pub mod compose;
pub mod content;
pub mod diagnostics;
pub mod document;
pub mod figure;
pub mod init;
pub mod logo;
pub mod model;
pub mod output;
pub mod plan;
pub mod project;
pub mod render;
pub mod routes;
pub mod scoring;
pub mod site;
pub mod source;
pub mod survey;
pub mod text;
pub mod theme;
pub mod yaml;

pub use site::{BuildError, BuildOptions, BuildReport, CheckReport, Format, build, check};
