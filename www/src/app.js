// The meetings app (index.html): sign in, meetings list, schedule / edit, detail.
// Hash routes: #/signin, #/meetings?tab=upcoming&page=1, #/schedule, #/meeting/ID, #/meeting/ID/edit.
import { getClient } from "./client.js";
import { h, replace, focus, linkOrText } from "./dom.js";
import { withBusy } from "./busy.js";
import { errorNode, errorField } from "./errors.js";
import { localTime, minutes, parseUtc, toLocalInput, fromLocalInput, toUtcWire, truthy, zoneName } from "./format.js";
import { config } from "./config.js";

const main = document.getElementById("main");
const banner = document.getElementById("banner");
const DRAFT_KEY = "ucaas.demo.scheduleDraft";
const TABS = [
  ["upcoming", "Upcoming"],
  ["current", "Current"],
  ["past", "Past"],
];

let client;
/** Where to go after signing in (the route that sent the user to sign-in). */
let afterSignIn = "#/meetings";

// ---------------------------------------------------------------------------------------------
// Boot

async function boot() {
  try {
    client = await getClient();
  } catch (err) {
    replace(main, h("p", { class: "form-error", role: "alert" }, "The client could not start: ", errorNode(err)));
    return;
  }
  client.onAuthChange((event) => onAuth(typeof event === "string" ? event : event?.type ?? event?.event));
  document.getElementById("signout").addEventListener("click", () => {
    client.logout();
    clearDraft();
    showBanner("You have signed out.", "info");
    go("#/signin");
  });
  window.addEventListener("hashchange", () => route());
  route();
}

function onAuth(event) {
  updateAccount();
  if (event === "expired") sessionExpired();
  else if (event === "expiring") showBanner("Your session will expire in about two minutes. Save your work and sign in again soon.", "warn");
  else if (event === "signed_out" && !location.hash.startsWith("#/signin")) go("#/signin");
}

/** The `expired` event (or an expired answer): keep the schedule form, banner, back to sign-in. */
function sessionExpired() {
  saveDraftFromForm();
  showBanner(
    hasDraft()
      ? "Your session expired. Sign in again — what you typed in the schedule form has been kept."
      : "Your session expired. Please sign in again.",
    "warn",
  );
  if (!location.hash.startsWith("#/signin")) {
    afterSignIn = location.hash || "#/meetings";
    go("#/signin");
  }
}

function updateAccount() {
  const session = client?.session();
  const user = session?.user ?? {};
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ") || user.email || user.name || "";
  document.getElementById("account").hidden = !session;
  document.getElementById("nav").hidden = !session;
  document.getElementById("account-name").textContent = name ? `Signed in as ${name}` : "Signed in";
}

function showBanner(text, tone = "warn") {
  banner.textContent = text;
  banner.dataset.tone = tone;
  banner.hidden = false;
  const close = h("button", { type: "button", class: "link-button", "aria-label": "Dismiss message", text: "Dismiss" });
  close.addEventListener("click", () => {
    banner.hidden = true;
  });
  banner.append(" ", close);
}

function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "/meetings";
  const [path, query = ""] = raw.split("?");
  return { parts: path.split("/").filter(Boolean), params: new URLSearchParams(query) };
}

/** Increases with every navigation; a view whose request answers after the user moved on is dropped. */
let navigation = 0;
const stale = (mine) => mine !== navigation;

/** Renders the view for the current hash, then moves focus to its heading. */
async function route() {
  navigation += 1;
  updateAccount();
  const { parts, params } = parseHash();
  for (const a of document.querySelectorAll("[data-nav]")) {
    if (a.dataset.nav === parts[0]) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  if (parts[0] === "signin") return renderSignIn();
  if (!client.session()) {
    afterSignIn = location.hash && !location.hash.startsWith("#/signin") ? location.hash : "#/meetings";
    return go("#/signin");
  }
  if (parts[0] === "schedule") return renderScheduleForm(null);
  if (parts[0] === "meeting" && parts[1] && parts[2] === "edit") return renderEdit(decodeURIComponent(parts[1]));
  if (parts[0] === "meeting" && parts[1]) return renderDetail(decodeURIComponent(parts[1]));
  return renderMeetings(params);
}

function view(title, ...children) {
  const heading = h("h1", { id: "view-title", tabindex: "-1", text: title });
  replace(main, heading, ...children);
  document.title = `${title} · ucaas-client demo`;
  return heading;
}

/** Handles errors that mean the session is over; returns true if it did. */
function handleSessionEnd(err) {
  if (err?.kind === "expired") {
    sessionExpired();
    return true;
  }
  if (err?.kind === "unauthenticated") {
    saveDraftFromForm();
    showBanner("Please sign in again.", "warn");
    afterSignIn = location.hash || "#/meetings";
    go("#/signin");
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Sign in

function renderSignIn() {
  if (client.session()) {
    go(afterSignIn || "#/meetings");
    return;
  }
  const email = h("input", { id: "email", name: "email", type: "email", autocomplete: "username", required: true, "aria-describedby": "signin-error" });
  const password = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true, "aria-describedby": "signin-error" });
  const submit = h("button", { type: "submit", class: "primary", id: "signin-submit", text: "Sign in" });
  const error = h("p", { class: "form-error", id: "signin-error", role: "alert" });
  const fieldset = h("fieldset", {},
    h("div", { class: "field" }, h("label", { for: "email", text: "Email" }), email),
    h("div", { class: "field" }, h("label", { for: "password", text: "Password" }), password),
    error,
    submit);
  const form = h("form", { id: "signin-form", novalidate: true }, fieldset);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    replace(error);
    if (!email.value.trim() || !password.value) {
      replace(error, "Enter your email and password.");
      focus(email.value.trim() ? password : email);
      return;
    }
    try {
      await withBusy([submit, fieldset], () => client.login(email.value.trim(), password.value), "Signing in…");
      password.value = "";
      banner.hidden = true;
      const target = afterSignIn && !afterSignIn.startsWith("#/signin") ? afterSignIn : "#/meetings";
      afterSignIn = "#/meetings";
      go(target);
    } catch (err) {
      password.value = "";
      replace(error, errorNode(err, "login"));
      focus(password);
    }
  });
  const heading = view("Sign in",
    h("section", { class: "card narrow" },
      h("p", { class: "muted", text: "Sign in with your meetings account. Demo: alice@example.test / Passw0rd!" }),
      form),
    joinByPinCard());
  // The caret goes to the email field: the one thing to do on this page.
  void heading;
  focus(email);
}

/** A small "join with a PIN" form, so the join page is reachable by typing a PIN. */
function joinByPinCard() {
  const pin = h("input", { id: "quick-pin", name: "pin", inputmode: "numeric", autocomplete: "off" });
  const form = h("form", { class: "inline-form", action: "join.html", method: "get" },
    h("label", { for: "quick-pin", text: "Have a PIN? Join a meeting" }),
    h("div", { class: "row" }, pin, h("button", { type: "submit", text: "Go to join page" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const url = new URL("join.html", document.baseURI);
    if (pin.value.trim()) url.searchParams.set("pin", pin.value.trim());
    location.assign(url.href);
  });
  return h("section", { class: "card narrow", "aria-label": "Join with a PIN" }, form);
}

// ---------------------------------------------------------------------------------------------
// Meetings list

async function renderMeetings(params) {
  const tab = TABS.some(([t]) => t === params.get("tab")) ? params.get("tab") : "upcoming";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const per = Math.min(50, Math.max(1, Number.parseInt(params.get("per") ?? String(config.pageLength), 10) || config.pageLength));
  const link = (t, p) => `#/meetings?tab=${t}&page=${p}${per !== config.pageLength ? `&per=${per}` : ""}`;

  const tablist = h("div", { class: "tabs", role: "tablist", "aria-label": "Meetings by stage" },
    TABS.map(([t, label]) => {
      const a = h("a", { role: "tab", id: `tab-${t}`, href: link(t, 1), "aria-selected": String(t === tab), "aria-controls": "meetings-panel", text: label });
      a.tabIndex = t === tab ? 0 : -1;
      return a;
    }));
  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Enter follows the link.
  tablist.addEventListener("keydown", (ev) => {
    const tabs = [...tablist.querySelectorAll("[role=tab]")];
    const i = tabs.indexOf(document.activeElement);
    if (i < 0) return;
    const next = ev.key === "ArrowRight" ? (i + 1) % tabs.length : ev.key === "ArrowLeft" ? (i + tabs.length - 1) % tabs.length : -1;
    if (next >= 0) {
      ev.preventDefault();
      tabs[next].focus();
    }
  });
  const panel = h("div", { id: "meetings-panel", role: "tabpanel", "aria-labelledby": `tab-${tab}` },
    h("p", { class: "muted", text: "Loading meetings…" }));
  const heading = view("Meetings",
    h("div", { class: "toolbar" }, h("a", { class: "button primary", href: "#/schedule", text: "Schedule a meeting" })),
    tablist, panel);
  focus(heading);

  const mine = navigation;
  let result;
  try {
    result = await withBusy([], () => client.listMeetings({ page, page_length: per, stage: tab }), "Loading meetings…");
  } catch (err) {
    if (stale(mine)) return;
    if (handleSessionEnd(err)) return;
    const retry = h("button", { type: "button", onclick: () => route(), text: "Try again" });
    replace(panel, h("p", { class: "form-error", role: "alert" }, errorNode(err)), retry);
    focus(retry);
    return;
  }
  if (stale(mine)) return;
  const meetings = Array.isArray(result?.meetings) ? result.meetings : [];
  const label = TABS.find(([t]) => t === tab)[1].toLowerCase();
  const pager = h("nav", { class: "pager", "aria-label": "Pages" },
    page > 1 ? h("a", { class: "button", href: link(tab, page - 1), rel: "prev", text: "← Previous" }) : h("span", { class: "button disabled", "aria-disabled": "true", text: "← Previous" }),
    h("span", { class: "page-no", text: `Page ${page}` }),
    meetings.length >= per ? h("a", { class: "button", href: link(tab, page + 1), rel: "next", text: "Next →" }) : h("span", { class: "button disabled", "aria-disabled": "true", text: "Next →" }));
  if (meetings.length === 0) {
    replace(panel,
      h("div", { class: "empty" },
        h("p", { text: page > 1 ? `No more ${label} meetings.` : `No ${label} meetings.` }),
        tab === "upcoming" && page === 1 ? h("a", { href: "#/schedule", text: "Schedule one now" }) : null),
      page > 1 ? pager : null);
    return;
  }
  const rows = meetings.map((m) => {
    const id = String(m.meeting_id ?? "");
    return h("tr", { dataset: { meetingId: id } },
      h("th", { scope: "row" }, h("a", { href: `#/meeting/${encodeURIComponent(id)}`, text: m.room_name || "(untitled)" })),
      h("td", {}, h("time", { datetime: parseUtc(m.start_time)?.toISOString(), text: localTime(m.start_time) })),
      h("td", { text: minutes(m.duration) }),
      h("td", {}, h("span", { class: `stage stage-${m.stage ?? tab}`, text: m.stage ?? tab })));
  });
  replace(panel,
    h("div", { class: "table-wrap" },
      h("table", { class: "meetings" },
        h("caption", { text: `${TABS.find(([t]) => t === tab)[1]} meetings, times in ${zoneName()}` }),
        h("thead", {}, h("tr", {},
          h("th", { scope: "col", text: "Title" }),
          h("th", { scope: "col", text: "Starts" }),
          h("th", { scope: "col", text: "Duration" }),
          h("th", { scope: "col", text: "Stage" }))),
        h("tbody", {}, rows))),
    pager);
}

// ---------------------------------------------------------------------------------------------
// Schedule / edit form

const FLAGS = [
  ["wait_for_moderator", "Participants wait until a moderator joins"],
  ["knock", "Participants knock and a moderator lets them in"],
  ["auto_recording", "Record automatically"],
  ["send_mail", "Email the invitees the meeting details"],
];

function field(name, label, input, hint) {
  input.id ||= `f-${name}`;
  const errId = `${input.id}-error`;
  const hintId = hint ? `${input.id}-hint` : null;
  input.setAttribute("aria-describedby", [hintId, errId].filter(Boolean).join(" "));
  return h("div", { class: "field", dataset: { field: name } },
    h("label", { for: input.id, text: label }),
    input,
    hint ? h("small", { class: "hint", id: hintId, text: hint }) : null,
    h("span", { class: "field-error", id: errId }));
}

function clearFieldErrors(form) {
  for (const el of form.querySelectorAll(".field-error")) el.replaceChildren();
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  const general = form.querySelector(".form-error");
  if (general) general.replaceChildren();
}

/** Puts `err` next to the field it concerns (or at the top of the form); focuses that field. */
function showFormError(form, err) {
  const name = errorField(err);
  const box = name ? form.querySelector(`[data-field="${CSS.escape(name.split(".")[0].split("[")[0])}"]`) : null;
  if (box) {
    const input = box.querySelector("input, textarea, select");
    box.querySelector(".field-error").replaceChildren(errorNode(err));
    input?.setAttribute("aria-invalid", "true");
    focus(input);
  } else {
    const general = form.querySelector(".form-error");
    replace(general, errorNode(err));
    focus(general);
  }
}

function buildMeetingForm(meeting) {
  const isEdit = Boolean(meeting);
  const v = meeting ?? {};
  const start = parseUtc(v.start_time);
  const inputs = {
    room_name: h("input", { name: "room_name", autocomplete: "off", maxlength: "80", value: v.room_name ?? "" }),
    desc: h("textarea", { name: "desc", rows: "3" }),
    start_time: h("input", { name: "start_time", type: "datetime-local", value: start ? toLocalInput(start) : "" }),
    duration: h("input", { name: "duration", type: "number", inputmode: "numeric", min: "10", step: "5", value: v.duration ?? (isEdit ? "" : "30") }),
    moderators: h("input", { name: "moderators", type: "number", inputmode: "numeric", min: "1", value: v.moderators ?? (isEdit ? "" : "1") }),
    participants: h("input", { name: "participants", type: "number", inputmode: "numeric", min: "0", value: v.participants ?? (isEdit ? "" : "5") }),
    invitees: h("input", { name: "invitees", type: "text", inputmode: "email", autocomplete: "off", value: (v.invitees?.emails ?? []).join(", ") }),
  };
  inputs.desc.value = v.desc ?? "";
  const flags = FLAGS.map(([name, label]) => {
    const box = h("input", { type: "checkbox", name, id: `f-${name}` });
    box.checked = isEdit ? truthy(v[name]) : name === "send_mail";
    return h("div", { class: "check", dataset: { field: name } },
      box, h("label", { for: box.id, text: label }), h("span", { class: "field-error", id: `f-${name}-error` }));
  });
  const submit = h("button", { type: "submit", class: "primary", id: "meeting-submit", text: isEdit ? "Save changes" : "Schedule meeting" });
  const fieldset = h("fieldset", {},
    field("room_name", "Title", inputs.room_name, "3 to 50 characters."),
    field("desc", "Description", inputs.desc),
    field("start_time", `Starts (your time, ${zoneName()})`, inputs.start_time, "Sent to the server in UTC."),
    field("duration", "Duration (minutes)", inputs.duration, "At least 10 minutes."),
    h("div", { class: "row2" },
      field("moderators", "Moderators", inputs.moderators),
      field("participants", "Participants", inputs.participants)),
    h("fieldset", { class: "flags" }, h("legend", { text: "Options" }), flags),
    field("invitees", "Invite by email (optional)", inputs.invitees, "Separate addresses with commas."),
    h("p", { class: "form-error", role: "alert" }),
    h("div", { class: "actions" },
      submit,
      h("a", { class: "button", href: isEdit ? `#/meeting/${encodeURIComponent(v.meeting_id)}` : "#/meetings", text: "Back" })));
  const form = h("form", { id: "meeting-form", novalidate: true, dataset: { mode: isEdit ? "edit" : "new" } }, fieldset);
  return { form, inputs, submit, fieldset };
}

/** The form's values as the package's snake_case meeting input. Empty fields are left out. */
function readMeetingForm(form) {
  const get = (n) => form.elements[n];
  const text = (n) => get(n).value.trim();
  const num = (n) => (text(n) === "" ? undefined : Number(text(n)));
  const input = {
    room_name: text("room_name"),
    desc: text("desc"),
    duration: num("duration"),
    moderators: num("moderators"),
    participants: num("participants"),
  };
  const startLocal = get("start_time").value;
  if (startLocal) {
    const d = fromLocalInput(startLocal);
    input.start_time = d ? toUtcWire(d) : startLocal; // a malformed value goes through for the client's 1602
  }
  for (const [name] of FLAGS) input[name] = get(name).checked;
  const emails = text("invitees").split(/[,;\s]+/).filter(Boolean);
  if (emails.length) input.invitees = { emails };
  for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
  return input;
}

// The typed form survives an expired session: kept in sessionStorage (never the password).
function saveDraftFromForm() {
  const form = document.getElementById("meeting-form");
  if (!form || form.dataset.mode !== "new") return;
  const draft = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    draft[el.name] = el.type === "checkbox" ? el.checked : el.value;
  }
  try {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    /* storage unavailable: the draft is lost, nothing else breaks */
  }
}

function hasDraft() {
  try {
    return Boolean(sessionStorage.getItem(DRAFT_KEY));
  } catch {
    return false;
  }
}

function restoreDraft(form) {
  let draft;
  try {
    draft = JSON.parse(sessionStorage.getItem(DRAFT_KEY) || "null");
  } catch {
    draft = null;
  }
  if (!draft || typeof draft !== "object") return false;
  for (const el of form.elements) {
    if (!el.name || !(el.name in draft)) continue;
    if (el.type === "checkbox") el.checked = Boolean(draft[el.name]);
    else el.value = String(draft[el.name] ?? "");
  }
  return true;
}

function clearDraft() {
  try {
    sessionStorage.removeItem(DRAFT_KEY);
  } catch {
    /* ignore */
  }
}

function renderScheduleForm() {
  const { form, submit, fieldset } = buildMeetingForm(null);
  const restored = restoreDraft(form);
  form.addEventListener("input", () => saveDraftFromForm());
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearFieldErrors(form);
    const input = readMeetingForm(form);
    try {
      const meeting = await withBusy([submit, fieldset], () => client.scheduleMeeting(input), "Scheduling…");
      clearDraft();
      showBanner(`Scheduled “${meeting?.room_name ?? input.room_name}”.`, "ok");
      go(`#/meeting/${encodeURIComponent(meeting.meeting_id)}`);
    } catch (err) {
      if (handleSessionEnd(err)) return;
      showFormError(form, err);
    }
  });
  const heading = view("Schedule a meeting",
    restored ? h("p", { class: "note", id: "draft-note", text: "We kept what you typed earlier. Check it and schedule when ready." }) : null,
    h("section", { class: "card" }, form));
  focus(restored ? form.elements.room_name : heading);
}

async function renderEdit(id) {
  const heading = view("Edit meeting", h("p", { class: "muted", text: "Loading…" }));
  focus(heading);
  const mine = navigation;
  let meeting;
  try {
    meeting = await withBusy([], () => client.getMeeting(id), "Loading meeting…");
  } catch (err) {
    if (stale(mine)) return;
    if (handleSessionEnd(err)) return;
    replace(main, heading, h("p", { class: "form-error", role: "alert" }, errorNode(err)));
    return;
  }
  if (stale(mine)) return;
  const { form, submit, fieldset } = buildMeetingForm({ ...meeting, meeting_id: meeting.meeting_id ?? id });
  const original = readMeetingForm(form);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearFieldErrors(form);
    const now = readMeetingForm(form);
    const patch = {};
    for (const [k, value] of Object.entries(now)) {
      if (JSON.stringify(value) !== JSON.stringify(original[k])) patch[k] = value;
    }
    if (Object.keys(patch).length === 0) {
      replace(form.querySelector(".form-error"), "Nothing has changed.");
      return;
    }
    try {
      await withBusy([submit, fieldset], () => client.updateMeeting(id, patch), "Saving…");
      showBanner("Changes saved.", "ok");
      go(`#/meeting/${encodeURIComponent(id)}`);
    } catch (err) {
      if (handleSessionEnd(err)) return;
      showFormError(form, err);
    }
  });
  replace(main, heading, h("section", { class: "card" }, form));
  focus(heading);
}

// ---------------------------------------------------------------------------------------------
// Meeting detail

async function copy(text, status) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Fallback for browsers without the async clipboard (or without permission).
    const area = h("textarea", { class: "visually-hidden", readonly: true });
    area.value = text;
    document.body.append(area);
    area.select();
    try {
      document.execCommand("copy");
    } finally {
      area.remove();
    }
  }
  status.textContent = "Copied.";
  setTimeout(() => {
    if (status.textContent === "Copied.") status.textContent = "";
  }, 3000);
}

function copyRow(id, label, value, valueNode) {
  const status = h("span", { class: "copy-status", role: "status", id: `${id}-status` });
  const button = h("button", { type: "button", class: "small", id: `${id}-copy`, "aria-label": `Copy ${label.toLowerCase()}`, text: "Copy" });
  button.addEventListener("click", () => copy(String(value ?? ""), status));
  return [
    h("dt", { text: label }),
    h("dd", {}, h("span", { class: "mono", id, dataset: { value: String(value ?? "") } }, valueNode ?? String(value ?? "—")), " ", value ? button : null, " ", status),
  ];
}

async function renderDetail(id) {
  const heading = view("Meeting", h("p", { class: "muted", text: "Loading…" }));
  focus(heading);
  const mine = navigation;
  let m;
  try {
    m = await withBusy([], () => client.getMeeting(id), "Loading meeting…");
  } catch (err) {
    if (stale(mine)) return;
    if (handleSessionEnd(err)) return;
    replace(main, heading, h("p", { class: "form-error", role: "alert" }, errorNode(err)),
      h("a", { href: "#/meetings", text: "Back to meetings" }));
    return;
  }
  if (stale(mine)) return;
  heading.textContent = m.room_name || "Meeting";
  document.title = `${heading.textContent} · ucaas-client demo`;
  const start = parseUtc(m.start_time);
  const joinUrl = (pin) => {
    const u = new URL("join.html", document.baseURI);
    u.searchParams.set("pin", pin);
    return u.href;
  };
  const details = h("dl", { class: "details" },
    h("dt", { text: "Starts" }),
    h("dd", {},
      h("time", { datetime: start?.toISOString(), id: "detail-start", text: localTime(m.start_time) }),
      start ? h("span", { class: "muted", id: "detail-start-utc", text: ` (${toUtcWire(start).slice(0, 16)} UTC)` }) : null),
    h("dt", { text: "Duration" }), h("dd", { text: minutes(m.duration) }),
    m.stage ? [h("dt", { text: "Stage" }), h("dd", {}, h("span", { class: `stage stage-${m.stage}`, text: m.stage }))] : null,
    m.desc ? [h("dt", { text: "Description" }), h("dd", { class: "pre", text: m.desc })] : null,
    copyRow("mpin", "Moderator PIN", m.mpin),
    copyRow("ppin", "Participant PIN", m.ppin),
    copyRow("direct-url", "Direct URL", m.direct_url, m.direct_url ? linkOrText(m.direct_url, m.direct_url) : null),
    h("dt", { text: "Options" }),
    h("dd", { text: FLAGS.filter(([k]) => k !== "send_mail" && truthy(m[k])).map(([, l]) => l).join("; ") || "None" }));

  // Invite by email
  const emails = h("input", { id: "invite-emails", name: "invitees", type: "text", inputmode: "email", autocomplete: "off", "aria-describedby": "invite-emails-hint invite-emails-error" });
  const inviteBtn = h("button", { type: "submit", id: "invite-submit", text: "Send invitations" });
  const inviteStatus = h("p", { class: "ok-text", role: "status", id: "invite-status" });
  const inviteForm = h("form", { id: "invite-form", novalidate: true },
    h("fieldset", {},
      h("legend", { text: "Invite by email" }),
      h("div", { class: "field", dataset: { field: "invitees" } },
        h("label", { for: "invite-emails", text: "Email addresses" }), emails,
        h("small", { class: "hint", id: "invite-emails-hint", text: "Separate addresses with commas. They get the participant PIN and link." }),
        h("span", { class: "field-error", id: "invite-emails-error" })),
      h("p", { class: "form-error", role: "alert" }),
      inviteBtn, inviteStatus));
  inviteForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearFieldErrors(inviteForm);
    inviteStatus.textContent = "";
    const list = emails.value.split(/[,;\s]+/).filter(Boolean);
    try {
      await withBusy([inviteBtn], () => client.inviteToSession({ meeting_id: String(m.meeting_id ?? id), invitees: list }), "Sending invitations…");
      inviteStatus.textContent = `Invitation sent to ${list.join(", ")}.`;
      emails.value = "";
      focus(inviteStatus);
    } catch (err) {
      if (handleSessionEnd(err)) return;
      showFormError(inviteForm, err);
    }
  });

  // Cancel with confirmation
  const cancelBtn = h("button", { type: "button", class: "danger", id: "cancel-meeting", text: "Cancel meeting…" });
  const cancelError = h("p", { class: "form-error", role: "alert", id: "cancel-error" });
  cancelBtn.addEventListener("click", async () => {
    const dialog = document.getElementById("confirm");
    document.getElementById("confirm-text").textContent =
      `“${m.room_name ?? "This meeting"}” on ${localTime(m.start_time)} will be cancelled. This cannot be undone.`;
    dialog.returnValue = "";
    dialog.showModal();
    const answer = await new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue), { once: true }));
    if (answer !== "yes") {
      focus(cancelBtn);
      return;
    }
    try {
      await withBusy([cancelBtn], () => client.cancelMeeting(String(m.meeting_id ?? id)), "Cancelling…");
      showBanner(`Cancelled “${m.room_name ?? "the meeting"}”.`, "ok");
      go("#/meetings");
    } catch (err) {
      if (handleSessionEnd(err)) return;
      replace(cancelError, errorNode(err));
      focus(cancelError);
    }
  });

  replace(main, heading,
    h("section", { class: "card" }, details,
      h("div", { class: "actions" },
        m.mpin ? h("a", { class: "button primary", href: joinUrl(m.mpin), id: "join-as-moderator", text: "Join as moderator" }) : null,
        h("a", { class: "button", href: `#/meeting/${encodeURIComponent(id)}/edit`, id: "edit-meeting", text: "Edit" }),
        cancelBtn),
      cancelError),
    h("section", { class: "card" }, inviteForm),
    h("p", {}, h("a", { href: "#/meetings", text: "← Back to meetings" })));
  focus(heading);
}

boot();
