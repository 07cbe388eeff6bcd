#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| ucaas_client_fuzz::values::check(data));
