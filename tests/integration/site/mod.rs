//! The site area: whole builds of the `minimal/` fixture and the sample, through the library
//! and the binary, and the HTML they write.

mod build;
mod citations;
mod cli;
mod html_validity;
