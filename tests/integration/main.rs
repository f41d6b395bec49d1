//! Whole builds against fixture projects, through the library and through the binary.
//! One test binary (modules below) so the suite links once.

mod architecture;
mod bad_input;
mod build;
mod cli;
mod common;
mod html_validity;
mod pdf;
mod pdf_book;
mod reports;
mod scoring_reference;
mod survey_input;
