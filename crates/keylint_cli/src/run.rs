//! `keylint check`: discover files, read them into units, lint in parallel, report.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use keylint_linter::controls::Framework;
use keylint_linter::{Engine, LintOptions, Profile};
use keylint_model::{FileError, Finding, Severity};
use keylint_report::Report;
use keylint_report::compliance::{Compliance, ControlInput, RuleState};
use keylint_sources::{SourceFile, classify_path};
use rayon::prelude::*;

use crate::{CheckArgs, Exit, Format, config, output};

/// Reads files for Terraform's `file()`, relative to the current directory, within the
/// size limit.
struct DiskLoader {
    max: u64,
}

impl keylint_sources::FileLoader for DiskLoader {
    fn load(&self, path: &str) -> Option<String> {
        let meta = std::fs::metadata(path).ok()?;
        if meta.len() > self.max {
            return None;
        }
        let bytes = std::fs::read(path).ok()?;
        keylint_sources::encoding::decode(path, bytes).ok()
    }

    fn list(&self, dir: &str) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(if dir.is_empty() { "." } else { dir }) else {
            return Vec::new();
        };
        let mut paths: Vec<String> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| label(&e.path()))
            .collect();
        paths.sort();
        paths
    }
}

fn label(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}

/// Walk the given paths: `.gitignore` honoured, hidden directories and `.terraform/`
/// skipped, only files keylint can read. Returns files grouped by directory. A Bicep source
/// with no compiled template beside it gets a note: it is seen, and not read.
fn discover(
    paths: &[PathBuf],
    errors: &mut Vec<FileError>,
    notes: &mut Vec<FileError>,
) -> BTreeMap<String, Vec<PathBuf>> {
    let mut dirs: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for root in paths {
        if !root.exists() {
            errors.push(FileError::new(
                label(root),
                None,
                "no such file or directory",
            ));
            continue;
        }
        // A Terraform file is judged with its module: the other Terraform files of its
        // directory declare the variables, locals and providers it uses (pre-commit passes
        // changed files one by one).
        if root.is_file() && is_terraform(root) {
            let dir = root.parent().unwrap_or_else(|| Path::new(""));
            let key = label(dir);
            let key = if key.is_empty() { ".".to_owned() } else { key };
            let entries = std::fs::read_dir(if key == "." { Path::new(".") } else { dir });
            let files = dirs.entry(key).or_default();
            for e in entries.into_iter().flatten().flatten() {
                let p = e.path();
                if e.file_type().is_ok_and(|t| t.is_file()) && is_terraform(&p) {
                    files.push(
                        p.strip_prefix("./")
                            .map_or_else(|_| p.clone(), Path::to_path_buf),
                    );
                }
            }
            continue;
        }
        let walker = ignore::WalkBuilder::new(root)
            .hidden(true)
            .git_ignore(true)
            .git_exclude(true)
            .require_git(false)
            // Directory links are not followed, so a link loop cannot make the walk
            // endless; links to files are (below).
            .follow_links(false)
            .filter_entry(|e| !keylint_driver::skipped_dir(&e.file_name().to_string_lossy()))
            .build();
        for entry in walker {
            match entry {
                Ok(e) => {
                    let p = e.path();
                    let Some(t) = e.file_type() else { continue };
                    if classify_path(&p.to_string_lossy()).is_none() {
                        if let Some(note) = bicep_note(p) {
                            notes.push(note);
                        }
                        continue;
                    }
                    // A link to a file is read like the file; a broken link is an error
                    // (a file keylint would read, which it cannot).
                    let is_file = t.is_file()
                        || (t.is_symlink()
                            && match std::fs::metadata(p) {
                                Ok(m) => m.is_file(),
                                Err(err) => {
                                    errors.push(FileError::new(
                                        label(p),
                                        None,
                                        format!("cannot read: broken symbolic link ({err})"),
                                    ));
                                    false
                                }
                            });
                    if is_file {
                        let dir = p.parent().map(label).unwrap_or_default();
                        let dir = if dir.is_empty() { ".".to_owned() } else { dir };
                        dirs.entry(dir).or_default().push(p.to_path_buf());
                    }
                }
                Err(err) => errors.push(FileError::new(
                    label(root),
                    None,
                    format!("cannot walk: {err}"),
                )),
            }
        }
    }
    for files in dirs.values_mut() {
        files.sort();
        files.dedup();
    }
    dirs
}

/// A `.bicep` file whose compiled ARM template (`<name>.json`, what `bicep build` writes)
/// is not beside it: keylint reads ARM JSON, not Bicep source.
fn bicep_note(p: &Path) -> Option<FileError> {
    let bicep = p
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("bicep"));
    (bicep && !p.with_extension("json").is_file()).then(|| {
        FileError::new(
            label(p),
            None,
            "Bicep source is not read; lint the ARM template `bicep build` compiles from it",
        )
    })
}

fn is_terraform(p: &Path) -> bool {
    classify_path(&p.to_string_lossy()).is_some_and(keylint_sources::FileKind::is_terraform)
}

fn read_file(p: &Path, max: u64) -> Result<SourceFile, FileError> {
    use std::io::Read as _;
    let path = label(p);
    let cannot = |e: std::io::Error| FileError::new(&path, None, format!("cannot read: {e}"));
    // One open and one fstat: the size check and the read see the same file.
    let mut file = std::fs::File::open(p).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if meta.len() > max {
        return Err(FileError::new(
            &path,
            None,
            format!(
                "file is {} bytes, larger than --max-file-size {max}; not read",
                meta.len()
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(cannot)?;
    let text = keylint_sources::encoding::decode(&path, bytes)?;
    Ok(SourceFile { path, text })
}

/// The CLI's files: the disk, within the size limit.
struct DiskSource {
    loader: DiskLoader,
    /// The walk's paths by the label groups name them with.
    paths: std::collections::HashMap<String, PathBuf>,
}

impl keylint_driver::FileSource for DiskSource {
    fn read(&self, path: &str) -> Result<SourceFile, FileError> {
        match self.paths.get(path) {
            Some(p) => read_file(p, self.loader.max),
            None => read_file(Path::new(path), self.loader.max),
        }
    }

    fn loader(&self) -> &dyn keylint_sources::FileLoader {
        &self.loader
    }
}

fn load_rule_files(dirs: &[PathBuf]) -> anyhow::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for d in dirs {
        let mut paths = Vec::new();
        if d.is_file() {
            paths.push(d.clone());
        } else {
            for e in std::fs::read_dir(d)
                .with_context(|| format!("cannot read rules directory `{}`", d.display()))?
                .flatten()
            {
                if e.path().extension().is_some_and(|x| x == "cedar") {
                    paths.push(e.path());
                }
            }
        }
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p)
                .with_context(|| format!("cannot read rule file `{}`", p.display()))?;
            out.push((label(&p), text));
        }
    }
    Ok(out)
}

fn engine(rule_dirs: &[PathBuf]) -> anyhow::Result<Engine> {
    let user = load_rule_files(rule_dirs)?;
    Engine::new(&user).map_err(|errs| {
        let lines: Vec<String> = errs.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("invalid rules:\n{}", lines.join("\n"))
    })
}

/// The files and directories named on the command line, when at least one is a file.
struct Scope {
    files: HashSet<String>,
    dirs: Vec<String>,
}

impl Scope {
    fn of(paths: &[PathBuf]) -> Option<Self> {
        if !paths.iter().any(|p| p.is_file()) {
            return None;
        }
        let mut scope = Scope {
            files: HashSet::new(),
            dirs: Vec::new(),
        };
        for p in paths {
            let l = label(p);
            if p.is_dir() {
                scope
                    .dirs
                    .push(if l.is_empty() { ".".to_owned() } else { l });
            } else {
                scope.files.insert(l);
            }
        }
        Some(scope)
    }

    fn covers(&self, file: &str) -> bool {
        self.files.contains(file)
            || self.dirs.iter().any(|d| {
                d == "."
                    || file
                        .strip_prefix(d.as_str())
                        .is_some_and(|rest| rest.starts_with('/') || d.ends_with('/'))
            })
    }

    fn touches(&self, f: &Finding) -> bool {
        self.covers(&f.file) || f.related.iter().any(|r| self.covers(&r.file))
    }
}

/// An `ignore` entry of the config, compiled.
struct CompiledIgnore {
    glob: globset::GlobMatcher,
    rules: Vec<String>,
}

impl CompiledIgnore {
    /// Does it accept a finding of `rule` in a file at `rel` (relative to the config's
    /// directory; `None` for a file outside it)?
    fn covers(&self, rule: &str, rel: Option<&str>) -> bool {
        (self.rules.is_empty() || self.rules.iter().any(|r| r == rule))
            && rel.is_some_and(|p| self.glob.is_match(p))
    }
}

fn compile_ignores(cfg: &config::Config) -> anyhow::Result<Vec<CompiledIgnore>> {
    cfg.ignore
        .iter()
        .map(|i| {
            let glob = globset::GlobBuilder::new(&i.path)
                .literal_separator(true)
                .build()
                .map_err(|e| anyhow::anyhow!("config: ignore path `{}`: {e}", i.path))?;
            Ok(CompiledIgnore {
                glob: glob.compile_matcher(),
                rules: i.rules.clone(),
            })
        })
        .collect()
}

/// The config of a run: `--config`, else the nearest `keylint.toml` from the first
/// scanned path up.
///
/// # Errors
/// An unreadable or invalid config file.
pub fn effective_config(
    explicit: Option<&Path>,
    paths: &[PathBuf],
) -> anyhow::Result<config::Config> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => paths
            .first()
            .map_or_else(|| config::discover(Path::new(".")), |p| config::discover(p)),
    };
    match path {
        Some(p) => config::load(&p),
        None => Ok(config::Config::default()),
    }
}

/// The profile of a run: `--profile`, else the config's, with the config's parameters
/// and severity overrides applied.
///
/// # Errors
/// An unknown profile, parameter or severity.
fn profile_of(cfg: &config::Config, explicit: Option<&str>) -> anyhow::Result<Profile> {
    let name = explicit
        .map(str::to_owned)
        .or(cfg.profile.clone())
        .unwrap_or_else(|| "default".into());
    let mut profile = Profile::configured(&name, cfg.parameters.iter().map(|(k, v)| (k, v)))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for (rule, severity) in &cfg.severity {
        let Some(s) = Severity::parse(severity) else {
            bail!("config: `severity.{rule}`: unknown severity `{severity}`");
        };
        // Overrides win over the profile's own severities.
        profile.severities.insert(0, (rule.clone(), s));
    }
    Ok(profile)
}

/// `keylint config --show`: the effective configuration, as TOML.
///
/// # Errors
/// An invalid config file or profile.
pub fn show_config(explicit: Option<&Path>, paths: &[PathBuf]) -> anyhow::Result<Exit> {
    let cfg = effective_config(explicit, paths)?;
    let profile = profile_of(&cfg, None)?;
    let name = profile.name.clone();
    let mut out = String::new();
    match &cfg.path {
        Some(p) => out.push_str(&format!("# from {}\n", p.display())),
        None => out.push_str("# no keylint.toml found: defaults\n"),
    }
    let quote = |s: &str| serde_json::Value::String(s.to_owned()).to_string();
    let list = |v: &[String]| {
        format!(
            "[{}]",
            v.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ")
        )
    };
    out.push_str(&format!("profile = {}\n", quote(&name)));
    out.push_str(&format!(
        "fail_on = {}\n",
        quote(cfg.fail_on.as_deref().unwrap_or("low"))
    ));
    if let Some(select) = &cfg.select {
        out.push_str(&format!("select = {}\n", list(select)));
    }
    out.push_str(&format!("disable = {}\n", list(&cfg.disable)));
    // The effective opt-in rules: the config's and those the profile switches on.
    let mut enable = cfg.enable.clone();
    for r in &profile.enables {
        if !enable.contains(r) {
            enable.push(r.clone());
        }
    }
    if !profile.enables.is_empty() {
        out.push_str(&format!(
            "# the `{name}` profile switches on {}\n",
            list(&profile.enables)
        ));
    }
    out.push_str(&format!("enable = {}\n", list(&enable)));
    let base = cfg.base();
    let rules: Vec<String> = cfg
        .rules
        .iter()
        .map(|r| base.join(r).display().to_string())
        .collect();
    out.push_str(&format!("rules = {}\n", list(&rules)));
    out.push_str("\n[parameters]\n");
    for (k, v) in profile.context() {
        if keylint_linter::profile::PARAMETERS.contains(&k) {
            let v = match v {
                keylint_linter::profile::ContextValue::Str(s) => quote(&s),
                v => v.to_string(),
            };
            out.push_str(&format!("{k} = {v}\n"));
        }
    }
    if !profile.severities.is_empty() {
        out.push_str("\n[severity]\n");
        let mut seen = std::collections::BTreeSet::new();
        for (rule, s) in &profile.severities {
            if seen.insert(rule.clone()) {
                out.push_str(&format!("{} = {}\n", quote(rule), quote(s.as_str())));
            }
        }
    }
    for i in &cfg.ignore {
        out.push_str(&format!(
            "\n[[ignore]]\npath = {}\nrules = {}\nreason = {}\n",
            quote(&i.path),
            list(&i.rules),
            quote(&i.reason)
        ));
    }
    emit(&out);
    Ok(Exit::Clean)
}

/// Today's date (UTC) for suppression expiry: `KEYLINT_TODAY` (`YYYY-MM-DD`, to re-run
/// a check as of a given day) or the system clock.
fn today() -> anyhow::Result<chrono::NaiveDate> {
    if let Ok(text) = std::env::var("KEYLINT_TODAY") {
        return keylint_linter::parse_date(&text).with_context(|| {
            format!("KEYLINT_TODAY=`{text}` is not a date in the form YYYY-MM-DD")
        });
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(i64::try_from(secs).unwrap_or(0), 0)
        .map(|t| t.date_naive())
        .context("the system clock is out of range")
}

/// A kind of entity scanned: its type and provider.
/// An entity scanned: its kind, provider and the facts it has (a rule judges only
/// entities with the facts it requires).
type Seen = (keylint_model::EntityKind, Option<String>, Vec<&'static str>);

/// What the control report lists for `framework`: every control a loaded rule evidences,
/// with how each of its rules stood in the run: off under `opts`, on and judging some
/// entity `seen` (a configuration rule: a key of its provider in `scan`), or on with
/// nothing of its kind scanned.
fn compliance_input(
    engine: &Engine,
    opts: &LintOptions,
    seen: &BTreeSet<Seen>,
    scan: &keylint_model::unit::ScanSummary,
    framework: Framework,
) -> Compliance {
    let mut judged: HashSet<&str> = seen
        .iter()
        .flat_map(|(kind, provider, facts)| {
            engine
                .rules_judging(*kind, provider.as_deref())
                .filter(|r| r.required_facts().all(|f| facts.contains(&f)))
        })
        .map(|r| r.id.as_str())
        .filter(|id| !keylint_model::unit::CONFIGURATION_RULES.contains(id))
        .collect();
    judged.extend(
        keylint_model::unit::CONFIGURATION_RULES
            .iter()
            .copied()
            .filter(|id| scan.judges(id)),
    );
    let mut controls: BTreeMap<&str, Vec<(String, RuleState)>> = BTreeMap::new();
    for rule in engine.rules() {
        let state = if !opts.enabled(rule) {
            RuleState::Off
        } else if judged.contains(rule.id.as_str()) {
            RuleState::Evaluated
        } else {
            RuleState::NothingScanned
        };
        for id in &rule.controls {
            if Framework::of_control(id) == Some(framework) {
                controls
                    .entry(id.as_str())
                    .or_default()
                    .push((rule.id.clone(), state));
            }
        }
    }
    let mut controls: Vec<ControlInput> = controls
        .into_iter()
        .map(|(id, mut rules)| {
            rules.sort_by(|a, b| a.0.cmp(&b.0));
            let c = keylint_linter::controls::describe(id);
            ControlInput {
                id: c.id,
                title: c.title,
                source: c.source,
                rules,
            }
        })
        .collect();
    controls.sort_by_key(|c| keylint_linter::controls::order_key(&c.id));
    Compliance {
        framework: framework.key().to_owned(),
        framework_name: framework.name().to_owned(),
        controls,
    }
}

/// # Errors
/// Usage and config errors (exit code 2).
pub fn check(args: &CheckArgs) -> anyhow::Result<Exit> {
    let cfg = effective_config(args.config.as_deref(), &args.paths)?;
    let profile = profile_of(&cfg, args.profile.map(crate::ProfileName::as_str))?;
    let framework = if output::wants_compliance(&args.outputs) {
        match args.framework.map(Framework::from) {
            Some(f) => Some(f),
            None => Some(Framework::of_profile(&profile.name).with_context(|| {
                format!(
                    "the control report needs a framework: profile `{}` names none, so give `--framework` ({})",
                    profile.name,
                    Framework::ALL.map(Framework::key).join(", ")
                )
            })?),
        }
    } else {
        None
    };
    let ignores = compile_ignores(&cfg)?;
    let base = cfg.base();
    let mut rule_dirs: Vec<PathBuf> = cfg.rules.iter().map(|r| base.join(r)).collect();
    rule_dirs.extend(args.rules.iter().cloned());
    // Rules are compiled while the tree is walked.
    let (engine, (dirs, walk_errors, walk_notes)) = rayon::join(
        || engine(&rule_dirs),
        || {
            let (mut errors, mut notes) = (Vec::new(), Vec::new());
            let dirs = discover(&args.paths, &mut errors, &mut notes);
            (dirs, errors, notes)
        },
    );
    let engine = engine?;
    let select = args.select.clone().or(cfg.select.clone());
    let mut disabled = cfg.disable.clone();
    disabled.extend(args.disable.iter().cloned());
    let mut enabled = cfg.enable.clone();
    enabled.extend(args.enable.iter().cloned());
    if args.report_unused_suppressions {
        enabled.push("suppression-unused".to_owned());
    }
    let fail_on = match args.fail_on {
        Some(f) => Severity::from(f),
        None => cfg
            .fail_on
            .as_deref()
            .and_then(Severity::parse)
            .unwrap_or(Severity::Low),
    };
    let baseline = args
        .baseline
        .as_deref()
        .map(crate::baseline::Baseline::load)
        .transpose()?;
    let opts = LintOptions {
        profile,
        only: select,
        disabled,
        enabled,
        today: Some(today()?),
    };
    let overridden = cfg.severity.iter().map(|(r, _)| r);
    let ignored = cfg.ignore.iter().flat_map(|i| &i.rules);
    keylint_driver::check_rule_ids(&engine, &opts, overridden.chain(ignored))?;

    let mut paths = std::collections::HashMap::new();
    let groups: Vec<keylint_driver::Group> = dirs
        .into_iter()
        .map(|(dir, files)| keylint_driver::Group {
            dir,
            // A group names its files by their labels (`./main.tf` is `main.tf`), the
            // paths the readers give the files and the findings name them by: the driver
            // finds a finding's file among the groups by it. A file named twice is read once.
            paths: files
                .into_iter()
                .filter_map(|p| {
                    let key = label(&p);
                    paths.insert(key.clone(), p).is_none().then_some(key)
                })
                .collect(),
        })
        .collect();
    let source = DiskSource {
        loader: DiskLoader {
            max: args.max_file_size,
        },
        paths,
    };
    let progress = output::Progress::new(groups.iter().map(|g| g.paths.len()).sum());
    let driver_opts = keylint_driver::Options {
        lint: opts,
        keep_sources: output::wants_sources(&args.outputs),
        inventory: output::wants_inventory(&args.outputs),
    };
    let before = keylint_driver::Outcome {
        errors: walk_errors,
        notes: walk_notes,
        ..Default::default()
    };
    let parallel =
        |groups: &[keylint_driver::Group],
         lint: &(dyn Fn(&keylint_driver::Group) -> keylint_driver::Outcome + Sync)| {
            groups
                .par_iter()
                .map(|g| {
                    let outcome = lint(g);
                    progress.advance(g.paths.len());
                    outcome
                })
                .collect()
        };
    let parallel_sort = |f: &mut [Finding]| f.par_sort_by(keylint_model::finding::finding_order);
    // The control report says which controls were evaluated: it needs the kinds of
    // entities scanned (kind and provider), gathered as units are read.
    let seen: std::sync::Mutex<BTreeSet<Seen>> = std::sync::Mutex::default();
    let observe = |unit: &keylint_model::unit::UnitOutput| {
        let mut kinds: BTreeSet<Seen> = unit
            .entities
            .iter()
            .map(|e| {
                (
                    e.kind,
                    e.get_str("provider").map(str::to_owned),
                    e.attrs.keys().copied().collect(),
                )
            })
            .collect();
        if !unit.suppressions.is_empty() {
            kinds.insert((keylint_model::EntityKind::Suppression, None, Vec::new()));
        }
        if let Ok(mut all) = seen.lock() {
            all.extend(kinds);
        }
    };
    let keylint_driver::Outcome {
        mut findings,
        errors,
        notes,
        sources,
        files,
        mut suppressed,
        scan,
        inventory,
    } = keylint_driver::Pipeline {
        engine: &engine,
        options: &driver_opts,
        source: &source,
        observe: framework.map(|_| &observe as &(dyn Fn(&keylint_model::unit::UnitOutput) + Sync)),
    }
    .run(&groups, &parallel, &parallel_sort, before);
    progress.finish();
    let opts = driver_opts.lint;
    // Findings under paths the config accepts are suppressed, like inline suppressions.
    if !ignores.is_empty() {
        let mut rel = crate::paths::RelativeTo::new(&base);
        let before = findings.len();
        findings.retain(|f| {
            let r = rel.get(&f.file);
            !ignores.iter().any(|i| i.covers(&f.rule, r))
        });
        suppressed += before - findings.len();
    }
    // Files named on the command line (pre-commit passes the changed ones): report what
    // they touch, located there or related there (the variable default or the module
    // argument that weakens a key elsewhere), not the old findings of the files beside them.
    if let Some(scope) = Scope::of(&args.paths) {
        findings.retain(|f| scope.touches(f));
    }
    let mut baselined = 0;
    if let Some(path) = &args.write_baseline {
        crate::baseline::Baseline::write(path, &findings)?;
        baselined = findings.len();
        eprintln!(
            "keylint: recorded {baselined} finding{} in the baseline {}",
            if baselined == 1 { "" } else { "s" },
            path.display()
        );
        findings.clear();
    } else if let Some(b) = &baseline {
        baselined = b.filter(&mut findings);
    }
    // Notes (what was deliberately not read) go to stderr; the report stays findings only.
    for n in &notes {
        match n.line {
            Some(line) => eprintln!("note: {}:{line}: {}", n.file, n.message),
            None => eprintln!("note: {}: {}", n.file, n.message),
        }
    }
    let rules = engine.rule_metas();
    let report = Report {
        findings: &findings,
        errors: &errors,
        rules: &rules,
        sources: &sources,
        files_scanned: files,
        suppressed,
        baselined,
        profile: &opts.profile.name,
    };
    let compliance = framework.map(|f| {
        let seen = seen.into_inner().unwrap_or_default();
        compliance_input(&engine, &opts, &seen, &scan, f)
    });
    let today = opts.today.map(|d| d.to_string());
    let bom = output::Bom {
        inventory: &inventory,
        today: today.as_deref(),
    };
    output::write(
        &args.outputs,
        &report,
        compliance.as_ref(),
        &bom,
        args.color.as_str(),
    )?;
    let code = if !errors.is_empty() {
        Exit::Error
    } else if findings.iter().any(|f| f.severity >= fail_on) {
        Exit::Findings
    } else {
        Exit::Clean
    };
    // The process ends next: freeing every finding and source one by one is wasted time.
    std::mem::forget(findings);
    std::mem::forget(sources);
    Ok(code)
}

/// # Errors
/// Invalid extra rules.
pub fn list_rules(format: Format, dirs: &[PathBuf]) -> anyhow::Result<Exit> {
    let engine = engine(dirs)?;
    if format == Format::Markdown {
        emit(&keylint_linter::reference::markdown(engine.rules()));
        return Ok(Exit::Clean);
    }
    let metas = engine.rule_metas();
    let mut out = String::new();
    if format == Format::Human {
        for m in &metas {
            out.push_str(&format!(
                "{:<44} {:<8} {}{}\n",
                m.id,
                m.severity.as_str(),
                m.title,
                if m.default_enabled {
                    ""
                } else {
                    " (off by default)"
                }
            ));
        }
    } else {
        let list: Vec<serde_json::Value> = metas
            .iter()
            .map(|m| {
                serde_json::json!({
                    "id": m.id,
                    "severity": m.severity,
                    "title": m.title,
                    "provider": m.provider,
                    "help": m.help,
                    "default_enabled": m.default_enabled,
                    "checkov": m.checkov,
                    "trivy": m.trivy,
                    "controls": m.controls,
                })
            })
            .collect();
        out = serde_json::to_string_pretty(&list)?;
        out.push('\n');
    }
    emit(&out);
    Ok(Exit::Clean)
}

/// # Errors
/// Unknown rule id.
pub fn show_rule(id: &str) -> anyhow::Result<Exit> {
    let engine = engine(&[])?;
    let Some(rule) = engine.rule(id) else {
        bail!("unknown rule `{id}` (see `keylint rules`)");
    };
    emit(&rule.doc);
    if !rule.doc.ends_with('\n') {
        emit("\n");
    }
    Ok(Exit::Clean)
}

/// Print to standard output; a reader that went away (`keylint rules | head`) ends the
/// output, not the process with a panic.
pub fn emit(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
