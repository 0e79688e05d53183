//! The rule pack: built-in Cedar rules embedded at build time, and user rules.

use std::str::FromStr;

use cedar_policy::{
    Policy, PolicyId, PolicySet, ResourceConstraint, Schema, ValidationMode, Validator,
};
use keylint_model::{EntityKind, LineIndex, Severity};

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
    pub policy: Policy,
    /// checkov check ids this rule covers (`@checkov`): their skips silence it.
    pub checkov: Vec<String>,
    /// trivy/tfsec check ids this rule covers (`@trivy`): their ignores silence it.
    pub trivy: Vec<String>,
    /// `false` for an opt-in rule (`@default("off")`): it runs only when selected or
    /// enabled by name.
    pub default_enabled: bool,
}

impl Rule {
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

/// The model's Cedar schema.
///
/// # Errors
/// The embedded schema does not parse (a test keeps it parsing).
pub fn schema() -> Result<Schema, RuleError> {
    Schema::from_str(SCHEMA).map_err(|e| {
        let (line, message) = diag(&e, SCHEMA);
        RuleError {
            file: "policies/schema.cedarschema".into(),
            line,
            message,
        }
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
        let ann = |k: &str| p.annotation(k).map(str::to_owned);
        let severity = match ann("severity").as_deref().map(Severity::parse) {
            Some(Some(s)) => s,
            Some(None) => {
                errors.push(err(
                    line,
                    format!("rule `{id}`: `@severity` must be critical, high, medium, low or info"),
                ));
                continue;
            }
            None => {
                errors.push(err(
                    line,
                    format!("rule `{id}` has no `@severity` annotation"),
                ));
                continue;
            }
        };
        if p.effect() != cedar_policy::Effect::Forbid {
            errors.push(err(
                line,
                format!("rule `{id}` must be a `forbid` policy describing the violation"),
            ));
            continue;
        }
        let scope = match p.resource_constraint() {
            ResourceConstraint::Is(t) | ResourceConstraint::IsIn(t, _) => {
                match entity_kind(&t.to_string()) {
                    Some(k) => Some(k),
                    None => {
                        errors.push(err(line, format!("rule `{id}`: unknown entity type `{t}`")));
                        continue;
                    }
                }
            }
            _ => None,
        };
        let title = ann("title").unwrap_or_else(|| id.clone());
        let list = |k: &str| -> Vec<String> {
            ann(k)
                .map(|v| {
                    v.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        };
        let default_enabled = match ann("default").as_deref() {
            None | Some("on") => true,
            Some("off") => false,
            Some(other) => {
                errors.push(err(
                    line,
                    format!("rule `{id}`: `@default` must be \"on\" or \"off\", not \"{other}\""),
                ));
                continue;
            }
        };
        rules.push(Rule {
            checkov: list("checkov"),
            trivy: list("trivy"),
            default_enabled,
            message: ann("message").unwrap_or_else(|| title.clone()),
            help: ann("help").unwrap_or_default(),
            highlight: list("highlight"),
            doc: doc.to_owned(),
            origin: origin.clone(),
            scope,
            policy: p.new_id(PolicyId::new(&id)),
            id,
            severity,
            title,
        });
    }
    // Strict validation against the schema, with each error placed in this file.
    let mut check = PolicySet::new();
    for r in &rules {
        if check.add(r.policy.clone()).is_err() {
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

/// Load the built-in pack.
///
/// # Errors
/// Problems in the embedded rules (a test keeps this empty).
pub fn builtin(schema: &Schema) -> Result<Vec<Rule>, Vec<RuleError>> {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for (folder, text, doc) in BUILTIN_RULES {
        let path = format!("policies/{folder}/rule.cedar");
        match load_file(
            &RuleOrigin::Builtin((*folder).to_owned()),
            &path,
            text,
            doc,
            schema,
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
