//! The one pipeline every keylint host runs: the CLI (files on disk, directories in
//! parallel), the WebAssembly module (files given as text), the fuzz pipeline and the
//! test harnesses.
//!
//! A host hands over groups of files (the files of one directory: a Terraform module is
//! read with its directory), a [`FileSource`] that gives their text, the linter options
//! and a way to map over the groups (in parallel or not). The driver reads each group
//! through the reader registry, lints every unit, keeps the notes (what was deliberately
//! not read) and, on request, each file's text with secret values masked; then it merges
//! the groups, sorts the findings and merges repeats. It never touches the disk, threads
//! or a clock: the host's `FileSource`, map function and `LintOptions::today` do.

use std::collections::{BTreeMap, HashSet};

use keylint_linter::{Engine, LintOptions};
use keylint_model::inventory::Asset;
use keylint_model::unit::ScanSummary;
use keylint_model::{FileError, Finding};
use keylint_sources::{FileLoader, GivenFiles, SourceFile, UnitOutput};

/// Where the driver gets the text of a file, and what `file()` and local module sources
/// read.
pub trait FileSource: Sync {
    /// The text of one file of a group, or why it cannot be read (located at the file).
    ///
    /// # Errors
    /// The file cannot be read (missing, too large, not text).
    fn read(&self, path: &str) -> Result<SourceFile, FileError>;

    /// What `file()` and local module sources read.
    fn loader(&self) -> &dyn FileLoader;
}

/// The files of one directory, read and linted together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The directory label (`.` for the current one).
    pub dir: String,
    /// The files, in path order.
    pub paths: Vec<String>,
}

/// What the driver is asked to do.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub lint: LintOptions,
    /// Keep each file's text, secret values masked, for code frames.
    pub keep_sources: bool,
    /// Collect the declared keys and key containers ([`Outcome::inventory`]), for a
    /// CycloneDX BOM or the review page's Keys view.
    pub inventory: bool,
}

/// What linting gives.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// Sorted, repeats merged.
    pub findings: Vec<Finding>,
    /// Sorted, each once.
    pub errors: Vec<FileError>,
    /// What was deliberately not read (a remote module source, a Bicep file): sorted, each
    /// once.
    pub notes: Vec<FileError>,
    /// Each file's text by path, secret values masked (only with `keep_sources`).
    pub sources: BTreeMap<String, String>,
    /// Files read as key-management configuration.
    pub files: usize,
    /// Findings silenced by inline suppressions.
    pub suppressed: usize,
    /// What the units say about the whole configuration.
    pub scan: ScanSummary,
    /// The declared keys and key containers (only with [`Options::inventory`]): sorted by
    /// place, each once.
    pub inventory: Vec<Asset>,
}

/// A rule id the options name that no rule has.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown rule `{0}` (see `keylint rules`)")]
pub struct UnknownRule(pub String);

/// Check that every rule id the options name (selected, disabled, enabled) and the
/// `extra` ids (a config's severity overrides and ignores) is a rule of the engine.
///
/// # Errors
/// The first unknown id.
pub fn check_rule_ids<'a>(
    engine: &Engine,
    opts: &'a LintOptions,
    extra: impl IntoIterator<Item = &'a String>,
) -> Result<(), UnknownRule> {
    let named = opts
        .only
        .iter()
        .flatten()
        .chain(&opts.disabled)
        .chain(&opts.enabled)
        .chain(extra);
    for id in named {
        if engine.rule(id).is_none() {
            return Err(UnknownRule(id.clone()));
        }
    }
    Ok(())
}

/// Lints one group: what a host's [`MapGroups`] calls for each group.
pub type LintGroup<'a> = dyn Fn(&Group) -> Outcome + Sync + 'a;

/// A host's way to lint every group: in parallel (the CLI) or [`sequential`].
pub type MapGroups<'a> = dyn for<'g> Fn(&[Group], &'g LintGroup<'g>) -> Vec<Outcome> + 'a;

/// One run's fixed parts: the engine, the options, where files come from.
#[derive(Clone, Copy)]
pub struct Pipeline<'a> {
    pub engine: &'a Engine,
    pub options: &'a Options,
    pub source: &'a dyn FileSource,
    /// Shown every unit read, before it is linted (the fuzz pipeline checks them), and
    /// the unit the configuration entities are linted in.
    pub observe: Option<&'a (dyn Fn(&UnitOutput) + Sync)>,
}

impl Pipeline<'_> {
    /// Lint the files of one group.
    #[must_use]
    pub fn lint_group(&self, group: &Group) -> Outcome {
        let mut out = Outcome::default();
        let mut files = Vec::with_capacity(group.paths.len());
        for p in &group.paths {
            match self.source.read(p) {
                Ok(f) => files.push(f),
                Err(e) => out.errors.push(e),
            }
        }
        let mut unread: HashSet<String> = files.iter().map(|f| f.path.clone()).collect();
        let units = keylint_sources::read_directory(&group.dir, files, self.source.loader());
        for unit in &units {
            if let Some(observe) = self.observe {
                observe(unit);
            }
            out.notes.extend(unit.notes.iter().cloned());
            out.scan.add(unit);
            let result = self.engine.lint(unit, &self.options.lint);
            if self.options.inventory {
                out.inventory
                    .extend(keylint_model::inventory::of_unit(unit, &result.findings));
            }
            out.findings.extend(result.findings);
            out.errors.extend(result.errors);
            out.suppressed += result.suppressed;
            for (i, f) in unit.files.iter().enumerate() {
                // Files of this group count once; files pulled in by `file()` or a module
                // call belong to their own.
                if unread.remove(&f.path) {
                    out.files += 1;
                }
                if self.options.keep_sources {
                    let spans = unit.redactions_in(i);
                    out.sources
                        .insert(f.path.clone(), keylint_report::mask_secrets(&f.text, spans));
                }
            }
        }
        out
    }

    /// The whole pipeline: lint every group through `map` (the host's, in parallel or
    /// [`sequential`]), then [`merge`] with what the host found before (unreadable paths,
    /// the notes of its walk). `sort` sorts findings by
    /// [`keylint_model::finding::finding_order`] (the host may sort in parallel).
    #[must_use]
    pub fn run(
        &self,
        groups: &[Group],
        map: &MapGroups<'_>,
        sort: &dyn Fn(&mut [Finding]),
        before: Outcome,
    ) -> Outcome {
        let outcomes = map(groups, &|g| self.lint_group(g));
        let mut all = merge(outcomes, before, sort);
        let whole = self.lint_configuration(groups, &all.scan);
        if !whole.findings.is_empty() {
            all.findings.extend(whole.findings);
            sort(&mut all.findings);
            keylint_model::finding::dedup_sorted_findings(&mut all.findings);
        }
        all.suppressed += whole.suppressed;
        all
    }

    /// Lint the configuration as a whole (the rules of RULES.md "Detection"): the
    /// configuration entities of `scan` ([`ScanSummary::configuration`]) in the unit that
    /// holds their place, the first key, read again with its group (so its suppressions
    /// apply). Only those entities are linted there, and only when one of their rules runs
    /// and can fire: otherwise nothing is read again.
    fn lint_configuration(&self, groups: &[Group], scan: &ScanSummary) -> Outcome {
        let mut out = Outcome::default();
        let mut seen: Vec<&Group> = Vec::new();
        // Only what can give a finding is read again: a configuration rule that runs, on a
        // fact surely missing.
        let wanted = |id: &str| {
            self.engine
                .rule(id)
                .is_some_and(|r| self.options.lint.enabled(r))
        };
        for site in scan.sites(&wanted) {
            let Some(group) = groups.iter().find(|g| g.paths.contains(&site.path)) else {
                continue;
            };
            if seen.contains(&group) {
                continue;
            }
            seen.push(group);
            let files = group
                .paths
                .iter()
                .filter_map(|p| self.source.read(p).ok())
                .collect();
            let units = keylint_sources::read_directory(&group.dir, files, self.source.loader());
            for mut unit in units {
                let entities = scan.configuration(&unit);
                if entities.is_empty() {
                    continue;
                }
                unit.entities = entities;
                if let Some(observe) = self.observe {
                    observe(&unit);
                }
                let result = self.engine.lint(&unit, &self.options.lint);
                // The unit's suppression comments were judged by its own pass.
                out.findings.extend(result.findings.into_iter().filter(|f| {
                    keylint_model::unit::CONFIGURATION_RULES.contains(&f.rule.as_str())
                }));
                out.suppressed += result.suppressed;
            }
        }
        out
    }
}

/// Merge the outcomes of the groups with what the host found before: findings sorted by
/// `sort` with repeats merged, errors and notes sorted and each once.
#[must_use]
pub fn merge(
    outcomes: impl IntoIterator<Item = Outcome>,
    before: Outcome,
    sort: &dyn Fn(&mut [Finding]),
) -> Outcome {
    let outcomes: Vec<Outcome> = outcomes.into_iter().collect();
    let mut all = before;
    // One allocation for every finding, not a doubling series of copies.
    all.findings
        .reserve(outcomes.iter().map(|o| o.findings.len()).sum());
    for o in outcomes {
        all.findings.extend(o.findings);
        all.errors.extend(o.errors);
        all.notes.extend(o.notes);
        all.sources.extend(o.sources);
        all.files += o.files;
        all.suppressed += o.suppressed;
        all.scan.merge(o.scan);
        all.inventory.extend(o.inventory);
    }
    keylint_model::inventory::sort_dedup(&mut all.inventory);
    sort(&mut all.findings);
    keylint_model::finding::dedup_sorted_findings(&mut all.findings);
    all.errors.sort();
    all.errors.dedup();
    all.notes.sort();
    all.notes.dedup();
    all
}

/// Sort findings in output order, on this thread.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(keylint_model::finding::finding_order);
}

/// Map a function over the groups: on this thread, in order (hosts without threads).
#[must_use]
pub fn sequential(groups: &[Group], f: &LintGroup<'_>) -> Vec<Outcome> {
    groups.iter().map(f).collect()
}

/// A directory the driver never reads on its own: modules `terraform init` installed
/// (`.terraform/`) are read through the calls that use them.
#[must_use]
pub fn skipped_dir(name: &str) -> bool {
    name == ".terraform"
}

/// Files given as text (the WebAssembly module, the fuzz pipeline, tests), with the
/// largest size read; `file()` and local modules read among them.
pub struct GivenSource {
    /// The given paths, in order, each once.
    paths: Vec<String>,
    /// The texts, which `file()` and module calls read too.
    loader: GivenFiles,
    max: u64,
}

impl GivenSource {
    /// The first text given for a path wins, as [`GivenFiles`] keeps it.
    #[must_use]
    pub fn new(files: &[SourceFile], max: u64) -> Self {
        let mut paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        paths.sort();
        paths.dedup();
        Self {
            paths,
            loader: GivenFiles::new(files),
            max,
        }
    }

    /// The groups of the given files keylint opens, by directory in path order; installed
    /// modules (`.terraform/`) are left to the calls that use them.
    #[must_use]
    pub fn groups(&self) -> Vec<Group> {
        let mut dirs: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for path in &self.paths {
            if keylint_sources::classify_path(path).is_none() {
                continue;
            }
            let dir = keylint_sources::directory_of(path);
            if dir.split('/').any(skipped_dir) {
                continue;
            }
            dirs.entry(dir).or_default().push(path.clone());
        }
        dirs.into_iter()
            .map(|(dir, paths)| Group { dir, paths })
            .collect()
    }
}

impl FileSource for GivenSource {
    fn read(&self, path: &str) -> Result<SourceFile, FileError> {
        let Some(text) = self.loader.load(path) else {
            return Err(FileError::new(path, None, "no such file was given"));
        };
        if u64::try_from(text.len()).is_ok_and(|n| n > self.max) {
            return Err(FileError::new(
                path,
                None,
                format!(
                    "file is {} bytes, larger than the limit {}; not read",
                    text.len(),
                    self.max
                ),
            ));
        }
        Ok(SourceFile {
            path: path.to_owned(),
            text,
        })
    }

    fn loader(&self) -> &dyn FileLoader {
        &self.loader
    }
}

/// Lint files given as text on this thread: what hosts without a disk run.
#[must_use]
pub fn lint_given(engine: &Engine, options: &Options, files: &[SourceFile], max: u64) -> Outcome {
    let source = GivenSource::new(files, max);
    let pipeline = Pipeline {
        engine,
        options,
        source: &source,
        observe: None,
    };
    pipeline.run(
        &source.groups(),
        &sequential,
        &sort_findings,
        Outcome::default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_installed_modules_are_read_through_their_calls() {
        let file = |path: &str, text: &str| keylint_sources::SourceFile {
            path: path.to_owned(),
            text: text.to_owned(),
        };
        let files = vec![
            file(
                "main.tf",
                "module \"kms\" {\n  source = \"terraform-aws-modules/kms/aws\"\n  window = 7\n}\n",
            ),
            file(
                ".terraform/modules/modules.json",
                r#"{"Modules":[{"Key":"kms","Source":"registry.terraform.io/terraform-aws-modules/kms/aws","Dir":".terraform/modules/kms"}]}"#,
            ),
            file(
                ".terraform/modules/kms/main.tf",
                "variable \"window\" {\n  default = 30\n}\n\nresource \"aws_kms_key\" \"this\" {\n  enable_key_rotation     = false\n  deletion_window_in_days = var.window\n}\n",
            ),
        ];
        let engine = Engine::new(&[]).unwrap();
        let out = lint_given(&engine, &Options::default(), &files, u64::MAX);
        let got: Vec<String> = out
            .findings
            .iter()
            .map(|f| format!("{}:{} {} {}", f.file, f.line, f.rule, f.resource))
            .collect();
        assert_eq!(
            got,
            [
                ".terraform/modules/kms/main.tf:6 aws-kms-rotation-disabled module.kms.aws_kms_key.this",
                "main.tf:3 aws-kms-short-deletion-window module.kms.aws_kms_key.this",
            ]
        );
    }

    #[test]
    fn the_configuration_is_judged_as_a_whole() {
        let file = |path: &str, text: &str| keylint_sources::SourceFile {
            path: path.to_owned(),
            text: text.to_owned(),
        };
        let key = |name: &str| {
            format!(
                "resource \"google_kms_crypto_key\" \"{name}\" {{\n  name            = \"{name}\"\n  key_ring        = \"projects/p/locations/l/keyRings/r\"\n  rotation_period = \"7776000s\"\n}}\n"
            )
        };
        let audit = "resource \"google_organization_iam_audit_config\" \"kms\" {\n  org_id  = \"123\"\n  service = \"cloudkms.googleapis.com\"\n  audit_log_config {\n    log_type = \"DATA_WRITE\"\n  }\n  audit_log_config {\n    log_type = \"DATA_READ\"\n  }\n}\n";
        let engine = Engine::new(&[]).unwrap();
        let mut options = Options::default();
        options.lint.enabled = vec!["gcp-kms-no-data-access-audit-logs".to_owned()];
        let run = |files: &[SourceFile]| -> Vec<String> {
            lint_given(&engine, &options, files, u64::MAX)
                .findings
                .iter()
                .filter(|f| f.rule == "gcp-kms-no-data-access-audit-logs")
                .map(|f| format!("{}:{} {}", f.file, f.line, f.resource))
                .collect()
        };
        // Keys in two modules and no audit config: one finding, on the first key by path.
        let keys = [
            file("stacks/b/main.tf", &key("b")),
            file("stacks/a/main.tf", &key("a")),
        ];
        assert_eq!(run(&keys), ["stacks/a/main.tf:1 google_kms_crypto_key.a"]);
        // An audit config in another directory of the same scan covers them.
        let mut with_audit = keys.to_vec();
        with_audit.push(file("org/audit.tf", audit));
        assert!(run(&with_audit).is_empty());
        // Only DATA_READ: not enough.
        let read_only = audit.replace("DATA_WRITE", "ADMIN_READ");
        let mut partial = keys.to_vec();
        partial.push(file("org/audit.tf", &read_only));
        assert_eq!(run(&partial).len(), 1);
        // A suppression on the first key silences it, and is not called unused.
        let mut suppressed = keys.to_vec();
        suppressed[1] = file(
            "stacks/a/main.tf",
            &format!(
                "# keylint:ignore gcp-kms-no-data-access-audit-logs -- audit configs live in the org repo\n{}",
                key("a")
            ),
        );
        let mut quiet = options.clone();
        quiet.lint.enabled.push("suppression-unused".to_owned());
        let out = lint_given(&engine, &quiet, &suppressed, u64::MAX);
        assert!(
            out.findings
                .iter()
                .all(|f| f.rule != "gcp-kms-no-data-access-audit-logs"
                    && f.rule != "suppression-unused"),
            "{:?}",
            out.findings.iter().map(|f| &f.rule).collect::<Vec<_>>()
        );
        assert_eq!(out.suppressed, 1);
        // Off by default.
        assert!(
            lint_given(&engine, &Options::default(), &keys, u64::MAX)
                .findings
                .iter()
                .all(|f| f.rule != "gcp-kms-no-data-access-audit-logs")
        );
    }
}
