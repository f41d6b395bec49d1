//! Paths inside the project: relative, `/`-separated, never leaving the root.

use std::fmt;
use std::path::{Component, Path, PathBuf};

use super::SourceError;

/// A path relative to the project root, `/`-separated, without `.` or `..`: `content/x.md`.
/// It is also the name a file goes by in messages, so errors read the same on every system.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProjectPath(String);

impl ProjectPath {
    /// Checks a path written in the project (configuration, Markdown) or by the program.
    /// Absolute paths and `..` are refused: every input lies inside the project.
    pub fn parse(written: &str) -> Result<ProjectPath, SourceError> {
        let outside = |why| SourceError::Outside { written: written.to_string(), why };
        let mut parts: Vec<String> = Vec::new();
        for component in Path::new(written).components() {
            match component {
                Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
                Component::CurDir => {}
                Component::ParentDir => return Err(outside("`..` is not allowed in project paths")),
                Component::RootDir | Component::Prefix(_) => {
                    return Err(outside("give the path relative to the project folder"));
                }
            }
        }
        Ok(ProjectPath(parts.join("/")))
    }

    /// A path already known to be relative to the root (from walking a project folder).
    pub(super) fn from_relative(relative: &Path) -> ProjectPath {
        let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        ProjectPath(parts.join("/"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after `prefix/`, when the path lies below the folder `prefix`.
    pub fn strip_dir(&self, prefix: &str) -> Option<&str> {
        self.0.strip_prefix(prefix).and_then(|rest| rest.strip_prefix('/'))
    }

    pub(super) fn as_std(&self) -> PathBuf {
        PathBuf::from(&self.0)
    }
}

impl fmt::Display for ProjectPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised_and_never_leave_the_root() {
        assert_eq!(ProjectPath::parse("content/./handbook/a.md").unwrap().as_str(), "content/handbook/a.md");
        assert!(matches!(ProjectPath::parse("content/../../etc/passwd"), Err(SourceError::Outside { .. })));
        assert!(matches!(ProjectPath::parse("/etc/passwd"), Err(SourceError::Outside { .. })));
        let path = ProjectPath::parse("content/handbook/a.md").unwrap();
        assert_eq!(path.strip_dir("content"), Some("handbook/a.md"));
        assert_eq!(path.strip_dir("cont"), None);
    }
}
