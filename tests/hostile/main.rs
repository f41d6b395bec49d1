//! Hostile input, loader by loader: every mistake is reported with its file, line and key,
//! all mistakes of a build together, and the previous output stays exactly as it was. Every
//! new parser or loader gets its cases here.
//!
//! - `project.rs`: configuration, handbook Markdown and front matter, links, themes, fonts;
//! - `survey.rs`: instrument, organisation and response files;
//! - `delivery.rs`: the brand (texts, colours, logo) and the people of organisation.yaml;
//! - `instruments.rs`: further instruments (customers) and the response files naming them;
//! - `source.rs`: paths and links that leave the project, files that cannot be read;
//! - `publishing.rs`: what may reach the output;
//! - `site_tree.rs`: the published handbook holds no result;
//! - `encodings.rs`: other encodings, BOMs, CRLF, alias bombs, tabs, template-looking names;
//! - `interrupted.rs`: builds stopped by a signal;
//! - `privacy.rs`: no figure on too few answers, none recoverable from the shown ones;
//! - `limits.rs`: runaway input against `limits:` in trustbook.yaml.

// Tests and tools set up and inspect files freely (see clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

// Shared by both test binaries; each uses only some of the helpers.
#[allow(dead_code)]
#[path = "../common/mod.rs"]
mod common;

mod benchmarks;
mod delivery;
mod encodings;
mod instruments;
mod interrupted;
mod limits;
mod privacy;
mod project;
mod publishing;
mod site_tree;
mod source;
mod survey;
