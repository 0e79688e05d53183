//! Write the seed corpus of every fuzz target (or of the named ones) from the repository's
//! samples and rule fixtures: `keylint-fuzz-seeds <out dir> [target...]` writes
//! `<out dir>/<target>/<n>-<label>`. Run by fuzz/run.sh before each fuzzing session.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use keylint_fuzz::{TARGETS, seed_entries, seeds};

fn file_name(n: usize, label: &str) -> String {
    let label: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let tail = label.len().saturating_sub(80);
    format!("{n:04}-{}", label.get(tail..).unwrap_or_default())
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!("usage: keylint-fuzz-seeds <out dir> [target...]");
        return ExitCode::from(2);
    };
    let wanted: Vec<String> = args.collect();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let entries = seed_entries(&repo);
    for name in &wanted {
        if keylint_fuzz::target(name).is_none() {
            eprintln!("unknown fuzz target `{name}`");
            return ExitCode::from(2);
        }
    }
    for target in TARGETS {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == target.name) {
            continue;
        }
        let dir = out.join(target.name);
        // Seeds are regenerated from the repository each time: stale ones go.
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("cannot create {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
        let seeds = seeds(target, &entries);
        for (n, (label, bytes)) in seeds.iter().enumerate() {
            let path = dir.join(file_name(n, label));
            if let Err(e) = std::fs::write(&path, bytes) {
                eprintln!("cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
        println!("{:<20} {:>5} seeds", target.name, seeds.len());
    }
    ExitCode::SUCCESS
}
