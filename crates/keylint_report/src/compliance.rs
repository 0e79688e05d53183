//! The control report (`--format compliance` and `compliance-json`): for one framework,
//! every control the loaded rules evidence, with its status in this run and its findings.
//!
//! A control's status is `findings` when a rule that evidences it reported a finding,
//! `no findings` when at least one of its rules ran on something of the kind it judges
//! and found nothing, and `not evaluated` when none did: nothing of that kind was
//! scanned, or the rule is off. The caller (the CLI) decides how each rule stood in the
//! run ([`RuleState`]); this module only counts and renders.

use std::fmt::Write as _;

use keylint_model::Finding;
use serde::Serialize;

use crate::markdown::{HEADER, code, escape_text, plural, row};
use crate::{Report, VERSION, one_line};

/// How a rule stood in this run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleState {
    /// It was on, and something of the kind it judges was scanned.
    Evaluated,
    /// It was off (opt-in and not enabled, disabled, or not selected).
    Off,
    /// It was on, but nothing of the kind it judges was scanned.
    NothingScanned,
}

/// A control's status in this run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Findings,
    NoFindings,
    NotEvaluated,
}

impl Status {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Findings => "findings",
            Self::NoFindings => "no findings",
            Self::NotEvaluated => "not evaluated",
        }
    }
}

/// A control of the report's framework and the rules that evidence it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControlInput {
    /// `pci-dss-4.0:3.6.1`
    pub id: String,
    pub title: String,
    pub source: String,
    /// The rules that evidence it, with how each stood in the run.
    pub rules: Vec<(String, RuleState)>,
}

/// What the report is about: the framework (its `--framework` name and full name) and
/// its controls, in the order they are listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compliance {
    pub framework: String,
    pub framework_name: String,
    pub controls: Vec<ControlInput>,
}

#[derive(Serialize)]
struct RuleOut<'a> {
    id: &'a str,
    state: RuleState,
    findings: usize,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    rule: &'a str,
    severity: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    resource: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct ControlOut<'a> {
    id: &'a str,
    item: &'a str,
    title: &'a str,
    source: &'a str,
    status: Status,
    rules: Vec<RuleOut<'a>>,
    findings: Vec<FindingOut<'a>>,
}

#[derive(Serialize)]
struct FrameworkOut<'a> {
    key: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct SummaryOut {
    controls: usize,
    findings: usize,
    no_findings: usize,
    not_evaluated: usize,
}

#[derive(Serialize)]
struct ReportOut<'a> {
    version: &'a str,
    framework: FrameworkOut<'a>,
    profile: &'a str,
    files: usize,
    summary: SummaryOut,
    controls: Vec<ControlOut<'a>>,
}

/// One control with its findings and status.
struct Row<'a> {
    control: &'a ControlInput,
    item: &'a str,
    findings: Vec<&'a Finding>,
    status: Status,
}

fn rows<'a>(c: &'a Compliance, r: &'a Report<'_>) -> Vec<Row<'a>> {
    c.controls
        .iter()
        .map(|control| {
            let findings: Vec<&Finding> = r
                .findings
                .iter()
                .filter(|f| control.rules.iter().any(|(id, _)| *id == f.rule))
                .collect();
            let status = if !findings.is_empty() {
                Status::Findings
            } else if control
                .rules
                .iter()
                .any(|(_, s)| *s == RuleState::Evaluated)
            {
                Status::NoFindings
            } else {
                Status::NotEvaluated
            };
            let item = control
                .id
                .split_once(':')
                .map_or(control.id.as_str(), |(_, i)| i);
            Row {
                control,
                item,
                findings,
                status,
            }
        })
        .collect()
}

fn count(rows: &[Row<'_>], s: Status) -> usize {
    rows.iter().filter(|row| row.status == s).count()
}

/// The report as pretty JSON.
#[must_use]
pub fn json(c: &Compliance, r: &Report<'_>) -> String {
    let rows = rows(c, r);
    let out = ReportOut {
        version: VERSION,
        framework: FrameworkOut {
            key: &c.framework,
            name: &c.framework_name,
        },
        profile: r.profile,
        files: r.files_scanned,
        summary: SummaryOut {
            controls: rows.len(),
            findings: count(&rows, Status::Findings),
            no_findings: count(&rows, Status::NoFindings),
            not_evaluated: count(&rows, Status::NotEvaluated),
        },
        controls: rows
            .iter()
            .map(|row| ControlOut {
                id: &row.control.id,
                item: row.item,
                title: &row.control.title,
                source: &row.control.source,
                status: row.status,
                rules: row
                    .control
                    .rules
                    .iter()
                    .map(|(id, state)| RuleOut {
                        id,
                        state: *state,
                        findings: row.findings.iter().filter(|f| f.rule == *id).count(),
                    })
                    .collect(),
                findings: row
                    .findings
                    .iter()
                    .map(|f| FindingOut {
                        rule: &f.rule,
                        severity: f.severity.as_str(),
                        file: &f.file,
                        line: f.line,
                        column: f.column,
                        resource: &f.resource,
                        message: &f.message,
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
    s.push('\n');
    s
}

/// `text` escaped for Markdown.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_text(&one_line(s), &mut out);
    out
}

/// The control's item, linked to its source when it has one.
fn item_link(row: &Row<'_>) -> String {
    let source = &row.control.source;
    if source.starts_with("https://") && !source.contains([')', ' ', '<', '>']) {
        format!("[{}]({source})", text(row.item))
    } else {
        text(row.item)
    }
}

/// The rules cell: each rule with its findings or why it did not run.
fn rules_cell(row: &Row<'_>) -> String {
    row.control
        .rules
        .iter()
        .map(|(id, state)| {
            let n = row.findings.iter().filter(|f| f.rule == *id).count();
            let note = match state {
                _ if n > 0 => plural(n, "finding", "findings"),
                RuleState::Evaluated => "no findings".to_owned(),
                RuleState::Off => "off".to_owned(),
                RuleState::NothingScanned => "nothing to judge".to_owned(),
            };
            format!("{} ({note})", code(id))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The report as Markdown, for an audit file or a job summary (`$GITHUB_STEP_SUMMARY`).
#[must_use]
pub fn markdown(c: &Compliance, r: &Report<'_>) -> String {
    let rows = rows(c, r);
    let mut out = String::with_capacity(4096);
    let _ = writeln!(out, "# Control report: {}\n", text(&c.framework_name));
    let _ = writeln!(
        out,
        "keylint {VERSION} · profile {} · {} · {}{}\n",
        code(r.profile),
        plural(r.files_scanned, "file", "files"),
        plural(r.findings.len(), "finding", "findings"),
        if r.errors.is_empty() {
            String::new()
        } else {
            format!(
                " · {} not linted",
                plural(r.errors.len(), "file error", "file errors")
            )
        }
    );
    let _ = writeln!(
        out,
        "**{}**: {} with findings, {} with no findings, {} not evaluated.\n",
        plural(rows.len(), "control", "controls"),
        count(&rows, Status::Findings),
        count(&rows, Status::NoFindings),
        count(&rows, Status::NotEvaluated),
    );
    out.push_str(
        "A control is listed when a keylint rule evidences it. *findings*: one of its rules \
         reported a finding; *no findings*: its rules ran on what was scanned and found \
         nothing (evidence for the configuration scanned, not proof of compliance); \
         *not evaluated*: none of its rules ran, because nothing of the kind they judge was \
         scanned or the rule is off.\n\n",
    );
    out.push_str("| Control | Title | Status | Rules |\n|---|---|---|---|\n");
    for row in &rows {
        let status = match row.status {
            Status::Findings => format!("**{}**", row.status.as_str()),
            _ => row.status.as_str().to_owned(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {status} | {} |",
            item_link(row),
            text(&row.control.title),
            rules_cell(row)
        );
    }
    if rows.iter().any(|x| x.status == Status::Findings) {
        out.push_str("\n## Findings by control\n");
        for x in rows.iter().filter(|x| x.status == Status::Findings) {
            let _ = write!(
                out,
                "\n### {} {}\n\n{HEADER}",
                text(x.item),
                text(&x.control.title)
            );
            for f in &x.findings {
                row(&mut out, f);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{finding, report};
    use keylint_model::Severity;

    fn input() -> Compliance {
        let control = |id: &str, rules: &[(&str, RuleState)]| ControlInput {
            id: id.into(),
            title: format!("title | of {id}"),
            source: "https://example.org/standard".into(),
            rules: rules.iter().map(|(r, s)| ((*r).to_owned(), *s)).collect(),
        };
        Compliance {
            framework: "pci-dss".into(),
            framework_name: "PCI DSS v4.0".into(),
            controls: vec![
                control("pci-dss-4.0:3.7.4", &[("rot", RuleState::Evaluated)]),
                control(
                    "pci-dss-4.0:7.2.2",
                    &[("wild", RuleState::Evaluated), ("off", RuleState::Off)],
                ),
                control(
                    "pci-dss-4.0:10.2.1",
                    &[
                        ("logs", RuleState::NothingScanned),
                        ("alarm", RuleState::Off),
                    ],
                ),
            ],
        }
    }

    #[test]
    fn statuses_follow_findings_and_rule_states() {
        let findings = [finding("rot", Severity::Medium, "a.tf", 3, "rotation off")];
        let sources = std::collections::BTreeMap::new();
        let r = report(&findings, &[], &sources);
        let c = input();
        let rows = rows(&c, &r);
        let statuses: Vec<Status> = rows.iter().map(|r| r.status).collect();
        assert_eq!(
            statuses,
            [Status::Findings, Status::NoFindings, Status::NotEvaluated]
        );
        let json: serde_json::Value = serde_json::from_str(&json(&c, &r)).unwrap();
        assert_eq!(json["summary"]["findings"], 1);
        assert_eq!(json["summary"]["not_evaluated"], 1);
        assert_eq!(json["controls"][0]["status"], "findings");
        assert_eq!(json["controls"][0]["findings"][0]["file"], "a.tf");
        assert_eq!(json["controls"][2]["rules"][0]["state"], "nothing-scanned");
        let md = markdown(&c, &r);
        assert!(md.contains("| [3.7.4](https://example.org/standard) | title \\| of pci-dss-4.0:3.7.4 | **findings** | `rot` (1 finding) |"), "{md}");
        assert!(
            md.contains("`logs` (nothing to judge), `alarm` (off)"),
            "{md}"
        );
        assert!(md.contains("### 3.7.4 title"), "{md}");
    }
}
