//! The `keylint` binary end to end: exit codes, output contracts, SARIF validity.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failure is a test failure"
)]

mod common;
use common::{keylint, repo, tmp};
use std::path::Path;

#[test]
fn good_samples_are_clean_and_bad_samples_fail() {
    for provider in ["aws", "azure", "gcp", "vault"] {
        let (code, out, err) = keylint(
            &[
                "check",
                &format!("samples/{provider}/good"),
                "--format",
                "json",
            ],
            &repo(),
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(code, 0, "{provider} good: {out}{err}");
        // Azure Key Vault has no post-quantum key type: its good RSA and EC keys keep an
        // informational `key-quantum-vulnerable` note, and nothing else is reported.
        let others: Vec<&serde_json::Value> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| !(provider == "azure" && f["rule"] == "key-quantum-vulnerable"))
            .collect();
        assert!(others.is_empty(), "{provider} good: {others:?}");
        let (code, out, _) = keylint(
            &[
                "check",
                &format!("samples/{provider}/bad"),
                "--format",
                "json",
            ],
            &repo(),
        );
        assert_eq!(code, 1);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(
            v["findings"].as_array().unwrap().len() >= 8,
            "{provider}: {out}"
        );
    }
}

#[test]
fn json_contract() {
    let (_, out, _) = keylint(&["check", "samples", "--format", "json"], &repo());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["version"].is_string());
    assert!(v["summary"]["findings"].as_u64().unwrap() > 0);
    for f in v["findings"].as_array().unwrap() {
        for key in [
            "rule", "severity", "title", "message", "file", "resource", "help",
        ] {
            assert!(f[key].is_string(), "{key} in {f}");
        }
        for key in ["line", "column", "end_line", "end_column"] {
            assert!(f[key].as_u64().unwrap() >= 1, "{key} in {f}");
        }
        assert!(f["file"].as_str().unwrap().starts_with("samples/"));
    }
    // Deterministic: the same run twice gives the same bytes.
    let (_, again, _) = keylint(&["check", "samples", "--format", "json"], &repo());
    assert_eq!(out, again);
}

#[test]
fn sarif_validates_against_the_schema() {
    let schema_path = repo().join("../shared/schemas/sarif-schema-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let (code, out, _) = keylint(&["check", "samples", "--format", "sarif"], &repo());
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() >= 46);
    for r in rules {
        assert!(r["properties"]["security-severity"].is_string());
        assert!(
            r["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("## How to fix")
        );
    }
    for res in run["results"].as_array().unwrap() {
        assert!(res["partialFingerprints"]["keylint/v1"].is_string());
        let uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(uri.starts_with("samples/"), "{uri}");
    }
}

#[test]
fn exit_codes_and_errors_keep_other_files() {
    let d = tmp("errors");
    std::fs::write(
        d.join("bad.tf"),
        "resource \"aws_kms_key\" \"k\" {\n  deletion_window_in_days = \n}\n",
    )
    .unwrap();
    std::fs::create_dir_all(d.join("ok")).unwrap();
    std::fs::write(d.join("ok/main.tf"), "resource \"aws_kms_key\" \"k\" {\n  deletion_window_in_days = 7\n  enable_key_rotation = true\n}\n").unwrap();
    std::fs::create_dir_all(d.join("bin")).unwrap();
    // Not valid UTF-8 (and not a UTF-16 byte order mark, FF FE or FE FF).
    std::fs::write(d.join("bin/binary.tf"), [0xfeu8, 0xfe, 0x00, 0x01]).unwrap();
    std::fs::write(d.join("README.md"), "not linted").unwrap();
    let (code, out, _) = keylint(&["check", ".", "--format", "json"], &d);
    assert_eq!(code, 2, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors = v["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e["file"] == "bad.tf" && e["line"] == 2),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e["file"] == "bin/binary.tf"
                && e["message"].as_str().unwrap().contains("UTF-8")),
        "{errors:?}"
    );
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "aws-kms-short-deletion-window"
                && f["file"] == "ok/main.tf"
                && f["line"] == 2)
    );
    // --fail-on: a medium finding does not fail a high threshold.
    let (code, _, _) = keylint(&["check", "ok", "--fail-on", "high"], &d);
    assert_eq!(code, 0);
    let (code, _, _) = keylint(&["check", "ok"], &d);
    assert_eq!(code, 1);
    let (code, _, err) = keylint(&["check", "ok", "--profile", "nope"], &d);
    assert_eq!(code, 2);
    // clap names the bad value and lists the profiles there are.
    assert!(
        err.contains("'nope'") && err.contains("fedramp-high"),
        "{err}"
    );
    // Hidden directories, .terraform/ and .gitignore'd paths are skipped.
    std::fs::create_dir_all(d.join("ok/.terraform/modules")).unwrap();
    std::fs::write(
        d.join("ok/.terraform/modules/x.tf"),
        "resource \"aws_kms_key\" \"m\" {\n  deletion_window_in_days = 7\n}\n",
    )
    .unwrap();
    std::fs::write(d.join(".gitignore"), "ignored/\n").unwrap();
    std::fs::create_dir_all(d.join("ignored")).unwrap();
    std::fs::write(
        d.join("ignored/main.tf"),
        "resource \"aws_kms_key\" \"i\" {\n  deletion_window_in_days = 7\n}\n",
    )
    .unwrap();
    let (_, out, _) = keylint(&["check", ".", "--format", "json"], &d);
    assert!(
        !out.contains(".terraform") && !out.contains("ignored/main.tf"),
        "{out}"
    );
}

#[test]
fn user_rules_and_rule_docs() {
    let d = tmp("rules");
    std::fs::create_dir_all(d.join("rules")).unwrap();
    std::fs::write(
        d.join("rules/no-multi-region.cedar"),
        "@id(\"team-no-multi-region\")\n@severity(\"high\")\n@title(\"Multi-Region keys are banned\")\n@message(\"multi-Region key\")\n@help(\"set multi_region = false\")\n@highlight(\"multi_region\")\nforbid (principal, action, resource is Keylint::Key)\nwhen { resource has multi_region && resource.multi_region };\n",
    )
    .unwrap();
    std::fs::write(d.join("main.tf"), "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n  multi_region = true\n}\n").unwrap();
    let (code, out, err) = keylint(
        &["check", "main.tf", "--rules", "rules", "--format", "json"],
        &d,
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("\"team-no-multi-region\""), "{out}");
    std::fs::write(d.join("rules/bad.cedar"), "@id(\"x\")\n@severity(\"low\")\nforbid (principal, action, resource is Keylint::Key)\nwhen { resource.nope };\n").unwrap();
    let (code, _, err) = keylint(&["check", "main.tf", "--rules", "rules"], &d);
    assert_eq!(code, 2);
    assert!(err.contains("rules/bad.cedar:4"), "{err}");
    let (code, out, _) = keylint(&["rules"], &repo());
    assert_eq!(code, 0);
    assert!(out.lines().count() >= 46 && out.contains("aws-kms-wildcard-principal-decrypt"));
    let (code, out, _) = keylint(
        &["rule", "azure-keyvault-purge-protection-disabled"],
        &repo(),
    );
    assert_eq!(code, 0);
    assert!(out.contains("## How to fix"));
    let (code, _, _) = keylint(&["rule", "no-such-rule"], &repo());
    assert_eq!(code, 2);
}

#[test]
fn suppressions_silence_and_require_a_reason() {
    let d = tmp("supp");
    std::fs::write(
        d.join("main.tf"),
        "# keylint:ignore aws-kms-short-deletion-window -- staging key, recreated nightly\nresource \"aws_kms_key\" \"a\" {\n  deletion_window_in_days = 7\n  enable_key_rotation     = true\n}\n\nresource \"aws_kms_key\" \"b\" {\n  deletion_window_in_days = 7 # keylint:ignore aws-kms-short-deletion-window\n  enable_key_rotation     = true\n}\n",
    )
    .unwrap();
    let (_, out, _) = keylint(&["check", ".", "--format", "json"], &d);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, vec!["suppression-without-reason"], "{out}");
    assert_eq!(v["summary"]["suppressed"], 2);
}

#[test]
fn rules_reference_is_current() {
    let (code, out, err) = keylint(&["rules", "--format", "markdown"], &repo());
    assert_eq!(code, 0, "{err}");
    let committed = std::fs::read_to_string(repo().join("docs/rules.md")).unwrap_or_default();
    assert!(
        committed == out,
        "docs/rules.md is stale: regenerate it from the rule folders with `{}`",
        keylint_linter::reference::REGENERATE
    );
}

#[test]
fn rules_reference_lists_every_rule_with_its_folder() {
    let (_, out, _) = keylint(&["rules", "--format", "json"], &repo());
    let rules: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let (_, md, _) = keylint(&["rules", "--format", "markdown"], &repo());
    for r in &rules {
        let id = r["id"].as_str().unwrap();
        let provider = r["provider"].as_str().unwrap();
        assert!(md.contains(&format!("\n### {id}\n")), "no section for {id}");
        assert!(
            md.contains(&format!("| [`{id}`](#{id}) |")),
            "no table row for {id}"
        );
        let folder = format!("policies/{provider}/{id}/");
        assert!(
            md.contains(&format!("(../{folder})")),
            "no link to {folder}"
        );
        assert!(
            repo().join(&folder).join("rule.cedar").is_file(),
            "{folder}"
        );
    }
}

#[test]
fn byte_order_mark_and_crlf_keep_lines_right() {
    let d = tmp("bom");
    std::fs::write(d.join("main.tf"), "\u{feff}resource \"aws_kms_key\" \"k\" {\r\n  enable_key_rotation = true\r\n  deletion_window_in_days = 7\r\n}\r\n").unwrap();
    std::fs::write(d.join("policy.json"), "\u{feff}{\r\n  \"Version\": \"2012-10-17\",\r\n  \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"kms:Decrypt\", \"Resource\": \"*\"}]\r\n}\r\n").unwrap();
    let (code, out, _) = keylint(&["check", ".", "--format", "json"], &d);
    assert_eq!(code, 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = v["findings"].as_array().unwrap();
    assert!(
        f.iter()
            .any(|f| f["rule"] == "aws-kms-short-deletion-window"
                && f["line"] == 3
                && f["column"] == 3),
        "{out}"
    );
    assert!(
        f.iter()
            .any(|f| f["rule"] == "aws-kms-wildcard-principal-decrypt"
                && f["file"] == "policy.json"
                && f["line"] == 3),
        "{out}"
    );
}

#[test]
fn config_is_found_upwards_and_applies_severities_ignores_and_parameters() {
    let root = tmp("config-walk");
    let infra = root.join("infra");
    std::fs::create_dir_all(infra.join("legacy")).unwrap();
    std::fs::create_dir_all(infra.join("app")).unwrap();
    std::fs::write(
        root.join("keylint.toml"),
        "[parameters]\nmin_deletion_window_days = 14\n\n[severity]\n\"aws-kms-rotation-disabled\" = \"high\"\n\n\
         [[ignore]]\npath = \"infra/legacy/**\"\nreason = \"decommissioned\"\n\n\
         [[ignore]]\npath = \"infra/app/*.tf\"\nrules = [\"aws-kms-multi-region-key\"]\nreason = \"DR design\"\n",
    )
    .unwrap();
    std::fs::write(
        infra.join("legacy/main.tf"),
        "resource \"aws_kms_key\" \"old\" {\n  deletion_window_in_days = 7\n}\n",
    )
    .unwrap();
    std::fs::write(
        infra.join("app/main.tf"),
        "resource \"aws_kms_key\" \"app\" {\n  deletion_window_in_days = 10\n  multi_region = true\n}\n",
    )
    .unwrap();
    // Run from inside the tree: the config two levels up applies.
    let (code, out, err) = keylint(&["check", ".", "--format", "json"], &infra);
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let got: Vec<(String, String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_owned(),
                f["rule"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "app/main.tf".into(),
                "aws-kms-rotation-disabled".into(),
                "high".into()
            ),
            (
                "app/main.tf".into(),
                "aws-kms-short-deletion-window".into(),
                "medium".into()
            ),
        ],
        "legacy/ ignored, multi-region accepted in app/, rotation raised to high, 10 < 14 days"
    );
    assert_eq!(v["summary"]["suppressed"], 3, "{out}");
    // --show prints what applies, and says where it came from.
    let (code, out, _) = keylint(&["config", "--show"], &infra);
    assert_eq!(code, 0);
    assert!(out.contains("keylint.toml"), "{out}");
    assert!(out.contains("min_deletion_window_days = 14"), "{out}");
    assert!(
        out.contains("\"aws-kms-rotation-disabled\" = \"high\""),
        "{out}"
    );
    assert!(out.contains("reason = \"DR design\""), "{out}");
    // An ignore without a reason is refused, naming the key and line.
    std::fs::write(root.join("keylint.toml"), "[[ignore]]\npath = \"x/**\"\n").unwrap();
    let (code, _, err) = keylint(&["check", "."], &infra);
    assert_eq!(code, 2);
    assert!(
        err.contains("keylint.toml") && err.contains("ignore"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn pqc_policy_in_the_config_sets_the_quantum_rules_on_any_profile() {
    let d = tmp("pqc-policy");
    std::fs::write(
        d.join("main.tf"),
        "resource \"aws_kms_key\" \"rsa\" {\n  key_usage = \"SIGN_VERIFY\"\n  customer_master_key_spec = \"RSA_3072\"\n}\n\n\
         resource \"aws_kms_key\" \"pq\" {\n  key_usage = \"SIGN_VERIFY\"\n  customer_master_key_spec = \"ML_DSA_65\"\n}\n",
    )
    .unwrap();
    let rules = |out: &str| -> Vec<(String, String)> {
        let v: serde_json::Value = serde_json::from_str(out).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| {
                f["rule"].as_str().is_some_and(|r| {
                    r.starts_with("key-quantum") || r.starts_with("key-below-cnsa")
                })
            })
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["severity"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    // No policy: the RSA key is an info finding, the ML-DSA-65 key none.
    let (_, out, err) = keylint(&["check", ".", "--format", "json"], &d);
    assert_eq!(
        rules(&out),
        vec![("key-quantum-vulnerable".into(), "info".into())],
        "{err}"
    );
    // The cnsa-2.0 profile: medium, and key-below-cnsa-2.0 on.
    let (_, out, _) = keylint(
        &["check", ".", "--format", "json", "--profile", "cnsa-2.0"],
        &d,
    );
    assert_eq!(
        rules(&out),
        vec![
            ("key-quantum-vulnerable".into(), "medium".into()),
            ("key-below-cnsa-2.0".into(), "medium".into()),
        ]
    );
    // pqc_policy on top of another profile, from keylint.toml.
    std::fs::write(
        d.join("keylint.toml"),
        "profile = \"pci-dss\"\n\n[parameters]\npqc_policy = \"nist-ir-8547\"\n",
    )
    .unwrap();
    let (_, out, _) = keylint(&["check", ".", "--format", "json"], &d);
    assert_eq!(
        rules(&out),
        vec![("key-quantum-vulnerable".into(), "low".into())]
    );
    let (code, out, _) = keylint(&["config", "--show"], &d);
    assert_eq!(code, 0);
    assert!(out.contains("pqc_policy = \"nist-ir-8547\""), "{out}");
    assert!(
        out.contains("\"key-quantum-vulnerable\" = \"low\""),
        "{out}"
    );
    // The schema refuses another value.
    std::fs::write(
        d.join("keylint.toml"),
        "[parameters]\npqc_policy = \"cnsa-3\"\n",
    )
    .unwrap();
    let (code, _, err) = keylint(&["check", "."], &d);
    assert_eq!(code, 2);
    assert!(err.contains("pqc_policy"), "{err}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn bicep_sources_without_a_compiled_template_get_a_note() {
    let d = tmp("bicep");
    std::fs::write(d.join("only.bicep"), "param name string\n").unwrap();
    std::fs::write(d.join("main.bicep"), "param name string\n").unwrap();
    std::fs::write(
        d.join("main.json"),
        r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": []}"#,
    )
    .unwrap();
    let (code, _, err) = keylint(&["check", ".", "--format", "json"], &d);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("note: only.bicep: Bicep source is not read"),
        "{err}"
    );
    assert!(!err.contains("main.bicep"), "compiled beside it: {err}");
}

/// A reader that stops early (`keylint rules | head -1`) ends the output quietly: no
/// panic on the broken pipe.
#[test]
fn a_closed_stdout_is_not_a_panic() {
    use std::process::{Command, Stdio};
    for args in [
        &["rules"][..],
        &["rules", "--format", "markdown"],
        &["config", "--schema"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_keylint"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

/// `.`, `./`, no path, a sub-directory and the absolute path name the same files, so they
/// give the same findings, the configuration-wide ones (RULES.md "Detection") included:
/// those are placed by the file's path, which must be the one the readers use.
#[test]
fn every_spelling_of_a_path_gives_the_same_findings() {
    let d = tmp("spellings");
    std::fs::create_dir_all(d.join("infra")).unwrap();
    std::fs::write(
        d.join("infra/main.tf"),
        "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n\nresource \"google_kms_crypto_key\" \"g\" {\n  name     = \"g\"\n  key_ring = \"projects/p/locations/global/keyRings/r\"\n}\n",
    )
    .unwrap();
    let enable = [
        "--enable",
        "aws-kms-no-key-deletion-alarm,gcp-kms-no-data-access-audit-logs",
        "--format",
        "json",
    ];
    let findings = |args: &[&str], cwd: &Path| -> Vec<(String, u64)> {
        let all: Vec<&str> = ["check"]
            .iter()
            .chain(args)
            .chain(&enable)
            .copied()
            .collect();
        let (code, out, err) = keylint(&all, cwd);
        assert_eq!(code, 1, "{args:?}: {err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["line"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let infra = d.join("infra");
    let absolute = infra.to_string_lossy().into_owned();
    let want = findings(&[absolute.as_str()], &d);
    for rule in [
        "aws-kms-no-key-deletion-alarm",
        "gcp-kms-no-data-access-audit-logs",
    ] {
        assert!(want.iter().any(|(r, _)| r == rule), "{rule}: {want:?}");
    }
    for (args, cwd) in [
        (&["."][..], &infra),
        (&["./"][..], &infra),
        (&[][..], &infra),
        (&["infra"][..], &d),
        (&["./infra/"][..], &d),
        (&["./infra/main.tf"][..], &d),
    ] {
        assert_eq!(findings(args, cwd), want, "{args:?} in {}", cwd.display());
    }
}

/// keylint's internal markers (an unknown part of a string, the deployment's own AWS
/// account) never reach a report: the key inventory of the BOM shows the account of a
/// CloudFormation key as `${AWS::AccountId}`.
#[test]
fn internal_markers_never_reach_a_report() {
    let d = tmp("markers");
    std::fs::write(
        d.join("key.yaml"),
        "Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n      KeyPolicy:\n        Version: '2012-10-17'\n        Statement:\n          - Sid: Root\n            Effect: Allow\n            Principal:\n              AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'\n            Action: 'kms:*'\n            Resource: '*'\n          - Sid: Use\n            Effect: Allow\n            Principal:\n              AWS: !Sub 'arn:aws:iam::${Other}:role/app'\n            Action: 'kms:Decrypt'\n            Resource: '*'\nParameters:\n  Other:\n    Type: String\n",
    )
    .unwrap();
    for format in common::FORMATS {
        let (code, out, err) = keylint(&["check", ".", "--format", format], &d);
        assert!(code <= 1, "{format}: {err}");
        for marker in ['\u{1}', '\u{2}'] {
            let escaped = format!("\\u{:04x}", u32::from(marker));
            assert!(
                !out.contains(marker) && !out.contains(&escaped),
                "{format} shows an internal marker: {out}"
            );
        }
    }
    let (_, bom, _) = keylint(&["check", ".", "--format", "cyclonedx"], &d);
    assert!(bom.contains("${AWS::AccountId}"), "{bom}");
}
