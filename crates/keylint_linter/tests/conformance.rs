//! Conformance against KICS's public fixtures (`../shared/corpus/kics`, read at test
//! time, never copied). `conformance/mapping-kics.toml` maps each KICS query to keylint rules
//! and lists, with reasons, where RULES.md deliberately disagrees with KICS.
//!
//! A positive is found when a finding of a mapped rule is on the expected line, as its
//! primary location or a related one (keylint underlines the most specific token and
//! labels the enclosing attribute and resource). A negative must have no finding of a
//! mapped rule.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failure is a test failure"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use keylint_linter::{Engine, LintOptions};
use keylint_sources::SourceFile;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .to_path_buf()
}

fn lint_file(engine: &Engine, path: &Path, rules: &[String]) -> Vec<keylint_model::Finding> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(path).unwrap();
    let units = keylint_sources::read_directory(
        ".",
        vec![SourceFile { path: name, text }],
        &keylint_sources::NoFiles,
    );
    let opts = LintOptions {
        only: Some(rules.to_vec()),
        ..LintOptions::default()
    };
    units
        .iter()
        .flat_map(|u| engine.lint(u, &opts).findings)
        .collect()
}

fn readable(file: &str) -> bool {
    keylint_sources::classify_path(file).is_some()
}

#[test]
fn kics_conformance() {
    let corpus = repo().join("../shared/corpus/kics");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(corpus.join("manifest.json")).unwrap())
            .unwrap();
    let mapping: toml::Value = toml::from_str(
        &std::fs::read_to_string(repo().join("conformance/mapping-kics.toml")).unwrap(),
    )
    .unwrap();
    let engine = Engine::new(&[]).unwrap();
    let queries = mapping["query"].as_array().unwrap();
    assert_eq!(
        queries.len(),
        manifest.as_array().unwrap().len(),
        "every manifest query is mapped or explained"
    );

    let (mut pos_total, mut pos_found, mut neg_total, mut neg_clean) = (0, 0, 0, 0);
    let mut exceptions = 0;
    let mut failures = Vec::new();
    let mut pending = Vec::new();
    for q in queries {
        let id = q["id"].as_str().unwrap();
        let entry = manifest
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["query_id"] == id)
            .unwrap_or_else(|| panic!("{id} not in manifest"));
        match q["status"].as_str().unwrap() {
            "mapped" => {}
            "pending" => {
                pending.push(format!(
                    "{} ({})",
                    q["name"].as_str().unwrap(),
                    q["pending_reason"].as_str().unwrap()
                ));
                continue;
            }
            _ => {
                assert!(
                    q.get("reason")
                        .is_some_and(|r| !r.as_str().unwrap().is_empty()),
                    "{id}: out-of-scope needs a reason"
                );
                continue;
            }
        }
        let rules: Vec<String> = q["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_owned())
            .collect();
        for r in &rules {
            assert!(engine.rule(r).is_some(), "{id}: mapped to unknown rule {r}");
        }
        let dir = corpus.join(entry["dir"].as_str().unwrap());
        let excs: Vec<&toml::Value> = q
            .get("exception")
            .and_then(|e| e.as_array())
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        exceptions += excs.len();
        // Expected counts per (file, line).
        let mut expected: BTreeMap<(String, u64), i64> = BTreeMap::new();
        for p in entry["positives"].as_array().unwrap() {
            let file = p["file"].as_str().unwrap().to_owned();
            if readable(&file) {
                *expected
                    .entry((file, p["line"].as_u64().unwrap()))
                    .or_default() += 1;
            }
        }
        for e in &excs {
            if e["kind"].as_str() == Some("not-flagged") {
                let key = (
                    e["file"].as_str().unwrap().to_owned(),
                    e["line"].as_integer().unwrap().try_into().unwrap(),
                );
                *expected.entry(key).or_default() -= 1;
            }
        }
        let mut by_file: BTreeMap<String, Vec<keylint_model::Finding>> = BTreeMap::new();
        for (file, line) in expected.keys() {
            by_file
                .entry(file.clone())
                .or_insert_with(|| lint_file(&engine, &dir.join(file), &rules));
            let _ = line;
        }
        for ((file, line), want) in &expected {
            let line = usize::try_from(*line).unwrap();
            let findings = &by_file[file];
            let have = findings
                .iter()
                .filter(|f| {
                    f.line == line || f.related.iter().any(|r| r.line == line && r.file == f.file)
                })
                .count();
            let want = usize::try_from((*want).max(0)).unwrap();
            pos_total += want;
            pos_found += have.min(want);
            if have < want {
                let got: Vec<String> = findings
                    .iter()
                    .map(|f| format!("{}:{} {}", f.line, f.column, f.rule))
                    .collect();
                failures.push(format!("{}: {file}:{line}: expected {want} finding(s), found {have}; keylint reported {got:?}", entry["dir"].as_str().unwrap()));
            }
        }
        for neg in entry["negatives"].as_array().unwrap() {
            let file = neg.as_str().unwrap();
            if !readable(file) {
                continue;
            }
            let flagged_ok = excs
                .iter()
                .any(|e| e["kind"].as_str() == Some("flagged") && e["file"].as_str() == Some(file));
            let findings = lint_file(&engine, &dir.join(file), &rules);
            neg_total += 1;
            if findings.is_empty() || flagged_ok {
                neg_clean += 1;
            } else {
                let got: Vec<String> = findings
                    .iter()
                    .map(|f| format!("{}:{} {}", f.line, f.column, f.rule))
                    .collect();
                failures.push(format!(
                    "{}: negative {file} flagged: {got:?}",
                    entry["dir"].as_str().unwrap()
                ));
            }
        }
    }
    println!(
        "KICS conformance: {pos_found}/{pos_total} expected positives found, {neg_clean}/{neg_total} negatives clean, {exceptions} documented exceptions; {} mapped queries pending:",
        pending.len()
    );
    for p in &pending {
        println!("  pending: {p}");
    }
    assert!(
        failures.is_empty(),
        "{} conformance failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
