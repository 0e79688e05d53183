//! The input formats keylint reads, in one table.
//!
//! A file is first judged by its name ([`FILE_TYPES`]: suffix → [`FileKind`]), then, for
//! the kinds that several formats share, by its content: each [`Format`] row says which
//! file kinds it is read from, how its content is recognised and which function reads it.
//! Everything a host shows or matches on comes from here: the format labels of the
//! WebAssembly module, its TypeScript types and the review page (checked by tests), the
//! fuzz targets' seed selection and the pre-commit file pattern ([`file_pattern`]).
//!
//! Adding a format is one row here plus its reader and tests.

use keylint_model::Node;

use crate::{FileLoader, SourceFile, UnitOutput};

pub use crate::file_types::{FILE_TYPES, FileKind, FileType, classify_path, kind_label};

/// The file pattern of the files keylint opens, as a regular expression over paths (what
/// pre-commit's `files:` takes).
#[must_use]
pub fn file_pattern() -> String {
    let mut endings: Vec<String> = Vec::new();
    for t in FILE_TYPES {
        for s in t.suffixes {
            let e = s.replace('.', r"\.");
            // `.tfvars.json` is covered by `.json`; `.yaml`/`.yml` fold into `.ya?ml`.
            if *s == ".tfvars.json" || *s == ".yml" {
                continue;
            }
            endings.push(if *s == ".yaml" {
                r"\.ya?ml".to_owned()
            } else {
                e
            });
        }
    }
    format!("({})$", endings.join("|"))
}

/// How a format is read.
#[derive(Clone, Copy)]
pub enum Read {
    /// The Terraform files of a directory, together, as one module.
    TerraformModule,
    /// A JSON document recognised by its content.
    Json {
        recognise: fn(&Node) -> bool,
        read: fn(&Node, &mut UnitOutput),
    },
    /// A text file: the reader recognises it, or hands it back for the next format.
    Text(fn(SourceFile) -> Result<UnitOutput, SourceFile>),
}

/// An input format.
pub struct Format {
    /// What the file was read as, for hosts (`UnitOutput::format`).
    pub label: &'static str,
    /// The name a person reads (the review page).
    pub title: &'static str,
    /// The file kinds it is read from.
    pub kinds: &'static [FileKind],
    /// Text that shows a broken file claims to be this format: its parse error is then
    /// reported (other broken files are not keylint's).
    pub hints: &'static [&'static str],
    pub read: Read,
}

const JSON_KINDS: &[FileKind] = &[FileKind::Json, FileKind::Template];

/// Every format, in the order content is tried within a file kind.
pub const FORMATS: &[Format] = &[
    Format {
        label: "terraform",
        title: "Terraform",
        kinds: &[FileKind::Terraform],
        hints: &[],
        read: Read::TerraformModule,
    },
    Format {
        label: "terraform-json",
        title: "Terraform JSON",
        kinds: &[FileKind::TerraformJson],
        hints: &[],
        read: Read::TerraformModule,
    },
    Format {
        label: "tfvars",
        title: "Terraform variables",
        kinds: &[FileKind::TfVars],
        hints: &[],
        read: Read::TerraformModule,
    },
    Format {
        label: "arm-template",
        title: "ARM template",
        kinds: JSON_KINDS,
        hints: &["deploymentTemplate", "Microsoft.KeyVault"],
        read: Read::Json {
            recognise: crate::arm::is_template,
            read: crate::arm::read,
        },
    },
    Format {
        label: "cloudformation",
        title: "CloudFormation",
        kinds: JSON_KINDS,
        hints: &["AWSTemplateFormatVersion"],
        read: Read::Json {
            recognise: crate::cloudformation::is_template,
            read: crate::cloudformation::read,
        },
    },
    Format {
        label: "terraform-plan",
        title: "Terraform plan",
        kinds: JSON_KINDS,
        hints: &["\"planned_values\""],
        read: Read::Json {
            recognise: crate::plan::is_plan,
            read: crate::plan::read,
        },
    },
    Format {
        label: "vault-config",
        title: "Vault server configuration",
        kinds: JSON_KINDS,
        hints: &[],
        read: Read::Json {
            recognise: |n| crate::vault::classify(n) == Some(crate::vault::VaultKind::Server),
            read: |n, out| crate::vault::read_json(n, crate::vault::VaultKind::Server, out),
        },
    },
    Format {
        label: "vault-policy",
        title: "Vault policy",
        kinds: JSON_KINDS,
        hints: &[],
        read: Read::Json {
            recognise: |n| crate::vault::classify(n) == Some(crate::vault::VaultKind::Policy),
            read: |n, out| crate::vault::read_json(n, crate::vault::VaultKind::Policy, out),
        },
    },
    Format {
        label: "aws-kms-get-key-policy",
        title: "aws kms get-key-policy",
        kinds: JSON_KINDS,
        hints: &[],
        read: Read::Json {
            recognise: |n| crate::exports::recognize(n) == Some(crate::exports::Kind::AwsKeyPolicy),
            read: |n, out| crate::exports::read(crate::exports::Kind::AwsKeyPolicy, n, out),
        },
    },
    Format {
        label: "aws-kms-describe-key",
        title: "aws kms describe-key",
        kinds: JSON_KINDS,
        hints: &["\"KeyMetadata\""],
        read: Read::Json {
            recognise: |n| {
                crate::exports::recognize(n) == Some(crate::exports::Kind::AwsDescribeKey)
            },
            read: |n, out| crate::exports::read(crate::exports::Kind::AwsDescribeKey, n, out),
        },
    },
    Format {
        label: "aws-kms-get-key-rotation-status",
        title: "aws kms get-key-rotation-status",
        kinds: JSON_KINDS,
        hints: &["\"KeyRotationEnabled\""],
        read: Read::Json {
            recognise: |n| {
                crate::exports::recognize(n) == Some(crate::exports::Kind::AwsRotationStatus)
            },
            read: |n, out| crate::exports::read(crate::exports::Kind::AwsRotationStatus, n, out),
        },
    },
    Format {
        label: "az-keyvault-show",
        title: "az keyvault show",
        kinds: JSON_KINDS,
        hints: &[],
        read: Read::Json {
            recognise: |n| crate::exports::recognize(n) == Some(crate::exports::Kind::AzureVault),
            read: |n, out| crate::exports::read(crate::exports::Kind::AzureVault, n, out),
        },
    },
    Format {
        label: "az-keyvault-key-show",
        title: "az keyvault key show",
        kinds: JSON_KINDS,
        hints: &[],
        read: Read::Json {
            recognise: |n| crate::exports::recognize(n) == Some(crate::exports::Kind::AzureKey),
            read: |n, out| crate::exports::read(crate::exports::Kind::AzureKey, n, out),
        },
    },
    Format {
        label: "gcloud-kms-keys-describe",
        title: "gcloud kms keys describe",
        kinds: JSON_KINDS,
        hints: &["/cryptoKeys/"],
        read: Read::Json {
            recognise: |n| crate::exports::recognize(n) == Some(crate::exports::Kind::GcpKey),
            read: |n, out| crate::exports::read(crate::exports::Kind::GcpKey, n, out),
        },
    },
    Format {
        label: "gcloud-kms-keys-get-iam-policy",
        title: "gcloud kms keys get-iam-policy",
        kinds: JSON_KINDS,
        hints: &[],
        read: Read::Json {
            recognise: |n| crate::exports::recognize(n) == Some(crate::exports::Kind::GcpIamPolicy),
            read: |n, out| crate::exports::read(crate::exports::Kind::GcpIamPolicy, n, out),
        },
    },
    Format {
        label: "aws-policy",
        title: "AWS policy JSON",
        kinds: JSON_KINDS,
        hints: &["\"Statement\""],
        read: Read::Json {
            recognise: crate::policy_json::is_policy,
            read: crate::policy_json::read,
        },
    },
    Format {
        label: "vault-helm-values",
        title: "Vault Helm chart values",
        kinds: &[FileKind::Yaml],
        hints: &[],
        read: Read::Text(crate::helm::read_values_file),
    },
    Format {
        label: "cloudformation",
        title: "CloudFormation",
        kinds: &[FileKind::Yaml, FileKind::Template],
        hints: &[],
        read: Read::Text(|f| Ok(crate::cloudformation::read_yaml_file(f))),
    },
    Format {
        label: "vault-config",
        title: "Vault server configuration",
        kinds: &[FileKind::Hcl],
        hints: &[],
        read: Read::Text(|f| Ok(crate::vault::read_hcl_file(f))),
    },
];

/// Every format label a host may see, each once, with its title: the formats, then the
/// labels of files of a kind that claim to be keylint's and do not parse.
#[must_use]
pub fn labels() -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for f in FORMATS {
        if !out.iter().any(|(l, _)| *l == f.label) {
            out.push((f.label, f.title));
        }
    }
    for t in FILE_TYPES {
        if !out.iter().any(|(l, _)| *l == t.label) {
            out.push((t.label, t.label));
        }
    }
    out
}

/// Whether broken JSON claims to be one of ours (a JSON format's hint is in its text): its
/// parse error is then reported.
fn claims_json(text: &str) -> bool {
    FORMATS
        .iter()
        .filter(|fm| fm.kinds.contains(&FileKind::Json))
        .any(|fm| fm.hints.iter().any(|h| text.contains(h)))
}

/// The first JSON format that recognises a document.
fn json_format(node: &Node) -> Option<&'static Format> {
    FORMATS
        .iter()
        .filter(|f| f.kinds.contains(&FileKind::Json))
        .find(|f| matches!(f.read, Read::Json { recognise, .. } if recognise(node)))
}

/// Read one JSON file (`.json`, or a `.template` in JSON), recognised by content.
#[must_use]
pub fn read_json_file(file: SourceFile) -> UnitOutput {
    let parsed = crate::json::parse(&file.text, 0, 0);
    let mut out = UnitOutput {
        files: vec![file],
        ..Default::default()
    };
    let node = match parsed {
        Ok(n) => n,
        Err(e) => {
            // Only report broken JSON that claims to be one of ours.
            if out.files.first().is_some_and(|f| claims_json(&f.text)) {
                out.recognized = true;
                out.error_at(0, e.offset, format!("invalid JSON: {}", e.message));
            }
            return out;
        }
    };
    if let Some(f) = json_format(&node)
        && let Read::Json { read, .. } = f.read
    {
        read(&node, &mut out);
        out.format = Some(f.label);
    }
    out.recognized = out.format.is_some();
    if out.recognized {
        crate::scan_private_keys(&mut out);
    }
    out
}

/// Whether a file of this kind holds JSON: a `.template` holds JSON or YAML, and its first
/// character says which.
fn holds_json(kind: FileKind, text: &str) -> bool {
    kind == FileKind::Json || (kind == FileKind::Template && text.trim_start().starts_with('{'))
}

/// Read one file that is not Terraform: the formats of its kind in order.
fn read_other(kind: FileKind, file: SourceFile) -> Option<UnitOutput> {
    if holds_json(kind, &file.text) {
        return Some(read_json_file(file));
    }
    let mut file = file;
    for f in FORMATS.iter().filter(|f| f.kinds.contains(&kind)) {
        if let Read::Text(read) = f.read {
            match read(file) {
                Ok(unit) => return Some(unit),
                Err(back) => file = back,
            }
        }
    }
    None
}

/// What [`read_directory`] reads a file that is not Terraform as, looking only as far as
/// that takes: the label of the format that recognises it, the label of its kind for a
/// broken file that claims to be keylint's (`json`, `yaml`, ...), or `None` when it is
/// not read. A JSON document is parsed and recognised but not read; a text format's
/// reader is its recogniser, so it runs. The Terraform kinds are judged by name and
/// directory, not here (`None`).
#[must_use]
pub fn recognise(kind: FileKind, mut file: SourceFile) -> Option<&'static str> {
    if kind.is_terraform() {
        return None;
    }
    if file.text.starts_with('\u{feff}') {
        file.text.drain(..3);
    }
    if holds_json(kind, &file.text) {
        return match crate::json::parse(&file.text, 0, 0) {
            Ok(node) => json_format(&node).map(|f| f.label),
            Err(_) => claims_json(&file.text).then(|| kind_label(kind)),
        };
    }
    read_other(kind, file)
        .filter(|u| u.recognized)
        .map(|u| u.format.unwrap_or_else(|| kind_label(kind)))
}

/// Read the files of one directory: its Terraform files form one module unit, and every
/// other file is a unit of its own. Units holding nothing keylint reads are dropped.
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
    let (tf, other): (Vec<SourceFile>, Vec<SourceFile>) = files
        .into_iter()
        .partition(|f| classify_path(&f.path).is_some_and(FileKind::is_terraform));
    let mut units = Vec::new();
    if tf
        .iter()
        .any(|f| classify_path(&f.path) != Some(FileKind::TfVars))
    {
        units.push(crate::terraform::read_module(dir, tf, loader));
    }
    // Vault Agent configuration files in the directory (its fragments merge with them).
    let agent_dir = other
        .iter()
        .any(|f| f.path.ends_with(".hcl") && crate::vault::is_agent_config(&f.text));
    for f in other {
        let Some(kind) = classify_path(&f.path) else {
            continue;
        };
        if let Some(unit) = read_other(kind, f)
            && unit.recognized
        {
            units.push(unit);
        }
    }
    crate::vault::config_directory(&mut units, agent_dir);
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    /// Vault merges a `-config` directory: a seal in a sibling file may be this server's,
    /// and an Agent's listener fragment is not a server.
    #[test]
    fn vault_config_directories() {
        // Each server file's auto-unseal fact, in file order.
        let unseal = |dir: &str, files: &[(&str, &str)]| -> Vec<Option<bool>> {
            let files = files.iter().map(|(p, t)| file(p, t)).collect();
            read_directory(dir, files, &crate::hcl::NoFiles)
                .iter()
                .flat_map(|u| &u.entities)
                .filter(|e| e.id.ends_with("#vault-server"))
                .map(|e| e.get_bool("auto_unseal"))
                .collect()
        };
        let storage = "storage \"raft\" {\n  path = \"/d\"\n}\n";
        let seal = "seal \"awskms\" {\n  kms_key_id = \"k\"\n}\n";
        assert_eq!(
            unseal(
                "vault",
                &[
                    ("vault/10-server.hcl", storage),
                    ("vault/20-seal.hcl", seal)
                ]
            ),
            [None, Some(true)]
        );
        // Two complete configurations side by side are two servers.
        let prod = format!("{storage}{seal}");
        assert_eq!(
            unseal(
                "configs",
                &[("configs/dev.hcl", storage), ("configs/prod.hcl", &prod)]
            ),
            [Some(false), Some(true)]
        );
        let agent = read_directory(
            "agent.d",
            vec![
                file(
                    "agent.d/10-auth.hcl",
                    "auto_auth {\n  method \"approle\" {}\n}\n",
                ),
                file(
                    "agent.d/20-listener.hcl",
                    "listener \"tcp\" {\n  address = \"127.0.0.1:8100\"\n  tls_disable = true\n}\n",
                ),
            ],
            &crate::hcl::NoFiles,
        );
        assert!(
            agent.iter().all(|u| u.entities.is_empty()),
            "{:?}",
            agent.len()
        );
        // The same fragment alone is a server configuration.
        let alone = read_directory(
            "v",
            vec![file(
                "v/listener.hcl",
                "listener \"tcp\" {\n  tls_disable = true\n}\n",
            )],
            &crate::hcl::NoFiles,
        );
        assert!(!alone.iter().all(|u| u.entities.is_empty()));
    }

    #[test]
    fn names() {
        assert_eq!(classify_path("a/b.TF"), Some(FileKind::Terraform));
        assert_eq!(
            classify_path("x.tfvars.json"),
            Some(FileKind::TerraformJson)
        );
        assert_eq!(classify_path("x.yml"), Some(FileKind::Yaml));
        assert_eq!(classify_path("x.md"), None);
        assert_eq!(
            file_pattern(),
            r"(\.tf\.json|\.tf|\.tfvars|\.json|\.ya?ml|\.template|\.hcl)$"
        );
    }

    #[test]
    fn every_kind_has_a_reader_and_labels_are_unique() {
        for t in FILE_TYPES {
            assert!(
                FORMATS.iter().any(|f| f.kinds.contains(&t.kind)),
                "{:?}",
                t.kind
            );
        }
        let labels = labels();
        for (i, (l, _)) in labels.iter().enumerate() {
            assert!(!labels.iter().skip(i + 1).any(|(m, _)| m == l), "{l}");
        }
    }
}
