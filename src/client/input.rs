//! Input values written in Rust: the input types' fields are [`Loose`] (any JSON value, judged by
//! the builders' rules, as a JavaScript caller's are), so plain Rust values convert into them
//! (`room_name: "Standup".into()`, `duration: 30.into()`). A whole input may also be read from
//! JSON: `MeetingInput::read(&serde_json::json!({…}))` ([`crate::api::Input`]).

use crate::loose::Loose;

impl From<&str> for Loose {
    fn from(v: &str) -> Self {
        Loose::Str(v.to_owned())
    }
}

impl From<String> for Loose {
    fn from(v: String) -> Self {
        Loose::Str(v)
    }
}

impl From<bool> for Loose {
    fn from(v: bool) -> Self {
        Loose::Bool(v)
    }
}

impl From<f64> for Loose {
    fn from(v: f64) -> Self {
        Loose::Num(v)
    }
}

impl From<i32> for Loose {
    fn from(v: i32) -> Self {
        Loose::Num(f64::from(v))
    }
}

impl From<u32> for Loose {
    fn from(v: u32) -> Self {
        Loose::Num(f64::from(v))
    }
}

impl<T: Into<Loose>> From<Vec<T>> for Loose {
    fn from(v: Vec<T>) -> Self {
        Loose::List(v.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Loose>> From<Option<T>> for Loose {
    fn from(v: Option<T>) -> Self {
        v.map_or(Loose::Null, Into::into)
    }
}
