//! Suppressions with expiry, unused suppressions, skips written for checkov and
//! trivy/tfsec, baselines, and Terraform files judged with their directory: the real
//! binary on temporary trees.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failure is a test failure"
)]

mod common;

use common::{keylint, keylint_env, tmp};

const KEY_WITHOUT_ROTATION: &str = r#"resource "aws_kms_key" "legacy" {
  description         = "legacy payments key"
  enable_key_rotation = false
}
"#;

fn rules_of(concise: &str) -> Vec<String> {
    concise
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2).map(str::to_owned))
        .collect()
}

fn check_as_of(day: &str, dir: &std::path::Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["check", "."];
    if !extra.contains(&"--format") {
        args.extend(["--format", "concise"]);
    }
    args.extend_from_slice(extra);
    keylint_env(&args, dir, &[("KEYLINT_TODAY", day)])
}

/// `rule resource` of each finding of a JSON report.
fn rule_and_resource(json: &str) -> Vec<String> {
    let report: serde_json::Value = serde_json::from_str(json).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["rule"].as_str().unwrap(),
                f["resource"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn a_suppression_expires_the_day_after_its_date() {
    let dir = tmp("expiry");
    std::fs::write(
        dir.join("main.tf"),
        format!(
            "# keylint:ignore aws-kms-rotation-disabled until=2027-03-31 -- manual rotation until the HSM move (SEC-9)\n{KEY_WITHOUT_ROTATION}"
        ),
    )
    .unwrap();
    let (code, out, _) = check_as_of("2027-03-31", &dir, &[]);
    assert_eq!((code, out.as_str()), (0, ""), "live on its last day");
    let (code, out, _) = check_as_of("2027-04-01", &dir, &[]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        rules_of(&out),
        ["suppression-expired", "aws-kms-rotation-disabled"],
        "{out}"
    );
    assert!(out.contains("expired on 2027-03-31"), "{out}");

    // A date that is not a date silences nothing and is an error with its line.
    std::fs::write(
        dir.join("main.tf"),
        format!(
            "\n# keylint:ignore aws-kms-rotation-disabled until=2027-02-30 -- typo\n{KEY_WITHOUT_ROTATION}"
        ),
    )
    .unwrap();
    let (code, out, _) = check_as_of("2026-01-01", &dir, &["--format", "human"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("main.tf:2:1: suppression expiry `2027-02-30` is not a date"),
        "{out}"
    );
    assert!(out.contains("aws-kms-rotation-disabled"), "{out}");

    let (code, _, err) = check_as_of("tomorrow", &dir, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("KEYLINT_TODAY"), "{err}");
}

#[test]
fn unused_suppressions_are_reported_on_request() {
    let dir = tmp("unused");
    std::fs::write(
        dir.join("main.tf"),
        r#"# keylint:ignore aws-kms-rotation-disabled -- rotated by hand (KMS-7)
resource "aws_kms_key" "fixed" {
  description         = "rotation was turned on since"
  enable_key_rotation = true
}

# keylint:ignore aws-kms-rotation-disabled,aws-kms-multi-region-key -- rotated by hand (KMS-8)
resource "aws_kms_key" "legacy" {
  description         = "legacy"
  enable_key_rotation = false
}
"#,
    )
    .unwrap();
    let (code, out, _) = check_as_of("2026-01-01", &dir, &[]);
    assert_eq!((code, out.as_str()), (0, ""), "off by default");
    let (code, out, _) = check_as_of("2026-01-01", &dir, &["--report-unused-suppressions"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("main.tf:1:1: low suppression-unused")
            && lines[0].contains("`aws-kms-rotation-disabled`"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("main.tf:7:1: low suppression-unused")
            && lines[1].contains("`aws-kms-multi-region-key`"),
        "{out}"
    );
    // The same through the config file; a rule switched off still counts as firing.
    std::fs::write(
        dir.join("keylint.toml"),
        "enable = [\"suppression-unused\"]\ndisable = [\"aws-kms-rotation-disabled\"]\n",
    )
    .unwrap();
    let (_, out2, _) = check_as_of("2026-01-01", &dir, &[]);
    assert_eq!(out2, out);
    let (code, _, err) = check_as_of("2026-01-01", &dir, &["--enable", "no-such-rule"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule `no-such-rule`"), "{err}");
}

#[test]
fn checkov_and_trivy_skips_silence_the_rules_that_cover_them() {
    let dir = tmp("peer-skips");
    std::fs::create_dir_all(dir.join("rules")).unwrap();
    // A user rule carrying its own crosswalk, so the test does not depend on the
    // built-in mapping.
    std::fs::write(
        dir.join("rules/window.cedar"),
        r#"@id("org-window-30")
@severity("high")
@title("Deletion window of 30 days")
@checkov("CKV_ORG_1")
@trivy("AVD-ORG-0001,org-kms-window")
forbid (principal, action, resource is Keylint::Key)
when { resource has deletion_window_days && resource.deletion_window_days == 30 };
"#,
    )
    .unwrap();
    let key = |name: &str, inside: &str, above: &str| {
        format!(
            "{above}resource \"aws_kms_key\" \"{name}\" {{\n  {inside}\n  deletion_window_in_days = 30\n  enable_key_rotation     = true\n}}\n\n"
        )
    };
    let text = [
        key(
            "checkov",
            "#checkov:skip=CKV_ORG_1:accepted by the risk board",
            "",
        ),
        key("trivy", "", "#trivy:ignore:AVD-ORG-0001\n"),
        key("tfsec", "", "#tfsec:ignore:org-kms-window:exp:2099-01-01\n"),
        key(
            "tfsec_expired",
            "",
            "#tfsec:ignore:org-kms-window:exp:2020-01-01\n",
        ),
        key("other_check", "#checkov:skip=CKV_AWS_7:unrelated", ""),
        key("plain", "", ""),
    ]
    .concat();
    std::fs::write(dir.join("main.tf"), text).unwrap();
    let (code, out, _) = check_as_of(
        "2026-01-01",
        &dir,
        &["--rules", "rules", "--format", "json"],
    );
    assert_eq!(code, 1, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let got = rule_and_resource(&out);
    assert_eq!(
        got,
        [
            "suppression-expired tfsec:ignore",
            "org-window-30 aws_kms_key.tfsec_expired",
            "org-window-30 aws_kms_key.other_check",
            "org-window-30 aws_kms_key.plain",
        ],
        "{out}"
    );
    assert_eq!(report["summary"]["suppressed"], 3, "{out}");
}

#[test]
fn baselines_report_only_new_findings() {
    let dir = tmp("baseline");
    std::fs::create_dir_all(dir.join("infra")).unwrap();
    std::fs::write(dir.join("infra/main.tf"), KEY_WITHOUT_ROTATION).unwrap();
    let (code, out, err) = keylint(
        &[
            "check",
            "infra",
            "--write-baseline",
            "keylint-baseline.json",
            "--format",
            "concise",
        ],
        &dir,
    );
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let baseline = std::fs::read_to_string(dir.join("keylint-baseline.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&baseline).unwrap();
    assert_eq!(json["findings"][0]["file"], "infra/main.tf", "{baseline}");
    assert_eq!(json["findings"][0]["resource"], "aws_kms_key.legacy");
    assert!(!baseline.contains("\"line\""), "{baseline}");

    // The finding moves down within its resource; a new key and a key of the same name in
    // another file appear.
    std::fs::write(
        dir.join("infra/main.tf"),
        format!(
            "# moved\n\n\n{}\nresource \"aws_kms_key\" \"new\" {{\n  enable_key_rotation = false\n}}\n",
            KEY_WITHOUT_ROTATION.replace("{\n", "{\n  # a comment pushes the finding down\n")
        ),
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("other")).unwrap();
    std::fs::write(dir.join("other/main.tf"), KEY_WITHOUT_ROTATION).unwrap();
    // Run from another directory: paths are relative to the baseline file.
    let (code, out, _) = keylint(
        &[
            "check",
            ".",
            "--baseline",
            "../keylint-baseline.json",
            "--format",
            "concise",
        ],
        &dir.join("infra"),
    );
    assert_eq!(code, 1, "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with("main.tf:11:3: medium aws-kms-rotation-disabled"),
        "{out}"
    );
    let (_, out, _) = keylint(&["check", ".", "--baseline", "keylint-baseline.json"], &dir);
    assert!(out.contains("other/main.tf"), "{out}");
    assert!(
        out.contains("2 findings") && out.contains("1 baselined"),
        "{out}"
    );

    // A broken baseline is an error that names the file and line.
    std::fs::write(
        dir.join("bad.json"),
        "{\n  \"keylint_baseline\": 1,\n  \"findings\": 3\n}\n",
    )
    .unwrap();
    let (code, _, err) = keylint(&["check", ".", "--baseline", "bad.json"], &dir);
    assert_eq!(code, 2);
    assert!(err.contains("bad.json:3:"), "{err}");
}

#[test]
fn a_terraform_file_is_judged_with_its_directory() {
    let dir = tmp("tf-dir");
    std::fs::write(
        dir.join("main.tf"),
        "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation     = true\n  deletion_window_in_days = var.window\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("variables.tf"),
        "variable \"window\" {\n  default = 7\n}\n",
    )
    .unwrap();
    std::fs::write(dir.join("policy.json"), "{\"not\": \"a policy\"}").unwrap();
    let (code, out, _) = keylint(&["check", "main.tf", "--format", "concise"], &dir);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with("main.tf:3:3: medium aws-kms-short-deletion-window")
            && out.contains("`7` days"),
        "{out}"
    );
    // Both files named: one module, read once.
    let (_, both, _) = keylint(
        &["check", "main.tf", "variables.tf", "--format", "concise"],
        &dir,
    );
    assert_eq!(both, out);
}

#[test]
fn skips_written_for_peers_carry_over_through_the_builtin_crosswalk() {
    let dir = tmp("crosswalk");
    let key = |name: &str, inside: &str, above: &str, eol: &str| {
        format!(
            "{above}resource \"aws_kms_key\" \"{name}\" {{\n  {inside}\n  enable_key_rotation = false {eol}\n}}\n\n"
        )
    };
    let text = [
        key(
            "checkov",
            "# checkov:skip=CKV_AWS_7: rotated by the HSM team",
            "",
            "",
        ),
        key("trivy", "", "#trivy:ignore:AVD-AWS-0065\n", ""),
        key("tfsec", "", "", "#tfsec:ignore:aws-kms-auto-rotate-keys"),
        key("tfsec_legacy", "", "#tfsec:ignore:AWS019\n", ""),
        key(
            "unrelated",
            "#checkov:skip=CKV_AWS_33:about principals",
            "",
            "",
        ),
    ]
    .concat();
    std::fs::write(dir.join("main.tf"), text).unwrap();
    let (code, out, _) = keylint(&["check", ".", "--format", "json"], &dir);
    assert_eq!(code, 1, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let got = rule_and_resource(&out);
    assert_eq!(
        got,
        ["aws-kms-rotation-disabled aws_kms_key.unrelated"],
        "{out}"
    );
    assert_eq!(report["summary"]["suppressed"], 4);
}
