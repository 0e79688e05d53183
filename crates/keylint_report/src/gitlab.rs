//! GitLab Code Quality report (`artifacts:reports:codequality`): a JSON array of issues
//! with `description`, `check_name`, `fingerprint`, `severity` and `location` (`path`,
//! `lines.begin`, `lines.end`), the subset of the Code Climate format that GitLab reads.
//!
//! - `severity`: critical -> `blocker`, high -> `critical`, medium -> `major`, low ->
//!   `minor`, info -> `info`.
//! - `fingerprint`: FNV-1a 64 (hex) of rule, file, resource and message, each followed by
//!   a zero byte but the last; the line is left out so that moving code keeps the issue's
//!   identity in the merge-request widget. It is the SARIF `keylint/v1` fingerprint. GitLab
//!   keeps one issue per fingerprint, so when several findings of one report share that
//!   key (the same message on two lines of one resource), the second and later get
//!   `\0{n}` (n = 2, 3, ... in report order) added to the hash input.
//! - Files that could not be read or parsed are issues too, `check_name`
//!   `keylint-file-error`, severity `critical`: a file keylint cannot read hides every
//!   finding in it, which weighs like a high finding, while `blocker` stays for findings
//!   of critical rules. The run's exit code (2) still fails the job.

use std::collections::HashMap;

use keylint_model::Severity;
use serde::Serialize;

use crate::{Report, fnv1a64};

/// The `check_name` of files that could not be linted.
pub const ERROR_CHECK: &str = "keylint-file-error";

#[derive(Serialize)]
struct Issue<'a> {
    description: &'a str,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

#[must_use]
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "blocker",
        Severity::High => "critical",
        Severity::Medium => "major",
        Severity::Low => "minor",
        Severity::Info => "info",
    }
}

/// Hashes of `parts`, made unique within one report as described in the module docs.
#[derive(Default)]
struct Fingerprints<'a> {
    seen: HashMap<[&'a str; 4], usize>,
}

impl<'a> Fingerprints<'a> {
    fn next(&mut self, parts: [&'a str; 4]) -> String {
        let n = self.seen.entry(parts).or_insert(0);
        *n += 1;
        let h = if *n == 1 {
            fnv1a64(&parts)
        } else {
            let n = n.to_string();
            let [a, b, c, d] = parts;
            fnv1a64(&[a, b, c, d, &n])
        };
        format!("{h:016x}")
    }
}

#[must_use]
pub fn render(r: &Report<'_>) -> String {
    let mut prints = Fingerprints::default();
    let mut issues = Vec::with_capacity(r.findings.len() + r.errors.len());
    for f in r.findings {
        issues.push(Issue {
            description: &f.message,
            check_name: &f.rule,
            fingerprint: prints.next([&f.rule, &f.file, &f.resource, &f.message]),
            severity: severity(f.severity),
            location: Location {
                path: &f.file,
                lines: Lines {
                    begin: f.line,
                    end: f.end_line.max(f.line),
                },
            },
        });
    }
    for e in r.errors {
        let line = e.line.unwrap_or(1);
        issues.push(Issue {
            description: &e.message,
            check_name: ERROR_CHECK,
            fingerprint: prints.next([ERROR_CHECK, &e.file, "", &e.message]),
            severity: "critical",
            location: Location {
                path: &e.file,
                lines: Lines {
                    begin: line,
                    end: line,
                },
            },
        });
    }
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashSet};

    use keylint_model::FileError;

    use super::*;
    use crate::testing::finding;

    #[test]
    fn issues_fingerprints_and_severities() {
        let mut moved = finding("r", Severity::Critical, "a.tf", 30, "m");
        moved.end_line = 32;
        let findings = [
            finding("r", Severity::Critical, "a.tf", 3, "m"),
            finding("r", Severity::High, "a.tf", 4, "other"),
            finding("r", Severity::Medium, "a.tf", 5, "m"),
            finding("s", Severity::Low, "b.tf", 1, "m"),
            finding("t", Severity::Info, "b.tf", 1, "m"),
        ];
        let errors = [FileError::new("bad.tf", None, "expected a value")];
        let sources = BTreeMap::new();
        let out = render(&crate::testing::report(&findings, &errors, &sources));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let issues = v.as_array().unwrap();
        assert_eq!(issues.len(), 6);
        let sev: Vec<&str> = issues
            .iter()
            .map(|i| i["severity"].as_str().unwrap())
            .collect();
        assert_eq!(
            sev,
            ["blocker", "critical", "major", "minor", "info", "critical"]
        );
        let prints: HashSet<&str> = issues
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap())
            .collect();
        assert_eq!(prints.len(), 6, "fingerprints are unique: {out}");
        // The first finding keeps the SARIF fingerprint; a moved line keeps it too.
        assert_eq!(
            issues[0]["fingerprint"],
            crate::sarif::fingerprint(&findings[0])
        );
        let again = [moved];
        let out = render(&crate::testing::report(&again, &[], &sources));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v[0]["fingerprint"], issues[0]["fingerprint"]);
        assert_eq!(v[0]["location"]["lines"]["begin"], 30);
        assert_eq!(v[0]["location"]["lines"]["end"], 32);
        let e = &issues[5];
        assert_eq!(e["check_name"], ERROR_CHECK);
        assert_eq!(e["location"]["path"], "bad.tf");
        assert_eq!(e["location"]["lines"]["begin"], 1);
        assert_eq!(issues[3]["check_name"], "s");
        assert_eq!(issues[3]["description"], "m");
    }

    #[test]
    fn clean_run_is_an_empty_array() {
        let sources = BTreeMap::new();
        assert_eq!(render(&crate::testing::report(&[], &[], &sources)), "[]\n");
    }
}
