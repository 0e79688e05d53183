//! The modules of `keylint_sources` form layers: no module depends, directly or through
//! others, on itself.
//!
//! Edges are read from the source text of `src/**/*.rs` (test modules, comments and
//! `mod` lines left out): `crate::a::…` and `use crate::{a, b}` paths, `super::` paths
//! resolved against the module, and paths through a module's own child modules
//! (`child::f`). A name the crate root re-exports (`pub use registry::{FileKind, …}`)
//! resolves to the module it comes from; a name defined in `lib.rs` to the root itself.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a test reading the crate's own sources: a missing file or a bad slice is a test failure"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rs_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// `a/b.rs` -> `a::b`, `a/mod.rs` -> `a`, `lib.rs` -> `crate`.
fn module_name(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let parts: Vec<&str> = match parts.last().map(String::as_str) {
        Some("mod") => parts[..parts.len() - 1]
            .iter()
            .map(String::as_str)
            .collect(),
        _ => parts.iter().map(String::as_str).collect(),
    };
    if parts == ["lib"] {
        "crate".to_owned()
    } else {
        parts.join("::")
    }
}

/// The code of a file without comments, `mod` declarations and `#[cfg(test)]` modules.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            // Skip the attributes and the item that follows, up to its closing brace at the
            // same indentation (or its `;`).
            let indent = line.len() - t.len();
            while let Some(next) = lines.peek() {
                if next.trim_start().starts_with("#[") {
                    lines.next();
                } else {
                    break;
                }
            }
            if let Some(item) = lines.next()
                && item.trim_end().ends_with('{')
            {
                for l in lines.by_ref() {
                    let lt = l.trim_start();
                    if l.len() - lt.len() == indent && lt.starts_with('}') {
                        break;
                    }
                }
            }
            continue;
        }
        if t.starts_with("//") {
            continue;
        }
        let code = match t.find("//") {
            Some(i) if !t[..i].contains('"') => &t[..i],
            _ => t,
        };
        out.push_str(code);
        out.push('\n');
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The paths that start at `at` in `code` (just after `crate::` or `super::`): each as its
/// segments; a `{a, b::c}` group gives one path per member.
fn paths_at(code: &str, at: usize) -> Vec<Vec<String>> {
    let rest = &code[at..];
    if let Some(group) = rest.strip_prefix('{') {
        let mut depth = 0;
        let mut end = group.len();
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    end = i;
                    break;
                }
                '}' => depth -= 1,
                _ => {}
            }
        }
        let inner = &group[..end];
        let mut members = Vec::new();
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    members.push(&inner[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        members.push(&inner[start..]);
        return members
            .into_iter()
            .map(|m| segments(m.trim()))
            .filter(|s| !s.is_empty())
            .collect();
    }
    vec![segments(rest)]
}

/// `a::b::c` at the start of `s`, as segments (stops at anything else).
fn segments(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        let end = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        out.push(rest[..end].to_owned());
        match rest[end..].strip_prefix("::") {
            Some(r) => rest = r,
            None => break,
        }
    }
    out
}

struct Crate {
    modules: BTreeSet<String>,
    /// Names the root re-exports from one of its modules.
    reexports: BTreeMap<String, String>,
    /// Names the root defines itself.
    root_items: BTreeSet<String>,
}

impl Crate {
    /// The module a path from the crate root names; `None` for anything outside the crate.
    fn resolve(&self, segs: &[String]) -> Option<String> {
        let first = segs.first()?;
        let mut best = None;
        for n in 1..=segs.len() {
            let m = segs[..n].join("::");
            if self.modules.contains(&m) {
                best = Some(m);
            }
        }
        best.or_else(|| self.reexports.get(first).cloned())
            .or_else(|| self.root_items.contains(first).then(|| "crate".to_owned()))
    }
}

fn graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    rs_files(src, &mut files);
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| (module_name(src, f), std::fs::read_to_string(f).unwrap()))
        .collect();
    let modules: BTreeSet<String> = texts.iter().map(|(m, _)| m.clone()).collect();
    let mut krate = Crate {
        modules,
        reexports: BTreeMap::new(),
        root_items: BTreeSet::new(),
    };
    let lib = &texts.iter().find(|(m, _)| m == "crate").unwrap().1;
    for line in code_of(lib).lines() {
        if let Some(rest) = line.strip_prefix("pub use ") {
            let from = segments(rest);
            if let Some(m) = from.first().filter(|m| krate.modules.contains(*m)) {
                let m = m.clone();
                let names = rest[rest.find("::").unwrap() + 2..].trim_end_matches(';');
                for p in paths_at(names, 0) {
                    if let Some(last) = p.last() {
                        krate.reexports.insert(last.clone(), m.clone());
                    }
                }
            }
        }
        for kw in [
            "pub fn ",
            "pub const ",
            "pub struct ",
            "pub enum ",
            "pub type ",
        ] {
            if let Some(rest) = line.strip_prefix(kw) {
                krate.root_items.insert(segments(rest).concat());
            }
        }
    }
    let mut g = Graph::new();
    for (module, text) in &texts {
        let code = code_of(text);
        let code: String = code
            .lines()
            .filter(|l| !(module == "crate" && l.starts_with("pub use ")))
            .flat_map(|l| [l, "\n"])
            .collect();
        let parent: Vec<String> = if module == "crate" {
            Vec::new()
        } else {
            let mut p: Vec<String> = module.split("::").map(str::to_owned).collect();
            p.pop();
            p
        };
        let own: Vec<String> = if module == "crate" {
            Vec::new()
        } else {
            module.split("::").map(str::to_owned).collect()
        };
        let mut targets = BTreeSet::new();
        for (i, _) in code.match_indices("crate::") {
            if i > 0 && code[..i].ends_with(|c: char| is_ident(c) || c == ':') {
                continue;
            }
            for p in paths_at(&code, i + "crate::".len()) {
                targets.extend(krate.resolve(&p));
            }
        }
        for (i, _) in code.match_indices("super::") {
            if i > 0 && code[..i].ends_with(|c: char| is_ident(c) || c == ':') {
                continue;
            }
            for p in paths_at(&code, i + "super::".len()) {
                let mut full = parent.clone();
                full.extend(p);
                targets.extend(if parent.is_empty() && full.is_empty() {
                    Some("crate".to_owned())
                } else {
                    krate
                        .resolve(&full)
                        .or_else(|| (!parent.is_empty()).then(|| parent.join("::")))
                });
            }
        }
        // Paths through the module's own children (`child::f`, `self::child::f`).
        let prefix = if own.is_empty() {
            String::new()
        } else {
            format!("{}::", own.join("::"))
        };
        for child in &krate.modules {
            let Some(name) = child.strip_prefix(&prefix) else {
                continue;
            };
            if name.contains("::") || child == "crate" || child == module {
                continue;
            }
            let needle = format!("{name}::");
            for (i, _) in code.match_indices(&needle) {
                let before = &code[..i];
                let through_self = before.ends_with("self::");
                if !through_self && before.ends_with(|c: char| is_ident(c) || c == ':') {
                    continue;
                }
                targets.insert(child.clone());
            }
        }
        targets.remove(module);
        g.insert(module.clone(), targets);
    }
    g
}

/// One cycle through each strongly connected group of modules, as the modules around it.
fn cycles(g: &Graph) -> Vec<Vec<String>> {
    let mut found: Vec<Vec<String>> = Vec::new();
    let mut covered: BTreeSet<String> = BTreeSet::new();
    for start in g.keys() {
        if covered.contains(start) {
            continue;
        }
        // Breadth-first from `start` back to `start`: the shortest cycle through it.
        let mut prev: BTreeMap<String, String> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start.clone()]);
        let mut closed = None;
        while let Some(n) = queue.pop_front() {
            for t in g.get(&n).into_iter().flatten() {
                if t == start {
                    closed = Some(n.clone());
                    break;
                }
                if !prev.contains_key(t) {
                    prev.insert(t.clone(), n.clone());
                    queue.push_back(t.clone());
                }
            }
            if closed.is_some() {
                break;
            }
        }
        if let Some(mut n) = closed {
            let mut cycle = vec![n.clone()];
            while n != *start {
                n = prev[&n].clone();
                cycle.push(n.clone());
            }
            cycle.reverse();
            covered.extend(cycle.iter().cloned());
            found.push(cycle);
        }
    }
    found
}

#[test]
fn module_graph_has_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let g = graph(&src);
    let found = cycles(&g);
    let shown: Vec<String> = found
        .iter()
        .map(|c| format!("{} -> {}", c.join(" -> "), c[0]))
        .collect();
    assert!(
        found.is_empty(),
        "module cycles in keylint_sources:\n  {}\n\nedges:\n{}",
        shown.join("\n  "),
        g.iter()
            .map(|(m, t)| format!(
                "  {m} -> {}",
                t.iter().cloned().collect::<Vec<_>>().join(", ")
            ))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn edges_are_found() {
    // The reader itself: a path through `crate::`, a group, `super::` and a child.
    let code = "use crate::{a::X, b};\nfn f() { crate::c::g(); super::d(); e::h(); }\n";
    assert_eq!(paths_at(code, 11), vec![vec!["a", "X"], vec!["b"]]);
    assert_eq!(segments("c::g();"), vec!["c", "g"]);
    assert_eq!(
        code_of("a\n#[cfg(test)]\nmod tests {\n    x\n}\nb\n"),
        "a\nb\n"
    );
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let g = graph(&src);
    assert!(
        g["registry"].contains("crate"),
        "registry uses scan_private_keys"
    );
    assert!(g["cloudformation"].contains("yaml"));
}
