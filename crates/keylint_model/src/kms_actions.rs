//! The AWS KMS action list, as data.
//!
//! Source: AWS Service Authorization Reference, "Actions, resources, and condition keys
//! for AWS Key Management Service" (<https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html>),
//! read 2026-11, checked again 2026-12 for the actions of new key kinds: ML-DSA keys
//! (`ML_DSA_*`, FIPS 204) use `kms:Sign`, `kms:Verify` and `kms:GetPublicKey` (no action of
//! their own; the `EXTERNAL_MU` message type is a `Sign` parameter), and key agreement
//! keys `kms:DeriveSharedSecret` (listed). New since: `kms:GetKeyLastUsage` (Read: the
//! last cryptographic operation a key performed; <https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyLastUsage.html>).
//! Keep sorted; a new action added by AWS is a one-line change here.

pub const KMS_ACTIONS: &[&str] = &[
    "CancelKeyDeletion",
    "ConnectCustomKeyStore",
    "CreateAlias",
    "CreateCustomKeyStore",
    "CreateGrant",
    "CreateKey",
    "Decrypt",
    "DeleteAlias",
    "DeleteCustomKeyStore",
    "DeleteImportedKeyMaterial",
    "DeriveSharedSecret",
    "DescribeCustomKeyStores",
    "DescribeKey",
    "DisableKey",
    "DisableKeyRotation",
    "DisconnectCustomKeyStore",
    "EnableKey",
    "EnableKeyRotation",
    "Encrypt",
    "GenerateDataKey",
    "GenerateDataKeyPair",
    "GenerateDataKeyPairWithoutPlaintext",
    "GenerateDataKeyWithoutPlaintext",
    "GenerateMac",
    "GenerateRandom",
    "GetKeyLastUsage",
    "GetKeyPolicy",
    "GetKeyRotationStatus",
    "GetParametersForImport",
    "GetPublicKey",
    "ImportKeyMaterial",
    "ListAliases",
    "ListGrants",
    "ListKeyPolicies",
    "ListKeyRotations",
    "ListKeys",
    "ListResourceTags",
    "ListRetirableGrants",
    "PutKeyPolicy",
    "ReEncryptFrom",
    "ReEncryptTo",
    "ReplicateKey",
    "RetireGrant",
    "RevokeGrant",
    "RotateKeyOnDemand",
    "ScheduleKeyDeletion",
    "Sign",
    "SynchronizeMultiRegionKey",
    "TagResource",
    "UntagResource",
    "UpdateAlias",
    "UpdateCustomKeyStore",
    "UpdateKeyDescription",
    "UpdatePrimaryRegion",
    "Verify",
    "VerifyMac",
];

/// Actions that return plaintext or plaintext key material (RULES.md "decrypt-capable").
pub const DECRYPT_CAPABLE: &[&str] = &[
    "Decrypt",
    "ReEncryptFrom",
    "GenerateDataKey",
    "GenerateDataKeyPair",
];

/// Actions that make data keys without returning their plaintext: with
/// [`DECRYPT_CAPABLE`], what a service uses a key for (`aws-kms-service-principal-unscoped`).
pub const DATA_KEY: &[&str] = &[
    "GenerateDataKeyWithoutPlaintext",
    "GenerateDataKeyPairWithoutPlaintext",
];

/// Key administration actions (RULES.md `aws-kms-admin-can-decrypt`).
pub const ADMIN: &[&str] = &[
    "ScheduleKeyDeletion",
    "PutKeyPolicy",
    "DisableKey",
    "DisableKeyRotation",
    "DeleteAlias",
    "DeleteCustomKeyStore",
    "DeleteImportedKeyMaterial",
];

/// Actions whose unchecked use destroys access to data (`aws-kms-deletion-without-mfa`).
pub const DESTRUCTIVE: &[&str] = &["ScheduleKeyDeletion", "DisableKey"];

/// A set of KMS actions as a bit set over [`KMS_ACTIONS`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ActionSet(u64);

impl ActionSet {
    #[must_use]
    pub fn all() -> Self {
        Self((1u64 << KMS_ACTIONS.len()) - 1)
    }

    #[must_use]
    pub fn of(names: &[&str]) -> Self {
        let mut set = Self::default();
        for name in names {
            if let Some(i) = KMS_ACTIONS.iter().position(|a| a == name) {
                set.0 |= 1 << i;
            }
        }
        set
    }

    /// Every KMS action an IAM action pattern matches, case-insensitively, with `*` and `?`.
    /// Results are remembered per thread: the same patterns recur across policies.
    #[must_use]
    pub fn matching(pattern: &str) -> Self {
        thread_local! {
            static SEEN: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, ActionSet>> =
                std::cell::RefCell::new(rustc_hash::FxHashMap::default());
        }
        if let Some(set) = SEEN.with(|m| m.borrow().get(pattern).copied()) {
            return set;
        }
        let set = Self::expand(pattern);
        SEEN.with(|m| {
            let mut m = m.borrow_mut();
            // Bounded: a hostile file cannot grow it without limit.
            if m.len() >= 4096 {
                m.clear();
            }
            m.insert(pattern.into(), set);
        });
        set
    }

    fn expand(pattern: &str) -> Self {
        // Only patterns for the `kms` service (or a bare `*`-style glob) can match.
        let p = pattern.as_bytes();
        let service_ok =
            p.len() >= 4 && p.get(..4).is_some_and(|s| s.eq_ignore_ascii_case(b"kms:"));
        if !service_ok
            && !p
                .iter()
                .take_while(|&&b| b != b':')
                .any(|&b| b == b'*' || b == b'?')
        {
            return Self::default();
        }
        let mut set = Self::default();
        for (i, action) in KMS_ACTIONS.iter().enumerate() {
            if glob_match_ci_parts(p, b"kms:", action.as_bytes()) {
                set.0 |= 1 << i;
            }
        }
        set
    }

    #[must_use]
    pub fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    #[must_use]
    pub fn minus(self, other: Self) -> Self {
        Self(self.0 & !other.0)
    }

    #[must_use]
    pub fn intersects(self, other: Self) -> bool {
        self.0 & other.0 != 0
    }

    #[must_use]
    pub fn contains_all(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    #[must_use]
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// IAM wildcard matching, ASCII case-insensitive: `*` is any run, `?` one byte.
#[must_use]
pub fn glob_match_ci(pattern: &str, text: &str) -> bool {
    glob_match_ci_parts(pattern.as_bytes(), b"", text.as_bytes())
}

/// [`glob_match_ci`] against `prefix` followed by `rest`, without building the string.
fn glob_match_ci_parts(p: &[u8], prefix: &[u8], rest: &[u8]) -> bool {
    let len = prefix.len() + rest.len();
    let at = |i: usize| {
        if i < prefix.len() {
            prefix.get(i)
        } else {
            rest.get(i - prefix.len())
        }
    };
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < len {
        match p.get(pi) {
            Some(b'*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == b'?' || at(ti).is_some_and(|t| t.eq_ignore_ascii_case(&c)) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..)
        .is_some_and(|rest| rest.iter().all(|&c| c == b'*'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_fits_the_bit_set() {
        assert!(KMS_ACTIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(KMS_ACTIONS.len() < 64);
        for name in DECRYPT_CAPABLE.iter().chain(ADMIN).chain(DESTRUCTIVE) {
            assert!(KMS_ACTIONS.contains(name), "{name}");
        }
    }

    #[test]
    fn patterns_match_case_insensitively_with_wildcards() {
        let decrypt = ActionSet::of(&["Decrypt"]);
        assert_eq!(ActionSet::matching("KMS:DECRYPT"), decrypt);
        assert!(ActionSet::matching("kms:De*").contains_all(decrypt));
        assert!(ActionSet::matching("kms:De*").contains_all(ActionSet::of(&["DescribeKey"])));
        assert_eq!(ActionSet::matching("kms:*"), ActionSet::all());
        assert_eq!(ActionSet::matching("*"), ActionSet::all());
        assert_eq!(ActionSet::matching("kms:Decrypt?"), ActionSet::default());
        assert_eq!(ActionSet::matching("kms:Sig?"), ActionSet::of(&["Sign"]));
        assert!(ActionSet::matching("s3:GetObject").is_empty());
        assert!(ActionSet::matching("kms:Decrpyt").is_empty());
        assert_eq!(
            ActionSet::matching("kms:ReEncrypt*"),
            ActionSet::of(&["ReEncryptFrom", "ReEncryptTo"])
        );
    }

    #[test]
    fn glob_edge_cases() {
        assert!(glob_match_ci("a*b*c", "aXXbYYc"));
        assert!(!glob_match_ci("a*b*c", "aXXbYY"));
        assert!(glob_match_ci("**", ""));
        assert!(!glob_match_ci("", "a"));
    }
}
