//! Facts as data: one row per (resource type, fact, attribute, provider default, the
//! same setting in the provider's template format, documentation). A fact that is a plain
//! reading of one attribute is a row here, not code.
//!
//! Resource types and attribute names are those of the neutral view ([`crate::resource`]):
//! the Terraform providers'. The extractor ([`crate::extract`]) reads every row of a
//! resource's type from that view, whatever the front-end; the front-ends of the
//! providers' own template formats translate a row's `native` property into its
//! attribute: CloudFormation ([`crate::cloudformation`]) for `aws_` types, ARM templates
//! and `az keyvault show` ([`crate::arm`]) for `azurerm_` types. Facts that combine
//! several attributes or other resources (a key's store, whether it can rotate, a
//! vault's network default) stay code in `extract/`.

/// How an attribute is read into its fact, with the provider's default for an absent (or
/// `null`) attribute: `None` where the provider has none, and the fact then stays unset.
/// An attribute whose value is unknown gives no fact, never the default.
#[derive(Clone, Copy, Debug)]
pub enum Read {
    Bool(Option<bool>),
    Int(Option<i64>),
    Str(Option<&'static str>),
    /// A Google Cloud duration (`"86400s"`) read as seconds.
    Seconds(Option<i64>),
}

/// How a template front-end reads a row's `native` property into the attribute.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Native {
    /// The value as it is.
    Same,
    /// ARM's `"Enabled"` / `"Disabled"`: a boolean (anything but `Disabled` is enabled).
    EnabledDisabled,
}

/// One fact of one resource type, read from one attribute.
#[derive(Debug)]
pub struct Row {
    /// The resource type of the neutral view.
    pub resource: &'static str,
    pub fact: &'static str,
    /// The attribute, then other names of it (older ones, or another resource type's):
    /// the first one set wins.
    pub attrs: &'static [&'static str],
    pub read: Read,
    /// The property of the same setting in the provider's template format (under
    /// `Properties` in CloudFormation, `properties` in ARM), translated into `attrs[0]`;
    /// `None` where that format has none.
    pub native: Option<(&'static str, Native)>,
    /// The page and anchor of the attribute (and of its default) in the Terraform
    /// provider's documentation: see [`Row::doc_url`].
    pub doc: &'static str,
}

impl Row {
    /// The documentation of the attribute, where the provider states its default.
    #[must_use]
    pub fn doc_url(&self) -> String {
        let provider = match self.resource.split('_').next() {
            Some("aws") => "aws",
            Some("azurerm") => "azurerm",
            Some("google") => "google",
            _ => "vault",
        };
        format!(
            "https://registry.terraform.io/providers/hashicorp/{provider}/latest/docs/resources{}",
            self.doc
        )
    }
}

pub const KEY_VAULT: &str = "azurerm_key_vault";
pub const MANAGED_HSM: &str = "azurerm_key_vault_managed_hardware_security_module";

/// A row (keeps the table below one line per field).
const fn row(
    resource: &'static str,
    fact: &'static str,
    attrs: &'static [&'static str],
    read: Read,
    native: Option<(&'static str, Native)>,
    doc: &'static str,
) -> Row {
    Row {
        resource,
        fact,
        attrs,
        read,
        native,
        doc,
    }
}

const SAME: Native = Native::Same;

/// The table. Each group names the resource type; the links are the attributes'
/// documentation, where the default is stated.
pub const ROWS: &[Row] = &[
    // Azure Key Vault (ARM: Microsoft.KeyVault/vaults).
    row(
        KEY_VAULT,
        "purge_protection",
        &["purge_protection_enabled"],
        Read::Bool(Some(false)),
        Some(("enablePurgeProtection", SAME)),
        "/key_vault#purge_protection_enabled",
    ),
    row(
        KEY_VAULT,
        "soft_delete_enabled",
        &["soft_delete_enabled"],
        Read::Bool(Some(true)),
        Some(("enableSoftDelete", SAME)),
        "/key_vault#soft_delete_enabled",
    ),
    row(
        KEY_VAULT,
        "soft_delete_days",
        &["soft_delete_retention_days"],
        Read::Int(Some(90)),
        Some(("softDeleteRetentionInDays", SAME)),
        "/key_vault#soft_delete_retention_days",
    ),
    row(
        KEY_VAULT,
        "public_network",
        &["public_network_access_enabled"],
        Read::Bool(Some(true)),
        Some(("publicNetworkAccess", Native::EnabledDisabled)),
        "/key_vault#public_network_access_enabled",
    ),
    row(
        KEY_VAULT,
        "rbac_enabled",
        &["rbac_authorization_enabled", "enable_rbac_authorization"],
        Read::Bool(Some(false)),
        Some(("enableRbacAuthorization", SAME)),
        "/key_vault#rbac_authorization_enabled",
    ),
    // Azure Key Vault Managed HSM (ARM: Microsoft.KeyVault/managedHSMs).
    row(
        MANAGED_HSM,
        "purge_protection",
        &["purge_protection_enabled"],
        Read::Bool(Some(false)),
        Some(("enablePurgeProtection", SAME)),
        "/key_vault_managed_hardware_security_module#purge_protection_enabled",
    ),
    row(
        MANAGED_HSM,
        "soft_delete_days",
        &["soft_delete_retention_days"],
        Read::Int(Some(90)),
        Some(("softDeleteRetentionInDays", SAME)),
        "/key_vault_managed_hardware_security_module#soft_delete_retention_days",
    ),
    row(
        MANAGED_HSM,
        "public_network",
        &["public_network_access_enabled"],
        Read::Bool(Some(true)),
        Some(("publicNetworkAccess", Native::EnabledDisabled)),
        "/key_vault_managed_hardware_security_module#public_network_access_enabled",
    ),
    // AWS KMS keys (CloudFormation: AWS::KMS::Key).
    row(
        "aws_kms_key",
        "deletion_window_days",
        &["deletion_window_in_days"],
        Read::Int(Some(30)),
        Some(("PendingWindowInDays", SAME)),
        "/kms_key#deletion_window_in_days",
    ),
    row(
        "aws_kms_key",
        "bypass_lockout",
        &["bypass_policy_lockout_safety_check"],
        Read::Bool(Some(false)),
        Some(("BypassPolicyLockoutSafetyCheck", SAME)),
        "/kms_key#bypass_policy_lockout_safety_check",
    ),
    row(
        "aws_kms_key",
        "enabled",
        &["is_enabled", "enabled"],
        Read::Bool(Some(true)),
        Some(("Enabled", SAME)),
        "/kms_key#is_enabled",
    ),
    row(
        "aws_kms_key",
        "multi_region",
        &["multi_region"],
        Read::Bool(Some(false)),
        Some(("MultiRegion", SAME)),
        "/kms_key#multi_region",
    ),
    row(
        "aws_kms_key",
        "key_spec",
        &["customer_master_key_spec", "key_spec"],
        Read::Str(Some("SYMMETRIC_DEFAULT")),
        Some(("KeySpec", SAME)),
        "/kms_key#customer_master_key_spec",
    ),
    row(
        "aws_kms_key",
        "key_usage",
        &["key_usage"],
        Read::Str(Some("ENCRYPT_DECRYPT")),
        Some(("KeyUsage", SAME)),
        "/kms_key#key_usage",
    ),
    row(
        "aws_kms_key",
        "rotation_enabled",
        &["enable_key_rotation"],
        Read::Bool(Some(false)),
        Some(("EnableKeyRotation", SAME)),
        "/kms_key#enable_key_rotation",
    ),
    row(
        "aws_kms_key",
        "rotation_period_days",
        &["rotation_period_in_days"],
        Read::Int(None),
        Some(("RotationPeriodInDays", SAME)),
        "/kms_key#rotation_period_in_days",
    ),
    // AWS KMS replica keys (CloudFormation: AWS::KMS::ReplicaKey). Spec, usage and
    // rotation are the primary key's.
    row(
        "aws_kms_replica_key",
        "deletion_window_days",
        &["deletion_window_in_days"],
        Read::Int(Some(30)),
        Some(("PendingWindowInDays", SAME)),
        "/kms_replica_key#deletion_window_in_days",
    ),
    row(
        "aws_kms_replica_key",
        "bypass_lockout",
        &["bypass_policy_lockout_safety_check"],
        Read::Bool(Some(false)),
        None,
        "/kms_replica_key#bypass_policy_lockout_safety_check",
    ),
    row(
        "aws_kms_replica_key",
        "enabled",
        &["enabled", "is_enabled"],
        Read::Bool(Some(true)),
        Some(("Enabled", SAME)),
        "/kms_replica_key#enabled",
    ),
    // AWS KMS keys with imported material (no CloudFormation resource of their own).
    row(
        "aws_kms_external_key",
        "deletion_window_days",
        &["deletion_window_in_days"],
        Read::Int(Some(30)),
        None,
        "/kms_external_key#deletion_window_in_days",
    ),
    row(
        "aws_kms_external_key",
        "bypass_lockout",
        &["bypass_policy_lockout_safety_check"],
        Read::Bool(Some(false)),
        None,
        "/kms_external_key#bypass_policy_lockout_safety_check",
    ),
    row(
        "aws_kms_external_key",
        "enabled",
        &["enabled", "is_enabled"],
        Read::Bool(Some(true)),
        None,
        "/kms_external_key#enabled",
    ),
    row(
        "aws_kms_external_key",
        "multi_region",
        &["multi_region"],
        Read::Bool(Some(false)),
        None,
        "/kms_external_key#multi_region",
    ),
    row(
        "aws_kms_external_key",
        "key_spec",
        &["key_spec", "customer_master_key_spec"],
        Read::Str(Some("SYMMETRIC_DEFAULT")),
        None,
        "/kms_external_key#key_spec",
    ),
    row(
        "aws_kms_external_key",
        "key_usage",
        &["key_usage"],
        Read::Str(Some("ENCRYPT_DECRYPT")),
        None,
        "/kms_external_key#key_usage",
    ),
    row(
        "aws_kms_replica_external_key",
        "deletion_window_days",
        &["deletion_window_in_days"],
        Read::Int(Some(30)),
        None,
        "/kms_replica_external_key#deletion_window_in_days",
    ),
    row(
        "aws_kms_replica_external_key",
        "bypass_lockout",
        &["bypass_policy_lockout_safety_check"],
        Read::Bool(Some(false)),
        None,
        "/kms_replica_external_key#bypass_policy_lockout_safety_check",
    ),
    row(
        "aws_kms_replica_external_key",
        "enabled",
        &["enabled", "is_enabled"],
        Read::Bool(Some(true)),
        None,
        "/kms_replica_external_key#enabled",
    ),
    // AWS Secrets Manager (CloudFormation has no recovery window: it is a deletion
    // parameter of the API).
    row(
        "aws_secretsmanager_secret",
        "recovery_window_days",
        &["recovery_window_in_days"],
        Read::Int(Some(30)),
        None,
        "/secretsmanager_secret#recovery_window_in_days",
    ),
    // Google Cloud KMS keys.
    row(
        "google_kms_crypto_key",
        "purpose",
        &["purpose"],
        Read::Str(Some("ENCRYPT_DECRYPT")),
        None,
        "/kms_crypto_key#purpose",
    ),
    row(
        "google_kms_crypto_key",
        "destroy_seconds",
        &["destroy_scheduled_duration"],
        Read::Seconds(Some(30 * 86_400)),
        None,
        "/kms_crypto_key#destroy_scheduled_duration",
    ),
    // HashiCorp Vault transit keys.
    row(
        "vault_transit_secret_backend_key",
        "exportable",
        &["exportable"],
        Read::Bool(Some(false)),
        None,
        "/transit_secret_backend_key#exportable",
    ),
    row(
        "vault_transit_secret_backend_key",
        "plaintext_backup",
        &["allow_plaintext_backup"],
        Read::Bool(Some(false)),
        None,
        "/transit_secret_backend_key#allow_plaintext_backup",
    ),
    row(
        "vault_transit_secret_backend_key",
        "deletion_allowed",
        &["deletion_allowed"],
        Read::Bool(Some(false)),
        None,
        "/transit_secret_backend_key#deletion_allowed",
    ),
    row(
        "vault_transit_secret_backend_key",
        "key_type",
        &["type"],
        Read::Str(Some("aes256-gcm96")),
        None,
        "/transit_secret_backend_key#type",
    ),
    row(
        "vault_transit_secret_backend_key",
        "parameter_set",
        &["parameter_set"],
        Read::Str(None),
        None,
        "/transit_secret_backend_key#parameter_set",
    ),
];

/// The rows of one resource type.
pub fn rows(resource: &str) -> impl Iterator<Item = &'static Row> + '_ {
    ROWS.iter().filter(move |r| r.resource == resource)
}

/// The template properties of a resource type's rows and the attributes they translate
/// into: `(property, attribute, form)`.
pub fn native(resource: &str) -> impl Iterator<Item = (&'static str, &'static str, Native)> + '_ {
    rows(resource).filter_map(|r| {
        let (property, form) = r.native?;
        Some((property, *r.attrs.first()?, form))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_complete_and_unique() {
        for (i, r) in ROWS.iter().enumerate() {
            let attr = r.attrs.first().copied().unwrap_or_default();
            assert!(!attr.is_empty(), "{} {}", r.resource, r.fact);
            // The link documents the resource type's first attribute.
            let page = r.resource.split_once('_').map_or("", |(_, p)| p);
            assert!(
                r.doc == format!("/{page}#{attr}")
                    && r.doc_url()
                        .contains(r.resource.split('_').next().unwrap_or("-")),
                "{} {}: {}",
                r.resource,
                r.fact,
                r.doc
            );
            assert!(
                !ROWS
                    .iter()
                    .skip(i + 1)
                    .any(|o| o.resource == r.resource && o.fact == r.fact),
                "{} {} twice",
                r.resource,
                r.fact
            );
            // Only the providers with a template format of their own have native names.
            if r.native.is_some() {
                assert!(r.resource.starts_with("aws_") || r.resource.starts_with("azurerm_"));
            }
        }
        assert_eq!(rows(KEY_VAULT).count(), 5);
        assert_eq!(native("aws_kms_key").count(), 8);
    }
}
