use super::loader::declare;
use crate::hcl::{Eval, Module, NoFiles};
use crate::hcl_parse::parse_hcl;
use keylint_model::entity::AttrValue;
use keylint_model::{Entity, EntityKind, Node, Val};
use std::rc::Rc;

fn entities(tf: &str) -> Vec<Entity> {
    let files = vec![crate::SourceFile {
        path: "main.tf".into(),
        text: tf.into(),
    }];
    super::read_module(".", files, &crate::hcl::NoFiles).entities
}

fn key<'e>(es: &'e [Entity], id: &str) -> &'e Entity {
    es.iter()
        .find(|e| e.kind == EntityKind::Key && e.id == id)
        .unwrap()
}

#[test]
fn replica_external_key_facts() {
    let es = entities(
        r#"resource "aws_kms_replica_external_key" "r" {
  primary_key_arn         = "arn:aws:kms:us-east-1:111122223333:key/mrk-1"
  deletion_window_in_days = 7
  enabled                 = false
  valid_to                = "2027-01-01T00:00:00Z"
  key_material_base64     = "RkFLRQ=="
}
resource "aws_kms_replica_external_key" "d" {
  primary_key_arn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1"
}"#,
    );
    let r = key(&es, "aws_kms_replica_external_key.r");
    assert_eq!(r.get("deletion_window_days"), Some(&AttrValue::Long(7)));
    assert_eq!(r.get_bool("enabled"), Some(false));
    assert_eq!(r.get_bool("material_expires"), Some(true));
    assert_eq!(r.get_bool("key_material_literal"), Some(true));
    assert_eq!(r.get_str("key_store"), Some("imported"));
    assert_eq!(r.get_bool("rotatable"), Some(false));
    assert_eq!(r.get("multi_region"), None, "a replica does not say");
    let d = key(&es, "aws_kms_replica_external_key.d");
    assert_eq!(d.get("deletion_window_days"), Some(&AttrValue::Long(30)));
    assert_eq!(d.get_bool("bypass_lockout"), Some(false));
    assert_eq!(d.get_bool("material_expires"), Some(false));
    assert_eq!(d.get_bool("has_policy"), Some(false));
}

#[test]
fn empty_key_policy_is_unset() {
    let es = entities(
        r#"variable "policy" {
  default = ""
}
resource "aws_kms_key" "a" {
  policy = ""
}
resource "aws_kms_key" "b" {
  policy = var.policy
}"#,
    );
    for id in ["aws_kms_key.a", "aws_kms_key.b"] {
        assert_eq!(key(&es, id).get_bool("has_policy"), Some(false));
    }
    assert!(
        !es.iter().any(|e| e.kind == EntityKind::PolicyDocument),
        "no policy document, so nothing malformed"
    );
}

#[test]
fn valid_to_unknown_and_maybe_null() {
    let es = entities(
        r#"variable "date" {}
variable "expires" {}
resource "aws_kms_external_key" "set" {
  valid_to = var.date
}
resource "aws_kms_external_key" "maybe" {
  valid_to = var.expires ? var.date : null
}
resource "aws_kms_external_key" "empty" {
  valid_to = ""
}"#,
    );
    assert_eq!(
        key(&es, "aws_kms_external_key.set").get_bool("material_expires"),
        Some(true)
    );
    assert_eq!(
        key(&es, "aws_kms_external_key.maybe").get_bool("material_expires"),
        None
    );
    assert_eq!(
        key(&es, "aws_kms_external_key.empty").get_bool("material_expires"),
        Some(false)
    );
}

#[test]
fn secretsmanager_aws_managed_key_forms() {
    let es = entities(
        r#"variable "region" {}
resource "aws_secretsmanager_secret" "bare" {
  kms_key_id = "aws/secretsmanager"
}
resource "aws_secretsmanager_secret" "alias" {
  kms_key_id = "alias/aws/secretsmanager"
}
resource "aws_secretsmanager_secret" "arn" {
  kms_key_id = "arn:aws:kms:${var.region}:111122223333:alias/aws/secretsmanager"
}
resource "aws_secretsmanager_secret" "partial_cmk" {
  kms_key_id = "arn:aws:kms:${var.region}:111122223333:alias/app"
}
resource "aws_secretsmanager_secret" "cmk" {
  kms_key_id = "alias/app"
}"#,
    );
    let cmk = |id: &str| {
        es.iter()
            .find(|e| e.kind == EntityKind::Secret && e.id == id)
            .unwrap()
            .get_bool("customer_managed_key")
    };
    assert_eq!(cmk("aws_secretsmanager_secret.bare"), Some(false));
    assert_eq!(cmk("aws_secretsmanager_secret.alias"), Some(false));
    assert_eq!(cmk("aws_secretsmanager_secret.arn"), Some(false));
    assert_eq!(cmk("aws_secretsmanager_secret.partial_cmk"), None);
    assert_eq!(cmk("aws_secretsmanager_secret.cmk"), Some(true));
}

#[test]
fn optional_attributes_take_their_defaults() {
    let src = r#"
variable "ctx" {
  type = object({
    principals = optional(map(string), {})
    name       = optional(string)
    nested     = optional(object({ level = optional(string, "deep") }), {})
  })
  default = {}
}
variable "keys" {
  type    = map(object({ rotation = optional(string, "7776000s"), name = string }))
  default = { a = { name = "k" }, b = { name = "j", rotation = null }, c = { name = "i", rotation = "1s" } }
}
variable "items" {
  type    = list(object({ x = optional(number, 1) }))
  default = [{}]
}
variable "unknown" {
  type = object({ a = optional(string, "x") })
}
locals {
  m = lookup(var.ctx.principals, "me", "me")
}
"#;
    let body = parse_hcl("main.tf", src).unwrap();
    let mut m = Module::new(
        ".".into(),
        vec![("main.tf".into(), Rc::new(src.to_owned()))],
        &NoFiles,
    );
    let _ = declare(&mut m, std::iter::once((0, &body)), None);
    let ctx = &m.vars["ctx"];
    assert_eq!(ctx.get("principals").unwrap().members().len(), 0);
    assert!(matches!(ctx.get("name").unwrap().val, Val::Null));
    assert_eq!(
        ctx.get("nested")
            .and_then(|n| n.get("level"))
            .and_then(Node::as_str),
        Some("deep")
    );
    let rot = |k: &str| {
        m.vars["keys"]
            .get(k)
            .and_then(|v| v.get("rotation"))
            .and_then(Node::as_str)
            .map(str::to_owned)
    };
    assert_eq!(rot("a").as_deref(), Some("7776000s"));
    assert_eq!(rot("b").as_deref(), Some("7776000s"));
    assert_eq!(rot("c").as_deref(), Some("1s"));
    assert_eq!(
        m.vars["items"].items()[0].get("x").and_then(Node::as_i64),
        Some(1)
    );
    assert!(!m.vars.contains_key("unknown"));
    // Fabric's `lookup(var.ctx.principals, m, m)`.
    let locals = body
        .blocks()
        .find(|b| b.ident.as_str() == "locals")
        .unwrap();
    let expr = &locals.body.get_attribute("m").unwrap().value;
    let v = Eval {
        m: &m,
        file: 0,
        bindings: Vec::new(),
        depth: 0,
    }
    .expr(expr);
    assert_eq!(v.as_str(), Some("me"));
}

/// References inside a called module name the module's resources by their full
/// address, so a diagnostic setting finds its vault there.
#[test]
fn called_modules_too_deep_or_broken_are_located_errors() {
    // The root module's files and a called module's take the same parse entry: a
    // file nested too deep or not parsing is a located error in either.
    let deep = format!("x = {}{}\n", "[".repeat(201), "]".repeat(201));
    let files = vec![
        crate::SourceFile {
            path: "main.tf".into(),
            text: "module \"a\" {\n  source = \"./a\"\n}\nmodule \"b\" {\n  source = \"./b\"\n}\n"
                .into(),
        },
        crate::SourceFile {
            path: "a/main.tf".into(),
            text: deep.clone(),
        },
        crate::SourceFile {
            path: "b/main.tf".into(),
            text: "\nresource \"x\" \"y\" {\n  a = (1]\n}\n".into(),
        },
        crate::SourceFile {
            path: "deep.tf".into(),
            text: deep,
        },
    ];
    let loader = crate::hcl::GivenFiles::new(&files);
    let root: Vec<crate::SourceFile> = [0, 3].iter().map(|i| files[*i].clone()).collect();
    let out = super::read_module(".", root, &loader);
    let errors: Vec<(String, Option<usize>, Option<usize>, String)> = out
        .errors
        .iter()
        .map(|e| (e.file.clone(), e.line, e.column, e.message.clone()))
        .collect();
    let too_deep = "nesting deeper than 200 levels; the file was not read".to_owned();
    assert!(
        errors.contains(&("deep.tf".into(), Some(1), Some(1), too_deep.clone())),
        "{errors:?}"
    );
    assert!(
        errors.contains(&("a/main.tf".into(), Some(1), Some(1), too_deep)),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|(f, l, _, m)| f == "b/main.tf" && *l == Some(3) && m.starts_with("invalid HCL")),
        "{errors:?}"
    );
}

#[test]
fn references_in_called_modules_carry_the_module_address() {
    let files = vec![
            crate::SourceFile {
                path: "main.tf".into(),
                text: "module \"kv\" {\n  source = \"./mod\"\n}\n".into(),
            },
            crate::SourceFile {
                path: "mod/main.tf".into(),
                text: "resource \"azurerm_key_vault\" \"this\" {\n  name = \"kv\"\n}\nresource \"azurerm_monitor_diagnostic_setting\" \"d\" {\n  target_resource_id = azurerm_key_vault.this.id\n  enabled_log {\n    category = \"AuditEvent\"\n  }\n}\n".into(),
            },
        ];
    let loader = crate::hcl::GivenFiles::new(&files);
    let root: Vec<crate::SourceFile> = files.iter().take(1).cloned().collect();
    let out = super::read_module(".", root, &loader);
    let vault = out
        .entities
        .iter()
        .find(|e| e.id == "module.kv.azurerm_key_vault.this")
        .unwrap();
    assert_eq!(vault.get_bool("audit_logging"), Some(true));
}
