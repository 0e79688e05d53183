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
