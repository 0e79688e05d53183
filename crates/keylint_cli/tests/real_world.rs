//! Regression suite over real configuration: `../shared/corpus/real-world/` (eight public
//! repositories, read at test time, never copied) against `conformance/real-world.toml`,
//! where every finding keylint reports there is judged by a person.
//!
//! The test runs the real binary (`keylint check <folder> --format json`) on each folder
//! and fails on:
//! - a finding nobody has judged (judge it: add a `[[finding]]` with a verdict and reason);
//! - a finding judged a false positive (fix the cause; the entry stays as the record);
//! - a judged true positive that is no longer found (a lost detection);
//! - the same rule reported twice at one file and line, unless judged with `count`;
//! - a read error on a file not listed under `[[error]]` as invalid input;
//! - a folder whose number of files read differs from `[[folder]] files` (a file skipped
//!   in silence, or newly read: check which, then update the count).
//!
//! It prints precision and the number of findings per rule. To write the entries of the
//! unjudged findings to a file for review, set `KEYLINT_REAL_WORLD_DRAFT=<path>`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failure is a test failure"
)]

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use common::{keylint, repo};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectations {
    #[serde(default)]
    folder: Vec<Folder>,
    #[serde(default)]
    finding: Vec<Judged>,
    #[serde(default)]
    error: Vec<ExpectedError>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Folder {
    name: String,
    /// Files keylint reads in the folder (the JSON summary's `files`).
    files: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Judged {
    rule: String,
    file: String,
    line: u64,
    verdict: Verdict,
    reason: String,
    /// How many findings of the rule sit on this line (distinct findings, e.g. one per
    /// caller of a module); 1 unless said.
    #[serde(default = "one")]
    count: usize,
}

fn one() -> usize {
    1
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
enum Verdict {
    TruePositive,
    FalsePositive,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedError {
    file: String,
    line: u64,
    /// Why the file is not valid input (a template with placeholders, ...).
    reason: String,
}

type Key = (String, String, u64);

#[test]
#[expect(clippy::too_many_lines, reason = "one report over the whole corpus")]
fn real_world_corpus_matches_the_judged_expectations() {
    let corpus = repo().join("../shared/corpus/real-world");
    assert!(
        corpus.is_dir(),
        "../shared/corpus/real-world must sit beside the repository"
    );
    let expectations: Expectations = toml::from_str(
        &std::fs::read_to_string(repo().join("conformance/real-world.toml")).unwrap(),
    )
    .unwrap();

    let mut folders: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert!(folders.len() >= 8, "corpus folders: {folders:?}");

    let mut found: BTreeMap<Key, usize> = BTreeMap::new();
    let mut errors: Vec<(String, u64, String)> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    for folder in &folders {
        let (code, out, err) = keylint(
            &["check", folder, "--format", "json", "--fail-on", "critical"],
            &corpus,
        );
        assert!(matches!(code, 0..=2), "{folder}: exit {code}\n{err}\n{out}");
        let v: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{folder}: {e}\n{out}\n{err}"));
        for f in v["findings"].as_array().unwrap() {
            let key = (
                f["rule"].as_str().unwrap().to_owned(),
                f["file"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
            );
            *found.entry(key).or_default() += 1;
        }
        for e in v["errors"].as_array().unwrap() {
            errors.push((
                e["file"].as_str().unwrap().to_owned(),
                e["line"].as_u64().unwrap_or(0),
                e["message"].as_str().unwrap_or_default().to_owned(),
            ));
        }
        let files = v["summary"]["files"].as_u64().unwrap();
        match expectations.folder.iter().find(|f| f.name == *folder) {
            Some(f) if f.files == files => {}
            Some(f) => problems.push(format!(
                "{folder}: keylint read {files} files, expected {}: a file skipped in silence \
                 or newly read; find which, then update [[folder]] files",
                f.files
            )),
            None => problems.push(format!(
                "{folder}: no [[folder]] entry (keylint read {files} files)"
            )),
        }
    }

    let mut judged: BTreeMap<Key, &Judged> = BTreeMap::new();
    for j in &expectations.finding {
        assert!(
            !j.reason.trim().is_empty(),
            "{}:{} {}: a verdict needs a reason",
            j.file,
            j.line,
            j.rule
        );
        let key = (j.rule.clone(), j.file.clone(), j.line);
        assert!(
            judged.insert(key, j).is_none(),
            "{}:{} {} is judged twice",
            j.file,
            j.line,
            j.rule
        );
    }

    let mut draft = String::new();
    let (mut tp, mut fp) = (0usize, 0usize);
    let mut per_rule: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for ((rule, file, line), n) in &found {
        match judged.get(&(rule.clone(), file.clone(), *line)) {
            None => {
                problems.push(format!(
                    "{file}:{line} {rule}: nobody has judged this finding"
                ));
                let _ = write!(
                    draft,
                    "[[finding]]\nrule = \"{rule}\"\nfile = \"{file}\"\nline = {line}\n\
                     verdict = \"\"\nreason = \"\"\n{}\n",
                    if *n > 1 {
                        format!("count = {n}\n")
                    } else {
                        String::new()
                    }
                );
            }
            Some(j) => {
                let entry = per_rule.entry(j.rule.as_str()).or_default();
                if j.verdict == Verdict::FalsePositive {
                    fp += n;
                    entry.1 += n;
                    problems.push(format!(
                        "{file}:{line} {rule}: a known false positive is still reported ({})",
                        j.reason
                    ));
                } else {
                    tp += n;
                    entry.0 += n;
                }
                if *n != j.count {
                    problems.push(format!(
                        "{file}:{line} {rule}: reported {n} times, judged for {} (the same \
                         finding repeated is noise)",
                        j.count
                    ));
                }
            }
        }
    }
    for ((rule, file, line), j) in &judged {
        if j.verdict == Verdict::TruePositive
            && !found.contains_key(&(rule.clone(), file.clone(), *line))
        {
            problems.push(format!(
                "{file}:{line} {rule}: a judged true positive is no longer found ({})",
                j.reason
            ));
        }
    }
    for (file, line, message) in &errors {
        if !expectations
            .error
            .iter()
            .any(|e| e.file == *file && e.line == *line)
        {
            problems.push(format!(
                "{file}:{line}: read error on a file not known to be invalid: {message}"
            ));
        }
    }
    for e in &expectations.error {
        if !errors.iter().any(|(f, l, _)| *f == e.file && *l == e.line) {
            problems.push(format!(
                "{}:{}: the expected error is gone ({}); remove the [[error]] entry",
                e.file, e.line, e.reason
            ));
        }
    }

    let total = tp + fp;
    let mut report = String::new();
    let _ = writeln!(
        report,
        "real-world corpus: {total} judged findings, {tp} true and {fp} false positives, \
         precision {:.1}%",
        if total == 0 {
            100.0
        } else {
            #[expect(clippy::cast_precision_loss, reason = "small counts")]
            let p = tp as f64 * 100.0 / total as f64;
            p
        }
    );
    for (rule, (t, f)) in &per_rule {
        let _ = writeln!(report, "  {rule:<48} {t:>4} true {f:>4} false");
    }
    println!("{report}");
    if let Ok(path) = std::env::var("KEYLINT_REAL_WORLD_DRAFT") {
        std::fs::write(path, &draft).unwrap();
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}\n\n{report}",
        problems.len(),
        problems.join("\n")
    );
}
