//! Time one lint request under wasmtime: the module is compiled and instantiated once,
//! then each timed run is what keylint.js does per call (copy the request in, call, copy
//! the response out, free both), with the request JSON built once beforehand.
//!
//! ```text
//! cargo run -p keylint_wasm --example wasmtime_bench -- MODULE.wasm FILE [RUNS]
//! ```
//!
//! Prints the compile time, the findings count, and the best and median call times; with
//! `KEYLINT_FUEL=1`, first the instructions one call runs (wasmtime's fuel), which do not
//! move with the machine's load as times do.
//! Used by `bench/wasm-bench.sh`.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn fail(e: impl std::fmt::Display) -> String {
    e.to_string()
}

struct Wasm {
    store: wasmtime::Store<()>,
    memory: wasmtime::Memory,
    alloc: wasmtime::TypedFunc<u32, u32>,
    call: wasmtime::TypedFunc<(u32, u32), u64>,
    free: wasmtime::TypedFunc<(u32, u32), ()>,
}

impl Wasm {
    fn request(&mut self, request: &[u8]) -> Result<Vec<u8>, String> {
        let len = u32::try_from(request.len()).map_err(fail)?;
        let ptr = self.alloc.call(&mut self.store, len).map_err(fail)?;
        self.memory
            .write(&mut self.store, ptr as usize, request)
            .map_err(fail)?;
        let packed = self.call.call(&mut self.store, (ptr, len)).map_err(fail)?;
        self.free.call(&mut self.store, (ptr, len)).map_err(fail)?;
        let out_ptr = u32::try_from(packed >> 32).map_err(fail)?;
        let out_len = u32::try_from(packed & 0xffff_ffff).map_err(fail)?;
        let mut out = vec![0u8; out_len as usize];
        self.memory
            .read(&self.store, out_ptr as usize, &mut out)
            .map_err(fail)?;
        self.free
            .call(&mut self.store, (out_ptr, out_len))
            .map_err(fail)?;
        Ok(out)
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [module_path, file, rest @ ..] = args.as_slice() else {
        return Err("usage: wasmtime_bench MODULE.wasm FILE [RUNS]".into());
    };
    let runs: usize = match rest.first() {
        Some(n) => n.parse().map_err(fail)?,
        None => 10,
    };
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read `{file}`: {e}"))?;
    let name = std::path::Path::new(file)
        .file_name()
        .map_or_else(|| "main.tf".into(), |n| n.to_string_lossy().into_owned());
    let request = json!({"command": "lint", "files": [{"path": name, "text": text}]}).to_string();

    let started = Instant::now();
    // KEYLINT_FUEL=1: also count the WebAssembly instructions of the first call and of one
    // call after it (wasmtime's fuel, one unit per instruction): a figure that, unlike times, does not move with the load.
    let fuel = std::env::var_os("KEYLINT_FUEL").is_some_and(|v| v == "1");
    let mut config = wasmtime::Config::new();
    config.consume_fuel(fuel);
    let engine = wasmtime::Engine::new(&config).map_err(fail)?;
    let module = wasmtime::Module::from_file(&engine, module_path).map_err(fail)?;
    let mut store = wasmtime::Store::new(&engine, ());
    if fuel {
        store.set_fuel(u64::MAX).map_err(fail)?;
    }
    let instance = wasmtime::Instance::new(&mut store, &module, &[]).map_err(fail)?;
    let compile = started.elapsed();
    let memory = instance
        .get_memory(&mut store, "memory")
        .ok_or("the module exports no memory")?;
    let alloc = instance
        .get_typed_func(&mut store, "keylint_alloc")
        .map_err(fail)?;
    let call = instance
        .get_typed_func(&mut store, "keylint_call")
        .map_err(fail)?;
    let free = instance
        .get_typed_func(&mut store, "keylint_free")
        .map_err(fail)?;
    let mut wasm = Wasm {
        store,
        memory,
        alloc,
        call,
        free,
    };

    // Warm-up (also builds the engine's rule set once, as the first call in a page does).
    let start = if fuel {
        wasm.store.get_fuel().map_err(fail)?
    } else {
        0
    };
    let first = wasm.request(request.as_bytes())?;
    if fuel {
        let used = start - wasm.store.get_fuel().map_err(fail)?;
        println!("wasmtime: the first call (engine start included) ran {used} instructions");
    }
    let response: Value = serde_json::from_slice(&first).map_err(fail)?;
    let findings = response
        .pointer("/ok/findings")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("not a report: {}", String::from_utf8_lossy(&first)))?
        .len();
    let before = if fuel {
        wasm.store.get_fuel().map_err(fail)?
    } else {
        0
    };
    wasm.request(request.as_bytes())?;
    if fuel {
        let used = before - wasm.store.get_fuel().map_err(fail)?;
        println!("wasmtime: one call (after the first) ran {used} instructions");
    }

    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let out = wasm.request(request.as_bytes())?;
        times.push(t.elapsed());
        std::hint::black_box(out);
    }
    times.sort();
    let best = times.first().copied().unwrap_or_default();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    println!(
        "wasmtime: {} bytes, {findings} findings, compile+instantiate {:.0} ms, {} runs: best {:.1} ms, median {:.1} ms",
        text.len(),
        ms(compile),
        times.len(),
        ms(best),
        ms(median)
    );
    Ok(())
}
