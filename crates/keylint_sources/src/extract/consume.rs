//! Key consumers: a data resource judged with the key its key attribute refers to
//! (RULES.md, "Key consumers"). The coverage pass ([`super::cover`]) records every key
//! attribute that refers to a resource of the configuration; this pass follows the
//! reference to the key (through a disk encryption set, to a vault or key ring) and sets,
//! on the data resource's coverage entity:
//! - `key_unsuitable` (+ `key_unsuitable_why`): an AWS key whose spec is not
//!   `SYMMETRIC_DEFAULT`, whose usage is not `ENCRYPT_DECRYPT`, or that is created disabled;
//! - `key_blocks_service` (+ `key_service`): a CloudWatch Logs log group or CloudTrail
//!   trail whose key's policy (written, attached, or the default) grants the service no
//!   `kms:GenerateDataKey` (logs: also `kms:Encrypt` and `kms:Decrypt`);
//! - `key_vault_unprotected` (+ `key_vault_why`): an Azure key in a vault or Managed HSM
//!   with purge protection or soft delete off;
//! - `key_location_mismatch` (+ `key_location`, `resource_location`): a Google Cloud
//!   resource in one region whose key ring is in another.
//!
//! Each fact is located at the key attribute, with the key (or vault, or key ring) as a
//! related location. A reference that leads nowhere in the configuration (a variable, a
//! data source, a module output), or a fact of the key that is unknown, leaves the fact
//! unknown: it never fires. A literal id or ARN matches nothing here (keylint does not
//! know the ids of the keys it creates).

use keylint_model::iam::{action_facts, principal_facts};
use keylint_model::kms_actions::ActionSet;
use keylint_model::{Entity, EntityKind, Loc, Node, Val};

use super::base::names;
use super::base::{Extractor, any_of, is_key_type, key_policy_unset, ref_of};
use crate::coverage::CONSUMER_LOCATIONS;
use crate::resource::Res;

/// The service principals that write with a key, by consumer type, and the KMS actions
/// each needs (AWS CloudTrail and CloudWatch Logs documentation on key policies).
const SERVICES: &[(&str, &str, &[&str])] = &[
    (
        "aws_cloudwatch_log_group",
        "logs",
        &["GenerateDataKey", "Encrypt", "Decrypt"],
    ),
    (
        "AWS::Logs::LogGroup",
        "logs",
        &["GenerateDataKey", "Encrypt", "Decrypt"],
    ),
    ("aws_cloudtrail", "cloudtrail", &["GenerateDataKey"]),
    ("AWS::CloudTrail::Trail", "cloudtrail", &["GenerateDataKey"]),
];

/// Whether a service principal as written is the service's: `logs.amazonaws.com` or the
/// regional `logs.<region>.amazonaws.com`; `cloudtrail.amazonaws.com`.
fn is_service(principal: &str, service: &str) -> bool {
    let Some(rest) = principal
        .strip_prefix(service)
        .and_then(|r| r.strip_prefix('.'))
    else {
        return false;
    };
    rest == "amazonaws.com"
        || (service == "logs"
            && rest
                .strip_suffix(".amazonaws.com")
                .is_some_and(|region| !region.is_empty() && !region.contains('.')))
}

/// Whether a key policy document lets `service` use the key for `needed`: `None` when a
/// statement that might is not known well enough.
fn service_granted(doc: &Node, service: &str, needed: ActionSet) -> Option<bool> {
    let statements: Vec<&Node> = match doc.get("Statement").map(|s| &s.val) {
        Some(Val::List(items)) => items.iter().collect(),
        Some(Val::Obj(_)) => doc.get("Statement").into_iter().collect(),
        Some(Val::Unknown) => return None,
        _ => Vec::new(),
    };
    let mut granted = ActionSet::default();
    let mut unknown = false;
    for s in statements {
        match s.get("Effect").map(|e| &e.val) {
            Some(Val::Str(e)) if e == "Allow" => {}
            Some(Val::Str(_)) => continue,
            _ => {
                unknown = true;
                continue;
            }
        }
        if s.get("NotPrincipal").is_some() {
            unknown = true;
            continue;
        }
        let Some(principal) = s.get("Principal") else {
            continue;
        };
        let pf = principal_facts(principal);
        let names_service = pf.services.iter().any(|p| is_service(p, service));
        let everyone = pf.wildcard == Some(true);
        if !names_service && !everyone {
            if !pf.complete || pf.wildcard.is_none() {
                unknown = true;
            }
            continue;
        }
        let af = action_facts(s.get("Action"), s.get("NotAction"));
        if af.not_action {
            unknown = true;
            continue;
        }
        granted = granted.union(af.at_least);
        if af.granted.is_none() {
            unknown = true;
        }
    }
    if granted.contains_all(needed) {
        Some(true)
    } else if unknown {
        None
    } else {
        Some(false)
    }
}

/// A Google Cloud location's region: a region as is, a zone's region; `None` for a
/// multi-region, a dual-region or `global` (they never conflict).
fn region_of(location: &str) -> Option<String> {
    let l = location.to_ascii_lowercase();
    let is_region = |s: &str| {
        let mut parts = s.split('-');
        let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
            return false;
        };
        !a.is_empty()
            && a.chars().all(|c| c.is_ascii_lowercase())
            && b.len() > 1
            && b.chars().last().is_some_and(|c| c.is_ascii_digit())
            && b.chars().next().is_some_and(|c| c.is_ascii_lowercase())
    };
    if is_region(&l) {
        return Some(l);
    }
    let (region, zone) = l.rsplit_once('-')?;
    (zone.len() == 1 && zone.chars().all(|c| c.is_ascii_lowercase()) && is_region(region))
        .then(|| region.to_owned())
}

impl Extractor<'_> {
    /// The key-consumer facts of every recorded key reference.
    pub(super) fn consumers(&mut self) {
        let consumers = std::mem::take(&mut self.consumers);
        for (ei, data, target, at) in consumers {
            let Some(mut found) = self.resolve(&target) else {
                continue;
            };
            // An alias stands for the key it targets.
            if found.ty == "aws_kms_alias" {
                match ref_of(found.eb.value("target_key_id")).and_then(|t| self.resolve(t)) {
                    Some(k) => found = k,
                    None => continue,
                }
            }
            let kind = data
                .native
                .as_ref()
                .map_or(data.ty.as_str(), |(t, _)| t.as_str());
            let mut facts: Facts = Vec::new();
            if is_key_type(&found.ty) {
                self.aws_consumer(kind, found, &mut facts);
            }
            self.azure_consumer(found, &mut facts);
            self.gcp_consumer(data, found, &mut facts);
            let block = data.eb.loc;
            let Some(e) = self.out.entities.get_mut(ei) else {
                continue;
            };
            for (name, value, fact, loc, message) in facts {
                match value {
                    FactValue::Bool(b) => {
                        e.fact(name, Some(b), at);
                    }
                    FactValue::Str(s) => {
                        e.set_str(name, s);
                    }
                }
                if !message.is_empty() {
                    self.out.origins.push(crate::Origin {
                        block,
                        at: None,
                        fact: Some(fact),
                        loc,
                        message,
                    });
                }
            }
        }
    }

    /// The resource an address refers to (a reference may omit a `count` index).
    fn resolve(&self, target: &str) -> Option<&Res> {
        let res = self.res;
        res.iter()
            .find(|r| r.native.is_none() && names(&r.address, target))
    }

    fn entity_of(&self, r: &Res, kind: EntityKind) -> Option<&Entity> {
        self.out
            .entities
            .iter()
            .find(|e| e.kind == kind && e.id == r.id())
    }

    fn aws_consumer(&self, kind: &str, key: &Res, facts: &mut Facts) {
        let Some(k) = self.entity_of(key, EntityKind::Key) else {
            return;
        };
        let related = format!("the key `{}`", key.address);
        let mut why = Vec::new();
        let spec = k.get_str("key_spec");
        let usage = k.get_str("key_usage");
        let enabled = k.get_bool("enabled");
        if let Some(s) = spec.filter(|s| *s != "SYMMETRIC_DEFAULT") {
            why.push(format!("its key spec is `{s}`"));
        }
        if let Some(u) = usage.filter(|u| *u != "ENCRYPT_DECRYPT") {
            why.push(format!("its key usage is `{u}`"));
        }
        if enabled == Some(false) {
            why.push("it is created disabled".to_owned());
        }
        if !why.is_empty() {
            facts.push((
                "key_unsuitable",
                FactValue::Bool(true),
                "key_unsuitable",
                key.eb.header,
                related.clone(),
            ));
            facts.push((
                "key_unsuitable_why",
                FactValue::Str(why.join(" and ")),
                "",
                key.eb.header,
                String::new(),
            ));
        } else if spec.is_some() && usage.is_some() && enabled.is_some() {
            facts.push((
                "key_unsuitable",
                FactValue::Bool(false),
                "",
                key.eb.header,
                String::new(),
            ));
        }
        let Some((_, service, needed)) = SERVICES.iter().find(|(t, _, _)| *t == kind) else {
            return;
        };
        let needed = ActionSet::of(needed);
        // The key's policy: the attached `aws_kms_key_policy`, the key's own, or AWS's
        // default (the account only) when neither is written.
        let attached = self.attached.get(&key.address);
        let granted = match attached {
            Some(addresses) => {
                let docs: Option<Vec<&Node>> = addresses.iter().map(|a| self.docs.get(a)).collect();
                docs.and_then(|docs| {
                    any_of(docs.iter().map(|d| service_granted(d, service, needed)))
                })
            }
            None if key_policy_unset(&key.eb) => Some(false),
            None => self
                .docs
                .get(&key.address)
                .and_then(|d| service_granted(d, service, needed)),
        };
        if let Some(granted) = granted {
            facts.push((
                "key_blocks_service",
                FactValue::Bool(!granted),
                "key_blocks_service",
                key.eb.header,
                if granted {
                    String::new()
                } else {
                    format!("the key `{}`, whose policy does not grant it", key.address)
                },
            ));
            facts.push((
                "key_service",
                FactValue::Str(format!("{service}.amazonaws.com")),
                "",
                key.eb.header,
                String::new(),
            ));
        }
    }

    fn azure_consumer(&self, found: &Res, facts: &mut Facts) {
        // A disk encryption set holds the key; a key lives in a vault or Managed HSM.
        // A disk encryption set names its key (Terraform) or the key's vault (ARM).
        let key = match found.ty.as_str() {
            "azurerm_disk_encryption_set" => {
                match ["key_vault_key_id", "key_vault_id"]
                    .iter()
                    .find_map(|a| ref_of(found.eb.value(a)).and_then(|t| self.resolve(t)))
                {
                    Some(k) => k,
                    None => return,
                }
            }
            _ => found,
        };
        let container = match key.ty.as_str() {
            "azurerm_key_vault_key" => ref_of(key.eb.value("key_vault_id")),
            "azurerm_key_vault_managed_hardware_security_module_key" => {
                ref_of(key.eb.value("managed_hsm_id"))
            }
            "azurerm_key_vault" | "azurerm_key_vault_managed_hardware_security_module" => {
                Some(key.address.as_str())
            }
            _ => return,
        };
        let Some(vault) = container.and_then(|c| self.resolve(c)) else {
            return;
        };
        let Some(v) = self.entity_of(vault, EntityKind::KeyContainer) else {
            return;
        };
        let purge = v.get_bool("purge_protection");
        let soft = v.get_bool("soft_delete_enabled");
        let mut why = Vec::new();
        if purge == Some(false) {
            why.push("purge protection off");
        }
        if soft == Some(false) {
            why.push("soft delete off");
        }
        if !why.is_empty() {
            facts.push((
                "key_vault_unprotected",
                FactValue::Bool(true),
                "key_vault_unprotected",
                vault.eb.header,
                format!("`{}`, which holds the key", vault.address),
            ));
            facts.push((
                "key_vault_why",
                FactValue::Str(format!("`{}` has {}", vault.address, why.join(" and "))),
                "",
                vault.eb.header,
                String::new(),
            ));
        } else if purge.is_some() && soft != Some(false) {
            facts.push((
                "key_vault_unprotected",
                FactValue::Bool(false),
                "",
                vault.eb.header,
                String::new(),
            ));
        }
    }

    fn gcp_consumer(&self, data: &Res, key: &Res, facts: &mut Facts) {
        if key.ty != "google_kms_crypto_key" {
            return;
        }
        let Some(ring) = ref_of(key.eb.value("key_ring")).and_then(|r| self.resolve(r)) else {
            return;
        };
        let Some(key_location) = ring.eb.value("location").and_then(Node::as_str) else {
            return;
        };
        let Some((_, attr)) = CONSUMER_LOCATIONS.iter().find(|(t, _)| *t == data.ty) else {
            return;
        };
        let Some(location) = data.eb.value(attr).and_then(Node::as_str) else {
            return;
        };
        let resource_region = region_of(location);
        let (Some(resource_region), Some(key_region)) = (resource_region, region_of(key_location))
        else {
            return;
        };
        let mismatch = resource_region != key_region;
        facts.push((
            "key_location_mismatch",
            FactValue::Bool(mismatch),
            "key_location_mismatch",
            ring.eb.header,
            if mismatch {
                format!("`{}` is in `{key_location}`", ring.address)
            } else {
                String::new()
            },
        ));
        facts.push((
            "key_location",
            FactValue::Str(key_location.to_owned()),
            "",
            ring.eb.header,
            String::new(),
        ));
        facts.push((
            "resource_location",
            FactValue::Str(location.to_owned()),
            "",
            ring.eb.header,
            String::new(),
        ));
    }
}

enum FactValue {
    Bool(bool),
    Str(String),
}

/// Facts for a consumer: name, value, the fact a related location goes with, where it is
/// and what it says (empty: no related location).
type Facts = Vec<(&'static str, FactValue, &'static str, Loc, String)>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_of_locations() {
        assert_eq!(region_of("europe-west1").as_deref(), Some("europe-west1"));
        assert_eq!(region_of("europe-west1-b").as_deref(), Some("europe-west1"));
        assert_eq!(region_of("US-CENTRAL1").as_deref(), Some("us-central1"));
        assert_eq!(region_of("EU"), None);
        assert_eq!(region_of("global"), None);
        assert_eq!(region_of("nam4"), None);
        assert_eq!(region_of("europe"), None);
    }

    #[test]
    fn service_principals() {
        assert!(is_service("logs.amazonaws.com", "logs"));
        assert!(is_service("logs.eu-west-1.amazonaws.com", "logs"));
        assert!(is_service("cloudtrail.amazonaws.com", "cloudtrail"));
        assert!(!is_service(
            "cloudtrail.eu-west-1.amazonaws.com",
            "cloudtrail"
        ));
        assert!(!is_service("logsx.amazonaws.com", "logs"));
    }
}
