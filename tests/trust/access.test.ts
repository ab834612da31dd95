// Object-level access, table-driven: every route of the OpenAPI document is tried as the deal's
// initiator, as the owner of the targeted commitment, as another participant, as a stranger and
// signed out, against a deal and a commitment that belong to someone else. Every answer (body and
// headers) is searched for email addresses the viewer may not see: only their own, and the
// participants' for the initiator of that deal. Development routes answer 404 in production.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { dbFingerprint } from "../setup/db.ts";
import { operationsOf, readBody } from "./helpers.ts";

type Role = "initiator" | "owner" | "participant" | "stranger" | "admin" | "signedOut";
const ROLES: Role[] = ["initiator", "owner", "participant", "stranger", "admin", "signedOut"];

type User = Awaited<ReturnType<TestApp["createUser"]>>;

/**
 * Ines proposes a trip; Ada (the owner of the targeted commitment) holds 3 active seats, Bob (another
 * participant) 2 waitlisted ones; Sam is a stranger. Ada has proposed a deal of her own.
 */
async function scene() {
  const app = await createTestApp({ ADMIN_EMAILS: "root@example.com" });
  const ines = await app.createUser({ email: "ines@example.com", displayName: "Ines" });
  const ada = await app.createUser({ email: "ada@example.com", displayName: "Ada" });
  const bob = await app.createUser({ email: "bob@example.com", displayName: "Bob" });
  const sam = await app.createUser({ email: "sam@example.com", displayName: "Sam" });
  // An administrator (ADMIN_EMAILS), otherwise a stranger to the deal.
  const root = await app.createUser({ email: "root@example.com", displayName: "Root" });
  const { deal } = await app.createDeal({ initiator: ines, threshold: 4, capacity: 4, maxSeatsPerCommitment: 3, pricePerSeatCents: 29500 });
  const { deal: adasDeal } = await app.createDeal({ initiator: ada, kind: "deal", departsOn: null, returnsOn: null });
  expect((await app.join(ada, deal.id, 3)).json.commitment.status).toBe("active");
  expect((await app.join(bob, deal.id, 2)).json.commitment.status).toBe("waitlisted");
  // Growing the group: Sam, a stranger to the deal, follows it.
  expect((await app.api("PUT", `/api/deals/${deal.id}/follow`, { as: sam })).status).toBe(200);
  const commitment = await app.deps.prisma.commitment.findFirstOrThrow({ where: { dealId: deal.id, userId: ada.id } });
  const users: Record<Exclude<Role, "signedOut">, User> = { initiator: ines, owner: ada, participant: bob, stranger: sam, admin: root };
  return {
    app,
    deal,
    adasDeal,
    ines,
    ada,
    bob,
    sam,
    root,
    users,
    adasCommitmentId: commitment.id,
    everyone: [ines, ada, bob, sam, root],
    // Paying at the tip: Ada's payment, once a probe's setup confirmed the deal.
    adasPaymentId: "",
  };
}
type Scene = Awaited<ReturnType<typeof scene>>;

interface Answer {
  status: number;
  json: any;
  text: string;
  headers: Headers;
}

interface Probe {
  /** The operation in the OpenAPI document ("METHOD /path"), or a route that must not exist. */
  route: string;
  variant?: string;
  request(s: Scene): { method: string; path: string; body?: unknown; headers?: Record<string, string> };
  /** The expected status for each role; a list allows either. */
  expect: Partial<Record<Role, number | number[]>>;
  /** Further checks of the answer and the database. */
  check?(s: Scene, res: Answer, role: Role, viewer: User | undefined): Promise<void> | void;
  /** Emails the viewer may see here besides their own. */
  mayShow?(s: Scene, role: Role): string[];
  /** Brings the scene to the state the probe needs, before the request. */
  setup?(s: Scene): Promise<void>;
}

/** A fifth seat-holder confirms the deal: Ada (3 active seats at €295.00) is asked to pay €885.00. */
async function confirmForPayment(s: Scene) {
  const late = await s.app.createUser({ email: "late@example.com", displayName: "Late" });
  expect((await s.app.join(late, s.deal.id, 1)).json.deal.status).toBe("confirmed");
  const payment = await s.app.deps.prisma.payment.findFirstOrThrow({ where: { dealId: s.deal.id, userId: s.ada.id } });
  expect(payment).toMatchObject({ status: "due", amountCents: 88500, currency: "EUR" });
  s.adasPaymentId = payment.id;
}

const adasPayment = (s: Scene) => s.app.deps.prisma.payment.findFirstOrThrow({ where: { id: s.adasPaymentId } });

const all = (status: number | number[]) => Object.fromEntries(ROLES.map((r) => [r, status])) as Record<Role, number | number[]>;
const signedIn = (status: number | number[], signedOut: number | number[] = 401) => ({ ...all(status), signedOut });
/** The administrators' routes: 404 signed out (they do not advertise themselves), 403 for anyone else. */
const adminOnly = (status: number) => ({ ...all(403), admin: status, signedOut: 404 });

const commitmentOf = (s: Scene, userId: string) =>
  s.app.deps.prisma.commitment.findFirst({ where: { dealId: s.deal.id, userId }, select: { status: true, seats: true } });

/** The viewer's own commitment in a deal answer: theirs, or none. */
function expectOwnCommitment(s: Scene, deal: { viewerCommitment: unknown; viewerIsInitiator: boolean }, role: Role) {
  const own = role === "owner" ? { seats: 3, status: "active" } : role === "participant" ? { seats: 2, status: "waitlisted" } : null;
  if (own) expect(deal.viewerCommitment).toMatchObject(own);
  else expect(deal.viewerCommitment).toBeNull();
  expect(deal.viewerIsInitiator).toBe(role === "initiator");
}

const PROBES: Probe[] = [
  {
    route: "POST /auth/email",
    variant: "for someone else's address",
    request: (s) => ({ method: "POST", path: "/api/auth/email", body: { email: s.ada.email } }),
    expect: all(202),
    check: (_s, res) => expect(res.json).toEqual({ ok: true }),
  },
  {
    route: "POST /auth/callback",
    variant: "with a token it never gave out",
    request: () => ({ method: "POST", path: "/api/auth/callback", body: { token: "A".repeat(43) } }),
    expect: all(400),
  },
  {
    route: "POST /auth/sign-out",
    request: () => ({ method: "POST", path: "/api/auth/sign-out" }),
    expect: signedIn(200),
    // Signing out ends the viewer's session only.
    async check(s, _res, _role, viewer) {
      for (const u of s.everyone.filter((u) => u !== viewer)) {
        expect((await s.app.api("GET", "/api/me", { as: u })).status, u.email).toBe(200);
      }
    },
  },
  // Sign-in confirmation and sign out everywhere.
  {
    route: "GET /auth/callback/{token}",
    variant: "with a token it never gave out",
    request: () => ({ method: "GET", path: `/api/auth/callback/${"A".repeat(43)}` }),
    expect: all(400),
  },
  {
    route: "POST /auth/sign-out-everywhere",
    request: () => ({ method: "POST", path: "/api/auth/sign-out-everywhere" }),
    expect: signedIn(200),
    // The viewer's sessions end, nobody else's.
    async check(s, _res, _role, viewer) {
      for (const u of s.everyone) {
        expect((await s.app.api("GET", "/api/me", { as: u })).status, u.email).toBe(u === viewer ? 401 : 200);
      }
    },
  },
  {
    route: "GET /me",
    request: () => ({ method: "GET", path: "/api/me" }),
    expect: signedIn(200),
    check: (_s, res, _role, viewer) => {
      if (viewer) expect(res.json.user).toMatchObject({ id: viewer.id, email: viewer.email });
    },
  },
  {
    route: "GET /me",
    variant: "naming another user",
    request: (s) => ({ method: "GET", path: `/api/me?userId=${s.ada.id}&id=${s.ada.id}`, headers: { "x-user-id": s.ada.id } }),
    expect: signedIn(200),
    check: (_s, res, _role, viewer) => {
      if (viewer) expect(res.json.user.id).toBe(viewer.id);
    },
  },
  {
    route: "PATCH /me",
    variant: "with another user's id and email in the body",
    request: (s) => ({ method: "PATCH", path: "/api/me", body: { displayName: "Mallory", id: s.ada.id, email: s.ada.email } }),
    expect: all(400),
  },
  {
    route: "PATCH /me",
    variant: "naming another user in the query",
    request: (s) => ({ method: "PATCH", path: `/api/me?userId=${s.ada.id}`, body: { displayName: "Renamed" } }),
    expect: signedIn(200),
    async check(s, _res, _role, viewer) {
      for (const u of s.everyone.filter((u) => u !== viewer)) {
        expect((await s.app.deps.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).displayName).not.toBe("Renamed");
      }
    },
  },
  {
    route: "GET /me/commitments",
    request: (s) => ({ method: "GET", path: `/api/me/commitments?userId=${s.ada.id}` }),
    expect: signedIn(200),
    check(s, res, role) {
      if (role === "signedOut") return;
      const expected = role === "owner" ? [{ seats: 3, status: "active" }] : role === "participant" ? [{ seats: 2, status: "waitlisted" }] : [];
      expect(res.json.items.map((i: { seats: number; status: string }) => ({ seats: i.seats, status: i.status }))).toEqual(expected);
    },
  },
  {
    route: "POST /deals",
    variant: "naming another initiator in the body",
    request: (s) => ({ method: "POST", path: "/api/deals", body: { ...s.app.dealInput(), initiatorId: s.ada.id } }),
    expect: { ...all(400), signedOut: [400, 401] },
  },
  {
    route: "POST /deals",
    variant: "naming another initiator in the query",
    request: (s) => ({ method: "POST", path: `/api/deals?initiatorId=${s.ada.id}`, body: s.app.dealInput() }),
    expect: signedIn(201),
    async check(s, res, _role, viewer) {
      if (!viewer) return;
      const row = await s.app.deps.prisma.deal.findUniqueOrThrow({ where: { id: res.json.deal.id } });
      expect(row.initiatorId).toBe(viewer.id);
    },
  },
  {
    route: "GET /deals",
    request: () => ({ method: "GET", path: "/api/deals" }),
    expect: all(200),
    check: (s, res) => expect(res.json.items.map((d: { id: string }) => d.id).sort()).toEqual([s.deal.id, s.adasDeal.id].sort()),
  },
  {
    route: "GET /deals/{id}",
    request: (s) => ({ method: "GET", path: `/api/deals/${s.deal.id}?userId=${s.ada.id}` }),
    expect: all(200),
    check: (s, res, role) => expectOwnCommitment(s, res.json.deal, role),
  },
  {
    route: "POST /deals/{id}/commitments",
    variant: "as another user, named in the body",
    request: (s) => ({ method: "POST", path: `/api/deals/${s.deal.id}/commitments`, body: { seats: 1, userId: s.ada.id } }),
    expect: { ...all(400), signedOut: [400, 401] },
  },
  {
    route: "POST /deals/{id}/commitments",
    variant: "as another user, named in the query",
    request: (s) => ({ method: "POST", path: `/api/deals/${s.deal.id}/commitments?userId=${s.ada.id}`, body: { seats: 1 } }),
    expect: { initiator: 201, owner: 409, participant: 409, stranger: 201, admin: 201, signedOut: 401 },
    async check(s, res, role, viewer) {
      expect(await commitmentOf(s, s.ada.id)).toEqual({ seats: 3, status: "active" });
      if (res.status === 201) expect(await commitmentOf(s, viewer!.id)).toMatchObject({ seats: 1 });
      if (role === "owner" || role === "participant") expect(res.json.error.code).toBe("ALREADY_COMMITTED");
    },
  },
  {
    route: "DELETE /deals/{id}/commitments/mine",
    variant: "naming the owner's commitment in the query, body and headers",
    request: (s) => ({
      method: "DELETE",
      path: `/api/deals/${s.deal.id}/commitments/mine?userId=${s.ada.id}&commitmentId=${s.adasCommitmentId}`,
      body: { userId: s.ada.id, commitmentId: s.adasCommitmentId },
      headers: { "x-user-id": s.ada.id },
    }),
    expect: { initiator: 404, owner: 200, participant: 200, stranger: 404, admin: 404, signedOut: 401 },
    async check(s, res, role) {
      if (role === "owner") return; // the owner's own withdrawal: the control
      expect(await commitmentOf(s, s.ada.id)).toEqual({ seats: 3, status: "active" });
      if (role === "participant") expect(await commitmentOf(s, s.bob.id)).toEqual({ seats: 2, status: "withdrawn" });
      if (res.status === 404) expect(res.json.error.code).toBe("COMMITMENT_NOT_FOUND");
    },
  },
  {
    route: "DELETE /commitments/{commitmentId}",
    variant: "(no such route)",
    request: (s) => ({ method: "DELETE", path: `/api/commitments/${s.adasCommitmentId}` }),
    expect: all(404),
  },
  {
    route: "PATCH /deals/{id}/commitments/mine",
    variant: "(no such route: seats cannot be changed in place)",
    request: (s) => ({ method: "PATCH", path: `/api/deals/${s.deal.id}/commitments/mine`, body: { seats: 3 } }),
    expect: all(404),
  },
  {
    route: "POST /deals/{id}/cancel",
    request: (s) => ({ method: "POST", path: `/api/deals/${s.deal.id}/cancel?initiatorId=${s.ada.id}` }),
    expect: { initiator: 200, owner: 403, participant: 403, stranger: 403, admin: 403, signedOut: 401 },
    async check(s, res) {
      const { status } = await s.app.deps.prisma.deal.findUniqueOrThrow({ where: { id: s.deal.id } });
      expect(status).toBe(res.status === 200 ? "cancelled" : "open");
    },
  },
  {
    route: "POST /deals/{id}/cancel",
    variant: "on Ada's deal",
    request: (s) => ({ method: "POST", path: `/api/deals/${s.adasDeal.id}/cancel` }),
    expect: { initiator: 403, owner: 200, participant: 403, stranger: 403, admin: 403, signedOut: 401 },
  },
  // safe by default: only the deal's initiator may remove a participant, and only one of that deal
  {
    route: "DELETE /deals/{id}/commitments/{commitmentId}",
    request: (s) => ({ method: "DELETE", path: `/api/deals/${s.deal.id}/commitments/${s.adasCommitmentId}` }),
    expect: { initiator: 200, owner: 403, participant: 403, stranger: 403, admin: 403, signedOut: 401 },
    async check(s, res) {
      const { status } = await s.app.deps.prisma.commitment.findUniqueOrThrow({ where: { id: s.adasCommitmentId } });
      expect(status).toBe(res.status === 200 ? "removed" : "active");
      if (res.status !== 200) expect(await s.app.notifications({ kind: "commitment-removed" })).toEqual([]);
    },
  },
  {
    route: "DELETE /deals/{id}/commitments/{commitmentId}",
    variant: "on Ada's deal, naming a commitment of Ines's deal",
    request: (s) => ({ method: "DELETE", path: `/api/deals/${s.adasDeal.id}/commitments/${s.adasCommitmentId}` }),
    expect: { initiator: 403, owner: 404, participant: 403, stranger: 403, admin: 403, signedOut: 401 },
    async check(s, res) {
      if (res.status === 404) expect(res.json.error.code).toBe("COMMITMENT_NOT_FOUND");
      expect((await s.app.deps.prisma.commitment.findUniqueOrThrow({ where: { id: s.adasCommitmentId } })).status).toBe("active");
    },
  },
  // editing and the soft threshold: only the initiator may edit or go ahead
  {
    route: "PATCH /deals/{id}",
    request: (s) => ({ method: "PATCH", path: `/api/deals/${s.deal.id}?initiatorId=${s.ada.id}`, body: { description: "Edited" } }),
    expect: { initiator: 200, owner: 403, participant: 403, stranger: 403, admin: 403, signedOut: 401 },
    async check(s, res) {
      const { description } = await s.app.deps.prisma.deal.findUniqueOrThrow({ where: { id: s.deal.id } });
      expect(description).toBe(res.status === 200 ? "Edited" : "Four days in May.");
    },
  },
  {
    route: "PATCH /deals/{id}",
    variant: "of a locked term",
    request: (s) => ({ method: "PATCH", path: `/api/deals/${s.deal.id}`, body: { pricePerSeatCents: 1 } }),
    expect: { initiator: 409, owner: 403, participant: 403, stranger: 403, admin: 403, signedOut: 401 },
    async check(s) {
      expect((await s.app.deps.prisma.deal.findUniqueOrThrow({ where: { id: s.deal.id } })).pricePerSeatCents).toBe(29500);
    },
  },
  {
    route: "PATCH /deals/{id}",
    variant: "on Ada's deal",
    request: (s) => ({ method: "PATCH", path: `/api/deals/${s.adasDeal.id}`, body: { title: "Taken over" } }),
    expect: { initiator: 403, owner: 200, participant: 403, stranger: 403, admin: 403, signedOut: 401 },
  },
  {
    route: "POST /deals/{id}/go-ahead",
    request: (s) => ({ method: "POST", path: `/api/deals/${s.deal.id}/go-ahead`, body: { message: "Go" } }),
    expect: { initiator: 409, owner: 403, participant: 403, stranger: 403, admin: 403, signedOut: 401 },
    async check(s) {
      expect(await s.app.deps.prisma.dealUpdate.count()).toBe(0);
      expect((await s.app.deps.prisma.deal.findUniqueOrThrow({ where: { id: s.deal.id } })).goAheadAt).toBeNull();
    },
  },
  {
    route: "POST /deals/{id}/go-ahead",
    variant: "on Ada's deal",
    request: (s) => ({ method: "POST", path: `/api/deals/${s.adasDeal.id}/go-ahead`, body: { message: "Go" } }),
    expect: { initiator: 403, owner: 409, participant: 403, stranger: 403, admin: 403, signedOut: 401 },
  },
  {
    route: "GET /deals/{id}/participants",
    request: (s) => ({ method: "GET", path: `/api/deals/${s.deal.id}/participants` }),
    expect: { initiator: 200, owner: 403, participant: 403, stranger: 403, admin: 403, signedOut: 401 },
    mayShow: (s, role) => (role === "initiator" ? [s.ada.email, s.bob.email] : []),
    check(s, res) {
      if (res.status === 200) expect(res.json.items.map((p: { email: string }) => p.email)).toEqual([s.ada.email, s.bob.email]);
    },
  },
  {
    route: "GET /deals/{id}/participants",
    variant: "as CSV",
    request: (s) => ({ method: "GET", path: `/api/deals/${s.deal.id}/participants?format=csv` }),
    expect: { initiator: 200, owner: 403, participant: 403, stranger: 403, admin: 403, signedOut: 401 },
    mayShow: (s, role) => (role === "initiator" ? [s.ada.email, s.bob.email] : []),
    check(s, res) {
      if (res.status === 200) {
        expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
        expect(res.text).toContain(s.ada.email);
      }
    },
  },
  {
    route: "GET /deals/{id}/participants",
    variant: "of Ada's deal",
    request: (s) => ({ method: "GET", path: `/api/deals/${s.adasDeal.id}/participants?format=csv` }),
    expect: { initiator: 403, owner: 200, participant: 403, stranger: 403, admin: 403, signedOut: 401 },
  },
  {
    route: "GET /deals/{id}/calendar.ics",
    request: (s) => ({ method: "GET", path: `/api/deals/${s.deal.id}/calendar.ics` }),
    expect: all(200),
  },
  {
    route: "GET /deals/{id}/image.png",
    request: (s) => ({ method: "GET", path: `/api/deals/${s.deal.id}/image.png?lang=en` }),
    expect: all(200),
    // The public picture: the same for everyone, whoever asks.
    async check(s, res) {
      expect(res.headers.get("content-type")).toBe("image/png");
      const anonymous = await s.app.request(`/api/deals/${s.deal.id}/image.png?lang=en`);
      expect(res.headers.get("etag")).toBe(anonymous.headers.get("etag"));
    },
  },
  {
    route: "GET /me/deals",
    request: (s) => ({ method: "GET", path: `/api/me/deals?userId=${s.ines.id}` }),
    expect: signedIn(200),
    check(s, res, role) {
      if (role === "signedOut") return;
      const expected = role === "initiator" ? [s.deal.id] : role === "owner" ? [s.adasDeal.id] : [];
      expect(res.json.items.map((d: { id: string }) => d.id)).toEqual(expected);
    },
  },
  {
    route: "GET /deals/{id}/events",
    request: (s) => ({ method: "GET", path: `/api/deals/${s.deal.id}/events` }),
    expect: all(200),
    check(s, res, role) {
      const data = /^data: (.*)$/m.exec(res.text)?.[1];
      expect(data).toBeDefined();
      expectOwnCommitment(s, JSON.parse(data!).deal, role);
    },
  },
  // moderation (issue 15)
  {
    route: "POST /deals/{id}/report",
    request: (s) => ({ method: "POST", path: `/api/deals/${s.deal.id}/report`, body: { reason: "Looks like a scam." } }),
    expect: signedIn(202),
    async check(s, _res, role, viewer) {
      const reports = await s.app.deps.prisma.report.findMany({ where: { dealId: s.deal.id } });
      expect(reports.map((r) => r.reporterId)).toEqual(role === "signedOut" ? [] : [viewer!.id]);
    },
  },
  {
    route: "GET /admin/reports",
    request: () => ({ method: "GET", path: "/api/admin/reports" }),
    expect: adminOnly(200),
    check: (_s, res, role) => void (role === "admin" && expect(res.json.items).toEqual([])),
  },
  {
    route: "GET /admin/actions",
    request: () => ({ method: "GET", path: "/api/admin/actions" }),
    expect: adminOnly(200),
    check: (_s, res, role) => void (role === "admin" && expect(res.json.items).toEqual([])),
  },
  {
    route: "POST /admin/deals/{id}/hide",
    request: (s) => ({ method: "POST", path: `/api/admin/deals/${s.deal.id}/hide` }),
    expect: adminOnly(200),
    async check(s, _res, role) {
      const deal = await s.app.deps.prisma.deal.findUniqueOrThrow({ where: { id: s.deal.id } });
      expect([deal.status, deal.hiddenAt !== null]).toEqual(role === "admin" ? ["cancelled", true] : ["open", false]);
    },
  },
  {
    route: "POST /admin/users/{id}/block",
    request: (s) => ({ method: "POST", path: `/api/admin/users/${s.ines.id}/block` }),
    expect: adminOnly(200),
    async check(s, _res, role) {
      const ines = await s.app.deps.prisma.user.findUniqueOrThrow({ where: { id: s.ines.id } });
      expect(ines.blockedAt !== null).toBe(role === "admin");
      expect(await s.app.deps.prisma.session.count({ where: { userId: s.ines.id } })).toBe(role === "admin" ? 0 : 1);
    },
  },
  {
    route: "GET /health",
    request: () => ({ method: "GET", path: "/api/health" }),
    expect: all(200),
  },
  // Development mode only: every address the mailbox holds is shown to anyone, by design, and the
  // routes answer 404 in production (below).
  {
    route: "GET /dev/mailbox",
    request: () => ({ method: "GET", path: "/api/dev/mailbox" }),
    expect: all(200),
    mayShow: (s) => s.everyone.map((u) => u.email),
  },
  { route: "POST /dev/clock", request: () => ({ method: "POST", path: "/api/dev/clock", body: { offsetMs: 0 } }), expect: all(200) },
  { route: "GET /dev/clock", request: () => ({ method: "GET", path: "/api/dev/clock" }), expect: all(200) },
  { route: "POST /dev/sweep", request: () => ({ method: "POST", path: "/api/dev/sweep" }), expect: all(200) },
  // Growing the group: updates and following.
  {
    route: "POST /deals/{id}/updates",
    variant: "naming another initiator in the query",
    request: (s) => ({ method: "POST", path: `/api/deals/${s.deal.id}/updates?initiatorId=${s.ada.id}`, body: { body: "Slot confirmed" } }),
    expect: { initiator: 201, owner: 403, participant: 403, stranger: 403, admin: 403, signedOut: 401 },
    async check(s, res) {
      const updates = await s.app.deps.prisma.dealUpdate.findMany({ where: { dealId: s.deal.id } });
      expect(updates.length).toBe(res.status === 201 ? 1 : 0);
      const told = await s.app.deps.prisma.notification.findMany({ where: { kind: "deal-update" } });
      // The participants (active and waitlisted) and the follower; never the initiator.
      expect(told.map((n) => n.userId).sort()).toEqual(res.status === 201 ? [s.ada.id, s.bob.id, s.sam.id].sort() : []);
    },
  },
  {
    route: "POST /deals/{id}/updates",
    variant: "on Ada's deal",
    request: (s) => ({ method: "POST", path: `/api/deals/${s.adasDeal.id}/updates`, body: { body: "Hello" } }),
    expect: { initiator: 403, owner: 201, participant: 403, stranger: 403, admin: 403, signedOut: 401 },
  },
  {
    route: "POST /deals/{id}/updates",
    variant: "naming another initiator in the body",
    request: (s) => ({ method: "POST", path: `/api/deals/${s.deal.id}/updates`, body: { body: "Hello", initiatorId: s.ada.id } }),
    expect: { ...all(400), signedOut: [400, 401] },
  },
  {
    route: "GET /deals/{id}/updates",
    request: (s) => ({ method: "GET", path: `/api/deals/${s.deal.id}/updates` }),
    expect: all(200),
    check: (_s, res) => expect(res.json).toEqual({ items: [] }),
  },
  {
    route: "PUT /deals/{id}/follow",
    variant: "naming another user in the query and body",
    request: (s) => ({ method: "PUT", path: `/api/deals/${s.deal.id}/follow?userId=${s.ada.id}`, body: { userId: s.ada.id } }),
    expect: signedIn(200),
    async check(s, res, _role, viewer) {
      const followers = (await s.app.deps.prisma.follow.findMany({ where: { dealId: s.deal.id } })).map((f) => f.userId).sort();
      expect(followers).toEqual([...new Set([s.sam.id, ...(viewer ? [viewer.id] : [])])].sort());
      if (viewer) {
        expect(res.json).toEqual({ following: true });
        expect((await s.app.api("GET", `/api/deals/${s.deal.id}`, { as: viewer })).json.deal.viewerFollowing).toBe(true);
      }
    },
  },
  {
    route: "DELETE /deals/{id}/follow",
    variant: "naming the follower in the query",
    request: (s) => ({ method: "DELETE", path: `/api/deals/${s.deal.id}/follow?userId=${s.sam.id}` }),
    expect: signedIn(200),
    async check(s, _res, role) {
      const followers = (await s.app.deps.prisma.follow.findMany({ where: { dealId: s.deal.id } })).map((f) => f.userId);
      // Only Sam can stop Sam's following.
      expect(followers).toEqual(role === "stranger" ? [] : [s.sam.id]);
    },
  },
  // co-creation and trust: options, reviews, public profiles
  {
    route: "POST /deals/{id}/commitments",
    variant: "choosing options of a deal without them",
    request: (s) => ({ method: "POST", path: `/api/deals/${s.deal.id}/commitments`, body: { seats: 1, optionIds: ["x"] } }),
    expect: signedIn(400),
    check: async (s) => expect(await commitmentOf(s, s.ines.id)).toBeNull(),
  },
  {
    route: "POST /deals/{id}/reviews",
    variant: "before the deal is over",
    request: (s) => ({ method: "POST", path: `/api/deals/${s.deal.id}/reviews`, body: { rating: "positive" } }),
    expect: { initiator: 403, owner: 409, participant: 403, stranger: 403, admin: 403, signedOut: 401 },
    async check(s, res) {
      if (res.status === 403) expect(res.json.error.code).toBe("NOT_A_PARTICIPANT");
      if (res.status === 409) expect(res.json.error.code).toBe("REVIEW_NOT_OPEN");
      expect(await s.app.deps.prisma.review.count()).toBe(0);
    },
  },
  {
    route: "POST /deals/{id}/reviews",
    variant: "naming another reviewer in the body",
    request: (s) => ({ method: "POST", path: `/api/deals/${s.deal.id}/reviews`, body: { rating: "positive", reviewerId: s.ada.id } }),
    expect: { ...all(400), signedOut: [400, 401] },
  },
  {
    route: "GET /deals/{id}/reviews",
    request: (s) => ({ method: "GET", path: `/api/deals/${s.deal.id}/reviews` }),
    expect: all(200),
    check: (_s, res) => expect(res.json.items).toEqual([]),
  },
  {
    route: "GET /users/{id}",
    request: (s) => ({ method: "GET", path: `/api/users/${s.ines.id}` }),
    expect: all(200),
    check: (s, res) => expect(res.json.user).toMatchObject({ id: s.ines.id, displayName: "Ines" }),
  },
  // privacy: the caller's own data, and deleting the caller's own account
  {
    route: "GET /me/export",
    variant: "naming another user",
    request: (s) => ({ method: "GET", path: `/api/me/export?userId=${s.ada.id}&email=${s.ada.email}`, headers: { "x-user-id": s.ada.id } }),
    expect: signedIn(200),
    check(s, res, role, viewer) {
      if (!viewer) return;
      expect(res.json.user.id).toBe(viewer.id);
      for (const u of s.everyone.filter((u) => u !== viewer)) expect(res.text, u.displayName).not.toContain(u.id);
      const seats = role === "owner" ? [3] : role === "participant" ? [2] : [];
      expect(res.json.commitments.map((c: { seats: number }) => c.seats)).toEqual(seats);
    },
  },
  {
    route: "DELETE /me",
    variant: "naming another user",
    request: (s) => ({ method: "DELETE", path: `/api/me?userId=${s.ada.id}&id=${s.ines.id}`, headers: { "x-user-id": s.ada.id } }),
    expect: signedIn(204),
    async check(s, res, _role, viewer) {
      if (!viewer) return;
      expect(res.text).toBe("");
      const users = await s.app.deps.prisma.user.findMany();
      for (const u of users) {
        if (u.id === viewer.id) expect(u).toMatchObject({ displayName: "Former member", email: `deleted:${viewer.id}` });
        else expect(u.deletedAt, u.displayName).toBeNull();
      }
      expect(users.filter((u) => u.deletedAt !== null).map((u) => u.id)).toEqual([viewer.id]);
      expect(await s.app.deps.prisma.session.count({ where: { userId: { not: viewer.id } } })).toBe(s.everyone.length - 1);
    },
  },
  {
    route: "DELETE /me",
    variant: "from another site",
    request: () => ({ method: "DELETE", path: "/api/me", headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } }),
    expect: all(403),
  },
  // Paying at the tip: only the participant with a due payment starts it; the amount is the
  // database's, whatever the request says; the webhook believes nothing but a valid signature.
  {
    route: "POST /deals/{id}/payment",
    variant: "with an amount in the body",
    setup: confirmForPayment,
    request: (s) => ({ method: "POST", path: `/api/deals/${s.deal.id}/payment`, body: { amountCents: 1, currency: "JPY" } }),
    expect: { initiator: 404, owner: 200, participant: 404, stranger: 404, admin: 404, signedOut: 401 },
    async check(s, res) {
      if (res.status === 200) expect(res.json).toEqual({ url: `/dev/checkout/${s.adasPaymentId}` });
      else expect(res.json.error.code).toBe(res.status === 401 ? "UNAUTHENTICATED" : "PAYMENT_NOT_FOUND");
      expect(await adasPayment(s)).toMatchObject({ status: "due", amountCents: 88500, currency: "EUR" });
    },
  },
  {
    route: "POST /deals/{id}/payment",
    variant: "of a deal that asked for nothing",
    request: (s) => ({ method: "POST", path: `/api/deals/${s.deal.id}/payment` }),
    expect: { ...all(404), signedOut: 401 },
  },
  {
    route: "POST /webhooks/stripe",
    variant: "forged: a paid session for Ada's payment, unsigned, where Stripe is not configured",
    setup: confirmForPayment,
    request: (s) => ({
      method: "POST",
      path: "/api/webhooks/stripe",
      headers: { "stripe-signature": "t=1,v1=00" },
      body: { id: "evt_forged", type: "checkout.session.completed", data: { object: { payment_status: "paid", metadata: { paymentId: s.adasPaymentId } } } },
    }),
    expect: all(400),
    check: async (s) => expect((await adasPayment(s)).status).toBe("due"),
  },
  {
    route: "GET /dev/payments/{paymentId}",
    setup: confirmForPayment,
    request: (s) => ({ method: "GET", path: `/api/dev/payments/${s.adasPaymentId}` }),
    expect: all(200),
    check: (s, res) => expect(res.json).toMatchObject({ id: s.adasPaymentId, status: "due", amountCents: 88500, deal: { id: s.deal.id } }),
  },
  {
    route: "POST /dev/payments/{paymentId}",
    setup: confirmForPayment,
    request: (s) => ({ method: "POST", path: `/api/dev/payments/${s.adasPaymentId}`, body: { outcome: "failed" } }),
    expect: all(200),
    check: async (s) => expect((await adasPayment(s)).status).toBe("due"),
  },
];

const cases = PROBES.flatMap((probe) =>
  ROLES.filter((role) => probe.expect[role] !== undefined).map((role) => ({
    name: `${probe.route}${probe.variant ? ` ${probe.variant}` : ""} as ${role}`,
    probe,
    role,
  })),
);
let probesRun = 0;

afterAll(() => console.log(`access: ${probesRun} probes over ${new Set(PROBES.map((p) => p.route)).size} routes`));

describe("object-level access", () => {
  it("has a probe for every operation of the OpenAPI document, for every role", async () => {
    const { app } = await scene();
    const ops = operationsOf((await app.api("GET", "/api/openapi.json")).json);
    await app.close();
    for (const op of ops) {
      const probes = PROBES.filter((p) => p.route === `${op.method} ${op.path}`);
      expect(probes.length, `${op.method} ${op.path} has no access probe`).toBeGreaterThan(0);
      for (const role of ROLES) expect(probes.some((p) => p.expect[role] !== undefined), `${op.method} ${op.path} as ${role}`).toBe(true);
    }
    // The one route that takes a commitment id is the initiator's removal of a participant of
    // their own deal (probed above): nobody else can name another's commitment.
    expect(ops.filter((op) => /commitment/i.test(op.path) && /\{(?!id\})/.test(op.path))).toEqual([
      expect.objectContaining({ method: "DELETE", path: "/deals/{id}/commitments/{commitmentId}" }),
    ]);
  });

  it.each(cases)("$name", async ({ probe, role }) => {
    probesRun++;
    const s = await scene();
    try {
      const viewer = role === "signedOut" ? undefined : s.users[role];
      await probe.setup?.(s);
      const { method, path, body, headers } = probe.request(s);
      const before = dbFingerprint(s.app.built.db.raw);
      const raw = await s.app.request(path, {
        method,
        headers: {
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...(viewer ? { cookie: viewer.cookie } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await readBody(raw);
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        // CSV, iCalendar, an event stream
      }
      const res: Answer = { status: raw.status, json, text, headers: raw.headers };

      const allowed = [probe.expect[role]!].flat();
      expect(allowed, `${res.status} ${text.slice(0, 300)}`).toContain(res.status);
      if (res.status >= 400) expect(dbFingerprint(s.app.built.db.raw), "a refusal changed the database").toEqual(before);

      // Promise 6: no address but the viewer's own, and the participants' for their initiator.
      const mayShow = new Set([...(viewer ? [viewer.email] : []), ...(probe.mayShow?.(s, role) ?? [])]);
      const everything = text + JSON.stringify([...raw.headers]);
      for (const u of s.everyone) if (!mayShow.has(u.email)) expect(everything, `shows ${u.email}`).not.toContain(u.email);

      await probe.check?.(s, res, role, viewer);
    } finally {
      await s.app.close();
    }
  });
});

describe("development routes in production", () => {
  let prod: TestApp;
  let dev: TestApp;
  beforeAll(async () => {
    prod = await createTestApp({ NODE_ENV: "production" });
    dev = await createTestApp();
  });
  afterAll(async () => {
    await prod.close();
    await dev.close();
  });

  it("answer 404 to everyone, and are not in the OpenAPI document", async () => {
    const devOps = operationsOf((await dev.api("GET", "/api/openapi.json")).json).filter((op) => op.path.startsWith("/dev/"));
    expect(devOps.length).toBeGreaterThanOrEqual(4);
    const prodDoc = (await prod.api("GET", "/api/openapi.json")).json;
    expect(Object.keys(prodDoc.paths).filter((p) => p.startsWith("/dev"))).toEqual([]);
    const user = await prod.createUser();
    const before = dbFingerprint(prod.built.db.raw);
    for (const op of devOps) {
      for (const as of [user, undefined]) {
        probesRun++;
        const body = op.method === "GET" ? undefined : { offsetMs: 86_400_000 };
        const res = await prod.api(op.method, `/api${op.path}`, { as, body });
        expect(res.status, `${op.method} ${op.path}`).toBe(404);
        expect(res.json.error.code).toBe("NOT_FOUND");
      }
    }
    expect(dbFingerprint(prod.built.db.raw)).toEqual(before);
    expect((await prod.api("GET", "/api/health")).status).toBe(200);
  });
});
