//! Cloud CLI exports: the JSON that the providers' command line tools print for what is
//! deployed, recognised by content, so that an auditor can lint the live configuration
//! and not only the code that was meant to produce it.
//!
//! | command | read as |
//! |---|---|
//! | `aws kms get-key-policy` | the `Policy` string, a key policy (`aws_kms_key_policy`) |
//! | `aws kms describe-key` | a customer managed key (`aws_kms_key`, `aws_kms_external_key`) |
//! | `aws kms get-key-rotation-status` | a key's rotation facts (`aws_kms_key`) |
//! | `az keyvault show` | a Key Vault or Managed HSM and its access policies (as in ARM) |
//! | `az keyvault key show` | a Key Vault key (`azurerm_key_vault_key`) |
//! | `gcloud kms keys describe --format=json` | a crypto key (`google_kms_crypto_key`) |
//! | `gcloud kms keys get-iam-policy --format=json` | the IAM bindings of one key |
//!
//! An export only knows what it shows. Whatever it does not show is unknown, never a
//! provider default, and a rule never fires on an unknown fact: `describe-key` tells
//! nothing of rotation, `az keyvault show` nothing of diagnostic settings, `gcloud`
//! nothing of Terraform's `lifecycle`. Every inference drawn from what an export does show
//! is commented where it is made.
//!
//! As for CloudFormation, each export is translated into the shape of its Terraform
//! counterpart and judged by the same extraction code (`az keyvault show`, which is an
//! ARM resource, by the ARM code), so every input shares every fact; the locations stay
//! those of the export.

use keylint_model::{EntityKind, Loc, Member, Node, Val};

use crate::UnitOutput;
use crate::arm::{self, ArmRes};
use crate::extract;
use crate::resource::Res;
use crate::resource::{EAttr, EBlock};

/// Which command printed a JSON document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `aws kms get-key-policy`: `{"Policy": "<policy JSON>", "PolicyName": "default"}`.
    AwsKeyPolicy,
    /// `aws kms describe-key`: `{"KeyMetadata": {...}}`.
    AwsDescribeKey,
    /// `aws kms get-key-rotation-status`: `{"KeyRotationEnabled": true, ...}`.
    AwsRotationStatus,
    /// `az keyvault show` (also `--hsm-name`): an ARM vault resource.
    AzureVault,
    /// `az keyvault key show`: `{"key": {"kid": ...}, "attributes": {...}}`.
    AzureKey,
    /// `gcloud kms keys describe --format=json`: a `CryptoKey` resource.
    GcpKey,
    /// `gcloud kms keys get-iam-policy --format=json`: `{"bindings": [...], "etag": ...}`.
    GcpIamPolicy,
}

impl Kind {
    /// The command whose output this is, as a format label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Kind::AwsKeyPolicy => "aws-kms-get-key-policy",
            Kind::AwsDescribeKey => "aws-kms-describe-key",
            Kind::AwsRotationStatus => "aws-kms-get-key-rotation-status",
            Kind::AzureVault => "az-keyvault-show",
            Kind::AzureKey => "az-keyvault-key-show",
            Kind::GcpKey => "gcloud-kms-keys-describe",
            Kind::GcpIamPolicy => "gcloud-kms-keys-get-iam-policy",
        }
    }
}

/// Top-level keys of templates and policy documents: a document holding one is never an
/// export (ARM, CloudFormation and raw policies keep their own readers).
const NOT_EXPORT: &[&str] = &[
    "Statement",
    "Resources",
    "resources",
    "$schema",
    "contentVersion",
    "AWSTemplateFormatVersion",
];

/// Every field `get-key-policy` prints.
const KEY_POLICY_FIELDS: &[&str] = &["Policy", "PolicyName"];

/// Every field `get-key-rotation-status` prints.
const ROTATION_FIELDS: &[&str] = &[
    "KeyRotationEnabled",
    "KeyId",
    "RotationPeriodInDays",
    "NextRotationDate",
    "OnDemandRotationStartDate",
];

/// Which export a JSON document is, judged by its content only. Strict: a template, a
/// policy document or any other JSON is not captured.
#[must_use]
pub fn recognize(node: &Node) -> Option<Kind> {
    let Val::Obj(members) = &node.val else {
        return None;
    };
    if NOT_EXPORT.iter().any(|k| node.get(k).is_some()) {
        return None;
    }
    let only = |fields: &[&str]| members.iter().all(|m| fields.contains(&m.key.as_str()));

    if text(node.get("Policy")).is_some() && only(KEY_POLICY_FIELDS) {
        return Some(Kind::AwsKeyPolicy);
    }
    if members.len() == 1 && text(node.get("KeyMetadata").and_then(|m| m.get("KeyId"))).is_some() {
        return Some(Kind::AwsDescribeKey);
    }
    if matches!(
        node.get("KeyRotationEnabled").map(|n| &n.val),
        Some(Val::Bool(_))
    ) && only(ROTATION_FIELDS)
    {
        return Some(Kind::AwsRotationStatus);
    }
    if text(node.get("type")).is_some_and(is_vault_type) && is_obj(node.get("properties")) {
        return Some(Kind::AzureVault);
    }
    if text(node.get("key").and_then(|k| k.get("kid"))).is_some_and(|k| k.contains("/keys/"))
        && is_obj(node.get("attributes"))
    {
        return Some(Kind::AzureKey);
    }
    if text(node.get("name")).is_some_and(is_crypto_key_name) && text(node.get("purpose")).is_some()
    {
        return Some(Kind::GcpKey);
    }
    if node.get("name").is_none() && text(node.get("etag")).is_some() && is_kms_iam_policy(node) {
        return Some(Kind::GcpIamPolicy);
    }
    None
}

fn is_vault_type(ty: &str) -> bool {
    ty.eq_ignore_ascii_case("Microsoft.KeyVault/vaults")
        || ty.eq_ignore_ascii_case("Microsoft.KeyVault/managedHSMs")
}

fn text(n: Option<&Node>) -> Option<&str> {
    n.and_then(Node::as_str)
}

fn is_obj(n: Option<&Node>) -> bool {
    n.is_some_and(|n| matches!(n.val, Val::Obj(_)))
}

/// `projects/*/locations/*/keyRings/*/cryptoKeys/*`, every id non-empty.
fn is_crypto_key_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('/').collect();
    parts.len() == 8
        && parts.iter().all(|p| !p.is_empty())
        && parts
            .iter()
            .step_by(2)
            .copied()
            .eq(["projects", "locations", "keyRings", "cryptoKeys"])
}

/// An IAM policy whose every binding (at least one) grants a Cloud KMS role or a custom
/// role. The same shape is printed for a project or a bucket; their policies hold other
/// predefined roles (`roles/owner`, service agents, ...), which a key's policy cannot,
/// and are not captured.
fn is_kms_iam_policy(node: &Node) -> bool {
    let Some(Val::List(bindings)) = node.get("bindings").map(|b| &b.val) else {
        return false;
    };
    !bindings.is_empty()
        && bindings.iter().all(|b| {
            matches!(b.get("members").map(|m| &m.val), Some(Val::List(_)))
                && b.get("role").and_then(Node::as_str).is_some_and(|r| {
                    r.starts_with("roles/cloudkms.")
                        || ((r.starts_with("projects/") || r.starts_with("organizations/"))
                            && r.contains("/roles/"))
                })
        })
}

/// Read an export recognised by [`recognize`] into the unit.
pub fn read(kind: Kind, node: &Node, out: &mut UnitOutput) {
    let path = out
        .files
        .first()
        .map(|f| f.path.clone())
        .unwrap_or_default();
    match kind {
        Kind::AwsKeyPolicy => {
            let res: Vec<Res> = key_policy(node, &path).into_iter().collect();
            extract::extract_shown(out, &res);
        }
        Kind::AwsDescribeKey => {
            let Some((res, account)) = describe_key(node, &path) else {
                return;
            };
            extract::extract_shown(out, std::slice::from_ref(&res));
            // The key's own account is shown; the extraction only finds it in a policy.
            if let Some(account) = account {
                for e in key_entities(out, &res.address) {
                    e.set_str("account", account.clone());
                }
            }
        }
        Kind::AwsRotationStatus => {
            let Some(res) = rotation_status(node, &path) else {
                return;
            };
            extract::extract_shown(out, std::slice::from_ref(&res));
            // Only rotation is shown: whatever the extraction derived besides (the key
            // store and level implied by a rotating key, the policy) is dropped again.
            for e in key_entities(out, &res.address) {
                e.attrs.retain(|k, _| ROTATION_FACTS.contains(k));
                e.spans.retain(|k, _| ROTATION_FACTS.contains(k));
            }
        }
        Kind::AzureVault => {
            if let Some(r) = azure_vault(node, &path) {
                // Diagnostic settings are resources of their own (`az monitor
                // diagnostic-settings list`): the vault export cannot show them, so
                // whether its audit logs go anywhere is unknown.
                extract::extract_shown(out, &arm::neutral(&r, &|_| None));
            }
        }
        Kind::AzureKey => {
            let res: Vec<Res> = azure_key(node, &path).into_iter().collect();
            extract::extract_shown(out, &res);
        }
        Kind::GcpKey => {
            let res: Vec<Res> = gcp_key(node, &path).into_iter().collect();
            extract::extract_shown(out, &res);
        }
        Kind::GcpIamPolicy => extract::extract_shown(out, &gcp_bindings(node, &path)),
    }
}

/// The facts a rotation status export gives.
const ROTATION_FACTS: &[&str] = &[
    "provider",
    "kind",
    "rotatable",
    "rotation_enabled",
    "rotation_period_days",
];

fn key_entities<'a>(
    out: &'a mut UnitOutput,
    address: &'a str,
) -> impl Iterator<Item = &'a mut keylint_model::Entity> + 'a {
    out.entities
        .iter_mut()
        .filter(move |e| e.kind == EntityKind::Key && e.resource == address)
}

// ---------------------------------------------------------------------------------
// Building blocks of the Terraform shape.

/// The span of `"key": value`.
fn span(obj: &Node, key: &str) -> Option<Loc> {
    arm::member_loc(obj, key)
}

/// `obj[key]` when the export shows it with a value (`null` is not a value).
fn shown<'n>(obj: &'n Node, key: &str) -> Option<&'n Node> {
    obj.get(key).filter(|v| !matches!(v.val, Val::Null))
}

/// The member `key` of `obj` as the Terraform attribute `name`, located at
/// `"key": value`, or `None` when the export does not show it.
fn mapped(obj: &Node, key: &str, name: &str) -> Option<EAttr> {
    let value = shown(obj, key)?;
    Some(EAttr {
        name: name.to_owned(),
        value: value.clone(),
        loc: span(obj, key).or(value.loc).unwrap_or_default(),
    })
}

/// An attribute the export does not show: unknown, so no fact and no default. `at` is
/// where the resource is (a location is required, and never reported for an unknown).
fn unknown(name: &str, at: Loc) -> EAttr {
    EAttr {
        name: name.to_owned(),
        value: Node::new(Val::Unknown, Some(at)),
        loc: at,
    }
}

/// `mapped`, or `unknown` when the export does not show it.
fn mapped_or_unknown(obj: &Node, key: &str, name: &str, at: Loc) -> EAttr {
    mapped(obj, key, name).unwrap_or_else(|| unknown(name, at))
}

/// A value the export implies rather than shows, located at its evidence.
fn inferred(name: &str, value: Val, evidence: Loc) -> EAttr {
    EAttr {
        name: name.to_owned(),
        value: Node::new(value, Some(evidence)),
        loc: evidence,
    }
}

fn block(ident: &str, attrs: Vec<EAttr>, blocks: Vec<EBlock>, loc: Loc, header: Loc) -> EBlock {
    EBlock {
        ident: ident.to_owned(),
        labels: Vec::new(),
        attrs,
        blocks,
        loc,
        header,
    }
}

fn resource(ty: &str, address: String, eb: EBlock) -> Res {
    Res::new(ty, address, eb)
}

// ---------------------------------------------------------------------------------
// AWS

/// `get-key-policy`: the `Policy` string is the key's policy, judged as an attached
/// `aws_kms_key_policy`. It is decoded as any policy string is (`policy::policy_node`);
/// being one escaped line, every location inside it is the `Policy` member.
///
/// Label: the export names neither the key nor anything but `PolicyName` (always
/// `default`), so the policy and its statements are labelled with the file's path, as
/// for a raw policy file.
fn key_policy(node: &Node, path: &str) -> Option<Res> {
    let policy = node.member("Policy")?;
    let at = policy.span().unwrap_or_default();
    let attrs = vec![EAttr {
        name: "policy".to_owned(),
        value: policy.value.clone(),
        loc: at,
    }];
    let loc = node.loc.unwrap_or(at);
    Some(resource(
        "aws_kms_key_policy",
        path.to_owned(),
        block("resource", attrs, Vec::new(), loc, at),
    ))
}

/// `describe-key`: a customer managed key, with its key account.
///
/// Label: the key's ARN, else its id.
fn describe_key(node: &Node, path: &str) -> Option<(Res, Option<String>)> {
    let md_member = node.member("KeyMetadata")?;
    let md = &md_member.value;
    // AWS managed and AWS owned keys are not configured by anyone: only customer
    // managed keys are judged (an export that does not say whose key it is is skipped).
    if md.get("KeyManager").and_then(Node::as_str) != Some("CUSTOMER") {
        return None;
    }
    let address = shown(md, "Arn")
        .or_else(|| shown(md, "KeyId"))
        .and_then(Node::as_str)
        .unwrap_or(path)
        .to_owned();
    let header = md_member.key_loc.unwrap_or_default();
    let loc = md_member.span().unwrap_or_default();
    let origin = md.get("Origin").and_then(Node::as_str);
    // Imported key material: the extraction of `aws_kms_external_key` gives the
    // material's expiry and never a rotation fact.
    let external = origin == Some("EXTERNAL");
    let mut attrs = vec![
        mapped_or_unknown(md, "KeyUsage", "key_usage", header),
        mapped_or_unknown(md, "Origin", "origin", header),
        mapped_or_unknown(md, "MultiRegion", "multi_region", header),
        // `CustomerMasterKeySpec` is the deprecated name of `KeySpec`.
        mapped(md, "KeySpec", "key_spec")
            .or_else(|| mapped(md, "CustomerMasterKeySpec", "key_spec"))
            .unwrap_or_else(|| unknown("key_spec", header)),
        // Shown only while deletion is pending: then it is the window that runs.
        mapped_or_unknown(
            md,
            "PendingDeletionWindowInDays",
            "deletion_window_in_days",
            header,
        ),
        // Rotation is not part of describe-key (it is `get-key-rotation-status`).
        unknown("enable_key_rotation", header),
        // A request parameter of CreateKey and PutKeyPolicy, never stored on the key.
        unknown("bypass_policy_lockout_safety_check", header),
        // A deployed key always has a key policy, which describe-key does not show (it
        // is `get-key-policy`): an unknown policy says exactly that, so no "no policy,
        // default policy" reading and no statement is judged.
        unknown("policy", header),
    ];
    if let Some(store) = mapped(md, "CustomKeyStoreId", "custom_key_store_id") {
        attrs.push(store);
    }
    // `Enabled` is false in every state but `Enabled`: for a key pending deletion or
    // import, being created or unavailable it says nothing of whether someone disabled
    // the key, so only the `Enabled` and `Disabled` states give it.
    let state = md.get("KeyState").and_then(Node::as_str);
    attrs.push(match state {
        None | Some("Enabled" | "Disabled") => {
            mapped_or_unknown(md, "Enabled", "is_enabled", header)
        }
        Some(_) => unknown("is_enabled", header),
    });
    if external && let Some(expiry) = material_expiry(md, header) {
        attrs.push(expiry);
    }
    let account = shown(md, "AWSAccountId")
        .and_then(Node::as_str)
        .map(str::to_owned);
    let ty = if external {
        "aws_kms_external_key"
    } else {
        "aws_kms_key"
    };
    Some((
        resource(
            ty,
            address,
            block("resource", attrs, Vec::new(), loc, header),
        ),
        account,
    ))
}

/// `valid_to` of imported key material from `ExpirationModel`: `KEY_MATERIAL_EXPIRES`
/// sets it (at `ValidTo`, whatever its date format), `KEY_MATERIAL_DOES_NOT_EXPIRE`
/// leaves it absent (`None`), and no model (no material imported yet) leaves it unknown.
fn material_expiry(md: &Node, header: Loc) -> Option<EAttr> {
    match shown(md, "ExpirationModel").and_then(Node::as_str) {
        Some("KEY_MATERIAL_EXPIRES") => {
            let evidence = span(md, "ValidTo")
                .or_else(|| span(md, "ExpirationModel"))
                .unwrap_or(header);
            Some(inferred(
                "valid_to",
                Val::Str("KEY_MATERIAL_EXPIRES".to_owned()),
                evidence,
            ))
        }
        Some("KEY_MATERIAL_DOES_NOT_EXPIRE") => None,
        _ => Some(unknown("valid_to", header)),
    }
}

/// `get-key-rotation-status`: rotation facts only.
///
/// A successful answer does not prove the key can rotate. The KMS API reference has
/// said that the status of keys that cannot rotate (asymmetric, HMAC, imported, custom
/// key store) "is always false", Terraform's AWS provider reads it for every key whose
/// material KMS generated (asymmetric and HMAC keys included), and a key pending
/// deletion reports `false` too. So a `false` status leaves `rotatable` unknown, and
/// the rotation-disabled rule does not fire on it (the key spec that would decide is
/// only in `describe-key`, a separate file; the two are not joined). A `true` status
/// does tell: automatic rotation can only be switched on for a symmetric encryption
/// key whose material KMS generated in its own key store, so the key is rotatable.
/// That key shape is given to the extraction, which derives `rotatable` from it as
/// for any key.
///
/// Label: the `KeyId` the export shows (an ARN in current versions), else the file.
fn rotation_status(node: &Node, path: &str) -> Option<Res> {
    let status = node.member("KeyRotationEnabled")?;
    let enabled = status.value.as_bool()?;
    let header = status.key_loc.unwrap_or_default();
    let evidence = status.span().unwrap_or_default();
    let address = shown(node, "KeyId")
        .and_then(Node::as_str)
        .unwrap_or(path)
        .to_owned();
    let mut attrs = vec![mapped_or_unknown(
        node,
        "KeyRotationEnabled",
        "enable_key_rotation",
        header,
    )];
    // Present only while rotation is on.
    if let Some(period) = mapped(node, "RotationPeriodInDays", "rotation_period_in_days") {
        attrs.push(period);
    }
    if enabled {
        attrs.extend([
            inferred("key_spec", Val::Str("SYMMETRIC_DEFAULT".into()), evidence),
            inferred("key_usage", Val::Str("ENCRYPT_DECRYPT".into()), evidence),
            inferred("origin", Val::Str("AWS_KMS".into()), evidence),
        ]);
    } else {
        attrs.extend(
            ["key_spec", "key_usage", "origin"]
                .into_iter()
                .map(|n| unknown(n, header)),
        );
    }
    attrs.extend(
        [
            "deletion_window_in_days",
            "bypass_policy_lockout_safety_check",
            "is_enabled",
            "multi_region",
            "policy",
        ]
        .into_iter()
        .map(|n| unknown(n, header)),
    );
    let loc = node.loc.unwrap_or(evidence);
    Some(resource(
        "aws_kms_key",
        address,
        block("resource", attrs, Vec::new(), loc, header),
    ))
}

// ---------------------------------------------------------------------------------
// Azure

/// Vault properties the ARM reading defaults when absent. The CLI prints each of them,
/// as `null` when it was never set; one that is not printed at all is not shown.
const VAULT_PROPERTIES: &[&str] = &[
    "enablePurgeProtection",
    "enableSoftDelete",
    "softDeleteRetentionInDays",
    "enableRbacAuthorization",
    "publicNetworkAccess",
    "networkAcls",
];

/// `az keyvault show`: the ARM vault resource the CLI prints, read by the ARM code.
///
/// Label: the vault's `name`.
fn azure_vault(node: &Node, path: &str) -> Option<ArmRes> {
    let props_member = node.member("properties")?;
    let props = &props_member.value;
    let mut members: Vec<Member> = Vec::new();
    for m in props.members() {
        let null = matches!(m.value.val, Val::Null);
        let is = |key: &str| m.key.eq_ignore_ascii_case(key);
        if null && (is("enablePurgeProtection") || is("enableRbacAuthorization")) {
            // Azure returns `null` until purge protection is switched on (it cannot be
            // switched off again), and `null` RBAC authorization for a vault created
            // without it, whose default is `false`: both are off, located at the `null`.
            let mut off = m.clone();
            off.value.val = Val::Bool(false);
            members.push(off);
        } else if null && is("networkAcls") {
            // `null` network ACLs: no network rule at all, the ARM reading of absent ACLs.
        } else {
            // `null` soft delete, retention or public network access: the service
            // defaults (on, 90 days, enabled), which the ARM reading gives `null`.
            members.push(m.clone());
        }
    }
    // A property that is not printed at all is not shown: unknown, not the ARM default.
    for key in VAULT_PROPERTIES {
        if props.get_ci(key).is_none() {
            members.push(Member {
                key: (*key).to_owned(),
                key_loc: None,
                value: Node::unknown(),
            });
        }
    }
    Some(ArmRes {
        ty: node.get("type").and_then(Node::as_str)?.to_owned(),
        name: shown(node, "name")
            .and_then(Node::as_str)
            .unwrap_or(path)
            .to_owned(),
        props: Node::new(Val::Obj(members), props.loc),
        props_key: props_member.key_loc,
        loc: node.loc.unwrap_or_default(),
    })
}

/// `az keyvault key show`: a key of a vault or Managed HSM.
///
/// Label: `<vault>/<key>` from the key id, as ARM names a key resource.
fn azure_key(node: &Node, path: &str) -> Option<Res> {
    let key = node.get("key")?;
    let attributes = node.get("attributes")?;
    let kid = key.get("kid").and_then(Node::as_str)?;
    let header = span(key, "kid").unwrap_or_default();
    let mut attrs = vec![
        mapped_or_unknown(key, "kty", "key_type", header),
        // The rotation policy is its own export (`az keyvault key rotation-policy show`).
        unknown("rotation_policy", header),
    ];
    // RSA size from the public modulus; no modulus shown: unknown.
    attrs.push(
        match (
            shown(key, "n")
                .and_then(Node::as_str)
                .and_then(modulus_bits),
            span(key, "n"),
        ) {
            (Some(bits), Some(at)) => inferred("key_size", Val::Num(f64::from(bits)), at),
            _ => unknown("key_size", header),
        },
    );
    // `expires: null` is a key without expiration date (an absent attribute for the
    // extraction). An `attributes` without `expires` does not show it: unknown, which
    // the extraction reads as "whether an expiration date is set is unknown".
    match attributes.get("expires") {
        Some(_) => {
            if let Some(exp) = mapped(attributes, "expires", "expiration_date") {
                attrs.push(exp);
            }
        }
        None => attrs.push(unknown("expiration_date", header)),
    }
    let loc = node.loc.unwrap_or(header);
    Some(resource(
        "azurerm_key_vault_key",
        key_label(kid).unwrap_or_else(|| path.to_owned()),
        block("resource", attrs, Vec::new(), loc, header),
    ))
}

/// `https://<vault>.vault.azure.net/keys/<name>/<version>` -> `<vault>/<name>`.
fn key_label(kid: &str) -> Option<String> {
    let rest = kid.split_once("://").map_or(kid, |(_, r)| r);
    let (host, path) = rest.split_once('/')?;
    let vault = host.split('.').next().filter(|v| !v.is_empty())?;
    let name = path
        .strip_prefix("keys/")?
        .split('/')
        .next()
        .filter(|n| !n.is_empty())?;
    Some(format!("{vault}/{name}"))
}

/// Bit length of an RSA modulus given in base64url (a JWK's `n`): the decoded length
/// less the leading zero bits (a leading zero byte included).
fn modulus_bits(n: &str) -> Option<u32> {
    let digits: Vec<u8> = n
        .trim_end_matches('=')
        .bytes()
        .map(base64url_digit)
        .collect::<Option<_>>()?;
    // Four digits carry three bytes; two or three trailing digits one or two more.
    let bytes = digits.len() * 3 / 4;
    let mut leading = 0usize;
    for d in &digits {
        if *d == 0 {
            leading += 6;
        } else {
            // A digit holds 6 bits in the low bits of a byte.
            leading += d.leading_zeros() as usize - 2;
            break;
        }
    }
    let bits = (bytes * 8).checked_sub(leading).filter(|b| *b > 0)?;
    u32::try_from(bits).ok()
}

fn base64url_digit(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' | b'+' => Some(62),
        b'_' | b'/' => Some(63),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------
// Google Cloud

/// `gcloud kms keys describe`: a crypto key.
///
/// The command prints the whole resource, and the API leaves out the fields that are
/// not set: no `rotationPeriod` is a key without automatic rotation. A missing
/// `destroyScheduledDuration` (set on every key since it exists) is unknown rather than
/// the Terraform default. Protection level and algorithm come from `versionTemplate`,
/// else from the `primary` version (the material in use). `lifecycle` is Terraform's,
/// and no export can show it.
///
/// Label: the key's resource name.
fn gcp_key(node: &Node, path: &str) -> Option<Res> {
    let name = node.member("name")?;
    let header = name.span().unwrap_or_default();
    let mut attrs = vec![
        mapped_or_unknown(node, "purpose", "purpose", header),
        mapped_or_unknown(
            node,
            "destroyScheduledDuration",
            "destroy_scheduled_duration",
            header,
        ),
        unknown("lifecycle", header),
    ];
    for (json, tf) in [
        ("rotationPeriod", "rotation_period"),
        ("importOnly", "import_only"),
    ] {
        if let Some(a) = mapped(node, json, tf) {
            attrs.push(a);
        }
    }
    let template = node
        .member("versionTemplate")
        .or_else(|| node.member("primary"));
    let version_template = match template {
        Some(t) => {
            let at = t.span().unwrap_or_default();
            let mut vt = vec![mapped_or_unknown(
                &t.value,
                "protectionLevel",
                "protection_level",
                at,
            )];
            if let Some(alg) = mapped(&t.value, "algorithm", "algorithm") {
                vt.push(alg);
            }
            block("version_template", vt, Vec::new(), at, at)
        }
        None => block(
            "version_template",
            vec![unknown("protection_level", header)],
            Vec::new(),
            header,
            header,
        ),
    };
    let loc = node.loc.unwrap_or(header);
    Some(resource(
        "google_kms_crypto_key",
        name.value
            .as_str()
            .map_or_else(|| path.to_owned(), str::to_owned),
        block("resource", attrs, vec![version_template], loc, header),
    ))
}

/// `gcloud kms keys get-iam-policy`: one binding resource per binding, all on one
/// scope. The export does not name the key, so the scope (and the label's prefix) is
/// the file: one file is one key's policy, and separation of duties is judged within it.
fn gcp_bindings(node: &Node, path: &str) -> Vec<Res> {
    let Some(bindings) = node.get("bindings") else {
        return Vec::new();
    };
    bindings
        .items()
        .into_iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let loc = b.loc?;
            let attrs = vec![
                inferred("crypto_key_id", Val::Str(path.to_owned()), loc),
                mapped(b, "role", "role")?,
                mapped(b, "members", "members")?,
            ];
            Some(resource(
                "google_kms_crypto_key_iam_binding",
                format!("{path}#bindings[{i}]"),
                block("resource", attrs, Vec::new(), loc, loc),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        reason = "test code: a failure is a test failure"
    )]

    use super::*;
    use crate::{SourceFile, read_json_file};
    use keylint_model::{AttrValue, Entity};

    fn parse(text: &str) -> Node {
        crate::json::parse(text, 0, 0).unwrap()
    }

    fn kind(text: &str) -> Option<Kind> {
        recognize(&parse(text))
    }

    fn read(text: &str) -> Vec<Entity> {
        let out = read_json_file(SourceFile {
            path: "export.json".into(),
            text: text.into(),
        });
        assert!(out.recognized, "not recognised: {text}");
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        out.entities
    }

    fn one(entities: &[Entity], kind: EntityKind) -> &Entity {
        let found: Vec<&Entity> = entities.iter().filter(|e| e.kind == kind).collect();
        assert_eq!(found.len(), 1, "{entities:#?}");
        found[0]
    }

    fn b(e: &Entity, fact: &str) -> Option<bool> {
        e.get_bool(fact)
    }

    fn long(e: &Entity, fact: &str) -> Option<i64> {
        match e.get(fact) {
            Some(AttrValue::Long(n)) => Some(*n),
            _ => None,
        }
    }

    const KEY_POLICY: &str = r#"{
    "Policy": "{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\",\n  \"Statement\" : [ {\n    \"Sid\" : \"Enable IAM User Permissions\",\n    \"Effect\" : \"Allow\",\n    \"Principal\" : {\n      \"AWS\" : \"arn:aws:iam::111122223333:root\"\n    },\n    \"Action\" : \"kms:*\",\n    \"Resource\" : \"*\"\n  } ]\n}",
    "PolicyName": "default"
}"#;

    const DESCRIBE_KEY: &str = r#"{
    "KeyMetadata": {
        "AWSAccountId": "111122223333",
        "KeyId": "1234abcd-12ab-34cd-56ef-1234567890ab",
        "Arn": "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "CreationDate": "2024-03-04T10:00:00.123000+00:00",
        "Enabled": true,
        "Description": "",
        "KeyUsage": "ENCRYPT_DECRYPT",
        "KeyState": "Enabled",
        "Origin": "AWS_KMS",
        "KeyManager": "CUSTOMER",
        "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT",
        "KeySpec": "SYMMETRIC_DEFAULT",
        "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"],
        "MultiRegion": false
    }
}"#;

    const ROTATION_ON: &str = r#"{
    "KeyId": "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "KeyRotationEnabled": true,
    "RotationPeriodInDays": 730,
    "NextRotationDate": "2026-03-04T10:00:00+00:00"
}"#;

    const VAULT: &str = r#"{
  "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-demo",
  "location": "westeurope",
  "name": "kv-demo",
  "properties": {
    "accessPolicies": [],
    "enablePurgeProtection": null,
    "enableRbacAuthorization": true,
    "enableSoftDelete": true,
    "networkAcls": null,
    "publicNetworkAccess": "Enabled",
    "sku": { "family": "A", "name": "premium" },
    "softDeleteRetentionInDays": 90,
    "tenantId": "00000000-0000-0000-0000-000000000000",
    "vaultUri": "https://kv-demo.vault.azure.net/"
  },
  "resourceGroup": "rg",
  "tags": {},
  "type": "Microsoft.KeyVault/vaults"
}"#;

    const KEY_SHOW: &str = r#"{
  "attributes": {
    "created": "2024-03-04T10:00:00+00:00",
    "enabled": true,
    "expires": null,
    "exportable": false,
    "notBefore": null,
    "recoverableDays": 90,
    "recoveryLevel": "Recoverable+Purgeable",
    "updated": "2024-03-04T10:00:00+00:00"
  },
  "key": {
    "crv": null,
    "e": "AQAB",
    "keyOps": ["encrypt", "decrypt"],
    "kid": "https://kv-demo.vault.azure.net/keys/data-key/0123456789abcdef0123456789abcdef",
    "kty": "RSA-HSM",
    "n": "wAAB"
  },
  "managed": null,
  "tags": {}
}"#;

    const GCLOUD_KEY: &str = r#"{
  "createTime": "2024-03-04T10:00:00.123456789Z",
  "destroyScheduledDuration": "2592000s",
  "name": "projects/demo/locations/europe-west1/keyRings/ring/cryptoKeys/key",
  "primary": {
    "algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION",
    "name": "projects/demo/locations/europe-west1/keyRings/ring/cryptoKeys/key/cryptoKeyVersions/1",
    "protectionLevel": "HSM",
    "state": "ENABLED"
  },
  "purpose": "ENCRYPT_DECRYPT",
  "versionTemplate": {
    "algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION",
    "protectionLevel": "SOFTWARE"
  }
}"#;

    const IAM_POLICY: &str = r#"{
  "bindings": [
    { "members": ["serviceAccount:ci@demo.iam.gserviceaccount.com"], "role": "roles/cloudkms.admin" },
    { "members": ["allUsers", "serviceAccount:ci@demo.iam.gserviceaccount.com"], "role": "roles/cloudkms.cryptoKeyEncrypterDecrypter" }
  ],
  "etag": "BwYh8Gq0xUk=",
  "version": 1
}"#;

    #[test]
    fn recognizes_each_export() {
        assert_eq!(kind(KEY_POLICY), Some(Kind::AwsKeyPolicy));
        assert_eq!(kind(DESCRIBE_KEY), Some(Kind::AwsDescribeKey));
        assert_eq!(kind(ROTATION_ON), Some(Kind::AwsRotationStatus));
        assert_eq!(
            kind(r#"{"KeyRotationEnabled": false}"#),
            Some(Kind::AwsRotationStatus)
        );
        assert_eq!(kind(VAULT), Some(Kind::AzureVault));
        assert_eq!(
            kind(r#"{"type": "Microsoft.KeyVault/managedHSMs", "name": "hsm", "properties": {}}"#),
            Some(Kind::AzureVault)
        );
        assert_eq!(kind(KEY_SHOW), Some(Kind::AzureKey));
        assert_eq!(kind(GCLOUD_KEY), Some(Kind::GcpKey));
        assert_eq!(kind(IAM_POLICY), Some(Kind::GcpIamPolicy));
    }

    #[test]
    fn templates_policies_and_other_json_are_not_exports() {
        for text in [
            // Raw key policy and identity policy.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}"#,
            // ARM template holding a vault.
            r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [{"type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": {}}]}"#,
            // An ARM resource list without schema still has `resources`.
            r#"{"type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": {}, "resources": []}"#,
            // CloudFormation template.
            r#"{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"K": {"Type": "AWS::KMS::Key"}}}"#,
            r#"{"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Statement": []}}}}}"#,
            // A policy field among others is not get-key-policy.
            r#"{"Policy": "{}", "PolicyName": "default", "Extra": 1}"#,
            r#"{"Policy": {"Statement": []}}"#,
            // Rotation status with a field it never prints, or a string flag.
            r#"{"KeyRotationEnabled": true, "KeyMetadata": {}}"#,
            r#"{"KeyRotationEnabled": "true"}"#,
            // Another Azure resource, a secret (no `key`), a key id that is not a key.
            r#"{"type": "Microsoft.Storage/storageAccounts", "name": "st", "properties": {}}"#,
            r#"{"attributes": {"expires": null}, "id": "https://kv.vault.azure.net/secrets/s/1", "kid": null, "value": "x"}"#,
            r#"{"key": {"kid": "https://kv.vault.azure.net/secrets/s/1"}, "attributes": {}}"#,
            // A key ring, and a key name with a missing id.
            r#"{"name": "projects/p/locations/l/keyRings/r", "purpose": "ENCRYPT_DECRYPT"}"#,
            r#"{"name": "projects/p/locations//keyRings/r/cryptoKeys/k", "purpose": "ENCRYPT_DECRYPT"}"#,
            // A project's IAM policy, an empty one, one naming its resource.
            r#"{"bindings": [{"members": ["user:a@example.com"], "role": "roles/owner"}], "etag": "BwX="}"#,
            r#"{"etag": "ACAB"}"#,
            r#"{"bindings": [{"members": ["allUsers"], "role": "roles/cloudkms.viewer"}], "etag": "BwX=", "name": "x"}"#,
            // Anything else.
            r#"{"name": "package", "version": "1.0.0"}"#,
            "[1, 2]",
        ] {
            assert_eq!(kind(text), None, "{text}");
        }
        // The readers before the exports still take their documents.
        let arm = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv", "properties": {"enablePurgeProtection": true}}]}"#;
        let vault = one(&read(arm), EntityKind::KeyContainer).clone();
        // ARM's own reading: diagnostic logging is judged, absent properties take defaults.
        assert_eq!(b(&vault, "audit_logging"), Some(false));
        assert_eq!(b(&vault, "rbac_enabled"), Some(false));
    }

    #[test]
    fn get_key_policy_is_a_key_policy_on_the_policy_line() {
        let entities = read(KEY_POLICY);
        let doc = one(&entities, EntityKind::PolicyDocument);
        assert_eq!(doc.get_str("kind"), Some("key"));
        assert_eq!(b(doc, "root_full_access"), Some(true));
        assert_eq!(doc.resource, "export.json");
        // Every location is inside the `"Policy": "..."` member, which is one line.
        let start = KEY_POLICY.find("\"Policy\"").unwrap();
        let end = KEY_POLICY.find(",\n    \"PolicyName\"").unwrap();
        assert!(!KEY_POLICY[start..end].contains('\n'));
        for e in &entities {
            assert!(
                e.loc.range().start >= start && e.loc.range().end <= end,
                "{e:?}"
            );
        }
        assert!(entities.iter().all(|e| e.kind != EntityKind::Key));
    }

    #[test]
    fn describe_key_shows_no_rotation_and_no_policy() {
        let entities = read(DESCRIBE_KEY);
        let key = one(&entities, EntityKind::Key);
        assert_eq!(
            key.resource,
            "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        );
        assert_eq!(key.get_str("account"), Some("111122223333"));
        assert_eq!(b(key, "rotatable"), Some(true));
        assert_eq!(b(key, "enabled"), Some(true));
        assert_eq!(b(key, "multi_region"), Some(false));
        assert_eq!(long(key, "fips_level"), Some(3));
        // Not shown: unknown, not the provider defaults.
        assert_eq!(b(key, "rotation_enabled"), None);
        assert_eq!(key.get("rotation_period_days"), None);
        assert_eq!(b(key, "bypass_lockout"), None);
        assert_eq!(long(key, "deletion_window_days"), None);
        // The deployed key has a policy; no statement is judged.
        assert_ne!(b(key, "has_policy"), Some(false));
        assert!(
            entities
                .iter()
                .all(|e| !matches!(e.kind, EntityKind::PolicyDocument | EntityKind::Statement))
        );
    }

    #[test]
    fn describe_key_states_windows_and_imported_material() {
        let pending = DESCRIBE_KEY
            .replace("\"Enabled\": true", "\"Enabled\": false")
            .replace(
                "\"KeyState\": \"Enabled\"",
                "\"KeyState\": \"PendingDeletion\", \"DeletionDate\": \"2024-03-11T10:00:00+00:00\", \"PendingDeletionWindowInDays\": 7",
            );
        let key = one(&read(&pending), EntityKind::Key).clone();
        assert_eq!(long(&key, "deletion_window_days"), Some(7));
        // Disabled by the pending deletion, not by someone: unknown.
        assert_eq!(b(&key, "enabled"), None);
        let disabled = DESCRIBE_KEY
            .replace("\"Enabled\": true", "\"Enabled\": false")
            .replace("\"KeyState\": \"Enabled\"", "\"KeyState\": \"Disabled\"");
        assert_eq!(
            b(one(&read(&disabled), EntityKind::Key), "enabled"),
            Some(false)
        );
        let imported = DESCRIBE_KEY.replace(
            "\"Origin\": \"AWS_KMS\"",
            "\"Origin\": \"EXTERNAL\", \"ExpirationModel\": \"KEY_MATERIAL_EXPIRES\", \"ValidTo\": \"2025-03-04T00:00:00+00:00\"",
        );
        let key = one(&read(&imported), EntityKind::Key).clone();
        assert_eq!(b(&key, "material_expires"), Some(true));
        assert_eq!(key.get_str("key_store"), Some("imported"));
        assert_eq!(b(&key, "rotatable"), Some(false));
        assert_eq!(b(&key, "rotation_enabled"), None);
        let forever = imported.replace("KEY_MATERIAL_EXPIRES", "KEY_MATERIAL_DOES_NOT_EXPIRE");
        assert_eq!(
            b(one(&read(&forever), EntityKind::Key), "material_expires"),
            Some(false)
        );
        let not_imported_yet =
            DESCRIBE_KEY.replace("\"Origin\": \"AWS_KMS\"", "\"Origin\": \"EXTERNAL\"");
        assert_eq!(
            b(
                one(&read(&not_imported_yet), EntityKind::Key),
                "material_expires"
            ),
            None
        );
        // AWS managed keys are nobody's configuration.
        let aws = DESCRIBE_KEY.replace("\"CUSTOMER\"", "\"AWS\"");
        assert!(read(&aws).is_empty());
    }

    #[test]
    fn rotation_status_gives_rotation_facts_only() {
        let key = one(&read(ROTATION_ON), EntityKind::Key).clone();
        assert_eq!(b(&key, "rotatable"), Some(true));
        assert_eq!(b(&key, "rotation_enabled"), Some(true));
        assert_eq!(long(&key, "rotation_period_days"), Some(730));
        let mut facts: Vec<&str> = key.attrs.keys().copied().collect();
        facts.sort_unstable();
        assert_eq!(
            facts,
            [
                "kind",
                "provider",
                "rotatable",
                "rotation_enabled",
                "rotation_period_days"
            ]
        );
        // `false` is also the answer for keys that cannot rotate: rotatable unknown.
        let off =
            r#"{"KeyId": "arn:aws:kms:us-east-2:111122223333:key/k", "KeyRotationEnabled": false}"#;
        let key = one(&read(off), EntityKind::Key).clone();
        assert_eq!(b(&key, "rotation_enabled"), Some(false));
        assert_eq!(b(&key, "rotatable"), None);
        assert_eq!(key.resource, "arn:aws:kms:us-east-2:111122223333:key/k");
    }

    #[test]
    fn keyvault_show_reads_as_arm_without_diagnostics() {
        let entities = read(VAULT);
        let vault = one(&entities, EntityKind::KeyContainer);
        assert_eq!(vault.resource, "kv-demo");
        // No diagnostic setting can be shown: unknown.
        assert_eq!(b(vault, "audit_logging"), None);
        // `null` purge protection is off, located at the `null`.
        assert_eq!(b(vault, "purge_protection"), Some(false));
        let at = vault.spans.get("purge_protection").unwrap();
        assert!(VAULT[at.range()].starts_with("\"enablePurgeProtection\""));
        // `null` network ACLs: no rule, so nothing denies by default.
        assert_eq!(b(vault, "network_default_deny"), Some(false));
        assert_eq!(b(vault, "public_network"), Some(true));
        assert_eq!(b(vault, "rbac_enabled"), Some(true));
        assert_eq!(vault.get_str("sku"), Some("premium"));
        // A property that is not printed is not shown: unknown, not the ARM default.
        let trimmed = VAULT.replace("\"enablePurgeProtection\": null,", "");
        let vault = one(&read(&trimmed), EntityKind::KeyContainer).clone();
        assert_eq!(b(&vault, "purge_protection"), None);
        let legacy = VAULT.replace(
            "\"enableRbacAuthorization\": true",
            "\"enableRbacAuthorization\": null",
        );
        assert_eq!(
            b(
                one(&read(&legacy), EntityKind::KeyContainer),
                "rbac_enabled"
            ),
            Some(false)
        );
    }

    #[test]
    fn keyvault_key_show_has_no_rotation_policy_fact() {
        let key = one(&read(KEY_SHOW), EntityKind::Key).clone();
        assert_eq!(key.resource, "kv-demo/data-key");
        assert_eq!(key.get_str("key_type"), Some("RSA-HSM"));
        assert_eq!(long(&key, "fips_level"), Some(3));
        assert_eq!(b(&key, "has_expiration"), Some(false));
        // The rotation policy is another export: unknown.
        assert_eq!(b(&key, "rotation_auto"), None);
        assert_eq!(key.get("rotation_after_days"), None);
        // "wAAB" is 3 bytes, top bit set.
        assert_eq!(long(&key, "rsa_bits"), Some(24));
        // No modulus shown: no size, and no default size either.
        let no_modulus = KEY_SHOW.replace("\"n\": \"wAAB\"", "\"n\": null");
        let key_without_n = one(&read(&no_modulus), EntityKind::Key).clone();
        assert_eq!(key_without_n.get("rsa_bits"), None);
        // Not printed at all: no "no expiration" reading.
        let no_expires = KEY_SHOW.replace("\"expires\": null,", "");
        assert_ne!(
            b(one(&read(&no_expires), EntityKind::Key), "has_expiration"),
            Some(false)
        );
        let expiring = KEY_SHOW.replace(
            "\"expires\": null",
            "\"expires\": \"2026-03-04T00:00:00+00:00\"",
        );
        assert_eq!(
            b(one(&read(&expiring), EntityKind::Key), "has_expiration"),
            Some(true)
        );
    }

    #[test]
    fn modulus_sizes() {
        use std::fmt::Write as _;
        let encode = |bytes: &[u8]| {
            const A: &[u8; 64] =
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            let mut bits = String::new();
            for b in bytes {
                write!(bits, "{b:08b}").unwrap();
            }
            while !bits.len().is_multiple_of(6) {
                bits.push('0');
            }
            bits.as_bytes()
                .chunks(6)
                .map(|c| {
                    A[usize::from_str_radix(std::str::from_utf8(c).unwrap(), 2).unwrap()] as char
                })
                .collect::<String>()
        };
        let mut m = vec![0xC5u8; 256];
        assert_eq!(modulus_bits(&encode(&m)), Some(2048));
        m.insert(0, 0);
        assert_eq!(modulus_bits(&encode(&m)), Some(2048));
        assert_eq!(modulus_bits(&encode(&[0x7F; 384])), Some(3071));
        assert_eq!(modulus_bits(&encode(&[0xFF; 128])), Some(1024));
        assert_eq!(modulus_bits("AA"), None);
        assert_eq!(modulus_bits("not base64!"), None);
    }

    #[test]
    fn gcloud_describe_has_no_lifecycle() {
        let key = one(&read(GCLOUD_KEY), EntityKind::Key).clone();
        assert_eq!(
            key.resource,
            "projects/demo/locations/europe-west1/keyRings/ring/cryptoKeys/key"
        );
        // Terraform's lifecycle is no part of a deployed key: unknown.
        assert_eq!(b(&key, "prevent_destroy"), None);
        assert_eq!(key.get_str("purpose"), Some("ENCRYPT_DECRYPT"));
        assert_eq!(b(&key, "has_rotation"), Some(false));
        assert_eq!(long(&key, "destroy_seconds"), Some(2_592_000));
        // The template, not the primary version.
        assert_eq!(key.get_str("protection_level"), Some("SOFTWARE"));
        // Without a template: the primary version's level.
        let no_template = GCLOUD_KEY.replace("\"versionTemplate\"", "\"other\"");
        let key = one(&read(&no_template), EntityKind::Key).clone();
        assert_eq!(key.get_str("protection_level"), Some("HSM"));
        // Without either, and without a destroy schedule: unknown, no default.
        let bare = r#"{"name": "projects/p/locations/l/keyRings/r/cryptoKeys/k", "purpose": "ENCRYPT_DECRYPT", "rotationPeriod": "7776000s"}"#;
        let key = one(&read(bare), EntityKind::Key).clone();
        assert_eq!(key.get("protection_level"), None);
        assert_eq!(key.get("fips_level"), None);
        assert_eq!(key.get("destroy_seconds"), None);
        assert_eq!(long(&key, "rotation_period_seconds"), Some(7_776_000));
    }

    #[test]
    fn gcloud_iam_policy_is_one_scope() {
        let entities = read(IAM_POLICY);
        let bindings: Vec<&Entity> = entities
            .iter()
            .filter(|e| e.kind == EntityKind::Binding)
            .collect();
        assert_eq!(bindings.len(), 2);
        assert!(
            bindings
                .iter()
                .all(|e| e.get_str("scope") == Some("export.json"))
        );
        assert_eq!(b(bindings[0], "public_member"), Some(false));
        assert_eq!(b(bindings[1], "public_member"), Some(true));
        assert!(
            bindings
                .iter()
                .all(|e| b(e, "separation_conflict") == Some(true))
        );
        assert_eq!(bindings[1].resource, "export.json#bindings[1]");
    }
}
