//! CycloneDX 1.6 cryptography bill of materials (CBOM): the declared keys as
//! `cryptographic-asset` components (related crypto material), the algorithms they use as
//! algorithm components, their key vaults, key rings and custom key stores as components
//! the keys depend on, and where each is declared as evidence.
//!
//! Deterministic: bom-refs come from files and resource addresses, the order from the
//! inventory's; the timestamp is the day the host passes (the CLI's clock or
//! `KEYLINT_TODAY`, the page's `today`), and the serial number a UUID derived from that day
//! and the BOM's content, so the same configuration on the same day gives the same BOM.
//! Without a day there is neither. No secret value is ever in an inventory.

use std::collections::BTreeMap;

use keylint_model::inventory::{Asset, AssetKind, KeySummary};
use keylint_model::{AttrValue, Finding};
use serde_json::{Map, Value, json};

use crate::{Report, VERSION};

fn prop(name: &str, value: impl std::fmt::Display) -> Value {
    json!({"name": name, "value": value.to_string()})
}

fn evidence(a: &Asset) -> Value {
    json!({"occurrences": [{
        "location": a.file,
        "line": a.line,
        "symbol": a.resource,
        "additionalContext": format!("{} declared in {}", a.resource_type, a.file),
    }]})
}

/// The CycloneDX primitive of a key's algorithm, from its family and what it is for
/// (AWS key usage, Google Cloud purpose or the algorithm's spelling).
fn primitive(family: &str, use_: &str, spelling: &str) -> &'static str {
    let signs = use_.contains("SIGN") || spelling.contains("SIGN");
    let decrypts =
        use_.contains("ENCRYPT") || use_.contains("DECRYPT") || spelling.contains("DECRYPT");
    match family {
        "aes" | "symmetric" | "chacha20" | "chacha20-poly1305" | "sm4" => {
            if spelling.contains("CBC") || spelling.contains("CTR") {
                "block-cipher"
            } else {
                "ae"
            }
        }
        "hmac" => "mac",
        "ml-dsa" | "slh-dsa" | "eddsa" => "signature",
        "ml-kem" | "x-wing" => "kem",
        "ec" | "ecdsa" if use_.contains("AGREEMENT") => "key-agree",
        "ec" | "ecdsa" => "signature",
        // RSA and SM2 keys: what the key is for tells.
        "rsa" | "sm2" if use_.contains("AGREEMENT") => "key-agree",
        "rsa" | "sm2" if signs => "signature",
        "rsa" | "sm2" if decrypts => "pke",
        // An unknown family: not guessed.
        _ => "unknown",
    }
}

/// What the key does, from AWS key usage or Google Cloud purpose.
fn functions(use_: &str) -> Vec<&'static str> {
    match use_ {
        "ENCRYPT_DECRYPT" | "RAW_ENCRYPT_DECRYPT" | "ASYMMETRIC_DECRYPT" => {
            vec!["encrypt", "decrypt"]
        }
        "SIGN_VERIFY" | "ASYMMETRIC_SIGN" => vec!["sign", "verify"],
        "GENERATE_VERIFY_MAC" | "MAC" => vec!["tag"],
        "KEY_AGREEMENT" => vec!["keyderive"],
        "KEY_ENCAPSULATION" => vec!["encapsulate", "decapsulate"],
        _ => Vec::new(),
    }
}

/// The curve an elliptic-curve spelling names (`ECC_NIST_P256`, `EC_SIGN_P384_SHA384`,
/// `ecdsa-p521`, `ECC_SECG_P256K1`, `ed25519`).
fn curve(spelling: &str) -> Option<&'static str> {
    let s: String = spelling
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase();
    if s.contains("P256K1") || s.contains("SECP256K1") {
        Some("secp256k1")
    } else if s.contains("25519") {
        Some("Ed25519")
    } else if s.contains("P256") {
        Some("P-256")
    } else if s.contains("P384") {
        Some("P-384")
    } else if s.contains("P521") {
        Some("P-521")
    } else {
        None
    }
}

/// The parameter set of a post-quantum spelling (`ML_DSA_65` -> `65`,
/// `PQ_SIGN_SLH_DSA_SHA2_128S` -> `SHA2-128S`), or the key size.
fn parameter_set(family: &str, spelling: &str, size: Option<i64>) -> Option<String> {
    let upper = spelling.to_ascii_uppercase().replace('-', "_");
    match family {
        "ml-dsa" | "ml-kem" => upper
            .rsplit('_')
            .next()
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_owned),
        "slh-dsa" => upper
            .split_once("SLH_DSA_")
            .map(|(_, p)| p.replace('_', "-"))
            .filter(|p| !p.is_empty()),
        _ => size.map(|s| s.to_string()),
    }
}

/// CycloneDX `executionEnvironment` of where the key material lives.
fn environment(protection: &str) -> &'static str {
    match protection {
        "hsm" => "hardware",
        "software" => "software-plain-ram",
        _ => "other",
    }
}

/// The FIPS 140 certification of where a provider keeps key material at `level`
/// (RULES.md "FIPS level" gives the levels): AWS KMS HSMs FIPS 140-3 level 3 (RULES.md);
/// Google Cloud HSM FIPS 140-2 level 3 and software keys FIPS 140-2 level 1 (Cloud KMS
/// documentation, "Protection levels"); Azure Key Vault HSM keys and Managed HSM FIPS
/// 140-3 level 3 (HSM platform 2, every new key) and software keys FIPS 140-2 level 1
/// (Azure Key Vault documentation, "About keys", "Compliance"). Vault transit's level 1
/// is keylint's reading, with no certificate: not claimed.
fn certification(provider: &str, level: i64) -> Option<&'static str> {
    Some(match (provider, level) {
        ("aws", 3) | ("azure", 3) => "fips140-3-l3",
        ("gcp", 3) => "fips140-2-l3",
        ("gcp" | "azure", 1) => "fips140-2-l1",
        _ => return None,
    })
}

/// An algorithm component: its bom-ref and its JSON.
fn algorithm(a: &Asset, s: &KeySummary) -> Option<(String, Value)> {
    let spelling = s.algorithm.as_deref()?;
    let upper = spelling.to_ascii_uppercase();
    let family = s.family.as_deref().unwrap_or_default();
    let use_ = a
        .facts
        .get("key_usage")
        .or_else(|| a.facts.get("purpose"))
        .map(ToString::to_string)
        .unwrap_or_default()
        .to_ascii_uppercase();
    let mut props = Map::new();
    props.insert("primitive".into(), json!(primitive(family, &use_, &upper)));
    if let Some(p) = parameter_set(family, spelling, s.size) {
        props.insert("parameterSetIdentifier".into(), json!(p));
    }
    if matches!(family, "ec" | "ecdsa" | "eddsa" | "sm2" | "")
        && let Some(c) = curve(spelling)
    {
        props.insert("curve".into(), json!(c));
    }
    let mut reference = format!("algorithm:{}/{spelling}", a.provider);
    if let Some(p) = s.protection {
        props.insert("executionEnvironment".into(), json!(environment(p)));
        reference.push('/');
        reference.push_str(p);
    }
    if let Some(c) = s.fips_level.and_then(|l| certification(&a.provider, l)) {
        props.insert("certificationLevel".into(), json!([c]));
        reference.push('/');
        reference.push_str(c);
    }
    let f = functions(&use_);
    if !f.is_empty() {
        props.insert("cryptoFunctions".into(), json!(f));
        reference.push('/');
        reference.push_str(&use_.to_ascii_lowercase());
    }
    if let Some(level) = s.nist_quantum_level {
        props.insert("nistQuantumSecurityLevel".into(), json!(level.clamp(0, 6)));
    }
    let component = json!({
        "type": "cryptographic-asset",
        "bom-ref": reference,
        "name": spelling,
        "cryptoProperties": {
            "assetType": "algorithm",
            "algorithmProperties": props,
        },
    });
    Some((reference, component))
}

fn fact_props(a: &Asset, out: &mut Vec<Value>) {
    for (name, value) in &a.facts {
        if matches!(*name, "provider" | "kind") {
            continue;
        }
        let value = match value {
            AttrValue::Set(items) => items.join(","),
            v => v.to_string(),
        };
        out.push(prop(&format!("keylint:fact:{name}"), value));
    }
}

fn finding_props(a: &Asset, findings: &[&Finding], out: &mut Vec<Value>) {
    for f in findings {
        if a.findings.iter().any(|r| r.is(f)) {
            out.push(prop(
                "keylint:finding",
                format!("{} ({}) at {}:{}", f.rule, f.severity, f.file, f.line),
            ));
        }
    }
}

fn key_component(
    a: &Asset,
    s: &KeySummary,
    algorithm: Option<&str>,
    findings: &[&Finding],
) -> Value {
    let mut material = Map::new();
    material.insert("type".into(), json!(s.material));
    if let Some(state) = s.state {
        material.insert("state".into(), json!(state));
    }
    if let Some(r) = algorithm {
        material.insert("algorithmRef".into(), json!(r));
    }
    if let Some(size) = s.size {
        material.insert("size".into(), json!(size));
    }
    if let Some(p) = s.protection {
        let mechanism = match p {
            "hsm" => "HSM",
            "software" => "Software",
            _ => "External key manager",
        };
        material.insert("securedBy".into(), json!({"mechanism": mechanism}));
    }
    let mut props = vec![
        prop("keylint:provider", &a.provider),
        prop("keylint:resource-type", &a.resource_type),
    ];
    let optional = [
        ("keylint:algorithm-family", s.family.clone()),
        ("keylint:protection", s.protection.map(str::to_owned)),
        ("keylint:fips-level", s.fips_level.map(|l| l.to_string())),
        (
            "keylint:rotation",
            s.rotation
                .map(|r| if r { "enabled" } else { "disabled" }.to_owned()),
        ),
        (
            "keylint:rotation-period-days",
            s.rotation_days.map(|d| d.to_string()),
        ),
        (
            "keylint:quantum-vulnerable",
            s.quantum_vulnerable.map(|q| q.to_string()),
        ),
        (
            "keylint:cnsa-2.0-allowed",
            s.cnsa2_allowed.map(|q| q.to_string()),
        ),
    ];
    for (name, value) in optional {
        if let Some(v) = value {
            props.push(prop(name, v));
        }
    }
    fact_props(a, &mut props);
    finding_props(a, findings, &mut props);
    json!({
        "type": "cryptographic-asset",
        "bom-ref": format!("key:{}", a.reference),
        "name": a.resource,
        "cryptoProperties": {
            "assetType": "related-crypto-material",
            "relatedCryptoMaterialProperties": material,
        },
        "properties": props,
        "evidence": evidence(a),
    })
}

fn container_component(a: &Asset, findings: &[&Finding]) -> Value {
    // A Managed HSM or a CloudHSM key store is a device; a key vault, key ring or external
    // key store a service platform.
    let hsm = a.resource_type == "azurerm_key_vault_managed_hardware_security_module"
        || a.facts
            .get("store_type")
            .is_some_and(|t| t.to_string() == "AWS_CLOUDHSM");
    let mut props = vec![
        prop("keylint:provider", &a.provider),
        prop("keylint:resource-type", &a.resource_type),
    ];
    fact_props(a, &mut props);
    finding_props(a, findings, &mut props);
    json!({
        "type": if hsm { "device" } else { "platform" },
        "bom-ref": format!("container:{}", a.reference),
        "name": a.resource,
        "description": format!("key container ({})", a.resource_type),
        "properties": props,
        "evidence": evidence(a),
    })
}

/// A UUID (RFC 9562 version 8, custom) from FNV-1a hashes of the parts.
fn derived_uuid(parts: &[&str]) -> String {
    let hi = crate::fnv1a64(parts);
    let mut salted: Vec<&str> = vec!["keylint-cyclonedx"];
    salted.extend_from_slice(parts);
    let lo = crate::fnv1a64(&salted);
    let hi = (hi & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_8000;
    let lo = (lo & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "urn:uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xffff,
        lo >> 48,
        lo & 0xffff_ffff_ffff
    )
}

/// The BOM of the keys and key containers of `inventory`, with the findings of `r` about
/// each. `today` is the host's day (`YYYY-MM-DD`): the BOM's timestamp and part of its
/// serial number; `None` leaves both out.
#[must_use]
pub fn render(r: &Report<'_>, inventory: &[Asset], today: Option<&str>) -> String {
    let findings: Vec<&Finding> = r.findings.iter().collect();
    let mut components = Vec::new();
    let mut algorithms: BTreeMap<String, Value> = BTreeMap::new();
    let mut dependencies = Vec::new();
    for a in inventory {
        match (a.kind, &a.summary) {
            (AssetKind::Key, Some(s)) => {
                let alg = algorithm(a, s);
                let alg_ref = alg.as_ref().map(|(r, _)| r.clone());
                components.push(key_component(a, s, alg_ref.as_deref(), &findings));
                let mut depends: Vec<String> = Vec::new();
                if let Some(c) = &a.container {
                    depends.push(format!("container:{c}"));
                }
                if let Some((reference, component)) = alg {
                    depends.push(reference.clone());
                    algorithms.entry(reference).or_insert(component);
                }
                dependencies
                    .push(json!({"ref": format!("key:{}", a.reference), "dependsOn": depends}));
            }
            (AssetKind::Container, _) => {
                components.push(container_component(a, &findings));
                dependencies.push(json!({"ref": format!("container:{}", a.reference)}));
            }
            (AssetKind::Key, None) => {}
        }
    }
    for reference in algorithms.keys() {
        dependencies.push(json!({"ref": reference}));
    }
    components.extend(algorithms.into_values());
    let mut metadata = Map::new();
    if let Some(day) = today {
        metadata.insert("timestamp".into(), json!(format!("{day}T00:00:00Z")));
    }
    metadata.insert(
        "tools".into(),
        json!({"components": [{"type": "application", "name": "keylint", "version": VERSION}]}),
    );
    metadata.insert(
        "properties".into(),
        json!([
            prop("keylint:profile", r.profile),
            prop("keylint:files-scanned", r.files_scanned)
        ]),
    );
    let body = json!({"components": components, "dependencies": dependencies});
    let mut doc = Map::new();
    doc.insert("bomFormat".into(), json!("CycloneDX"));
    doc.insert("specVersion".into(), json!("1.6"));
    if let Some(day) = today {
        let content = body.to_string();
        doc.insert("serialNumber".into(), json!(derived_uuid(&[day, &content])));
    }
    doc.insert("version".into(), json!(1));
    doc.insert("metadata".into(), Value::Object(metadata));
    if let Value::Object(body) = body {
        doc.extend(body);
    }
    let mut s = serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use keylint_model::inventory::FindingRef;

    fn asset(kind: AssetKind, resource: &str, facts: &[(&'static str, AttrValue)]) -> Asset {
        let facts: BTreeMap<&'static str, AttrValue> = facts.iter().cloned().collect();
        let mut e = keylint_model::Entity::new(
            keylint_model::EntityKind::Key,
            resource,
            resource,
            keylint_model::Loc::default(),
        );
        e.attrs = facts.clone();
        Asset {
            kind,
            reference: format!("main.tf#{resource}"),
            resource: resource.into(),
            provider: "gcp".into(),
            resource_type: "google_kms_crypto_key".into(),
            file: "main.tf".into(),
            line: 3,
            column: 1,
            container: None,
            summary: (kind == AssetKind::Key).then(|| KeySummary::of(&e)),
            facts,
            findings: Vec::new(),
        }
    }

    /// The quantum facts h-pqc adds (`algorithm_family`, `nist_quantum_level`, ...) reach
    /// the algorithm component.
    #[test]
    fn post_quantum_facts_reach_the_algorithm() {
        let s = |v: &str| AttrValue::Str(v.into());
        let mut ring = asset(AssetKind::Container, "google_kms_key_ring.r", &[]);
        ring.resource_type = "google_kms_key_ring".into();
        let mut key = asset(
            AssetKind::Key,
            "google_kms_crypto_key.sign",
            &[
                ("provider", s("gcp")),
                ("purpose", s("ASYMMETRIC_SIGN")),
                ("algorithm", s("PQ_SIGN_ML_DSA_65")),
                ("protection_level", s("HSM")),
                ("fips_level", AttrValue::Long(3)),
                ("algorithm_family", s("ml-dsa")),
                ("quantum_vulnerable", AttrValue::Bool(false)),
                ("nist_quantum_level", AttrValue::Long(3)),
                ("cnsa2_allowed", AttrValue::Bool(false)),
                ("has_rotation", AttrValue::Bool(false)),
            ],
        );
        key.container = Some(ring.reference.clone());
        key.findings.push(FindingRef {
            rule: "key-below-cnsa-2.0".into(),
            file: "main.tf".into(),
            line: 3,
            column: 1,
        });
        let mut finding = crate::testing::finding(
            "key-below-cnsa-2.0",
            keylint_model::Severity::Medium,
            "main.tf",
            3,
            "m",
        );
        finding.resource = key.resource.clone();
        let findings = [finding];
        let sources = BTreeMap::new();
        let report = crate::testing::report(&findings, &[], &sources);
        let bom: Value =
            serde_json::from_str(&render(&report, &[ring, key], Some("2026-01-02"))).unwrap();
        let components = bom["components"].as_array().unwrap();
        assert_eq!(components.len(), 3);
        let alg = &components[2];
        assert_eq!(
            alg["bom-ref"],
            "algorithm:gcp/PQ_SIGN_ML_DSA_65/hsm/fips140-2-l3/asymmetric_sign"
        );
        let props = &alg["cryptoProperties"]["algorithmProperties"];
        assert_eq!(props["primitive"], "signature");
        assert_eq!(props["parameterSetIdentifier"], "65");
        assert_eq!(props["nistQuantumSecurityLevel"], 3);
        assert_eq!(props["executionEnvironment"], "hardware");
        assert_eq!(props["cryptoFunctions"], json!(["sign", "verify"]));
        let key = &components[1];
        let material = &key["cryptoProperties"]["relatedCryptoMaterialProperties"];
        assert_eq!(material["type"], "private-key");
        assert_eq!(material["algorithmRef"], alg["bom-ref"]);
        assert_eq!(material["securedBy"]["mechanism"], "HSM");
        let props: Vec<String> = key["properties"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                format!(
                    "{}={}",
                    p["name"].as_str().unwrap(),
                    p["value"].as_str().unwrap()
                )
            })
            .collect();
        assert!(
            props.contains(&"keylint:quantum-vulnerable=false".to_owned()),
            "{props:?}"
        );
        assert!(props.contains(&"keylint:cnsa-2.0-allowed=false".to_owned()));
        assert!(
            props.contains(&"keylint:finding=key-below-cnsa-2.0 (medium) at main.tf:3".to_owned())
        );
        assert_eq!(
            bom["dependencies"][1],
            json!({"ref": "key:main.tf#google_kms_crypto_key.sign", "dependsOn": [
                "container:main.tf#google_kms_key_ring.r",
                "algorithm:gcp/PQ_SIGN_ML_DSA_65/hsm/fips140-2-l3/asymmetric_sign"
            ]})
        );
        assert_eq!(bom["metadata"]["timestamp"], "2026-01-02T00:00:00Z");
        assert!(
            bom["serialNumber"]
                .as_str()
                .unwrap()
                .starts_with("urn:uuid:")
        );
        // Without a day: no timestamp, no serial number.
        let bom: Value = serde_json::from_str(&render(&report, &[], None)).unwrap();
        assert!(bom.get("serialNumber").is_none());
        assert!(bom["metadata"].get("timestamp").is_none());
    }

    #[test]
    fn spellings() {
        assert_eq!(curve("ECC_NIST_P256"), Some("P-256"));
        assert_eq!(curve("EC_SIGN_SECP256K1_SHA256"), Some("secp256k1"));
        assert_eq!(curve("ecdsa-p521"), Some("P-521"));
        assert_eq!(curve("ECC_NIST_EDWARDS25519"), Some("Ed25519"));
        assert_eq!(
            parameter_set("slh-dsa", "PQ_SIGN_SLH_DSA_SHA2_128S", None).as_deref(),
            Some("SHA2-128S")
        );
        assert_eq!(
            parameter_set("ml-kem", "ML_KEM_1024", None).as_deref(),
            Some("1024")
        );
        assert_eq!(
            parameter_set("rsa", "RSA_3072", Some(3072)).as_deref(),
            Some("3072")
        );
        let uuid = derived_uuid(&["a"]);
        assert_eq!(uuid.len(), "urn:uuid:".len() + 36);
        assert_eq!(uuid.as_bytes()[23], b'8');
    }
}
