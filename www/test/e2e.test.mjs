// End-to-end tests of the demo app in Debian's Chromium (playwright-core), against the emulator
// serving www/dist same-origin. Run by www/test.sh (node --test). Needs: www/dist built, the
// emulator binary (env UCAAS_EMULATOR_BIN, default target/debug/ucaas-emulator), /usr/bin/chromium.
// Screenshots of every screen go to $TEST_OUTPUT/www (default <repo>/test-output/www).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const www = resolve(here, "..");
const repo = resolve(www, "..");
const dist = join(www, "dist");
const emulatorBin = process.env.UCAAS_EMULATOR_BIN || join(repo, "target", "debug", "ucaas-emulator");
const shots = join(process.env.TEST_OUTPUT ? resolve(process.env.TEST_OUTPUT) : join(repo, "test-output"), "www");
const CHROMIUM = process.env.CHROMIUM_BIN || "/usr/bin/chromium";
const PASSWORD = "Passw0rd!";
const ALICE = "alice@example.test";
// A zone with a half-hour offset and no DST, so the local ↔ UTC conversion is visible and stable.
const TZ = "Asia/Kolkata";
const TZ_OFFSET_MIN = 330;

const started = []; // child processes to stop
const tmpDirs = [];
let browser;
let emu; // { origin, proc }
let hardStop;

// ---------------------------------------------------------------------------------------------
// Emulator

/** The built-in seed plus meeting branding with hostile values (javascript: URLs, raw HTML).
 * Throws when it cannot be made: the hostile-branding test needs it, and never skips. */
function writeTestSeed() {
  const seedPath = join(repo, "emulator", "seed.json");
  assert.ok(existsSync(seedPath), `${seedPath} not found: cannot build the hostile-branding seed`);
  const seed = JSON.parse(readFileSync(seedPath, "utf8"));
  const carol = (seed.users ?? []).find((u) => u.email === "carol@other.test");
  const carolMeeting = (seed.meetings ?? []).find((m) => carol && m.user_id === carol.user_id) ??
    (seed.meetings ?? []).find((m) => m.ppin === "888888");
  assert.ok(carolMeeting, "the seed has no meeting of carol@other.test (PPIN 888888) to brand");
  seed.branding ??= {};
  // The domain's logo served by the page itself (as a deployment would, within its CSP), so the
  // join page's screenshot shows a logo applied.
  const domain = seed.branding.domains?.["meet.example.test"]?.vc;
  assert.ok(domain, "the seed has no vc branding for meet.example.test");
  domain.logo = "/favicon.svg";
  seed.branding.meetings ??= {};
  seed.branding.meetings[carolMeeting.meeting_id] = {
    vc: {
      name: "Hostile <img src=x onerror=alert(1)> Brand",
      logo: "javascript:alert('logo')",
      favicon: "data:image/svg+xml,<svg onload=alert(1)>",
      desc: "<script>window.__pwned = true</script>Plain text only.",
      login_page: { heading: "Evil <b>heading</b>", content: "<img src=x onerror=\"window.__pwned=true\">" },
      tos: { enabled: true, terms_url: "javascript:alert(document.cookie)", privacy_url: "  JaVaScRiPt:alert(1)" },
      credits: { enabled: true, name: "Evil credits", target_url: "java\tscript:alert(1)" },
      colors: { primary: "red; background: url(javascript:alert(1))", background: "#fafafa" },
      login: { video_embed: "<script>parent.__pwned = true</script><p id='embedded'>embedded text</p>", headline: "Watch" },
    },
  };
  const dir = mkdtempSync(join(tmpdir(), "www-e2e-"));
  tmpDirs.push(dir);
  const file = join(dir, "seed.json");
  writeFileSync(file, JSON.stringify(seed, null, 2));
  return file;
}

function startEmulator(extraArgs = []) {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(emulatorBin, ["--port", "0", "--static", dist, ...extraArgs], { stdio: ["ignore", "pipe", "pipe"] });
    started.push(proc);
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`emulator did not start in 20 s\n${err}`)), 20_000);
    proc.stdout.setEncoding("utf8");
    proc.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /ucaas-emulator listening on (http:\/\/[^\s/]+)\/ucaas\/v1/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise({ origin: m[1], proc });
      }
    });
    proc.stderr.setEncoding("utf8");
    proc.stderr.on("data", (chunk) => {
      err = (err + chunk).slice(-4000); // request logs: keep the tail for error messages
    });
    proc.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    proc.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${code}\n${err}`));
    });
  });
}

async function control(path, body) {
  const res = await fetch(`${emu.origin}/__emulator/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.ok, `control ${path}: HTTP ${res.status} ${text}`);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Moves the emulator clock forward by `seconds` (its tokens then age by as much). */
async function advanceClock(seconds) {
  return control("clock", { advance_seconds: seconds });
}

// ---------------------------------------------------------------------------------------------
// Browser helpers

async function newPage({ width = 1100, height = 900, ...opts } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, timezoneId: TZ, locale: "en-US", ...opts });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: emu.origin }).catch(() => {});
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") page.errors.push(m.text());
  });
  return page;
}

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function signIn(page, password = PASSWORD) {
  await page.fill("#email", ALICE);
  await page.fill("#password", password);
  await page.click("#signin-submit");
}

function localInput(date) {
  const p = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}

/** A start time two days ahead at 10:00 in TZ, as the datetime-local value and the expected UTC. */
function futureStart() {
  const day = new Date(Date.now() + 2 * 86_400_000);
  const ymd = day.toISOString().slice(0, 10);
  const local = `${ymd}T10:00`;
  const utc = new Date(Date.parse(`${ymd}T10:00:00Z`) - TZ_OFFSET_MIN * 60_000);
  const utcText = utc.toISOString().slice(0, 16).replace("T", " ");
  return { local, utcText };
}

// ---------------------------------------------------------------------------------------------

before(async () => {
  assert.ok(existsSync(join(dist, "index.html")), "www/dist is missing: run www/build.sh first");
  assert.ok(existsSync(emulatorBin), `no emulator binary at ${emulatorBin} (set UCAAS_EMULATOR_BIN)`);
  mkdirSync(shots, { recursive: true });
  // Bounded: whatever hangs, everything this file started is stopped after 8 minutes.
  hardStop = setTimeout(() => {
    console.error("e2e: hard time limit reached, stopping");
    cleanup().finally(() => process.exit(1));
  }, 8 * 60_000);
  hardStop.unref();
  const seed = writeTestSeed();
  emu = await startEmulator(["--seed", seed]);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic",
    ],
  });
});

async function cleanup() {
  await browser?.close().catch(() => {});
  for (const p of started) {
    if (p.exitCode === null && p.signalCode === null) p.kill("SIGTERM");
  }
  await Promise.all(started.map((p) => (p.exitCode === null && p.signalCode === null
    ? new Promise((r) => {
      const t = setTimeout(() => {
        p.kill("SIGKILL");
        r();
      }, 3000);
      p.once("exit", () => {
        clearTimeout(t);
        r();
      });
    })
    : null)));
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
}

after(async () => {
  clearTimeout(hardStop);
  await cleanup();
});

// Shared across the ordered tests below (node:test runs them in order within a file).
let page;
let scheduledTitle;
let scheduledId;

test("sign in: wrong password shows a plain error with the code on hover, then the right one", async () => {
  page = await newPage();
  await page.goto(`${emu.origin}/`);
  await page.waitForSelector("#signin-form");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "email", "focus starts in the email field");
  // Keyboard only: type, Tab to the password, Enter submits.
  await page.keyboard.type(ALICE);
  await page.keyboard.press("Tab");
  await page.keyboard.type("wrong-password");
  await page.keyboard.press("Enter");
  const err = page.locator("#signin-error .error-text");
  await err.waitFor();
  assert.match(await err.textContent(), /wrong email or password/i);
  assert.match((await err.getAttribute("title")) ?? "", /HTTP 401/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "password", "focus goes back to the password");
  assert.equal(await page.inputValue("#password"), "", "the wrong password is cleared");
  await shot(page, "01-signin-wrong-password");

  await page.fill("#password", PASSWORD);
  await page.click("#signin-submit");
  await page.waitForSelector("table.meetings tbody tr");
  assert.match(await page.textContent("#account-name"), /Signed in/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "view-title", "focus moves to the new view's heading");
  await shot(page, "02-meetings-upcoming");
});

test("the session survives a reload; tabs, local times, empty state", async () => {
  await page.reload();
  await page.waitForSelector("table.meetings tbody tr");
  assert.equal(await page.locator("#signin-form").count(), 0, "still signed in after reload");

  // Alice's seeded current meeting started 10 minutes ago; its row shows the start in TZ.
  await page.click("#tab-current");
  await page.waitForSelector("#tab-current[aria-selected=true]");
  await page.waitForSelector("table.meetings tbody tr");
  const row = page.locator("table.meetings tbody tr").first();
  const iso = await row.locator("time").getAttribute("datetime");
  const started = Date.parse(iso);
  assert.ok(Math.abs(Date.now() - 10 * 60_000 - started) < 5 * 60_000, `current meeting start ${iso}`);
  const expected = new Date(started).toLocaleString("en-US", { timeZone: TZ, dateStyle: "medium", timeStyle: "short" });
  assert.equal((await row.locator("time").textContent()).trim(), expected, "start shown in the viewer's time zone");
  assert.match(await row.textContent(), /current/);
  await shot(page, "03-meetings-current");

  await page.click("#tab-past");
  await page.waitForSelector("#tab-past[aria-selected=true]");
  await page.waitForSelector("table.meetings tbody tr");
  await shot(page, "04-meetings-past");

  await page.goto(`${emu.origin}/#/meetings?tab=past&page=7`);
  await page.waitForSelector(".empty");
  assert.match(await page.textContent(".empty"), /No more past meetings/);
  await shot(page, "05-meetings-empty");

  // A server fault (an HTML 502 page, three times so the client's two GET retries fail too):
  // plain words with the status on hover, and "Try again" works once the fault is gone.
  await control("faults", { route: "/meetings", method: "GET", html: true, html_status: 502, count: 3 });
  await page.goto(`${emu.origin}/#/meetings?tab=upcoming`);
  const err = page.locator("#meetings-panel .error-text");
  await err.waitFor();
  assert.match(await err.textContent(), /server/i);
  assert.match((await err.getAttribute("title")) ?? "", /HTTP 502/);
  await shot(page, "05b-meetings-server-error");
  await fetch(`${emu.origin}/__emulator/faults`, { method: "DELETE" });
  await page.click("#meetings-panel button:has-text('Try again')");
  await page.waitForSelector("table.meetings tbody tr");
});

test("schedule: client validation error beside the field before any request, then fixed", async () => {
  const posts = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && /\/ucaas\/v1\/meetings?$/.test(new URL(r.url()).pathname)) posts.push(r.url());
  });
  await page.click("a[href='#/schedule']");
  await page.waitForSelector("#meeting-form");
  const start = futureStart();
  await page.fill("[name=room_name]", "ab");
  await page.fill("[name=desc]", "Quarterly design review");
  await page.fill("[name=start_time]", start.local);
  await page.fill("[name=duration]", "45");
  await page.fill("[name=moderators]", "2");
  await page.fill("[name=participants]", "8");
  await page.check("[name=knock]");
  await page.fill("[name=invitees]", "dave@example.test");
  await page.click("#meeting-submit");
  const fieldErr = page.locator("[data-field=room_name] .field-error .error-text");
  await fieldErr.waitFor();
  assert.match(await fieldErr.textContent(), /title/i);
  assert.equal(await fieldErr.getAttribute("data-code"), "1612");
  assert.match((await fieldErr.getAttribute("title")) ?? "", /Code 1612/);
  assert.equal(await page.getAttribute("[name=room_name]", "aria-invalid"), "true");
  assert.equal(await page.evaluate(() => document.activeElement?.name), "room_name", "focus on the field in error");
  assert.equal(posts.length, 0, "no request was sent for an invalid form");
  await shot(page, "06-schedule-validation-error");

  // Fixed; the request is held back briefly so the in-flight state can be seen.
  scheduledTitle = `Design review ${Date.now() % 100000}`;
  await page.fill("[name=room_name]", scheduledTitle);
  let release;
  const held = new Promise((r) => {
    release = r;
  });
  await page.route("**/ucaas/v1/meetings", async (route) => {
    await held;
    await route.continue();
  });
  await page.click("#meeting-submit");
  await page.waitForSelector("#busy:not([hidden])");
  assert.equal(await page.isDisabled("#meeting-submit"), true, "submit disabled while in flight");
  await shot(page, "07-schedule-in-flight");
  release();
  await page.waitForSelector("#detail-start");
  await page.unroute("**/ucaas/v1/meetings");
  assert.equal(posts.length, 1);
  assert.equal((await page.textContent("#view-title")).trim(), scheduledTitle);
  assert.match(await page.textContent("#detail-start-utc"), new RegExp(start.utcText.replace(/[-:]/g, "."), ""),
    "the local start went out as UTC");
  assert.match(await page.getAttribute("#mpin", "data-value"), /^\S{6,10}$/);
  assert.match(await page.getAttribute("#ppin", "data-value"), /^\S{6,10}$/);
  scheduledId = decodeURIComponent(new URL(page.url()).hash.split("/")[2]);
  // Copy button puts the PIN on the clipboard and says so.
  await page.click("#ppin-copy");
  await page.waitForSelector("#ppin-status:has-text('Copied')");
  await shot(page, "08-meeting-detail");
});

test("the new meeting is listed, with paging", async () => {
  await page.goto(`${emu.origin}/#/meetings?tab=upcoming`);
  await page.waitForSelector("table.meetings tbody tr");
  const titles = await page.locator("table.meetings tbody th").allTextContents();
  assert.ok(titles.some((t) => t.trim() === scheduledTitle), `listed: ${titles.join(" | ")}`);
  // One row per page: the upcoming seed meeting plus ours make at least two pages.
  await page.goto(`${emu.origin}/#/meetings?tab=upcoming&page=1&per=1`);
  await page.waitForSelector("table.meetings tbody tr");
  assert.equal(await page.locator("table.meetings tbody tr").count(), 1);
  await page.click("a[rel=next]");
  await page.waitForSelector(".page-no:has-text('Page 2')");
  await page.waitForSelector("table.meetings tbody tr");
  assert.equal(await page.locator("table.meetings tbody tr").count(), 1);
  await shot(page, "09-meetings-paging");
});

test("invite by email: an invalid address is refused beside the field, then sent", async () => {
  await page.goto(`${emu.origin}/#/meeting/${encodeURIComponent(scheduledId)}`);
  await page.waitForSelector("#invite-form");
  await page.fill("#invite-emails", "not-an-email");
  await page.click("#invite-submit");
  await page.waitForSelector("[data-field=invitees] .field-error .error-text");
  await shot(page, "10-invite-error");
  await page.fill("#invite-emails", "erin@example.test, frank@example.test");
  await page.click("#invite-submit");
  await page.waitForSelector("#invite-status:has-text('Invitation sent')");
  await shot(page, "11-invite-sent");
  // The emulator "sent" the mail.
  const box = await control("outbox?to=erin@example.test");
  assert.ok((box.mails ?? []).length >= 1, `a mail to erin: ${JSON.stringify(box)}`);
});

test("edit the meeting", async () => {
  await page.click("#edit-meeting");
  await page.waitForSelector("#meeting-form[data-mode=edit]");
  assert.equal(await page.inputValue("[name=room_name]"), scheduledTitle);
  scheduledTitle = `${scheduledTitle} (moved)`;
  await page.fill("[name=room_name]", scheduledTitle);
  await page.fill("[name=duration]", "60");
  await shot(page, "12-edit");
  await page.click("#meeting-submit");
  await page.waitForSelector("#detail-start");
  assert.equal((await page.textContent("#view-title")).trim(), scheduledTitle);
});

test("cancel asks for confirmation; keeping it changes nothing; confirming removes it", async () => {
  await page.click("#cancel-meeting");
  await page.waitForSelector("#confirm[open]");
  await shot(page, "13-cancel-confirm");
  await page.click("#confirm-no");
  await page.locator("#confirm").waitFor({ state: "hidden" });
  assert.equal(await page.evaluate(() => document.activeElement?.id), "cancel-meeting", "focus returns to the button");
  await page.click("#cancel-meeting");
  await page.click("#confirm-yes");
  await page.waitForSelector("table.meetings, .empty");
  await page.waitForSelector("#banner:has-text('Cancelled')");
  const titles = await page.locator("table.meetings tbody th").allTextContents();
  assert.ok(!titles.some((t) => t.trim() === scheduledTitle), "cancelled meeting no longer listed");
  await shot(page, "14-after-cancel");
});

test("join by participant PIN and by moderator PIN, with branding applied", async () => {
  const join = await newPage();
  // Reached by typing a PIN on the sign-in page.
  await join.goto(`${emu.origin}/#/signin`);
  await join.fill("#quick-pin", "222222");
  await join.click("form.inline-form button");
  await join.waitForURL(/join\.html\?pin=222222/);
  await join.waitForSelector("body[data-branded=domain]");
  // The seed's branding for meet.example.test: name, heading, text, terms and privacy links.
  assert.equal((await join.textContent("#brand-name")).trim(), "Example Meet");
  assert.equal((await join.textContent("#join-heading")).trim(), "Welcome to Example Meet");
  assert.match(await join.textContent("#brand-content"), /Enter your PIN to join/);
  assert.equal(await join.getAttribute("#terms-link", "href"), "https://meet.example.test/terms");
  assert.equal(await join.getAttribute("#privacy-link", "href"), "https://meet.example.test/privacy");
  assert.equal(await join.title(), "Join Example Meet");
  assert.equal(await join.getAttribute("#brand-logo", "src"), `${emu.origin}/favicon.svg`);
  // Visible once the image has loaded (until then it has no size; one that fails to load is
  // hidden): wait for that, not for a moment that a loaded machine may not have reached yet.
  await join.locator("#brand-logo").waitFor({ state: "visible", timeout: 10_000 });
  assert.equal(await join.evaluate(() => document.getElementById("brand-logo").naturalWidth > 0), true);
  await shot(join, "15-join-branded");

  await join.fill("#join-name", "Pat Participant");
  await join.click("#join-submit");
  await join.waitForSelector("#join-role");
  assert.equal(await join.getAttribute("#join-role", "data-role"), "participant");
  assert.match(await join.textContent("#join-token"), /Received/);
  await join.waitForSelector("body[data-branded=meeting]");
  // The meeting's own branding layer (seed: heading "Quarterly planning").
  assert.equal((await join.textContent("#join-heading")).trim(), "Quarterly planning");
  assert.equal(await join.evaluate(() => document.activeElement?.id), "join-result-heading");
  await shot(join, "16-joined-participant");

  await join.goto(`${emu.origin}/join.html?pin=111111`);
  assert.equal(await join.inputValue("#join-pin"), "111111");
  await join.fill("#join-name", "Mo Moderator");
  await join.click("#join-submit");
  await join.waitForSelector("#join-role");
  assert.equal(await join.getAttribute("#join-role", "data-role"), "moderator");
  await join.waitForSelector("body[data-branded=meeting]");
  assert.equal((await join.textContent("#join-heading")).trim(), "Quarterly planning", "meeting layer wins over the domain's");
  await shot(join, "17-joined-moderator");

  // A PIN of the wrong length is refused before any request, beside the field.
  await join.goto(`${emu.origin}/join.html?pin=12`);
  await join.fill("#join-name", "Pat");
  await join.click("#join-submit");
  const e = join.locator("[data-field=pin] .error-text");
  await e.waitFor();
  assert.equal(await e.getAttribute("data-code"), "2107");
  await shot(join, "18-join-bad-pin");
  assert.deepEqual(join.errors.filter((m) => !/Failed to load resource/.test(m)), []);
  await join.context().close();
});

test("a branding value with a javascript: URL is not rendered as a link; HTML stays text", async () => {
  const join = await newPage();
  await join.goto(`${emu.origin}/join.html?pin=888888`);
  await join.fill("#join-name", "Carol");
  await join.click("#join-submit");
  await join.waitForSelector("body[data-branded=meeting]");
  // Terms and privacy: present as words, not as links.
  assert.equal(await join.locator("#brand-footer a").filter({ hasText: "Terms" }).count(), 0);
  assert.match(await join.textContent("#brand-footer"), /Terms of service/);
  assert.equal(await join.locator("a[href^='javascript' i], [src^='javascript' i], [href*='script:' i]").count(), 0);
  assert.equal(await join.locator("#brand-logo").isHidden(), true, "javascript: logo dropped");
  assert.equal(await join.getAttribute("#brand-logo", "src"), null);
  assert.equal(await join.getAttribute("#favicon", "href"), "/favicon.svg", "data: favicon dropped");
  // HTML in names and texts is shown as text.
  assert.match(await join.textContent("#brand-name"), /<img src=x onerror=alert\(1\)>/);
  assert.match(await join.textContent("#join-heading"), /<b>heading<\/b>/);
  assert.equal(await join.locator("#brand-content img, #join-heading b").count(), 0);
  // video_embed only inside an iframe with an empty sandbox.
  const sandbox = await join.getAttribute("#brand-media iframe", "sandbox");
  assert.equal(sandbox, "");
  assert.equal(await join.evaluate(() => window.__pwned === true), false);
  // A colour carrying CSS injection is never applied (the package's Branding type has no colour
  // field today, so colours do not reach the page at all; safeColour is unit-tested).
  assert.equal(await join.evaluate(() => document.documentElement.style.getPropertyValue("--brand")), "");
  // The page's own CSP forbids HTML sinks (Trusted Types).
  const blocked = await join.evaluate(() => {
    try {
      document.body.insertAdjacentHTML("beforeend", "<i>x</i>");
      return false;
    } catch {
      return true;
    }
  });
  assert.equal(blocked, true, "innerHTML-style sinks are blocked by the CSP");
  await shot(join, "19-join-hostile-branding");
  await join.context().close();
});

test("CSP meta allows only self (and the configured API origin)", async () => {
  for (const path of ["/", "/join.html"]) {
    const res = await fetch(`${emu.origin}${path}`);
    const html = await res.text();
    const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    assert.ok(m, `CSP meta on ${path}`);
    const csp = m[1];
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /connect-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline scripts");
  }
});

test("usable at 375 px: no sideways scrolling on any screen", async () => {
  const phone = await newPage({ width: 375, height: 740, isMobile: true, hasTouch: true });
  await phone.goto(`${emu.origin}/`);
  await phone.waitForSelector("#signin-form");
  await signIn(phone);
  await phone.waitForSelector("table.meetings tbody tr");
  const screens = [
    ["20-mobile-meetings", "#/meetings", "table.meetings"],
    ["21-mobile-schedule", "#/schedule", "#meeting-form"],
  ];
  for (const [name, hash, sel] of screens) {
    await phone.goto(`${emu.origin}/${hash}`);
    await phone.waitForSelector(sel);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: ${overflow}px wider than the screen`);
    await shot(phone, name);
  }
  await phone.click("table.meetings tbody a").catch(async () => {
    await phone.goto(`${emu.origin}/#/meetings`);
    await phone.click("table.meetings tbody a");
  });
  await phone.waitForSelector("#detail-start");
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
  await shot(phone, "22-mobile-detail");
  await phone.goto(`${emu.origin}/join.html?pin=444444`);
  await phone.waitForSelector("#join-form");
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
  await shot(phone, "23-mobile-join");
  await phone.context().close();
});

test("expired session: banner, back to sign-in, the typed schedule form kept", async () => {
  await page.goto(`${emu.origin}/#/schedule`);
  await page.waitForSelector("#meeting-form");
  const start = futureStart();
  await page.fill("[name=room_name]", "Kept across expiry");
  await page.fill("[name=desc]", "typed before the token ran out");
  await page.fill("[name=start_time]", start.local);
  await page.fill("[name=duration]", "30");
  await page.check("[name=auto_recording]");
  // Two hours later on the emulator clock: the token is past its life there.
  await advanceClock(2 * 3600);
  await page.click("#meeting-submit");
  await page.waitForSelector("#signin-form");
  await page.waitForSelector("#banner:not([hidden])");
  assert.match(await page.textContent("#banner"), /expired/i);
  assert.match(await page.textContent("#banner"), /kept/i);
  await shot(page, "24-session-expired");
  await signIn(page);
  await page.waitForSelector("#meeting-form[data-mode=new]");
  assert.equal(await page.inputValue("[name=room_name]"), "Kept across expiry");
  assert.equal(await page.inputValue("[name=desc]"), "typed before the token ran out");
  assert.equal(await page.inputValue("[name=start_time]"), start.local);
  assert.equal(await page.isChecked("[name=auto_recording]"), true);
  await shot(page, "25-form-kept-after-sign-in");
  // Sign out ends the session; a reload stays signed out.
  await page.click("#signout");
  await page.waitForSelector("#signin-form");
  await page.reload();
  await page.waitForSelector("#signin-form");
  assert.deepEqual(page.errors.filter((m) => !/Failed to load resource/.test(m)), []);
  await page.context().close();
});
