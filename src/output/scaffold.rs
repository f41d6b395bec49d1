//! Writing a new project (`trustbook init`): files into a folder that is empty, or that the
//! user allowed us to add to with `--force`.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error(
        "{path} is not empty: use --force to add the sample project to it (existing files with the same names are overwritten)"
    )]
    NotEmpty { path: PathBuf },
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Writes `files` (paths relative to `dir`, with their bytes) into `dir`, creating folders as
/// needed. Returns the paths written, in the order given.
pub fn write_project<'a>(
    dir: &Path,
    force: bool,
    files: impl IntoIterator<Item = (PathBuf, &'a [u8])>,
) -> Result<Vec<PathBuf>, ScaffoldError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ScaffoldError::Io { path, source }
    };
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
        if entries.next().is_some() && !force {
            return Err(ScaffoldError::NotEmpty { path: dir.to_path_buf() });
        }
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut written = Vec::new();
    for (relative, bytes) in files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, bytes).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}
