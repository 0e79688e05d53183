//! The rules reference, `docs/rules.md`, rendered from the rule pack.
//!
//! `keylint rules --format markdown` prints it; a CLI test fails when the committed file
//! differs. Everything comes from the rules themselves (annotations, folder, `doc.md`),
//! so the reference cannot drift from what the engine runs.

use std::fmt::Write as _;

use crate::pack::{Rule, RuleOrigin};

/// The command that regenerates the reference, as the page and the stale test name it.
pub const REGENERATE: &str =
    "cargo run -q -p keylint_cli -- rules --format markdown > docs/rules.md";

/// Provider folders in the order the reference lists them, with their headings.
const PROVIDERS: [(&str, &str); 6] = [
    ("aws", "AWS"),
    ("azure", "Azure"),
    ("gcp", "Google Cloud"),
    ("vault", "HashiCorp Vault"),
    ("common", "Every provider"),
    ("user", "User rules"),
];

/// The Markdown rules reference: a table of every rule, then per provider each rule's
/// severity, default, title, folder, checkov/trivy crosswalk and `doc.md`.
///
/// Rules are grouped by provider (AWS, Azure, Google Cloud, Vault, then the rules common
/// to every provider) and ordered by id. Links are relative to `docs/`.
#[must_use]
pub fn markdown(rules: &[Rule]) -> String {
    let groups = grouped(rules);
    let mut out = String::new();
    out.push_str("# Rules reference\n\n");
    let _ = writeln!(
        out,
        "<!-- Generated from policies/ by `keylint rules --format markdown`; do not edit.\n     \
         Regenerate with: {REGENERATE}\n     \
         A test (crates/keylint_cli/tests/cli.rs) fails when this file is stale. -->\n"
    );
    let on = rules.iter().filter(|r| r.default_enabled).count();
    let _ = writeln!(
        out,
        "{} rules, {on} of them on by default; opt-in rules run when selected (`--select`) or\n\
         enabled (`--enable`, `enable = [...]` in `keylint.toml`). Severities are those of the\n\
         default profile: a profile may change them and passes its thresholds to the rules\n\
         (see [rule decisions and profiles](rule-decisions.md)). Each rule is a folder\n\
         `policies/<provider>/<id>/` with `rule.cedar`, `doc.md` and its `fail/` and `pass/`\n\
         fixtures; `keylint rule ID` prints the same documentation as below. A rule honours\n\
         the inline skips of the checkov and trivy/tfsec checks it lists\n\
         ([suppressions](suppressions.md)).\n",
        rules.len()
    );
    out.push_str("| rule | severity | default | title | honours skips of |\n");
    out.push_str("|---|---|---|---|---|\n");
    for (_, group) in &groups {
        for r in group {
            let _ = writeln!(
                out,
                "| [`{id}`](#{id}) | {} | {} | {} | {} |",
                r.severity.as_str(),
                default(r),
                cell(&r.title),
                cell(&crosswalk(r)),
                id = r.id,
            );
        }
    }
    for (heading, group) in &groups {
        let _ = write!(out, "\n## {heading}\n");
        for r in group {
            rule_section(&mut out, r);
        }
    }
    controls_section(&mut out, rules);
    out
}

/// `` [`id`](source) ``, or `` `id` `` for a control the catalog does not hold.
fn control_link(id: &str) -> String {
    match crate::controls::lookup(id) {
        Some(c) => format!("[`{id}`]({})", c.source),
        None => format!("`{id}`"),
    }
}

/// The crosswalk by framework: each control the rules evidence, its title and its rules.
fn controls_section(out: &mut String, rules: &[Rule]) {
    let mut ids: Vec<&str> = rules
        .iter()
        .flat_map(|r| r.controls.iter().map(String::as_str))
        .collect();
    ids.sort_by_key(|id| crate::controls::order_key(id));
    ids.dedup();
    if ids.is_empty() {
        return;
    }
    out.push_str(
        "\n## Compliance crosswalk\n\n\
         The controls the rules evidence (`@controls` in `rule.cedar`; titles and sources in\n\
         `policies/controls.toml`). A control no rule evidences is not claimed. The control\n\
         report (`keylint check --format compliance`) lists them with their status in a run\n\
         ([compliance](compliance.md)).\n",
    );
    for f in crate::controls::Framework::ALL {
        let of: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|id| crate::controls::Framework::of_control(id) == Some(f))
            .collect();
        if of.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "\n### {} (`--framework {}`)\n\n| control | title | rules |\n|---|---|---|\n",
            f.name(),
            f.key()
        );
        for id in of {
            let title = crate::controls::lookup(id).map_or("", |c| c.title);
            let by: Vec<String> = rules
                .iter()
                .filter(|r| r.controls.iter().any(|c| c == id))
                .map(|r| format!("[`{0}`](#{0})", r.id))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                control_link(id),
                cell(title),
                by.join(", ")
            );
        }
    }
}

/// Rules grouped by provider heading, in `PROVIDERS` order (unknown providers after the
/// known ones, alphabetically), each group ordered by id.
fn grouped(rules: &[Rule]) -> Vec<(String, Vec<&Rule>)> {
    let rank = |p: &str| {
        PROVIDERS
            .iter()
            .position(|(k, _)| *k == p)
            .unwrap_or(PROVIDERS.len())
    };
    let mut sorted: Vec<&Rule> = rules.iter().collect();
    sorted.sort_by(|a, b| {
        (rank(a.provider()), a.provider(), &a.id).cmp(&(rank(b.provider()), b.provider(), &b.id))
    });
    let mut groups: Vec<(String, Vec<&Rule>)> = Vec::new();
    for r in sorted {
        let heading = PROVIDERS
            .iter()
            .find(|(k, _)| *k == r.provider())
            .map_or_else(|| r.provider().to_owned(), |(_, h)| (*h).to_owned());
        match groups.last_mut() {
            Some((h, g)) if *h == heading => g.push(r),
            _ => groups.push((heading, vec![r])),
        }
    }
    groups
}

fn rule_section(out: &mut String, r: &Rule) {
    let _ = write!(out, "\n### {}\n\n**{}**\n\n", r.id, r.title);
    let _ = writeln!(
        out,
        "- Severity: {} · {}",
        r.severity.as_str(),
        if r.default_enabled {
            "on by default"
        } else {
            "off by default (opt-in)"
        }
    );
    match &r.origin {
        RuleOrigin::Builtin(folder) => {
            let _ = writeln!(
                out,
                "- Rule folder: [`policies/{folder}/`](../policies/{folder}/)"
            );
        }
        RuleOrigin::User(path) => {
            let _ = writeln!(out, "- Rule file: `{path}`");
        }
    }
    let crosswalk = crosswalk(r);
    if !crosswalk.is_empty() {
        let _ = writeln!(out, "- Honours skips of: {crosswalk}");
    }
    if !r.controls.is_empty() {
        let links: Vec<String> = r.controls.iter().map(|c| control_link(c)).collect();
        let _ = writeln!(out, "- Evidences: {}", links.join(", "));
    }
    if !r.help.is_empty() {
        let _ = writeln!(out, "- Fix: {}", r.help);
    }
    let body = doc_body(&r.doc);
    if !body.is_empty() {
        out.push('\n');
        out.push_str(&body);
        out.push('\n');
    }
}

/// `on` or `off` for the table.
fn default(r: &Rule) -> &'static str {
    if r.default_enabled { "on" } else { "off" }
}

/// `checkov `A`; trivy/tfsec `B`, `C``: the peer checks whose skips silence the rule.
fn crosswalk(r: &Rule) -> String {
    let ids = |v: &[String]| {
        v.iter()
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    [("checkov", &r.checkov), ("trivy/tfsec", &r.trivy)]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(tool, v)| format!("{tool} {}", ids(v)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Text fit for a table cell: no pipe ends the cell, no newline ends the row.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// A rule's `doc.md` without its title line (the section heading replaces it), its
/// headings moved two levels down so they sit under the rule's `###` heading. Lines
/// inside fenced code blocks are left alone (`# keylint:ignore` is a comment there).
fn doc_body(doc: &str) -> String {
    let mut lines = doc.lines().peekable();
    if lines.peek().is_some_and(|l| l.starts_with("# ")) {
        lines.next();
    }
    let mut out = String::new();
    let mut fence: Option<&str> = None;
    for line in lines {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(open), Some(m)) if open == m => fence = None,
            _ => {}
        }
        let level = line.bytes().take_while(|b| *b == b'#').count();
        let heading = fence.is_none()
            && marker.is_none()
            && (1..=6).contains(&level)
            && line.as_bytes().get(level) == Some(&b' ');
        if heading {
            out.push_str(&"#".repeat((level + 2).min(6)));
            out.push_str(line.get(level..).unwrap_or_default());
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_headings_move_down_but_code_stays() {
        let doc = "# x: title\n\n**Severity:** low\n\n## What it checks\n\nText.\n\n```hcl\n# keylint:ignore x -- why\n## not a heading\n```\n\n### Deeper\n";
        assert_eq!(
            doc_body(doc),
            "**Severity:** low\n\n#### What it checks\n\nText.\n\n```hcl\n# keylint:ignore x -- why\n## not a heading\n```\n\n##### Deeper"
        );
    }

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
    }
}
