//! keylint for WebAssembly hosts (browsers, Node.js, wasmtime): one JSON request in,
//! one JSON response out, through a C ABI with no imports.
//!
//! ```text
//! keylint_alloc(len) -> ptr              reserve `len` bytes for a request
//! keylint_call(ptr, len) -> u64          run the request; returns (response_ptr << 32) | response_len
//! keylint_free(ptr, len)                 release a request or a response buffer
//! ```
//!
//! Requests (`"command"`):
//! - `{"command": "lint", "files": [{"path", "text"}], "profile"?, "parameters"?, "select"?,
//!   "disable"?, "rules"?: [{"path", "text"}]}` -> the report of `keylint check --format json`
//!   (findings carry `column_utf16`/`end_column_utf16` for browser editors);
//! - `{"command": "rules"}` -> every rule with its documentation;
//! - `{"command": "version"}` -> `{"version"}`.
//!
//! Every response is `{"ok": ...}` or `{"error": {"message", "details"?}}`; a malformed
//! request is an error response, not a trap. Nothing here touches a file system, threads,
//! a clock or randomness.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use keylint_linter::{Engine, LintOptions, Profile};
use keylint_report::Report;
use keylint_sources::{GivenFiles, SourceFile};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
struct FileIn {
    path: String,
    text: String,
}

#[derive(Deserialize)]
#[serde(tag = "command", rename_all = "lowercase")]
enum Request {
    Lint {
        files: Vec<FileIn>,
        #[serde(default)]
        profile: Option<String>,
        #[serde(default)]
        parameters: BTreeMap<String, Value>,
        #[serde(default)]
        select: Option<Vec<String>>,
        #[serde(default)]
        disable: Vec<String>,
        #[serde(default)]
        rules: Vec<FileIn>,
    },
    Rules,
    Version,
}

fn error(message: impl Into<String>, details: Vec<String>) -> Value {
    if details.is_empty() {
        json!({ "error": {"message": message.into()} })
    } else {
        json!({ "error": {"message": message.into(), "details": details} })
    }
}

/// The engine with the built-in rules, built once per module instance.
fn builtin_engine() -> Result<&'static Engine, String> {
    static ENGINE: OnceLock<Result<Engine, String>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            Engine::new(&[]).map_err(|e| {
                e.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

fn lint(
    files: Vec<FileIn>,
    profile: Option<String>,
    parameters: &BTreeMap<String, Value>,
    select: Option<Vec<String>>,
    disable: Vec<String>,
    rules: Vec<FileIn>,
) -> Value {
    let name = profile.unwrap_or_else(|| "default".into());
    let Some(mut profile) = Profile::named(&name) else {
        return error(format!("unknown profile `{name}`"), Vec::new());
    };
    for (k, v) in parameters {
        if let Err(e) = profile.set(k, v) {
            return error(e, Vec::new());
        }
    }
    let owned;
    let engine: &Engine = if rules.is_empty() {
        match builtin_engine() {
            Ok(e) => e,
            Err(e) => return error("the built-in rules do not load", vec![e]),
        }
    } else {
        let user: Vec<(String, String)> = rules.into_iter().map(|r| (r.path, r.text)).collect();
        match Engine::new(&user) {
            Ok(e) => {
                owned = e;
                &owned
            }
            Err(errs) => {
                return error(
                    "invalid rules",
                    errs.iter().map(ToString::to_string).collect(),
                );
            }
        }
    };
    for id in select.iter().flatten().chain(&disable) {
        if engine.rule(id).is_none() {
            return error(format!("unknown rule `{id}`"), Vec::new());
        }
    }
    let opts = LintOptions {
        profile,
        only: select,
        disabled: disable,
    };
    let files: Vec<SourceFile> = files
        .into_iter()
        .map(|f| SourceFile {
            path: f.path,
            text: f.text,
        })
        .collect();
    // `file()` in Terraform reads from the files of the request.
    let loader = GivenFiles::new(&files);
    let out = engine.lint_files(files, &loader, &opts);
    let metas = engine.rule_metas();
    let sources = BTreeMap::new();
    let report = Report {
        findings: &out.result.findings,
        errors: &out.result.errors,
        rules: &metas,
        sources: &sources,
        files_scanned: out.files,
        suppressed: out.result.suppressed,
        profile: &opts.profile.name,
    };
    match serde_json::from_str::<Value>(&keylint_report::json(&report)) {
        Ok(v) => json!({ "ok": v }),
        Err(e) => error(format!("internal error: {e}"), Vec::new()),
    }
}

/// Answer one JSON request with one JSON response (see the crate documentation).
#[must_use]
pub fn handle(request: &str) -> String {
    let response = match serde_json::from_str::<Request>(request) {
        Err(e) => error(format!("malformed request: {e}"), Vec::new()),
        Ok(Request::Version) => json!({"ok": {"version": keylint_report::VERSION}}),
        Ok(Request::Rules) => match builtin_engine() {
            Ok(engine) => json!({ "ok": engine.rule_metas() }),
            Err(e) => error("the built-in rules do not load", vec![e]),
        },
        Ok(Request::Lint {
            files,
            profile,
            parameters,
            select,
            disable,
            rules,
        }) => lint(files, profile, &parameters, select, disable, rules),
    };
    response.to_string()
}

/// The C ABI. The only `unsafe` in keylint: the host hands over raw pointers.
#[cfg(target_arch = "wasm32")]
#[allow(
    unsafe_code,
    reason = "the exported ABI takes raw pointers from the host"
)]
mod abi {
    /// Reserve `len` bytes; the host writes a request there.
    #[unsafe(no_mangle)]
    pub extern "C" fn keylint_alloc(len: usize) -> *mut u8 {
        Box::into_raw(vec![0u8; len].into_boxed_slice()).cast::<u8>()
    }

    /// Release a buffer from [`keylint_alloc`] or a response of [`keylint_call`].
    ///
    /// # Safety
    /// `ptr` and `len` must describe exactly one such buffer, released once.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn keylint_free(ptr: *mut u8, len: usize) {
        if !ptr.is_null() {
            // SAFETY: the buffer was made by `Box<[u8]>::into_raw` with this length.
            drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) });
        }
    }

    /// Run the request in `ptr[..len]` (UTF-8 JSON). Returns the response as
    /// `(ptr << 32) | len`; the host reads it, then releases it with [`keylint_free`].
    ///
    /// # Safety
    /// `ptr[..len]` must be readable memory of this module (a buffer from [`keylint_alloc`]).
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn keylint_call(ptr: *const u8, len: usize) -> u64 {
        // SAFETY: the host passes a buffer it filled, from `keylint_alloc(len)`.
        let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
        let response = match std::str::from_utf8(bytes) {
            Ok(request) => super::handle(request),
            Err(e) => {
                super::error(format!("the request is not UTF-8: {e}"), Vec::new()).to_string()
            }
        };
        let out = response.into_bytes().into_boxed_slice();
        let out_len = out.len() as u64;
        let out_ptr = Box::into_raw(out).cast::<u8>() as usize as u64;
        (out_ptr << 32) | out_len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_errors() {
        let v: Value = serde_json::from_str(&handle(r#"{"command":"version"}"#)).unwrap();
        assert!(v["ok"]["version"].is_string());
        let v: Value = serde_json::from_str(&handle("not json")).unwrap();
        assert!(
            v["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with("malformed request")
        );
        let v: Value = serde_json::from_str(&handle(r#"{"command":"rules"}"#)).unwrap();
        assert!(v["ok"].as_array().unwrap().len() >= 46);
        let req = json!({"command": "lint", "files": [{"path": "a/main.tf", "text": "resource \"aws_kms_key\" \"k\" {\n  deletion_window_in_days = 7\n}\n"}]});
        let v: Value = serde_json::from_str(&handle(&req.to_string())).unwrap();
        let f = v["ok"]["findings"].as_array().unwrap();
        assert!(
            f.iter()
                .any(|f| f["rule"] == "aws-kms-short-deletion-window"
                    && f["line"] == 2
                    && f["column_utf16"] == 3),
            "{v}"
        );
        let req = json!({"command": "lint", "files": [], "profile": "nope"});
        let v: Value = serde_json::from_str(&handle(&req.to_string())).unwrap();
        assert!(
            v["error"]["message"]
                .as_str()
                .unwrap()
                .contains("unknown profile")
        );
        let req = json!({"command": "lint", "files": [], "rules": [{"path": "r.cedar", "text": "@id(\"x\")\n@severity(\"low\")\nforbid (principal, action, resource) when { resource.nope };"}]});
        let v: Value = serde_json::from_str(&handle(&req.to_string())).unwrap();
        assert!(
            v["error"]["details"][0]
                .as_str()
                .unwrap()
                .starts_with("r.cedar:3"),
            "{v}"
        );
    }
}
