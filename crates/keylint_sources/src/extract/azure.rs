//! Azure Key Vault: vaults, managed HSMs, access policies, keys, secrets, certificates.

use keylint_model::{Entity, EntityKind, Loc, Node, Val};

use super::base::*;
use crate::facts;
use crate::resource::{EBlock, Res};
use crate::rows::{KEY_VAULT, MANAGED_HSM};

/// Whether a vault's network ACLs deny by default, and where that is said.
fn network_deny(eb: &EBlock) -> (Option<bool>, Option<Loc>) {
    match eb.block("network_acls") {
        None if block_unknown(eb, "network_acls") => (None, None),
        None => (Some(false), None),
        Some(acl) => {
            let (v, loc, _) = get_str(acl, "default_action");
            (
                v.map(|a| a.eq_ignore_ascii_case("deny")),
                loc.or(Some(acl.header)),
            )
        }
    }
}

/// The facts of a Key Vault in the neutral view (Terraform's `azurerm_key_vault`, a
/// template's or an export's vault translated into it): the table's rows, the network
/// ACLs' default action, the SKU, and `audit`: whether a diagnostic setting sends the
/// vault's audit logs, which each front-end works out from the resources around it.
pub(crate) fn vault_facts(e: &mut Entity, eb: &EBlock, audit: Option<bool>) {
    row_facts(e, eb, KEY_VAULT);
    let (deny, deny_loc) = network_deny(eb);
    e.fact("network_default_deny", deny, deny_loc);
    let (sku, sku_loc, _) = get_str(eb, "sku_name");
    if let Some(sku) = sku {
        e.fact("sku", Some(sku.to_ascii_lowercase()), sku_loc);
        if sku.eq_ignore_ascii_case("standard") {
            e.fact("fips_level", Some(1), sku_loc);
        }
    }
    e.fact("audit_logging", audit, None);
}

/// The facts of a Managed HSM in the neutral view: the table's rows, the network ACLs'
/// default action, and its SKU.
pub(crate) fn hsm_facts(e: &mut Entity, eb: &EBlock) {
    row_facts(e, eb, MANAGED_HSM);
    // Soft delete: azurerm has no switch (it is always on), an ARM template has
    // `enableSoftDelete` (which the service keeps on).
    let (on, loc, present) = get_bool(eb, "soft_delete_enabled");
    e.fact(
        "soft_delete_enabled",
        if present { on } else { Some(true) },
        loc,
    );
    let (deny, deny_loc) = network_deny(eb);
    e.fact("network_default_deny", deny, deny_loc);
    e.set_str("sku", "managed_hsm");
}

impl Extractor<'_> {
    pub(super) fn azure_vault(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::KeyContainer, r, "azure");
        vault_facts(&mut e, eb, self.azure_audit(r));
        self.out.entities.push(e);
        let policies: Vec<Entity> = eb
            .blocks("access_policy")
            .enumerate()
            .map(|(i, ap)| {
                self.azure_access_policy(
                    r,
                    ap,
                    format!("{}.access_policy[{i}]", r.address),
                    ap.header,
                    ap.loc,
                )
            })
            .collect();
        self.out.entities.extend(policies);
    }

    /// Whether some diagnostic setting sends this vault's AuditEvent logs somewhere.
    /// `None` when a setting with an unknown target might, or a module keylint does not
    /// read is handed the vault (it may create the setting).
    pub(super) fn azure_audit(&self, r: &Res) -> Option<bool> {
        if !self.complete || self.handed_to_unread_module(r) {
            return None;
        }
        let vault = r.address.as_str();
        let mut unknown = false;
        for d in self
            .res
            .iter()
            .filter(|d| d.ty == "azurerm_monitor_diagnostic_setting")
        {
            let audits =
                d.eb.blocks("enabled_log")
                    .chain(d.eb.blocks("log"))
                    .any(|l| {
                        let cat = l.value("category").and_then(Node::as_str);
                        let group = l.value("category_group").and_then(Node::as_str);
                        let on = l.value("enabled").and_then(Node::as_bool) != Some(false);
                        on && (cat.is_some_and(|c| c.eq_ignore_ascii_case("AuditEvent"))
                            || group.is_some_and(|g| {
                                g.eq_ignore_ascii_case("audit") || g.eq_ignore_ascii_case("allLogs")
                            })
                            || (cat.is_none() && group.is_none()))
                    });
            // Logs of a `dynamic` block over an unknown collection may audit.
            let maybe = block_unknown(&d.eb, "enabled_log") || block_unknown(&d.eb, "log");
            if !audits && !maybe {
                continue;
            }
            match d.eb.value("target_resource_id").map(|t| &t.val) {
                Some(Val::Ref(t)) if t == vault && audits => return Some(true),
                Some(Val::Ref(t)) if t == vault => unknown = true,
                Some(Val::Ref(_)) => {}
                _ => unknown = true,
            }
        }
        if unknown { None } else { Some(false) }
    }

    pub(super) fn azure_access_policy(
        &self,
        r: &Res,
        ap: &EBlock,
        id: String,
        loc: Loc,
        block: Loc,
    ) -> Entity {
        let mut e = Entity::new(EntityKind::Binding, id.clone(), r.address.clone(), loc);
        e.block = block;
        e.set_str("provider", "azure");
        e.set_str("kind", "access_policy");
        let lists: Vec<facts::PermissionList<'_>> = [
            ("key_permissions", facts::KEY_PERMISSIONS),
            ("secret_permissions", facts::SECRET_PERMISSIONS),
            ("certificate_permissions", facts::CERT_PERMISSIONS),
        ]
        .into_iter()
        .filter_map(|(attr, full)| {
            let v = ap.value(attr)?;
            let names = v
                .items()
                .iter()
                .map(|n| n.as_str().map(str::to_owned))
                .collect();
            Some((full, names, ap.loc_of(attr)))
        })
        .collect();
        let (purge, all, evidence) = facts::access_policy(&lists);
        e.fact("grants_purge", purge, evidence);
        e.fact("grants_all_permissions", all, evidence);
        if let Some(o) = ap.value("object_id").and_then(Node::as_str) {
            e.set_str("member", o);
        }
        e
    }

    pub(super) fn azure_hsm(&mut self, r: &Res) {
        let mut e = self.entity(EntityKind::KeyContainer, r, "azure");
        hsm_facts(&mut e, &r.eb);
        self.out.entities.push(e);
    }

    pub(super) fn azure_key(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::Key, r, "azure");
        e.container = self.container_of(eb.value("key_vault_id"));
        let (kty, kty_loc, _) = get_str(eb, "key_type");
        if let Some(t) = kty {
            e.fact("key_type", Some(t), kty_loc);
            let vault = ref_of(eb.value("key_vault_id")).and_then(|v| self.find(v));
            let standard = vault
                .and_then(|v| v.eb.value("sku_name"))
                .and_then(Node::as_str)
                .map(|s| s.eq_ignore_ascii_case("standard"));
            let vault_block = vault.map(|v| v.eb.loc);
            let own = facts::azure_key_fips(t);
            // A key that only its vault's standard SKU holds at level 1 is covered by the
            // vault's finding, which names it; a software key is low on its own account.
            let fips = match (own, standard) {
                (Some(level), Some(true)) if level > 1 => None,
                (Some(_), Some(true)) => Some(1),
                (f, _) => f,
            };
            e.fact("fips_level", fips, kty_loc);
            if let (Some(level), Some(true), Some(block)) = (own, standard, vault_block) {
                let message = if level > 1 {
                    format!(
                        "`{}` (`{t}`) is held at FIPS 140 level 1 by this vault's standard SKU",
                        r.address
                    )
                } else {
                    format!(
                        "`{}` (`{t}`) keeps its key material in software (level 1)",
                        r.address
                    )
                };
                self.out.origins.push(crate::Origin {
                    block,
                    at: None,
                    fact: Some("fips_level"),
                    loc: r.eb.header,
                    message,
                });
            }
            if t.to_ascii_uppercase().starts_with("RSA") {
                // Absent: the service's default size (azurerm requires one; an ARM
                // template may leave `keySize` out).
                let (bits, bloc, present) = get_i64(eb, "key_size");
                let bits = if present { bits } else { Some(2048) };
                e.fact("rsa_bits", bits, bloc.or(kty_loc));
            }
        }
        let (has, loc) = self.has_expiration(eb);
        e.fact("has_expiration", has, loc);
        match eb.block("rotation_policy") {
            None if block_unknown(eb, "rotation_policy") => {}
            None => {
                e.set_bool("rotation_auto", false);
            }
            Some(rp) => match rp.block("automatic") {
                None if block_unknown(rp, "automatic") => {}
                None => {
                    e.fact("rotation_auto", Some(false), Some(rp.header));
                }
                Some(auto) => {
                    e.fact("rotation_auto", Some(true), Some(auto.header));
                    let (after, loc, _) = get_str(auto, "time_after_creation");
                    if let Some(days) = after.and_then(facts::iso_days) {
                        e.fact("rotation_after_days", Some(days), loc);
                    } else if let (Some(before), Some(expire)) = (
                        get_str(auto, "time_before_expiry")
                            .0
                            .and_then(facts::iso_days),
                        get_str(rp, "expire_after").0.and_then(facts::iso_days),
                    ) {
                        e.fact(
                            "rotation_after_days",
                            Some(expire - before),
                            auto.loc_of("time_before_expiry"),
                        );
                    }
                }
            },
        }
        self.out.entities.push(e);
    }

    /// Whether a key or secret has an expiration date ([`is_set`], as an AWS key's
    /// `valid_to`), and where it is written.
    fn has_expiration(&self, eb: &EBlock) -> (Option<bool>, Option<Loc>) {
        let name = "expiration_date";
        (is_set(eb, name, self.text_of), eb.loc_of(name))
    }

    pub(super) fn azure_secret(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::Secret, r, "azure");
        let (has, loc) = self.has_expiration(eb);
        e.fact("has_expiration", has, loc);
        let (ct, ct_loc, present) = get_str(eb, "content_type");
        let has = if present {
            ct.map(|c| !c.trim().is_empty())
        } else {
            Some(false)
        };
        // Written as `null`: located there.
        e.fact(
            "has_content_type",
            has,
            ct_loc.or_else(|| eb.loc_of("content_type")),
        );
        for attr in ["value", "value_wo"] {
            if let Some(v) = eb.value(attr) {
                if v.as_str().is_some_and(|s| !s.is_empty()) {
                    e.fact("key_material_literal", Some(true), eb.loc_of(attr));
                }
                self.redact(Some(v), eb.loc_of(attr));
            }
        }
        self.out.entities.push(e);
    }

    pub(super) fn azure_certificate(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::Certificate, r, "azure");
        if let Some(kp) = eb
            .block("certificate_policy")
            .and_then(|p| p.block("key_properties"))
        {
            let (x, xloc, present) = get_bool(kp, "exportable");
            if present {
                e.fact("exportable", x, xloc);
            }
            let (kty, _, _) = get_str(kp, "key_type");
            if kty.is_some_and(|t| t.to_ascii_uppercase().starts_with("RSA")) {
                let (bits, bloc, _) = get_i64(kp, "key_size");
                e.fact("rsa_bits", bits, bloc);
            }
        }
        if let Some(c) = eb.block("certificate") {
            for attr in ["contents", "password"] {
                if let Some(v) = c.value(attr) {
                    if attr == "contents" && v.as_str().is_some() {
                        e.fact("key_material_literal", Some(true), c.loc_of(attr));
                    }
                    self.redact(Some(v), c.loc_of(attr));
                }
            }
        }
        self.out.entities.push(e);
    }
}
