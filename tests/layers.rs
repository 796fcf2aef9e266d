//! The layering the crate documents: nothing below the command layer
//! imports `commands.rs` (the terminal UI takes its start-up helpers from
//! `startup.rs`), and `practice`, `content` and `store` never import `tui`.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn offenders(under: &str, needle: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root.join(under), &mut files);
    files
        .into_iter()
        .filter(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .any(|l| !l.trim_start().starts_with("//") && l.contains(needle))
        })
        .map(|f| f.display().to_string())
        .collect()
}

#[test]
fn no_lower_layer_imports_the_commands() {
    for under in ["tui", "practice", "content", "store"] {
        assert_eq!(
            offenders(under, "commands::"),
            Vec::<String>::new(),
            "{under}"
        );
    }
    let startup =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/startup.rs"))
            .unwrap();
    assert!(!startup.contains("crate::commands"));
    assert!(!startup.contains("crate::tui"));
}

#[test]
fn the_domain_layers_never_import_the_tui() {
    for under in ["practice", "content", "store"] {
        assert_eq!(
            offenders(under, "crate::tui"),
            Vec::<String>::new(),
            "{under}"
        );
    }
}
