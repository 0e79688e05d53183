//! Renderers. Findings and errors are plain data; this crate only formats them.

use std::collections::BTreeMap;

pub use keylint_model::RuleMeta;
use keylint_model::{FileError, Finding, Severity};
use serde::Serialize;

pub mod compliance;
pub mod concise;
pub mod cyclonedx;
pub mod github;
pub mod gitlab;
#[cfg(feature = "human")]
pub mod human;
pub mod junit;
pub mod markdown;
pub mod sarif;

/// Everything a run produced.
pub struct Report<'a> {
    pub findings: &'a [Finding],
    pub errors: &'a [FileError],
    pub rules: &'a [RuleMeta],
    /// Source texts by path, with secret values already masked.
    pub sources: &'a BTreeMap<String, String>,
    pub files_scanned: usize,
    pub suppressed: usize,
    /// Findings a baseline accepts (not in `findings`).
    pub baselined: usize,
    pub profile: &'a str,
}

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The report's shape; [`write_json_chunks`] prints exactly its pretty form.
#[cfg(test)]
#[derive(Serialize)]
struct JsonReport<'a> {
    version: &'a str,
    findings: &'a [Finding],
    errors: &'a [FileError],
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    findings: usize,
    errors: usize,
    suppressed: usize,
    baselined: usize,
    profile: String,
    by_severity: BTreeMap<&'static str, usize>,
}

fn summary(r: &Report<'_>) -> Summary {
    let mut by_severity = BTreeMap::new();
    for s in SEVERITIES {
        by_severity.insert(
            s.as_str(),
            r.findings.iter().filter(|f| f.severity == s).count(),
        );
    }
    Summary {
        files: r.files_scanned,
        findings: r.findings.len(),
        errors: r.errors.len(),
        suppressed: r.suppressed,
        baselined: r.baselined,
        profile: r.profile.to_owned(),
        by_severity,
    }
}

/// `{"version", "findings", "errors", "summary"}`, pretty-printed, deterministic.
///
/// # Errors
/// Writing fails.
pub fn write_json(r: &Report<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    write_json_chunks(r, [json_findings_chunk(r.findings)], out)
}

/// Pretty JSON of `value` as it appears at nesting `depth` of the report: every line
/// after the first indented by two spaces per level. JSON strings hold no raw newline,
/// so re-indenting after each `\n` is exact.
fn pretty_at<T: Serialize + ?Sized>(value: &T, depth: usize, buf: &mut Vec<u8>) {
    let mut one = Vec::with_capacity(512);
    let mut ser = serde_json::Serializer::with_formatter(
        &mut one,
        serde_json::ser::PrettyFormatter::with_indent(b"  "),
    );
    // Serializing plain data into a vector cannot fail.
    let _ = value.serialize(&mut ser);
    for (i, line) in one.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            buf.push(b'\n');
            buf.extend(std::iter::repeat_n(b' ', 2 * depth));
        }
        buf.extend_from_slice(line);
    }
}

/// The `findings` array entries of [`write_json`] for a run of consecutive findings,
/// comma-separated. Chunks of one report may be rendered in parallel and handed, in
/// order, to [`write_json_chunks`].
#[must_use]
pub fn json_findings_chunk(findings: &[Finding]) -> Vec<u8> {
    let mut buf = Vec::with_capacity(findings.len() * 700);
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        buf.extend_from_slice(b"\n    ");
        pretty_at(f, 2, &mut buf);
    }
    buf
}

/// [`write_json`] with the findings rendered by [`json_findings_chunk`], in order (a lazy
/// iterator may render them batch by batch while earlier ones are written); the output
/// is byte-identical to serde_json's pretty printer on the whole report.
///
/// # Errors
/// Writing fails.
pub fn write_json_chunks<C: AsRef<[u8]>>(
    r: &Report<'_>,
    chunks: impl IntoIterator<Item = C>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut head = b"{\n  \"version\": ".to_vec();
    pretty_at(VERSION, 1, &mut head);
    head.extend_from_slice(b",\n  \"findings\": [");
    out.write_all(&head)?;
    let mut first = true;
    for chunk in chunks {
        let chunk = chunk.as_ref();
        if chunk.is_empty() {
            continue;
        }
        if !first {
            out.write_all(b",")?;
        }
        out.write_all(chunk)?;
        first = false;
    }
    let mut tail = Vec::with_capacity(1024);
    if !first {
        tail.extend_from_slice(b"\n  ");
    }
    tail.extend_from_slice(b"],\n  \"errors\": ");
    pretty_at(r.errors, 1, &mut tail);
    tail.extend_from_slice(b",\n  \"summary\": ");
    pretty_at(&summary(r), 1, &mut tail);
    tail.extend_from_slice(b"\n}\n");
    out.write_all(&tail)
}

/// [`write_json`] into a string.
#[must_use]
pub fn json(r: &Report<'_>) -> String {
    let mut buf = Vec::new();
    // Writing into a vector cannot fail.
    let _ = write_json(r, &mut buf);
    // The writer writes UTF-8: the buffer becomes the string, checked but not copied.
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// FNV-1a 64 over the parts, each followed by a zero byte except the last: a stable hash
/// (the same on every platform and release, unlike `DefaultHasher`) for fingerprints.
pub(crate) fn fnv1a64(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        let sep: &[u8] = if i > 0 { &[0] } else { &[] };
        for &b in sep.iter().chain(part.as_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// `s` on one line: every control character (newlines, carriage returns, escape
/// sequences) becomes a space, so one record stays one line and a terminal shows it as is.
pub(crate) fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(char::is_control) {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// `file`, `file:line` or `file:line:col` of an error, as far as it is known.
pub(crate) fn error_place(e: &FileError) -> String {
    match (e.line, e.column) {
        (Some(l), Some(c)) => format!("{}:{l}:{c}", e.file),
        (Some(l), None) => format!("{}:{l}", e.file),
        _ => e.file.clone(),
    }
}

/// The severities, most severe first.
pub(crate) const SEVERITIES: [Severity; 5] = [
    Severity::Critical,
    Severity::High,
    Severity::Medium,
    Severity::Low,
    Severity::Info,
];

/// Replace the bytes of secret spans with `*`, keeping every offset and line.
#[must_use]
pub fn mask(text: &str, spans: &[(usize, usize)]) -> String {
    if spans.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let secret = c != '\n' && c != '\r' && spans.iter().any(|(s, e)| i >= *s && i < *e);
        if secret {
            out.extend(std::iter::repeat_n('*', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// A file's text as code frames may show it: the secret spans a reader found, and every
/// [`secret_like_values`] span, masked.
#[must_use]
pub fn mask_secrets(text: &str, mut spans: Vec<(usize, usize)>) -> String {
    spans.extend(secret_like_values(text));
    mask(text, &spans)
}

/// Byte ranges of values that look like secrets, by the name they are assigned to
/// (`password = "..."`, `"client_secret": "..."`, `SecretString: ...`, `token`,
/// `private_key`, `api_key`, `access_key`, `connection_string`, `credential`), in HCL,
/// JSON and YAML alike. Masked in code frames on top of the values the readers know are
/// secrets, so a password next to a flagged key is never shown. A heuristic for masking
/// only: it never makes a finding. Names of references to secrets (`*_id`, `*_arn`,
/// `*_name`, ...) and HCL expressions (`var.db_password`) are left alone.
#[must_use]
pub fn secret_like_values(text: &str) -> Vec<(usize, usize)> {
    static PATTERN: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r#"(?im)(?:^|[\s{,(\[])["']?(?P<name>[a-z0-9_.-]*(?:password|passwd|secret|token|private_?key|api_?key|access_?key|connection_?string|credential)[a-z0-9_-]*)["']?[ \t]*(?P<sep>[:=])[ \t]*(?:"(?P<dq>(?:[^"\\\n]|\\.)*)"|'(?P<sq>[^'\n]*)'|(?P<bare>[^\s#,}\]\[{!&*|>"'=][^#\n,}]*))"#,
        )
        .ok()
    });
    const REFERENCE_SUFFIXES: &[&str] = &[
        "_id",
        "_ids",
        "_arn",
        "_name",
        "_length",
        "_version",
        "_type",
        "_ttl",
        "_policies",
        "_count",
        "_path",
        "_ref",
        "_enabled",
        "_days",
        "_period",
        "_uri",
        "_url",
    ];
    let Some(re) = PATTERN.as_ref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        let Some(name) = c.name("name") else { continue };
        // camelCase -> snake_case, then the suffix check.
        let mut snake = String::with_capacity(name.as_str().len() + 4);
        for ch in name.as_str().chars() {
            if ch.is_ascii_uppercase() && !snake.is_empty() {
                snake.push('_');
            }
            snake.push(ch.to_ascii_lowercase());
        }
        let snake = snake.replace('-', "_");
        if REFERENCE_SUFFIXES.iter().any(|s| snake.ends_with(s)) {
            continue;
        }
        let bare = c.name("bare");
        if bare.is_some() && c.name("sep").is_some_and(|s| s.as_str() == "=") {
            continue; // an HCL expression, not a literal
        }
        let Some(v) = c.name("dq").or_else(|| c.name("sq")).or(bare) else {
            continue;
        };
        let value = v.as_str().trim_end();
        let lower = value.to_ascii_lowercase();
        if value.is_empty()
            || matches!(lower.as_str(), "true" | "false" | "null" | "~")
            || value.parse::<f64>().is_ok()
            || (value.starts_with("${")
                && value.ends_with('}')
                && value.get(2..).is_some_and(|r| !r.contains("${")))
            || (value.starts_with('[') && value.ends_with(']'))
        {
            continue;
        }
        out.push((v.start(), v.start() + value.len()));
    }
    out
}

/// Findings and reports for the renderers' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    pub(crate) fn finding(
        rule: &str,
        severity: Severity,
        file: &str,
        line: usize,
        message: &str,
    ) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            title: format!("title of {rule}"),
            message: message.into(),
            file: file.into(),
            line,
            column: 1,
            end_line: line,
            end_column: 5,
            column_utf16: Some(1),
            end_column_utf16: Some(5),
            resource: "aws_kms_key.k".into(),
            help: "h".into(),
            related: Vec::new(),
            span: (0, 1),
        }
    }

    pub(crate) fn report<'a>(
        findings: &'a [Finding],
        errors: &'a [FileError],
        sources: &'a BTreeMap<String, String>,
    ) -> Report<'a> {
        Report {
            findings,
            errors,
            rules: &[],
            sources,
            files_scanned: 3,
            suppressed: 0,
            baselined: 0,
            profile: "default",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, message: &str) -> Finding {
        Finding {
            rule: rule.into(),
            severity: Severity::High,
            title: "t \"quoted\"\nnew line".into(),
            message: message.into(),
            file: "d/main.tf".into(),
            line: 3,
            column: 1,
            end_line: 4,
            end_column: 2,
            column_utf16: Some(1),
            end_column_utf16: None,
            resource: "aws_kms_key.k".into(),
            help: "h".into(),
            related: vec![keylint_model::finding::Related {
                file: "d/x.tf".into(),
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 9,
                message: "here".into(),
                span: (0, 1),
            }],
            span: (0, 1),
        }
    }

    /// The chunked writer prints exactly what serde_json's pretty printer prints for the
    /// whole report, for any split of the findings.
    #[test]
    fn chunked_json_equals_serde_pretty() {
        let findings: Vec<Finding> = (0..5).map(|i| finding("r", &format!("m{i}"))).collect();
        let errors = [FileError::new("a.tf", Some(2), "bad \u{7f} input")];
        let sources = BTreeMap::new();
        for (findings, errors) in [
            (&findings[..], &errors[..]),
            (&findings[..0], &errors[..0]),
            (&findings[..1], &errors[..]),
        ] {
            let r = Report {
                findings,
                errors,
                rules: &[],
                sources: &sources,
                files_scanned: 2,
                suppressed: 1,
                baselined: 0,
                profile: "default",
            };
            let mut expected = serde_json::to_vec_pretty(&JsonReport {
                version: VERSION,
                findings,
                errors,
                summary: summary(&r),
            })
            .unwrap();
            expected.push(b'\n');
            for size in 1..=findings.len().max(1) {
                let chunks: Vec<Vec<u8>> = findings.chunks(size).map(json_findings_chunk).collect();
                let mut got = Vec::new();
                write_json_chunks(&r, &chunks, &mut got).unwrap();
                let mut lazy = Vec::new();
                write_json_chunks(
                    &r,
                    findings.chunks(size).map(json_findings_chunk),
                    &mut lazy,
                )
                .unwrap();
                assert_eq!(lazy, got);
                assert_eq!(
                    String::from_utf8(got).unwrap(),
                    String::from_utf8(expected.clone()).unwrap()
                );
            }
        }
    }

    #[test]
    fn mask_keeps_offsets() {
        let t = "a = \"sécret\"\nb";
        let m = mask(t, &[(4, 13)]);
        assert_eq!(m.len(), t.len());
        assert!(!m.contains("cret"));
        assert!(m.ends_with("\nb"));
    }
}

#[cfg(test)]
mod secret_tests {
    #![allow(clippy::indexing_slicing, reason = "test code")]
    use super::secret_like_values;

    fn masked(text: &str) -> Vec<&str> {
        secret_like_values(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn secret_looking_values_by_name() {
        let hcl = "  password = \"hunter2\"\n  master_password = var.pw\n  token   = \"s.abc\" # x\n  secret_id = \"arn:x\"\n  password_length = 32\n";
        assert_eq!(masked(hcl), ["hunter2", "s.abc"]);
        let json = r#"{"properties":{"clientSecret":"abc\"def","SecretArn":"arn:aws:x","administratorLoginPassword":"[parameters('p')]","apiKey":"k1"}}"#;
        assert_eq!(masked(json), [r#"abc\"def"#, "k1"]);
        let yaml = "      SecretString: hunter3\n      MasterUserPassword: '{{resolve:ssm:x}}'\n      Token: !Ref T\n      private_key: |\n";
        assert_eq!(masked(yaml), ["hunter3", "{{resolve:ssm:x}}"]);
        assert!(masked("description = \"rotate the secret\"\n").is_empty());
    }
}
