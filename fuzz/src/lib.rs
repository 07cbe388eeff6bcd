//! What each fuzz target checks, one module per target (`fuzz_targets/<name>.rs` calls
//! `<name>::check`). A violated property panics with the input's decoded form, which libFuzzer
//! records as a crash; each crash found becomes a regression test in the crate it concerns.

pub mod emulator_router;
pub mod requests;
pub mod shape_decode;
pub mod values;

/// The fuzz input split into a selector byte and a JSON value (inputs that are not JSON are
/// skipped: the decoders only ever see parsed JSON).
pub fn selector_and_json(data: &[u8]) -> Option<(u8, serde_json::Value)> {
    let (&first, rest) = data.split_first()?;
    serde_json::from_slice(rest).ok().map(|v| (first, v))
}
