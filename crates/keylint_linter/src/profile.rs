//! Profiles: the parameters passed to Cedar as request context (RULES.md "Profiles").

use keylint_model::Severity;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub min_deletion_window_days: i64,
    pub min_soft_delete_days: i64,
    pub max_rotation_days_aws: i64,
    pub max_rotation_days_gcp: i64,
    pub max_rotation_days_azure: i64,
    pub max_secret_rotation_days: i64,
    pub required_fips_level: i64,
    pub min_rsa_bits: i64,
    pub require_single_tenant_hsm: bool,
    /// RULES.md `pqc_policy`: `none`, `nist-ir-8547` or `cnsa-2.0` ([`PQC_POLICIES`]).
    /// It sets the severity of `key-quantum-vulnerable` and switches `key-below-cnsa-2.0`
    /// on ([`Profile::set_pqc_policy`]), whatever the profile.
    pub pqc_policy: String,
    /// Severity changes the profile makes, by rule id.
    pub severities: Vec<(String, Severity)>,
    /// Opt-in rules the profile switches on (RULES.md, "opt-in rules switched on").
    pub enables: Vec<String>,
}

/// The detection rules the compliance profiles switch on (RULES.md).
const DETECTION_RULES: &[&str] = &[
    "aws-kms-no-key-deletion-alarm",
    "gcp-kms-no-data-access-audit-logs",
];

pub const PROFILES: &[&str] = NAMES;

/// The values of `pqc_policy` (RULES.md "Profiles").
pub const PQC_POLICIES: &[&str] = &["none", "nist-ir-8547", "cnsa-2.0"];

/// The rule whose severity follows `pqc_policy`, and the opt-in rule `cnsa-2.0` switches on.
const QUANTUM_RULE: &str = "key-quantum-vulnerable";
const CNSA_RULE: &str = "key-below-cnsa-2.0";

/// Parameter names users can override in the config file.
pub const PARAMETERS: &[&str] = &[
    "min_deletion_window_days",
    "min_soft_delete_days",
    "max_rotation_days_aws",
    "max_rotation_days_gcp",
    "max_rotation_days_azure",
    "max_secret_rotation_days",
    "required_fips_level",
    "min_rsa_bits",
    "require_single_tenant_hsm",
    "pqc_policy",
];

/// Why a profile or a parameter is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    #[error(
        "unknown profile `{0}` (choose default, pci-dss, fedramp-high, bsi-tr-02102, nist-ir-8547 or cnsa-2.0)"
    )]
    UnknownProfile(String),
    #[error("unknown parameter `{0}`")]
    UnknownParameter(String),
    #[error("`{0}` must be true or false")]
    NotBool(String),
    #[error("`{0}` must be a non-negative integer")]
    NotCount(String),
    #[error("`pqc_policy` must be none, nist-ir-8547 or cnsa-2.0, not `{0}`")]
    NotPqcPolicy(String),
}

/// The built-in profiles, by name.
pub const NAMES: &[&str] = &[
    "default",
    "pci-dss",
    "fedramp-high",
    "bsi-tr-02102",
    "nist-ir-8547",
    "cnsa-2.0",
];

impl Default for Profile {
    fn default() -> Self {
        Self {
            name: "default".into(),
            min_deletion_window_days: 30,
            min_soft_delete_days: 90,
            max_rotation_days_aws: 365,
            max_rotation_days_gcp: 90,
            max_rotation_days_azure: 90,
            max_secret_rotation_days: 90,
            required_fips_level: 3,
            min_rsa_bits: 2048,
            require_single_tenant_hsm: false,
            pqc_policy: "none".into(),
            severities: Vec::new(),
            enables: Vec::new(),
        }
    }
}

const FIPS_RULE: &str = "key-below-required-fips-level";

fn detection() -> Vec<String> {
    DETECTION_RULES.iter().map(|r| (*r).to_owned()).collect()
}

impl Profile {
    /// A named profile, or `None` for an unknown name.
    #[must_use]
    /// Every built-in profile's name is in [`NAMES`].
    pub fn named(name: &str) -> Option<Self> {
        let base = Self {
            name: name.to_owned(),
            ..Self::default()
        };
        Some(match name {
            "default" => base,
            "pci-dss" => Self {
                require_single_tenant_hsm: true,
                severities: vec![(FIPS_RULE.into(), Severity::High)],
                enables: detection(),
                ..base
            },
            "fedramp-high" => Self {
                min_rsa_bits: 3072,
                require_single_tenant_hsm: true,
                severities: vec![(FIPS_RULE.into(), Severity::High)],
                enables: detection(),
                ..base
            },
            "bsi-tr-02102" => Self {
                min_rsa_bits: 3072,
                severities: vec![(FIPS_RULE.into(), Severity::Medium)],
                enables: detection(),
                ..base
            },
            // The FIPS rule keeps its own severity (low) here.
            "nist-ir-8547" => Self {
                min_rsa_bits: 3072,
                ..base
            }
            .with_pqc_policy("nist-ir-8547"),
            "cnsa-2.0" => Self {
                min_rsa_bits: 3072,
                require_single_tenant_hsm: true,
                severities: vec![(FIPS_RULE.into(), Severity::High)],
                ..base
            }
            .with_pqc_policy("cnsa-2.0"),
            _ => return None,
        })
    }

    fn with_pqc_policy(mut self, policy: &'static str) -> Self {
        // Built-in names only: always one of PQC_POLICIES.
        let _ = self.set_pqc_policy(policy);
        self
    }

    /// Set `pqc_policy`: `key-quantum-vulnerable` is info under `none`, low under
    /// `nist-ir-8547` and medium under `cnsa-2.0`, and `cnsa-2.0` switches
    /// `key-below-cnsa-2.0` on (RULES.md "Crypto agility"). Severity overrides of the
    /// config file are applied after, and win.
    ///
    /// # Errors
    /// A value that is not in [`PQC_POLICIES`].
    pub fn set_pqc_policy(&mut self, policy: &str) -> Result<(), ProfileError> {
        if !PQC_POLICIES.contains(&policy) {
            return Err(ProfileError::NotPqcPolicy(policy.to_owned()));
        }
        policy.clone_into(&mut self.pqc_policy);
        self.severities.retain(|(r, _)| r != QUANTUM_RULE);
        self.enables.retain(|r| r != CNSA_RULE);
        match policy {
            "nist-ir-8547" => self.severities.push((QUANTUM_RULE.into(), Severity::Low)),
            "cnsa-2.0" => {
                self.severities
                    .push((QUANTUM_RULE.into(), Severity::Medium));
                self.enables.push(CNSA_RULE.into());
            }
            _ => {}
        }
        Ok(())
    }

    /// A named profile with parameters overridden (a config file's, a request's).
    ///
    /// # Errors
    /// An unknown profile, or a parameter [`Profile::set`] refuses.
    pub fn configured<'a>(
        name: &str,
        parameters: impl IntoIterator<Item = (&'a String, &'a serde_json::Value)>,
    ) -> Result<Self, ProfileError> {
        let mut profile =
            Self::named(name).ok_or_else(|| ProfileError::UnknownProfile(name.to_owned()))?;
        for (k, v) in parameters {
            profile.set(k, v)?;
        }
        Ok(profile)
    }

    /// Override one parameter from a config value.
    ///
    /// # Errors
    /// A message naming the parameter when the name or the value type is wrong.
    pub fn set(&mut self, name: &str, value: &serde_json::Value) -> Result<(), ProfileError> {
        if name == "pqc_policy" {
            let policy = value
                .as_str()
                .ok_or_else(|| ProfileError::NotPqcPolicy(value.to_string()))?;
            return self.set_pqc_policy(policy);
        }
        if name == "require_single_tenant_hsm" {
            self.require_single_tenant_hsm = value
                .as_bool()
                .ok_or_else(|| ProfileError::NotBool(name.to_owned()))?;
            return Ok(());
        }
        let n = value
            .as_i64()
            .filter(|n| *n >= 0)
            .ok_or_else(|| ProfileError::NotCount(name.to_owned()))?;
        let slot = match name {
            "min_deletion_window_days" => &mut self.min_deletion_window_days,
            "min_soft_delete_days" => &mut self.min_soft_delete_days,
            "max_rotation_days_aws" => &mut self.max_rotation_days_aws,
            "max_rotation_days_gcp" => &mut self.max_rotation_days_gcp,
            "max_rotation_days_azure" => &mut self.max_rotation_days_azure,
            "max_secret_rotation_days" => &mut self.max_secret_rotation_days,
            "required_fips_level" => &mut self.required_fips_level,
            "min_rsa_bits" => &mut self.min_rsa_bits,
            _ => return Err(ProfileError::UnknownParameter(name.to_owned())),
        };
        *slot = n;
        Ok(())
    }

    #[must_use]
    pub fn severity_of(&self, rule: &str, default: Severity) -> Severity {
        self.severities
            .iter()
            .find(|(r, _)| r == rule)
            .map_or(default, |(_, s)| *s)
    }

    /// The request context, as (name, value) pairs.
    #[must_use]
    pub fn context(&self) -> Vec<(&'static str, ContextValue)> {
        use ContextValue::{Bool, Long, Str};
        vec![
            ("profile", Str(self.name.clone())),
            (
                "min_deletion_window_days",
                Long(self.min_deletion_window_days),
            ),
            (
                "min_deletion_window_seconds",
                Long(self.min_deletion_window_days.saturating_mul(86_400)),
            ),
            ("min_soft_delete_days", Long(self.min_soft_delete_days)),
            ("max_rotation_days_aws", Long(self.max_rotation_days_aws)),
            ("max_rotation_days_gcp", Long(self.max_rotation_days_gcp)),
            (
                "max_rotation_seconds_gcp",
                Long(self.max_rotation_days_gcp.saturating_mul(86_400)),
            ),
            (
                "max_rotation_days_azure",
                Long(self.max_rotation_days_azure),
            ),
            (
                "max_secret_rotation_days",
                Long(self.max_secret_rotation_days),
            ),
            ("required_fips_level", Long(self.required_fips_level)),
            ("min_rsa_bits", Long(self.min_rsa_bits)),
            (
                "require_single_tenant_hsm",
                Bool(self.require_single_tenant_hsm),
            ),
            ("pqc_policy", Str(self.pqc_policy.clone())),
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ContextValue {
    Str(String),
    Long(i64),
    Bool(bool),
}

impl std::fmt::Display for ContextValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ContextValue::Str(s) => f.write_str(s),
            ContextValue::Long(n) => write!(f, "{n}"),
            ContextValue::Bool(b) => write!(f, "{b}"),
        }
    }
}

#[cfg(test)]
mod names {
    use super::*;

    #[test]
    fn every_name_is_a_profile() {
        for name in NAMES {
            assert_eq!(
                Profile::named(name).map(|p| p.name),
                Some((*name).to_owned())
            );
        }
        assert!(Profile::named("nope").is_none());
    }

    #[test]
    fn pqc_policy_sets_severity_and_opt_in_rule_on_any_profile() {
        let default = Profile::default();
        assert_eq!(
            default.severity_of(QUANTUM_RULE, Severity::Info),
            Severity::Info
        );
        let nist = Profile::named("nist-ir-8547").unwrap();
        assert_eq!(nist.pqc_policy, "nist-ir-8547");
        assert_eq!(
            nist.severity_of(QUANTUM_RULE, Severity::Info),
            Severity::Low
        );
        assert!(nist.enables.is_empty());
        let cnsa = Profile::named("cnsa-2.0").unwrap();
        assert_eq!(
            cnsa.severity_of(QUANTUM_RULE, Severity::Info),
            Severity::Medium
        );
        assert_eq!(cnsa.severity_of(FIPS_RULE, Severity::Low), Severity::High);
        assert_eq!(cnsa.enables, vec![CNSA_RULE.to_owned()]);
        assert!(cnsa.require_single_tenant_hsm);
        // On top of another profile, from a config file.
        let value = serde_json::Value::String("cnsa-2.0".into());
        let p = Profile::configured("pci-dss", [(&"pqc_policy".to_owned(), &value)]).unwrap();
        assert_eq!(
            p.severity_of(QUANTUM_RULE, Severity::Info),
            Severity::Medium
        );
        assert!(p.enables.iter().any(|r| r == CNSA_RULE));
        assert!(
            p.enables
                .iter()
                .any(|r| r == "aws-kms-no-key-deletion-alarm")
        );
        // And switched off again: the rule is back to its own severity and off.
        let none = serde_json::Value::String("none".into());
        let p = Profile::configured("cnsa-2.0", [(&"pqc_policy".to_owned(), &none)]).unwrap();
        assert_eq!(p.severity_of(QUANTUM_RULE, Severity::Info), Severity::Info);
        assert!(p.enables.is_empty());
        assert_eq!(p.severity_of(FIPS_RULE, Severity::Low), Severity::High);
        let bad = serde_json::Value::String("cnsa-3".into());
        assert_eq!(
            Profile::configured("default", [(&"pqc_policy".to_owned(), &bad)]),
            Err(ProfileError::NotPqcPolicy("cnsa-3".into()))
        );
    }
}
