//! GitHub Actions workflow commands: one annotation per finding, shown on the pull
//! request's changed lines and in the run summary.
//!
//! `::{level} file={f},line={l},col={c},endLine={el},endColumn={ec},title={rule}::{message}`
//! with level `error` for critical and high, `warning` for medium, `notice` for low and
//! info. Errors (files that could not be read or parsed) are `::error` annotations titled
//! `keylint error`, with `line` and `col` when known. Escaping is GitHub's own (the
//! toolkit's `escapeData` and `escapeProperty`): in the message `%`, `\r` and `\n`
//! become `%25`, `%0D` and `%0A`; in property values `:` and `,` also become `%3A` and
//! `%2C`, so no value can end a property or the command early.

use std::fmt::Write as _;

use keylint_model::Severity;

use crate::Report;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "notice",
    }
}

/// Escape with GitHub's rules: `%`, `\r`, `\n`, and in properties also `:` and `,`.
fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

/// A command's message: `%`, `\r`, `\n` escaped.
#[must_use]
pub fn escape_data(s: &str) -> String {
    escape(s, false)
}

/// A property value: [`escape_data`] plus `:` and `,`.
#[must_use]
pub fn escape_property(s: &str) -> String {
    escape(s, true)
}

#[must_use]
pub fn render(r: &Report<'_>) -> String {
    let mut out = String::with_capacity(r.findings.len() * 160);
    for f in r.findings {
        let _ = writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            level(f.severity),
            escape_property(&f.file),
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            escape_property(&f.rule),
            escape_data(&f.message)
        );
    }
    for e in r.errors {
        let mut props = format!("file={}", escape_property(&e.file));
        if let Some(l) = e.line {
            let _ = write!(props, ",line={l}");
            if let Some(c) = e.column {
                let _ = write!(props, ",col={c}");
            }
        }
        let _ = writeln!(
            out,
            "::error {props},title=keylint error::{}",
            escape_data(&e.message)
        );
    }
    out
}

#[cfg(test)]
mod tests {

    use std::collections::BTreeMap;

    use keylint_model::FileError;

    use super::*;
    use crate::testing::finding;

    /// Undo GitHub's escaping the way the runner parses a command: split the properties on
    /// `,` and `=` and the message on the first `::`, then unescape each value.
    fn parse(line: &str) -> (String, Vec<(String, String)>, String) {
        let unescape = |s: &str| {
            s.replace("%0D", "\r")
                .replace("%0A", "\n")
                .replace("%3A", ":")
                .replace("%2C", ",")
                .replace("%25", "%")
        };
        let rest = line.strip_prefix("::").unwrap();
        let (head, message) = rest.split_once("::").unwrap();
        let (cmd, props) = head.split_once(' ').unwrap();
        let props = props
            .split(',')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k.to_owned(), unescape(v))
            })
            .collect();
        (cmd.to_owned(), props, unescape(message))
    }

    #[test]
    fn escaping_matches_the_toolkit() {
        assert_eq!(escape_data("100% done\r\nnext"), "100%25 done%0D%0Anext");
        assert_eq!(escape_data("a: b, c"), "a: b, c");
        assert_eq!(escape_property("C:\\x,y%0A\n"), "C%3A\\x%2Cy%250A%0A");
        // Escaping `%` first: an already-escaped-looking value survives a round trip.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn hostile_values_stay_inside_their_fields() {
        let hostile = "evil,line=1::warning file=x::%0A\n::error::pwned\r%25";
        let mut f = finding(hostile, Severity::High, hostile, 7, hostile);
        f.end_line = 8;
        f.end_column = 4;
        let findings = [
            f,
            finding("r", Severity::Medium, "a.tf", 1, "m"),
            finding("r", Severity::Info, "a.tf", 2, "m"),
        ];
        let errors = [
            FileError::new(hostile, Some(3), hostile),
            FileError::new("x.tf", None, "no line"),
        ];
        let sources = BTreeMap::new();
        let out = render(&crate::testing::report(&findings, &errors, &sources));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 5, "{out}");
        let (cmd, props, message) = parse(lines[0]);
        assert_eq!(cmd, "error");
        assert_eq!(
            props,
            [
                ("file", hostile),
                ("line", "7"),
                ("col", "1"),
                ("endLine", "8"),
                ("endColumn", "4"),
                ("title", hostile)
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
        assert_eq!(message, hostile);
        assert!(lines[1].starts_with("::warning file=a.tf,line=1,"));
        assert!(lines[2].starts_with("::notice file=a.tf,line=2,"));
        let (cmd, props, message) = parse(lines[3]);
        assert_eq!(cmd, "error");
        assert_eq!(props[0], ("file".to_owned(), hostile.to_owned()));
        assert_eq!(props[1], ("line".to_owned(), "3".to_owned()));
        assert_eq!(props[2], ("title".to_owned(), "keylint error".to_owned()));
        assert_eq!(message, hostile);
        assert_eq!(lines[4], "::error file=x.tf,title=keylint error::no line");
    }
}
