// IotumClient ("ucaas-client/server") against a scripted HTTP server on 127.0.0.1: the rules of
// its host (js/iotum.js) where only a server that misbehaves on cue can show them — one
// authenticate for any number of first calls, a renewal and one repeat after a 401, reads
// repeated and writes never, the answer forms (bare arrays, "OK", empty bodies), the time zones
// of Date inputs, the drive upload's three steps and cursor paging. The emulator suite
// (tests/node/iotum.test.mjs) covers every route; tests/node/iotum-model.test.mjs the generated
// interleavings.
//
//   node --test tests/node/iotum-host.test.mjs     (after bash scripts/build-pkg.sh)
import { after, before, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { inspect } from "node:util";
import { importPackage } from "./lib/package.mjs";
import { rejection } from "./lib/rejection.mjs";

const API_TOKEN = "api-token-s3cret";
let pkg, cleanup, server, baseUrl;
// Every request: { path, body, at }; the tokens the server accepts; how it answers a path.
let requests, valid, script, issued;

function reply(res, status, body) {
  if (body === undefined) {
    res.writeHead(status);
    return res.end();
  }
  res.writeHead(status, { "content-type": "application/json" });
  res.end(typeof body === "string" && body.startsWith("raw:") ? body.slice(4) : JSON.stringify(body));
}

before(async () => {
  ({ module: pkg, cleanup } = await importPackage("/server"));
  server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const url = new URL(req.url, "http://127.0.0.1");
      const raw = Buffer.concat(chunks);
      let body;
      try {
        body = JSON.parse(raw.toString() || "null");
      } catch {
        body = raw;
      }
      const r = { method: req.method, path: url.pathname, body, at: performance.now() };
      requests.push(r);
      if (url.pathname === "/enterprise_api/authenticate") {
        if (body?.api_token !== API_TOKEN) return reply(res, 401, { message: "Invalid API token" });
        const token = `tok-${++issued}`;
        valid.add(token);
        return reply(res, 200, { auth_token: token });
      }
      if (url.pathname.startsWith("/upload/")) return (script.upload ?? (() => [200, undefined]))(r, res);
      if (!valid.has(body?.auth_token)) return reply(res, 401, { message: body?.auth_token ? "Session expired" : "Missing auth_token" });
      const answer = await (script[url.pathname.replace("/enterprise_api/", "")] ?? (() => [404, { message: "Not found" }]))(r);
      if (answer === "drop") return req.socket.destroy();
      if (answer === "hang") return; // the client's timeout ends it
      reply(res, ...answer);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  server.closeAllConnections?.();
  await new Promise((resolve) => server.close(resolve));
  cleanup?.();
});

beforeEach(() => {
  requests = [];
  valid = new Set();
  script = {};
  issued = 0;
});

const client = (o = {}) => new pkg.IotumClient({ baseUrl, apiToken: API_TOKEN, timeoutMs: 2000, ...o });
const sent = (route) => requests.filter((r) => r.path === `/enterprise_api/${route}`);
const conference = (id = 183) => ({ conference_id: id, subject: "Weekly", start: "2030-09-19 13:00:00", time_zone: "America/Toronto", duration: 60 });

test("20 concurrent first calls authenticate once, and every body carries that token", async () => {
  script["conference/fetch"] = (r) => [200, conference(r.body.conference_id)];
  const iotum = client();
  const all = await Promise.all(Array.from({ length: 20 }, (_, i) => iotum.conferenceFetch({ conference_id: i + 1 })));
  assert.deepEqual(all.map((c) => c.conference_id), Array.from({ length: 20 }, (_, i) => i + 1));
  assert.equal(sent("authenticate").length, 1);
  assert.deepEqual(new Set(sent("conference/fetch").map((r) => r.body.auth_token)), new Set(["tok-1"]));
});

test("a token the server expired is renewed once, and the refused call repeated once, for any number of calls", async () => {
  script["conference/fetch"] = (r) => [200, conference(r.body.conference_id)];
  const iotum = client();
  await iotum.conferenceFetch({ conference_id: 1 });
  valid.clear(); // the server's 60 minutes passed
  const all = await Promise.all(Array.from({ length: 20 }, (_, i) => iotum.conferenceFetch({ conference_id: i + 1 })));
  assert.equal(all.length, 20);
  assert.equal(sent("authenticate").length, 2, "one renewal for the 20");
  const fetches = sent("conference/fetch");
  assert.equal(fetches.length, 1 + 20 + 20, "each refused call repeated exactly once");
  assert.ok(fetches.slice(-20).every((r) => r.body.auth_token === "tok-2"));
});

test("a write refused with 401 is repeated once after the renewal: the server did nothing", async () => {
  let created = 0;
  script["conference/create"] = () => [200, conference(++created)];
  const iotum = client();
  await iotum.conferenceFetchParticipantDetails({ conference_id: 1 }).catch(() => {});
  valid.clear();
  const c = await iotum.conferenceCreate({ host_id: 9, subject: "Plan", start: "2030-01-02 10:00:00", time_zone: "UTC", duration: 30 });
  assert.equal(c.conference_id, 1);
  assert.equal(sent("conference/create").length, 2);
  assert.equal(created, 1, "created once");
});

test("a 401 after the renewal is the caller's: no third attempt and no loop", async () => {
  script["host/fetch"] = () => [401, { message: "Invalid token" }];
  const e = await rejection(client().hostFetch({ host_id: 9 }));
  assert.equal(e.kind, "unauthenticated");
  assert.equal(e.status, 401);
  assert.equal(e.message, "Invalid token");
  assert.equal(sent("host/fetch").length, 2);
  assert.equal(sent("authenticate").length, 2);
});

test("a refused API token rejects every waiting call, and no message, inspection or JSON shows a token", async () => {
  const iotum = client({ apiToken: "not-the-token-xyz" });
  const errors = await Promise.all([iotum.companyFetchAll(), iotum.hostFetch({ host_id: 9 })].map(rejection));
  for (const e of errors) {
    assert.equal(e.kind, "unauthenticated");
    assert.match(e.message, /API token was refused/);
    assert.doesNotMatch(e.message, /not-the-token-xyz/);
  }
  assert.equal(sent("authenticate").length, 1);
  script["company/fetch_all"] = () => [200, []];
  const good = client();
  await good.companyFetchAll();
  for (const shown of [inspect(good, { showHidden: true, depth: 5 }), JSON.stringify(good), String(good)]) {
    assert.doesNotMatch(shown, /api-token-s3cret|tok-1/);
  }
  const bad = await rejection(Promise.resolve().then(() => new pkg.IotumClient({ baseUrl, apiToken: "a\nb" })));
  assert.equal(bad.field, "apiToken");
  assert.doesNotMatch(bad.message, /a\nb/);
});

test("a token unused for almost 60 minutes is renewed before the call, not refused by it", async (t) => {
  script["host/fetch"] = (r) => [200, { host_id: r.body.host_id }];
  const iotum = client();
  await iotum.hostFetch({ host_id: 9 });
  const realNow = Date.now;
  t.after(() => { Date.now = realNow; });
  const shift = 59.5 * 60_000;
  Date.now = () => realNow() + shift;
  await iotum.hostFetch({ host_id: 9 });
  assert.equal(sent("authenticate").length, 2);
  assert.deepEqual(sent("host/fetch").map((r) => r.body.auth_token), ["tok-1", "tok-2"], "no refused attempt in between");
});

test("a write that timed out is not sent again; a read that timed out is", async () => {
  let created = 0;
  script["conference/create"] = () => (++created, "hang");
  const iotum = client({ timeoutMs: 150 });
  const e = await rejection(iotum.conferenceCreate({ host_id: 9, subject: "Plan", start: "2030-01-02 10:00:00", time_zone: "UTC", duration: 30 }));
  assert.equal(e.kind, "timeout");
  assert.equal(sent("conference/create").length, 1);
  let reads = 0;
  script["conference/fetch"] = () => (++reads === 1 ? "hang" : [200, conference()]);
  assert.equal((await iotum.conferenceFetch({ conference_id: 183 })).conference_id, 183);
  assert.equal(sent("conference/fetch").length, 2);
});

test("5xx and dropped connections: reads are tried up to 3 times, writes once", async () => {
  let n = 0;
  script["company/fetch_all"] = () => (++n === 1 ? [503, { message: "busy" }] : n === 2 ? "drop" : [200, [{ name: "Joe" }]]);
  assert.deepEqual(await client().companyFetchAll(), [{ name: "Joe" }]);
  assert.equal(sent("company/fetch_all").length, 3);
  script["company/create"] = () => [500, { message: "internal server error" }];
  const e = await rejection(client().companyCreate({ subdomain: "joe", name: "Joe" }));
  assert.equal(e.kind, "http");
  assert.equal(e.status, 500);
  assert.equal(sent("company/create").length, 1);
  script["company/delete"] = () => "drop";
  assert.equal((await rejection(client().companyDelete({ company_id: 5 }))).kind, "network");
  assert.equal(sent("company/delete").length, 1);
});

test("answers: a bare array is the list, \"OK\" and empty bodies acknowledge, statuses give the kinds", async () => {
  const iotum = client();
  script["subscription/suspend"] = () => [200, "OK"];
  assert.deepEqual(await iotum.subscriptionSuspend({ company_id: 5, slug: "small_plan" }), { message: "OK" });
  script["host/delete"] = () => [202, undefined];
  assert.deepEqual(await iotum.hostDelete({ host_id: 9 }), {});
  script["drive/file/delete"] = () => [204, undefined];
  assert.deepEqual(await iotum.driveFileDelete({ host_id: 9, id: 1 }), {});
  script["company/fetch"] = () => [200, { subdomain: "joe", hosts: [6, "7", "x", 8], host_count: "3" }];
  assert.deepEqual(await iotum.companyFetch({ company_id: 5 }), { subdomain: "joe", hosts: [6, 7, 8], host_count: 3 });
  // The document shows domain/descendants as one object: read as a list of one.
  script["domain/descendants"] = () => [200, { id: 3, domain: "sub.test", descendants: [] }];
  assert.deepEqual(await iotum.domainDescendants(), [{ id: 3, domain: "sub.test", descendants: [] }]);
  for (const [status, kind] of [[403, "forbidden"], [404, "not_found"], [422, "validation"], [409, "api"]]) {
    script["host/fetch"] = () => [status, { message: `said ${status}` }];
    const e = await rejection(iotum.hostFetch({ host_id: 9 }));
    assert.deepEqual([e.kind, e.status, e.message], [kind, status, `said ${status}`]);
  }
  script["host/fetch"] = () => [200, "raw:<html>"];
  assert.equal((await rejection(iotum.hostFetch({ host_id: 9 }))).kind, "decode");
});

test("inputs are checked before anything is sent", async () => {
  const iotum = client();
  const cases = [
    [() => iotum.conferenceCreate({ host_id: 9, subject: "S", start: "2030-01-02 10:00:00", duration: 30, security_pin: "1234" }), "security_pin"],
    [() => iotum.conferenceCreate({ host_id: 9, subject: "S", start: "2030-02-30 10:00:00", duration: 30 }), "start"],
    [() => iotum.conferenceCreate({ host_id: 9, subject: "S", start: "2030-01-02 10:00:00" }), "duration"],
    [() => iotum.hostCreate({ company_id: 5, name: "N", email: "not-an-email" }), "email"],
    [() => iotum.hostFetch({ host_id: "nine" }), "host_id"],
    [() => iotum.hostFetch({ host_id: 9, hots: 1 }), "input"],
    [() => iotum.conferenceFetch({ conference_id: 1, output: "everything" }), "output"],
    [() => iotum.subscriptionUpdate({ company_id: 5, slug: "small_plan", host_limit: 0 }), "host_limit"],
    [() => iotum.chatCreate({ company_id: 5, message: "hi" }), "id"],
    [() => iotum.driveUpload({ host_id: 9, filename: "a.pdf", data: "not bytes" }), "data"],
  ];
  for (const [call, field] of cases) {
    const e = await rejection(call());
    assert.equal(e.kind, "validation", `${field}: ${e.message}`);
    assert.equal(e.field, field, e.message);
  }
  assert.equal(requests.filter((r) => r.path !== "/enterprise_api/authenticate").length, 0, "nothing sent");
});

test("a Date start is sent as its wall time in the input's time zone, or in UTC with time_zone UTC", async () => {
  script["conference/create"] = (r) => [200, { ...r.body, conference_id: 1, auth_token: undefined }];
  const iotum = client();
  const start = new Date(Date.UTC(2030, 6, 1, 17, 0, 0)); // 13:00 in Toronto (EDT)
  await iotum.conferenceCreate({ host_id: 9, subject: "S", start, time_zone: "America/Toronto", duration: 30 });
  await iotum.conferenceCreate({ host_id: 9, subject: "S", start, duration: 30 });
  const [toronto, utc] = sent("conference/create").map((r) => r.body);
  assert.deepEqual([toronto.start, toronto.time_zone], ["2030-07-01 13:00:00", "America/Toronto"]);
  assert.deepEqual([utc.start, utc.time_zone], ["2030-07-01 17:00:00", "UTC"]);
  const e = await rejection(iotum.conferenceCreate({ host_id: 9, subject: "S", start, time_zone: "Mars/Olympus_Mons", duration: 30 }));
  assert.equal(e.field, "time_zone");
  const day = new Date(Date.UTC(2030, 0, 1, 3, 0, 0)); // still Dec 31 in Toronto
  script["host/cdrs"] = () => [200, []];
  await iotum.hostCdrs({ host_id: 9, time_zone: "America/Toronto", start_date: day, end_date: "2030-01-31" });
  assert.deepEqual([sent("host/cdrs")[0].body.start_date, sent("host/cdrs")[0].body.end_date], ["2029-12-31", "2030-01-31"]);
});

test("driveUpload creates the file, PUTs the bytes to its upload URL and finishes it", async () => {
  script["drive/create"] = (r) => [200, { id: 77, upload_url: `${baseUrl}/upload/77?sig=abc`, download_link: "https://x/77" }];
  let put;
  script.upload = (r, res) => {
    put = r;
    reply(res, 200, undefined);
  };
  script["drive/file/finish_upload"] = (r) => [200, { id: r.body.id, filename: "a.pdf", size: put.body.length, presentation_status: "ready" }];
  const file = await client().driveUpload({ host_id: 9, filename: "a.pdf", data: new Uint8Array([1, 2, 3, 4]) });
  assert.deepEqual(file, { id: 77, filename: "a.pdf", size: 4, presentation_status: "ready" });
  assert.equal(put.method, "PUT");
  assert.equal(put.body.auth_token, undefined, "the pre-signed URL is the credential");
  assert.deepEqual(sent("drive/file/finish_upload")[0].body, { auth_token: "tok-1", host_id: 9, id: 77 });
  script.upload = (r, res) => reply(res, 403, { message: "bad signature" });
  const e = await rejection(client().driveUpload({ host_id: 9, filename: "a.pdf", data: new Blob(["x"]) }));
  assert.equal(e.kind, "forbidden");
  assert.match(e.message, /drive file 77 was created but not finished/);
});

test("conferences() follows next_page cursors and stops on a cursor given twice", async () => {
  const pages = { undefined: [[1, 2], "c2"], c2: [[3], "c3"], c3: [[4], null] };
  script["conference/fetch_all"] = (r) => {
    const [ids, next] = pages[r.body.page];
    return [200, { conferences: ids.map((id) => conference(id)), next_page: next }];
  };
  const ids = [];
  for await (const c of client().conferences({ host_id: 9 })) ids.push(c.conference_id);
  assert.deepEqual(ids, [1, 2, 3, 4]);
  assert.deepEqual(sent("conference/fetch_all").map((r) => r.body.page), [undefined, "c2", "c3"]);
  // All on one page: the document's bare array.
  script["conference/fetch_all"] = () => [200, [conference(5)]];
  const one = [];
  for await (const c of client().conferences({ host_id: 9 })) one.push(c.conference_id);
  assert.deepEqual(one, [5]);
  script["conference/fetch_all"] = () => [200, { conferences: [conference(6)], next_page: "same" }];
  const seen = [];
  const e = await rejection((async () => { for await (const c of client().conferences({ host_id: 9 })) seen.push(c); })());
  assert.equal(e.kind, "decode");
  assert.equal(seen.length, 2, "the first page and the page of the repeated cursor, once each");
});
