//! AWS policy documents (key policies and identity policies) and their facts.
//!
//! This is where RULES.md's shared IAM semantics live: case-insensitive action
//! patterns expanded against the real KMS action list, `NotAction`/`NotPrincipal`,
//! wildcard principals, restricting conditions and root principals. Cedar rules only
//! combine these facts.

use std::collections::BTreeMap;

use crate::Loc;
use crate::entity::{Entity, EntityKind};
use crate::kms_actions::{self, ActionSet};
use crate::value::{Node, THIS_ACCOUNT, UNKNOWN_LABEL, UNKNOWN_PART, Val, shown};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyKind {
    /// A key policy: statements name principals.
    Key,
    /// An identity policy attached to a user, group or role: no principals.
    Identity,
}

impl PolicyKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyKind::Key => "key",
            PolicyKind::Identity => "identity",
        }
    }

    /// Recognise a raw JSON document by content. A document whose statements name no
    /// principal is an identity policy. One that names principals is a resource policy,
    /// and a key policy only when it is about KMS alone: of its statements that name
    /// principals, some `Action` or `NotAction` pattern names the `kms` service (`kms:*`, `kms:Decrypt`, `KMS:De*`, a misspelt
    /// `kms:` name) and none names another service (`s3:*`, `sts:AssumeRole`). A resource
    /// policy whose actions are only `*` (a VPC endpoint policy, a resource control policy)
    /// or that names other services (an S3 bucket policy, a role's trust policy, a
    /// data-perimeter policy over `s3:*` and `kms:*`) is `None`: no rule about key
    /// policies applies to it. A pattern that is not a string says nothing either way.
    #[must_use]
    pub fn detect(doc: &Node) -> Option<PolicyKind> {
        let statements = doc.get("Statement")?.items();
        let has_principal = statements
            .iter()
            .any(|s| s.get("Principal").is_some() || s.get("NotPrincipal").is_some());
        if !has_principal {
            return Some(PolicyKind::Identity);
        }
        // What the statements that name principals grant (a statement without one is
        // invalid in a key policy, which the key policy rules then say).
        let patterns: Vec<&str> = statements
            .iter()
            .filter(|s| s.get("Principal").is_some() || s.get("NotPrincipal").is_some())
            .flat_map(|s| [s.get("Action"), s.get("NotAction")])
            .flatten()
            .flat_map(Node::items)
            .filter_map(Node::as_str)
            .collect();
        let service = |p: &str| p.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        let kms = patterns
            .iter()
            .any(|p| service(p).as_deref() == Some("kms"));
        let other = patterns
            .iter()
            .any(|p| service(p).is_some_and(|s| s != "kms"));
        (kms && !other).then_some(PolicyKind::Key)
    }
}

/// Where a policy document comes from.
#[derive(Clone, Debug)]
pub struct PolicySource {
    pub kind: PolicyKind,
    /// The kind is certain (a Terraform `aws_iam_policy` is an identity policy whatever
    /// it contains); a raw JSON file's kind is only inferred.
    pub kind_declared: bool,
    /// Unique id prefix for the entities.
    pub id: String,
    /// The user-facing resource name (`aws_kms_key.payments`), or `None` for a bare
    /// policy file, whose statements are named by Sid.
    pub owner: Option<String>,
    /// The key's own account, when known (`cross-account` needs it).
    pub key_account: Option<String>,
    /// Fallback location: the policy attribute or the document.
    pub loc: Loc,
    /// Whole block the policy belongs to (for suppressions).
    pub block: Loc,
}

const RESTRICTING_KEYS: &[&str] = &[
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceorgid",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:userid",
    "kms:calleraccount",
    "kms:viaservice",
];

const POSITIVE_OPERATORS: &[&str] = &[
    "stringequals",
    "stringequalsignorecase",
    "stringlike",
    "arnequals",
    "arnlike",
    "ipaddress",
];

/// Condition keys that tie a service principal's request to the caller's account or
/// resource (AWS's confused-deputy guard), and `kms:ViaService`.
const SERVICE_SCOPING_KEYS: &[&str] = &[
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceorgid",
    "kms:viaservice",
];

const DECRYPT_SCOPING_KEYS: &[&str] =
    &["kms:viaservice", "kms:resourcealiases", "kms:requestalias"];

/// Facts about one condition block.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConditionFacts {
    pub restricting: bool,
    pub mfa: bool,
    pub grant_for_aws_resource: bool,
    /// `kms:CreateGrant` is bounded: `kms:GrantIsForAWSResource` true, or a positive
    /// `kms:ViaService` condition whose value is not `*`.
    pub grant_restricted: bool,
    pub decrypt_scoped: bool,
    /// What a service principal may do is tied to the caller's resources
    /// (`aws-kms-service-principal-unscoped`): a positive `aws:SourceAccount`,
    /// `aws:SourceArn`, `aws:SourceOrgID` or `kms:EncryptionContext:<key>` condition whose
    /// value is not `*`; also a `kms:ViaService` or `kms:GrantIsForAWSResource` condition,
    /// which that rule leaves out of its scope.
    pub service_scoped: bool,
}

impl ConditionFacts {
    /// What an unknown condition may say: everything that can spare a finding.
    const MAYBE_ANYTHING: Self = Self {
        restricting: true,
        mfa: true,
        grant_for_aws_resource: true,
        grant_restricted: true,
        decrypt_scoped: true,
        service_scoped: true,
    };
}

/// Split `ForAnyValue:StringLikeIfExists` into (`stringlike`, if_exists).
fn base_operator(op: &str) -> (String, bool) {
    let lower = op.to_ascii_lowercase();
    let base = lower
        .strip_prefix("foranyvalue:")
        .or_else(|| lower.strip_prefix("forallvalues:"))
        .unwrap_or(&lower);
    match base.strip_suffix("ifexists") {
        Some(b) => (b.to_owned(), true),
        None => (base.to_owned(), false),
    }
}

/// A `Bool` condition value that is (or, being unknown, may be) `true`.
fn is_true(node: &Node) -> bool {
    let items = node.items();
    !items.is_empty()
        && items
            .iter()
            .all(|v| v.contains_unknown() || v.as_bool() == Some(true))
}

#[must_use]
pub fn condition_facts(condition: Option<&Node>) -> ConditionFacts {
    let mut facts = ConditionFacts::default();
    let Some(condition) = condition else {
        return facts;
    };
    if condition.is_unknown() {
        // An unknown condition may restrict: never report on it.
        return ConditionFacts::MAYBE_ANYTHING;
    }
    for op in condition.members() {
        // An operator or key named by an unknown interpolation, or an operator whose
        // keys are unknown, may be any condition.
        if op.key.contains(UNKNOWN_PART) || op.value.is_unknown() {
            return ConditionFacts::MAYBE_ANYTHING;
        }
        let (base, if_exists) = base_operator(&op.key);
        for entry in op.value.members() {
            if entry.key.contains(UNKNOWN_PART) && !base.contains("not") {
                return ConditionFacts::MAYBE_ANYTHING;
            }
            let key = entry.key.to_ascii_lowercase();
            let values = entry.value.items();
            // `BoolIfExists` lets a request without the key (long-term access keys)
            // through: it does not require MFA.
            if key == "aws:multifactorauthpresent"
                && base == "bool"
                && !if_exists
                && is_true(&entry.value)
            {
                facts.mfa = true;
            }
            if key == "kms:grantisforawsresource" && base == "bool" && is_true(&entry.value) {
                facts.service_scoped = true;
                facts.grant_for_aws_resource = true;
                facts.grant_restricted = true;
                facts.restricting = true;
            }
            if DECRYPT_SCOPING_KEYS.contains(&key.as_str()) && !base.contains("not") {
                facts.decrypt_scoped = true;
            }
            let wildcard_value = values.iter().any(|v| v.as_str() == Some("*"));
            if POSITIVE_OPERATORS.contains(&base.as_str())
                && !values.is_empty()
                && !wildcard_value
                && (SERVICE_SCOPING_KEYS.contains(&key.as_str())
                    || (key.starts_with("kms:encryptioncontext:") && key.len() > 22))
            {
                facts.service_scoped = true;
            }
            if !if_exists
                && POSITIVE_OPERATORS.contains(&base.as_str())
                && RESTRICTING_KEYS.contains(&key.as_str())
                && !values.is_empty()
                && !wildcard_value
            {
                facts.restricting = true;
                if key == "kms:viaservice" {
                    facts.grant_restricted = true;
                }
            }
        }
    }
    facts
}

/// What a `Principal` (or `NotPrincipal`) names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrincipalFacts {
    /// `Some(true)` if some principal is a wildcard; `None` if unknown.
    pub wildcard: Option<bool>,
    /// Every principal is an account root.
    pub root_only: Option<bool>,
    /// Some principal is an account root.
    pub any_root: bool,
    pub accounts: Vec<String>,
    /// Accounts whose root is named.
    pub root_accounts: Vec<String>,
    /// Non-root, non-wildcard principals, as written.
    pub named: Vec<String>,
    /// AWS service principals (`Service: "logs.amazonaws.com"`), as written (an unknown
    /// part shown as `<unknown>`).
    pub services: Vec<String>,
    /// Every principal is known.
    pub complete: bool,
}

fn arn_account(arn: &str) -> Option<&str> {
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(_partition), Some(_service), Some(_region), Some(account)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return None;
    };
    Some(account)
}

/// A literal 12-digit account id, or [`THIS_ACCOUNT`].
fn is_account_id(s: &str) -> bool {
    (s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())) || is_this_account(s)
}

fn is_this_account(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next() == Some(THIS_ACCOUNT) && chars.next().is_none()
}

/// Whether the resource part of a principal ARN (after partition, service, region and
/// account) has an unknown part; a bare unknown principal counts too.
fn name_unknown(principal: &str) -> bool {
    match principal.splitn(6, ':').nth(5) {
        Some(resource) => resource.contains(UNKNOWN_LABEL),
        None => principal.contains(UNKNOWN_LABEL),
    }
}

/// The accounts of `accounts` that are not the key's own account `key_account`. The
/// deployment's account ([`THIS_ACCOUNT`]) owns the key: when the key's account is only
/// known as a literal id (the root its policy names), that id is taken to be it too.
#[must_use]
pub fn foreign_accounts(accounts: &[String], key_account: &str) -> Vec<String> {
    accounts
        .iter()
        .filter(|a| *a != key_account && !is_this_account(a))
        .cloned()
        .collect()
}

/// Is this AWS principal string the root of an account (`arn:aws:iam::<acct>:root` or a
/// bare account id)? The account may be an unknown interpolation.
#[must_use]
pub fn is_root_principal(p: &str) -> bool {
    if is_account_id(p) {
        return true;
    }
    let mut parts = p.split(':');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next()),
        (Some("arn"), Some(_), Some("iam"), Some(""), Some(acct), Some("root"), None)
            if !acct.is_empty() && acct != "*"
    )
}

#[must_use]
pub fn principal_facts(principal: &Node) -> PrincipalFacts {
    let mut facts = PrincipalFacts {
        wildcard: Some(false),
        root_only: Some(true),
        complete: true,
        ..Default::default()
    };
    let mut values: Vec<(&str, &Node)> = Vec::new();
    match &principal.val {
        Val::Str(_) => values.push(("AWS", principal)),
        Val::Obj(members) => {
            for m in members {
                for item in m.value.items() {
                    values.push((m.key.as_str(), item));
                }
            }
        }
        _ => {
            facts.complete = false;
        }
    }
    let mut unknown = !facts.complete;
    for (kind, node) in values {
        let Some(s) = node.as_partial_str() else {
            unknown = true;
            continue;
        };
        if s == "*" {
            facts.wildcard = Some(true);
            facts.root_only = Some(false);
            continue;
        }
        if !kind.eq_ignore_ascii_case("AWS") {
            facts.root_only = Some(false);
            if kind.eq_ignore_ascii_case("Service") {
                facts.services.push(shown(s).into_owned());
            }
            if !s.contains(UNKNOWN_PART) {
                facts.named.push(format!("{kind}:{s}"));
            }
            continue;
        }
        if s == UNKNOWN_PART.to_string() {
            unknown = true;
            continue;
        }
        if is_root_principal(s) {
            facts.any_root = true;
            let acct = if is_account_id(s) {
                Some(s)
            } else {
                arn_account(s)
            };
            if let Some(a) = acct.filter(|a| is_account_id(a)) {
                facts.accounts.push(a.to_owned());
                facts.root_accounts.push(a.to_owned());
            }
            continue;
        }
        facts.root_only = Some(false);
        match arn_account(s) {
            Some("*") => facts.wildcard = Some(true),
            Some(a) if is_account_id(a) => {
                facts.accounts.push(a.to_owned());
                facts.named.push(shown(s).into_owned());
            }
            Some(a) if a.contains(UNKNOWN_PART) => {
                // account unknown: not a wildcard, the principal is still named
                facts.named.push(shown(s).into_owned());
            }
            _ => {
                if s.contains(UNKNOWN_PART) {
                    unknown = true;
                } else {
                    facts.named.push(shown(s).into_owned());
                }
            }
        }
    }
    if unknown {
        facts.complete = false;
        if facts.wildcard != Some(true) {
            facts.wildcard = None;
        }
        facts.root_only = None;
    }
    facts.accounts.sort();
    facts.accounts.dedup();
    facts
}

/// Why a `Principal`/`NotPrincipal` value is not one AWS accepts, when its shape is known
/// to be wrong: AWS takes only `"*"` or an object of principal types (`AWS`, `Service`,
/// `Federated`, `CanonicalUser`). A list (`["*"]`), another string or a scalar is refused.
fn bad_principal_shape(p: &Node) -> Option<&'static str> {
    match &p.val {
        Val::List(_) => Some("a list"),
        Val::Str(s) if s.contains(UNKNOWN_PART) => {
            // Partly unknown: wrong unless the unknown part could make it `*` alone.
            (s.chars().any(|c| c != UNKNOWN_PART && c != '*')).then_some("a string")
        }
        Val::Str(s) if s != "*" => Some("a string"),
        Val::Num(_) | Val::Bool(_) => Some("a scalar"),
        _ => None,
    }
}

/// The KMS actions a statement's `Action`/`NotAction` grants, and unknown action names.
#[derive(Clone, Debug, Default)]
pub struct ActionFacts {
    /// `None` when the action list has unknown items that could widen it.
    pub granted: Option<ActionSet>,
    /// Known KMS actions granted (a lower bound, even when some items are unknown).
    pub at_least: ActionSet,
    pub unknown_names: Vec<(String, Option<Loc>)>,
    pub not_action: bool,
}

#[must_use]
pub fn action_facts(action: Option<&Node>, not_action: Option<&Node>) -> ActionFacts {
    let mut facts = ActionFacts::default();
    let (node, negated) = match (action, not_action) {
        (Some(a), _) => (a, false),
        (None, Some(n)) => (n, true),
        (None, None) => return facts,
    };
    facts.not_action = negated;
    let mut set = ActionSet::default();
    let mut complete = !node.is_unknown();
    for item in node.items() {
        let Some(pattern) = item.as_str() else {
            complete = false;
            continue;
        };
        let matched = ActionSet::matching(pattern);
        if matched.is_empty()
            && pattern.len() > 4
            && pattern
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case("kms:"))
        {
            facts.unknown_names.push((pattern.to_owned(), item.loc));
        }
        set = set.union(matched);
    }
    if negated {
        // NotAction grants every action its patterns do not match; with an unknown item
        // we cannot tell what is excluded.
        facts.granted = complete.then(|| ActionSet::all().minus(set));
        facts.at_least = facts.granted.unwrap_or_default();
    } else {
        facts.granted = complete.then_some(set);
        facts.at_least = set;
    }
    facts
}

fn resource_is_any(statement: &Node) -> Option<bool> {
    if statement.get("NotResource").is_some() {
        return Some(true);
    }
    let resource = statement.get("Resource")?;
    let mut unknown = false;
    for item in resource.items() {
        match item.as_str() {
            Some(s)
                if s == "*"
                    || s.eq_ignore_ascii_case("arn:aws:kms:*:*:key/*")
                    || s.eq_ignore_ascii_case("arn:aws:kms:*") =>
            {
                return Some(true);
            }
            Some(_) => {}
            None => unknown = true,
        }
    }
    if unknown { None } else { Some(false) }
}

fn loc_of(node: Option<&Node>, fallback: Loc) -> Loc {
    node.and_then(|n| n.loc).unwrap_or(fallback)
}

/// Build the `PolicyDocument` and `Statement` entities of a policy.
#[must_use]
#[expect(
    clippy::too_many_lines,
    reason = "one pass over the statements, kept together for readability"
)]
pub fn analyze(doc: &Node, src: &PolicySource) -> Vec<Entity> {
    let doc = doc.decoded();
    let owner_label = |sid: &str| src.owner.clone().unwrap_or_else(|| sid.to_owned());
    let mut out = Vec::new();
    let mut document = Entity::new(
        EntityKind::PolicyDocument,
        src.id.clone(),
        owner_label("policy"),
        src.loc,
    );
    document.block = src.block;
    document.set_str("provider", "aws");
    document.set_str("kind", src.kind.as_str());
    if doc.is_unknown() {
        return out;
    }
    if !matches!(doc.val, Val::Obj(_)) {
        document.fact(
            "invalid_reason",
            Some("the policy is not a JSON object"),
            doc.loc,
        );
        out.push(document);
        return out;
    }
    if let Some(version) = doc.get("Version")
        && let Some(v) = version.as_str()
        && v != "2012-10-17"
        && v != "2008-10-17"
    {
        document.fact(
            "invalid_reason",
            Some(format!("`Version` is `{v}`, not `2012-10-17`")),
            version.loc,
        );
    }
    let Some(statements) = doc.get("Statement") else {
        document.fact(
            "invalid_reason",
            Some("the policy has no `Statement`"),
            doc.loc.or(Some(src.loc)),
        );
        out.push(document);
        return out;
    };
    if statements.is_unknown() {
        out.push(document);
        return out;
    }

    // Whether an Allow statement gives an account root `kms:*`: known when a statement
    // proves it; unknown when a statement whose effect, actions or principals are not all
    // known might; else false (aws-kms-policy-missing-root never fires on an unknown).
    let mut root_found = false;
    let mut root_maybe = false;
    // principal -> (admin statement index, has decrypt)
    let mut admin: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut decrypt: BTreeMap<String, bool> = BTreeMap::new();
    let mut stmt_entities: Vec<(Entity, Vec<String>)> = Vec::new();

    for (i, st) in statements.items().into_iter().enumerate() {
        let sid = st
            .get("Sid")
            .and_then(Node::as_str)
            .map_or_else(|| format!("Statement[{i}]"), str::to_owned);
        let st_loc = loc_of(Some(st), src.loc);
        let mut e = Entity::new(
            EntityKind::Statement,
            format!("{}/{}", src.id, i),
            owner_label(&sid),
            st_loc,
        );
        e.block = src.block;
        e.set_str("provider", "aws");
        e.set_str("policy_kind", src.kind.as_str());
        e.set_str("sid", sid.clone());
        e.span("policy", Some(src.loc));
        if st.is_unknown() {
            root_maybe = true;
            continue;
        }
        if !matches!(st.val, Val::Obj(_)) {
            e.fact(
                "invalid_reason",
                Some(format!("statement `{sid}` is not an object")),
                Some(st_loc),
            );
            stmt_entities.push((e, Vec::new()));
            continue;
        }

        // Effect
        let effect = st.get("Effect");
        let allow = match effect.map(|n| (n, n.as_str())) {
            None => {
                e.fact(
                    "invalid_reason",
                    Some(format!("statement `{sid}` has no `Effect`")),
                    Some(st_loc),
                );
                None
            }
            Some((_, Some("Allow"))) => Some(true),
            Some((_, Some("Deny"))) => Some(false),
            Some((n, Some(other))) => {
                e.fact(
                    "invalid_reason",
                    Some(format!("`Effect` is `{other}`, not `Allow` or `Deny`")),
                    n.loc,
                );
                None
            }
            Some((_, None)) => None,
        };
        e.fact("allow", allow, effect.and_then(|n| n.loc));
        if let Some(eff) = effect.and_then(Node::as_str) {
            e.set_str("effect", eff);
        }

        // Actions
        let action = st.get("Action");
        let not_action = st.get("NotAction");
        if action.is_none() && not_action.is_none() {
            e.fact(
                "invalid_reason",
                Some(format!("statement `{sid}` has no `Action` or `NotAction`")),
                Some(st_loc),
            );
        }
        let actions = action_facts(action, not_action);
        if let Some((name, loc)) = actions.unknown_names.first() {
            e.fact(
                "invalid_reason",
                Some(format!("unknown KMS action `{name}`")),
                loc.or(Some(st_loc)),
            );
        }
        let action_loc = loc_of(action.or(not_action), st_loc);
        e.set_bool("not_action", actions.not_action);
        if actions.not_action {
            e.span("not_action", Some(action_loc));
        }
        let decrypt_set = ActionSet::of(kms_actions::DECRYPT_CAPABLE);
        let admin_set = ActionSet::of(kms_actions::ADMIN);
        let granted_lb = actions.at_least;
        // Lower bounds are safe for "grants X" facts: an unknown item can only add.
        let grants_decrypt = granted_lb.intersects(decrypt_set);
        e.fact("grants_decrypt", Some(grants_decrypt), Some(action_loc));
        // Decrypt-capable or data-key actions: what a service uses a key for.
        let data_key_set = decrypt_set.union(ActionSet::of(kms_actions::DATA_KEY));
        e.fact(
            "grants_data_key",
            Some(granted_lb.intersects(data_key_set)),
            Some(action_loc),
        );
        e.fact(
            "grants_other_kms",
            Some(!granted_lb.minus(decrypt_set).is_empty()),
            Some(action_loc),
        );
        e.fact(
            "grants_all_kms",
            Some(granted_lb.contains_all(ActionSet::all())),
            Some(action_loc),
        );
        e.fact(
            "grants_destructive",
            Some(granted_lb.intersects(ActionSet::of(kms_actions::DESTRUCTIVE))),
            Some(action_loc),
        );
        e.fact(
            "grants_create_grant",
            Some(granted_lb.intersects(ActionSet::of(&["CreateGrant"]))),
            Some(action_loc),
        );
        // Whether the statement grants `kms:PutKeyPolicy` (the principal controls the key):
        // exact when the action list is known, else `true` only when a known item grants it.
        let put_policy = ActionSet::of(&["PutKeyPolicy"]);
        let grants_key_policy = match actions.granted {
            Some(set) => Some(set.intersects(put_policy)),
            None => granted_lb.intersects(put_policy).then_some(true),
        };
        e.fact("grants_key_policy", grants_key_policy, Some(action_loc));
        let grants_admin = granted_lb.intersects(admin_set);

        // Principals
        let principal = st.get("Principal");
        let not_principal = st.get("NotPrincipal");
        e.set_bool("not_principal", not_principal.is_some());
        if let Some(np) = not_principal {
            e.span("not_principal", np.loc);
        }
        let mut named = Vec::new();
        if src.kind == PolicyKind::Key || principal.is_some() || not_principal.is_some() {
            // An identity policy with a principal is told so below (the more useful reason).
            if let Some((field, p)) = principal
                .map(|p| ("Principal", p))
                .or_else(|| not_principal.map(|p| ("NotPrincipal", p)))
                && let Some(shape) = bad_principal_shape(p)
            {
                e.fact(
                    "invalid_reason",
                    Some(format!(
                        "`{field}` of statement `{sid}` is {shape}, not `\"*\"` or an object of principal types (`{{\"AWS\": [...]}}`)"
                    )),
                    p.loc.or(Some(st_loc)),
                );
            }
            if src.kind == PolicyKind::Identity
                && src.kind_declared
                && (principal.is_some() || not_principal.is_some())
            {
                e.fact(
                    "invalid_reason",
                    Some("an identity policy must not name a `Principal`".to_owned()),
                    principal.or(not_principal).and_then(|n| n.loc),
                );
            }
            if let Some(np) = not_principal {
                // NotPrincipal in an Allow grants everyone else: a wildcard.
                e.fact("wildcard_principal", Some(true), np.loc);
                e.set_bool("principal_root_only", false);
            } else if let Some(p) = principal {
                let pf = principal_facts(p);
                let service = if pf.services.is_empty() {
                    pf.complete.then_some(false)
                } else {
                    Some(true)
                };
                e.fact("service_principal", service, p.loc);
                // Every service the statement names (the messages name them all).
                if !pf.services.is_empty() {
                    e.set_str("service", pf.services.join(", "));
                }
                e.fact("wildcard_principal", pf.wildcard, p.loc);
                e.fact("principal_root_only", pf.root_only, p.loc);
                if !pf.named.is_empty() {
                    e.set("principals", pf.named.clone().into());
                }
                if let Some(acct) = &src.key_account {
                    let foreign = foreign_accounts(&pf.accounts, acct);
                    if pf.complete || !foreign.is_empty() {
                        e.fact("cross_account", Some(!foreign.is_empty()), p.loc);
                        if !foreign.is_empty() {
                            e.set("foreign_accounts", foreign.into());
                        }
                    }
                }
                let all = ActionSet::all();
                if allow == Some(true) && pf.any_root && granted_lb.contains_all(all) {
                    root_found = true;
                } else if allow != Some(false)
                    && (pf.any_root || !pf.complete)
                    && actions.granted.is_none_or(|set| set.contains_all(all))
                {
                    root_maybe = true;
                }
                if allow == Some(true) {
                    named.clone_from(&pf.named);
                }
            } else if src.kind == PolicyKind::Key {
                e.fact(
                    "invalid_reason",
                    Some(format!(
                        "statement `{sid}` in a key policy has no `Principal`"
                    )),
                    Some(st_loc),
                );
            }
        } else {
            // Identity policy: the principal is the user, group or role it is attached to.
            e.set_bool("principal_root_only", false);
            e.set_bool("wildcard_principal", false);
        }

        // Conditions
        let cond_node = st.get("Condition");
        let cond = condition_facts(cond_node);
        let cond_loc = cond_node.and_then(|c| c.loc).or(Some(st_loc));
        e.fact("restricted", Some(cond.restricting), cond_loc);
        e.fact("mfa_required", Some(cond.mfa), cond_loc);
        e.fact(
            "grant_for_aws_resource",
            Some(cond.grant_for_aws_resource),
            cond_loc,
        );
        e.fact("grant_restricted", Some(cond.grant_restricted), cond_loc);
        e.fact("decrypt_scoped", Some(cond.decrypt_scoped), cond_loc);
        e.fact("service_scoped", Some(cond.service_scoped), cond_loc);
        let res = st.get("Resource").or_else(|| st.get("NotResource"));
        e.fact("any_resource", resource_is_any(st), res.and_then(|r| r.loc));

        if allow == Some(true) && src.kind == PolicyKind::Key {
            // A principal whose name (after the account) has an unknown part is not known
            // to be any other one (`role/${AdminRole}`, `role/${AppRole}`); an unknown
            // partition or account is the deployment's, the same in every statement.
            for p in named.iter().filter(|p| !name_unknown(p)) {
                if grants_admin {
                    admin
                        .entry(p.clone())
                        .or_default()
                        .push(stmt_entities.len());
                }
                if grants_decrypt {
                    decrypt.insert(p.clone(), true);
                }
            }
        }
        stmt_entities.push((e, named));
    }

    for (p, idxs) in &admin {
        if decrypt.get(p).copied().unwrap_or(false) {
            for &i in idxs {
                if let Some((e, _)) = stmt_entities.get_mut(i) {
                    e.attrs
                        .entry("admin_decrypt_principal")
                        .or_insert_with(|| p.clone().into());
                }
            }
        }
    }
    if src.kind == PolicyKind::Key {
        let root_full_access = if root_found {
            Some(true)
        } else if root_maybe {
            None
        } else {
            Some(false)
        };
        document.fact("root_full_access", root_full_access, Some(src.loc));
    }
    out.push(document);
    out.extend(stmt_entities.into_iter().map(|(e, _)| e));
    out
}

/// The account a key belongs to, read from its key policy: the account of a root
/// principal in an Allow statement, when there is exactly one.
#[must_use]
pub fn key_account(doc: &Node) -> Option<String> {
    let mut accounts: Vec<String> = doc
        .decoded()
        .get("Statement")?
        .items()
        .into_iter()
        .filter(|st| st.get("Effect").and_then(Node::as_str) == Some("Allow"))
        .filter_map(|st| st.get("Principal"))
        .flat_map(|p| principal_facts(p).root_accounts)
        .collect();
    accounts.sort();
    accounts.dedup();
    if accounts.len() == 1 {
        accounts.pop()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Node {
        Node::new(Val::Str(v.to_owned()), None)
    }
    fn obj(members: Vec<(&str, Node)>) -> Node {
        Node::new(
            Val::Obj(
                members
                    .into_iter()
                    .map(|(k, v)| crate::Member {
                        key: k.to_owned(),
                        key_loc: None,
                        value: v,
                    })
                    .collect(),
            ),
            None,
        )
    }
    fn list(items: Vec<Node>) -> Node {
        Node::new(Val::List(items), None)
    }
    fn src(kind: PolicyKind) -> PolicySource {
        PolicySource {
            kind,
            kind_declared: true,
            id: "p".into(),
            owner: None,
            key_account: Some("111122223333".into()),
            loc: Loc::default(),
            block: Loc::default(),
        }
    }
    fn stmt(entities: &[Entity], i: usize) -> &Entity {
        entities
            .iter()
            .filter(|e| e.kind == EntityKind::Statement)
            .nth(i)
            .unwrap()
    }
    fn policy(statements: Vec<Node>) -> Node {
        obj(vec![
            ("Version", s("2012-10-17")),
            ("Statement", list(statements)),
        ])
    }

    #[test]
    fn wildcard_principal_forms() {
        assert_eq!(principal_facts(&s("*")).wildcard, Some(true));
        assert_eq!(
            principal_facts(&obj(vec![("AWS", s("*"))])).wildcard,
            Some(true)
        );
        assert_eq!(
            principal_facts(&obj(vec![("AWS", list(vec![s("*")]))])).wildcard,
            Some(true)
        );
        assert_eq!(
            principal_facts(&obj(vec![("AWS", s("arn:aws:iam::*:root"))])).wildcard,
            Some(true)
        );
        assert_eq!(
            principal_facts(&obj(vec![("AWS", s("arn:aws:iam::*:role/x"))])).wildcard,
            Some(true)
        );
        let root = principal_facts(&obj(vec![("AWS", s("arn:aws:iam::111122223333:root"))]));
        assert_eq!((root.wildcard, root.root_only), (Some(false), Some(true)));
        assert_eq!(principal_facts(&s("111122223333")).root_only, Some(true));
        let svc = principal_facts(&obj(vec![("Service", s("logs.amazonaws.com"))]));
        assert_eq!((svc.wildcard, svc.root_only), (Some(false), Some(false)));
        let partial = format!("arn:aws:iam::{UNKNOWN_PART}:root");
        let p = principal_facts(&obj(vec![("AWS", s(&partial))]));
        assert_eq!((p.wildcard, p.root_only), (Some(false), Some(true)));
        let unknown = principal_facts(&Node::unknown());
        assert_eq!(unknown.wildcard, None);
    }

    #[test]
    fn restricting_conditions() {
        let c = |op: &str, key: &str, v: Node| {
            condition_facts(Some(&obj(vec![(op, obj(vec![(key, v)]))])))
        };
        assert!(c("StringEquals", "aws:PrincipalOrgID", s("o-123")).restricting);
        assert!(c("StringEquals", "AWS:PRINCIPALORGID", s("o-123")).restricting);
        assert!(
            c(
                "ForAnyValue:StringLike",
                "aws:PrincipalOrgPaths",
                s("o-1/*")
            )
            .restricting
        );
        assert!(
            c(
                "StringEquals",
                "kms:CallerAccount",
                list(vec![s("111122223333")])
            )
            .restricting
        );
        assert!(!c("StringLike", "aws:PrincipalArn", s("*")).restricting);
        assert!(!c("StringNotEquals", "aws:PrincipalOrgID", s("o-123")).restricting);
        assert!(!c("StringEqualsIfExists", "aws:PrincipalOrgID", s("o-123")).restricting);
        assert!(!c("StringEquals", "aws:RequestedRegion", s("eu-west-1")).restricting);
        assert!(c("Bool", "kms:GrantIsForAWSResource", s("true")).grant_for_aws_resource);
        assert!(
            c(
                "Bool",
                "aws:MultiFactorAuthPresent",
                Node::new(Val::Bool(true), None)
            )
            .mfa
        );
        assert!(!c("Bool", "aws:MultiFactorAuthPresent", s("false")).mfa);
        assert!(condition_facts(Some(&Node::unknown())).restricting);
    }

    #[test]
    fn service_scoping_conditions() {
        let c = |op: &str, key: &str, v: Node| {
            condition_facts(Some(&obj(vec![(op, obj(vec![(key, v)]))]))).service_scoped
        };
        assert!(c("StringEquals", "aws:SourceAccount", s("111122223333")));
        assert!(c(
            "ArnLike",
            "AWS:SOURCEARN",
            s("arn:aws:cloudtrail:*:111122223333:trail/*")
        ));
        assert!(c("StringEquals", "aws:SourceOrgID", s("o-123")));
        assert!(c(
            "ArnEquals",
            "kms:EncryptionContext:aws:logs:arn",
            s("arn:aws:logs:eu-west-1:111122223333:log-group:app")
        ));
        assert!(c(
            "StringEquals",
            "kms:ViaService",
            s("sns.eu-west-1.amazonaws.com")
        ));
        assert!(c("Bool", "kms:GrantIsForAWSResource", s("true")));
        // A value known only at apply may scope.
        assert!(c("StringEquals", "aws:SourceAccount", Node::unknown()));
        assert!(condition_facts(Some(&Node::unknown())).service_scoped);
        // A wildcard, a negated operator, another key or the key list alone do not.
        assert!(!c("StringEquals", "aws:SourceAccount", s("*")));
        assert!(!c(
            "StringNotEquals",
            "aws:SourceAccount",
            s("111122223333")
        ));
        assert!(!c("StringEquals", "aws:PrincipalOrgID", s("o-123")));
        assert!(!c(
            "ForAnyValue:StringEquals",
            "kms:EncryptionContextKeys",
            s("aws:logs:arn")
        ));
        assert!(!condition_facts(None).service_scoped);
        // Service principals are listed, with unknown parts shown.
        let svc = principal_facts(&obj(vec![(
            "Service",
            list(vec![
                s("logs.amazonaws.com"),
                s(&format!("logs.{UNKNOWN_PART}.amazonaws.com")),
            ]),
        )]));
        assert_eq!(
            svc.services,
            ["logs.amazonaws.com", "logs.<unknown>.amazonaws.com"]
        );
        assert!(
            principal_facts(&obj(vec![("AWS", s("arn:aws:iam::111122223333:root"))]))
                .services
                .is_empty()
        );
    }

    #[test]
    fn principal_shapes() {
        let st = |principal: Node| {
            policy(vec![obj(vec![
                ("Effect", s("Allow")),
                ("Principal", principal),
                ("Action", s("kms:Encrypt")),
                ("Resource", s("*")),
            ])])
        };
        let reason = |principal: Node| {
            let es = analyze(&st(principal), &src(PolicyKind::Key));
            stmt(&es, 0).get_str("invalid_reason").map(str::to_owned)
        };
        assert!(reason(list(vec![s("*")])).unwrap().contains("a list"));
        assert!(
            reason(s("arn:aws:iam::111122223333:role/app"))
                .unwrap()
                .contains("a string")
        );
        assert_eq!(reason(s("*")), None);
        assert_eq!(reason(obj(vec![("AWS", list(vec![s("*")]))])), None);
        assert_eq!(reason(obj(vec![("AWS", s("*"))])), None);
        assert_eq!(reason(Node::unknown()), None);
        assert_eq!(reason(s(&UNKNOWN_PART.to_string())), None);
    }

    #[test]
    fn grant_restrictions_and_unknown_condition_values() {
        let c = |op: &str, key: &str, v: Node| {
            condition_facts(Some(&obj(vec![(op, obj(vec![(key, v)]))])))
        };
        assert!(
            c(
                "StringEquals",
                "kms:ViaService",
                s("ec2.eu-west-1.amazonaws.com")
            )
            .grant_restricted
        );
        assert!(
            c(
                "StringLike",
                "KMS:VIASERVICE",
                list(vec![s("rds.*.amazonaws.com")])
            )
            .grant_restricted
        );
        assert!(!c("StringLike", "kms:ViaService", s("*")).grant_restricted);
        assert!(!c("StringNotEquals", "kms:ViaService", s("ec2.amazonaws.com")).grant_restricted);
        assert!(c("Bool", "kms:GrantIsForAWSResource", s("true")).grant_restricted);
        assert!(!c("Bool", "kms:GrantIsForAWSResource", s("false")).grant_restricted);
        // A value or a key known only at apply may restrict.
        assert!(c("Bool", "kms:GrantIsForAWSResource", Node::unknown()).grant_restricted);
        assert!(c("Bool", "aws:MultiFactorAuthPresent", Node::unknown()).mfa);
        let unknown_key = format!("aws:{UNKNOWN_PART}");
        assert!(c("Bool", &unknown_key, s("true")).mfa);
        assert!(c("StringEquals", &unknown_key, s("x")).restricting);
        assert!(condition_facts(Some(&obj(vec![("StringEquals", Node::unknown())]))).restricting);
        // BoolIfExists lets requests without the key through.
        assert!(!c("BoolIfExists", "aws:MultiFactorAuthPresent", s("true")).mfa);
    }

    #[test]
    fn grants_key_policy() {
        let st = |action: Node| {
            let p = policy(vec![obj(vec![
                ("Effect", s("Allow")),
                (
                    "Principal",
                    obj(vec![("AWS", s("arn:aws:iam::111122223333:role/a"))]),
                ),
                ("Action", action),
                ("Resource", s("*")),
            ])]);
            analyze(&p, &src(PolicyKind::Key))
        };
        let es = st(s("kms:*"));
        assert_eq!(stmt(&es, 0).get_bool("grants_key_policy"), Some(true));
        let es = st(list(vec![s("kms:CreateGrant"), s("kms:Put*")]));
        assert_eq!(stmt(&es, 0).get_bool("grants_key_policy"), Some(true));
        let es = st(s("kms:CreateGrant"));
        assert_eq!(stmt(&es, 0).get_bool("grants_key_policy"), Some(false));
        // An unknown item may add PutKeyPolicy.
        let es = st(list(vec![s("kms:CreateGrant"), Node::unknown()]));
        assert_eq!(stmt(&es, 0).get_bool("grants_key_policy"), None);
    }

    #[test]
    fn decrypt_capable_through_patterns_and_not_action() {
        let p = policy(vec![
            obj(vec![
                ("Effect", s("Allow")),
                ("Principal", s("*")),
                ("Action", s("kms:De*")),
                ("Resource", s("*")),
            ]),
            obj(vec![
                ("Effect", s("Allow")),
                ("Principal", s("*")),
                ("Action", s("KMS:DECRYPT")),
                ("Resource", s("*")),
            ]),
            obj(vec![
                ("Effect", s("Allow")),
                ("Principal", s("*")),
                ("NotAction", s("kms:Decrypt")),
                ("Resource", s("*")),
            ]),
            obj(vec![
                ("Effect", s("Allow")),
                ("Principal", s("*")),
                (
                    "NotAction",
                    list(vec![
                        s("kms:Decrypt"),
                        s("kms:ReEncrypt*"),
                        s("kms:GenerateDataKey*"),
                    ]),
                ),
                ("Resource", s("*")),
            ]),
            obj(vec![
                ("Effect", s("Allow")),
                ("Principal", s("*")),
                ("Action", s("kms:Encrypt")),
                ("Resource", s("*")),
            ]),
        ]);
        let es = analyze(&p, &src(PolicyKind::Key));
        assert_eq!(stmt(&es, 0).get_bool("grants_decrypt"), Some(true));
        assert_eq!(stmt(&es, 1).get_bool("grants_decrypt"), Some(true));
        assert_eq!(
            stmt(&es, 2).get_bool("grants_decrypt"),
            Some(true),
            "NotAction leaves GenerateDataKey"
        );
        assert_eq!(stmt(&es, 2).get_bool("not_action"), Some(true));
        assert_eq!(stmt(&es, 3).get_bool("grants_decrypt"), Some(false));
        assert_eq!(stmt(&es, 4).get_bool("grants_decrypt"), Some(false));
        assert_eq!(stmt(&es, 4).get_bool("grants_other_kms"), Some(true));
    }

    #[test]
    fn root_access_is_unknown_while_an_unknown_statement_might_give_it() {
        let root = || obj(vec![("AWS", s("arn:aws:iam::111122223333:root"))]);
        let stmt_of = |principal: Node, action: Node| {
            obj(vec![
                ("Effect", s("Allow")),
                ("Principal", principal),
                ("Action", action),
                ("Resource", s("*")),
            ])
        };
        let root_access = |statements: Vec<Node>| {
            analyze(&policy(statements), &src(PolicyKind::Key))[0].get_bool("root_full_access")
        };
        // The root with actions that are not known: maybe `kms:*`.
        assert_eq!(root_access(vec![stmt_of(root(), Node::unknown())]), None);
        // `kms:*` to principals that are not known: maybe the root.
        assert_eq!(
            root_access(vec![stmt_of(
                obj(vec![("AWS", Node::unknown())]),
                s("kms:*")
            )]),
            None
        );
        // A known root statement decides, whatever else is unknown.
        assert_eq!(
            root_access(vec![
                stmt_of(root(), Node::unknown()),
                stmt_of(root(), s("kms:*")),
            ]),
            Some(true)
        );
        // Known and short of it: false.
        assert_eq!(
            root_access(vec![stmt_of(root(), s("kms:Describe*"))]),
            Some(false)
        );
    }

    #[test]
    fn policy_facts_root_admin_and_invalid() {
        let p = policy(vec![
            obj(vec![
                ("Sid", s("Root")),
                ("Effect", s("Allow")),
                (
                    "Principal",
                    obj(vec![("AWS", s("arn:aws:iam::111122223333:root"))]),
                ),
                ("Action", s("kms:*")),
                ("Resource", s("*")),
            ]),
            obj(vec![
                ("Effect", s("Allow")),
                (
                    "Principal",
                    obj(vec![("AWS", s("arn:aws:iam::111122223333:role/admin"))]),
                ),
                (
                    "Action",
                    list(vec![s("kms:ScheduleKeyDeletion"), s("kms:Decrpyt")]),
                ),
                ("Resource", s("*")),
            ]),
            obj(vec![
                ("Effect", s("Allow")),
                (
                    "Principal",
                    obj(vec![("AWS", s("arn:aws:iam::444455556666:role/admin"))]),
                ),
                ("Action", s("kms:Decrypt")),
                ("Resource", s("*")),
            ]),
            obj(vec![
                ("Effect", s("Allow")),
                (
                    "Principal",
                    obj(vec![("AWS", s("arn:aws:iam::111122223333:role/admin"))]),
                ),
                ("Action", s("kms:Decrypt")),
                ("Resource", s("*")),
            ]),
        ]);
        let es = analyze(&p, &src(PolicyKind::Key));
        assert_eq!(es[0].get_bool("root_full_access"), Some(true));
        assert_eq!(
            stmt(&es, 1).get_str("invalid_reason"),
            Some("unknown KMS action `kms:Decrpyt`")
        );
        assert_eq!(stmt(&es, 1).get_bool("grants_destructive"), Some(true));
        assert_eq!(stmt(&es, 1).get_bool("mfa_required"), Some(false));
        assert!(stmt(&es, 1).get("admin_decrypt_principal").is_some());
        assert_eq!(stmt(&es, 2).get_bool("cross_account"), Some(true));
        assert_eq!(stmt(&es, 3).get_bool("cross_account"), Some(false));
        assert_eq!(key_account(&p).as_deref(), Some("111122223333"));
    }

    #[test]
    fn missing_root_and_deny() {
        let p = policy(vec![obj(vec![
            ("Effect", s("Deny")),
            ("Principal", s("*")),
            ("Action", s("kms:*")),
            ("Resource", s("*")),
        ])]);
        let es = analyze(&p, &src(PolicyKind::Key));
        assert_eq!(es[0].get_bool("root_full_access"), Some(false));
        assert_eq!(stmt(&es, 0).get_bool("allow"), Some(false));
    }

    #[test]
    fn identity_policy_facts() {
        let p = policy(vec![obj(vec![
            ("Effect", s("Allow")),
            ("Action", s("kms:Decrypt")),
            ("Resource", s("*")),
        ])]);
        let es = analyze(&p, &src(PolicyKind::Identity));
        assert_eq!(stmt(&es, 0).get_bool("any_resource"), Some(true));
        assert_eq!(stmt(&es, 0).get_bool("decrypt_scoped"), Some(false));
        assert_eq!(es[0].get("root_full_access"), None);
        let bad = policy(vec![obj(vec![
            ("Effect", s("Allow")),
            ("Principal", s("*")),
            ("Action", s("kms:Decrypt")),
        ])]);
        let es = analyze(&bad, &src(PolicyKind::Identity));
        assert!(
            stmt(&es, 0)
                .get_str("invalid_reason")
                .unwrap()
                .contains("identity policy")
        );
    }
}
