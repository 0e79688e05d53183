//! Input formats: text plus a path label in, model entities with locations out.
//!
//! No file system access: `file()` in Terraform goes through a [`FileLoader`] that the
//! caller provides (the CLI reads the disk; the WASM build looks in the given files).

pub mod arm;
mod budget;
pub mod cloudformation;
pub mod encoding;
pub mod exports;
pub mod facts;
pub mod hcl;
pub mod helm;
pub mod json;
pub mod plan;
pub mod policy;
pub mod policy_json;
pub mod suppress;
pub mod terraform;
pub mod vault;
pub mod yaml;

use keylint_model::{Entity, FileError, LineIndex, Loc};

pub use hcl::{FileLoader, GivenFiles, NoFiles};

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

/// What a file is, judged from its name (JSON files are judged again by content).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Terraform,
    TerraformJson,
    TfVars,
    /// A JSON file: a policy, an ARM or CloudFormation template, or nothing keylint reads.
    Json,
    /// A YAML file: a CloudFormation template, or nothing keylint reads.
    Yaml,
    /// A `.template` file: a CloudFormation template in JSON or YAML.
    Template,
    /// A `.hcl` file: a HashiCorp Vault server configuration or policy (other HCL, such as
    /// Terragrunt or Packer, is not read).
    Hcl,
}

/// Largest file keylint reads, in bytes.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

#[must_use]
pub fn classify_path(path: &str) -> Option<FileKind> {
    let name = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .to_ascii_lowercase();
    if name.ends_with(".tf.json") || name.ends_with(".tfvars.json") {
        Some(FileKind::TerraformJson)
    } else if name.ends_with(".tf") {
        Some(FileKind::Terraform)
    } else if name.ends_with(".tfvars") {
        Some(FileKind::TfVars)
    } else if name.ends_with(".json") {
        Some(FileKind::Json)
    } else if name.ends_with(".yaml") || name.ends_with(".yml") {
        Some(FileKind::Yaml)
    } else if name.ends_with(".template") {
        Some(FileKind::Template)
    } else if name.ends_with(".hcl") {
        Some(FileKind::Hcl)
    } else {
        None
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

    /// Record every PEM private key block of every file as key material.
    pub fn scan_private_keys(&mut self) {
        for (i, f) in self.files.iter().enumerate() {
            let file = u32::try_from(i).unwrap_or(u32::MAX);
            for (n, r) in facts::pem_private_keys(&f.text).into_iter().enumerate() {
                let loc = Loc::new(file, r);
                let mut e = Entity::new(
                    keylint_model::EntityKind::Material,
                    format!("{}#pem{n}", f.path),
                    f.path.clone(),
                    loc,
                );
                e.set_str("provider", "any");
                e.set_str("kind", "pem_private_key");
                e.fact("key_material_literal", Some(true), Some(loc));
                self.entities.push(e);
                self.redactions.push(loc);
            }
        }
    }
}

/// Read one JSON file: an AWS policy, an ARM or a CloudFormation template, recognised by
/// content.
#[must_use]
pub fn read_json_file(file: SourceFile) -> UnitOutput {
    let parsed = json::parse(&file.text, 0, 0);
    let mut out = UnitOutput {
        files: vec![file],
        ..Default::default()
    };
    let node = match parsed {
        Ok(n) => n,
        Err(e) => {
            // Only report broken JSON that claims to be one of ours.
            if out.files.first().is_some_and(|f| looks_relevant(&f.text)) {
                out.recognized = true;
                out.error_at(0, e.offset, format!("invalid JSON: {}", e.message));
            }
            return out;
        }
    };
    out.format = if arm::is_template(&node) {
        arm::read(&node, &mut out);
        Some("arm-template")
    } else if cloudformation::is_template(&node) {
        cloudformation::read(&node, &mut out);
        Some("cloudformation")
    } else if plan::is_plan(&node) {
        plan::read(&node, &mut out);
        Some("terraform-plan")
    } else if let Some(kind) = vault::classify(&node) {
        vault::read_json(&node, kind, &mut out);
        Some(kind.label())
    } else if let Some(kind) = exports::recognize(&node) {
        exports::read(kind, &node, &mut out);
        Some(kind.label())
    } else if policy_json::is_policy(&node) {
        policy_json::read(&node, &mut out);
        Some("aws-policy")
    } else {
        None
    };
    out.recognized = out.format.is_some();
    if out.recognized {
        out.scan_private_keys();
    }
    out
}

fn looks_relevant(text: &str) -> bool {
    text.contains("\"Statement\"")
        || text.contains("AWSTemplateFormatVersion")
        || text.contains("\"planned_values\"")
        || text.contains("\"KeyMetadata\"")
        || text.contains("\"KeyRotationEnabled\"")
        || text.contains("/cryptoKeys/")
        || text.contains("deploymentTemplate")
        || text.contains("Microsoft.KeyVault")
}

/// Read the files of one directory: its Terraform files form one module unit, and
/// each JSON file is a unit of its own. Units holding nothing keylint reads are dropped.
#[must_use]
pub fn read_directory(
    dir: &str,
    mut files: Vec<SourceFile>,
    loader: &dyn FileLoader,
) -> Vec<UnitOutput> {
    // A UTF-8 byte order mark is not content: drop it once, here, for every format.
    for f in &mut files {
        if f.text.starts_with('\u{feff}') {
            f.text.drain(..3);
        }
    }
    let (tf, other): (Vec<SourceFile>, Vec<SourceFile>) = files.into_iter().partition(|f| {
        matches!(
            classify_path(&f.path),
            Some(FileKind::Terraform | FileKind::TfVars | FileKind::TerraformJson)
        )
    });
    let mut units = Vec::new();
    if tf
        .iter()
        .any(|f| !matches!(classify_path(&f.path), Some(FileKind::TfVars)))
    {
        units.push(terraform::read_module(dir, tf, loader));
    }
    for f in other {
        let unit = match classify_path(&f.path) {
            Some(FileKind::Json) => read_json_file(f),
            // Vault Helm chart values, recognised by content; else CloudFormation's.
            Some(FileKind::Yaml) => {
                helm::read_values_file(f).unwrap_or_else(cloudformation::read_yaml_file)
            }
            Some(FileKind::Template) if f.text.trim_start().starts_with('{') => read_json_file(f),
            Some(FileKind::Template) => cloudformation::read_yaml_file(f),
            Some(FileKind::Hcl) => vault::read_hcl_file(f),
            _ => continue,
        };
        if unit.recognized {
            units.push(unit);
        }
    }
    units
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

/// Group files given as text by directory, in path order (what a walk of them would give).
#[must_use]
pub fn group_by_directory(
    files: Vec<SourceFile>,
) -> std::collections::BTreeMap<String, Vec<SourceFile>> {
    let mut dirs: std::collections::BTreeMap<String, Vec<SourceFile>> =
        std::collections::BTreeMap::new();
    for f in files {
        if classify_path(&f.path).is_some() {
            dirs.entry(directory_of(&f.path)).or_default().push(f);
        }
    }
    for files in dirs.values_mut() {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files.dedup_by(|a, b| a.path == b.path);
    }
    dirs
}
