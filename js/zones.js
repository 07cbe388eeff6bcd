// Time zones by the platform's Intl data (Node, workerd and browsers carry the IANA database):
// the wall time of a moment in a zone, and the moment of a wall time. Used by the Iotum inputs
// (a `Date` start is sent as its wall time in the conference's zone, js/iotum.js) and by the
// meeting interface (js/meetings.js), which reads the answers' wall times back into `Date`s.
const formatters = new Map();

function formatter(zone) {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

// The wall time of the moment `ms` in the IANA `zone` as "YYYY-MM-DD HH:MM:SS"; undefined for a
// zone the platform does not know.
export function wallTime(ms, zone) {
  let parts;
  try {
    parts = formatter(zone).formatToParts(new Date(ms));
  } catch {
    return undefined;
  }
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

// The moment of the wall time `text` ("YYYY-MM-DD HH:MM[:SS]") in `zone`, or undefined. Two
// passes of the zone's offset find it also across a daylight-saving change (a wall time that
// does not exist, in the spring gap, is read an hour later, as Intl writes it).
export function zonedTime(text, zone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(String(text ?? "").trim());
  if (!m) return undefined;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  const offset = (ms) => {
    const wall = wallTime(ms, zone);
    if (wall === undefined) return undefined;
    const w = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(wall);
    return Date.UTC(+w[1], +w[2] - 1, +w[3], +w[4], +w[5], +w[6]) - ms;
  };
  const first = offset(asUtc);
  if (first === undefined) return undefined;
  const second = offset(asUtc - first);
  return new Date(asUtc - (second ?? first));
}
