//! Subscriptions (document §4): the plans and add-ons a company subscribes to.

use super::{with_input, ANSWERS};
use crate::api::Request;
use crate::error::Error;
use crate::loose;
use crate::shape::Tree;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tsify::Tsify;
use ucaas_client_macros::endpoint;

loose_fields!(
    /// A product: a plan or an add-on.
    Product {
        /// Its unique alphabetic identifier.
        slug: String = "loose::opt_string",
        /// Its name.
        name: String = "loose::opt_string",
        /// A plan (`true`) or an add-on (`false`).
        plan: bool = "loose::opt_bool",
        /// Its description (when asked for).
        description: String = "loose::opt_string",
    }
);

items_answer!(
    /// The answer of `subscription/fetch_products`.
    ProductList, items, Product
);

loose_fields!(
    /// A company's subscription to a product.
    IotumSubscription {
        /// Its id, unique across all companies.
        id: i64 = "loose::opt_i64",
        /// `Active` or `Suspended` (cancelled ones are not listed).
        status: String = "loose::opt_string",
        /// The host limit (per-host priced products).
        host_limit: u32 = "loose::opt_u32",
        /// The product.
        product: Product = "crate::loose::opt_object",
    }
);

items_answer!(
    /// The answer of `subscription/fetch`.
    IotumSubscriptionList, items, IotumSubscription
);

iotum_input!(
    /// Input of `subscriptionFetchProducts`.
    ProductQuery {
        /// Include each product's description.
        include_description: Flag optional,
    }
);

iotum_input!(
    /// Input of `subscriptionCreate`.
    SubscriptionCreateInput {
        /// The company to subscribe.
        company_id: Id,
        /// The product's slug (see `subscriptionFetchProducts`).
        slug: Text,
        /// A current plan's subscription id to switch from (prorated); `null` to keep the current
        /// plans and add this one; absent: the current plan is switched.
        switch_plan: NullableId optional,
        /// The host limit (per-host priced products).
        host_limit: Positive optional,
        /// Also subscribe every existing host (default true).
        subscribe_all_hosts: Flag optional,
    }
);

iotum_input!(
    /// Input of `subscriptionUpdate`.
    SubscriptionUpdateInput {
        /// The company.
        company_id: Id,
        /// The product's slug, which names the subscription.
        slug: Text,
        /// The new host limit.
        host_limit: Positive,
    }
);

iotum_input!(
    /// Input of `subscriptionSuspend`, `subscriptionReactivate` and `subscriptionCancel`: the
    /// company and the product's slug.
    SubscriptionRef {
        /// The company.
        company_id: Id,
        /// The product's slug.
        slug: Text,
    }
);

iotum_input!(
    /// Input of `subscriptionSuspendAll`, `subscriptionReactivateAll` and `subscriptionFetch`.
    SubscriptionCompany {
        /// The company.
        company_id: Id,
    }
);

/// Every product (plan and add-on) of your reseller domain. ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/subscription/fetch_products", body_token, read, client = IotumClient, js = subscriptionFetchProducts, answer = ProductList.items)]
pub fn fetch_products<T: Tree>(#[js(type = "ProductQuery", optional)] query: &T) -> Result<Request<Value>, Error> {
    with_input(&FETCH_PRODUCTS, query, ProductQuery::body)
}

/// Subscribes a company to a plan or an add-on. ResellerAdmin / CompanyAdmin.
#[endpoint(POST "/enterprise_api/subscription/create", body_token, client = IotumClient, js = subscriptionCreate, answer = super::Ack)]
pub fn create<T: Tree>(#[js(type = "SubscriptionCreateInput")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&CREATE, input, SubscriptionCreateInput::body)
}

/// Sets a subscription's host limit (the document's one PUT). ResellerAdmin / CompanyAdmin.
#[endpoint(PUT "/enterprise_api/subscription/update", body_token, client = IotumClient, js = subscriptionUpdate, answer = super::Ack)]
pub fn update<T: Tree>(#[js(type = "SubscriptionUpdateInput")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&UPDATE, input, SubscriptionUpdateInput::body)
}

/// Suspends a subscription: its hosts lose its features until it is reactivated. ResellerAdmin.
#[endpoint(POST "/enterprise_api/subscription/suspend", body_token, client = IotumClient, js = subscriptionSuspend, answer = super::Ack)]
pub fn suspend<T: Tree>(#[js(type = "SubscriptionRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&SUSPEND, input, SubscriptionRef::body)
}

/// Reactivates a suspended subscription. ResellerAdmin.
#[endpoint(POST "/enterprise_api/subscription/reactivate", body_token, client = IotumClient, js = subscriptionReactivate, answer = super::Ack)]
pub fn reactivate<T: Tree>(#[js(type = "SubscriptionRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&REACTIVATE, input, SubscriptionRef::body)
}

/// Cancels a subscription for good. ResellerAdmin.
#[endpoint(POST "/enterprise_api/subscription/cancel", body_token, client = IotumClient, js = subscriptionCancel, answer = super::Ack)]
pub fn cancel<T: Tree>(#[js(type = "SubscriptionRef")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&CANCEL, input, SubscriptionRef::body)
}

/// Suspends every active subscription of a company (the server answers 202 and works on).
/// ResellerAdmin.
#[endpoint(POST "/enterprise_api/subscription/suspend_all", body_token, client = IotumClient, js = subscriptionSuspendAll, answer = super::Ack)]
pub fn suspend_all<T: Tree>(#[js(type = "SubscriptionCompany")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&SUSPEND_ALL, input, SubscriptionCompany::body)
}

/// Reactivates every suspended subscription of a company (202). ResellerAdmin.
#[endpoint(POST "/enterprise_api/subscription/reactivate_all", body_token, client = IotumClient, js = subscriptionReactivateAll, answer = super::Ack)]
pub fn reactivate_all<T: Tree>(#[js(type = "SubscriptionCompany")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&REACTIVATE_ALL, input, SubscriptionCompany::body)
}

/// A company's active and suspended subscriptions. ResellerAdmin.
#[endpoint(POST "/enterprise_api/subscription/fetch", body_token, read, client = IotumClient, js = subscriptionFetch, answer = IotumSubscriptionList.items)]
pub fn fetch<T: Tree>(#[js(type = "SubscriptionCompany")] input: &T) -> Result<Request<Value>, Error> {
    with_input(&FETCH, input, SubscriptionCompany::body)
}
