//! `#[derive(Shaped)]`: a struct's decoding table from its fields (the rules: `lib.rs`).

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, Data, DeriveInput, Fields, GenericArgument, LitStr, PathArguments, Type};

pub fn derive(input: DeriveInput) -> syn::Result<TokenStream> {
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(&input.ident, "Shaped is derived for structs"));
    };
    let Fields::Named(fields) = &data.fields else {
        return Err(syn::Error::new_spanned(&input.ident, "Shaped needs named fields"));
    };
    // `#[serde(default)]` on the struct defaults every field.
    let struct_default = FieldAttrs::read(&input.attrs)?.default;
    let mut entries = Vec::new();
    for field in &fields.named {
        let mut attrs = FieldAttrs::read(&field.attrs)?;
        attrs.default |= struct_default;
        if attrs.skip {
            continue;
        }
        let ident = field.ident.as_ref().expect("named");
        let key = attrs.rename.clone().unwrap_or_else(|| ident.to_string().trim_start_matches("r#").to_owned());
        let (optional, inner) = match option_inner(peel(&field.ty)) {
            Some(t) => (true, t),
            None => (false, &field.ty),
        };
        let presence = if optional {
            quote!(Optional)
        } else if attrs.default || attrs.always {
            quote!(Always)
        } else {
            quote!(Required)
        };
        let kind = match &attrs.kind {
            Some(k) => k.clone(),
            None => kind_of(inner, &attrs)?,
        };
        let alias = match &attrs.alias {
            Some(a) => quote!(::core::option::Option::Some(#a)),
            None => quote!(::core::option::Option::None),
        };
        entries.push(quote! {
            crate::shape::Field { key: #key, alias: #alias, kind: #kind, presence: crate::shape::Presence::#presence }
        });
    }
    let name = &input.ident;
    Ok(quote! {
        impl crate::shape::Shaped for #name {
            const SHAPE: &'static [crate::shape::Field] = &[#(#entries),*];
        }
    })
}

/// What a field's `#[serde]` and `#[shape]` attributes say about its table entry.
#[derive(Default)]
struct FieldAttrs {
    rename: Option<String>,
    alias: Option<String>,
    default: bool,
    always: bool,
    skip: bool,
    entries: Option<LitStr>,
    kind: Option<TokenStream>,
}

impl FieldAttrs {
    fn read(attrs: &[Attribute]) -> syn::Result<Self> {
        let mut out = FieldAttrs::default();
        for attr in attrs {
            if attr.path().is_ident("serde") {
                attr.parse_nested_meta(|meta| {
                    let name = meta.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
                    // Every serde key is consumed, the ones the table ignores too.
                    let value =
                        if meta.input.peek(syn::Token![=]) { Some(meta.value()?.parse::<LitStr>()?) } else { None };
                    match name.as_str() {
                        "rename" => out.rename = value.map(|v| v.value()),
                        "alias" => out.alias = value.map(|v| v.value()),
                        "default" => out.default = true,
                        _ => {}
                    }
                    Ok(())
                })?;
            } else if attr.path().is_ident("shape") {
                attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("always") {
                        out.always = true;
                    } else if meta.path.is_ident("skip") {
                        out.skip = true;
                    } else if meta.path.is_ident("entries") {
                        out.entries = Some(meta.value()?.parse()?);
                    } else if meta.path.is_ident("kind") {
                        // A unit kind by name (`Count`), or any expression of a `Kind` (`PRICES`).
                        let kind: syn::Expr = meta.value()?.parse()?;
                        let unit = ["Text", "Count", "Int", "Number", "Flag", "Texts"];
                        out.kind = Some(match &kind {
                            syn::Expr::Path(p) if unit.iter().any(|u| p.path.is_ident(u)) => {
                                quote!(crate::shape::Kind::#kind)
                            }
                            _ => quote!(#kind),
                        });
                    } else if meta.path.is_ident("pairs") {
                        let content;
                        syn::parenthesized!(content in meta.input);
                        let key: LitStr = content.parse()?;
                        content.parse::<syn::Token![,]>()?;
                        let value: LitStr = content.parse()?;
                        content.parse::<syn::Token![,]>()?;
                        let kind: syn::Ident = content.parse()?;
                        out.kind = Some(quote!(crate::shape::Kind::Pairs(#key, #value, &crate::shape::Kind::#kind)));
                    } else {
                        return Err(meta.error("expected always, skip, entries = \"…\", kind = …, or pairs(…)"));
                    }
                    Ok(())
                })?;
            }
        }
        Ok(out)
    }
}

/// The `Kind` a field's type (without its `Option`) is read as.
fn kind_of(ty: &Type, attrs: &FieldAttrs) -> syn::Result<TokenStream> {
    let last = last_segment(ty).ok_or_else(|| syn::Error::new_spanned(ty, "Shaped: a path type was expected"))?;
    let name = last.ident.to_string();
    if let Some(key) = &attrs.entries {
        let item = vec_inner(ty).ok_or_else(|| syn::Error::new_spanned(ty, "entries = … takes a Vec<T>"))?;
        return Ok(quote!(crate::shape::Kind::Entries(#key, <#item as crate::shape::Shaped>::SHAPE)));
    }
    Ok(match name.as_str() {
        "String" => quote!(crate::shape::Kind::Text),
        "u8" | "u16" | "u32" | "u64" | "usize" => quote!(crate::shape::Kind::Count),
        "i8" | "i16" | "i32" | "i64" | "isize" => quote!(crate::shape::Kind::Int),
        "f32" | "f64" => quote!(crate::shape::Kind::Number),
        "bool" => quote!(crate::shape::Kind::Flag),
        "Vec" => {
            let item = vec_inner(ty).ok_or_else(|| syn::Error::new_spanned(ty, "Vec<T> expected"))?;
            let item_name = last_segment(item).map(|s| s.ident.to_string()).unwrap_or_default();
            if item_name == "String" {
                quote!(crate::shape::Kind::Texts)
            } else if matches!(item_name.as_str(), "i32" | "i64" | "u32" | "u64") {
                quote!(crate::shape::Kind::Ints)
            } else {
                quote!(crate::shape::Kind::List(<#item as crate::shape::Shaped>::SHAPE))
            }
        }
        _ => {
            let ty = peel(ty);
            quote!(crate::shape::Kind::Object(<#ty as crate::shape::Shaped>::SHAPE))
        }
    })
}

/// The type inside the invisible group a `macro_rules!` `$ty` arrives in.
pub fn peel(ty: &Type) -> &Type {
    match ty {
        Type::Group(g) => peel(&g.elem),
        Type::Paren(p) => peel(&p.elem),
        _ => ty,
    }
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match peel(ty) {
        Type::Path(p) => p.path.segments.last(),
        _ => None,
    }
}

/// `T` of `Wrapper<T>` when the type's last segment is `wrapper`.
fn generic_inner<'a>(ty: &'a Type, wrapper: &str) -> Option<&'a Type> {
    let seg = last_segment(ty).filter(|s| s.ident == wrapper)?;
    match &seg.arguments {
        PathArguments::AngleBracketed(a) => a.args.iter().find_map(|arg| match arg {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

pub fn option_inner(ty: &Type) -> Option<&Type> {
    generic_inner(ty, "Option")
}

fn vec_inner(ty: &Type) -> Option<&Type> {
    generic_inner(ty, "Vec")
}
