//! The rule pack: built-in Cedar rules embedded at build time, and user rules.

use std::collections::BTreeSet;
use std::str::FromStr;
use std::sync::OnceLock;

use cedar_policy::{
    Policy, PolicyId, PolicySet, ResourceConstraint, Schema, ValidationMode, Validator,
};
use keylint_model::{EntityKind, LineIndex, Severity};
use rustc_hash::FxHashMap as HashMap;

use crate::applicability::{self, Requirements};

/// What `build.rs` prepared of a built-in rule file holding one policy, so that a start
/// needs no Cedar parsing for it: the policy's annotations, whether it is a `forbid`, the
/// entity type of a `resource is T` scope, its [`Requirements`] (`kinds`, `attrs`,
/// `provider`) and the resource attributes it reads (`None`: not memoizable).
#[derive(Debug)]
pub struct Prepared {
    pub annotations: &'static [(&'static str, &'static str)],
    pub forbid: bool,
    pub scope: Option<&'static str>,
    pub kinds: Option<&'static [EntityKind]>,
    pub attrs: &'static [&'static str],
    pub provider: Option<&'static str>,
    pub reads: Option<&'static [&'static str]>,
}

include!(concat!(env!("OUT_DIR"), "/pack.rs"));

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleOrigin {
    /// `policies/<provider>/<id>/`
    Builtin(String),
    /// A user rule file.
    User(String),
}

#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub severity: Severity,
    pub title: String,
    pub message: String,
    pub help: String,
    /// Facts whose evidence span is underlined, first present wins.
    pub highlight: Vec<String>,
    pub doc: String,
    pub origin: RuleOrigin,
    /// The entity type the rule is scoped to, or `None` for every type.
    pub scope: Option<EntityKind>,
    /// The Cedar policy, parsed from `source` on first use (see [`Rule::policy`]).
    policy: OnceLock<Policy>,
    /// The built-in rule file's text (`None`: `policy` was parsed at load).
    source: Option<&'static str>,
    /// Which entities the policy can match, and which attributes it reads.
    pub(crate) applicability: Applicability,
    /// checkov check ids this rule covers (`@checkov`): their skips silence it.
    pub checkov: Vec<String>,
    /// trivy/tfsec check ids this rule covers (`@trivy`): their ignores silence it.
    pub trivy: Vec<String>,
    /// `false` for an opt-in rule (`@default("off")`): it runs only when selected or
    /// enabled by name.
    pub default_enabled: bool,
    /// The compliance controls the rule evidences (`@controls`), as written.
    pub controls: Vec<String>,
}

impl Rule {
    /// The facts an entity must have for the rule to judge it (`resource has x`
    /// conjuncts): an entity without one of them is nothing the rule can judge.
    pub fn required_facts(&self) -> impl Iterator<Item = &str> {
        self.applicability
            .requirements
            .attrs
            .iter()
            .map(String::as_str)
    }
}

/// What the engine derives from a policy to narrow and memoize (see [`applicability`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Applicability {
    pub(crate) requirements: Requirements,
    /// `None`: the policy uses `resource` otherwise than by reading attributes.
    pub(crate) reads: Option<BTreeSet<String>>,
}

impl Applicability {
    fn of(policy: &Policy) -> Self {
        match policy.to_json() {
            Ok(est) => Self {
                requirements: applicability::requirements_of(&est),
                reads: applicability::resource_reads_of(&est),
            },
            Err(_) => Self {
                requirements: Requirements::default(),
                reads: None,
            },
        }
    }

    fn prepared(p: &Prepared) -> Self {
        Self {
            requirements: Requirements {
                kinds: p.kinds.map(|k| k.iter().copied().collect()),
                attrs: p.attrs.iter().map(|a| (*a).to_owned()).collect(),
                provider: p.provider.map(str::to_owned),
            },
            reads: p.reads.map(|r| r.iter().map(|a| (*a).to_owned()).collect()),
        }
    }
}

impl Rule {
    /// The rule's Cedar policy (id: the rule id), parsed on first use for a built-in rule.
    ///
    /// # Errors
    /// The embedded text does not parse as one policy (a test keeps the pack parsing).
    pub fn policy(&self) -> Result<&Policy, RuleError> {
        if let Some(p) = self.policy.get() {
            return Ok(p);
        }
        let text = self.source.unwrap_or_default();
        let policy = Policy::parse(Some(PolicyId::new(&self.id)), text).map_err(|e| {
            let (line, message) = diag(&e, text);
            RuleError {
                file: self.file(),
                line,
                message: format!("invalid Cedar: {message}"),
            }
        })?;
        Ok(self.policy.get_or_init(|| policy))
    }

    /// The rule file, as errors name it.
    fn file(&self) -> String {
        match &self.origin {
            RuleOrigin::Builtin(folder) => format!("policies/{folder}/rule.cedar"),
            RuleOrigin::User(path) => path.clone(),
        }
    }

    /// The provider folder of a built-in rule (`aws`, `azure`, `gcp`, `common`).
    #[must_use]
    pub fn provider(&self) -> &str {
        match &self.origin {
            RuleOrigin::Builtin(folder) => folder.split('/').next().unwrap_or("common"),
            RuleOrigin::User(_) => "user",
        }
    }
}

/// A rule file that cannot be used, with the place of the problem.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

fn line_of(text: &str, offset: usize) -> usize {
    LineIndex::new(text).position(text, offset).line
}

/// The first labelled offset of a Cedar diagnostic, and its full message.
fn diag(err: &dyn miette::Diagnostic, text: &str) -> (usize, String) {
    let offset = err
        .labels()
        .and_then(|mut l| l.next())
        .map_or(0, |l| l.offset());
    let mut msg = err.to_string();
    if let Some(help) = err.help() {
        msg.push_str(&format!(" ({help})"));
    }
    (line_of(text, offset), msg)
}

/// The line of a policy in its file: where its `@id` is, else the first policy keyword.
#[must_use]
pub fn policy_line(text: &str, id: Option<&str>) -> usize {
    let offset = id
        .and_then(|id| text.find(&format!("@id(\"{id}\")")))
        .or_else(|| {
            text.find("forbid")
                .into_iter()
                .chain(text.find("permit"))
                .min()
        })
        .unwrap_or(0);
    line_of(text, offset)
}

fn entity_kind(name: &str) -> Option<EntityKind> {
    let short = name.strip_prefix("Keylint::").unwrap_or(name);
    EntityKind::ALL
        .into_iter()
        .find(|k| k.cedar_name() == short)
}

/// The model's Cedar schema, read from the JSON form `build.rs` converted it to.
///
/// # Errors
/// The embedded schema does not load (a test keeps it loading and equal to the text).
pub fn schema() -> Result<Schema, RuleError> {
    Schema::from_json_str(SCHEMA_JSON).map_err(|e| {
        let (_, message) = diag(&e, SCHEMA_JSON);
        RuleError {
            file: "policies/schema.cedarschema".into(),
            line: 0,
            message: format!(
                "the schema, converted to Cedar's JSON form, does not load: {message}"
            ),
        }
    })
}

/// What a rule's description is read from: its policy's annotations, effect and scope.
struct Facts<'a> {
    annotations: Vec<(&'a str, &'a str)>,
    forbid: bool,
    /// The entity type of a `resource is T` scope, as written.
    scope: Option<String>,
}

impl Facts<'_> {
    fn of(p: &Policy) -> Facts<'_> {
        Facts {
            annotations: p.annotations().collect(),
            forbid: p.effect() == cedar_policy::Effect::Forbid,
            scope: match p.resource_constraint() {
                ResourceConstraint::Is(t) | ResourceConstraint::IsIn(t, _) => Some(t.to_string()),
                _ => None,
            },
        }
    }

    fn ann(&self, key: &str) -> Option<&str> {
        self.annotations
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
    }
}

/// What makes a policy not a rule: its annotations or shape.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RuleDefinitionError {
    #[error("rule `{0}`: `@severity` must be critical, high, medium, low or info")]
    Severity(String),
    #[error("rule `{0}` has no `@severity` annotation")]
    NoSeverity(String),
    #[error("rule `{0}` must be a `forbid` policy describing the violation")]
    NotForbid(String),
    #[error("rule `{id}`: unknown entity type `{ty}`")]
    EntityType { id: String, ty: String },
    #[error("rule `{id}`: `@default` must be \"on\" or \"off\", not \"{value}\"")]
    Default { id: String, value: String },
    #[error(
        "rule `{id}`: `@controls` names `{control}`, which is not a control id of a known framework (forms: docs/compliance.md)"
    )]
    Control { id: String, control: String },
}

/// A rule from its policy's facts (`id`: its `@id`), or what is wrong with it.
fn describe(
    id: String,
    facts: &Facts<'_>,
    origin: &RuleOrigin,
    doc: &str,
    policy: OnceLock<Policy>,
    source: Option<&'static str>,
    applicability: Applicability,
) -> Result<Rule, RuleDefinitionError> {
    let severity = match facts.ann("severity").map(Severity::parse) {
        Some(Some(s)) => s,
        Some(None) => return Err(RuleDefinitionError::Severity(id)),
        None => return Err(RuleDefinitionError::NoSeverity(id)),
    };
    if !facts.forbid {
        return Err(RuleDefinitionError::NotForbid(id));
    }
    let scope = match &facts.scope {
        Some(t) => match entity_kind(t) {
            Some(k) => Some(k),
            None => {
                return Err(RuleDefinitionError::EntityType { id, ty: t.clone() });
            }
        },
        None => None,
    };
    let title = facts.ann("title").map_or_else(|| id.clone(), str::to_owned);
    let list = |k: &str| -> Vec<String> {
        facts
            .ann(k)
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let default_enabled = match facts.ann("default") {
        None | Some("on") => true,
        Some("off") => false,
        Some(other) => {
            return Err(RuleDefinitionError::Default {
                id,
                value: other.to_owned(),
            });
        }
    };
    let controls = list("controls");
    if let Some(bad) = controls
        .iter()
        .find(|c| crate::controls::Framework::of_control(c).is_none())
    {
        return Err(RuleDefinitionError::Control {
            control: bad.clone(),
            id,
        });
    }
    Ok(Rule {
        controls,
        checkov: list("checkov"),
        trivy: list("trivy"),
        default_enabled,
        message: facts
            .ann("message")
            .map_or_else(|| title.clone(), str::to_owned),
        help: facts.ann("help").unwrap_or_default().to_owned(),
        highlight: list("highlight"),
        doc: doc.to_owned(),
        origin: origin.clone(),
        scope,
        policy,
        source,
        applicability,
        id,
        severity,
        title,
    })
}

/// Parse, check and describe the policies of one rule file.
///
/// # Errors
/// Every problem found, each with file and line: syntax, a missing or bad annotation,
/// a permit instead of a forbid, a duplicate id, or a strict validation error.
pub fn load_file(
    origin: &RuleOrigin,
    path: &str,
    text: &str,
    doc: &str,
    schema: &Schema,
) -> Result<Vec<Rule>, Vec<RuleError>> {
    let err = |line: usize, message: String| RuleError {
        file: path.to_owned(),
        line,
        message,
    };
    let set = PolicySet::from_str(text).map_err(|e| {
        let (line, msg) = diag(&e, text);
        vec![err(line, format!("invalid Cedar: {msg}"))]
    })?;
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for p in set.policies() {
        let Some(id) = p.annotation("id").map(str::to_owned) else {
            let line = policy_line(text, None);
            errors.push(err(line, "the policy has no `@id` annotation".into()));
            continue;
        };
        let line = policy_line(text, Some(&id));
        let policy = p.new_id(PolicyId::new(&id));
        let applicability = Applicability::of(&policy);
        match describe(
            id,
            &Facts::of(p),
            origin,
            doc,
            OnceLock::from(policy),
            None,
            applicability,
        ) {
            Ok(rule) => rules.push(rule),
            Err(e) => errors.push(err(line, e.to_string())),
        }
    }
    // Strict validation against the schema, with each error placed in this file.
    let mut check = PolicySet::new();
    for r in &rules {
        let added = r.policy().is_ok_and(|p| check.add(p.clone()).is_ok());
        if !added {
            errors.push(err(
                1,
                format!("rule id `{}` is used twice in this file", r.id),
            ));
        }
    }
    let result = Validator::new(schema.clone()).validate(&check, ValidationMode::Strict);
    for e in result.validation_errors() {
        let (line, msg) = diag(e, text);
        errors.push(err(
            line,
            format!("rule does not type-check against the keylint schema: {msg}"),
        ));
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// Load the built-in pack as `build.rs` prepared it: no Cedar parsing, no validation
/// (`validate_builtin` is the test of that). A rule the build left unprepared is loaded
/// from its text, with its problems reported.
///
/// # Errors
/// Problems in the embedded rules (a test keeps this empty).
pub fn builtin() -> Result<Vec<Rule>, Vec<RuleError>> {
    let mut schema: Option<Schema> = None;
    let mut rules = Vec::with_capacity(BUILTIN_RULES.len());
    let mut errors = Vec::new();
    for (i, (folder, text, doc)) in BUILTIN_RULES.iter().enumerate() {
        let origin = RuleOrigin::Builtin((*folder).to_owned());
        let path = format!("policies/{folder}/rule.cedar");
        let prepared = PREPARED.get(i).and_then(Option::as_ref);
        if let Some((p, id)) =
            prepared.and_then(|p| Some((p, p.annotations.iter().find(|(k, _)| *k == "id")?.1)))
        {
            let facts = Facts {
                annotations: p.annotations.to_vec(),
                forbid: p.forbid,
                scope: p.scope.map(str::to_owned),
            };
            match describe(
                id.to_owned(),
                &facts,
                &origin,
                doc,
                OnceLock::new(),
                Some(text),
                Applicability::prepared(p),
            ) {
                Ok(rule) => rules.push(rule),
                Err(e) => errors.push(RuleError {
                    file: path,
                    line: policy_line(text, Some(id)),
                    message: e.to_string(),
                }),
            }
            continue;
        }
        if schema.is_none() {
            schema = Some(self::schema().map_err(|e| vec![e])?);
        }
        let Some(schema) = &schema else { continue };
        match load_file(&origin, &path, text, doc, schema) {
            Ok(r) => rules.extend(r),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// Load and strictly validate every built-in rule from its text, as user rules are
/// loaded: what a start skips, and a test runs.
///
/// # Errors
/// Every problem of the embedded rules, with file and line.
pub fn validate_builtin() -> Result<Vec<Rule>, Vec<RuleError>> {
    let schema = schema().map_err(|e| vec![e])?;
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for (folder, text, doc) in BUILTIN_RULES {
        let path = format!("policies/{folder}/rule.cedar");
        match load_file(
            &RuleOrigin::Builtin((*folder).to_owned()),
            &path,
            text,
            doc,
            &schema,
        ) {
            Ok(r) => rules.extend(r),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// The attributes each entity type declares in the schema, as `build.rs` read them.
#[must_use]
pub fn schema_attributes() -> HashMap<EntityKind, BTreeSet<String>> {
    SCHEMA_ATTRIBUTES
        .iter()
        .map(|(k, names)| (*k, names.iter().map(|n| (*n).to_owned()).collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `build.rs` prepared is what the engine would derive from each rule's text.
    #[test]
    fn prepared_pack_matches_the_analysis_of_its_text() {
        assert_eq!(PREPARED.len(), BUILTIN_RULES.len());
        let rules = builtin().unwrap();
        assert_eq!(rules.len(), BUILTIN_RULES.len());
        for (i, rule) in rules.iter().enumerate() {
            assert!(
                PREPARED[i].is_some(),
                "{}: not prepared by build.rs",
                rule.id
            );
            let policy = rule.policy().unwrap();
            assert_eq!(rule.applicability, Applicability::of(policy), "{}", rule.id);
        }
        assert_eq!(
            schema_attributes(),
            applicability::schema_attributes(SCHEMA)
        );
        assert!(!schema_attributes().is_empty());
    }

    /// The schema the engine loads is the conversion of `policies/schema.cedarschema`.
    #[test]
    fn schema_json_is_the_schema_text() {
        let (fragment, _) = cedar_policy::SchemaFragment::from_cedarschema_str(SCHEMA).unwrap();
        let from_text = fragment.to_json_value().unwrap();
        let embedded: serde_json::Value = serde_json::from_str(SCHEMA_JSON).unwrap();
        assert_eq!(from_text, embedded);
        assert!(schema().is_ok());
        assert!(Schema::from_str(SCHEMA).is_ok());
    }
}
