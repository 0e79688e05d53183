//! Findings and errors: plain data, rendered by `keylint_report`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_lowercase().as_str() {
            "info" => Severity::Info,
            "low" => Severity::Low,
            "medium" => Severity::Medium,
            "high" => Severity::High,
            "critical" => Severity::Critical,
            _ => return None,
        })
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary location shown with a finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Related {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: String,
    #[serde(skip)]
    pub span: (usize, usize),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub title: String,
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// UTF-16 columns, for browser editors.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column_utf16: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub end_column_utf16: Option<usize>,
    pub resource: String,
    pub help: String,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub related: Vec<Related>,
    /// Byte range of the primary span in `file`.
    #[serde(skip)]
    pub span: (usize, usize),
}

impl Finding {
    /// The deterministic output order: file, line, column, rule, resource.
    #[must_use]
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str, usize, usize) {
        (
            &self.file,
            self.line,
            self.column,
            &self.rule,
            &self.resource,
            self.end_line,
            self.end_column,
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FileError {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column: Option<usize>,
    pub message: String,
}

impl FileError {
    #[must_use]
    pub fn new(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line,
            column: None,
            message: message.into(),
        }
    }
}

/// Sort findings into the output order and drop exact duplicates (the same rule on the
/// same span, e.g. a policy file linted on its own and through `file()`).
pub fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(finding_order);
    dedup_sorted_findings(findings);
}

/// The order of [`sort_findings`], for callers that sort another way (in parallel).
#[must_use]
pub fn finding_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    a.sort_key()
        .cmp(&b.sort_key())
        .then_with(|| a.message.cmp(&b.message))
}

/// Merge repeats in findings sorted by [`finding_order`]: one finding per rule and primary
/// span. A file linted on its own and again through `file()` or a module call, or a policy
/// file loaded by several resources, gives the same finding more than once; the first (in
/// output order) stays, and the places the others add (the other resources, the module
/// calls) become its related locations.
pub fn dedup_sorted_findings(findings: &mut Vec<Finding>) {
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    // Where in `kept` the findings of the last one's file, start and rule begin: sorted by
    // [`finding_order`], a repeat (same rule, file and span) falls in that run.
    let mut run = 0;
    for f in findings.drain(..) {
        if kept.last().is_some_and(|l| {
            (l.file.as_str(), l.line, l.column, l.rule.as_str())
                != (f.file.as_str(), f.line, f.column, f.rule.as_str())
        }) {
            run = kept.len();
        }
        let Some(target) = kept
            .get_mut(run..)
            .and_then(|same_start| same_start.iter_mut().find(|k| k.span == f.span))
        else {
            kept.push(f);
            continue;
        };
        let same_place = |a: &Related, b: &Related| a.file == b.file && a.span == b.span;
        for r in f.related {
            let primary = r.file == target.file && r.span == target.span;
            if !primary && !target.related.iter().any(|x| same_place(x, &r)) {
                target.related.push(r);
            }
        }
    }
    *findings = kept;
}

/// What a reporter needs to know about a rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleMeta {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub help: String,
    /// Markdown documentation; empty for a rule without any (a built-in rule in a build
    /// without `keylint_linter`'s `rule-docs` feature, a user rule without `doc.md`).
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub doc: String,
    /// `aws`, `azure`, `gcp`, `common`, `user`.
    pub provider: String,
    /// checkov check ids the rule covers (their skips silence it).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub checkov: Vec<String>,
    /// trivy/tfsec check ids the rule covers (their ignores silence it).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub trivy: Vec<String>,
    /// `false` for an opt-in rule.
    #[serde(skip_serializing_if = "is_true", default = "yes")]
    pub default_enabled: bool,
    /// The compliance controls the rule evidences (`@controls`).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub controls: Vec<Control>,
}

/// A compliance control a rule evidences: `pci-dss-4.0:3.6.1`, with its title and the
/// page the id is quoted from (both empty for an id the built-in catalog does not hold).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Control {
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub source: String,
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}
