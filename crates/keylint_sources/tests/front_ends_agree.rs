//! The same Key Vault, key, secret and access policy written as an ARM template and as
//! Terraform give the same facts: both front-ends translate into the neutral view and one
//! extractor reads it (issue 13, "no second Azure extractor for ARM").

use keylint_model::entity::AttrValue;
use keylint_model::{Entity, EntityKind};
use keylint_sources::SourceFile;
use std::collections::BTreeMap;

fn facts(path: &str, text: &str, kind: EntityKind) -> Vec<BTreeMap<&'static str, AttrValue>> {
    let file = SourceFile {
        path: path.into(),
        text: text.into(),
    };
    let out = if path.ends_with(".json") {
        keylint_sources::read_json_file(file)
    } else {
        keylint_sources::terraform::read_module(".", vec![file], &keylint_sources::NoFiles)
    };
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let mut es: Vec<&Entity> = out.entities.iter().filter(|e| e.kind == kind).collect();
    es.sort_by_key(|e| e.loc.start);
    es.into_iter()
        .map(|e| {
            let mut a = e.attrs.clone();
            // What names the resource's type differs by format.
            a.remove("kind");
            a
        })
        .collect()
}

const ARM: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv",
     "properties": {
       "sku": {"family": "A", "name": "standard"},
       "tenantId": "00000000-0000-0000-0000-000000000000",
       "softDeleteRetentionInDays": 7,
       "publicNetworkAccess": "Disabled",
       "networkAcls": {"defaultAction": "Allow"},
       "accessPolicies": [
         {"tenantId": "00000000-0000-0000-0000-000000000000", "objectId": "11111111-1111-1111-1111-111111111111",
          "permissions": {"keys": ["Get", "Purge"], "secrets": ["all"]}}
       ]}},
    {"type": "Microsoft.KeyVault/vaults/keys", "apiVersion": "2023-07-01", "name": "kv/k",
     "properties": {
       "kty": "RSA",
       "rotationPolicy": {
         "attributes": {"expiryTime": "P90D"},
         "lifetimeActions": [
           {"trigger": {"timeBeforeExpiry": "P30D"}, "action": {"type": "rotate"}}
         ]}}},
    {"type": "Microsoft.KeyVault/vaults/secrets", "apiVersion": "2023-07-01", "name": "kv/s",
     "properties": {"value": "not-a-real-secret", "contentType": " ", "attributes": {"exp": 1893456000}}}
  ]
}"#;

const TF: &str = r#"
resource "azurerm_key_vault" "kv" {
  name                          = "kv"
  location                      = "westeurope"
  resource_group_name           = "rg"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "standard"
  soft_delete_retention_days    = 7
  public_network_access_enabled = false
  network_acls {
    default_action = "Allow"
    bypass         = "AzureServices"
  }
  access_policy {
    tenant_id          = "00000000-0000-0000-0000-000000000000"
    object_id          = "11111111-1111-1111-1111-111111111111"
    key_permissions    = ["Get", "Purge"]
    secret_permissions = ["all"]
  }
}

resource "azurerm_key_vault_key" "k" {
  name         = "k"
  key_vault_id = azurerm_key_vault.kv.id
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["decrypt", "encrypt"]
  rotation_policy {
    expire_after = "P90D"
    automatic {
      time_before_expiry = "P30D"
    }
  }
}

resource "azurerm_key_vault_secret" "s" {
  name            = "s"
  value           = "not-a-real-secret"
  key_vault_id    = azurerm_key_vault.kv.id
  content_type    = " "
  expiration_date = "2030-01-01T00:00:00Z"
}
"#;

#[test]
fn arm_and_terraform_give_the_same_facts() {
    for kind in [
        EntityKind::KeyContainer,
        EntityKind::Key,
        EntityKind::Secret,
        EntityKind::Binding,
    ] {
        let arm = facts("main.json", ARM, kind);
        let tf = facts("main.tf", TF, kind);
        assert_eq!(arm.len(), 1, "{kind:?}");
        assert_eq!(arm, tf, "{kind:?}");
    }
    // And what they are.
    let key = facts("main.json", ARM, EntityKind::Key).remove(0);
    assert_eq!(key.get("rsa_bits"), Some(&AttrValue::Long(2048)));
    assert_eq!(key.get("rotation_after_days"), Some(&AttrValue::Long(60)));
    assert_eq!(key.get("fips_level"), Some(&AttrValue::Long(1)));
    let secret = facts("main.json", ARM, EntityKind::Secret).remove(0);
    // A blank content type is none.
    assert_eq!(
        secret.get("has_content_type"),
        Some(&AttrValue::Bool(false))
    );
    assert_eq!(secret.get("has_expiration"), Some(&AttrValue::Bool(true)));
    let policy = facts("main.json", ARM, EntityKind::Binding).remove(0);
    assert_eq!(policy.get("grants_purge"), Some(&AttrValue::Bool(true)));
    assert_eq!(
        policy.get("grants_all_permissions"),
        Some(&AttrValue::Bool(true))
    );
    assert_eq!(
        policy.get("member"),
        Some(&AttrValue::Str(
            "11111111-1111-1111-1111-111111111111".into()
        ))
    );
}
