//! AWS CloudFormation templates (JSON and YAML): KMS keys, replica keys, Secrets Manager
//! secrets and rotation schedules, IAM policies.
//!
//! Intrinsic functions are evaluated against the template: `Ref` to a parameter gives its
//! `Default`, `Fn::Sub`/`Fn::Join`/`Fn::Select`/`Fn::Split`/`Fn::FindInMap` compute what
//! they can, `Fn::If` follows a condition that can be decided from parameter defaults,
//! `AWS::NoValue` removes the property. A resource reference (`Ref` to a resource,
//! `Fn::GetAtt`) is a reference; `AWS::AccountId` is the stack's own account, known
//! symbolically ([`THIS_ACCOUNT`]); other pseudo parameters and imports are unknown, and
//! an unknown value never fires a rule.
//!
//! Each resource is translated into the shape of its Terraform counterpart
//! (`AWS::KMS::Key` -> `aws_kms_key`, `PendingWindowInDays` -> `deletion_window_in_days`,
//! ...) and judged by the same extraction code, so both inputs share every fact; the
//! locations stay those of the template.

use keylint_model::value::{Member, THIS_ACCOUNT, UNKNOWN_PART};
use keylint_model::{Loc, Node, Val};

use crate::UnitOutput;
use crate::budget::{Budget, cost, string_cost};
use crate::extract;
use crate::resource::Res;
use crate::resource::{EAttr, EBlock};

/// How deep intrinsic evaluation may nest (conditions referring to conditions, ...).
const MAX_DEPTH: usize = 32;

/// Is this value a CloudFormation template? A `Resources` object whose entries have an
/// `AWS::` type, directly or as the output of a `Fn::ForEach` loop.
#[must_use]
pub fn is_template(node: &Node) -> bool {
    let Some(resources) = node.get("Resources") else {
        return false;
    };
    let aws = |n: &Node| {
        n.get("Type")
            .and_then(Node::as_str)
            .is_some_and(|t| t.starts_with("AWS::"))
    };
    resources.members().iter().any(|m| {
        aws(&m.value)
            || (m.key.starts_with("Fn::ForEach::")
                && m.value
                    .items()
                    .get(2)
                    .is_some_and(|o| o.members().iter().any(|r| aws(&r.value))))
    })
}

/// A property translation: CloudFormation name -> Terraform attribute name.
type Names = &'static [(&'static str, &'static str)];

/// The properties of a key that are not rows of the table ([`crate::rows`], which
/// names the others: deletion window, rotation, spec, usage...).
const KMS_KEY: Names = &[("KeyPolicy", "policy"), ("Origin", "origin")];

const KMS_REPLICA_KEY: Names = &[
    ("KeyPolicy", "policy"),
    ("PrimaryKeyArn", "primary_key_arn"),
];

/// The properties a resource of neutral type `tf_ty` is read from: its rows' native
/// properties ([`crate::rows::native`]) and `more`.
fn names(tf_ty: &str, more: Names) -> Vec<(&'static str, &'static str)> {
    crate::rows::native(tf_ty)
        .map(|(cfn, tf, _)| (cfn, tf))
        .chain(more.iter().copied())
        .collect()
}

const SECRET: Names = &[("KmsKeyId", "kms_key_id"), ("Name", "name")];

const ROTATION: Names = &[("SecretId", "secret_id")];

const ROTATION_RULES: Names = &[
    ("AutomaticallyAfterDays", "automatically_after_days"),
    ("ScheduleExpression", "schedule_expression"),
    ("Duration", "duration"),
];

const IAM_POLICY: Names = &[("PolicyDocument", "policy"), ("PolicyName", "name")];

const EVENT_SELECTOR: Names = &[
    ("IncludeManagementEvents", "include_management_events"),
    (
        "ExcludeManagementEventSources",
        "exclude_management_event_sources",
    ),
    ("ReadWriteType", "read_write_type"),
];

const ADVANCED_EVENT_SELECTOR: Names = &[("Name", "name")];

const METRIC_FILTER: Names = &[("FilterPattern", "pattern")];

const METRIC_TRANSFORMATION: Names = &[("MetricName", "name"), ("MetricNamespace", "namespace")];

const ALARM: Names = &[("MetricName", "metric_name"), ("Namespace", "namespace")];

const METRIC_QUERY: Names = &[("Id", "id"), ("Expression", "expression")];

const EVENT_RULE: Names = &[("EventPattern", "event_pattern"), ("State", "state")];

const FIELD_SELECTOR: Names = &[
    ("Field", "field"),
    ("Equals", "equals"),
    ("NotEquals", "not_equals"),
    ("StartsWith", "starts_with"),
    ("NotStartsWith", "not_starts_with"),
    ("EndsWith", "ends_with"),
    ("NotEndsWith", "not_ends_with"),
];

/// A list property of objects as repeated nested blocks `ident` of `eb` (Terraform's
/// shape), each read with `names`; `inner` does the same one level down. An unknown list
/// is an unknown attribute named like the blocks ([`EBlock::blocks_unknown`]).
fn nested(
    eb: &mut EBlock,
    props: &Node,
    (key, ident, names): (&str, &str, Names),
    inner: Option<(&str, &str, Names)>,
) {
    let Some(m) = props.member(key) else {
        return;
    };
    let at = m.span().unwrap_or(eb.header);
    if m.value.is_unknown() {
        eb.attrs.push(EAttr {
            name: ident.to_owned(),
            value: Node::unknown(),
            loc: at,
        });
        return;
    }
    for item in m.value.items() {
        let span = item.loc.unwrap_or(at);
        let mut b = block(ident, item, names, span, span);
        if item.is_unknown() {
            b.attrs.push(EAttr {
                name: names.first().map_or("", |(_, tf)| tf).to_owned(),
                value: Node::unknown(),
                loc: span,
            });
        }
        if let Some(level) = inner {
            nested(&mut b, item, level, None);
        }
        eb.blocks.push(b);
    }
}

/// Template-wide context for evaluating intrinsics.
struct Ctx<'a> {
    params: &'a Node,
    mappings: &'a Node,
    conditions: &'a Node,
    resources: &'a Node,
    /// What evaluation may still do (see [`crate::budget`]).
    budget: Budget,
}

/// What an intrinsic gives: a value, or `AWS::NoValue` (the property is removed).
type Out = Option<Node>;

fn unknown_at(loc: Option<Loc>) -> Node {
    Node::new(Val::Unknown, loc)
}

/// A scalar as text for `Fn::Sub`/`Fn::Join`, or `None` when unknown.
fn text_of(n: &Node) -> Option<String> {
    match &n.val {
        Val::Str(s) => Some(s.clone()),
        Val::Num(x) => Some(x.to_string()),
        Val::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl<'a> Ctx<'a> {
    fn new(template: &'a Node, empty: &'a Node, template_bytes: usize) -> Self {
        Self {
            params: template.get("Parameters").unwrap_or(empty),
            mappings: template.get("Mappings").unwrap_or(empty),
            conditions: template.get("Conditions").unwrap_or(empty),
            resources: template.get("Resources").unwrap_or(empty),
            budget: Budget::for_bytes(template_bytes),
        }
    }

    fn charge(&self, units: u64, loc: Option<Loc>) -> bool {
        self.budget.charge(units, loc)
    }

    fn is_resource(&self, name: &str) -> bool {
        self.resources.get(name).is_some()
    }

    /// A parameter's value: its `Default`, with the location of the use.
    fn param(&self, name: &str, loc: Option<Loc>, depth: usize) -> Out {
        match name {
            "AWS::NoValue" => return None,
            // The stack's account: known symbolically (it owns the stack's keys).
            "AWS::AccountId" => return Some(Node::new(Val::Str(THIS_ACCOUNT.to_string()), loc)),
            n if n.starts_with("AWS::") => return Some(unknown_at(loc)),
            _ => {}
        }
        if self.is_resource(name) {
            return Some(Node::new(Val::Ref(name.to_owned()), loc));
        }
        let Some(default) = self.params.get(name).and_then(|p| p.get("Default")) else {
            return Some(unknown_at(loc));
        };
        let mut v = self
            .eval(default, depth + 1)
            .unwrap_or_else(|| unknown_at(loc));
        // CommaDelimitedList parameters are lists.
        let list = self
            .params
            .get(name)
            .and_then(|p| p.get("Type"))
            .and_then(Node::as_str)
            .is_some_and(|t| t == "CommaDelimitedList" || t.starts_with("List<"));
        if list && let Some(s) = v.as_str() {
            v = Node::new(
                Val::List(
                    s.split(',')
                        .map(|p| Node::new(Val::Str(p.trim().to_owned()), loc))
                        .collect(),
                ),
                loc,
            );
        }
        v.loc = loc;
        Some(v)
    }

    /// A condition's truth, when the template decides it.
    fn condition(&self, name: &str, depth: usize) -> Option<bool> {
        let c = self.conditions.get(name)?;
        self.eval(c, depth + 1)?.as_bool()
    }

    fn eval(&self, node: &Node, depth: usize) -> Out {
        if depth > MAX_DEPTH || !self.charge(1, node.loc) {
            return Some(unknown_at(node.loc));
        }
        match &node.val {
            Val::Obj(members) if members.len() == 1 => {
                let m = members.first()?;
                if m.key == "Ref" || m.key == "Condition" || m.key.starts_with("Fn::") {
                    // What an intrinsic gives is a copy (of a parameter default, a mapping
                    // entry, a string it built): charged.
                    return match self.intrinsic(&m.key, &m.value, node.loc, depth) {
                        Some(v) if !self.charge(cost(&v), node.loc) => Some(unknown_at(node.loc)),
                        out => out,
                    };
                }
                self.object(members, node.loc, depth)
            }
            Val::Obj(members) => self.object(members, node.loc, depth),
            Val::List(items) => Some(Node::new(
                Val::List(
                    items
                        .iter()
                        .filter_map(|i| self.eval(i, depth + 1))
                        .collect(),
                ),
                node.loc,
            )),
            _ => Some(node.clone()),
        }
    }

    fn object(&self, members: &[Member], loc: Option<Loc>, depth: usize) -> Out {
        let members = members
            .iter()
            .filter_map(|m| {
                self.eval(&m.value, depth + 1).map(|value| Member {
                    key: m.key.clone(),
                    key_loc: m.key_loc,
                    value,
                })
            })
            .collect();
        Some(Node::new(Val::Obj(members), loc))
    }

    fn args(&self, arg: &Node, depth: usize) -> Vec<Node> {
        match self.eval(arg, depth + 1) {
            Some(Node {
                val: Val::List(items),
                ..
            }) => items,
            Some(other) => vec![other],
            None => Vec::new(),
        }
    }

    fn intrinsic(&self, name: &str, arg: &Node, loc: Option<Loc>, depth: usize) -> Out {
        let unknown = || Some(unknown_at(loc));
        match name {
            "Ref" => match arg.as_str() {
                Some(p) => self.param(p, loc, depth),
                None => unknown(),
            },
            "Condition" => match arg.as_str().and_then(|c| self.condition(c, depth)) {
                Some(b) => Some(Node::new(Val::Bool(b), loc)),
                None => unknown(),
            },
            "Fn::GetAtt" => {
                let target = match &arg.val {
                    Val::Str(s) => s.split('.').next().map(str::to_owned),
                    Val::List(items) => items.first().and_then(Node::as_str).map(str::to_owned),
                    _ => None,
                };
                match target {
                    Some(t) if self.is_resource(&t) => Some(Node::new(Val::Ref(t), loc)),
                    _ => unknown(),
                }
            }
            "Fn::Sub" => self.sub(arg, loc, depth),
            "Fn::Join" => {
                let a = self.args(arg, depth);
                let (Some(delim), Some(list)) = (a.first().and_then(text_of), a.get(1)) else {
                    return unknown();
                };
                let Val::List(items) = &list.val else {
                    return unknown();
                };
                let parts: Vec<String> = items
                    .iter()
                    .map(|i| text_of(i).unwrap_or_else(|| UNKNOWN_PART.to_string()))
                    .collect();
                let len = parts
                    .iter()
                    .map(String::len)
                    .sum::<usize>()
                    .saturating_add(delim.len().saturating_mul(parts.len().saturating_sub(1)));
                if !self.charge(string_cost(len), loc) {
                    return unknown();
                }
                Some(Node::new(Val::Str(parts.join(&delim)), loc))
            }
            "Fn::Select" => {
                let a = self.args(arg, depth);
                let index = a.first().and_then(Node::as_i64);
                match (index, a.get(1).map(|l| &l.val)) {
                    (Some(i), Some(Val::List(items))) => usize::try_from(i)
                        .ok()
                        .and_then(|i| items.get(i))
                        .cloned()
                        .map(|mut n| {
                            n.loc = loc;
                            n
                        })
                        .or_else(unknown),
                    _ => unknown(),
                }
            }
            "Fn::Split" => {
                let a = self.args(arg, depth);
                match (
                    a.first().and_then(Node::as_str),
                    a.get(1).and_then(Node::as_str),
                ) {
                    (Some(d), Some(s)) if !d.is_empty() => Some(Node::new(
                        Val::List(
                            s.split(d)
                                .map(|p| Node::new(Val::Str(p.to_owned()), loc))
                                .collect(),
                        ),
                        loc,
                    )),
                    _ => unknown(),
                }
            }
            "Fn::FindInMap" => {
                let a = self.args(arg, depth);
                let keys: Option<Vec<String>> = a.iter().take(3).map(text_of).collect();
                let found = keys.filter(|k| k.len() == 3).and_then(|k| {
                    let (m, top, second) = (k.first()?, k.get(1)?, k.get(2)?);
                    self.mappings.get(m)?.get(top)?.get(second).cloned()
                });
                match found {
                    Some(mut n) => {
                        n.loc = loc;
                        Some(n)
                    }
                    // The language extension's fourth argument: a default value.
                    None => a
                        .get(3)
                        .and_then(|d| d.get("DefaultValue"))
                        .cloned()
                        .or_else(unknown),
                }
            }
            "Fn::If" => {
                let Val::List(items) = &arg.val else {
                    return unknown();
                };
                let (Some(cond), Some(yes), Some(no)) = (items.first(), items.get(1), items.get(2))
                else {
                    return unknown();
                };
                match cond.as_str().and_then(|c| self.condition(c, depth)) {
                    Some(true) => self.eval(yes, depth + 1),
                    Some(false) => self.eval(no, depth + 1),
                    None => unknown(),
                }
            }
            "Fn::Equals" => {
                let a = self.args(arg, depth);
                match (a.first(), a.get(1)) {
                    (Some(x), Some(y)) if !x.contains_unknown() && !y.contains_unknown() => {
                        let eq = match (text_of(x), text_of(y)) {
                            (Some(p), Some(q)) => p == q,
                            _ => x.same_value(y, false) == Some(true),
                        };
                        Some(Node::new(Val::Bool(eq), loc))
                    }
                    _ => unknown(),
                }
            }
            "Fn::And" | "Fn::Or" => {
                let values: Vec<Option<bool>> =
                    self.args(arg, depth).iter().map(Node::as_bool).collect();
                let and = name == "Fn::And";
                let decided = if and {
                    if values.contains(&Some(false)) {
                        Some(false)
                    } else if values.iter().all(Option::is_some) {
                        Some(true)
                    } else {
                        None
                    }
                } else if values.contains(&Some(true)) {
                    Some(true)
                } else if values.iter().all(Option::is_some) {
                    Some(false)
                } else {
                    None
                };
                decided.map_or_else(unknown, |b| Some(Node::new(Val::Bool(b), loc)))
            }
            "Fn::Not" => match self.args(arg, depth).first().and_then(Node::as_bool) {
                Some(b) => Some(Node::new(Val::Bool(!b), loc)),
                None => unknown(),
            },
            "Fn::ToJsonString" => {
                let inner = self.eval(arg, depth + 1)?;
                Some(Node::new(Val::Encoded(Box::new(inner)), loc))
            }
            // Base64, GetAZs, ImportValue, Cidr, Transform, Length: nothing a rule needs.
            _ => unknown(),
        }
    }

    fn sub(&self, arg: &Node, loc: Option<Loc>, depth: usize) -> Out {
        let (template, vars) = match &arg.val {
            Val::Str(s) => (s.clone(), None),
            Val::List(items) => match (items.first().and_then(Node::as_str), items.get(1)) {
                (Some(s), vars) => (s.to_owned(), vars),
                _ => return Some(unknown_at(loc)),
            },
            _ => return Some(unknown_at(loc)),
        };
        let mut out = String::with_capacity(template.len());
        let mut rest = template.as_str();
        while let Some(i) = rest.find("${") {
            out.push_str(rest.get(..i).unwrap_or(""));
            let after = rest.get(i + 2..).unwrap_or("");
            let Some(close) = after.find('}') else {
                out.push_str(rest.get(i..).unwrap_or(""));
                rest = "";
                break;
            };
            let name = after.get(..close).unwrap_or("").trim();
            rest = after.get(close + 1..).unwrap_or("");
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
                continue;
            }
            let value = match vars.and_then(|v| v.get(name)) {
                Some(v) => self.eval(v, depth + 1),
                None if name.contains('.') => None,
                None => self.param(name, loc, depth),
            };
            match value.as_ref().and_then(text_of) {
                Some(t) => {
                    if !self.charge(string_cost(t.len()), loc) {
                        return Some(unknown_at(loc));
                    }
                    out.push_str(&t);
                }
                None => out.push(UNKNOWN_PART),
            }
        }
        out.push_str(rest);
        Some(Node::new(Val::Str(out), loc))
    }
}

/// Properties (evaluated) -> a Terraform-shaped block, keeping template locations.
fn block(ident: &str, props: &Node, names: &[(&str, &str)], loc: Loc, header: Loc) -> EBlock {
    let mut attrs = Vec::new();
    for m in props.members() {
        if let Some((_, tf)) = names.iter().find(|(cfn, _)| *cfn == m.key) {
            attrs.push(EAttr {
                name: (*tf).to_owned(),
                value: m.value.clone(),
                loc: m.span().unwrap_or_default(),
            });
        }
    }
    EBlock {
        ident: ident.to_owned(),
        labels: Vec::new(),
        attrs,
        blocks: Vec::new(),
        loc,
        header,
    }
}

/// The template with its `Fn::ForEach::<Loop>` resource entries expanded
/// (`AWS::LanguageExtensions`): `[identifier, collection, {output-key: output-value}]`
/// makes one resource per item of the collection, its logical id the output key and its
/// body the output value, with `${identifier}` / `&{identifier}` and `{"Ref": identifier}`
/// standing for the item. The collection is a list of strings, or a `Ref` to a parameter
/// whose default is one (or a comma-delimited string). A loop whose collection is not
/// known, or that nests another loop, is left out with a note.
fn expand_for_each(template: &Node, notes: &mut Vec<(Option<Loc>, String)>) -> Option<Node> {
    let resources = template.get("Resources")?;
    if !resources
        .members()
        .iter()
        .any(|m| m.key.starts_with("Fn::ForEach::"))
    {
        return None;
    }
    let params = template.get("Parameters");
    let mut expanded: Vec<Member> = Vec::new();
    for m in resources.members() {
        let Some(name) = m.key.strip_prefix("Fn::ForEach::") else {
            expanded.push(m.clone());
            continue;
        };
        let parts = m.value.items();
        let (Some(id), Some(collection), Some(outputs)) = (
            parts.first().and_then(|n| n.as_str()),
            parts.get(1),
            parts.get(2),
        ) else {
            notes.push((
                m.key_loc,
                format!(
                    "`Fn::ForEach::{name}` is not a loop keylint reads; its resources are not read"
                ),
            ));
            continue;
        };
        let items: Option<Vec<String>> = match &collection.val {
            Val::List(list) => list.iter().map(|i| i.as_str().map(str::to_owned)).collect(),
            Val::Obj(_) => collection
                .get("Ref")
                .and_then(Node::as_str)
                .and_then(|p| params?.get(p)?.get("Default"))
                .and_then(|d| match &d.val {
                    Val::List(list) => list.iter().map(|i| i.as_str().map(str::to_owned)).collect(),
                    Val::Str(s) => Some(s.split(',').map(|x| x.trim().to_owned()).collect()),
                    _ => None,
                }),
            _ => None,
        };
        let nested = outputs
            .members()
            .iter()
            .any(|o| o.key.starts_with("Fn::ForEach::"));
        let Some(items) = items.filter(|_| !nested) else {
            notes.push((m.key_loc, format!("`Fn::ForEach::{name}`: its collection is not known (or it nests a loop), so the resources it makes are not read")));
            continue;
        };
        for item in &items {
            for o in outputs.members() {
                let mut body = o.value.clone();
                substitute(&mut body, id, item);
                expanded.push(Member {
                    key: replace_identifier(&o.key, id, item),
                    key_loc: o.key_loc,
                    value: body,
                });
            }
        }
    }
    let mut out = template.clone();
    if let Val::Obj(members) = &mut out.val
        && let Some(r) = members.iter_mut().find(|m| m.key == "Resources")
    {
        r.value.val = Val::Obj(expanded);
    }
    Some(out)
}

/// `${id}` and `&{id}` in a text, written as `item`.
fn replace_identifier(text: &str, id: &str, item: &str) -> String {
    text.replace(&format!("${{{id}}}"), item)
        .replace(&format!("&{{{id}}}"), item)
}

/// The identifier of a `Fn::ForEach` loop replaced by one item in a resource body.
fn substitute(node: &mut Node, id: &str, item: &str) {
    match &mut node.val {
        Val::Str(s) if s.contains(id) => *s = replace_identifier(s, id, item),
        Val::List(items) => items.iter_mut().for_each(|i| substitute(i, id, item)),
        Val::Obj(members) => {
            if let [m] = members.as_slice()
                && m.key == "Ref"
                && m.value.as_str() == Some(id)
            {
                node.val = Val::Str(item.to_owned());
                return;
            }
            for m in members.iter_mut() {
                substitute(&mut m.value, id, item);
            }
        }
        _ => {}
    }
}

/// Read a template (already parsed from JSON or YAML) into the unit.
pub fn read(template: &Node, out: &mut UnitOutput) {
    let mut loop_notes = Vec::new();
    let expanded = expand_for_each(template, &mut loop_notes);
    let template = expanded.as_ref().unwrap_or(template);
    if let Some(f) = out.files.first() {
        for (at, message) in loop_notes {
            let note = f.error_at(at.map_or(0, |l| l.start as usize), message);
            out.notes.push(note);
        }
    }
    let empty = Node::new(Val::Obj(Vec::new()), None);
    let resources = template.get("Resources").unwrap_or(&empty);
    let ctx = Ctx::new(
        template,
        &empty,
        out.files.first().map_or(0, |f| f.text.len()),
    );
    let mut res = Vec::new();
    // Data resources read by the template's own property paths (customer managed keys).
    let mut covered = Vec::new();
    for r in resources.members() {
        let Some(ty) = r.value.get("Type").and_then(Node::as_str) else {
            continue;
        };
        // A resource whose condition is decided false is not created.
        if let Some(c) = r.value.get("Condition").and_then(Node::as_str)
            && ctx.condition(c, 0) == Some(false)
        {
            continue;
        }
        // An absent property is reported where it would go: at `Properties` (KICS agrees).
        let header = r
            .value
            .member("Properties")
            .and_then(|p| p.key_loc)
            .or(r.key_loc)
            .unwrap_or_default();
        let loc = r.span().unwrap_or_default();
        let props = r
            .value
            .get("Properties")
            .and_then(|p| ctx.eval(p, 0))
            .unwrap_or_else(|| empty.clone());
        let address = r.key.clone();
        if crate::coverage::is_native_type(ty) {
            let mut c = Res::new(
                ty,
                address.clone(),
                block("resource", &empty, &[], loc, header),
            );
            c.native = Some((ty.to_owned(), props.clone()));
            covered.push(c);
        }
        let one = |tf_ty: &str, eb: EBlock| Res::new(tf_ty, address.clone(), eb);
        match ty {
            "AWS::KMS::Key" => {
                res.push(one(
                    "aws_kms_key",
                    block(
                        "resource",
                        &props,
                        &names("aws_kms_key", KMS_KEY),
                        loc,
                        header,
                    ),
                ));
            }
            "AWS::KMS::ReplicaKey" => res.push(one(
                "aws_kms_replica_key",
                block(
                    "resource",
                    &props,
                    &names("aws_kms_replica_key", KMS_REPLICA_KEY),
                    loc,
                    header,
                ),
            )),
            "AWS::CloudTrail::Trail" => {
                let mut eb = block("resource", &props, &[], loc, header);
                nested(
                    &mut eb,
                    &props,
                    ("EventSelectors", "event_selector", EVENT_SELECTOR),
                    None,
                );
                nested(
                    &mut eb,
                    &props,
                    (
                        "AdvancedEventSelectors",
                        "advanced_event_selector",
                        ADVANCED_EVENT_SELECTOR,
                    ),
                    Some(("FieldSelectors", "field_selector", FIELD_SELECTOR)),
                );
                res.push(one("aws_cloudtrail", eb));
            }
            "AWS::Logs::MetricFilter" => {
                let mut eb = block("resource", &props, METRIC_FILTER, loc, header);
                nested(
                    &mut eb,
                    &props,
                    (
                        "MetricTransformations",
                        "metric_transformation",
                        METRIC_TRANSFORMATION,
                    ),
                    None,
                );
                res.push(one("aws_cloudwatch_log_metric_filter", eb));
            }
            "AWS::CloudWatch::Alarm" => {
                let mut eb = block("resource", &props, ALARM, loc, header);
                nested(
                    &mut eb,
                    &props,
                    ("Metrics", "metric_query", METRIC_QUERY),
                    None,
                );
                res.push(one("aws_cloudwatch_metric_alarm", eb));
            }
            "AWS::Events::Rule" => res.push(one(
                "aws_cloudwatch_event_rule",
                block("resource", &props, EVENT_RULE, loc, header),
            )),
            "AWS::SecretsManager::Secret" => {
                // A literal secret value is never shown.
                if let Some(v) = props.get("SecretString")
                    && let Some(l) = v.loc
                    && v.as_str().is_some()
                {
                    out.redactions.push(l);
                }
                res.push(one(
                    "aws_secretsmanager_secret",
                    block("resource", &props, SECRET, loc, header),
                ));
            }
            "AWS::SecretsManager::RotationSchedule" => {
                let mut eb = block("resource", &props, ROTATION, loc, header);
                if let Some(rules) = props.member("RotationRules") {
                    let span = rules.span().unwrap_or_default();
                    eb.blocks.push(block(
                        "rotation_rules",
                        &rules.value,
                        ROTATION_RULES,
                        span,
                        span,
                    ));
                }
                res.push(one("aws_secretsmanager_secret_rotation", eb));
            }
            "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" => res.push(one(
                "aws_iam_policy",
                block("resource", &props, IAM_POLICY, loc, header),
            )),
            // Inline policies of one role, user or group, as resources of their own.
            "AWS::IAM::RolePolicy" | "AWS::IAM::UserPolicy" | "AWS::IAM::GroupPolicy" => {
                let tf_ty = match ty {
                    "AWS::IAM::RolePolicy" => "aws_iam_role_policy",
                    "AWS::IAM::UserPolicy" => "aws_iam_user_policy",
                    _ => "aws_iam_group_policy",
                };
                res.push(one(
                    tf_ty,
                    block("resource", &props, IAM_POLICY, loc, header),
                ));
            }
            "AWS::IAM::Role" | "AWS::IAM::User" | "AWS::IAM::Group" => {
                // Inline policies; a role's trust policy is not an identity policy.
                let tf_ty = match ty {
                    "AWS::IAM::Role" => "aws_iam_role_policy",
                    "AWS::IAM::User" => "aws_iam_user_policy",
                    _ => "aws_iam_group_policy",
                };
                for (i, p) in props
                    .get("Policies")
                    .map(Node::items)
                    .unwrap_or_default()
                    .into_iter()
                    .enumerate()
                {
                    let name = p
                        .get("PolicyName")
                        .and_then(Node::as_str)
                        .map_or_else(|| i.to_string(), str::to_owned);
                    let span = p.loc.unwrap_or(loc);
                    res.push(Res::new(
                        tf_ty,
                        format!("{address}.Policies[{name}]"),
                        block("resource", p, IAM_POLICY, span, span),
                    ));
                }
            }
            _ => {}
        }
    }
    if let Some(at) = ctx.budget.over_at() {
        out.error_at(
            at.file,
            at.start as usize,
            "intrinsic functions expand beyond what keylint evaluates (conditions or `Fn::Sub` \
             variables using each other many times over); from here on values are unknown",
        );
    }
    res.append(&mut covered);
    extract::extract(out, &res);
}

/// Read a CloudFormation YAML file, recognised by content. Files that are not templates
/// are not recognised; a broken file that looks like a template is an error.
#[must_use]
pub fn read_yaml_file(file: crate::SourceFile) -> UnitOutput {
    let mut out = UnitOutput::default();
    // Only files that mention CloudFormation are parsed at all.
    let looks = file.text.contains("AWS::") || file.text.contains("AWSTemplateFormatVersion");
    let parsed = looks.then(|| crate::yaml::parse(&file.text, 0));
    out.files = vec![file];
    match parsed {
        None => {}
        Some(Err(e)) => {
            out.recognized = true;
            out.error_at(0, e.offset, format!("invalid YAML: {}", e.message));
        }
        Some(Ok(node)) if is_template(&node) => {
            out.recognized = true;
            out.format = Some("cloudformation");
            read(&node, &mut out);
            crate::scan_private_keys(&mut out);
        }
        Some(Ok(_)) => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceFile;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "t.yaml".into(),
            text: text.into(),
        }
    }

    fn eval(template: &str, expr: &str) -> Option<Node> {
        let t = crate::yaml::parse(template, 0).unwrap();
        let e = crate::yaml::parse(expr, 0).unwrap();
        let empty = Node::new(Val::Obj(Vec::new()), None);
        let ctx = Ctx::new(&t, &empty, 0);
        ctx.eval(&e, 0)
    }

    const T: &str = "Parameters:\n  Env: {Type: String, Default: prod}\n  Days: {Type: Number, Default: 7}\n  NoDefault: {Type: String}\n  Zones: {Type: CommaDelimitedList, Default: 'a, b'}\nMappings:\n  M:\n    prod: {Window: 30}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n  NotProd: !Not [!Condition IsProd]\n  Unknown: !Equals [!Ref NoDefault, x]\nResources:\n  Key: {Type: AWS::KMS::Key}\n";

    /// `Fn::ForEach` makes one resource per item; a loop over an unknown collection is
    /// left out with a note.
    #[test]
    fn for_each_loops() {
        let t = "Transform: AWS::LanguageExtensions\nParameters:\n  Known: {Type: CommaDelimitedList, Default: 'a,b'}\n  Open: {Type: CommaDelimitedList}\nResources:\n  Fn::ForEach::Keys:\n    - N\n    - !Ref Known\n    - '${N}Key':\n        Type: AWS::KMS::Key\n        Properties: {Description: !Ref N}\n  Fn::ForEach::Later:\n    - M\n    - !Ref Open\n    - '&{M}Key': {Type: AWS::KMS::Key}\n";
        let node = crate::yaml::parse(t, 0).unwrap();
        assert!(is_template(&node));
        let mut notes = Vec::new();
        let out = expand_for_each(&node, &mut notes).unwrap();
        let resources = out.get("Resources").unwrap();
        let keys: Vec<&str> = resources.members().iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["aKey", "bKey"]);
        assert_eq!(
            resources
                .get("bKey")
                .and_then(|r| r.get("Properties")?.get("Description")?.as_str()),
            Some("b")
        );
        assert_eq!(notes.len(), 1);
        assert!(notes.iter().any(|(_, m)| m.contains("Fn::ForEach::Later")));
    }

    #[test]
    fn intrinsics() {
        let s = |e: &str| eval(T, e).and_then(|n| n.as_partial_str().map(str::to_owned));
        assert_eq!(s("!Sub '${Env}-${Days}'").as_deref(), Some("prod-7"));
        assert_eq!(
            s("!Sub 'arn:${AWS::Partition}:x'").as_deref(),
            Some("arn:\u{1}:x")
        );
        assert_eq!(s("!Sub '${!Literal}'").as_deref(), Some("${Literal}"));
        // The stack's account is known symbolically; the region stays unknown.
        assert_eq!(
            s("!Sub 'arn:aws:iam::${AWS::AccountId}:root'").as_deref(),
            Some("arn:aws:iam::\u{2}:root")
        );
        assert_eq!(s("!Ref AWS::AccountId").as_deref(), Some("\u{2}"));
        assert!(eval(T, "!Ref AWS::Region").unwrap().is_unknown());
        assert_eq!(
            s("!Sub ['${A}/${Env}', {A: !Ref Days}]").as_deref(),
            Some("7/prod")
        );
        assert_eq!(
            s("!Join ['-', [a, !Ref NoDefault]]").as_deref(),
            Some("a-\u{1}")
        );
        assert_eq!(s("!Select [1, !Ref Zones]").as_deref(), Some("b"));
        let i = |e: &str| eval(T, e).and_then(|n| n.as_i64());
        assert_eq!(i("!FindInMap [M, !Ref Env, Window]"), Some(30));
        assert_eq!(i("!If [IsProd, 30, 7]"), Some(30));
        assert_eq!(i("!If [NotProd, 30, 7]"), Some(7));
        assert!(eval(T, "!If [Unknown, 30, 7]").unwrap().is_unknown());
        assert!(eval(T, "!Ref NoDefault").unwrap().is_unknown());
        assert!(eval(T, "!Ref AWS::NoValue").is_none());
        assert_eq!(
            eval(T, "!GetAtt Key.Arn").unwrap().val,
            Val::Ref("Key".into())
        );
        assert_eq!(eval(T, "!Ref Key").unwrap().val, Val::Ref("Key".into()));
        // AWS::NoValue removes a property and a list item.
        let o = eval(
            T,
            "{A: !If [IsProd, !Ref AWS::NoValue, 1], B: [1, !Ref AWS::NoValue]}",
        )
        .unwrap();
        assert!(o.get("A").is_none());
        assert_eq!(o.get("B").unwrap().items().len(), 1);
        // Self-referential conditions end, unknown.
        let cyc = "Conditions:\n  A: !Condition B\n  B: !Condition A\nResources: {}\n";
        assert!(eval(cyc, "!If [A, 1, 2]").unwrap().is_unknown());
    }

    #[test]
    fn ecs_flow_sequence_closed_at_the_key_column_is_read() {
        let t = "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          Command: [\n            \"a\", \"b\"\n          ]\n  K:\n    Type: AWS::KMS::Key\n    Properties:\n      PendingWindowInDays: 7\n";
        let out = read_yaml_file(file(t));
        assert!(out.recognized && out.errors.is_empty(), "{:?}", out.errors);
        assert_eq!(out.format, Some("cloudformation"));
        assert!(out.entities.iter().any(|e| e.id.contains('K')));
    }

    #[test]
    fn recognition_and_errors() {
        let k8s = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n";
        assert!(!read_yaml_file(file(k8s)).recognized);
        let not_cfn = "Resources:\n  - AWS::nothing\n";
        assert!(!read_yaml_file(file(not_cfn)).recognized);
        let broken = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  K:\n    Type: AWS::KMS::Key\n    Properties: [1, 2\n";
        let out = read_yaml_file(file(broken));
        assert!(out.recognized);
        let e = out.errors.first().unwrap();
        assert_eq!(e.file, "t.yaml");
        assert!(e.line.unwrap() >= 5, "{e:?}");
        assert!(e.message.starts_with("invalid YAML"), "{e:?}");
    }
}
