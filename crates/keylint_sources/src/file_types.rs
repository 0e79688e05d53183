//! What a file is, judged from its name: the file types keylint opens, by suffix. The
//! readers' table ([`crate::registry`]) re-exports them; they live below every reader so
//! that a reader (the Terraform module loader) can judge names without depending on the
//! table that calls it.

/// What a file is, judged from its name (shared kinds are judged again by content).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    Terraform,
    TerraformJson,
    TfVars,
    /// A JSON file: a policy, an ARM or CloudFormation template, a plan, a CLI export, or
    /// nothing keylint reads.
    Json,
    /// A YAML file: a CloudFormation template, the Vault Helm chart's values, or nothing
    /// keylint reads.
    Yaml,
    /// A `.template` file: a CloudFormation template in JSON or YAML.
    Template,
    /// A `.hcl` file: a HashiCorp Vault server configuration or policy (other HCL, such as
    /// Terragrunt or Packer, is not read).
    Hcl,
}

impl FileKind {
    /// Whether files of this kind are read together, as the files of one Terraform module.
    #[must_use]
    pub fn is_terraform(self) -> bool {
        matches!(self, Self::Terraform | Self::TerraformJson | Self::TfVars)
    }
}

/// A kind of file by name.
pub struct FileType {
    pub kind: FileKind,
    /// Lower-case name endings; the first row whose ending matches wins.
    pub suffixes: &'static [&'static str],
    /// The label of a file of this kind that claims to be keylint's and does not parse
    /// (`json`, `yaml`...), or of the Terraform kinds, which are read by name.
    pub label: &'static str,
}

/// The file types, in the order names are matched (`.tf.json` before `.json`).
pub const FILE_TYPES: &[FileType] = &[
    FileType {
        kind: FileKind::TerraformJson,
        suffixes: &[".tf.json", ".tfvars.json"],
        label: "terraform-json",
    },
    FileType {
        kind: FileKind::Terraform,
        suffixes: &[".tf"],
        label: "terraform",
    },
    FileType {
        kind: FileKind::TfVars,
        suffixes: &[".tfvars"],
        label: "tfvars",
    },
    FileType {
        kind: FileKind::Json,
        suffixes: &[".json"],
        label: "json",
    },
    FileType {
        kind: FileKind::Yaml,
        suffixes: &[".yaml", ".yml"],
        label: "yaml",
    },
    FileType {
        kind: FileKind::Template,
        suffixes: &[".template"],
        label: "template",
    },
    FileType {
        kind: FileKind::Hcl,
        suffixes: &[".hcl"],
        label: "hcl",
    },
];

/// The kind of a file by its name; `None`: keylint does not open it.
#[must_use]
pub fn classify_path(path: &str) -> Option<FileKind> {
    let name = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .to_ascii_lowercase();
    FILE_TYPES
        .iter()
        .find(|t| t.suffixes.iter().any(|s| name.ends_with(s)))
        .map(|t| t.kind)
}

/// The label of a file kind (see [`FileType::label`]).
#[must_use]
pub fn kind_label(kind: FileKind) -> &'static str {
    FILE_TYPES
        .iter()
        .find(|t| t.kind == kind)
        .map_or("", |t| t.label)
}
