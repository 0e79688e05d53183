//! Every fuzz target over its seeds (the samples, the rule fixtures and the peer corpus)
//! and over every saved regression input: the fuzzers' invariants hold on all of them, and
//! every input a fuzzer ever broke keylint with stays fixed.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use keylint_fuzz::{TARGETS, Target, regressions, seed_entries, seeds};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The labels of the inputs the target fails on, with the failure.
fn failures<'a>(
    target: &Target,
    inputs: impl IntoIterator<Item = (String, &'a [u8])>,
) -> Vec<String> {
    let mut failed = Vec::new();
    for (label, bytes) in inputs {
        if let Err(e) = catch_unwind(AssertUnwindSafe(|| (target.run)(bytes))) {
            let message = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            failed.push(format!("{label}: {message}"));
        }
    }
    failed
}

#[test]
fn every_target_holds_on_its_seeds() {
    let entries = seed_entries(&repo());
    let mut failed = Vec::new();
    for target in TARGETS {
        let seeds = seeds(target, &entries);
        assert!(
            !seeds.is_empty(),
            "{} has {} seeds: the seed sources moved?",
            target.name,
            seeds.len()
        );
        failed.extend(
            failures(target, seeds.iter().map(|(l, b)| (l.clone(), b.as_slice())))
                .into_iter()
                .map(|f| format!("{} {f}", target.name)),
        );
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn every_saved_regression_input_passes() {
    let mut failed = Vec::new();
    for target in TARGETS {
        let inputs = regressions(&repo(), target);
        failed.extend(failures(
            target,
            inputs
                .iter()
                .map(|(p, b)| (p.display().to_string(), b.as_slice())),
        ));
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn the_pipeline_input_round_trips() {
    let files = vec![
        ("a/main.tf".to_owned(), b"resource \"x\" \"y\" {}".to_vec()),
        ("a/terraform.tfvars".to_owned(), Vec::new()),
    ];
    let bytes = keylint_fuzz::pipeline_bytes(Some("pci-dss"), &files);
    let (profile, parsed) = keylint_fuzz::pipeline_input(&bytes);
    assert_eq!(profile, "pci-dss");
    let parsed: Vec<(String, Vec<u8>)> = parsed
        .into_iter()
        .map(|f| (f.path, f.text.into_bytes()))
        .collect();
    assert_eq!(parsed, files);
}
