//! Reading a policy value (JSON text, `jsonencode`, a data source) into a located tree.

use keylint_model::value::{THIS_ACCOUNT, UNKNOWN_PART};
use keylint_model::{Member, Node, Val};

use crate::json::{self, strip_locs};
use crate::resource::EBlock;

/// The policy document a value stands for, with the best locations available:
/// exact ones for literal JSON and `jsonencode`, grafted ones for a heredoc with
/// interpolations. `None` when the value is unknown.
pub fn policy_node(
    value: &Node,
    text_of: &dyn Fn(u32) -> Option<std::rc::Rc<String>>,
) -> Option<Node> {
    match &value.val {
        Val::Encoded(inner) => Some((**inner).clone()),
        Val::Obj(_) => Some(value.clone()),
        Val::Str(s) => {
            let escaped = s
                .replace(UNKNOWN_PART, "\\u0001")
                .replace(THIS_ACCOUNT, "\\u0002");
            let loc = value.loc;
            let text = loc.and_then(|l| text_of(l.file));
            let raw = loc
                .zip(text.as_deref())
                .and_then(|(l, t)| t.get(l.range()).map(|r| (l, r.to_owned())));
            if let Some((l, raw)) = &raw
                && raw == s
                && let Ok(n) = json::parse(raw, l.file, l.start as usize)
            {
                return Some(n);
            }
            match json::parse(&escaped, 0, 0) {
                Ok(mut parsed) => {
                    strip_locs(&mut parsed, loc);
                    if let Some((l, raw)) = &raw {
                        // The source text, or where its splices stand for whole values,
                        // the source with them written over.
                        let located =
                            json::parse(raw, l.file, l.start as usize).ok().or_else(|| {
                                mask_interpolations(raw)
                                    .and_then(|m| json::parse(&m, l.file, l.start as usize).ok())
                            });
                        if let Some(located) = located {
                            json::graft_locs(&mut parsed, &located);
                        }
                    }
                    Some(parsed)
                }
                // A known string that is not JSON is a broken policy; a partly unknown one
                // may only look broken because of what an interpolation stands for.
                Err(_) if s.contains(UNKNOWN_PART) => None,
                Err(_) => Some(value.clone()),
            }
        }
        _ => None,
    }
}

/// A template's text with every `${...}` interpolation written over by `null` and spaces
/// (same length), so that a template whose splices stand for whole JSON values (`"Service":
/// ${services}`) parses for its locations. The interpolations are the HCL template
/// parser's. `None` when there is none, or the text is not a template.
fn mask_interpolations(text: &str) -> Option<String> {
    use hcl_edit::Span as _;
    let template = crate::hcl_parse::parse_template(text)?;
    let mut out = text.as_bytes().to_vec();
    let mut masked = false;
    for e in template.iter() {
        let Some(range) = e.as_interpolation().and_then(|i| i.span()) else {
            continue;
        };
        for (k, b) in out.get_mut(range)?.iter_mut().enumerate() {
            *b = b"null".get(k).copied().unwrap_or(b' ');
        }
        masked = true;
    }
    if masked {
        String::from_utf8(out).ok()
    } else {
        None
    }
}

/// A policy document from `data "aws_iam_policy_document"` blocks, in policy JSON shape.
#[must_use]
pub fn policy_document_from_block(eb: &EBlock) -> Node {
    let mut statements = Vec::new();
    for st in eb.blocks("statement") {
        let mut m: Vec<Member> = Vec::new();
        let mut put = |key: &str, value: Node| {
            m.push(Member {
                key: key.to_owned(),
                key_loc: value.loc,
                value,
            })
        };
        // An argument set to `null` is unset, as in Terraform.
        if let Some(v) = st.value("sid") {
            put("Sid", v.clone());
        }
        // `effect` defaults to Allow in the data source.
        put(
            "Effect",
            st.value("effect").map_or_else(
                || Node::new(Val::Str("Allow".into()), Some(st.header)),
                Node::clone,
            ),
        );
        for (tf, json) in [
            ("actions", "Action"),
            ("not_actions", "NotAction"),
            ("resources", "Resource"),
            ("not_resources", "NotResource"),
        ] {
            if let Some(v) = st.value(tf) {
                put(json, v.clone());
            }
        }
        for (tf, json) in [
            ("principals", "Principal"),
            ("not_principals", "NotPrincipal"),
        ] {
            let blocks: Vec<&EBlock> = st.blocks(tf).collect();
            if st.blocks_unknown(tf) {
                // `dynamic` principals over an unknown collection.
                put(json, Node::new(Val::Unknown, st.loc_of(tf)));
                continue;
            }
            if blocks.is_empty() {
                continue;
            }
            let mut by_type: Vec<Member> = Vec::new();
            let mut wildcard_loc = None;
            for p in blocks {
                let ty = p.value("type");
                let ids = p
                    .value("identifiers")
                    .cloned()
                    .unwrap_or_else(Node::unknown);
                match ty.and_then(Node::as_str) {
                    Some("*") => wildcard_loc = Some(p.loc),
                    Some(t) => {
                        if let Some(existing) = by_type.iter_mut().find(|x| x.key == t) {
                            let mut items: Vec<Node> =
                                existing.value.items().into_iter().cloned().collect();
                            items.extend(ids.items().into_iter().cloned());
                            existing.value = Node::new(Val::List(items), existing.value.loc);
                        } else {
                            by_type.push(Member {
                                key: t.to_owned(),
                                key_loc: Some(p.loc),
                                value: ids,
                            });
                        }
                    }
                    None => by_type.push(Member {
                        key: "?".into(),
                        key_loc: Some(p.loc),
                        value: Node::unknown(),
                    }),
                }
            }
            let value = match wildcard_loc {
                Some(l) => Node::new(Val::Str("*".into()), Some(l)),
                None => Node::new(Val::Obj(by_type), Some(st.loc)),
            };
            put(json, value);
        }
        let conditions: Vec<&EBlock> = st.blocks("condition").collect();
        if !conditions.is_empty() || st.blocks_unknown("condition") {
            let mut ops: Vec<Member> = Vec::new();
            let mut unknown = st.blocks_unknown("condition");
            for c in conditions {
                match (
                    c.value("test").and_then(Node::as_str),
                    c.value("variable").and_then(Node::as_str),
                ) {
                    (Some(test), Some(var)) => {
                        let values = c.value("values").cloned().unwrap_or_else(Node::unknown);
                        let entry = Member {
                            key: var.to_owned(),
                            key_loc: Some(c.loc),
                            value: values,
                        };
                        if let Some(op) = ops.iter_mut().find(|o| o.key == test) {
                            if let Val::Obj(ms) = &mut op.value.val {
                                ms.push(entry);
                            }
                        } else {
                            ops.push(Member {
                                key: test.to_owned(),
                                key_loc: Some(c.loc),
                                value: Node::new(Val::Obj(vec![entry]), Some(c.loc)),
                            });
                        }
                    }
                    _ => unknown = true,
                }
            }
            let loc = ops.first().and_then(|o| o.key_loc);
            put(
                "Condition",
                if unknown {
                    Node::unknown()
                } else {
                    Node::new(Val::Obj(ops), loc)
                },
            );
        }
        statements.push(Node::new(Val::Obj(m), Some(st.loc)));
    }
    // `dynamic` statements over an unknown collection: some statements are unknown.
    if eb.blocks_unknown("statement") {
        statements.push(Node::new(Val::Unknown, eb.loc_of("statement")));
    }
    let mut doc = vec![Member {
        key: "Version".into(),
        key_loc: None,
        value: Node::new(Val::Str("2012-10-17".into()), None),
    }];
    if let (Some(v), Some(first)) = (eb.attr("version"), doc.first_mut()) {
        first.value = v.value.clone();
    }
    // Documents merged in: the statements of `source_policy_documents`, replaced by this
    // document's statements of the same `sid`, then by those of
    // `override_policy_documents` (the provider's rules). Any unknown part makes the
    // statements unknown.
    let doc_list = |names: &[&str]| -> Option<Vec<Node>> {
        let mut out = Vec::new();
        for name in names {
            match eb.value(name) {
                None => {}
                Some(v) if name.ends_with("_json") => out.push(v.clone()),
                Some(v) => match &v.val {
                    Val::List(items) => out.extend(items.iter().cloned()),
                    _ => return None,
                },
            }
        }
        Some(out)
    };
    let merged = (|| {
        let sources = doc_list(&["source_json", "source_policy_documents"])?;
        let overrides = doc_list(&["override_policy_documents", "override_json"])?;
        if sources.is_empty() && overrides.is_empty() {
            return Some(statements.clone());
        }
        let mut out = Vec::new();
        for d in &sources {
            merge_by_sid(&mut out, statements_of(d)?)?;
        }
        merge_by_sid(&mut out, statements.clone())?;
        for d in &overrides {
            merge_by_sid(&mut out, statements_of(d)?)?;
        }
        Some(out)
    })();
    let statements = match merged {
        Some(list) => Node::new(Val::List(list), Some(eb.loc)),
        None => Node::unknown(),
    };
    doc.push(Member {
        key: "Statement".into(),
        key_loc: None,
        value: statements,
    });
    Node::new(Val::Obj(doc), Some(eb.header))
}

/// The statements of a policy document given as a value (`data.x.json`, a JSON string);
/// `None` when they are unknown.
fn statements_of(doc: &Node) -> Option<Vec<Node>> {
    let parsed;
    let doc = match &doc.val {
        Val::Encoded(inner) => &**inner,
        Val::Str(s) if !s.contains(keylint_model::value::UNKNOWN_PART) => {
            let mut v = json::parse(s, doc.loc.map_or(0, |l| l.file), 0).ok()?;
            strip_locs(&mut v, doc.loc);
            parsed = v;
            &parsed
        }
        _ => return None,
    };
    let st = doc.get("Statement")?;
    if st.is_unknown() {
        return None;
    }
    Some(st.items().into_iter().cloned().collect())
}

/// Add statements to `base`: one with the `Sid` of a statement there replaces it, others
/// are appended. `None` when a `Sid` is unknown.
fn merge_by_sid(base: &mut Vec<Node>, add: Vec<Node>) -> Option<()> {
    let sid = |st: &Node| -> Option<Option<String>> {
        match st.get("Sid") {
            None => Some(None),
            Some(s) if matches!(s.val, Val::Null) => Some(None),
            Some(s) => Some(Some(s.as_str()?.to_owned()).filter(|s| !s.is_empty())),
        }
    };
    for st in add {
        if st.is_unknown() {
            base.push(st);
            continue;
        }
        let new = sid(&st)?;
        let mut slot = None;
        for (i, b) in base.iter().enumerate() {
            if b.is_unknown() {
                continue;
            }
            if new.is_some() && sid(b)? == new {
                slot = Some(i);
            }
        }
        match slot.and_then(|i| base.get_mut(i)) {
            Some(existing) => *existing = st,
            None => base.push(st),
        }
    }
    Some(())
}

/// `data "google_iam_policy"`: `{"bindings": [{"role": ..., "members": [...]}]}`.
#[must_use]
pub fn google_policy_from_block(eb: &EBlock) -> Node {
    let bindings = eb
        .blocks("binding")
        .map(|b| {
            let members = b
                .value("members")
                .or_else(|| b.value("member"))
                .cloned()
                .unwrap_or_else(Node::unknown);
            let role = b.value("role").cloned().unwrap_or_else(Node::unknown);
            Node::new(
                Val::Obj(vec![
                    Member {
                        key: "role".into(),
                        key_loc: role.loc,
                        value: role,
                    },
                    Member {
                        key: "members".into(),
                        key_loc: members.loc,
                        value: members,
                    },
                ]),
                Some(b.loc),
            )
        })
        .chain(
            eb.blocks_unknown("binding")
                .then(|| Node::new(Val::Unknown, eb.loc_of("binding"))),
        )
        .collect();
    Node::new(
        Val::Obj(vec![Member {
            key: "bindings".into(),
            key_loc: None,
            value: Node::new(Val::List(bindings), Some(eb.loc)),
        }]),
        Some(eb.header),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolations_are_masked_to_the_same_length() {
        let t = r#"{"a": ${jsonencode({b = 1})}, "c": "x-${y}", "d": "$${lit}"}"#;
        let m = mask_interpolations(t).unwrap();
        assert_eq!(m.len(), t.len());
        let splice = "${jsonencode({b = 1})}";
        let want = t
            .replace(splice, &format!("null{}", " ".repeat(splice.len() - 4)))
            .replace("${y}", "null");
        assert_eq!(m, want);
        assert!(json::parse(&m, 0, 0).is_ok());
        assert_eq!(mask_interpolations("{\"a\": 1}"), None);
        assert_eq!(mask_interpolations("{\"a\": ${x"), None);
    }
}
