//! Key algorithms as data: one row per provider spelling (an AWS key spec, an Azure key
//! type, a Google Cloud `CryptoKeyVersionAlgorithm`, a Vault transit key type), with its
//! family, whether a quantum computer breaks it, its NIST post-quantum security category
//! and whether CNSA 2.0 allows it (RULES.md "Crypto agility").
//!
//! A spelling the table does not know is unknown: no fact, so no rule fires on it (the
//! providers add algorithms; a stale table must never fail a valid key).
//!
//! Sources of the columns:
//! - NIST security category, as CycloneDX 1.6 `nistQuantumSecurityLevel` (0 to 6, 0: no
//!   category is met) records it
//!   (<https://cyclonedx.org/docs/1.6/json/#components_items_cryptoProperties_algorithmProperties_nistQuantumSecurityLevel>):
//!   RSA, elliptic curve and SM2 keys 0 (Shor's algorithm breaks them); ML-KEM-512 1,
//!   ML-KEM-768 3, ML-KEM-1024 5 (FIPS 203, section 8, table 2); ML-DSA-44 2, ML-DSA-65 3,
//!   ML-DSA-87 5 (FIPS 204, section 4, table 1); SLH-DSA by its parameter set: `128s`/`128f`
//!   1, `192*` 3, `256*` 5 (FIPS 205, section 11, table 2); X-Wing 3 (ML-KEM-768 with
//!   X25519, draft-connolly-cfrg-xwing-kem); symmetric keys by the AES key search the
//!   categories are defined by (NIST PQC call for proposals, section 4.A.5): a 128-bit key
//!   1, 192-bit 3, 256-bit 5, an HMAC key by its length (AWS `HMAC_224` 224 bits: 3).
//! - CNSA 2.0 (NSA, "Announcing the Commercial National Security Algorithm Suite 2.0",
//!   <https://media.defense.gov/2022/Sep/07/2003071834/-1/-1/0/CSA_CNSA_2.0_ALGORITHMS_.PDF>):
//!   AES-256, ML-KEM-1024 and ML-DSA-87 only (and LMS/XMSS, which no provider offers as
//!   a key). RSA, elliptic curve, SM2, smaller ML-KEM/ML-DSA sets, SLH-DSA, X-Wing,
//!   AES-128 and ChaCha20 are not allowed. HMAC is not named by CNSA 2.0: unknown.

use keylint_model::Entity;

/// An algorithm family and whether a cryptographically relevant quantum computer breaks
/// it (Shor's algorithm: RSA, elliptic curve discrete logarithms, SM2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Family {
    pub name: &'static str,
    pub quantum_vulnerable: bool,
}

pub const RSA: Family = Family {
    name: "rsa",
    quantum_vulnerable: true,
};
pub const EC: Family = Family {
    name: "ec",
    quantum_vulnerable: true,
};
pub const EDDSA: Family = Family {
    name: "eddsa",
    quantum_vulnerable: true,
};
pub const SM2: Family = Family {
    name: "sm2",
    quantum_vulnerable: true,
};
pub const ML_DSA: Family = Family {
    name: "ml-dsa",
    quantum_vulnerable: false,
};
pub const ML_KEM: Family = Family {
    name: "ml-kem",
    quantum_vulnerable: false,
};
pub const SLH_DSA: Family = Family {
    name: "slh-dsa",
    quantum_vulnerable: false,
};
pub const X_WING: Family = Family {
    name: "x-wing",
    quantum_vulnerable: false,
};
pub const HMAC: Family = Family {
    name: "hmac",
    quantum_vulnerable: false,
};
pub const AES: Family = Family {
    name: "aes",
    quantum_vulnerable: false,
};
/// Another or an unnamed symmetric cipher (ChaCha20, an external key manager's key).
pub const SYMMETRIC: Family = Family {
    name: "symmetric",
    quantum_vulnerable: false,
};

/// One provider spelling of a key algorithm.
#[derive(Debug)]
pub struct Algorithm {
    /// `aws`, `azure`, `gcp` or `vault` (the Key entity's `provider`).
    pub provider: &'static str,
    /// The provider's spelling (compared without regard to case).
    pub name: &'static str,
    pub family: Family,
    /// The NIST security category (CycloneDX `nistQuantumSecurityLevel`); `None` where
    /// the spelling does not tell the key size (Azure `oct`).
    pub nist_level: Option<i64>,
    /// Whether CNSA 2.0 allows it; `None` where CNSA 2.0 does not say.
    pub cnsa2_allowed: Option<bool>,
    /// AWS: the key usages the key spec takes (RULES.md `aws-kms-key-spec-usage-invalid`);
    /// empty where the provider has no such table or the spec is not a KMS key's.
    pub usages: &'static [&'static str],
    /// The provider documentation listing the spelling.
    pub source: &'static str,
}

const AWS_SPECS: &str =
    "https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html";
const AWS_MLDSA: &str = "https://docs.aws.amazon.com/kms/latest/developerguide/mldsa.html";
const AWS_DATA_KEY_PAIR: &str =
    "https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPair.html";
const AZURE: &str = "https://learn.microsoft.com/en-us/azure/key-vault/keys/about-keys";
const GCP: &str = "https://cloud.google.com/kms/docs/reference/rest/v1/CryptoKeyVersionAlgorithm";
const VAULT: &str = "https://developer.hashicorp.com/vault/api-docs/secret/transit#type";

const ENC: &str = "ENCRYPT_DECRYPT";
const SIGN: &str = "SIGN_VERIFY";
const MAC: &str = "GENERATE_VERIFY_MAC";
const AGREE: &str = "KEY_AGREEMENT";

/// A key a quantum computer breaks: category 0, never allowed by CNSA 2.0.
const fn classical(
    provider: &'static str,
    name: &'static str,
    family: Family,
    usages: &'static [&'static str],
    source: &'static str,
) -> Algorithm {
    Algorithm {
        provider,
        name,
        family,
        nist_level: Some(0),
        cnsa2_allowed: Some(false),
        usages,
        source,
    }
}

/// A key a quantum computer does not break, with its category and CNSA 2.0 standing.
const fn safe(
    provider: &'static str,
    name: &'static str,
    family: Family,
    nist_level: Option<i64>,
    cnsa2_allowed: Option<bool>,
    usages: &'static [&'static str],
    source: &'static str,
) -> Algorithm {
    Algorithm {
        provider,
        name,
        family,
        nist_level,
        cnsa2_allowed,
        usages,
        source,
    }
}

const RSA_USAGES: &[&str] = &[ENC, SIGN];
const NIST_EC_USAGES: &[&str] = &[SIGN, AGREE];
const SM2_USAGES: &[&str] = &[ENC, SIGN, AGREE];

/// Every known spelling. Keep grouped by provider.
pub const ALGORITHMS: &[Algorithm] = &[
    // AWS KMS key specs (Developer Guide, "Key spec reference"; ML-DSA keys).
    safe(
        "aws",
        "SYMMETRIC_DEFAULT",
        AES,
        Some(5),
        Some(true),
        &[ENC],
        AWS_SPECS,
    ),
    classical("aws", "RSA_2048", RSA, RSA_USAGES, AWS_SPECS),
    classical("aws", "RSA_3072", RSA, RSA_USAGES, AWS_SPECS),
    classical("aws", "RSA_4096", RSA, RSA_USAGES, AWS_SPECS),
    classical("aws", "ECC_NIST_P256", EC, NIST_EC_USAGES, AWS_SPECS),
    classical("aws", "ECC_NIST_P384", EC, NIST_EC_USAGES, AWS_SPECS),
    classical("aws", "ECC_NIST_P521", EC, NIST_EC_USAGES, AWS_SPECS),
    classical("aws", "ECC_SECG_P256K1", EC, &[SIGN], AWS_SPECS),
    classical("aws", "ECC_NIST_EDWARDS25519", EDDSA, &[SIGN], AWS_SPECS),
    classical("aws", "SM2", SM2, SM2_USAGES, AWS_SPECS),
    safe("aws", "HMAC_224", HMAC, Some(3), None, &[MAC], AWS_SPECS),
    safe("aws", "HMAC_256", HMAC, Some(5), None, &[MAC], AWS_SPECS),
    safe("aws", "HMAC_384", HMAC, Some(5), None, &[MAC], AWS_SPECS),
    safe("aws", "HMAC_512", HMAC, Some(5), None, &[MAC], AWS_SPECS),
    safe(
        "aws",
        "ML_DSA_44",
        ML_DSA,
        Some(2),
        Some(false),
        &[SIGN],
        AWS_MLDSA,
    ),
    safe(
        "aws",
        "ML_DSA_65",
        ML_DSA,
        Some(3),
        Some(false),
        &[SIGN],
        AWS_MLDSA,
    ),
    safe(
        "aws",
        "ML_DSA_87",
        ML_DSA,
        Some(5),
        Some(true),
        &[SIGN],
        AWS_MLDSA,
    ),
    // ML-KEM is a data key pair spec (`GenerateDataKeyPair`), not a KMS key's: no usages.
    safe(
        "aws",
        "ML_KEM_512",
        ML_KEM,
        Some(1),
        Some(false),
        &[],
        AWS_DATA_KEY_PAIR,
    ),
    safe(
        "aws",
        "ML_KEM_768",
        ML_KEM,
        Some(3),
        Some(false),
        &[],
        AWS_DATA_KEY_PAIR,
    ),
    safe(
        "aws",
        "ML_KEM_1024",
        ML_KEM,
        Some(5),
        Some(true),
        &[],
        AWS_DATA_KEY_PAIR,
    ),
    // Azure Key Vault and Managed HSM key types (`kty`); the size of an `oct` key is
    // its `key_size`, not its type.
    classical("azure", "RSA", RSA, &[], AZURE),
    classical("azure", "RSA-HSM", RSA, &[], AZURE),
    classical("azure", "EC", EC, &[], AZURE),
    classical("azure", "EC-HSM", EC, &[], AZURE),
    safe("azure", "oct", AES, None, None, &[], AZURE),
    safe("azure", "oct-HSM", AES, None, None, &[], AZURE),
    // Google Cloud KMS CryptoKeyVersionAlgorithm (every value but UNSPECIFIED).
    safe(
        "gcp",
        "GOOGLE_SYMMETRIC_ENCRYPTION",
        AES,
        Some(5),
        Some(true),
        &[],
        GCP,
    ),
    safe("gcp", "AES_128_GCM", AES, Some(1), Some(false), &[], GCP),
    safe("gcp", "AES_256_GCM", AES, Some(5), Some(true), &[], GCP),
    safe("gcp", "AES_128_CBC", AES, Some(1), Some(false), &[], GCP),
    safe("gcp", "AES_256_CBC", AES, Some(5), Some(true), &[], GCP),
    safe("gcp", "AES_128_CTR", AES, Some(1), Some(false), &[], GCP),
    safe("gcp", "AES_256_CTR", AES, Some(5), Some(true), &[], GCP),
    safe("gcp", "AES_256_KWP", AES, Some(5), Some(true), &[], GCP),
    classical("gcp", "RSA_SIGN_PSS_2048_SHA256", RSA, &[], GCP),
    classical("gcp", "RSA_SIGN_PSS_3072_SHA256", RSA, &[], GCP),
    classical("gcp", "RSA_SIGN_PSS_4096_SHA256", RSA, &[], GCP),
    classical("gcp", "RSA_SIGN_PSS_4096_SHA512", RSA, &[], GCP),
    classical("gcp", "RSA_SIGN_PKCS1_2048_SHA256", RSA, &[], GCP),
    classical("gcp", "RSA_SIGN_PKCS1_3072_SHA256", RSA, &[], GCP),
    classical("gcp", "RSA_SIGN_PKCS1_4096_SHA256", RSA, &[], GCP),
    classical("gcp", "RSA_SIGN_PKCS1_4096_SHA512", RSA, &[], GCP),
    classical("gcp", "RSA_SIGN_RAW_PKCS1_2048", RSA, &[], GCP),
    classical("gcp", "RSA_SIGN_RAW_PKCS1_3072", RSA, &[], GCP),
    classical("gcp", "RSA_SIGN_RAW_PKCS1_4096", RSA, &[], GCP),
    classical("gcp", "RSA_DECRYPT_OAEP_2048_SHA256", RSA, &[], GCP),
    classical("gcp", "RSA_DECRYPT_OAEP_3072_SHA256", RSA, &[], GCP),
    classical("gcp", "RSA_DECRYPT_OAEP_4096_SHA256", RSA, &[], GCP),
    classical("gcp", "RSA_DECRYPT_OAEP_4096_SHA512", RSA, &[], GCP),
    classical("gcp", "RSA_DECRYPT_OAEP_2048_SHA1", RSA, &[], GCP),
    classical("gcp", "RSA_DECRYPT_OAEP_3072_SHA1", RSA, &[], GCP),
    classical("gcp", "RSA_DECRYPT_OAEP_4096_SHA1", RSA, &[], GCP),
    classical("gcp", "EC_SIGN_P256_SHA256", EC, &[], GCP),
    classical("gcp", "EC_SIGN_P384_SHA384", EC, &[], GCP),
    classical("gcp", "EC_SIGN_SECP256K1_SHA256", EC, &[], GCP),
    classical("gcp", "EC_SIGN_ED25519", EDDSA, &[], GCP),
    safe("gcp", "HMAC_SHA1", HMAC, Some(1), None, &[], GCP),
    safe("gcp", "HMAC_SHA224", HMAC, Some(3), None, &[], GCP),
    safe("gcp", "HMAC_SHA256", HMAC, Some(5), None, &[], GCP),
    safe("gcp", "HMAC_SHA384", HMAC, Some(5), None, &[], GCP),
    safe("gcp", "HMAC_SHA512", HMAC, Some(5), None, &[], GCP),
    safe(
        "gcp",
        "EXTERNAL_SYMMETRIC_ENCRYPTION",
        SYMMETRIC,
        None,
        None,
        &[],
        GCP,
    ),
    safe("gcp", "ML_KEM_768", ML_KEM, Some(3), Some(false), &[], GCP),
    safe("gcp", "ML_KEM_1024", ML_KEM, Some(5), Some(true), &[], GCP),
    safe("gcp", "KEM_XWING", X_WING, Some(3), Some(false), &[], GCP),
    safe(
        "gcp",
        "PQ_SIGN_ML_DSA_44",
        ML_DSA,
        Some(2),
        Some(false),
        &[],
        GCP,
    ),
    safe(
        "gcp",
        "PQ_SIGN_ML_DSA_65",
        ML_DSA,
        Some(3),
        Some(false),
        &[],
        GCP,
    ),
    safe(
        "gcp",
        "PQ_SIGN_ML_DSA_87",
        ML_DSA,
        Some(5),
        Some(true),
        &[],
        GCP,
    ),
    safe(
        "gcp",
        "PQ_SIGN_ML_DSA_44_EXTERNAL_MU",
        ML_DSA,
        Some(2),
        Some(false),
        &[],
        GCP,
    ),
    safe(
        "gcp",
        "PQ_SIGN_ML_DSA_65_EXTERNAL_MU",
        ML_DSA,
        Some(3),
        Some(false),
        &[],
        GCP,
    ),
    safe(
        "gcp",
        "PQ_SIGN_ML_DSA_87_EXTERNAL_MU",
        ML_DSA,
        Some(5),
        Some(true),
        &[],
        GCP,
    ),
    safe(
        "gcp",
        "PQ_SIGN_SLH_DSA_SHA2_128S",
        SLH_DSA,
        Some(1),
        Some(false),
        &[],
        GCP,
    ),
    safe(
        "gcp",
        "PQ_SIGN_HASH_SLH_DSA_SHA2_128S_SHA256",
        SLH_DSA,
        Some(1),
        Some(false),
        &[],
        GCP,
    ),
    // HashiCorp Vault transit key types. `ml-dsa` keys name their parameter set apart
    // (`parameter_set`): `ml-dsa-44` is the type with its set, as Vault names the key.
    safe(
        "vault",
        "aes128-gcm96",
        AES,
        Some(1),
        Some(false),
        &[],
        VAULT,
    ),
    safe(
        "vault",
        "aes256-gcm96",
        AES,
        Some(5),
        Some(true),
        &[],
        VAULT,
    ),
    safe(
        "vault",
        "chacha20-poly1305",
        SYMMETRIC,
        Some(5),
        Some(false),
        &[],
        VAULT,
    ),
    safe(
        "vault",
        "aes128-cmac",
        AES,
        Some(1),
        Some(false),
        &[],
        VAULT,
    ),
    safe(
        "vault",
        "aes192-cmac",
        AES,
        Some(3),
        Some(false),
        &[],
        VAULT,
    ),
    safe("vault", "aes256-cmac", AES, Some(5), Some(true), &[], VAULT),
    // `key_size` is 32 to 512 bytes: at least 256 bits.
    safe("vault", "hmac", HMAC, Some(5), None, &[], VAULT),
    classical("vault", "ed25519", EDDSA, &[], VAULT),
    classical("vault", "ecdsa-p256", EC, &[], VAULT),
    classical("vault", "ecdsa-p384", EC, &[], VAULT),
    classical("vault", "ecdsa-p521", EC, &[], VAULT),
    classical("vault", "rsa-2048", RSA, &[], VAULT),
    classical("vault", "rsa-3072", RSA, &[], VAULT),
    classical("vault", "rsa-4096", RSA, &[], VAULT),
    // Without a known parameter set: the family only.
    safe("vault", "ml-dsa", ML_DSA, None, None, &[], VAULT),
    safe(
        "vault",
        "ml-dsa-44",
        ML_DSA,
        Some(2),
        Some(false),
        &[],
        VAULT,
    ),
    safe(
        "vault",
        "ml-dsa-65",
        ML_DSA,
        Some(3),
        Some(false),
        &[],
        VAULT,
    ),
    safe(
        "vault",
        "ml-dsa-87",
        ML_DSA,
        Some(5),
        Some(true),
        &[],
        VAULT,
    ),
    safe("vault", "slh-dsa", SLH_DSA, None, Some(false), &[], VAULT),
    // `managed_key` (an external HSM's key of any kind) and `hybrid` (ML-DSA with an
    // elliptic curve key) are not listed: their algorithm is not one family.
];

/// The row of a provider's spelling, if the table knows it.
#[must_use]
pub fn lookup(provider: &str, name: &str) -> Option<&'static Algorithm> {
    ALGORITHMS
        .iter()
        .find(|a| a.provider == provider && a.name.eq_ignore_ascii_case(name))
}

/// Every AWS KMS key usage.
const AWS_USAGES: &[&str] = &[ENC, SIGN, MAC, AGREE];

/// Whether an AWS key spec takes a key usage (RULES.md `aws-kms-key-spec-usage-invalid`;
/// AWS KMS Developer Guide, "Key spec reference"): the usages are a column of the table.
/// `None` when either is not in it.
#[must_use]
pub fn aws_spec_takes_usage(spec: &str, usage: &str) -> Option<bool> {
    let usage = usage.to_ascii_uppercase();
    if !AWS_USAGES.contains(&usage.as_str()) {
        return None;
    }
    let row = lookup("aws", spec).filter(|a| !a.usages.is_empty())?;
    Some(row.usages.contains(&usage.as_str()))
}

/// The fact a provider's key names its algorithm with.
fn algorithm_fact(provider: &str) -> Option<&'static str> {
    match provider {
        "aws" => Some("key_spec"),
        "azure" | "vault" => Some("key_type"),
        "gcp" => Some("algorithm"),
        _ => None,
    }
}

/// The algorithm facts of a key (`algorithm_family`, `quantum_vulnerable`,
/// `nist_quantum_level`, `cnsa2_allowed`), from its spec, type or algorithm fact, with
/// that fact's evidence. Every front-end's keys get them here, after extraction.
pub fn key_facts(e: &mut Entity) {
    let Some(provider) = e.get_str("provider") else {
        return;
    };
    let Some(fact) = algorithm_fact(provider) else {
        return;
    };
    let Some(name) = e.get_str(fact) else {
        return;
    };
    // A Vault ML-DSA key is its type and its parameter set.
    let spelled = match (provider, e.get_str("parameter_set")) {
        ("vault", Some(set)) if name.eq_ignore_ascii_case("ml-dsa") => format!("{name}-{set}"),
        _ => name.to_owned(),
    };
    let row = lookup(provider, &spelled).or_else(|| lookup(provider, name));
    let Some(row) = row else {
        return;
    };
    let loc = e.spans.get(fact).copied();
    e.fact("algorithm_family", Some(row.family.name.to_owned()), loc);
    e.fact(
        "quantum_vulnerable",
        Some(row.family.quantum_vulnerable),
        loc,
    );
    e.fact("nist_quantum_level", row.nist_level, loc);
    e.fact("cnsa2_allowed", row.cnsa2_allowed, loc);
}

#[cfg(test)]
mod tests {
    use super::*;
    use keylint_model::{AttrValue, EntityKind, Loc};

    fn key(provider: &str, fact: &'static str, value: &str) -> Entity {
        let mut e = Entity::new(EntityKind::Key, "k", "k", Loc::default());
        e.set_str("provider", provider);
        e.set_str(fact, value);
        key_facts(&mut e);
        e
    }

    fn long(e: &Entity, name: &str) -> Option<i64> {
        match e.get(name) {
            Some(AttrValue::Long(n)) => Some(*n),
            _ => None,
        }
    }

    #[test]
    fn spellings_are_unique_per_provider() {
        for (i, a) in ALGORITHMS.iter().enumerate() {
            let dup = ALGORITHMS
                .iter()
                .skip(i + 1)
                .any(|b| b.provider == a.provider && b.name.eq_ignore_ascii_case(a.name));
            assert!(!dup, "{} {} is listed twice", a.provider, a.name);
            // A broken algorithm is category 0 and never CNSA 2.0; a safe one is not 0.
            if a.family.quantum_vulnerable {
                assert_eq!(a.nist_level, Some(0), "{}", a.name);
                assert_eq!(a.cnsa2_allowed, Some(false), "{}", a.name);
            } else {
                assert_ne!(a.nist_level, Some(0), "{}", a.name);
            }
            assert!(a.source.starts_with("https://"), "{}", a.name);
        }
    }

    #[test]
    fn facts_of_each_provider() {
        let rsa = key("aws", "key_spec", "RSA_3072");
        assert_eq!(rsa.get_str("algorithm_family"), Some("rsa"));
        assert_eq!(rsa.get_bool("quantum_vulnerable"), Some(true));
        assert_eq!(long(&rsa, "nist_quantum_level"), Some(0));
        assert_eq!(rsa.get_bool("cnsa2_allowed"), Some(false));
        let mldsa = key("aws", "key_spec", "ML_DSA_87");
        assert_eq!(mldsa.get_bool("quantum_vulnerable"), Some(false));
        assert_eq!(long(&mldsa, "nist_quantum_level"), Some(5));
        assert_eq!(mldsa.get_bool("cnsa2_allowed"), Some(true));
        let ec = key("azure", "key_type", "EC-HSM");
        assert_eq!(ec.get_str("algorithm_family"), Some("ec"));
        let oct = key("azure", "key_type", "oct-HSM");
        assert_eq!(oct.get_bool("quantum_vulnerable"), Some(false));
        assert_eq!(long(&oct, "nist_quantum_level"), None);
        let xwing = key("gcp", "algorithm", "KEM_XWING");
        assert_eq!(xwing.get_str("algorithm_family"), Some("x-wing"));
        assert_eq!(long(&xwing, "nist_quantum_level"), Some(3));
        let slh = key("gcp", "algorithm", "PQ_SIGN_SLH_DSA_SHA2_128S");
        assert_eq!(long(&slh, "nist_quantum_level"), Some(1));
        assert_eq!(slh.get_bool("cnsa2_allowed"), Some(false));
        let hmac = key("gcp", "algorithm", "HMAC_SHA256");
        assert_eq!(hmac.get_bool("cnsa2_allowed"), None);
        let ed = key("vault", "key_type", "ed25519");
        assert_eq!(ed.get_str("algorithm_family"), Some("eddsa"));
        let mut vault_mldsa = Entity::new(EntityKind::Key, "k", "k", Loc::default());
        vault_mldsa.set_str("provider", "vault");
        vault_mldsa.set_str("key_type", "ml-dsa");
        vault_mldsa.set_str("parameter_set", "65");
        key_facts(&mut vault_mldsa);
        assert_eq!(long(&vault_mldsa, "nist_quantum_level"), Some(3));
        // Without its parameter set: the family, not the level.
        let bare = key("vault", "key_type", "ml-dsa");
        assert_eq!(bare.get_str("algorithm_family"), Some("ml-dsa"));
        assert_eq!(long(&bare, "nist_quantum_level"), None);
    }

    #[test]
    fn unknown_spellings_give_no_fact() {
        for (provider, fact, value) in [
            ("aws", "key_spec", "RSA_8192"),
            ("gcp", "algorithm", "PQ_SIGN_FALCON_512"),
            ("vault", "key_type", "managed_key"),
            ("vault", "key_type", "hybrid"),
            ("azure", "key_type", "RSA"),
        ] {
            let e = key(provider, fact, value);
            let known = e.get("algorithm_family").is_some();
            assert_eq!(known, value == "RSA", "{provider} {value}");
        }
        // The spelling belongs to its provider.
        assert!(
            key("vault", "key_type", "RSA_2048")
                .get("algorithm_family")
                .is_none()
        );
    }
}
