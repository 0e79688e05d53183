//! References: variables, locals, resources and data sources (with their instances),
//! attribute and index access, and `try` / `can`.

use super::eval::*;
use hcl_edit::expr::{Expression, TraversalOperator};
use hcl_edit::structure::Block;
use keylint_model::value::UNKNOWN_PART;
use keylint_model::{Loc, Node, Val};

impl Eval<'_, '_> {
    pub(super) fn variable(&mut self, name: &str, loc: Option<Loc>) -> Node {
        if let Some((_, v)) = self.bindings.iter().rev().find(|(n, _)| n == name) {
            let mut v = self.m.copy(v, loc);
            v.loc = loc.or(v.loc);
            return v;
        }
        Node::new(Val::Unknown, loc)
    }

    pub(super) fn traversal(
        &mut self,
        root: &Expression,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        loc: Option<Loc>,
    ) -> Node {
        let attr = |i: usize| match ops.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(a)) => Some(a.as_str().to_owned()),
            _ => None,
        };
        let (value, rest) = match root {
            Expression::Variable(v) if self.bindings.iter().all(|(n, _)| n != v.as_str()) => {
                match v.as_str() {
                    "var" => match attr(0) {
                        Some(name) => (self.m.var(&name, loc), 1),
                        None => return Node::new(Val::Unknown, loc),
                    },
                    "local" => match attr(0) {
                        Some(name) => (self.m.local(&name, self.depth, loc), 1),
                        None => return Node::new(Val::Unknown, loc),
                    },
                    "path" => (Node::new(Val::Str(self.m.dir.clone()), loc), 1),
                    "data" => match (attr(0), attr(1)) {
                        (Some(ty), Some(name)) => {
                            let tail = ops.get(2..).unwrap_or_default();
                            let (value, used) = self.data_source(&ty, &name, tail);
                            (value, 2 + used)
                        }
                        _ => return Node::new(Val::Unknown, loc),
                    },
                    "count" | "each" | "self" | "terraform" | "module" => {
                        return Node::new(Val::Unknown, loc);
                    }
                    ty => match attr(0) {
                        Some(name) => {
                            return Node::new(
                                Val::Ref(format!("{}{ty}.{name}", self.m.address_prefix)),
                                loc,
                            );
                        }
                        None => return Node::new(Val::Unknown, loc),
                    },
                }
            }
            other => (self.expr(other), 0),
        };
        let mut value = self.apply_ops(value, ops.get(rest..).unwrap_or_default());
        value.loc = loc.or(value.loc);
        value
    }

    /// `data.<type>.<name>` and the operators after it (`tail`): policy data sources are
    /// evaluated, each instance of one with `count` or `for_each` (`data.x.y[0].json`,
    /// `data.x.y["k"].json`, `data.x.y[*].json`); other data sources are unknown. Returns
    /// the value and how many operators of `tail` it used.
    pub(super) fn data_source(
        &mut self,
        ty: &str,
        name: &str,
        tail: &[hcl_edit::Decorated<TraversalOperator>],
    ) -> (Node, usize) {
        let unknown = (Node::unknown(), tail.len());
        let wanted = |a: &str| match ty {
            "aws_iam_policy_document" => matches!(a, "json" | "minified_json"),
            "google_iam_policy" => a == "policy_data",
            _ => false,
        };
        let attr_at = |i: usize| match tail.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(a)) => Some(a.as_str().to_owned()),
            _ => None,
        };
        let Some(&(file, block)) = self.m.data.get(&(ty.to_owned(), name.to_owned())) else {
            return unknown;
        };
        if matches!(ty, "aws_kms_alias" | "aws_kms_key") {
            return (
                self.aws_managed_alias(ty, block, tail)
                    .unwrap_or_else(Node::unknown),
                1,
            );
        }
        if !wanted("json") && !wanted("policy_data") {
            return unknown;
        }
        let indexed = block
            .body
            .attributes()
            .any(|a| matches!(a.key.as_str(), "count" | "for_each"));
        // The instances, unless they are being worked out (a `count` that refers to the
        // data source itself, which Terraform rejects).
        let guard = (ty.to_owned(), format!("{name}?"));
        if self.m.data_cache.borrow().contains_key(&guard) {
            return unknown;
        }
        let instances = if indexed {
            self.m
                .data_cache
                .borrow_mut()
                .insert(guard.clone(), Node::unknown());
            let instances = instances(self.m, file, block);
            self.m.data_cache.borrow_mut().remove(&guard);
            instances
        } else {
            vec![(String::new(), Vec::new())]
        };
        // `count` or `for_each` that is not known: one instance without an index.
        let unknown_count = indexed && matches!(instances.as_slice(), [(s, _)] if s.is_empty());
        match tail.first().map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(a)) => {
                if indexed {
                    // A list or map of instances has no attributes.
                    (self.fail(), tail.len())
                } else if wanted(a.as_str()) {
                    (
                        self.data_instance(ty, name, file, block, String::new(), Vec::new()),
                        1,
                    )
                } else {
                    (Node::unknown(), 1)
                }
            }
            Some(TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_)) => {
                let idx = match tail.first().map(|o| o.value()) {
                    Some(TraversalOperator::Index(e)) => self.expr(e),
                    Some(TraversalOperator::LegacyIndex(n)) => num(
                        f64::from(u32::try_from(*n.value()).unwrap_or(u32::MAX)),
                        None,
                    ),
                    _ => Node::unknown(),
                };
                let suffix = match &idx.val {
                    Val::Num(n) if n.fract() == 0.0 && *n >= 0.0 => format!("[{n:.0}]"),
                    Val::Str(k) if !k.contains(UNKNOWN_PART) => {
                        format!("[{}]", serde_json::Value::String(k.clone()))
                    }
                    _ => return unknown,
                };
                if !indexed {
                    return (self.fail(), tail.len());
                }
                match instances.into_iter().find(|(s, _)| *s == suffix) {
                    Some((s, bindings)) => match attr_at(1) {
                        Some(a) if wanted(&a) => {
                            (self.data_instance(ty, name, file, block, s, bindings), 2)
                        }
                        _ => unknown,
                    },
                    None if unknown_count => unknown,
                    // `count = 0`, a key not in `for_each`: no such instance.
                    None => (self.fail(), tail.len()),
                }
            }
            Some(TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_)) => {
                if unknown_count {
                    return unknown;
                }
                match attr_at(1) {
                    Some(a) if wanted(&a) => {
                        let items = instances
                            .into_iter()
                            .map(|(s, bindings)| {
                                self.data_instance(ty, name, file, block, s, bindings)
                            })
                            .collect();
                        (Node::new(Val::List(items), None), 2)
                    }
                    _ => unknown,
                }
            }
            None => unknown,
        }
    }

    /// A KMS key or alias data source that looks up an AWS managed key by its alias
    /// (`data "aws_kms_alias" "s3" { name = "alias/aws/s3" }`): any of its key attributes
    /// stands for that alias (the customer-managed key rules need only to know that it is
    /// AWS managed). Any other lookup is unknown.
    fn aws_managed_alias(
        &mut self,
        ty: &str,
        block: &Block,
        tail: &[hcl_edit::Decorated<TraversalOperator>],
    ) -> Option<Node> {
        let Some(TraversalOperator::GetAttr(a)) = tail.first().map(|o| o.value()) else {
            return None;
        };
        if !matches!(
            a.as_str(),
            "arn" | "id" | "key_id" | "name" | "target_key_arn" | "target_key_id"
        ) {
            return None;
        }
        if block
            .body
            .attributes()
            .any(|x| matches!(x.key.as_str(), "count" | "for_each"))
        {
            return None;
        }
        let wanted = if ty == "aws_kms_alias" {
            "name"
        } else {
            "key_id"
        };
        let expr = &block
            .body
            .attributes()
            .find(|x| x.key.as_str() == wanted)?
            .value;
        let v = self.expr(expr);
        let s = v.as_str().filter(|s| crate::facts::is_aws_managed_key(s))?;
        Some(Node::new(Val::Str(s.to_owned()), None))
    }

    /// One instance of a policy data source, as its encoded document (evaluated once).
    pub(super) fn data_instance(
        &mut self,
        ty: &str,
        name: &str,
        file: u32,
        block: &Block,
        suffix: String,
        bindings: Vec<(String, Node)>,
    ) -> Node {
        let key = (ty.to_owned(), format!("{name}{suffix}"));
        if let Some(v) = self.m.data_cache.borrow().get(&key) {
            return self.m.copy(v, None);
        }
        self.m
            .data_cache
            .borrow_mut()
            .insert(key.clone(), Node::unknown());
        let saved = self.m.failed.get();
        let eb = Eval {
            m: self.m,
            file,
            bindings,
            depth: self.depth,
        }
        .block(block);
        self.m.failed.set(saved);
        let doc = match ty {
            "aws_iam_policy_document" => crate::policy::policy_document_from_block(&eb),
            _ => crate::policy::google_policy_from_block(&eb),
        };
        let node = Node::new(Val::Encoded(Box::new(doc)), Some(eb.header));
        self.m.data_cache.borrow_mut().insert(key, node.clone());
        node
    }

    /// `try(a, b, ...)`: the first argument that does not fail. An unknown one makes the
    /// result unknown (Terraform cannot know yet whether it fails), though a string keeps
    /// its known parts; a resource reference is kept only as the last choice (the resource
    /// may not exist, e.g. `count = 0`, and the next argument be the value).
    pub(super) fn try_(&mut self, args: &[&Expression], loc: Option<Loc>) -> Node {
        let outer = self.m.failed.get();
        let mut out = None;
        for (i, a) in args.iter().enumerate() {
            self.m.failed.set(false);
            let v = self.expr(a);
            if self.m.failed.get() {
                continue;
            }
            out = Some(match &v.val {
                Val::Unknown => Node::new(Val::Unknown, loc),
                Val::Ref(_) if i + 1 < args.len() => Node::new(Val::Unknown, loc),
                _ => v,
            });
            break;
        }
        // Every argument failing fails `try` itself.
        self.m.failed.set(outer || out.is_none());
        out.unwrap_or_else(|| Node::new(Val::Unknown, loc))
    }

    /// `can(x)`: whether `x` evaluates without failing; unknown while `x` is unknown.
    pub(super) fn can(&mut self, args: &[&Expression], loc: Option<Loc>) -> Node {
        let Some(a) = args.first() else {
            return Node::new(Val::Unknown, loc);
        };
        let outer = self.m.failed.get();
        self.m.failed.set(false);
        let v = self.expr(a);
        let failed = self.m.failed.get();
        self.m.failed.set(outer);
        if failed {
            Node::new(Val::Bool(false), loc)
        } else if v.contains_unknown() {
            Node::new(Val::Unknown, loc)
        } else {
            Node::new(Val::Bool(true), loc)
        }
    }

    /// Mark the expression being evaluated as one Terraform rejects (see `Module::failed`).
    pub(super) fn fail(&self) -> Node {
        self.m.failed.set(true);
        Node::unknown()
    }

    /// `value.name`: a missing attribute of a known object, or an attribute of something
    /// that has none, fails.
    pub(super) fn get_attr(&self, value: &Node, name: &str) -> Node {
        match &value.val {
            Val::Obj(_) => value.get(name).cloned().unwrap_or_else(|| self.fail()),
            Val::Ref(_) => value.clone(),
            Val::Unknown => Node::unknown(),
            _ => self.fail(),
        }
    }

    /// `value[idx]`: past the end of a known list, or a missing key of a known map, fails.
    pub(super) fn index(&self, value: &Node, idx: &Node) -> Node {
        match (&value.val, &idx.val) {
            (Val::List(items), Val::Num(n)) if n.fract() == 0.0 => {
                if *n < 0.0 {
                    return self.fail();
                }
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "checked non-negative integral"
                )]
                let i = *n as usize;
                items.get(i).cloned().unwrap_or_else(|| self.fail())
            }
            (Val::List(items), Val::Str(s)) if !s.contains(UNKNOWN_PART) => {
                // Terraform converts a numeric string index.
                match s.trim().parse::<usize>() {
                    Ok(i) => items.get(i).cloned().unwrap_or_else(|| self.fail()),
                    Err(_) => self.fail(),
                }
            }
            (Val::Obj(_), Val::Str(k)) if !k.contains(UNKNOWN_PART) => {
                value.get(k).cloned().unwrap_or_else(|| self.fail())
            }
            (Val::Obj(_), Val::Num(_) | Val::Bool(_)) => display(idx)
                .and_then(|k| value.get(&k).cloned())
                .unwrap_or_else(|| self.fail()),
            (Val::Ref(_), _) => value.clone(),
            (Val::Null, _) => self.fail(),
            _ => Node::unknown(),
        }
    }

    /// Apply traversal operators in order. A splat applies the operators after it to each
    /// item of a list (`[*]` all of them, `.*` the attribute accesses right after it); a
    /// value that is not a list is a list of itself, `null` an empty list.
    pub(super) fn apply_ops(
        &mut self,
        mut value: Node,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
    ) -> Node {
        let mut i = 0;
        while let Some(op) = ops.get(i) {
            i += 1;
            value = match op.value() {
                TraversalOperator::GetAttr(a) => self.get_attr(&value, a.as_str()),
                TraversalOperator::Index(e) => {
                    let idx = self.expr(e);
                    self.index(&value, &idx)
                }
                TraversalOperator::LegacyIndex(n) => {
                    let idx = num(
                        f64::from(u32::try_from(*n.value()).unwrap_or(u32::MAX)),
                        None,
                    );
                    self.index(&value, &idx)
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    let full = matches!(op.value(), TraversalOperator::FullSplat(_));
                    let end = if full {
                        ops.len()
                    } else {
                        ops.iter()
                            .skip(i)
                            .position(|o| !matches!(o.value(), TraversalOperator::GetAttr(_)))
                            .map_or(ops.len(), |n| i + n)
                    };
                    let each = ops.get(i..end).unwrap_or_default();
                    i = end;
                    let items: Vec<Node> = match value.val {
                        Val::List(items) => items,
                        Val::Null => Vec::new(),
                        Val::Unknown | Val::Ref(_) => {
                            value = Node::unknown();
                            continue;
                        }
                        _ => vec![value],
                    };
                    let out = items
                        .into_iter()
                        .map(|item| self.apply_ops(item, each))
                        .collect();
                    Node::new(Val::List(out), None)
                }
            };
        }
        value
    }
}
