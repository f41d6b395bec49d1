//! Whole builds against fixture projects, through the library and through the binary, one
//! folder per area with its fixtures beside its tests (`site/minimal/`, `survey/project/`).
//! One test binary (modules below) so the suite links once. Bad input lives in
//! `tests/hostile/`, the second binary.

// Tests and tools set up and inspect files freely (see clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

// Shared by both test binaries; each uses only some of the helpers.
#[allow(dead_code)]
#[path = "../common/mod.rs"]
mod common;

mod architecture;
mod customers;
mod framework;
mod instrument;
mod pdf;
mod plans;
mod reports;
mod site;
mod survey;
