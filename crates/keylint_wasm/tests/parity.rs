//! The very `keylint.wasm` the browser page loads, run under wasmtime, must give the
//! findings the native engine gives, byte for byte, on every sample and rule fixture.
//! The test builds the module itself (`--profile wasm-release`), so it cannot go stale.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failure is a test failure"
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use keylint_linter::{Engine, LintOptions, Profile};
use keylint_sources::SourceFile;
use serde_json::{Value, json};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .to_path_buf()
}

/// Build the module once per test run, in its own target directory.
fn module_path() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let target = repo().join("target/wasm");
        let status = Command::new(env!("CARGO"))
            .args([
                "build",
                "--locked",
                "-p",
                "keylint_wasm",
                "--target",
                "wasm32-unknown-unknown",
                "--profile",
                "wasm-release",
            ])
            .env("CARGO_TARGET_DIR", &target)
            // An outer RUSTFLAGS would replace the target's own flags (NOTES.md).
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .current_dir(repo())
            .status()
            .unwrap();
        assert!(status.success(), "building keylint.wasm failed");
        target.join("wasm32-unknown-unknown/wasm-release/keylint_wasm.wasm")
    })
}

struct Wasm {
    store: wasmtime::Store<()>,
    memory: wasmtime::Memory,
    alloc: wasmtime::TypedFunc<u32, u32>,
    call: wasmtime::TypedFunc<(u32, u32), u64>,
    call_texts: wasmtime::TypedFunc<(u32, u32, u32, u32), u64>,
    free: wasmtime::TypedFunc<(u32, u32), ()>,
}

impl Wasm {
    fn load() -> (Self, usize) {
        let engine = wasmtime::Engine::default();
        let module = wasmtime::Module::from_file(&engine, module_path()).unwrap();
        let imports = module.imports().len();
        let mut store = wasmtime::Store::new(&engine, ());
        let instance = wasmtime::Instance::new(&mut store, &module, &[]).unwrap();
        let memory = instance.get_memory(&mut store, "memory").unwrap();
        let alloc = instance
            .get_typed_func(&mut store, "keylint_alloc")
            .unwrap();
        let call = instance.get_typed_func(&mut store, "keylint_call").unwrap();
        let call_texts = instance
            .get_typed_func(&mut store, "keylint_call_texts")
            .unwrap();
        let free = instance.get_typed_func(&mut store, "keylint_free").unwrap();
        (
            Self {
                store,
                memory,
                alloc,
                call,
                call_texts,
                free,
            },
            imports,
        )
    }

    /// Copy `bytes` into a new buffer of the module: its address and length.
    fn put(&mut self, bytes: &[u8]) -> (u32, u32) {
        let len = u32::try_from(bytes.len()).unwrap();
        let ptr = self.alloc.call(&mut self.store, len).unwrap();
        self.memory
            .write(&mut self.store, ptr as usize, bytes)
            .unwrap();
        (ptr, len)
    }

    /// Read and release a response.
    fn take(&mut self, packed: u64) -> String {
        let (out_ptr, out_len) = (
            u32::try_from(packed >> 32).unwrap(),
            u32::try_from(packed & 0xffff_ffff).unwrap(),
        );
        let mut out = vec![0u8; out_len as usize];
        self.memory
            .read(&self.store, out_ptr as usize, &mut out)
            .unwrap();
        self.free.call(&mut self.store, (out_ptr, out_len)).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn request(&mut self, request: &str) -> String {
        let (ptr, len) = self.put(request.as_bytes());
        let packed = self.call.call(&mut self.store, (ptr, len)).unwrap();
        self.free.call(&mut self.store, (ptr, len)).unwrap();
        self.take(packed)
    }

    /// A request whose `files` go beside it as keylint.js sends them (`keylint_call_texts`):
    /// each file gives the `text_span` of its text in one buffer of texts.
    fn request_with_texts(&mut self, mut request: Value, files: &[SourceFile]) -> String {
        let mut texts = Vec::new();
        let mut given = Vec::new();
        for f in files {
            let start = texts.len();
            texts.extend_from_slice(f.text.as_bytes());
            given.push(json!({"path": f.path, "text_span": [start, texts.len()]}));
        }
        request["files"] = Value::Array(given);
        let (ptr, len) = self.put(request.to_string().as_bytes());
        let (texts_ptr, texts_len) = self.put(&texts);
        let packed = self
            .call_texts
            .call(&mut self.store, (ptr, len, texts_ptr, texts_len))
            .unwrap();
        self.free.call(&mut self.store, (ptr, len)).unwrap();
        self.free
            .call(&mut self.store, (texts_ptr, texts_len))
            .unwrap();
        self.take(packed)
    }
}

/// Files of a sample or fixture, named relative to `base`.
fn files_under(path: &Path, base: &Path) -> Vec<SourceFile> {
    let mut out = Vec::new();
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for e in entries {
            out.extend(files_under(&e, base));
        }
    } else if let Ok(text) = std::fs::read_to_string(path) {
        out.push(SourceFile {
            path: path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .into_owned(),
            text,
        });
    }
    out
}

fn inputs() -> Vec<(String, Vec<SourceFile>, String)> {
    let root = repo();
    let mut out = Vec::new();
    for provider in ["aws", "azure", "gcp"] {
        for kind in ["good", "bad"] {
            let dir = root.join("samples").join(provider).join(kind);
            out.push((
                format!("samples/{provider}/{kind}"),
                files_under(&dir, &root),
                "default".to_owned(),
            ));
        }
    }
    for provider in std::fs::read_dir(root.join("policies"))
        .unwrap()
        .flatten()
        .filter(|p| p.path().is_dir())
    {
        for rule in std::fs::read_dir(provider.path()).unwrap().flatten() {
            for kind in ["fail", "pass"] {
                for f in std::fs::read_dir(rule.path().join(kind))
                    .into_iter()
                    .flatten()
                    .flatten()
                {
                    let case = f.file_name().to_string_lossy().into_owned();
                    let profile = case
                        .split_once("__")
                        .map_or("default", |(p, _)| p)
                        .to_owned();
                    let base = f.path().parent().unwrap().to_path_buf();
                    out.push((
                        f.path().display().to_string(),
                        files_under(&f.path(), &base),
                        profile,
                    ));
                }
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn wasm_and_native_give_the_same_findings() {
    let (mut wasm, imports) = Wasm::load();
    assert_eq!(imports, 0, "keylint.wasm must import nothing");
    let engine = Engine::new(&[]).unwrap();
    let inputs = inputs();
    assert!(inputs.len() > 300);
    let mut compared = 0;
    for (label, files, profile) in &inputs {
        let request = json!({
            "command": "lint",
            "profile": profile,
            "files": files.iter().map(|f| json!({"path": f.path, "text": f.text})).collect::<Vec<_>>(),
        });
        let text = wasm.request(&request.to_string());
        // The texts given beside the request (what keylint.js sends): the same answer.
        assert_eq!(
            wasm.request_with_texts(request, files),
            text,
            "{label}: texts beside the request answer differently"
        );
        let response: Value = serde_json::from_str(&text).unwrap();
        let report = response
            .get("ok")
            .unwrap_or_else(|| panic!("{label}: {response}"));
        let opts = keylint_driver::Options {
            lint: LintOptions {
                profile: Profile::named(profile).unwrap(),
                ..LintOptions::default()
            },
            keep_sources: false,
            inventory: false,
        };
        let native = keylint_driver::lint_given(
            &engine,
            &opts,
            files,
            keylint_sources::DEFAULT_MAX_FILE_SIZE,
        );
        let native_findings = serde_json::to_string(&native.findings).unwrap();
        let native_errors = serde_json::to_string(&native.errors).unwrap();
        assert_eq!(
            serde_json::to_string(&response["notes"]).unwrap(),
            serde_json::to_string(&native.notes).unwrap(),
            "{label}: notes differ"
        );
        assert_eq!(
            serde_json::to_string(&report["findings"]).unwrap(),
            native_findings,
            "{label}: findings differ"
        );
        assert_eq!(
            serde_json::to_string(&report["errors"]).unwrap(),
            native_errors,
            "{label}: errors differ"
        );
        compared += 1;
    }
    println!("wasm/native parity: {compared} inputs compared");
}

#[test]
fn malformed_requests_get_error_responses() {
    let (mut wasm, _) = Wasm::load();
    for bad in [
        "",
        "{",
        "[]",
        "{\"command\":\"nope\"}",
        "{\"command\":\"lint\"}",
        "\u{0}\u{1}",
    ] {
        let v: Value = serde_json::from_str(&wasm.request(bad)).unwrap();
        assert!(v["error"]["message"].is_string(), "{bad:?} -> {v}");
    }
    let v: Value = serde_json::from_str(&wasm.request(r#"{"command":"version"}"#)).unwrap();
    assert_eq!(v["ok"]["version"], keylint_report::VERSION);
}

#[test]
fn memory_stays_bounded_over_1000_calls_and_oversize_input_is_an_error() {
    let (mut wasm, _) = Wasm::load();
    let bad = std::fs::read_to_string(repo().join("samples/aws/bad/main.tf")).unwrap();
    let lint = json!({"command": "lint", "files": [{"path": "main.tf", "text": bad}]}).to_string();
    let sarif =
        json!({"command": "lint", "format": "sarif", "files": [{"path": "main.tf", "text": bad}]})
            .to_string();
    let classify =
        json!({"command": "classify", "files": [{"path": "main.tf", "text": bad}]}).to_string();
    let requests = [
        lint.as_str(),
        sarif.as_str(),
        classify.as_str(),
        "{",
        r#"{"command":"rules"}"#,
    ];
    let call = |wasm: &mut Wasm, i: usize| {
        let v: Value = serde_json::from_str(&wasm.request(requests[i % requests.len()])).unwrap();
        assert!(v.get("ok").is_some() || v.get("error").is_some(), "{v}");
    };
    // Warm up: caches (rule pack, contexts, memo) fill and the allocator settles.
    for i in 0..100 {
        call(&mut wasm, i);
    }
    let warm = wasm.memory.data_size(&wasm.store);
    for i in 0..1000 {
        call(&mut wasm, i);
    }
    let after = wasm.memory.data_size(&wasm.store);
    assert!(
        after <= warm + warm / 10,
        "memory grew from {warm} to {after} bytes over 1,000 calls"
    );

    // A request larger than the module can hold: the host gets a null buffer, no trap.
    let ptr = wasm.alloc.call(&mut wasm.store, u32::MAX - 16).unwrap();
    assert_eq!(ptr, 0);
    // A file over the size limit is an error for that file; the others are linted.
    let huge = "#".repeat(11 * 1024 * 1024);
    let v: Value = serde_json::from_str(
        &wasm.request(
            &json!({"command": "lint", "files": [
                {"path": "big/main.tf", "text": huge},
                {"path": "main.tf", "text": bad},
            ]})
            .to_string(),
        ),
    )
    .unwrap();
    let report = &v["ok"];
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("file is 11534336 bytes, larger than the limit 10485760"),
        "{}",
        report["errors"]
    );
    assert!(!report["findings"].as_array().unwrap().is_empty());
    // Still answering afterwards.
    let v: Value = serde_json::from_str(&wasm.request(r#"{"command":"version"}"#)).unwrap();
    assert!(v["ok"]["version"].is_string());
}

/// Issue 13's size budget: the module the page loads is at most 1.5 MB gzipped (`gzip -9`,
/// as `scripts/build-wasm.sh` and bench/README.md measure it). A module over it fails here
/// rather than in a benchmark nobody reruns; bench/README.md ("Size of the module") says
/// what was done to stay under it.
#[test]
fn module_stays_within_its_gzipped_size_budget() {
    const BUDGET: usize = 1_500_000;
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(module_path())
        .output()
        .expect("gzip (Debian's essential package) runs");
    assert!(out.status.success(), "gzip failed");
    let gz = out.stdout.len();
    assert!(
        gz <= BUDGET,
        "keylint.wasm is {gz} bytes gzipped, over its budget of {BUDGET} (bench/README.md, \"Size of the module\")"
    );
}
