//! The reports of `keylint check`: which formats go where (`--format` and `--output`
//! paired in command-line order), writing them, and the progress bar of long runs.

use std::fs::File;
use std::io::{BufWriter, IsTerminal as _, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use keylint_report::Report;
use keylint_report::compliance::Compliance;
use rayon::prelude::*;

/// A report format of `keylint check`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum OutputFormat {
    /// Code frames with the offending span underlined, and a summary line.
    Human,
    /// `{"version", "findings", "errors", "summary"}`.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// One line per finding: `file:line:col: severity rule message`.
    Concise,
    /// GitHub Actions annotations (`::error file=...::message`).
    Github,
    /// JUnit XML: one test suite per rule, one test case per rule and file.
    Junit,
    /// GitLab Code Quality JSON (`artifacts:reports:codequality`).
    Gitlab,
    /// Markdown for a job summary or a pull-request comment.
    Markdown,
    /// The control report (Markdown): every control of the framework (`--framework`, or
    /// the profile's) that keylint evidences, with its status and findings.
    Compliance,
    /// The control report as JSON.
    ComplianceJson,
    /// CycloneDX 1.6 cryptography bill of materials: the declared keys, their algorithms
    /// and key containers.
    Cyclonedx,
}

impl OutputFormat {
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Human => "human",
            Self::Json => "json",
            Self::Sarif => "sarif",
            Self::Concise => "concise",
            Self::Github => "github",
            Self::Junit => "junit",
            Self::Gitlab => "gitlab",
            Self::Markdown => "markdown",
            Self::Compliance => "compliance",
            Self::ComplianceJson => "compliance-json",
            Self::Cyclonedx => "cyclonedx",
        }
    }
}

/// One report of the run: a format and its file, or standard output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub format: OutputFormat,
    pub path: Option<PathBuf>,
}

/// Pair `--format` and `--output` occurrences, each given with its position on the
/// command line:
///
/// - every `--format` is one report; with none, there is one `human` report;
/// - an `--output` belongs to the last `--format` before it; an `--output` before every
///   `--format` belongs to the first one (so `-o r.sarif --format sarif` works, and so does
///   `-o r.txt` alone, for the default `human`);
/// - a report without an `--output` goes to standard output.
///
/// # Errors
/// Two `--output` files for one `--format`, one file for two formats, or more than one
/// report on standard output.
pub fn pair(
    formats: &[(usize, OutputFormat)],
    files: &[(usize, PathBuf)],
) -> Result<Vec<Output>, String> {
    let mut outputs: Vec<Output> = formats
        .iter()
        .map(|&(_, format)| Output { format, path: None })
        .collect();
    if outputs.is_empty() {
        outputs.push(Output {
            format: OutputFormat::Human,
            path: None,
        });
    }
    for (at, path) in files {
        let target = formats.iter().rposition(|(i, _)| i < at).unwrap_or(0);
        let Some(o) = outputs.get_mut(target) else {
            continue;
        };
        if let Some(first) = &o.path {
            return Err(format!(
                "`--output {}` and `--output {}` both belong to `--format {}`: put a `--format` before each `--output`",
                first.display(),
                path.display(),
                o.format.name()
            ));
        }
        o.path = Some(path.clone());
    }
    for (i, o) in outputs.iter().enumerate() {
        let Some(p) = &o.path else { continue };
        if let Some(other) = outputs.iter().take(i).find(|x| x.path.as_ref() == Some(p)) {
            return Err(format!(
                "`{}` is the `--output` of both `--format {}` and `--format {}`",
                p.display(),
                other.format.name(),
                o.format.name()
            ));
        }
    }
    let stdout: Vec<&str> = outputs
        .iter()
        .filter(|o| o.path.is_none())
        .map(|o| o.format.name())
        .collect();
    if stdout.len() > 1 {
        return Err(format!(
            "only one report can go to standard output, not {} ({}): give the others an `--output` file",
            stdout.len(),
            stdout.join(", ")
        ));
    }
    Ok(outputs)
}

/// [`pair`] on the parsed arguments of `keylint check`.
///
/// # Errors
/// As [`pair`].
pub fn from_matches(m: &clap::ArgMatches) -> Result<Vec<Output>, String> {
    let formats: Vec<(usize, OutputFormat)> = m
        .indices_of("format")
        .into_iter()
        .flatten()
        .zip(
            m.get_many::<OutputFormat>("format")
                .into_iter()
                .flatten()
                .copied(),
        )
        .collect();
    let files: Vec<(usize, PathBuf)> = m
        .indices_of("output")
        .into_iter()
        .flatten()
        .zip(
            m.get_many::<PathBuf>("output")
                .into_iter()
                .flatten()
                .cloned(),
        )
        .collect();
    pair(&formats, &files)
}

/// Whether the run needs the key inventory (a CycloneDX BOM).
#[must_use]
pub fn wants_inventory(outputs: &[Output]) -> bool {
    outputs.iter().any(|o| o.format == OutputFormat::Cyclonedx)
}

/// What a CycloneDX BOM needs beside the report: the key inventory and the day.
pub struct Bom<'a> {
    pub inventory: &'a [keylint_model::inventory::Asset],
    /// `YYYY-MM-DD`: the BOM's timestamp.
    pub today: Option<&'a str>,
}

/// Whether the run needs the masked source texts (only human output shows code frames).
#[must_use]
pub fn wants_sources(outputs: &[Output]) -> bool {
    outputs.is_empty() || outputs.iter().any(|o| o.format == OutputFormat::Human)
}

/// Whether a report is the control report, which needs a framework and the kinds of
/// entities scanned.
#[must_use]
pub fn wants_compliance(outputs: &[Output]) -> bool {
    outputs.iter().any(|o| {
        matches!(
            o.format,
            OutputFormat::Compliance | OutputFormat::ComplianceJson
        )
    })
}

fn render(
    format: OutputFormat,
    report: &Report<'_>,
    compliance: Option<&Compliance>,
    bom: &Bom<'_>,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    match format {
        OutputFormat::Human => {
            out.write_all(keylint_report::human::render(report, color).as_bytes())?;
        }
        OutputFormat::Json => {
            // Rendered in parallel a batch at a time, so the output is never held whole.
            let chunks = report.findings.chunks(16 * 1024).flat_map(|batch| {
                batch
                    .par_chunks(1024)
                    .map(keylint_report::json_findings_chunk)
                    .collect::<Vec<_>>()
            });
            keylint_report::write_json_chunks(report, chunks, &mut out)?;
        }
        OutputFormat::Sarif => out.write_all(keylint_report::sarif::render(report).as_bytes())?,
        OutputFormat::Concise => {
            out.write_all(keylint_report::concise::render(report).as_bytes())?;
        }
        OutputFormat::Github => out.write_all(keylint_report::github::render(report).as_bytes())?,
        OutputFormat::Junit => out.write_all(keylint_report::junit::render(report).as_bytes())?,
        OutputFormat::Gitlab => out.write_all(keylint_report::gitlab::render(report).as_bytes())?,
        OutputFormat::Markdown => {
            out.write_all(keylint_report::markdown::render(report).as_bytes())?;
        }
        OutputFormat::Compliance | OutputFormat::ComplianceJson => {
            if let Some(c) = compliance {
                let text = if format == OutputFormat::Compliance {
                    keylint_report::compliance::markdown(c, report)
                } else {
                    keylint_report::compliance::json(c, report)
                };
                out.write_all(text.as_bytes())?;
            }
        }
        OutputFormat::Cyclonedx => out.write_all(
            keylint_report::cyclonedx::render(report, bom.inventory, bom.today).as_bytes(),
        )?,
    }
    out.flush()
}

/// Write every report, in the order given. All files are created first, so a path that
/// cannot be written stops the run before any report is written. `color` is `--color`.
///
/// # Errors
/// A file cannot be created or written. A closed standard output (`keylint check | head`)
/// is not an error of the run. `compliance` is what the control reports list.
pub fn write(
    outputs: &[Output],
    report: &Report<'_>,
    compliance: Option<&Compliance>,
    bom: &Bom<'_>,
    color: &str,
) -> anyhow::Result<()> {
    let mut files = Vec::with_capacity(outputs.len());
    for o in outputs {
        files.push(match &o.path {
            Some(p) => {
                Some(File::create(p).with_context(|| format!("cannot write `{}`", p.display()))?)
            }
            None => None,
        });
    }
    for (o, file) in outputs.iter().zip(files) {
        let color = match color {
            "always" => true,
            "never" => false,
            _ => {
                o.path.is_none()
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none()
            }
        };
        match (file, &o.path) {
            (Some(mut f), Some(p)) => render(o.format, report, compliance, bom, color, &mut f)
                .with_context(|| format!("cannot write `{}`", p.display()))?,
            _ => {
                let _ = render(
                    o.format,
                    report,
                    compliance,
                    bom,
                    color,
                    &mut std::io::stdout().lock(),
                );
            }
        }
    }
    Ok(())
}

/// Runs with more files than this show a progress bar (when stderr is a terminal).
pub const PROGRESS_MIN_FILES: usize = 200;

/// Whether a run of `files` files shows a progress bar.
#[must_use]
pub fn show_progress(stderr_is_terminal: bool, files: usize) -> bool {
    stderr_is_terminal && files > PROGRESS_MIN_FILES
}

/// A progress bar of files linted, on stderr; hidden (every call a no-op) unless
/// [`show_progress`].
pub struct Progress(ProgressBar);

impl Progress {
    #[must_use]
    pub fn new(files: usize) -> Self {
        if !show_progress(std::io::stderr().is_terminal(), files) {
            return Self(ProgressBar::hidden());
        }
        let bar = ProgressBar::with_draw_target(
            Some(u64::try_from(files).unwrap_or(u64::MAX)),
            ProgressDrawTarget::stderr(),
        );
        if let Ok(style) =
            ProgressStyle::with_template("linting {pos}/{len} files [{bar:30}] {elapsed}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        Self(bar)
    }

    /// `n` more files are linted.
    pub fn advance(&self, n: usize) {
        self.0.inc(u64::try_from(n).unwrap_or(0));
    }

    /// Remove the bar before the reports are written.
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OutputFormat::{Human, Json, Sarif};

    fn out(format: OutputFormat, path: Option<&str>) -> Output {
        Output {
            format,
            path: path.map(PathBuf::from),
        }
    }

    fn files(list: &[(usize, &str)]) -> Vec<(usize, PathBuf)> {
        list.iter().map(|&(i, p)| (i, PathBuf::from(p))).collect()
    }

    #[test]
    fn pairing_follows_the_command_line() {
        // Nothing given: human on stdout.
        assert_eq!(pair(&[], &[]), Ok(vec![out(Human, None)]));
        // `-o r.txt` alone: the default human report into the file.
        assert_eq!(
            pair(&[], &files(&[(2, "r.txt")])),
            Ok(vec![out(Human, Some("r.txt"))])
        );
        // `--format sarif -o k.sarif --format human`.
        assert_eq!(
            pair(&[(2, Sarif), (6, Human)], &files(&[(4, "k.sarif")])),
            Ok(vec![out(Sarif, Some("k.sarif")), out(Human, None)])
        );
        // Single format, either order.
        assert_eq!(
            pair(&[(4, Json)], &files(&[(2, "r.json")])),
            Ok(vec![out(Json, Some("r.json"))])
        );
        assert_eq!(
            pair(&[(2, Json)], &files(&[(4, "r.json")])),
            Ok(vec![out(Json, Some("r.json"))])
        );
        // An --output before every --format belongs to the first.
        assert_eq!(
            pair(&[(4, Sarif), (6, Json)], &files(&[(2, "a"), (8, "b")])),
            Ok(vec![out(Sarif, Some("a")), out(Json, Some("b"))])
        );
    }

    #[test]
    fn pairing_errors() {
        // Two stdout reports.
        let e = pair(&[(2, Json), (4, Human)], &[]).unwrap_err();
        assert!(
            e.contains("only one report can go to standard output"),
            "{e}"
        );
        // Two files for one format.
        let e = pair(&[(2, Json)], &files(&[(4, "a"), (6, "b")])).unwrap_err();
        assert!(e.contains("both belong to `--format json`"), "{e}");
        let e = pair(&[(4, Json)], &files(&[(2, "a"), (6, "b")])).unwrap_err();
        assert!(e.contains("both belong to `--format json`"), "{e}");
        // One file for two formats.
        let e = pair(&[(2, Json), (6, Sarif)], &files(&[(4, "a"), (8, "a")])).unwrap_err();
        assert!(e.contains("`a` is the `--output` of both"), "{e}");
    }

    #[test]
    fn progress_only_for_large_runs_on_a_terminal() {
        assert!(!show_progress(false, 10_000));
        assert!(!show_progress(true, PROGRESS_MIN_FILES));
        assert!(show_progress(true, PROGRESS_MIN_FILES + 1));
        assert!(!show_progress(true, 0));
    }
}
