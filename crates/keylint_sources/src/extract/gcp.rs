//! Google Cloud KMS keys and IAM bindings.

use rustc_hash::FxHashMap as HashMap;

use keylint_model::unit::Seen;
use keylint_model::{Entity, EntityKind, Loc, Node, Val};

use super::base::*;
use crate::facts;
use crate::policy::policy_node;
use crate::resource::{EBlock, Res};

/// Whether an IAM audit config enables Cloud KMS data access logs (`DATA_READ` and
/// `DATA_WRITE`) for `cloudkms.googleapis.com` or `allServices`.
fn audit_config_logs_kms(eb: &EBlock) -> Seen {
    let service = match eb.value("service").map(Node::as_str) {
        None => return Seen::No,
        Some(None) => return Seen::Maybe,
        Some(Some(s)) => s,
    };
    if !(service.eq_ignore_ascii_case("allServices")
        || service.eq_ignore_ascii_case("cloudkms.googleapis.com"))
    {
        return Seen::No;
    }
    if block_unknown(eb, "audit_log_config") {
        return Seen::Maybe;
    }
    let mut types = Vec::new();
    for c in eb.blocks("audit_log_config") {
        match c.value("log_type").map(Node::as_str) {
            Some(Some(t)) => types.push(t.to_ascii_uppercase()),
            Some(None) => return Seen::Maybe,
            None => {}
        }
    }
    if ["DATA_READ", "DATA_WRITE"]
        .iter()
        .all(|t| types.iter().any(|x| x == t))
    {
        Seen::Yes
    } else {
        Seen::No
    }
}

impl Extractor<'_> {
    /// What the unit says about the whole configuration: its first Cloud KMS key, and
    /// whether an audit config logs Cloud KMS data access (unknown in a partial view).
    pub(super) fn gcp_scan(&mut self) {
        self.out.scan.gcp_key = self
            .res
            .iter()
            .filter(|r| r.ty == "google_kms_crypto_key")
            .map(|r| r.eb.loc)
            .min_by_key(|l| (l.file, l.start));
        let logs = self
            .res
            .iter()
            .filter(|r| {
                matches!(
                    r.ty.as_str(),
                    "google_project_iam_audit_config"
                        | "google_folder_iam_audit_config"
                        | "google_organization_iam_audit_config"
                )
            })
            .map(|r| audit_config_logs_kms(&r.eb))
            .max()
            .unwrap_or_default();
        // A cloud export of a key cannot show the project's audit configs, nor can a
        // configuration that calls a module keylint does not read.
        let partial =
            (!self.complete || self.has_unread_module()) && self.out.scan.gcp_key.is_some();
        self.out.scan.gcp_kms_data_access_logs = if partial { logs.max(Seen::Maybe) } else { logs };
    }

    pub(super) fn gcp_key(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::Key, r, "gcp");
        e.container = self.container_of(eb.value("key_ring"));
        row_facts(&mut e, eb, &r.ty);
        let (rot, rloc, rpresent) = get_str(eb, "rotation_period");
        if rpresent {
            e.fact(
                "rotation_period_seconds",
                rot.and_then(facts::gcp_seconds),
                rloc,
            );
            e.fact("has_rotation", rot.map(|_| true), rloc);
        } else {
            e.set_bool("has_rotation", false);
        }
        let vt = eb.block("version_template");
        let (pl, pl_loc, pl_present) =
            vt.map_or((None, None, false), |v| get_str(v, "protection_level"));
        let pl = if pl_present || (vt.is_none() && block_unknown(eb, "version_template")) {
            pl
        } else {
            Some("SOFTWARE")
        };
        if let Some(level) = pl {
            e.fact("protection_level", Some(level), pl_loc);
            e.fact("fips_level", facts::gcp_fips(level), pl_loc);
        }
        let (alg, alg_loc, _) = vt.map_or((None, None, false), |v| get_str(v, "algorithm"));
        e.fact("algorithm", alg, alg_loc);
        if let (Some(alg), Some(purpose)) = (alg, e.get_str("purpose")) {
            let fits = facts::gcp_algorithm_fits_purpose(alg, purpose);
            e.fact("algorithm_fits_purpose", fits, alg_loc);
        }
        if let Some(bits) = alg.and_then(facts::rsa_bits) {
            e.fact("rsa_bits", Some(bits), alg_loc);
        }
        let prevent = if block_unknown(eb, "lifecycle") {
            (None, None)
        } else {
            eb.block("lifecycle").map_or((Some(false), None), |l| {
                let (v, loc, present) = get_bool(l, "prevent_destroy");
                (if present { v } else { Some(false) }, loc)
            })
        };
        e.fact("prevent_destroy", prevent.0, prevent.1);
        e.fact(
            "imported",
            eb.value("import_only").and_then(Node::as_bool),
            eb.loc_of("import_only"),
        );
        self.out.entities.push(e);
    }

    /// IAM members, bindings and policies on keys and key rings, with separation of
    /// duties computed per scope.
    pub(super) fn gcp_bindings(&mut self) {
        // (scope, member) -> roles with evidence
        let mut grants: Vec<ScopedBinding> = Vec::new();
        for r in self.res.iter().filter(|r| {
            (r.ty.starts_with("google_kms_") && r.ty.contains("_iam_"))
                || r.ty.starts_with("google_project_iam_")
        }) {
            let eb = &r.eb;
            let project = r.ty.starts_with("google_project_");
            let scope_attr = if project {
                "project"
            } else if r.ty.contains("crypto_key") {
                "crypto_key_id"
            } else {
                "key_ring_id"
            };
            let scope = eb.value(scope_attr).and_then(|v| match &v.val {
                Val::Ref(s) => Some(s.clone()),
                _ => v.as_str().map(str::to_owned),
            });
            let mut pairs: Vec<(Node, Node, Loc)> = Vec::new();
            if r.ty.ends_with("_member") {
                if let (Some(role), Some(m)) = (eb.value("role"), eb.value("member")) {
                    pairs.push((
                        role.clone(),
                        m.clone(),
                        eb.loc_of("member").unwrap_or(eb.header),
                    ));
                }
            } else if r.ty.ends_with("_binding") {
                if let (Some(role), Some(ms)) = (eb.value("role"), eb.value("members")) {
                    pairs.push((
                        role.clone(),
                        ms.clone(),
                        eb.loc_of("members").unwrap_or(eb.header),
                    ));
                }
            } else if let Some(pd) = eb.attr("policy_data") {
                let doc = policy_node(&pd.value, self.text_of);
                if let Some(doc) = doc {
                    for b in doc.get("bindings").map(Node::items).unwrap_or_default() {
                        if let (Some(role), Some(ms)) = (b.get("role"), b.get("members")) {
                            pairs.push((role.clone(), ms.clone(), pd.loc));
                        }
                    }
                }
            }
            for (i, (role, members, loc)) in pairs.into_iter().enumerate() {
                let mut e = Entity::new(
                    EntityKind::Binding,
                    format!("{}#{i}", r.address),
                    r.address.clone(),
                    loc,
                );
                e.block = eb.loc;
                e.set_str("provider", "gcp");
                e.set_str("kind", r.ty.clone());
                if let Some(s) = &scope {
                    e.set_str("scope", s.clone());
                }
                let role_s = role.as_str().map(str::to_owned);
                if let Some(rs) = &role_s {
                    e.set_str("role", rs.clone());
                }
                let names: Vec<&Node> = members.items();
                let known: Vec<String> = names
                    .iter()
                    .filter_map(|m| m.as_str().map(str::to_owned))
                    .collect();
                let public = known
                    .iter()
                    .any(|m| m == "allUsers" || m == "allAuthenticatedUsers");
                let complete = known.len() == names.len() && !members.is_unknown();
                // `allUsers` on a project is not a key-level grant: only keys and key rings count.
                if !project && (public || complete) {
                    e.fact("public_member", Some(public), Some(loc));
                }
                if !known.is_empty() {
                    e.set("members", known.clone().into());
                }
                let pairs = role_s
                    .map(|r| known.iter().map(|m| (m.clone(), r.clone())).collect())
                    .unwrap_or_default();
                grants.push((e, scope.clone(), pairs));
            }
        }
        // Separation of duties: the same member holds cloudkms.admin and a crypto role
        // on the same scope.
        let mut by_scope: HashMap<(String, String), (bool, bool)> = HashMap::default();
        for (_, scope, pairs) in &grants {
            let Some(scope) = scope else { continue };
            for (member, role) in pairs {
                let entry = by_scope.entry((scope.clone(), member.clone())).or_default();
                if role == "roles/cloudkms.admin" {
                    entry.0 = true;
                }
                if CRYPTO_ROLES.contains(&role.as_str()) {
                    entry.1 = true;
                }
            }
        }
        for (mut e, scope, pairs) in grants {
            if let Some(scope) = &scope {
                let conflict: Vec<String> = pairs
                    .iter()
                    .filter(|(m, _)| {
                        by_scope.get(&(scope.clone(), m.clone())) == Some(&(true, true))
                    })
                    .map(|(m, _)| m.clone())
                    .collect();
                e.set_bool("separation_conflict", !conflict.is_empty());
                if !conflict.is_empty() {
                    e.set("conflicting_members", conflict.into());
                }
            }
            self.out.entities.push(e);
        }
    }
}

/// A binding entity, its scope, and its (member, role) pairs.
type ScopedBinding = (Entity, Option<String>, Vec<(String, String)>);

/// Cloud KMS roles that perform cryptographic operations.
const CRYPTO_ROLES: &[&str] = &[
    "roles/cloudkms.cryptoKeyEncrypterDecrypter",
    "roles/cloudkms.cryptoKeyEncrypter",
    "roles/cloudkms.cryptoKeyDecrypter",
    "roles/cloudkms.signerVerifier",
    "roles/cloudkms.signer",
    "roles/cloudkms.verifier",
    "roles/cloudkms.macSigner",
    "roles/cloudkms.macVerifier",
    "roles/cloudkms.cryptoOperator",
];
