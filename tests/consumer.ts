// A TypeScript consumer of the package: uses every method and event of the public surface with
// explicit types. Never run; compiled with `tsc --strict --noEmit` (tests/tsconfig.json against
// pkg/, and by tests/package.sh inside a throwaway project that installed the packed tarball).
// Lines marked @ts-expect-error must stay errors: they prove the types are narrow, not `any`.
import init, { UcaasClient, UcaasError, isUcaasError } from "ucaas-client";
import type {
  AppBranding,
  AuthEvent,
  Branding,
  BrandingQuery,
  CallOptions,
  CancelResult,
  ClientOptions,
  ErrorKind,
  InviteInput,
  InviteResult,
  JoinInput,
  JoinResult,
  JoinUser,
  ListQuery,
  Meeting,
  MeetingInput,
  MeetingList,
  NewPassword,
  PasswordData,
  SearchEcho,
  Session,
  StorageMode,
  User,
} from "ucaas-client";

// --- type-level checks ---------------------------------------------------------------------------

/** `true` only when T is `any`. */
type IsAny<T> = 0 extends 1 & T ? true : false;
/** Compiles only when T is not `any`. */
function notAny<T>(value: T, ..._check: IsAny<T> extends true ? [never] : []): T {
  return value;
}
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

assertType<Equal<AuthEvent, "initial" | "signed_in" | "signed_out" | "expiring" | "expired">>();
assertType<Equal<StorageMode, "session" | "local" | "memory">>();
assertType<
  Equal<
    ErrorKind,
    "validation" | "unauthenticated" | "expired" | "forbidden" | "not_found" | "api" | "http" | "network" | "timeout" | "aborted" | "decode"
  >
>();
assertType<Equal<UcaasError["kind"], ErrorKind>>();
assertType<Equal<UcaasError["code"], number | undefined>>();
assertType<Equal<UcaasError["status"], number | undefined>>();
assertType<Equal<UcaasError["field"], string | undefined>>();
assertType<Equal<UcaasError["desc"], string | undefined>>();
// isUcaasError narrows an unknown catch value.
function kindOf(e: unknown): ErrorKind | undefined {
  return isUcaasError(e) ? e.kind : undefined;
}
void kindOf;
assertType<Equal<UcaasClient["storageMode"], StorageMode>>();
assertType<Equal<ReturnType<UcaasClient["session"]>, Session | undefined>>();
assertType<Equal<ReturnType<UcaasClient["meetings"]>, AsyncIterable<Meeting>>>();

/** Every kind handled; adding a kind to the union without handling it here fails to compile. */
function describeKind(kind: ErrorKind): string {
  switch (kind) {
    case "validation": return "fix the input";
    case "unauthenticated": return "sign in";
    case "expired": return "sign in again";
    case "forbidden": return "not yours";
    case "not_found": return "gone";
    case "api": return "the API said no";
    case "http": return "HTTP error";
    case "network": return "offline?";
    case "timeout": return "too slow";
    case "aborted": return "cancelled";
    case "decode": return "unreadable answer";
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

function report(e: unknown): string {
  if (e instanceof UcaasError) {
    const err: Error = e; // a real Error subclass
    const kind: ErrorKind = e.kind;
    const code: number | undefined = e.code;
    const status: number | undefined = e.status;
    const field: string | undefined = e.field;
    const desc: string | undefined = e.desc;
    const name: "UcaasError" = e.name;
    return `${name} ${err.message} ${describeKind(kind)} ${code ?? "-"} ${status ?? "-"} ${field ?? "-"} ${desc ?? "-"}`;
  }
  return String(e);
}

// --- every method --------------------------------------------------------------------------------

export async function main(baseUrl: string): Promise<void> {
  await init();

  const options: ClientOptions = {
    baseUrl,
    apiId: "demo-app",
    appType: "vc",
    storage: "session",
    storageKey: "ucaas.session",
    timeoutMs: 15_000,
    tokenTtlSeconds: 900,
  };
  const client: UcaasClient = new UcaasClient(options);
  // Only baseUrl and apiId are required.
  const minimal = new UcaasClient({ baseUrl, apiId: "demo-app" });
  minimal.dispose();

  // @ts-expect-error appType is "vc" | "wb"
  void new UcaasClient({ baseUrl, apiId: "demo-app", appType: "webinar" });
  // @ts-expect-error storage is a StorageMode
  void new UcaasClient({ baseUrl, apiId: "demo-app", storage: "cookie" });
  // @ts-expect-error apiId is required
  void new UcaasClient({ baseUrl });
  // @ts-expect-error no API key in a browser build: it would be a key for everyone
  void new UcaasClient({ baseUrl, apiId: "demo-app", apiKey: "demo-key" });

  const ready: Promise<void> = client.ready();
  await ready;
  const mode: StorageMode = client.storageMode;

  const seen: AuthEvent[] = [];
  const unsubscribe: () => void = client.onAuthChange((event: AuthEvent, session: Session | undefined) => {
    seen.push(event);
    if (event === "signed_in" && session) {
      const expires: Date = new Date(session.expires_at);
      console.log(session.user?.email, expires.toISOString());
    }
    if (event === "expiring" || event === "expired" || event === "signed_out" || event === "initial") {
      console.log(event);
    }
  });

  // Auth
  const session: Session = await client.login("alice@example.test", "Passw0rd!");
  const user: User | undefined = session.user;
  const userId: string | undefined = notAny(user?.user_id);
  const email: string | undefined = notAny(user?.email);
  const company: string | undefined = user?.company?.company_name;
  const expiresAt: number = notAny(session.expires_at);
  const current: Session | undefined = client.session();
  // @ts-expect-error the token never leaves the client
  void session.token;

  const call: CallOptions = { signal: AbortSignal.timeout(5_000), timeoutMs: 2_000 };
  const controller = new AbortController();
  await client.login("alice@example.test", "Passw0rd!", { signal: controller.signal });

  const asked: PasswordData = await client.requestPasswordReset("bob@example.test");
  const owner: PasswordData = await client.validateResetKey("reset-key", call);
  const fresh: NewPassword = { email: "bob@example.test", password: "N3w-Passw0rd!", password_retyped: "N3w-Passw0rd!" };
  const reset: PasswordData = await client.resetPassword("reset-key", fresh);
  const resetMsg: string | undefined = notAny(reset.msg);

  // Sessions (no login needed)
  const joinInput: JoinInput = { pin: "222222", name: "Ann", user_ref: "ann-1" };
  const joined: JoinResult = await client.joinSession(joinInput);
  const joinToken: string = notAny(joined.token);
  const joinUser: JoinUser | undefined = joined.user;
  const role: string | undefined = joinUser?.role;
  await client.joinSession({ pin: "111111", name: "Alice", user_ref: "alice" }, call);

  const inviteInput: InviteInput = { pin: "222222", invitees: ["x@example.test"] };
  const invited: InviteResult = await client.inviteToSession(inviteInput);
  await client.inviteToSession({ meeting_id: "mtg-alice-upcoming", invitees: ["y@example.test"] }, call);
  await client.inviteToSession({ room_id: "room-alice-upcoming", invitees: ["z@example.test"] });
  const invitedDesc: string | undefined = notAny(invited.desc);

  // Branding
  const brandingQuery: BrandingQuery = { domain: "meet.example.test" };
  const branding: Branding = await client.getBranding(brandingQuery);
  const vc: AppBranding | undefined = branding.vc;
  const wb: AppBranding | undefined = branding.wb;
  const productName: string | undefined = notAny(vc?.name ?? wb?.name);
  await client.getBranding({ customer_id: "c-acme" }, call);
  await client.getBranding({ meeting_id: "mtg-alice-upcoming" });

  // Meetings
  const input: MeetingInput = {
    room_name: "Typed meeting",
    desc: "from tests/consumer.ts",
    start_time: new Date(Date.now() + 3_600_000),
    duration: 30,
    moderators: 1,
    participants: 3,
    timezone_id: "UTC",
    wait_for_moderator: false,
    knock: false,
    auto_recording: false,
    send_mail: false,
    invitees: { emails: ["x@example.test"] },
  };
  const scheduled: Meeting = await client.scheduleMeeting(input);
  await client.scheduleMeeting({ ...input, start_time: "2030-01-01 10:00:00" }, call);
  // @ts-expect-error start_time is a Date or a string
  void client.scheduleMeeting({ ...input, start_time: 1_700_000_000 });
  const meetingId: string = notAny(scheduled.meeting_id);
  const got: Meeting = await client.getMeeting(meetingId);
  await client.getMeeting(meetingId, call);
  const updated: Meeting = await client.updateMeeting(meetingId, { room_name: "Renamed" });
  await client.updateMeeting(meetingId, { duration: 45 }, call);
  const title: string | undefined = notAny(updated.room_name);
  const duration: number | undefined = notAny(got.duration);

  const query: ListQuery = {
    page: 1,
    page_length: 10,
    search_by: "mpin",
    search_string: "111111",
    stage: "upcoming",
    order_by: "start_time",
    order_qualify: "asc",
  };
  // @ts-expect-error stage is upcoming | current | past
  void client.listMeetings({ stage: "soon" });
  const page: MeetingList = await client.listMeetings(query);
  const firstPage: MeetingList = await client.listMeetings();
  await client.listMeetings(query, call);
  const echo: SearchEcho | undefined = page.search;
  const onPage: Meeting[] = page.meetings ?? [];

  const all: Meeting[] = [];
  for await (const meeting of client.meetings()) {
    const m: Meeting = meeting;
    all.push(m);
  }
  for await (const meeting of client.meetings({ stage: "upcoming", page_length: 2 }, call)) {
    const id: string = notAny(meeting.meeting_id);
    const start: string | undefined = notAny(meeting.start_time);
    if (id === "stop" || start === undefined) break;
  }
  const iterable: AsyncIterable<Meeting> = client.meetings(query);

  const cancelled: CancelResult = await client.cancelMeeting(meetingId);
  await client.cancelMeeting("other", call);
  const cancelledId: string | undefined = notAny(cancelled.event?.meeting_id);

  // Errors
  try {
    await client.joinSession({ pin: "12345", name: "a", user_ref: "b" });
  } catch (e: unknown) {
    console.log(report(e));
    if (e instanceof UcaasError && e.kind === "validation" && e.code === 2107) console.log(e.field);
  }

  client.logout();
  unsubscribe();
  client.dispose();

  console.log(mode, userId, email, company, expiresAt, current, asked, owner, resetMsg, joinToken, role,
    invitedDesc, productName, title, duration, echo, onPage, firstPage, all, iterable, cancelledId, seen);
}
