//! `trustbook init`: scaffolds a new project from the sample that ships in the binary (the
//! configuration and `content/`). The theme is not copied: it stays embedded, and a user copies
//! only the files they want to override. Writing the files is [`crate::output::scaffold`]'s job.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

pub use crate::output::scaffold::ScaffoldError as InitError;

static SAMPLE_CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
static SAMPLE_CONFIG: &str = include_str!("../trustbook.yaml");

/// Writes the sample project into `dir`, creating it if needed. Returns the files written.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>, InitError> {
    let mut files = vec![(PathBuf::from(crate::project::CONFIG_FILE), SAMPLE_CONFIG.as_bytes())];
    collect(&SAMPLE_CONTENT, &mut files);
    crate::output::scaffold::write_project(dir, force, files)
}

fn collect(dir: &'static Dir<'static>, files: &mut Vec<(PathBuf, &'static [u8])>) {
    for file in dir.files() {
        files.push((Path::new("content").join(file.path()), file.contents()));
    }
    for sub in dir.dirs() {
        collect(sub, files);
    }
}
