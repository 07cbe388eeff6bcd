// A worker on the server build, "ucaas-client/server", for test/server.test.mjs: the back-office
// scenario of tests/node/server.test.mjs run inside workerd (HTTP Basic with the API id and key,
// no session). Its modules are listed by `node tools/modules.mjs --subpath ./server --main
// test/server-worker.js --out .gen/server-modules.capnp`; test/server.capnp runs it.
//
//   GET /provision   admin: a customer and a subscription; acme: a user, read back
//   GET /wrong-key   a call with WRONG_API_KEY: { kind, status, message }
//   GET /forbidden   acme reading c-other: { kind, status }
// Any other failure answers 500 { error }.

import { UcaasServer, isUcaasError } from "ucaas-client/server";

const json = (body, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

const inDays = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Runs `call`, which must fail with a UcaasError; answers what the error says. */
async function failure(call, fields) {
  try {
    await call();
  } catch (e) {
    if (!isUcaasError(e)) throw e;
    return json(Object.fromEntries(fields.map((f) => [f, e[f]])));
  }
  return json({ error: "the call succeeded" }, 500);
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    const admin = (apiKey = env.UCAAS_API_KEY) =>
      new UcaasServer({ baseUrl: env.UCAAS_BASE_URL, apiId: env.UCAAS_API_ID, apiKey });
    const acme = () => new UcaasServer({ baseUrl: env.UCAAS_BASE_URL, apiId: env.ACME_API_ID, apiKey: env.ACME_API_KEY });
    try {
      if (request.method !== "GET") return json({ error: "method not allowed" }, 405);
      if (pathname === "/provision") {
        const tag = `w${Date.now()}${Math.floor(Math.random() * 1e6)}`;
        const added = await admin().addCustomer({
          customer_name: `Cust ${tag}`,
          customer_legal_name: `Cust ${tag} Ltd`,
          contact_name: "Pat Contact",
          contact_email: `${tag}@customers.test`,
          office_address: { address_1: "1 Main Street", city: "Paris", country_id: "FR" },
        });
        const customerId = added.customer?.customer_id;
        const subscription = await admin().addSubscription({
          customer_id: customerId,
          plan_id: "plan-vc-basic",
          subscription: { no_of_license: 3, subsxn_date: inDays(2) },
        });
        const email = `${tag}@example.test`;
        const user = await acme().addUser({ user_type: "user", first_name: "Dana", email });
        const read = await acme().getUser(user.user_id);
        return json({
          customerId,
          subscriptionId: subscription.subscription_id,
          subscriptionCustomerId: subscription.customer_id,
          userId: user.user_id,
          email,
          readEmail: read.email,
        });
      }
      if (pathname === "/wrong-key") {
        return await failure(() => admin(env.WRONG_API_KEY).getCustomer("c-acme"), ["kind", "status", "message"]);
      }
      if (pathname === "/forbidden") {
        return await failure(() => acme().getCustomer("c-other"), ["kind", "status"]);
      }
      return json({ error: "not found" }, 404);
    } catch (e) {
      const error = isUcaasError(e) ? `${e.kind} (${e.status}): ${e.message}` : String(e?.stack ?? e);
      return json({ error }, 500);
    }
  },
};
