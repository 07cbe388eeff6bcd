// CpaasClient ("ucaas-client/server") in Node against the emulator's CPaaS project API: every
// route, its documented failures, paging, a key reset that really retires the old key, and the
// settings read back.
//
//   node --test tests/node/cpaas.test.mjs   (UCAAS_PKG_DIR / UCAAS_CONSUMER_DIR, UCAAS_EMULATOR_BIN)
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { importPackage } from "./lib/package.mjs";
import { startEmulator } from "./lib/emulator.mjs";

const ADMIN = { appId: "demo-app", appKey: "demo-key" };
const ACME = { appId: "acme-app", appKey: "acme-key" };

let emulator, pkg, cleanup;
const sent = [];
let realFetch;

before(async () => {
  emulator = await startEmulator();
  ({ module: pkg, cleanup } = await importPackage("/server"));
  realFetch = globalThis.fetch;
  globalThis.fetch = (url, init) => {
    sent.push({ url: String(url), method: init?.method, headers: { ...init?.headers } });
    return realFetch(url, init);
  };
});

after(async () => {
  globalThis.fetch = realFetch;
  cleanup?.();
  await emulator?.stop();
});

const cpaas = (who = ADMIN) => new pkg.CpaasClient({ baseUrl: `${emulator.origin}/cpaas`, ...who });

async function rejects(promise) {
  try {
    await promise;
  } catch (e) {
    assert.ok(pkg.isUcaasError(e), `not a UcaasError: ${e}`);
    return e;
  }
  assert.fail("the call succeeded");
}

const tag = () => `p${process.pid}${Math.floor(Math.random() * 1e6)}`;

describe("CpaasClient", () => {
  test("sends HTTP Basic with the app id and key, and no X-Api-Id", async () => {
    const from = sent.length;
    const page = await cpaas().listProjects();
    assert.ok(page.projects.length >= 3, JSON.stringify(page));
    const { headers, url } = sent[from];
    assert.equal(headers.Authorization, `Basic ${Buffer.from("demo-app:demo-key").toString("base64")}`);
    assert.equal("X-Api-Id" in headers, false);
    assert.ok(url.startsWith(`${emulator.origin}/cpaas/projects`), url);
  });

  test("a customer sees its own projects only; another's is not found", async () => {
    const acme = cpaas(ACME);
    const all = [];
    for await (const p of acme.projects({ page_length: 1 })) all.push(p);
    assert.ok(all.length >= 2 && all.every((p) => p.customer_id === "c-acme"), JSON.stringify(all));
    const e = await rejects(acme.getProject("app-other-1"));
    assert.equal(e.code, 1007);
  });

  test("adds, edits and configures a project, and reads the settings back", async () => {
    const acme = cpaas(ACME);
    const name = `Clinic ${tag()}`;
    const added = await acme.addProject({ app_name: name, category_id: "cat-health", services_incl: { video: true, sms: true } });
    assert.ok(added.app_id && added.app_key, JSON.stringify(added));
    const edited = await acme.updateProject(added.app_id, { description: "Tele-consultations" });
    assert.equal(edited.project.app_id, added.app_id);
    await acme.configureVideo(added.app_id, { notification_url: "https://hooks.example.test/video", media_zone: ["IN"] });
    await acme.configureSms(added.app_id, { incoming: true, default: { sender_name: "CLINIC" } });
    await acme.configureVoice(added.app_id, { in: true, notification_url: "https://hooks.example.test/voice" });
    const embed = await acme.configureVideoEmbed(added.app_id, { subdomain: `c${tag()}`.slice(0, 30), exit_url: "https://example.test/bye" });
    assert.equal(embed.project.app_id, added.app_id);
    const got = await acme.getProject(added.app_id);
    assert.equal(got.description, "Tele-consultations");
    assert.equal(got.video?.notification_url, "https://hooks.example.test/video");
    assert.deepEqual(got.video?.media_zone, ["IN"]);
    assert.equal(got.sms?.default?.sender_name, "CLINIC");
    assert.equal(got.voice?.in, true);
  });

  test("a key reset retires the old key at once", async () => {
    const acme = cpaas(ACME);
    const added = await acme.addProject({ app_name: `Keys ${tag()}`, category_id: "cat-other", services_incl: { voice: true } });
    const own = cpaas({ appId: added.app_id, appKey: added.app_key });
    assert.equal((await own.getProject(added.app_id)).app_id, added.app_id);
    const reset = await acme.resetProjectKey(added.app_id);
    assert.ok(reset.project.app_key && reset.project.app_key !== added.app_key);
    const e = await rejects(own.getProject(added.app_id));
    assert.equal(e.kind, "unauthenticated");
    assert.equal(e.status, 401);
    for (const text of [e.message, String(e), inspect(e)]) assert.ok(!text.includes(added.app_key), text);
    const renewed = cpaas({ appId: added.app_id, appKey: reset.project.app_key });
    assert.equal((await renewed.getProject(added.app_id)).app_id, added.app_id);
  });

  test("validates before sending, with the CPaaS codes", async () => {
    const c = cpaas(ACME);
    const from = sent.length;
    const codes = [
      [c.addProject({ app_name: "X", services_incl: { video: true } }), 1008, "category_id"],
      [c.addProject({ app_name: "X", category_id: "cat-edu", services_incl: { video: false } }), 1009, "services_incl"],
      [c.listProjects({ page: 0 }), 1101, "page"],
      [c.listProjects({ page_length: "many" }), 1102, "page_length"],
      [c.listProjects({ order_qualify: "up" }), 1105, "order_qualify"],
      [c.configureVideoEmbed("app-acme-1", { subdomain: "-bad-" }), 1110, "subdomain"],
    ];
    for (const [promise, code, field] of codes) {
      const e = await rejects(promise);
      assert.equal(e.kind, "validation");
      assert.equal(e.code, code, `${field}: ${e.message}`);
      assert.equal(e.field, field);
    }
    assert.equal((await rejects(c.configureVideo("app-acme-1", { media_zone: "IN" }))).field, "media_zone");
    assert.equal(sent.length, from, "nothing was sent");
  });

  test("the server's codes come back typed: an unknown category is 1008", async () => {
    const e = await rejects(cpaas(ACME).addProject({ app_name: "X", category_id: "cat-none", services_incl: { sms: true } }));
    assert.equal(e.code, 1008);
    assert.equal(e.status, 406);
  });

  test("bad options name the option and never repeat the key; the key is in no inspected form", () => {
    for (const [options, field] of [[{ appId: "a" }, "appKey"], [{ appKey: "secret-1" }, "appId"], [{ appId: "a:b", appKey: "secret-1" }, "appId"]]) {
      let error;
      try {
        new pkg.CpaasClient({ baseUrl: `${emulator.origin}/cpaas`, ...options });
      } catch (e) {
        error = e;
      }
      assert.ok(pkg.isUcaasError(error), String(error));
      assert.equal(error.field, field);
      assert.ok(!error.message.includes("secret-1"), error.message);
    }
    const c = cpaas(ADMIN);
    for (const text of [inspect(c, { showHidden: true, depth: 10 }), JSON.stringify(c)]) assert.ok(!text.includes("demo-key"), text);
  });
});
