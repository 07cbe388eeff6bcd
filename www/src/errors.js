// Turns a thrown error into plain words, with the API's code kept for the hover text.
import { h } from "./dom.js";

const PLAIN = {
  unauthenticated: "You are not signed in, or the email or password is wrong.",
  expired: "Your session has expired. Please sign in again.",
  forbidden: "You don't have access to that.",
  not_found: "We couldn't find that. It may have been cancelled, or the PIN may be wrong.",
  network: "We couldn't reach the server. Check your connection and try again.",
  timeout: "The server took too long to answer. Please try again.",
  aborted: "The request was stopped.",
  decode: "The server sent an answer we couldn't read. Please try again later.",
  http: "The server had a problem. Please try again later.",
  api: "The server refused the request.",
};

/** Plain-words sentence for an error from the client (or anything else thrown). */
export function plainMessage(err, context = "") {
  if (!err || typeof err !== "object") return "Something went wrong.";
  const kind = err.kind;
  if (context === "login" && kind === "unauthenticated") return "Wrong email or password. Please try again.";
  if (context === "join" && kind === "not_found") return "No meeting has that PIN. Check the PIN and try again.";
  if (kind === "validation") return err.message || "Please check what you typed.";
  if (kind === "api") return err.message ? `The server refused the request: ${err.message}` : PLAIN.api;
  if (kind && PLAIN[kind]) return PLAIN[kind];
  return err.message || "Something went wrong.";
}

/** Hover text with the technical details: API result code, HTTP status, kind, server desc. */
export function technical(err) {
  if (!err || typeof err !== "object") return "";
  const parts = [];
  if (err.code !== undefined && err.code !== null) parts.push(`Code ${err.code}`);
  if (err.status !== undefined && err.status !== null) parts.push(`HTTP ${err.status}`);
  if (err.kind) parts.push(`kind: ${err.kind}`);
  if (err.desc && err.desc !== err.message) parts.push(String(err.desc));
  return parts.join(" · ");
}

/** An error message element: plain words as text, code in title and data-code. */
export function errorNode(err, context) {
  const tech = technical(err);
  return h("span", {
    class: "error-text",
    title: tech || undefined,
    dataset: err?.code !== undefined && err?.code !== null ? { code: String(err.code), kind: err.kind ?? "" } : { kind: err?.kind ?? "" },
    text: plainMessage(err, context),
  });
}

// The API sends some validation codes back without naming the field; these are the documented
// codes (codes/src/table.rs) mapped to the schedule form's fields.
const CODE_FIELDS = [
  [1601, 1609, "start_time"],
  [1611, 1614, "room_name"],
  [1631, 1639, "duration"],
  [1641, 1649, "moderators"],
  [1651, 1659, "participants"],
  [1695, 1695, "invitees"],
  [2101, 2107, "pin"],
  [2207, 2209, "invitees"],
];

/** The input field an error concerns (the client's `field`, else guessed from the code). */
export function errorField(err) {
  if (err?.field) return String(err.field);
  const code = Number(err?.code);
  for (const [lo, hi, field] of CODE_FIELDS) if (code >= lo && code <= hi) return field;
  return null;
}
