// The server build, "ucaas-client/server", in Node against the emulator: every call over HTTP
// Basic with the API id and key, no session, the key never shown, roles scoped by the server.
//
//   node --test tests/node/server.test.mjs   (UCAAS_PKG_DIR / UCAAS_CONSUMER_DIR, UCAAS_EMULATOR_BIN)
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { importPackage } from "./lib/package.mjs";
import { startEmulator } from "./lib/emulator.mjs";

const ADMIN = { apiId: "demo-app", apiKey: "demo-key" };
const ACME = { apiId: "acme-app", apiKey: "acme-key" };

let emulator, server, cleanup;
// The headers of every request the package sends (fetch is reached through the global scope).
const sent = [];
let realFetch;

before(async () => {
  emulator = await startEmulator();
  ({ module: server, cleanup } = await importPackage("/server"));
  realFetch = globalThis.fetch;
  globalThis.fetch = (url, init) => {
    sent.push({ url: String(url), headers: { ...init?.headers } });
    return realFetch(url, init);
  };
});

after(async () => {
  globalThis.fetch = realFetch;
  cleanup?.();
  await emulator?.stop();
});

const client = (who = ADMIN, extra = {}) => new server.UcaasServer({ baseUrl: emulator.baseUrl, ...who, ...extra });

async function rejects(promise) {
  try {
    await promise;
  } catch (e) {
    assert.ok(server.isUcaasError(e), `not a UcaasError: ${e}`);
    return e;
  }
  assert.fail("the call succeeded");
}

const tag = () => `s${process.pid}${Math.floor(Math.random() * 1e6)}`;
const inDays = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe("UcaasServer", () => {
  test("sends HTTP Basic with the API id and key on every call, and no login token", async () => {
    const admin = client();
    const from = sent.length;
    const acme = await admin.getCustomer("c-acme");
    assert.equal(acme.customer_id, "c-acme");
    await admin.getTimezones();
    const calls = sent.slice(from);
    assert.equal(calls.length, 2);
    const basic = `Basic ${Buffer.from("demo-app:demo-key").toString("base64")}`;
    for (const { headers } of calls) {
      assert.equal(headers.Authorization, basic);
      assert.equal(headers["X-Api-Id"], "demo-app");
    }
  });

  test("provisions a customer, a subscription and a user, as the documents' back office does", async () => {
    const admin = client();
    const t = tag();
    const added = await admin.addCustomer({
      customer_name: `Cust ${t}`, customer_legal_name: `Cust ${t} Ltd`, contact_name: "Pat Contact",
      contact_email: `${t}@customers.test`,
      office_address: { address_1: "1 Main Street", city: "Paris", country_id: "FR" },
    });
    const customerId = added.customer?.customer_id;
    assert.ok(customerId, JSON.stringify(added));
    const subscription = await admin.addSubscription({
      customer_id: customerId, plan_id: "plan-vc-basic", subscription: { no_of_license: 3, subsxn_date: inDays(2) },
    });
    assert.equal(subscription.customer_id, customerId);
    const listed = await admin.listSubscriptions({ search_by: "customer_id", search_string: customerId });
    assert.equal(listed.subscriptions.length, 1);
    // A user of Acme, by Acme's own back office.
    const acme = client(ACME);
    const email = `${t}@example.test`;
    const user = await acme.addUser({ user_type: "user", first_name: "Dana", email });
    assert.equal((await acme.getUser(user.user_id)).email, email);
    const all = [];
    for await (const u of acme.users({ page_length: 2 })) all.push(u.user_id);
    assert.ok(all.includes(user.user_id));
  });

  test("validates before sending, with the documented codes", async () => {
    const from = sent.length;
    const e = await rejects(client().addCustomer({ customer_name: "X" }));
    assert.equal(e.kind, "validation");
    assert.equal(e.code, 1331);
    assert.equal(sent.length, from, "nothing was sent");
  });

  test("a wrong key is unauthenticated, and the message never shows the key", async () => {
    const secret = "not-the-key-0123456789";
    const e = await rejects(client({ apiId: "demo-app", apiKey: secret }).getCustomer("c-acme"));
    assert.equal(e.kind, "unauthenticated");
    assert.equal(e.status, 401);
    for (const text of [e.message, String(e), inspect(e), JSON.stringify(e)]) assert.ok(!text.includes(secret), text);
  });

  test("the server scopes roles: another tenant's record is forbidden", async () => {
    const e = await rejects(client(ACME).getCustomer("c-other"));
    assert.equal(e.kind, "forbidden");
    assert.equal(e.status, 403);
  });

  test("has no session: no login, session, logout or auth events", () => {
    const c = client();
    for (const name of ["login", "session", "logout", "onAuthChange", "storageMode", "ready"]) {
      assert.equal(name in c, false, name);
    }
    assert.equal(typeof c.listMeetings, "function");
  });

  test("the key is in no inspected or serialised form of the client", () => {
    const c = client(ADMIN);
    for (const text of [inspect(c, { showHidden: true, depth: 10 }), JSON.stringify(c), String(c)]) {
      assert.ok(!text.includes("demo-key"), text);
      assert.ok(!text.includes(Buffer.from("demo-app:demo-key").toString("base64")), text);
    }
  });

  test("bad options are validation errors naming the option, never repeating the key", () => {
    for (const [options, field] of [
      [{ apiId: "demo-app" }, "apiKey"],
      [{ apiId: "demo-app", apiKey: "" }, "apiKey"],
      [{ apiId: "demo-app", apiKey: "bad\nkey-secret" }, "apiKey"],
      [{ apiId: "demo:app", apiKey: "k" }, "apiId"],
      [{ apiKey: "k" }, "apiId"],
    ]) {
      let error;
      try {
        client({}, options);
      } catch (e) {
        error = e;
      }
      assert.ok(server.isUcaasError(error), `${JSON.stringify(options)}: ${error}`);
      assert.equal(error.kind, "validation");
      assert.equal(error.field, field, JSON.stringify(options));
      assert.ok(!error.message.includes("secret"), error.message);
    }
  });

  test("one UcaasError class across the builds", async () => {
    const { module: core, cleanup: done } = await importPackage();
    try {
      const e = await rejects(client().getCustomer(""));
      assert.ok(e instanceof core.UcaasError);
      assert.ok(e instanceof server.UcaasError);
    } finally {
      done();
    }
  });
});
