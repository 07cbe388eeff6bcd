// A TypeScript consumer of the server build ("ucaas-client/server"): a back office provisioning
// over HTTP Basic. Never run; compiled with `tsc --strict --noEmit` beside tests/consumer.ts.
// Lines marked @ts-expect-error must stay errors: the server class has no session.
import { UcaasServer, UcaasError, isUcaasError } from "ucaas-client/server";
import type { AccountUser, Customer, CustomerResult, ServerOptions, Subscription, SubscriptionList } from "ucaas-client/server";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

const options: ServerOptions = { baseUrl: "http://127.0.0.1:8787/ucaas/v1", apiId: "demo-app", apiKey: "demo-key" };
// @ts-expect-error: the key is required
const noKey: ServerOptions = { baseUrl: "http://127.0.0.1:8787/ucaas/v1", apiId: "demo-app" };
void noKey;
const server = new UcaasServer(options);

// @ts-expect-error: no session on the server
server.login("a@b.co", "pw");
// @ts-expect-error: no session on the server
server.onAuthChange(() => {});

export async function provision(): Promise<void> {
  const customer: Customer | undefined = (await server.getCustomer("c-acme"));
  const added: CustomerResult = await server.addCustomer({
    customer_name: "Acme", customer_legal_name: "Acme Ltd", contact_name: "Pat", contact_email: "pat@acme.test",
  });
  const subscription: Subscription = await server.addSubscription({
    customer_id: added.customer?.customer_id ?? "", plan_id: "plan-vc-basic", subscription: { no_of_license: 3 },
  });
  const page: SubscriptionList = await server.listSubscriptions({ search_by: "customer_id", search_string: subscription.customer_id ?? "" });
  for await (const user of server.users({ page_length: 50 })) {
    assertType<Equal<typeof user, AccountUser>>();
  }
  void customer;
  void page;
}

export function kind(e: unknown): string | undefined {
  if (e instanceof UcaasError) return e.kind;
  return isUcaasError(e) ? e.kind : undefined;
}

// The CPaaS project API.
import { CpaasClient } from "ucaas-client/server";
import type { CpaasOptions, Project, ProjectChange, ProjectList, VideoEmbedChange } from "ucaas-client/server";

const cpaasOptions: CpaasOptions = { baseUrl: "http://127.0.0.1:8787/cpaas", appId: "demo-app", appKey: "demo-key" };
const cpaas = new CpaasClient(cpaasOptions);

export async function configure(): Promise<void> {
  const added: Project = await cpaas.addProject({ app_name: "Clinic", category_id: "cat-health", services_incl: { video: true } });
  const page: ProjectList = await cpaas.listProjects({ page: 1, order_qualify: "desc" });
  // @ts-expect-error: order_qualify is asc or desc
  await cpaas.listProjects({ order_qualify: "up" });
  const changed: ProjectChange = await cpaas.configureVideo(added.app_id, { media_zone: ["IN"], sip: { server_url: "sip.example.test" } });
  const embed: VideoEmbedChange = await cpaas.configureVideoEmbed(added.app_id, { subdomain: "clinic" });
  const room: string | undefined = embed.room?.host_meeting_url;
  for await (const p of cpaas.projects()) {
    assertType<Equal<typeof p, Project>>();
  }
  void page;
  void changed;
  void room;
}

// The Iotum enterprise API, and the meeting interface over both vendors.
import { IotumClient } from "ucaas-client/server";
import type {
  Conference, ConferencePage, DriveFile, Host, IotumCompany, IotumOptions, MeetingProvider, ProviderMeeting,
} from "ucaas-client/server";

const iotumOptions: IotumOptions = { baseUrl: "https://company.reseller.tld", apiToken: "token" };
// @ts-expect-error: the API token is required
const noToken: IotumOptions = { baseUrl: "https://company.reseller.tld" };
void noToken;
const iotum = new IotumClient(iotumOptions);

export async function conferences(): Promise<void> {
  const companies: IotumCompany[] = await (new IotumClient({ ...iotumOptions, apiToken: "reseller" })).companyFetchAll();
  const host: Host = await iotum.hostFetch({ host_id: 9 });
  const hostIds: number[] | undefined = companies[0]?.hosts;
  const created: Conference = await iotum.conferenceCreate({ host_id: 9, subject: "Plan", start: new Date(), time_zone: "America/Toronto", duration: 30 });
  // @ts-expect-error: mute_mode is one of the documented modes
  await iotum.conferenceCreate({ host_id: 9, subject: "Plan", start: "2030-01-01 10:00:00", duration: 30, mute_mode: "silent" });
  // @ts-expect-error: subject is required
  await iotum.conferenceCreate({ host_id: 9, start: "2030-01-01 10:00:00", duration: 30 });
  const page: ConferencePage = await iotum.conferenceFetchAll({ host_id: 9 });
  const next: string | undefined = page.next_page;
  for await (const c of iotum.conferences({ host_id: 9 })) {
    assertType<Equal<typeof c, Conference>>();
  }
  const file: DriveFile = await iotum.driveUpload({ host_id: 9, filename: "a.pdf", data: new Uint8Array([1]) });
  void host; void hostIds; void created; void next; void file;
}

export async function bothVendors(): Promise<ProviderMeeting[]> {
  const providers: MeetingProvider[] = [server.asMeetingProvider(), iotum.asMeetingProvider({ host_id: 9 })];
  const input = { title: "Board", start: new Date("2030-03-01T15:00:00Z"), duration_minutes: 60 };
  const scheduled = await Promise.all(providers.map((p) => p.schedule(input)));
  for await (const m of providers[1].list({ from: new Date() })) {
    assertType<Equal<typeof m, ProviderMeeting>>();
  }
  // @ts-expect-error: Iotum schedules for a host
  iotum.asMeetingProvider();
  return scheduled;
}
