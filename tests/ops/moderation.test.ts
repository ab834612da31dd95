// Moderation (DESIGN.md "Running it"): reports, and the administrators' hide and block, with the
// access rules (404 signed out, 403 for anyone but an administrator), hiding an open deal (it is
// cancelled, everyone told once) versus a confirmed one (it stays confirmed), who still sees a
// hidden deal, and a blocked user who can neither sign in nor act. Every action is in the log.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { requestSignInToken } from "../setup/sign-in.ts";

const ADMIN = "admin@example.com";
let app: TestApp;
type User = Awaited<ReturnType<TestApp["createUser"]>>;
let admin: User, ines: User, ada: User, bob: User, sam: User;

beforeEach(async () => {
  app = await createTestApp({ ADMIN_EMAILS: `Root@example.com, ${ADMIN}` });
  admin = await app.createUser({ email: ADMIN, displayName: "Admin" });
  ines = await app.createUser({ email: "ines@example.com", displayName: "Ines" });
  ada = await app.createUser({ email: "ada@example.com", displayName: "Ada" });
  bob = await app.createUser({ email: "bob@example.com", displayName: "Bob" });
  sam = await app.createUser({ email: "sam@example.com", displayName: "Sam" });
});
afterEach(() => app.close());

/** Ines's deal: Ada 2 active seats, Bob 2 waitlisted (capacity 3). `confirm` fills the threshold. */
async function scene({ confirm = false } = {}) {
  const { deal } = await app.createDeal({ initiator: ines, threshold: confirm ? 2 : 3, capacity: 3, maxSeatsPerCommitment: 2 });
  expect((await app.join(ada, deal.id, 2)).json.commitment.status).toBe("active");
  expect((await app.join(bob, deal.id, 2)).json.commitment.status).toBe("waitlisted");
  return deal as { id: string; title: string };
}

const hide = (id: string, as: User | undefined) => app.api("POST", `/api/admin/deals/${id}/hide`, { as });
const block = (id: string, as: User | undefined) => app.api("POST", `/api/admin/users/${id}/block`, { as });

describe("reporting a deal", () => {
  it("takes a reason of 1 to 1,000 characters from anyone signed in, once per deal", async () => {
    const deal = await scene();
    expect((await app.api("POST", `/api/deals/${deal.id}/report`, { as: sam, body: { reason: "  Asks for cash up front.  " } })).status).toBe(202);
    expect((await app.api("POST", `/api/deals/${deal.id}/report`, { as: sam, body: { reason: "Again." } })).status).toBe(202);
    expect((await app.api("POST", `/api/deals/${deal.id}/report`, { as: ada, body: { reason: "x".repeat(1000) } })).status).toBe(202);
    for (const reason of ["", "   ", "x".repeat(1001)]) {
      const res = await app.api("POST", `/api/deals/${deal.id}/report`, { as: sam, body: { reason } });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("VALIDATION_FAILED");
    }
    expect((await app.api("POST", `/api/deals/${deal.id}/report`, { body: { reason: "spam" } })).status).toBe(401);
    expect((await app.api("POST", "/api/deals/zzzzzzzzzzzzzzzz/report", { as: sam, body: { reason: "spam" } })).status).toBe(404);

    const reports = await app.deps.prisma.report.findMany({ orderBy: { createdAt: "asc" } });
    expect(reports.map((r) => [r.reporterId, r.reason.length])).toEqual([
      [sam.id, "Asks for cash up front.".length],
      [ada.id, 1000],
    ]);

    const listed = await app.api("GET", "/api/admin/reports", { as: admin });
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((r: { reporter: { displayName: string } }) => r.reporter.displayName)).toEqual(["Ada", "Sam"]);
    expect(listed.json.items[1]).toMatchObject({
      reason: "Asks for cash up front.",
      deal: { id: deal.id, title: deal.title, status: "open", hiddenAt: null, initiator: { id: ines.id, displayName: "Ines", blockedAt: null } },
    });
  });

  it("limits reports to 10 an hour per user", async () => {
    const limited = await createTestApp({ RATE_LIMITS: "on" });
    try {
      const user = await limited.createUser();
      const deals = [];
      for (let i = 0; i < 11; i++) deals.push((await limited.createDeal()).deal.id);
      const statuses = [];
      for (const id of deals) statuses.push((await limited.api("POST", `/api/deals/${id}/report`, { as: user, body: { reason: "spam" } })).status);
      expect(statuses).toEqual([...Array(10).fill(202), 429]);
    } finally {
      await limited.close();
    }
  });
});

describe("who may moderate", () => {
  it("answers 404 signed out, 403 to the initiator, a participant and a stranger, and 200 to an administrator", async () => {
    const deal = await scene();
    const routes = [
      () => app.api("GET", "/api/admin/reports", { as: current }),
      () => app.api("GET", "/api/admin/actions", { as: current }),
      () => hide(deal.id, current),
      () => block(sam.id, current),
    ];
    let current: User | undefined;
    for (const [who, expected] of [[undefined, 404], [ines, 403], [ada, 403], [sam, 403]] as const) {
      current = who;
      for (const call of routes) expect((await call()).status).toBe(expected);
    }
    expect(await app.deps.prisma.moderationAction.count()).toBe(0);
    expect((await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).hiddenAt).toBeNull();
    current = admin;
    for (const call of routes) expect((await call()).status).toBe(200);
  });
});

describe("hiding a deal", () => {
  it("cancels an open deal, tells everyone once, and hides it from all but its initiator and the administrators", async () => {
    const deal = await scene();
    const res = await hide(deal.id, admin);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ deal: { id: deal.id, status: "cancelled", hiddenAt: expect.any(String) }, cancelled: true });
    // Twice is harmless: nothing more is sent or recorded.
    expect((await hide(deal.id, admin)).json).toMatchObject({ deal: { status: "cancelled" }, cancelled: false });

    const told = await app.notifications({ dealId: deal.id, kind: "deal-cancelled" });
    expect(told.map((n) => n.toEmail).sort()).toEqual(["ada@example.com", "bob@example.com", "ines@example.com"]);
    const actions = await app.api("GET", "/api/admin/actions", { as: admin });
    expect(actions.json.items).toEqual([
      expect.objectContaining({ action: "hide-deal", targetType: "deal", targetId: deal.id, targetName: deal.title, admin: { id: admin.id, displayName: "Admin" } }),
    ]);

    for (const who of [undefined, ada, bob, sam]) {
      expect((await app.api("GET", `/api/deals/${deal.id}`, { as: who })).status).toBe(404);
      expect((await app.api("GET", `/api/deals/${deal.id}/events`, { as: who })).status).toBe(404);
      expect((await app.api("POST", `/api/deals/${deal.id}/report`, { as: who ?? sam, body: { reason: "x" } })).status).toBe(404);
    }
    expect((await app.api("GET", `/api/deals/${deal.id}/image.png`)).status).toBe(404);
    expect((await app.request(`/deals/${deal.id}`)).status).toBe(404);
    for (const who of [ines, admin]) {
      const seen = await app.api("GET", `/api/deals/${deal.id}`, { as: who });
      expect(seen.status).toBe(200);
      expect(seen.json.deal.status).toBe("cancelled");
    }
    expect((await app.api("GET", "/api/deals?status=open")).json.items).toEqual([]);
    expect((await app.api("GET", "/api/me/commitments", { as: ada })).json.items).toEqual([]);
    expect((await app.api("GET", "/api/me/deals", { as: ines })).json.items.map((d: { id: string }) => d.id)).toEqual([deal.id]);
  });

  it("leaves a confirmed deal confirmed, sends nothing, and hides it", async () => {
    const deal = await scene({ confirm: true });
    expect((await app.api("GET", `/api/deals/${deal.id}`)).json.deal.status).toBe("confirmed");
    const before = (await app.notifications({ dealId: deal.id })).length;

    const res = await hide(deal.id, admin);
    expect(res.json).toMatchObject({ deal: { status: "confirmed" }, cancelled: false });
    expect(await app.notifications({ dealId: deal.id })).toHaveLength(before);
    expect((await app.api("GET", `/api/deals/${deal.id}`, { as: ada })).status).toBe(404);
    expect((await app.api("GET", "/api/deals?status=confirmed")).json.items).toEqual([]);
    // A hidden deal takes no one, though a confirmed deal otherwise would.
    const late = await app.join(sam, deal.id, 1);
    expect(late.status).toBe(404);
    expect(await app.deps.prisma.commitment.count({ where: { dealId: deal.id, userId: sam.id } })).toBe(0);
  });
});

describe("blocking a user", () => {
  it("ends their sessions, refuses their sign-in, and cancels and hides their open deals", async () => {
    const open = await scene();
    const confirmed = await scene({ confirm: true });
    const res = await block(ines.id, admin);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ user: { id: ines.id, blockedAt: expect.any(String) }, hiddenDeals: 1 });

    // The old cookie is dead, and she cannot act.
    expect((await app.api("GET", "/api/me", { as: ines })).status).toBe(401);
    expect((await app.join(ines, confirmed.id, 1)).status).toBe(401);
    expect(await app.deps.prisma.session.count({ where: { userId: ines.id } })).toBe(0);
    // A fresh sign-in link is refused, and starts no session.
    const token = await requestSignInToken(app, ines.email);
    const again = await app.api("POST", "/api/auth/callback", { body: { token } });
    expect(again.status).toBe(403);
    expect(again.json.error.code).toBe("ACCOUNT_BLOCKED");
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await app.deps.prisma.session.count({ where: { userId: ines.id } })).toBe(0);

    const deals = await app.deps.prisma.deal.findMany({ where: { initiatorId: ines.id }, orderBy: { createdAt: "asc" } });
    expect(deals.map((d) => [d.id, d.status, d.hiddenAt !== null])).toEqual([
      [open.id, "cancelled", true],
      [confirmed.id, "confirmed", false],
    ]);
    expect((await app.notifications({ dealId: open.id, kind: "deal-cancelled" })).map((n) => n.toEmail).sort()).toEqual([
      "ada@example.com",
      "bob@example.com",
      "ines@example.com",
    ]);
    const log = (await app.api("GET", "/api/admin/actions", { as: admin })).json.items;
    expect(log.map((a: { action: string; targetId: string }) => [a.action, a.targetId]).sort()).toEqual([
      ["block-user", ines.id],
      ["hide-deal", open.id],
    ]);
    expect((await app.api("GET", "/api/admin/reports", { as: admin })).status).toBe(200);
    // Blocking again changes and records nothing.
    expect((await block(ines.id, admin)).json.hiddenDeals).toBe(0);
    expect(await app.deps.prisma.moderationAction.count()).toBe(2);
  });

  it("refuses to block an administrator or a user who does not exist", async () => {
    const other = await app.createUser({ email: "root@example.com" });
    expect((await block(other.id, admin)).json.error.code).toBe("CANNOT_BLOCK_ADMIN");
    expect((await block(other.id, admin)).status).toBe(409);
    expect((await block("zzzzzzzzzzzzzzzz", admin)).status).toBe(404);
    expect((await block("not an id", admin)).json.error.code).toBe("USER_NOT_FOUND");
    expect(await app.deps.prisma.moderationAction.count()).toBe(0);
  });
});
