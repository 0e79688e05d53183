//! Conformance against KICS's public fixtures (`../shared/corpus/kics`, read at test
//! time, never copied). `conformance/mapping-kics.toml` maps each KICS query to keylint rules
//! and lists, with reasons, where RULES.md deliberately disagrees with KICS.
//!
//! A positive is found when a finding of a mapped rule is on the expected line, as its
//! primary location or a related one (keylint underlines the most specific token and
//! labels the enclosing attribute and resource). A negative must have no finding of a
//! mapped rule.
//!
//! Each mapped query is its own test, `kics::<corpus dir>` (filter with `cargo test -p
//! keylint_driver --test conformance -- kics::terraform/aws`); a pending query is listed as
//! an ignored test; `kics_mapping` checks the mapping is complete and prints the totals.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failure is a test failure"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

use keylint_linter::{Engine, LintOptions};
use keylint_sources::SourceFile;
use libtest_mimic::{Arguments, Failed, Trial};

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
    let options = keylint_driver::Options {
        lint: LintOptions {
            only: Some(rules.to_vec()),
            ..LintOptions::default()
        },
        keep_sources: false,
        inventory: false,
    };
    let files = [SourceFile { path: name, text }];
    keylint_driver::lint_given(engine, &options, &files, u64::MAX).findings
}

fn readable(file: &str) -> bool {
    keylint_sources::classify_path(file).is_some()
}

/// The engine with the built-in rules, built once per process and shared by its tests.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(&[]).unwrap())
}

/// The corpus manifest and the mapping, read when the tests are listed.
struct Corpus {
    dir: PathBuf,
    manifest: Vec<serde_json::Value>,
    queries: Vec<toml::Value>,
}

fn corpus() -> Result<Corpus, String> {
    let dir = repo().join("../shared/corpus/kics");
    let manifest = std::fs::read_to_string(dir.join("manifest.json"))
        .map_err(|e| format!("{}: {e}", dir.join("manifest.json").display()))?;
    let manifest: serde_json::Value = serde_json::from_str(&manifest).map_err(|e| e.to_string())?;
    let mapping = std::fs::read_to_string(repo().join("conformance/mapping-kics.toml"))
        .map_err(|e| e.to_string())?;
    let mapping: toml::Value = toml::from_str(&mapping).map_err(|e| e.to_string())?;
    Ok(Corpus {
        dir,
        manifest: manifest
            .as_array()
            .cloned()
            .ok_or("manifest is not an array")?,
        queries: mapping
            .get("query")
            .and_then(toml::Value::as_array)
            .cloned()
            .ok_or("mapping has no [[query]]")?,
    })
}

impl Corpus {
    fn entry(&self, q: &toml::Value) -> &serde_json::Value {
        let id = q["id"].as_str().unwrap();
        self.manifest
            .iter()
            .find(|m| m["query_id"] == id)
            .unwrap_or_else(|| panic!("{id} not in manifest"))
    }
}

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let corpus = match corpus() {
        Ok(c) => std::sync::Arc::new(c),
        Err(e) => {
            let trial = Trial::test("kics_corpus", move || Err(e.into()));
            return libtest_mimic::run(&args, vec![trial]).exit_code();
        }
    };
    let mut trials = Vec::new();
    for (i, q) in corpus.queries.iter().enumerate() {
        let name = format!(
            "kics::{}",
            q.get("dir")
                .and_then(toml::Value::as_str)
                .or_else(|| q["id"].as_str())
                .unwrap()
        );
        match q["status"].as_str() {
            Some("mapped") => {
                let corpus = corpus.clone();
                trials.push(Trial::test(name, move || {
                    let outcome = check_query(&corpus, &corpus.queries[i]);
                    if outcome.failures.is_empty() {
                        Ok(())
                    } else {
                        Err(outcome.failures.join("\n").into())
                    }
                }));
            }
            Some("pending") => trials.push(Trial::test(name, || Ok(())).with_ignored_flag(true)),
            _ => {}
        }
    }
    trials.push(Trial::test("kics_mapping", move || kics_mapping(&corpus)));
    libtest_mimic::run(&args, trials).exit_code()
}

/// What checking one mapped query found.
#[derive(Default)]
struct Outcome {
    pos_total: usize,
    pos_found: usize,
    neg_total: usize,
    neg_clean: usize,
    exceptions: usize,
    failures: Vec<String>,
}

/// Every manifest query is mapped, pending or out of scope with a reason, every mapped
/// rule exists; prints the totals over the mapped queries and the pending ones.
fn kics_mapping(corpus: &Corpus) -> Result<(), Failed> {
    assert_eq!(
        corpus.queries.len(),
        corpus.manifest.len(),
        "every manifest query is mapped or explained"
    );
    let mut total = Outcome::default();
    let mut pending = Vec::new();
    for q in &corpus.queries {
        let id = q["id"].as_str().unwrap();
        let _ = corpus.entry(q);
        match q["status"].as_str().unwrap() {
            "mapped" => {
                let o = check_query(corpus, q);
                total.pos_total += o.pos_total;
                total.pos_found += o.pos_found;
                total.neg_total += o.neg_total;
                total.neg_clean += o.neg_clean;
                total.exceptions += o.exceptions;
            }
            "pending" => pending.push(format!(
                "{} ({})",
                q["name"].as_str().unwrap(),
                q["pending_reason"].as_str().unwrap()
            )),
            _ => assert!(
                q.get("reason")
                    .is_some_and(|r| !r.as_str().unwrap().is_empty()),
                "{id}: out-of-scope needs a reason"
            ),
        }
    }
    println!(
        "KICS conformance: {}/{} expected positives found, {}/{} negatives clean, {} documented exceptions; {} mapped queries pending:",
        total.pos_found,
        total.pos_total,
        total.neg_clean,
        total.neg_total,
        total.exceptions,
        pending.len()
    );
    for p in &pending {
        println!("  pending: {p}");
    }
    Ok(())
}

fn check_query(corpus: &Corpus, q: &toml::Value) -> Outcome {
    let engine = engine();
    let id = q["id"].as_str().unwrap();
    let entry = corpus.entry(q);
    let mut out = Outcome::default();
    let rules: Vec<String> = q["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_owned())
        .collect();
    for r in &rules {
        assert!(engine.rule(r).is_some(), "{id}: mapped to unknown rule {r}");
    }
    let dir = corpus.dir.join(entry["dir"].as_str().unwrap());
    let excs: Vec<&toml::Value> = q
        .get("exception")
        .and_then(|e| e.as_array())
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    out.exceptions = excs.len();
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
    for (file, _) in expected.keys() {
        by_file
            .entry(file.clone())
            .or_insert_with(|| lint_file(engine, &dir.join(file), &rules));
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
        out.pos_total += want;
        out.pos_found += have.min(want);
        if have < want {
            let got: Vec<String> = findings
                .iter()
                .map(|f| format!("{}:{} {}", f.line, f.column, f.rule))
                .collect();
            out.failures.push(format!(
                "{}: {file}:{line}: expected {want} finding(s), found {have}; keylint reported {got:?}",
                entry["dir"].as_str().unwrap()
            ));
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
        let findings = lint_file(engine, &dir.join(file), &rules);
        out.neg_total += 1;
        if findings.is_empty() || flagged_ok {
            out.neg_clean += 1;
        } else {
            let got: Vec<String> = findings
                .iter()
                .map(|f| format!("{}:{} {}", f.line, f.column, f.rule))
                .collect();
            out.failures.push(format!(
                "{}: negative {file} flagged: {got:?}",
                entry["dir"].as_str().unwrap()
            ));
        }
    }
    out
}
