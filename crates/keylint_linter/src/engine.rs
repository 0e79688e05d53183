//! Linting a unit: model entities -> Cedar entities -> one request per entity against
//! the policy set of its type -> findings -> suppressions.

use rustc_hash::FxHashMap as HashMap;
use std::collections::{BTreeSet, HashSet};
use std::hash::{Hash, Hasher};
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};

use cedar_policy::{
    Authorizer, Context, Decision, Entities, Entity as CedarEntity, EntityId, EntityTypeName,
    EntityUid, Policy, PolicyId, PolicySet, Request, RestrictedExpression, Schema,
};
use keylint_model::finding::{Related, sort_findings};
use keylint_model::unit::UnitOutput;
use keylint_model::{AttrValue, Entity, EntityKind, FileError, Finding, LineIndex, Loc};

use crate::pack::{self, Rule, RuleError, RuleOrigin};
use crate::profile::{ContextValue, Profile};
use crate::suppression::Suppressions;

const BASELINE: &str = "keylint-baseline";

/// Remembered decisions are dropped past this many, to bound memory in long-lived hosts.
const MEMO_CAPACITY: usize = 100_000;

/// The rules admitted to a policy set, the resource attributes they read (`None`: not
/// memoizable), and the policy set, built when an entity it judges is first seen (a
/// start parses no rule it does not need).
struct SetInfo {
    rules: Vec<usize>,
    reads: Option<Vec<String>>,
    set: OnceLock<Result<PolicySet, EngineError>>,
}

/// What goes wrong inside the engine: never expected on valid rules and entities, and then
/// reported as an error of the file being linted rather than a panic.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// An entity of a kind the schema has no type for.
    #[error("unknown entity kind")]
    UnknownKind,
    /// Cedar refused an entity, a store of entities or a request context.
    #[error("{0}")]
    Cedar(String),
    /// A policy set could not be built from the rules.
    #[error("{0}")]
    PolicySet(String),
    /// The schema did not load.
    #[error("{0}")]
    Schema(String),
}

/// Remembered decisions, bucketed by a hash of (entity type, provider set, profile
/// context, values of the attributes read). A lookup hashes borrowed values and compares
/// them with the stored ones, so only a miss clones anything.
#[derive(Default)]
struct Memo {
    buckets: HashMap<u64, Vec<MemoEntry>>,
    len: usize,
}

struct MemoEntry {
    kind: EntityKind,
    provider: Option<&'static str>,
    context: u64,
    values: Vec<Option<AttrValue>>,
    rules: Arc<[usize]>,
}

/// The borrowed form of a memo key.
struct MemoProbe<'a> {
    kind: EntityKind,
    provider: Option<&'static str>,
    context: u64,
    values: Vec<Option<&'a AttrValue>>,
}

impl MemoProbe<'_> {
    fn hash(&self) -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        (self.kind, self.provider, self.context, &self.values).hash(&mut h);
        h.finish()
    }

    fn matches(&self, e: &MemoEntry) -> bool {
        e.kind == self.kind
            && e.provider == self.provider
            && e.context == self.context
            && e.values.len() == self.values.len()
            && e.values
                .iter()
                .zip(&self.values)
                .all(|(a, b)| a.as_ref() == *b)
    }
}

impl Memo {
    fn get(&self, probe: &MemoProbe<'_>, hash: u64) -> Option<Arc<[usize]>> {
        self.buckets
            .get(&hash)?
            .iter()
            .find(|e| probe.matches(e))
            .map(|e| Arc::clone(&e.rules))
    }

    fn insert(&mut self, probe: &MemoProbe<'_>, hash: u64, rules: Arc<[usize]>) {
        if self.len >= MEMO_CAPACITY {
            self.buckets.clear();
            self.len = 0;
        }
        let bucket = self.buckets.entry(hash).or_default();
        if bucket.iter().any(|e| probe.matches(e)) {
            return;
        }
        bucket.push(MemoEntry {
            kind: probe.kind,
            provider: probe.provider,
            context: probe.context,
            values: probe.values.iter().map(|v| v.cloned()).collect(),
            rules,
        });
        self.len += 1;
    }
}

/// A profile's request context as (name, value) pairs.
type ContextPairs = Vec<(&'static str, ContextValue)>;

/// Providers the engine keeps separate policy sets for.
const PROVIDERS: &[&str] = &["aws", "azure", "gcp", "vault", "any"];

pub struct Engine {
    rules: Vec<Rule>,
    /// The model's schema, parsed when first needed (user rules, entity checks).
    schema: OnceLock<Schema>,
    /// Policy sets by entity type and provider (`None`: any other provider).
    sets: HashMap<(EntityKind, Option<&'static str>), SetInfo>,
    /// Remembered decisions (see [`crate::applicability::resource_reads`]); `None` when off.
    memo: Option<Mutex<Memo>>,
    /// Request contexts already built, by profile parameters.
    contexts: Mutex<Vec<(ContextPairs, Context)>>,
    rule_index: HashMap<String, usize>,
    baseline: Policy,
    types: HashMap<EntityKind, EntityTypeName>,
    action: EntityUid,
    principal: EntityUid,
    /// Built on first use: it builds Cedar's extensions, which listing rules never needs.
    authorizer: OnceLock<Authorizer>,
}

#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    pub profile: Profile,
    /// Only these rules (the fixture harness, `--select`).
    pub only: Option<Vec<String>>,
    /// Rules switched off.
    pub disabled: Vec<String>,
    /// Opt-in rules (`@default("off")`) switched on.
    pub enabled: Vec<String>,
    /// Today, for suppression expiry dates (`None`: nothing expires). The caller's clock:
    /// the library never reads one.
    pub today: Option<chrono::NaiveDate>,
}

impl LintOptions {
    /// Whether the rule runs under these options.
    #[must_use]
    pub fn enabled(&self, rule: &Rule) -> bool {
        let id = rule.id.as_str();
        let on = match &self.only {
            Some(only) => only.iter().any(|r| r == id),
            None => {
                rule.default_enabled
                    || self.enabled.iter().any(|r| r == id)
                    || self.profile.enables.iter().any(|r| r == id)
            }
        };
        on && !self.disabled.iter().any(|r| r == id)
    }
}

#[derive(Clone, Debug, Default)]
pub struct LintResult {
    pub findings: Vec<Finding>,
    pub errors: Vec<FileError>,
    /// Findings silenced by inline suppressions.
    pub suppressed: usize,
}

fn uid(ty: &EntityTypeName, id: &str) -> EntityUid {
    EntityUid::from_type_name_and_id(ty.clone(), EntityId::new(id))
}

fn rexpr(v: &AttrValue) -> RestrictedExpression {
    match v {
        AttrValue::Bool(b) => RestrictedExpression::new_bool(*b),
        AttrValue::Long(n) => RestrictedExpression::new_long(*n),
        AttrValue::Str(s) => RestrictedExpression::new_string(s.clone()),
        AttrValue::Set(items) => RestrictedExpression::new_set(
            items
                .iter()
                .map(|s| RestrictedExpression::new_string(s.clone())),
        ),
    }
}

impl Engine {
    /// The built-in rules plus user rule files `(path, text)`.
    ///
    /// # Errors
    /// Every rule file problem, with file and line.
    pub fn new(user_rules: &[(String, String)]) -> Result<Self, Vec<RuleError>> {
        let mut rules = pack::builtin()?;
        if user_rules.is_empty() {
            return Self::from_rules(OnceLock::new(), rules, true);
        }
        // User rules are validated at load, against the schema.
        let schema = pack::schema().map_err(|e| vec![e])?;
        let mut errors = Vec::new();
        for (path, text) in user_rules {
            match pack::load_file(&RuleOrigin::User(path.clone()), path, text, "", &schema) {
                Ok(r) => {
                    for rule in r {
                        if rules.iter().any(|x| x.id == rule.id) {
                            let line = pack::policy_line(text, Some(&rule.id));
                            errors.push(RuleError {
                                file: path.clone(),
                                line,
                                message: format!("rule id `{}` is already defined", rule.id),
                            });
                        } else {
                            rules.push(rule);
                        }
                    }
                }
                Err(e) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Self::from_rules(OnceLock::from(schema), rules, true)
    }

    fn from_rules(
        schema: OnceLock<Schema>,
        rules: Vec<Rule>,
        narrow: bool,
    ) -> Result<Self, Vec<RuleError>> {
        let rule_index = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let internal = |m: String| {
            vec![RuleError {
                file: "keylint".into(),
                line: 1,
                message: m,
            }]
        };
        let baseline = Policy::parse(
            Some(PolicyId::new(BASELINE)),
            "permit (principal, action, resource);",
        )
        .map_err(|e| internal(e.to_string()))?;
        let attrs = pack::schema_attributes();
        let mut sets = HashMap::default();
        let mut types = HashMap::default();
        for kind in EntityKind::ALL {
            let ty = EntityTypeName::from_str(&format!("Keylint::{}", kind.cedar_name()))
                .map_err(|e| internal(e.to_string()))?;
            types.insert(kind, ty);
            for provider in PROVIDERS.iter().copied().map(Some).chain([None]) {
                // Only the rules that can match: Cedar's cost grows with the set size.
                let mut admitted = Vec::new();
                let mut reads: Option<BTreeSet<String>> = Some(BTreeSet::new());
                for (i, r) in rules.iter().enumerate() {
                    let a = &r.applicability;
                    if r.scope.is_none_or(|s| s == kind)
                        && (!narrow || a.requirements.admits(kind, provider, &attrs))
                    {
                        admitted.push(i);
                        reads = reads.zip(a.reads.as_ref()).map(|(mut acc, b)| {
                            acc.extend(b.iter().cloned());
                            acc
                        });
                    }
                }
                let reads = reads.map(|r| r.into_iter().collect());
                sets.insert(
                    (kind, provider),
                    SetInfo {
                        rules: admitted,
                        reads,
                        set: OnceLock::new(),
                    },
                );
            }
        }
        let action = EntityUid::from_str(r#"Keylint::Action::"lint""#)
            .map_err(|e| internal(e.to_string()))?;
        let principal = EntityUid::from_str(r#"Keylint::Linter::"keylint""#)
            .map_err(|e| internal(e.to_string()))?;
        Ok(Self {
            rules,
            schema,
            sets,
            memo: narrow.then(|| Mutex::new(Memo::default())),
            contexts: Mutex::new(Vec::new()),
            rule_index,
            baseline,
            types,
            action,
            principal,
            authorizer: OnceLock::new(),
        })
    }

    /// The same engine judging every entity by every rule of its type, with no narrowing
    /// by provider or declared attributes and no remembered decisions. Tests compare it
    /// with the normal engine.
    ///
    /// # Errors
    /// As [`Engine::new`].
    pub fn unnarrowed(user_rules: &[(String, String)]) -> Result<Self, Vec<RuleError>> {
        let engine = Self::new(user_rules)?;
        Self::from_rules(engine.schema, engine.rules, false)
    }

    #[must_use]
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Every rule's metadata, as reporters use it.
    #[must_use]
    pub fn rule_metas(&self) -> Vec<keylint_model::RuleMeta> {
        self.rules
            .iter()
            .map(|r| keylint_model::RuleMeta {
                id: r.id.clone(),
                title: r.title.clone(),
                severity: r.severity,
                help: r.help.clone(),
                doc: r.doc.clone(),
                provider: r.provider().to_owned(),
                checkov: r.checkov.clone(),
                trivy: r.trivy.clone(),
                default_enabled: r.default_enabled,
                controls: r
                    .controls
                    .iter()
                    .map(|c| crate::controls::describe(c))
                    .collect(),
            })
            .collect()
    }

    /// The rules that judge entities of this kind and provider (`provider` as the
    /// entity's `provider` attribute): what the engine would run on such an entity,
    /// whether or not the options switch each rule on.
    pub fn rules_judging(
        &self,
        kind: EntityKind,
        provider: Option<&str>,
    ) -> impl Iterator<Item = &Rule> {
        let provider = provider.and_then(|p| PROVIDERS.iter().copied().find(|x| *x == p));
        self.sets
            .get(&(kind, provider))
            .into_iter()
            .flat_map(|info| info.rules.iter())
            .filter_map(|&i| self.rules.get(i))
    }

    #[must_use]
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The model's schema (parsed on first use when no user rule needed it).
    ///
    /// # Errors
    /// The embedded schema does not parse (a test keeps it parsing).
    pub fn schema(&self) -> Result<&Schema, RuleError> {
        if let Some(s) = self.schema.get() {
            return Ok(s);
        }
        let schema = pack::schema()?;
        Ok(self.schema.get_or_init(|| schema))
    }

    /// The policy set of `info`, built on first use: the baseline permit, then the
    /// admitted rules in rule order.
    fn policy_set<'s>(&self, info: &'s SetInfo) -> Result<&'s PolicySet, EngineError> {
        let failed = |e: &dyn std::fmt::Display| EngineError::PolicySet(e.to_string());
        info.set
            .get_or_init(|| {
                let mut set = PolicySet::new();
                set.add(self.baseline.clone()).map_err(|e| failed(&e))?;
                for &i in &info.rules {
                    let Some(rule) = self.rules.get(i) else {
                        continue;
                    };
                    let policy = rule.policy().map_err(|e| failed(&e))?;
                    set.add(policy.clone()).map_err(|e| failed(&e))?;
                }
                Ok(set)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn cedar_entity(&self, e: &Entity) -> Result<CedarEntity, EngineError> {
        let ty = self.types.get(&e.kind).ok_or(EngineError::UnknownKind)?;
        let attrs = e
            .attrs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), rexpr(v)))
            .collect();
        CedarEntity::new(uid(ty, &e.id), attrs, HashSet::new())
            .map_err(|err| EngineError::Cedar(err.to_string()))
    }

    /// Check that a unit's entities conform to the schema (used by tests; linting skips
    /// the per-entity schema check for speed).
    ///
    /// # Errors
    /// The first non-conforming entity.
    pub fn validate_entities(&self, entities: &[Entity]) -> Result<(), EngineError> {
        let mut out = Vec::new();
        for e in entities {
            out.push(self.cedar_entity(e)?);
        }
        let schema = self
            .schema()
            .map_err(|e| EngineError::Schema(e.to_string()))?;
        Entities::from_entities(out, Some(schema))
            .map(|_| ())
            .map_err(|e| EngineError::Cedar(e.to_string()))
    }

    /// The Cedar request context of a profile and its hash, built once per profile.
    fn context(
        &self,
        pairs: &[(&'static str, ContextValue)],
    ) -> Result<(Context, u64), EngineError> {
        let key = {
            let mut h = rustc_hash::FxHasher::default();
            pairs.hash(&mut h);
            h.finish()
        };
        if let Ok(cache) = self.contexts.lock()
            && let Some((_, c)) = cache.iter().find(|(p, _)| p.as_slice() == pairs)
        {
            return Ok((c.clone(), key));
        }
        let context = Context::from_pairs(pairs.iter().map(|(k, v)| {
            let value = match v {
                ContextValue::Str(s) => RestrictedExpression::new_string(s.clone()),
                ContextValue::Long(n) => RestrictedExpression::new_long(*n),
                ContextValue::Bool(b) => RestrictedExpression::new_bool(*b),
            };
            ((*k).to_owned(), value)
        }))
        .map_err(|e| EngineError::Cedar(e.to_string()))?;
        if let Ok(mut cache) = self.contexts.lock() {
            // A host that lints under ever-new parameters must not grow this without bound.
            if cache.len() >= 16 {
                cache.clear();
            }
            cache.push((pairs.to_vec(), context.clone()));
        }
        Ok((context, key))
    }

    /// Lint one unit.
    #[must_use]
    pub fn lint(&self, unit: &UnitOutput, opts: &LintOptions) -> LintResult {
        let mut result = LintResult {
            errors: unit.errors.clone(),
            ..Default::default()
        };
        if unit.entities.is_empty() && unit.suppressions.is_empty() {
            return result;
        }
        let context_pairs = opts.profile.context();
        let (context, context_key) = match self.context(&context_pairs) {
            Ok(c) => c,
            Err(e) => {
                result
                    .errors
                    .push(FileError::new("keylint", None, e.to_string()));
                return result;
            }
        };
        let mut lines = LineCache::new(unit);
        let (mut supps, bad_dates) = Suppressions::new(&unit.suppressions, opts.today);
        for (loc, message) in bad_dates {
            let (line, column) = lines.pos(loc);
            result.errors.push(FileError {
                file: file_path(unit, loc),
                line: Some(line),
                column: Some(column),
                message,
            });
        }
        let mut judge = |e: &Entity, supps: &mut Suppressions<'_>, result: &mut LintResult| {
            let Some(satisfied) = self.satisfied(
                e,
                unit,
                &context,
                context_key,
                &mut lines,
                &mut result.errors,
            ) else {
                return;
            };
            for &i in satisfied.iter() {
                let Some(rule) = self.rules.get(i) else {
                    continue;
                };
                // A rule that is off still marks the suppressions naming it as used: a
                // comment is stale only when its rule no longer fires.
                let enabled = opts.enabled(rule);
                if !enabled && supps.is_empty() {
                    continue;
                }
                let finding = self.finding(rule, e, unit, opts, &context_pairs, &mut lines);
                if supps.silences(rule, e, &finding) {
                    result.suppressed += usize::from(enabled);
                } else if enabled {
                    result.findings.push(finding);
                }
            }
        };
        for e in &unit.entities {
            judge(e, &mut supps, &mut result);
        }
        // Suppressions last: whether each was used is known only now.
        for e in &supps.entities() {
            judge(e, &mut supps, &mut result);
        }
        sort_findings(&mut result.findings);
        result.errors.sort();
        result.errors.dedup();
        result
    }

    /// The rules an entity violates (indices into `rules`), remembered by the facts the
    /// rules read; `None` when it cannot be judged (the error says why).
    fn satisfied(
        &self,
        e: &Entity,
        unit: &UnitOutput,
        context: &Context,
        context_key: u64,
        lines: &mut LineCache,
        errors: &mut Vec<FileError>,
    ) -> Option<Arc<[usize]>> {
        let provider = e
            .get_str("provider")
            .and_then(|p| PROVIDERS.iter().copied().find(|x| *x == p));
        let (Some(info), Some(ty)) = (self.sets.get(&(e.kind, provider)), self.types.get(&e.kind))
        else {
            return None;
        };
        let key: Option<(MemoProbe<'_>, u64)> = match (&self.memo, &info.reads) {
            (Some(_), Some(reads)) => {
                let probe = MemoProbe {
                    kind: e.kind,
                    provider,
                    context: context_key,
                    values: read_values(&e.attrs, reads),
                };
                let hash = probe.hash();
                Some((probe, hash))
            }
            _ => None,
        };
        if let Some(s) = key
            .as_ref()
            .zip(self.memo.as_ref())
            .and_then(|((probe, hash), m)| m.lock().ok()?.get(probe, *hash))
        {
            return Some(s);
        }
        // Entities do not refer to each other: a store of the one entity judged suffices,
        // and costs far less than one of the whole unit.
        let store = match self
            .cedar_entity(e)
            .map(|c| Entities::from_entities([c], None).map_err(Box::new))
        {
            Ok(Ok(s)) => s,
            Ok(Err(err)) => {
                errors.push(FileError::new(
                    file_path(unit, e.loc),
                    None,
                    err.to_string(),
                ));
                return None;
            }
            Err(msg) => {
                errors.push(FileError::new(
                    file_path(unit, e.loc),
                    None,
                    format!("internal error on `{}`: {msg}", e.resource),
                ));
                return None;
            }
        };
        let request = match Request::new(
            self.principal.clone(),
            self.action.clone(),
            uid(ty, &e.id),
            context.clone(),
            None,
        ) {
            Ok(r) => r,
            Err(err) => {
                errors.push(FileError::new(
                    file_path(unit, e.loc),
                    None,
                    err.to_string(),
                ));
                return None;
            }
        };
        let set = match self.policy_set(info) {
            Ok(set) => set,
            Err(msg) => {
                errors.push(FileError::new(
                    file_path(unit, e.loc),
                    None,
                    format!("internal error: {msg}"),
                ));
                return None;
            }
        };
        let response = self
            .authorizer
            .get_or_init(Authorizer::new)
            .is_authorized(&request, set, &store);
        // A rule that errors is never a silent pass.
        let mut failed = false;
        for err in response.diagnostics().errors() {
            failed = true;
            let pos = lines.pos(e.loc);
            errors.push(FileError {
                file: file_path(unit, e.loc),
                line: Some(pos.0),
                column: Some(pos.1),
                message: format!("rule evaluation failed on `{}`: {err}", e.resource),
            });
        }
        let mut ids: Vec<usize> = if response.decision() == Decision::Allow {
            Vec::new()
        } else {
            response
                .diagnostics()
                .reason()
                .filter_map(|pid| self.rule_index.get(pid.to_string().as_str()).copied())
                .collect()
        };
        ids.sort_unstable();
        let ids: Arc<[usize]> = ids.into();
        if let (false, Some((probe, hash)), Some(memo)) = (failed, &key, &self.memo)
            && let Ok(mut m) = memo.lock()
        {
            m.insert(probe, *hash, Arc::clone(&ids));
        }
        Some(ids)
    }

    fn finding(
        &self,
        rule: &Rule,
        e: &Entity,
        unit: &UnitOutput,
        opts: &LintOptions,
        ctx: &[(&'static str, ContextValue)],
        lines: &mut LineCache,
    ) -> Finding {
        let primary = rule
            .highlight
            .iter()
            .find_map(|h| e.spans.get(h.as_str()).copied())
            .unwrap_or(e.loc);
        let (line, column, column_utf16) = lines.full(primary.file, primary.start as usize);
        let (end_line, end_column, end_utf16) = lines.full(primary.file, primary.end as usize);
        // Secondary labels: the policy attribute a statement belongs to, and the resource.
        let mut related: Vec<(Loc, String)> = Vec::new();
        // A statement's labels say which place is the statement and which the policy of
        // which resource.
        let sid = (e.kind == EntityKind::Statement)
            .then(|| e.get_str("sid"))
            .flatten();
        let owned = sid.is_some_and(|s| s != e.resource);
        let policy = e.spans.get("policy").map(|p| {
            let label = if owned {
                format!("in the policy of `{}`", e.resource)
            } else {
                "in this policy".to_owned()
            };
            (*p, label)
        });
        let own = match sid {
            Some(sid) if e.get_str("policy_kind") == Some("vault") => {
                format!("in the rule for path `{sid}` of `{}`", e.resource)
            }
            Some(sid) if owned => format!("in statement `{sid}` of `{}`", e.resource),
            Some(sid) => format!("in statement `{sid}`"),
            None => format!("in `{}`", e.resource),
        };
        // Where the values came from (module arguments passed on, variable defaults,
        // `.tfvars`), the module calls reaching the block, what a container covers.
        let origins = unit
            .origins
            .iter()
            .filter(|o| {
                o.block == e.block
                    && o.at.is_none_or(|at| at == primary)
                    && o.fact.is_none_or(|f| rule.highlight.iter().any(|h| h == f))
            })
            .map(|o| (o.loc, o.message.clone()));
        for (loc, message) in policy.into_iter().chain([(e.loc, own)]).chain(origins) {
            if loc != primary && related.iter().all(|r| r.0 != loc) {
                related.push((loc, message));
            }
        }
        let related = related
            .into_iter()
            .map(|(loc, message)| {
                let (l, c, _) = lines.full(loc.file, loc.start as usize);
                let (el, ec, _) = lines.full(loc.file, loc.end as usize);
                Related {
                    file: file_path(unit, loc),
                    line: l,
                    column: c,
                    end_line: el,
                    end_column: ec,
                    message,
                    span: (loc.start as usize, loc.end as usize),
                }
            })
            .collect();
        Finding {
            rule: rule.id.clone(),
            severity: opts.profile.severity_of(&rule.id, rule.severity),
            title: rule.title.clone(),
            message: render(&rule.message, e, ctx),
            file: file_path(unit, primary),
            line,
            column,
            end_line,
            end_column,
            column_utf16: Some(column_utf16),
            end_column_utf16: Some(end_utf16),
            resource: e.resource.clone(),
            help: render(&rule.help, e, ctx),
            related,
            span: (primary.start as usize, primary.end as usize),
        }
    }
}

/// The values of the attributes `reads` (sorted, as the attributes are) in one merge
/// pass over both, in the order of `reads`.
fn read_values<'a>(
    attrs: &'a std::collections::BTreeMap<&'static str, AttrValue>,
    reads: &[String],
) -> Vec<Option<&'a AttrValue>> {
    let mut out = Vec::with_capacity(reads.len());
    let mut it = attrs.iter().peekable();
    for r in reads {
        while it.next_if(|(k, _)| **k < r.as_str()).is_some() {}
        out.push(it.next_if(|(k, _)| **k == r.as_str()).map(|(_, v)| v));
    }
    out
}

fn file_path(unit: &UnitOutput, loc: Loc) -> String {
    unit.files
        .get(loc.file as usize)
        .map(|f| f.path.clone())
        .unwrap_or_default()
}

/// `{resource.x}`, `{context.x}` and `{resource}` placeholders.
fn render(template: &str, e: &Entity, ctx: &[(&'static str, ContextValue)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest.get(open..).and_then(|r| r.find('}')).map(|c| open + c) else {
            break;
        };
        out.push_str(rest.get(..open).unwrap_or(""));
        let key = rest.get(open + 1..close).unwrap_or("");
        let value = if key == "resource" {
            Some(e.resource.clone())
        } else if let Some(attr) = key.strip_prefix("resource.") {
            e.attrs.get(attr).map(ToString::to_string)
        } else if let Some(param) = key.strip_prefix("context.") {
            ctx.iter()
                .find(|(k, _)| *k == param)
                .map(|(_, v)| v.to_string())
        } else {
            None
        };
        match value {
            Some(v) => out.push_str(&v),
            None => out.push_str(rest.get(open..=close).unwrap_or("")),
        }
        rest = rest.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// Line indexes of a unit's files, built on first use.
struct LineCache<'u> {
    unit: &'u UnitOutput,
    idx: HashMap<u32, LineIndex>,
}

impl<'u> LineCache<'u> {
    fn new(unit: &'u UnitOutput) -> Self {
        Self {
            unit,
            idx: HashMap::default(),
        }
    }

    fn full(&mut self, file: u32, offset: usize) -> (usize, usize, usize) {
        let Some(f) = self.unit.files.get(file as usize) else {
            return (1, 1, 1);
        };
        let idx = self
            .idx
            .entry(file)
            .or_insert_with(|| LineIndex::new(&f.text));
        let p = idx.position(&f.text, offset);
        (p.line, p.column, p.column_utf16)
    }

    fn pos(&mut self, loc: Loc) -> (usize, usize) {
        let (l, c, _) = self.full(loc.file, loc.start as usize);
        (l, c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files given as text (the WebAssembly host): a module `terraform init` installed is
    /// read through the call when its files are given, and never linted on its own.
    #[test]
    fn read_values_merges_like_lookups() {
        let mut attrs = std::collections::BTreeMap::new();
        attrs.insert("b", AttrValue::Long(1));
        attrs.insert("d", AttrValue::Bool(true));
        attrs.insert("da", AttrValue::Str("x".into()));
        attrs.insert("z", AttrValue::Set(vec!["y".into()]));
        for reads in [
            vec![],
            vec!["a", "b", "c", "d", "da", "db", "z", "zz"],
            vec!["d"],
            vec!["0", "z"],
            vec!["e"],
        ] {
            let reads: Vec<String> = reads.into_iter().map(String::from).collect();
            let expected: Vec<Option<&AttrValue>> =
                reads.iter().map(|r| attrs.get(r.as_str())).collect();
            assert_eq!(read_values(&attrs, &reads), expected, "{reads:?}");
        }
    }
}
