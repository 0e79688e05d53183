//! Terraform modules on disk: locations of findings through module calls, one finding for
//! a module linted on its own and again under its callers, files named on the command line
//! (pre-commit), modules `terraform init` installed, sources that do not exist.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failure is a test failure"
)]

mod common;

use std::path::Path;

use common::{keylint, tmp};

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// The findings of a JSON report.
fn findings(json: &str) -> Vec<serde_json::Value> {
    let report: serde_json::Value = serde_json::from_str(json).unwrap();
    report["findings"].as_array().unwrap().clone()
}

/// `file:line rule` of a finding.
fn place(f: &serde_json::Value) -> String {
    format!(
        "{}:{} {}",
        f["file"].as_str().unwrap(),
        f["line"],
        f["rule"].as_str().unwrap()
    )
}

/// `file:line message` of each related location.
fn related(f: &serde_json::Value) -> Vec<String> {
    f["related"]
        .as_array()
        .map(|r| {
            r.iter()
                .map(|r| {
                    format!(
                        "{}:{} {}",
                        r["file"].as_str().unwrap(),
                        r["line"],
                        r["message"].as_str().unwrap()
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

const KEY_FROM_VAR: &str = r#"variable "window" {}

resource "aws_kms_key" "k" {
  enable_key_rotation     = true
  deletion_window_in_days = var.window
}
"#;

#[test]
fn a_value_passed_through_two_modules_lands_on_the_root_caller() {
    let dir = tmp("two-levels");
    write(
        &dir,
        "live/main.tf",
        "module \"a\" {\n  source = \"../modules/a\"\n  window = 7\n}\n",
    );
    write(
        &dir,
        "staging/main.tf",
        "module \"a\" {\n  source = \"../modules/a\"\n\n  window = 9\n}\n",
    );
    write(
        &dir,
        "modules/a/main.tf",
        "variable \"window\" {}\n\nmodule \"b\" {\n  source = \"../b\"\n  window = var.window\n}\n",
    );
    write(&dir, "modules/b/main.tf", KEY_FROM_VAR);
    let (code, out, err) = keylint(&["check", ".", "--format", "json"], &dir);
    assert_eq!(code, 1, "{out}{err}");
    let found = findings(&out);
    let places: Vec<String> = found.iter().map(place).collect();
    assert_eq!(
        places,
        [
            "live/main.tf:3 aws-kms-short-deletion-window",
            "staging/main.tf:4 aws-kms-short-deletion-window"
        ],
        "{out}"
    );
    let rel = related(&found[0]);
    assert!(
        rel.contains(&"modules/a/main.tf:5 passed on as `window` to `module.a.module.b`".into()),
        "{rel:?}"
    );
    assert!(
        rel.contains(
            &"modules/b/main.tf:5 sets `deletion_window_in_days` of `module.a.module.b.aws_kms_key.k`"
                .into()
        ),
        "{rel:?}"
    );
    assert!(
        rel.iter()
            .any(|r| r.starts_with("modules/b/main.tf:3 in `module.a.module.b.aws_kms_key.k`")),
        "{rel:?}"
    );
    assert_eq!(found[0]["resource"], "module.a.module.b.aws_kms_key.k");
}

#[test]
fn a_module_linted_alone_and_under_its_callers_gives_one_finding() {
    let dir = tmp("dedup");
    write(
        &dir,
        "modules/key/main.tf",
        "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = false\n}\n",
    );
    for root in ["prod", "dev"] {
        write(
            &dir,
            &format!("{root}/main.tf"),
            "module \"key\" {\n  source = \"../modules/key\"\n}\n",
        );
    }
    let (code, out, err) = keylint(&["check", ".", "--format", "json"], &dir);
    assert_eq!(code, 1, "{out}{err}");
    let found = findings(&out);
    let places: Vec<String> = found.iter().map(place).collect();
    assert_eq!(
        places,
        ["modules/key/main.tf:2 aws-kms-rotation-disabled"],
        "{out}"
    );
    let rel = related(&found[0]);
    for root in ["dev", "prod"] {
        assert!(
            rel.contains(&format!(
                "{root}/main.tf:1 reached through `module.key`, called here"
            )),
            "{rel:?}"
        );
    }
}

#[test]
fn a_vault_policy_file_loaded_by_several_resources_is_reported_once() {
    let dir = tmp("vault-file");
    write(
        &dir,
        "admin.hcl",
        "path \"*\" {\n  capabilities = [\"read\", \"list\"]\n}\n",
    );
    write(
        &dir,
        "main.tf",
        "resource \"vault_policy\" \"a\" {\n  name   = \"a\"\n  policy = file(\"admin.hcl\")\n}\n\nresource \"vault_policy\" \"b\" {\n  name   = \"b\"\n  policy = file(\"${path.module}/admin.hcl\")\n}\n",
    );
    let (code, out, err) = keylint(&["check", ".", "--format", "json"], &dir);
    assert_eq!(code, 1, "{out}{err}");
    let found = findings(&out);
    let places: Vec<String> = found.iter().map(place).collect();
    assert_eq!(places, ["admin.hcl:2 vault-policy-wildcard-path"], "{out}");
    let rel = related(&found[0]);
    assert!(
        rel.contains(&"main.tf:3 loaded by `vault_policy.a`".into()),
        "{rel:?}"
    );
    assert!(
        rel.contains(&"main.tf:8 loaded by `vault_policy.b`".into()),
        "{rel:?}"
    );
    // Only the clause that applies.
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("`*` reaches every secret"), "{message}");
    assert!(!message.contains("sudo"), "{message}");
}

#[test]
fn a_local_module_source_that_does_not_exist_is_a_note() {
    let dir = tmp("missing-source");
    write(
        &dir,
        "main.tf",
        "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n\nmodule \"gone\" {\n  source = \"./modules/gone\"\n}\n",
    );
    let (code, _, err) = keylint(&["check", ".", "--format", "concise"], &dir);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "note: main.tf:5: module `module.gone`: source `./modules/gone` does not exist or holds no Terraform files; its resources are not linted"
        ),
        "{err}"
    );
}

#[test]
fn named_files_report_what_they_touch() {
    let dir = tmp("named");
    write(
        &dir,
        "main.tf",
        "resource \"aws_kms_key\" \"old\" {\n  enable_key_rotation = false\n}\n\nresource \"aws_kms_key\" \"k\" {\n  enable_key_rotation     = true\n  deletion_window_in_days = var.window\n}\n",
    );
    write(
        &dir,
        "variables.tf",
        "variable \"window\" {\n  default = 7\n}\n",
    );
    let concise = |args: &[&str]| {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        all.extend(["--format", "concise"]);
        keylint(&all, &dir)
    };
    // Only variables.tf changed: the key it weakens is reported, the old finding is not.
    let (code, out, _) = concise(&["variables.tf"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with("main.tf:7:3: medium aws-kms-short-deletion-window"),
        "{out}"
    );
    // main.tf named: everything in it.
    let (_, out, _) = concise(&["main.tf"]);
    assert_eq!(out.lines().count(), 2, "{out}");
    // The directory: everything.
    let (_, all, _) = concise(&["."]);
    assert_eq!(all, out);
    // The related place is the default.
    let (_, json, _) = keylint(&["check", "variables.tf", "--format", "json"], &dir);
    let found = findings(&json);
    assert!(
        related(&found[0]).contains(&"variables.tf:2 the value is set here".into()),
        "{json}"
    );
}

#[test]
fn a_module_argument_in_a_named_file_reports_the_key_in_the_module() {
    let dir = tmp("named-module");
    write(&dir, "modules/key/main.tf", KEY_FROM_VAR);
    write(
        &dir,
        "modules/key/rotation.tf",
        "resource \"aws_kms_key\" \"old\" {\n  enable_key_rotation = false\n}\n",
    );
    write(
        &dir,
        "live/main.tf",
        "module \"key\" {\n  source = \"../modules/key\"\n  window = var.window\n}\n",
    );
    write(
        &dir,
        "live/variables.tf",
        "variable \"window\" {\n  default = 7\n}\n",
    );
    let (code, out, _) = keylint(&["check", "live/variables.tf", "--format", "concise"], &dir);
    assert_eq!(code, 1, "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with("live/main.tf:3:3: medium aws-kms-short-deletion-window"),
        "{out}"
    );
}

#[test]
fn modules_installed_by_terraform_init_are_read_offline() {
    let dir = tmp("installed");
    write(
        &dir,
        "main.tf",
        "module \"kms\" {\n  source  = \"terraform-aws-modules/kms/aws\"\n  version = \"3.0.0\"\n  window  = 7\n}\n",
    );
    write(
        &dir,
        ".terraform/modules/modules.json",
        r#"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"kms","Source":"registry.terraform.io/terraform-aws-modules/kms/aws","Version":"3.0.0","Dir":".terraform/modules/kms"},{"Key":"kms.inner","Source":"git::https://example.com/inner.git","Dir":".terraform/modules/kms.inner"}]}"#,
    );
    write(
        &dir,
        ".terraform/modules/kms/main.tf",
        "variable \"window\" {}\n\nmodule \"inner\" {\n  source = \"git::https://example.com/inner.git\"\n}\n\nresource \"aws_kms_key\" \"this\" {\n  enable_key_rotation     = true\n  deletion_window_in_days = var.window\n}\n",
    );
    write(
        &dir,
        ".terraform/modules/kms.inner/main.tf",
        "resource \"aws_kms_key\" \"inner\" {\n  enable_key_rotation = false\n}\n",
    );
    let (code, out, err) = keylint(&["check", ".", "--format", "concise"], &dir);
    assert_eq!(code, 1, "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with(
            ".terraform/modules/kms.inner/main.tf:2:3: medium aws-kms-rotation-disabled"
        ),
        "{out}"
    );
    assert!(
        lines[1].starts_with("main.tf:4:3: medium aws-kms-short-deletion-window"),
        "{out}"
    );
    assert!(!err.contains("not installed"), "{err}");
}

#[test]
fn keys_capped_by_a_standard_vault_are_named_by_the_vault_finding() {
    let fixture = common::repo()
        .join("policies/common/key-below-required-fips-level/fail/azure-standard-sku-hsm-keys.tf");
    let dir = tmp("fips-cap");
    std::fs::copy(fixture, dir.join("azure-standard-sku-hsm-keys.tf")).unwrap();
    let (code, out, err) = keylint(
        &[
            "check",
            "azure-standard-sku-hsm-keys.tf",
            "--select",
            "key-below-required-fips-level",
            "--format",
            "json",
        ],
        &dir,
    );
    assert_eq!(code, 1, "{out}{err}");
    let found = findings(&out);
    let places: Vec<String> = found.iter().map(place).collect();
    assert_eq!(
        places,
        ["azure-standard-sku-hsm-keys.tf:8 key-below-required-fips-level"],
        "{out}"
    );
    let rel = related(&found[0]);
    for (line, key, ty) in [(13, "cmk", "RSA-HSM"), (22, "signing", "EC-HSM")] {
        assert!(
            rel.contains(&format!(
                "azure-standard-sku-hsm-keys.tf:{line} `azurerm_key_vault_key.{key}` (`{ty}`) is held at FIPS 140 level 1 by this vault's standard SKU"
            )),
            "{rel:?}"
        );
    }
}
