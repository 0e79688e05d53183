//! Hostile and broken input: each case gets a clear, located error or correct findings,
//! never a crash, a hang or a silently skipped file; planted secrets never reach any
//! output; output does not depend on the number of threads.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failure is a test failure"
)]

mod common;

use std::path::Path;

use common::{FORMATS, keylint, keylint_env, repo, tmp};

fn concise(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["check", "--format", "concise"];
    all.extend_from_slice(args);
    keylint(&all, dir)
}

#[test]
fn nesting_100000_levels_deep_is_a_located_error() {
    let dir = tmp("deep");
    let deep = 100_000;
    std::fs::write(
        dir.join("policy.json"),
        format!(
            "{{\"Version\": \"2012-10-17\", \"Statement\": {}{}}}",
            "[".repeat(deep),
            "]".repeat(deep)
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("main.tf"),
        format!(
            "locals {{\n  x = {}{}\n}}\n",
            "[".repeat(deep),
            "]".repeat(deep)
        ),
    )
    .unwrap();
    std::fs::create_dir(dir.join("ok")).unwrap();
    std::fs::write(
        dir.join("ok/main.tf"),
        "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = false\n}\n",
    )
    .unwrap();
    let (code, out, err) = concise(&dir, &["."]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains("main.tf:1:1: error nesting deeper than"),
        "{out}"
    );
    assert!(
        out.contains("policy.json:1:1: error invalid JSON: JSON is nested deeper than"),
        "{out}"
    );
    assert!(
        out.contains("ok/main.tf:2:3: medium aws-kms-rotation-disabled"),
        "the rest is linted: {out}"
    );
}

#[test]
fn a_200_mb_file_is_rejected_by_size_and_the_limit_is_configurable() {
    let dir = tmp("big");
    // Sparse: the size check comes before any read.
    let f = std::fs::File::create(dir.join("main.tf")).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap();
    let (code, out, _) = concise(&dir, &["."]);
    assert_eq!(code, 2);
    assert!(
        out.contains("main.tf:1:1: error file is 209715200 bytes, larger than --max-file-size 10485760; not read"),
        "{out}"
    );
    // Small files pass a tight limit, big ones do not.
    std::fs::write(dir.join("main.tf"), "resource \"aws_kms_key\" \"k\" {}\n").unwrap();
    let (_, out, _) = concise(&dir, &[".", "--max-file-size", "10"]);
    assert!(out.contains("larger than --max-file-size 10"), "{out}");
}

#[test]
fn binary_and_invalid_utf8_are_located_errors() {
    let dir = tmp("binary");
    std::fs::write(
        dir.join("main.tf"),
        b"resource \"aws_kms_key\" \"k\" {\n  description = \"\xff\xfe\"\n}\n",
    )
    .unwrap();
    std::fs::write(dir.join("policy.json"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let (code, out, _) = concise(&dir, &["."]);
    assert_eq!(code, 2);
    assert!(
        out.contains("main.tf:2:18: error not valid UTF-8 (byte 46); not read"),
        "{out}"
    );
    assert!(
        out.contains("policy.json:1:2: error not valid UTF-8 (byte 1)"),
        "{out}"
    );
}

#[test]
fn utf16_and_byte_order_marks_are_read() {
    // What Windows PowerShell 5.1 writes for `terraform show -json > plan.json`: UTF-16 LE
    // with a byte order mark; big endian and UTF-8 with a mark are read too.
    let dir = tmp("utf16");
    let utf16 = |text: &str, big: bool| -> Vec<u8> {
        let mut out = if big {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in text.encode_utf16() {
            out.extend(if big {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        out
    };
    let tf = "# é\nresource \"aws_kms_key\" \"k\" {\n  deletion_window_in_days = 7\n}\n";
    for (name, bytes) in [
        ("le", utf16(tf, false)),
        ("be", utf16(tf, true)),
        ("bom8", [&[0xEF, 0xBB, 0xBF][..], tf.as_bytes()].concat()),
    ] {
        std::fs::create_dir_all(dir.join(name)).unwrap();
        std::fs::write(dir.join(name).join("main.tf"), bytes).unwrap();
    }
    let plan = "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {\"resources\": [\n  {\"address\": \"aws_kms_key.k\", \"type\": \"aws_kms_key\", \"name\": \"k\", \"mode\": \"managed\",\n   \"values\": {\"deletion_window_in_days\": 7, \"enable_key_rotation\": true}}\n]}}}\n";
    std::fs::write(dir.join("plan.json"), utf16(plan, false)).unwrap();
    // An unpaired surrogate on line 2.
    let mut bad = utf16("{\n  \"planned_values\": \"", false);
    bad.extend([0x00, 0xD8, b'"', 0, b'}', 0]);
    std::fs::write(dir.join("bad.json"), bad).unwrap();
    let (code, out, _) = concise(&dir, &["."]);
    assert_eq!(code, 2, "{out}");
    for name in ["le", "be", "bom8"] {
        assert!(
            out.contains(&format!(
                "{name}/main.tf:3:3: medium aws-kms-short-deletion-window"
            )),
            "{name}: {out}"
        );
    }
    assert!(out.contains("plan.json:3:"), "{out}");
    assert!(
        out.contains("bad.json:2:22: error not valid UTF-16 (little endian) (unpaired surrogate"),
        "{out}"
    );
}

#[test]
fn a_one_megabyte_line_and_100000_statements_are_read() {
    let dir = tmp("long");
    std::fs::write(
        dir.join("main.tf"),
        format!(
            "resource \"aws_kms_key\" \"k\" {{ description = \"{}\" }}\n",
            "a".repeat(1 << 20)
        ),
    )
    .unwrap();
    let statements: Vec<String> = (0..100_000)
        .map(|i| {
            format!(
                r#"{{"Sid": "s{i}", "Effect": "Allow", "Principal": {{"AWS": "arn:aws:iam::111122223333:role/r{i}"}}, "Action": "kms:Decrypt", "Resource": "*"}}"#
            )
        })
        .collect();
    std::fs::create_dir(dir.join("policy")).unwrap();
    std::fs::write(
        dir.join("policy/key-policy.json"),
        format!(
            "{{\"Version\": \"2012-10-17\", \"Statement\": [\n{},\n{}\n]}}",
            statements.join(",\n"),
            r#"{"Sid": "anyone", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}"#
        ),
    )
    .unwrap();
    let (code, out, err) = concise(&dir, &[".", "--max-file-size", "100000000"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("main.tf:1:1: medium aws-kms-rotation-disabled"),
        "{out}"
    );
    // The one bad statement among 100,001 is found on its line.
    assert!(
        out.contains("policy/key-policy.json:100002:")
            && out.contains("aws-kms-wildcard-principal"),
        "{out}"
    );
}

#[test]
fn symbolic_links_loops_and_unreadable_files() {
    let dir = tmp("links");
    std::fs::create_dir(dir.join("infra")).unwrap();
    std::fs::write(
        dir.join("infra/main.tf"),
        "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = false\n}\n",
    )
    .unwrap();
    // A loop (directory links are not followed), a link to a file (read), a broken link
    // (an error naming it).
    std::os::unix::fs::symlink("..", dir.join("infra/loop")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("self")).unwrap();
    std::os::unix::fs::symlink("infra/main.tf", dir.join("linked.tf")).unwrap();
    std::os::unix::fs::symlink("missing.tf", dir.join("broken.tf")).unwrap();
    let (code, out, _) = concise(&dir, &["."]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("broken.tf:1:1: error cannot read: broken symbolic link"),
        "{out}"
    );
    assert!(
        out.contains("linked.tf:2:3: medium aws-kms-rotation-disabled"),
        "{out}"
    );
    assert!(
        out.contains("infra/main.tf:2:3: medium aws-kms-rotation-disabled"),
        "{out}"
    );
    assert_eq!(out.matches("aws-kms-rotation-disabled").count(), 2, "{out}");
}

#[test]
fn reference_cycles_are_located_errors_and_unknown_values() {
    let dir = tmp("cycles");
    std::fs::write(
        dir.join("main.tf"),
        "locals {\n  a = local.b\n  b = local.a\n  unused = [local.unused]\n}\n\nresource \"aws_kms_key\" \"k\" {\n  enable_key_rotation     = true\n  deletion_window_in_days = local.a\n}\n",
    )
    .unwrap();
    std::fs::create_dir(dir.join("arm")).unwrap();
    std::fs::write(
        dir.join("arm/template.json"),
        r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
"parameters": {"p": {"type": "bool", "defaultValue": "[parameters('p')]"}},
"resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2022-07-01", "name": "kv", "location": "westeurope",
  "properties": {"tenantId": "00000000-0000-0000-0000-000000000000", "sku": {"family": "A", "name": "premium"},
  "enableRbacAuthorization": true, "enableSoftDelete": true, "softDeleteRetentionInDays": 90,
  "enablePurgeProtection": "[parameters('p')]", "publicNetworkAccess": "Disabled"}}]}"#,
    )
    .unwrap();
    let (code, out, err) = concise(&dir, &["."]);
    // Terraform and Azure reject a cycle: an error at the first definition, as they do.
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains("main.tf:2:7: error reference cycle: local.a -> local.b -> local.a;"),
        "{out}"
    );
    assert!(
        out.contains(
            "arm/template.json:2:54: error reference cycle: parameters('p') -> parameters('p');"
        ),
        "{out}"
    );
    // A cycle no value uses is still one.
    assert!(
        out.contains("main.tf:4:12: error reference cycle: local.unused -> local.unused;"),
        "{out}"
    );
    assert_eq!(out.matches("reference cycle").count(), 3, "{out}");
    // An unresolvable value never fires a rule that needs it.
    assert!(!out.contains("short-deletion-window"), "{out}");
    assert!(!out.contains("purge-protection"), "{out}");
}

/// Values that use the one before several times over grow exponentially ("billion laughs"):
/// 10 uses over 12 levels is 10^12 values. Evaluation stops at a budget proportional to
/// the file, with one located error; the rest of the file is still linted.
#[test]
fn expansion_bombs_stop_at_a_budget_with_a_located_error() {
    let dir = tmp("bombs");
    let mut tf = String::from("locals {\n  l0 = \"aaaaaaaaaaaaaaaa\"\n");
    for i in 1..=12 {
        let uses = vec![format!("local.l{}", i - 1); 10].join(", ");
        tf.push_str(&format!("  l{i} = [{uses}]\n"));
    }
    // A string that doubles at each level, and a module whose every level calls the next
    // 1,000 times (a `count` bomb) go through the same budget.
    tf.push_str("  s0 = \"abcdefgh\"\n");
    for i in 1..=40 {
        tf.push_str(&format!(
            "  s{i} = \"${{local.s{j}}}${{local.s{j}}}\"\n",
            j = i - 1
        ));
    }
    tf.push_str(
        "}\n\nresource \"aws_kms_key\" \"k\" {\n  description = jsonencode([local.l12, local.s40])\n}\n\nmodule \"m\" {\n  source = \"./m\"\n  count  = 1000\n}\n",
    );
    std::fs::create_dir(dir.join("tf")).unwrap();
    std::fs::write(dir.join("tf/main.tf"), tf).unwrap();
    std::fs::create_dir(dir.join("tf/m")).unwrap();
    std::fs::write(
        dir.join("tf/m/main.tf"),
        "module \"m\" {\n  source = \"../m\"\n  count  = 1000\n}\n\nresource \"aws_kms_key\" \"inner\" {\n  enable_key_rotation = true\n}\n",
    )
    .unwrap();
    let mut vars = vec![r#""v0": "aaaaaaaaaaaaaaaa""#.to_owned()];
    for i in 1..=12 {
        let uses = vec![format!("variables('v{}')", i - 1); 10].join(", ");
        vars.push(format!(r#""v{i}": "[concat({uses})]""#));
    }
    std::fs::create_dir(dir.join("arm")).unwrap();
    std::fs::write(
        dir.join("arm/template.json"),
        format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
"variables": {{{}}},
"resources": [{{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2022-07-01", "name": "[variables('v12')]", "location": "westeurope",
  "properties": {{"tenantId": "00000000-0000-0000-0000-000000000000", "sku": {{"family": "A", "name": "premium"}}, "enablePurgeProtection": false}}}}]}}"#,
            vars.join(",\n")
        ),
    )
    .unwrap();
    // CloudFormation: conditions that each use the one before 10 times, and `Fn::Sub`
    // variables whose template repeats the variable before.
    let mut conditions = vec![r#""C0": {"Fn::Equals": ["a", "a"]}"#.to_owned()];
    for i in 1..=12 {
        let uses = vec![format!(r#"{{"Condition": "C{}"}}"#, i - 1); 10].join(", ");
        conditions.push(format!(r#""C{i}": {{"Fn::And": [{uses}]}}"#));
    }
    let mut sub = r#""abcdefghijklmnop""#.to_owned();
    for _ in 0..12 {
        sub = format!(
            r#"{{"Fn::Sub": ["{}", {{"X": {sub}}}]}}"#,
            "${X}".repeat(10)
        );
    }
    std::fs::create_dir(dir.join("cfn")).unwrap();
    std::fs::write(
        dir.join("cfn/template.json"),
        format!(
            r#"{{"AWSTemplateFormatVersion": "2010-09-09",
"Conditions": {{{}}},
"Resources": {{
  "Bombed": {{"Type": "AWS::KMS::Key", "Condition": "C12", "Properties": {{"Description": {sub}, "EnableKeyRotation": true}}}},
  "Plain": {{"Type": "AWS::KMS::Key", "Properties": {{"EnableKeyRotation": false}}}}}}}}"#,
            conditions.join(",\n")
        ),
    )
    .unwrap();
    let (code, out, err) = concise(&dir, &["."]);
    assert_eq!(code, 2, "{out}{err}");
    let errors: Vec<&str> = out.lines().filter(|l| l.contains(": error ")).collect();
    assert_eq!(errors.len(), 3, "{out}");
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("cfn/template.json:") && e.contains("expand beyond")),
        "{out}"
    );
    assert!(
        out.contains("cfn/template.json:5:"),
        "the plain key is judged: {out}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("tf/main.tf:") && e.contains("expressions expand beyond")),
        "{out}"
    );
    assert!(
        errors.iter().any(
            |e| e.starts_with("arm/template.json:") && e.contains("expressions expand beyond")
        ),
        "{out}"
    );
    // What does not depend on the bombs is still judged.
    assert!(out.contains("aws-kms-rotation-disabled"), "{out}");
    assert!(
        out.contains("azure-keyvault-purge-protection-disabled"),
        "{out}"
    );
}

#[test]
fn planted_secrets_reach_no_output() {
    let dir = tmp("secrets");
    for d in ["tf", "cfn", "arm", "vault", "broken"] {
        std::fs::create_dir(dir.join(d)).unwrap();
    }
    std::fs::write(
        dir.join("tf/main.tf"),
        r#"resource "aws_kms_external_key" "imported" {
  key_material_base64 = "UExBTlRFRC1LRVktTUFURVJJQUw="
}

resource "aws_db_instance" "db" {
  password   = "PLANTED-db-password"
  kms_key_id = aws_kms_key.k.arn
}

resource "aws_kms_key" "k" {
  enable_key_rotation = false
}

resource "azurerm_key_vault_secret" "s" {
  name         = "db"
  value        = "PLANTED-secret-value"
  key_vault_id = "x"
}

resource "azurerm_key_vault_certificate" "c" {
  name         = "c"
  key_vault_id = "x"
  certificate {
    contents = "PLANTED-cert-contents"
    password = "PLANTED-cert-password"
  }
}

locals {
  pem = <<-PEM
    -----BEGIN RSA PRIVATE KEY-----
    UExBTlRFRC1QUklWQVRFLUtFWQ==
    -----END RSA PRIVATE KEY-----
  PEM
}
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("cfn/template.yaml"),
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Secret:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      SecretString: PLANTED-cfn-secret\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: false\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("arm/template.json"),
        r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
"resources": [{"type": "Microsoft.KeyVault/vaults/secrets", "apiVersion": "2022-07-01", "name": "kv/s", "properties": {"value": "PLANTED-arm-secret"}}]}"#,
    )
    .unwrap();
    // The token sits right under a flagged line: in every code frame's context.
    std::fs::write(
        dir.join("vault/server.hcl"),
        "storage \"raft\" {\n  path = \"/vault/data\"\n}\nlistener \"tcp\" {\n  address     = \"0.0.0.0:8200\"\n  tls_disable = true\n  token       = \"PLANTED-vault-token\"\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("broken/main.tf"),
        "resource \"aws_kms_key\" \"k\" {\n  password = \"PLANTED-broken\" }}\n",
    )
    .unwrap();
    let planted = [
        "UExBTlRFRC1LRVktTUFURVJJQUw=",
        "UExBTlRFRC1QUklWQVRFLUtFWQ==",
        "PLANTED",
    ];
    for format in FORMATS {
        let (code, out, err) = keylint_env(
            &["check", ".", "--format", format],
            &dir,
            &[("KEYLINT_TODAY", "2026-01-01")],
        );
        assert_eq!(code, 2, "{format}: {out}{err}");
        for p in planted {
            assert!(!out.contains(p), "{format} leaks `{p}`:\n{out}");
            assert!(!err.contains(p), "{format} leaks `{p}` on stderr:\n{err}");
        }
    }
    // The human report does show the flagged lines, masked.
    let (_, out, _) = keylint(
        &["check", ".", "--format", "human", "--color", "never"],
        &dir,
    );
    assert!(out.contains("tls_disable = true"), "{out}");
    assert!(
        out.contains("token       = \"*******************\""),
        "{out}"
    );
}

#[test]
fn output_is_identical_across_thread_counts() {
    // Every sample and every rule fixture, in every format that has no timing in it.
    for format in ["json", "sarif", "concise", "gitlab", "junit", "markdown"] {
        let args = ["check", "samples", "policies", "--format", format];
        let (_, one, _) = keylint_env(&args, &repo(), &[("RAYON_NUM_THREADS", "1")]);
        let (_, many, _) = keylint_env(&args, &repo(), &[("RAYON_NUM_THREADS", "8")]);
        let (_, default, _) = keylint(&args, &repo());
        assert!(one.len() > 1000, "{format}: {one}");
        assert!(
            one == many && one == default,
            "{format} differs across thread counts"
        );
    }
}

#[test]
fn user_rules_that_fail_are_located_and_never_pass() {
    let dir = tmp("user-rules");
    std::fs::create_dir(dir.join("rules")).unwrap();
    std::fs::write(
        dir.join("main.tf"),
        "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation     = true\n  deletion_window_in_days = 30\n}\n",
    )
    .unwrap();
    let rule = |body: &str| {
        format!(
            "// team rule\n@id(\"team-rule\")\n@severity(\"high\")\n@title(\"t\")\nforbid (principal, action, resource is Keylint::Key)\nwhen {{ {body} }};\n"
        )
    };
    // Does not parse.
    std::fs::write(dir.join("rules/team.cedar"), rule("resource.enabled &&")).unwrap();
    let (code, _, err) = concise(&dir, &[".", "--rules", "rules"]);
    assert_eq!(code, 2);
    assert!(err.contains("rules/team.cedar:6:"), "{err}");
    // Does not validate against the schema.
    std::fs::write(dir.join("rules/team.cedar"), rule("resource.no_such_fact")).unwrap();
    let (code, _, err) = concise(&dir, &[".", "--rules", "rules"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("rules/team.cedar:6:") && err.contains("no_such_fact"),
        "{err}"
    );
    // Valid, but errors when evaluated (integer overflow): an error, not a pass.
    std::fs::write(
        dir.join("rules/team.cedar"),
        rule("resource has deletion_window_days && resource.deletion_window_days * 9223372036854775807 > 0"),
    )
    .unwrap();
    let (code, out, _) = concise(&dir, &[".", "--rules", "rules"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("main.tf:1:1: error rule evaluation failed on `aws_kms_key.k`"),
        "{out}"
    );
}
