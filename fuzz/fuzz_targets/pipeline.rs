#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| keylint_fuzz::pipeline(data));
