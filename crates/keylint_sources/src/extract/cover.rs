//! Customer-managed key coverage: the facts of the families
//! `aws-resource-not-encrypted-with-cmk`, `azure-resource-not-encrypted-with-cmk` and
//! `gcp-resource-not-encrypted-with-cmek`, read from the table of [`crate::coverage`].
//!
//! One `CloudResource` entity per setting of a data resource (a database's storage and its
//! Performance Insights are two), with `cmk`:
//! - true: the key attribute names a key of the configuration (a reference) or a literal key
//!   id, ARN or alias that is not AWS managed;
//! - false: the attribute is absent, `null` or empty (the provider's default, which is never
//!   a customer managed key), or names an AWS managed key (`alias/aws/<service>`);
//! - unknown (no fact): the value is known only at apply, a condition the key depends on
//!   (a [`Gate`](crate::coverage::Gate)) is unknown, or a configuring resource of the data
//!   resource's kind names its target with an unknown value (it may configure this one).
//!
//! A setting written two ways (an inline block and a separate configuring resource, rows
//! with equal `native`) is customer managed when either way names a key. A block that may
//! repeat ([`EACH`](crate::coverage::EACH)) is judged per element; none is nothing to judge.
//! A gate that does not hold (a SecureString-only key on a String parameter) leaves the
//! setting unjudged. Templates (CloudFormation, ARM) are read by the rows' `native` paths,
//! their property names compared without case (ARM's are case-insensitive).

use rustc_hash::FxHashMap as HashMap;

use keylint_model::{EntityKind, Loc, Node, Val};

use super::base::{Extractor, is_aws_managed_key, names};
use crate::coverage::{COVERAGE, Coverage, EACH, FLAGS, GATES, LINKS, UNFIT, When, key_paths};
use crate::resource::Res;

/// What a key setting is.
#[derive(Debug)]
enum Judged {
    /// Nothing to judge (no element of a repeatable block, a gate that does not hold).
    Nothing,
    Unknown,
    /// A customer managed key; when the attribute refers to a resource of the
    /// configuration, that resource's address and where the attribute is.
    Cmk(Option<(String, Option<Loc>)>),
    /// Not a customer managed key: where (the attribute, else the block that would hold
    /// it, else the resource) and what it uses instead.
    NotCmk(Option<Loc>, String),
}

/// What the provider uses when no key is given.
const DEFAULT_USED: &str = "no key is set, so the service's default encryption applies";
const NULL_USED: &str = "the key is `null`, so the service's default encryption applies";
const EMPTY_USED: &str = "the key is empty, so the service's default encryption applies";

/// How paths are read: Terraform names exactly, template names without case.
#[derive(Clone, Copy)]
struct Dialect<'a> {
    /// The type the repeatable blocks of [`EACH`] are listed under.
    ty: &'a str,
    ci: bool,
}

fn same(a: &str, b: &str, ci: bool) -> bool {
    if ci {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

/// The members of an object named `key`.
fn named<'n>(
    n: &'n Node,
    key: &'n str,
    ci: bool,
) -> impl Iterator<Item = &'n keylint_model::Member> {
    n.members().iter().filter(move |m| same(&m.key, key, ci))
}

/// Judge the key at `path` (block names, then the attribute, joined by '.') under `root`.
fn judge_path(root: &Node, path: &str, d: Dialect, aws: bool) -> Judged {
    let segs: Vec<&str> = path.split('.').collect();
    let Some((last, blocks)) = segs.split_last() else {
        return Judged::Unknown;
    };
    let mut unknown = matches!(root.val, Val::Unknown);
    let mut miss: Option<Judged> = None;
    // The objects reached so far, each with where it is written.
    let mut cur: Vec<(&Node, Option<Loc>)> = vec![(root, None)];
    for (i, seg) in blocks.iter().enumerate() {
        let prefix = segs.get(..=i).map(|p| p.join(".")).unwrap_or_default();
        let each = EACH
            .iter()
            .any(|(ty, p)| *ty == d.ty && same(p, &prefix, d.ci));
        let mut next = Vec::new();
        for (n, at) in cur {
            if matches!(n.val, Val::Unknown) {
                unknown = true;
                continue;
            }
            let mut found = false;
            for m in named(n, seg, d.ci) {
                match &m.value.val {
                    Val::Null => {}
                    Val::Unknown => {
                        found = true;
                        unknown = true;
                    }
                    Val::Obj(_) => {
                        found = true;
                        next.push((&m.value, m.span().or(at)));
                    }
                    Val::List(items) => {
                        for item in items {
                            found = true;
                            match item.val {
                                Val::Obj(_) => next.push((item, item.loc.or(m.span()).or(at))),
                                Val::Null => {}
                                _ => unknown = true,
                            }
                        }
                    }
                    _ => {
                        found = true;
                        unknown = true;
                    }
                }
            }
            if !found && !each && miss.is_none() {
                miss = Some(Judged::NotCmk(at, DEFAULT_USED.to_owned()));
            }
        }
        cur = next;
    }
    let mut cmk: Option<Judged> = None;
    for (n, at) in cur {
        if matches!(n.val, Val::Unknown) {
            unknown = true;
            continue;
        }
        let member = named(n, last, d.ci).next();
        let judged = match member {
            None => Judged::NotCmk(at, DEFAULT_USED.to_owned()),
            Some(m) => value(&m.value, m.span().or(at), aws),
        };
        match judged {
            Judged::Cmk(r) if cmk.as_ref().is_none_or(|c| matches!(c, Judged::Cmk(None))) => {
                cmk = Some(Judged::Cmk(r));
            }
            Judged::Unknown => unknown = true,
            Judged::NotCmk(..) if miss.is_none() => miss = Some(judged),
            _ => {}
        }
    }
    match miss {
        Some(m) => m,
        None if unknown => Judged::Unknown,
        None => cmk.unwrap_or(Judged::Nothing),
    }
}

/// What a key attribute's value says.
fn value(v: &Node, at: Option<Loc>, aws: bool) -> Judged {
    match &v.val {
        Val::Null => Judged::NotCmk(at, NULL_USED.to_owned()),
        Val::Str(s) if s.trim().is_empty() => Judged::NotCmk(at, EMPTY_USED.to_owned()),
        Val::Str(s) if aws && is_aws_managed_key(s) => {
            Judged::NotCmk(at, format!("`{s}` is an AWS managed key"))
        }
        Val::Ref(r) => Judged::Cmk(Some((r.clone(), at))),
        Val::Str(_) => Judged::Cmk(None),
        _ => Judged::Unknown,
    }
}

/// A setting's value at `path` for a gate: `None` when unknown, `Some(None)` when absent.
fn gate_value(root: &Node, path: &str, ci: bool) -> Option<Option<String>> {
    setting(root, path, ci).map(|s| s.map(|(v, _)| v))
}

/// The setting at `path` (a list followed into its first element) and where it is
/// written: `None` when unknown, `Some(None)` when absent.
fn setting(root: &Node, path: &str, ci: bool) -> Option<Option<(String, Option<Loc>)>> {
    let mut n = root;
    let mut at = None;
    for seg in path.split('.') {
        if let Val::List(items) = &n.val {
            match items.first() {
                Some(first) => n = first,
                None => return Some(None),
            }
        }
        if matches!(n.val, Val::Unknown) {
            return None;
        }
        match n.members().iter().find(|m| same(&m.key, seg, ci)) {
            None => return Some(None),
            Some(m) => {
                at = m.span();
                n = &m.value;
            }
        }
    }
    let value = |v: String| Some(Some((v, at)));
    match &n.val {
        Val::Null => Some(None),
        Val::Unknown | Val::Ref(_) => None,
        Val::Str(s) => value(s.clone()),
        Val::Bool(b) => value(b.to_string()),
        Val::Num(x) => value(x.to_string()),
        // A block or a list of them: present, with no scalar value.
        _ => value(String::new()),
    }
}

/// An absent (or `null`, or empty) key beside a setting that turns KMS encryption off
/// ([`FLAGS`]): reported at the setting when it is written, saying so; an absent setting
/// whose provider default is off is named in the message.
fn flagged(judged: Judged, root: &Node, ty: &str, key: &str, ci: bool) -> Judged {
    let Judged::NotCmk(at, why) = &judged else {
        return judged;
    };
    if ![DEFAULT_USED, NULL_USED, EMPTY_USED].contains(&why.as_str()) {
        return judged;
    }
    let any = |vals: &[&str], v: &str| vals.iter().any(|o| o.eq_ignore_ascii_case(v));
    for (_, _, path, off, default) in FLAGS.iter().filter(|(t, k, _, _, _)| *t == ty && *k == key) {
        let name = path.rsplit('.').next().unwrap_or(path);
        match setting(root, path, ci) {
            Some(Some((v, flag_at))) if any(off, &v) => {
                return Judged::NotCmk(
                    flag_at,
                    format!("`{name}` is `{v}`, so no KMS key of the customer's encrypts it"),
                );
            }
            Some(None) => {
                if let Some(d) = default.filter(|d| any(off, d)) {
                    return Judged::NotCmk(
                        *at,
                        format!(
                            "`{name}` is not set (the default is `{d}`), so no KMS key encrypts it"
                        ),
                    );
                }
            }
            _ => {}
        }
    }
    judged
}

/// Whether the gates of `key` on a resource of type `ty` hold: `None` when one is unknown.
fn gates_hold(root: &Node, ty: &str, key: &str, ci: bool) -> Option<bool> {
    let mut unknown = false;
    for g in GATES
        .iter()
        .filter(|g| g.resource == ty && g.key.is_none_or(|k| k == key))
    {
        let Some(v) = gate_value(root, g.path, ci) else {
            unknown = true;
            continue;
        };
        let any = |vals: &[&str], s: &str| vals.iter().any(|x| x.eq_ignore_ascii_case(s));
        let holds = match (&g.when, v.as_deref()) {
            (When::In(vals, default), None) => default.is_some_and(|d| any(vals, d)),
            (When::In(vals, _), Some(s)) => any(vals, s),
            (When::NotIn(_) | When::NotPrefix(_) | When::Absent, None) => true,
            (When::NotIn(vals), Some(s)) => !any(vals, s),
            (When::NotPrefix(p), Some(s)) => !s
                .get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p)),
            (When::Present, v) => v.is_some(),
            (When::Absent, Some(_)) => false,
        };
        if !holds {
            return Some(false);
        }
    }
    if unknown { None } else { Some(true) }
}

/// The resources that configure data resources, by type: the target each names (`None`:
/// not known), its block as a value, and the resource.
type Configuring<'a> = HashMap<&'a str, Vec<(Option<&'a str>, Node, &'a Res)>>;

/// A setting of a data resource: its own rows and the `via` rows that are the same setting
/// written as a separate resource.
struct Setting<'c> {
    own: Vec<&'c Coverage>,
    via: Vec<&'c Coverage>,
}

/// The settings of a Terraform resource type (see the module doc).
fn settings(ty: &str) -> Vec<Setting<'static>> {
    let mut out: Vec<Setting> = Vec::new();
    for c in COVERAGE.iter().filter(|c| c.resource == ty) {
        if c.via.is_none() {
            out.push(Setting {
                own: vec![c],
                via: Vec::new(),
            });
            continue;
        }
        let joins = |s: &Setting| {
            let first = s.own.first().or(s.via.first());
            first.is_some_and(|f| {
                (f.native.is_some() && f.native.map(|n| n.1) == c.native.map(|n| n.1))
                    || (s.own.is_empty() && f.via.map(|v| v.0) == c.via.map(|v| v.0))
            })
        };
        match out.iter_mut().find(|s| joins(s)) {
            Some(s) => s.via.push(c),
            None => out.push(Setting {
                own: Vec::new(),
                via: vec![c],
            }),
        }
    }
    out
}

/// The target a configuring resource names: the address of a resource of the
/// configuration, or `None` when it is not known.
fn target(v: Option<&Node>) -> Option<&str> {
    match v.map(|n| &n.val) {
        Some(Val::Ref(r)) => Some(r),
        _ => None,
    }
}

/// The resource a reference at `path` names (lists followed into their first element).
fn ref_at(root: &Node, path: &str, ci: bool) -> Option<String> {
    match named_at(root, path, ci)? {
        Named::Ref(r) => Some(r),
        Named::Literal(_) => None,
    }
}

/// What names another resource: a reference, or its literal name.
enum Named {
    Ref(String),
    Literal(String),
}

fn named_at(root: &Node, path: &str, ci: bool) -> Option<Named> {
    let mut n = root;
    for seg in path.split('.') {
        if let Val::List(items) = &n.val {
            n = items.first()?;
        }
        n = &n.members().iter().find(|m| same(&m.key, seg, ci))?.value;
    }
    match &n.val {
        Val::Ref(r) => Some(Named::Ref(r.clone())),
        Val::Str(s) if !s.is_empty() => Some(Named::Literal(s.clone())),
        _ => None,
    }
}

/// A resource's own literal name (an S3 bucket's `bucket` / `BucketName`).
fn own_name(r: &Res) -> Option<&str> {
    match &r.native {
        Some((_, props)) => props.get("BucketName").and_then(Node::as_str),
        None => r.eb.value("bucket").and_then(Node::as_str),
    }
}

/// Combine what the ways of writing one setting say: any customer managed key satisfies it.
fn either(ways: Vec<Judged>) -> Judged {
    let mut unknown = false;
    let mut first_miss = None;
    for w in ways {
        match w {
            Judged::Cmk(r) => return Judged::Cmk(r),
            Judged::Unknown => unknown = true,
            Judged::NotCmk(..) if first_miss.is_none() => first_miss = Some(w),
            _ => {}
        }
    }
    if unknown {
        Judged::Unknown
    } else {
        first_miss.unwrap_or(Judged::Nothing)
    }
}

impl<'a> Extractor<'a> {
    /// The coverage entities of every data resource of the table.
    pub(super) fn coverage(&mut self) {
        // Configuring resources by type, with their roots and the targets they name.
        let mut configuring: Configuring = HashMap::default();
        for r in self.res {
            if r.native.is_some() {
                continue;
            }
            // Every row of a configuring type names its target with the same attribute.
            if let Some((via, attr)) = COVERAGE
                .iter()
                .find_map(|c| c.via.filter(|(via, _)| *via == r.ty))
            {
                configuring.entry(via).or_default().push((
                    target(r.eb.value(attr)),
                    r.eb.to_node(),
                    r,
                ));
            }
        }
        // Data resources that what writes into them keeps from a customer managed key.
        let mut unfit: Vec<(&str, String)> = Vec::new();
        for r in self.res {
            let (ty, ci) = match &r.native {
                Some((ty, _)) => (ty.as_str(), true),
                None => (r.ty.as_str(), false),
            };
            for (data, _, path) in UNFIT.iter().filter(|(_, by, _)| *by == ty) {
                let root = match &r.native {
                    Some((_, props)) => props.clone(),
                    None => r.eb.to_node(),
                };
                match named_at(&root, path, ci) {
                    Some(Named::Ref(t)) => unfit.push((data, t)),
                    Some(Named::Literal(name)) => {
                        if let Some(r) = self.res.iter().find(|x| {
                            x.native.as_ref().map_or(x.ty.as_str(), |(t, _)| t.as_str()) == *data
                                && own_name(x) == Some(name.as_str())
                        }) {
                            unfit.push((data, r.address.clone()));
                        }
                    }
                    None => {}
                }
            }
        }
        // A template's resource is read by its own property paths only: the neutral view
        // made of it for other facts (a trail's event selectors) holds only those.
        let natives: Vec<&str> = self
            .res
            .iter()
            .filter(|r| r.native.is_some())
            .map(|r| r.address.as_str())
            .collect();
        let res = self.res;
        for r in res {
            if r.native.is_none() && natives.contains(&r.address.as_str()) {
                continue;
            }
            let ty = r.native.as_ref().map_or(r.ty.as_str(), |(t, _)| t.as_str());
            if unfit
                .iter()
                .any(|(data, t)| *data == ty && names(&r.address, t))
            {
                continue;
            }
            match &r.native {
                Some((ty, props)) => self.cover_native(r, ty, props),
                None if r.ty == "azapi_resource" => self.cover_azapi(r),
                None => self.cover_terraform(r, &configuring),
            }
        }
        self.consumers();
    }

    fn cover_terraform(&mut self, r: &'a Res, configuring: &Configuring) {
        let settings = settings(&r.ty);
        if settings.is_empty() {
            return;
        }
        let provider = provider_of(&r.ty);
        let aws = provider == "aws";
        let root = r.eb.to_node();
        let d = Dialect {
            ty: &r.ty,
            ci: false,
        };
        let mut judgments = Vec::new();
        for s in settings {
            // Whether a separate resource configures this setting (the fix goes there).
            let mut via_used = false;
            let Some(first) = s.own.first().or(s.via.first()) else {
                continue;
            };
            let judged = match gates_hold(&root, &r.ty, first.key, false) {
                Some(false) => Judged::Nothing,
                None => Judged::Unknown,
                Some(true) => {
                    let mut ways = Vec::new();
                    // A module keylint does not read, handed this resource, may hold the
                    // configuring resource.
                    if !s.via.is_empty() && self.handed_to_unread_module(r) {
                        ways.push(Judged::Unknown);
                    }
                    for c in &s.via {
                        let Some((via, _)) = c.via else { continue };
                        let list = configuring.get(via).map(Vec::as_slice).unwrap_or_default();
                        for (t, node, cr) in list {
                            match t {
                                None => ways.push(Judged::Unknown),
                                Some(t) if names(&r.address, t) => {
                                    via_used = true;
                                    let d = Dialect {
                                        ty: &cr.ty,
                                        ci: false,
                                    };
                                    let j = flagged(
                                        either(
                                            key_paths(&cr.ty, c.key)
                                                .map(|k| judge_path(node, k, d, aws))
                                                .collect(),
                                        ),
                                        node,
                                        &cr.ty,
                                        c.key,
                                        false,
                                    );
                                    ways.push(match j {
                                        Judged::NotCmk(None, why) => {
                                            Judged::NotCmk(Some(cr.eb.header), why)
                                        }
                                        j => j,
                                    });
                                }
                                Some(_) => {}
                            }
                        }
                    }
                    for c in &s.own {
                        let j = either(
                            key_paths(&r.ty, c.key)
                                .map(|k| judge_path(&root, k, d, aws))
                                .collect(),
                        );
                        ways.push(flagged(j, &root, &r.ty, c.key, false));
                    }
                    if s.own.is_empty() && ways.is_empty() {
                        ways.push(Judged::NotCmk(None, DEFAULT_USED.to_owned()));
                    }
                    either(ways)
                }
            };
            let attribute = match (s.own.first(), s.via.first()) {
                (Some(c), _) if !via_used => format!("`{}`", c.key),
                (_, Some(c)) => format!("`{}` of its `{}`", c.key, c.via.map_or("", |v| v.0)),
                (Some(c), None) => format!("`{}`", c.key),
                (None, None) => continue,
            };
            judgments.push((first.key, attribute, judged));
        }
        self.push_all(r, provider, &r.ty, judgments);
    }

    /// An `azapi_resource` (Azure's API through Terraform): its `type` without the API
    /// version and its `body` read as an ARM resource's `properties` (with `sku`), and the
    /// `azapi_update_resource`s that patch it: judged like an ARM template's resource.
    fn cover_azapi(&mut self, r: &'a Res) {
        let Some(ty) =
            r.eb.value("type")
                .and_then(Node::as_str)
                .map(|t| t.split('@').next().unwrap_or(t).to_owned())
        else {
            return;
        };
        if !crate::coverage::is_native_type(&ty) {
            return;
        }
        let mut bodies = vec![azapi_props(r.eb.value("body"))];
        for u in self.res.iter().filter(|u| u.ty == "azapi_update_resource") {
            match u.eb.value("resource_id").map(|v| &v.val) {
                Some(Val::Ref(t)) if names(&r.address, t) => {
                    bodies.push(azapi_props(u.eb.value("body")));
                }
                Some(Val::Ref(_) | Val::Str(_)) => {}
                // A patch of a resource known only at apply may be this one's.
                _ => bodies.push(Node::unknown()),
            }
        }
        self.cover_native_bodies(r, &ty, &bodies);
    }

    fn cover_native(&mut self, r: &'a Res, ty: &str, props: &Node) {
        self.cover_native_bodies(r, ty, std::slice::from_ref(props));
    }

    /// A template resource's settings, each satisfied by any of `bodies` (the resource's
    /// properties, and the patches that update it).
    fn cover_native_bodies(&mut self, r: &'a Res, ty: &str, bodies: &[Node]) {
        let Some(props) = bodies.first() else {
            return;
        };
        let mut paths: Vec<&'static str> = Vec::new();
        for c in COVERAGE {
            if let Some((t, p)) = c.native
                && t.eq_ignore_ascii_case(ty)
                && !paths.contains(&p)
            {
                paths.push(p);
            }
        }
        let provider = if ty.starts_with("AWS::") {
            "aws"
        } else {
            "azure"
        };
        let d = Dialect { ty, ci: true };
        let mut judgments = Vec::new();
        for path in paths {
            let judged = match gates_hold(props, ty, path, true) {
                Some(false) => Judged::Nothing,
                None => Judged::Unknown,
                Some(true) => either(
                    bodies
                        .iter()
                        .map(|b| {
                            flagged(judge_path(b, path, d, provider == "aws"), b, ty, path, true)
                        })
                        .collect(),
                ),
            };
            // An absent property is reported where it would go: at `properties` / `Properties`;
            // a key named by name is followed through the reference to its holder.
            let judged = match judged {
                Judged::NotCmk(None, why) => Judged::NotCmk(Some(r.eb.header), why),
                Judged::Cmk(None) => Judged::Cmk(
                    LINKS
                        .iter()
                        .find(|(t, k, _)| t.eq_ignore_ascii_case(ty) && *k == path)
                        .and_then(|(_, _, link)| ref_at(props, link, true))
                        .map(|target| {
                            (
                                target,
                                setting(props, path, true).flatten().and_then(|s| s.1),
                            )
                        }),
                ),
                j => j,
            };
            judgments.push((path, format!("`{path}`"), judged));
        }
        // A CloudFormation resource is named by its logical id, where its block starts: a
        // related location of its findings.
        if ty.starts_with("AWS::")
            && judgments
                .iter()
                .any(|(_, _, j)| !matches!(j, Judged::Nothing))
        {
            let len = u32::try_from(r.address.len()).unwrap_or(0);
            self.out.origins.push(crate::Origin {
                block: r.eb.loc,
                at: None,
                fact: Some("cmk"),
                loc: Loc {
                    file: r.eb.loc.file,
                    start: r.eb.loc.start,
                    end: r.eb.loc.start.saturating_add(len).min(r.eb.loc.end),
                },
                message: format!("`{}`", r.address),
            });
        }
        self.push_all(r, provider, ty, judgments);
    }

    /// The judged settings of one resource: settings missing at the same place for the
    /// same reason (two absent attributes, both reported at the resource) are one finding
    /// that names each attribute.
    fn push_all(
        &mut self,
        r: &'a Res,
        provider: &str,
        kind: &str,
        judgments: Vec<(&'static str, String, Judged)>,
    ) {
        let mut merged: Vec<(&'static str, String, Judged)> = Vec::new();
        for (key, attribute, judged) in judgments {
            if let Judged::NotCmk(at, why) = &judged
                && let Some((_, attrs, _)) = merged
                    .iter_mut()
                    .find(|(_, _, j)| matches!(j, Judged::NotCmk(a, w) if a == at && w == why))
            {
                attrs.push_str(" and ");
                attrs.push_str(&attribute);
                continue;
            }
            merged.push((key, attribute, judged));
        }
        for (key, attribute, judged) in merged {
            self.push_cover(r, provider, kind, key, &attribute, judged);
        }
    }

    fn push_cover(
        &mut self,
        r: &'a Res,
        provider: &str,
        kind: &str,
        key: &str,
        attribute: &str,
        judged: Judged,
    ) {
        if matches!(judged, Judged::Nothing) {
            return;
        }
        let mut e = self.entity(EntityKind::CloudResource, r, provider);
        e.id = format!("{}#cmk:{key}", r.id());
        e.set_str("kind", kind);
        e.set_str("cmk_attribute", attribute);
        match judged {
            Judged::Cmk(target) => {
                e.set_bool("cmk", true);
                if let Some((target, at)) = target {
                    self.consumers
                        .push((self.out.entities.len(), r, target, at));
                }
            }
            Judged::NotCmk(at, uses) => {
                e.fact("cmk", Some(false), at);
                e.set_str("cmk_uses", uses);
            }
            Judged::Unknown | Judged::Nothing => {}
        }
        self.out.entities.push(e);
    }
}

/// An azapi `body` as an ARM resource's `properties` (with its `sku` beside them): an
/// object, or the same encoded with `jsonencode` (azapi before 2.0); unknown otherwise.
fn azapi_props(body: Option<&Node>) -> Node {
    let body = match body.map(|b| &b.val) {
        Some(Val::Encoded(inner)) => inner.as_ref(),
        Some(Val::Obj(_)) => match body {
            Some(b) => b,
            None => return Node::unknown(),
        },
        _ => return Node::unknown(),
    };
    let mut props = body
        .get_ci("properties")
        .cloned()
        .unwrap_or_else(|| Node::new(Val::Obj(Vec::new()), body.loc));
    if let (Val::Obj(ms), Some(sku)) = (&mut props.val, body.member("sku")) {
        ms.push(sku.clone());
    }
    props
}

fn provider_of(ty: &str) -> &'static str {
    if ty.starts_with("azurerm_") {
        "azure"
    } else if ty.starts_with("google_") {
        "gcp"
    } else {
        "aws"
    }
}
