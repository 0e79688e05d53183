//! Azure Resource Manager templates: Key Vaults, keys, secrets, Managed HSMs.
//!
//! Template expressions (`[parameters('x')]`, `[variables('y')]`, `concat`, `if`...) are
//! evaluated against parameter defaults and variables; anything else is unknown.

use std::cell::RefCell;

use keylint_model::{Entity, EntityKind, Loc, Node, Val};

use crate::budget::{Budget, cost, string_cost};
use crate::{UnitOutput, facts};

const MAX_DEPTH: usize = 32;

/// Is this JSON an ARM deployment template (or a Blueprint artifact wrapping one)?
#[must_use]
pub fn is_template(node: &Node) -> bool {
    template_of(node).is_some()
}

fn template_of(node: &Node) -> Option<&Node> {
    let looks = |n: &Node| {
        n.get("resources")
            .is_some_and(|r| matches!(r.val, Val::List(_)))
            && (n
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
    /// What evaluation may still do (see [`crate::budget`]).
    budget: Budget,
    /// The parameters and variables being resolved, outermost first:
    /// `parameters('x')`, `variables('y')`.
    resolving: RefCell<Vec<String>>,
    /// Reference cycles: the references around each, and where the first is defined.
    cycles: RefCell<Vec<(Vec<String>, Option<Loc>)>>,
}

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
    fn new(params: &'a Node, vars: &'a Node, template_bytes: usize) -> Self {
        Self {
            params,
            vars,
            budget: Budget::for_bytes(template_bytes),
            resolving: RefCell::new(Vec::new()),
            cycles: RefCell::new(Vec::new()),
        }
    }

    /// Take `units` from the budget (where is said by `eval_str`): `false` once spent.
    fn charge(&self, units: u64) -> bool {
        self.budget.charge(units, None)
    }

    /// A parameter's default or a variable's value, resolved; unknown when it refers to
    /// itself (the cycle is recorded).
    fn reference(&self, kind: &str, name: &str, value: Option<&Node>, depth: usize) -> Node {
        let Some(value) = value else {
            return Node::unknown();
        };
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
        let v = self.resolve(value, depth + 1);
        self.resolving.borrow_mut().pop();
        v
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
    fn diagnostics(&self, out: &mut UnitOutput) {
        let mut seen: Vec<Vec<String>> = Vec::new();
        for (cycle, at) in self.cycles.borrow().iter() {
            let mut key: Vec<String> = cycle.iter().map(|k| k.to_ascii_lowercase()).collect();
            key.sort();
            key.dedup();
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            out.error_at(
                0,
                at.map_or(0, |l| l.start as usize),
                format!(
                    "reference cycle: {}; Azure rejects the template, and these values are \
                     unknown here",
                    cycle.join(" -> ")
                ),
            );
        }
        if let Some(loc) = self.budget.over_at() {
            out.error_at(
                0,
                loc.start as usize,
                "expressions expand beyond what keylint evaluates (parameters or variables \
                 referring to each other many times over); from here on values are unknown",
            );
        }
    }

    fn eval_str(&self, s: &str, loc: Option<Loc>, depth: usize) -> Node {
        if depth > MAX_DEPTH {
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
            return Node::unknown();
        }
        match &node.val {
            Val::Str(s) => self.eval_str(s, node.loc, depth + 1),
            Val::List(items) => Node::new(
                Val::List(items.iter().map(|i| self.resolve(i, depth + 1)).collect()),
                node.loc,
            ),
            Val::Obj(members) => Node::new(
                Val::Obj(
                    members
                        .iter()
                        .map(|m| keylint_model::Member {
                            key: m.key.clone(),
                            key_loc: m.key_loc,
                            value: self.resolve(&m.value, depth + 1),
                        })
                        .collect(),
                ),
                node.loc,
            ),
            _ => node.clone(),
        }
    }

    fn eval(&self, e: &Expr, depth: usize) -> Node {
        if depth > MAX_DEPTH || !self.charge(1) {
            return Node::unknown();
        }
        match e {
            Expr::Str(s) => Node::new(Val::Str(s.clone()), None),
            Expr::Num(n) => Node::new(Val::Num(*n), None),
            Expr::Call(name, args, access) => {
                let a: Vec<Node> = args.iter().map(|x| self.eval(x, depth + 1)).collect();
                let mut v = self.call(name, &a, depth);
                if !self.charge(cost(&v)) {
                    return Node::unknown();
                }
                for acc in access {
                    v = match acc {
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

    fn call(&self, name: &str, a: &[Node], depth: usize) -> Node {
        let s = |i: usize| a.get(i).and_then(Node::as_str);
        let str_node = |v: String| Node::new(Val::Str(v), None);
        match name {
            "true" => Node::new(Val::Bool(true), None),
            "false" => Node::new(Val::Bool(false), None),
            "null" => Node::new(Val::Null, None),
            "parameters" => match s(0) {
                Some(p) => self.reference(
                    "parameters",
                    p,
                    self.params.get_ci(p).and_then(|p| p.get_ci("defaultValue")),
                    depth,
                ),
                None => Node::unknown(),
            },
            "variables" => match s(0) {
                Some(v) => self.reference("variables", v, self.vars.get_ci(v), depth),
                None => Node::unknown(),
            },
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
                    Node::new(Val::Bool(x.val == y.val), None)
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
            _ => Node::unknown(),
        }
    }
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

impl ArmRes {
    /// An entity of this resource, named by the resource's name.
    fn entity(&self, kind: EntityKind) -> Entity {
        let mut e = Entity::new(
            kind,
            format!("{}#{}", self.name, self.loc.start),
            self.name.clone(),
            self.props_key.unwrap_or(self.loc),
        );
        e.block = self.loc;
        e.set_str("provider", "azure");
        e.set_str("kind", self.ty.clone());
        e
    }
}

fn collect(
    ctx: &Ctx<'_>,
    list: &Node,
    parent: Option<(&str, &str)>,
    out: &mut Vec<ArmRes>,
    depth: usize,
) {
    if depth > 8 {
        return;
    }
    for r in list.items() {
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
        let name = name_node
            .as_ref()
            .and_then(Node::as_str)
            .map_or(raw_name, str::to_owned);
        let (ty, name) = match parent {
            Some((pt, pn)) if !raw_ty.contains('/') => {
                (format!("{pt}/{raw_ty}"), format!("{pn}/{name}"))
            }
            _ => (raw_ty, name),
        };
        let props = r.get_ci("properties").map_or_else(
            || Node::new(Val::Obj(Vec::new()), r.loc),
            |p| ctx.resolve(p, 0),
        );
        let props_key = r
            .members()
            .iter()
            .find(|m| m.key.eq_ignore_ascii_case("properties"))
            .and_then(|m| m.key_loc);
        let loc = r.loc.unwrap_or_default();
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
        out.push(ArmRes {
            ty,
            name,
            props,
            props_key,
            loc,
        });
    }
}

/// Location of `"key": value` in an object.
pub(crate) fn member_loc(node: &Node, key: &str) -> Option<Loc> {
    node.members()
        .iter()
        .find(|m| m.key.eq_ignore_ascii_case(key))?
        .span()
}

fn fact_bool(e: &mut Entity, fact: &'static str, p: &Node, key: &str, default: Option<bool>) {
    match p.get_ci(key).filter(|v| !matches!(v.val, Val::Null)) {
        Some(v) => {
            e.fact(fact, v.as_bool(), member_loc(p, key));
        }
        None => {
            e.fact(fact, default, None);
        }
    }
}

fn fact_i64(e: &mut Entity, fact: &'static str, p: &Node, key: &str, default: Option<i64>) {
    match p.get_ci(key).filter(|v| !matches!(v.val, Val::Null)) {
        Some(v) => {
            e.fact(fact, v.as_i64(), member_loc(p, key));
        }
        None => {
            e.fact(fact, default, None);
        }
    }
}

/// The entities of a Key Vault or Managed HSM resource (the container, with `audit`
/// as whether a diagnostic setting sends its audit logs: `None` when that cannot be
/// known) and of its access policies, inline or as their own resource. Other
/// resource types give nothing.
pub(crate) fn vault_entities(r: &ArmRes, audit: Option<bool>, out: &mut Vec<Entity>) {
    let p = &r.props;
    if type_is(&r.ty, "Microsoft.KeyVault/vaults")
        || type_is(&r.ty, "Microsoft.KeyVault/managedHSMs")
    {
        let hsm = type_is(&r.ty, "Microsoft.KeyVault/managedHSMs");
        let mut e = r.entity(EntityKind::KeyContainer);
        fact_bool(
            &mut e,
            "purge_protection",
            p,
            "enablePurgeProtection",
            Some(false),
        );
        fact_bool(
            &mut e,
            "soft_delete_enabled",
            p,
            "enableSoftDelete",
            Some(true),
        );
        fact_i64(
            &mut e,
            "soft_delete_days",
            p,
            "softDeleteRetentionInDays",
            Some(90),
        );
        match p
            .get_ci("publicNetworkAccess")
            .filter(|v| !matches!(v.val, Val::Null))
        {
            Some(v) => {
                e.fact(
                    "public_network",
                    v.as_str().map(|s| !s.eq_ignore_ascii_case("disabled")),
                    member_loc(p, "publicNetworkAccess"),
                );
            }
            None => {
                e.set_bool("public_network", true);
            }
        }
        match p.get_ci("networkAcls") {
            Some(acl) => {
                let deny = acl
                    .get_ci("defaultAction")
                    .and_then(Node::as_str)
                    .map(|a| a.eq_ignore_ascii_case("deny"));
                e.fact(
                    "network_default_deny",
                    deny,
                    member_loc(acl, "defaultAction").or(member_loc(p, "networkAcls")),
                );
            }
            None => {
                e.set_bool("network_default_deny", false);
            }
        }
        if hsm {
            e.set_str("sku", "managed_hsm");
        } else {
            fact_bool(
                &mut e,
                "rbac_enabled",
                p,
                "enableRbacAuthorization",
                Some(false),
            );
            let sku = p.get_ci("sku").and_then(|s| s.get_ci("name"));
            if let Some(s) = sku.and_then(Node::as_str) {
                let sloc = p.get_ci("sku").and_then(|x| member_loc(x, "name"));
                e.fact("sku", Some(s.to_ascii_lowercase()), sloc);
                if s.eq_ignore_ascii_case("standard") {
                    e.fact("fips_level", Some(1), sloc);
                }
            }
            e.fact("audit_logging", audit, None);
        }
        out.push(e);
    }
    // Access policies, inline in a vault or as their own resource.
    if type_is(&r.ty, "Microsoft.KeyVault/vaults")
        || type_is(&r.ty, "Microsoft.KeyVault/vaults/accessPolicies")
    {
        let policies = p
            .get_ci("accessPolicies")
            .map(Node::items)
            .unwrap_or_default();
        for (i, ap) in policies.into_iter().enumerate() {
            out.push(access_policy(
                ap,
                &format!("{}#ap{i}", r.name),
                &r.name,
                r.loc,
            ));
        }
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
        out.files.first().map_or(0, |f| f.text.len()),
    );
    let mut resources = Vec::new();
    if let Some(list) = template.get("resources") {
        collect(&ctx, list, None, &mut resources, 0);
    }
    ctx.diagnostics(out);
    // Diagnostic settings anywhere in the template that send audit logs.
    let mut audit = false;
    for r in resources
        .iter()
        .filter(|r| r.ty.to_ascii_lowercase().ends_with("diagnosticsettings"))
    {
        for l in r.props.get_ci("logs").map(Node::items).unwrap_or_default() {
            let cat = l.get_ci("category").and_then(Node::as_str);
            let group = l.get_ci("categoryGroup").and_then(Node::as_str);
            let on = l.get_ci("enabled").and_then(Node::as_bool) != Some(false);
            if on
                && (cat.is_some_and(|c| c.eq_ignore_ascii_case("AuditEvent"))
                    || group.is_some_and(|g| {
                        g.eq_ignore_ascii_case("audit") || g.eq_ignore_ascii_case("allLogs")
                    }))
            {
                audit = true;
            }
        }
    }
    let vault_sku = |vault: &str| -> Option<String> {
        resources
            .iter()
            .find(|r| {
                type_is(&r.ty, "Microsoft.KeyVault/vaults") && r.name.eq_ignore_ascii_case(vault)
            })
            .and_then(|r| {
                r.props
                    .get_ci("sku")
                    .and_then(|s| s.get_ci("name"))
                    .and_then(Node::as_str)
            })
            .map(str::to_ascii_lowercase)
    };
    for r in &resources {
        vault_entities(r, Some(audit), &mut out.entities);
        let p = &r.props;
        if type_is(&r.ty, "Microsoft.KeyVault/vaults/keys") {
            let mut e = r.entity(EntityKind::Key);
            let vault = r.name.split('/').next().unwrap_or("");
            if let Some(kty) = p.get_ci("kty").and_then(Node::as_str) {
                let kloc = member_loc(p, "kty");
                e.fact("key_type", Some(kty), kloc);
                let fips = match (facts::azure_key_fips(kty), vault_sku(vault).as_deref()) {
                    (Some(_), Some("standard")) => Some(1),
                    (f, _) => f,
                };
                e.fact("fips_level", fips, kloc);
                if kty.to_ascii_uppercase().starts_with("RSA") {
                    match p.get_ci("keySize") {
                        Some(v) => {
                            e.fact("rsa_bits", v.as_i64(), member_loc(p, "keySize"));
                        }
                        None => {
                            e.fact("rsa_bits", Some(2048), kloc);
                        }
                    }
                }
            }
            let attrs = p.get_ci("attributes");
            let exp = attrs
                .and_then(|a| a.get_ci("exp"))
                .filter(|v| !matches!(v.val, Val::Null));
            e.fact(
                "has_expiration",
                Some(exp.is_some()),
                attrs.and_then(|a| member_loc(a, "exp")),
            );
            let rotate = p
                .get_ci("rotationPolicy")
                .and_then(|rp| rp.get_ci("lifetimeActions"))
                .map(Node::items)
                .unwrap_or_default()
                .into_iter()
                .find(|la| {
                    la.get_ci("action")
                        .and_then(|a| a.get_ci("type"))
                        .and_then(Node::as_str)
                        .is_some_and(|t| t.eq_ignore_ascii_case("rotate"))
                });
            match rotate {
                Some(la) => {
                    e.fact("rotation_auto", Some(true), la.loc);
                    let trig = la.get_ci("trigger");
                    if let Some(days) = trig
                        .and_then(|t| t.get_ci("timeAfterCreate"))
                        .and_then(Node::as_str)
                        .and_then(facts::iso_days)
                    {
                        e.fact(
                            "rotation_after_days",
                            Some(days),
                            trig.and_then(|t| member_loc(t, "timeAfterCreate")),
                        );
                    }
                }
                None => {
                    e.fact(
                        "rotation_auto",
                        Some(false),
                        member_loc(p, "rotationPolicy"),
                    );
                }
            }
            out.entities.push(e);
        } else if type_is(&r.ty, "Microsoft.KeyVault/vaults/secrets") {
            let mut e = r.entity(EntityKind::Secret);
            let attrs = p.get_ci("attributes");
            let exp = attrs
                .and_then(|a| a.get_ci("exp"))
                .filter(|v| !matches!(v.val, Val::Null));
            e.fact(
                "has_expiration",
                Some(exp.is_some()),
                attrs.and_then(|a| member_loc(a, "exp")),
            );
            let ct = p
                .get_ci("contentType")
                .filter(|v| !matches!(v.val, Val::Null));
            e.fact(
                "has_content_type",
                Some(ct.is_some()),
                member_loc(p, "contentType"),
            );
            if let Some(v) = p.get_ci("value") {
                if v.as_str().is_some_and(|s| !s.is_empty()) {
                    e.fact("key_material_literal", Some(true), member_loc(p, "value"));
                }
                if let Some(l) = v.loc {
                    out.redactions.push(l);
                }
            }
            out.entities.push(e);
        }
    }
}

fn access_policy(ap: &Node, id: &str, resource: &str, block: Loc) -> Entity {
    let loc = ap.loc.unwrap_or(block);
    let mut e = Entity::new(EntityKind::Binding, id.to_owned(), resource.to_owned(), loc);
    e.block = block;
    e.set_str("provider", "azure");
    e.set_str("kind", "access_policy");
    let perms = ap.get_ci("permissions");
    let lists: Vec<facts::PermissionList<'_>> = [
        ("keys", facts::KEY_PERMISSIONS),
        ("secrets", facts::SECRET_PERMISSIONS),
        ("certificates", facts::CERT_PERMISSIONS),
    ]
    .into_iter()
    .filter_map(|(key, full)| {
        let list = perms?.get_ci(key)?;
        let names = list
            .items()
            .iter()
            .map(|n| n.as_str().map(str::to_owned))
            .collect();
        Some((full, names, perms.and_then(|p| member_loc(p, key))))
    })
    .collect();
    let (purge, all, evidence) = facts::access_policy(&lists);
    e.fact("grants_purge", purge, evidence);
    e.fact("grants_all_permissions", all, evidence);
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx_eval(params: &str, vars: &str, expr: &str) -> Node {
        let p = crate::json::parse(params, 0, 0).unwrap();
        let v = crate::json::parse(vars, 0, 0).unwrap();
        Ctx::new(&p, &v, 0).eval_str(expr, None, 0)
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
}
