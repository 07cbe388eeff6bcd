// A worker on the server build, "ucaas-client/server", for test/server.test.mjs: the back-office
// scenario of tests/node/server.test.mjs run inside workerd (HTTP Basic with the API id and key,
// no session). Its modules are listed by `node tools/modules.mjs --subpath ./server --main
// test/server-worker.js --out .gen/server-modules.capnp`; test/server.capnp runs it.
//
//   GET /provision   admin: a customer and a subscription; acme: a user, read back
//   GET /wrong-key   a call with WRONG_API_KEY: { kind, status, message }
//   GET /forbidden   acme reading c-other: { kind, status }
//   GET /iotum       IotumClient as a company admin: 20 concurrent first calls (the authenticates
//                    counted), a conference scheduled with a Date in America/Toronto and read back,
//                    a drive upload, a refused token; and one meeting scheduled on both vendors
//                    through MeetingProvider (UcaasServer as acme, IotumClient for host 9)
//   GET /cpaas       CpaasClient as acme: a project added, edited, configured (video, voice, SMS,
//                    video embed) and read back, listed page by page, its key reset (the old key
//                    401, the new one works), and another customer's project (code 1007)
// Any other failure answers 500 { error }.

import { CpaasClient, IotumClient, UcaasServer, isUcaasError } from "ucaas-client/server";

// Every URL the package fetches (the Iotum scenario counts its authenticates).
const fetched = [];
const realFetch = globalThis.fetch;
globalThis.fetch = (url, init) => {
  fetched.push(String(url instanceof Request ? url.url : url));
  return realFetch(url, init);
};

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

/** The UcaasError `call` fails with, as { kind, status, code }; null if it succeeds. */
async function errorOf(call) {
  try {
    await call();
  } catch (e) {
    if (!isUcaasError(e)) throw e;
    return { kind: e.kind, status: e.status, code: e.code };
  }
  return null;
}

/** The CPaaS scenario of tests/node/cpaas.test.mjs, as acme, answering the facts seen. */
async function cpaasScenario(env) {
  const client = (appId, appKey) => new CpaasClient({ baseUrl: env.CPAAS_BASE_URL, appId, appKey });
  const acme = client(env.CPAAS_APP_ID, env.CPAAS_APP_KEY);
  const tag = `w${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const subdomain = `c${tag}`;
  const added = await acme.addProject({
    app_name: `Clinic ${tag}`,
    category_id: "cat-health",
    services_incl: { video: true, sms: true, voice: true },
  });
  const appId = added.app_id;
  const updated = await acme.updateProject(appId, { description: "Tele-consultations" });
  await acme.configureVideo(appId, { notification_url: "https://hooks.example.test/video", media_zone: ["IN"] });
  await acme.configureVoice(appId, { in: true, notification_url: "https://hooks.example.test/voice" });
  await acme.configureSms(appId, { incoming: true, default: { sender_name: "CLINIC" } });
  const embed = await acme.configureVideoEmbed(appId, { subdomain, exit_url: "https://example.test/bye" });
  const got = await acme.getProject(appId);
  const listed = [];
  for await (const p of acme.projects({ page_length: 1 })) listed.push(p);
  const own = client(appId, added.app_key);
  const ownBefore = (await own.getProject(appId)).app_id;
  const reset = await acme.resetProjectKey(appId);
  const newKey = reset.project?.app_key;
  const oldKeyError = await errorOf(() => own.getProject(appId));
  const newKeyAppId = (await client(appId, newKey).getProject(appId)).app_id;
  const otherError = await errorOf(() => acme.getProject("app-other-1"));
  return {
    appId,
    addedName: added.app_name,
    hasKey: typeof added.app_key === "string" && added.app_key.length > 0,
    updatedAppId: updated.project?.app_id,
    embedAppId: embed.project?.app_id,
    subdomain,
    got: {
      appId: got.app_id,
      description: got.description,
      videoNotificationUrl: got.video?.notification_url,
      mediaZone: got.video?.media_zone,
      voiceIn: got.voice?.in,
      voiceNotificationUrl: got.voice?.notification_url,
      smsIncoming: got.sms?.incoming,
      smsSenderName: got.sms?.default?.sender_name,
    },
    listed: { count: listed.length, appIds: listed.map((p) => p.app_id), customerIds: [...new Set(listed.map((p) => p.customer_id))] },
    ownBefore,
    keyChanged: typeof newKey === "string" && newKey.length > 0 && newKey !== added.app_key,
    oldKeyError,
    newKeyAppId,
    otherError,
  };
}

/** The Iotum scenario of tests/node/iotum.test.mjs and tests/node/meetings.test.mjs, answering the facts seen. */
async function iotumScenario(env) {
  const iotum = new IotumClient({ baseUrl: env.IOTUM_BASE_URL, apiToken: env.IOTUM_API_TOKEN });
  const authenticates = () => fetched.filter((u) => u.endsWith("/enterprise_api/authenticate")).length;
  const before = authenticates();
  const hosts = await Promise.all(Array.from({ length: 20 }, () => iotum.hostFetch({ host_id: 9 })));
  const firstAuthenticates = authenticates() - before;
  const start = new Date(Math.ceil((Date.now() + 3 * 86_400_000) / 60_000) * 60_000);
  const conference = await iotum.conferenceCreate({ host_id: 9, subject: "Workerd", start, time_zone: "America/Toronto", duration: 30 });
  const torontoWall = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "America/Toronto", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).format(start);
  const file = await iotum.driveUpload({ host_id: 9, filename: "notes.txt", data: new TextEncoder().encode("hello workerd") });
  const refused = await errorOf(() => new IotumClient({ baseUrl: env.IOTUM_BASE_URL, apiToken: "wrong-token" }).companyFetchAll());
  const providers = [
    new UcaasServer({ baseUrl: env.UCAAS_BASE_URL, apiId: env.ACME_API_ID, apiKey: env.ACME_API_KEY }).asMeetingProvider(),
    iotum.asMeetingProvider({ host_id: 9 }),
  ];
  const input = { title: "Both vendors", start, duration_minutes: 30 };
  const scheduled = await Promise.all(providers.map((p) => p.schedule(input)));
  const read = await Promise.all(providers.map((p, i) => p.get(scheduled[i].id)));
  await Promise.all(providers.map((p, i) => p.cancel(scheduled[i].id)));
  return {
    hosts: hosts.map((h) => h.host_id),
    authenticates: firstAuthenticates,
    conference: { start: conference.start, timeZone: conference.time_zone },
    torontoWall,
    file: { size: file.size, status: file.presentation_status },
    refused,
    meetings: read.map((m) => ({ vendor: m.vendor, start: m.start.toISOString(), title: m.title })),
    expectedStart: start.toISOString(),
  };
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
      if (pathname === "/cpaas") return json(await cpaasScenario(env));
      if (pathname === "/iotum") return json(await iotumScenario(env));
      return json({ error: "not found" }, 404);
    } catch (e) {
      const error = isUcaasError(e) ? `${e.kind} (${e.status}): ${e.message}` : String(e?.stack ?? e);
      return json({ error }, 500);
    }
  },
};
