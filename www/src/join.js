// The join page (join.html?pin=…): branding, name, join, role and token received.
import { getClient } from "./client.js";
import { h, replace, focus, safeUrl, safeColour, linkOrText } from "./dom.js";
import { withBusy } from "./busy.js";
import { errorNode, errorField } from "./errors.js";
import { config } from "./config.js";

const $ = (id) => document.getElementById(id);
const form = $("join-form");
const pinInput = $("join-pin");
const nameInput = $("join-name");
const submit = $("join-submit");

// ---------------------------------------------------------------------------------------------
// Branding: every value is text or a checked URL / colour. The only HTML sink on the page is the
// sandboxed iframe for `video_embed`, reached through one Trusted Types policy.

let embedPolicy = null;
function embedHtml(html) {
  if (window.trustedTypes?.createPolicy) {
    // Named in the CSP (trusted-types ucaas-demo-embed); used only for iframe[sandbox].srcdoc.
    embedPolicy ??= window.trustedTypes.createPolicy("ucaas-demo-embed", { createHTML: (s) => s });
    return embedPolicy.createHTML(html);
  }
  return html;
}

/** `video_embed` in an iframe with an empty sandbox: no scripts, no forms, no top navigation, opaque origin. */
function sandboxedEmbed(html, title) {
  const frame = h("iframe", {
    sandbox: "",
    referrerpolicy: "no-referrer",
    loading: "lazy",
    title: title || "Embedded video",
    class: "embed-frame",
  });
  frame.srcdoc = embedHtml(String(html));
  return frame;
}

/**
 * A branding image or video URL: safe (https or loopback http) and from an origin the CSP's
 * img-src/media-src allows, so the browser is never asked to load something it will block.
 */
function mediaUrl(value) {
  const url = safeUrl(value);
  return url && config.mediaOrigins.includes(new URL(url).origin) ? url : null;
}

const str = (v) => (typeof v === "string" && v.trim() ? v.trim() : null);

/** Finds colours wherever the branding carries them (the docs show none; emulators may). */
function colours(b) {
  const out = {};
  const groups = [b.colors, b.colours, b.theme, b.colour_scheme, b.color_scheme].filter((g) => g && typeof g === "object");
  const pick = (key, ...names) => {
    for (const g of groups) for (const n of names) if (safeColour(g[n])) return (out[key] ??= safeColour(g[n]));
    for (const n of names) {
      for (const top of [`${n}_color`, `${n}_colour`, `${n}Color`]) if (safeColour(b[top])) return (out[key] ??= safeColour(b[top]));
    }
    return null;
  };
  pick("brand", "primary", "brand", "accent", "button");
  pick("bg", "background", "bg", "page");
  pick("text", "text", "foreground", "fg");
  pick("bar", "header", "topbar", "secondary");
  if (!out.brand && safeColour(b.color ?? b.colour)) out.brand = safeColour(b.color ?? b.colour);
  return out;
}

const isPlain = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** `over` laid on `base` (plain objects merged key by key; anything else replaced). */
function overlay(base, over) {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") continue;
    out[key] = isPlain(value) && isPlain(out[key]) ? overlay(out[key], value) : value;
  }
  return out;
}

// The branding in force: the domain's, then the meeting's laid over it (as the API layers them).
let layered = {};

function applyBranding(branding, source) {
  const answer = branding?.vc ?? branding?.wb;
  if (!isPlain(answer)) return false;
  layered = overlay(layered, answer);
  const b = layered;
  document.body.dataset.branded = source;

  const name = str(b.name);
  if (name) {
    $("brand-name").textContent = name;
    document.title = `Join ${name}`;
  }
  const logo = mediaUrl(b.logo) ?? mediaUrl(b.logo_inner) ?? mediaUrl(b.logo_icon);
  const img = $("brand-logo");
  if (!logo) {
    // A later layer without a usable logo must not leave an earlier one's in place.
    img.hidden = true;
    img.removeAttribute("src");
  } else {
    // An image that does not load (offline, or outside the CSP's img-src) is hidden, not shown broken.
    img.addEventListener("error", () => {
      img.hidden = true;
    }, { once: true });
    img.src = logo;
    img.alt = name ? `${name} logo` : "Logo";
    img.hidden = false;
  }
  $("favicon").setAttribute("href", mediaUrl(b.favicon) ?? "/favicon.svg");

  const c = colours(b);
  const root = document.documentElement.style; // CSSOM, allowed by the CSP without 'unsafe-inline'
  // Each answer sets the colours it has and drops those of an earlier answer that it lacks.
  for (const [key, prop] of [["brand", "--brand"], ["bg", "--page-bg"], ["text", "--text"], ["bar", "--bar"]]) {
    if (c[key]) root.setProperty(prop, c[key]);
    else root.removeProperty(prop);
  }

  const content = $("brand-content");
  const heading = str(b.login_page?.heading) ?? str(b.login?.headline);
  if (heading) $("join-heading").textContent = heading;
  const paragraphs = [str(b.login_page?.content), str(b.desc), str(b.login?.desc)].filter(Boolean);
  replace(content, [...new Set(paragraphs)].map((p) => h("p", { class: "pre", text: p })));

  // Landing media: banner image, video file, or embed code (in a sandboxed iframe only).
  const media = $("brand-media");
  const login = b.login && typeof b.login === "object" ? b.login : {};
  const target = safeUrl(login.target_url);
  const banner = mediaUrl(login.banner);
  const video = mediaUrl(login.video_file);
  const nodes = [];
  if (banner) {
    const bimg = h("img", { src: banner, alt: str(login.headline) ?? "Banner", class: "banner-img" });
    bimg.addEventListener("error", () => {
      bimg.hidden = true;
    }, { once: true });
    nodes.push(target ? h("a", { href: target, target: "_blank", rel: "noopener noreferrer" }, bimg) : bimg);
  } else if (video) {
    nodes.push(h("video", { src: video, controls: true, preload: "none", class: "banner-video" }));
  } else if (str(login.video_embed)) {
    nodes.push(sandboxedEmbed(login.video_embed, str(login.headline) ?? "Embedded video"));
  }
  replace(media, nodes);

  // Footer: terms and privacy links (dropped to plain text when the URL is not safe), copyright, credits.
  const footer = $("brand-footer");
  const links = [];
  const tos = b.tos && typeof b.tos === "object" ? b.tos : {};
  if (tos.enabled !== false && tos.enabled !== "false") {
    if (str(tos.terms_url)) links.push(linkOrText(tos.terms_url, "Terms of service", { id: "terms-link" }));
    if (str(tos.privacy_url)) links.push(linkOrText(tos.privacy_url, "Privacy policy", { id: "privacy-link" }));
  }
  const credits = b.credits && typeof b.credits === "object" ? b.credits : null;
  replace(footer,
    links.length ? h("nav", { "aria-label": "Legal" }, links.flatMap((l, i) => (i ? [" · ", l] : [l]))) : null,
    str(b.copyright) ? h("p", { class: "muted", text: b.copyright }) : null,
    credits && credits.enabled !== false && str(credits.name)
      ? h("p", { class: "muted" }, "Powered by ", linkOrText(credits.target_url, credits.name))
      : null);
  return true;
}

async function loadBranding(client, query, source) {
  try {
    const branding = await withBusy([], () => client.getBranding(query), "Loading branding…");
    return applyBranding(branding, source);
  } catch (err) {
    // No branding is fine: the page keeps its own look. Leave a trace for developers.
    console.info("No branding for", query, err?.kind ?? err);
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Join

function userRef() {
  const key = "ucaas.demo.userRef";
  try {
    let ref = sessionStorage.getItem(key);
    if (!ref) {
      ref = `demo-${crypto.randomUUID()}`;
      sessionStorage.setItem(key, ref);
    }
    return ref;
  } catch {
    return `demo-${Math.random().toString(36).slice(2)}`;
  }
}

function clearErrors() {
  for (const el of form.querySelectorAll(".field-error")) el.replaceChildren();
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  $("join-error").replaceChildren();
}

function showError(err) {
  const fieldName = errorField(err);
  const box = fieldName ? form.querySelector(`[data-field="${CSS.escape(fieldName)}"]`) : null;
  if (box) {
    const input = box.querySelector("input");
    box.querySelector(".field-error").replaceChildren(errorNode(err, "join"));
    input.setAttribute("aria-invalid", "true");
    focus(input);
  } else {
    replace($("join-error"), errorNode(err, "join"));
    focus(pinInput);
  }
}

async function start() {
  const params = new URLSearchParams(location.search);
  if (params.get("pin")) pinInput.value = params.get("pin").slice(0, 32);
  focus(pinInput.value ? nameInput : pinInput);

  // The handler is attached before the wasm module is ready, so an early submit never falls back
  // to a plain form GET; it waits for the client instead.
  const clientReady = getClient();
  // The domain's branding, which the meeting's is laid over: always applied first.
  const domainBranding = clientReady
    .then((client) => loadBranding(client, { domain: config.brandingDomain || location.hostname }, "domain"))
    .catch(() => false);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors();
    let client;
    try {
      client = await clientReady;
    } catch (err) {
      replace($("join-error"), errorNode(err));
      return;
    }
    if (!nameInput.value.trim()) {
      showError({ kind: "validation", field: "name", message: "Enter your name so others know who joined." });
      return;
    }
    let result;
    try {
      result = await withBusy([submit, form.querySelector("fieldset")],
        () => client.joinSession({ pin: pinInput.value.trim(), name: nameInput.value.trim(), user_ref: userRef() }),
        "Joining…");
    } catch (err) {
      showError(err);
      return;
    }
    const user = result?.user ?? {};
    const role = String(user.role ?? "").toLowerCase();
    const roleText = role === "moderator" ? "Moderator (host)" : role === "participant" ? "Participant" : (user.role ?? "Unknown");
    const token = typeof result?.token === "string" ? result.token : "";
    replace($("join-details"),
      h("dt", { text: "Your role" }), h("dd", { id: "join-role", dataset: { role }, text: roleText }),
      h("dt", { text: "Join token" }),
      h("dd", { id: "join-token", text: token ? `Received (${token.length} characters). The video session would start with it.` : "Not received." }),
      user.meeting_id ? [h("dt", { text: "Meeting ID" }), h("dd", { class: "mono", text: String(user.meeting_id) })] : null,
      user.room_id ? [h("dt", { text: "Room ID" }), h("dd", { class: "mono", text: String(user.room_id) })] : null);
    form.hidden = true;
    $("join-result").hidden = false;
    focus($("join-result-heading"));
    if (user.meeting_id) {
      await domainBranding;
      await loadBranding(client, { meeting_id: String(user.meeting_id) }, "meeting");
    }
  });

  try {
    await clientReady;
  } catch (err) {
    replace($("join-error"), errorNode(err));
  }
  await domainBranding;
}

start();
