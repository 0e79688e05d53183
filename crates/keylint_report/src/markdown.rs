//! Markdown for a GitHub job summary (`$GITHUB_STEP_SUMMARY`) or a pull-request or
//! merge-request comment: a title, totals by severity, a table of findings (severity, rule,
//! `file:line`, resource, message) and a list of the files that could not be linted.
//!
//! The first 50 findings are a table; the next ones sit in a collapsed `<details>` block,
//! and after 1,000 rows the rest are only counted (a job summary holds 1 MiB). The only
//! HTML is that `<details>` block, written by keylint itself. Scanned data (paths, rule
//! ids, resources, messages) is escaped: control characters and newlines become spaces,
//! Markdown punctuation that could start emphasis, links, HTML, math, strike-through or a
//! table cell (`` \ ` * _ [ ] < > | ~ & $ @ ``) gets a backslash, and a message's
//! `` `value` `` pairs become code spans (inside which only `|` is escaped, as GFM tables
//! require); a message with unpaired backticks shows them literally.

use std::fmt::Write as _;

use keylint_model::Finding;

use crate::{Report, SEVERITIES, error_place, one_line};

/// Findings shown before the rest are folded into `<details>`.
pub const VISIBLE_ROWS: usize = 50;
/// Findings listed at most; the others are counted.
pub const MAX_ROWS: usize = 1000;

pub(crate) const HEADER: &str =
    "| Severity | Rule | Location | Resource | Message |\n|---|---|---|---|---|\n";

/// Plain text with Markdown's active punctuation escaped.
pub(crate) fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '@'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A code span of `s`, or escaped text where a span cannot hold it.
pub(crate) fn code(s: &str) -> String {
    let s = one_line(s);
    let mut out = String::with_capacity(s.len() + 2);
    if s.contains('`') || s.trim().is_empty() {
        escape_text(&s, &mut out);
    } else {
        out.push('`');
        out.push_str(&s.replace('|', "\\|"));
        out.push('`');
    }
    out
}

/// A message: text escaped, `` `value` `` pairs as code spans.
fn inline(s: &str) -> String {
    let s = one_line(s);
    let parts: Vec<&str> = s.split('`').collect();
    let mut out = String::with_capacity(s.len() + 16);
    if parts.len().is_multiple_of(2) {
        escape_text(&s, &mut out);
        return out;
    }
    for (i, part) in parts.iter().enumerate() {
        if i.is_multiple_of(2) {
            escape_text(part, &mut out);
        } else if part.trim().is_empty() {
            out.push_str("\\`");
            escape_text(part, &mut out);
            out.push_str("\\`");
        } else {
            out.push('`');
            out.push_str(&part.replace('|', "\\|"));
            out.push('`');
        }
    }
    out
}

pub(crate) fn row(out: &mut String, f: &Finding) {
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |",
        f.severity,
        code(&f.rule),
        code(&format!("{}:{}", f.file, f.line)),
        code(&f.resource),
        inline(&f.message)
    );
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[must_use]
pub fn render(r: &Report<'_>) -> String {
    let mut out = String::with_capacity(1024 + r.findings.len().min(MAX_ROWS) * 200);
    out.push_str("## keylint\n\n");
    let mut line = format!(
        "**{}** in {}, {}",
        plural(r.findings.len(), "finding", "findings"),
        plural(r.files_scanned, "file", "files"),
        plural(r.errors.len(), "error", "errors")
    );
    if r.suppressed > 0 {
        let _ = write!(line, ", {} suppressed", r.suppressed);
    }
    if r.baselined > 0 {
        let _ = write!(line, ", {} baselined", r.baselined);
    }
    let mut profile = String::new();
    escape_text(&one_line(r.profile), &mut profile);
    let _ = writeln!(out, "{line} (profile {profile}).\n");
    if !r.findings.is_empty() {
        out.push_str("| critical | high | medium | low | info |\n|---:|---:|---:|---:|---:|\n|");
        for s in SEVERITIES {
            let _ = write!(
                out,
                " {} |",
                r.findings.iter().filter(|f| f.severity == s).count()
            );
        }
        out.push_str("\n\n### Findings\n\n");
        out.push_str(HEADER);
        let shown = r.findings.len().min(MAX_ROWS);
        for f in r.findings.iter().take(VISIBLE_ROWS.min(shown)) {
            row(&mut out, f);
        }
        if shown > VISIBLE_ROWS {
            let _ = write!(
                out,
                "\n<details>\n<summary>{}</summary>\n\n{HEADER}",
                plural(shown - VISIBLE_ROWS, "more finding", "more findings")
            );
            for f in r.findings.iter().take(shown).skip(VISIBLE_ROWS) {
                row(&mut out, f);
            }
            out.push_str("\n</details>\n");
        }
        if r.findings.len() > shown {
            let _ = writeln!(
                out,
                "\n{} not listed here; the JSON or SARIF output has them all.",
                plural(
                    r.findings.len() - shown,
                    "more finding is",
                    "more findings are"
                )
            );
        }
    }
    if !r.errors.is_empty() {
        out.push_str(if r.findings.is_empty() { "" } else { "\n" });
        let _ = writeln!(
            out,
            "### Errors\n\n{} could not be linted; findings in {} are missing.\n",
            plural(r.errors.len(), "file", "files"),
            if r.errors.len() == 1 { "it" } else { "them" }
        );
        for e in r.errors {
            let _ = writeln!(out, "- {}: {}", code(&error_place(e)), inline(&e.message));
        }
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
    fn escapes_scanned_text() {
        assert_eq!(
            inline("key `a|b` has <img src=x> *x* _y_ [l](u) ~s~ &amp; $m$ @team\nnext"),
            "key `a\\|b` has \\<img src=x\\> \\*x\\* \\_y\\_ \\[l\\](u) \\~s\\~ \\&amp; \\$m\\$ \\@team next"
        );
        // Unpaired backticks: all literal, and the text after them is still escaped.
        assert_eq!(inline("a `b <i>"), "a \\`b \\<i\\>");
        // An empty pair is literal too (two backticks would open a longer code span).
        assert_eq!(inline("x `` y"), "x \\`\\` y");
        assert_eq!(code("dir/a|b.tf:3"), "`dir/a\\|b.tf:3`");
        assert_eq!(code("we`ird <b>"), "we\\`ird \\<b\\>");
        assert_eq!(code(""), "");
    }

    #[test]
    fn document_shape() {
        let findings = [
            finding("r-a", Severity::High, "a.tf", 3, "rotation is `false`"),
            finding("r-b", Severity::Info, "b|c.tf", 1, "multi\nline <script>"),
        ];
        let errors = [FileError::new("bad.tf", Some(2), "expected `=`")];
        let sources = BTreeMap::new();
        let out = render(&crate::testing::report(&findings, &errors, &sources));
        assert_eq!(
            out,
            "## keylint\n\n\
             **2 findings** in 3 files, 1 error (profile default).\n\n\
             | critical | high | medium | low | info |\n|---:|---:|---:|---:|---:|\n| 0 | 1 | 0 | 0 | 1 |\n\n\
             ### Findings\n\n\
             | Severity | Rule | Location | Resource | Message |\n|---|---|---|---|---|\n\
             | high | `r-a` | `a.tf:3` | `aws_kms_key.k` | rotation is `false` |\n\
             | info | `r-b` | `b\\|c.tf:1` | `aws_kms_key.k` | multi line \\<script\\> |\n\n\
             ### Errors\n\n1 file could not be linted; findings in it are missing.\n\n\
             - `bad.tf:2`: expected `=`\n"
        );
        let clean = render(&crate::testing::report(&[], &[], &sources));
        assert_eq!(
            clean,
            "## keylint\n\n**0 findings** in 3 files, 0 errors (profile default).\n\n"
        );
    }

    #[test]
    fn long_lists_fold_and_stop() {
        let findings: Vec<_> = (1..=MAX_ROWS + 7)
            .map(|i| finding("r", Severity::Low, "a.tf", i, "m"))
            .collect();
        let sources = BTreeMap::new();
        let out = render(&crate::testing::report(&findings, &[], &sources));
        let rows = out.lines().filter(|l| l.starts_with("| low |")).count();
        assert_eq!(rows, MAX_ROWS);
        let details = out.find("<details>").unwrap();
        let visible = out[..details]
            .lines()
            .filter(|l| l.starts_with("| low |"))
            .count();
        assert_eq!(visible, VISIBLE_ROWS);
        assert!(out.contains(&format!(
            "<summary>{} more findings</summary>",
            MAX_ROWS - VISIBLE_ROWS
        )));
        assert!(out.ends_with("</details>\n\n7 more findings are not listed here; the JSON or SARIF output has them all.\n"));
    }
}
