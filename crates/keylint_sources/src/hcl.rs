//! Evaluation of Terraform HCL expressions into located [`Node`]s.
//!
//! Terraform values are resolved before rules run (RULES.md): variables, locals,
//! interpolation, `jsonencode`, heredocs, `file()`, policy data sources. Anything that
//! depends on another resource or a data source is *unknown* (`Val::Unknown`, or
//! `Val::Ref` when it names a resource of the module), and an unknown interpolation inside
//! a string is kept as [`UNKNOWN_PART`] so that `arn:aws:iam::${x}:root` stays a root ARN.

use rustc_hash::FxHashMap as HashMap;
use std::cell::{Cell, RefCell};

use crate::budget::{Budget, cost, string_cost};
use std::rc::Rc;

use hcl_edit::Span as _;
use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::structure::{Block, Structure};
use hcl_edit::template::{Element, Template};
use keylint_model::value::UNKNOWN_PART;
use keylint_model::{Loc, Member, Node, Val};

use crate::json;

/// How deep expression evaluation may recurse (locals referring to locals, nested calls).
const MAX_EVAL_DEPTH: usize = 64;

/// An evaluated block: attributes and nested blocks, with locations.
#[derive(Clone, Debug)]
pub struct EBlock {
    pub ident: String,
    pub labels: Vec<String>,
    pub attrs: Vec<EAttr>,
    pub blocks: Vec<EBlock>,
    /// The whole block.
    pub loc: Loc,
    /// `resource "type" "name"` up to the last label.
    pub header: Loc,
}

#[derive(Clone, Debug)]
pub struct EAttr {
    pub name: String,
    pub value: Node,
    /// The whole `name = value`.
    pub loc: Loc,
}

impl EBlock {
    #[must_use]
    pub fn attr(&self, name: &str) -> Option<&EAttr> {
        self.attrs.iter().find(|a| a.name == name)
    }

    /// An attribute's value unless it is absent or `null` (Terraform treats `null` as unset).
    #[must_use]
    pub fn value(&self, name: &str) -> Option<&Node> {
        self.attr(name)
            .map(|a| &a.value)
            .filter(|v| !matches!(v.val, Val::Null))
    }

    #[must_use]
    pub fn loc_of(&self, name: &str) -> Option<Loc> {
        self.attr(name).map(|a| a.loc)
    }

    #[must_use]
    pub fn block(&self, ident: &str) -> Option<&EBlock> {
        self.blocks.iter().find(|b| b.ident == ident)
    }

    pub fn blocks<'a>(&'a self, ident: &'a str) -> impl Iterator<Item = &'a EBlock> + 'a {
        self.blocks.iter().filter(move |b| b.ident == ident)
    }

    /// The block as an object value (for `jsonencode`-like use of nested blocks).
    #[must_use]
    pub fn to_node(&self) -> Node {
        let mut members: Vec<Member> = self
            .attrs
            .iter()
            .map(|a| Member {
                key: a.name.clone(),
                key_loc: Some(a.loc),
                value: a.value.clone(),
            })
            .collect();
        for b in &self.blocks {
            members.push(Member {
                key: b.ident.clone(),
                key_loc: Some(b.header),
                value: b.to_node(),
            });
        }
        Node::new(Val::Obj(members), Some(self.loc))
    }
}

/// Loads files for `file()`; the CLI reads the disk, the WASM build a map of given files.
pub trait FileLoader: Sync {
    /// Text of a file, by path relative to the lint root as the unit's files are named.
    fn load(&self, path: &str) -> Option<String>;

    /// Paths of the files directly in a directory (named as `load` takes them), for the
    /// local modules a configuration calls. None by default.
    fn list(&self, _dir: &str) -> Vec<String> {
        Vec::new()
    }
}

/// A loader that finds nothing (`file()` is then unknown).
pub struct NoFiles;
impl FileLoader for NoFiles {
    fn load(&self, _path: &str) -> Option<String> {
        None
    }
}

/// A loader over files given as text (the WebAssembly build, tests): `file()` finds
/// exactly the files that were given. A path given twice is the first text given, as
/// [`crate::group_by_directory`] keeps it (the fuzzer found a module read from one text
/// and located in the other).
pub struct GivenFiles(HashMap<String, String>);

impl GivenFiles {
    #[must_use]
    pub fn new(files: &[crate::SourceFile]) -> Self {
        let mut map = HashMap::default();
        for f in files {
            map.entry(f.path.clone()).or_insert_with(|| f.text.clone());
        }
        Self(map)
    }
}

impl FileLoader for GivenFiles {
    fn load(&self, path: &str) -> Option<String> {
        self.0.get(path).cloned()
    }

    fn list(&self, dir: &str) -> Vec<String> {
        let mut paths: Vec<String> = self
            .0
            .keys()
            .filter(|p| crate::directory_of(p) == dir)
            .cloned()
            .collect();
        paths.sort();
        paths
    }
}

/// Everything expressions of one module can refer to.
pub struct Module<'a> {
    pub dir: String,
    /// Texts of the unit's files by file id; files loaded by `file()` are appended.
    pub texts: RefCell<Vec<(String, Rc<String>)>>,
    pub vars: HashMap<String, Node>,
    pub locals: HashMap<String, (u32, &'a Expression)>,
    pub data: HashMap<(String, String), (u32, &'a Block)>,
    pub loader: &'a dyn FileLoader,
    /// Evaluated locals with their cost; `None` while one is being evaluated.
    local_cache: RefCell<HashMap<String, Option<(Node, u64)>>>,
    data_cache: RefCell<HashMap<(String, String), Node>>,
    /// The locals being evaluated, outermost first.
    local_stack: RefCell<Vec<String>>,
    /// Reference cycles among locals, each as the names around it.
    cycles: RefCell<Vec<Vec<String>>>,
    /// What evaluation may still do (see [`crate::budget`]).
    budget: Budget,
    /// A called module ran over the budget and said so itself.
    over_budget_told: Cell<bool>,
}

impl<'a> Module<'a> {
    #[must_use]
    pub fn new(dir: String, texts: Vec<(String, Rc<String>)>, loader: &'a dyn FileLoader) -> Self {
        let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
        Self {
            budget: Budget::for_bytes(bytes),
            over_budget_told: Cell::new(false),
            local_stack: RefCell::new(Vec::new()),
            cycles: RefCell::new(Vec::new()),
            dir,
            texts: RefCell::new(texts),
            vars: HashMap::default(),
            locals: HashMap::default(),
            data: HashMap::default(),
            loader,
            local_cache: RefCell::new(HashMap::default()),
            data_cache: RefCell::new(HashMap::default()),
        }
    }

    /// Text of a file of the unit (shared, not copied).
    /// The unit's files, `file()`-loaded ones last.
    #[must_use]
    pub fn into_texts(self) -> Vec<(String, Rc<String>)> {
        self.texts.into_inner()
    }

    pub fn text_of(&self, file: u32) -> Option<Rc<String>> {
        self.texts
            .borrow()
            .get(file as usize)
            .map(|(_, t)| Rc::clone(t))
    }

    fn charge(&self, units: u64, loc: Option<Loc>) -> bool {
        self.budget.charge(units, loc)
    }

    /// Evaluate a called module on what its caller has left: one budget for the unit.
    pub fn take_budget_of(&self, caller: &Module<'_>) {
        self.budget.take_from(&caller.budget);
    }

    /// Hand what is left back to the caller (after [`Module::take_budget_of`]).
    pub fn give_budget_back(&self, caller: &Module<'_>) {
        self.budget.give_to(&caller.budget);
        if self.budget.spent() || self.over_budget_told.get() {
            caller.over_budget_told.set(true);
        }
    }

    /// A copy of `value`, charged; unknown when the budget is spent.
    fn copy(&self, value: &Node, loc: Option<Loc>) -> Node {
        if !self.budget.spent() && self.charge(cost(value), loc) {
            value.clone()
        } else {
            Node::new(Val::Unknown, loc)
        }
    }

    /// `var.<name>`: the variable's value (default or tfvars), charged.
    fn var(&self, name: &str, loc: Option<Loc>) -> Node {
        self.vars
            .get(name)
            .map_or_else(Node::unknown, |v| self.copy(v, loc))
    }

    fn local(&self, name: &str, depth: usize, loc: Option<Loc>) -> Node {
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

    /// `data.<type>.<name>.<attr>`: policy data sources are evaluated; others are unknown.
    fn data_source(&self, ty: &str, name: &str, attr: &str, depth: usize) -> Node {
        let key = (ty.to_owned(), name.to_owned());
        let wanted = match ty {
            "aws_iam_policy_document" => matches!(attr, "json" | "minified_json"),
            "google_iam_policy" => attr == "policy_data",
            _ => false,
        };
        if !wanted {
            return Node::unknown();
        }
        if let Some(v) = self.data_cache.borrow().get(&key) {
            return self.copy(v, None);
        }
        let Some(&(file, block)) = self.data.get(&key) else {
            return Node::unknown();
        };
        self.data_cache
            .borrow_mut()
            .insert(key.clone(), Node::unknown());
        let eb = Eval {
            m: self,
            file,
            bindings: Vec::new(),
            depth,
        }
        .block(block);
        let doc = match ty {
            "aws_iam_policy_document" => crate::terraform::policy_document_from_block(&eb),
            _ => crate::terraform::google_policy_from_block(&eb),
        };
        let node = Node::new(Val::Encoded(Box::new(doc)), Some(eb.header));
        self.data_cache.borrow_mut().insert(key, node.clone());
        node
    }

    /// A file named by `file()`, relative to the module, read once and added to the unit.
    fn load_file(&self, path: &str) -> Option<(u32, Rc<String>)> {
        let rel = path.strip_prefix("./").unwrap_or(path);
        let full = normalize(&if self.dir.is_empty() || self.dir == "." {
            rel.to_owned()
        } else {
            format!("{}/{rel}", self.dir)
        });
        let mut texts = self.texts.borrow_mut();
        let index = match texts.iter().position(|(p, _)| *p == full) {
            Some(i) => i,
            None => {
                texts.push((full.clone(), Rc::new(self.loader.load(&full)?)));
                texts.len() - 1
            }
        };
        Some((u32::try_from(index).ok()?, Rc::clone(&texts.get(index)?.1)))
    }
}

/// Resolve `.` and `..` segments of a relative path.
#[must_use]
pub fn normalize(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if out.last().is_some_and(|s| *s != "..") {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if path.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

pub struct Eval<'m, 'a> {
    pub m: &'m Module<'a>,
    pub file: u32,
    pub bindings: Vec<(String, Node)>,
    pub depth: usize,
}

fn num(n: f64, loc: Option<Loc>) -> Node {
    Node::new(Val::Num(n), loc)
}

fn display(node: &Node) -> Option<String> {
    match &node.val {
        Val::Str(s) => Some(s.clone()),
        Val::Num(n) => Some(if n.fract() == 0.0 && n.abs() < 1e15 {
            format!("{n:.0}")
        } else {
            n.to_string()
        }),
        Val::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Eval<'_, '_> {
    fn loc(&self, span: Option<std::ops::Range<usize>>) -> Option<Loc> {
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
                Structure::Block(b) => {
                    // `dynamic` blocks are generated from unknown collections: skip.
                    if b.ident.as_str() != "dynamic" {
                        let nested = self.block(b);
                        eb.blocks.push(nested);
                    }
                }
            }
        }
        eb
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
                        let t = self.expr(&c.true_expr);
                        let f = self.expr(&c.false_expr);
                        if t.val == f.val && !t.contains_unknown() {
                            t
                        } else {
                            Node::new(Val::Unknown, loc)
                        }
                    }
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

    fn template(&mut self, elements: &[&Element], loc: Option<Loc>) -> Node {
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

    /// Locate a heredoc's value on its content, so that a policy reader can parse the
    /// source text for locations (see [`crate::policy::policy_node`]).
    fn locate_heredoc(&self, template: &Template, node: &mut Node) {
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
        let Ok(template) = hcl_edit::parser::parse_template(s) else {
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

    fn variable(&mut self, name: &str, loc: Option<Loc>) -> Node {
        if let Some((_, v)) = self.bindings.iter().rev().find(|(n, _)| n == name) {
            let mut v = self.m.copy(v, loc);
            v.loc = loc.or(v.loc);
            return v;
        }
        Node::new(Val::Unknown, loc)
    }

    fn traversal(
        &mut self,
        root: &Expression,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        loc: Option<Loc>,
    ) -> Node {
        let attr = |i: usize| match ops.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(a)) => Some(a.as_str().to_owned()),
            _ => None,
        };
        let (mut value, rest) = match root {
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
                    "data" => match (attr(0), attr(1), attr(2)) {
                        (Some(ty), Some(name), Some(a)) => {
                            (self.m.data_source(&ty, &name, &a, self.depth), 3)
                        }
                        _ => return Node::new(Val::Unknown, loc),
                    },
                    "count" | "each" | "self" | "terraform" | "module" => {
                        return Node::new(Val::Unknown, loc);
                    }
                    ty => match attr(0) {
                        Some(name) => return Node::new(Val::Ref(format!("{ty}.{name}")), loc),
                        None => return Node::new(Val::Unknown, loc),
                    },
                }
            }
            other => (self.expr(other), 0),
        };
        for op in ops.iter().skip(rest) {
            value = match op.value() {
                TraversalOperator::GetAttr(a) => match &value.val {
                    Val::Obj(_) => value.get(a.as_str()).cloned().unwrap_or_else(Node::unknown),
                    Val::Ref(_) => value,
                    _ => Node::unknown(),
                },
                TraversalOperator::Index(e) => {
                    let idx = self.expr(e);
                    index(&value, &idx)
                }
                TraversalOperator::LegacyIndex(i) => {
                    let idx = num(
                        f64::from(u32::try_from(*i.value()).unwrap_or(u32::MAX)),
                        None,
                    );
                    index(&value, &idx)
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    Node::unknown()
                }
            };
        }
        value.loc = loc.or(value.loc);
        value
    }

    fn for_expr(&mut self, f: &hcl_edit::expr::ForExpr, loc: Option<Loc>) -> Node {
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

    #[expect(clippy::too_many_lines, reason = "a table of Terraform functions")]
    fn call(&mut self, name: &str, args: Vec<Node>, loc: Option<Loc>) -> Node {
        let unknown = || Node::new(Val::Unknown, loc);
        let str_arg = |i: usize| args.get(i).and_then(Node::as_str).map(str::to_owned);
        match name {
            "jsonencode" => match args.into_iter().next() {
                Some(v) => Node::new(Val::Encoded(Box::new(v)), loc),
                None => unknown(),
            },
            "jsondecode" => match args.first() {
                Some(n) => match &n.val {
                    Val::Encoded(inner) => (**inner).clone(),
                    Val::Str(s) if !s.contains(UNKNOWN_PART) => json::parse(s, self.file, 0)
                        .map(|mut v| {
                            strip_locs(&mut v, n.loc.or(loc));
                            v
                        })
                        .unwrap_or_else(|_| unknown()),
                    _ => unknown(),
                },
                None => unknown(),
            },
            "file" => match str_arg(0).and_then(|p| self.m.load_file(&p)) {
                Some((file, text)) => {
                    let len = text.len();
                    Node::new(Val::Str((*text).clone()), Some(Loc::new(file, 0..len)))
                }
                None => unknown(),
            },
            "lower" => {
                str_arg(0).map_or_else(unknown, |s| Node::new(Val::Str(s.to_lowercase()), loc))
            }
            "upper" => {
                str_arg(0).map_or_else(unknown, |s| Node::new(Val::Str(s.to_uppercase()), loc))
            }
            "trimspace" => {
                str_arg(0).map_or_else(unknown, |s| Node::new(Val::Str(s.trim().to_owned()), loc))
            }
            "tostring" | "tonumber" | "tobool" | "tolist" | "toset" | "tomap" | "sensitive"
            | "nonsensitive" => {
                let mut v = args.into_iter().next().unwrap_or_else(Node::unknown);
                if name == "tonumber"
                    && let Some(n) = v.as_i64()
                {
                    #[expect(clippy::cast_precision_loss, reason = "small configuration numbers")]
                    let n = n as f64;
                    v = num(n, v.loc);
                }
                v.loc = loc.or(v.loc);
                v
            }
            "concat" => {
                let mut out = Vec::new();
                for a in &args {
                    match &a.val {
                        Val::List(items) => out.extend(items.iter().cloned()),
                        _ => return unknown(),
                    }
                }
                Node::new(Val::List(out), loc)
            }
            "flatten" => {
                fn flat(n: &Node, out: &mut Vec<Node>) -> bool {
                    match &n.val {
                        Val::List(items) => items.iter().all(|i| flat(i, out)),
                        Val::Unknown | Val::Ref(_) => false,
                        _ => {
                            out.push(n.clone());
                            true
                        }
                    }
                }
                let mut out = Vec::new();
                if args.iter().all(|a| flat(a, &mut out)) {
                    Node::new(Val::List(out), loc)
                } else {
                    unknown()
                }
            }
            "merge" => {
                let mut out: Vec<Member> = Vec::new();
                for a in &args {
                    match &a.val {
                        Val::Obj(ms) => {
                            for m in ms {
                                out.retain(|o| o.key != m.key);
                                out.push(m.clone());
                            }
                        }
                        Val::Null => {}
                        _ => return unknown(),
                    }
                }
                Node::new(Val::Obj(out), loc)
            }
            "distinct" | "compact" => match args.into_iter().next() {
                // Each item is compared with those kept before it.
                Some(Node {
                    val: Val::List(items),
                    ..
                }) if self.m.charge(
                    u64::try_from(items.len().saturating_mul(items.len())).unwrap_or(u64::MAX) / 64,
                    loc,
                ) =>
                {
                    let mut out: Vec<Node> = Vec::new();
                    for i in items {
                        if name == "compact" && i.as_str() == Some("") {
                            continue;
                        }
                        if !out.iter().any(|o| o.val == i.val) {
                            out.push(i);
                        }
                    }
                    Node::new(Val::List(out), loc)
                }
                _ => unknown(),
            },
            "length" => match args.first().map(|a| &a.val) {
                #[expect(clippy::cast_precision_loss, reason = "small lengths")]
                Some(Val::List(i)) => num(i.len() as f64, loc),
                #[expect(clippy::cast_precision_loss, reason = "small lengths")]
                Some(Val::Obj(m)) => num(m.len() as f64, loc),
                #[expect(clippy::cast_precision_loss, reason = "small lengths")]
                Some(Val::Str(s)) if !s.contains(UNKNOWN_PART) => {
                    num(s.chars().count() as f64, loc)
                }
                _ => unknown(),
            },
            "join" => match (str_arg(0), args.get(1).map(|a| &a.val)) {
                (Some(sep), Some(Val::List(items)))
                    if self
                        .m
                        .charge(string_cost(sep.len().saturating_mul(items.len())), loc) =>
                {
                    let parts: Vec<String> = items
                        .iter()
                        .map(|i| display(i).unwrap_or_else(|| UNKNOWN_PART.to_string()))
                        .collect();
                    Node::new(Val::Str(parts.join(&sep)), loc)
                }
                _ => unknown(),
            },
            "split" => match (str_arg(0), str_arg(1)) {
                (Some(sep), Some(s)) if !sep.is_empty() => Node::new(
                    Val::List(
                        s.split(&sep)
                            .map(|p| Node::new(Val::Str(p.to_owned()), loc))
                            .collect(),
                    ),
                    loc,
                ),
                _ => unknown(),
            },
            "format" => match str_arg(0) {
                Some(fmt) => {
                    let mut out = String::new();
                    let mut rest = args.iter().skip(1);
                    let mut chars = fmt.chars().peekable();
                    while let Some(c) = chars.next() {
                        if c == '%' {
                            match chars.next() {
                                Some('%') => out.push('%'),
                                Some(_) => out.push_str(
                                    &rest
                                        .next()
                                        .and_then(display)
                                        .unwrap_or_else(|| UNKNOWN_PART.to_string()),
                                ),
                                None => out.push('%'),
                            }
                        } else {
                            out.push(c);
                        }
                    }
                    Node::new(Val::Str(out), loc)
                }
                None => unknown(),
            },
            "replace" => match (str_arg(0), str_arg(1), str_arg(2)) {
                (Some(s), Some(from), Some(to))
                    if !from.starts_with('/')
                        && !from.is_empty()
                        && self.m.charge(
                            string_cost(s.matches(&from).count().saturating_mul(to.len())),
                            loc,
                        ) =>
                {
                    Node::new(Val::Str(s.replace(&from, &to)), loc)
                }
                _ => unknown(),
            },
            "coalesce" => args
                .into_iter()
                .find(|a| !matches!(a.val, Val::Null) && a.as_str() != Some(""))
                .filter(|a| !a.is_unknown())
                .unwrap_or_else(unknown),
            "try" => args
                .into_iter()
                .find(|a| !a.is_unknown())
                .unwrap_or_else(unknown),
            "lookup" => match (args.first(), str_arg(1)) {
                (Some(map), Some(key)) if matches!(map.val, Val::Obj(_)) => map
                    .get(&key)
                    .cloned()
                    .or_else(|| args.get(2).cloned())
                    .unwrap_or_else(unknown),
                _ => unknown(),
            },
            "element" => match (args.first(), args.get(1)) {
                (Some(list), Some(i)) => index(list, i),
                _ => unknown(),
            },
            "max" | "min" => {
                let nums: Option<Vec<f64>> = args
                    .iter()
                    .map(|a| {
                        if let Val::Num(n) = a.val {
                            Some(n)
                        } else {
                            None
                        }
                    })
                    .collect();
                match nums {
                    Some(ns) if !ns.is_empty() => {
                        let v = if name == "max" {
                            ns.iter().copied().fold(f64::MIN, f64::max)
                        } else {
                            ns.iter().copied().fold(f64::MAX, f64::min)
                        };
                        num(v, loc)
                    }
                    _ => unknown(),
                }
            }
            _ => unknown(),
        }
    }
}

/// Locations of a value parsed from a computed string are meaningless: use one location.
pub(crate) fn strip_locs(node: &mut Node, loc: Option<Loc>) {
    node.loc = loc;
    match &mut node.val {
        Val::List(items) => items.iter_mut().for_each(|i| strip_locs(i, loc)),
        Val::Obj(members) => members.iter_mut().for_each(|m| {
            m.key_loc = loc;
            strip_locs(&mut m.value, loc);
        }),
        _ => {}
    }
}

fn index(value: &Node, idx: &Node) -> Node {
    match (&value.val, &idx.val) {
        (Val::List(items), Val::Num(n)) if *n >= 0.0 && n.fract() == 0.0 => {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "checked non-negative integral"
            )]
            let i = *n as usize;
            items.get(i).cloned().unwrap_or_else(Node::unknown)
        }
        (Val::Obj(_), Val::Str(k)) => value.get(k).cloned().unwrap_or_else(Node::unknown),
        (Val::Ref(_), _) => value.clone(),
        _ => Node::unknown(),
    }
}

fn binary(op: BinaryOperator, l: &Node, r: &Node, loc: Option<Loc>) -> Node {
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
            let eq = l.val == r.val;
            b(if op == B::Eq { eq } else { !eq })
        }
        _ => Node::new(Val::Unknown, loc),
    }
}

#[cfg(test)]
mod tests {
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
