// One meeting interface over both vendors: `MeetingProvider` (schedule, get, list, cancel) over
// a neutral `Meeting`, for UCaaS (`UcaasClient` of "ucaas-client/full" for the signed-in user,
// `UcaasServer`) and for Iotum conferences (`IotumClient`, for one host). The types are in the
// package's .d.ts (src/wasm/client/meetings.rs); the README has the table of what maps to what.
//
// Each adapter only calls the client's own methods, so validation, retries (reads only) and
// errors are the client's: a failure is the same `UcaasError` the vendor method throws. What
// does not map (Iotum's reservationless conferences, UCaaS lobbies) stays on the vendor clients;
// `raw` keeps the vendor's record.
import { zonedTime } from "./zones.js";
import { UcaasError } from "./error.js";

const invalid = (field, message) => new UcaasError("validation", message, undefined, undefined, undefined, field);

// The neutral input, checked the same way for both vendors before the vendor's own rules.
function scheduleInput(input) {
  if (input === null || typeof input !== "object") throw invalid("input", "The input must be an object.");
  const { title, start, duration_minutes: minutes, description, time_zone: zone, extra } = input;
  if (typeof title !== "string" || title.trim() === "") throw invalid("title", "title is required.");
  if (!(start instanceof Date) || !Number.isFinite(start.getTime())) throw invalid("start", "start must be a valid Date.");
  if (!Number.isInteger(minutes) || minutes < 1) throw invalid("duration_minutes", "duration_minutes must be a whole number of at least 1.");
  if (description !== undefined && typeof description !== "string") throw invalid("description", "description must be a string.");
  if (zone !== undefined && typeof zone !== "string") throw invalid("time_zone", "time_zone must be an IANA time zone name.");
  if (extra !== undefined && (extra === null || typeof extra !== "object")) throw invalid("extra", "extra must be an object.");
  return { title: title.trim(), start, minutes, description, zone, extra: extra ?? {} };
}

// Whether a meeting starts within the query's `from` / `to` (Dates; both optional).
function inRange(m, query) {
  const t = m.start.getTime();
  return !(query?.from instanceof Date && t < query.from.getTime()) && !(query?.to instanceof Date && t > query.to.getTime());
}

// An id as the caller gave it: a non-blank string or a whole number.
function idOf(id) {
  if (typeof id === "string" && id.trim() !== "") return id.trim();
  if (Number.isInteger(id) && id >= 0) return String(id);
  throw invalid("id", "id must be the meeting's id (a string).");
}

// ----- UCaaS

// A UCaaS meeting (`getMeeting`'s answer) as a neutral one. Its start_time is UTC.
function fromUcaas(m) {
  return {
    id: m.meeting_id,
    title: m.room_name ?? "",
    start: zonedTime(m.start_time, "UTC") ?? new Date(NaN),
    duration_minutes: m.duration ?? 0,
    join_url: m.direct_url,
    host_pin: m.mpin,
    participant_pin: m.ppin,
    vendor: "ucaas",
    raw: m,
  };
}

/** The `MeetingProvider` of a UCaaS client (`UcaasClient` signed in, or `UcaasServer`). */
export function ucaasMeetings(client) {
  return Object.freeze({
    vendor: "ucaas",
    async schedule(input, options) {
      const i = scheduleInput(input);
      // The UCaaS API also asks how many moderators and participants; one of each unless
      // `extra` says otherwise. Its meetings are scheduled in UTC.
      const meeting = await client.scheduleMeeting({
        room_name: i.title, desc: i.description, start_time: i.start, duration: i.minutes, moderators: 1, participants: 1, ...i.extra,
      }, options);
      return fromUcaas(meeting);
    },
    async get(id, options) {
      return fromUcaas(await client.getMeeting(idOf(id), options));
    },
    // The meetings going on now, then the upcoming ones.
    async *list(query, options) {
      for (const stage of ["current", "upcoming"]) {
        for await (const m of client.meetings({ stage }, options)) {
          const meeting = fromUcaas(m);
          if (inRange(meeting, query)) yield meeting;
        }
      }
    },
    async cancel(id, options) {
      await client.cancelMeeting(idOf(id), options);
    },
  });
}

// ----- Iotum

// An Iotum conference as a neutral meeting. Its start is the wall time in its time_zone.
function fromIotum(c) {
  return {
    id: String(c.conference_id ?? ""),
    title: c.subject ?? "",
    start: zonedTime(c.start, c.time_zone ?? "UTC") ?? new Date(NaN),
    duration_minutes: c.duration ?? 0,
    join_url: c.room_url,
    host_pin: c.moderator_token,
    participant_pin: c.one_time_access_code,
    vendor: "iotum",
    raw: c,
  };
}

/** The `MeetingProvider` of an `IotumClient`, scheduling for the host `host_id`. */
export function iotumMeetings(client, o) {
  const hostId = o?.host_id;
  if (!(Number.isInteger(hostId) && hostId >= 0) && !(typeof hostId === "string" && /^\d+$/.test(hostId.trim()))) {
    throw invalid("host_id", "asMeetingProvider needs { host_id }: Iotum schedules for a host.");
  }
  return Object.freeze({
    vendor: "iotum",
    async schedule(input, options) {
      const i = scheduleInput(input);
      const conference = await client.conferenceCreate({
        host_id: hostId, subject: i.title, agenda: i.description, start: i.start, time_zone: i.zone ?? "UTC", duration: i.minutes, ...i.extra,
      }, options);
      return fromIotum(conference);
    },
    async get(id, options) {
      return fromIotum(await client.conferenceFetch({ conference_id: idOf(id) }, options));
    },
    async *list(query, options) {
      for await (const c of client.conferences({ host_id: hostId }, options)) {
        const meeting = fromIotum(c);
        if (inRange(meeting, query)) yield meeting;
      }
    },
    async cancel(id, options) {
      await client.conferenceCancel({ conference_id: idOf(id) }, options);
    },
  });
}

// Gives the classes of a build their `asMeetingProvider` (the package's entry files call it
// with the classes the build has).
export function installMeetingProviders({ UcaasClient, UcaasServer, IotumClient }) {
  for (const C of [UcaasClient, UcaasServer]) {
    if (C) Object.defineProperty(C.prototype, "asMeetingProvider", { value() { return ucaasMeetings(this); }, configurable: true });
  }
  if (IotumClient) {
    Object.defineProperty(IotumClient.prototype, "asMeetingProvider", { value(o) { return iotumMeetings(this, o); }, configurable: true });
  }
}
