//! `trustbook init`: scaffolds a new project from the sample that ships in the binary (the
//! configuration and `content/`). The theme is not copied: it stays embedded, and a user copies
//! only the files they want to override.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

static SAMPLE_CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
static SAMPLE_CONFIG: &str = include_str!("../trustbook.yaml");

#[derive(Debug, thiserror::Error)]
pub enum InitError {
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

/// Writes the sample project into `dir`, creating it if needed. Returns the files written.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>, InitError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| InitError::Io { path, source }
    };
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
        if entries.next().is_some() && !force {
            return Err(InitError::NotEmpty { path: dir.to_path_buf() });
        }
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut written = Vec::new();
    let config = dir.join(crate::project::CONFIG_FILE);
    std::fs::write(&config, SAMPLE_CONFIG).map_err(io(&config))?;
    written.push(config);
    write_dir(&SAMPLE_CONTENT, &dir.join("content"), &mut written)?;
    Ok(written)
}

fn write_dir(source: &Dir<'static>, target: &Path, written: &mut Vec<PathBuf>) -> Result<(), InitError> {
    for file in source.files() {
        let path = target.join(file.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| InitError::Io { path: parent.to_path_buf(), source })?;
        }
        std::fs::write(&path, file.contents()).map_err(|source| InitError::Io { path: path.clone(), source })?;
        written.push(path);
    }
    for sub in source.dirs() {
        write_dir(sub, target, written)?;
    }
    Ok(())
}
