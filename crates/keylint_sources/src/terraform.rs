//! Terraform modules: HCL files of one directory, with their variables, tfvars and
//! locals, turned into model entities.

use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::rc::Rc;

use hcl_edit::structure::Body;
use keylint_model::iam::{self, PolicyKind, PolicySource};
use keylint_model::value::UNKNOWN_PART;
use keylint_model::{Entity, EntityKind, Loc, Member, Node, Val};

use crate::facts;
use crate::file_types::{FileKind, classify_path};
use crate::hcl::{Eval, FileLoader, Module, instances};
use crate::hcl_parse::parse_hcl;
use crate::policy::policy_node;
use crate::resource::{EBlock, Res};
use crate::{SourceFile, UnitOutput, suppress, vault};

/// Read the Terraform files of one module directory (`dir` is the directory label,
/// `.` for the root).
#[must_use]
#[expect(clippy::too_many_lines, reason = "the module assembly steps, in order")]
pub fn read_module(dir: &str, files: Vec<SourceFile>, loader: &dyn FileLoader) -> UnitOutput {
    let mut out = UnitOutput {
        recognized: true,
        format: Some("terraform"),
        ..Default::default()
    };
    let mut bodies: Vec<(u32, FileKind, Body)> = Vec::new();
    let mut json_docs: Vec<(u32, Node)> = Vec::new();
    let mut errors = Vec::new();
    let mut suppressions = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let id = u32::try_from(i).unwrap_or(u32::MAX);
        let Some(kind) = classify_path(&f.path) else {
            continue;
        };
        if kind == FileKind::TerraformJson {
            match crate::json::parse(&f.text, id, 0) {
                Ok(node) => json_docs.push((id, node)),
                Err(e) => errors.push(f.error_at(e.offset, format!("invalid JSON: {}", e.message))),
            }
            continue;
        }
        let text = f.text.as_str();
        match parse_hcl(&f.path, text) {
            Ok(body) => {
                suppressions.extend(suppress::scan(text, id, &body));
                bodies.push((id, kind, body));
            }
            Err(e) => errors.push(e),
        }
    }
    out.errors.extend(errors);
    out.suppressions.extend(suppressions);
    // The module shares the texts (`file()` may add more); they come back at the end.
    let texts: Vec<(String, Rc<String>)> = files
        .into_iter()
        .map(|f| (f.path, Rc::new(f.text)))
        .collect();
    let mut module = Module::new(dir.to_owned(), texts, loader);

    // Variables: defaults, then tfvars (terraform.tfvars, other *.tfvars, *.auto.tfvars).
    let decls = declare(
        &mut module,
        bodies
            .iter()
            .filter(|(_, kind, _)| *kind == FileKind::Terraform)
            .map(|(id, _, body)| (*id, body)),
        None,
    );
    // Terraform JSON syntax: variable defaults (tfvars still override them).
    for (id, doc) in &json_docs {
        for v in doc.get("variable").map(Node::members).unwrap_or_default() {
            if let Some(default) = v.value.get("default") {
                let value = Eval {
                    m: &module,
                    file: *id,
                    bindings: Vec::new(),
                    depth: 0,
                }
                .json_value(default);
                module.vars.insert(v.key.clone(), value);
            }
        }
    }
    let mut tfvars: Vec<&(u32, FileKind, Body)> = bodies
        .iter()
        .filter(|(_, k, _)| *k == FileKind::TfVars)
        .collect();
    tfvars.sort_by_key(|(id, _, _)| {
        let path = out
            .files
            .get(*id as usize)
            .map(|f| f.path.to_ascii_lowercase())
            .unwrap_or_default();
        let name = path.rsplit('/').next().unwrap_or("").to_owned();
        (
            if name == "terraform.tfvars" {
                0
            } else if name.ends_with(".auto.tfvars") {
                2
            } else {
                1
            },
            name,
        )
    });
    for (id, _, body) in tfvars {
        for a in body.attributes() {
            let v = Eval {
                m: &module,
                file: *id,
                bindings: Vec::new(),
                depth: 0,
            }
            .expr(&a.value);
            module.vars.insert(a.key.as_str().to_owned(), v);
        }
    }
    apply_types(&mut module, &decls.types);

    // Resources.
    let mut evaluated: Vec<Res> = Vec::new();
    evaluate_data_docs(&module, &decls.data_docs, "", &mut evaluated);
    evaluate_resources(
        &module,
        &decls.resources,
        "",
        None,
        &mut evaluated,
        &mut out.origins,
    );
    for (id, doc) in &json_docs {
        for ty in doc.get("resource").map(Node::members).unwrap_or_default() {
            if !is_supported(&ty.key) {
                continue;
            }
            for r in ty.value.members() {
                let header = r.key_loc.unwrap_or_default();
                let eb = Eval {
                    m: &module,
                    file: *id,
                    bindings: Vec::new(),
                    depth: 0,
                }
                .json_block(
                    "resource",
                    vec![ty.key.clone(), r.key.clone()],
                    &r.value,
                    header,
                );
                evaluated.push(Res {
                    address: format!("{}.{}", ty.key, r.key),
                    ty: ty.key.clone(),
                    eb,
                });
            }
        }
    }
    // Local modules the configuration calls, evaluated with the caller's arguments.
    let mut texts = module.texts.borrow().clone();
    let mut calling = vec![module.dir.clone()];
    let mut child = ChildOutput {
        manifest: module_manifest(&module.dir, loader),
        ..ChildOutput::default()
    };
    module_calls(
        &module,
        &decls.calls,
        "",
        loader,
        &mut texts,
        &mut calling,
        &mut evaluated,
        &mut child,
    );
    out.errors.extend(child.errors);
    out.notes.extend(child.notes);
    out.suppressions.extend(child.suppressions);
    out.origins.extend(child.origins);
    out.errors.extend(module.diagnostics());
    drop(module);
    let text_of = |f: u32| texts.get(f as usize).map(|(_, t)| Rc::clone(t));
    let mut ex = Extractor {
        out: &mut out,
        res: &evaluated,
        text_of: &text_of,
        docs: HashMap::default(),
        attached: BTreeMap::new(),
    };
    ex.run();
    drop(ex);
    // The file table: the module's files, those loaded by file(), then called modules'.
    out.files = into_files(texts);
    crate::scan_private_keys(&mut out);
    out
}

/// How deep local module calls may nest.
const MAX_MODULE_DEPTH: usize = 16;

type Block = hcl_edit::structure::Block;

/// The blocks of a module that evaluation goes through after the declarations.
#[derive(Default)]
struct Decls<'b> {
    resources: Vec<(u32, &'b Block)>,
    calls: Vec<(u32, &'b Block)>,
    /// `data "vault_policy_document"`: judged in place, its rules are policy content.
    data_docs: Vec<(u32, &'b Block)>,
    /// Variables' `type` constraints, by name.
    types: Vec<(String, u32, &'b hcl_edit::expr::Expression)>,
}

/// Record a module's declarations: variables (the caller's argument when `args` holds
/// one, located at the call; else the default), locals and data sources go into `m`;
/// resources, module calls and Vault policy documents are returned.
fn declare<'b>(
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
fn apply_types(m: &mut Module<'_>, types: &[(String, u32, &hcl_edit::expr::Expression)]) {
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
fn typed(eval: &mut Eval<'_, '_>, ty: &hcl_edit::expr::Expression, value: Node) -> Node {
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
fn evaluate_data_docs(m: &Module, docs: &[(u32, &Block)], prefix: &str, out: &mut Vec<Res>) {
    for (id, block) in docs {
        let eb = Eval {
            m,
            file: *id,
            bindings: Vec::new(),
            depth: 0,
        }
        .block(block);
        let name = eb.labels.get(1).cloned().unwrap_or_default();
        out.push(Res {
            address: format!("{prefix}data.vault_policy_document.{name}"),
            ty: "data.vault_policy_document".to_owned(),
            eb,
        });
    }
}

/// `ROOT.NAME`, exactly (`var.x`, `local.y`): the name.
fn direct_ref<'e>(e: &'e hcl_edit::expr::Expression, root: &str) -> Option<&'e str> {
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
fn direct_var(e: &hcl_edit::expr::Expression) -> Option<&str> {
    direct_ref(e, "var")
}

/// Where the value of each variable of a called module comes from: the module arguments
/// that pass it on, outermost caller first (each with its label), and the place the value
/// itself is written when that is elsewhere (a variable default, a `.tfvars` value).
type VarOrigins = HashMap<String, VarOrigin>;

#[derive(Clone, Debug, Default)]
struct VarOrigin {
    path: Vec<(Loc, String)>,
    source: Option<Loc>,
}

/// Evaluate the supported resources of a module, every instance. `args`: where the
/// variables of a called module come from: an attribute set directly from `var.x` that the
/// caller passed is then located at the outermost caller's argument, with the module
/// arguments passing it on and the attribute itself as related locations (in `origins`).
fn evaluate_resources(
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
            out.push(Res {
                address,
                ty: ty.clone(),
                eb,
            });
        }
    }
}

/// `inner` lies within `outer`.
fn within(inner: Loc, outer: Loc) -> bool {
    inner.file == outer.file && inner.start >= outer.start && inner.end <= outer.end
}

/// `local.NAME`, exactly.
fn direct_local(e: &hcl_edit::expr::Expression) -> Option<&str> {
    direct_ref(e, "local")
}

/// Where the value of `var.x` or `local.x` is written (a variable default, a `.tfvars`
/// value, a local's definition, the argument a caller passed), following locals that are
/// themselves one variable or local.
fn written_at(m: &Module, e: &hcl_edit::expr::Expression) -> Option<Loc> {
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
fn value_origins(
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
struct ChildOutput {
    errors: Vec<keylint_model::FileError>,
    notes: Vec<keylint_model::FileError>,
    suppressions: Vec<crate::Suppression>,
    origins: Vec<crate::Origin>,
    /// Module key (`a.b`) -> directory, from `.terraform/modules/modules.json`.
    manifest: HashMap<String, String>,
    /// The calls being evaluated, outermost first: module name, call header, address,
    /// where the called module's variables come from.
    stack: Vec<(String, Loc, String, VarOrigins)>,
}

/// The modules `terraform init` installed for the root module in `dir`
/// (`.terraform/modules/modules.json`): module key (`a`, `a.b` for a call inside `a`) ->
/// directory, as Terraform itself resolves calls offline. Empty when there is none.
fn module_manifest(dir: &str, loader: &dyn FileLoader) -> HashMap<String, String> {
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
fn module_calls(
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

/// Extract the entities of resources translated from another format (CloudFormation)
/// into `out`, whose file table holds the texts their locations point into.
pub(crate) fn extract(out: &mut UnitOutput, res: &[Res]) {
    // The texts are lent to the extraction (shared, not copied) and then given back.
    let texts: Vec<(String, Rc<String>)> = std::mem::take(&mut out.files)
        .into_iter()
        .map(|f| (f.path, Rc::new(f.text)))
        .collect();
    let text_of = |f: u32| texts.get(f as usize).map(|(_, t)| Rc::clone(t));
    Extractor {
        out,
        res,
        text_of: &text_of,
        docs: HashMap::default(),
        attached: BTreeMap::new(),
    }
    .run();
    out.files = into_files(texts);
}

/// Shared texts back into the unit's file table (copied only if still shared).
fn into_files(texts: Vec<(String, Rc<String>)>) -> Vec<SourceFile> {
    texts
        .into_iter()
        .map(|(path, text)| SourceFile {
            path,
            text: Rc::try_unwrap(text).unwrap_or_else(|shared| (*shared).clone()),
        })
        .collect()
}

const SUPPORTED: &[&str] = &[
    "aws_kms_key",
    "aws_kms_replica_key",
    "aws_kms_external_key",
    "aws_kms_replica_external_key",
    "aws_kms_key_policy",
    "aws_kms_grant",
    "aws_kms_custom_key_store",
    "aws_iam_policy",
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_iam_group_policy",
    "aws_secretsmanager_secret",
    "aws_secretsmanager_secret_rotation",
    "azurerm_key_vault",
    "azurerm_key_vault_key",
    "azurerm_key_vault_secret",
    "azurerm_key_vault_certificate",
    "azurerm_key_vault_access_policy",
    "azurerm_key_vault_managed_hardware_security_module",
    "azurerm_monitor_diagnostic_setting",
    "google_kms_key_ring",
    "google_kms_crypto_key",
    "google_kms_crypto_key_iam_member",
    "google_kms_crypto_key_iam_binding",
    "google_kms_crypto_key_iam_policy",
    "google_kms_key_ring_iam_member",
    "google_kms_key_ring_iam_binding",
    "google_kms_key_ring_iam_policy",
    // Project-level grants of Cloud KMS roles: a project is a scope for separation of duties.
    "google_project_iam_member",
    "google_project_iam_binding",
    "google_project_iam_policy",
    "vault_policy",
    "vault_transit_secret_backend_key",
];

fn is_supported(ty: &str) -> bool {
    SUPPORTED.contains(&ty)
}

struct Extractor<'a> {
    out: &'a mut UnitOutput,
    res: &'a [Res],
    text_of: &'a dyn Fn(u32) -> Option<Rc<String>>,
    /// key address -> (policy value, owner address, policy attribute loc, block loc)
    /// Resource address -> its `policy` document, decoded once.
    docs: HashMap<String, Node>,
    /// Key address -> addresses of the `aws_kms_key_policy` resources attached to it.
    attached: BTreeMap<String, Vec<String>>,
}

/// A typed attribute reading: `Some` when known, with the attribute's location.
fn get_bool(eb: &EBlock, name: &str) -> (Option<bool>, Option<Loc>, bool) {
    match eb.value(name) {
        Some(v) => (v.as_bool(), eb.loc_of(name), true),
        None => (None, None, false),
    }
}

fn get_i64(eb: &EBlock, name: &str) -> (Option<i64>, Option<Loc>, bool) {
    match eb.value(name) {
        Some(v) => (v.as_i64(), eb.loc_of(name), true),
        None => (None, None, false),
    }
}

fn get_str<'e>(eb: &'e EBlock, name: &str) -> (Option<&'e str>, Option<Loc>, bool) {
    match eb.value(name) {
        Some(v) => (v.as_str(), eb.loc_of(name), true),
        None => (None, None, false),
    }
}

/// Set a fact from an attribute, using `default` when it is absent (not when unknown).
fn fact_bool(
    e: &mut Entity,
    fact: &'static str,
    eb: &EBlock,
    names: &[&str],
    default: Option<bool>,
) {
    for name in names {
        let (v, loc, present) = get_bool(eb, name);
        if present {
            e.fact(fact, v, loc);
            return;
        }
    }
    e.fact(fact, default, None);
}

fn fact_i64(e: &mut Entity, fact: &'static str, eb: &EBlock, name: &str, default: Option<i64>) {
    let (v, loc, present) = get_i64(eb, name);
    e.fact(fact, if present { v } else { default }, loc);
}

/// Whether there may be `ident` blocks that cannot be seen (see [`EBlock::blocks_unknown`]):
/// the facts drawn from them stay unknown instead of taking the "block absent" reading.
fn block_unknown(eb: &EBlock, ident: &str) -> bool {
    eb.blocks_unknown(ident)
}

/// The Terraform resource types of an AWS KMS key (CloudFormation keys are translated
/// into the first two).
const KEY_TYPES: &[&str] = &[
    "aws_kms_key",
    "aws_kms_replica_key",
    "aws_kms_external_key",
    "aws_kms_replica_external_key",
];

fn is_key_type(ty: &str) -> bool {
    KEY_TYPES.contains(&ty)
}

/// An AWS managed key named by alias: `alias/aws/<service>`, the bare `aws/<service>`
/// that Secrets Manager also accepts, or an alias ARN `arn:aws:kms:<region>:<acct>:alias/aws/...`.
fn is_aws_managed_key(id: &str) -> bool {
    id.starts_with("alias/aws/") || id.starts_with("aws/") || id.contains(":alias/aws/")
}

/// A key's `policy` is absent, `null` or `""`: the AWS provider treats the empty string
/// as unset, and AWS attaches the default key policy.
fn key_policy_unset(eb: &EBlock) -> bool {
    eb.value("policy").is_none_or(|v| v.as_str() == Some(""))
}

/// Whether an attribute's value may be `null` for all we can tell from how it is written:
/// only an HCL attribute `name = <expression>` whose expression names no `null` (no
/// conditional or `try()` with a `null` branch) is surely set. An unknown value read from
/// elsewhere (a plan's value known after apply, a cloud export that does not show it, a
/// `.tf.json` file) may be unset.
fn may_be_null(eb: &EBlock, name: &str, text_of: &dyn Fn(u32) -> Option<Rc<String>>) -> bool {
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

fn ref_of(node: Option<&Node>) -> Option<&str> {
    match node.map(|n| &n.val) {
        Some(Val::Ref(r)) => Some(r),
        _ => None,
    }
}

impl Extractor<'_> {
    fn entity(&self, kind: EntityKind, r: &Res, provider: &str) -> Entity {
        let mut e = Entity::new(kind, r.address.clone(), r.address.clone(), r.eb.header);
        e.block = r.eb.loc;
        e.set_str("provider", provider);
        e.set_str("kind", r.ty.clone());
        e
    }

    fn find(&self, address: &str) -> Option<&Res> {
        self.res.iter().find(|r| r.address == address)
    }

    fn redact(&mut self, node: Option<&Node>, attr_loc: Option<Loc>) {
        if let Some(l) = node.and_then(|n| n.loc).or(attr_loc) {
            self.out.redactions.push(l);
        }
    }

    fn run(&mut self) {
        for r in self.res {
            // Only AWS resources hold AWS policy documents in `policy`.
            if !r.ty.starts_with("aws_") {
                continue;
            }
            // `policy = ""` on a key is unset for the provider: the default key policy.
            if is_key_type(&r.ty) && key_policy_unset(&r.eb) {
                continue;
            }
            if let Some(doc) =
                r.eb.attr("policy")
                    .and_then(|p| policy_node(&p.value, self.text_of))
            {
                self.docs.insert(r.address.clone(), doc);
            }
            if r.ty == "aws_kms_key_policy"
                && let Some(key) = ref_of(r.eb.value("key_id"))
            {
                self.attached
                    .entry(key.to_owned())
                    .or_default()
                    .push(r.address.clone());
            }
        }
        for r in self.res {
            match r.ty.as_str() {
                ty if is_key_type(ty) => self.aws_key(r),
                "aws_kms_key_policy" => self.aws_key_policy(r),
                "aws_kms_grant" => self.aws_grant(r),
                "aws_kms_custom_key_store" => {
                    let mut e = self.entity(EntityKind::KeyContainer, r, "aws");
                    let (t, loc, _) = get_str(&r.eb, "custom_key_store_type");
                    e.fact("store_type", Some(t.unwrap_or("AWS_CLOUDHSM")), loc);
                    self.out.entities.push(e);
                }
                "aws_iam_policy"
                | "aws_iam_role_policy"
                | "aws_iam_user_policy"
                | "aws_iam_group_policy" => {
                    let entities = self.policy(r, PolicyKind::Identity, None);
                    self.out.entities.extend(entities);
                }
                "aws_secretsmanager_secret" => self.aws_secret(r),
                "aws_secretsmanager_secret_rotation" => self.aws_secret_rotation(r),
                "azurerm_key_vault" => self.azure_vault(r),
                "azurerm_key_vault_managed_hardware_security_module" => self.azure_hsm(r),
                "azurerm_key_vault_key" => self.azure_key(r),
                "azurerm_key_vault_secret" => self.azure_secret(r),
                "azurerm_key_vault_certificate" => self.azure_certificate(r),
                "azurerm_key_vault_access_policy" => {
                    let e = self.azure_access_policy(
                        r,
                        &r.eb,
                        r.address.clone(),
                        r.eb.header,
                        r.eb.loc,
                    );
                    self.out.entities.push(e);
                }
                "google_kms_key_ring" => {
                    let e = self.entity(EntityKind::KeyContainer, r, "gcp");
                    self.out.entities.push(e);
                }
                "google_kms_crypto_key" => self.gcp_key(r),
                "vault_policy" => {
                    if let Some(value) = r.eb.value("policy") {
                        let text = value.loc.and_then(|l| (self.text_of)(l.file));
                        if let Some(doc) =
                            vault::policy_from_string(value, text.as_deref().map(String::as_str))
                        {
                            let entities =
                                vault::policy_entities(&doc, &r.address, &r.address, r.eb.loc);
                            // A policy file loaded with `file()`, maybe by several
                            // resources: each one that loads it is a related location.
                            if let Some(attr) = r.eb.attr("policy")
                                && value.loc.is_some_and(|l| l.file != attr.loc.file)
                            {
                                for e in &entities {
                                    self.out.origins.push(crate::Origin {
                                        block: e.block,
                                        at: None,
                                        fact: None,
                                        loc: attr.loc,
                                        message: format!("loaded by `{}`", r.address),
                                    });
                                }
                            }
                            self.out.entities.extend(entities);
                        }
                    }
                }
                "data.vault_policy_document" => {
                    let rules: Vec<Node> = r.eb.blocks("rule").map(EBlock::to_node).collect();
                    let rules: Vec<&Node> = rules.iter().collect();
                    let entities =
                        vault::policy_document_entities(&rules, &r.address, &r.address, r.eb.loc);
                    self.out.entities.extend(entities);
                }
                "vault_transit_secret_backend_key" => self.vault_transit_key(r),
                _ => {}
            }
        }
        self.gcp_bindings();
    }

    /// The entities of a resource's `policy` document (none when it is absent or unknown).
    fn policy(&self, r: &Res, kind: PolicyKind, key_account: Option<String>) -> Vec<Entity> {
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

    fn aws_key(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::Key, r, "aws");
        let replica = matches!(
            r.ty.as_str(),
            "aws_kms_replica_key" | "aws_kms_replica_external_key"
        );
        let external = matches!(
            r.ty.as_str(),
            "aws_kms_external_key" | "aws_kms_replica_external_key"
        );
        fact_i64(
            &mut e,
            "deletion_window_days",
            eb,
            "deletion_window_in_days",
            Some(30),
        );
        fact_bool(
            &mut e,
            "bypass_lockout",
            eb,
            &["bypass_policy_lockout_safety_check"],
            Some(false),
        );
        fact_bool(
            &mut e,
            "enabled",
            eb,
            &["is_enabled", "enabled"],
            Some(true),
        );
        if !replica {
            fact_bool(&mut e, "multi_region", eb, &["multi_region"], Some(false));
        }
        // Key spec and usage: provider defaults are symmetric ENCRYPT_DECRYPT; a replica
        // inherits its primary's.
        let (spec, spec_loc, spec_present) = match get_str(eb, "customer_master_key_spec") {
            (_, _, true) => get_str(eb, "customer_master_key_spec"),
            _ => get_str(eb, "key_spec"),
        };
        let spec = if spec_present {
            spec
        } else if replica {
            None
        } else {
            Some("SYMMETRIC_DEFAULT")
        };
        let (usage, usage_loc, usage_present) = get_str(eb, "key_usage");
        let usage = if usage_present {
            usage
        } else if replica {
            None
        } else {
            Some("ENCRYPT_DECRYPT")
        };
        e.fact("key_spec", spec, spec_loc);
        e.fact("key_usage", usage, usage_loc);
        if let Some(bits) = spec.and_then(facts::rsa_bits) {
            e.fact("rsa_bits", Some(bits), spec_loc);
        }
        // Where the key material lives.
        let store_attr = eb.value("custom_key_store_id");
        let xks = eb.value("xks_key_id").is_some();
        // CloudFormation says it with `Origin`.
        let origin = eb.value("origin");
        let store: Option<&str> = if external {
            Some("imported")
        } else if let Some(o) = origin {
            o.as_str().map(|o| match o {
                "EXTERNAL" => "imported",
                "AWS_CLOUDHSM" => "cloudhsm",
                "EXTERNAL_KEY_STORE" => "external",
                _ => "aws",
            })
        } else if xks {
            Some("external")
        } else if let Some(store_ref) = store_attr {
            // A store declared in the module tells its type (absent: AWS_CLOUDHSM).
            let declared = ref_of(Some(store_ref)).and_then(|a| self.find(a));
            Some(
                match declared.map(|s| s.eb.value("custom_key_store_type").map(Node::as_str)) {
                    Some(None) => "cloudhsm",
                    Some(Some(Some("EXTERNAL_KEY_STORE"))) => "external",
                    Some(Some(Some(_))) => "cloudhsm",
                    Some(Some(None)) | None => "custom",
                },
            )
        } else {
            Some("aws")
        };
        let store_loc = eb
            .loc_of("custom_key_store_id")
            .or_else(|| eb.loc_of("xks_key_id"))
            .or_else(|| eb.loc_of("origin"));
        if let Some(store) = store {
            e.fact("key_store", Some(store), store_loc);
            let fips = match store {
                "aws" | "cloudhsm" | "imported" => Some(3),
                _ => None,
            };
            e.fact("fips_level", fips, store_loc);
            e.fact(
                "single_tenant_hsm",
                Some(matches!(store, "cloudhsm" | "external" | "custom")),
                store_loc,
            );
        }
        // Rotation (a replica of a key with imported material cannot rotate either).
        if !replica || external {
            let symmetric = spec.map(|s| s == "SYMMETRIC_DEFAULT");
            let encrypt = usage.map(|u| u == "ENCRYPT_DECRYPT");
            let rotatable = match (symmetric, encrypt, store) {
                (Some(s), Some(u), Some(st)) => Some(s && u && st == "aws"),
                (Some(false), _, _) | (_, Some(false), _) => Some(false),
                (_, _, Some(st)) if st != "aws" => Some(false),
                _ => None,
            };
            e.fact("rotatable", rotatable, spec_loc.or(usage_loc).or(store_loc));
            if !external {
                fact_bool(
                    &mut e,
                    "rotation_enabled",
                    eb,
                    &["enable_key_rotation"],
                    Some(false),
                );
                let (p, ploc, present) = get_i64(eb, "rotation_period_in_days");
                if present {
                    e.fact("rotation_period_days", p, ploc);
                }
            }
        }
        if external {
            // Absent, `null` or `""` (unset for the provider): the material does not
            // expire. Set: it expires, also when the date is known only at apply
            // (RULES.md), unless the expression as written can itself be `null`
            // (`var.x ? "..." : null`): then unknown.
            let expires = match eb.value("valid_to") {
                None => Some(false),
                Some(v) if v.as_str() == Some("") => Some(false),
                Some(v) if v.as_str().is_some() => Some(true),
                Some(_) if may_be_null(eb, "valid_to", self.text_of) => None,
                Some(_) => Some(true),
            };
            e.fact("material_expires", expires, eb.loc_of("valid_to"));
            if let Some(m) = eb.value("key_material_base64") {
                if m.as_str().is_some_and(|s| !s.is_empty()) {
                    e.fact(
                        "key_material_literal",
                        Some(true),
                        eb.loc_of("key_material_base64"),
                    );
                }
                self.redact(Some(m), eb.loc_of("key_material_base64"));
            }
        }
        // Policy: inline, or attached by aws_kms_key_policy.
        let attached = self.attached.get(&r.address).map_or(&[][..], Vec::as_slice);
        let account = self
            .docs
            .get(&r.address)
            .and_then(iam::key_account)
            .or_else(|| {
                attached
                    .iter()
                    .filter_map(|a| self.docs.get(a))
                    .find_map(iam::key_account)
            });
        if let Some(a) = &account {
            e.set_str("account", a.clone());
        }
        let has_policy = !key_policy_unset(eb) || !attached.is_empty();
        e.fact("has_policy", Some(has_policy), eb.loc_of("policy"));
        self.out.entities.push(e);
        let entities = self.policy(r, PolicyKind::Key, account);
        self.out.entities.extend(entities);
    }

    /// A Vault transit key: export, backup, deletion and rotation settings.
    fn vault_transit_key(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::Key, r, "vault");
        fact_bool(&mut e, "exportable", eb, &["exportable"], Some(false));
        fact_bool(
            &mut e,
            "plaintext_backup",
            eb,
            &["allow_plaintext_backup"],
            Some(false),
        );
        fact_bool(
            &mut e,
            "deletion_allowed",
            eb,
            &["deletion_allowed"],
            Some(false),
        );
        // `auto_rotate_period` in seconds; 0 or absent: never.
        let (period, loc, present) = match eb.value("auto_rotate_period") {
            Some(v) => (v.as_i64(), eb.loc_of("auto_rotate_period"), true),
            None => (None, None, false),
        };
        if present {
            e.fact("auto_rotate", period.map(|p| p > 0), loc);
        } else {
            e.set_bool("auto_rotate", false);
        }
        let (ty, ty_loc, ty_present) = get_str(eb, "type");
        let ty = if ty_present { ty } else { Some("aes256-gcm96") };
        e.fact("key_type", ty, ty_loc);
        if let Some(bits) = ty
            .and_then(|t| t.strip_prefix("rsa-"))
            .and_then(|b| b.parse::<i64>().ok())
        {
            e.fact("rsa_bits", Some(bits), ty_loc);
        }
        // RULES.md: Vault transit keys live in software (FIPS 140 level 1).
        e.fact("fips_level", Some(1), None);
        self.out.entities.push(e);
    }

    fn aws_key_policy(&mut self, r: &Res) {
        let eb = &r.eb;
        // The key's account comes from this policy, or else from the key's inline policy.
        let key = ref_of(eb.value("key_id"));
        let account = self
            .docs
            .get(&r.address)
            .and_then(iam::key_account)
            .or_else(|| {
                key.and_then(|k| self.docs.get(k))
                    .and_then(iam::key_account)
            });
        let mut entities = self.policy(r, PolicyKind::Key, account);
        let (bypass, loc, present) = get_bool(eb, "bypass_policy_lockout_safety_check");
        if let (true, Some(doc)) = (
            present,
            entities
                .iter_mut()
                .find(|e| e.kind == EntityKind::PolicyDocument),
        ) {
            doc.fact("bypass_lockout", bypass, loc);
        }
        self.out.entities.extend(entities);
    }

    fn aws_grant(&mut self, r: &Res) {
        let mut e = self.entity(EntityKind::Grant, r, "aws");
        if let Some(ops) = r.eb.value("operations") {
            let names: Option<Vec<String>> = ops
                .items()
                .iter()
                .map(|o| o.as_str().map(str::to_owned))
                .collect();
            if let Some(names) = names {
                let decrypt = names
                    .iter()
                    .any(|n| keylint_model::kms_actions::DECRYPT_CAPABLE.contains(&n.as_str()));
                e.fact("grants_decrypt", Some(decrypt), r.eb.loc_of("operations"));
                e.set("operations", names.into());
            }
        }
        self.out.entities.push(e);
    }

    fn aws_secret(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::Secret, r, "aws");
        match eb.value("kms_key_id") {
            None => {
                e.set_bool("customer_managed_key", false);
            }
            Some(v) => {
                let cmk = match &v.val {
                    Val::Ref(_) => Some(true),
                    // The known parts of a partly unknown id can name an AWS managed
                    // alias (`arn:aws:kms:${region}:${account}:alias/aws/secretsmanager`).
                    _ => v.as_partial_str().and_then(|s| {
                        if is_aws_managed_key(s) {
                            Some(false)
                        } else if s.contains(UNKNOWN_PART) {
                            None
                        } else {
                            Some(!s.is_empty())
                        }
                    }),
                };
                e.fact("customer_managed_key", cmk, eb.loc_of("kms_key_id"));
            }
        }
        fact_i64(
            &mut e,
            "recovery_window_days",
            eb,
            "recovery_window_in_days",
            Some(30),
        );
        self.out.entities.push(e);
    }

    fn aws_secret_rotation(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::Secret, r, "aws");
        match eb.block("rotation_rules") {
            None if block_unknown(eb, "rotation_rules") => {}
            None => {
                e.set_bool("rotation_scheduled", false);
            }
            Some(rules) => {
                e.set_bool("rotation_scheduled", true);
                let (days, loc, present) = get_i64(rules, "automatically_after_days");
                if present {
                    e.fact("rotation_days", days, loc);
                } else if let (Some(expr), loc, _) = get_str(rules, "schedule_expression") {
                    e.fact("rotation_days", facts::rate_days(expr), loc);
                }
            }
        }
        self.out.entities.push(e);
    }

    /// Facts a Key Vault and a Managed HSM share: retention and network exposure.
    fn azure_container_facts(e: &mut Entity, eb: &EBlock) {
        fact_i64(
            e,
            "soft_delete_days",
            eb,
            "soft_delete_retention_days",
            Some(90),
        );
        fact_bool(
            e,
            "public_network",
            eb,
            &["public_network_access_enabled"],
            Some(true),
        );
        let (deny, deny_loc) = Self::network_deny(eb);
        e.fact("network_default_deny", deny, deny_loc);
    }

    fn network_deny(eb: &EBlock) -> (Option<bool>, Option<Loc>) {
        match eb.block("network_acls") {
            None if block_unknown(eb, "network_acls") => (None, None),
            None => (Some(false), None),
            Some(acl) => {
                let (v, loc, _) = get_str(acl, "default_action");
                (
                    v.map(|a| a.eq_ignore_ascii_case("deny")),
                    loc.or(Some(acl.header)),
                )
            }
        }
    }

    fn azure_vault(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::KeyContainer, r, "azure");
        fact_bool(
            &mut e,
            "purge_protection",
            eb,
            &["purge_protection_enabled"],
            Some(false),
        );
        fact_bool(
            &mut e,
            "soft_delete_enabled",
            eb,
            &["soft_delete_enabled"],
            Some(true),
        );
        Self::azure_container_facts(&mut e, eb);
        fact_bool(
            &mut e,
            "rbac_enabled",
            eb,
            &["rbac_authorization_enabled", "enable_rbac_authorization"],
            Some(false),
        );
        let (sku, sku_loc, _) = get_str(eb, "sku_name");
        if let Some(sku) = sku {
            e.fact("sku", Some(sku.to_ascii_lowercase()), sku_loc);
            if sku.eq_ignore_ascii_case("standard") {
                e.fact("fips_level", Some(1), sku_loc);
            }
        }
        e.fact("audit_logging", self.azure_audit(&r.address), None);
        self.out.entities.push(e);
        let policies: Vec<Entity> = eb
            .blocks("access_policy")
            .enumerate()
            .map(|(i, ap)| {
                self.azure_access_policy(
                    r,
                    ap,
                    format!("{}.access_policy[{i}]", r.address),
                    ap.header,
                    ap.loc,
                )
            })
            .collect();
        self.out.entities.extend(policies);
    }

    /// Whether some diagnostic setting sends this vault's AuditEvent logs somewhere.
    /// `None` when a setting with an unknown target might.
    fn azure_audit(&self, vault: &str) -> Option<bool> {
        let mut unknown = false;
        for d in self
            .res
            .iter()
            .filter(|d| d.ty == "azurerm_monitor_diagnostic_setting")
        {
            let audits =
                d.eb.blocks("enabled_log")
                    .chain(d.eb.blocks("log"))
                    .any(|l| {
                        let cat = l.value("category").and_then(Node::as_str);
                        let group = l.value("category_group").and_then(Node::as_str);
                        let on = l.value("enabled").and_then(Node::as_bool) != Some(false);
                        on && (cat.is_some_and(|c| c.eq_ignore_ascii_case("AuditEvent"))
                            || group.is_some_and(|g| {
                                g.eq_ignore_ascii_case("audit") || g.eq_ignore_ascii_case("allLogs")
                            })
                            || (cat.is_none() && group.is_none()))
                    });
            // Logs of a `dynamic` block over an unknown collection may audit.
            let maybe = block_unknown(&d.eb, "enabled_log") || block_unknown(&d.eb, "log");
            if !audits && !maybe {
                continue;
            }
            match d.eb.value("target_resource_id").map(|t| &t.val) {
                Some(Val::Ref(t)) if t == vault && audits => return Some(true),
                Some(Val::Ref(t)) if t == vault => unknown = true,
                Some(Val::Ref(_)) => {}
                _ => unknown = true,
            }
        }
        if unknown { None } else { Some(false) }
    }

    fn azure_access_policy(
        &self,
        r: &Res,
        ap: &EBlock,
        id: String,
        loc: Loc,
        block: Loc,
    ) -> Entity {
        let mut e = Entity::new(EntityKind::Binding, id.clone(), r.address.clone(), loc);
        e.block = block;
        e.set_str("provider", "azure");
        e.set_str("kind", "access_policy");
        let lists: Vec<facts::PermissionList<'_>> = [
            ("key_permissions", facts::KEY_PERMISSIONS),
            ("secret_permissions", facts::SECRET_PERMISSIONS),
            ("certificate_permissions", facts::CERT_PERMISSIONS),
        ]
        .into_iter()
        .filter_map(|(attr, full)| {
            let v = ap.value(attr)?;
            let names = v
                .items()
                .iter()
                .map(|n| n.as_str().map(str::to_owned))
                .collect();
            Some((full, names, ap.loc_of(attr)))
        })
        .collect();
        let (purge, all, evidence) = facts::access_policy(&lists);
        e.fact("grants_purge", purge, evidence);
        e.fact("grants_all_permissions", all, evidence);
        if let Some(o) = ap.value("object_id").and_then(Node::as_str) {
            e.set_str("member", o);
        }
        e
    }

    fn azure_hsm(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::KeyContainer, r, "azure");
        fact_bool(
            &mut e,
            "purge_protection",
            eb,
            &["purge_protection_enabled"],
            Some(false),
        );
        Self::azure_container_facts(&mut e, eb);
        e.set_str("sku", "managed_hsm");
        self.out.entities.push(e);
    }

    fn azure_key(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::Key, r, "azure");
        let (kty, kty_loc, _) = get_str(eb, "key_type");
        if let Some(t) = kty {
            e.fact("key_type", Some(t), kty_loc);
            let vault = ref_of(eb.value("key_vault_id")).and_then(|v| self.find(v));
            let standard = vault
                .and_then(|v| v.eb.value("sku_name"))
                .and_then(Node::as_str)
                .map(|s| s.eq_ignore_ascii_case("standard"));
            let vault_block = vault.map(|v| v.eb.loc);
            let own = facts::azure_key_fips(t);
            // A key that only its vault's standard SKU holds at level 1 is covered by the
            // vault's finding, which names it; a software key is low on its own account.
            let fips = match (own, standard) {
                (Some(level), Some(true)) if level > 1 => None,
                (Some(_), Some(true)) => Some(1),
                (f, _) => f,
            };
            e.fact("fips_level", fips, kty_loc);
            if let (Some(level), Some(true), Some(block)) = (own, standard, vault_block) {
                let message = if level > 1 {
                    format!(
                        "`{}` (`{t}`) is held at FIPS 140 level 1 by this vault's standard SKU",
                        r.address
                    )
                } else {
                    format!(
                        "`{}` (`{t}`) keeps its key material in software (level 1)",
                        r.address
                    )
                };
                self.out.origins.push(crate::Origin {
                    block,
                    at: None,
                    fact: Some("fips_level"),
                    loc: r.eb.header,
                    message,
                });
            }
            if t.to_ascii_uppercase().starts_with("RSA") {
                let (bits, bloc, _) = get_i64(eb, "key_size");
                e.fact("rsa_bits", bits, bloc.or(kty_loc));
            }
        }
        let (_, exp_loc, exp_present) = get_str(eb, "expiration_date");
        e.fact("has_expiration", Some(exp_present), exp_loc);
        match eb.block("rotation_policy") {
            None if block_unknown(eb, "rotation_policy") => {}
            None => {
                e.set_bool("rotation_auto", false);
            }
            Some(rp) => match rp.block("automatic") {
                None if block_unknown(rp, "automatic") => {}
                None => {
                    e.fact("rotation_auto", Some(false), Some(rp.header));
                }
                Some(auto) => {
                    e.fact("rotation_auto", Some(true), Some(auto.header));
                    let (after, loc, _) = get_str(auto, "time_after_creation");
                    if let Some(days) = after.and_then(facts::iso_days) {
                        e.fact("rotation_after_days", Some(days), loc);
                    } else if let (Some(before), Some(expire)) = (
                        get_str(auto, "time_before_expiry")
                            .0
                            .and_then(facts::iso_days),
                        get_str(rp, "expire_after").0.and_then(facts::iso_days),
                    ) {
                        e.fact(
                            "rotation_after_days",
                            Some(expire - before),
                            auto.loc_of("time_before_expiry"),
                        );
                    }
                }
            },
        }
        self.out.entities.push(e);
    }

    fn azure_secret(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::Secret, r, "azure");
        let (_, exp_loc, exp) = get_str(eb, "expiration_date");
        e.fact("has_expiration", Some(exp), exp_loc);
        let (ct, ct_loc, present) = get_str(eb, "content_type");
        let has = if present {
            ct.map(|c| !c.trim().is_empty())
        } else {
            Some(false)
        };
        e.fact("has_content_type", has, ct_loc);
        for attr in ["value", "value_wo"] {
            if let Some(v) = eb.value(attr) {
                if v.as_str().is_some() {
                    e.fact("key_material_literal", Some(true), eb.loc_of(attr));
                }
                self.redact(Some(v), eb.loc_of(attr));
            }
        }
        self.out.entities.push(e);
    }

    fn azure_certificate(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::Certificate, r, "azure");
        if let Some(kp) = eb
            .block("certificate_policy")
            .and_then(|p| p.block("key_properties"))
        {
            let (x, xloc, present) = get_bool(kp, "exportable");
            if present {
                e.fact("exportable", x, xloc);
            }
            let (kty, _, _) = get_str(kp, "key_type");
            if kty.is_some_and(|t| t.to_ascii_uppercase().starts_with("RSA")) {
                let (bits, bloc, _) = get_i64(kp, "key_size");
                e.fact("rsa_bits", bits, bloc);
            }
        }
        if let Some(c) = eb.block("certificate") {
            for attr in ["contents", "password"] {
                if let Some(v) = c.value(attr) {
                    if attr == "contents" && v.as_str().is_some() {
                        e.fact("key_material_literal", Some(true), c.loc_of(attr));
                    }
                    self.redact(Some(v), c.loc_of(attr));
                }
            }
        }
        self.out.entities.push(e);
    }

    fn gcp_key(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::Key, r, "gcp");
        let (purpose, ploc, present) = get_str(eb, "purpose");
        let purpose = if present {
            purpose
        } else {
            Some("ENCRYPT_DECRYPT")
        };
        e.fact("purpose", purpose, ploc);
        let (rot, rloc, rpresent) = get_str(eb, "rotation_period");
        if rpresent {
            e.fact(
                "rotation_period_seconds",
                rot.and_then(facts::gcp_seconds),
                rloc,
            );
            e.fact("has_rotation", rot.map(|_| true), rloc);
        } else {
            e.set_bool("has_rotation", false);
        }
        let (d, dloc, dpresent) = get_str(eb, "destroy_scheduled_duration");
        let destroy = if dpresent {
            d.and_then(facts::gcp_seconds)
        } else {
            Some(30 * 86_400)
        };
        e.fact("destroy_seconds", destroy, dloc);
        let vt = eb.block("version_template");
        let (pl, pl_loc, pl_present) =
            vt.map_or((None, None, false), |v| get_str(v, "protection_level"));
        let pl = if pl_present || (vt.is_none() && block_unknown(eb, "version_template")) {
            pl
        } else {
            Some("SOFTWARE")
        };
        if let Some(level) = pl {
            e.fact("protection_level", Some(level), pl_loc);
            e.fact("fips_level", facts::gcp_fips(level), pl_loc);
        }
        let (alg, alg_loc, _) = vt.map_or((None, None, false), |v| get_str(v, "algorithm"));
        if let Some(bits) = alg.and_then(facts::rsa_bits) {
            e.fact("rsa_bits", Some(bits), alg_loc);
        }
        let prevent = if block_unknown(eb, "lifecycle") {
            (None, None)
        } else {
            eb.block("lifecycle").map_or((Some(false), None), |l| {
                let (v, loc, present) = get_bool(l, "prevent_destroy");
                (if present { v } else { Some(false) }, loc)
            })
        };
        e.fact("prevent_destroy", prevent.0, prevent.1);
        e.fact(
            "imported",
            eb.value("import_only").and_then(Node::as_bool),
            eb.loc_of("import_only"),
        );
        self.out.entities.push(e);
    }

    /// IAM members, bindings and policies on keys and key rings, with separation of
    /// duties computed per scope.
    fn gcp_bindings(&mut self) {
        // (scope, member) -> roles with evidence
        let mut grants: Vec<ScopedBinding> = Vec::new();
        for r in self.res.iter().filter(|r| {
            (r.ty.starts_with("google_kms_") && r.ty.contains("_iam_"))
                || r.ty.starts_with("google_project_iam_")
        }) {
            let eb = &r.eb;
            let project = r.ty.starts_with("google_project_");
            let scope_attr = if project {
                "project"
            } else if r.ty.contains("crypto_key") {
                "crypto_key_id"
            } else {
                "key_ring_id"
            };
            let scope = eb.value(scope_attr).and_then(|v| match &v.val {
                Val::Ref(s) => Some(s.clone()),
                _ => v.as_str().map(str::to_owned),
            });
            let mut pairs: Vec<(Node, Node, Loc)> = Vec::new();
            if r.ty.ends_with("_member") {
                if let (Some(role), Some(m)) = (eb.value("role"), eb.value("member")) {
                    pairs.push((
                        role.clone(),
                        m.clone(),
                        eb.loc_of("member").unwrap_or(eb.header),
                    ));
                }
            } else if r.ty.ends_with("_binding") {
                if let (Some(role), Some(ms)) = (eb.value("role"), eb.value("members")) {
                    pairs.push((
                        role.clone(),
                        ms.clone(),
                        eb.loc_of("members").unwrap_or(eb.header),
                    ));
                }
            } else if let Some(pd) = eb.attr("policy_data") {
                let doc = policy_node(&pd.value, self.text_of);
                if let Some(doc) = doc {
                    for b in doc.get("bindings").map(Node::items).unwrap_or_default() {
                        if let (Some(role), Some(ms)) = (b.get("role"), b.get("members")) {
                            pairs.push((role.clone(), ms.clone(), pd.loc));
                        }
                    }
                }
            }
            for (i, (role, members, loc)) in pairs.into_iter().enumerate() {
                let mut e = Entity::new(
                    EntityKind::Binding,
                    format!("{}#{i}", r.address),
                    r.address.clone(),
                    loc,
                );
                e.block = eb.loc;
                e.set_str("provider", "gcp");
                e.set_str("kind", r.ty.clone());
                if let Some(s) = &scope {
                    e.set_str("scope", s.clone());
                }
                let role_s = role.as_str().map(str::to_owned);
                if let Some(rs) = &role_s {
                    e.set_str("role", rs.clone());
                }
                let names: Vec<&Node> = members.items();
                let known: Vec<String> = names
                    .iter()
                    .filter_map(|m| m.as_str().map(str::to_owned))
                    .collect();
                let public = known
                    .iter()
                    .any(|m| m == "allUsers" || m == "allAuthenticatedUsers");
                let complete = known.len() == names.len() && !members.is_unknown();
                // `allUsers` on a project is not a key-level grant: only keys and key rings count.
                if !project && (public || complete) {
                    e.fact("public_member", Some(public), Some(loc));
                }
                if !known.is_empty() {
                    e.set("members", known.clone().into());
                }
                let pairs = role_s
                    .map(|r| known.iter().map(|m| (m.clone(), r.clone())).collect())
                    .unwrap_or_default();
                grants.push((e, scope.clone(), pairs));
            }
        }
        // Separation of duties: the same member holds cloudkms.admin and a crypto role
        // on the same scope.
        let mut by_scope: HashMap<(String, String), (bool, bool)> = HashMap::default();
        for (_, scope, pairs) in &grants {
            let Some(scope) = scope else { continue };
            for (member, role) in pairs {
                let entry = by_scope.entry((scope.clone(), member.clone())).or_default();
                if role == "roles/cloudkms.admin" {
                    entry.0 = true;
                }
                if CRYPTO_ROLES.contains(&role.as_str()) {
                    entry.1 = true;
                }
            }
        }
        for (mut e, scope, pairs) in grants {
            if let Some(scope) = &scope {
                let conflict: Vec<String> = pairs
                    .iter()
                    .filter(|(m, _)| {
                        by_scope.get(&(scope.clone(), m.clone())) == Some(&(true, true))
                    })
                    .map(|(m, _)| m.clone())
                    .collect();
                e.set_bool("separation_conflict", !conflict.is_empty());
                if !conflict.is_empty() {
                    e.set("conflicting_members", conflict.into());
                }
            }
            self.out.entities.push(e);
        }
    }
}

/// A binding entity, its scope, and its (member, role) pairs.
type ScopedBinding = (Entity, Option<String>, Vec<(String, String)>);

/// Cloud KMS roles that perform cryptographic operations.
const CRYPTO_ROLES: &[&str] = &[
    "roles/cloudkms.cryptoKeyEncrypterDecrypter",
    "roles/cloudkms.cryptoKeyEncrypter",
    "roles/cloudkms.cryptoKeyDecrypter",
    "roles/cloudkms.signerVerifier",
    "roles/cloudkms.signer",
    "roles/cloudkms.verifier",
    "roles/cloudkms.macSigner",
    "roles/cloudkms.macVerifier",
    "roles/cloudkms.cryptoOperator",
];

#[cfg(test)]
mod tests {
    use super::declare;
    use crate::hcl::{Eval, Module, NoFiles};
    use crate::hcl_parse::parse_hcl;
    use keylint_model::entity::AttrValue;
    use keylint_model::{Entity, EntityKind, Node, Val};
    use std::rc::Rc;

    fn entities(tf: &str) -> Vec<Entity> {
        let files = vec![crate::SourceFile {
            path: "main.tf".into(),
            text: tf.into(),
        }];
        super::read_module(".", files, &crate::hcl::NoFiles).entities
    }

    fn key<'e>(es: &'e [Entity], id: &str) -> &'e Entity {
        es.iter()
            .find(|e| e.kind == EntityKind::Key && e.id == id)
            .unwrap()
    }

    #[test]
    fn replica_external_key_facts() {
        let es = entities(
            r#"resource "aws_kms_replica_external_key" "r" {
  primary_key_arn         = "arn:aws:kms:us-east-1:111122223333:key/mrk-1"
  deletion_window_in_days = 7
  enabled                 = false
  valid_to                = "2027-01-01T00:00:00Z"
  key_material_base64     = "RkFLRQ=="
}
resource "aws_kms_replica_external_key" "d" {
  primary_key_arn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1"
}"#,
        );
        let r = key(&es, "aws_kms_replica_external_key.r");
        assert_eq!(r.get("deletion_window_days"), Some(&AttrValue::Long(7)));
        assert_eq!(r.get_bool("enabled"), Some(false));
        assert_eq!(r.get_bool("material_expires"), Some(true));
        assert_eq!(r.get_bool("key_material_literal"), Some(true));
        assert_eq!(r.get_str("key_store"), Some("imported"));
        assert_eq!(r.get_bool("rotatable"), Some(false));
        assert_eq!(r.get("multi_region"), None, "a replica does not say");
        let d = key(&es, "aws_kms_replica_external_key.d");
        assert_eq!(d.get("deletion_window_days"), Some(&AttrValue::Long(30)));
        assert_eq!(d.get_bool("bypass_lockout"), Some(false));
        assert_eq!(d.get_bool("material_expires"), Some(false));
        assert_eq!(d.get_bool("has_policy"), Some(false));
    }

    #[test]
    fn empty_key_policy_is_unset() {
        let es = entities(
            r#"variable "policy" {
  default = ""
}
resource "aws_kms_key" "a" {
  policy = ""
}
resource "aws_kms_key" "b" {
  policy = var.policy
}"#,
        );
        for id in ["aws_kms_key.a", "aws_kms_key.b"] {
            assert_eq!(key(&es, id).get_bool("has_policy"), Some(false));
        }
        assert!(
            !es.iter().any(|e| e.kind == EntityKind::PolicyDocument),
            "no policy document, so nothing malformed"
        );
    }

    #[test]
    fn valid_to_unknown_and_maybe_null() {
        let es = entities(
            r#"variable "date" {}
variable "expires" {}
resource "aws_kms_external_key" "set" {
  valid_to = var.date
}
resource "aws_kms_external_key" "maybe" {
  valid_to = var.expires ? var.date : null
}
resource "aws_kms_external_key" "empty" {
  valid_to = ""
}"#,
        );
        assert_eq!(
            key(&es, "aws_kms_external_key.set").get_bool("material_expires"),
            Some(true)
        );
        assert_eq!(
            key(&es, "aws_kms_external_key.maybe").get_bool("material_expires"),
            None
        );
        assert_eq!(
            key(&es, "aws_kms_external_key.empty").get_bool("material_expires"),
            Some(false)
        );
    }

    #[test]
    fn secretsmanager_aws_managed_key_forms() {
        let es = entities(
            r#"variable "region" {}
resource "aws_secretsmanager_secret" "bare" {
  kms_key_id = "aws/secretsmanager"
}
resource "aws_secretsmanager_secret" "alias" {
  kms_key_id = "alias/aws/secretsmanager"
}
resource "aws_secretsmanager_secret" "arn" {
  kms_key_id = "arn:aws:kms:${var.region}:111122223333:alias/aws/secretsmanager"
}
resource "aws_secretsmanager_secret" "partial_cmk" {
  kms_key_id = "arn:aws:kms:${var.region}:111122223333:alias/app"
}
resource "aws_secretsmanager_secret" "cmk" {
  kms_key_id = "alias/app"
}"#,
        );
        let cmk = |id: &str| {
            es.iter()
                .find(|e| e.kind == EntityKind::Secret && e.id == id)
                .unwrap()
                .get_bool("customer_managed_key")
        };
        assert_eq!(cmk("aws_secretsmanager_secret.bare"), Some(false));
        assert_eq!(cmk("aws_secretsmanager_secret.alias"), Some(false));
        assert_eq!(cmk("aws_secretsmanager_secret.arn"), Some(false));
        assert_eq!(cmk("aws_secretsmanager_secret.partial_cmk"), None);
        assert_eq!(cmk("aws_secretsmanager_secret.cmk"), Some(true));
    }

    #[test]
    fn optional_attributes_take_their_defaults() {
        let src = r#"
variable "ctx" {
  type = object({
    principals = optional(map(string), {})
    name       = optional(string)
    nested     = optional(object({ level = optional(string, "deep") }), {})
  })
  default = {}
}
variable "keys" {
  type    = map(object({ rotation = optional(string, "7776000s"), name = string }))
  default = { a = { name = "k" }, b = { name = "j", rotation = null }, c = { name = "i", rotation = "1s" } }
}
variable "items" {
  type    = list(object({ x = optional(number, 1) }))
  default = [{}]
}
variable "unknown" {
  type = object({ a = optional(string, "x") })
}
locals {
  m = lookup(var.ctx.principals, "me", "me")
}
"#;
        let body = parse_hcl("main.tf", src).unwrap();
        let mut m = Module::new(
            ".".into(),
            vec![("main.tf".into(), Rc::new(src.to_owned()))],
            &NoFiles,
        );
        let _ = declare(&mut m, std::iter::once((0, &body)), None);
        let ctx = &m.vars["ctx"];
        assert_eq!(ctx.get("principals").unwrap().members().len(), 0);
        assert!(matches!(ctx.get("name").unwrap().val, Val::Null));
        assert_eq!(
            ctx.get("nested")
                .and_then(|n| n.get("level"))
                .and_then(Node::as_str),
            Some("deep")
        );
        let rot = |k: &str| {
            m.vars["keys"]
                .get(k)
                .and_then(|v| v.get("rotation"))
                .and_then(Node::as_str)
                .map(str::to_owned)
        };
        assert_eq!(rot("a").as_deref(), Some("7776000s"));
        assert_eq!(rot("b").as_deref(), Some("7776000s"));
        assert_eq!(rot("c").as_deref(), Some("1s"));
        assert_eq!(
            m.vars["items"].items()[0].get("x").and_then(Node::as_i64),
            Some(1)
        );
        assert!(!m.vars.contains_key("unknown"));
        // Fabric's `lookup(var.ctx.principals, m, m)`.
        let locals = body
            .blocks()
            .find(|b| b.ident.as_str() == "locals")
            .unwrap();
        let expr = &locals.body.get_attribute("m").unwrap().value;
        let v = Eval {
            m: &m,
            file: 0,
            bindings: Vec::new(),
            depth: 0,
        }
        .expr(expr);
        assert_eq!(v.as_str(), Some("me"));
    }

    /// References inside a called module name the module's resources by their full
    /// address, so a diagnostic setting finds its vault there.
    #[test]
    fn called_modules_too_deep_or_broken_are_located_errors() {
        // The root module's files and a called module's take the same parse entry: a
        // file nested too deep or not parsing is a located error in either.
        let deep = format!("x = {}{}\n", "[".repeat(201), "]".repeat(201));
        let files = vec![
            crate::SourceFile {
                path: "main.tf".into(),
                text:
                    "module \"a\" {\n  source = \"./a\"\n}\nmodule \"b\" {\n  source = \"./b\"\n}\n"
                        .into(),
            },
            crate::SourceFile {
                path: "a/main.tf".into(),
                text: deep.clone(),
            },
            crate::SourceFile {
                path: "b/main.tf".into(),
                text: "\nresource \"x\" \"y\" {\n  a = (1]\n}\n".into(),
            },
            crate::SourceFile {
                path: "deep.tf".into(),
                text: deep,
            },
        ];
        let loader = crate::hcl::GivenFiles::new(&files);
        let root: Vec<crate::SourceFile> = [0, 3].iter().map(|i| files[*i].clone()).collect();
        let out = super::read_module(".", root, &loader);
        let errors: Vec<(String, Option<usize>, Option<usize>, String)> = out
            .errors
            .iter()
            .map(|e| (e.file.clone(), e.line, e.column, e.message.clone()))
            .collect();
        let too_deep = "nesting deeper than 200 levels; the file was not read".to_owned();
        assert!(
            errors.contains(&("deep.tf".into(), Some(1), Some(1), too_deep.clone())),
            "{errors:?}"
        );
        assert!(
            errors.contains(&("a/main.tf".into(), Some(1), Some(1), too_deep)),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|(f, l, _, m)| f == "b/main.tf"
                && *l == Some(3)
                && m.starts_with("invalid HCL")),
            "{errors:?}"
        );
    }

    #[test]
    fn references_in_called_modules_carry_the_module_address() {
        let files = vec![
            crate::SourceFile {
                path: "main.tf".into(),
                text: "module \"kv\" {\n  source = \"./mod\"\n}\n".into(),
            },
            crate::SourceFile {
                path: "mod/main.tf".into(),
                text: "resource \"azurerm_key_vault\" \"this\" {\n  name = \"kv\"\n}\nresource \"azurerm_monitor_diagnostic_setting\" \"d\" {\n  target_resource_id = azurerm_key_vault.this.id\n  enabled_log {\n    category = \"AuditEvent\"\n  }\n}\n".into(),
            },
        ];
        let loader = crate::hcl::GivenFiles::new(&files);
        let root: Vec<crate::SourceFile> = files.iter().take(1).cloned().collect();
        let out = super::read_module(".", root, &loader);
        let vault = out
            .entities
            .iter()
            .find(|e| e.id == "module.kv.azurerm_key_vault.this")
            .unwrap();
        assert_eq!(vault.get_bool("audit_logging"), Some(true));
    }
}
