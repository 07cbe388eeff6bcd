//! Every item of a list route, page after page, as a `Stream` (the `pages` generator of
//! js/runtime.js, same rules).

use super::{Client, Transport};
use crate::api::list::{self, CheckedQuery, ListSpec};
use crate::error::Error;
use crate::shape::Shaped;
use futures_util::stream::{self, Stream};
use serde::de::DeserializeOwned;

/// The API's documented default page length (`DEFAULT_PAGE_LENGTH` of the wasm client).
const DEFAULT_PAGE_LENGTH: u32 = 10;

/// A list answer: its items, and the page length the server says it applied.
pub trait Page: Shaped + DeserializeOwned + 'static {
    /// One item (`Meeting` of `MeetingList`).
    type Item: PartialEq + Clone + 'static;

    /// The page's items and its echoed `search.page_length`.
    fn into_items(self) -> (Vec<Self::Item>, Option<u32>);
}

/// A list route's query rules: [`list::check`], or an API's own (`#[endpoint(list, check = …)]`).
pub type QueryCheck = fn(Option<&serde_json::Value>, &ListSpec) -> Result<CheckedQuery, Error>;

impl<T: Transport> Client<T> {
    /// One page of a list route (what the generated `list_…` methods call).
    #[doc(hidden)]
    pub async fn list_page<A: Shaped + DeserializeOwned>(
        &self,
        spec: &'static ListSpec,
        check: QueryCheck,
        query: Option<&serde_json::Value>,
    ) -> Result<A, Error> {
        let req = list::request(spec, &check(query, spec)?);
        self.call(req).await
    }

    /// Every item of a list route, fetching a page only when the stream is polled for more
    /// (what the generated item streams return). A bad query is the stream's first and only
    /// item; so is any failed page. A page shorter than the applied page length is the last;
    /// a page equal to the one before means the server ignores `page`: a `decode` error
    /// rather than a loop.
    #[doc(hidden)]
    pub fn items<A: Page>(
        &self,
        spec: &'static ListSpec,
        check: QueryCheck,
        query: Option<&serde_json::Value>,
    ) -> impl Stream<Item = Result<A::Item, Error>> + '_ {
        struct State<I> {
            next: Result<CheckedQuery, Error>,
            length: u32,
            buffered: std::vec::IntoIter<I>,
            previous: Option<Vec<I>>,
            done: bool,
        }
        let checked = check(query, spec);
        let length = checked.as_ref().ok().and_then(|q| q.page_length).unwrap_or(DEFAULT_PAGE_LENGTH);
        let next = checked.map(|q| CheckedQuery { page: Some(q.page.unwrap_or(1)), page_length: Some(length), ..q });
        let start = State { next, length, buffered: Vec::new().into_iter(), previous: None, done: false };
        stream::unfold(start, move |mut state| async move {
            loop {
                if let Some(item) = state.buffered.next() {
                    return Some((Ok(item), state));
                }
                if state.done {
                    return None;
                }
                let query = match &state.next {
                    Ok(q) => q.clone(),
                    Err(e) => {
                        state.done = true;
                        return Some((Err(e.clone()), state));
                    }
                };
                let page = query.page.unwrap_or(1);
                let answer: A = match self.call(list::request(spec, &query)).await {
                    Ok(a) => a,
                    Err(e) => {
                        state.done = true;
                        return Some((Err(e), state));
                    }
                };
                let (items, applied) = answer.into_items();
                if items.is_empty() {
                    return None;
                }
                if state.previous.as_ref() == Some(&items) {
                    state.done = true;
                    let message =
                        format!("Page {page} repeats page {}: the server ignores the page parameter", page - 1);
                    return Some((Err(Error::decode(Some(200), message)), state));
                }
                let applied = applied.filter(|&n| n > 0).unwrap_or(state.length);
                state.done = items.len() < applied as usize;
                // Kept to compare with the next page (the JS client compares their JSON).
                state.previous = (!state.done).then(|| items.clone());
                state.buffered = items.into_iter();
                state.next = Ok(CheckedQuery { page: Some(page + 1), ..query });
            }
        })
    }
}
