//! The evaluator's tests.

#![allow(
    unused_imports,
    reason = "each test module takes what it needs from here"
)]

pub(super) use super::eval::*;
pub(super) use super::{Eval, GivenFiles, Module, NoFiles};
pub(super) use crate::resource::{EAttr, EBlock};
pub(super) use hcl_edit::structure::{Block, Structure};
pub(super) use keylint_model::value::UNKNOWN_PART;
pub(super) use keylint_model::{Loc, Member, Node, Val};
pub(super) use std::rc::Rc;

mod basics {
    use super::*;

    fn eval_attr(src: &str, name: &str) -> Node {
        let body = hcl_edit::parser::parse_body(src).unwrap();
        let m = Module::new(
            ".".into(),
            vec![("main.tf".into(), Rc::new(src.to_owned()))],
            &NoFiles,
        );
        let attr = body.get_attribute(name).unwrap();
        Eval {
            m: &m,
            file: 0,
            bindings: Vec::new(),
            depth: 0,
        }
        .expr(&attr.value)
    }

    /// Terraform allows a key repeated in an object constructor, spelled as a name or a
    /// string alike: the last value wins, in the key's first place (hashicorp/terraform#28727).
    #[test]
    fn repeated_object_keys_keep_the_last_value() {
        let n = eval_attr(
            "x = {\n  window = 7\n  rotate = true\n  \"window\" = 30\n}\n",
            "x",
        );
        let Val::Obj(members) = &n.val else {
            panic!("{n:?}");
        };
        let keys: Vec<&str> = members.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["window", "rotate"]);
        assert_eq!(n.get("window").and_then(Node::as_i64), Some(30));
        let many: String = (0..40).map(|i| format!("  k{i} = {i}\n")).collect();
        let n = eval_attr(&format!("x = {{\n{many}  k3 = \"last\"\n}}\n"), "x");
        assert_eq!(n.get("k3").and_then(Node::as_str), Some("last"));
        assert_eq!(n.get("k39").and_then(Node::as_i64), Some(39));
    }

    /// `jsonencode` is a known string where its value is known: in a template, compared,
    /// with Terraform's compact form, sorted keys and Go's escapes.
    #[test]
    fn jsonencode_gives_terraform_text() {
        let n = eval_attr(
            "x = \"p=${jsonencode({b = [1, true, null], a = \"<&>\"})}\"\n",
            "x",
        );
        assert_eq!(
            n.as_str(),
            Some(r#"p={"a":"\u003c\u0026\u003e","b":[1,true,null]}"#)
        );
        let n = eval_attr("x = jsonencode(\"x\") == \"\\\"x\\\"\"\n", "x");
        assert_eq!(n.as_bool(), Some(true));
        let n = eval_attr("x = \"${jsonencode(var.nope)}\"\n", "x");
        assert!(n.as_str().is_none());
    }

    /// `==` compares values, not where they are written: lists, objects in any key order,
    /// and values of different types are unequal.
    #[test]
    fn equality_is_by_value() {
        for (src, want) in [
            ("x = [\"a\", 1] == [\"a\", 1]\n", true),
            ("x = {a = 1, b = \"c\"} == {b = \"c\", a = 1}\n", true),
            ("x = {a = 1} != {a = 2}\n", true),
            ("x = 1 == \"1\"\n", false),
            ("x = [1] == [1, 2]\n", false),
        ] {
            assert_eq!(eval_attr(src, "x").as_bool(), Some(want), "{src}");
        }
        assert_eq!(eval_attr("x = [var.a] == [1]\n", "x").as_bool(), None);
    }

    #[test]
    fn templates_keep_unknown_parts() {
        let n = eval_attr(
            "x = \"arn:aws:iam::${data.aws_caller_identity.c.account_id}:root\"\n",
            "x",
        );
        assert_eq!(
            n.as_partial_str(),
            Some(format!("arn:aws:iam::{UNKNOWN_PART}:root").as_str())
        );
        assert!(n.as_str().is_none());
    }

    #[test]
    fn references_and_for_expressions() {
        assert_eq!(
            eval_attr("x = aws_kms_key.k.arn\n", "x").val,
            Val::Ref("aws_kms_key.k".into())
        );
        let n = eval_attr(
            "x = [for a in [\"1\", \"2\"] : \"acct-${a}\" if a != \"2\"]\n",
            "x",
        );
        assert_eq!(n.items().len(), 1);
        assert_eq!(n.items()[0].as_str(), Some("acct-1"));
        assert_eq!(
            eval_attr("x = 3 * 10 > 20 ? \"a\" : \"b\"\n", "x").as_str(),
            Some("a")
        );
        assert!(eval_attr("x = var.nope ? 1 : 2\n", "x").is_unknown());
    }

    #[test]
    fn jsonencode_keeps_the_tree() {
        let n = eval_attr(
            "x = jsonencode({ Statement = [{ Effect = \"Allow\" }] })\n",
            "x",
        );
        let Val::Encoded(inner) = &n.val else {
            panic!("{n:?}")
        };
        assert_eq!(
            inner.get("Statement").unwrap().items()[0]
                .get("Effect")
                .unwrap()
                .as_str(),
            Some("Allow")
        );
    }
}

mod eval_tests {
    use super::*;

    /// Evaluate `x` of a module made of `src` (as `main.tf`) and `files`.
    fn eval_in(src: &str, files: &[(&str, &str)]) -> Node {
        let mut given = vec![crate::SourceFile {
            path: "main.tf".into(),
            text: src.to_owned(),
        }];
        for (p, t) in files {
            given.push(crate::SourceFile {
                path: (*p).to_owned(),
                text: (*t).to_owned(),
            });
        }
        let loader = GivenFiles::new(&given);
        let body = crate::hcl_parse::parse_hcl("main.tf", src).unwrap();
        let mut m = Module::new(
            ".".into(),
            vec![("main.tf".into(), Rc::new(src.to_owned()))],
            &loader,
        );
        for b in body.blocks() {
            match b.ident.as_str() {
                "locals" => {
                    for a in b.body.attributes() {
                        m.locals.insert(a.key.as_str().to_owned(), (0, &a.value));
                    }
                }
                "data" => {
                    let l: Vec<&str> = b.labels.iter().map(|l| l.as_str()).collect();
                    m.data.insert((l[0].to_owned(), l[1].to_owned()), (0, b));
                }
                _ => {}
            }
        }
        m.local("x", 0, None)
    }

    fn ev(src: &str) -> Node {
        eval_in(src, &[])
    }

    fn local(body: &str) -> Node {
        ev(&format!("locals {{\n{body}\n}}\n"))
    }

    fn unknown_part(s: &str) -> String {
        s.replace('?', &UNKNOWN_PART.to_string())
    }

    #[test]
    fn multi_line_conditional_in_object_for() {
        let src = "locals {\n  x = { for k in [\"a\", \"b\"] : k => k == \"a\" ? \"x\" :\n    \"y\" }\n}\n";
        let n = ev(src);
        assert_eq!(n.get("a").and_then(Node::as_str), Some("x"));
        assert_eq!(n.get("b").and_then(Node::as_str), Some("y"));
    }

    #[test]
    fn try_of_an_unknown_is_unknown_and_keeps_known_parts() {
        // The data source is unknown, not failing: `try` does not take the fallback.
        let n = local(
            "x = \"arn:aws:iam::${local.id}:root\"\nid = try(data.aws_caller_identity.c[0].account_id, \"\")",
        );
        assert_eq!(
            n.as_partial_str(),
            Some(unknown_part("arn:aws:iam::?:root").as_str())
        );
        assert!(local("x = try(var.nope, \"fallback\")").is_unknown());
        // A missing attribute of a known object, an index past the end fail: fallback.
        assert_eq!(local("x = try({ a = 1 }.b, \"f\")").as_str(), Some("f"));
        assert_eq!(local("x = try([1][3], \"f\")").as_str(), Some("f"));
        assert_eq!(local("x = try(null.a, \"f\")").as_str(), Some("f"));
        assert_eq!(local("x = try({ a = \"v\" }.a, \"f\")").as_str(), Some("v"));
        // A string with an unknown part is kept, parts and all.
        assert_eq!(
            local("x = try(\"a-${var.u}\", \"f\")").as_partial_str(),
            Some(unknown_part("a-?").as_str())
        );
        // A resource attribute may not exist (`count = 0`): unknown unless last.
        assert!(local("x = try(aws_kms_key.a[0].arn, \"f\")").is_unknown());
        assert!(matches!(
            local("x = try(aws_kms_key.a[0].arn)").val,
            Val::Ref(_)
        ));
        // can
        assert_eq!(local("x = can({ a = 1 }.b)").as_bool(), Some(false));
        assert_eq!(local("x = can({ a = 1 }.a)").as_bool(), Some(true));
        assert!(local("x = can(var.u)").is_unknown());
        // A failure in an untaken branch of an unknown condition is not the result's.
        assert!(local("x = try(var.u ? {}.a : 1, \"f\")").is_unknown());
    }

    #[test]
    fn format_keeps_unknown_parts_and_never_guesses() {
        assert_eq!(
            local("x = format(\"arn:aws:iam::%s:root\", var.u)").as_partial_str(),
            Some(unknown_part("arn:aws:iam::?:root").as_str())
        );
        assert_eq!(
            local("x = format(\"%s-%d-%q %%\", \"a\", 5, \"b\")").as_str(),
            Some("a-5-\"b\" %")
        );
        // Widths and other verbs are unknown parts, not the argument shown as is.
        assert_eq!(
            local("x = format(\"[%-5s]\", \"a\")").as_partial_str(),
            Some(unknown_part("[?]").as_str())
        );
        // A format string with an unknown part: verbs after it are unknown.
        assert_eq!(
            local("x = format(\"arn:${var.u}:%s\", \"root\")").as_partial_str(),
            Some(unknown_part("arn:?:?").as_str())
        );
        assert_eq!(
            local("x = format(\"%s:${var.u}\", \"a\")").as_partial_str(),
            Some(unknown_part("a:?").as_str())
        );
    }

    #[test]
    fn unknown_inputs_never_become_known_outputs() {
        assert!(local("x = coalesce(var.u, \"d\")").is_unknown());
        assert_eq!(local("x = coalesce(null, \"\", \"d\")").as_str(), Some("d"));
        assert!(local("x = distinct([var.u, \"a\"])").is_unknown());
        assert!(local("x = compact([var.u, \"a\"])").is_unknown());
        assert_eq!(local("x = compact([\"\", \"a\"])").items().len(), 1);
        assert_eq!(local("x = toset([\"a\", \"a\"])").items().len(), 1);
        assert!(local("x = lookup(var.u, \"k\", \"d\")").is_unknown());
        assert_eq!(local("x = lookup({}, \"k\", \"d\")").as_str(), Some("d"));
        assert_eq!(
            local("x = try(lookup({}, \"k\"), \"f\")").as_str(),
            Some("f")
        );
        assert_eq!(local("x = element([\"a\", \"b\"], 3)").as_str(), Some("b"));
        assert!(local("x = element(var.u, 0)").is_unknown());
        assert!(local("x = merge({ a = 1 }, var.u)").is_unknown());
        assert!(local("x = concat([1], var.u)").is_unknown());
        assert!(local("x = flatten([[1], var.u])").is_unknown());
        assert_eq!(
            local("x = lower(\"ARN:${var.u}\")").as_partial_str(),
            Some(unknown_part("arn:?").as_str())
        );
        assert_eq!(local("x = tostring(5)").as_str(), Some("5"));
    }

    #[test]
    fn added_functions() {
        assert!(matches!(local("x = one([])").val, Val::Null));
        assert_eq!(local("x = one([\"a\"])").as_str(), Some("a"));
        assert_eq!(local("x = try(one([1, 2]), \"f\")").as_str(), Some("f"));
        assert_eq!(local("x = coalescelist([], [\"a\"])").items().len(), 1);
        assert!(local("x = coalescelist(var.u, [\"a\"])").is_unknown());
        assert_eq!(
            local("x = keys({ b = 1, a = 2 })").items()[0].as_str(),
            Some("a")
        );
        assert_eq!(
            local("x = values({ b = 1, a = 2 })").items()[0].as_i64(),
            Some(2)
        );
        assert_eq!(local("x = contains([\"a\"], \"a\")").as_bool(), Some(true));
        assert_eq!(local("x = contains([\"a\"], \"b\")").as_bool(), Some(false));
        assert!(local("x = contains([var.u], \"b\")").is_unknown());
        assert_eq!(
            local("x = contains([var.u, \"b\"], \"b\")").as_bool(),
            Some(true)
        );
        assert_eq!(
            local("x = startswith(\"arn:${var.u}\", \"arn:\")").as_bool(),
            Some(true)
        );
        assert_eq!(
            local("x = startswith(\"abc${var.u}\", \"x\")").as_bool(),
            Some(false)
        );
        assert!(local("x = startswith(\"a${var.u}\", \"abc\")").is_unknown());
        assert_eq!(
            local("x = endswith(\"a.json\", \".json\")").as_bool(),
            Some(true)
        );
        assert_eq!(
            local("x = trimprefix(\"arn:x\", \"arn:\")").as_str(),
            Some("x")
        );
        assert_eq!(
            local("x = trimsuffix(\"a.json\", \".yaml\")").as_str(),
            Some("a.json")
        );
        assert!(local("x = trimprefix(\"${var.u}x\", \"arn:\")").is_unknown());
        assert_eq!(
            local("x = zipmap([\"a\", \"b\"], [1, 2])")
                .get("b")
                .and_then(Node::as_i64),
            Some(2)
        );
        assert_eq!(
            local("x = setunion([\"a\"], [\"a\", \"b\"])").items().len(),
            2
        );
        assert_eq!(local("x = index([\"a\", \"b\"], \"b\")").as_i64(), Some(1));
        assert!(local("x = index([var.u, \"b\"], \"b\")").is_unknown());
    }

    #[test]
    fn splat_and_indexes() {
        assert_eq!(
            local("x = [{ a = 1 }, { a = 2 }][*].a").items()[1].as_i64(),
            Some(2)
        );
        assert_eq!(local("x = { a = 1 }[*].a").items().len(), 1);
        assert_eq!(local("x = null[*]").items().len(), 0);
    }

    const DOC: &str = "data \"aws_iam_policy_document\" \"d\" {\n  count = 2\n  statement {\n    sid = \"S${count.index}\"\n    actions = [\"kms:Decrypt\"]\n    resources = [\"*\"]\n  }\n}\n";

    fn statements(n: &Node) -> Vec<String> {
        let Val::Encoded(doc) = &n.val else {
            panic!("{n:?}")
        };
        doc.get("Statement")
            .unwrap()
            .items()
            .iter()
            .map(|s| {
                s.get("Sid")
                    .and_then(Node::as_str)
                    .unwrap_or("?")
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn counted_and_for_each_data_sources() {
        let n = ev(&format!(
            "{DOC}locals {{\n  x = data.aws_iam_policy_document.d[1].json\n}}\n"
        ));
        assert_eq!(statements(&n), ["S1"]);
        let n = ev(&format!(
            "{DOC}locals {{\n  x = data.aws_iam_policy_document.d[*].json\n}}\n"
        ));
        assert_eq!(n.items().len(), 2);
        // No such instance: unknown (Terraform rejects it), caught by `try`.
        let n = ev(&format!(
            "{DOC}locals {{\n  x = data.aws_iam_policy_document.d[2].json\n}}\n"
        ));
        assert!(n.is_unknown());
        let n = ev(&format!(
            "{DOC}locals {{\n  x = try(data.aws_iam_policy_document.d[2].json, \"f\")\n}}\n"
        ));
        assert_eq!(n.as_str(), Some("f"));
        let each = "data \"aws_iam_policy_document\" \"e\" {\n  for_each = { k = \"K\" }\n  statement {\n    sid = each.value\n    actions = [\"kms:Decrypt\"]\n  }\n}\nlocals {\n  x = data.aws_iam_policy_document.e[\"k\"].json\n}\n";
        assert_eq!(statements(&ev(each)), ["K"]);
        // An unknown count: unknown.
        let unknown = "data \"aws_iam_policy_document\" \"u\" {\n  count = var.n\n  statement {\n    actions = [\"kms:Decrypt\"]\n  }\n}\nlocals {\n  x = data.aws_iam_policy_document.u[0].json\n}\n";
        assert!(ev(unknown).is_unknown());
    }

    #[test]
    fn source_and_override_documents_are_merged() {
        let src = "data \"aws_iam_policy_document\" \"a\" {\n  statement {\n    sid = \"A\"\n    actions = [\"kms:Decrypt\"]\n  }\n  statement {\n    sid = \"B\"\n    actions = [\"kms:Decrypt\"]\n  }\n}\ndata \"aws_iam_policy_document\" \"o\" {\n  statement {\n    sid = \"C\"\n    actions = [\"kms:Encrypt\"]\n  }\n}\ndata \"aws_iam_policy_document\" \"m\" {\n  source_policy_documents = [data.aws_iam_policy_document.a.json]\n  override_policy_documents = [data.aws_iam_policy_document.o.json, jsonencode({ Statement = [{ Sid = \"A\", Effect = \"Deny\" }] })]\n  statement {\n    sid = \"B\"\n    effect = \"Deny\"\n    actions = [\"kms:Decrypt\"]\n  }\n}\nlocals {\n  x = data.aws_iam_policy_document.m.json\n}\n";
        let n = ev(src);
        assert_eq!(statements(&n), ["A", "B", "C"]);
        let Val::Encoded(doc) = &n.val else { panic!() };
        let sts = doc.get("Statement").unwrap().items();
        assert_eq!(sts[0].get("Effect").and_then(Node::as_str), Some("Deny"));
        assert_eq!(sts[1].get("Effect").and_then(Node::as_str), Some("Deny"));
        // An unknown source document: the statements are unknown.
        let n = ev(
            "data \"aws_iam_policy_document\" \"m\" {\n  source_policy_documents = [var.u]\n  statement {\n    actions = [\"kms:Decrypt\"]\n  }\n}\nlocals {\n  x = data.aws_iam_policy_document.m.json\n}\n",
        );
        let Val::Encoded(doc) = &n.val else { panic!() };
        assert!(doc.get("Statement").unwrap().is_unknown());
    }

    #[test]
    fn dynamic_blocks_expand_or_are_marked_unknown() {
        let src = "data \"aws_iam_policy_document\" \"d\" {\n  dynamic \"statement\" {\n    for_each = { a = \"kms:Decrypt\", b = \"kms:Encrypt\" }\n    iterator = st\n    content {\n      sid = st.key\n      actions = [st.value]\n      dynamic \"principals\" {\n        for_each = [\"*\"]\n        content {\n          type = principals.value\n          identifiers = [\"*\"]\n        }\n      }\n    }\n  }\n  statement {\n    sid = \"static\"\n    actions = [\"kms:Decrypt\"]\n  }\n  dynamic \"statement\" {\n    for_each = var.u\n    content {\n      actions = [\"kms:Decrypt\"]\n    }\n  }\n}\nlocals {\n  x = data.aws_iam_policy_document.d.json\n}\n";
        let n = ev(src);
        let Val::Encoded(doc) = &n.val else { panic!() };
        let sts = doc.get("Statement").unwrap().items();
        assert_eq!(sts.len(), 4, "{sts:?}");
        assert_eq!(sts[0].get("Sid").and_then(Node::as_str), Some("a"));
        assert_eq!(sts[0].get("Principal").and_then(Node::as_str), Some("*"));
        assert_eq!(
            sts[1].get("Action").unwrap().items()[0].as_str(),
            Some("kms:Encrypt")
        );
        assert_eq!(sts[2].get("Sid").and_then(Node::as_str), Some("static"));
        // The statements of an unknown `for_each` are an unknown statement.
        assert!(sts[3].is_unknown());
    }

    #[test]
    fn templatefile_fileset_and_yamldecode() {
        let files = [
            ("keys/a.yaml", "name: alpha\nrotation: 86400s\n"),
            ("keys/b.yaml", "name: beta\n"),
            ("keys/c.txt", "x"),
            (
                "policy.tpl",
                "{\"Principal\": \"${who}\", \"Account\": \"${acct}\"}",
            ),
        ];
        let n = eval_in(
            "locals {\n  x = { for f in fileset(\"${path.module}/keys\", \"*.yaml\") : trimsuffix(f, \".yaml\") => yamldecode(file(\"${path.module}/keys/${f}\")) }\n}\n",
            &files,
        );
        assert_eq!(n.members().len(), 2, "{n:?}");
        assert_eq!(
            n.get("a")
                .and_then(|a| a.get("rotation"))
                .and_then(Node::as_str),
            Some("86400s")
        );
        let n = eval_in(
            "locals {\n  x = templatefile(\"policy.tpl\", { who = \"*\", acct = var.u })\n}\n",
            &files,
        );
        assert_eq!(
            n.as_partial_str(),
            Some(unknown_part("{\"Principal\": \"*\", \"Account\": \"?\"}").as_str())
        );
        // Nothing to list: unknown, never an empty set.
        assert!(
            eval_in(
                "locals {\n  x = fileset(\"nowhere\", \"*.yaml\")\n}\n",
                &files
            )
            .is_unknown()
        );
    }
}
