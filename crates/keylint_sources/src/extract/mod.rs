//! Resources (the neutral view of [`crate::resource`]) into entities: one extractor per
//! provider family ([`aws`], [`azure`], [`gcp`]; Vault transit keys with AWS), shared by
//! every front-end. Facts that are plain readings of one attribute are rows of
//! [`crate::rows`], read by [`base::row_facts`].

mod aws;
pub(crate) mod azure;
mod base;
mod consume;
mod cover;
mod gcp;

use keylint_model::iam::PolicyKind;
use keylint_model::{EntityKind, Node};

use crate::policy::policy_node;
use crate::resource::{EBlock, Res};
use crate::vault;
use crate::{SourceFile, UnitOutput};
use std::rc::Rc;

pub(crate) use base::Extractor;
use base::*;

/// The resource types the extraction reads (each has an arm in [`Extractor::run`]);
/// Terraform does not evaluate resources of other types.
pub(crate) const SUPPORTED: &[&str] = &[
    "aws_kms_key",
    "aws_kms_replica_key",
    "aws_kms_external_key",
    "aws_kms_replica_external_key",
    "aws_kms_key_policy",
    "aws_kms_grant",
    "aws_kms_custom_key_store",
    // What a key attribute naming an alias refers to (key consumers).
    "aws_kms_alias",
    "aws_iam_policy",
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_iam_group_policy",
    "aws_secretsmanager_secret",
    "aws_secretsmanager_secret_rotation",
    "aws_cloudtrail",
    // Alarms on KMS key deletion, for the whole configuration.
    "aws_cloudwatch_log_metric_filter",
    "aws_cloudwatch_metric_alarm",
    "aws_cloudwatch_event_rule",
    "azurerm_key_vault",
    "azurerm_key_vault_key",
    "azurerm_key_vault_secret",
    "azurerm_key_vault_certificate",
    "azurerm_key_vault_access_policy",
    "azurerm_key_vault_managed_hardware_security_module",
    "azurerm_monitor_diagnostic_setting",
    // Holds the key of the disks that name it (key consumers).
    "azurerm_disk_encryption_set",
    "google_kms_key_ring",
    "google_kms_crypto_key",
    "google_kms_crypto_key_iam_member",
    "google_kms_crypto_key_iam_binding",
    "google_kms_crypto_key_iam_policy",
    "google_kms_key_ring_iam_member",
    "google_kms_key_ring_iam_binding",
    "google_kms_key_ring_iam_policy",
    // Project-level grants of Cloud KMS roles: a project is a scope for separation of duties.
    "google_project_iam_member",
    "google_project_iam_binding",
    "google_project_iam_policy",
    // Audit logging of Cloud KMS data access, for the whole configuration.
    "google_project_iam_audit_config",
    "google_folder_iam_audit_config",
    "google_organization_iam_audit_config",
    "vault_policy",
    "vault_transit_secret_backend_key",
];

impl Extractor<'_> {
    pub(crate) fn run(&mut self) {
        for r in self.res {
            // Only AWS resources hold AWS policy documents in `policy`.
            if !r.ty.starts_with("aws_") {
                continue;
            }
            // `policy = ""` on a key is unset for the provider: the default key policy.
            if is_key_type(&r.ty) && key_policy_unset(&r.eb) {
                continue;
            }
            if let Some(doc) =
                r.eb.attr("policy")
                    .and_then(|p| policy_node(&p.value, self.text_of))
            {
                self.docs.insert(r.address.clone(), doc);
            }
            if r.ty == "aws_kms_key_policy"
                && let Some(key) = ref_of(r.eb.value("key_id"))
            {
                self.attached
                    .entry(key.to_owned())
                    .or_default()
                    .push(r.address.clone());
            }
        }
        for r in self.res {
            match r.ty.as_str() {
                ty if is_key_type(ty) => self.aws_key(r),
                "aws_kms_key_policy" => self.aws_key_policy(r),
                "aws_kms_grant" => self.aws_grant(r),
                "aws_kms_custom_key_store" => {
                    let mut e = self.entity(EntityKind::KeyContainer, r, "aws");
                    let (t, loc, _) = get_str(&r.eb, "custom_key_store_type");
                    e.fact("store_type", Some(t.unwrap_or("AWS_CLOUDHSM")), loc);
                    self.out.entities.push(e);
                }
                "aws_iam_policy"
                | "aws_iam_role_policy"
                | "aws_iam_user_policy"
                | "aws_iam_group_policy" => {
                    let entities = self.policy(r, PolicyKind::Identity, None);
                    self.out.entities.extend(entities);
                }
                "aws_secretsmanager_secret" => self.aws_secret(r),
                "aws_cloudtrail" => self.aws_trail(r),
                "aws_secretsmanager_secret_rotation" => self.aws_secret_rotation(r),
                "azurerm_key_vault" => self.azure_vault(r),
                "azurerm_key_vault_managed_hardware_security_module" => self.azure_hsm(r),
                "azurerm_key_vault_key" => self.azure_key(r),
                "azurerm_key_vault_secret" => self.azure_secret(r),
                "azurerm_key_vault_certificate" => self.azure_certificate(r),
                "azurerm_key_vault_access_policy" => {
                    let e = self.azure_access_policy(
                        r,
                        &r.eb,
                        r.id().to_owned(),
                        r.eb.header,
                        r.eb.loc,
                    );
                    self.out.entities.push(e);
                }
                "google_kms_key_ring" => {
                    let e = self.entity(EntityKind::KeyContainer, r, "gcp");
                    self.out.entities.push(e);
                }
                "google_kms_crypto_key" => self.gcp_key(r),
                "vault_policy" => {
                    if let Some(value) = r.eb.value("policy") {
                        let text = value.loc.and_then(|l| (self.text_of)(l.file));
                        if let Some(doc) =
                            vault::policy_from_string(value, text.as_deref().map(String::as_str))
                        {
                            let entities =
                                vault::policy_entities(&doc, &r.address, &r.address, r.eb.loc);
                            // A policy file loaded with `file()`, maybe by several
                            // resources: each one that loads it is a related location.
                            if let Some(attr) = r.eb.attr("policy")
                                && value.loc.is_some_and(|l| l.file != attr.loc.file)
                            {
                                for e in &entities {
                                    self.out.origins.push(crate::Origin {
                                        block: e.block,
                                        at: None,
                                        fact: None,
                                        loc: attr.loc,
                                        message: format!("loaded by `{}`", r.address),
                                    });
                                }
                            }
                            self.out.entities.extend(entities);
                        }
                    }
                }
                "data.vault_policy_document" => {
                    let rules: Vec<Node> = r.eb.blocks("rule").map(EBlock::to_node).collect();
                    let rules: Vec<&Node> = rules.iter().collect();
                    let entities =
                        vault::policy_document_entities(&rules, &r.address, &r.address, r.eb.loc);
                    self.out.entities.extend(entities);
                }
                "vault_transit_secret_backend_key" => self.vault_transit_key(r),
                _ => {}
            }
        }
        self.coverage();
        self.gcp_bindings();
        self.gcp_scan();
        self.aws_scan();
        // Algorithm facts, for every provider's keys in one place.
        for e in &mut self.out.entities {
            if e.kind == EntityKind::Key {
                crate::algorithms::key_facts(e);
            }
        }
    }
}

/// Extract the entities of resources translated from another format (CloudFormation,
/// ARM) into `out`, whose file table holds the texts their locations point into.
pub(crate) fn extract(out: &mut UnitOutput, res: &[Res]) {
    extract_with(out, res, true);
}

/// [`extract`] for what a cloud export shows: one resource, the others around it unknown.
pub(crate) fn extract_shown(out: &mut UnitOutput, res: &[Res]) {
    extract_with(out, res, false);
}

fn extract_with(out: &mut UnitOutput, res: &[Res], complete: bool) {
    // The texts are lent to the extraction (shared, not copied) and then given back.
    let texts: Vec<(String, Rc<String>)> = std::mem::take(&mut out.files)
        .into_iter()
        .map(|f| (f.path, Rc::new(f.text)))
        .collect();
    let text_of = |f: u32| texts.get(f as usize).map(|(_, t)| Rc::clone(t));
    Extractor::new(out, res, &text_of, complete).run();
    out.files = into_files(texts);
}

/// Shared texts back into the unit's file table (copied only if still shared).
pub(crate) fn into_files(texts: Vec<(String, Rc<String>)>) -> Vec<SourceFile> {
    texts
        .into_iter()
        .map(|(path, text)| SourceFile {
            path,
            text: Rc::try_unwrap(text).unwrap_or_else(|shared| (*shared).clone()),
        })
        .collect()
}
