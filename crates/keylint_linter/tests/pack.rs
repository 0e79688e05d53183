//! The rule pack is complete and well-formed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failure is a test failure"
)]

use std::collections::BTreeSet;
use std::path::Path;

use keylint_linter::Engine;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .unwrap()
}

fn rules_md() -> String {
    std::fs::read_to_string(repo().join("../shared/RULES.md"))
        .expect("../shared/RULES.md beside the repo")
}

/// A start loads the built-in pack as `build.rs` prepared it, without parsing or
/// validating it: here every rule is loaded from its text as a user rule is, strictly
/// validated, and found to describe the same rule with the same policy.
#[test]
fn builtin_rules_validate_in_strict_mode() {
    let validated = keylint_linter::pack::validate_builtin().unwrap_or_else(|e| panic!("{e:#?}"));
    assert!(validated.len() >= 46);
    let engine = Engine::new(&[]).unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(engine.rules().len(), validated.len());
    for (fast, full) in engine.rules().iter().zip(&validated) {
        let describe = |r: &keylint_linter::Rule| {
            (
                r.id.clone(),
                r.severity,
                r.title.clone(),
                r.message.clone(),
                r.help.clone(),
                r.highlight.clone(),
                r.doc.clone(),
                r.origin.clone(),
                r.scope,
                r.checkov.clone(),
                r.trivy.clone(),
                r.default_enabled,
            )
        };
        assert_eq!(describe(fast), describe(full));
        let json = |r: &keylint_linter::Rule| r.policy().unwrap().to_json().unwrap();
        assert_eq!(json(fast), json(full), "{}", fast.id);
        assert_eq!(
            fast.policy().unwrap().id().to_string(),
            full.id,
            "the policy id is the rule id"
        );
    }
    assert!(engine.schema().is_ok());
}

/// Rules the catalog does not list, each with the reason it exists.
const BEYOND_THE_CATALOG: &[(&str, &str)] = &[
    (
        "suppression-expired",
        "issue 5: a suppression past its `until=` date stops suppressing and says so",
    ),
    (
        "suppression-unused",
        "issue 5: `--report-unused-suppressions` reports comments that silence nothing",
    ),
];

#[test]
fn peer_crosswalk_ids_are_well_formed() {
    let engine = Engine::new(&[]).unwrap();
    let md = rules_md();
    let mut mapped = 0;
    for rule in engine.rules() {
        for id in &rule.checkov {
            let ok = id
                .strip_prefix("CKV_")
                .or_else(|| id.strip_prefix("CKV2_"))
                .and_then(|rest| rest.rsplit_once('_'))
                .is_some_and(|(provider, n)| {
                    provider.chars().all(|c| c.is_ascii_uppercase())
                        && !n.is_empty()
                        && n.chars().all(|c| c.is_ascii_digit())
                });
            assert!(ok, "{}: `{id}` is not a checkov check id", rule.id);
        }
        for id in &rule.trivy {
            let avd = id.starts_with("AVD-") && id.rsplit('-').next().is_some_and(|n| n.len() == 4);
            let long = id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && id.split('-').count() >= 3;
            let legacy = id.len() >= 6
                && id.chars().take(3).all(|c| c.is_ascii_uppercase())
                && id.chars().skip(3).all(|c| c.is_ascii_digit());
            assert!(
                avd || long || legacy,
                "{}: `{id}` is not a trivy/tfsec id",
                rule.id
            );
        }
        mapped += usize::from(!rule.checkov.is_empty() || !rule.trivy.is_empty());
        // Off by default only where the catalog says opt-in (or beyond the catalog).
        let opt_in = md
            .lines()
            .find(|l| l.starts_with(&format!("| {} |", rule.id)))
            .is_some_and(|row| row.contains("opt-in"));
        assert!(
            rule.default_enabled
                || opt_in
                || BEYOND_THE_CATALOG.iter().any(|(id, _)| *id == rule.id),
            "{}: catalog rules are on by default unless RULES.md says opt-in",
            rule.id
        );
        if opt_in {
            assert!(!rule.default_enabled, "{}: RULES.md says opt-in", rule.id);
        }
    }
    assert!(mapped >= 19, "the crosswalk shrank to {mapped} rules");
}

/// The compliance crosswalk (RULES.md "Compliance crosswalk"): every rule names at least
/// one control; every id has the form of its framework (one regex per framework, at the
/// version keylint maps to) and a catalog entry with a title and an https source; the
/// catalog claims no control that no rule evidences.
#[test]
fn every_rule_evidences_controls_with_sources() {
    use keylint_linter::controls::{Framework, catalog, lookup};
    let forms: [(Framework, &str); 6] = [
        (Framework::CisAws, r"^cis-aws-7\.0\.0:\d+(\.\d+)*$"),
        (Framework::CisAzure, r"^cis-azure-6\.0\.0:\d+(\.\d+)*$"),
        (Framework::CisGcp, r"^cis-gcp-5\.0\.0:\d+(\.\d+)*$"),
        (Framework::PciDss, r"^pci-dss-4\.0:A?\d+(\.\d+)*$"),
        (
            Framework::Nist80053,
            r"^nist-800-53-r5:[A-Z]{2}-\d+(\(\d+\))?$",
        ),
        (Framework::BsiC5, r"^bsi-c5-2025:[A-Z]{2,4}-\d{2}$"),
    ];
    let forms: Vec<(Framework, regex::Regex)> = forms
        .iter()
        .map(|(f, re)| (*f, regex::Regex::new(re).unwrap()))
        .collect();
    let engine = Engine::new(&[]).unwrap();
    let mut claimed = BTreeSet::new();
    let mut frameworks = BTreeSet::new();
    for rule in engine.rules() {
        assert!(
            !rule.controls.is_empty(),
            "{}: name the controls the rule evidences in `@controls` (docs/compliance.md)",
            rule.id
        );
        for id in &rule.controls {
            let framework = Framework::of_control(id);
            let form = forms
                .iter()
                .find(|(_, re)| re.is_match(id))
                .map(|(f, _)| *f);
            assert!(
                framework.is_some() && framework == form,
                "{}: `{id}` is not a control id of a known framework",
                rule.id
            );
            frameworks.extend(framework);
            let entry = lookup(id);
            assert!(
                entry.is_some_and(|c| !c.title.is_empty() && c.source.starts_with("https://")),
                "{}: `{id}` needs an entry with a title and an https source in policies/controls.toml",
                rule.id
            );
            claimed.insert(id.clone());
        }
    }
    let mut seen = BTreeSet::new();
    for c in catalog() {
        assert!(
            seen.insert(c.id),
            "{} is in policies/controls.toml twice",
            c.id
        );
        assert!(
            claimed.contains(c.id),
            "{} is in policies/controls.toml but no rule evidences it: a control with no rule is not claimed",
            c.id
        );
        assert!(!c.source.contains(char::is_whitespace), "{}: source", c.id);
    }
    assert_eq!(
        frameworks.len(),
        Framework::ALL.len(),
        "every framework has at least one control"
    );
}

#[test]
fn every_rule_folder_is_complete_and_listed_in_rules_md() {
    let md = rules_md();
    let engine = Engine::new(&[]).unwrap();
    let mut seen = BTreeSet::new();
    for rule in engine.rules() {
        assert!(seen.insert(rule.id.clone()), "duplicate id {}", rule.id);
        assert!(
            BEYOND_THE_CATALOG.iter().any(|(id, _)| *id == rule.id)
                || md.contains(&format!("| {} |", rule.id))
                || md.contains(&format!("({})", rule.id))
                || md.contains(&format!("`{}`", rule.id)),
            "{} not in RULES.md",
            rule.id
        );
        let keylint_linter::RuleOrigin::Builtin(folder) = &rule.origin else {
            panic!()
        };
        assert!(
            folder.ends_with(&rule.id),
            "folder {folder} holds rule {}",
            rule.id
        );
        let dir = repo().join("policies").join(folder);
        for heading in [
            "## What it checks",
            "## Why it matters",
            "## How to fix",
            "## References",
        ] {
            assert!(
                rule.doc.contains(heading),
                "{}: doc.md lacks {heading}",
                rule.id
            );
        }
        for kind in ["fail", "pass"] {
            let n = std::fs::read_dir(dir.join(kind))
                .map(|d| d.count())
                .unwrap_or(0);
            assert!(n > 0, "{}: no {kind}/ fixtures", rule.id);
        }
        assert!(
            !rule.message.is_empty() && !rule.help.is_empty() && rule.title.len() <= 80,
            "{}",
            rule.id
        );
        assert!(
            !rule.message.ends_with('.'),
            "{}: messages have no final period",
            rule.id
        );
    }
}

#[test]
fn every_rule_of_the_catalog_is_implemented() {
    // Rules RULES.md specifies that keylint does not implement yet, each with the open issue
    // that builds it. A rule leaves this list in the commit that implements it.
    const PENDING: &[(&str, u32)] = &[];
    let md = rules_md();
    let engine = Engine::new(&[]).unwrap();
    let ids: BTreeSet<&str> = engine.rules().iter().map(|r| r.id.as_str()).collect();
    let mut missing = Vec::new();
    let mut catalog = BTreeSet::new();
    for line in md.lines() {
        let Some(id) = line.strip_prefix("| ").and_then(|l| l.split(" |").next()) else {
            continue;
        };
        let id = id.trim();
        if !id.contains('-') || id.contains(' ') || id == "id" {
            continue;
        }
        catalog.insert(id);
        if !ids.contains(id) && !PENDING.iter().any(|(p, _)| *p == id) {
            missing.push(id.to_owned());
        }
    }
    assert!(
        missing.is_empty(),
        "rules of RULES.md not implemented: {missing:?}"
    );
    for (id, issue) in PENDING {
        assert!(
            !ids.contains(id),
            "{id} is implemented now: remove it from PENDING (issue {issue})"
        );
        assert!(catalog.contains(id), "{id} is pending but not in RULES.md");
    }
}

#[test]
fn user_rules_that_do_not_type_check_are_located() {
    let bad = "// a user rule\n@id(\"my-rule\")\n@severity(\"low\")\nforbid (principal, action, resource is Keylint::Key)\nwhen { resource.no_such_fact };\n";
    let errs = Engine::new(&[("rules/mine.cedar".into(), bad.into())])
        .err()
        .unwrap();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].file, "rules/mine.cedar");
    assert_eq!(errs[0].line, 5, "{errs:?}");
    let syntax = "@id(\"x\")\n@severity(\"low\")\nforbid (principal, action, resource) when { ;\n";
    let errs = Engine::new(&[("x.cedar".into(), syntax.into())])
        .err()
        .unwrap();
    assert_eq!(errs[0].line, 3, "{errs:?}");
    let no_id = "forbid (principal, action, resource);\n";
    assert!(
        Engine::new(&[("y.cedar".into(), no_id.into())])
            .err()
            .unwrap()[0]
            .message
            .contains("@id")
    );
}

#[test]
fn profiles_switch_on_existing_opt_in_rules() {
    let engine = Engine::new(&[]).unwrap();
    let mut switched = BTreeSet::new();
    for name in keylint_linter::profile::NAMES {
        let profile = keylint_linter::profile::Profile::named(name).unwrap();
        for id in &profile.enables {
            let rule = engine
                .rule(id)
                .unwrap_or_else(|| panic!("{name} switches on unknown rule {id}"));
            assert!(!rule.default_enabled, "{name} switches on {id}, already on");
            switched.insert(id.clone());
        }
    }
    // RULES.md: the compliance profiles switch the detection rules on.
    assert!(switched.contains("gcp-kms-no-data-access-audit-logs"));
    assert!(
        keylint_linter::profile::Profile::named("default")
            .unwrap()
            .enables
            .is_empty()
    );
}

#[test]
fn configuration_rules_judge_configuration_entities() {
    let engine = Engine::new(&[]).unwrap();
    for id in keylint_model::unit::CONFIGURATION_RULES {
        let rule = engine.rule(id).unwrap();
        assert_eq!(
            rule.scope,
            Some(keylint_model::EntityKind::CloudResource),
            "{id}"
        );
    }
}
