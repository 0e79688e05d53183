//! Renderers. Findings and errors are plain data; this crate only formats them.

use std::collections::BTreeMap;

pub use keylint_model::RuleMeta;
use keylint_model::{FileError, Finding, Severity};
use serde::Serialize;

#[cfg(feature = "human")]
pub mod human;
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
    pub profile: &'a str,
}

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

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
    profile: String,
    by_severity: BTreeMap<&'static str, usize>,
}

fn summary(r: &Report<'_>) -> Summary {
    let mut by_severity = BTreeMap::new();
    for s in [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ] {
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
        profile: r.profile.to_owned(),
        by_severity,
    }
}

/// `{"version", "findings", "errors", "summary"}`, pretty-printed, deterministic.
///
/// # Errors
/// Writing fails.
pub fn write_json(r: &Report<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let report = JsonReport {
        version: VERSION,
        findings: r.findings,
        errors: r.errors,
        summary: summary(r),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    out.write_all(b"\n")
}

/// [`write_json`] into a string.
#[must_use]
pub fn json(r: &Report<'_>) -> String {
    let mut buf = Vec::new();
    // Writing into a vector cannot fail.
    let _ = write_json(r, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_keeps_offsets() {
        let t = "a = \"sécret\"\nb";
        let m = mask(t, &[(4, 13)]);
        assert_eq!(m.len(), t.len());
        assert!(!m.contains("cret"));
        assert!(m.ends_with("\nb"));
    }
}
