//! Evaluation of Terraform HCL expressions into located [`Node`]s.
//!
//! Terraform values are resolved before rules run (RULES.md): variables, locals,
//! interpolation, `jsonencode`, heredocs, `file()`, policy data sources. Anything that
//! depends on another resource or a data source is *unknown* (`Val::Unknown`, or
//! `Val::Ref` when it names a resource of the module), and an unknown interpolation inside
//! a string is kept as [`UNKNOWN_PART`] so that `arn:aws:iam::${x}:root` stays a root ARN.

pub use crate::{FileLoader, GivenFiles, NoFiles};
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

use crate::json::{self, strip_locs};
use crate::resource::{EAttr, EBlock};

/// How deep expression evaluation may recurse (locals referring to locals, nested calls).
const MAX_EVAL_DEPTH: usize = 64;

/// How many blocks one `dynamic` block may expand into.
const MAX_DYNAMIC: usize = 1000;

/// How many instances `count` or `for_each` may expand one block into.
const MAX_INSTANCES: usize = 1000;

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

/// Everything expressions of one module can refer to.
pub struct Module<'a> {
    pub dir: String,
    /// Where the module's resources live: `module.NAME[KEY].` for a called module, empty
    /// for the root. References to its resources (`Val::Ref`) name these addresses.
    pub address_prefix: String,
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
    /// An expression failed as Terraform would reject it (a missing attribute or key of a
    /// known object, an index past the end of a known list): what `try` and `can` catch.
    /// The failing value itself is unknown.
    failed: Cell<bool>,
}

impl<'a> Module<'a> {
    #[must_use]
    pub fn new(dir: String, texts: Vec<(String, Rc<String>)>, loader: &'a dyn FileLoader) -> Self {
        let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
        Self {
            budget: Budget::for_bytes(bytes),
            over_budget_told: Cell::new(false),
            failed: Cell::new(false),
            local_stack: RefCell::new(Vec::new()),
            cycles: RefCell::new(Vec::new()),
            dir,
            address_prefix: String::new(),
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

    /// A path named in the module: relative to the module, unless it already starts with
    /// the module's directory (`"${path.module}/x"`).
    fn resolve(&self, path: &str) -> String {
        let rel = path.strip_prefix("./").unwrap_or(path);
        let dir = self.dir.strip_prefix("./").unwrap_or(&self.dir);
        normalize(&if dir.is_empty()
            || dir == "."
            || rel.starts_with('/')
            || rel == dir
            || rel.starts_with(&format!("{}/", dir.trim_end_matches('/')))
        {
            rel.to_owned()
        } else {
            format!("{dir}/{rel}")
        })
    }

    /// `fileset(dir, pattern)`: the files under `dir` (named relative to it) whose path
    /// matches `pattern` (`*` and `?` within a name, literal directories before it).
    /// `None` when that cannot be known: other glob syntax, or no file found (a loader
    /// that cannot list says nothing).
    fn fileset(&self, dir: &str, pattern: &str) -> Option<Vec<String>> {
        if pattern.contains(['[', '{', '\\']) || pattern.contains("**") {
            return None;
        }
        let (sub, name) = pattern.rsplit_once('/').unwrap_or(("", pattern));
        if sub.contains(['*', '?']) {
            return None;
        }
        let base = self.resolve(dir);
        let listed = normalize(&format!("{base}/{sub}"));
        let files = self
            .loader
            .list(if listed.is_empty() { "." } else { &listed });
        let mut out: Vec<String> = files
            .iter()
            .filter_map(|f| {
                let file_name = f.rsplit('/').next()?;
                glob(name, file_name).then(|| {
                    if sub.is_empty() {
                        file_name.to_owned()
                    } else {
                        format!("{sub}/{file_name}")
                    }
                })
            })
            .collect();
        if out.is_empty() {
            return None;
        }
        out.sort();
        Some(out)
    }

    /// A file named by `file()`, relative to the module, read once and added to the unit.
    fn load_file(&self, path: &str) -> Option<(u32, Rc<String>)> {
        let full = self.resolve(path);
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

/// Whether a file name matches a glob of `*` (any run of characters) and `?` (one).
fn glob(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    // Classic two-pointer match with backtracking to the last `*`.
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ni));
                pi += 1;
            }
            Some(c) if *c == '?' || Some(c) == n.get(ni) => {
                pi += 1;
                ni += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    pi = sp + 1;
                    ni = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..).unwrap_or_default().iter().all(|c| *c == '*')
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
    fn dynamic(&mut self, b: &Block, parent: &mut EBlock) {
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
                        if t.val == f.val && !t.contains_unknown() {
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

    /// `templatefile(path, vars)`: the file's text as a template, with `vars`' members as
    /// its variables; a directive (`%{ if }`, `%{ for }`) is an unknown part.
    fn template_file(
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
    fn data_source(
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

    /// One instance of a policy data source, as its encoded document (evaluated once).
    fn data_instance(
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
    fn try_(&mut self, args: &[&Expression], loc: Option<Loc>) -> Node {
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
    fn can(&mut self, args: &[&Expression], loc: Option<Loc>) -> Node {
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
    fn fail(&self) -> Node {
        self.m.failed.set(true);
        Node::unknown()
    }

    /// `value.name`: a missing attribute of a known object, or an attribute of something
    /// that has none, fails.
    fn get_attr(&self, value: &Node, name: &str) -> Node {
        match &value.val {
            Val::Obj(_) => value.get(name).cloned().unwrap_or_else(|| self.fail()),
            Val::Ref(_) => value.clone(),
            Val::Unknown => Node::unknown(),
            _ => self.fail(),
        }
    }

    /// `value[idx]`: past the end of a known list, or a missing key of a known map, fails.
    fn index(&self, value: &Node, idx: &Node) -> Node {
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
    fn apply_ops(
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
        let partial_arg = |i: usize| {
            args.get(i)
                .and_then(Node::as_partial_str)
                .map(str::to_owned)
        };
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
                        .unwrap_or_else(|_| self.fail()),
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
            // Unknown parts stay unknown parts.
            "fileset" => match (str_arg(0), str_arg(1)) {
                (Some(dir), Some(pattern)) => match self.m.fileset(&dir, &pattern) {
                    Some(files) => Node::new(
                        Val::List(
                            files
                                .into_iter()
                                .map(|f| Node::new(Val::Str(f), loc))
                                .collect(),
                        ),
                        loc,
                    ),
                    None => unknown(),
                },
                _ => unknown(),
            },
            "yamldecode" => match args.first() {
                Some(n) => match &n.val {
                    Val::Str(s) if !s.contains(UNKNOWN_PART) => {
                        // Text of a whole file (from `file()`) keeps its locations.
                        let whole_file = n.loc.filter(|l| {
                            l.start == 0 && self.m.text_of(l.file).is_some_and(|t| t.as_str() == s)
                        });
                        match crate::yaml::parse(s, whole_file.map_or(self.file, |l| l.file)) {
                            Ok(mut v) => {
                                if whole_file.is_none() {
                                    strip_locs(&mut v, n.loc.or(loc));
                                }
                                v
                            }
                            Err(_) => self.fail(),
                        }
                    }
                    _ => unknown(),
                },
                None => unknown(),
            },
            "templatefile" => match str_arg(0).and_then(|p| self.m.load_file(&p)) {
                Some((file, text)) => self.template_file(file, &text, args.get(1), loc),
                None => unknown(),
            },
            "lower" => {
                partial_arg(0).map_or_else(unknown, |s| Node::new(Val::Str(s.to_lowercase()), loc))
            }
            "upper" => {
                partial_arg(0).map_or_else(unknown, |s| Node::new(Val::Str(s.to_uppercase()), loc))
            }
            "trimspace" => {
                str_arg(0).map_or_else(unknown, |s| Node::new(Val::Str(s.trim().to_owned()), loc))
            }
            "toset" => self.call("distinct", args, loc),
            "tostring" | "tonumber" | "tobool" | "tolist" | "tomap" | "sensitive"
            | "nonsensitive" => {
                let mut v = args.into_iter().next().unwrap_or_else(Node::unknown);
                if name == "tostring"
                    && matches!(v.val, Val::Num(_) | Val::Bool(_))
                    && let Some(text) = display(&v)
                {
                    v.val = Val::Str(text);
                }
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
                // Each item is compared with those kept before it. An unknown item may
                // equal another (or be empty): the result is then unknown.
                Some(Node {
                    val: Val::List(items),
                    ..
                }) if !items.iter().any(|i| {
                    if name == "compact" {
                        i.is_unknown()
                            || i.as_partial_str()
                                .is_some_and(|s| s.chars().all(|c| c == UNKNOWN_PART))
                    } else {
                        i.contains_unknown()
                    }
                }) && self.m.charge(
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
            "format" => match partial_arg(0) {
                Some(fmt) => format(&fmt, args.get(1..).unwrap_or_default(), loc),
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
            "coalesce" => {
                for a in args {
                    match &a.val {
                        Val::Null => {}
                        Val::Str(s) if s.is_empty() => {}
                        // It may be null or empty: the choice is not known.
                        Val::Unknown | Val::Ref(_) => return unknown(),
                        Val::Str(s) if s.chars().all(|c| c == UNKNOWN_PART) => return unknown(),
                        _ => return a,
                    }
                }
                self.fail()
            }
            "coalescelist" => {
                for a in args {
                    match &a.val {
                        Val::List(items) if items.is_empty() => {}
                        Val::List(_) => return a,
                        _ => return unknown(),
                    }
                }
                self.fail()
            }
            "one" => match args.into_iter().next() {
                Some(Node {
                    val: Val::List(items),
                    ..
                }) => match items.len() {
                    0 => Node::new(Val::Null, loc),
                    1 => items.into_iter().next().unwrap_or_else(unknown),
                    _ => self.fail(),
                },
                Some(Node { val: Val::Null, .. }) => Node::new(Val::Null, loc),
                _ => unknown(),
            },
            "keys" | "values" => match args.first().map(|a| &a.val) {
                Some(Val::Obj(members)) => {
                    let mut sorted: Vec<&Member> = members.iter().collect();
                    sorted.sort_by(|x, y| x.key.cmp(&y.key));
                    let items = sorted
                        .into_iter()
                        .map(|m| {
                            if name == "keys" {
                                Node::new(Val::Str(m.key.clone()), m.key_loc)
                            } else {
                                m.value.clone()
                            }
                        })
                        .collect();
                    Node::new(Val::List(items), loc)
                }
                _ => unknown(),
            },
            "contains" => match (args.first().map(|a| &a.val), args.get(1)) {
                (Some(Val::List(items)), Some(v)) if !v.contains_unknown() => {
                    if items.iter().any(|i| i.val == v.val) {
                        Node::new(Val::Bool(true), loc)
                    } else if items.iter().any(Node::contains_unknown) {
                        unknown()
                    } else {
                        Node::new(Val::Bool(false), loc)
                    }
                }
                _ => unknown(),
            },
            "index" => match (args.first().map(|a| &a.val), args.get(1)) {
                (Some(Val::List(items)), Some(v)) if !v.contains_unknown() => {
                    for (i, item) in items.iter().enumerate() {
                        if item.contains_unknown() {
                            return unknown();
                        }
                        if item.val == v.val {
                            #[expect(clippy::cast_precision_loss, reason = "small lists")]
                            return num(i as f64, loc);
                        }
                    }
                    self.fail()
                }
                _ => unknown(),
            },
            "startswith" | "endswith" => match (partial_arg(0), str_arg(1)) {
                (Some(s), Some(affix)) => {
                    // The known text at that end decides, if it is long enough.
                    let known: String = if name == "startswith" {
                        s.chars().take_while(|c| *c != UNKNOWN_PART).collect()
                    } else {
                        let mut k: Vec<char> =
                            s.chars().rev().take_while(|c| *c != UNKNOWN_PART).collect();
                        k.reverse();
                        k.into_iter().collect()
                    };
                    let whole = !s.contains(UNKNOWN_PART);
                    let hit = if name == "startswith" {
                        known.starts_with(&affix)
                    } else {
                        known.ends_with(&affix)
                    };
                    if hit || whole || known.len() >= affix.len() {
                        Node::new(Val::Bool(hit), loc)
                    } else {
                        unknown()
                    }
                }
                _ => unknown(),
            },
            "trimprefix" | "trimsuffix" => match (partial_arg(0), str_arg(1)) {
                (Some(s), Some(affix)) => {
                    let prefix = name == "trimprefix";
                    let stripped = if prefix {
                        s.strip_prefix(affix.as_str())
                    } else {
                        s.strip_suffix(affix.as_str())
                    };
                    if let Some(rest) = stripped {
                        Node::new(Val::Str(rest.to_owned()), loc)
                    } else {
                        // Unchanged only if the known end of the text rules the affix out.
                        let known = if prefix {
                            s.split(UNKNOWN_PART).next()
                        } else {
                            s.rsplit(UNKNOWN_PART).next()
                        }
                        .unwrap_or_default();
                        if !s.contains(UNKNOWN_PART) || known.len() >= affix.len() {
                            Node::new(Val::Str(s), loc)
                        } else {
                            unknown()
                        }
                    }
                }
                _ => unknown(),
            },
            "zipmap" => match (args.first().map(|a| &a.val), args.get(1).map(|a| &a.val)) {
                (Some(Val::List(ks)), Some(Val::List(vs))) if ks.len() == vs.len() => {
                    let mut members: Vec<Member> = Vec::new();
                    for (k, v) in ks.iter().zip(vs) {
                        let Some(key) = display(k).filter(|s| !s.contains(UNKNOWN_PART)) else {
                            return unknown();
                        };
                        members.retain(|m| m.key != key);
                        members.push(Member {
                            key,
                            key_loc: k.loc,
                            value: v.clone(),
                        });
                    }
                    Node::new(Val::Obj(members), loc)
                }
                (Some(Val::List(_)), Some(Val::List(_))) => self.fail(),
                _ => unknown(),
            },
            "setunion" => {
                let mut all = Vec::new();
                for a in &args {
                    match &a.val {
                        Val::List(items) => all.extend(items.iter().cloned()),
                        _ => return unknown(),
                    }
                }
                self.call("distinct", vec![Node::new(Val::List(all), loc)], loc)
            }
            "lookup" => match (args.first(), str_arg(1)) {
                (Some(map), Some(key)) if matches!(map.val, Val::Obj(_)) => map
                    .get(&key)
                    .cloned()
                    .or_else(|| args.get(2).cloned())
                    .unwrap_or_else(|| self.fail()),
                (Some(Node { val: Val::Null, .. }), _) => self.fail(),
                _ => unknown(),
            },
            // `element` wraps around the end of the list.
            "element" => match (
                args.first().map(|a| &a.val),
                args.get(1).and_then(Node::as_i64),
            ) {
                (Some(Val::List(items)), Some(i)) if i >= 0 => {
                    if items.is_empty() {
                        self.fail()
                    } else {
                        let i = usize::try_from(i).unwrap_or(0) % items.len();
                        items.get(i).cloned().unwrap_or_else(unknown)
                    }
                }
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

/// Terraform's `format`: `%s`, `%d`, `%v`, `%t` and `%q` of known values; anything else
/// (widths, flags, other verbs, values that cannot be shown) is an unknown part, and so is
/// every verb after an unknown part of the format string (it may hold verbs itself).
fn format(fmt: &str, args: &[Node], loc: Option<Loc>) -> Node {
    let mut out = String::new();
    let mut rest = args.iter();
    let mut chars = fmt.chars().peekable();
    let mut blind = false;
    while let Some(c) = chars.next() {
        if c == UNKNOWN_PART {
            blind = true;
            out.push(c);
            continue;
        }
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            out.push('%');
            continue;
        }
        // Flags, width, precision and argument indexes, then the verb.
        let mut plain = true;
        let mut verb = None;
        for v in chars.by_ref() {
            if v.is_ascii_alphabetic() {
                verb = Some(v);
                break;
            }
            plain = false;
        }
        let arg = rest.next();
        let text = match (verb, arg) {
            (Some('s' | 'd' | 'v' | 't'), Some(a)) if plain && !blind => display(a),
            (Some('q'), Some(a)) if plain && !blind => a
                .as_str()
                .map(|s| serde_json::Value::String(s.to_owned()).to_string()),
            _ => None,
        };
        match text {
            Some(t) => out.push_str(&t),
            None => out.push(UNKNOWN_PART),
        }
    }
    Node::new(Val::Str(out), loc)
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

#[cfg(test)]
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
