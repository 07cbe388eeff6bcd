// A TypeScript consumer of the full build's methods (permanent rooms, lobby, meeting
// branding, polls, contacts, groups, datapool, reports, customers, subscriptions, users), with
// explicit types. Never run; compiled with `tsc --strict --noEmit` beside tests/consumer.ts.
// Lines marked @ts-expect-error must stay errors: they prove the types are narrow, not `any`.
import { UcaasClient, UcaasError } from "ucaas-client/full";
import type {
  AccountUser,
  CallOptions,
  Cdr,
  CdrQuery,
  Contact,
  ContactInput,
  ContactList,
  ContactQuery,
  Country,
  Customer,
  CustomerInput,
  CustomerList,
  CustomerQuery,
  CustomerResult,
  Group,
  GroupList,
  GroupQuery,
  LicenseInput,
  Lobby,
  LobbyAnswer,
  LobbyInput,
  MeetingBranding,
  MeetingBrandingInput,
  PermanentRoom,
  PermanentRoomPatch,
  Plan,
  Poll,
  PollCount,
  PollOption,
  Price,
  SessionList,
  SessionQuery,
  SessionRecord,
  Subscription,
  SubscriptionInput,
  SubscriptionList,
  SubscriptionQuery,
  Timezone,
  UserInput,
  UserList,
  UserQuery,
} from "ucaas-client/full";

type IsAny<T> = 0 extends 1 & T ? true : false;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

assertType<Equal<IsAny<Poll>, false>>();
assertType<Equal<ReturnType<UcaasClient["contacts"]>, AsyncIterable<Contact>>>();
assertType<Equal<ReturnType<UcaasClient["contactGroups"]>, AsyncIterable<Group>>>();
assertType<Equal<ReturnType<UcaasClient["sessions"]>, AsyncIterable<SessionRecord>>>();
assertType<Equal<ReturnType<UcaasClient["customers"]>, AsyncIterable<Customer>>>();
assertType<Equal<ReturnType<UcaasClient["subscriptions"]>, AsyncIterable<Subscription>>>();
assertType<Equal<ReturnType<UcaasClient["users"]>, AsyncIterable<AccountUser>>>();
assertType<Equal<ReturnType<UcaasClient["getPolls"]>, Promise<Poll[]>>>();
assertType<Equal<ReturnType<UcaasClient["getLobby"]>, Promise<LobbyAnswer>>>();

export async function rest(client: UcaasClient, image: Blob, audio: Blob, opts: CallOptions): Promise<void> {
  // @ts-expect-error no API key in the full browser build either (the server build has one)
  void new UcaasClient({ baseUrl: "https://api.example.test/ucaas/v1", apiId: "demo-app", apiKey: "demo-key" });
  // Permanent rooms.
  const own: PermanentRoom = await client.getPermanentRoom();
  const bobs: PermanentRoom = await client.getPermanentRoom("u-bob", opts);
  const patch: PermanentRoomPatch = { room_name: "Daily room", knock: true, participants: 8 };
  const changed: PermanentRoom = await client.updatePermanentRoom(own.room_id ?? "", patch);
  const reset: PermanentRoom = await client.resetPermanentRoomPins(changed.room_id ?? "", { reset_mpin: true, reset_ppin: false });
  const pins: [string | undefined, string | undefined] = [reset.mpin, bobs.ppin];

  // Lobby with uploads (Blob / File) and meeting branding.
  const lobbyInput: LobbyInput = {
    options: { image: true },
    image: [{ img_file: image, caption: "Office" }, { url: "https://cdn.example.test/b.png" }],
    audio: [{ audio_file: audio }],
  };
  const added: LobbyAnswer = await client.addLobby("m-1", lobbyInput, opts);
  const lobby: Lobby | undefined = added.lobby;
  const imageUrl: string | undefined = lobby?.image?.[0]?.url;
  const updated: LobbyAnswer = await client.updateLobby("m-1", { options: { message: true }, message: [{ text: "Welcome!" }] });
  const got: LobbyAnswer = await client.getLobby("m-1");
  const deleted: LobbyAnswer = await client.deleteLobby("m-1", opts);
  const messages: boolean | undefined = got.lobby?.options?.messages;
  const brandingInput: MeetingBrandingInput = {
    login: { headline: "Welcome", banner: "https://cdn.example.test/banner.png", desc: "Bring questions" },
    session: { banner_small: "https://cdn.example.test/small.png" },
  };
  const branding: MeetingBranding = await client.setMeetingBranding("m-1", brandingInput);
  const headline: string | undefined = branding.login?.headline;

  // Polls.
  const polls: Poll[] = await client.getPolls("room-1");
  const session1: Poll[] = await client.getPolls("room-1", 1, opts);
  const option: PollOption | undefined = polls[0]?.options?.[0];
  const count: PollCount | undefined = session1[0]?.result?.[0];
  const tally: number | undefined = count?.count;

  // Contacts and groups.
  const contactInput: ContactInput = { name: "Erin Example", email: "erin@example.test", company: "Example Ltd" };
  const contact: Contact = await client.addContact(contactInput, opts);
  const id: string = contact.contact_id ?? "";
  const edited: Contact = await client.updateContact(id, { designation: "Chief Tester" });
  const fetched: Contact = await client.getContact(id);
  const contactQuery: ContactQuery = { search_by: "email", search_string: "erin@example.test", page_length: 20 };
  const page: ContactList = await client.listContacts(contactQuery);
  const firstPage: ContactList = await client.listContacts();
  for await (const c of client.contacts({ order_qualify: "desc" })) {
    const email: string | undefined = c.email;
  }
  const removed: Contact = await client.deleteContact(id);
  const group: Group = await client.addContactGroup({ group_name: "Team" });
  const renamed: Group = await client.updateContactGroup(group.group_id ?? "", { group_name: "Team B" });
  const withMembers: Group = await client.addContactsToGroup(renamed.group_id ?? "", [id]);
  const without: Group = await client.removeContactsFromGroup(renamed.group_id ?? "", [id], opts);
  const oneGroup: Group = await client.getContactGroup(renamed.group_id ?? "");
  const groupQuery: GroupQuery = { page: 1 };
  const groups: GroupList = await client.listContactGroups(groupQuery);
  for await (const g of client.contactGroups()) {
    const members: number = g.contacts?.length ?? 0;
  }
  const gone: Group = await client.deleteContactGroup(oneGroup.group_id ?? "");

  // Datapool and reports.
  const zones: Timezone[] = await client.getTimezones();
  const countries: Country[] = await client.getCountries(opts);
  const plans: Plan[] = await client.getPlans();
  const webinarPlans: Plan[] = await client.getPlans("wb");
  const price: Price | undefined = plans[0]?.user_license?.price?.[0];
  const amount: number | undefined = price?.amount;
  const sessionQuery: SessionQuery = { search_by: "meeting_id", search_string: "m-1" };
  const sessions: SessionList = await client.listSessions(sessionQuery);
  for await (const s of client.sessions()) {
    const minutes: number | undefined = s.duration;
  }
  const cdrQuery: CdrQuery = { session_id: "s-1", page: 1 };
  const cdr: Cdr = await client.getCdr(cdrQuery, opts);
  const role: string | undefined = cdr.cdr?.[0]?.role;

  // Administration.
  const customerInput: CustomerInput = {
    customer_name: "Acme",
    customer_legal_name: "Acme Ltd",
    contact_email: "ops@acme.test",
    office_address: { address_1: "1 Main Street", city: "Paris", country_id: "FR" },
  };
  const newCustomer: CustomerResult = await client.addCustomer(customerInput);
  const portalUser: string | undefined = newCustomer.portal_access?.username;
  const editedCustomer: CustomerResult = await client.updateCustomer("c-1", { status: "S" });
  const customer: Customer = await client.getCustomer("c-1");
  const customerQuery: CustomerQuery = { search_by: "status", search_string: "A", from_join_dt: "2026-01-01" };
  const customers: CustomerList = await client.listCustomers(customerQuery);
  for await (const c of client.customers()) {
    const name: string | undefined = c.customer_name;
  }
  const subscriptionInput: SubscriptionInput = {
    customer_id: "c-1",
    plan_id: "plan-vc-basic",
    subscription: { no_of_license: 3, subsxn_date: "2030-01-01" },
  };
  const subscription: Subscription = await client.addSubscription(subscriptionInput);
  const status: Subscription = await client.updateSubscriptionStatus(subscription.subscription_id ?? "", "S");
  const oneSub: Subscription = await client.getSubscription("s-1");
  const subscriptionQuery: SubscriptionQuery = { search_by: "app", search_string: "vc" };
  const subs: SubscriptionList = await client.listSubscriptions(subscriptionQuery);
  for await (const s of client.subscriptions()) {
    const plan: string | undefined = s.plan_name;
  }
  const userInput: UserInput = { user_type: "user", first_name: "Dana", email: "dana@example.test" };
  const user: AccountUser = await client.addUser(userInput);
  const editedUser: AccountUser = await client.updateUser(user.user_id ?? "", { designation: "Analyst" });
  const oneUser: AccountUser = await client.getUser("u-1", opts);
  const userQuery: UserQuery = { search_by: "email", search_string: "dana@example.test" };
  const users: UserList = await client.listUsers(userQuery);
  for await (const u of client.users()) {
    const access: boolean | undefined = u.vc?.access;
  }
  const licence: LicenseInput = { app: "vc", subscription_id: "s-1", send_access_mail: true };
  const assigned: AccountUser = await client.assignLicense("u-1", licence);
  const revoked: AccountUser = await client.revokeLicense("u-1", "wb");
  const roomUrl: string | undefined = assigned.access?.url;

  try {
    await client.addContact({ name: "Al", email: "a@b.co" });
  } catch (e) {
    if (e instanceof UcaasError && e.kind === "validation") {
      const code: number | undefined = e.code;
    }
  }

  // @ts-expect-error: the status of a subscription is one of "A" | "X" | "S".
  await client.updateSubscriptionStatus("s-1", "Q");
  // @ts-expect-error: a licence is for "vc" or "wb".
  await client.revokeLicense("u-1", "xx");
  // @ts-expect-error: contacts are searched by name, email, company or designation.
  await client.listContacts({ search_by: "phone" });
  // @ts-expect-error: a lobby image file is a Blob, not a path.
  await client.addLobby("m-1", { options: { image: true }, image: [{ img_file: "a.png" }] });
  // @ts-expect-error: polls answer a list of typed polls.
  const wrong: string = (await client.getPolls("r"))[0];
}

// The meeting interface of the signed-in user (the full build gives UcaasClient asMeetingProvider).
import type { MeetingProvider, ProviderMeeting } from "ucaas-client/full";

export async function nextMeetings(client: UcaasClient): Promise<ProviderMeeting[]> {
  const meetings: MeetingProvider = client.asMeetingProvider();
  const out: ProviderMeeting[] = [];
  for await (const m of meetings.list({ from: new Date() })) out.push(m);
  // @ts-expect-error: the neutral input has no room_name (that is UCaaS's own, in `extra`)
  await meetings.schedule({ room_name: "x", start: new Date(), duration_minutes: 30 });
  return out;
}
