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
