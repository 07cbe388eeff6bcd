//! The code generators of `ucaas-client`, used by its own modules only (the generated code names
//! `crate::…` paths of that crate).
//!
//! - `#[derive(Shaped)]`: an answer type's decoding table (`Shaped::SHAPE`) from its fields, so a
//!   type and the table that decodes it are one definition (the serde and TypeScript views come
//!   from the same struct).
//! - `#[endpoint(…)]`: an endpoint described once, on its request builder in `src/api/<area>.rs`:
//!   method, path, auth, the answer type (and the part of it a call returns). From it come the
//!   route constant the builder fills, the `UcaasClient` method of the wasm build with its
//!   TypeScript types, and (feature `client` of the crate) the `Client` method of Rust callers.

mod endpoint;
mod rust_client;
mod shaped;

use proc_macro::TokenStream;

/// Derives `crate::shape::Shaped` from a struct's named fields.
///
/// Each field is one entry of the table, under its serde name (`#[serde(rename)]`, else the
/// field's name without `r#`), also read from `#[serde(alias)]`:
/// - presence: `Option<_>` is optional; a field with `#[serde(default…)]` is written even when
///   absent (`always`); any other is required (the answer fails without it). `#[shape(always)]`
///   says so where serde's default lives elsewhere (a hand-written `Deserialize`).
/// - kind, from the type (inside `Option`): `String` text, `u8`–`u64`/`usize` count, `i32`/`i64`
///   int, `f32`/`f64` number, `bool` flag, `Vec<String>` texts, `Vec<T>` a list of `T`'s table,
///   any other `T` an object of `T`'s table.
/// - `#[shape(entries = "key")]` on a `Vec<T>`: the API sends a map (`{ "<id>": {...} }`),
///   decoded to a list of `T` carrying the map key under `key`.
/// - `#[shape(pairs("key", "value", Kind))]`: a map of scalars, decoded to `{key, value}` items.
/// - `#[shape(kind = Count)]`: another `crate::shape::Kind` than the type's.
/// - `#[shape(skip)]`: not read by the table (a value the walker writes itself).
#[proc_macro_derive(Shaped, attributes(shape))]
pub fn derive_shaped(input: TokenStream) -> TokenStream {
    shaped::derive(syn::parse_macro_input!(input as syn::DeriveInput)).unwrap_or_else(|e| e.to_compile_error()).into()
}

/// Describes an endpoint on its request builder (a `pub fn` of an area module), or a list route
/// on its `ListSpec` constant. See `endpoint.rs` for the forms; in short:
///
/// ```ignore
/// /// The polls of a room's sessions, or of one session (`conf_num`).
/// #[endpoint(GET "/polls/{room_id}", token, app_type, js = getPolls, answer = Polls.polls)]
/// pub fn get(room_id: &str, #[js(type = "number", optional)] conf_num: &Loose) -> Result<Request, Error> {
///     let req = GET.request_with(&[room_id])?;
///     …
/// }
/// ```
///
/// generates `pub const GET: crate::api::Route` (method, path with its `{id}` segments, auth,
/// `X-App-Type`) for the builder to fill, and, in the wasm build, `UcaasClient.getPolls(room_id,
/// conf_num?, options?)` returning `Promise<Polls["polls"]>`, which reads its arguments, calls the
/// builder and decodes the answer by `Polls`'s table, returning its `polls`.
#[proc_macro_attribute]
pub fn endpoint(args: TokenStream, item: TokenStream) -> TokenStream {
    endpoint::expand(args.into(), item.into()).unwrap_or_else(|e| e.to_compile_error()).into()
}
