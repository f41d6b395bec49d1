//! PDF output: our own layout engine over the shared document model, on printpdf's low-level
//! operations. This module holds the building blocks so far: fonts ([`fonts`]) and line
//! breaking with Chinese typesetting rules ([`lines`]).

pub mod fonts;
pub mod lines;
