//! What a reader gives: the files of a lint unit, its entities, errors, suppressions,
//! secret spans and notes. Readers (`keylint_sources`) build these, the linter
//! (`keylint_linter`) judges them and the driver merges them; none of them does IO here:
//! files a configuration refers to (`file()`, local modules) come through a
//! [`FileLoader`] the host provides.

use rustc_hash::FxHashMap as HashMap;

use crate::{Entity, FileError, LineIndex, Loc};

/// A file given to a reader.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

impl SourceFile {
    /// An error at a byte offset of this file, with its line and column.
    #[must_use]
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> FileError {
        let pos = LineIndex::new(&self.text).position(&self.text, offset);
        FileError {
            file: self.path.clone(),
            line: Some(pos.line),
            column: Some(pos.column),
            message: message.into(),
        }
    }
}

/// Whose syntax an inline suppression comment uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuppressionKind {
    /// `# keylint:ignore <rule>[,<rule>] [until=YYYY-MM-DD] -- <reason>`
    Keylint,
    /// `#checkov:skip=<CKV id>:<reason>` (migration: matched through each rule's `@checkov`)
    Checkov,
    /// `#trivy:ignore:<id>[:exp:YYYY-MM-DD]` or `#tfsec:ignore:...` (matched through `@trivy`)
    Trivy,
}

impl SuppressionKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Keylint => "keylint",
            Self::Checkov => "checkov",
            Self::Trivy => "trivy",
        }
    }
}

/// An inline suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// The comment itself.
    pub loc: Loc,
    pub kind: SuppressionKind,
    /// The marker as written, for messages: `keylint:ignore`, `tfsec:ignore`, ...
    pub marker: &'static str,
    /// Rule ids (keylint) or the peer tool's check ids (checkov, trivy).
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// The expiry date as written (`until=` or trivy's `exp:`), checked by the linter.
    pub until: Option<String>,
    /// The attribute or block it applies to.
    pub target: Loc,
}

/// What reading one lint unit (a Terraform module directory, or one JSON file) gives.
#[derive(Clone, Debug, Default)]
pub struct UnitOutput {
    /// File table: `Loc::file` indexes it. Files loaded through `file()` are appended.
    pub files: Vec<SourceFile>,
    pub entities: Vec<Entity>,
    pub errors: Vec<FileError>,
    pub suppressions: Vec<Suppression>,
    /// Spans holding secret values: never shown in any output.
    pub redactions: Vec<Loc>,
    /// Whether the unit held anything keylint reads (a JSON file may not).
    pub recognized: bool,
    /// What it was read as (`terraform`, `cloudformation`, `aws-policy`...): a label for
    /// hosts such as the review page. `None` when it was not read.
    pub format: Option<&'static str>,
    /// What was deliberately not read, such as a remote module source (never fetched).
    pub notes: Vec<FileError>,
    /// Where values came from: related locations for the findings of an entity.
    pub origins: Vec<Origin>,
    /// What the unit says about the whole scanned configuration.
    pub scan: ScanFacts,
}

/// Whether something the whole configuration needs is there: in no unit, maybe in one (an
/// unknown value, a partial view such as a cloud export), or surely in one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Seen {
    #[default]
    No,
    Maybe,
    Yes,
}

impl From<Option<bool>> for Seen {
    /// A three-valued answer: `None` (unknown) is [`Seen::Maybe`].
    fn from(v: Option<bool>) -> Self {
        match v {
            Some(true) => Seen::Yes,
            Some(false) => Seen::No,
            None => Seen::Maybe,
        }
    }
}

impl Seen {
    /// The fact: known yes or no, `None` for maybe.
    #[must_use]
    pub fn known(self) -> Option<bool> {
        match self {
            Seen::No => Some(false),
            Seen::Maybe => None,
            Seen::Yes => Some(true),
        }
    }
}

/// What a unit says about the whole scanned configuration, for the rules that judge it
/// as a whole (RULES.md "Detection"). The driver merges it over every unit, then gives
/// the rules one entity located at the first key ([`ScanFacts::configuration`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScanFacts {
    /// The first Cloud KMS key the unit creates: its entity's block (a location in the
    /// unit's files).
    pub gcp_key: Option<Loc>,
    /// An IAM audit config (project, folder or organization) that enables `DATA_READ` and
    /// `DATA_WRITE` logs for `cloudkms.googleapis.com` or `allServices`.
    pub gcp_kms_data_access_logs: Seen,
    /// The first AWS KMS key the unit creates: its entity's block.
    pub aws_key: Option<Loc>,
    /// CloudWatch Logs metric filters and whether each catches the [`WATCHED`] events.
    pub metric_filters: Vec<MetricFilter>,
    /// CloudWatch alarms, by the metric they watch (`None`: unknown).
    pub metric_alarms: Vec<Metric>,
    /// Whether an enabled EventBridge rule catches each of the [`WATCHED`] events.
    pub event_rules: [Seen; 2],
}

/// The KMS calls whose alarm `aws-kms-no-key-deletion-alarm` asks for.
pub const WATCHED: [&str; 2] = ["DisableKey", "ScheduleKeyDeletion"];

/// A CloudWatch metric by namespace and name (`None`: unknown).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metric {
    pub namespace: Option<String>,
    pub name: Option<String>,
}

impl Metric {
    /// Whether an alarm on `self` watches `other`: unknown parts may be anything.
    fn watches(&self, other: &Metric) -> Seen {
        let part = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) if a == b => Seen::Yes,
            (Some(_), Some(_)) => Seen::No,
            _ => Seen::Maybe,
        };
        part(&self.namespace, &other.namespace).min(part(&self.name, &other.name))
    }
}

/// A metric filter: the metric it counts into, and whether it catches each watched event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetricFilter {
    pub metric: Metric,
    pub catches: [Seen; 2],
}

/// The rules that judge the configuration entities of [`ScanSummary::configuration`]:
/// whether a suppression naming one is used is known only once the whole configuration
/// is, so the per-unit pass never calls it unused.
pub const CONFIGURATION_RULES: &[&str] = &[
    "gcp-kms-no-data-access-audit-logs",
    "aws-kms-no-key-deletion-alarm",
];

/// A place in the scanned configuration: a file by path and a byte offset in it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Site {
    pub path: String,
    pub start: u32,
}

/// [`ScanFacts`] over several units, with their places resolved to files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScanSummary {
    /// The first Cloud KMS key of the whole configuration (by path, then position).
    pub gcp_key: Option<Site>,
    pub gcp_kms_data_access_logs: Seen,
    /// The first AWS KMS key of the whole configuration.
    pub aws_key: Option<Site>,
    pub metric_filters: Vec<MetricFilter>,
    pub metric_alarms: Vec<Metric>,
    pub event_rules: [Seen; 2],
}

/// The earlier of two places.
fn first(a: Option<Site>, b: Option<Site>) -> Option<Site> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

impl ScanSummary {
    /// Add a unit's facts.
    pub fn add(&mut self, unit: &UnitOutput) {
        let site = |loc: Loc| {
            unit.files.get(loc.file as usize).map(|f| Site {
                path: f.path.clone(),
                start: loc.start,
            })
        };
        let gcp = unit.scan.gcp_key.and_then(site);
        let aws = unit.scan.aws_key.and_then(site);
        self.merge(Self {
            gcp_key: gcp,
            gcp_kms_data_access_logs: unit.scan.gcp_kms_data_access_logs,
            aws_key: aws,
            metric_filters: unit.scan.metric_filters.clone(),
            metric_alarms: unit.scan.metric_alarms.clone(),
            event_rules: unit.scan.event_rules,
        });
    }

    /// Whether an alarm would go off on each [`WATCHED`] call: an enabled EventBridge
    /// rule that catches it, or a metric filter that catches it with an alarm on its
    /// metric. Then both calls.
    #[must_use]
    pub fn key_deletion_alarm(&self) -> Seen {
        let mut each = self.event_rules;
        for (i, seen) in each.iter_mut().enumerate() {
            for f in &self.metric_filters {
                let alarmed = self
                    .metric_alarms
                    .iter()
                    .map(|a| a.watches(&f.metric))
                    .max()
                    .unwrap_or_default();
                let caught = f.catches.get(i).copied().unwrap_or_default();
                *seen = (*seen).max(caught.min(alarmed));
            }
        }
        each[0].min(each[1])
    }

    /// Merge another summary in.
    pub fn merge(&mut self, other: Self) {
        self.gcp_key = first(self.gcp_key.take(), other.gcp_key);
        self.gcp_kms_data_access_logs = self
            .gcp_kms_data_access_logs
            .max(other.gcp_kms_data_access_logs);
        self.aws_key = first(self.aws_key.take(), other.aws_key);
        self.metric_filters.extend(other.metric_filters);
        self.metric_alarms.extend(other.metric_alarms);
        for (a, b) in self.event_rules.iter_mut().zip(other.event_rules) {
            *a = (*a).max(b);
        }
    }

    /// The places of the configuration entities that can give a finding (a fact surely
    /// missing), for the rules `wanted` says run: the first keys.
    #[must_use]
    pub fn sites(&self, wanted: &dyn Fn(&str) -> bool) -> Vec<&Site> {
        let gcp = self
            .gcp_key
            .iter()
            .filter(|_| self.gcp_kms_data_access_logs == Seen::No)
            .filter(|_| wanted("gcp-kms-no-data-access-audit-logs"));
        let aws = self
            .aws_key
            .iter()
            .filter(|_| wanted("aws-kms-no-key-deletion-alarm"))
            .filter(|_| self.key_deletion_alarm() == Seen::No);
        gcp.chain(aws).collect()
    }

    /// Whether the configuration rule `rule` (one of [`CONFIGURATION_RULES`]) had
    /// something to judge: the scan holds a key of its provider. The rule runs on a
    /// configuration entity only when the fact is missing, so the kinds of entities
    /// linted cannot tell.
    #[must_use]
    pub fn judges(&self, rule: &str) -> bool {
        match rule {
            "gcp-kms-no-data-access-audit-logs" => self.gcp_key.is_some(),
            "aws-kms-no-key-deletion-alarm" => self.aws_key.is_some(),
            _ => false,
        }
    }

    /// The configuration entities to lint in `unit` (the unit holding a summary's site):
    /// one per fact the whole configuration lacks, located at the first key.
    #[must_use]
    pub fn configuration(&self, unit: &UnitOutput) -> Vec<Entity> {
        let mut out = Vec::new();
        let at = |site: &Site| {
            unit.entities.iter().find(|e| {
                e.kind == crate::EntityKind::Key
                    && e.block.start == site.start
                    && unit
                        .files
                        .get(e.block.file as usize)
                        .is_some_and(|f| f.path == site.path)
            })
        };
        let entity = |key: &Entity, provider: &str, fact: &'static str, seen: Seen| {
            let mut e = Entity::new(
                crate::EntityKind::CloudResource,
                format!("{}#configuration", key.id),
                key.resource.clone(),
                key.loc,
            );
            e.block = key.block;
            e.set_str("provider", provider);
            e.set_str("kind", "configuration");
            e.fact(fact, seen.known(), Some(key.loc));
            e
        };
        if let Some(key) = self.gcp_key.as_ref().and_then(at) {
            out.push(entity(
                key,
                "gcp",
                "kms_data_access_logged",
                self.gcp_kms_data_access_logs,
            ));
        }
        if let Some(key) = self.aws_key.as_ref().and_then(at) {
            out.push(entity(
                key,
                "aws",
                "key_deletion_alarm",
                self.key_deletion_alarm(),
            ));
        }
        out
    }
}

/// A related location for the findings on the entities of one block: where a value was set
/// (a variable default, a `.tfvars` value, a module argument passed on), the module calls
/// that reach the block, the keys a container caps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The block (`Entity::block`) whose entities' findings it applies to.
    pub block: Loc,
    /// Only findings located here (`None`: every finding of the block).
    pub at: Option<Loc>,
    /// Only findings of rules that point at this fact (`None`: any rule).
    pub fact: Option<&'static str>,
    /// The related place and what it is.
    pub loc: Loc,
    pub message: String,
}

impl UnitOutput {
    /// A located error for a file of the unit.
    pub fn error_at(&mut self, file: u32, offset: usize, message: impl Into<String>) {
        if let Some(f) = self.files.get(file as usize) {
            let e = f.error_at(offset, message);
            self.errors.push(e);
        }
    }

    /// The byte ranges of one file's secret values.
    #[must_use]
    pub fn redactions_in(&self, file: usize) -> Vec<(usize, usize)> {
        self.redactions
            .iter()
            .filter(|r| r.file as usize == file)
            .map(|r| (r.start as usize, r.end as usize))
            .collect()
    }
}

/// Loads files for `file()`; the CLI reads the disk, the WASM build a map of given files.
pub trait FileLoader: Sync {
    /// Text of a file, by path relative to the lint root as the unit's files are named.
    fn load(&self, path: &str) -> Option<String>;

    /// Paths of the files directly in a directory (named as `load` takes them), for the
    /// local modules a configuration calls. None by default.
    fn list(&self, _dir: &str) -> Vec<String> {
        Vec::new()
    }
}

/// A loader that finds nothing (`file()` is then unknown).
pub struct NoFiles;
impl FileLoader for NoFiles {
    fn load(&self, _path: &str) -> Option<String> {
        None
    }
}

/// A loader over files given as text (the WebAssembly build, tests): `file()` finds
/// exactly the files that were given. A path given twice is the first text given, as
/// the grouping of files by directory keeps it (the fuzzer found a module read from one text
/// and located in the other).
pub struct GivenFiles(HashMap<String, String>);

impl GivenFiles {
    #[must_use]
    pub fn new(files: &[SourceFile]) -> Self {
        let mut map = HashMap::default();
        for f in files {
            map.entry(f.path.clone()).or_insert_with(|| f.text.clone());
        }
        Self(map)
    }
}

impl FileLoader for GivenFiles {
    fn load(&self, path: &str) -> Option<String> {
        self.0.get(path).cloned()
    }

    fn list(&self, dir: &str) -> Vec<String> {
        let mut paths: Vec<String> = self
            .0
            .keys()
            .filter(|p| directory_of(p) == dir)
            .cloned()
            .collect();
        paths.sort();
        paths
    }
}

/// The directory label of a path as the CLI's walk groups files: its parent, or `.`.
#[must_use]
pub fn directory_of(path: &str) -> String {
    match path.rfind(['/', '\\']) {
        Some(0) => "/".to_owned(),
        Some(i) => path.get(..i).unwrap_or(".").to_owned(),
        None => ".".to_owned(),
    }
}
