#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| ucaas_client_fuzz::emulator_router::check(data));
