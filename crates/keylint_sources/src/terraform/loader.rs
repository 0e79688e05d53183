//! A Terraform module evaluated: its declarations (variables, locals, data sources), its
//! resources instance by instance, and the local or installed modules it calls.

use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

use hcl_edit::structure::Body;
use keylint_model::{Loc, Member, Node, Val};

use crate::file_types::{FileKind, classify_path};
use crate::hcl::{Eval, FileLoader, Module, instances};
use crate::hcl_parse::parse_hcl;
use crate::resource::{EBlock, Res, UNREAD_MODULE};
use crate::suppress;

/// How deep local module calls may nest.
pub(super) const MAX_MODULE_DEPTH: usize = 16;

pub(super) type Block = hcl_edit::structure::Block;

/// The blocks of a module that evaluation goes through after the declarations.
#[derive(Default)]
pub(super) struct Decls<'b> {
    pub(super) resources: Vec<(u32, &'b Block)>,
    pub(super) calls: Vec<(u32, &'b Block)>,
    /// `data "vault_policy_document"`: judged in place, its rules are policy content.
    pub(super) data_docs: Vec<(u32, &'b Block)>,
    /// Variables' `type` constraints, by name.
    pub(super) types: Vec<(String, u32, &'b hcl_edit::expr::Expression)>,
}

/// Record a module's declarations: variables (the caller's argument when `args` holds
/// one, located at the call; else the default), locals and data sources go into `m`;
/// resources, module calls and Vault policy documents are returned.
pub(super) fn declare<'b>(
    m: &mut Module<'b>,
    bodies: impl Iterator<Item = (u32, &'b Body)>,
    args: Option<&EBlock>,
) -> Decls<'b> {
    let mut decls = Decls::default();
    for (id, body) in bodies {
        for b in body.blocks() {
            let labels: Vec<&str> = b.labels.iter().map(|l| l.as_str()).collect();
            match (b.ident.as_str(), labels.as_slice()) {
                ("variable", [name]) => {
                    let value = match args.and_then(|a| a.attr(name)) {
                        Some(a) => {
                            let mut v = a.value.clone();
                            v.loc = Some(a.loc);
                            Some(v)
                        }
                        None => b.body.get_attribute("default").map(|d| {
                            Eval {
                                m,
                                file: id,
                                bindings: Vec::new(),
                                depth: 0,
                            }
                            .expr(&d.value)
                        }),
                    };
                    if let Some(v) = value {
                        m.vars.insert((*name).to_owned(), v);
                    }
                    if let Some(t) = b.body.get_attribute("type") {
                        decls.types.push(((*name).to_owned(), id, &t.value));
                    }
                }
                ("locals", []) => {
                    for a in b.body.attributes() {
                        m.locals.insert(a.key.as_str().to_owned(), (id, &a.value));
                    }
                }
                ("data", [ty, name]) => {
                    m.data
                        .insert(((*ty).to_owned(), (*name).to_owned()), (id, b));
                    if *ty == "vault_policy_document" {
                        decls.data_docs.push((id, b));
                    }
                }
                ("resource", [_, _]) => decls.resources.push((id, b)),
                ("module", [_]) => decls.calls.push((id, b)),
                _ => {}
            }
        }
    }
    apply_types(m, &decls.types);
    decls
}

/// Give variables' values what their `type` constraints add: an attribute an object
/// leaves out (or sets to `null`) takes its `optional(type, default)` default, or `null`,
/// as Terraform does; through `map(...)`, `list(...)`, `set(...)`, `tuple([...])` and
/// nested objects.
pub(super) fn apply_types(
    m: &mut Module<'_>,
    types: &[(String, u32, &hcl_edit::expr::Expression)],
) {
    for (name, file, ty) in types {
        if let Some(v) = m.vars.get(name).cloned() {
            let mut eval = Eval {
                m,
                file: *file,
                bindings: Vec::new(),
                depth: 0,
            };
            let typed = typed(&mut eval, ty, v);
            drop(eval);
            m.vars.insert(name.clone(), typed);
        }
    }
}

/// `value` converted as far as `ty` fills in optional attributes (see [`apply_types`]).
pub(super) fn typed(eval: &mut Eval<'_, '_>, ty: &hcl_edit::expr::Expression, value: Node) -> Node {
    use hcl_edit::expr::{Expression, ObjectKey};
    let Expression::FuncCall(f) = ty else {
        return value;
    };
    let arg = f.args.iter().next();
    match (f.name.name.as_str(), arg) {
        ("optional", Some(inner)) => typed(eval, inner, value),
        ("map", Some(inner)) => match value.val {
            Val::Obj(members) => Node::new(
                Val::Obj(
                    members
                        .into_iter()
                        .map(|m| Member {
                            value: typed(eval, inner, m.value),
                            ..m
                        })
                        .collect(),
                ),
                value.loc,
            ),
            other => Node::new(other, value.loc),
        },
        ("list" | "set", Some(inner)) => match value.val {
            Val::List(items) => Node::new(
                Val::List(items.into_iter().map(|i| typed(eval, inner, i)).collect()),
                value.loc,
            ),
            other => Node::new(other, value.loc),
        },
        ("tuple", Some(Expression::Array(types))) => match value.val {
            Val::List(items) => Node::new(
                Val::List(
                    items
                        .into_iter()
                        .enumerate()
                        .map(|(i, item)| match types.iter().nth(i) {
                            Some(t) => typed(eval, t, item),
                            None => item,
                        })
                        .collect(),
                ),
                value.loc,
            ),
            other => Node::new(other, value.loc),
        },
        ("object", Some(Expression::Object(attrs))) => {
            let loc = value.loc;
            let mut members = match value.val {
                Val::Obj(members) => members,
                other => return Node::new(other, loc),
            };
            for (k, v) in attrs.iter() {
                let key = match k {
                    ObjectKey::Ident(i) => i.as_str().to_owned(),
                    ObjectKey::Expression(Expression::String(s)) => s.value().clone(),
                    ObjectKey::Expression(Expression::Variable(i)) => i.as_str().to_owned(),
                    ObjectKey::Expression(_) => continue,
                };
                let attr_ty = v.expr();
                // `optional(type)` or `optional(type, default)`.
                let optional = match attr_ty {
                    Expression::FuncCall(o) if o.name.name.as_str() == "optional" => {
                        Some(o.args.iter().nth(1))
                    }
                    _ => None,
                };
                let at = members.iter().position(|m| m.key == key);
                let present = at
                    .and_then(|i| members.get(i))
                    .filter(|m| !matches!(m.value.val, Val::Null));
                match (present, optional) {
                    (Some(_), _) => {
                        if let Some(m) = at.and_then(|i| members.get_mut(i)) {
                            let v = std::mem::replace(&mut m.value, Node::unknown());
                            m.value = typed(eval, attr_ty, v);
                        }
                    }
                    (None, Some(default)) => {
                        let d = default.map_or_else(
                            || Node::new(Val::Null, None),
                            |d| {
                                let d = eval.expr(d);
                                typed(eval, attr_ty, d)
                            },
                        );
                        match at.and_then(|i| members.get_mut(i)) {
                            Some(m) => m.value = d,
                            None => members.push(Member {
                                key,
                                key_loc: None,
                                value: d,
                            }),
                        }
                    }
                    // A required attribute left out: Terraform rejects the value.
                    (None, None) => {}
                }
            }
            Node::new(Val::Obj(members), loc)
        }
        _ => value,
    }
}

/// `data "vault_policy_document"` blocks as resources to extract.
pub(super) fn evaluate_data_docs(
    m: &Module,
    docs: &[(u32, &Block)],
    prefix: &str,
    out: &mut Vec<Res>,
) {
    for (id, block) in docs {
        let eb = Eval {
            m,
            file: *id,
            bindings: Vec::new(),
            depth: 0,
        }
        .block(block);
        let name = eb.labels.get(1).cloned().unwrap_or_default();
        out.push(Res::new(
            "data.vault_policy_document",
            format!("{prefix}data.vault_policy_document.{name}"),
            eb,
        ));
    }
}

/// `ROOT.NAME`, exactly (`var.x`, `local.y`): the name.
pub(super) fn direct_ref<'e>(e: &'e hcl_edit::expr::Expression, root: &str) -> Option<&'e str> {
    let hcl_edit::expr::Expression::Traversal(t) = e else {
        return None;
    };
    let hcl_edit::expr::Expression::Variable(v) = &t.expr else {
        return None;
    };
    match t.operators.as_slice() {
        [op] if v.as_str() == root => match op.value() {
            hcl_edit::expr::TraversalOperator::GetAttr(a) => Some(a.as_str()),
            _ => None,
        },
        _ => None,
    }
}

/// `var.NAME`, exactly.
pub(super) fn direct_var(e: &hcl_edit::expr::Expression) -> Option<&str> {
    direct_ref(e, "var")
}

/// Where the value of each variable of a called module comes from: the module arguments
/// that pass it on, outermost caller first (each with its label), and the place the value
/// itself is written when that is elsewhere (a variable default, a `.tfvars` value).
pub(super) type VarOrigins = HashMap<String, VarOrigin>;

#[derive(Clone, Debug, Default)]
pub(super) struct VarOrigin {
    pub(super) path: Vec<(Loc, String)>,
    pub(super) source: Option<Loc>,
}

/// Evaluate the supported resources of a module, every instance. `args`: where the
/// variables of a called module come from: an attribute set directly from `var.x` that the
/// caller passed is then located at the outermost caller's argument, with the module
/// arguments passing it on and the attribute itself as related locations (in `origins`).
pub(super) fn evaluate_resources(
    m: &Module,
    resources: &[(u32, &Block)],
    prefix: &str,
    args: Option<&VarOrigins>,
    out: &mut Vec<Res>,
    origins: &mut Vec<crate::Origin>,
) {
    for (id, block) in resources {
        let ty = block
            .labels
            .first()
            .map(|l| l.as_str().to_owned())
            .unwrap_or_default();
        if !is_supported(&ty) {
            continue;
        }
        let name = block
            .labels
            .get(1)
            .map(|l| l.as_str().to_owned())
            .unwrap_or_default();
        for (suffix, bindings) in instances(m, *id, block) {
            let mut eb = Eval {
                m,
                file: *id,
                bindings,
                depth: 0,
            }
            .block(block);
            let address = format!("{prefix}{ty}.{name}{suffix}");
            let mut relocated: Vec<Loc> = Vec::new();
            if let Some(args) = args {
                for a in block.body.attributes() {
                    let passed = direct_var(&a.value).and_then(|v| args.get(v));
                    if let (Some(o), Some(attr)) = (
                        passed,
                        eb.attrs.iter_mut().find(|x| x.name == a.key.as_str()),
                    ) && let Some((outer, _)) = o.path.first()
                    {
                        let own = attr.loc;
                        attr.loc = *outer;
                        relocated.push(*outer);
                        let mut related: Vec<(Loc, String)> =
                            o.path.iter().skip(1).cloned().collect();
                        related.push((own, format!("sets `{}` of `{address}`", attr.name)));
                        related.extend(o.source.map(|l| (l, "the value is set here".to_owned())));
                        origins.extend(related.into_iter().map(|(loc, message)| crate::Origin {
                            block: eb.loc,
                            at: Some(*outer),
                            fact: None,
                            loc,
                            message,
                        }));
                    }
                }
            }
            value_origins(m, block, &eb, &relocated, origins);
            out.push(Res::new(ty.clone(), address, eb));
        }
    }
}

/// `inner` lies within `outer`.
pub(super) fn within(inner: Loc, outer: Loc) -> bool {
    inner.file == outer.file && inner.start >= outer.start && inner.end <= outer.end
}

/// `local.NAME`, exactly.
pub(super) fn direct_local(e: &hcl_edit::expr::Expression) -> Option<&str> {
    direct_ref(e, "local")
}

/// Where the value of `var.x` or `local.x` is written (a variable default, a `.tfvars`
/// value, a local's definition, the argument a caller passed), following locals that are
/// themselves one variable or local.
pub(super) fn written_at(m: &Module, e: &hcl_edit::expr::Expression) -> Option<Loc> {
    use hcl_edit::Span as _;
    let mut e = e;
    let mut at = None;
    for _ in 0..16 {
        if let Some(v) = direct_var(e) {
            return m.vars.get(v).and_then(|n| n.loc).or(at);
        }
        let (file, next) = m.locals.get(direct_local(e)?)?;
        at = next.span().map(|r| Loc::new(*file, r));
        e = next;
    }
    at
}

/// Attributes whose value is written elsewhere (a variable default, a `.tfvars` value, a
/// local): that place is a related location of their findings.
pub(super) fn value_origins(
    m: &Module,
    block: &Block,
    eb: &EBlock,
    skip: &[Loc],
    origins: &mut Vec<crate::Origin>,
) {
    for a in block.body.attributes() {
        let Some(attr) = eb.attr(a.key.as_str()) else {
            continue;
        };
        if skip.contains(&attr.loc) {
            continue;
        }
        if let Some(v) = written_at(m, &a.value).filter(|v| !within(*v, attr.loc)) {
            origins.push(crate::Origin {
                block: eb.loc,
                at: Some(attr.loc),
                fact: None,
                loc: v,
                message: "the value is set here".to_owned(),
            });
        }
    }
}

/// Errors and suppressions of called modules' files, and what the recursion carries.
#[derive(Default)]
pub(super) struct ChildOutput {
    pub(super) errors: Vec<keylint_model::FileError>,
    pub(super) notes: Vec<keylint_model::FileError>,
    pub(super) suppressions: Vec<crate::Suppression>,
    pub(super) origins: Vec<crate::Origin>,
    /// Module key (`a.b`) -> directory, from `.terraform/modules/modules.json`.
    pub(super) manifest: HashMap<String, String>,
    /// The calls being evaluated, outermost first: module name, call header, address,
    /// where the called module's variables come from.
    pub(super) stack: Vec<(String, Loc, String, VarOrigins)>,
}

/// The modules `terraform init` installed for the root module in `dir`
/// (`.terraform/modules/modules.json`): module key (`a`, `a.b` for a call inside `a`) ->
/// directory, as Terraform itself resolves calls offline. Empty when there is none.
pub(super) fn module_manifest(dir: &str, loader: &dyn FileLoader) -> HashMap<String, String> {
    let under = |p: &str| {
        let p = p.replace('\\', "/");
        crate::hcl::normalize(&if dir.is_empty() || dir == "." {
            p
        } else {
            format!("{dir}/{p}")
        })
    };
    let mut out = HashMap::default();
    let Some(text) = loader.load(&under(".terraform/modules/modules.json")) else {
        return out;
    };
    let Ok(doc) = crate::json::parse(&text, 0, 0) else {
        return out;
    };
    for m in doc.get("Modules").map(Node::items).unwrap_or_default() {
        if let (Some(key), Some(d)) = (
            m.get("Key").and_then(Node::as_str),
            m.get("Dir").and_then(Node::as_str),
        ) && !key.is_empty()
        {
            out.insert(key.to_owned(), under(d));
        }
    }
    out
}

/// Evaluate the modules a module calls: local ones (`source = "./..."` or `"../..."`) and
/// those `terraform init` installed (listed in `.terraform/modules/modules.json`): the
/// module's Terraform files are read through the loader and appended to `texts`, its
/// variables take the caller's arguments (else their defaults), and its resources get
/// addresses under `module.NAME[KEY].`. Nothing is downloaded: other registry, Git and
/// remote sources are skipped with a note, as are local sources with no Terraform files.
/// Calls nest up to 16 deep and never recurse into a module already being evaluated.
#[expect(
    clippy::too_many_arguments,
    reason = "the recursion carries the unit being built"
)]
#[expect(clippy::too_many_lines, reason = "one call, step by step")]
pub(super) fn module_calls(
    parent: &Module,
    calls: &[(u32, &Block)],
    prefix: &str,
    loader: &dyn FileLoader,
    texts: &mut Vec<(String, Rc<String>)>,
    calling: &mut Vec<String>,
    res: &mut Vec<Res>,
    out: &mut ChildOutput,
) {
    if calling.len() > MAX_MODULE_DEPTH {
        return;
    }
    for (id, block) in calls {
        let name = block
            .labels
            .first()
            .map(|l| l.as_str().to_owned())
            .unwrap_or_default();
        for (suffix, bindings) in instances(parent, *id, block) {
            let call = Eval {
                m: parent,
                file: *id,
                bindings,
                depth: 0,
            }
            .block(block);
            let Some(source) = call.value("source").and_then(Node::as_str) else {
                continue;
            };
            let address = format!("{prefix}module.{name}{suffix}");
            let note = |texts: &[(String, Rc<String>)], message: String| {
                let at = call.header;
                let file = texts.get(at.file as usize);
                let line = file.map(|(_, t)| {
                    keylint_model::LineIndex::new(t)
                        .position(t, at.start as usize)
                        .line
                });
                keylint_model::FileError {
                    file: file.map(|(p, _)| p.clone()).unwrap_or_default(),
                    line,
                    column: None,
                    message,
                }
            };
            let local = source.starts_with("./") || source.starts_with("../");
            let key: Vec<&str> = out
                .stack
                .iter()
                .map(|(n, ..)| n.as_str())
                .chain([name.as_str()])
                .collect();
            let installed = out.manifest.get(&key.join(".")).cloned();
            let dir = match (local, installed) {
                (true, _) => {
                    let dir = crate::hcl::normalize(&format!("{}/{source}", parent.dir));
                    if dir.is_empty() { ".".to_owned() } else { dir }
                }
                (false, Some(dir)) => dir,
                (false, None) => {
                    out.notes.push(note(
                        texts,
                        format!(
                            "module `{address}`: source `{source}` is not local and not installed by `terraform init`; it is not fetched and its resources are not linted"
                        ),
                    ));
                    res.push(Res::new(UNREAD_MODULE, address, call.clone()));
                    continue;
                }
            };
            if calling.contains(&dir) {
                continue;
            }
            let first = texts.len();
            for path in loader.list(&dir) {
                if classify_path(&path) == Some(FileKind::Terraform)
                    && let Some(text) = loader.load(&path)
                {
                    texts.push((path, Rc::new(text)));
                }
            }
            if texts.len() == first {
                out.notes.push(note(
                    texts,
                    format!(
                        "module `{address}`: source `{source}` does not exist or holds no Terraform files; its resources are not linted"
                    ),
                ));
                res.push(Res::new(UNREAD_MODULE, address, call.clone()));
                continue;
            }
            let mut bodies: Vec<(u32, Body)> = Vec::new();
            for (i, (path, text)) in texts.iter().enumerate().skip(first) {
                let fid = u32::try_from(i).unwrap_or(u32::MAX);
                match parse_hcl(path, text) {
                    Ok(body) => {
                        out.suppressions.extend(suppress::scan(text, fid, &body));
                        bodies.push((fid, body));
                    }
                    Err(e) => out.errors.push(e),
                }
            }
            // Where each argument comes from: passed on from the caller's own variable, or
            // set here.
            let mut args = VarOrigins::default();
            let caller = out.stack.last().map(|(_, _, _, o)| o);
            for a in block.body.attributes() {
                let Some(ea) = call.attr(a.key.as_str()) else {
                    continue;
                };
                let from_caller = direct_var(&a.value).and_then(|v| caller?.get(v));
                let origin = match from_caller {
                    Some(o) => {
                        let mut o = o.clone();
                        o.path
                            .push((ea.loc, format!("passed on as `{}` to `{address}`", ea.name)));
                        o
                    }
                    None => VarOrigin {
                        path: vec![(ea.loc, String::new())],
                        source: written_at(parent, &a.value).filter(|v| !within(*v, ea.loc)),
                    },
                };
                args.insert(ea.name.clone(), origin);
            }
            let mut child = Module::new(dir.clone(), texts.clone(), loader);
            child.address_prefix = format!("{prefix}module.{name}{suffix}.");
            child.take_budget_of(parent);
            let decls = declare(
                &mut child,
                bodies.iter().map(|(id, b)| (*id, b)),
                Some(&call),
            );
            let child_prefix = format!("{address}.");
            let before = res.len();
            evaluate_data_docs(&child, &decls.data_docs, &child_prefix, res);
            evaluate_resources(
                &child,
                &decls.resources,
                &child_prefix,
                Some(&args),
                res,
                &mut out.origins,
            );
            out.stack.push((name.clone(), call.header, address, args));
            // The calls that reach these resources.
            for r in res.iter().skip(before) {
                for (_, header, addr, _) in &out.stack {
                    out.origins.push(crate::Origin {
                        block: r.eb.loc,
                        at: None,
                        fact: None,
                        loc: *header,
                        message: format!("reached through `{addr}`, called here"),
                    });
                }
            }
            *texts = child.texts.borrow().clone();
            calling.push(dir);
            module_calls(
                &child,
                &decls.calls,
                &child_prefix,
                loader,
                texts,
                calling,
                res,
                out,
            );
            calling.pop();
            out.stack.pop();
            out.errors.extend(child.diagnostics());
            child.give_budget_back(parent);
        }
    }
}

/// Whether the extraction reads resources of this type: others are not evaluated.
pub(super) fn is_supported(ty: &str) -> bool {
    crate::extract::SUPPORTED.contains(&ty) || crate::coverage::is_covered_type(ty)
}
