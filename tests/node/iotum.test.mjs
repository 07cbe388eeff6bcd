// IotumClient ("ucaas-client/server") in Node against the emulator's Iotum enterprise API: every
// method's success path on the seed, the documented failures (401, 403 by role and tenant, 404,
// 409, 422 with the document's texts), the sliding token on the emulator clock, one authenticate
// for 20 concurrent first calls (the emulator's request log counts), a create that timed out not
// sent again, the drive upload and paging. The scripted-server suite (iotum-host.test.mjs) has
// the host's rules where a misbehaving server is needed.
//
//   node --test tests/node/iotum.test.mjs   (UCAAS_PKG_DIR / UCAAS_CONSUMER_DIR, UCAAS_EMULATOR_BIN)
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { importPackage } from "./lib/package.mjs";
import { startEmulator } from "./lib/emulator.mjs";
import { rejection } from "./lib/rejection.mjs";

let emulator, pkg, cleanup, realFetch;
// The URL of every request the package sends.
const sent = [];

before(async () => {
  emulator = await startEmulator();
  ({ module: pkg, cleanup } = await importPackage("/server"));
  realFetch = globalThis.fetch;
  globalThis.fetch = (url, init) => {
    sent.push(String(url));
    return realFetch(url, init);
  };
});

after(async () => {
  globalThis.fetch = realFetch;
  cleanup?.();
  await emulator?.stop();
});

beforeEach(() => emulator.control("/reset", "POST"));

const RESELLER = "iotum-reseller-token", COMPANY = "iotum-company-token", HOST = "iotum-host-token", OTHER = "iotum-other-token";
const iotum = (apiToken = COMPANY, o = {}) => new pkg.IotumClient({ baseUrl: emulator.origin, apiToken, ...o });

async function log(route) {
  const { requests } = await emulator.control("/requests?since=0");
  return requests.filter((r) => r.path === `/enterprise_api/${route}`);
}

const inDays = (days) => new Date(Math.ceil((Date.now() + days * 86_400_000) / 60_000) * 60_000);

describe("auth", () => {
  test("20 concurrent first calls authenticate once", async () => {
    const client = iotum();
    const hosts = await Promise.all(Array.from({ length: 20 }, () => client.hostFetch({ host_id: 9 })));
    assert.ok(hosts.every((h) => h.host_id === 9 && h.email === "john@company.tld"));
    assert.equal((await log("authenticate")).length, 1);
    assert.equal((await log("host/fetch")).length, 20);
  });

  test("past 60 minutes unused the token is renewed once and the call repeated once; in use it slides", async () => {
    const client = iotum();
    await client.hostFetch({ host_id: 9 });
    // Used every 50 minutes (emulator clock) it stays valid: no renewal.
    for (let i = 0; i < 3; i++) {
      await emulator.control("/clock", "POST", { advance_seconds: 50 * 60 });
      await client.hostFetch({ host_id: 9 });
    }
    assert.equal((await log("authenticate")).length, 1, "the token slid");
    await emulator.control("/clock", "POST", { advance_seconds: 61 * 60 });
    const all = await Promise.all(Array.from({ length: 5 }, () => client.hostFetch({ host_id: 9 })));
    assert.equal(all.length, 5);
    assert.equal((await log("authenticate")).length, 2, "one renewal for the five");
    const fetches = await log("host/fetch");
    assert.equal(fetches.filter((r) => r.status === 401).length, 5, "each refused once");
    assert.equal(fetches.length, 4 + 5 + 5, "and repeated once");
  });

  test("a wrong API token is unauthenticated and the HOST role may use no method", async () => {
    const bad = await rejection(iotum("nope").companyFetchAll());
    assert.deepEqual([bad.kind, bad.status], ["unauthenticated", 401]);
    assert.match(bad.message, /API token was refused/);
    const host = await rejection(iotum(HOST).hostFetch({ host_id: 10 }));
    assert.deepEqual([host.kind, host.status], ["forbidden", 403]);
  });

  test("a create that timed out is not sent again", async () => {
    const client = iotum(COMPANY, { timeoutMs: 300 });
    await client.hostFetch({ host_id: 9 }); // authenticated before the fault
    await emulator.control("/faults", "POST", { route: "/enterprise_api/conference/create", latency_ms: 1500, count: 1 });
    const e = await rejection(client.conferenceCreate({ host_id: 9, subject: "Once", start: inDays(2), duration: 30 }));
    assert.equal(e.kind, "timeout");
    await new Promise((r) => setTimeout(r, 1600)); // past the fault's delay: a repeat would have been sent
    // Counted as sent (the emulator logs a request when it answers, and this one it never did).
    assert.equal(sent.filter((u) => u.endsWith("/enterprise_api/conference/create")).length, 1, "sent once");
    const listed = [];
    for await (const c of client.conferences({ host_id: 9 })) listed.push(c.subject);
    // The emulator drops a request whose connection closed during the delay; a real server may
    // have created it. Either way, never twice.
    assert.ok(listed.filter((s) => s === "Once").length <= 1);
  });
});

describe("domain and companies (ResellerAdmin)", () => {
  test("domainDescendants, companyCreate / Fetch / Update / FetchAll / Delete", async () => {
    const r = iotum(RESELLER);
    assert.deepEqual((await r.domainDescendants()).map((d) => [d.id, d.domain]), [[3, "sub.reseller.test"]]);
    const { id } = await r.companyCreate({ subdomain: "acme", name: "Acme Inc", customer_id: "A-1", primary_color: "#00ff00" });
    assert.ok(Number.isInteger(id));
    assert.deepEqual(await r.companyFetch({ company_id: id }), { subdomain: "acme", name: "Acme Inc", host_count: 0, hosts: [], customer_id: "A-1" });
    assert.equal((await r.companyUpdate({ company_id: id, name: "Acme Ltd" })).name, "Acme Ltd");
    assert.ok((await r.companyFetchAll()).some((c) => c.subdomain === "joe" && c.hosts.length > 0));
    assert.deepEqual(await r.companyDelete({ company_id: String(id) }), { message: "OK" });
    assert.equal((await rejection(r.companyFetch({ company_id: id }))).kind, "not_found");
  });

  test("a CompanyAdmin may not, another reseller's company is forbidden, a taken subdomain is the server's 422", async () => {
    assert.equal((await rejection(iotum(COMPANY).companyFetchAll())).kind, "forbidden");
    assert.equal((await rejection(iotum(OTHER).companyFetch({ company_id: 5 }))).kind, "forbidden");
    const taken = await rejection(iotum(RESELLER).companyCreate({ subdomain: "joe", name: "Joe again" }));
    assert.deepEqual([taken.kind, taken.status], ["validation", 422]);
  });
});

describe("subscriptions", () => {
  test("fetch products, create, update (PUT), suspend, reactivate, suspend_all, reactivate_all, cancel, fetch", async () => {
    const r = iotum(RESELLER);
    const products = await r.subscriptionFetchProducts({ include_description: true });
    assert.deepEqual(products.map((p) => p.slug).sort(), ["large_plan", "recording", "small_plan"]);
    assert.ok(products.every((p) => typeof p.description === "string"));
    assert.ok((await r.subscriptionFetchProducts()).length === 3, "the query is optional");
    assert.deepEqual(await r.subscriptionCreate({ company_id: 6, slug: "recording", subscribe_all_hosts: false }), { message: "OK" });
    assert.deepEqual(await r.subscriptionUpdate({ company_id: 5, slug: "small_plan", host_limit: 12 }), { message: "OK" });
    assert.deepEqual(await r.subscriptionSuspend({ company_id: 5, slug: "recording" }), { message: "OK" });
    let subs = await r.subscriptionFetch({ company_id: 5 });
    assert.deepEqual(subs.map((s) => [s.id, s.status, s.product.slug]), [[100, "Active", "small_plan"], [101, "Suspended", "recording"]]);
    assert.equal(subs[0].host_limit, 12);
    await r.subscriptionReactivate({ company_id: 5, slug: "recording" });
    assert.deepEqual(await r.subscriptionSuspendAll({ company_id: 5 }), { message: "OK" });
    assert.ok((await r.subscriptionFetch({ company_id: 5 })).every((s) => s.status === "Suspended"));
    await r.subscriptionReactivateAll({ company_id: 5 });
    await r.subscriptionCancel({ company_id: 5, slug: "recording" });
    subs = await r.subscriptionFetch({ company_id: 5 });
    assert.deepEqual(subs.map((s) => s.product.slug), ["small_plan"], "a cancelled one is left out");
    const again = await rejection(r.subscriptionReactivate({ company_id: 5, slug: "small_plan" }));
    assert.equal(again.kind, "validation", "reactivating an active one is the server's 422");
  });
});

describe("hosts", () => {
  test("create, fetch, update, fetch_all, resend_invitation, reset_password, delete", async () => {
    const c = iotum();
    const h = await c.hostCreate({ name: "Nina Host", email: "nina@company.tld", time_zone: "Europe/Paris", disable_emails: { conference_reminders: true } });
    assert.equal(h.company_id, 5, "a Company Admin's own company");
    assert.match(h.access_code.number, /^\d{3,9}$/);
    assert.equal(h.time_zone, "Europe/Paris");
    assert.equal((await c.hostFetch({ host_id: h.host_id })).email, "nina@company.tld");
    assert.equal((await c.hostUpdate({ host_id: h.host_id, name: "Nina H." })).name, "Nina H.");
    const all = await c.hostFetchAll();
    assert.ok(all.some((x) => x.host_id === h.host_id && typeof x.access_code === "string"), "fetch_all's access code is the digits");
    assert.deepEqual(await c.hostResendInvitation({ host_id: h.host_id }), { message: "OK" });
    assert.deepEqual(await c.hostResetPassword({ host_id: h.host_id }), { message: "OK" });
    const { mails } = await emulator.control("/outbox?to=nina@company.tld");
    assert.ok(mails.length >= 2);
    assert.deepEqual(await c.hostDelete({ host_id: h.host_id }), {}, "202 with an empty body");
    assert.equal((await rejection(c.hostFetch({ host_id: h.host_id }))).kind, "not_found");
    assert.equal((await rejection(c.hostFetch({ host_id: 11 }))).kind, "forbidden", "another company's host");
    const taken = await rejection(c.hostCreate({ name: "Dup", email: "john@company.tld" }));
    assert.equal(taken.message, "Email has already been taken");
  });

  test("past conferences, call records and active calls, in the asked time zone", async () => {
    const c = iotum();
    const page = await c.hostConferences({ host_id: 9 });
    assert.ok(page.conferences.some((p) => p.conference_id === 184));
    const past = [];
    for await (const p of c.pastConferences({ host_id: 9, time_zone: "Asia/Tokyo" })) past.push(p);
    assert.ok(past.length >= 1);
    const cdrs = await c.hostCdrs({ host_id: 9, conference_id: 184 });
    assert.equal(cdrs.length, 2);
    assert.ok(cdrs.every((r) => r.conference_id === 184 && r.minutes > 0));
    const calls = await c.hostActiveCalls({ host_id: 9, time_zone: "UTC" });
    assert.deepEqual(calls.map((x) => x.conference_id), [185]);
    const none = await c.hostCdrs({ host_id: 9, start_date: inDays(30), end_date: inDays(31) });
    assert.deepEqual(none, [], "the date filter applies");
  });
});

describe("contacts", () => {
  test("create several, fetch, fetch_all, update, delete; a company's own", async () => {
    const c = iotum();
    const made = await c.contactCreate({ host_id: 9, contacts: [{ name: "Ann", email: "ann@x.test" }, { name: "Ben", email: "ben@x.test", time_zone: "US/Central" }] });
    assert.deepEqual(made.map((m) => m.name), ["Ann", "Ben"]);
    const ann = await c.contactFetch({ host_id: 9, contact_id: made[0].contact_id });
    assert.equal(ann.email, "ann@x.test");
    assert.ok((await c.contactFetchAll({ host_id: 9 })).length >= 4);
    assert.deepEqual((await c.contactFetchAll()).map((x) => x.contact_id), [40], "a Company Admin's company contacts");
    assert.equal((await c.contactUpdate({ host_id: 9, contact_id: ann.contact_id, name: "Ann B." })).name, "Ann B.");
    assert.deepEqual(await c.contactDelete({ host_id: 9, contact_id: ann.contact_id }), { message: "OK" });
    assert.equal((await rejection(c.contactFetch({ host_id: 9, contact_id: ann.contact_id }))).kind, "not_found");
    const bad = await rejection(c.contactCreate({ host_id: 9, contacts: [{ name: "No mail" }] }));
    assert.deepEqual([bad.kind, bad.field], ["validation", "email"], "each contact checked before sending");
  });
});

describe("drive", () => {
  test("driveUpload's three steps, then fetch, fetch_all and delete; finishing twice is 409", async () => {
    const c = iotum();
    const file = await c.driveUpload({ host_id: 9, filename: "slides.pdf", data: new Blob([new Uint8Array(3000)]) });
    assert.deepEqual([file.filename, file.size, file.presentation_status, file.mimetype], ["slides.pdf", 3000, "ready", "application/pdf"]);
    assert.equal((await c.driveFileFetch({ host_id: 9, id: file.id })).size, 3000);
    const page = await c.driveFetchAll({ host_id: 9 });
    assert.ok(page.files.some((f) => f.id === file.id) && page.current_page === 1);
    const twice = await rejection(c.driveFileFinishUpload({ host_id: 9, id: file.id }));
    assert.deepEqual([twice.kind, twice.status], ["api", 409]);
    const created = await c.driveCreate({ host_id: 9, filename: "empty.txt" });
    const early = await rejection(c.driveFileFinishUpload({ host_id: 9, id: created.id }));
    assert.equal(early.message, "The file has not been uploaded");
    assert.deepEqual(await c.driveFileDelete({ host_id: 9, id: file.id }), {}, "204");
    assert.equal((await rejection(c.driveFileFetch({ host_id: 9, id: file.id }))).kind, "not_found");
  });
});

describe("chat", () => {
  test("chatCreate to a DM and to a channel (ResellerAdmin)", async () => {
    const r = iotum(RESELLER);
    assert.deepEqual(await r.chatCreate({ company_id: 5, id: 123, message: "Maintenance tonight" }), { message: "OK" });
    assert.deepEqual(await r.chatCreate({ company_id: 5, slug: "general", message: "Hello" }), { message: "OK" });
    assert.equal((await rejection(r.chatCreate({ company_id: 5, id: 999, message: "x" }))).kind, "not_found");
    assert.equal((await rejection(iotum().chatCreate({ company_id: 5, id: 123, message: "x" }))).kind, "forbidden");
  });
});

describe("conferences", () => {
  test("create (Date start in a zone), fetch, update, fetch_all, participants, cancel", async () => {
    const c = iotum();
    const start = inDays(4);
    const conf = await c.conferenceCreate({
      host_id: 9, subject: "Planning", agenda: "Q3", start, time_zone: "America/Toronto", duration: 45,
      participants: [35], participant_emails: [{ email: "guest@x.test", moderator: true }], one_time_access_code: true, security_pin: "4321",
    });
    assert.equal(conf.time_zone, "America/Toronto");
    assert.match(conf.one_time_access_code, /^\d{9}$/);
    assert.match(conf.room_url, /^https:\/\/joe\./);
    assert.equal(conf.security_pin, "4321");
    const fetched = await c.conferenceFetch({ conference_id: conf.conference_id });
    assert.equal(fetched.start, conf.start);
    const updated = await c.conferenceUpdate({ conference_id: conf.conference_id, subject: "Planning (moved)", duration: 60 });
    assert.deepEqual([updated.subject, updated.duration], ["Planning (moved)", 60]);
    const details = await c.conferenceFetchParticipantDetails({ conference_id: conf.conference_id });
    assert.ok(details.participants.some((p) => p.contact_id === 35));
    assert.ok(details.moderators.length >= 1);
    const ids = [];
    for await (const x of c.conferences({ host_id: 9 })) ids.push(x.conference_id);
    assert.ok(ids.includes(conf.conference_id) && ids.includes(183));
    assert.deepEqual(await c.conferenceCancel({ conference_id: conf.conference_id }), { message: "OK" });
    assert.equal((await rejection(c.conferenceFetch({ conference_id: conf.conference_id }))).kind, "not_found");
  });

  test("a recurring series, a reservationless call, and the document's validation texts", async () => {
    const c = iotum();
    const series = await c.conferenceCreate({ host_id: 9, subject: "Daily", start: inDays(1), duration: 15, schedule: "FREQ=DAILY;INTERVAL=2" });
    assert.equal(series.is_master, true);
    assert.equal(series.master_id, series.conference_id);
    assert.match(series.schedule, /FREQ=DAILY/);
    const now = await c.conferenceCreateReservationless({ host_id: 9, one_time_access_code: true });
    assert.equal(now.active, true);
    for (const [input, message] of [
      [{ schedule: "FREQ=YEARLY" }, "Schedule FREQ must be DAILY, WEEKLY or MONTHLY"],
      [{ schedule: "FREQ=MONTHLY;BYDAY=2WE;BYMONTHDAY=3" }, "Schedule MONTHLY supports BYDAY or BYMONTHDAY, cannot use both"],
      [{ participants: [9999] }, "Participants has one or more contact that does not exist in the host's contact list."],
    ]) {
      const e = await rejection(c.conferenceCreate({ host_id: 9, subject: "S", start: inDays(1), duration: 15, ...input }));
      assert.deepEqual([e.kind, e.status, e.message], ["validation", 422, message]);
    }
  });

  test("on the active conference: viewer count, dial out, message, stop streaming, end; recordings of a past one", async () => {
    const c = iotum();
    assert.deepEqual(await c.conferenceFetchLivestreamViewerCount({ conference_id: 185 }), { count: 4 });
    assert.deepEqual(await c.conferenceDialNumber({ conference_id: 185, country_code: "CA", phone_number: "14165551212", name: "Jane" }), { dialout_status: "new" });
    assert.deepEqual(await c.conferenceMessageCreate({ conference_id: 185, message: "Five minutes left" }), { message: "OK" });
    assert.deepEqual(await c.conferenceStopStreaming({ conference_id: 185 }), { message: "OK" });
    assert.deepEqual(await c.conferenceEnd({ conference_id: 185 }), { message: "OK" });
    const ended = await rejection(c.conferenceMessageCreate({ conference_id: 185, message: "again" }));
    assert.equal(ended.message, "The conference is not active");
    assert.deepEqual(await c.conferenceDeleteRecordings({ conference_id: 184 }), { message: "OK" });
    assert.deepEqual(await c.conferenceDeleteTranscriptions({ conference_id: 184 }), { message: "OK" });
  });

  test("beyond ten conferences fetch_all pages by cursor, and the iterator reads every page", async () => {
    const c = iotum();
    for (let i = 0; i < 12; i++) await c.conferenceCreate({ host_id: 9, subject: `Bulk ${i}`, start: inDays(5 + i), duration: 15 });
    const first = await c.conferenceFetchAll({ host_id: 9 });
    assert.equal(first.conferences.length, 10);
    assert.equal(typeof first.next_page, "string");
    const subjects = [];
    for await (const x of c.conferences({ host_id: 9 })) subjects.push(x.subject);
    assert.equal(subjects.filter((s) => s.startsWith("Bulk ")).length, 12);
    assert.equal(new Set(subjects).size, subjects.length, "no conference twice");
  });
});
