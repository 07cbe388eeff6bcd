// The built package (Node entry) against a scripted HTTP server on 127.0.0.1 that behaves as real
// servers do where the emulator is well-behaved: it caps page sizes, ignores `page`, answers 403
// for things other than an expired token, or reports an invalid token with result 1001 on a 200.
//
//   node --test tests/node/scripted-server.test.mjs     (after bash scripts/build-pkg.sh)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { importPackage } from "./lib/package.mjs";

let pkg, server, baseUrl;
// How the server answers `GET /meetings` and `GET /meetings/{id}`; set by each test.
let script = {};
const requests = [];

const meetings = Array.from({ length: 25 }, (_, i) => ({ meeting_id: `m-${i + 1}`, room_name: `Room ${i + 1}` }));

function answer(req, url) {
  if (req.method === "POST" && url.pathname.endsWith("/login")) {
    return [200, { result: 1, token: `tok-${requests.length}`, user: { user_id: "u-ann", email: "ann@example.test" } }];
  }
  if (req.method === "GET" && url.pathname.endsWith("/meetings")) {
    const asked = Number(url.searchParams.get("page_length") ?? 10);
    const length = Math.min(asked, script.cap ?? asked);
    const page = script.ignorePage ? 1 : Number(url.searchParams.get("page") ?? 1);
    const items = meetings.slice((page - 1) * length, page * length);
    return [200, { result: 1, search: { page, page_length: length }, meetings: items }];
  }
  if (url.pathname.includes("/meetings/")) return script.meeting(req);
  return [404, { result: 404, msg: "Not Found" }];
}

before(async () => {
  ({ module: pkg } = await importPackage());
  server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    requests.push({ method: req.method, path: url.pathname + url.search, auth: req.headers.authorization });
    requests.at(-1).at = performance.now();
    const reply = answer(req, url);
    if (reply === "drop") return req.socket.destroy(); // a network error for the client
    const [status, body] = reply;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}/ucaas/v1`;
});

after(() => new Promise((resolve) => server.close(resolve)));

async function signedIn() {
  const client = new pkg.UcaasClient({ baseUrl, apiId: "app" });
  await client.login("ann@example.test", "Passw0rd!");
  return client;
}

async function collect(iterable) {
  const out = [];
  for await (const m of iterable) out.push(m.meeting_id);
  return out;
}

test("meetings() takes the page size the server applied, not the one asked for", async () => {
  script = { cap: 10 };
  const client = await signedIn();
  const ids = await collect(client.meetings({ page_length: 50 }));
  assert.deepEqual(ids, meetings.map((m) => m.meeting_id), "all 25, over three capped pages");
});

test("meetings() against a server that ignores `page` stops with a decode error instead of looping", async () => {
  script = { cap: 10, ignorePage: true };
  const client = await signedIn();
  const seen = [];
  await assert.rejects(
    (async () => { for await (const m of client.meetings()) seen.push(m.meeting_id); })(),
    (e) => e instanceof pkg.UcaasError && e.kind === "decode" && /ignores/.test(e.message),
  );
  assert.equal(seen.length, 10, "the first page, once");
});

test("a 403 that is not the token-expiry answer is forbidden and keeps the session", async () => {
  script = { meeting: () => [403, { result: 0, msg: "Subscription expired", desc: "Renew the subscription" }] };
  const client = await signedIn();
  const events = [];
  client.onAuthChange((e) => events.push(e));
  await assert.rejects(client.getMeeting("m-1"), (e) => e.kind === "forbidden" && e.desc === "Renew the subscription");
  assert.ok(client.session(), "still signed in");
  script = { meeting: () => [403, { result: 0, msg: "Token has expired." }] };
  await assert.rejects(client.getMeeting("m-1"), (e) => e.kind === "expired");
  assert.equal(client.session(), undefined);
  assert.deepEqual(events, ["initial", "expired"]);
});

test("result 1001 on a 200 ends the session too; a 503 or network error never does", async () => {
  script = { meeting: () => [503, { result: 0, msg: "Service Unavailable" }] };
  const client = await signedIn();
  const before = requests.length;
  await assert.rejects(client.getMeeting("m-1"), (e) => e.kind === "http" || e.kind === "api");
  assert.equal(requests.length - before, 3, "a GET is tried three times on a 503");
  assert.ok(client.session(), "a 5xx keeps the session");
  script = { meeting: () => [200, { result: "1001", msg: "Token is not valid." }] };
  await assert.rejects(client.getMeeting("m-1"), (e) => e.kind === "unauthenticated" && e.code === 1001);
  assert.equal(client.session(), undefined);
});

test("a GET is retried twice on 502, 504 and a network error, with growing, jittered waits", async () => {
  const client = await signedIn();
  for (const [name, reply] of [["502", [502, { msg: "Bad Gateway" }]], ["504", [504, { msg: "Gateway Timeout" }]], ["network", "drop"]]) {
    script = { meeting: () => reply };
    const before = requests.length;
    await assert.rejects(client.getMeeting("m-1"), (e) => e.kind === (name === "network" ? "network" : "http"), name);
    const attempts = requests.slice(before);
    assert.equal(attempts.length, 3, `${name}: three attempts`);
    // The first retry waits 200 ms ±50 %, the second 400 ms ±50 %: lower bounds only (a loaded
    // machine may wait longer, never shorter).
    assert.ok(attempts[1].at - attempts[0].at >= 95, `${name}: first wait ${attempts[1].at - attempts[0].at} ms`);
    assert.ok(attempts[2].at - attempts[1].at >= 195, `${name}: second wait ${attempts[2].at - attempts[1].at} ms`);
    assert.ok(client.session(), `${name}: the session stays`);
  }
  script = { meeting: () => [502, { msg: "Bad Gateway" }] };
  const before = requests.length;
  await assert.rejects(client.updateMeeting("m-1", { duration: 30 }));
  assert.equal(requests.length - before, 1, "a PATCH is sent once, never retried");
});
