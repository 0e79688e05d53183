//! The bodies of keylint's fuzz targets, and the invariants they check.
//!
//! Each target takes raw bytes, runs one reader (or the whole pipeline, bytes and file
//! names in, findings and every report format out) and fails only when an invariant
//! breaks. cargo-fuzz drives them from `fuzz/` (one `fuzz_target!` per entry of
//! [`TARGETS`]); the ordinary test suite runs the same functions over every seed and every
//! saved regression input (`fuzz/regressions/<target>/`), on the stable toolchain.
//!
//! Invariants, beyond "returns":
//! - every location a reader records (entities, their evidence spans, suppressions,
//!   redactions) lies inside its file, on character boundaries;
//! - every error and note names a file, and a line that file has;
//! - in the pipeline: every finding points into a file it was given, every format renders,
//!   the JSON formats parse, a second run gives the same bytes, and no redacted secret
//!   value appears in any output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use keylint_linter::{Engine, LintOptions, Profile};
use keylint_model::{FileError, Finding, Loc};
use keylint_report::Report;
use keylint_sources::{
    FileKind, GivenFiles, SourceFile, UnitOutput, cloudformation, exports, json, vault, yaml,
};

/// One fuzz target: its name (the cargo-fuzz binary), its body, and which repository
/// files seed it.
pub struct Target {
    pub name: &'static str,
    pub run: fn(&[u8]),
    /// Whether a sample or fixture file (by name) is a seed of this target.
    pub seeds: fn(&str) -> bool,
}

/// Seeds by file kind, as the reader registry judges names
/// ([`keylint_sources::registry::FILE_TYPES`]).
fn kind_is(name: &str, kinds: &[FileKind]) -> bool {
    keylint_sources::classify_path(name).is_some_and(|k| kinds.contains(&k))
}
fn is_tf(name: &str) -> bool {
    kind_is(name, &[FileKind::Terraform, FileKind::TfVars])
}
fn is_tf_json(name: &str) -> bool {
    kind_is(name, &[FileKind::TerraformJson])
}
fn is_json(name: &str) -> bool {
    kind_is(name, &[FileKind::Json])
}
fn is_yaml(name: &str) -> bool {
    kind_is(name, &[FileKind::Yaml, FileKind::Template])
}
fn is_hcl(name: &str) -> bool {
    kind_is(name, &[FileKind::Hcl])
}
fn any_input(name: &str) -> bool {
    keylint_sources::classify_path(name).is_some()
}

/// Every target, in the order the fuzz scripts run them.
pub const TARGETS: &[Target] = &[
    Target {
        name: "terraform_hcl",
        run: terraform_hcl,
        seeds: is_tf,
    },
    Target {
        name: "terraform_json",
        run: terraform_json,
        seeds: is_tf_json,
    },
    Target {
        name: "policy_json",
        run: policy_json,
        seeds: is_json,
    },
    Target {
        name: "arm",
        run: arm,
        seeds: is_json,
    },
    Target {
        name: "cloudformation_json",
        run: cloudformation_json,
        seeds: is_json,
    },
    Target {
        name: "cloudformation_yaml",
        run: cloudformation_yaml,
        seeds: is_yaml,
    },
    Target {
        name: "plan",
        run: plan,
        seeds: is_json,
    },
    Target {
        name: "vault_hcl",
        run: vault_hcl,
        seeds: is_hcl,
    },
    Target {
        name: "exports",
        run: exports_json,
        seeds: is_json,
    },
    Target {
        name: "pipeline",
        run: pipeline,
        seeds: any_input,
    },
];

/// The target of a name.
#[must_use]
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Names the parts of a multi-file Terraform input take: `main.tf`, then
/// `terraform.tfvars`, then more `.tf` files.
fn module_file_name(i: usize, json: bool) -> String {
    match (i, json) {
        (0, false) => "m/main.tf".to_owned(),
        (0, true) => "m/main.tf.json".to_owned(),
        (1, _) => "m/terraform.tfvars".to_owned(),
        (i, _) => format!("m/part{i}.tf"),
    }
}

fn module(data: &[u8], json: bool) {
    // A NUL byte separates files: one input can hold a module with its variables.
    let files: Vec<SourceFile> = data
        .split(|b| *b == 0)
        .enumerate()
        .map(|(i, part)| SourceFile {
            path: module_file_name(i, json),
            text: text(part),
        })
        .collect();
    let loader = GivenFiles::new(&files);
    let unit = keylint_sources::terraform::read_module("m", files, &loader);
    check_unit(&unit);
}

/// Terraform HCL: `main.tf` (and, after NUL bytes, `terraform.tfvars` and more `.tf`
/// files of the same module).
pub fn terraform_hcl(data: &[u8]) {
    module(data, false);
}

/// Terraform JSON syntax (`main.tf.json`, then as [`terraform_hcl`]).
pub fn terraform_json(data: &[u8]) {
    module(data, true);
}

/// One JSON reader called directly on whatever parses (not only on documents it would be
/// chosen for), then the content-dispatching reader the CLI uses.
fn json_reader(data: &[u8], read: &dyn Fn(&keylint_model::Node, &mut UnitOutput)) {
    let file = SourceFile {
        path: "input.json".to_owned(),
        text: text(data),
    };
    let parsed = json::parse(&file.text, 0, 0);
    let mut out = UnitOutput {
        files: vec![file.clone()],
        ..Default::default()
    };
    match parsed {
        Ok(node) => {
            read(&node, &mut out);
            keylint_sources::scan_private_keys(&mut out);
        }
        Err(e) => assert!(
            e.offset <= file.text.len(),
            "a JSON error at offset {} of a {}-byte file",
            e.offset,
            file.text.len()
        ),
    }
    check_unit(&out);
    check_unit(&keylint_sources::read_json_file(file));
}

/// AWS key and IAM policy documents.
pub fn policy_json(data: &[u8]) {
    json_reader(data, &keylint_sources::policy_json::read);
}

/// ARM templates.
pub fn arm(data: &[u8]) {
    json_reader(data, &keylint_sources::arm::read);
}

/// CloudFormation templates in JSON.
pub fn cloudformation_json(data: &[u8]) {
    json_reader(data, &cloudformation::read);
}

/// `terraform show -json` plans.
pub fn plan(data: &[u8]) {
    json_reader(data, &keylint_sources::plan::read);
}

/// Cloud CLI exports (`aws kms describe-key`, `az keyvault show`, `gcloud kms ...`): each
/// export reader in turn.
pub fn exports_json(data: &[u8]) {
    json_reader(data, &|node, out| {
        for kind in [
            exports::Kind::AwsKeyPolicy,
            exports::Kind::AwsDescribeKey,
            exports::Kind::AwsRotationStatus,
            exports::Kind::AzureVault,
            exports::Kind::AzureKey,
            exports::Kind::GcpKey,
            exports::Kind::GcpIamPolicy,
        ] {
            exports::read(kind, node, out);
        }
    });
}

/// CloudFormation templates in YAML: the YAML reader on anything, then the template reader.
pub fn cloudformation_yaml(data: &[u8]) {
    let text = text(data);
    if let Err(e) = yaml::parse(&text, 0) {
        assert!(
            e.offset <= text.len(),
            "a YAML error at offset {} of a {}-byte file",
            e.offset,
            text.len()
        );
    }
    check_unit(&cloudformation::read_yaml_file(SourceFile {
        path: "template.yaml".to_owned(),
        text,
    }));
}

/// Vault server configuration and policies in HCL.
pub fn vault_hcl(data: &[u8]) {
    check_unit(&vault::read_hcl_file(SourceFile {
        path: "vault.hcl".to_owned(),
        text: text(data),
    }));
}

fn lines(text: &str) -> usize {
    text.bytes().filter(|b| *b == b'\n').count() + 1
}

/// Every location of a unit lies inside its file, on character boundaries; every error and
/// note names a file and a line it has.
///
/// # Panics
/// When one does not: the failure a fuzzer reports.
pub fn check_unit(unit: &UnitOutput) {
    let inside = |loc: Loc, what: &str| {
        let file = unit.files.get(loc.file as usize);
        assert!(
            file.is_some(),
            "{what}: file {} of a {}-file unit",
            loc.file,
            unit.files.len()
        );
        let text = file.map_or("", |f| f.text.as_str());
        let range = loc.range();
        assert!(
            range.start <= range.end && range.end <= text.len(),
            "{what}: bytes {range:?} of a {}-byte file",
            text.len()
        );
        assert!(
            text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
            "{what}: bytes {range:?} split a character"
        );
    };
    for e in &unit.entities {
        inside(e.loc, &format!("entity {}", e.id));
        inside(e.block, &format!("block of entity {}", e.id));
        for (name, loc) in &e.spans {
            inside(*loc, &format!("span {name} of entity {}", e.id));
        }
    }
    for s in &unit.suppressions {
        inside(s.loc, "suppression comment");
        inside(s.target, "suppression target");
    }
    for r in &unit.redactions {
        inside(*r, "redaction");
    }
    let files: Vec<(String, String)> = unit
        .files
        .iter()
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect();
    for e in unit.errors.iter().chain(&unit.notes) {
        check_error(e, &files);
    }
}

fn check_error(e: &FileError, files: &[(String, String)]) {
    assert!(!e.file.is_empty(), "an error names no file: {e:?}");
    if let (Some(line), Some((_, text))) = (e.line, files.iter().find(|(p, _)| *p == e.file)) {
        assert!(
            line >= 1 && line <= lines(text),
            "error at line {line} of a {}-line file: {e:?}",
            lines(text)
        );
        assert!(e.column.is_none_or(|c| c >= 1), "column 0: {e:?}");
    }
}

fn check_finding(f: &Finding, files: &BTreeMap<String, String>) {
    let text = files.get(&f.file);
    assert!(
        text.is_some(),
        "finding {} in `{}`, a file that was not read",
        f.rule,
        f.file
    );
    let text = text.map_or("", String::as_str);
    assert!(
        f.line >= 1 && f.line <= f.end_line && f.end_line <= lines(text),
        "finding {} at lines {}-{} of a {}-line file",
        f.rule,
        f.line,
        f.end_line,
        lines(text)
    );
    assert!(
        f.line < f.end_line || f.column <= f.end_column,
        "finding {} ends before it starts",
        f.rule
    );
    assert!(
        f.span.0 <= f.span.1 && f.span.1 <= text.len(),
        "finding {} spans bytes {:?} of a {}-byte file",
        f.rule,
        f.span,
        text.len()
    );
    for r in &f.related {
        let related = files.get(&r.file).map_or("", String::as_str);
        assert!(
            files.contains_key(&r.file) && r.line >= 1 && r.line <= lines(related),
            "finding {} relates to line {} of `{}`",
            f.rule,
            r.line,
            r.file
        );
    }
}

/// The pipeline's input: NUL-separated pairs of file name and file text. A pair named
/// `@profile` names the profile instead.
#[must_use]
pub fn pipeline_input(data: &[u8]) -> (String, Vec<SourceFile>) {
    let mut profile = "default".to_owned();
    let mut files = Vec::new();
    let mut parts = data.split(|b| *b == 0);
    while let Some(name) = parts.next() {
        let body = parts.next().unwrap_or_default();
        if name == b"@profile" {
            profile = text(body);
        } else {
            files.push(SourceFile {
                path: text(name),
                text: text(body),
            });
        }
    }
    (profile, files)
}

/// Encode files (and a profile) as a [`pipeline`] input.
#[must_use]
pub fn pipeline_bytes(profile: Option<&str>, files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut push = |name: &[u8], body: &[u8]| {
        if !out.is_empty() {
            out.push(0);
        }
        out.extend_from_slice(name);
        out.push(0);
        out.extend_from_slice(body);
    };
    if let Some(p) = profile {
        push(b"@profile", p.as_bytes());
    }
    for (name, body) in files {
        push(name.as_bytes(), body);
    }
    out
}

#[expect(
    clippy::panic,
    reason = "the built-in rules not loading is a broken harness, not a fuzz finding"
)]
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| match Engine::new(&[]) {
        Ok(e) => e,
        Err(errors) => panic!("the built-in rules do not load: {errors:?}"),
    })
}

/// No secret appears in any output, as written or as a JSON string writes it. A secret is
/// only judged when it is long enough (16 characters) not to occur by chance and is not in
/// `visible`, text a report may quote.
///
/// # Panics
/// When one does, naming the format (never the value).
pub fn assert_no_secret_shown(secrets: &[String], visible: &[&str], outputs: &[(&str, String)]) {
    for secret in secrets {
        if secret.trim().chars().count() < 16 || visible.iter().any(|v| v.contains(secret)) {
            continue;
        }
        let escaped = serde_json::to_string(secret).unwrap_or_default();
        let escaped = escaped.trim_matches('"');
        for (name, output) in outputs {
            assert!(
                !output.contains(secret.as_str()) && !output.contains(escaped),
                "a redacted value ({} bytes) appears in the {name} output",
                secret.len()
            );
        }
    }
}

/// Every text of the built-in rules (ids, titles, help, documentation), joined.
fn rule_texts() -> &'static str {
    static TEXTS: OnceLock<String> = OnceLock::new();
    TEXTS.get_or_init(|| {
        engine()
            .rule_metas()
            .iter()
            .flat_map(|m| [m.id.as_str(), &m.title, &m.help, &m.doc])
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// What one lint of the pipeline input gives.
struct Run {
    findings: Vec<Finding>,
    errors: Vec<FileError>,
    suppressed: usize,
    files: usize,
    /// Every file read (given or loaded through `file()`), as read.
    read: BTreeMap<String, String>,
    /// The same, with secret values masked: what code frames show.
    masked: BTreeMap<String, String>,
    /// The redacted texts.
    secrets: Vec<String>,
}

/// Lint through the driver every host runs, checking each unit read on the way.
fn lint(files: &[SourceFile], opts: &LintOptions) -> Run {
    let seen: std::sync::Mutex<(BTreeMap<String, String>, Vec<String>)> =
        std::sync::Mutex::new((BTreeMap::new(), Vec::new()));
    let observe = |unit: &UnitOutput| {
        check_unit(unit);
        if let Ok(mut seen) = seen.lock() {
            for (i, f) in unit.files.iter().enumerate() {
                let secrets: Vec<String> = unit
                    .redactions_in(i)
                    .iter()
                    .filter_map(|&(s, e)| f.text.get(s..e).map(str::to_owned))
                    .collect();
                seen.1.extend(secrets);
                seen.0
                    .entry(f.path.clone())
                    .or_insert_with(|| f.text.clone());
            }
        }
    };
    let options = keylint_driver::Options {
        lint: opts.clone(),
        keep_sources: true,
        inventory: false,
    };
    let source = keylint_driver::GivenSource::new(files, u64::MAX);
    let out = keylint_driver::Pipeline {
        engine: engine(),
        options: &options,
        source: &source,
        observe: Some(&observe),
    }
    .run(
        &source.groups(),
        &keylint_driver::sequential,
        &keylint_driver::sort_findings,
        keylint_driver::Outcome::default(),
    );
    let (read, secrets) = seen.into_inner().unwrap_or_default();
    Run {
        findings: out.findings,
        errors: out.errors,
        suppressed: out.suppressed,
        files: out.files,
        read,
        masked: out.sources,
        secrets,
    }
}

/// The whole pipeline: files in (see [`pipeline_input`]), findings out, in every format.
pub fn pipeline(data: &[u8]) {
    let (profile, files) = pipeline_input(data);
    let profile = Profile::named(&profile).unwrap_or_default();
    let opts = LintOptions {
        profile,
        enabled: vec!["suppression-unused".to_owned()],
        today: chrono::NaiveDate::from_ymd_opt(2026, 6, 1),
        ..LintOptions::default()
    };
    let run = lint(&files, &opts);
    for f in &run.findings {
        check_finding(f, &run.read);
    }
    let read: Vec<(String, String)> = run
        .read
        .iter()
        .map(|(p, t)| (p.clone(), t.clone()))
        .collect();
    for e in &run.errors {
        check_error(e, &read);
    }
    let metas = engine().rule_metas();
    let report = Report {
        findings: &run.findings,
        errors: &run.errors,
        rules: &metas,
        sources: &run.masked,
        files_scanned: run.files,
        suppressed: run.suppressed,
        baselined: 0,
        profile: &opts.profile.name,
    };
    let outputs = [
        ("json", keylint_report::json(&report)),
        ("sarif", keylint_report::sarif::render(&report)),
        ("gitlab", keylint_report::gitlab::render(&report)),
        ("human", keylint_report::human::render(&report, false)),
        ("concise", keylint_report::concise::render(&report)),
        ("github", keylint_report::github::render(&report)),
        ("junit", keylint_report::junit::render(&report)),
        ("markdown", keylint_report::markdown::render(&report)),
    ];
    for (name, output) in outputs.iter().take(3) {
        let parsed = serde_json::from_str::<serde_json::Value>(output);
        assert!(parsed.is_ok(), "the {name} output is not JSON: {parsed:?}");
    }
    // Secrets may also be written, unmasked, where a report may legitimately quote them:
    // another part of the input, a file name, or the rules' own documentation (a fixture's
    // `random_password.db.result` is also in a rule's "How to fix").
    let visible: Vec<&str> = run
        .masked
        .iter()
        .flat_map(|(p, t)| [p.as_str(), t.as_str()])
        .chain([rule_texts()])
        .collect();
    assert_no_secret_shown(&run.secrets, &visible, &outputs);
    // Nothing depends on hash order or on state left by the first run.
    let again = lint(&files, &opts);
    let report_again = Report {
        findings: &again.findings,
        errors: &again.errors,
        sources: &again.masked,
        files_scanned: again.files,
        suppressed: again.suppressed,
        ..report
    };
    assert!(
        keylint_report::json(&report_again) == outputs[0].1,
        "a second run gave a different report"
    );
}

/// A sample or fixture: one file, or a directory of files (a Terraform module with its
/// variables and local modules). Names are relative to the entry's parent.
#[derive(Clone, Debug)]
pub struct SeedEntry {
    pub label: String,
    /// The profile a rule fixture is written for (`pci-dss__name.tf`).
    pub profile: Option<String>,
    pub files: Vec<(String, Vec<u8>)>,
}

fn files_under(dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rel = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        if p.is_dir() {
            files_under(&p, &rel, out);
        } else if any_input(&rel)
            && let Ok(bytes) = std::fs::read(&p)
        {
            out.push((rel, bytes));
        }
    }
}

/// The seed entries: each sample directory of `samples/`, each rule fixture (file or
/// directory) under `policies/*/*/{pass,fail}/`, and, when present beside the repository,
/// each file of the peer scanner corpus (`../shared/corpus/kics`).
#[must_use]
pub fn seed_entries(repo: &Path) -> Vec<SeedEntry> {
    let mut out = Vec::new();
    let mut samples = Vec::new();
    files_under(&repo.join("samples"), "", &mut samples);
    let mut by_dir: BTreeMap<String, Vec<(String, Vec<u8>)>> = BTreeMap::new();
    for (name, bytes) in samples {
        by_dir
            .entry(keylint_sources::directory_of(&name))
            .or_default()
            .push((name, bytes));
    }
    for (dir, files) in by_dir {
        out.push(SeedEntry {
            label: format!("samples/{dir}"),
            profile: None,
            files,
        });
    }
    let mut rule_dirs = Vec::new();
    for provider in read_dir_sorted(&repo.join("policies")) {
        rule_dirs.extend(read_dir_sorted(&provider));
    }
    for rule in rule_dirs {
        for side in ["pass", "fail"] {
            for entry in read_dir_sorted(&rule.join(side)) {
                let name = entry
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let mut files = Vec::new();
                if entry.is_dir() {
                    files_under(&entry, &name, &mut files);
                } else if any_input(&name)
                    && let Ok(bytes) = std::fs::read(&entry)
                {
                    files.push((name.clone(), bytes));
                }
                if files.is_empty() {
                    continue;
                }
                let profile = name.split_once("__").map(|(p, _)| p.to_owned());
                out.push(SeedEntry {
                    label: format!(
                        "{}/{side}/{name}",
                        rule.strip_prefix(repo).unwrap_or(&rule).display()
                    ),
                    profile,
                    files,
                });
            }
        }
    }
    let mut kics = Vec::new();
    files_under(&repo.join("../shared/corpus/kics"), "kics", &mut kics);
    for (name, bytes) in kics {
        out.push(SeedEntry {
            label: name.clone(),
            profile: None,
            files: vec![(name, bytes)],
        });
    }
    out
}

fn read_dir_sorted(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
}

/// The seed inputs of a target from the seed entries, labelled: the pipeline gets each
/// entry whole; a Terraform target gets each module (see `module_seed`); every other
/// target gets each matching file. Identical inputs are given once.
#[must_use]
pub fn seeds(target: &Target, entries: &[SeedEntry]) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in entries {
        if target.name == "pipeline" {
            out.push((
                entry.label.clone(),
                pipeline_bytes(entry.profile.as_deref(), &entry.files),
            ));
            continue;
        }
        let matching: Vec<&(String, Vec<u8>)> = entry
            .files
            .iter()
            .filter(|(name, _)| (target.seeds)(name))
            .collect();
        if target.name.starts_with("terraform_") {
            if let Some(module) = module_seed(&matching) {
                out.push((entry.label.clone(), module));
            }
        } else {
            out.extend(
                matching
                    .iter()
                    .map(|(name, b)| (format!("{}:{name}", entry.label), b.clone())),
            );
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out.dedup_by(|a, b| a.1 == b.1);
    out.sort();
    out
}

/// A module of a seed entry as a Terraform target reads it: the configuration files of the
/// entry's top directory, `main.tf` first, then the first `.tfvars` file (or nothing)
/// in the second place, then the others.
fn module_seed(files: &[&(String, Vec<u8>)]) -> Option<Vec<u8>> {
    let top = files
        .iter()
        .map(|(n, _)| keylint_sources::directory_of(n))
        .min_by_key(String::len)?;
    let in_top = |n: &String| keylint_sources::directory_of(n) == top;
    let vars = files
        .iter()
        .find(|(n, _)| in_top(n) && n.ends_with(".tfvars"))
        .map_or(&[][..], |(_, b)| b.as_slice());
    let mut config: Vec<&(String, Vec<u8>)> = files
        .iter()
        .copied()
        .filter(|(n, _)| in_top(n) && !n.ends_with(".tfvars"))
        .collect();
    config.sort_by_key(|(n, _)| {
        (
            !n.ends_with("main.tf") && !n.ends_with("main.tf.json"),
            n.clone(),
        )
    });
    let (main, rest) = config.split_first()?;
    let mut parts = vec![main.1.as_slice(), vars];
    parts.extend(rest.iter().map(|(_, b)| b.as_slice()));
    Some(parts.join(&0u8))
}

/// The saved regression inputs of a target: `fuzz/regressions/<target>/*`, sorted.
#[must_use]
pub fn regressions(repo: &Path, target: &Target) -> Vec<(PathBuf, Vec<u8>)> {
    read_dir_sorted(&repo.join("fuzz/regressions").join(target.name))
        .into_iter()
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::assert_no_secret_shown;

    const SECRET: &str = "hunter2-\"quoted\"-and-long";

    #[test]
    #[should_panic(expected = "appears in the json output")]
    fn a_secret_in_an_output_fails_even_json_escaped() {
        let escaped = serde_json::to_string(SECRET).unwrap_or_default();
        let outputs = [
            ("human", String::new()),
            ("json", format!("{{\"m\": {escaped}}}")),
        ];
        assert_no_secret_shown(&[SECRET.to_owned()], &[], &outputs);
    }

    #[test]
    fn short_secrets_and_text_the_input_shows_elsewhere_are_not_judged() {
        let outputs = [("human", format!("x {SECRET} y abc"))];
        assert_no_secret_shown(&["abc".to_owned()], &[], &outputs);
        assert_no_secret_shown(
            &[SECRET.to_owned()],
            &[&format!("name = {SECRET}")],
            &outputs,
        );
    }
}
