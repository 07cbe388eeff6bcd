// Text-only DOM helpers. Nothing in this app assigns innerHTML/outerHTML/insertAdjacentHTML or
// document.write: every server value goes through textContent or a checked attribute. The page's
// CSP ("require-trusted-types-for 'script'") makes the browser refuse any such assignment anyway.

/**
 * Creates an element. `attrs` keys: "class", "text" (textContent), "on<event>" (listener),
 * "dataset" (object), booleans (true sets the attribute, false/undefined leaves it out), anything
 * else via setAttribute. Children: nodes or strings (as text nodes); null/false are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") el.textContent = String(value);
    else if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "href" || key === "src") {
      // URLs are only ever set from safeUrl() results or from our own constants.
      el.setAttribute(key, String(value));
    } else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of `parent` with `children`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, ...children);
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Returns a URL string that is safe to use as href/src, or null.
 * Rule: `https:` anywhere, or `http:` on a loopback host (the emulator); everything else
 * (`javascript:`, `data:`, `vbscript:`, `file:`, `http:` to other hosts, garbage) is dropped.
 * Relative URLs are resolved against the page first, so they pass only when the page itself is
 * served over https or from loopback.
 */
export function safeUrl(value, base = document.baseURI) {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  if (!trimmed) return null;
  // Browsers strip tabs/newlines and leading control characters inside URLs; refuse them outright
  // so "java\tscript:" can't slip past.
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return null;
  let url;
  try {
    url = new URL(trimmed, base);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.protocol === "https:") return url.href;
  if (url.protocol === "http:" && LOOPBACK.test(url.hostname)) return url.href;
  return null;
}

/** A colour value usable in CSS: #rgb, #rgba, #rrggbb, #rrggbbaa, or rgb()/rgba() with numbers. */
export function safeColour(value) {
  if (typeof value !== "string") return null;
  const v = value.trim();
  if (/^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(v)) return v;
  if (/^rgba?\(\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*(?:,\s*(?:0|1|0?\.\d+)\s*)?\)$/i.test(v)) return v;
  return null;
}

/** A link to a safe URL, or the plain text (no link) when the URL is not safe. */
export function linkOrText(url, text, attrs = {}) {
  const safe = safeUrl(url);
  if (!safe) return h("span", { class: "unsafe-url", text: text ?? "" });
  return h("a", { href: safe, rel: "noopener noreferrer", target: "_blank", ...attrs, text: text ?? safe });
}

/** Moves focus to `el` (making it focusable if it is not) and scrolls it into view. */
export function focus(el) {
  if (!el) return;
  if (!el.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) {
    el.setAttribute("tabindex", "-1");
  }
  el.focus({ preventScroll: false });
}
