//! One line per finding, `file:line:col: severity rule message`, for editors' problem
//! matchers and `grep`.
//!
//! Errors (files that could not be read or parsed) follow the findings as
//! `file:line:col: error message`: `error` is never a severity, so a reader tells the two
//! apart by the fourth field; an unknown line or column is written as 1, so every line has
//! the same shape. Control characters in any field (a newline in a message or a path)
//! become spaces: one record is always one line. No summary line: the exit code and the
//! line count say it, and standard output stays records only.

use std::fmt::Write as _;

use crate::{Report, one_line};

#[must_use]
pub fn render(r: &Report<'_>) -> String {
    let mut out = String::with_capacity(r.findings.len() * 120);
    for f in r.findings {
        let _ = writeln!(
            out,
            "{}:{}:{}: {} {} {}",
            one_line(&f.file),
            f.line,
            f.column,
            f.severity,
            one_line(&f.rule),
            one_line(&f.message)
        );
    }
    for e in r.errors {
        let _ = writeln!(
            out,
            "{}:{}:{}: error {}",
            one_line(&e.file),
            e.line.unwrap_or(1),
            e.column.unwrap_or(1),
            one_line(&e.message)
        );
    }
    out
}

#[cfg(test)]
mod tests {

    use std::collections::BTreeMap;

    use keylint_model::{FileError, Severity};

    use super::*;
    use crate::testing::finding;

    #[test]
    fn one_line_per_finding_then_errors() {
        let findings = [
            finding(
                "aws-kms-rotation-disabled",
                Severity::Medium,
                "a.tf",
                3,
                "rotation is off",
            ),
            finding(
                "r2",
                Severity::Critical,
                "dir/b.tf",
                10,
                "two\nlines\r\n\u{1b}[31mred",
            ),
        ];
        let errors = [
            FileError::new("bad.tf", Some(2), "expected a value"),
            FileError::new("bin.tf", None, "not valid UTF-8"),
        ];
        let sources = BTreeMap::new();
        let r = crate::testing::report(&findings, &errors, &sources);
        assert_eq!(
            render(&r),
            "a.tf:3:1: medium aws-kms-rotation-disabled rotation is off\n\
             dir/b.tf:10:1: critical r2 two lines   [31mred\n\
             bad.tf:2:1: error expected a value\n\
             bin.tf:1:1: error not valid UTF-8\n"
        );
    }

    #[test]
    fn empty_report_prints_nothing() {
        let sources = BTreeMap::new();
        assert_eq!(render(&crate::testing::report(&[], &[], &sources)), "");
    }
}
