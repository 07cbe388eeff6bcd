//! The Rust client's methods (feature `client`) from an `#[endpoint]` description: UCaaS's on
//! `crate::client::Client`, another API's (`client = CpaasClient`, `client = IotumClient`) on
//! `crate::client::` of that name (an Iotum call passes the route's `read` flag: its client
//! decides repeats by it, not by the method). The session door (`session`: login) gets none
//! here (`Client::login` is written by hand).
//!
//! A builder's method takes the builder's parameters as written (`now_ms` is the client's clock)
//! and returns the whole answer type; a list route gets `list_…` (one page) and its items as a
//! `Stream`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, FnArg, Ident, Pat};

/// What a builder endpoint's Rust method is made of.
pub struct BuilderMethod<'a> {
    pub name: Ident,
    pub builder: &'a syn::ItemFn,
    pub answer: &'a syn::Path,
    pub docs: &'a [Attribute],
    pub route_line: &'a str,
    pub returns_result: bool,
    /// `full`: in the full build only, though its area is in the core one.
    pub full: bool,
    /// `client = …`: the class of another API.
    pub client: Option<&'a Ident>,
    /// `files = …`: a multipart request with file parts, which gets a `…_with_files` twin.
    pub files: bool,
    /// `read`: the route only reads (the Iotum client repeats it; every Iotum call is a POST).
    pub read: bool,
    /// `session`: no Rust method.
    pub skipped: bool,
}

/// The type the methods are on: `crate::client::Client`, or another API's client.
fn target(client: Option<&Ident>) -> TokenStream {
    match client {
        None => quote!(crate::client::Client),
        Some(client) => quote!(crate::client::#client),
    }
}

/// The cfg of a Rust method: the feature, and the full build for a `full` endpoint on wasm32.
fn build(full: bool) -> TokenStream {
    if full {
        quote!(all(feature = "client", any(feature = "full", not(target_arch = "wasm32"))))
    } else {
        quote!(feature = "client")
    }
}

pub fn builder(m: BuilderMethod<'_>) -> TokenStream {
    if m.skipped {
        return TokenStream::new();
    }
    let target = target(m.client);
    let f = &m.builder.sig;
    let (mut params, mut args) = (Vec::new(), Vec::new());
    for input in &f.inputs {
        let FnArg::Typed(pat) = input else { continue };
        let Pat::Ident(name) = &*pat.pat else { continue };
        let name = &name.ident;
        if name == "now_ms" {
            args.push(quote!(self.now_ms()));
            continue;
        }
        let ty = &pat.ty;
        params.push(quote!(#name: #ty));
        args.push(quote!(#name));
    }
    let (generics, where_clause) = (&f.generics.params, &f.generics.where_clause);
    let example = builder_example(&m.name, f, m.answer, m.client);
    let generics = if generics.is_empty() { quote!() } else { quote!(<#generics>) };
    let (name, builder, answer, docs, route_line) = (&m.name, &f.ident, m.answer, m.docs, m.route_line);
    let try_ = m.returns_result.then(|| quote!(?));
    let cfg = build(m.full);
    let (send, twin) = if m.files {
        let twin_name = quote::format_ident!("{}_with_files", name);
        let twin_text = twin_name.to_string();
        let twin_doc = format!(
            "[`{name}`](Self::{name}) with the bytes of the input's files: each file field of the input an object \
             (`{{}}`), its bytes in `files` under the part's name (`image[0][img_file]`)."
        );
        let twin_example = files_example(&twin_name, f, m.answer, m.client);
        let send = quote!(self.call_with_files::<#answer, _>(req, ::core::option::Option::None, #twin_text).await);
        let twin = quote! {
            #[doc = #twin_doc]
            #[doc = ""]
            #[doc = #route_line]
            #twin_example
            pub async fn #twin_name #generics (&self, #(#params,)* files: &crate::client::Files) -> ::core::result::Result<#answer, crate::Error> #where_clause {
                let req = #builder(#(#args),*)#try_;
                self.call_with_files::<#answer, _>(req, ::core::option::Option::Some(files), #twin_text).await
            }
        };
        (send, twin)
    } else {
        (quote!(self.call::<#answer, _>(req).await), quote!())
    };
    let send = match m.client {
        Some(c) if c == "IotumClient" => {
            let read = m.read;
            quote!(self.call::<#answer, _>(req, #read).await)
        }
        _ => send,
    };
    quote! {
        #[cfg(#cfg)]
        const _: () = {
        impl<Tp: crate::client::Transport> #target<Tp> {
            #(#docs)*
            #[doc = ""]
            #[doc = #route_line]
            #example
            pub async fn #name #generics (&self, #(#params),*) -> ::core::result::Result<#answer, crate::Error> #where_clause {
                let req = #builder(#(#args),*)#try_;
                #send
            }

            #twin
        }
        };
    }
}

/// The doc example of a `…_with_files` method: the builder's parameters made by hidden lines,
/// the files given.
fn files_example(name: &Ident, f: &syn::Signature, answer: &syn::Path, client: Option<&Ident>) -> TokenStream {
    let mut lines = vec![
        "# use ucaas_client::client::{FileBody, Files};".to_owned(),
        "let logo = std::fs::read(\"logo.png\").unwrap_or_default();".to_owned(),
        "let files = Files::new().with(\"image[0][img_file]\", FileBody::new(\"logo.png\", \"image/png\", logo));"
            .to_owned(),
    ];
    let mut args = Vec::new();
    for input in &f.inputs {
        let FnArg::Typed(pat) = input else { continue };
        let Pat::Ident(arg) = &*pat.pat else { continue };
        let arg = arg.ident.to_string();
        if arg != "now_ms" {
            lines.push(format!("# let {arg} = todo!();"));
            args.push(arg);
        }
    }
    args.push("&files".into());
    lines.push(format!("let answer: {} = client.{name}({}).await?;", type_name(answer), args.join(", ")));
    lines.push("# let _ = answer;".into());
    example(client, &lines)
}

/// What a list endpoint's Rust methods are made of.
pub struct ListMethods<'a> {
    pub list_name: Ident,
    pub each_name: Ident,
    pub spec: &'a Ident,
    pub answer: &'a syn::Path,
    pub docs: &'a [Attribute],
    pub path: &'a str,
    /// `client = …`: the class of another API.
    pub client: Option<&'a Ident>,
    /// `check = …`: the query's rules, if not `list::check`'s.
    pub check: Option<&'a syn::Path>,
}

pub fn list(m: ListMethods<'_>) -> TokenStream {
    let target = target(m.client);
    let (list_name, each_name, spec, answer, docs) = (&m.list_name, &m.each_name, m.spec, m.answer, m.docs);
    let page_doc = format!(
        "One page of them (`GET {}?…`); `query`: the list query as JSON (`page`, `page_length`, `search_by`, …).",
        m.path
    );
    let each_doc = "Every one of them, page after page, fetched as the stream is polled (`while let Some(item) = stream.next().await`); a failure is the last item.";
    let answer_name = type_name(answer);
    let page_example = example(
        m.client,
        &[
            format!(
            "let page: {answer_name} = client.{list_name}(Some(&serde_json::json!({{\"page_length\": 20}}))).await?;"
        ),
            "# let _ = page;".into(),
        ],
    );
    let each_example = example(
        m.client,
        &[
            "use futures_util::StreamExt;".into(),
            format!("let mut items = std::pin::pin!(client.{each_name}(None));"),
            "while let Some(item) = items.next().await {".into(),
            "    let item = item?; // a failure ends the stream".into(),
            "#   let _ = item;".into(),
            "}".into(),
        ],
    );
    let cfg = build(false);
    let check = match m.check {
        Some(check) => quote!(#check),
        None => quote!(crate::api::list::check),
    };
    quote! {
        #[cfg(#cfg)]
        const _: () = {
        impl<Tp: crate::client::Transport> #target<Tp> {
            #(#docs)*
            #[doc = ""]
            #[doc = #page_doc]
            #page_example
            pub async fn #list_name(&self, query: ::core::option::Option<&::serde_json::Value>) -> ::core::result::Result<#answer, crate::Error> {
                self.list_page::<#answer>(&#spec, #check, query).await
            }

            #(#docs)*
            #[doc = ""]
            #[doc = #each_doc]
            #each_example
            pub fn #each_name(
                &self,
                query: ::core::option::Option<&::serde_json::Value>,
            ) -> impl ::futures_util::Stream<Item = ::core::result::Result<<#answer as crate::client::Page>::Item, crate::Error>> + '_ {
                self.items::<#answer>(&#spec, #check, query)
            }
        }
        };
    }
}

/// The doc example of a builder's method: the call with the builder's parameters (made by hidden
/// lines, so the example compiles without showing made-up values) and the answer's type.
fn builder_example(name: &Ident, f: &syn::Signature, answer: &syn::Path, client: Option<&Ident>) -> TokenStream {
    let generic_names: Vec<String> = f.generics.type_params().map(|p| p.ident.to_string()).collect();
    let (mut lines, mut args) = (Vec::new(), Vec::new());
    for input in &f.inputs {
        let FnArg::Typed(pat) = input else { continue };
        let Pat::Ident(arg) = &*pat.pat else { continue };
        let arg = arg.ident.to_string();
        if arg == "now_ms" {
            continue;
        }
        let ty = &pat.ty;
        let ty = quote!(#ty).to_string();
        let generic =
            generic_names.iter().any(|g| ty.split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == g));
        // A generic input (`&T: Tree`) is read from JSON; any other takes its type's value.
        let value = if generic { "&serde_json::json!({})" } else { "todo!()" };
        lines.push(format!("# let {arg} = {value};"));
        args.push(arg);
    }
    // A `super::` path does not resolve in the example (outside the area's module): unnamed.
    let ty = type_name(answer);
    let annotation = if ty.starts_with("super::") { String::new() } else { format!(": {ty}") };
    lines.push(format!("let answer{annotation} = client.{name}({}).await?;", args.join(", ")));
    lines.push("# let _ = answer;".into());
    example(client, &lines)
}

/// A path as the doc example writes it (`crate::` is the crate's name there).
fn type_name(path: &syn::Path) -> String {
    quote!(#path).to_string().replace(' ', "").replace("crate::", "ucaas_client::")
}

/// `# Example` with `body` inside an async function given `client`, the area module's items in
/// scope (`module_path!()` is the area's, where the method is generated). Compiled, not run;
/// natively only (the wasm32 doc tests are the web door's).
fn example(client: Option<&Ident>, body: &[String]) -> TokenStream {
    let ty = client.map_or_else(|| "Client".to_owned(), Ident::to_string);
    let head = ["", "# Example", "", "```no_run,ignore-wasm32"];
    let uses = format!("# use ucaas_client::client::{{{ty}, Transport}};");
    let open = format!("# async fn example(client: &{ty}<impl Transport>) -> Result<(), ucaas_client::Error> {{");
    let tail = ["# Ok(()) }", "```"];
    quote! {
        #(#[doc = #head])*
        #[doc = #uses]
        #[doc = concat!("# #[allow(unused_imports)] use ", module_path!(), "::*;")]
        #[doc = #open]
        #(#[doc = #body])*
        #(#[doc = #tail])*
    }
}
