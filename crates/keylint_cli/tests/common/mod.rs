//! Helpers shared by the CLI test files: run the real binary, make temporary trees.
#![allow(
    clippy::unwrap_used,
    dead_code,
    reason = "test code; each test file uses its own subset"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The report formats that describe findings (the control reports need a framework and
/// have tests of their own).
pub const FORMATS: [&str; 9] = [
    "human",
    "json",
    "sarif",
    "concise",
    "github",
    "junit",
    "gitlab",
    "markdown",
    "cyclonedx",
];

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .to_path_buf()
}

/// Run `keylint` in `cwd`: (exit code, stdout, stderr).
pub fn keylint(args: &[&str], cwd: &Path) -> (i32, String, String) {
    keylint_env(args, cwd, &[])
}

/// [`keylint`] with extra environment variables.
pub fn keylint_env(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_keylint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh temporary directory, unique to the test process and `name`.
pub fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("keylint-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}
