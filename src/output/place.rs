//! Where the output may go. Building replaces the whole output folder, so a wrong path could
//! delete a user's work: this module refuses every such path before anything is written.

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// Resolves the output folder: `explicit` (from `--out`, relative to the working directory) or
/// the configured one (relative to `root`), and checks that replacing it is safe.
///
/// Refused: the project root itself, any folder that contains the root, a folder holding a
/// `content/` folder, a folder inside `content/` or `themes/`, and, unless named explicitly
/// with `--out`, any folder outside the project.
pub fn resolve_output(root: &Path, configured: &Path, explicit: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    let raw = match explicit {
        Some(path) if path.is_absolute() => path.to_path_buf(),
        Some(path) => std::env::current_dir()
            .map_err(|e| Diagnostic::error(format!("cannot read the working directory: {e}")))?
            .join(path),
        None => root.join(configured),
    };
    let output = canonical_or_lexical(&raw);
    let shown = output.display();
    let refuse = |why: String| {
        let diagnostic = Diagnostic::error(format!("refusing to write the output to {shown}: {why}"));
        Err(if explicit.is_none() {
            diagnostic.in_file(crate::project::CONFIG_FILE).with_key("output")
        } else {
            diagnostic.with_note("choose another folder with --out")
        })
    };
    if output == root {
        return refuse("that is the project root, and building replaces the output folder".into());
    }
    if root.starts_with(&output) {
        return refuse("it contains the project".into());
    }
    if output.join("content").is_dir() {
        return refuse("it holds a content/ folder, so it looks like a project, not an output".into());
    }
    for protected in ["content", "themes"] {
        if output.starts_with(root.join(protected)) {
            return refuse(format!("it lies inside {protected}/"));
        }
    }
    if explicit.is_none() && !output.starts_with(root) {
        return refuse("it lies outside the project; name it with --out to mean it".into());
    }
    Ok(output)
}

/// The canonical form of the longest existing ancestor, with the rest appended after removing
/// `.` and `..` lexically, so paths that do not exist yet compare like existing ones.
fn canonical_or_lexical(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    let mut existing = normal.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            let mut result = canonical;
            result.extend(rest.iter().rev());
            return result;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return normal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/handbook")).unwrap();
        std::fs::create_dir_all(dir.path().join("themes")).unwrap();
        dir
    }

    #[test]
    fn default_output_inside_the_project_is_accepted() {
        let dir = project();
        let root = dir.path().canonicalize().unwrap();
        let out = resolve_output(&root, Path::new("output"), None).unwrap();
        assert_eq!(out, root.join("output"));
    }

    #[test]
    fn dangerous_folders_are_refused() {
        let dir = project();
        let root = dir.path().canonicalize().unwrap();
        for configured in [".", "..", "content", "content/x", "themes/default", "./out/.."] {
            let result = resolve_output(&root, Path::new(configured), None);
            assert!(result.is_err(), "{configured} was accepted");
        }
    }

    #[test]
    fn outside_the_project_only_when_explicit() {
        let dir = project();
        let elsewhere = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let target = elsewhere.path().join("site");
        let configured = resolve_output(&root, &target, None).unwrap_err();
        assert!(configured.message.contains("outside the project"), "{}", configured.message);
        assert!(resolve_output(&root, Path::new("output"), Some(&target)).is_ok());
    }
}
