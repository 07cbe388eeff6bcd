// Times: the API speaks "YYYY-MM-DD HH:ii:ss" in UTC; the page shows the viewer's local time.

const WIRE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;

/** Parses the API's UTC "YYYY-MM-DD HH:ii:ss" into a Date, or null. */
export function parseUtc(value) {
  const m = WIRE.exec(String(value ?? "").trim());
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0)));
  return Number.isNaN(d.getTime()) ? null : d;
}

const pad = (n) => String(n).padStart(2, "0");

/** A Date as the API's UTC "YYYY-MM-DD HH:ii:ss". */
export function toUtcWire(date) {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** The value of an <input type="datetime-local"> ("YYYY-MM-DDTHH:MM", local time) as a Date, or null. */
export function fromLocalInput(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(String(value ?? ""));
  if (!m) return null;
  const d = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A Date as a datetime-local input value in the viewer's time zone. */
export function toLocalInput(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The API's UTC time shown in the viewer's local time ("Jan 15, 2030, 10:00 AM"). */
export function localTime(value) {
  const d = parseUtc(value);
  if (!d) return value ? String(value) : "—";
  return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** The viewer's time zone name, e.g. "Asia/Kolkata". */
export function zoneName() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "local time";
  } catch {
    return "local time";
  }
}

export function minutes(value) {
  const n = Number(value);
  if (!Number.isFinite(n)) return value ? String(value) : "—";
  if (n >= 60 && n % 60 === 0) return `${n / 60} h`;
  if (n > 60) return `${Math.floor(n / 60)} h ${n % 60} min`;
  return `${n} min`;
}

/** Booleans as the docs show them: true, "true", 1, "1". */
export function truthy(value) {
  return value === true || value === 1 || value === "1" || value === "true";
}
