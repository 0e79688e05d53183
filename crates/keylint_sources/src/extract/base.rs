//! What every provider's extraction shares: the extractor's state and the readers of an
//! evaluated block's attributes.

use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::rc::Rc;

use keylint_model::iam::{self, PolicyKind, PolicySource};
use keylint_model::{Entity, EntityKind, Loc, Node, Val};

use crate::resource::{EBlock, Res, UNREAD_MODULE};
use crate::rows::{Read, rows};
use crate::{UnitOutput, facts};

pub(crate) struct Extractor<'a> {
    pub(crate) out: &'a mut UnitOutput,
    pub(crate) res: &'a [Res],
    pub(crate) text_of: &'a dyn Fn(u32) -> Option<Rc<String>>,
    /// key address -> (policy value, owner address, policy attribute loc, block loc)
    /// Resource address -> its `policy` document, decoded once.
    pub(crate) docs: HashMap<String, Node>,
    /// Key address -> addresses of the `aws_kms_key_policy` resources attached to it.
    pub(crate) attached: BTreeMap<String, Vec<String>>,
    /// Whether `res` are all the resources there are (a module, a template), or what a
    /// cloud export shows of one: then what other resources would say (a diagnostic
    /// setting sending a vault's logs) is unknown, never absent.
    pub(crate) complete: bool,
    /// Data resources whose key attribute refers to a resource of the configuration: the
    /// coverage entity (index into `out.entities`), the data resource, the address
    /// referred to and where the attribute is. Joined with the keys by
    /// [`Extractor::consumers`](super::consume).
    pub(crate) consumers: Vec<(usize, &'a Res, String, Option<Loc>)>,
    /// The module calls keylint does not read ([`UNREAD_MODULE`]), with their arguments as
    /// one value (made once: they are searched for every resource that may be handed).
    unread: Vec<(&'a Res, Node)>,
}

impl<'a> Extractor<'a> {
    /// Whether the unit calls a module keylint does not read ([`UNREAD_MODULE`]): then the
    /// configuration may hold more than `res` (an alarm, an audit config).
    pub(crate) fn has_unread_module(&self) -> bool {
        !self.unread.is_empty()
    }

    /// Whether the resource `r` is handed to a module keylint does not read: an
    /// argument of the call refers to it, by its evaluated value or in its text (an
    /// argument such as `one(concat(azurerm_key_vault.main[*].id, ...))` evaluates to an
    /// unknown value but names the vault). That module may configure it, so what other
    /// resources would say of it is unknown.
    pub(crate) fn handed_to_unread_module(&self, r: &Res) -> bool {
        fn refers(n: &Node, address: &str) -> bool {
            match &n.val {
                Val::Ref(r) => names(address, r),
                Val::List(items) => items.iter().any(|i| refers(i, address)),
                Val::Obj(members) => members.iter().any(|m| refers(&m.value, address)),
                _ => false,
            }
        }
        self.unread.iter().any(|(call, args)| {
            refers(args, &r.address) || self.call_text_names(call, &r.ty, &r.address)
        })
    }

    /// Whether the text of the unread module call `call` names the resource at `address`
    /// of type `ty`, as a reference from the calling module (`type.name`).
    fn call_text_names(&self, call: &Res, ty: &str, address: &str) -> bool {
        // The calling module's prefix: the call's address before `module.NAME`.
        let Some(name) = call.eb.labels.first() else {
            return false;
        };
        let Some(prefix) = call
            .address
            .rfind(&format!("module.{name}"))
            .and_then(|i| call.address.get(..i))
        else {
            return false;
        };
        let Some(local) = address
            .strip_prefix(prefix)
            .filter(|l| l.starts_with(ty) && l.get(ty.len()..).is_some_and(|r| r.starts_with('.')))
        else {
            return false;
        };
        let local = local.split('[').next().unwrap_or(local);
        let Some(text) = (self.text_of)(call.eb.loc.file) else {
            return false;
        };
        let Some(block) = text.get(call.eb.loc.range()) else {
            return false;
        };
        let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
        block.match_indices(local).any(|(i, _)| {
            let before = i.checked_sub(1).and_then(|j| block.as_bytes().get(j));
            let after = block.as_bytes().get(i + local.len());
            !before.is_some_and(|&b| ident(b) || b == b'.') && !after.is_some_and(|&b| ident(b))
        })
    }

    pub(crate) fn new(
        out: &'a mut UnitOutput,
        res: &'a [Res],
        text_of: &'a dyn Fn(u32) -> Option<Rc<String>>,
        complete: bool,
    ) -> Self {
        Self {
            out,
            res,
            text_of,
            docs: HashMap::default(),
            attached: BTreeMap::new(),
            complete,
            consumers: Vec::new(),
            unread: res
                .iter()
                .filter(|r| r.ty == UNREAD_MODULE)
                .map(|r| (r, r.eb.to_node()))
                .collect(),
        }
    }
}

/// Whether a reference to `target` names the resource at `address` (a reference may omit
/// a `count` or `for_each` index).
pub(super) fn names(address: &str, target: &str) -> bool {
    address == target
        || address
            .strip_prefix(target)
            .is_some_and(|rest| rest.starts_with('['))
}

/// A typed attribute reading: `Some` when known, with the attribute's location.
pub(super) fn get_bool(eb: &EBlock, name: &str) -> (Option<bool>, Option<Loc>, bool) {
    match eb.value(name) {
        Some(v) => (v.as_bool(), eb.loc_of(name), true),
        None => (None, None, false),
    }
}

pub(super) fn get_i64(eb: &EBlock, name: &str) -> (Option<i64>, Option<Loc>, bool) {
    match eb.value(name) {
        Some(v) => (v.as_i64(), eb.loc_of(name), true),
        None => (None, None, false),
    }
}

pub(super) fn get_str<'e>(eb: &'e EBlock, name: &str) -> (Option<&'e str>, Option<Loc>, bool) {
    match eb.value(name) {
        Some(v) => (v.as_str(), eb.loc_of(name), true),
        None => (None, None, false),
    }
}

/// The facts of a resource that are rows of the table ([`crate::rows`]): each from the
/// first of its attributes that is set, else the provider's default; none when the
/// attribute is unknown. The evidence of a default is the attribute when it is written
/// as `null` (where the finding is clearest), else nothing (the resource).
pub(super) fn row_facts(e: &mut Entity, eb: &EBlock, resource: &str) {
    for row in rows(resource) {
        let set = row
            .attrs
            .iter()
            .find_map(|name| Some((eb.value(name)?, eb.loc_of(name))));
        let (value, loc) = match set {
            Some((v, loc)) => (Some(v), loc),
            None => (None, row.attrs.iter().find_map(|name| eb.loc_of(name))),
        };
        match row.read {
            Read::Bool(d) => e.fact(row.fact, value.map_or(d, Node::as_bool), loc),
            Read::Int(d) => e.fact(row.fact, value.map_or(d, Node::as_i64), loc),
            Read::Str(d) => e.fact(row.fact, value.map_or(d, Node::as_str), loc),
            Read::Seconds(d) => e.fact(
                row.fact,
                value.map_or(d, |v| v.as_str().and_then(facts::gcp_seconds)),
                loc,
            ),
        };
    }
}

/// Whether there may be `ident` blocks that cannot be seen (see [`EBlock::blocks_unknown`]):
/// the facts drawn from them stay unknown instead of taking the "block absent" reading.
pub(super) fn block_unknown(eb: &EBlock, ident: &str) -> bool {
    eb.blocks_unknown(ident)
}

/// The Terraform resource types of an AWS KMS key (CloudFormation keys are translated
/// into the first two).
pub(super) const KEY_TYPES: &[&str] = &[
    "aws_kms_key",
    "aws_kms_replica_key",
    "aws_kms_external_key",
    "aws_kms_replica_external_key",
];

pub(super) fn is_key_type(ty: &str) -> bool {
    KEY_TYPES.contains(&ty)
}

pub(super) use crate::facts::is_aws_managed_key;

/// A key's `policy` is absent, `null` or `""`: the AWS provider treats the empty string
/// as unset, and AWS attaches the default key policy.
pub(super) fn key_policy_unset(eb: &EBlock) -> bool {
    eb.value("policy").is_none_or(|v| v.as_str() == Some(""))
}

/// Whether an attribute's value may be `null` for all we can tell from how it is written:
/// only an HCL attribute `name = <expression>` whose expression names no `null` (no
/// conditional or `try()` with a `null` branch) is surely set. An unknown value read from
/// elsewhere (a plan's value known after apply, a cloud export that does not show it, a
/// `.tf.json` file) may be unset.
pub(super) fn may_be_null(
    eb: &EBlock,
    name: &str,
    text_of: &dyn Fn(u32) -> Option<Rc<String>>,
) -> bool {
    let Some(attr) = eb.attr(name) else {
        return true;
    };
    let Some(text) = text_of(attr.loc.file) else {
        return true;
    };
    let Some(src) = text
        .get(attr.loc.range())
        .and_then(|t| t.trim_start().strip_prefix(name))
        .and_then(|t| t.trim_start().strip_prefix('='))
    else {
        return true;
    };
    let bytes = src.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'"';
    src.match_indices("null").any(|(i, _)| {
        let before = i.checked_sub(1).and_then(|j| bytes.get(j)).copied();
        let after = bytes.get(i + 4).copied();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

/// Whether an attribute is set (a date that makes something expire): absent, `null` or
/// `""` (unset for the providers) is not; a known value is, and so is one known only at
/// apply (RULES.md), unless the expression as written can itself be `null`
/// ([`may_be_null`]): then unknown.
pub(super) fn is_set(
    eb: &EBlock,
    name: &str,
    text_of: &dyn Fn(u32) -> Option<Rc<String>>,
) -> Option<bool> {
    match eb.value(name) {
        None => Some(false),
        Some(v) if v.as_str() == Some("") => Some(false),
        Some(v) if v.as_str().is_some() || !v.contains_unknown() => Some(true),
        Some(_) if may_be_null(eb, name, text_of) => None,
        Some(_) => Some(true),
    }
}

/// Three-valued "any": true if one is true, else unknown if one is unknown, else false.
pub(super) fn any_of(each: impl IntoIterator<Item = Option<bool>>) -> Option<bool> {
    let mut unknown = false;
    for x in each {
        match x {
            Some(true) => return Some(true),
            None => unknown = true,
            Some(false) => {}
        }
    }
    if unknown { None } else { Some(false) }
}

pub(super) fn ref_of(node: Option<&Node>) -> Option<&str> {
    match node.map(|n| &n.val) {
        Some(Val::Ref(r)) => Some(r),
        _ => None,
    }
}

impl Extractor<'_> {
    pub(super) fn entity(&self, kind: EntityKind, r: &Res, provider: &str) -> Entity {
        let mut e = Entity::new(kind, r.id(), r.address.clone(), r.eb.header);
        e.block = r.eb.loc;
        e.set_str("provider", provider);
        e.set_str("kind", r.ty.clone());
        e
    }

    pub(super) fn find(&self, address: &str) -> Option<&Res> {
        self.res.iter().find(|r| r.address == address)
    }

    /// The entity id of the key container a key's attribute refers to (a key vault, key
    /// ring or custom key store declared in the unit), for the key inventory.
    pub(super) fn container_of(&self, attr: Option<&Node>) -> Option<String> {
        let r = self.find(ref_of(attr)?)?;
        matches!(
            r.ty.as_str(),
            "aws_kms_custom_key_store"
                | "azurerm_key_vault"
                | "azurerm_key_vault_managed_hardware_security_module"
                | "google_kms_key_ring"
        )
        .then(|| r.id().to_owned())
    }

    pub(super) fn redact(&mut self, node: Option<&Node>, attr_loc: Option<Loc>) {
        if let Some(l) = node.and_then(|n| n.loc).or(attr_loc) {
            self.out.redactions.push(l);
        }
    }

    /// The entities of a resource's `policy` document (none when it is absent or unknown).
    pub(super) fn policy(
        &self,
        r: &Res,
        kind: PolicyKind,
        key_account: Option<String>,
    ) -> Vec<Entity> {
        let (Some(doc), Some(attr)) = (self.docs.get(&r.address), r.eb.attr("policy")) else {
            return Vec::new();
        };
        let src = PolicySource {
            kind,
            kind_declared: true,
            id: format!("{}#policy@{}", r.address, attr.loc.start),
            owner: Some(r.address.clone()),
            key_account,
            loc: attr.loc,
            block: r.eb.loc,
        };
        iam::analyze(doc, &src)
    }
}
