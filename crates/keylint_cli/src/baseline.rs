//! Baselines: accept today's findings, report only new ones.
//!
//! A finding is recorded by file (relative to the baseline file's directory), rule,
//! resource and message, never by line, so a finding that moves within its resource
//! stays accepted; and never by resource name alone (checkov#7647: a baseline keyed on
//! names accepts a new resource of the same name in another file). Matching first pairs
//! entries whose message is unchanged, then, among what is left, entries of the same
//! file, rule and resource (a threshold change rewords a message); each entry accepts at
//! most one finding, so a second violation in the same resource is reported.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use keylint_model::Finding;
use serde::{Deserialize, Serialize};

use crate::paths::RelativeTo;

const FORMAT: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// The baseline format version.
    keylint_baseline: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    file: String,
    rule: String,
    resource: String,
    message: String,
}

/// A loaded baseline, with the directory its paths are relative to.
pub struct Baseline {
    dir: PathBuf,
    entries: Vec<Entry>,
}

/// The directory of the baseline file, which paths in it are relative to.
fn dir_of(path: &Path) -> PathBuf {
    path.parent().map_or_else(PathBuf::new, Path::to_path_buf)
}

/// Baseline keys of findings (paths not under the baseline's directory stay as given).
fn entries(findings: &[Finding], dir: &Path) -> Vec<Entry> {
    let mut rel = RelativeTo::new(dir);
    findings
        .iter()
        .map(|f| Entry {
            file: rel
                .get(&f.file)
                .map_or_else(|| f.file.replace('\\', "/"), str::to_owned),
            rule: f.rule.clone(),
            resource: f.resource.clone(),
            message: f.message.clone(),
        })
        .collect()
}

impl Baseline {
    /// # Errors
    /// The file cannot be read, is not JSON (the error gives line and column), or is not
    /// a keylint baseline.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read baseline {}", path.display()))?;
        let file: File = serde_json::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "{}:{}:{}: not a keylint baseline: {e}",
                path.display(),
                e.line(),
                e.column()
            )
        })?;
        if file.keylint_baseline != FORMAT {
            anyhow::bail!(
                "{}: baseline format {} is not supported (this keylint writes {FORMAT})",
                path.display(),
                file.keylint_baseline
            );
        }
        Ok(Self {
            dir: dir_of(path),
            entries: file.findings,
        })
    }

    /// Record `findings` in `path`, sorted so that the file diffs well.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn write(path: &Path, findings: &[Finding]) -> anyhow::Result<()> {
        let dir = dir_of(path);
        let mut entries = entries(findings, &dir);
        entries.sort();
        let file = File {
            keylint_baseline: FORMAT,
            findings: entries,
        };
        let mut text = serde_json::to_string_pretty(&file)?;
        text.push('\n');
        std::fs::write(path, text)
            .with_context(|| format!("cannot write baseline {}", path.display()))
    }

    /// Remove the findings the baseline accepts; returns how many.
    pub fn filter(&self, findings: &mut Vec<Finding>) -> usize {
        let keys = entries(findings, &self.dir);
        let mut exact: HashMap<&Entry, usize> = HashMap::new();
        for e in &self.entries {
            *exact.entry(e).or_default() += 1;
        }
        let mut accepted = vec![false; findings.len()];
        for (k, a) in keys.iter().zip(accepted.iter_mut()) {
            if let Some(n) = exact.get_mut(k)
                && *n > 0
            {
                *n -= 1;
                *a = true;
            }
        }
        // Entries left over accept a finding of the same file, rule and resource.
        let mut loose: HashMap<(&str, &str, &str), usize> = HashMap::new();
        for (e, n) in &exact {
            if *n > 0 {
                *loose
                    .entry((e.file.as_str(), e.rule.as_str(), e.resource.as_str()))
                    .or_default() += n;
            }
        }
        for (k, a) in keys.iter().zip(accepted.iter_mut()) {
            if *a {
                continue;
            }
            if let Some(n) = loose.get_mut(&(k.file.as_str(), k.rule.as_str(), k.resource.as_str()))
                && *n > 0
            {
                *n -= 1;
                *a = true;
            }
        }
        let before = findings.len();
        let mut flags = accepted.into_iter();
        findings.retain(|_| !flags.next().unwrap_or(false));
        before - findings.len()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]
    use super::*;

    fn finding(file: &str, rule: &str, resource: &str, message: &str, line: usize) -> Finding {
        Finding {
            rule: rule.into(),
            severity: keylint_model::Severity::High,
            title: "t".into(),
            message: message.into(),
            file: file.into(),
            line,
            column: 1,
            end_line: line,
            end_column: 2,
            column_utf16: None,
            end_column_utf16: None,
            resource: resource.into(),
            help: String::new(),
            related: Vec::new(),
            span: (0, 1),
        }
    }

    #[test]
    fn accepts_moved_findings_and_reports_new_ones() {
        let dir = std::env::temp_dir().join(format!("keylint-baseline-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("baseline.json");
        let file = dir.join("main.tf").to_string_lossy().into_owned();
        let other = dir.join("other.tf").to_string_lossy().into_owned();
        std::fs::write(&file, "").unwrap();
        std::fs::write(&other, "").unwrap();
        Baseline::write(&path, &[finding(&file, "r1", "aws_kms_key.a", "m", 3)]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("\"file\": \"main.tf\""), "{text}");
        let b = Baseline::load(&path).unwrap();
        let mut now = vec![
            // moved 10 lines down, reworded: still accepted
            finding(&file, "r1", "aws_kms_key.a", "m2", 13),
            // a second violation in the same resource: new
            finding(&file, "r1", "aws_kms_key.a", "m3", 20),
            // same resource name in another file: new
            finding(&other, "r1", "aws_kms_key.a", "m", 3),
            finding(&file, "r2", "aws_kms_key.a", "m", 3),
        ];
        assert_eq!(b.filter(&mut now), 1);
        assert_eq!(now.len(), 3);
        assert_eq!(now[0].message, "m3");
        std::fs::write(
            &path,
            "{\"keylint_baseline\": 1,\n \"findings\": [{\"file\": 1}]}",
        )
        .unwrap();
        let err = Baseline::load(&path).err().unwrap().to_string();
        assert!(err.contains("baseline.json:2:"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
