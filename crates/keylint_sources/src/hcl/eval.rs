//! Expressions, blocks, templates and references evaluated into located values.

use crate::budget::cost;

use hcl_edit::Span as _;
use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, UnaryOperator};
use hcl_edit::structure::{Block, Structure};
use hcl_edit::template::{Element, Template};
use keylint_model::value::UNKNOWN_PART;
use keylint_model::{Loc, Member, Node, Val};

use super::scope::Module;
use crate::json::strip_locs;
use crate::resource::{EAttr, EBlock};

/// How deep expression evaluation may recurse (locals referring to locals, nested calls).
pub(super) const MAX_EVAL_DEPTH: usize = 64;

/// How many blocks one `dynamic` block may expand into.
pub(super) const MAX_DYNAMIC: usize = 1000;

/// How many instances `count` or `for_each` may expand one block into.
pub(super) const MAX_INSTANCES: usize = 1000;

/// The instances of a resource or module block: `count` and `for_each` over known values
/// expand to indexed instances (`[0]`, `["key"]`) with `count.index` / `each.key` and
/// `each.value` bound; `count = 0` gives none; anything unknown gives one instance
/// without an index.
pub(crate) fn instances(
    m: &Module,
    file: u32,
    block: &Block,
) -> Vec<(String, Vec<(String, Node)>)> {
    let attr = |name: &str| {
        block
            .body
            .attributes()
            .find(|a| a.key.as_str() == name)
            .map(|a| {
                Eval {
                    m,
                    file,
                    bindings: Vec::new(),
                    depth: 0,
                }
                .expr(&a.value)
            })
    };
    let obj = |pairs: Vec<(&str, Node)>| {
        Node::new(
            Val::Obj(
                pairs
                    .into_iter()
                    .map(|(k, v)| Member {
                        key: k.to_owned(),
                        key_loc: None,
                        value: v,
                    })
                    .collect(),
            ),
            None,
        )
    };
    if let Some(count) = attr("count") {
        return match count.as_i64().and_then(|n| usize::try_from(n).ok()) {
            Some(n) if n <= MAX_INSTANCES => (0..n)
                .map(|i| {
                    #[expect(clippy::cast_precision_loss, reason = "i <= MAX_INSTANCES")]
                    let index = Node::new(Val::Num(i as f64), None);
                    (
                        format!("[{i}]"),
                        vec![("count".to_owned(), obj(vec![("index", index)]))],
                    )
                })
                .collect(),
            _ => vec![(String::new(), Vec::new())],
        };
    }
    if let Some(each) = attr("for_each") {
        let pairs: Option<Vec<(String, Node)>> = match &each.val {
            Val::Obj(members) => Some(
                members
                    .iter()
                    .map(|m| (m.key.clone(), m.value.clone()))
                    .collect(),
            ),
            Val::List(items) => items
                .iter()
                .map(|i| i.as_str().map(|k| (k.to_owned(), i.clone())))
                .collect(),
            _ => None,
        };
        return match pairs {
            Some(pairs) if pairs.len() <= MAX_INSTANCES => pairs
                .into_iter()
                .map(|(k, v)| {
                    let key = Node::new(Val::Str(k.clone()), None);
                    let suffix = format!("[{}]", serde_json::Value::String(k));
                    (
                        suffix,
                        vec![("each".to_owned(), obj(vec![("key", key), ("value", v)]))],
                    )
                })
                .collect(),
            _ => vec![(String::new(), Vec::new())],
        };
    }
    vec![(String::new(), Vec::new())]
}

impl Module<'_> {
    pub(super) fn local(&self, name: &str, depth: usize, loc: Option<Loc>) -> Node {
        if let Some(state) = self.local_cache.borrow().get(name) {
            return match state {
                Some((value, units)) if !self.budget.spent() && self.charge(*units, loc) => {
                    value.clone()
                }
                Some(_) => Node::unknown(),
                // We are evaluating it: a cycle, which Terraform rejects.
                None => {
                    let stack = self.local_stack.borrow();
                    let start = stack.iter().position(|n| n == name).unwrap_or(0);
                    let mut cycle: Vec<String> = stack.get(start..).unwrap_or_default().to_vec();
                    cycle.push(name.to_owned());
                    self.cycles.borrow_mut().push(cycle);
                    Node::unknown()
                }
            };
        }
        let Some(&(file, expr)) = self.locals.get(name) else {
            return Node::unknown();
        };
        self.local_cache.borrow_mut().insert(name.to_owned(), None);
        self.local_stack.borrow_mut().push(name.to_owned());
        let value = Eval {
            m: self,
            file,
            bindings: Vec::new(),
            depth,
        }
        .expr(expr);
        self.local_stack.borrow_mut().pop();
        let units = cost(&value);
        self.local_cache
            .borrow_mut()
            .insert(name.to_owned(), Some((value.clone(), units)));
        value
    }

    /// Evaluate every local, used or not (Terraform rejects a cycle anywhere), then say
    /// what went wrong: each reference cycle among locals, at the first local's definition,
    /// and running over the evaluation budget, where it happened.
    #[must_use]
    pub fn diagnostics(&self) -> Vec<keylint_model::FileError> {
        let mut names: Vec<&String> = self.locals.keys().collect();
        names.sort();
        for name in names {
            // Evaluated ones are not copied again (that would charge the budget twice).
            if !self.local_cache.borrow().contains_key(name.as_str()) {
                let _ = self.local(name, 0, None);
            }
        }
        let texts = self.texts.borrow();
        let error_at = |file: u32, offset: usize, message: String| {
            let (path, text) = texts.get(file as usize)?;
            let pos = keylint_model::LineIndex::new(text).position(text, offset);
            Some(keylint_model::FileError {
                file: path.clone(),
                line: Some(pos.line),
                column: Some(pos.column),
                message,
            })
        };
        let mut out = Vec::new();
        let mut seen: Vec<Vec<String>> = Vec::new();
        for cycle in self.cycles.borrow().iter() {
            let mut key = cycle.clone();
            key.sort();
            key.dedup();
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let Some(&(file, expr)) = cycle.first().and_then(|n| self.locals.get(n)) else {
                continue;
            };
            let path: Vec<String> = cycle.iter().map(|n| format!("local.{n}")).collect();
            out.extend(error_at(
                file,
                expr.span().map_or(0, |r| r.start),
                format!(
                    "reference cycle: {}; Terraform rejects it, and these values are unknown here",
                    path.join(" -> ")
                ),
            ));
        }
        if let Some(loc) = self
            .budget
            .over_at()
            .filter(|_| !self.over_budget_told.get())
        {
            out.extend(error_at(
                loc.file,
                loc.start as usize,
                "expressions expand beyond what keylint evaluates (values referring to \
                 each other many times over); from here on values of this module are unknown"
                    .to_owned(),
            ));
        }
        out
    }
}

pub struct Eval<'m, 'a> {
    pub m: &'m Module<'a>,
    pub file: u32,
    pub bindings: Vec<(String, Node)>,
    pub depth: usize,
}

pub(super) fn num(n: f64, loc: Option<Loc>) -> Node {
    Node::new(Val::Num(n), loc)
}

pub(super) fn display(node: &Node) -> Option<String> {
    match &node.val {
        Val::Str(s) => Some(s.clone()),
        Val::Num(n) => Some(if n.fract() == 0.0 && n.abs() < 1e15 {
            format!("{n:.0}")
        } else {
            n.to_string()
        }),
        Val::Bool(b) => Some(b.to_string()),
        Val::Encoded(inner) => keylint_model::value::json_text(inner),
        _ => None,
    }
}

impl Eval<'_, '_> {
    pub(super) fn loc(&self, span: Option<std::ops::Range<usize>>) -> Option<Loc> {
        if self.file == u32::MAX {
            return None;
        }
        span.map(|r| Loc::new(self.file, r))
    }

    /// Evaluate a block's attributes and nested blocks.
    pub fn block(&mut self, block: &Block) -> EBlock {
        let loc = self.loc(block.span()).unwrap_or_default();
        let header_end = block
            .labels
            .last()
            .and_then(|l| match l {
                hcl_edit::structure::BlockLabel::Ident(i) => i.span(),
                hcl_edit::structure::BlockLabel::String(s) => s.span(),
            })
            .or_else(|| block.ident.span())
            .map_or(loc.end, |r| u32::try_from(r.end).unwrap_or(loc.end));
        let header = Loc {
            file: self.file,
            start: loc.start,
            end: header_end.max(loc.start),
        };
        let mut eb = EBlock {
            ident: block.ident.as_str().to_owned(),
            labels: block.labels.iter().map(|l| l.as_str().to_owned()).collect(),
            attrs: Vec::new(),
            blocks: Vec::new(),
            loc,
            header,
        };
        for s in block.body.iter() {
            match s {
                Structure::Attribute(a) => {
                    let value = self.expr(&a.value);
                    let aloc = self.loc(a.span()).or(value.loc).unwrap_or(loc);
                    eb.attrs.push(EAttr {
                        name: a.key.as_str().to_owned(),
                        value,
                        loc: aloc,
                    });
                }
                Structure::Block(b) if b.ident.as_str() == "dynamic" => self.dynamic(b, &mut eb),
                Structure::Block(b) => {
                    let nested = self.block(b);
                    eb.blocks.push(nested);
                }
            }
        }
        eb
    }

    /// `dynamic "name" { for_each = ..., iterator = it, labels = [...], content { ... } }`:
    /// one `name` block per element of a known `for_each`, with `name.key` / `name.value`
    /// (or the iterator's) bound in `content`. When the blocks cannot be known (`for_each`
    /// unknown, more of them than keylint expands), `parent` gets an attribute of the
    /// blocks' name with an unknown value (see [`EBlock::blocks_unknown`]): they may exist,
    /// and what they say is unknown, never absent.
    pub(super) fn dynamic(&mut self, b: &Block, parent: &mut EBlock) {
        let loc = self.loc(b.span()).unwrap_or(parent.loc);
        let Some(name) = b.labels.first().map(|l| l.as_str().to_owned()) else {
            return;
        };
        let attr = |n: &str| b.body.attributes().find(|a| a.key.as_str() == n);
        let iterator = match attr("iterator").map(|a| &a.value) {
            Some(Expression::Variable(v)) => v.as_str().to_owned(),
            Some(_) => String::new(),
            None => name.clone(),
        };
        let content = b.body.blocks().find(|c| c.ident.as_str() == "content");
        let each = attr("for_each").map(|a| self.expr(&a.value));
        let pairs: Option<Vec<(Node, Node)>> = match each.as_ref().map(|e| &e.val) {
            Some(Val::List(items)) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        #[expect(clippy::cast_precision_loss, reason = "small collections")]
                        let key = num(i as f64, None);
                        (key, v.clone())
                    })
                    .collect(),
            ),
            Some(Val::Obj(members)) => Some(
                members
                    .iter()
                    .map(|m| {
                        (
                            Node::new(Val::Str(m.key.clone()), m.key_loc),
                            m.value.clone(),
                        )
                    })
                    .collect(),
            ),
            _ => None,
        };
        let (Some(pairs), Some(content), false) = (pairs, content, iterator.is_empty()) else {
            parent.attrs.push(EAttr {
                name,
                value: Node::new(Val::Unknown, Some(loc)),
                loc,
            });
            return;
        };
        if pairs.len() > MAX_DYNAMIC
            || !self
                .m
                .charge(u64::try_from(pairs.len()).unwrap_or(u64::MAX), Some(loc))
        {
            parent.attrs.push(EAttr {
                name,
                value: Node::new(Val::Unknown, Some(loc)),
                loc,
            });
            return;
        }
        let header = self.loc(b.span()).map_or(parent.header, |l| {
            let end = b
                .labels
                .last()
                .and_then(|l| match l {
                    hcl_edit::structure::BlockLabel::Ident(i) => i.span(),
                    hcl_edit::structure::BlockLabel::String(s) => s.span(),
                })
                .map_or(l.end, |r| u32::try_from(r.end).unwrap_or(l.end));
            Loc {
                file: l.file,
                start: l.start,
                end: end.max(l.start),
            }
        });
        for (key, value) in pairs {
            let it = Node::new(
                Val::Obj(vec![
                    Member {
                        key: "key".into(),
                        key_loc: None,
                        value: key,
                    },
                    Member {
                        key: "value".into(),
                        key_loc: None,
                        value,
                    },
                ]),
                None,
            );
            self.bindings.push((iterator.clone(), it));
            let labels = attr("labels").map(|a| self.expr(&a.value));
            let mut nested = self.block(content);
            self.bindings.pop();
            nested.ident.clone_from(&name);
            nested.labels = match labels {
                Some(l) => l
                    .items()
                    .iter()
                    .map(|n| n.as_str().unwrap_or_default().to_owned())
                    .collect(),
                None => Vec::new(),
            };
            nested.header = header;
            parent.blocks.push(nested);
        }
    }

    pub fn expr(&mut self, expr: &Expression) -> Node {
        let loc = self.loc(expr.span());
        if self.depth > MAX_EVAL_DEPTH || !self.m.charge(1, loc) {
            return Node::new(Val::Unknown, loc);
        }
        self.depth += 1;
        let out = match expr {
            Expression::Null(_) => Node::new(Val::Null, loc),
            Expression::Bool(b) => Node::new(Val::Bool(*b.value()), loc),
            Expression::Number(n) => n
                .value()
                .as_f64()
                .map_or_else(|| Node::new(Val::Unknown, loc), |v| num(v, loc)),
            Expression::String(s) => Node::new(Val::Str(s.value().clone()), loc),
            Expression::Array(a) => {
                Node::new(Val::List(a.iter().map(|e| self.expr(e)).collect()), loc)
            }
            Expression::Object(o) => {
                let mut members = Vec::new();
                for (k, v) in o.iter() {
                    let (key, key_loc) = match k {
                        ObjectKey::Ident(i) => (Some(i.as_str().to_owned()), self.loc(i.span())),
                        ObjectKey::Expression(e) => {
                            let kv = self.expr(e);
                            (display(&kv).filter(|s| !s.contains(UNKNOWN_PART)), kv.loc)
                        }
                    };
                    let value = self.expr(v.expr());
                    match key {
                        Some(key) => members.push(Member {
                            key,
                            key_loc,
                            value,
                        }),
                        // An object with an unknown key is unknown as a whole.
                        None => {
                            self.depth -= 1;
                            return Node::new(Val::Unknown, loc);
                        }
                    }
                }
                keylint_model::value::last_wins(&mut members);
                Node::new(Val::Obj(members), loc)
            }
            Expression::StringTemplate(t) => {
                let elements: Vec<&Element> = t.iter().collect();
                self.template(&elements, loc)
            }
            Expression::HeredocTemplate(h) => {
                let elements: Vec<&Element> = h.template.iter().collect();
                let mut node = self.template(&elements, loc);
                self.locate_heredoc(&h.template, &mut node);
                node
            }
            Expression::Parenthesis(p) => {
                let mut n = self.expr(p.inner());
                n.loc = loc.or(n.loc);
                n
            }
            Expression::Variable(v) => self.variable(v.as_str(), loc),
            Expression::Conditional(c) => {
                let cond = self.expr(&c.cond_expr);
                match cond.as_bool() {
                    Some(true) => self.expr(&c.true_expr),
                    Some(false) => self.expr(&c.false_expr),
                    None => {
                        // Only one branch is taken: a failure in either is not the result's.
                        let failed = self.m.failed.get();
                        let t = self.expr(&c.true_expr);
                        let f = self.expr(&c.false_expr);
                        self.m.failed.set(failed);
                        if t.same_value(&f, false) == Some(true) {
                            t
                        } else {
                            Node::new(Val::Unknown, loc)
                        }
                    }
                }
            }
            Expression::FuncCall(f) if matches!(f.name.name.as_str(), "try" | "can") => {
                let args: Vec<&Expression> = f.args.iter().collect();
                if f.name.name.as_str() == "try" {
                    self.try_(&args, loc)
                } else {
                    self.can(&args, loc)
                }
            }
            Expression::FuncCall(f) => {
                let args: Vec<Node> = f.args.iter().map(|a| self.expr(a)).collect();
                let value = self.call(f.name.name.as_str(), args, loc);
                if self.m.charge(cost(&value), loc) {
                    value
                } else {
                    Node::new(Val::Unknown, loc)
                }
            }
            Expression::Traversal(t) => self.traversal(&t.expr, &t.operators, loc),
            Expression::UnaryOp(u) => {
                let v = self.expr(&u.expr);
                match (u.operator.value(), &v.val) {
                    (UnaryOperator::Neg, Val::Num(n)) => num(-n, loc),
                    (UnaryOperator::Not, _) => {
                        v.as_bool().map_or(Node::new(Val::Unknown, loc), |b| {
                            Node::new(Val::Bool(!b), loc)
                        })
                    }
                    _ => Node::new(Val::Unknown, loc),
                }
            }
            Expression::BinaryOp(b) => {
                let l = self.expr(&b.lhs_expr);
                let r = self.expr(&b.rhs_expr);
                binary(*b.operator.value(), &l, &r, loc)
            }
            Expression::ForExpr(f) => self.for_expr(f, loc),
        };
        self.depth -= 1;
        out
    }

    pub(super) fn template(&mut self, elements: &[&Element], loc: Option<Loc>) -> Node {
        let mut out = String::new();
        let mut only_literal = true;
        let mut single: Option<Node> = None;
        for el in elements {
            match el {
                Element::Literal(l) => out.push_str(l.value()),
                Element::Interpolation(i) => {
                    only_literal = false;
                    let v = self.expr(&i.expr);
                    if elements.len() == 1 {
                        single = Some(v.clone());
                    }
                    match display(&v) {
                        Some(s) => out.push_str(&s),
                        None => out.push(UNKNOWN_PART),
                    }
                }
                Element::Directive(_) => {
                    only_literal = false;
                    out.push(UNKNOWN_PART);
                }
            }
        }
        // "${x}" alone yields x itself (it may be a number, a list...).
        if let Some(mut v) = single
            && !matches!(v.val, Val::Str(_) | Val::Num(_) | Val::Bool(_))
        {
            v.loc = loc;
            return v;
        }
        if only_literal
            && elements.len() == 1
            && let Some(Element::Literal(l)) = elements.first()
        {
            // Locate a pure literal on its content so embedded JSON maps 1:1.
            if let Some(r) = l.span() {
                return Node::new(Val::Str(out), Some(Loc::new(self.file, r)));
            }
        }
        Node::new(Val::Str(out), loc)
    }

    /// `templatefile(path, vars)`: the file's text as a template, with `vars`' members as
    /// its variables; a directive (`%{ if }`, `%{ for }`) is an unknown part.
    pub(super) fn template_file(
        &mut self,
        file: u32,
        text: &str,
        vars: Option<&Node>,
        loc: Option<Loc>,
    ) -> Node {
        let Some(template) = crate::hcl_parse::parse_template(text) else {
            return self.fail();
        };
        let bindings: Vec<(String, Node)> = match vars.map(|v| &v.val) {
            Some(Val::Obj(members)) => members
                .iter()
                .map(|m| (m.key.clone(), m.value.clone()))
                .collect(),
            Some(Val::Null) | None => Vec::new(),
            _ => return Node::new(Val::Unknown, loc),
        };
        let mut inner = Eval {
            m: self.m,
            file,
            bindings,
            depth: self.depth,
        };
        let elements: Vec<&Element> = template.iter().collect();
        let len = text.len();
        let mut node = inner.template(&elements, Some(Loc::new(file, 0..len)));
        if matches!(node.val, Val::Str(_)) {
            node.loc = Some(Loc::new(file, 0..len));
        }
        node
    }

    /// Locate a heredoc's value on its content, so that a policy reader can parse the
    /// source text for locations (see [`crate::policy::policy_node`]).
    pub(super) fn locate_heredoc(&self, template: &Template, node: &mut Node) {
        if let (Some(range), Val::Str(_)) = (template.span(), &node.val) {
            node.loc = Some(Loc::new(self.file, range));
        }
    }

    /// Evaluate a string of Terraform's JSON syntax: `${...}` interpolations are
    /// expressions. Every location inside is the string's own.
    pub fn json_string(&mut self, s: &str, loc: Option<Loc>) -> Node {
        if !s.contains("${") && !s.contains("%{") {
            return Node::new(Val::Str(s.to_owned()), loc);
        }
        let Some(template) = crate::hcl_parse::parse_template(s) else {
            return Node::new(Val::Unknown, loc);
        };
        // Spans of the parsed template are relative to the string: evaluate in a scratch
        // file id and then place every location on the string.
        let file = self.file;
        self.file = u32::MAX;
        let elements: Vec<&Element> = template.iter().collect();
        let mut node = self.template(&elements, loc);
        self.file = file;
        strip_locs(&mut node, loc);
        node
    }

    /// A JSON value of Terraform's JSON syntax, with its strings evaluated.
    pub fn json_value(&mut self, v: &Node) -> Node {
        match &v.val {
            Val::Str(s) => self.json_string(s, v.loc),
            Val::List(items) => Node::new(
                Val::List(items.iter().map(|i| self.json_value(i)).collect()),
                v.loc,
            ),
            Val::Obj(members) => Node::new(
                Val::Obj(
                    members
                        .iter()
                        .map(|m| Member {
                            key: m.key.clone(),
                            key_loc: m.key_loc,
                            value: self.json_value(&m.value),
                        })
                        .collect(),
                ),
                v.loc,
            ),
            _ => v.clone(),
        }
    }

    /// A block of Terraform's JSON syntax: objects (and lists of objects) are nested
    /// blocks, everything else attributes.
    pub fn json_block(
        &mut self,
        ident: &str,
        labels: Vec<String>,
        body: &Node,
        header: Loc,
    ) -> EBlock {
        let loc = body.loc.unwrap_or(header);
        let mut eb = EBlock {
            ident: ident.to_owned(),
            labels,
            attrs: Vec::new(),
            blocks: Vec::new(),
            loc,
            header,
        };
        for m in body.members() {
            let member_loc = match (m.key_loc, m.value.loc) {
                (Some(k), Some(v)) => Loc {
                    file: k.file,
                    start: k.start,
                    end: v.end.max(k.end),
                },
                (k, v) => k.or(v).unwrap_or(loc),
            };
            let objects: Vec<&Node> = match &m.value.val {
                Val::Obj(_) if m.key != "tags" && m.key != "labels" => vec![&m.value],
                Val::List(items)
                    if !items.is_empty() && items.iter().all(|i| matches!(i.val, Val::Obj(_))) =>
                {
                    items.iter().collect()
                }
                _ => Vec::new(),
            };
            if objects.is_empty() {
                let value = self.json_value(&m.value);
                eb.attrs.push(EAttr {
                    name: m.key.clone(),
                    value,
                    loc: member_loc,
                });
            } else {
                for o in objects {
                    let head = m.key_loc.unwrap_or(member_loc);
                    let nested = self.json_block(&m.key, Vec::new(), o, head);
                    eb.blocks.push(nested);
                }
            }
        }
        eb
    }

    pub(super) fn for_expr(&mut self, f: &hcl_edit::expr::ForExpr, loc: Option<Loc>) -> Node {
        let coll = self.expr(&f.intro.collection_expr);
        // Its items are copied into the bindings.
        if !self.m.charge(cost(&coll), loc) {
            return Node::new(Val::Unknown, loc);
        }
        let pairs: Vec<(Node, Node)> = match &coll.val {
            Val::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (num(i as f64, None), v.clone()))
                .collect(),
            Val::Obj(members) => members
                .iter()
                .map(|m| {
                    (
                        Node::new(Val::Str(m.key.clone()), m.key_loc),
                        m.value.clone(),
                    )
                })
                .collect(),
            _ => return Node::new(Val::Unknown, loc),
        };
        let key_var = f.intro.key_var.as_ref().map(|k| k.as_str().to_owned());
        let value_var = f.intro.value_var.as_str().to_owned();
        let mut list = Vec::new();
        let mut obj = Vec::new();
        for (k, v) in pairs {
            let mark = self.bindings.len();
            if let Some(kv) = &key_var {
                self.bindings.push((kv.clone(), k));
            }
            self.bindings.push((value_var.clone(), v));
            let keep = match &f.cond {
                Some(c) => self.expr(&c.expr).as_bool(),
                None => Some(true),
            };
            match keep {
                Some(true) => {
                    let value = self.expr(&f.value_expr);
                    match &f.key_expr {
                        Some(ke) => {
                            let key = self.expr(ke);
                            match display(&key).filter(|s| !s.contains(UNKNOWN_PART)) {
                                Some(key) => obj.push(Member {
                                    key,
                                    key_loc: None,
                                    value,
                                }),
                                None => {
                                    self.bindings.truncate(mark);
                                    return Node::new(Val::Unknown, loc);
                                }
                            }
                        }
                        None => list.push(value),
                    }
                }
                Some(false) => {}
                None => {
                    self.bindings.truncate(mark);
                    return Node::new(Val::Unknown, loc);
                }
            }
            self.bindings.truncate(mark);
        }
        if f.key_expr.is_some() {
            Node::new(Val::Obj(obj), loc)
        } else {
            Node::new(Val::List(list), loc)
        }
    }
}

pub(super) fn binary(op: BinaryOperator, l: &Node, r: &Node, loc: Option<Loc>) -> Node {
    use BinaryOperator as B;
    let b = |v: bool| Node::new(Val::Bool(v), loc);
    match (op, &l.val, &r.val) {
        (B::Plus, Val::Num(a), Val::Num(c)) => num(a + c, loc),
        (B::Minus, Val::Num(a), Val::Num(c)) => num(a - c, loc),
        (B::Mul, Val::Num(a), Val::Num(c)) => num(a * c, loc),
        (B::Div, Val::Num(a), Val::Num(c)) if *c != 0.0 => num(a / c, loc),
        (B::Mod, Val::Num(a), Val::Num(c)) if *c != 0.0 => num(a % c, loc),
        (B::Less, Val::Num(a), Val::Num(c)) => b(a < c),
        (B::LessEq, Val::Num(a), Val::Num(c)) => b(a <= c),
        (B::Greater, Val::Num(a), Val::Num(c)) => b(a > c),
        (B::GreaterEq, Val::Num(a), Val::Num(c)) => b(a >= c),
        (B::And, _, _) => match (l.as_bool(), r.as_bool()) {
            (Some(false), _) | (_, Some(false)) => b(false),
            (Some(true), Some(true)) => b(true),
            _ => Node::new(Val::Unknown, loc),
        },
        (B::Or, _, _) => match (l.as_bool(), r.as_bool()) {
            (Some(true), _) | (_, Some(true)) => b(true),
            (Some(false), Some(false)) => b(false),
            _ => Node::new(Val::Unknown, loc),
        },
        (B::Eq | B::NotEq, _, _) if !l.contains_unknown() && !r.contains_unknown() => {
            match l.same_value(r, false) {
                Some(eq) => b(if op == B::Eq { eq } else { !eq }),
                None => Node::new(Val::Unknown, loc),
            }
        }
        _ => Node::new(Val::Unknown, loc),
    }
}
