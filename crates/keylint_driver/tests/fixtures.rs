//! Fixture harness over `policies/<provider>/<rule>/{fail,pass}/*`: each fixture is its own
//! test, named `<rule>::<fail|pass>::<case>` (filter with `cargo test -p keylint_driver
//! --test fixtures -- <name>`), found on disk at run time, so a new fixture needs no code.
//! Each is linted with only its rule enabled. A fail fixture must yield findings of the
//! rule (snapshotted in `<rule>/snapshots/<case>.snap`, each finding with the source lines
//! it underlines), a pass fixture none, and a pass fixture must contain an entity of the
//! type the rule inspects, so that a pass is never vacuous.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failure is a test failure"
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Mutex, OnceLock};

use keylint_linter::{Engine, LintOptions, Profile};
use keylint_model::{EntityKind, FileError, Finding};
use keylint_sources::{SourceFile, UnitOutput};
use libtest_mimic::{Arguments, Failed, Trial};
use unicode_width::UnicodeWidthChar as _;

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let fixtures = fixtures();
    let mut trials: Vec<Trial> = fixtures
        .iter()
        .cloned()
        .map(|f| Trial::test(f.name(), move || check_fixture(&f)))
        .collect();
    let count = fixtures.len();
    trials.push(Trial::test("fixture_count", move || {
        if count > 300 {
            Ok(())
        } else {
            Err(format!("only {count} fixtures").into())
        }
    }));
    trials.push(Trial::test("no_orphan_snapshots", move || {
        no_orphan_snapshots(&fixtures)
    }));
    trials.push(Trial::test(
        "narrowed_policy_sets_change_no_result",
        narrowed_policy_sets_change_no_result,
    ));
    trials.extend(frame_tests());
    libtest_mimic::run(&args, trials).exit_code()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .to_path_buf()
}

/// The engine with the built-in rules, built once per process and shared by its tests.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(&[]).unwrap())
}

/// One case of a rule: `policies/<provider>/<rule>/<kind>/<case>`, a file or a directory
/// holding one module.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Fixture {
    rule: String,
    /// `fail` or `pass`.
    kind: &'static str,
    case: String,
    path: PathBuf,
}

impl Fixture {
    /// The test's name.
    fn name(&self) -> String {
        format!("{}::{}::{}", self.rule, self.kind, self.case)
    }

    /// The rule's folder.
    fn rule_dir(&self) -> &Path {
        self.path.parent().and_then(Path::parent).unwrap()
    }
}

fn fixtures() -> Vec<Fixture> {
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
                    out.push(Fixture {
                        rule: id.clone(),
                        kind,
                        case: f.file_name().to_string_lossy().into_owned(),
                        path: f.path(),
                    });
                }
            }
        }
    }
    out.sort();
    out
}

/// The fixtures' clock: suppression expiry dates are judged against this day.
fn fixture_today() -> chrono::NaiveDate {
    keylint_linter::parse_date("2026-06-01").unwrap()
}

/// A fixture's options: only its rule, under the profile its name may start with
/// (`pci-dss__case.tf`).
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

/// What linting a fixture gives.
#[derive(Default)]
struct Linted {
    findings: Vec<Finding>,
    errors: Vec<FileError>,
    /// The kinds of the entities read (`Suppression` for a unit with suppressions).
    kinds: Vec<EntityKind>,
    /// Entities that do not match the schema.
    schema_errors: Vec<String>,
    /// Each file read, as code frames may show it (secret values masked), by path.
    sources: Vec<(String, String)>,
}

/// Read a fixture (a file, or a directory holding one module) as the CLI would, and lint
/// it. The only place that reads and lints.
/// Lint a fixture through the driver every host runs, checking each unit's entities
/// against the schema on the way.
fn lint_fixture(engine: &Engine, path: &Path, opts: &LintOptions) -> Linted {
    let (root, group, files) = read_fixture(path);
    let source = FixtureSource {
        files,
        loader: DiskLoader(root),
    };
    let seen: Mutex<(Vec<String>, Vec<EntityKind>)> = Mutex::new((Vec::new(), Vec::new()));
    let observe = |u: &UnitOutput| {
        let mut seen = seen.lock().unwrap();
        if let Err(e) = engine.validate_entities(&u.entities) {
            seen.0.push(e.to_string());
        }
        seen.1.extend(u.entities.iter().map(|e| e.kind));
        if !u.suppressions.is_empty() {
            seen.1.push(EntityKind::Suppression);
        }
    };
    let options = keylint_driver::Options {
        lint: opts.clone(),
        keep_sources: true,
        inventory: false,
    };
    let out = keylint_driver::Pipeline {
        engine,
        options: &options,
        source: &source,
        observe: Some(&observe),
    }
    .run(
        &[group],
        &keylint_driver::sequential,
        &keylint_driver::sort_findings,
        keylint_driver::Outcome::default(),
    );
    let (schema_errors, kinds) = seen.into_inner().unwrap();
    Linted {
        schema_errors,
        kinds,
        findings: out.findings,
        errors: out.errors,
        sources: out.sources.into_iter().collect(),
    }
}

/// A fixture's files, and what `file()` and module calls read beside them.
struct FixtureSource {
    files: Vec<SourceFile>,
    loader: DiskLoader,
}

impl keylint_driver::FileSource for FixtureSource {
    fn read(&self, path: &str) -> Result<SourceFile, FileError> {
        self.files
            .iter()
            .find(|f| f.path == path)
            .cloned()
            .ok_or_else(|| FileError::new(path, None, "not a file of the fixture"))
    }

    fn loader(&self) -> &dyn keylint_sources::FileLoader {
        &self.loader
    }
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

/// The fixture's directory (what its paths are relative to), its group, and its files.
fn read_fixture(path: &Path) -> (PathBuf, keylint_driver::Group, Vec<SourceFile>) {
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
    let group = keylint_driver::Group {
        dir,
        paths: files.iter().map(|f| f.path.clone()).collect(),
    };
    (root, group, files)
}

fn check_fixture(fx: &Fixture) -> Result<(), Failed> {
    let engine = engine();
    let l = lint_fixture(engine, &fx.path, &options(&fx.rule, &fx.case));
    if !l.schema_errors.is_empty() {
        return Err(format!(
            "entities do not match the schema: {}",
            l.schema_errors.join("; ")
        )
        .into());
    }
    if !l.errors.is_empty() {
        return Err(format!("errors {:?}", l.errors).into());
    }
    if fx.kind == "fail" {
        if l.findings.is_empty() {
            return Err("no finding".into());
        }
        let snap = render_findings(&l.findings, &l.sources);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(fx.rule_dir().join("snapshots"));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(fx.case.clone(), snap));
        return Ok(());
    }
    if !l.findings.is_empty() {
        return Err(format!(
            "unexpected findings:\n{}",
            render_findings(&l.findings, &l.sources)
        )
        .into());
    }
    let scope = engine.rule(&fx.rule).and_then(|r| r.scope);
    // A key policy rule also inspects a key without a policy (it gets the default
    // policy): the key is the entity under test then.
    let policy_scope = matches!(
        scope,
        Some(EntityKind::PolicyDocument | EntityKind::Statement)
    );
    // A configuration rule judges an entity at the configuration's first key, made only
    // when it can fire: the key is the entity under test.
    let configuration = keylint_model::unit::CONFIGURATION_RULES.contains(&fx.rule.as_str());
    let vacuous = match scope {
        _ if configuration => !l.kinds.contains(&EntityKind::Key),
        Some(s) => !(l.kinds.contains(&s) || policy_scope && l.kinds.contains(&EntityKind::Key)),
        None => l.kinds.is_empty(),
    };
    if vacuous {
        return Err(format!("vacuous (no {scope:?} entity)").into());
    }
    Ok(())
}

/// Findings as the snapshots hold them: one line per finding (place, severity, rule,
/// resource, message), then the source lines its span covers with `^` under the span,
/// then one line per related location (place and label).
fn render_findings(findings: &[Finding], sources: &[(String, String)]) -> String {
    let source = |file: &str| {
        sources
            .iter()
            .find(|(p, _)| p == file)
            .map(|(_, t)| t.as_str())
    };
    let mut out = String::new();
    for f in findings {
        let _ = writeln!(
            out,
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
        match source(&f.file) {
            Some(text) => code_frame(text, f.span, '^', &mut out),
            None => out.push_str("  (source not read)\n"),
        }
        for r in &f.related {
            let _ = writeln!(
                out,
                "  related {}:{}:{}-{}:{} {}",
                r.file, r.line, r.column, r.end_line, r.end_column, r.message
            );
        }
    }
    out
}

/// Spans over more lines than this show their first and last lines only.
const FRAME_LINES: usize = 3;

/// The lines of `text` that the byte range `span` covers, numbered, each followed by a
/// line of `mark` under the characters the span covers there (by display width, so the
/// marks line up under wide characters; a tab is shown as four spaces), leaving the
/// indentation of the lines after the first unmarked. An empty span gets one mark where
/// it starts.
fn code_frame(text: &str, span: (usize, usize), mark: char, out: &mut String) {
    let start = span.0.min(text.len());
    let end = span.1.clamp(start, text.len());
    // (number, byte range of the line without its line break)
    let mut lines = Vec::new();
    let mut at = 0;
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let content = raw.trim_end_matches('\n').trim_end_matches('\r');
        let range = (at, at + content.len());
        let next = at + raw.len();
        // The line holds part of the span, or the empty span's position.
        let covered = if start == end {
            start >= at && (start < next || next == text.len() && !raw.ends_with('\n'))
        } else {
            start < next && end > at
        };
        if covered {
            lines.push((n + 1, range));
        }
        at = next;
    }
    if lines.is_empty() {
        // An empty text, or a span at its very end after a line break.
        lines.push((
            text.split_inclusive('\n').count() + 1,
            (text.len(), text.len()),
        ));
    }
    let width = lines.last().map_or(1, |(n, _)| n.to_string().len());
    let shown: Vec<&(usize, (usize, usize))> = if lines.len() > FRAME_LINES {
        lines
            .iter()
            .take(1)
            .chain(lines.iter().skip(lines.len() - 1))
            .collect()
    } else {
        lines.iter().collect()
    };
    let mut previous = None;
    for &&(n, (from, to)) in &shown {
        if previous.is_some_and(|p| p + 1 != n) {
            let _ = writeln!(out, "{:>width$} | ...", "");
        }
        previous = Some(n);
        let mut shown_line = String::new();
        let mut marks = String::new();
        let mut marked = false;
        let mut indent = from > start;
        for (i, c) in text.get(from..to).unwrap_or("").char_indices() {
            indent &= c.is_whitespace();
            let offset = from + i;
            let (shown_char, w) = if c == '\t' {
                ("    ".to_owned(), 4)
            } else {
                (c.to_string(), c.width().unwrap_or(0))
            };
            shown_line.push_str(&shown_char);
            let inside = offset >= start && offset < end;
            if inside && w > 0 && !indent {
                marks.extend(std::iter::repeat_n(mark, w));
                marked = true;
            } else if offset < start || indent {
                marks.extend(std::iter::repeat_n(' ', w));
            }
        }
        if !marked {
            // An empty span, or one covering only zero-width characters or a line break.
            marks.push(mark);
        }
        let _ = writeln!(out, "{}", format!("{n:>width$} | {shown_line}").trim_end());
        let _ = writeln!(out, "{}", format!("{:>width$} | {marks}", "").trim_end());
    }
}

/// Unit tests of [`code_frame`].
fn frame_tests() -> Vec<Trial> {
    fn frame(text: &str, span: (usize, usize)) -> String {
        let mut out = String::new();
        code_frame(text, span, '^', &mut out);
        out
    }
    let case = |name: &str, text: &'static str, span: (usize, usize), want: &'static str| {
        Trial::test(format!("code_frame::{name}"), move || {
            let got = frame(text, span);
            if got == want {
                Ok(())
            } else {
                Err(format!("got:\n{got}\nwant:\n{want}").into())
            }
        })
    };
    vec![
        case(
            "one_line",
            "a = 1\nkey = \"*\"\n",
            (12, 15),
            "2 | key = \"*\"\n  |       ^^^\n",
        ),
        case(
            "utf8_and_wide_characters",
            "x = \"é中\" # ü\ny\n",
            (4, 11),
            "1 | x = \"é中\" # ü\n  |     ^^^^^\n",
        ),
        case("tab", "\tk = v\n", (5, 6), "1 |     k = v\n  |         ^\n"),
        case(
            "multi_line_ending_at_a_line_start",
            "a {\n  b\n}\nc\n",
            (0, 10),
            "1 | a {\n  | ^^^\n2 |   b\n  |   ^\n3 | }\n  | ^\n",
        ),
        case("crlf", "a\r\nbc\r\n", (3, 7), "2 | bc\n  | ^^\n"),
        case("empty_span", "ab\n", (1, 1), "1 | ab\n  |  ^\n"),
        case("end_of_text", "ab\n", (3, 3), "2 |\n  | ^\n"),
        case(
            "long_span_is_cut",
            "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n",
            (0, 21),
            " 1 | 1\n   | ^\n   | ...\n10 | 10\n   | ^^\n",
        ),
    ]
}

fn no_orphan_snapshots(fixtures: &[Fixture]) -> Result<(), Failed> {
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
                if !fixtures
                    .iter()
                    .any(|f| f.kind == "fail" && f.rule_dir() == rule.path() && f.case == case)
                {
                    orphans.push(snap.path());
                }
            }
        }
    }
    if orphans.is_empty() {
        Ok(())
    } else {
        Err(format!("snapshots without a fail fixture: {orphans:?}").into())
    }
}

/// Judging each entity only by the rules that can match it (by type, provider and
/// declared attributes) gives exactly the findings of judging it by every rule.
fn narrowed_policy_sets_change_no_result() -> Result<(), Failed> {
    let narrowed = engine();
    let full = Engine::unnarrowed(&[]).unwrap();
    let mut inputs: Vec<PathBuf> = fixtures().into_iter().map(|f| f.path).collect();
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
            let a = lint_fixture(narrowed, path, &opts);
            let b = lint_fixture(&full, path, &opts);
            if a.findings != b.findings || a.errors != b.errors {
                return Err(format!(
                    "{} ({profile}): narrowed\n{}{:?}\nunnarrowed\n{}{:?}",
                    path.display(),
                    render_findings(&a.findings, &a.sources),
                    a.errors,
                    render_findings(&b.findings, &b.sources),
                    b.errors
                )
                .into());
            }
        }
    }
    Ok(())
}
