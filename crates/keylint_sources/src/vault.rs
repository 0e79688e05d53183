//! HashiCorp Vault: server configuration (`seal`, `listener`, `storage`) and ACL policies
//! (`path "..." { capabilities = [...] }`), in HCL or JSON, and the policy text of
//! Terraform's `vault_policy`.
//!
//! Both syntaxes are first brought to one value shape, the shape of Vault's JSON form:
//! a labelled block `listener "tcp" { ... }` is `{"listener": [{"tcp": {...}}]}`, and a
//! JSON `{"listener": {"tcp": {...}}}` reads the same through [`Node::items`].

use std::rc::Rc;

use hcl_edit::Span as _;
use hcl_edit::structure::{Body, Structure};
use keylint_model::value::Member;
use keylint_model::{Entity, EntityKind, Loc, Node, Val};

use crate::hcl::{Eval, Module, NoFiles};
use crate::hcl_parse;
use crate::{SourceFile, Suppression, SuppressionKind, UnitOutput, suppress};

pub(crate) mod hcl1;

/// What a Vault document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VaultKind {
    /// A server configuration file.
    Server,
    /// An ACL policy.
    Policy,
}

impl VaultKind {
    /// A format label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            VaultKind::Server => "vault-config",
            VaultKind::Policy => "vault-policy",
        }
    }
}

/// The blocks that make a server configuration: one of them must be there.
const SERVER_CORE: &[&str] = &["listener", "storage", "backend", "seal"];

/// Top-level keys of a Vault Agent or Proxy configuration.
const AGENT_KEYS: &[&str] = &[
    "vault",
    "auto_auth",
    "template",
    "template_config",
    "api_proxy",
    "cache",
    "exit_after_auth",
    "env_template",
    "exec",
];

/// Top-level keys of other HashiCorp tools' HCL (Boundary, Consul, Nomad, Terraform,
/// Packer, Terragrunt, Waypoint) besides [`AGENT_KEYS`]: a document holding one is not a
/// Vault server configuration, whatever else it holds (Boundary and Vault Agent have
/// listeners).
const OTHER_TOOL_KEYS: &[&str] = &[
    "controller",
    "worker",
    "kms",
    "events",
    "datacenter",
    "data_dir",
    "server",
    "client",
    "bootstrap_expect",
    "ports",
    "addresses",
    "region",
    "resource",
    "module",
    "variable",
    "provider",
    "terraform",
    "locals",
    "data",
    "output",
    "source",
    "build",
    "packer",
    "job",
    "include",
    "inputs",
    "remote_state",
    "dependency",
    "project",
    "app",
    "runner",
];

/// Is this document a Vault server configuration or policy? A policy is made of `path`
/// (and `name`) blocks; a server configuration has a `listener`, `storage`, `backend` or
/// `seal` and no key of another tool's HCL ([`OTHER_TOOL_KEYS`]: Vault Agent, Boundary,
/// Terraform, Packer, Nomad, Terragrunt...). Its other keys are not checked against a list:
/// Vault only warns of a parameter it does not know, and keylint must not drop a valid
/// configuration for a parameter newer than its list (`cache_size`, `experiments`).
#[must_use]
pub fn classify(doc: &Node) -> Option<VaultKind> {
    let members = doc.members();
    if members.is_empty() {
        return None;
    }
    let keys = || members.iter().map(|m| m.key.as_str());
    if keys().all(|k| k == "path" || k == "name") && keys().any(|k| k == "path") {
        return Some(VaultKind::Policy);
    }
    if keys().any(|k| SERVER_CORE.contains(&k))
        && !keys().any(|k| OTHER_TOOL_KEYS.contains(&k) || AGENT_KEYS.contains(&k))
    {
        return Some(VaultKind::Server);
    }
    None
}

/// `(label, body, label location)` of every labelled block `ident "label" { ... }`.
fn labelled<'n>(doc: &'n Node, ident: &str) -> Vec<(&'n str, &'n Node, Option<Loc>)> {
    doc.get(ident)
        .map(Node::items)
        .unwrap_or_default()
        .into_iter()
        .flat_map(|item| item.members().iter())
        .map(|m| (m.key.as_str(), &m.value, m.key_loc))
        .collect()
}

/// `(type, body, label location)` of every listener: `listener "tcp" { ... }`, the JSON
/// form `{"listener": {"tcp": {...}}}`, or a body naming its type, `listener { type =
/// "tcp" ... }`, which Vault's `ParseListeners` also accepts.
fn listeners(doc: &Node) -> Vec<(&str, &Node, Option<Loc>)> {
    let mut out = Vec::new();
    for item in doc.get("listener").map(Node::items).unwrap_or_default() {
        match item.member("type") {
            Some(m) if matches!(m.value.val, Val::Str(_) | Val::Unknown | Val::Ref(_)) => {
                // An unknown type is not `tcp`: no TLS fact is drawn from it.
                out.push((m.value.as_str().unwrap_or("?"), item, m.key_loc));
            }
            _ => out.extend(
                item.members()
                    .iter()
                    .map(|m| (m.key.as_str(), &m.value, m.key_loc)),
            ),
        }
    }
    out
}

/// Vault's boolean parsing (`1`, `t`, `true`, `"true"`...), `None` when unknown.
fn vault_bool(n: &Node) -> Option<bool> {
    match &n.val {
        Val::Bool(b) => Some(*b),
        Val::Num(x) => Some(*x != 0.0),
        Val::Str(s) => match s.as_str() {
            "1" | "t" | "T" | "true" | "True" | "TRUE" => Some(true),
            "0" | "f" | "F" | "false" | "False" | "FALSE" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// The value of `key` in a block body, with the location of `key = value`.
fn attr<'n>(body: &'n Node, key: &str) -> Option<(&'n Node, Option<Loc>)> {
    let m = body.member(key)?;
    Some((&m.value, m.span()))
}

/// The server entity and one entity per listener of a configuration.
pub fn read_server(doc: &Node, label: &str, out: &mut UnitOutput) {
    let first = doc.members().first().and_then(|m| m.key_loc);
    let whole = doc.loc.or(first).unwrap_or_default();
    let mut server = Entity::new(
        EntityKind::Server,
        format!("{label}#vault-server"),
        label.to_owned(),
        first.unwrap_or(whole),
    );
    server.block = whole;
    server.set_str("provider", "vault");
    server.set_str("kind", "vault_server");
    // Auto-unseal: a seal stanza other than Shamir that is not disabled (a disabled seal
    // is the old one during a seal migration).
    let seals = labelled(doc, "seal");
    let active: Vec<_> = seals
        .iter()
        .filter(|(_, body, _)| {
            body.get("disabled").and_then(vault_bool) != Some(true)
                && body.get("disabled").is_none_or(|d| !d.is_unknown())
        })
        .collect();
    let auto = active.iter().any(|(ty, _, _)| *ty != "shamir");
    let seal_loc = active.first().and_then(|(_, b, l)| l.or(b.loc));
    server.fact("auto_unseal", Some(auto), seal_loc);
    if let Some((ty, _, l)) = active.first() {
        server.fact("seal_type", Some(*ty), *l);
    }
    let storage = labelled(doc, "storage");
    let storage = if storage.is_empty() {
        labelled(doc, "backend")
    } else {
        storage
    };
    if let Some((ty, _, l)) = storage.first() {
        server.fact("storage_type", Some(*ty), *l);
    }
    out.entities.push(server);
    for (i, (ty, body, label_loc)) in listeners(doc).into_iter().enumerate() {
        let loc = label_loc.or(body.loc).unwrap_or(whole);
        let mut l = Entity::new(
            EntityKind::Server,
            format!("{label}#listener{i}"),
            match body.get("address").and_then(Node::as_str) {
                Some(address) => format!("listener \"{ty}\" {address}"),
                None => format!("listener \"{ty}\""),
            },
            loc,
        );
        l.block = body.loc.map_or(loc, |b| Loc {
            start: loc.start.min(b.start),
            ..b
        });
        l.set_str("provider", "vault");
        l.set_str("kind", "vault_listener");
        l.set_str("listener_type", ty.to_ascii_lowercase());
        // Vault lowercases the listener type.
        if ty.eq_ignore_ascii_case("tcp") {
            match attr(body, "tls_disable") {
                // TLS is on unless switched off.
                None => {
                    l.set_bool("tls_disabled", false);
                }
                Some((v, at)) => {
                    l.fact("tls_disabled", vault_bool(v), at);
                }
            }
        }
        out.entities.push(l);
    }
}

/// A glob path: `sys/*`, `auth/+/login`, `*`.
fn is_glob(path: &str) -> bool {
    path.contains('*') || path.contains('+')
}

/// One statement entity per `path` rule of a policy.
pub fn policy_entities(doc: &Node, owner: &str, id_prefix: &str, block: Loc) -> Vec<Entity> {
    labelled(doc, "path")
        .into_iter()
        .enumerate()
        .map(|(i, (path, body, label_loc))| {
            path_entity(
                path,
                body,
                owner,
                &format!("{id_prefix}#path{i}"),
                label_loc,
                block,
            )
        })
        .collect()
}

fn path_entity(
    path: &str,
    body: &Node,
    owner: &str,
    id: &str,
    label_loc: Option<Loc>,
    block: Loc,
) -> Entity {
    let loc = label_loc.or(body.loc).unwrap_or(block);
    let mut e = Entity::new(EntityKind::Statement, id.to_owned(), owner.to_owned(), loc);
    e.block = body.loc.map_or(block, |b| Loc {
        start: loc.start.min(b.start),
        ..b
    });
    e.set_str("provider", "vault");
    e.set_str("policy_kind", "vault");
    e.set_str("sid", path.to_owned());
    let listed = attr(body, "capabilities").map(|(caps, at)| {
        let known: Option<Vec<String>> = caps
            .items()
            .iter()
            .map(|c| c.as_str().map(str::to_ascii_lowercase))
            .collect();
        (known, at)
    });
    let old = attr(body, "policy").map(|(p, at)| {
        let known = p
            .as_str()
            .and_then(old_policy_capabilities)
            .map(|caps| caps.iter().map(|&c| c.to_owned()).collect::<Vec<_>>());
        (known, at)
    });
    if listed.is_none() && old.is_none() {
        return e;
    }
    // Vault appends the old form's capabilities to the listed ones.
    let mut caps = Vec::new();
    for (known, _) in listed.iter().chain(old.iter()) {
        match known {
            Some(k) => caps.extend(k.iter().cloned()),
            None => return e,
        }
    }
    let at = listed.as_ref().or(old.as_ref()).and_then(|(_, at)| *at);
    let sudo_at = match &listed {
        Some((Some(k), at)) if k.iter().any(|c| c == "sudo") => *at,
        _ => old.as_ref().and_then(|(_, at)| *at).or(at),
    };
    let grants = caps.iter().any(|c| c != "deny") && !caps.iter().any(|c| c == "deny");
    let wildcard = path == "*" && grants;
    let sudo_on_glob = is_glob(path) && caps.iter().any(|c| c == "sudo");
    e.fact("wildcard_path_grant", Some(wildcard), at);
    e.fact("sudo_on_glob", Some(sudo_on_glob), sudo_at);
    // What the finding says: only the clause that applies.
    if wildcard {
        e.set_str(
            "wildcard_reason",
            "`*` reaches every secret and system endpoint",
        );
    } else if sudo_on_glob {
        e.set_str(
            "wildcard_reason",
            "`sudo` on a glob reaches every root-protected endpoint below it",
        );
    }
    e.set("capabilities", caps.into());
    e
}

/// The capabilities of Vault's pre-0.5 `policy = "..."` form of a path rule, as Vault
/// maps them (hashicorp/vault `vault/policy.go`, `parsePaths`, "Map old-style policies
/// into capabilities"): `deny` is deny; `read` is read, list; `write` is create, read,
/// update, delete, list; `sudo` is write's and sudo. Vault compares case-sensitively and
/// rejects any other value, so another value is unknown here.
fn old_policy_capabilities(policy: &str) -> Option<&'static [&'static str]> {
    match policy {
        "deny" => Some(&["deny"]),
        "read" => Some(&["read", "list"]),
        "write" => Some(&["create", "read", "update", "delete", "list"]),
        "sudo" => Some(&["create", "read", "update", "delete", "list", "sudo"]),
        _ => None,
    }
}

/// Statements of `data "vault_policy_document"` rule blocks (`path`, `capabilities`).
pub fn policy_document_entities(
    rules: &[&Node],
    owner: &str,
    id_prefix: &str,
    block: Loc,
) -> Vec<Entity> {
    rules
        .iter()
        .enumerate()
        .filter_map(|(i, rule)| {
            let (path, at) = attr(rule, "path")?;
            let path = path.as_str()?;
            Some(path_entity(
                path,
                rule,
                owner,
                &format!("{id_prefix}#rule{i}"),
                at,
                block,
            ))
        })
        .collect()
}

/// Move every location of a value parsed from a substring to its place in the file.
fn shift(node: &mut Node, file: u32, offset: u32) {
    node.for_each_loc(&mut |l| {
        if let Some(l) = l {
            l.file = file;
            l.start = l.start.saturating_add(offset);
            l.end = l.end.saturating_add(offset);
        }
    });
}

/// Every location of a value set to one place (the attribute that held its text).
fn pin(node: &mut Node, at: Option<Loc>) {
    node.for_each_loc(&mut |l| *l = at);
}

/// An HCL body as Vault's JSON shape, evaluated (literals; no Terraform context).
fn body_to_node(body: &Body, file: u32, text: &Rc<String>) -> Node {
    let module = Module::new(
        String::new(),
        vec![(String::new(), Rc::clone(text))],
        &NoFiles,
    );
    let mut eval = Eval {
        m: &module,
        file,
        bindings: Vec::new(),
        depth: 0,
    };
    let mut members: Vec<Member> = Vec::new();
    for s in body {
        match s {
            Structure::Attribute(a) => members.push(Member {
                key: a.key.as_str().to_owned(),
                key_loc: a.key.span().map(|r| Loc::new(file, r)),
                value: eval.expr(&a.value),
            }),
            Structure::Block(b) => {
                let eb = eval.block(b);
                let mut value = eb.to_node();
                // Labels nest: `a "x" "y" {}` is {"a": [{"x": {"y": {...}}}]}.
                for (i, label) in eb.labels.iter().enumerate().rev() {
                    let key_loc = if i + 1 == eb.labels.len() {
                        Some(eb.header)
                    } else {
                        None
                    };
                    value = Node::new(
                        Val::Obj(vec![Member {
                            key: label.clone(),
                            key_loc,
                            value,
                        }]),
                        Some(eb.loc),
                    );
                }
                let ident = b.ident.as_str();
                match members.iter_mut().find(|m| m.key == ident) {
                    Some(Member {
                        value:
                            Node {
                                val: Val::List(items),
                                ..
                            },
                        ..
                    }) => items.push(value),
                    _ => members.push(Member {
                        key: ident.to_owned(),
                        key_loc: Some(eb.header),
                        value: Node::new(Val::List(vec![value]), Some(eb.loc)),
                    }),
                }
            }
        }
    }
    Node::new(Val::Obj(members), Some(Loc::new(file, 0..text.len())))
}

/// A policy given as text inside another file (Terraform's `vault_policy.policy`):
/// located exactly when the text appears verbatim in the file, else at the attribute.
#[must_use]
pub fn policy_from_string(value: &Node, file_text: Option<&str>) -> Option<Node> {
    let s = value.as_str()?;
    hcl_parse::check_nesting("", s).ok()?;
    // Vault parses policies as HCL1; text HCL1 refuses is read as HCL2 as before.
    let mut doc = match hcl1::parse(s, 0) {
        Ok(parsed) => parsed.doc,
        Err(_) => {
            let body = hcl_parse::parse_hcl("", s).ok()?;
            body_to_node(&body, 0, &Rc::new(s.to_owned()))
        }
    };
    let place = value.loc.and_then(|l| {
        let slice = file_text?.get(l.range())?;
        let i = slice.find(s)?;
        Some((l.file, l.start.saturating_add(u32::try_from(i).ok()?)))
    });
    match place {
        Some((file, offset)) => shift(&mut doc, file, offset),
        None => pin(&mut doc, value.loc),
    }
    Some(doc)
}

/// Read a `.hcl` file: a Vault server configuration or policy, recognised by content.
/// Other HCL (Terragrunt, Packer, Nomad) is not recognised.
#[must_use]
pub fn read_hcl_file(file: SourceFile) -> UnitOutput {
    let mut out = UnitOutput::default();
    if let Err(e) = hcl_parse::check_nesting(&file.path, &file.text) {
        if looks_like_vault(&file.text) {
            out.recognized = true;
            out.errors.push(e);
        }
        out.files = vec![file];
        return out;
    }
    match hcl1::parse(&file.text, 0) {
        Ok(parsed) => {
            if let Some(kind) = classify(&parsed.doc) {
                out.recognized = true;
                out.format = Some(kind.label());
                out.suppressions = hcl1_suppressions(&file.text, 0, &parsed.items);
                read_doc(&parsed.doc, kind, &file.path, &mut out);
            }
            out.files = vec![file];
        }
        Err(e) => read_hcl2_file(file, &e, &mut out),
    }
    if out.recognized {
        crate::scan_private_keys(&mut out);
    }
    out
}

/// A `.hcl` file that is not HCL1: HCL2 that Vault would not read but keylint reads as
/// before, HCL of other tools (not read), or broken Vault HCL (the HCL1 error, located).
fn read_hcl2_file(file: SourceFile, hcl1_error: &hcl1::Hcl1Error, out: &mut UnitOutput) {
    let text = Rc::new(file.text);
    let path = file.path;
    match hcl_parse::parse_hcl(&path, &text) {
        Err(_) => {
            out.files = vec![SourceFile {
                path,
                text: text.to_string(),
            }];
            if out.files.first().is_some_and(|f| looks_like_vault(&f.text)) {
                out.recognized = true;
                let message = if hcl1_error.message.starts_with("invalid JSON") {
                    hcl1_error.message.clone()
                } else {
                    format!("invalid HCL: {}", hcl1_error.message)
                };
                out.error_at(0, hcl1_error.offset, message);
            }
        }
        Ok(body) => {
            let doc = body_to_node(&body, 0, &text);
            let kind = classify(&doc);
            out.format = kind.map(VaultKind::label);
            if let Some(kind) = kind {
                out.recognized = true;
                out.suppressions = suppress::scan(&text, 0, &body);
                read_doc(&doc, kind, &path, out);
            }
            drop(body);
            out.files = vec![SourceFile {
                path,
                text: Rc::try_unwrap(text).unwrap_or_else(|shared| (*shared).clone()),
            }];
        }
    }
}

/// The entities of a Vault document.
pub(crate) fn read_doc(doc: &Node, kind: VaultKind, label: &str, out: &mut UnitOutput) {
    match kind {
        VaultKind::Server => read_server(doc, label, out),
        VaultKind::Policy => {
            let block = doc.loc.unwrap_or_default();
            out.entities
                .extend(policy_entities(doc, label, label, block));
        }
    }
}

/// Suppression comments of an HCL1 text, each aimed at the item (`keys = value` or
/// `keys { ... }`) it precedes or ends the line of; checkov's at its top-level item.
pub(crate) fn hcl1_suppressions(
    text: &str,
    file: u32,
    items: &[(std::ops::Range<usize>, bool)],
) -> Vec<Suppression> {
    let mut found = suppress::scan(text, file, &Body::new());
    for s in &mut found {
        let target = if s.kind == SuppressionKind::Checkov {
            let at = s.loc.start as usize;
            items
                .iter()
                .find(|(r, top)| *top && r.start < at && at < r.end)
        } else if s.target == s.loc {
            None
        } else {
            let line = s.target.start as usize..s.target.end as usize;
            items.iter().find(|(r, _)| line.contains(&r.start))
        };
        if let Some((r, _)) = target {
            s.target = Loc::new(file, r.clone());
        }
    }
    found
}

/// Read a Vault configuration or policy in JSON (already parsed).
pub fn read_json(doc: &Node, kind: VaultKind, out: &mut UnitOutput) {
    let path = out
        .files
        .first()
        .map(|f| f.path.clone())
        .unwrap_or_default();
    read_doc(doc, kind, &path, out);
}

fn looks_like_vault(text: &str) -> bool {
    text.contains("capabilities") || text.contains("listener") || text.contains("seal")
}

/// Whether a `.hcl` text is a Vault Agent (or Proxy) configuration: a top-level key only
/// those have ([`AGENT_KEYS`]).
#[must_use]
pub fn is_agent_config(text: &str) -> bool {
    hcl1::parse(text, 0).is_ok_and(|p| {
        p.doc
            .members()
            .iter()
            .any(|m| AGENT_KEYS.contains(&m.key.as_str()))
    })
}

/// The Vault configuration files of one directory read together, as Vault reads a
/// `-config` directory: in a Vault Agent's directory (`agent_dir`) a listener fragment is
/// the agent's, not a server; see [`merge_seals`] for the seal.
pub(crate) fn config_directory(units: &mut Vec<UnitOutput>, agent_dir: bool) {
    if agent_dir {
        units.retain(|u| !is_listener_fragment(u));
    }
    merge_seals(units);
}

/// A Vault server configuration file with neither storage nor seal: a fragment (a
/// `listener` alone), which in a Vault Agent's directory is the agent's.
fn is_listener_fragment(unit: &UnitOutput) -> bool {
    unit.format == Some(VaultKind::Server.label())
        && unit
            .entities
            .iter()
            .any(|e| e.kind == keylint_model::EntityKind::Server)
        && !unit.entities.iter().any(|e| {
            e.kind == keylint_model::EntityKind::Server
                && (e.get_str("storage_type").is_some() || e.get_str("seal_type").is_some())
        })
}

/// Vault reads every file of a `-config` directory as one configuration, and a directory
/// of server configuration files may be that or several servers' files side by side. A
/// file holding an auto-unseal `seal` but no storage is a fragment of a merged
/// configuration: beside it, whether another file's server has a seal is unknown (it may
/// be the same server), never false. Complete configurations side by side stay apart.
fn merge_seals(units: &mut [UnitOutput]) {
    let seal_fragment = units
        .iter()
        .filter(|u| u.format == Some(VaultKind::Server.label()))
        .flat_map(|u| &u.entities)
        .any(|e| {
            e.kind == keylint_model::EntityKind::Server
                && e.id.ends_with("#vault-server")
                && e.get_bool("auto_unseal") == Some(true)
                && e.get_str("storage_type").is_none()
        });
    if !seal_fragment {
        return;
    }
    for u in units
        .iter_mut()
        .filter(|u| u.format == Some(VaultKind::Server.label()))
    {
        for e in &mut u.entities {
            if e.kind == keylint_model::EntityKind::Server
                && e.get_bool("auto_unseal") == Some(false)
            {
                e.attrs.remove("auto_unseal");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    #[test]
    fn other_hcl_is_not_vault() {
        for text in [
            "terraform {\n  source = \"../modules/vpc\"\n}\ninputs = {\n  cidr = \"10.0.0.0/16\"\n}\n",
            "source \"amazon-ebs\" \"x\" {\n  region = \"eu-west-1\"\n}\nbuild {\n  sources = [\"source.amazon-ebs.x\"]\n}\n",
            "job \"web\" {\n  group \"g\" {}\n}\n",
            // Boundary and Vault Agent have listeners too.
            "worker {\n  name = \"w\"\n}\nlistener \"tcp\" {\n  purpose = \"proxy\"\n  tls_disable = true\n}\nkms \"awskms\" {\n  purpose = \"worker-auth\"\n}\n",
            "vault {\n  address = \"https://vault:8200\"\n}\nauto_auth {\n  method \"approle\" {}\n}\nlistener \"tcp\" {\n  address = \"127.0.0.1:8100\"\n  tls_disable = true\n}\n",
            "",
        ] {
            let out = read_hcl_file(file("x.hcl", text));
            assert!(!out.recognized && out.errors.is_empty(), "{text}");
        }
        // Broken non-Vault HCL is not an error of keylint's.
        assert!(read_hcl_file(file("x.hcl", "inputs = {")).errors.is_empty());
    }

    #[test]
    fn broken_vault_hcl_is_a_located_error() {
        let out = read_hcl_file(file(
            "p.hcl",
            "path \"secret/*\" {\n  capabilities = [\"read\"\n}\n",
        ));
        assert!(out.recognized);
        let e = out.errors.first().unwrap();
        assert_eq!(e.file, "p.hcl");
        assert!(
            e.line.is_some() && e.message.starts_with("invalid HCL"),
            "{e:?}"
        );
        let deep = format!("path \"a\" {}", "{".repeat(500));
        let out = read_hcl_file(file("p.hcl", &format!("{deep}\ncapabilities")));
        assert!(out.errors.first().unwrap().message.contains("nesting"));
    }

    #[test]
    fn booleans_parse_as_vault_parses_them() {
        let n = |v: Val| Node::new(v, None);
        assert_eq!(vault_bool(&n(Val::Str("1".into()))), Some(true));
        assert_eq!(vault_bool(&n(Val::Str("T".into()))), Some(true));
        assert_eq!(vault_bool(&n(Val::Num(0.0))), Some(false));
        assert_eq!(vault_bool(&n(Val::Str("maybe".into()))), None);
        assert_eq!(vault_bool(&n(Val::Unknown)), None);
    }

    #[test]
    fn policy_text_in_a_heredoc_keeps_its_lines() {
        let tf = "resource \"vault_policy\" \"p\" {\n  policy = <<EOT\npath \"*\" {\n  capabilities = [\"read\"]\n}\nEOT\n}\n";
        let start = tf.find("path").unwrap();
        let text = "path \"*\" {\n  capabilities = [\"read\"]\n}\n";
        let loc = Loc::new(2, start..start + text.len());
        let value = Node::new(Val::Str(text.into()), Some(loc));
        let doc = policy_from_string(&value, Some(tf)).unwrap();
        let e = policy_entities(&doc, "vault_policy.p", "p", loc);
        let at = e
            .first()
            .unwrap()
            .spans
            .get("wildcard_path_grant")
            .copied()
            .unwrap();
        assert_eq!(at.file, 2);
        assert!(tf.get(at.range()).unwrap().starts_with("capabilities"));
    }

    #[test]
    fn hcl1_policies_are_read() {
        // `{` on the next line, `//` and `/* */` comments, the old `policy` form.
        let text = "# c\npath \"sys/auth/*\"\n{\n  capabilities = [\"create\", \"sudo\"]\n}\n// x\npath \"*\" /* y */ { policy = \"write\" }\npath \"sys/*\" { policy = \"read\" }\n";
        let out = read_hcl_file(file("p.hcl", text));
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        assert_eq!(out.format, Some("vault-policy"));
        let facts: Vec<_> = out
            .entities
            .iter()
            .map(|e| {
                let f = |k| match e.attrs.get(k) {
                    Some(keylint_model::AttrValue::Bool(b)) => Some(*b),
                    _ => None,
                };
                (f("wildcard_path_grant"), f("sudo_on_glob"))
            })
            .collect();
        assert_eq!(
            facts,
            vec![
                (Some(false), Some(true)),
                (Some(true), Some(false)),
                (Some(false), Some(false)),
            ]
        );
        let first = out.entities.first().unwrap();
        assert_eq!(&text[first.loc.range()], "path \"sys/auth/*\"");
        let at = first.spans.get("sudo_on_glob").unwrap();
        assert!(text[at.range()].starts_with("capabilities"));
    }

    #[test]
    fn old_policy_values_map_as_vault_maps_them() {
        assert_eq!(old_policy_capabilities("deny"), Some(&["deny"][..]));
        assert_eq!(old_policy_capabilities("read"), Some(&["read", "list"][..]));
        assert!(old_policy_capabilities("sudo").unwrap().contains(&"sudo"));
        assert!(!old_policy_capabilities("write").unwrap().contains(&"sudo"));
        // Vault rejects other values (case-sensitive): unknown, never a guess.
        assert_eq!(old_policy_capabilities("Write"), None);
        let out = read_hcl_file(file("p.hcl", "path \"*\" { policy = \"all\" }\n"));
        assert!(
            !out.entities
                .first()
                .unwrap()
                .attrs
                .contains_key("wildcard_path_grant")
        );
    }

    #[test]
    fn listeners_may_name_their_type() {
        let text =
            "storage \"file\" {}\nlistener {\n  type = \"TCP\"\n  tls_disable = \"true\"\n}\n";
        let out = read_hcl_file(file("s.hcl", text));
        let l: Vec<_> = out
            .entities
            .iter()
            .filter(|e| e.attrs.contains_key("listener_type"))
            .collect();
        assert_eq!(l.len(), 1);
        assert_eq!(
            l[0].attrs.get("tls_disabled"),
            Some(&keylint_model::AttrValue::Bool(true))
        );
    }

    #[test]
    fn hcl1_errors_are_located() {
        let out = read_hcl_file(file(
            "p.hcl",
            "path \"a\" {\n  capabilities = [\"read\"]\n}\npath \"b\" = {}\n",
        ));
        let e = out.errors.first().unwrap();
        assert_eq!(
            (e.line, e.message.starts_with("invalid HCL")),
            (Some(4), true),
            "{e:?}"
        );
    }

    #[test]
    fn hcl1_suppressions_target_their_item() {
        let text = "# keylint:ignore vault-policy-wildcard-path -- break-glass\npath \"*\"\n{\n  capabilities = [\"read\"]\n}\n";
        let out = read_hcl_file(file("p.hcl", text));
        let s = out.suppressions.first().unwrap();
        assert!(text[s.target.range()].starts_with("path"));
        assert!(text[s.target.range()].ends_with('}'));
    }

    #[test]
    fn hcl1_policy_text_in_a_heredoc() {
        let tf = "resource \"vault_policy\" \"p\" {\n  policy = <<EOT\npath \"sys/*\"\n{\n  policy = \"sudo\"\n}\nEOT\n}\n";
        let start = tf.find("path").unwrap();
        let text = "path \"sys/*\"\n{\n  policy = \"sudo\"\n}\n";
        let loc = Loc::new(1, start..start + text.len());
        let value = Node::new(Val::Str(text.into()), Some(loc));
        let doc = policy_from_string(&value, Some(tf)).unwrap();
        let e = policy_entities(&doc, "vault_policy.p", "p", loc);
        let e = e.first().unwrap();
        assert_eq!(
            e.attrs.get("sudo_on_glob"),
            Some(&keylint_model::AttrValue::Bool(true))
        );
        let at = e.spans.get("sudo_on_glob").copied().unwrap();
        assert!(tf.get(at.range()).unwrap().starts_with("policy = \"sudo\""));
    }
}
