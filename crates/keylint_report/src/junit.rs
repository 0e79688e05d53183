//! JUnit XML for CI test-report views (GitLab, Jenkins, Azure Pipelines, ...).
//!
//! - `<testsuites name="keylint">` holds one `<testsuite>` per rule, sorted by rule id:
//!   every rule of the catalog plus any other rule that reported a finding.
//! - A rule's suite has one `<testcase name="{file}" classname="{rule}">` per file with
//!   findings of that rule, holding one `<failure message=... type="{severity}">` whose
//!   text lists those findings, one `file:line:col: severity message [resource]` line each
//!   (`type` is the highest severity among them).
//! - A rule with no finding is an empty suite (`tests="0"`): the report cannot tell a rule
//!   that ran and passed from one switched off by `--select` or `--disable`, so it claims
//!   no passing test. (Jenkins' `junit` step needs `allowEmptyResults: true` for a clean
//!   run.)
//! - Files that could not be read or parsed form a last suite, `keylint-errors`, with one
//!   test case per file holding an `<error>` (JUnit's "the test could not run").
//! - No timestamps or durations: the same input gives the same bytes.
//!
//! Text is escaped for XML 1.0: the five markup characters, and in attributes also tab,
//! line feed and carriage return (as character references, so attribute normalisation
//! keeps them); characters XML 1.0 cannot carry at all (other C0 controls, U+FFFE,
//! U+FFFF) become U+FFFD.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use keylint_model::{FileError, Finding};

use crate::{Report, error_place};

/// The suite and class name of files that could not be linted.
pub const ERRORS_SUITE: &str = "keylint-errors";

fn escape_into(out: &mut String, s: &str, attribute: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            '\n' | '\t' => out.push(c),
            c if u32::from(c) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push('\u{fffd}');
            }
            c => out.push(c),
        }
    }
}

/// `s` escaped for an attribute value in double quotes.
fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s, true);
    out
}

/// `s` escaped for element content.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s, false);
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[must_use]
pub fn render(r: &Report<'_>) -> String {
    let mut rules: BTreeMap<&str, BTreeMap<&str, Vec<&Finding>>> = r
        .rules
        .iter()
        .map(|m| (m.id.as_str(), BTreeMap::new()))
        .collect();
    for f in r.findings {
        rules
            .entry(&f.rule)
            .or_default()
            .entry(&f.file)
            .or_default()
            .push(f);
    }
    let mut errors: BTreeMap<&str, Vec<&FileError>> = BTreeMap::new();
    for e in r.errors {
        errors.entry(&e.file).or_default().push(e);
    }
    let failures: usize = rules.values().map(BTreeMap::len).sum();
    let mut out = String::with_capacity(4096 + r.findings.len() * 200);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"keylint\" tests=\"{}\" failures=\"{failures}\" errors=\"{}\">",
        failures + errors.len(),
        errors.len()
    );
    for (rule, files) in &rules {
        let rule = attr(rule);
        let n = files.len();
        if n == 0 {
            let _ = writeln!(
                out,
                "  <testsuite name=\"{rule}\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\"/>"
            );
            continue;
        }
        let _ = writeln!(
            out,
            "  <testsuite name=\"{rule}\" tests=\"{n}\" failures=\"{n}\" errors=\"0\" skipped=\"0\">"
        );
        for (file, findings) in files {
            let (Some(first), Some(worst)) =
                (findings.first(), findings.iter().map(|f| f.severity).max())
            else {
                continue;
            };
            let _ = writeln!(
                out,
                "    <testcase name=\"{}\" classname=\"{rule}\">",
                attr(file)
            );
            let message = format!(
                "{} finding{}: {}",
                findings.len(),
                plural(findings.len()),
                first.title
            );
            let _ = write!(
                out,
                "      <failure message=\"{}\" type=\"{worst}\">",
                attr(&message)
            );
            for f in findings {
                let _ = writeln!(
                    out,
                    "{}:{}:{}: {} {} [{}]",
                    text(&f.file),
                    f.line,
                    f.column,
                    f.severity,
                    text(&f.message),
                    text(&f.resource)
                );
            }
            out.push_str("</failure>\n    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    if !errors.is_empty() {
        let n = errors.len();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{ERRORS_SUITE}\" tests=\"{n}\" failures=\"0\" errors=\"{n}\" skipped=\"0\">"
        );
        for (file, errs) in &errors {
            let Some(first) = errs.first() else {
                continue;
            };
            let _ = writeln!(
                out,
                "    <testcase name=\"{}\" classname=\"{ERRORS_SUITE}\">",
                attr(file)
            );
            let _ = write!(
                out,
                "      <error message=\"{}\" type=\"error\">",
                attr(&first.message)
            );
            for e in errs {
                let _ = writeln!(out, "{}: {}", text(&error_place(e)), text(&e.message));
            }
            out.push_str("</error>\n    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use keylint_model::{RuleMeta, Severity};

    use super::*;
    use crate::testing::finding;

    fn meta(id: &str) -> RuleMeta {
        RuleMeta {
            id: id.into(),
            title: "t".into(),
            severity: Severity::Low,
            help: "h".into(),
            doc: String::new(),
            provider: "aws".into(),
            checkov: Vec::new(),
            trivy: Vec::new(),
            default_enabled: true,
            controls: Vec::new(),
        }
    }

    const HOSTILE: &str = "a<b>&c\"d'e]]>\u{1}\u{ffff}\ttab\r\nnew \u{7f}";

    #[test]
    fn parses_with_the_expected_counts_and_values() {
        let findings = [
            finding("r-a", Severity::High, "a.tf", 1, "one"),
            finding("r-a", Severity::Critical, "a.tf", 9, "two"),
            finding("r-a", Severity::High, "b.tf", 2, HOSTILE),
            finding("r-b", Severity::Low, HOSTILE, 3, "three"),
        ];
        let errors = [
            FileError::new("bad.tf", Some(2), HOSTILE),
            FileError::new("bad.tf", Some(5), "second"),
            FileError::new("bin.tf", None, "not valid UTF-8"),
        ];
        let rules = [meta("r-a"), meta("r-pass")];
        let sources = BTreeMap::new();
        let mut r = crate::testing::report(&findings, &errors, &sources);
        r.rules = &rules;
        let xml = render(&r);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        assert_eq!(root.attribute("tests"), Some("5"));
        assert_eq!(root.attribute("failures"), Some("3"));
        assert_eq!(root.attribute("errors"), Some("2"));
        let suites: Vec<_> = root
            .children()
            .filter(roxmltree::Node::is_element)
            .collect();
        let names: Vec<_> = suites
            .iter()
            .map(|s| s.attribute("name").unwrap())
            .collect();
        assert_eq!(names, ["r-a", "r-b", "r-pass", ERRORS_SUITE]);
        fn cases<'a, 'i>(s: &roxmltree::Node<'a, 'i>) -> Vec<roxmltree::Node<'a, 'i>> {
            s.children()
                .filter(|c| c.has_tag_name("testcase"))
                .collect()
        }
        let a = cases(&suites[0]);
        assert_eq!(a.len(), 2);
        assert_eq!(suites[0].attribute("tests"), Some("2"));
        assert_eq!(a[0].attribute("name"), Some("a.tf"));
        assert_eq!(a[0].attribute("classname"), Some("r-a"));
        let failure = a[0].first_element_child().unwrap();
        assert_eq!(failure.tag_name().name(), "failure");
        assert_eq!(failure.attribute("type"), Some("critical"));
        assert_eq!(
            failure.attribute("message"),
            Some("2 findings: title of r-a")
        );
        assert_eq!(
            failure.text(),
            Some("a.tf:1:1: high one [aws_kms_key.k]\na.tf:9:1: critical two [aws_kms_key.k]\n")
        );
        // Hostile text survives in content and attributes, except what XML cannot carry.
        let kept = HOSTILE.replace(['\u{1}', '\u{ffff}'], "\u{fffd}");
        let b = a[1].first_element_child().unwrap().text().unwrap();
        assert!(b.contains(&kept), "{b:?}");
        let r_b = cases(&suites[1]);
        assert_eq!(r_b[0].attribute("name"), Some(kept.as_str()));
        assert!(cases(&suites[2]).is_empty());
        assert_eq!(suites[2].attribute("tests"), Some("0"));
        let errs = cases(&suites[3]);
        assert_eq!(errs.len(), 2);
        let error = errs[0].first_element_child().unwrap();
        assert_eq!(error.tag_name().name(), "error");
        assert_eq!(error.attribute("message"), Some(kept.as_str()));
        assert!(error.text().unwrap().ends_with("bad.tf:5: second\n"));
    }

    #[test]
    fn clean_run_is_valid_and_empty() {
        let sources = BTreeMap::new();
        let xml = render(&crate::testing::report(&[], &[], &sources));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        assert_eq!(doc.root_element().attribute("tests"), Some("0"));
        assert_eq!(
            doc.root_element()
                .children()
                .filter(roxmltree::Node::is_element)
                .count(),
            0
        );
    }
}
