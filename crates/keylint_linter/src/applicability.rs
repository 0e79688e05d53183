//! Which entities a rule can ever match, read from the rule itself.
//!
//! Cedar's cost grows with the number of policies in the set a request is judged by, so
//! the engine judges each entity only by the rules that can match it. That is derived
//! soundly from each policy's top-level `when` conjuncts, never from naming conventions:
//! - `resource is T` (or a scope `resource is T`) limits the entity type;
//! - `resource has a` limits it to types whose schema declares `a`;
//! - `resource.provider == "p"` limits it to entities of provider `p`.
//!
//! A conjunct that is false makes the whole policy false, so leaving the policy out of
//! the set for such entities cannot change a decision.

use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

use cedar_policy::{Policy, SchemaFragment};
use keylint_model::EntityKind;
use serde_json::Value;

/// What a rule requires of an entity before it can be satisfied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Requirements {
    pub kinds: Option<BTreeSet<EntityKind>>,
    pub attrs: BTreeSet<String>,
    pub provider: Option<String>,
}

fn kind_of(name: &str) -> Option<EntityKind> {
    let short = name.strip_prefix("Keylint::").unwrap_or(name);
    EntityKind::ALL
        .into_iter()
        .find(|k| k.cedar_name() == short)
}

fn is_resource(v: &Value) -> bool {
    v.get("Var").and_then(Value::as_str) == Some("resource")
}

fn conjuncts<'v>(e: &'v Value, out: &mut Vec<&'v Value>) {
    match e.get("&&") {
        Some(and) => {
            if let (Some(l), Some(r)) = (and.get("left"), and.get("right")) {
                conjuncts(l, out);
                conjuncts(r, out);
            }
        }
        None => out.push(e),
    }
}

/// The requirements of a policy (empty when nothing can be proven).
#[must_use]
pub fn requirements(policy: &Policy) -> Requirements {
    policy
        .to_json()
        .map_or_else(|_| Requirements::default(), |est| requirements_of(&est))
}

/// [`requirements`] from a policy's JSON form.
#[must_use]
pub fn requirements_of(est: &Value) -> Requirements {
    let mut req = Requirements::default();
    let mut kinds: Option<BTreeSet<EntityKind>> = None;
    let mut restrict = |k: Option<EntityKind>| {
        let set: BTreeSet<EntityKind> = k.into_iter().collect();
        kinds = Some(match kinds.take() {
            Some(prev) => prev.intersection(&set).copied().collect(),
            None => set,
        });
    };
    if let Some(t) = est
        .get("resource")
        .filter(|r| r.get("op").and_then(Value::as_str) == Some("is"))
        .and_then(|r| r.get("entity_type"))
        .and_then(Value::as_str)
    {
        restrict(kind_of(t));
    }
    let mut parts = Vec::new();
    for c in est
        .get("conditions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if c.get("kind").and_then(Value::as_str) == Some("when")
            && let Some(body) = c.get("body")
        {
            conjuncts(body, &mut parts);
        }
    }
    for part in parts {
        if let Some(has) = part
            .get("has")
            .filter(|h| h.get("left").is_some_and(is_resource))
        {
            if let Some(a) = has.get("attr").and_then(Value::as_str) {
                req.attrs.insert(a.to_owned());
            }
        } else if let Some(is) = part
            .get("is")
            .filter(|i| i.get("left").is_some_and(is_resource))
        {
            restrict(
                is.get("entity_type")
                    .and_then(Value::as_str)
                    .and_then(kind_of),
            );
        } else if let Some(eq) = part.get("==") {
            let attr = eq
                .get("left")
                .and_then(|l| l.get("."))
                .filter(|d| d.get("left").is_some_and(is_resource))
                .and_then(|d| d.get("attr"))
                .and_then(Value::as_str);
            let value = eq
                .get("right")
                .and_then(|r| r.get("Value"))
                .and_then(Value::as_str);
            if let (Some("provider"), Some(p)) = (attr, value) {
                req.provider = Some(p.to_owned());
            }
        }
    }
    req.kinds = kinds;
    req
}

/// The resource attributes a policy reads, or `None` when it uses `resource` in any
/// other way (an entity literal comparison, `in`, ...). When every policy of a set only
/// reads attributes, a decision is a function of those values and the context, and can
/// be remembered across entities that agree on them.
#[must_use]
pub fn resource_reads(policy: &Policy) -> Option<BTreeSet<String>> {
    resource_reads_of(&policy.to_json().ok()?)
}

/// [`resource_reads`] from a policy's JSON form.
#[must_use]
pub fn resource_reads_of(est: &Value) -> Option<BTreeSet<String>> {
    fn walk(v: &Value, reads: &mut BTreeSet<String>, ok: &mut bool) {
        match v {
            Value::Object(map) => {
                for (key, inner) in map {
                    let consumed = matches!(key.as_str(), "." | "has" | "is")
                        && inner.get("left").is_some_and(is_resource);
                    if consumed {
                        if let Some(a) = inner.get("attr").and_then(Value::as_str) {
                            reads.insert(a.to_owned());
                        }
                        for (k, x) in inner.as_object().into_iter().flatten() {
                            if k != "left" {
                                walk(x, reads, ok);
                            }
                        }
                    } else if key == "Var" && inner.as_str() == Some("resource") {
                        *ok = false;
                    } else {
                        walk(inner, reads, ok);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|i| walk(i, reads, ok)),
            _ => {}
        }
    }
    let scope = est
        .get("resource")
        .and_then(|r| r.get("op"))
        .and_then(Value::as_str);
    if !matches!(scope, Some("All" | "is")) {
        return None;
    }
    let mut reads = BTreeSet::new();
    let mut ok = true;
    if let Some(conditions) = est.get("conditions") {
        walk(conditions, &mut reads, &mut ok);
    }
    ok.then_some(reads)
}

/// Attribute names each entity type declares in the schema.
#[must_use]
pub fn schema_attributes(schema_text: &str) -> HashMap<EntityKind, BTreeSet<String>> {
    let mut out = HashMap::default();
    let Ok((fragment, _)) = SchemaFragment::from_cedarschema_str(schema_text) else {
        return out;
    };
    let Ok(json) = fragment.to_json_value() else {
        return out;
    };
    let types = json
        .get("Keylint")
        .and_then(|n| n.get("entityTypes"))
        .and_then(Value::as_object);
    for (name, def) in types.into_iter().flatten() {
        let Some(kind) = kind_of(name) else { continue };
        let attrs = def
            .get("shape")
            .and_then(|s| s.get("attributes"))
            .and_then(Value::as_object);
        out.insert(
            kind,
            attrs
                .map(|a| a.keys().cloned().collect())
                .unwrap_or_default(),
        );
    }
    out
}

impl Requirements {
    /// Can a rule with these requirements match an entity of `kind` and `provider`?
    /// `provider` is `None` when the entity's provider is not one the engine keys sets by.
    #[must_use]
    pub fn admits(
        &self,
        kind: EntityKind,
        provider: Option<&str>,
        attrs: &HashMap<EntityKind, BTreeSet<String>>,
    ) -> bool {
        if self.kinds.as_ref().is_some_and(|k| !k.contains(&kind)) {
            return false;
        }
        if let Some(declared) = attrs.get(&kind)
            && !self.attrs.iter().all(|a| declared.contains(a))
        {
            return false;
        }
        match (&self.provider, provider) {
            (Some(want), Some(have)) => want == have,
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(src: &str) -> Requirements {
        requirements(&Policy::parse(None, src).unwrap())
    }

    #[test]
    fn reads_top_level_conjuncts_only() {
        let r = req(
            "forbid (principal, action, resource is Keylint::Key) when { resource.provider == \"aws\" && resource has rotatable && resource.rotatable };",
        );
        assert_eq!(r.provider.as_deref(), Some("aws"));
        assert_eq!(r.attrs, BTreeSet::from(["rotatable".to_owned()]));
        assert_eq!(r.kinds, Some(BTreeSet::from([EntityKind::Key])));
        // Under a disjunction nothing can be proven.
        let r = req(
            "forbid (principal, action, resource) when { resource has a || resource.provider == \"aws\" };",
        );
        assert_eq!(r, Requirements::default());
        // `unless` clauses prove nothing either.
        let r = req("forbid (principal, action, resource) unless { resource has a };");
        assert!(r.attrs.is_empty());
    }

    #[test]
    fn resource_reads_only_attribute_accesses() {
        let p = Policy::parse(None, "forbid (principal, action, resource is Keylint::Key) when { resource has a && resource.b < context.c && resource is Keylint::Key };").unwrap();
        assert_eq!(
            resource_reads(&p),
            Some(BTreeSet::from(["a".to_owned(), "b".to_owned()]))
        );
        let p = Policy::parse(
            None,
            "forbid (principal, action, resource) when { resource == Keylint::Key::\"x\" };",
        )
        .unwrap();
        assert_eq!(resource_reads(&p), None);
        let p = Policy::parse(
            None,
            "forbid (principal, action, resource == Keylint::Key::\"x\");",
        )
        .unwrap();
        assert_eq!(resource_reads(&p), None);
    }

    #[test]
    fn admits_by_declared_attributes_and_provider() {
        let attrs = schema_attributes(crate::pack::SCHEMA);
        assert!(
            attrs
                .get(&EntityKind::Key)
                .is_some_and(|a| a.contains("fips_level"))
        );
        let r = req(
            "forbid (principal, action, resource) when { resource has fips_level && resource.fips_level < 3 };",
        );
        assert!(r.admits(EntityKind::Key, Some("gcp"), &attrs));
        assert!(r.admits(EntityKind::KeyContainer, Some("azure"), &attrs));
        assert!(!r.admits(EntityKind::Statement, Some("aws"), &attrs));
        let r = req(
            "forbid (principal, action, resource is Keylint::Key) when { resource.provider == \"aws\" };",
        );
        assert!(!r.admits(EntityKind::Key, Some("gcp"), &attrs));
        assert!(r.admits(EntityKind::Key, None, &attrs));
    }
}
