//! `#[endpoint(…)]`: an endpoint described once, on its request builder.
//!
//! On a builder `pub fn`:
//!
//! `#[endpoint(METHOD "/path/{id}", [token], [app_type], js = jsName, answer = Type[.key] [, session] [, files = param])]`
//!
//! - `METHOD "/path/{id}"`: `GET`, `POST`, `PATCH` or `DELETE`, and the path; each `{name}` is a
//!   segment the builder fills with an id, in order (`ROUTE.request_with(&[id])`, checked by
//!   `api::check_id` and named `name` in its error; a route without ids: `ROUTE.request()`).
//! - `token`: sends `Authorization: Token …` from the session (else only `X-Api-Id`); `basic`:
//!   HTTP Basic with the client's credentials (CPaaS); `body_token`: the client's session token
//!   as `auth_token` in the JSON body (Iotum); `app_type`: sends `X-App-Type` (the meeting
//!   routes).
//! - `read`: the call only reads, so the host may repeat it after a timeout, a network error or
//!   a 5xx although its method is not GET (the Iotum API posts every call); a `body_token` route
//!   without it is a write, sent once. The JS doc says which.
//! - `client = CpaasClient`: the method belongs to that class (of `crate::wasm`) instead of
//!   `UcaasClient`; another API's class is in the server build only.
//! - `js = jsName`: the `UcaasClient` method's name in JavaScript (its Rust name is the snake
//!   case of it).
//! - `answer = Type`: the answer is decoded by `Type`'s table and returned whole; `Type.key`
//!   returns its `key` (checked at compile time against the table, and by `tsc` against the
//!   TypeScript type, which is written `Type["key"]`). `session` (login): the host keeps the
//!   answer as the session and returns the `Session`.
//! - `files = param`: a `multipart/form-data` request whose file parts are taken from the input
//!   `param` (its `Blob`s).
//! - `full`: the method is in the full build only, though its area is in the core one (an
//!   area's build is decided in `src/api/mod.rs`; this is for the odd endpoint out).
//! - `browser`: the method is in the browser builds only, not in the server build's `UcaasServer`
//!   (signing in: the server build has no session).
//!
//! In the server build (feature `server`) the methods belong to the same Rust type, exported as
//! `UcaasServer` (`js_class`).
//!
//! The JS method's doc is the builder's first paragraph (up to its first blank doc line), then
//! the route; what follows the first paragraph is for Rust readers only.
//!
//! The builder's parameters become the method's, in order, read by their type: `&str` a string,
//! `Option<&str>` an optional string (`#[js(type = "…")]` may narrow its TypeScript type), `&Loose` any value (`#[js(type = "…")]` gives its
//! TypeScript type, `#[js(optional)]` makes it optional), `now_ms: i64` the clock (not an
//! argument), `&G` of a generic `G: Tree` an object given as is (`#[js(type = "…")]`; with
//! `#[js(optional)]` it may be left out, and is then `{}`), and any
//! other `T` / `&T` an input object read by `api::Input::read` (TypeScript type `T`, or
//! `#[js(type = "…")]`). The builder may return `Request<B>` or `Result<Request<B>, Error>`.
//!
//! It generates `pub const <BUILDER IN CAPITALS>: crate::api::Route` and, for `wasm32`, the
//! method in an `impl crate::wasm::UcaasClient` block.
//!
//! On a `ListSpec` constant:
//!
//! `#[endpoint(list, js = listThings, each = things, query = ThingQuery, answer = ThingList.things)]`
//!
//! generates `listThings(query?, options?)` (one page, `Promise<ThingList>`) and `things(query?,
//! options?)` (every item, page after page: `AsyncIterable<ThingList["things"][number]>`).

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, FnArg, Ident, ItemConst, ItemFn, LitStr, Pat, Token, Type};

/// The parsed arguments of `#[endpoint(…)]`.
struct Args {
    /// `None` for the list form.
    route: Option<(Ident, LitStr)>,
    token: bool,
    basic: bool,
    body_token: bool,
    read: bool,
    app_type: bool,
    client: Option<Ident>,
    check: Option<syn::Path>,
    session: bool,
    js: Option<Ident>,
    each: Option<Ident>,
    query: Option<Ident>,
    answer: Option<(syn::Path, Option<Ident>)>,
    files: Option<Ident>,
    full: bool,
    browser: bool,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut args = Args {
            route: None,
            token: false,
            basic: false,
            body_token: false,
            read: false,
            app_type: false,
            client: None,
            check: None,
            session: false,
            js: None,
            each: None,
            query: None,
            answer: None,
            files: None,
            full: false,
            browser: false,
        };
        let first: Ident = input.parse()?;
        if first != "list" {
            if !matches!(first.to_string().as_str(), "GET" | "POST" | "PATCH" | "PUT" | "DELETE") {
                return Err(syn::Error::new_spanned(first, "expected GET, POST, PATCH, PUT, DELETE or list"));
            }
            args.route = Some((first, input.parse()?));
        }
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: Ident = input.parse()?;
            match key.to_string().as_str() {
                "token" => args.token = true,
                "basic" => args.basic = true,
                "body_token" => args.body_token = true,
                "read" => args.read = true,
                "client" => args.client = Some(value(input)?),
                "check" => {
                    input.parse::<Token![=]>()?;
                    args.check = Some(input.parse()?);
                }
                "app_type" => args.app_type = true,
                "session" => args.session = true,
                "full" => args.full = true,
                "browser" => args.browser = true,
                "js" => args.js = Some(value(input)?),
                "each" => args.each = Some(value(input)?),
                "query" => args.query = Some(value(input)?),
                "files" => args.files = Some(value(input)?),
                "answer" => {
                    input.parse::<Token![=]>()?;
                    let ty: syn::Path = input.call(syn::Path::parse_mod_style)?;
                    let pick = if input.peek(Token![.]) {
                        input.parse::<Token![.]>()?;
                        Some(input.parse()?)
                    } else {
                        None
                    };
                    args.answer = Some((ty, pick));
                }
                _ => return Err(syn::Error::new_spanned(key, "unknown endpoint argument")),
            }
        }
        Ok(args)
    }
}

fn value(input: ParseStream) -> syn::Result<Ident> {
    input.parse::<Token![=]>()?;
    input.parse()
}

pub fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let args: Args = syn::parse2(args)?;
    if args.route.is_some() {
        builder(args, syn::parse2(item)?)
    } else {
        list(args, syn::parse2(item)?)
    }
}

fn required<T: Clone>(v: &Option<T>, what: &str) -> syn::Result<T> {
    v.clone().ok_or_else(|| syn::Error::new(Span::call_site(), format!("#[endpoint] needs {what}")))
}

/// The `impl` block header of the generated methods: `UcaasClient` (exported as `UcaasServer`
/// in the server build), or the class `client = …` names.
fn impl_head(client: &Option<Ident>) -> TokenStream {
    match client {
        None => quote! {
            use crate::wasm::UcaasClient;
            #[cfg_attr(not(feature = "server"), ::wasm_bindgen::prelude::wasm_bindgen)]
            #[cfg_attr(feature = "server", ::wasm_bindgen::prelude::wasm_bindgen(js_class = "UcaasServer"))]
            impl UcaasClient
        },
        Some(class) => quote! {
            use crate::wasm::#class;
            #[::wasm_bindgen::prelude::wasm_bindgen]
            impl #class
        },
    }
}

/// `getPolls` → `get_polls`.
fn snake(js: &Ident) -> Ident {
    let mut out = String::new();
    for c in js.to_string().chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    format_ident!("{}", out, span = js.span())
}

/// The TypeScript name of an answer type: the Rust one (as tsify writes it).
fn ts_name(ty: &syn::Path) -> String {
    ty.segments.last().map(|s| s.ident.to_string()).unwrap_or_default()
}

/// The compile-time checks of an answer: it is in its area's registry (the `ANSWERS` of the
/// module the endpoint is in), and has the field a call returns.
fn answer_checks(ty: &syn::Path, pick: &Option<Ident>) -> TokenStream {
    let name = ts_name(ty);
    let unregistered = format!("{name} is not in this area's answers!(…) (at the end of its module)");
    let mut out = quote! {
        const _: () = ::core::assert!(crate::api::is_listed(ANSWERS, #name), #unregistered);
    };
    if let Some(key) = pick {
        let key = key.to_string();
        let missing = format!("{name}'s table has no field {key}");
        out.extend(quote! {
            const _: () = ::core::assert!(crate::shape::has_key(<#ty as crate::shape::Shaped>::SHAPE, #key), #missing);
        });
    }
    out
}

/// What a builder parameter is, as the method reads it.
enum Param {
    Text,
    OptText { ts: String },
    Scalar { ts: String, optional: bool },
    Now,
    Tree { ts: String, optional: bool },
    Input { ty: Box<Type>, by_ref: bool, ts: String },
}

/// `#[js(type = "…", optional)]` of a parameter.
fn js_attr(attrs: &[Attribute]) -> syn::Result<(Option<String>, bool)> {
    let (mut ts, mut optional) = (None, false);
    for attr in attrs.iter().filter(|a| a.path().is_ident("js")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("type") {
                ts = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("optional") {
                optional = true;
            } else {
                return Err(meta.error("expected type = \"…\" or optional"));
            }
            Ok(())
        })?;
    }
    Ok((ts, optional))
}

fn is_path(ty: &Type, name: &str) -> bool {
    matches!(crate::shaped::peel(ty), Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == name))
}

fn classify(pat: &syn::PatType, generics: &syn::Generics) -> syn::Result<Param> {
    let (ts, optional) = js_attr(&pat.attrs)?;
    let name = match &*pat.pat {
        Pat::Ident(i) => i.ident.to_string(),
        other => return Err(syn::Error::new_spanned(other, "a plain parameter name was expected")),
    };
    let needs_ts = |what: &str| {
        ts.clone().ok_or_else(|| syn::Error::new_spanned(pat, format!("{what} needs #[js(type = \"…\")]")))
    };
    let ty = &*pat.ty;
    if name == "now_ms" {
        return Ok(Param::Now);
    }
    if let Type::Reference(r) = ty {
        let inner = &*r.elem;
        if is_path(inner, "str") {
            return Ok(Param::Text);
        }
        if is_path(inner, "Loose") {
            return Ok(Param::Scalar { ts: needs_ts("a &Loose parameter")?, optional });
        }
        let generic = generics.type_params().any(|g| is_path(inner, &g.ident.to_string()));
        if generic {
            return Ok(Param::Tree { ts: needs_ts("a tree parameter")?, optional });
        }
        let ts = ts.clone().unwrap_or_else(|| type_name(inner));
        return Ok(Param::Input { ty: Box::new(inner.clone()), by_ref: true, ts });
    }
    if let Some(inner) = crate::shaped::option_inner(ty) {
        if matches!(inner, Type::Reference(r) if is_path(&r.elem, "str")) {
            return Ok(Param::OptText { ts: ts.clone().unwrap_or_else(|| "string".to_owned()) });
        }
    }
    Ok(Param::Input { ty: Box::new(ty.clone()), by_ref: false, ts: ts.clone().unwrap_or_else(|| type_name(ty)) })
}

/// The doc lines of an item up to its first blank one: the JS method's doc (what follows is for
/// Rust readers: examples, links, rules).
fn first_paragraph(attrs: &[Attribute]) -> Vec<Attribute> {
    let blank = |a: &Attribute| match &a.meta {
        syn::Meta::NameValue(nv) => {
            matches!(&nv.value, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) if s.value().trim().is_empty())
        }
        _ => false,
    };
    attrs.iter().filter(|a| a.path().is_ident("doc")).take_while(|a| !blank(a)).cloned().collect()
}

/// The `path: "…"` of a `ListSpec` constant.
fn list_path(c: &ItemConst) -> syn::Result<String> {
    if let syn::Expr::Struct(s) = &*c.expr {
        for f in &s.fields {
            if matches!(&f.member, syn::Member::Named(n) if n == "path") {
                if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(p), .. }) = &f.expr {
                    return Ok(p.value());
                }
            }
        }
    }
    Err(syn::Error::new_spanned(&c.ident, "a list endpoint's ListSpec needs `path: \"…\"`"))
}

fn type_name(ty: &Type) -> String {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
        _ => String::new(),
    }
}

/// The route constant's pieces: `"/meetings/{meeting_id}/lobby"` → (`["/meetings/", "/lobby"]`,
/// `["meeting_id"]`).
fn split_path(path: &LitStr) -> syn::Result<(Vec<String>, Vec<String>)> {
    let text = path.value();
    let (mut pieces, mut ids) = (vec![String::new()], Vec::new());
    let mut rest = text.as_str();
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').ok_or_else(|| syn::Error::new_spanned(path, "unclosed {"))? + open;
        pieces.last_mut().unwrap().push_str(&rest[..open]);
        ids.push(rest[open + 1..close].to_owned());
        pieces.push(String::new());
        rest = &rest[close + 1..];
    }
    pieces.last_mut().unwrap().push_str(rest);
    if !text.starts_with('/') {
        return Err(syn::Error::new_spanned(path, "a path starts with /"));
    }
    Ok((pieces, ids))
}

fn builder(args: Args, mut f: ItemFn) -> syn::Result<TokenStream> {
    let (method, path) = args.route.clone().expect("builder form");
    let js = required(&args.js, "js = name")?;
    let (answer_ty, pick) = required(&args.answer, "answer = Type")?;
    let (pieces, ids) = split_path(&path)?;
    let builder_name = f.sig.ident.clone();
    let route_name = format_ident!("{}", builder_name.to_string().to_uppercase());
    let method_variant = format_ident!("{}", {
        let m = method.to_string();
        m[..1].to_owned() + &m[1..].to_lowercase()
    });
    let auth = match (args.token, args.basic, args.body_token) {
        (true, _, _) => quote!(Token),
        (_, true, _) => quote!(Basic),
        (_, _, true) => quote!(BodyToken),
        _ => quote!(ApiId),
    };
    let app_type = args.app_type;
    let route_doc = format!("The route of [`{builder_name}`]: `{method} {}`.", path.value());

    // The method's parameters and the builder's arguments, in order.
    let (mut params, mut reads, mut call_args) = (Vec::new(), Vec::new(), Vec::new());
    let mut uses_now = false;
    for input in f.sig.inputs.iter_mut() {
        let FnArg::Typed(pat) = input else {
            return Err(syn::Error::new_spanned(input, "a builder is a free function"));
        };
        let kind = classify(pat, &f.sig.generics)?;
        pat.attrs.retain(|a| !a.path().is_ident("js"));
        let Pat::Ident(name) = &*pat.pat else { unreachable!("checked by classify") };
        let name = name.ident.clone();
        let field = name.to_string();
        let js_value = quote!(::wasm_bindgen::JsValue);
        match kind {
            Param::Now => {
                uses_now = true;
                call_args.push(quote!(now_ms));
                continue;
            }
            Param::Text => {
                params.push(quote!(#[wasm_bindgen(unchecked_param_type = "string")] #name: #js_value));
                reads.push(quote!(let #name = crate::wasm::client::arg::text(&#name, #field)?;));
                call_args.push(quote!(&#name));
            }
            Param::OptText { ts } => {
                params.push(quote!(#[wasm_bindgen(unchecked_optional_param_type = #ts)] #name: ::core::option::Option<#js_value>));
                reads.push(quote!(let #name = crate::wasm::client::arg::opt_text(#name, #field)?;));
                call_args.push(quote!(#name.as_deref()));
            }
            Param::Scalar { ts, optional: true } => {
                params.push(quote!(#[wasm_bindgen(unchecked_optional_param_type = #ts)] #name: ::core::option::Option<#js_value>));
                reads.push(quote!(let #name = crate::wasm::client::arg::scalar(&#name.unwrap_or_default());));
                call_args.push(quote!(&#name));
            }
            Param::Scalar { ts, optional: false } => {
                params.push(quote!(#[wasm_bindgen(unchecked_param_type = #ts)] #name: #js_value));
                reads.push(quote!(let #name = crate::wasm::client::arg::scalar(&#name);));
                call_args.push(quote!(&#name));
            }
            Param::Tree { ts, optional: false } => {
                params.push(quote!(#[wasm_bindgen(unchecked_param_type = #ts)] #name: #js_value));
                reads.push(quote!(let #name = crate::wasm::client::arg::object(&#name)?;));
                call_args.push(quote!(&#name));
            }
            Param::Tree { ts, optional: true } => {
                params.push(quote!(#[wasm_bindgen(unchecked_optional_param_type = #ts)] #name: ::core::option::Option<#js_value>));
                reads.push(quote!(let #name = crate::wasm::client::arg::opt_object(#name)?;));
                call_args.push(quote!(&#name));
            }
            Param::Input { ty, by_ref, ts } => {
                params.push(quote!(#[wasm_bindgen(unchecked_param_type = #ts)] #name: #js_value));
                reads.push(
                    quote!(let #name = <#ty as crate::api::Input>::read(&crate::wasm::client::arg::object(&#name)?)?;),
                );
                call_args.push(if by_ref { quote!(&#name) } else { quote!(#name) });
            }
        }
    }
    let files = match &args.files {
        Some(p) => quote!(::core::option::Option::Some(#p.clone())),
        None => quote!(::core::option::Option::None),
    };
    let returns_result = match &f.sig.output {
        syn::ReturnType::Type(_, t) => is_path(t, "Result"),
        _ => false,
    };
    let try_ = returns_result.then(|| quote!(?));
    let now_pat = if uses_now { quote!(now_ms) } else { quote!(_) };

    let answer_name = ts_name(&answer_ty);
    let ts_return = match (&pick, args.session) {
        (_, true) => "Promise<Session>".to_owned(),
        (Some(key), _) => format!("Promise<{answer_name}[\"{key}\"]>"),
        (None, _) => format!("Promise<{answer_name}>"),
    };
    let pick_tokens = match &pick {
        Some(k) => {
            let k = k.to_string();
            quote!(::core::option::Option::Some(#k))
        }
        None => quote!(::core::option::Option::None),
    };
    let flags = match (args.session, args.read) {
        (true, _) => quote!(crate::wasm::client::LOGIN_FLAG),
        (_, true) => quote!(crate::wasm::client::READ_FLAG),
        _ => quote!(0),
    };
    // What a caller needs to know of retries where the method does not say it (every Iotum
    // call is a POST).
    let retry_line = match (args.read, args.body_token) {
        (true, _) => Some("Read: repeated (up to 3 attempts) after a timeout, a network error or a 5xx."),
        (false, true) => Some("Write: sent once; never repeated after a timeout, a network error or a 5xx."),
        _ => None,
    }
    .map(|line| quote!(#[doc = ""] #[doc = #line]));
    let checks = answer_checks(&answer_ty, &pick);
    let rust_name = snake(&js);
    let docs = first_paragraph(&f.attrs);
    let route_line = format!("`{method} {}`", path.value());
    let impl_head = impl_head(&args.client);
    let build = match (args.full, args.browser, &args.client) {
        // Another API's class: the server build only.
        (_, _, Some(_)) => quote!(all(target_arch = "wasm32", feature = "server")),
        (true, _, _) => quote!(all(target_arch = "wasm32", feature = "full")),
        (_, true, _) => quote!(all(target_arch = "wasm32", not(feature = "server"))),
        _ => quote!(target_arch = "wasm32"),
    };

    let rust_method = crate::rust_client::builder(crate::rust_client::BuilderMethod {
        name: rust_name.clone(),
        builder: &f,
        answer: &answer_ty,
        docs: &docs,
        route_line: &route_line,
        returns_result,
        full: args.full,
        client: args.client.as_ref(),
        files: args.files.is_some(),
        read: args.read,
        skipped: args.session,
    });

    Ok(quote! {
        #f

        #rust_method

        #[doc = #route_doc]
        pub const #route_name: crate::api::Route = crate::api::Route {
            method: crate::api::Method::#method_variant,
            pieces: &[#(#pieces),*],
            ids: &[#(#ids),*],
            auth: crate::api::Auth::#auth,
            app_type: #app_type,
        };

        #checks

        // In a block of its own: wasm-bindgen takes the class's name, not a path.
        #[cfg(#build)]
        const _: () = {
        #impl_head {
            #(#docs)*
            #[doc = ""]
            #[doc = #route_line]
            #retry_line
            #[wasm_bindgen(js_name = #js, unchecked_return_type = #ts_return)]
            pub fn #rust_name(
                &self,
                #(#params,)*
                #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: ::core::option::Option<::wasm_bindgen::JsValue>,
            ) -> ::js_sys::Promise {
                let files = #files;
                self.call(
                    options,
                    files,
                    move |#now_pat| {
                        #(#reads)*
                        #builder_name(#(#call_args),*)#try_.with_json_body()
                    },
                    crate::wasm::client::Answer {
                        shape: crate::shape_json!(<#answer_ty as crate::shape::Shaped>::SHAPE),
                        pick: #pick_tokens,
                        flags: #flags,
                    },
                )
            }
        }
        };
    })
}

fn list(args: Args, c: ItemConst) -> syn::Result<TokenStream> {
    let js = required(&args.js, "js = name")?;
    let each = required(&args.each, "each = name")?;
    let query = required(&args.query, "query = TypeScriptName")?.to_string();
    let (answer_ty, pick) = required(&args.answer, "answer = Type.key")?;
    let key =
        pick.clone().ok_or_else(|| syn::Error::new_spanned(&answer_ty, "answer = Type.key (the items' field)"))?;
    let answer_name = ts_name(&answer_ty);
    let page_ts = format!("Promise<{answer_name}>");
    let each_ts = format!("AsyncIterable<{answer_name}[\"{key}\"][number]>");
    let key = key.to_string();
    let spec = &c.ident;
    let (list_name, each_name) = (snake(&js), snake(&each));
    let impl_head = impl_head(&args.client);
    let build = if args.client.is_some() {
        quote!(all(target_arch = "wasm32", feature = "server"))
    } else {
        quote!(target_arch = "wasm32")
    };
    let docs = first_paragraph(&c.attrs);
    let page_doc = format!("One page of them (`GET {}?…`).", list_path(&c)?);
    let each_doc = format!(
        "Every one of them, page after page, fetched as the loop asks for more: `for await (const item of client.{each}(query)) {{ … }}`."
    );
    let checks = answer_checks(&answer_ty, &pick);
    let shape = quote!(crate::shape_json!(<#answer_ty as crate::shape::Shaped>::SHAPE));
    let (list_call, iterate_call) = match &args.check {
        None => (
            quote!(self.list(&#spec, query, options, #shape)),
            quote!(self.iterate(&#spec, query, options, #shape, #key)),
        ),
        Some(check) => (
            quote!(self.list_with(&#spec, #check, query, options, #shape)),
            quote!(self.iterate_with(&#spec, #check, query, options, #shape, #key)),
        ),
    };
    let params = quote! {
        #[wasm_bindgen(unchecked_optional_param_type = #query)] query: ::core::option::Option<::wasm_bindgen::JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: ::core::option::Option<::wasm_bindgen::JsValue>,
    };
    let rust_methods = crate::rust_client::list(crate::rust_client::ListMethods {
        list_name: list_name.clone(),
        each_name: each_name.clone(),
        spec,
        answer: &answer_ty,
        docs: &docs,
        path: &list_path(&c)?,
        client: args.client.as_ref(),
        check: args.check.as_ref(),
    });
    Ok(quote! {
        #c

        #rust_methods

        #checks

        #[cfg(#build)]
        const _: () = {
        #impl_head {
            #(#docs)*
            #[doc = ""]
            #[doc = #page_doc]
            #[wasm_bindgen(js_name = #js, unchecked_return_type = #page_ts)]
            pub fn #list_name(&self, #params) -> ::js_sys::Promise {
                #list_call
            }

            #(#docs)*
            #[doc = ""]
            #[doc = #each_doc]
            #[wasm_bindgen(js_name = #each, unchecked_return_type = #each_ts)]
            pub fn #each_name(&self, #params) -> ::wasm_bindgen::JsValue {
                #iterate_call
            }
        }
        };
    })
}
