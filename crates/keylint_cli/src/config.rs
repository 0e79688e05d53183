//! `keylint.toml`: profile, parameters, rule selection, severity overrides, per-path
//! ignores, extra rule directories. Found with `--config`, else by walking up from the
//! scanned path to the file system root.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use serde_json::Value;

/// The JSON schema of the config file, published with `keylint config --schema`.
pub const SCHEMA: &str = r#"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "keylint.toml",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "profile": {"enum": ["default", "pci-dss", "fedramp-high", "bsi-tr-02102", "nist-ir-8547", "cnsa-2.0"]},
    "fail_on": {"enum": ["critical", "high", "medium", "low", "info"]},
    "rules": {"type": "array", "items": {"type": "string"}, "description": "extra directories of Cedar rules"},
    "select": {"type": "array", "items": {"type": "string"}, "description": "only these rule ids"},
    "disable": {"type": "array", "items": {"type": "string"}, "description": "rule ids switched off"},
    "enable": {"type": "array", "items": {"type": "string"}, "description": "opt-in rule ids switched on (e.g. suppression-unused)"},
    "severity": {
      "type": "object",
      "description": "severity overrides by rule id",
      "additionalProperties": {"enum": ["critical", "high", "medium", "low", "info"]}
    },
    "ignore": {
      "type": "array",
      "description": "paths (globs relative to this file's directory) whose findings are accepted, with the reason",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["path", "reason"],
        "properties": {
          "path": {"type": "string", "minLength": 1},
          "rules": {"type": "array", "items": {"type": "string"}, "description": "only these rules (default: every rule)"},
          "reason": {"type": "string", "minLength": 1}
        }
      }
    },
    "parameters": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "min_deletion_window_days": {"type": "integer", "minimum": 0},
        "min_soft_delete_days": {"type": "integer", "minimum": 0},
        "max_rotation_days_aws": {"type": "integer", "minimum": 0},
        "max_rotation_days_gcp": {"type": "integer", "minimum": 0},
        "max_rotation_days_azure": {"type": "integer", "minimum": 0},
        "max_secret_rotation_days": {"type": "integer", "minimum": 0},
        "required_fips_level": {"type": "integer", "minimum": 0, "maximum": 4},
        "min_rsa_bits": {"type": "integer", "minimum": 0},
        "require_single_tenant_hsm": {"type": "boolean"},
        "pqc_policy": {"enum": ["none", "nist-ir-8547", "cnsa-2.0"], "description": "post-quantum policy on top of the profile: the severity of key-quantum-vulnerable, and cnsa-2.0 switches key-below-cnsa-2.0 on"}
      }
    }
  }
}"#;

#[derive(Debug, Default, Clone)]
pub struct Config {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    pub profile: Option<String>,
    pub fail_on: Option<String>,
    /// Extra rule directories, relative to the config file's directory.
    pub rules: Vec<String>,
    pub select: Option<Vec<String>>,
    pub disable: Vec<String>,
    /// Opt-in rules switched on.
    pub enable: Vec<String>,
    pub parameters: Vec<(String, Value)>,
    /// Severity overrides: (rule id, severity).
    pub severity: Vec<(String, String)>,
    pub ignore: Vec<Ignore>,
}

/// An accepted path: its findings (of `rules`, or of every rule) are suppressed.
#[derive(Debug, Clone)]
pub struct Ignore {
    pub path: String,
    pub rules: Vec<String>,
    pub reason: String,
}

impl Config {
    /// The directory paths in the file are relative to (the current one without a file).
    #[must_use]
    pub fn base(&self) -> PathBuf {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }
}

/// The config that applies to a scan of `start`: `keylint.toml` in its directory or the
/// nearest parent that has one.
#[must_use]
pub fn discover(start: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(start).ok()?;
    let mut dir = if abs.is_dir() {
        abs
    } else {
        abs.parent()?.to_path_buf()
    };
    loop {
        let candidate = dir.join("keylint.toml");
        if candidate.is_file() {
            return Some(candidate);
        }
        if !dir.pop() {
            return None;
        }
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Read and validate a config file.
///
/// # Errors
/// Unreadable file, TOML syntax (with line), or a schema violation naming the key.
pub fn load(path: &Path) -> anyhow::Result<Config> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read config `{}`", path.display()))?;
    let mut config = parse(&text, &path.display().to_string())?;
    config.path = Some(path.to_path_buf());
    Ok(config)
}

/// # Errors
/// See [`load`].
pub fn parse(text: &str, label: &str) -> anyhow::Result<Config> {
    let value: toml::Value = match toml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let line = e.span().map_or(1, |s| {
                text.get(..s.start)
                    .map_or(1, |t| t.matches('\n').count() + 1)
            });
            bail!("{label}:{line}: invalid TOML: {}", e.message());
        }
    };
    let json = serde_json::to_value(&value)?;
    let schema: Value = serde_json::from_str(SCHEMA)?;
    let validator =
        jsonschema::validator_for(&schema).map_err(|e| anyhow::anyhow!("config schema: {e}"))?;
    if let Some(err) = validator.iter_errors(&json).next() {
        let key = err.instance_path().to_string();
        let key = key.trim_start_matches('/').replace('/', ".");
        let line = key
            .rsplit('.')
            .next()
            .filter(|k| !k.is_empty())
            .and_then(|k| text.lines().position(|l| l.trim_start().starts_with(k)))
            .map_or(1, |i| i + 1);
        bail!(
            "{label}:{line}: `{}`: {err}",
            if key.is_empty() {
                "(top level)".to_owned()
            } else {
                key
            }
        );
    }
    let severity = json
        .get("severity")
        .and_then(Value::as_object)
        .map(|o| {
            o.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    let ignore = json
        .get("ignore")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|i| {
                    Some(Ignore {
                        path: i.get("path")?.as_str()?.to_owned(),
                        rules: strings(i.get("rules")),
                        reason: i.get("reason")?.as_str()?.to_owned(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Config {
        path: None,
        severity,
        ignore,
        profile: json
            .get("profile")
            .and_then(Value::as_str)
            .map(str::to_owned),
        fail_on: json
            .get("fail_on")
            .and_then(Value::as_str)
            .map(str::to_owned),
        rules: strings(json.get("rules")),
        select: json.get("select").map(|v| strings(Some(v))),
        disable: strings(json.get("disable")),
        enable: strings(json.get("enable")),
        parameters: json
            .get("parameters")
            .and_then(Value::as_object)
            .map(|o| o.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_and_invalid_configs() {
        let c = parse(
            "profile = \"pci-dss\"\n[parameters]\nmin_deletion_window_days = 14\n",
            "k.toml",
        )
        .unwrap();
        assert_eq!(c.profile.as_deref(), Some("pci-dss"));
        assert_eq!(c.parameters.len(), 1);
        let e = parse("profile = \"pci\"\n", "k.toml")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("k.toml:1: `profile`"), "{e}");
        let e = parse("x = [\n", "k.toml").unwrap_err().to_string();
        assert!(e.contains("invalid TOML"), "{e}");
        let e = parse("[parameters]\nmin_rsa_bits = \"big\"\n", "k.toml")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("k.toml:2: `parameters.min_rsa_bits`"), "{e}");
    }
}
