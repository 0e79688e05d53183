//! Embed the rule pack (`policies/`) into the binary: the schema, and for each rule
//! folder its `rule.cedar` and, with the `rule-docs` feature, its `doc.md`.
//!
//! Also prepare here what a start-up would otherwise compute from the same text every
//! time (parsing the schema twice and every rule, converting each rule to its JSON form):
//! each built-in rule's annotations, effect, scope, what it requires of an entity and the
//! attributes it reads (`src/applicability.rs`, the same code the engine runs on user
//! rules), and the attributes each entity type declares in the schema. The engine then
//! parses a built-in rule's Cedar text only when an entity its policy sets judge is seen.
//! A rule file that does not parse here, or holds other than one policy, is left
//! unprepared: the engine loads it as it loads a user rule, and reports its problems.
//! Strict validation of the built-in pack is a test (`tests/pack.rs`), not a start-up step.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use cedar_policy::{PolicySet, ResourceConstraint, SchemaFragment};

#[allow(
    dead_code,
    reason = "the build script runs the analysis; the rest of the module serves the engine"
)]
#[path = "src/applicability.rs"]
mod applicability;

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default())
        .join("../../policies");
    println!("cargo:rerun-if-changed={}", root.display());
    println!("cargo:rerun-if-changed=src/applicability.rs");
    let mut rules: Vec<(String, PathBuf)> = Vec::new();
    if let Ok(providers) = std::fs::read_dir(&root) {
        for p in providers.flatten() {
            let path = p.path();
            println!("cargo:rerun-if-changed={}", path.display());
            if !path.is_dir() {
                continue;
            }
            for r in std::fs::read_dir(&path).into_iter().flatten().flatten() {
                let rp = r.path();
                if rp.join("rule.cedar").is_file() {
                    println!("cargo:rerun-if-changed={}", rp.join("rule.cedar").display());
                    println!("cargo:rerun-if-changed={}", rp.join("doc.md").display());
                    let rel = format!("{}/{}", file_name(&path), file_name(&rp));
                    rules.push((rel, rp));
                }
            }
        }
    }
    rules.sort();
    // Without the `rule-docs` feature (the WebAssembly module) a rule's documentation is
    // empty: the review page loads the documents itself.
    let docs = std::env::var_os("CARGO_FEATURE_RULE_DOCS").is_some();
    let mut out = String::from(
        "/// Built-in rules: (folder, rule.cedar, doc.md or, without the `rule-docs` feature, \"\").\npub static BUILTIN_RULES: &[(&str, &str, &str)] = &[\n",
    );
    for (rel, path) in &rules {
        let doc = if docs {
            format!(
                "include_str!({:?})",
                path.join("doc.md").display().to_string()
            )
        } else {
            "\"\"".to_owned()
        };
        let _ = writeln!(
            out,
            "    ({rel:?}, include_str!({:?}), {doc}),",
            path.join("rule.cedar").display().to_string(),
        );
    }
    out.push_str("];\n");
    let schema_path = root.join("schema.cedarschema");
    let _ = writeln!(
        out,
        "/// The Cedar schema of the model.\npub static SCHEMA: &str = include_str!({:?});",
        schema_path.display().to_string()
    );
    out.push_str(
        "/// What the build prepared of each built-in rule, in the order of `BUILTIN_RULES`\n\
         /// (`None`: load it from its text).\n\
         pub static PREPARED: &[Option<Prepared>] = &[\n",
    );
    for (_, path) in &rules {
        let text = std::fs::read_to_string(path.join("rule.cedar")).unwrap_or_default();
        match prepare(&text) {
            Some(p) => {
                let _ = writeln!(out, "    Some({p}),");
            }
            None => out.push_str("    None,\n"),
        }
    }
    out.push_str("];\n");
    let schema_text = std::fs::read_to_string(&schema_path).unwrap_or_default();
    // The schema in Cedar's JSON form, which the engine reads at run time: the same schema,
    // and the Cedar-schema grammar then never reaches the WebAssembly module (its parser
    // and tables were ~40 KB of the gzipped module). A schema that does not convert leaves
    // an empty text, which `pack::schema` reports and the pack tests fail on.
    let schema_json = SchemaFragment::from_cedarschema_str(&schema_text)
        .ok()
        .and_then(|(fragment, _)| fragment.to_json_string().ok())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "/// The Cedar schema of the model in Cedar's JSON schema form, converted from `SCHEMA`.\n\
         pub static SCHEMA_JSON: &str = {schema_json:?};"
    );
    let mut attrs: Vec<_> = applicability::schema_attributes(&schema_text)
        .into_iter()
        .collect();
    attrs.sort();
    out.push_str(
        "/// The attributes each entity type declares in the schema.\n\
         pub static SCHEMA_ATTRIBUTES: &[(keylint_model::EntityKind, &[&str])] = &[\n",
    );
    for (kind, names) in &attrs {
        let _ = writeln!(
            out,
            "    (keylint_model::EntityKind::{kind:?}, &{:?}),",
            names.iter().collect::<Vec<_>>()
        );
    }
    out.push_str("];\n");
    controls(&root, &mut out);
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("pack.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
}

/// The control catalog (`policies/controls.toml`) as `CONTROL_CATALOG`: (id, title,
/// source) in file order. A file that does not parse gives an empty catalog, which the
/// crosswalk test (`tests/pack.rs`) reports.
fn controls(root: &Path, out: &mut String) {
    let path = root.join("controls.toml");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            println!("cargo:warning=policies/controls.toml: {e}");
            toml::Table::new()
        }
    };
    out.push_str(
        "/// The control catalog, `policies/controls.toml`: (id, title, source).\n\
         pub static CONTROL_CATALOG: &[(&str, &str, &str)] = &[\n",
    );
    let entries = table.get("control").and_then(toml::Value::as_array);
    for c in entries.into_iter().flatten() {
        let field = |k: &str| c.get(k).and_then(toml::Value::as_str).unwrap_or_default();
        let _ = writeln!(
            out,
            "    ({:?}, {:?}, {:?}),",
            field("id"),
            field("title"),
            field("source")
        );
    }
    out.push_str("];\n");
}

/// A `Prepared { .. }` expression for a rule file holding exactly one policy.
fn prepare(text: &str) -> Option<String> {
    let set = PolicySet::from_str(text).ok()?;
    let mut policies = set.policies();
    let policy = policies.next()?;
    if policies.next().is_some() {
        return None;
    }
    let est = policy.to_json().ok()?;
    let req = applicability::requirements_of(&est);
    let reads = applicability::resource_reads_of(&est);
    let annotations: Vec<(&str, &str)> = policy.annotations().collect();
    let scope = match policy.resource_constraint() {
        ResourceConstraint::Is(t) | ResourceConstraint::IsIn(t, _) => Some(t.to_string()),
        _ => None,
    };
    let kinds = req.kinds.map(|k| {
        let items: Vec<String> = k
            .iter()
            .map(|k| format!("keylint_model::EntityKind::{k:?}"))
            .collect();
        format!("&[{}]", items.join(", "))
    });
    Some(format!(
        "Prepared {{ annotations: &{annotations:?}, forbid: {}, scope: {scope:?}, kinds: {}, attrs: &{:?}, provider: {:?}, reads: {} }}",
        policy.effect() == cedar_policy::Effect::Forbid,
        kinds.map_or_else(|| "None".to_owned(), |k| format!("Some({k})")),
        req.attrs.iter().collect::<Vec<_>>(),
        req.provider,
        reads.map_or_else(
            || "None".to_owned(),
            |r| format!("Some(&{:?})", r.iter().collect::<Vec<_>>())
        ),
    ))
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
