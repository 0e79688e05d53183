//! Values of HashiCorp's official Vault Helm chart (`values.yaml` and override files):
//! the Vault server configuration the chart deploys, read as a Vault server config with
//! findings located inside the YAML file.
//!
//! What the chart deploys follows its templates (hashicorp/vault-helm
//! `templates/_helpers.tpl`, `vault.serverEnabled`, `vault.mode`, `vault.config`, and
//! `templates/server-config-configmap.yaml`):
//! - no server when `injector.externalVaultAddr` or `global.externalVaultAddr` is set, or
//!   when `server.enabled` is false (`"-"` follows `global.enabled`);
//! - `server.dev.enabled` runs `vault server -dev`, which reads no configuration file;
//! - otherwise `server.ha.enabled` picks `server.ha.config`, else `server.standalone`
//!   (`enabled` true or `"-"`) picks `server.standalone.config`; whenever
//!   `server.ha.raft.enabled` is truthy, `server.ha.raft.config` replaces either;
//! - the config map exists only when `server.standalone.config` or `server.ha.config` is
//!   non-empty.
//!
//! Keys a values file leaves out take the chart's defaults (standalone mode, no raft).
//! A config given as a string is HCL1 or JSON (Vault's own switch); a config given as a
//! map (older chart versions render it as JSON; current ones refuse it) is read as the
//! JSON form. Strings holding Helm template actions (`{{ ... }}`, rendered by `tpl`) are
//! unknown.
//!
//! `global.tlsDisable` does not touch the listener: in the chart it only picks `http` or
//! `https` for probes, service port names and `VAULT_ADDR` (`vault.scheme`). Whether the
//! listener runs TLS is what the config's `tls_disable` says.

use keylint_model::{FileError, Loc, Node, Val};

use crate::vault::{self, hcl1};
use crate::{SourceFile, UnitOutput};

/// Cheap test before parsing a YAML file at all.
fn may_be_values(text: &str) -> bool {
    text.contains("server:")
        && (text.contains("standalone:") || text.contains("ha:") || text.contains("dev:"))
}

/// Whether a parsed YAML document is values of the Vault chart: a top-level `server`
/// map with one of the chart's server modes, or `global` and `server` beside the
/// chart's `injector`.
fn is_values(doc: &Node) -> bool {
    let Some(server) = doc.get("server") else {
        return false;
    };
    if !matches!(server.val, Val::Obj(_)) {
        return false;
    }
    let mode = ["standalone", "ha", "dev"]
        .iter()
        .any(|k| server.get(k).is_some_and(|m| matches!(m.val, Val::Obj(_))));
    mode || (doc.get("global").is_some() && doc.get("injector").is_some())
}

/// Helm's `toString` of a value, `default` when the key is absent.
fn to_string(n: Option<&Node>, default: &str) -> String {
    match n.map(|n| &n.val) {
        None => default.to_owned(),
        Some(Val::Str(s)) => s.clone(),
        Some(Val::Bool(b)) => b.to_string(),
        Some(Val::Num(x)) => x.to_string(),
        Some(Val::Null) => "<nil>".to_owned(),
        Some(_) => "?".to_owned(),
    }
}

/// Go template truthiness (`if`): false, 0, nil and empty values are false.
fn truthy(n: Option<&Node>) -> bool {
    match n.map(|n| &n.val) {
        None | Some(Val::Null) => false,
        Some(Val::Bool(b)) => *b,
        Some(Val::Num(x)) => *x != 0.0,
        Some(Val::Str(s)) => !s.is_empty(),
        Some(Val::List(l)) => !l.is_empty(),
        Some(Val::Obj(m)) => !m.is_empty(),
        Some(_) => true,
    }
}

fn path<'n>(doc: &'n Node, keys: &[&str]) -> Option<&'n Node> {
    keys.iter().try_fold(doc, |n, k| n.get(k))
}

/// The chart's mode with these values, or why no configuration is deployed.
enum Mode {
    Deployed(&'static str),
    None(&'static str),
}

fn mode(doc: &Node) -> Mode {
    let get = |keys: &[&str]| path(doc, keys);
    if truthy(get(&["injector", "externalVaultAddr"]))
        || truthy(get(&["global", "externalVaultAddr"]))
    {
        return Mode::None("an external Vault address is set: the chart deploys no server");
    }
    let server = to_string(get(&["server", "enabled"]), "-");
    let enabled = server == "true"
        || (server == "-" && to_string(get(&["global", "enabled"]), "true") == "true");
    if !enabled {
        return Mode::None("the server is disabled: the chart deploys no server");
    }
    if to_string(get(&["server", "dev", "enabled"]), "false") == "true" {
        return Mode::None(
            "server.dev.enabled: the chart runs `vault server -dev`, which reads no configuration",
        );
    }
    if to_string(get(&["server", "ha", "enabled"]), "false") == "true" {
        return Mode::Deployed("ha");
    }
    let standalone = to_string(get(&["server", "standalone", "enabled"]), "-");
    if standalone == "true" || standalone == "-" {
        return Mode::Deployed("standalone");
    }
    Mode::None("no server mode is enabled")
}

/// Read a YAML file as Vault chart values; a file that is not gets handed back.
///
/// # Errors
/// The file itself, when it is not values of the Vault chart.
pub fn read_values_file(file: SourceFile) -> Result<UnitOutput, SourceFile> {
    if !may_be_values(&file.text) {
        return Err(file);
    }
    let Ok(doc) = crate::yaml::parse(&file.text, 0) else {
        // Broken YAML: the other YAML readers decide whether it is theirs.
        return Err(file);
    };
    if !is_values(&doc) {
        return Err(file);
    }
    let mut out = UnitOutput {
        recognized: true,
        format: Some("vault-helm-values"),
        ..Default::default()
    };
    const STANDALONE: &[&str] = &["server", "standalone", "config"];
    const HA: &[&str] = &["server", "ha", "config"];
    const RAFT: &[&str] = &["server", "ha", "raft", "config"];
    let deployed: Option<&[&str]> = match mode(&doc) {
        Mode::None(why) => {
            if let Some(at) = [STANDALONE, HA, RAFT].iter().find_map(|k| path(&doc, k)) {
                out.notes.push(note(&file, at.loc, why));
            }
            None
        }
        Mode::Deployed(m) => {
            // Absent keys keep the chart's non-empty default configs.
            let with_config = [STANDALONE, HA]
                .iter()
                .any(|k| path(&doc, k).is_none_or(|c| truthy(Some(c))));
            if !with_config {
                None
            } else if truthy(path(&doc, &["server", "ha", "raft", "enabled"])) {
                Some(RAFT)
            } else if m == "ha" {
                Some(HA)
            } else {
                Some(STANDALONE)
            }
        }
    };
    let chosen: &[&str] = deployed.unwrap_or_default();
    for keys in [STANDALONE, HA, RAFT] {
        let Some(config) = path(&doc, keys) else {
            continue;
        };
        if keys != chosen {
            if deployed.is_some() && truthy(Some(config)) {
                let message = format!(
                    "{} is not deployed with these values (the chart uses {})",
                    keys.join("."),
                    chosen.join(".")
                );
                out.notes.push(note(&file, config.loc, &message));
            }
            continue;
        }
        read_config(config, &file, &mut out);
    }
    out.files = vec![file];
    if !out.entities.is_empty() {
        crate::scan_private_keys(&mut out);
    }
    Ok(out)
}

fn note(file: &SourceFile, at: Option<Loc>, message: &str) -> FileError {
    match at {
        Some(l) => file.error_at(l.start as usize, message),
        None => FileError {
            file: file.path.clone(),
            line: None,
            column: None,
            message: message.to_owned(),
        },
    }
}

/// Read the deployed configuration value.
fn read_config(config: &Node, file: &SourceFile, out: &mut UnitOutput) {
    match &config.val {
        Val::Obj(_) => {
            let mut doc = config.clone();
            templated_unknown(&mut doc);
            vault::read_server(&doc, &file.path, out);
        }
        Val::Str(text) => {
            let Some(at) = config.loc else { return };
            let map = LineMap::new(&file.text, at.start as usize, text);
            match hcl1::parse(text, 0) {
                Ok(parsed) => {
                    let mut doc = parsed.doc;
                    let place = |o: u32| map.place(o).unwrap_or(at.start);
                    remap(&mut doc, &place, map.exact(), at);
                    templated_unknown(&mut doc);
                    vault::read_server(&doc, &file.path, out);
                    if map.exact() {
                        for mut s in vault::hcl1_suppressions(text, 0, &parsed.items) {
                            for l in [&mut s.loc, &mut s.target] {
                                *l = Loc::new(0, place(l.start) as usize..place(l.end) as usize);
                            }
                            out.suppressions.push(s);
                        }
                    }
                }
                Err(e) if text.contains("{{") => {
                    let _ = e;
                    out.notes.push(note(
                        file,
                        Some(at),
                        "the server configuration holds Helm template actions (`{{ ... }}`) \
                         that are rendered at install: it was not read",
                    ));
                }
                Err(e) => {
                    let offset = if map.exact() {
                        map.place(u32::try_from(e.offset).unwrap_or(u32::MAX))
                            .unwrap_or(at.start)
                    } else {
                        at.start
                    };
                    let message = if e.message.starts_with("invalid JSON") {
                        format!("server configuration: {}", e.message)
                    } else {
                        format!("server configuration: invalid HCL: {}", e.message)
                    };
                    out.errors.push(file.error_at(offset as usize, message));
                }
            }
        }
        _ => {}
    }
}

/// A string holding a Helm template action is unknown until `tpl` renders it.
fn templated_unknown(node: &mut Node) {
    match &mut node.val {
        Val::Str(s) if s.contains("{{") => node.val = Val::Unknown,
        Val::List(items) => items.iter_mut().for_each(templated_unknown),
        Val::Obj(members) => members
            .iter_mut()
            .for_each(|m| templated_unknown(&mut m.value)),
        _ => {}
    }
}

/// Move every location of a value parsed from a block scalar's text to the file, or pin
/// them to the scalar when its lines could not be matched.
fn remap(node: &mut Node, place: &dyn Fn(u32) -> u32, exact: bool, scalar: Loc) {
    node.for_each_loc(&mut |l| {
        if let Some(l) = l {
            *l = if exact {
                Loc {
                    file: scalar.file,
                    start: place(l.start),
                    end: place(l.end),
                }
            } else {
                scalar
            };
        }
    });
}

/// Where each line of a YAML scalar's value sits in the file: a literal block scalar
/// (`|`, `|-`, `|+`, with or without an indentation indicator) keeps its lines and drops
/// their indentation, so line `k` of the value starts at line `k` of the block plus its
/// indentation. Other scalars (folded, quoted, plain) match only when the value is their
/// text verbatim.
struct LineMap {
    /// (offset in the value, offset in the file) of each line start.
    lines: Vec<(u32, u32)>,
    exact: bool,
}

impl LineMap {
    fn new(file: &str, start: usize, value: &str) -> Self {
        let failed = Self {
            lines: Vec::new(),
            exact: false,
        };
        let Some(rest) = file.get(start..) else {
            return failed;
        };
        if rest.starts_with(value) && !value.contains('\n') {
            // A plain single-line scalar holding the value verbatim.
            let s = u32::try_from(start).unwrap_or(u32::MAX);
            return Self {
                lines: vec![(0, s)],
                exact: true,
            };
        }
        // The block starts on the line after its header (`config: |-2 # comment`): the
        // line of the span when the span starts there (at `|`), else the nearest
        // non-blank line above it (blank lines between belong to the block).
        let before = file.get(..start).unwrap_or("");
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let (header_start, header_end) = if before
            .get(line_start..)
            .is_some_and(|l| l.trim().is_empty())
        {
            let above = before.get(..line_start).unwrap_or("").trim_end();
            (above.rfind('\n').map_or(0, |i| i + 1), above.len())
        } else {
            let end = rest.find('\n').map_or(file.len(), |i| start + i);
            (line_start, end)
        };
        let header = file.get(header_start..header_end).unwrap_or("");
        let code = header.split(" #").next().unwrap_or("").trim_end();
        let is_block = code.rfind('|').is_some_and(|i| {
            code.get(i + 1..).is_some_and(|t| {
                t.chars()
                    .all(|c| c.is_ascii_digit() || c == '-' || c == '+')
            })
        });
        if !is_block {
            return failed;
        }
        let Some(nl) = file.get(header_end..).and_then(|t| t.find('\n')) else {
            return failed;
        };
        let mut cursor = header_end + nl + 1;
        let mut lines = Vec::new();
        let mut voff = 0usize;
        let value_lines: Vec<&str> = value.split('\n').collect();
        let count = value_lines.len();
        for (i, line) in value_lines.into_iter().enumerate() {
            let last = i + 1 == count;
            let Some(tail) = file.get(cursor..) else {
                return failed;
            };
            let raw = tail.split('\n').next().unwrap_or("");
            let fline = raw.trim_end_matches('\r');
            let indent = if line.is_empty() {
                if !fline.trim().is_empty() && !last {
                    return failed;
                }
                fline.len()
            } else if fline.ends_with(line)
                && fline
                    .get(..fline.len() - line.len())
                    .is_some_and(|p| p.bytes().all(|b| b == b' '))
            {
                fline.len() - line.len()
            } else {
                return failed;
            };
            let (Ok(v), Ok(f)) = (u32::try_from(voff), u32::try_from(cursor + indent)) else {
                return failed;
            };
            lines.push((v, f));
            voff += line.len() + 1;
            cursor += raw.len() + 1;
        }
        Self { lines, exact: true }
    }

    fn exact(&self) -> bool {
        self.exact
    }

    /// The file offset of a value offset.
    fn place(&self, offset: u32) -> Option<u32> {
        let i = self.lines.partition_point(|(v, _)| *v <= offset);
        let (v, f) = self.lines.get(i.checked_sub(1)?)?;
        Some(f.saturating_add(offset - v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keylint_model::AttrValue;

    fn read(text: &str) -> Option<UnitOutput> {
        read_values_file(SourceFile {
            path: "values.yaml".into(),
            text: text.into(),
        })
        .ok()
    }

    fn listener_tls(out: &UnitOutput) -> Vec<(Option<bool>, Option<Loc>)> {
        out.entities
            .iter()
            .filter(|e| e.attrs.get("kind") == Some(&AttrValue::Str("vault_listener".into())))
            .map(|e| {
                let on = match e.attrs.get("tls_disabled") {
                    Some(AttrValue::Bool(b)) => Some(*b),
                    _ => None,
                };
                (on, e.spans.get("tls_disabled").copied())
            })
            .collect()
    }

    #[test]
    fn block_scalar_lines_map_back_to_the_file() {
        let text = "server:\n  standalone:\n    enabled: true\n    config: |-\n      ui = true\n\n      listener \"tcp\"\n      {\n        tls_disable = 1\n      }\n";
        let out = read(text).unwrap();
        let tls = listener_tls(&out);
        assert_eq!(tls.len(), 1);
        let (on, at) = tls[0];
        assert_eq!(on, Some(true));
        assert_eq!(&text[at.unwrap().range()], "tls_disable = 1");
    }

    const CONFIG: &str = "    config: |\n      listener \"tcp\" {\n        tls_disable = 1\n      }\n      storage \"file\" {}\n";

    #[test]
    fn modes_decide_which_config_is_deployed() {
        // Dev mode reads no configuration: nothing, with a note.
        let dev = format!("server:\n  dev:\n    enabled: true\n  standalone:\n{CONFIG}");
        let out = read(&dev).unwrap();
        assert!(out.entities.is_empty() && out.errors.is_empty());
        assert!(out.notes.first().unwrap().message.contains("-dev"));
        // An external Vault: no server.
        let ext =
            format!("global:\n  externalVaultAddr: https://v\nserver:\n  standalone:\n{CONFIG}");
        assert!(read(&ext).unwrap().entities.is_empty());
        // `server.enabled: false`.
        let off = format!("server:\n  enabled: false\n  standalone:\n{CONFIG}");
        assert!(read(&off).unwrap().entities.is_empty());
        // HA off: its config is not deployed (noted); standalone by default.
        let ha = format!("server:\n  ha:\n    enabled: false\n{CONFIG}");
        let out = read(&ha).unwrap();
        assert!(out.entities.is_empty());
        assert!(out.notes.first().unwrap().message.contains("not deployed"));
        // Raft enabled replaces even the standalone config (the chart's `vault.config`).
        let raft = "server:\n  ha:\n    raft:\n      enabled: true\n      config: |\n        listener \"tcp\" {\n          tls_disable = 1\n        }\n";
        assert_eq!(listener_tls(&read(raft).unwrap()).len(), 1);
    }

    #[test]
    fn raft_config_wins_when_raft_is_enabled() {
        let text = "server:\n  ha:\n    enabled: true\n    config: |\n      storage \"consul\" {}\n    raft:\n      enabled: true\n      config: |\n        listener \"tcp\" {\n          tls_disable = \"true\"\n        }\n        storage \"raft\" {}\n";
        let out = read(text).unwrap();
        let tls = listener_tls(&out);
        assert_eq!(tls.len(), 1);
        assert_eq!(tls[0].0, Some(true));
        assert_eq!(&text[tls[0].1.unwrap().range()], "tls_disable = \"true\"");
    }

    #[test]
    fn other_yaml_is_handed_back() {
        for text in [
            "server:\n  replicas: 3\n  ha: 1\n",
            "global:\n  name: consul\nserver:\n  enabled: true\n  storage: 10Gi\n",
            "AWSTemplateFormatVersion: 2010-09-09\nResources: {}\n",
            "server: [\n  standalone:\n",
        ] {
            assert!(read(text).is_none(), "{text}");
        }
    }

    #[test]
    fn templated_and_broken_configs() {
        let templated = "server:\n  standalone:\n    config: |\n      listener \"tcp\" {\n        tls_disable = \"{{ .Values.tls }}\"\n      }\n      storage \"file\" {}\n";
        let out = read(templated).unwrap();
        assert_eq!(listener_tls(&out).first().unwrap().0, None);
        let actions = "server:\n  standalone:\n    config: |\n      {{- if .Values.x }}\n      listener \"tcp\" {}\n      {{- end }}\n";
        let out = read(actions).unwrap();
        assert!(out.entities.is_empty() && out.errors.is_empty() && !out.notes.is_empty());
        let broken = "server:\n  standalone:\n    config: |\n      storage \"file\" {}\n      listener \"tcp\" = {\n      }\n";
        let out = read(broken).unwrap();
        let e = out.errors.first().unwrap();
        assert_eq!((e.file.as_str(), e.line), ("values.yaml", Some(5)), "{e:?}");
    }

    #[test]
    fn line_map_handles_indicators_and_blank_lines() {
        let file = "k: |2-\n    a\n\n    b\n";
        let value = "  a\n\n  b";
        let m = LineMap::new(file, 3, value);
        assert!(m.exact());
        assert_eq!(m.place(2), Some(11));
        assert_eq!(m.place(7), Some(18));
        // A folded scalar does not keep its lines: pinned, never misplaced.
        assert!(!LineMap::new("k: >\n  a\n  b\n", 3, "a b\n").exact());
    }
}
