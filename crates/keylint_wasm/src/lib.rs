//! keylint for WebAssembly hosts (browsers, Node.js, wasmtime): one JSON request in,
//! one JSON response out, through a C ABI with no imports.
//!
//! ```text
//! keylint_alloc(len) -> ptr              reserve `len` bytes for a request
//! keylint_call(ptr, len) -> u64          run the request; returns (response_ptr << 32) | response_len
//! keylint_call_texts(ptr, len, texts_ptr, texts_len) -> u64
//!                                        the same, with file texts given beside the request
//! keylint_free(ptr, len)                 release a request or a response buffer
//! ```
//!
//! Requests (`"command"`):
//! - `{"command": "lint", "files": [{"path", "text"}], "profile"?, "parameters"?, "select"?,
//!   "disable"?, "rules"?: [{"path", "text"}], "format"?: "json" | "sarif" | "cyclonedx",
//!   "docs"?}` -> the report of `keylint check --format json` (findings carry
//!   `column_utf16`/`end_column_utf16` for browser editors), or with `"format": "sarif"` the SARIF log of `keylint check --format
//!   sarif` (same writer; its URIs are the given paths), or with `"format": "cyclonedx"`
//!   the CycloneDX 1.6 BOM of `keylint check --format cyclonedx` (timestamp and serial
//!   number only with `"today"`). The response also carries `"notes"` beside `"ok"`: what
//!   was deliberately not read (a remote module source), which the CLI prints on stderr;
//!   and with `"keys": true`, `"keys"`: every declared key and key container with its
//!   facts, place, summary and findings (the page's Keys view);
//! - `{"command": "classify", "files": [{"path", "text"}]}` -> for each file, in order,
//!   `{"path", "format"}` with the format `lint` reads it as (`terraform`, `terraform-json`,
//!   `tfvars`, `aws-policy`, `arm-template`, `cloudformation`, or the file kind, e.g.
//!   `json` for broken JSON that claims to be one of these), or `"format": null` and a
//!   `"skipped"` reason when `lint` does not read it;
//! - `{"command": "rules"}` -> every rule: id, title, severity, help, provider, the checks
//!   of other scanners it covers, its controls. Not the built-in rules' documentation,
//!   which the module does not carry (`keylint_linter`'s `rule-docs` feature is off): a
//!   host that shows it loads it itself (the review page has it as a chunk of its own), and
//!   may give it back as a lint request's `"docs"` (Markdown by rule id) for the SARIF log's
//!   `help.markdown`;
//! - `{"command": "version"}` -> `{"version"}`.
//!
//! A file may give `"bytes"` (its raw bytes as an array of numbers) instead of `"text"`:
//! keylint then decodes it as the CLI does (UTF-8, or UTF-16 with a byte order mark), and
//! bytes that do not decode are an error for that file.
//!
//! Through `keylint_call_texts` a file may instead give `"text_span": [start, end]`: its
//! text is bytes `start..end` of the texts buffer (UTF-8), so a host hands large texts
//! over without writing them into JSON and keylint does not read them back out of it
//! (keylint.js does this for every text). A span outside the buffer or not UTF-8 makes
//! the request malformed.
//!
//! Every response is `{"ok": ...}` or `{"error": {"message", "details"?}}`; a malformed
//! request is an error response, not a trap. Nothing here touches a file system, threads,
//! a clock or randomness.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use keylint_linter::{Engine, LintOptions, Profile};
use keylint_model::FileError;
use keylint_report::Report;
use keylint_sources::{FileKind, SourceFile};
use serde::Deserialize;
use serde_json::{Value, json};

/// A file of a request, its text resolved (see [`RawFileIn::resolve`]).
struct FileIn {
    path: String,
    text: String,
    /// Bytes that do not decode: the file is not read, and this is its error.
    unreadable: Option<FileError>,
}

/// A file as a request gives it: its `text`, a `text_span` of the texts given beside the
/// request, or its raw `bytes` (an array of numbers) for the host to leave decoding to
/// keylint (UTF-8, or UTF-16 with a byte order mark: see [`keylint_sources::encoding`]).
#[derive(Deserialize)]
struct RawFileIn {
    path: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    text_span: Option<(usize, usize)>,
    #[serde(default)]
    bytes: Option<Vec<u8>>,
}

impl RawFileIn {
    /// The file with its text: `text`, else its `text_span` of `texts`, else its decoded
    /// `bytes`.
    ///
    /// # Errors
    /// A `text_span` outside `texts` or not UTF-8: the request is malformed.
    fn resolve(self, texts: &[u8]) -> Result<FileIn, String> {
        let (text, unreadable) = match (self.text, self.text_span, self.bytes) {
            (Some(text), _, _) => (text, None),
            (None, Some((start, end)), _) => {
                let span = texts.get(start..end).ok_or_else(|| {
                    format!(
                        "the text_span {start}..{end} of `{}` is outside the {} bytes of texts given",
                        self.path,
                        texts.len()
                    )
                })?;
                let text = std::str::from_utf8(span)
                    .map_err(|e| format!("the text_span of `{}` is not UTF-8: {e}", self.path))?;
                (text.to_owned(), None)
            }
            (None, None, Some(bytes)) => match keylint_sources::encoding::decode(&self.path, bytes)
            {
                Ok(text) => (text, None),
                Err(e) => (String::new(), Some(e)),
            },
            (None, None, None) => (
                String::new(),
                Some(FileError::new(
                    &self.path,
                    None,
                    "the request gives neither `text` nor `bytes`; not read",
                )),
            ),
        };
        Ok(FileIn {
            path: self.path,
            text,
            unreadable,
        })
    }
}

/// Every file of `files` resolved against `texts` (see [`RawFileIn::resolve`]).
fn resolve(files: Vec<RawFileIn>, texts: &[u8]) -> Result<Vec<FileIn>, String> {
    files.into_iter().map(|f| f.resolve(texts)).collect()
}

/// What a lint request answers: the JSON report or the SARIF log.
#[derive(Deserialize, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Format {
    #[default]
    Json,
    Sarif,
    /// The CycloneDX 1.6 cryptography bill of materials of `keylint check --format
    /// cyclonedx` (same writer).
    Cyclonedx,
}

#[derive(Deserialize)]
#[serde(tag = "command", rename_all = "lowercase")]
enum Request {
    Lint(Box<LintRequest>),
    Classify { files: Vec<RawFileIn> },
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

/// What a lint request asks for.
#[derive(Deserialize)]
struct LintRequest {
    files: Vec<RawFileIn>,
    #[serde(default)]
    profile: Option<String>,
    #[serde(default)]
    parameters: BTreeMap<String, Value>,
    #[serde(default)]
    select: Option<Vec<String>>,
    #[serde(default)]
    disable: Vec<String>,
    /// Opt-in rules switched on (e.g. `suppression-unused`).
    #[serde(default)]
    enable: Vec<String>,
    /// The caller's date (`YYYY-MM-DD`) for suppression expiry: the module has no clock.
    /// Without it no suppression expires.
    #[serde(default)]
    today: Option<String>,
    /// Largest file read, in bytes (default: the CLI's `--max-file-size` default); a
    /// larger file is an error for that file, the others are still linted.
    #[serde(default)]
    max_file_size: Option<u64>,
    #[serde(default)]
    rules: Vec<RawFileIn>,
    #[serde(default)]
    format: Format,
    /// Answer the declared keys and key containers too (`"keys"` beside `"ok"`), for the
    /// review page's Keys view.
    #[serde(default)]
    keys: bool,
    /// The built-in rules' documentation (Markdown by rule id), which the module does not
    /// carry: the SARIF log then gives it as each rule's `help.markdown`, as the CLI's does.
    #[serde(default)]
    docs: BTreeMap<String, String>,
}

fn lint(request: LintRequest, texts: &[u8]) -> String {
    let LintRequest {
        files,
        profile,
        parameters,
        select,
        disable,
        enable,
        today,
        max_file_size,
        rules,
        format,
        keys,
        docs,
    } = request;
    let (files, rules) = match (resolve(files, texts), resolve(rules, texts)) {
        (Ok(files), Ok(rules)) => (files, rules),
        (Err(e), _) | (_, Err(e)) => {
            return error(format!("malformed request: {e}"), Vec::new()).to_string();
        }
    };
    let today = match today.as_deref().map(|t| (t, keylint_linter::parse_date(t))) {
        None => None,
        Some((_, Some(date))) => Some(date),
        Some((text, None)) => {
            return error(
                format!("`today` must be a date in the form YYYY-MM-DD, not `{text}`"),
                Vec::new(),
            )
            .to_string();
        }
    };
    let name = profile.unwrap_or_else(|| "default".into());
    let profile = match Profile::configured(&name, &parameters) {
        Ok(p) => p,
        Err(e) => return error(e.to_string(), Vec::new()).to_string(),
    };
    let owned;
    let engine: &Engine = if rules.is_empty() {
        match builtin_engine() {
            Ok(e) => e,
            Err(e) => return error("the built-in rules do not load", vec![e]).to_string(),
        }
    } else {
        let undecoded: Vec<String> = rules
            .iter()
            .filter_map(|r| {
                r.unreadable
                    .as_ref()
                    .map(|e| format!("{}:{}: {}", e.file, e.line.unwrap_or(1), e.message))
            })
            .collect();
        if !undecoded.is_empty() {
            return error("invalid rules", undecoded).to_string();
        }
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
                )
                .to_string();
            }
        }
    };
    let opts = LintOptions {
        profile,
        only: select,
        disabled: disable,
        enabled: enable,
        today,
    };
    if let Err(e) = keylint_driver::check_rule_ids(engine, &opts, []) {
        return error(e.to_string(), Vec::new()).to_string();
    }
    let max = max_file_size.unwrap_or(keylint_sources::DEFAULT_MAX_FILE_SIZE);
    let (files, unreadable): (Vec<FileIn>, Vec<FileIn>) =
        files.into_iter().partition(|f| f.unreadable.is_none());
    let before = keylint_driver::Outcome {
        errors: unreadable
            .into_iter()
            .filter_map(|f| f.unreadable)
            .collect(),
        ..Default::default()
    };
    let files: Vec<SourceFile> = files
        .into_iter()
        .map(|f| SourceFile {
            path: f.path,
            text: f.text,
        })
        .collect();
    // `file()` in Terraform reads from the files of the request.
    let source = keylint_driver::GivenSource::new(&files, max);
    drop(files);
    let opts = keylint_driver::Options {
        lint: opts,
        keep_sources: false,
        inventory: keys || format == Format::Cyclonedx,
    };
    let pipeline = keylint_driver::Pipeline {
        engine,
        options: &opts,
        source: &source,
        observe: None,
    };
    let out = pipeline.run(
        &source.groups(),
        &keylint_driver::sequential,
        &keylint_driver::sort_findings,
        before,
    );
    let mut metas = engine.rule_metas();
    for meta in &mut metas {
        if meta.doc.is_empty()
            && let Some(doc) = docs.get(&meta.id)
        {
            meta.doc.clone_from(doc);
        }
    }
    let sources = BTreeMap::new();
    let report = Report {
        findings: &out.findings,
        errors: &out.errors,
        rules: &metas,
        sources: &sources,
        files_scanned: out.files,
        suppressed: out.suppressed,
        baselined: 0,
        profile: &opts.lint.profile.name,
    };
    let text = match format {
        Format::Json => keylint_report::json(&report),
        Format::Sarif => keylint_report::sarif::render(&report),
        Format::Cyclonedx => {
            let today = opts.lint.today.map(|d| d.to_string());
            keylint_report::cyclonedx::render(&report, &out.inventory, today.as_deref())
        }
    };
    // The report is JSON already: wrap it rather than parse and print it again. The notes
    // (what was deliberately not read, which the CLI prints on stderr) go beside it.
    let text = text.trim_end();
    let notes = serde_json::to_string(&out.notes).unwrap_or_else(|_| "[]".to_owned());
    let mut response = String::with_capacity(text.len() + notes.len() + 20);
    response.push_str("{\"ok\":");
    response.push_str(text);
    response.push_str(",\"notes\":");
    response.push_str(&notes);
    if keys {
        response.push_str(",\"keys\":");
        response
            .push_str(&serde_json::to_string(&out.inventory).unwrap_or_else(|_| "[]".to_owned()));
    }
    response.push('}');
    response
}

/// How `lint` reads each file: Terraform by name (a `.tfvars` file only beside a Terraform
/// file of its directory); any other file by its content, recognised by the registry's
/// rows exactly as `lint` recognises it (`registry::recognise`), so a file is skipped here
/// if and only if `lint` skips it.
fn classify(files: Vec<RawFileIn>, texts: &[u8]) -> Value {
    let files = match resolve(files, texts) {
        Ok(files) => files,
        Err(e) => return error(format!("malformed request: {e}"), Vec::new()),
    };
    let terraform_dirs: std::collections::BTreeSet<String> = files
        .iter()
        .filter(|f| {
            matches!(
                keylint_sources::classify_path(&f.path),
                Some(FileKind::Terraform | FileKind::TerraformJson)
            )
        })
        .map(|f| keylint_sources::directory_of(&f.path))
        .collect();
    let answers: Vec<Value> = files
        .into_iter()
        .map(|f| {
            let (format, skipped) = match keylint_sources::classify_path(&f.path) {
                None => (None, "not a file type keylint reads (judged by its name)"),
                Some(_) if f.unreadable.is_some() => (None, "its bytes do not decode as text"),
                Some(FileKind::Terraform) => (Some("terraform".to_owned()), ""),
                Some(FileKind::TerraformJson) => (Some("terraform-json".to_owned()), ""),
                Some(FileKind::TfVars) => {
                    if terraform_dirs.contains(&keylint_sources::directory_of(&f.path)) {
                        (Some("tfvars".to_owned()), "")
                    } else {
                        (
                            None,
                            "a .tfvars file without a Terraform file in its directory",
                        )
                    }
                }
                // Content decides: the registry looks only as far as it must (a JSON
                // document is recognised, not read).
                Some(kind) => match keylint_sources::registry::recognise(
                    kind,
                    SourceFile {
                        path: f.path.clone(),
                        text: f.text,
                    },
                ) {
                    Some(label) => (Some(label.to_owned()), ""),
                    None => (
                        None,
                        "nothing keylint reads (not a policy or template it knows)",
                    ),
                },
            };
            match format {
                Some(format) => json!({"path": f.path, "format": format}),
                None => json!({"path": f.path, "format": null, "skipped": skipped}),
            }
        })
        .collect();
    json!({ "ok": answers })
}

/// Answer one JSON request with one JSON response (see the crate documentation).
#[must_use]
pub fn handle(request: &str) -> String {
    handle_with_texts(request, &[])
}

/// Answer one JSON request whose files may give a `text_span` of `texts` (see the crate
/// documentation) with one JSON response.
#[must_use]
pub fn handle_with_texts(request: &str, texts: &[u8]) -> String {
    let response = match serde_json::from_str::<Request>(request) {
        Err(e) => error(format!("malformed request: {e}"), Vec::new()),
        Ok(Request::Version) => json!({"ok": {"version": keylint_report::VERSION}}),
        Ok(Request::Rules) => match builtin_engine() {
            Ok(engine) => json!({ "ok": engine.rule_metas() }),
            Err(e) => error("the built-in rules do not load", vec![e]),
        },
        Ok(Request::Lint(request)) => return lint(*request, texts),
        Ok(Request::Classify { files }) => classify(files, texts),
    };
    response.to_string()
}

/// The module's allocator (see Cargo.toml): talc, growing WebAssembly memory as needed.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The C ABI. The only `unsafe` in keylint: the host hands over raw pointers.
#[cfg(target_arch = "wasm32")]
#[allow(
    unsafe_code,
    reason = "the exported ABI takes raw pointers from the host"
)]
mod abi {
    use std::mem::MaybeUninit;

    /// Reserve `len` bytes; the host writes a request there. The bytes are not cleared
    /// (keylint.js reserves three bytes per UTF-16 unit of the texts and writes fewer:
    /// clearing them was a fiftieth of a call in Chromium); keylint reads only the bytes
    /// the host says it wrote.
    #[unsafe(no_mangle)]
    /// Null when the memory cannot grow that far: the host answers that itself, and the
    /// module never traps on a request too large for it.
    pub extern "C" fn keylint_alloc(len: usize) -> *mut u8 {
        let mut buf: Vec<MaybeUninit<u8>> = Vec::new();
        if buf.try_reserve_exact(len).is_err() {
            return std::ptr::null_mut();
        }
        // SAFETY: the capacity is at least `len`, and `MaybeUninit` needs no initialising.
        unsafe { buf.set_len(len) };
        Box::into_raw(buf.into_boxed_slice()).cast::<u8>()
    }

    /// Release a buffer from [`keylint_alloc`] or a response of [`keylint_call`].
    ///
    /// # Safety
    /// `ptr` and `len` must describe exactly one such buffer, released once.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn keylint_free(ptr: *mut u8, len: usize) {
        if !ptr.is_null() {
            // SAFETY: the buffer was made by `Box<[_]>::into_raw` with this length, of
            // bytes (`u8` or `MaybeUninit<u8>`: the same layout).
            drop(unsafe {
                Box::from_raw(std::ptr::slice_from_raw_parts_mut(
                    ptr.cast::<MaybeUninit<u8>>(),
                    len,
                ))
            });
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
        respond(bytes, &[])
    }

    /// Run the request in `ptr[..len]` (UTF-8 JSON) whose files may give a `text_span` of
    /// the texts in `texts_ptr[..texts_len]` (see the crate documentation). Returns the
    /// response as [`keylint_call`] does; the host releases both buffers.
    ///
    /// # Safety
    /// `ptr[..len]` and `texts_ptr[..texts_len]` must be readable memory of this module
    /// (buffers from [`keylint_alloc`]).
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn keylint_call_texts(
        ptr: *const u8,
        len: usize,
        texts_ptr: *const u8,
        texts_len: usize,
    ) -> u64 {
        // SAFETY: the host passes a buffer it filled, from `keylint_alloc(len)`.
        let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
        let texts = if texts_ptr.is_null() {
            &[]
        } else {
            // SAFETY: the same, from `keylint_alloc(texts_len)`.
            unsafe { std::slice::from_raw_parts(texts_ptr, texts_len) }
        };
        respond(bytes, texts)
    }

    /// The response to a request, packed as `(ptr << 32) | len`.
    fn respond(request: &[u8], texts: &[u8]) -> u64 {
        let response = match std::str::from_utf8(request) {
            Ok(request) => super::handle_with_texts(request, texts),
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

    #[test]
    fn notes_reach_the_module() {
        let tf = "module \"kms\" {\n  source = \"git::https://example.com/kms.git\"\n}\n";
        let req = json!({"command": "lint", "files": [{"path": "m/main.tf", "text": tf}]});
        let v: Value = serde_json::from_str(&handle(&req.to_string())).unwrap();
        let notes = v["notes"].as_array().unwrap();
        assert!(
            notes.iter().any(|n| n["file"] == "m/main.tf"
                && n["message"].as_str().unwrap().contains("not fetched")),
            "{v}"
        );
        assert!(v["ok"]["findings"].is_array());
    }

    #[test]
    fn files_given_as_bytes_are_decoded() {
        let tf = "resource \"aws_kms_key\" \"k\" {\n  deletion_window_in_days = 7\n}\n";
        let mut le = vec![0xFF_u8, 0xFE];
        le.extend(tf.encode_utf16().flat_map(u16::to_le_bytes));
        let mut bad = vec![0xFE_u8, 0xFF, 0x00, b'a', 0xDC, 0x00];
        bad.extend(b"\x00\n");
        let req = json!({"command": "lint", "files": [
            {"path": "a/main.tf", "bytes": le},
            {"path": "b/main.tf", "bytes": bad},
        ]});
        let v: Value = serde_json::from_str(&handle(&req.to_string())).unwrap();
        let f = v["ok"]["findings"].as_array().unwrap();
        assert!(
            f.iter()
                .any(|f| f["rule"] == "aws-kms-short-deletion-window"
                    && f["file"] == "a/main.tf"
                    && f["line"] == 2
                    && f["column_utf16"] == 3),
            "{v}"
        );
        let e = v["ok"]["errors"].as_array().unwrap();
        assert!(
            e.iter().any(|e| e["file"] == "b/main.tf"
                && e["line"] == 1
                && e["column"] == 2
                && e["message"].as_str().unwrap().contains("UTF-16")),
            "{v}"
        );
    }

    #[test]
    fn texts_given_beside_the_request() {
        let a = "# caf\u{e9} \u{1f511}\nresource \"aws_kms_key\" \"k\" {\n  description = \"cl\u{e9} \u{1f511}\"\n  deletion_window_in_days = 7\n}\n";
        let b = "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = false\n}\n";
        let inline = json!({"command": "lint", "files": [
            {"path": "a/main.tf", "text": a},
            {"path": "b/main.tf", "text": b},
        ]});
        let mut texts = b"unused".to_vec();
        let a_at = (texts.len(), texts.len() + a.len());
        texts.extend(a.as_bytes());
        let b_at = (texts.len(), texts.len() + b.len());
        texts.extend(b.as_bytes());
        let spans = json!({"command": "lint", "files": [
            {"path": "a/main.tf", "text_span": [a_at.0, a_at.1]},
            {"path": "b/main.tf", "text_span": [b_at.0, b_at.1]},
        ]});
        let expected = handle(&inline.to_string());
        assert!(
            expected.contains("aws-kms-short-deletion-window"),
            "{expected}"
        );
        assert_eq!(handle_with_texts(&spans.to_string(), &texts), expected);
        // `text` wins over a span, as over `bytes`; classify reads spans too.
        let both = json!({"command": "lint", "files": [
            {"path": "a/main.tf", "text": a, "text_span": [0, 1]},
            {"path": "b/main.tf", "text_span": [b_at.0, b_at.1]},
        ]});
        assert_eq!(handle_with_texts(&both.to_string(), &texts), expected);
        let classify = |files: Value| -> Value {
            let req = json!({"command": "classify", "files": files});
            serde_json::from_str(&handle_with_texts(&req.to_string(), &texts)).unwrap()
        };
        let v = classify(json!([{"path": "p.json", "text_span": [0, 0]}]));
        assert_eq!(v["ok"][0]["format"], Value::Null, "{v}");
        // A span outside the texts, reversed, or cutting a character: malformed.
        for span in [
            json!([0, texts.len() + 1]),
            json!([3, 2]),
            json!([a_at.0 + 6, a_at.0 + 7]),
        ] {
            let req =
                json!({"command": "lint", "files": [{"path": "a/main.tf", "text_span": span}]});
            let v: Value =
                serde_json::from_str(&handle_with_texts(&req.to_string(), &texts)).unwrap();
            assert!(
                v["error"]["message"]
                    .as_str()
                    .unwrap()
                    .starts_with("malformed request: the text_span"),
                "{v}"
            );
            let v = classify(json!([{"path": "a/main.tf", "text_span": span}]));
            assert!(v["error"]["message"].is_string(), "{v}");
        }
        // Without texts (`keylint_call`), a span is outside them.
        let v: Value = serde_json::from_str(&handle(&spans.to_string())).unwrap();
        assert!(v["error"]["message"].is_string(), "{v}");
        let rules = json!({"command": "lint", "files": [], "rules": [{"path": "r.cedar", "text_span": [0, 99]}]});
        let v: Value =
            serde_json::from_str(&handle_with_texts(&rules.to_string(), &texts)).unwrap();
        assert!(v["error"]["message"].is_string(), "{v}");
    }

    #[test]
    fn sarif_is_the_cli_writer() {
        let files = json!([{"path": "a/main.tf", "text": "resource \"aws_kms_key\" \"k\" {\n  deletion_window_in_days = 7\n}\n"}]);
        let req = json!({"command": "lint", "files": files, "format": "sarif"});
        let v: Value = serde_json::from_str(&handle(&req.to_string())).unwrap();
        let run = &v["ok"]["runs"][0];
        assert_eq!(v["ok"]["version"], "2.1.0");
        let results = run["results"].as_array().unwrap();
        assert!(
            results
                .iter()
                .any(|r| r["ruleId"] == "aws-kms-short-deletion-window"
                    && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                        == "a/main.tf"
                    && r["locations"][0]["physicalLocation"]["region"]["startLine"] == 2),
            "{v}"
        );
        // The default stays the JSON report.
        let req = json!({"command": "lint", "files": files});
        let v: Value = serde_json::from_str(&handle(&req.to_string())).unwrap();
        assert!(v["ok"]["findings"].is_array());
        let req = json!({"command": "lint", "files": files, "format": "xml"});
        let v: Value = serde_json::from_str(&handle(&req.to_string())).unwrap();
        assert!(v["error"]["message"].is_string());
    }

    #[test]
    fn classify_by_name_and_content() {
        let req = json!({"command": "classify", "files": [
            {"path": "m/main.tf", "text": ""},
            {"path": "m/terraform.tfvars", "text": ""},
            {"path": "lonely/terraform.tfvars", "text": ""},
            {"path": "p.json", "text": "{\"Statement\": []}"},
            {"path": "arm.json", "text": "{\"contentVersion\": \"1.0.0.0\", \"resources\": []}"},
            {"path": "package.json", "text": "{\"name\": \"x\"}"},
            {"path": "broken.json", "text": "{\"Statement\": ["},
            {"path": "README.md", "text": "# hi"},
            {"path": "chart/values.yaml", "text": "replicas: 1\n"},
        ]});
        let v: Value = serde_json::from_str(&handle(&req.to_string())).unwrap();
        let formats: Vec<Value> = v["ok"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["format"].clone())
            .collect();
        assert_eq!(
            formats,
            vec![
                json!("terraform"),
                json!("tfvars"),
                Value::Null,
                json!("aws-policy"),
                json!("arm-template"),
                Value::Null,
                json!("json"),
                Value::Null,
                Value::Null,
            ],
            "{v}"
        );
        assert!(v["ok"][7]["skipped"].is_string());
    }
}

#[cfg(test)]
mod labels {
    //! The module's format labels come from the reader registry; the TypeScript types and
    //! the review page name them, and must name exactly these.

    use std::collections::BTreeSet;

    fn registry() -> BTreeSet<String> {
        keylint_sources::registry::labels()
            .into_iter()
            .map(|(l, _)| l.to_owned())
            .collect()
    }

    fn read(rel: &str) -> String {
        std::fs::read_to_string(format!("{}/../../{rel}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn typescript_file_format_is_the_registry() {
        let dts = read("wasm/keylint.d.ts");
        let start = dts.find("export type FileFormat =").unwrap();
        let body = &dts[start..];
        let body = &body[..body.find(';').unwrap()];
        let named: BTreeSet<String> = body
            .split('|')
            .skip(1)
            .map(|s| s.trim().trim_matches('"').to_owned())
            .collect();
        assert_eq!(named, registry(), "wasm/keylint.d.ts FileFormat");
    }

    #[test]
    fn review_page_titles_every_label() {
        let js = read("wasm/page/src/main.js");
        let start = js.find("const FORMAT_LABEL = {").unwrap();
        let body = &js[start..];
        let body = &body[..body.find("};").unwrap()];
        let named: BTreeSet<String> = body
            .lines()
            .skip(1)
            .filter_map(|l| l.trim().split_once(':'))
            .map(|(k, _)| k.trim().trim_matches('"').to_owned())
            .collect();
        assert_eq!(named, registry(), "wasm/page/src/main.js FORMAT_LABEL");
    }
}
