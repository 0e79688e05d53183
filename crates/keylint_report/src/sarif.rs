//! SARIF 2.1.0 for GitHub code scanning.

use serde_json::{Value, json};

use keylint_model::{Finding, Severity};

use crate::{Report, VERSION};

/// GitHub's `security-severity` scale: critical >= 9.0, high 7.0-8.9, medium 4.0-6.9, low < 4.
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.1",
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// A repository-relative URI: forward slashes, no `./`, reserved characters escaped.
#[must_use]
pub fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let p = p.trim_start_matches("./");
    let mut out = String::new();
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// FNV-1a 64 of rule, file, resource and message: a stable fingerprint that does not
/// depend on line numbers (the GitLab report uses the same value).
pub(crate) fn fingerprint(f: &Finding) -> String {
    format!(
        "{:016x}",
        crate::fnv1a64(&[&f.rule, &f.file, &f.resource, &f.message])
    )
}

fn region(line: usize, column: usize, end_line: usize, end_column: usize) -> Value {
    json!({"startLine": line, "startColumn": column, "endLine": end_line.max(line), "endColumn": if end_line > line { end_column } else { end_column.max(column + 1) }})
}

#[must_use]
pub fn render(r: &Report<'_>) -> String {
    let rules: Vec<Value> = r
        .rules
        .iter()
        .map(|m| {
            // Control ids are tags too: GitHub code scanning shows a rule's tags and
            // filters alerts by them (`tag:pci-dss-4.0:3.7.4`).
            let mut tags: Vec<&str> = vec!["security", "cryptography", m.provider.as_str()];
            tags.extend(m.controls.iter().map(|c| c.id.as_str()));
            let mut rule = json!({
                "id": m.id,
                "name": m.id.split('-').map(|w| { let mut c = w.chars(); c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default() }).collect::<String>(),
                "shortDescription": {"text": m.title},
                "fullDescription": {"text": format!("{}. {}", m.title, m.help)},
                // A rule without documentation (a user rule without `doc.md`, the
                // WebAssembly module not given its `docs`) has no Markdown help.
                "help": if m.doc.is_empty() { json!({"text": m.help}) } else { json!({"text": m.help, "markdown": m.doc}) },
                "defaultConfiguration": {"level": level(m.severity)},
                "properties": {
                    "security-severity": security_severity(m.severity),
                    "tags": tags,
                    "precision": "high",
                },
            });
            if !m.controls.is_empty()
                && let Some(props) = rule.get_mut("properties").and_then(Value::as_object_mut)
            {
                props.insert("controls".into(), json!(m.controls));
            }
            rule
        })
        .collect();
    let results: Vec<Value> = r
        .findings
        .iter()
        .map(|f| {
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&f.file), "uriBaseId": "%SRCROOT%"},
                        "region": region(f.line, f.column, f.end_line, f.end_column),
                    },
                    "logicalLocations": [{"name": f.resource, "kind": "resource"}],
                }],
                "partialFingerprints": {"keylint/v1": fingerprint(f)},
                "properties": {"security-severity": security_severity(f.severity), "severity": f.severity.as_str()},
            });
            let obj = result.as_object_mut();
            let mut extra = serde_json::Map::new();
            if let Some(i) = r.rules.iter().position(|m| m.id == f.rule) {
                extra.insert("ruleIndex".into(), json!(i));
            }
            if !f.related.is_empty() {
                let related: Value = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, rel)| {
                        json!({
                            "id": i + 1,
                            "message": {"text": rel.message},
                            "physicalLocation": {
                                "artifactLocation": {"uri": uri(&rel.file), "uriBaseId": "%SRCROOT%"},
                                "region": region(rel.line, rel.column, rel.end_line, rel.end_column),
                            },
                        })
                    })
                    .collect();
                extra.insert("relatedLocations".into(), related);
            }
            if let Some(obj) = obj {
                obj.extend(extra);
            }
            result
        })
        .collect();
    let notifications: Vec<Value> = r
        .errors
        .iter()
        .map(|e| {
            let mut physical = json!({"artifactLocation": {"uri": uri(&e.file), "uriBaseId": "%SRCROOT%"}});
            if let (Some(l), Some(obj)) = (e.line, physical.as_object_mut()) {
                obj.insert("region".into(), json!({"startLine": l}));
            }
            json!({"level": "error", "message": {"text": e.message}, "locations": [{"physicalLocation": physical}]})
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "keylint",
                "version": VERSION,
                "semanticVersion": VERSION,
                "informationUri": "https://github.com/keylint/keylint",
                "rules": rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
            "invocations": [{"executionSuccessful": r.errors.is_empty(), "toolExecutionNotifications": notifications}],
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
