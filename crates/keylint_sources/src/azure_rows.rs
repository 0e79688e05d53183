//! Azure Key Vault facts as data: one row per (resource type, fact, attribute, ARM
//! property, provider default, documentation). The extractor ([`crate::extract`]) reads
//! the rows' attributes from the neutral resource view; the ARM front-end ([`crate::arm`],
//! also used for `az keyvault show` exports) translates the rows' properties into those
//! attributes. A fact of these resources is one more row here.

/// Where the facts of the table come from: the Terraform provider's documentation of the
/// argument (ARM property names are those of the template reference,
/// <https://learn.microsoft.com/azure/templates/microsoft.keyvault/vaults>).
pub const AZURERM_DOCS: &str =
    "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources";

/// A fact's value, with the provider's default when the argument is absent.
#[derive(Clone, Copy)]
pub enum Default {
    Bool(bool),
    Int(i64),
}

/// How the ARM front-end reads a row's property.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ArmForm {
    /// The value as it is.
    Same,
    /// `"Enabled"` / `"Disabled"`: a boolean (anything but `Disabled` is enabled).
    EnabledDisabled,
}

/// One fact of one resource type, read from one attribute.
pub struct Row {
    /// The resource type of the neutral view (azurerm's name).
    pub resource: &'static str,
    pub fact: &'static str,
    /// The attribute in the neutral view, then older names of it (the first set wins).
    pub attrs: &'static [&'static str],
    /// The ARM property (under `properties`) the ARM front-end translates into `attrs[0]`.
    pub arm: &'static str,
    pub arm_form: ArmForm,
    /// The provider's default, used when the attribute is absent (not when unknown).
    pub default: Default,
    /// The provider's documentation of the attribute, under [`AZURERM_DOCS`].
    pub doc: &'static str,
}

pub const KEY_VAULT: &str = "azurerm_key_vault";
pub const MANAGED_HSM: &str = "azurerm_key_vault_managed_hardware_security_module";

/// The scalar facts of Key Vaults and Managed HSMs, for every front-end: Terraform reads
/// the attributes, the ARM front-end (templates and `az keyvault show`) translates its
/// properties into them.
pub const ROWS: &[Row] = &[
    Row {
        resource: KEY_VAULT,
        fact: "purge_protection",
        attrs: &["purge_protection_enabled"],
        arm: "enablePurgeProtection",
        arm_form: ArmForm::Same,
        default: Default::Bool(false),
        doc: "/key_vault#purge_protection_enabled",
    },
    Row {
        resource: KEY_VAULT,
        fact: "soft_delete_enabled",
        attrs: &["soft_delete_enabled"],
        arm: "enableSoftDelete",
        arm_form: ArmForm::Same,
        default: Default::Bool(true),
        doc: "/key_vault#soft_delete_enabled",
    },
    Row {
        resource: KEY_VAULT,
        fact: "soft_delete_days",
        attrs: &["soft_delete_retention_days"],
        arm: "softDeleteRetentionInDays",
        arm_form: ArmForm::Same,
        default: Default::Int(90),
        doc: "/key_vault#soft_delete_retention_days",
    },
    Row {
        resource: KEY_VAULT,
        fact: "public_network",
        attrs: &["public_network_access_enabled"],
        arm: "publicNetworkAccess",
        arm_form: ArmForm::EnabledDisabled,
        default: Default::Bool(true),
        doc: "/key_vault#public_network_access_enabled",
    },
    Row {
        resource: KEY_VAULT,
        fact: "rbac_enabled",
        attrs: &["rbac_authorization_enabled", "enable_rbac_authorization"],
        arm: "enableRbacAuthorization",
        arm_form: ArmForm::Same,
        default: Default::Bool(false),
        doc: "/key_vault#rbac_authorization_enabled",
    },
    Row {
        resource: MANAGED_HSM,
        fact: "purge_protection",
        attrs: &["purge_protection_enabled"],
        arm: "enablePurgeProtection",
        arm_form: ArmForm::Same,
        default: Default::Bool(false),
        doc: "/key_vault_managed_hardware_security_module#purge_protection_enabled",
    },
    Row {
        resource: MANAGED_HSM,
        fact: "soft_delete_days",
        attrs: &["soft_delete_retention_days"],
        arm: "softDeleteRetentionInDays",
        arm_form: ArmForm::Same,
        default: Default::Int(90),
        doc: "/key_vault_managed_hardware_security_module#soft_delete_retention_days",
    },
    Row {
        resource: MANAGED_HSM,
        fact: "public_network",
        attrs: &["public_network_access_enabled"],
        arm: "publicNetworkAccess",
        arm_form: ArmForm::EnabledDisabled,
        default: Default::Bool(true),
        doc: "/key_vault_managed_hardware_security_module#public_network_access_enabled",
    },
];

/// The rows of one resource type.
pub fn rows(resource: &str) -> impl Iterator<Item = &'static Row> + '_ {
    ROWS.iter().filter(move |r| r.resource == resource)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_complete_and_unique() {
        for (i, r) in ROWS.iter().enumerate() {
            assert!(!r.attrs.is_empty() && !r.arm.is_empty(), "{}", r.fact);
            assert!(r.doc.starts_with('/') && r.doc.contains('#'), "{}", r.doc);
            assert!(
                r.doc
                    .ends_with(r.attrs.first().copied().unwrap_or_default()),
                "{} documents its attribute",
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
        }
        assert_eq!(rows(KEY_VAULT).count(), 5);
        assert!(AZURERM_DOCS.starts_with("https://"));
    }
}
