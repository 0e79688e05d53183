//! The key inventory: every declared key and key container of a run, with its facts, its
//! place and the findings about it. The driver collects it on request (a CycloneDX BOM,
//! the review page's Keys view); [`KeySummary`] is the one reading of a key's facts that
//! every writer shows (algorithm, protection, rotation, quantum safety).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::unit::UnitOutput;
use crate::{AttrValue, Entity, EntityKind, Finding, LineIndex};

/// What an inventory entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AssetKind {
    /// A cryptographic key.
    Key,
    /// A key vault, Managed HSM, key ring or custom key store.
    Container,
}

/// A finding about an asset, by its identity in the run's findings.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FindingRef {
    pub rule: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl FindingRef {
    /// Whether `f` is the finding this refers to.
    #[must_use]
    pub fn is(&self, f: &Finding) -> bool {
        f.rule == self.rule && f.file == self.file && f.line == self.line && f.column == self.column
    }
}

/// One declared key or key container.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Asset {
    pub kind: AssetKind,
    /// Stable and unique in a run: `<file>#<resource>`.
    #[serde(rename = "ref")]
    pub reference: String,
    /// What a user calls it: `aws_kms_key.payments`.
    pub resource: String,
    /// aws | azure | gcp | vault.
    pub provider: String,
    /// The resource type, e.g. `aws_kms_key`.
    #[serde(rename = "type")]
    pub resource_type: String,
    /// Where it is declared (1-based line and column).
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// A key's container declared in the same configuration: its `reference`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    /// The facts keylint knows (the entity's attributes; never a secret value).
    pub facts: BTreeMap<&'static str, AttrValue>,
    /// A key's facts as every writer shows them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<KeySummary>,
    /// The findings located on it (before a host drops any: match with [`FindingRef::is`]).
    pub findings: Vec<FindingRef>,
}

/// A key's facts as the BOM and the Keys view show them. Every field is `None` when the
/// configuration does not tell.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct KeySummary {
    /// The provider's spelling: an AWS key spec, a Google Cloud algorithm, an Azure or
    /// Vault key type.
    pub algorithm: Option<String>,
    /// `algorithm_family` (rsa, ec, ml-dsa, aes, hmac, ...).
    pub family: Option<String>,
    /// CycloneDX related crypto material type: secret-key, private-key or unknown.
    pub material: &'static str,
    /// Key size in bits where the configuration tells (RSA modulus, AES key).
    pub size: Option<i64>,
    /// Where the key material lives: hsm, software or external.
    pub protection: Option<&'static str>,
    pub fips_level: Option<i64>,
    /// Automatic rotation on or off.
    pub rotation: Option<bool>,
    /// The rotation period in days.
    pub rotation_days: Option<i64>,
    /// active, or suspended for a disabled key.
    pub state: Option<&'static str>,
    pub quantum_vulnerable: Option<bool>,
    pub nist_quantum_level: Option<i64>,
    pub cnsa2_allowed: Option<bool>,
}

fn long(e: &Entity, name: &str) -> Option<i64> {
    match e.get(name) {
        Some(AttrValue::Long(n)) => Some(*n),
        _ => None,
    }
}

/// Families whose keys are one secret (symmetric or MAC keys); any other known family is
/// a key pair whose private half the key management service holds.
const SECRET_FAMILIES: &[&str] = &[
    "aes",
    "symmetric",
    "hmac",
    "chacha20",
    "chacha20-poly1305",
    "sm4",
];

impl KeySummary {
    /// Read a key entity's facts.
    #[must_use]
    pub fn of(e: &Entity) -> Self {
        let algorithm = ["key_spec", "algorithm", "key_type"]
            .iter()
            .find_map(|n| e.get_str(n))
            .map(str::to_owned);
        let family = e.get_str("algorithm_family").map(str::to_owned);
        let material = match family.as_deref() {
            Some(f) if SECRET_FAMILIES.contains(&f) => "secret-key",
            Some(_) => "private-key",
            // Without the family: what the key is for tells. A rotatable AWS key is a
            // symmetric encryption key; a Cloud KMS purpose and an Azure key type say
            // symmetric (or MAC) or asymmetric.
            None if e.get_bool("rotatable") == Some(true) => "secret-key",
            None if e.get("rsa_bits").is_some() => "private-key",
            None => match (e.get_str("purpose"), e.get_str("key_type")) {
                (Some("ENCRYPT_DECRYPT" | "RAW_ENCRYPT_DECRYPT" | "MAC"), _) => "secret-key",
                (Some(p), _) if p.starts_with("ASYMMETRIC_") || p == "KEY_ENCAPSULATION" => {
                    "private-key"
                }
                (None, Some(t)) if e.get_str("provider") == Some("azure") => {
                    if t.to_ascii_lowercase().starts_with("oct") {
                        "secret-key"
                    } else {
                        "private-key"
                    }
                }
                _ => "unknown",
            },
        };
        let size = long(e, "rsa_bits").or_else(|| {
            let secret = material == "secret-key";
            let a = algorithm
                .as_deref()
                .unwrap_or_default()
                .to_ascii_uppercase();
            // AES key sizes as the spelling writes them (`AES_256_GCM`, `aes128-gcm96`).
            let aes = a.contains("AES") || family.as_deref() == Some("aes");
            if !secret || !aes {
                return None;
            }
            ["128", "192", "256"]
                .iter()
                .find(|b| a.contains(*b))
                .and_then(|b| b.parse().ok())
        });
        let provider = e.get_str("provider").unwrap_or_default();
        let protection = match provider {
            "aws" => e.get_str("key_store").and_then(|s| match s {
                "aws" | "cloudhsm" | "imported" => Some("hsm"),
                "external" => Some("external"),
                _ => None,
            }),
            "gcp" => {
                e.get_str("protection_level")
                    .and_then(|p| match p.to_ascii_uppercase().as_str() {
                        "SOFTWARE" => Some("software"),
                        "HSM" | "HSM_SINGLE_TENANT" => Some("hsm"),
                        p if p.starts_with("EXTERNAL") => Some("external"),
                        _ => None,
                    })
            }
            "azure" => e.get_str("key_type").map(|t| {
                if t.to_ascii_uppercase().ends_with("-HSM") {
                    "hsm"
                } else {
                    "software"
                }
            }),
            // RULES.md: Vault transit keys live in software.
            "vault" => Some("software"),
            _ => None,
        };
        let rotation = [
            "rotation_enabled",
            "has_rotation",
            "rotation_auto",
            "auto_rotate",
        ]
        .iter()
        .find_map(|n| e.get_bool(n));
        let rotation_days = long(e, "rotation_period_days")
            .or_else(|| long(e, "rotation_period_seconds").map(|s| s / 86_400))
            .or_else(|| long(e, "rotation_after_days"))
            .filter(|_| rotation != Some(false));
        let state = e
            .get_bool("enabled")
            .map(|on| if on { "active" } else { "suspended" });
        Self {
            algorithm,
            family,
            material,
            size,
            protection,
            fips_level: long(e, "fips_level"),
            rotation,
            rotation_days,
            state,
            quantum_vulnerable: e.get_bool("quantum_vulnerable"),
            nist_quantum_level: long(e, "nist_quantum_level"),
            cnsa2_allowed: e.get_bool("cnsa2_allowed"),
        }
    }
}

/// The keys and key containers a unit declares, with the findings of `findings` (the
/// unit's own) located on each, by resource.
#[must_use]
/// An entity's facts as users read them: `${AWS::AccountId}`, not keylint's marker for it.
fn shown_facts(e: &Entity) -> BTreeMap<&'static str, AttrValue> {
    let mut facts = e.attrs.clone();
    for v in facts.values_mut() {
        if matches!(v, AttrValue::Str(_) | AttrValue::Set(_)) {
            *v = v.shown();
        }
    }
    facts
}

pub fn of_unit(unit: &UnitOutput, findings: &[Finding]) -> Vec<Asset> {
    let mut lines: Vec<Option<LineIndex>> = vec![None; unit.files.len()];
    let mut place = |e: &Entity| -> Option<(String, usize, usize)> {
        let file = unit.files.get(e.loc.file as usize)?;
        let index = lines.get_mut(e.loc.file as usize)?;
        let index = index.get_or_insert_with(|| LineIndex::new(&file.text));
        let pos = index.position(&file.text, e.loc.start as usize);
        Some((file.path.clone(), pos.line, pos.column))
    };
    let mut refs: BTreeMap<&str, String> = BTreeMap::new();
    let mut out = Vec::new();
    for e in &unit.entities {
        let kind = match e.kind {
            EntityKind::Key => AssetKind::Key,
            EntityKind::KeyContainer => AssetKind::Container,
            _ => continue,
        };
        let Some((file, line, column)) = place(e) else {
            continue;
        };
        let reference = format!("{file}#{}", e.resource);
        refs.insert(&e.id, reference.clone());
        out.push((
            e,
            Asset {
                kind,
                reference,
                resource: e.resource.clone(),
                provider: e.get_str("provider").unwrap_or_default().to_owned(),
                resource_type: e.get_str("kind").unwrap_or_default().to_owned(),
                file,
                line,
                column,
                container: None,
                facts: shown_facts(e),
                summary: (kind == AssetKind::Key).then(|| KeySummary::of(e)),
                findings: findings
                    .iter()
                    .filter(|f| f.resource == e.resource)
                    .map(|f| FindingRef {
                        rule: f.rule.clone(),
                        file: f.file.clone(),
                        line: f.line,
                        column: f.column,
                    })
                    .collect(),
            },
        ));
    }
    out.into_iter()
        .map(|(e, mut a)| {
            a.container = e.container.as_deref().and_then(|c| refs.get(c)).cloned();
            a
        })
        .collect()
}

/// Sort an inventory by file, place and reference, each reference once (a module read
/// through two calls declares its keys twice).
pub fn sort_dedup(assets: &mut Vec<Asset>) {
    assets.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.reference).cmp(&(&b.file, b.line, b.column, &b.reference))
    });
    let mut seen = std::collections::HashSet::new();
    assets.retain(|a| seen.insert(a.reference.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Loc;

    fn key(provider: &str, facts: &[(&'static str, AttrValue)]) -> Entity {
        let mut e = Entity::new(EntityKind::Key, "k", "k", Loc::default());
        e.set_str("provider", provider);
        for (n, v) in facts {
            e.set(n, v.clone());
        }
        e
    }

    #[test]
    fn summaries_read_each_providers_facts() {
        let s = KeySummary::of(&key(
            "aws",
            &[
                ("key_spec", AttrValue::Str("SYMMETRIC_DEFAULT".into())),
                ("key_store", AttrValue::Str("aws".into())),
                ("rotatable", AttrValue::Bool(true)),
                ("rotation_enabled", AttrValue::Bool(true)),
                ("rotation_period_days", AttrValue::Long(180)),
                ("enabled", AttrValue::Bool(false)),
                ("fips_level", AttrValue::Long(3)),
            ],
        ));
        assert_eq!(s.algorithm.as_deref(), Some("SYMMETRIC_DEFAULT"));
        assert_eq!(
            (
                s.material,
                s.protection,
                s.rotation,
                s.rotation_days,
                s.state
            ),
            (
                "secret-key",
                Some("hsm"),
                Some(true),
                Some(180),
                Some("suspended")
            )
        );
        let s = KeySummary::of(&key(
            "gcp",
            &[
                ("algorithm", AttrValue::Str("PQ_SIGN_ML_DSA_65".into())),
                ("protection_level", AttrValue::Str("EXTERNAL_VPC".into())),
                ("has_rotation", AttrValue::Bool(false)),
                ("algorithm_family", AttrValue::Str("ml-dsa".into())),
                ("quantum_vulnerable", AttrValue::Bool(false)),
                ("nist_quantum_level", AttrValue::Long(3)),
                ("cnsa2_allowed", AttrValue::Bool(false)),
            ],
        ));
        assert_eq!(
            (s.material, s.protection, s.rotation, s.nist_quantum_level),
            ("private-key", Some("external"), Some(false), Some(3))
        );
        let s = KeySummary::of(&key(
            "vault",
            &[
                ("key_type", AttrValue::Str("aes256-gcm96".into())),
                ("algorithm_family", AttrValue::Str("aes".into())),
            ],
        ));
        assert_eq!(
            (s.material, s.size, s.protection),
            ("secret-key", Some(256), Some("software"))
        );
        let s = KeySummary::of(&key(
            "azure",
            &[("key_type", AttrValue::Str("RSA-HSM".into()))],
        ));
        assert_eq!((s.protection, s.material), (Some("hsm"), "private-key"));
        let s = KeySummary::of(&key(
            "vault",
            &[("key_type", AttrValue::Str("ed25519".into()))],
        ));
        assert_eq!(s.material, "unknown");
    }
}
