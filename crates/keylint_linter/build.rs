//! Embed the rule pack (`policies/`) into the binary: the schema, and for each rule
//! folder its `rule.cedar` and `doc.md`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default())
        .join("../../policies");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut rules: Vec<(String, PathBuf)> = Vec::new();
    if let Ok(providers) = std::fs::read_dir(&root) {
        for p in providers.flatten() {
            let path = p.path();
            println!("cargo:rerun-if-changed={}", path.display());
            if !path.is_dir() {
                continue;
            }
            for r in std::fs::read_dir(&path).into_iter().flatten().flatten() {
                let rp = r.path();
                if rp.join("rule.cedar").is_file() {
                    println!("cargo:rerun-if-changed={}", rp.join("rule.cedar").display());
                    println!("cargo:rerun-if-changed={}", rp.join("doc.md").display());
                    let rel = format!("{}/{}", file_name(&path), file_name(&rp));
                    rules.push((rel, rp));
                }
            }
        }
    }
    rules.sort();
    let mut out = String::from(
        "/// Built-in rules: (folder, rule.cedar, doc.md).\npub static BUILTIN_RULES: &[(&str, &str, &str)] = &[\n",
    );
    for (rel, path) in &rules {
        let _ = writeln!(
            out,
            "    ({rel:?}, include_str!({:?}), include_str!({:?})),",
            path.join("rule.cedar").display().to_string(),
            path.join("doc.md").display().to_string()
        );
    }
    out.push_str("];\n");
    let _ = writeln!(
        out,
        "/// The Cedar schema of the model.\npub static SCHEMA: &str = include_str!({:?});",
        root.join("schema.cedarschema").display().to_string()
    );
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("pack.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
