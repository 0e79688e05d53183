//! Azure Resource Manager templates: Key Vaults, keys, secrets, Managed HSMs.
//!
//! Template expressions (`[parameters('x')]`, `[variables('y')]`, `concat`, `if`,
//! `coalesce`, `tryGet`, `shallowMerge`, `json('null')`...) are evaluated against parameter
//! defaults and variables: a nullable parameter without a default is `null` (what an
//! omitted one is), a required one unknown; runtime values (`reference`, `resourceInfo`,
//! `resourceGroup()`...) and lambdas are unknown. Both resource layouts are read: the
//! `resources` array and the `languageVersion` 2.0 object keyed by symbolic name. Copy
//! loops are expanded (one instance with an unknown index when the count is unknown), a
//! resource whose `condition` is false is not deployed, `"existing": true` resources are
//! only referred to (never judged). A nested deployment's inline template (a compiled
//! Bicep module) is read: with `inner` scope in its own parameters, given the values the
//! deployment passes (evaluated in the deploying template), else in the deploying
//! template's parameters and variables; a linked template (`templateLink`) is noted, not
//! read.
//!
//! The resources are translated into the neutral view ([`neutral`]: azurerm's resource
//! types and attribute names, located at the template's members) and read by the one
//! Azure extractor that also reads Terraform. A diagnostic setting's target (its parent
//! or `scope`) is not resolved: one that sends audit logs makes every vault's audit
//! logging unknown, never known.

use std::cell::RefCell;

use keylint_model::{Loc, Node, Val};

use crate::UnitOutput;
use crate::budget::{Budget, cost, string_cost};
use crate::extract;
use crate::resource::{EAttr, EBlock, Res};
use crate::rows::{self, Native};

const MAX_DEPTH: usize = 32;

/// How many variables may be evaluated one inside another (each from a fresh depth).
const MAX_VARIABLE_NESTING: usize = 48;

/// Is this JSON an ARM deployment template (or a Blueprint artifact wrapping one)?
#[must_use]
pub fn is_template(node: &Node) -> bool {
    template_of(node).is_some()
}

fn template_of(node: &Node) -> Option<&Node> {
    // `languageVersion` 2.0 (Bicep with user-defined types or `existing` resources) keys
    // resources by symbolic name: an object instead of an array.
    let looks = |n: &Node| {
        n.get("resources").is_some_and(|r| match r.val {
            Val::List(_) => true,
            Val::Obj(_) => n.get("languageVersion").is_some(),
            _ => false,
        }) && (n
            .get("$schema")
            .and_then(Node::as_str)
            .is_some_and(|s| s.to_ascii_lowercase().contains("deploymenttemplate"))
            || n.get("contentVersion").is_some())
    };
    if looks(node) {
        return Some(node);
    }
    node.get("properties")
        .and_then(|p| p.get("template"))
        .filter(|t| looks(t))
}

struct Ctx<'a> {
    params: &'a Node,
    vars: &'a Node,
    /// User-defined types (`definitions`), for a parameter typed `{"$ref": ...}`.
    defs: &'a Node,
    /// The copy loops being expanded, outermost first: the loop's name, its index (`None`
    /// when the count is unknown), and whether it is a resource loop (`copyIndex()`
    /// without a name) or a property/variable loop.
    loops: RefCell<Vec<CopyFrame>>,
    /// What evaluation may still do (see [`crate::budget`]).
    budget: Budget,
    /// The size of the file, which sets the budget (of nested templates too).
    template_bytes: usize,
    /// The parameters and variables being resolved, outermost first:
    /// `parameters('x')`, `variables('y')`.
    resolving: RefCell<Vec<String>>,
    /// Reference cycles: the references around each, and where the first is defined.
    cycles: RefCell<Vec<(Vec<String>, Option<Loc>)>>,
    /// Each variable's value, evaluated once (lowercase name): ARM evaluates a variable
    /// once and it does not depend on where it is used, so `variables('defs')[i].name`
    /// copies only the part it takes (a compiled Bicep template reading a list of large
    /// definitions once per resource of a loop ran over the budget before).
    var_values: RefCell<rustc_hash::FxHashMap<String, std::rc::Rc<Node>>>,
    /// Set when an evaluation stopped at [`MAX_DEPTH`]: a variable evaluated then is not
    /// remembered (it may be known when asked for from a shallower place).
    depth_cut: std::cell::Cell<bool>,
    /// How many variables are being evaluated, one inside another.
    var_nesting: std::cell::Cell<usize>,
}

struct CopyFrame {
    name: String,
    index: Option<i64>,
    resource: bool,
}

/// Most iterations ARM allows in one copy loop; larger counts are unknown.
const MAX_COPY: i64 = 800;

/// A parsed ARM expression.
#[derive(Debug)]
enum Expr {
    Str(String),
    Num(f64),
    Call(String, Vec<Expr>, Vec<Access>),
}

#[derive(Debug)]
enum Access {
    Prop(String),
    Index(Expr),
}

struct Parser<'s> {
    s: &'s [u8],
    i: usize,
    depth: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(u8::is_ascii_whitespace) {
            self.i += 1;
        }
    }

    fn expr(&mut self) -> Option<Expr> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        let out = match self.s.get(self.i)? {
            b'\'' => {
                let mut out = Vec::new();
                self.i += 1;
                loop {
                    match self.s.get(self.i)? {
                        b'\'' if self.s.get(self.i + 1) == Some(&b'\'') => {
                            out.push(b'\'');
                            self.i += 2;
                        }
                        b'\'' => {
                            self.i += 1;
                            break;
                        }
                        c => {
                            out.push(*c);
                            self.i += 1;
                        }
                    }
                }
                Expr::Str(String::from_utf8(out).ok()?)
            }
            c if c.is_ascii_digit() || *c == b'-' => {
                let start = self.i;
                self.i += 1;
                while self
                    .s
                    .get(self.i)
                    .is_some_and(|c| c.is_ascii_digit() || *c == b'.')
                {
                    self.i += 1;
                }
                Expr::Num(
                    std::str::from_utf8(self.s.get(start..self.i)?)
                        .ok()?
                        .parse()
                        .ok()?,
                )
            }
            c if c.is_ascii_alphabetic() => {
                let start = self.i;
                while self
                    .s
                    .get(self.i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                {
                    self.i += 1;
                }
                let name = std::str::from_utf8(self.s.get(start..self.i)?)
                    .ok()?
                    .to_ascii_lowercase();
                self.ws();
                let mut args = Vec::new();
                if self.s.get(self.i) == Some(&b'(') {
                    self.i += 1;
                    loop {
                        self.ws();
                        if self.s.get(self.i) == Some(&b')') {
                            self.i += 1;
                            break;
                        }
                        args.push(self.expr()?);
                        self.ws();
                        match self.s.get(self.i)? {
                            b',' => self.i += 1,
                            b')' => {
                                self.i += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                } else {
                    // true / false / null as bare words
                    return Some(Expr::Call(name, Vec::new(), Vec::new()));
                }
                let mut access = Vec::new();
                loop {
                    match self.s.get(self.i) {
                        Some(b'.') => {
                            self.i += 1;
                            let start = self.i;
                            while self
                                .s
                                .get(self.i)
                                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                            {
                                self.i += 1;
                            }
                            access.push(Access::Prop(
                                std::str::from_utf8(self.s.get(start..self.i)?)
                                    .ok()?
                                    .to_owned(),
                            ));
                        }
                        Some(b'[') => {
                            self.i += 1;
                            let e = self.expr()?;
                            self.ws();
                            if self.s.get(self.i) != Some(&b']') {
                                return None;
                            }
                            self.i += 1;
                            access.push(Access::Index(e));
                        }
                        _ => break,
                    }
                }
                Expr::Call(name, args, access)
            }
            _ => return None,
        };
        self.depth -= 1;
        Some(out)
    }
}

impl<'a> Ctx<'a> {
    fn new(params: &'a Node, vars: &'a Node, defs: &'a Node, template_bytes: usize) -> Self {
        Self {
            params,
            vars,
            defs,
            loops: RefCell::new(Vec::new()),
            budget: Budget::for_bytes(template_bytes),
            template_bytes,
            resolving: RefCell::new(Vec::new()),
            cycles: RefCell::new(Vec::new()),
            var_values: RefCell::new(rustc_hash::FxHashMap::default()),
            depth_cut: std::cell::Cell::new(false),
            var_nesting: std::cell::Cell::new(0),
        }
    }

    /// A variable's value, evaluated the first time it is asked for.
    fn variable_once(&self, name: &str, depth: usize) -> std::rc::Rc<Node> {
        let key = name.to_ascii_lowercase();
        if let Some(v) = self.var_values.borrow().get(&key) {
            return std::rc::Rc::clone(v);
        }
        // Evaluated from a fresh depth (its value does not depend on where it is asked
        // for), with the variables being evaluated at once bounded instead: a chain of
        // variables each using the next would otherwise run out of depth in a few hops.
        let _ = depth;
        if self.var_nesting.get() >= MAX_VARIABLE_NESTING {
            self.depth_cut.set(true);
            return std::rc::Rc::new(Node::unknown());
        }
        let outer_cut = self.depth_cut.replace(false);
        self.var_nesting.set(self.var_nesting.get() + 1);
        let v = std::rc::Rc::new(self.variable(name, 0));
        self.var_nesting.set(self.var_nesting.get() - 1);
        let cut = self.depth_cut.get();
        self.depth_cut.set(outer_cut || cut);
        // A value cut short at the depth limit is unknown somewhere; a fully known one is
        // the same from anywhere.
        if !cut || !v.contains_unknown() {
            self.var_values
                .borrow_mut()
                .insert(key, std::rc::Rc::clone(&v));
        }
        v
    }

    /// Take `units` from the budget (where is said by `eval_str`): `false` once spent.
    fn charge(&self, units: u64) -> bool {
        self.budget.charge(units, None)
    }

    /// A parameter's default or a variable's value, resolved; unknown when it refers to
    /// itself (the cycle is recorded).
    fn reference(&self, kind: &str, name: &str, value: Option<&Node>, depth: usize) -> Node {
        match value {
            Some(value) => self.guarded(kind, name, |c| c.resolve(value, depth + 1)),
            None => Node::unknown(),
        }
    }

    /// Evaluate `parameters('name')` or `variables('name')` with `f`, unless that reference
    /// is already being evaluated: then it is a cycle (recorded) and unknown.
    fn guarded(&self, kind: &str, name: &str, f: impl FnOnce(&Self) -> Node) -> Node {
        let key = format!("{kind}('{name}')");
        let on_stack = self
            .resolving
            .borrow()
            .iter()
            .position(|k| k.eq_ignore_ascii_case(&key));
        if let Some(start) = on_stack {
            let mut cycle: Vec<String> = self
                .resolving
                .borrow()
                .get(start..)
                .unwrap_or_default()
                .to_vec();
            let at = cycle.first().and_then(|first| self.defined_at(first));
            cycle.push(key);
            self.cycles.borrow_mut().push((cycle, at));
            return Node::unknown();
        }
        self.resolving.borrow_mut().push(key);
        let v = f(self);
        self.resolving.borrow_mut().pop();
        v
    }

    /// A parameter's value: its default; `null` for a nullable parameter without one (the
    /// value when the deployer omits it); unknown for a required parameter.
    fn parameter(&self, name: &str, depth: usize) -> Node {
        let Some(def) = self.params.get_ci(name) else {
            return Node::unknown();
        };
        if let Some(default) = def.get_ci("defaultValue") {
            return self.reference("parameters", name, Some(default), depth);
        }
        if self.nullable(def, 0) {
            Node::new(Val::Null, None)
        } else {
            Node::unknown()
        }
    }

    /// Whether a parameter (or the user-defined type it refers to) is `nullable`.
    fn nullable(&self, def: &Node, depth: usize) -> bool {
        if def.get_ci("nullable").and_then(Node::as_bool) == Some(true) {
            return true;
        }
        if depth > 8 {
            return false;
        }
        def.get_ci("$ref")
            .and_then(Node::as_str)
            .and_then(|r| r.strip_prefix("#/definitions/"))
            .and_then(|t| self.defs.get(t))
            .is_some_and(|t| self.nullable(t, depth + 1))
    }

    /// A variable: a member of `variables`, or one made by a `copy` loop there.
    fn variable(&self, name: &str, depth: usize) -> Node {
        if let Some(v) = self.vars.get_ci(name) {
            return self.reference("variables", name, Some(v), depth);
        }
        let copy = self
            .vars
            .get_ci("copy")
            .map(Node::items)
            .unwrap_or_default();
        match copy.into_iter().find(|c| {
            c.get_ci("name")
                .and_then(Node::as_str)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        }) {
            Some(entry) => self.guarded("variables", name, |c| c.copy_list(entry, depth + 1)),
            None => Node::unknown(),
        }
    }

    /// The list a property or variable `copy` entry (`name`, `count`, `input`) makes;
    /// unknown when its count is.
    fn copy_list(&self, entry: &Node, depth: usize) -> Node {
        let (Some(name), Some(input)) = (
            entry.get_ci("name").and_then(Node::as_str),
            entry.get_ci("input"),
        ) else {
            return Node::unknown();
        };
        let Some(count) = self.count(entry.get_ci("count"), depth) else {
            return Node::unknown();
        };
        let mut items = Vec::new();
        for i in 0..count {
            self.loops.borrow_mut().push(CopyFrame {
                name: name.to_owned(),
                index: Some(i),
                resource: false,
            });
            let v = self.resolve(input, depth + 1);
            self.loops.borrow_mut().pop();
            items.push(v);
        }
        Node::new(Val::List(items), input.loc)
    }

    /// A copy loop's count, when known and within what ARM allows.
    fn count(&self, count: Option<&Node>, depth: usize) -> Option<i64> {
        let n = self.resolve(count?, depth + 1).as_i64()?;
        ((0..=MAX_COPY).contains(&n) && self.charge(n.unsigned_abs())).then_some(n)
    }

    /// `copyIndex()`, `copyIndex('loop')`, `copyIndex(offset)`, `copyIndex('loop', offset)`.
    fn copy_index(&self, a: &[Node]) -> Node {
        let (name, offset) = match (a.first(), a.get(1)) {
            (None, _) => (None, Some(0)),
            (Some(x), None) if x.as_str().is_some() && x.as_i64().is_none() => {
                (x.as_str(), Some(0))
            }
            (Some(x), None) => (None, x.as_i64()),
            (Some(x), Some(o)) => (x.as_str(), o.as_i64()),
        };
        let loops = self.loops.borrow();
        let frame = loops.iter().rev().find(|f| match name {
            Some(n) => f.name.eq_ignore_ascii_case(n),
            None => f.resource,
        });
        #[expect(clippy::cast_precision_loss, reason = "copy indexes are at most 800")]
        match (frame.and_then(|f| f.index), offset) {
            (Some(i), Some(o)) => Node::new(Val::Num(i.saturating_add(o) as f64), None),
            _ => Node::unknown(),
        }
    }

    /// Where a `parameters('x')` or `variables('y')` reference is defined.
    fn defined_at(&self, key: &str) -> Option<Loc> {
        let (kind, rest) = key.split_once("('")?;
        let name = rest.strip_suffix("')")?;
        match kind {
            "parameters" => self.params.get_ci(name)?.get_ci("defaultValue")?.loc,
            _ => self.vars.get_ci(name)?.loc,
        }
    }

    /// What went wrong evaluating: each reference cycle, at the definition of its first
    /// reference, and running over the budget, where it happened.
    /// What went wrong evaluating: reference cycles and running over the budget, each
    /// with the byte offset where it is.
    fn diagnostics(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut seen: Vec<Vec<String>> = Vec::new();
        for (cycle, at) in self.cycles.borrow().iter() {
            let mut key: Vec<String> = cycle.iter().map(|k| k.to_ascii_lowercase()).collect();
            key.sort();
            key.dedup();
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            out.push((
                at.map_or(0, |l| l.start as usize),
                format!(
                    "reference cycle: {}; Azure rejects the template, and these values are \
                     unknown here",
                    cycle.join(" -> ")
                ),
            ));
        }
        if let Some(loc) = self.budget.over_at() {
            out.push((
                loc.start as usize,
                "expressions expand beyond what keylint evaluates (parameters or variables \
                 referring to each other many times over); from here on values are unknown"
                    .to_owned(),
            ));
        }
        out
    }

    fn eval_str(&self, s: &str, loc: Option<Loc>, depth: usize) -> Node {
        if depth > MAX_DEPTH {
            self.depth_cut.set(true);
            return Node::new(Val::Unknown, loc);
        }
        let t = s.trim();
        if t.starts_with("[[") {
            return Node::new(Val::Str(s.replacen("[[", "[", 1)), loc);
        }
        let Some(inner) = t.strip_prefix('[').and_then(|x| x.strip_suffix(']')) else {
            return Node::new(Val::Str(s.to_owned()), loc);
        };
        let mut p = Parser {
            s: inner.as_bytes(),
            i: 0,
            depth: 0,
        };
        match p.expr() {
            Some(e) => {
                let mut v = self.eval(&e, depth + 1);
                self.budget.locate(loc);
                v.loc = loc;
                v
            }
            None => Node::new(Val::Unknown, loc),
        }
    }

    /// Evaluate every expression string inside a value.
    fn resolve(&self, node: &Node, depth: usize) -> Node {
        if depth > MAX_DEPTH {
            self.depth_cut.set(true);
            return Node::unknown();
        }
        match &node.val {
            Val::Str(s) => self.eval_str(s, node.loc, depth + 1),
            Val::List(items) => Node::new(
                Val::List(items.iter().map(|i| self.resolve(i, depth + 1)).collect()),
                node.loc,
            ),
            Val::Obj(members) => {
                let mut out = Vec::new();
                for m in members {
                    // Property iteration: `"copy": [{"name", "count", "input"}]` makes the
                    // property `name`, a list of `count` inputs.
                    if m.key.eq_ignore_ascii_case("copy") && is_property_copy(&m.value) {
                        for entry in m.value.items() {
                            let name = entry.get_ci("name").and_then(Node::as_str).unwrap_or("");
                            out.push(keylint_model::Member {
                                key: name.to_owned(),
                                key_loc: entry.get_ci("name").and_then(|n| n.loc),
                                value: self.copy_list(entry, depth + 1),
                            });
                        }
                        continue;
                    }
                    out.push(keylint_model::Member {
                        key: m.key.clone(),
                        key_loc: m.key_loc,
                        value: self.resolve(&m.value, depth + 1),
                    });
                }
                Node::new(Val::Obj(out), node.loc)
            }
            _ => node.clone(),
        }
    }

    fn eval(&self, e: &Expr, depth: usize) -> Node {
        if depth > MAX_DEPTH {
            self.depth_cut.set(true);
            return Node::unknown();
        }
        if !self.charge(1) {
            return Node::unknown();
        }
        match e {
            Expr::Str(s) => Node::new(Val::Str(s.clone()), None),
            Expr::Num(n) => Node::new(Val::Num(*n), None),
            Expr::Call(name, args, access) => {
                let a: Vec<Node> = args.iter().map(|x| self.eval(x, depth + 1)).collect();
                if name == "variables" {
                    return self.variable_access(&a, access, depth);
                }
                let mut v = self.call(name, &a, depth);
                if !self.charge(cost(&v)) {
                    return Node::unknown();
                }
                for acc in access {
                    v = match acc {
                        // A property of another resource of the template (`reference(...)
                        // .vaultUri`) still names that resource.
                        Access::Prop(_) if matches!(v.val, Val::Ref(_)) => v,
                        Access::Prop(p) => v.get_ci(p).cloned().unwrap_or_else(Node::unknown),
                        Access::Index(ix) => {
                            let i = self.eval(ix, depth + 1);
                            match (&v.val, i.as_i64(), i.as_str()) {
                                (Val::List(items), Some(n), _) => usize::try_from(n)
                                    .ok()
                                    .and_then(|n| items.get(n).cloned())
                                    .unwrap_or_else(Node::unknown),
                                (Val::Obj(_), _, Some(k)) => {
                                    v.get_ci(k).cloned().unwrap_or_else(Node::unknown)
                                }
                                _ => Node::unknown(),
                            }
                        }
                    };
                }
                v
            }
        }
    }

    /// `variables('x')` and the accessors after it, walked on the variable's one value:
    /// only the part taken is copied (and charged).
    fn variable_access(&self, a: &[Node], access: &[Access], depth: usize) -> Node {
        let Some(name) = a.first().and_then(Node::as_str) else {
            return Node::unknown();
        };
        let root = self.variable_once(name, depth);
        let mut cur: &Node = &root;
        for acc in access {
            cur = match acc {
                // A property of another resource of the template still names it.
                Access::Prop(_) if matches!(cur.val, Val::Ref(_)) => cur,
                Access::Prop(p) => match cur.get_ci(p) {
                    Some(n) => n,
                    None => return Node::unknown(),
                },
                Access::Index(ix) => {
                    let i = self.eval(ix, depth + 1);
                    let next = match (&cur.val, i.as_i64(), i.as_str()) {
                        (Val::List(items), Some(n), _) => {
                            usize::try_from(n).ok().and_then(|n| items.get(n))
                        }
                        (Val::Obj(_), _, Some(k)) => cur.get_ci(k),
                        _ => None,
                    };
                    match next {
                        Some(n) => n,
                        None => return Node::unknown(),
                    }
                }
            };
        }
        let v = cur.clone();
        if self.charge(cost(&v)) {
            v
        } else {
            Node::unknown()
        }
    }

    fn call(&self, name: &str, a: &[Node], depth: usize) -> Node {
        let s = |i: usize| a.get(i).and_then(Node::as_str);
        let str_node = |v: String| Node::new(Val::Str(v), None);
        match name {
            // A resource of the template, named by its type and name segments (after the
            // optional subscription and resource group): a reference that links resources,
            // unknown for rules. `reference()` of it is that resource too.
            "resourceid" => {
                let at = a
                    .iter()
                    .position(|x| x.as_str().is_some_and(|s| s.contains('/')));
                let names: Option<Vec<&str>> = at
                    .and_then(|i| a.get(i + 1..))
                    .filter(|rest| !rest.is_empty())
                    .map(|rest| rest.iter().map(Node::as_str).collect())
                    .unwrap_or_default();
                names.map_or_else(Node::unknown, |n| Node::new(Val::Ref(n.join("/")), None))
            }
            "reference" => match a.first().map(|x| &x.val) {
                Some(Val::Ref(r)) => Node::new(Val::Ref(r.clone()), None),
                _ => Node::unknown(),
            },
            "true" => Node::new(Val::Bool(true), None),
            "false" => Node::new(Val::Bool(false), None),
            "null" => Node::new(Val::Null, None),
            "parameters" => s(0).map_or_else(Node::unknown, |p| self.parameter(p, depth)),
            "variables" => s(0).map_or_else(Node::unknown, |v| self.variable(v, depth)),
            "concat" => {
                if a.iter().all(|x| x.as_str().is_some()) {
                    str_node(a.iter().filter_map(Node::as_str).collect())
                } else if a.iter().all(|x| matches!(x.val, Val::List(_))) {
                    Node::new(
                        Val::List(
                            a.iter()
                                .flat_map(|x| x.items().into_iter().cloned())
                                .collect(),
                        ),
                        None,
                    )
                } else {
                    Node::unknown()
                }
            }
            "tolower" => s(0).map_or_else(Node::unknown, |x| str_node(x.to_lowercase())),
            "toupper" => s(0).map_or_else(Node::unknown, |x| str_node(x.to_uppercase())),
            "string" => a
                .first()
                .and_then(|x| match &x.val {
                    Val::Str(v) => Some(v.clone()),
                    Val::Num(n) => Some(n.to_string()),
                    Val::Bool(b) => Some(b.to_string()),
                    _ => None,
                })
                .map_or_else(Node::unknown, str_node),
            "bool" => a
                .first()
                .and_then(Node::as_bool)
                .map_or_else(Node::unknown, |b| Node::new(Val::Bool(b), None)),
            #[expect(clippy::cast_precision_loss, reason = "small configuration numbers")]
            "int" => a
                .first()
                .and_then(Node::as_i64)
                .map_or_else(Node::unknown, |n| Node::new(Val::Num(n as f64), None)),
            "if" => match a.first().and_then(Node::as_bool) {
                Some(true) => a.get(1).cloned().unwrap_or_else(Node::unknown),
                Some(false) => a.get(2).cloned().unwrap_or_else(Node::unknown),
                None => Node::unknown(),
            },
            "not" => a
                .first()
                .and_then(Node::as_bool)
                .map_or_else(Node::unknown, |b| Node::new(Val::Bool(!b), None)),
            "equals" => match (a.first(), a.get(1)) {
                (Some(x), Some(y)) if !x.contains_unknown() && !y.contains_unknown() => {
                    Node::new(Val::Bool(same(x, y)), None)
                }
                _ => Node::unknown(),
            },
            "and" | "or" => {
                let bs: Option<Vec<bool>> = a.iter().map(Node::as_bool).collect();
                bs.map_or_else(Node::unknown, |bs| {
                    Node::new(
                        Val::Bool(if name == "and" {
                            bs.iter().all(|b| *b)
                        } else {
                            bs.iter().any(|b| *b)
                        }),
                        None,
                    )
                })
            }
            "format" => match s(0) {
                Some(f) => {
                    let mut out = f.to_owned();
                    for (i, v) in a.iter().skip(1).enumerate() {
                        let Some(t) = v
                            .as_str()
                            .map(str::to_owned)
                            .or_else(|| v.as_i64().map(|n| n.to_string()))
                        else {
                            return Node::unknown();
                        };
                        let hole = format!("{{{i}}}");
                        let grows = out.matches(&hole).count().saturating_mul(t.len());
                        if !self.charge(string_cost(grows)) {
                            return Node::unknown();
                        }
                        out = out.replace(&hole, &t);
                    }
                    str_node(out)
                }
                None => Node::unknown(),
            },
            _ => self.call_structural(name, a),
        }
    }

    /// Functions on objects, arrays and nulls (most of them from `languageVersion` 2.0
    /// templates). Lambdas (`filter`, `map`, ...), runtime values (`reference`,
    /// `resourceInfo`, `resourceGroup`, ...) and anything else are unknown.
    fn call_structural(&self, name: &str, a: &[Node]) -> Node {
        let node = |v: Val| Node::new(v, None);
        let boolean = |b: Option<bool>| b.map_or_else(Node::unknown, |b| node(Val::Bool(b)));
        match name {
            // `json('null')` is the pre-2020 idiom for "omit this property".
            "json" => a
                .first()
                .and_then(Node::as_str)
                .and_then(|t| crate::json::parse(t, 0, 0).ok())
                .map_or_else(Node::unknown, |mut v| {
                    crate::json::strip_locs(&mut v, None);
                    v
                }),
            "createarray" => node(Val::List(a.to_vec())),
            "array" => match a.first() {
                Some(x) if matches!(x.val, Val::List(_)) => x.clone(),
                Some(x) if !x.is_unknown() => node(Val::List(vec![x.clone()])),
                _ => Node::unknown(),
            },
            "createobject" => {
                let mut members = Vec::new();
                for pair in a.chunks(2) {
                    let [k, v] = pair else {
                        return Node::unknown();
                    };
                    let Some(key) = k.as_str() else {
                        return Node::unknown();
                    };
                    members.push(keylint_model::Member {
                        key: key.to_owned(),
                        key_loc: None,
                        value: v.clone(),
                    });
                }
                node(Val::Obj(members))
            }
            "coalesce" => {
                for x in a {
                    match x.val {
                        Val::Null => {}
                        _ if x.is_unknown() => return Node::unknown(),
                        _ => return x.clone(),
                    }
                }
                node(Val::Null)
            }
            // `tryGet(x, k1, k2...)`, also what Bicep's safe dereference `x.?k` compiles to.
            "tryget" => {
                let Some((first, keys)) = a.split_first() else {
                    return Node::unknown();
                };
                let mut v = first.clone();
                for k in keys {
                    v = match (&v.val, k.as_str(), k.as_i64()) {
                        (Val::Null, _, _) => return node(Val::Null),
                        (Val::Obj(_), Some(key), _) => {
                            v.get_ci(key).cloned().unwrap_or_else(|| node(Val::Null))
                        }
                        (Val::List(items), _, Some(i)) => usize::try_from(i)
                            .ok()
                            .and_then(|i| items.get(i).cloned())
                            .unwrap_or_else(|| node(Val::Null)),
                        _ => return Node::unknown(),
                    };
                }
                v
            }
            "empty" => boolean(a.first().and_then(|x| match &x.val {
                Val::Null => Some(true),
                Val::Str(s) if x.as_str().is_some() => Some(s.is_empty()),
                Val::Str(_) => Some(false),
                Val::List(items) => Some(items.is_empty()),
                Val::Obj(members) => Some(members.is_empty()),
                _ => None,
            })),
            #[expect(clippy::cast_precision_loss, reason = "small configuration sizes")]
            "length" => a
                .first()
                .and_then(|x| match &x.val {
                    Val::Str(_) => x.as_str().map(|s| s.chars().count()),
                    Val::List(items) => Some(items.len()),
                    Val::Obj(members) => Some(members.len()),
                    _ => None,
                })
                .map_or_else(Node::unknown, |n| node(Val::Num(n as f64))),
            "contains" => boolean(match (a.first(), a.get(1)) {
                (Some(c), Some(item)) if !item.contains_unknown() => match &c.val {
                    Val::Str(_) => c.as_str().zip(item.as_str()).map(|(c, i)| c.contains(i)),
                    Val::Obj(members) => item
                        .as_str()
                        .map(|k| members.iter().any(|m| m.key.eq_ignore_ascii_case(k))),
                    Val::List(items) if items.iter().all(|x| !x.contains_unknown()) => {
                        Some(items.iter().any(|x| same(x, item)))
                    }
                    _ => None,
                },
                _ => None,
            }),
            "union" => union(a),
            // `shallowMerge([a, b, ...])`: the objects' top-level members, later ones win.
            "shallowmerge" => match a.first().map(|x| &x.val) {
                Some(Val::List(items)) => merge_objects(items, false),
                _ => Node::unknown(),
            },
            "first" | "last" => match a.first().map(|x| &x.val) {
                Some(Val::List(items)) => {
                    let item = if name == "first" {
                        items.first()
                    } else {
                        items.last()
                    };
                    item.cloned().unwrap_or_else(|| node(Val::Null))
                }
                _ => Node::unknown(),
            },
            "copyindex" => self.copy_index(a),
            "greater" | "greaterorequals" | "less" | "lessorequals" => {
                let cmp = match (a.first(), a.get(1)) {
                    (Some(x), Some(y)) => match (x.as_i64(), y.as_i64(), x.as_str(), y.as_str()) {
                        (Some(x), Some(y), _, _) => Some(x.cmp(&y)),
                        (_, _, Some(x), Some(y)) => Some(x.cmp(y)),
                        _ => None,
                    },
                    _ => None,
                };
                boolean(cmp.map(|o| match name {
                    "greater" => o.is_gt(),
                    "greaterorequals" => o.is_ge(),
                    "less" => o.is_lt(),
                    _ => o.is_le(),
                }))
            }
            _ => Node::unknown(),
        }
    }
}

/// Whether two known values are equal as ARM's `equals` judges them (keys without case).
fn same(x: &Node, y: &Node) -> bool {
    x.same_value(y, true) == Some(true)
}

/// `union(...)`: objects merged (nested objects too, later values win), or arrays
/// concatenated without duplicates. Anything else, or an unknown argument, is unknown.
fn union(a: &[Node]) -> Node {
    if a.iter().all(|x| matches!(x.val, Val::Obj(_))) {
        return merge_objects(a, true);
    }
    if a.iter().all(|x| matches!(x.val, Val::List(_))) && !a.iter().any(Node::contains_unknown) {
        let mut out: Vec<Node> = Vec::new();
        for x in a.iter().flat_map(Node::items) {
            if !out.iter().any(|o| same(o, x)) {
                out.push(x.clone());
            }
        }
        return Node::new(Val::List(out), None);
    }
    Node::unknown()
}

/// Merge objects, later members replacing earlier ones (`deep`: nested objects merged).
/// An item that is not an object makes the result unknown.
fn merge_objects(items: &[Node], deep: bool) -> Node {
    let mut out: Vec<keylint_model::Member> = Vec::new();
    for item in items {
        let Val::Obj(members) = &item.val else {
            return Node::unknown();
        };
        for m in members {
            match out.iter_mut().find(|o| o.key.eq_ignore_ascii_case(&m.key)) {
                Some(o)
                    if deep
                        && matches!(o.value.val, Val::Obj(_))
                        && matches!(m.value.val, Val::Obj(_)) =>
                {
                    o.value = merge_objects(&[o.value.clone(), m.value.clone()], true);
                }
                Some(o) => o.value = m.value.clone(),
                None => out.push(m.clone()),
            }
        }
    }
    Node::new(Val::Obj(out), None)
}

/// A property-iteration `copy` value: a list of `{"name", "count", "input"}` objects.
fn is_property_copy(v: &Node) -> bool {
    matches!(&v.val, Val::List(items) if !items.is_empty()
        && items.iter().all(|e| e.get_ci("name").is_some() && e.get_ci("input").is_some()))
}

fn type_is(ty: &str, want: &str) -> bool {
    ty.eq_ignore_ascii_case(want)
}

/// A flattened resource: full type, evaluated name, resolved properties, locations.
/// `az keyvault show` output is read as one of these too (see `exports`).
pub(crate) struct ArmRes {
    pub(crate) ty: String,
    pub(crate) name: String,
    pub(crate) props: Node,
    /// The `properties` key: where an absent property is reported.
    pub(crate) props_key: Option<Loc>,
    /// The whole resource object.
    pub(crate) loc: Loc,
}

/// The resources a template deploys, flattened.
#[derive(Default)]
struct Collected {
    /// Each deployed resource (one whose `condition` or copy count is unknown is judged
    /// as if deployed).
    deployed: Vec<ArmRes>,
    /// Names of the resources the template only refers to (`"existing": true`), by type:
    /// their properties are unknown, never defaults.
    existing: Vec<(String, String)>,
    /// Nested deployments with resources keylint does not read (a linked template, or
    /// inline templates nested too deep): their names and where they are.
    nested: Vec<(String, Loc)>,
    /// What went wrong evaluating nested templates (see [`Ctx::diagnostics`]).
    errors: Vec<(usize, String)>,
}

/// The resources of a `resources` array, or of a `languageVersion` 2.0 object keyed by
/// symbolic name, with copy loops expanded and resources whose `condition` is false left
/// out. Symbolic names only matter to `reference('sym')`/`resourceInfo('sym')`, which are
/// runtime values (unknown) anyway, and to `dependsOn`.
fn collect(
    ctx: &Ctx<'_>,
    list: &Node,
    parent: Option<(&str, &str)>,
    out: &mut Collected,
    depth: usize,
) {
    if depth > 8 {
        return;
    }
    let resources: Vec<&Node> = match &list.val {
        Val::Obj(members) => members.iter().map(|m| &m.value).collect(),
        _ => list.items(),
    };
    for r in resources {
        // A resource copy loop: one instance per index, or a single instance with an
        // unknown index when the count is unknown.
        let (loop_name, indexes) = match r.get_ci("copy") {
            Some(copy) => {
                let name = copy
                    .get_ci("name")
                    .and_then(Node::as_str)
                    .unwrap_or("")
                    .to_owned();
                match ctx.count(copy.get_ci("count"), 0) {
                    Some(n) => (Some(name), (0..n).map(Some).collect()),
                    None => (Some(name), vec![None]),
                }
            }
            None => (None, vec![None]),
        };
        for index in indexes {
            if let Some(name) = &loop_name {
                ctx.loops.borrow_mut().push(CopyFrame {
                    name: name.clone(),
                    index,
                    resource: true,
                });
            }
            collect_one(ctx, r, parent, index, out, depth);
            if loop_name.is_some() {
                ctx.loops.borrow_mut().pop();
            }
        }
    }
}

fn collect_one(
    ctx: &Ctx<'_>,
    r: &Node,
    parent: Option<(&str, &str)>,
    index: Option<i64>,
    out: &mut Collected,
    depth: usize,
) {
    // `condition`: false is not deployed (nor are its child resources); unknown is judged
    // as if deployed.
    let deployed = match r.get_ci("condition") {
        Some(c) => ctx.resolve(c, 0).as_bool(),
        None => Some(true),
    };
    if deployed == Some(false) {
        return;
    }
    let raw_ty = r
        .get_ci("type")
        .and_then(Node::as_str)
        .unwrap_or("")
        .to_owned();
    let name_node = r.get_ci("name").map(|n| ctx.resolve(n, 0));
    let raw_name = r
        .get_ci("name")
        .and_then(Node::as_str)
        .unwrap_or("")
        .to_owned();
    let name = match (name_node.as_ref().and_then(Node::as_str), index) {
        (Some(n), _) => n.to_owned(),
        // Copies whose names are unknown stay apart.
        (None, Some(i)) => format!("{raw_name}[{i}]"),
        (None, None) => raw_name,
    };
    let (ty, name) = match parent {
        Some((pt, pn)) if !raw_ty.contains('/') => {
            (format!("{pt}/{raw_ty}"), format!("{pn}/{name}"))
        }
        _ => (raw_ty, name),
    };
    if r.get_ci("existing").and_then(Node::as_bool) == Some(true) {
        out.existing.push((ty, name));
        return;
    }
    let loc = r.loc.unwrap_or_default();
    if type_is(&ty, "Microsoft.Resources/deployments") {
        let p = r.get_ci("properties");
        // An inline template (a compiled Bicep module) is read: with `inner` scope in its
        // own parameters, given the values the deployment passes; otherwise in this
        // template's parameters and variables.
        if let Some(props) = p
            && let Some(template) = props
                .get_ci("template")
                .filter(|t| matches!(t.val, Val::Obj(_)))
            && depth < 6
        {
            if let Some(resources) = template.get_ci("resources") {
                let inner_scope = props
                    .get_ci("expressionEvaluationOptions")
                    .and_then(|o| o.get_ci("scope"))
                    .and_then(Node::as_str)
                    .is_some_and(|s| s.eq_ignore_ascii_case("inner"));
                if inner_scope {
                    let empty = Node::new(Val::Obj(Vec::new()), None);
                    let params = given_parameters(
                        ctx,
                        template.get_ci("parameters"),
                        props.get_ci("parameters"),
                    );
                    let inner = Ctx::new(
                        &params,
                        template.get_ci("variables").unwrap_or(&empty),
                        template.get_ci("definitions").unwrap_or(&empty),
                        ctx.template_bytes,
                    );
                    collect(&inner, resources, None, out, depth + 1);
                    out.errors.extend(inner.diagnostics());
                } else {
                    collect(ctx, resources, None, out, depth + 1);
                }
            }
            return;
        }
        // A linked template (or one nested too deep) is not read (but said so).
        let has_resources = p
            .and_then(|p| p.get_ci("template"))
            .and_then(|t| t.get_ci("resources"))
            .is_some_and(|rs| match &rs.val {
                Val::List(items) => !items.is_empty(),
                Val::Obj(members) => !members.is_empty(),
                _ => true,
            });
        if (has_resources || p.and_then(|p| p.get_ci("templateLink")).is_some())
            && !out.nested.iter().any(|(_, l)| *l == loc)
        {
            out.nested.push((name, loc));
        }
        return;
    }
    let props = r.get_ci("properties").map_or_else(
        || Node::new(Val::Obj(Vec::new()), r.loc),
        |p| ctx.resolve(p, 0),
    );
    let props_key = r
        .members()
        .iter()
        .find(|m| m.key.eq_ignore_ascii_case("properties"))
        .and_then(|m| m.key_loc);
    // A resource's `sku` sits beside `properties` for vaults in some API versions.
    let mut props = props;
    if let (Val::Obj(ms), Some(sku)) = (&mut props.val, r.get_ci("sku"))
        && !ms.iter().any(|m| m.key.eq_ignore_ascii_case("sku"))
    {
        ms.push(keylint_model::Member {
            key: "sku".into(),
            key_loc: None,
            value: ctx.resolve(sku, 0),
        });
    }
    if let Some(children) = r.get_ci("resources") {
        collect(ctx, children, Some((&ty, &name)), out, depth + 1);
    }
    out.deployed.push(ArmRes {
        ty,
        name,
        props,
        props_key,
        loc,
    });
}

/// An inline template's `parameters` with the values a deployment gives them (evaluated
/// in the deploying template) as their defaults: a parameter given a Key Vault
/// `reference` has no known value; one not given keeps its own default.
fn given_parameters(ctx: &Ctx<'_>, defs: Option<&Node>, given: Option<&Node>) -> Node {
    let mut out = Vec::new();
    for m in defs.map(Node::members).unwrap_or_default() {
        let mut def = m.value.clone();
        let passed = given.and_then(|g| g.get_ci(&m.key));
        if let (Some(passed), Val::Obj(fields)) = (passed, &mut def.val) {
            fields.retain(|f| !f.key.eq_ignore_ascii_case("defaultValue"));
            if let Some(v) = passed.get_ci("value") {
                // Already evaluated: an expression-looking string is a literal now.
                let mut value = ctx.resolve(v, 0);
                escape_brackets(&mut value);
                fields.push(keylint_model::Member {
                    key: "defaultValue".into(),
                    key_loc: None,
                    value,
                });
            }
        }
        out.push(keylint_model::Member {
            key: m.key.clone(),
            key_loc: m.key_loc,
            value: def,
        });
    }
    Node::new(Val::Obj(out), defs.and_then(|d| d.loc))
}

/// A value's strings that start with `[` written as ARM's literal `[[`, so that a value
/// evaluated once is not evaluated again as an expression.
fn escape_brackets(n: &mut Node) {
    match &mut n.val {
        Val::Str(s) if s.trim_start().starts_with('[') => *s = s.replacen('[', "[[", 1),
        Val::List(items) => items.iter_mut().for_each(escape_brackets),
        Val::Obj(members) => members
            .iter_mut()
            .for_each(|m| escape_brackets(&mut m.value)),
        _ => {}
    }
}

/// A property as the provider sees it: absent (or `null`, the same to ARM: the
/// provider's default applies), unknown (the object holding it is), or set.
enum Known<'a> {
    Absent,
    Unknown,
    Set(&'a Node),
}

fn known<'a>(obj: &'a Node, key: &str) -> Known<'a> {
    match &obj.val {
        Val::Obj(_) => match obj.get_ci(key) {
            None => Known::Absent,
            Some(v) if matches!(v.val, Val::Null) => Known::Absent,
            Some(v) => Known::Set(v),
        },
        Val::Null => Known::Absent,
        _ => Known::Unknown,
    }
}

/// Location of `"key": value` in an object.
pub(crate) fn member_loc(node: &Node, key: &str) -> Option<Loc> {
    node.members()
        .iter()
        .find(|m| m.key.eq_ignore_ascii_case(key))?
        .span()
}

/// The neutral view of a template's resources is built with these: attributes with the
/// azurerm provider's names, located at the template's members. Where ARM has no location
/// for a property (it is unknown because the object holding it is), the attribute is
/// located at `at`, the block's header (where a finding goes anyway).
struct Neutral {
    attrs: Vec<EAttr>,
    blocks: Vec<EBlock>,
    at: Loc,
}

impl Neutral {
    fn new(at: Loc) -> Self {
        Self {
            attrs: Vec::new(),
            blocks: Vec::new(),
            at,
        }
    }

    fn push(&mut self, name: &str, value: Node, loc: Option<Loc>) {
        self.attrs.push(EAttr {
            name: name.to_owned(),
            value,
            loc: loc.unwrap_or(self.at),
        });
    }

    /// Say that the attribute is unknown (for a block name: that there may be such
    /// blocks, [`EBlock::blocks_unknown`]).
    fn unknown(&mut self, name: &str) {
        self.push(name, Node::unknown(), None);
    }

    /// Property `key` of `obj` as attribute `name`: absent stays absent (written as
    /// `null`, it is a `null` attribute: absent where it is written), an unknown holder
    /// gives an unknown attribute.
    fn prop(&mut self, obj: &Node, key: &str, name: &str) {
        match known(obj, key) {
            Known::Absent => {
                if let Some(v) = obj.get_ci(key) {
                    self.push(name, v.clone(), member_loc(obj, key));
                }
            }
            Known::Unknown => self.unknown(name),
            Known::Set(v) => self.push(name, v.clone(), member_loc(obj, key)),
        }
    }

    fn block(self, ident: &str, labels: Vec<String>, loc: Loc) -> EBlock {
        EBlock {
            ident: ident.to_owned(),
            labels,
            attrs: self.attrs,
            blocks: self.blocks,
            loc,
            header: self.at,
        }
    }
}

/// What a template's resources are in the neutral view: the facts' resources
/// ([`azurerm` types](crate::rows)) a resource of this type becomes.
pub(crate) fn neutral(r: &ArmRes, vault_of: &dyn Fn(&str) -> Option<String>) -> Vec<Res> {
    let header = r.props_key.unwrap_or(r.loc);
    let labels = |ty: &str| vec![ty.to_owned(), r.name.clone()];
    let p = &r.props;
    let mut n = Neutral::new(header);
    let ty = if type_is(&r.ty, "Microsoft.KeyVault/vaults") {
        vault_attrs(&mut n, p, rows::KEY_VAULT);
        let policies = match known(p, "accessPolicies") {
            Known::Set(list) => list.items(),
            _ => Vec::new(),
        };
        for ap in policies {
            n.blocks
                .push(access_policy(ap, "access_policy", Vec::new(), header));
        }
        rows::KEY_VAULT
    } else if type_is(&r.ty, "Microsoft.KeyVault/managedHSMs") {
        vault_attrs(&mut n, p, rows::MANAGED_HSM);
        // azurerm has no soft-delete switch for a Managed HSM; ARM has.
        n.prop(p, "enableSoftDelete", "soft_delete_enabled");
        rows::MANAGED_HSM
    } else if type_is(&r.ty, "Microsoft.KeyVault/vaults/accessPolicies") {
        // One resource per policy, as azurerm has them.
        let ty = "azurerm_key_vault_access_policy";
        let policies = match known(p, "accessPolicies") {
            Known::Set(list) => list.items(),
            _ => Vec::new(),
        };
        return policies
            .into_iter()
            .enumerate()
            .map(|(i, ap)| {
                let mut res = Res::new(
                    ty,
                    r.name.clone(),
                    access_policy(ap, "resource", labels(ty), header),
                );
                res.id = Some(format!("{}#ap{i}", r.name));
                res
            })
            .collect();
    } else if type_is(&r.ty, "Microsoft.KeyVault/vaults/keys") {
        n.prop(p, "kty", "key_type");
        n.prop(p, "keySize", "key_size");
        expiration(&mut n, p);
        if let Some(vault) = r.name.split('/').next().and_then(vault_of) {
            n.push("key_vault_id", Node::new(Val::Ref(vault), None), None);
        }
        match known(p, "rotationPolicy") {
            Known::Absent => {}
            Known::Unknown => n.unknown("rotation_policy"),
            Known::Set(rp) => {
                let at = member_loc(p, "rotationPolicy").unwrap_or(header);
                n.blocks.push(rotation_policy(rp, at));
            }
        }
        "azurerm_key_vault_key"
    } else if type_is(&r.ty, "Microsoft.KeyVault/vaults/secrets") {
        n.prop(p, "contentType", "content_type");
        // The value only where it is written: a literal (or an expression) to hide.
        if let Known::Set(v) = known(p, "value") {
            n.push("value", v.clone(), member_loc(p, "value"));
        }
        expiration(&mut n, p);
        "azurerm_key_vault_secret"
    } else if type_is(&r.ty, "Microsoft.Compute/diskEncryptionSets") {
        // The vault that holds the set's key (for the key consumers).
        if let Known::Set(active) = known(p, "activeKey")
            && let Known::Set(vault) = known(active, "sourceVault")
            && let Known::Set(id) = known(vault, "id")
        {
            n.push("key_vault_id", id.clone(), member_loc(vault, "id"));
        }
        "azurerm_disk_encryption_set"
    } else if r.ty.to_ascii_lowercase().ends_with("diagnosticsettings") {
        // The setting's target (its parent resource, or its `scope`) is not resolved:
        // unknown, so a setting that sends audit logs makes every vault's unknown.
        match known(p, "logs") {
            Known::Absent => {}
            Known::Set(logs) if !logs.is_unknown() => {
                for l in logs.items() {
                    let at = l.loc.unwrap_or(header);
                    let mut b = Neutral::new(at);
                    if l.is_unknown() {
                        b.unknown("category");
                    }
                    b.prop(l, "category", "category");
                    b.prop(l, "categoryGroup", "category_group");
                    b.prop(l, "enabled", "enabled");
                    n.blocks.push(b.block("enabled_log", Vec::new(), at));
                }
            }
            _ => n.unknown("enabled_log"),
        }
        "azurerm_monitor_diagnostic_setting"
    } else {
        return Vec::new();
    };
    let mut res = Res::new(ty, r.name.clone(), n.block("resource", labels(ty), r.loc));
    // Two resources of different types may share a name.
    res.id = Some(format!("{}#{}", r.name, r.loc.start));
    vec![res]
}

/// A Key Vault's or Managed HSM's attributes: the properties of its rows
/// ([`rows::native`]), `networkAcls` as a `network_acls` block, `sku.name` as `sku_name`.
fn vault_attrs(n: &mut Neutral, p: &Node, resource: &str) {
    for (property, name, form) in rows::native(resource) {
        match (known(p, property), form) {
            (Known::Set(v), Native::EnabledDisabled) => {
                let on = v.as_str().map(|s| !s.eq_ignore_ascii_case("disabled"));
                let value = Node::new(on.map_or(Val::Unknown, Val::Bool), v.loc);
                n.push(name, value, member_loc(p, property));
            }
            _ => n.prop(p, property, name),
        }
    }
    match known(p, "networkAcls") {
        Known::Absent => {}
        Known::Unknown => n.unknown("network_acls"),
        Known::Set(acl) => {
            let at = member_loc(p, "networkAcls").unwrap_or(n.at);
            let mut b = Neutral::new(at);
            if let Some(d) = acl.get_ci("defaultAction") {
                let value = if d.as_str().is_some() {
                    d.clone()
                } else {
                    Node::new(Val::Unknown, d.loc)
                };
                b.push("default_action", value, member_loc(acl, "defaultAction"));
            }
            n.blocks
                .push(b.block("network_acls", Vec::new(), acl.loc.unwrap_or(at)));
        }
    }
    let sku = p.get_ci("sku");
    if let Some(name) = sku.and_then(|s| s.get_ci("name"))
        && name.as_str().is_some()
    {
        n.push(
            "sku_name",
            name.clone(),
            sku.and_then(|s| member_loc(s, "name")),
        );
    }
}

/// An access policy as azurerm writes one (an `access_policy` block of a vault, or an
/// `azurerm_key_vault_access_policy` resource): its permission lists and object id. An
/// unknown policy or permission set makes every list unknown.
fn access_policy(ap: &Node, ident: &str, labels: Vec<String>, at: Loc) -> EBlock {
    let loc = ap.loc.unwrap_or(at);
    let mut n = Neutral::new(loc);
    let lists = [
        ("keys", "key_permissions"),
        ("secrets", "secret_permissions"),
        ("certificates", "certificate_permissions"),
    ];
    match known(ap, "permissions") {
        Known::Absent => {}
        Known::Unknown => lists.iter().for_each(|(_, name)| n.unknown(name)),
        Known::Set(perms) if perms.is_unknown() => {
            let at = member_loc(ap, "permissions");
            for (_, name) in lists {
                n.push(name, Node::unknown(), at);
            }
        }
        Known::Set(perms) => {
            for (key, name) in lists {
                if let Known::Set(v) = known(perms, key) {
                    n.push(name, v.clone(), member_loc(perms, key));
                }
            }
        }
    }
    n.prop(ap, "objectId", "object_id");
    n.block(ident, labels, loc)
}

/// `attributes.exp` (a key's or secret's expiry, Unix time) as `expiration_date`.
fn expiration(n: &mut Neutral, p: &Node) {
    match known(p, "attributes") {
        Known::Absent => {}
        Known::Unknown => n.unknown("expiration_date"),
        Known::Set(attrs) => n.prop(attrs, "exp", "expiration_date"),
    }
}

/// A key's `rotationPolicy` as azurerm's `rotation_policy` block: the expiry, and the
/// lifetime action that rotates automatically as its `automatic` block (unknown when
/// the actions or an action's type are).
fn rotation_policy(rp: &Node, at: Loc) -> EBlock {
    let mut n = Neutral::new(at);
    if let Known::Set(attrs) = known(rp, "attributes") {
        n.prop(attrs, "expiryTime", "expire_after");
    }
    match rotate_action(rp) {
        Known::Absent => {}
        Known::Unknown => n.unknown("automatic"),
        Known::Set(la) => {
            let la_at = la.loc.unwrap_or(at);
            let mut auto = Neutral::new(la_at);
            if let Known::Set(trigger) = known(la, "trigger") {
                auto.prop(trigger, "timeAfterCreate", "time_after_creation");
                auto.prop(trigger, "timeBeforeExpiry", "time_before_expiry");
            }
            n.blocks.push(auto.block("automatic", Vec::new(), la_at));
        }
    }
    n.block("rotation_policy", Vec::new(), rp.loc.unwrap_or(at))
}

/// The lifetime action of a rotation policy that rotates the key automatically: set,
/// absent, or unknown (the actions or an action's type are).
fn rotate_action(rp: &Node) -> Known<'_> {
    let actions = match known(rp, "lifetimeActions") {
        Known::Set(list) if list.is_unknown() => return Known::Unknown,
        Known::Set(list) => list.items(),
        other => return other,
    };
    let mut unknown = false;
    for la in actions {
        let ty = match known(la, "action") {
            Known::Set(a) => known(a, "type"),
            other => other,
        };
        match ty {
            Known::Set(t) => match t.as_str() {
                Some(t) if t.eq_ignore_ascii_case("rotate") => return Known::Set(la),
                Some(_) => {}
                None => unknown = true,
            },
            Known::Unknown => unknown = true,
            Known::Absent => {}
        }
    }
    if unknown {
        Known::Unknown
    } else {
        Known::Absent
    }
}

pub fn read(node: &Node, out: &mut UnitOutput) {
    let Some(template) = template_of(node) else {
        return;
    };
    let empty = Node::new(Val::Obj(Vec::new()), None);
    let ctx = Ctx::new(
        template.get("parameters").unwrap_or(&empty),
        template.get("variables").unwrap_or(&empty),
        template.get("definitions").unwrap_or(&empty),
        out.files.first().map_or(0, |f| f.text.len()),
    );
    let mut collected = Collected::default();
    if let Some(list) = template.get("resources") {
        collect(&ctx, list, None, &mut collected, 0);
    }
    let mut errors = ctx.diagnostics();
    let Collected {
        deployed,
        existing,
        nested,
        errors: nested_errors,
    } = collected;
    errors.extend(nested_errors);
    for (offset, message) in errors {
        out.error_at(0, offset, message);
    }
    for (name, loc) in nested {
        if let Some(f) = out.files.first() {
            let note = f.error_at(
                loc.start as usize,
                format!(
                    "nested deployment `{name}`: its linked template's resources are not read \
                     (keylint reads inline templates, never fetches one)"
                ),
            );
            out.notes.push(note);
        }
    }
    // The vault a key or secret is in, when the template creates it (not when it only
    // refers to it with `existing`): ARM names are case-insensitive.
    let vault_of = |vault: &str| -> Option<String> {
        let is_vault = |ty: &str, name: &str| {
            type_is(ty, "Microsoft.KeyVault/vaults") && name.eq_ignore_ascii_case(vault)
        };
        if existing.iter().any(|(ty, name)| is_vault(ty, name)) {
            return None;
        }
        deployed
            .iter()
            .find(|r| is_vault(&r.ty, &r.name))
            .map(|r| r.name.clone())
    };
    let mut res: Vec<Res> = deployed
        .iter()
        .flat_map(|r| neutral(r, &vault_of))
        .collect();
    // Data resources read by the template's own property paths (customer managed keys).
    for r in deployed
        .iter()
        .filter(|r| crate::coverage::is_native_type(&r.ty))
    {
        let at = r.props_key.unwrap_or(r.loc);
        let eb = crate::resource::EBlock {
            ident: "resource".to_owned(),
            labels: Vec::new(),
            attrs: Vec::new(),
            blocks: Vec::new(),
            loc: r.loc,
            header: at,
        };
        let mut c = Res::new(r.ty.clone(), r.name.clone(), eb);
        c.id = Some(format!("{}/{}", r.ty, r.name));
        c.native = Some((r.ty.clone(), r.props.clone()));
        res.push(c);
    }
    extract::extract(out, &res);
}

#[cfg(test)]
mod tests {
    use super::*;
    use keylint_model::EntityKind;

    fn ctx_eval(params: &str, vars: &str, expr: &str) -> Node {
        let p = crate::json::parse(params, 0, 0).unwrap();
        let v = crate::json::parse(vars, 0, 0).unwrap();
        let d = crate::json::parse("{}", 0, 0).unwrap();
        Ctx::new(&p, &v, &d, 0).eval_str(expr, None, 0)
    }

    /// A chain of variables, each using the one before, is known however long (each is
    /// evaluated once, from a fresh depth); a chain longer than the nesting bound is not.
    #[test]
    fn variable_chains() {
        let chain = |n: usize| {
            let mut vars = vec![r#""v0": "kv""#.to_owned()];
            for i in 1..=n {
                vars.push(format!(
                    r#""v{i}": "[concat(variables('v{}'), '')]""#,
                    i - 1
                ));
            }
            format!("{{{}}}", vars.join(", "))
        };
        let v = ctx_eval("{}", &chain(30), "[variables('v30')]");
        assert_eq!(v.as_str(), Some("kv"));
        assert!(ctx_eval("{}", &chain(60), "[variables('v60')]").is_unknown());
    }

    #[test]
    fn expressions() {
        let p = r#"{"days": {"type": "int", "defaultValue": 7}, "name": {"type": "string", "defaultValue": "kv"}}"#;
        let v = r#"{"full": "[concat(parameters('name'), '-prod')]"}"#;
        assert_eq!(ctx_eval(p, v, "[parameters('days')]").as_i64(), Some(7));
        assert_eq!(
            ctx_eval(p, v, "[variables('full')]").as_str(),
            Some("kv-prod")
        );
        assert!(ctx_eval(p, v, "[resourceGroup().location]").is_unknown());
        assert_eq!(
            ctx_eval(p, v, "[[not an expression]").as_str(),
            Some("[not an expression]")
        );
        assert_eq!(
            ctx_eval(p, v, "[if(equals(parameters('days'), 7), 'a', 'b')]").as_str(),
            Some("a")
        );
        // A variable that refers to itself is unknown, not a stack overflow.
        let v = r#"{"x": "[variables('x')]"}"#;
        assert!(ctx_eval(p, v, "[variables('x')]").is_unknown());
    }

    #[test]
    fn nulls_are_null_not_unknown() {
        // `json('null')` and `null()` mean "omit this property".
        assert!(matches!(
            ctx_eval("{}", "{}", "[json('null')]").val,
            Val::Null
        ));
        assert!(matches!(ctx_eval("{}", "{}", "[null()]").val, Val::Null));
        assert!(matches!(
            ctx_eval("{}", "{}", "[if(false(), true(), json('null'))]").val,
            Val::Null
        ));
        assert_eq!(
            ctx_eval("{}", "{}", "[json('{\"a\": [1, true]}')]")
                .get("a")
                .map(|a| a.items().len()),
            Some(2)
        );
        assert!(ctx_eval("{}", "{}", "[json('{broken')]").is_unknown());
    }

    #[test]
    fn parameters_without_defaults() {
        let p = r##"{
            "required": {"type": "string"},
            "optional": {"type": "object", "nullable": true},
            "typed": {"$ref": "#/definitions/maybe"},
            "withDefault": {"type": "object", "nullable": true, "defaultValue": {"a": 1}}
        }"##;
        let p = crate::json::parse(p, 0, 0).unwrap();
        let v = crate::json::parse("{}", 0, 0).unwrap();
        let d =
            crate::json::parse(r#"{"maybe": {"type": "string", "nullable": true}}"#, 0, 0).unwrap();
        let ctx = Ctx::new(&p, &v, &d, 0);
        let eval = |e: &str| ctx.eval_str(e, None, 0);
        assert!(eval("[parameters('required')]").is_unknown());
        assert!(matches!(eval("[parameters('optional')]").val, Val::Null));
        assert!(matches!(eval("[parameters('typed')]").val, Val::Null));
        assert_eq!(eval("[parameters('withDefault').a]").as_i64(), Some(1));
        assert!(eval("[parameters('missing')]").is_unknown());
        // Safe dereference and coalescing of a parameter that may be omitted.
        assert!(matches!(
            eval("[tryGet(parameters('optional'), 'defaultAction')]").val,
            Val::Null
        ));
        assert!(eval("[tryGet(parameters('required'), 'defaultAction')]").is_unknown());
        assert_eq!(
            eval("[coalesce(parameters('optional'), 'fallback')]").as_str(),
            Some("fallback")
        );
        assert!(eval("[coalesce(parameters('required'), 'fallback')]").is_unknown());
        assert_eq!(
            eval("[empty(parameters('optional'))]").as_bool(),
            Some(true)
        );
        assert!(eval("[empty(parameters('required'))]").is_unknown());
    }

    #[test]
    fn structural_functions() {
        let e = |x: &str| ctx_eval("{}", "{}", x);
        let merged = e(
            "[shallowMerge(createArray(createObject('a', 1, 'b', createObject('x', 1)), createObject('b', createObject('y', 2))))]",
        );
        assert_eq!(merged.get("a").and_then(Node::as_i64), Some(1));
        assert!(merged.get("b").and_then(|b| b.get("x")).is_none());
        let deep = e(
            "[union(createObject('b', createObject('x', 1)), createObject('b', createObject('y', 2)))]",
        );
        assert!(deep.get("b").and_then(|b| b.get("x")).is_some());
        assert_eq!(
            e("[length(union(createArray(1, 2), createArray(2, 3)))]").as_i64(),
            Some(3)
        );
        assert_eq!(
            e("[contains(createArray('a', 'b'), 'b')]").as_bool(),
            Some(true)
        );
        assert_eq!(e("[contains('Disabled', 'abl')]").as_bool(), Some(true));
        assert_eq!(e("[first(createArray('x', 'y'))]").as_str(), Some("x"));
        assert_eq!(e("[greater(3, 2)]").as_bool(), Some(true));
        // Lambdas and runtime values stay unknown.
        assert!(e("[filter(createArray(1), lambda('x', true()))]").is_unknown());
        assert!(e("[reference('vault').properties.vaultUri]").is_unknown());
        assert!(e("[resourceInfo('vault').id]").is_unknown());
        assert!(
            e("[shallowMerge(createArray(createObject('a', 1), reference('x')))]").is_unknown()
        );
        assert!(e("[copyIndex()]").is_unknown());
    }

    #[test]
    fn variable_copy_loops() {
        let p = r#"{"names": {"type": "array", "defaultValue": ["a", "b"]}, "unknown": {"type": "array"}}"#;
        let v = r#"{"copy": [
            {"name": "upper", "count": "[length(parameters('names'))]",
             "input": {"n": "[toUpper(parameters('names')[copyIndex('upper')])]"}},
            {"name": "later", "count": "[length(parameters('unknown'))]", "input": "x"}
        ]}"#;
        let upper = ctx_eval(p, v, "[variables('upper')]");
        assert_eq!(
            upper
                .items()
                .iter()
                .filter_map(|i| i.get("n")?.as_str())
                .collect::<Vec<_>>(),
            vec!["A", "B"]
        );
        assert!(ctx_eval(p, v, "[variables('later')]").is_unknown());
    }

    /// A compiled Bicep template that reads a list of large definitions once per resource
    /// of a loop (Enterprise-Scale's policy definitions): each variable is evaluated once,
    /// and a resource copies only the item it takes, so it stays within the budget.
    #[test]
    fn a_large_variable_read_once_per_loop_item_stays_within_the_budget() {
        // As Bicep compiles `loadTextContent` of 150 definitions: a string variable per
        // definition, a list of them, and a variable copy loop that parses each.
        let big = "x".repeat(4000);
        let mut vars: Vec<String> = (0..150)
            .map(|i| format!(r#""v{i}": "{{\"name\": \"p{i}\", \"d\": \"{big}\"}}""#))
            .collect();
        let all: Vec<String> = (0..150)
            .map(|i| format!(r#""[variables('v{i}')]""#))
            .collect();
        vars.push(format!(r#""all": [{}]"#, all.join(", ")));
        vars.push(
            r#""copy": [{"name": "defs", "count": "[length(variables('all'))]", "input": "[json(variables('all')[copyIndex('defs')])]"}]"#
                .to_owned(),
        );
        vars.push(r#""vault": "[concat('kv-', variables('defs')[3].name)]""#.to_owned());
        let t = format!(
            r#"{{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "variables": {{{}}},
  "resources": [
    {{"copy": {{"name": "p", "count": "[length(variables('defs'))]"}},
      "type": "Microsoft.Authorization/policyDefinitions", "apiVersion": "2021-06-01",
      "name": "[variables('defs')[copyIndex()].name]",
      "properties": {{"description": "[variables('defs')[copyIndex()].d]"}}}},
    {{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2022-07-01", "name": "[variables('vault')]",
      "location": "westeurope",
      "properties": {{"tenantId": "00000000-0000-0000-0000-000000000000",
        "sku": {{"family": "A", "name": "premium"}}, "enablePurgeProtection": true}}}}
  ]}}"#,
            vars.join(",\n")
        );
        let out = read_template(&t);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        assert!(out.entities.iter().any(|e| e.resource == "kv-p3"));
    }

    fn read_template(text: &str) -> UnitOutput {
        crate::read_json_file(crate::SourceFile {
            path: "main.json".into(),
            text: text.into(),
        })
    }

    #[test]
    fn language_version_2_templates() {
        let t = r#"{
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "languageVersion": "2.0",
          "contentVersion": "1.0.0.0",
          "parameters": {"create": {"type": "bool", "defaultValue": false}},
          "resources": {
            "shared": {"existing": true, "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "shared"},
            "skipped": {"condition": "[parameters('create')]", "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "skipped", "properties": {}},
            "vaults": {
              "copy": {"name": "vaults", "count": 2},
              "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01",
              "name": "[format('kv-{0}', copyIndex(1))]",
              "properties": {"enablePurgeProtection": "[equals(copyIndex(), 0)]"}
            },
            "key": {"type": "Microsoft.KeyVault/vaults/keys", "apiVersion": "2023-07-01", "name": "shared/k",
              "properties": {"kty": "RSA-HSM", "keySize": 4096}, "dependsOn": ["shared"]}
          }
        }"#;
        let out = read_template(t);
        assert_eq!(out.format, Some("arm-template"));
        let names: Vec<&str> = out
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::KeyContainer)
            .map(|e| e.resource.as_str())
            .collect();
        assert_eq!(names, vec!["kv-1", "kv-2"]);
        let key = out
            .entities
            .iter()
            .find(|e| e.kind == EntityKind::Key)
            .unwrap();
        // The existing vault's SKU is unknown: the key's HSM type gives its level.
        assert_eq!(
            key.attrs.get("fips_level"),
            Some(&keylint_model::AttrValue::Long(3))
        );
    }

    #[test]
    fn nested_deployments_are_read_in_their_scope() {
        let t = r#"{
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {"prefix": {"type": "string", "defaultValue": "app"}},
          "variables": {"protect": false},
          "resources": [
            {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "vault-module",
             "properties": {
               "expressionEvaluationOptions": {"scope": "inner"},
               "parameters": {"name": {"value": "[format('{0}-kv', parameters('prefix'))]"}, "purge": {"value": true}},
               "template": {"contentVersion": "1.0.0.0",
                 "parameters": {"name": {"type": "string"}, "purge": {"type": "bool", "defaultValue": false}, "tenant": {"type": "string"}},
                 "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "[parameters('name')]",
                   "properties": {"tenantId": "[parameters('tenant')]", "enablePurgeProtection": "[parameters('purge')]"}}]}}},
            {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "outer-scope",
             "properties": {"template": {"contentVersion": "1.0.0.0",
               "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "[concat(parameters('prefix'), '-kv2')]",
                 "properties": {"enablePurgeProtection": "[variables('protect')]"}}]}}},
            {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "linked",
             "properties": {"templateLink": {"uri": "https://example.com/t.json"}}}
          ]
        }"#;
        let out = read_template(t);
        let vault = |name: &str| {
            out.entities
                .iter()
                .find(|e| e.resource == name && e.kind == keylint_model::EntityKind::KeyContainer)
        };
        assert_eq!(
            vault("app-kv").and_then(|e| e.get_bool("purge_protection")),
            Some(true)
        );
        assert_eq!(
            vault("app-kv2").and_then(|e| e.get_bool("purge_protection")),
            Some(false)
        );
        let notes: Vec<&str> = out.notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes.iter().all(|n| n.contains("`linked`")));
        assert!(out.errors.is_empty(), "{:?}", out.errors);
    }

    #[test]
    fn unknown_properties_are_not_defaults() {
        let t = r#"{
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {"props": {"type": "object"}},
          "resources": [
            {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv",
             "properties": "[parameters('props')]"},
            {"type": "Microsoft.KeyVault/vaults/keys", "apiVersion": "2023-07-01", "name": "kv/k",
             "properties": "[union(createObject('kty', 'RSA'), parameters('props'))]"}
          ]
        }"#;
        let out = read_template(t);
        for e in &out.entities {
            for fact in [
                "purge_protection",
                "public_network",
                "network_default_deny",
                "rbac_enabled",
                "has_expiration",
                "rotation_auto",
            ] {
                assert!(
                    !e.attrs.contains_key(fact),
                    "{fact} of {} is known",
                    e.resource
                );
            }
        }
    }
}
