// The server build, "ucaas-client/server", inside workerd: test/server-worker.js against the real
// emulator, the same back-office scenario as tests/node/server.test.mjs (HTTP Basic with the API
// id and key, the key never shown, roles scoped by the server), and CpaasClient's project scenario
// of tests/node/cpaas.test.mjs. Run with `bash edge/test.sh`.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startEmulator, startServerWorker, stopAll } from "./harness.mjs";

const WRONG_KEY = "not-the-key-0123456789";

// Hard bound on the whole file: whatever hangs, the processes are stopped.
const watchdog = setTimeout(async () => {
  console.error("server tests: watchdog fired after 120 s; stopping everything");
  await stopAll();
  process.exit(1);
}, 120_000);
watchdog.unref();

/** @type {{ url: string, output: string[] }} */
let worker;

before(async () => {
  const emu = await startEmulator();
  worker = await startServerWorker({
    UCAAS_BASE_URL: emu.baseUrl,
    UCAAS_API_ID: "demo-app",
    UCAAS_API_KEY: "demo-key",
    ACME_API_ID: "acme-app",
    ACME_API_KEY: "acme-key",
    WRONG_API_KEY: WRONG_KEY,
    CPAAS_BASE_URL: `${emu.origin}/cpaas`,
    CPAAS_APP_ID: "acme-app",
    CPAAS_APP_KEY: "acme-key",
    IOTUM_BASE_URL: emu.origin,
    IOTUM_API_TOKEN: "iotum-company-token",
  });
});

after(async () => {
  await stopAll();
  clearTimeout(watchdog);
});

async function get(path) {
  const res = await fetch(`${worker.url}${path}`, { signal: AbortSignal.timeout(15000) });
  const text = await res.text();
  const where = `${path}: ${res.status} ${text}\n${worker.output.join("\n")}`;
  assert.equal(res.status, 200, where);
  return { data: JSON.parse(text), text, where };
}

describe("UcaasServer in workerd", () => {
  test("provisions a customer, a subscription and a user, and reads the user back", async () => {
    const { data, where } = await get("/provision");
    assert.ok(data.customerId, where);
    assert.ok(data.subscriptionId, where);
    assert.equal(data.subscriptionCustomerId, data.customerId, where);
    assert.ok(data.userId, where);
    assert.equal(data.readEmail, data.email, where);
  });

  test("a wrong key is unauthenticated, and the message never shows the key", async () => {
    const { data, text, where } = await get("/wrong-key");
    assert.equal(data.kind, "unauthenticated", where);
    assert.equal(data.status, 401, where);
    assert.equal(typeof data.message, "string", where);
    assert.ok(!text.includes(WRONG_KEY), where);
  });

  test("another tenant's record is forbidden", async () => {
    const { data, where } = await get("/forbidden");
    assert.equal(data.kind, "forbidden", where);
    assert.equal(data.status, 403, where);
  });
});

describe("IotumClient and MeetingProvider in workerd", () => {
  /** @type {Promise<{ data: any, where: string }>} */
  let scenario;
  const iotum = () => (scenario ??= get("/iotum"));

  test("20 concurrent first calls authenticate once", async () => {
    const { data, where } = await iotum();
    assert.deepEqual(data.hosts, Array(20).fill(9), where);
    assert.equal(data.authenticates, 1, where);
  });

  test("a Date start is sent as its wall time in the conference's zone (workerd's Intl data)", async () => {
    const { data, where } = await iotum();
    assert.deepEqual(data.conference, { start: data.torontoWall, timeZone: "America/Toronto" }, where);
  });

  test("a drive upload's three steps, and a refused API token", async () => {
    const { data, where } = await iotum();
    assert.deepEqual(data.file, { size: 13, status: "ready" }, where);
    assert.deepEqual(data.refused, { kind: "unauthenticated", status: 401 }, where);
  });

  test("the same meeting scheduled on both vendors reads back at the same instant", async () => {
    const { data, where } = await iotum();
    assert.deepEqual(
      data.meetings,
      [
        { vendor: "ucaas", start: data.expectedStart, title: "Both vendors" },
        { vendor: "iotum", start: data.expectedStart, title: "Both vendors" },
      ],
      where,
    );
  });
});

describe("CpaasClient in workerd", () => {
  /** @type {Promise<{ data: any, where: string }>} */
  let scenario;
  const cpaas = () => (scenario ??= get("/cpaas"));

  test("adds, edits and configures a project, and reads the settings back", async () => {
    const { data, where } = await cpaas();
    assert.ok(data.appId, where);
    assert.ok(data.hasKey, where);
    assert.match(data.addedName, /^Clinic /, where);
    assert.equal(data.updatedAppId, data.appId, where);
    assert.equal(data.embedAppId, data.appId, where);
    assert.match(data.subdomain, /^[a-z0-9-]{3,63}$/, where);
    assert.deepEqual(
      data.got,
      {
        appId: data.appId,
        description: "Tele-consultations",
        videoNotificationUrl: "https://hooks.example.test/video",
        mediaZone: ["IN"],
        voiceIn: true,
        voiceNotificationUrl: "https://hooks.example.test/voice",
        smsIncoming: true,
        smsSenderName: "CLINIC",
      },
      where,
    );
  });

  test("lists acme's projects page by page: its own only, the new one included", async () => {
    const { data, where } = await cpaas();
    assert.ok(data.listed.count >= 3, where);
    assert.equal(new Set(data.listed.appIds).size, data.listed.count, where);
    assert.ok(data.listed.appIds.includes("app-acme-1"), where);
    assert.ok(data.listed.appIds.includes(data.appId), where);
    assert.ok(!data.listed.appIds.includes("app-other-1"), where);
    assert.deepEqual(data.listed.customerIds, ["c-acme"], where);
  });

  test("a key reset retires the old key: 401 unauthenticated; the new key works", async () => {
    const { data, where } = await cpaas();
    assert.equal(data.ownBefore, data.appId, where);
    assert.ok(data.keyChanged, where);
    assert.equal(data.oldKeyError?.kind, "unauthenticated", where);
    assert.equal(data.oldKeyError?.status, 401, where);
    assert.equal(data.newKeyAppId, data.appId, where);
  });

  test("another customer's project is not found, code 1007", async () => {
    const { data, where } = await cpaas();
    assert.equal(data.otherError?.code, 1007, where);
    assert.equal(data.otherError?.status, 404, where);
  });
});
