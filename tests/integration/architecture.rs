//! The pipeline's shape, checked over `src/`: stages import only the stages before them, and
//! only the source stage reads project files (only `output` writes them).

use std::path::PathBuf;

use crate::common::repo_root;

/// Every module of `src/` by pipeline floor: a module may use modules on lower floors only.
/// A new module must be placed here, which is the point: its place in the pipeline is a
/// decision, not an accident.
const FLOORS: &[(&str, u8)] = &[
    ("diagnostics", 0),
    ("yaml", 1),
    ("text", 1),
    ("figure", 2),
    ("source", 2),
    ("document", 3),
    ("project", 3),
    ("output", 4),
    ("theme", 4),
    ("content", 4),
    ("survey", 4),
    ("scoring", 5),
    ("routes", 5),
    ("plan", 6),
    ("compose", 7),
    ("render", 8),
    ("init", 9),
    ("site", 9),
];

/// What opens, lists or inspects files on disk. `include_dir!`/`include_str!` embed files of
/// this repository at compile time and are not project reads.
const FILE_ACCESS: &[&str] = &[
    "std::fs",
    "fs::read",
    "fs::write",
    "File::",
    "OpenOptions",
    "walkdir",
    "read_dir(",
    ".canonicalize(",
    ".is_file()",
    ".is_dir()",
    ".exists()",
    ".metadata(",
];

/// The Rust files of `src/`, each with its module (first folder or file name under `src/`)
/// and its text up to the unit tests (tests may use temporary files freely).
fn sources() -> Vec<(PathBuf, String, String)> {
    let src = repo_root().join("src");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let relative = path.strip_prefix(&src).unwrap();
        let module =
            relative.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap().to_string();
        files.push((relative.to_path_buf(), module, code));
    }
    files
}

fn floor(module: &str) -> Option<u8> {
    FLOORS.iter().find(|(name, _)| *name == module).map(|(_, floor)| *floor)
}

/// A line without its comment (doc links to other modules are not uses of them).
fn code_part(line: &str) -> &str {
    line.split("//").next().unwrap_or("")
}

/// The crate modules a file's code names (`crate::scoring::…` gives `scoring`).
fn uses(code: &str) -> Vec<String> {
    let code: Vec<&str> = code.lines().map(code_part).collect();
    let code = code.join("\n");
    code.match_indices("crate::")
        .map(|(at, _)| code[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect())
        .filter(|name: &String| !name.is_empty())
        .collect()
}

/// Whether `line` holds `pattern` as a name of its own (`File::` but not `YamlFile::`).
fn names(line: &str, pattern: &str) -> bool {
    line.match_indices(pattern).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        pattern.starts_with('.') || !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn stages_import_only_the_stages_before_them() {
    let mut wrong = Vec::new();
    for (path, module, code) in sources() {
        if matches!(module.as_str(), "lib" | "main") {
            continue;
        }
        let Some(own) = floor(&module) else {
            wrong.push(format!("src/{}: module `{module}` has no floor in FLOORS", path.display()));
            continue;
        };
        for used in uses(&code) {
            if used == module {
                continue;
            }
            match floor(&used) {
                Some(theirs) if theirs < own => {}
                _ => {
                    wrong.push(format!("src/{} ({module}) uses `crate::{used}`, which is not below it", path.display()))
                }
            }
        }
    }
    assert!(wrong.is_empty(), "imports running up or sideways:\n{}", wrong.join("\n"));
}

#[test]
fn only_the_source_stage_reads_and_only_output_writes() {
    let mut found = Vec::new();
    let mut checked = 0;
    for (path, module, code) in sources() {
        if matches!(module.as_str(), "source" | "output") {
            continue;
        }
        checked += 1;
        for (number, line) in code.lines().enumerate() {
            if let Some(pattern) = FILE_ACCESS.iter().find(|p| names(code_part(line), p)) {
                found.push(format!("src/{}:{}: `{pattern}`: {}", path.display(), number + 1, line.trim()));
            }
        }
    }
    assert!(checked > 40, "only {checked} files looked at: is src/ where it should be?");
    assert!(found.is_empty(), "file access outside src/source and src/output:\n{}", found.join("\n"));
}

#[test]
fn the_checks_see_what_they_look_for() {
    // The two tests above must be able to fail: a line that reads a file and a use of a
    // higher stage are caught.
    assert_eq!(uses("use crate::scoring::Assessment;\nlet x = crate::plan::team_plan;"), ["scoring", "plan"]);
    let line = "let bytes = std::fs::read(path)?;";
    assert!(FILE_ACCESS.iter().any(|p| names(line, p)));
    assert!(!FILE_ACCESS.iter().any(|p| names("let file = YamlFile::new(text);", p)));
    assert!(uses("/// See [`crate::render`].").is_empty(), "doc links are not imports");
    assert!(floor("render") > floor("compose") && floor("compose") > floor("plan"));
}

#[test]
fn renderers_only_encode_what_was_composed_and_drawn() {
    // Reports are composed once and charts drawn once, before any renderer: a renderer that
    // called the composer or the figure module's `draw` would do that work again.
    let mut found = Vec::new();
    for (path, module, code) in sources() {
        if module != "render" {
            continue;
        }
        for (number, line) in code.lines().enumerate() {
            let line = code_part(line);
            for pattern in ["Composer", "figure::draw", "Figure::new", "team_report(", "summary_report("] {
                if line.contains(pattern) {
                    found.push(format!("src/{}:{}: `{pattern}`", path.display(), number + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "renderers composing or drawing:\n{}", found.join("\n"));
}
