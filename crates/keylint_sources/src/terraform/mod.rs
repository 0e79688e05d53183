//! Terraform modules: HCL files of one directory, with their variables, tfvars and
//! locals, turned into model entities.
//!
//! Layers: [`loader`] evaluates a module and the modules it calls into resources (the
//! neutral view of [`crate::resource`]); [`crate::extract`] turns resources into entities,
//! for Terraform and for every front-end that translates into the same view.

mod loader;

use std::rc::Rc;

use hcl_edit::structure::Body;
use keylint_model::Node;

use crate::file_types::{FileKind, classify_path};
use crate::hcl::{Eval, FileLoader, Module};
use crate::hcl_parse::parse_hcl;
use crate::resource::Res;
use crate::{SourceFile, UnitOutput, suppress};

use crate::extract::{Extractor, into_files};
use loader::{
    ChildOutput, apply_types, declare, evaluate_data_docs, evaluate_resources, is_supported,
    module_calls, module_manifest,
};

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
                evaluated.push(Res::new(
                    ty.key.clone(),
                    format!("{}.{}", ty.key, r.key),
                    eb,
                ));
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
    Extractor::new(&mut out, &evaluated, &text_of, true).run();
    // The file table: the module's files, those loaded by file(), then called modules'.
    out.files = into_files(texts);
    crate::scan_private_keys(&mut out);
    out
}

#[cfg(test)]
mod tests;
