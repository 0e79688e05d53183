//! Fixture harness over `policies/<provider>/<rule>/{fail,pass}/*`: each fixture is
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failure is a test failure"
)]
//! linted with only its rule enabled. A fail fixture must yield findings of the rule
//! (snapshotted in `<rule>/snapshots/`), a pass fixture none, and a pass fixture must
//! contain an entity of the type the rule inspects, so that a pass is never vacuous.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use keylint_linter::{Engine, LintOptions, Profile};
use keylint_sources::{SourceFile, UnitOutput};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .to_path_buf()
}

struct DiskLoader(PathBuf);
impl keylint_sources::FileLoader for DiskLoader {
    fn load(&self, path: &str) -> Option<String> {
        std::fs::read_to_string(self.0.join(path)).ok()
    }

    fn list(&self, dir: &str) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.0.join(dir)) else {
            return Vec::new();
        };
        let mut paths: Vec<String> = entries
            .flatten()
            .map(|e| format!("{dir}/{}", e.file_name().to_string_lossy()))
            .collect();
        paths.sort();
        paths
    }
}

/// Read a fixture (a file, or a directory holding one module) as the CLI would.
pub fn read_fixture(path: &Path) -> Vec<UnitOutput> {
    let root = path.parent().unwrap().to_path_buf();
    let mut files = Vec::new();
    let (dir, list): (String, Vec<PathBuf>) = if path.is_dir() {
        // Files of the module; subdirectories are modules it may call.
        let mut l: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        l.sort();
        (path.file_name().unwrap().to_string_lossy().into_owned(), l)
    } else {
        (".".into(), vec![path.to_path_buf()])
    };
    for p in list {
        let rel = p
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        files.push(SourceFile {
            path: rel,
            text: std::fs::read_to_string(&p).unwrap(),
        });
    }
    keylint_sources::read_directory(&dir, files, &DiskLoader(root))
}

fn fixtures() -> Vec<(String, String, PathBuf)> {
    let mut out = Vec::new();
    for provider in std::fs::read_dir(repo().join("policies"))
        .unwrap()
        .flatten()
    {
        if !provider.path().is_dir() {
            continue;
        }
        for rule in std::fs::read_dir(provider.path()).unwrap().flatten() {
            let id = rule.file_name().to_string_lossy().into_owned();
            for kind in ["fail", "pass"] {
                for f in std::fs::read_dir(rule.path().join(kind))
                    .into_iter()
                    .flatten()
                    .flatten()
                {
                    out.push((id.clone(), kind.to_owned(), f.path()));
                }
            }
        }
    }
    out.sort();
    out
}

fn options(rule: &str, case: &str) -> LintOptions {
    let profile = case
        .split_once("__")
        .and_then(|(p, _)| Profile::named(p))
        .unwrap_or_default();
    LintOptions {
        profile,
        only: Some(vec![rule.to_owned()]),
        today: Some(fixture_today()),
        ..LintOptions::default()
    }
}

/// The fixtures' clock: suppression expiry dates are judged against this day.
fn fixture_today() -> chrono::NaiveDate {
    keylint_linter::parse_date("2026-06-01").unwrap()
}

#[test]
fn every_fixture_behaves() {
    let engine = Engine::new(&[]).unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (rule, kind, path) in fixtures() {
        let case = path.file_name().unwrap().to_string_lossy().into_owned();
        let units = read_fixture(&path);
        let opts = options(&rule, &case);
        let mut findings = Vec::new();
        let mut errors = Vec::new();
        let mut kinds = Vec::new();
        for u in &units {
            if let Err(e) = engine.validate_entities(&u.entities) {
                failures.push(format!(
                    "{rule}/{kind}/{case}: entities do not match the schema: {e}"
                ));
            }
            kinds.extend(u.entities.iter().map(|e| e.kind));
            if !u.suppressions.is_empty() {
                kinds.push(keylint_model::EntityKind::Suppression);
            }
            let r = engine.lint(u, &opts);
            findings.extend(r.findings);
            errors.extend(r.errors);
        }
        checked += 1;
        if !errors.is_empty() {
            failures.push(format!("{rule}/{kind}/{case}: errors {errors:?}"));
            continue;
        }
        let scope = engine.rule(&rule).and_then(|r| r.scope);
        match kind.as_str() {
            "fail" => {
                if findings.is_empty() {
                    failures.push(format!("{rule}/fail/{case}: no finding"));
                    continue;
                }
                let mut snap = String::new();
                for f in &findings {
                    let _ = writeln!(
                        snap,
                        "{}:{}:{}-{}:{} {} {} [{}] {}",
                        f.file,
                        f.line,
                        f.column,
                        f.end_line,
                        f.end_column,
                        f.severity,
                        f.rule,
                        f.resource,
                        f.message
                    );
                }
                let mut settings = insta::Settings::clone_current();
                settings
                    .set_snapshot_path(path.parent().unwrap().parent().unwrap().join("snapshots"));
                settings.set_prepend_module_to_snapshot(false);
                settings.set_omit_expression(true);
                settings.bind(|| insta::assert_snapshot!(case.clone(), snap));
            }
            _ => {
                if !findings.is_empty() {
                    failures.push(format!(
                        "{rule}/pass/{case}: unexpected {:?}",
                        findings
                            .iter()
                            .map(|f| format!("{}:{} {}", f.line, f.column, f.message))
                            .collect::<Vec<_>>()
                    ));
                }
                // A key policy rule also inspects a key without a policy (it gets the
                // default policy): the key is the entity under test then.
                let policy_scope = matches!(
                    scope,
                    Some(
                        keylint_model::EntityKind::PolicyDocument
                            | keylint_model::EntityKind::Statement
                    )
                );
                let vacuous = match scope {
                    Some(s) => {
                        !(kinds.contains(&s)
                            || policy_scope && kinds.contains(&keylint_model::EntityKind::Key))
                    }
                    None => kinds.is_empty(),
                };
                if vacuous {
                    failures.push(format!("{rule}/pass/{case}: vacuous (no {scope:?} entity)"));
                }
            }
        }
    }
    assert!(checked > 300, "only {checked} fixtures");
    assert!(
        failures.is_empty(),
        "{} fixture failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn no_orphan_snapshots() {
    let fixtures = fixtures();
    let mut orphans = Vec::new();
    for provider in std::fs::read_dir(repo().join("policies"))
        .unwrap()
        .flatten()
        .filter(|p| p.path().is_dir())
    {
        for rule in std::fs::read_dir(provider.path()).unwrap().flatten() {
            for snap in std::fs::read_dir(rule.path().join("snapshots"))
                .into_iter()
                .flatten()
                .flatten()
            {
                let name = snap.file_name().to_string_lossy().into_owned();
                let case = name.strip_suffix(".snap").unwrap_or(&name);
                if !fixtures.iter().any(|(_, k, p)| {
                    k == "fail"
                        && p.parent().unwrap().parent().unwrap() == rule.path()
                        && p.file_name().unwrap().to_string_lossy() == case
                }) {
                    orphans.push(snap.path());
                }
            }
        }
    }
    assert!(
        orphans.is_empty(),
        "snapshots without a fail fixture: {orphans:?}"
    );
}

/// Judging each entity only by the rules that can match it (by type, provider and
/// declared attributes) gives exactly the findings of judging it by every rule.
#[test]
fn narrowed_policy_sets_change_no_result() {
    let narrowed = Engine::new(&[]).unwrap();
    let full = Engine::unnarrowed(&[]).unwrap();
    let mut inputs: Vec<PathBuf> = fixtures().into_iter().map(|(_, _, p)| p).collect();
    for provider in ["aws", "azure", "gcp"] {
        for kind in ["good", "bad"] {
            inputs.push(repo().join("samples").join(provider).join(kind));
        }
    }
    for profile in ["default", "pci-dss", "fedramp-high"] {
        let opts = LintOptions {
            profile: Profile::named(profile).unwrap(),
            today: Some(fixture_today()),
            ..LintOptions::default()
        };
        for path in &inputs {
            for unit in read_fixture(path) {
                let a = narrowed.lint(&unit, &opts);
                let b = full.lint(&unit, &opts);
                assert_eq!(a.findings, b.findings, "{} ({profile})", path.display());
                assert_eq!(a.errors, b.errors, "{}", path.display());
            }
        }
    }
}
