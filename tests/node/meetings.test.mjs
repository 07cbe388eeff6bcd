// The meeting interface: one suite, run against every `MeetingProvider` on the emulator — UCaaS
// through `UcaasServer` (HTTP Basic), UCaaS through the full build's `UcaasClient` for a signed-in
// user, and Iotum conferences through `IotumClient` for one host.
//
//   node --test tests/node/meetings.test.mjs   (UCAAS_PKG_DIR / UCAAS_CONSUMER_DIR, UCAAS_EMULATOR_BIN)
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { importPackage } from "./lib/package.mjs";
import { startEmulator } from "./lib/emulator.mjs";
import { rejection } from "./lib/rejection.mjs";

let emulator, server, full;
const cleanups = [];

before(async () => {
  emulator = await startEmulator();
  for (const [subpath, set] of [["/server", (m) => { server = m; }], ["/full", (m) => { full = m; }]]) {
    const { module, cleanup } = await importPackage(subpath);
    set(module);
    cleanups.push(cleanup);
  }
});

after(async () => {
  for (const c of cleanups) c();
  await emulator?.stop();
});

// Each provider, made fresh for a test. The UCaaS ones schedule as Acme's account / Alice.
const providers = {
  "UCaaS (UcaasServer)": async () =>
    new server.UcaasServer({ baseUrl: emulator.baseUrl, apiId: "acme-app", apiKey: "acme-key" }).asMeetingProvider(),
  "UCaaS (UcaasClient, signed in)": async () => {
    const client = new full.UcaasClient({ baseUrl: emulator.baseUrl, apiId: "demo-app", storage: "memory" });
    await client.login("alice@example.test", "Passw0rd!");
    return client.asMeetingProvider();
  },
  "Iotum (IotumClient, host 9)": async () =>
    new server.IotumClient({ baseUrl: emulator.origin, apiToken: "iotum-company-token" }).asMeetingProvider({ host_id: 9 }),
};

const inDays = (days) => new Date(Math.ceil((Date.now() + days * 86_400_000) / 60_000) * 60_000);

for (const [name, make] of Object.entries(providers)) {
  describe(name, () => {
    test("schedule, get, list and cancel the same meeting", async () => {
      const meetings = await make();
      const start = inDays(3);
      const m = await meetings.schedule({ title: "Quarterly review", start, duration_minutes: 45, description: "Numbers" });
      assert.equal(m.vendor, meetings.vendor);
      assert.equal(typeof m.id, "string");
      assert.ok(m.id.length > 0);
      assert.equal(m.title, "Quarterly review");
      assert.equal(m.start.getTime(), start.getTime(), "the same instant, whatever zone the vendor keeps");
      assert.equal(m.duration_minutes, 45);
      assert.match(m.join_url ?? "", /^https?:\/\//);
      assert.ok(m.raw && typeof m.raw === "object");

      const again = await meetings.get(m.id);
      assert.deepEqual({ ...again, raw: undefined }, { ...m, raw: undefined });

      const listed = [];
      for await (const x of meetings.list()) listed.push(x);
      assert.ok(listed.length >= 1);
      assert.ok(listed.some((x) => x.id === m.id), "the new meeting is listed");
      assert.ok(listed.every((x) => x.vendor === meetings.vendor && x.start instanceof Date));

      const later = [];
      for await (const x of meetings.list({ from: new Date(start.getTime() - 60_000), to: new Date(start.getTime() + 60_000) })) later.push(x.id);
      assert.ok(later.includes(m.id));
      const before = [];
      for await (const x of meetings.list({ to: new Date(start.getTime() - 60_000) })) before.push(x.id);
      assert.ok(!before.includes(m.id), "the range filter drops it");

      await meetings.cancel(m.id);
      const gone = await rejection(meetings.get(m.id));
      assert.equal(gone.kind, "not_found");
      const after = [];
      for await (const x of meetings.list()) after.push(x.id);
      assert.ok(!after.includes(m.id), "a cancelled meeting is not listed");
    });

    test("a bad input is refused before anything is sent, with the field named", async () => {
      const meetings = await make();
      for (const [input, field] of [
        [{ title: "", start: inDays(1), duration_minutes: 30 }, "title"],
        [{ title: "T x", start: "tomorrow", duration_minutes: 30 }, "start"],
        [{ title: "T x", start: inDays(1), duration_minutes: 0 }, "duration_minutes"],
      ]) {
        const e = await rejection(meetings.schedule(input));
        assert.equal(e.kind, "validation");
        assert.equal(e.field, field);
      }
      assert.equal((await rejection(meetings.get(""))).field, "id");
    });

    test("an unknown id is not_found", async () => {
      const meetings = await make();
      const e = await rejection(meetings.get("999999"));
      assert.equal(e.kind, "not_found");
      assert.ok(e instanceof server.UcaasError || e instanceof full.UcaasError);
    });
  });
}

test("asMeetingProvider of IotumClient needs the host it schedules for", () => {
  const iotum = new server.IotumClient({ baseUrl: emulator.origin, apiToken: "iotum-company-token" });
  assert.throws(() => iotum.asMeetingProvider(), (e) => e.kind === "validation" && e.field === "host_id");
});
