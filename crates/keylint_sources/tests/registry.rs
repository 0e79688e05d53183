//! What hosts match on comes from the reader registry: the pre-commit file pattern.

use keylint_sources::registry::file_pattern;

#[test]
fn pre_commit_hooks_match_the_files_keylint_opens() {
    let hooks = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../.pre-commit-hooks.yaml"
    ))
    .unwrap();
    let patterns: Vec<&str> = hooks
        .lines()
        .filter_map(|l| l.trim().strip_prefix("files: "))
        .map(|p| p.trim_matches('\''))
        .collect();
    assert!(!patterns.is_empty());
    for p in patterns {
        assert_eq!(
            p,
            file_pattern(),
            ".pre-commit-hooks.yaml: `files:` must be keylint_sources::registry::file_pattern()"
        );
    }
}

/// `registry::recognise` (what the WebAssembly module's `classify` answers, without reading
/// the file) labels every file as `read_directory` (what `lint` reads) does: the same
/// format, the kind's label for broken files that claim to be ours, or nothing.
#[test]
fn recognise_agrees_with_reading() {
    use keylint_sources::registry::{classify_path, kind_label, read_directory, recognise};
    use keylint_sources::{NoFiles, SourceFile};

    fn read_as(kind: keylint_sources::FileKind, file: SourceFile) -> Option<&'static str> {
        read_directory("d", vec![file], &NoFiles)
            .first()
            .map(|u| u.format.unwrap_or_else(|| kind_label(kind)))
    }

    let mut files: Vec<SourceFile> = Vec::new();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut dirs = vec![format!("{root}/samples"), format!("{root}/policies")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path.to_string_lossy().into_owned());
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                files.push(SourceFile {
                    path: path.to_string_lossy().into_owned(),
                    text,
                });
            }
        }
    }
    let edge = [
        (
            "bom.json",
            "\u{feff}{\"Version\": \"2012-10-17\", \"Statement\": []}",
        ),
        ("broken-policy.json", "{\"Statement\": ["),
        ("broken-other.json", "{\"name\": "),
        ("package.json", "{\"name\": \"x\"}"),
        (
            "arm.json",
            "{\"contentVersion\": \"1.0.0.0\", \"resources\": []}",
        ),
        (
            "cfn.template",
            "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n",
        ),
        (
            "cfn-json.template",
            "  {\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {}}",
        ),
        ("broken.template", "{\"AWSTemplateFormatVersion\": "),
        ("values.yaml", "replicas: 1\n"),
        ("broken.yaml", "a: [\n"),
        (
            "vault.hcl",
            "storage \"raft\" {\n  path = \"/v\"\n}\nlistener \"tcp\" {\n  tls_disable = true\n}\n",
        ),
        ("other.hcl", "terraform {\n}\n"),
    ];
    files.extend(edge.iter().map(|(p, t)| SourceFile {
        path: (*p).to_owned(),
        text: (*t).to_owned(),
    }));
    let mut checked = 0;
    for file in files {
        let Some(kind) = classify_path(&file.path).filter(|k| !k.is_terraform()) else {
            continue;
        };
        let path = file.path.clone();
        assert_eq!(recognise(kind, file.clone()), read_as(kind, file), "{path}");
        checked += 1;
    }
    assert!(checked > 200, "{checked} files checked");
}
