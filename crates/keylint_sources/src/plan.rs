//! Terraform plans as JSON (`terraform show -json plan.out`), recognised by content.
//!
//! Resources are read from `planned_values`, child modules included, under their full
//! addresses (`module.storage.aws_kms_key.data`, `aws_kms_key.k["a"]`). Their values are
//! already resolved by Terraform, so each resource goes straight to the Terraform
//! extraction; nested blocks appear in a plan as lists of objects and are given to it as
//! blocks too. What the plan cannot know is kept unknown, never defaulted:
//! - attributes that `resource_changes[].change.after_unknown` marks `true` (values known
//!   only after apply, such as another new resource's ARN);
//! - `lifecycle`, which a plan does not record (so `prevent_destroy` is unknown).
//!
//! Locations point into the plan file: at the attribute's value, or at the resource's
//! object when the attribute is absent.

use keylint_model::value::Member;
use keylint_model::{Loc, Node, Val};
use rustc_hash::FxHashMap as HashMap;

use crate::UnitOutput;
use crate::extract;
use crate::resource::Res;
use crate::resource::{EAttr, EBlock};

/// How deep `child_modules` may nest.
const MAX_MODULE_DEPTH: usize = 64;

/// The root module of a plan (`planned_values`) or of a state (`values`).
fn root_module(node: &Node) -> Option<&Node> {
    ["planned_values", "values"]
        .iter()
        .find_map(|k| node.get(k).and_then(|v| v.get("root_module")))
}

/// Is this JSON a Terraform plan (or state) as `terraform show -json` prints it?
#[must_use]
pub fn is_plan(node: &Node) -> bool {
    node.get("format_version").is_some() && root_module(node).is_some()
}

/// A resource's values as a Terraform-shaped block.
fn block(values: &Node, unknown: Option<&Node>, loc: Loc, header: Loc, depth: usize) -> EBlock {
    let mut attrs = Vec::new();
    let mut blocks = Vec::new();
    for m in values.members() {
        let span = m.span().unwrap_or_default();
        let is_unknown = unknown
            .and_then(|u| u.get(&m.key))
            .is_some_and(|u| matches!(u.val, Val::Bool(true)));
        if is_unknown {
            attrs.push(EAttr {
                name: m.key.clone(),
                value: Node::new(Val::Unknown, m.value.loc),
                loc: span,
            });
            continue;
        }
        // Nested blocks are lists of objects in a plan (`rotation_rules`, `rule`, ...).
        if depth < MAX_MODULE_DEPTH
            && let Val::List(items) = &m.value.val
            && !items.is_empty()
            && items.iter().all(|i| matches!(i.val, Val::Obj(_)))
        {
            let nested_unknown = unknown.and_then(|u| u.get(&m.key));
            for (i, item) in items.iter().enumerate() {
                let item_unknown = nested_unknown.and_then(|n| match &n.val {
                    Val::List(l) => l.get(i),
                    _ => None,
                });
                let mut b = block(
                    item,
                    item_unknown,
                    item.loc.unwrap_or(span),
                    m.key_loc.unwrap_or(span),
                    depth + 1,
                );
                b.ident = m.key.clone();
                blocks.push(b);
            }
        }
        attrs.push(EAttr {
            name: m.key.clone(),
            value: m.value.clone(),
            loc: span,
        });
    }
    // Attributes known only after apply may be missing from the values altogether.
    for u in unknown.map(Node::members).unwrap_or_default() {
        if matches!(u.value.val, Val::Bool(true)) && values.get(&u.key).is_none() {
            attrs.push(EAttr {
                name: u.key.clone(),
                value: Node::new(Val::Unknown, None),
                loc: header,
            });
        }
    }
    EBlock {
        ident: "resource".to_owned(),
        labels: Vec::new(),
        attrs,
        blocks,
        loc,
        header,
    }
}

fn collect<'n>(module: &'n Node, depth: usize, out: &mut Vec<&'n Node>) {
    out.extend(module.get("resources").map(Node::items).unwrap_or_default());
    if depth < MAX_MODULE_DEPTH {
        for child in module
            .get("child_modules")
            .map(Node::items)
            .unwrap_or_default()
        {
            collect(child, depth + 1, out);
        }
    }
}

/// Read a plan (already parsed) into the unit.
pub fn read(plan: &Node, out: &mut UnitOutput) {
    // address -> after_unknown
    let mut unknown: HashMap<&str, &Node> = HashMap::default();
    for change in plan
        .get("resource_changes")
        .map(Node::items)
        .unwrap_or_default()
    {
        if let (Some(address), Some(u)) = (
            change.get("address").and_then(Node::as_str),
            change.get("change").and_then(|c| c.get("after_unknown")),
        ) {
            unknown.insert(address, u);
        }
    }
    let mut resources = Vec::new();
    if let Some(root) = root_module(plan) {
        collect(root, 0, &mut resources);
    }
    let mut res = Vec::new();
    for r in resources {
        if r.get("mode").and_then(Node::as_str) != Some("managed") {
            continue;
        }
        let (Some(ty), Some(address)) = (
            r.get("type").and_then(Node::as_str),
            r.get("address").and_then(Node::as_str),
        ) else {
            continue;
        };
        let loc = r.loc.unwrap_or_default();
        // An absent attribute is reported at the resource's `address` line.
        let header = r.member("address").and_then(Member::span).unwrap_or(loc);
        let empty = Node::new(Val::Obj(Vec::new()), r.loc);
        let values = r.get("values").unwrap_or(&empty);
        let mut eb = block(values, unknown.get(address).copied(), loc, header, 0);
        eb.attrs.push(EAttr {
            name: "lifecycle".to_owned(),
            value: Node::new(Val::Unknown, None),
            loc: header,
        });
        res.push(Res::new(ty, address, eb));
    }
    extract::extract(out, &res);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceFile;

    fn read_text(text: &str) -> UnitOutput {
        crate::read_json_file(SourceFile {
            path: "p.json".into(),
            text: text.into(),
        })
    }

    #[test]
    fn plans_and_states_are_recognised_and_others_not() {
        let state = r#"{"format_version": "1.0", "values": {"root_module": {"resources": [
            {"address": "aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "name": "k",
             "values": {"deletion_window_in_days": 7, "enable_key_rotation": true}}]}}}"#;
        let out = read_text(state);
        assert!(out.recognized);
        assert_eq!(
            out.entities.first().map(|e| e.resource.as_str()),
            Some("aws_kms_key.k")
        );
        // A data source is not a managed resource.
        let data = state.replace("\"managed\"", "\"data\"");
        assert!(read_text(&data).entities.is_empty());
        assert!(!read_text(r#"{"format_version": "1.0", "planned_values": {}}"#).recognized);
    }

    #[test]
    fn after_unknown_keeps_values_unknown_and_lifecycle_is_unknown() {
        let plan = r#"{"format_version": "1.2", "planned_values": {"root_module": {"resources": [
            {"address": "aws_secretsmanager_secret.s", "mode": "managed", "type": "aws_secretsmanager_secret",
             "name": "s", "values": {"name": "s", "recovery_window_in_days": 30}},
            {"address": "google_kms_crypto_key.c", "mode": "managed", "type": "google_kms_crypto_key",
             "name": "c", "values": {"name": "c", "rotation_period": "7776000s"}}]}},
          "resource_changes": [{"address": "aws_secretsmanager_secret.s",
             "change": {"after_unknown": {"kms_key_id": true}}}]}"#;
        let out = read_text(plan);
        let secret = out
            .entities
            .iter()
            .find(|e| e.resource == "aws_secretsmanager_secret.s")
            .unwrap();
        assert!(secret.get("customer_managed_key").is_none(), "{secret:?}");
        let key = out
            .entities
            .iter()
            .find(|e| e.resource == "google_kms_crypto_key.c")
            .unwrap();
        assert!(key.get("prevent_destroy").is_none(), "{key:?}");
    }
}
