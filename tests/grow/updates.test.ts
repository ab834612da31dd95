// Updates and following (DESIGN.md "Growing the group"): who gets a `deal-update` (active and
// waitlisted participants and followers, each once per update; never the initiator, a withdrawn
// participant or a stranger), the limit of 10 a deal in 24 hours under concurrency, validation,
// closed deals, the list newest first, and following both ways, idempotently.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, startTestServer, type TestApp } from "../setup/harness.ts";

const HOUR = 3_600_000;
let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

/** Ines proposes; Ada is active, Bob waitlisted, Cy withdrew, Fay follows, Gus follows and is active. */
async function scene(t: Pick<TestApp, "createUser" | "createDeal" | "join" | "api"> = app) {
  const ines = await t.createUser({ displayName: "Ines" });
  const { deal } = await t.createDeal({ initiator: ines, threshold: 5, capacity: 5, maxSeatsPerCommitment: 3 });
  const [ada, bob, cy, fay, gus, sam] = await Promise.all([1, 2, 3, 4, 5, 6].map(() => t.createUser()));
  expect((await t.join(ada!, deal.id, 3)).json.commitment.status).toBe("active");
  expect((await t.join(gus!, deal.id, 1)).json.commitment.status).toBe("active");
  expect((await t.join(bob!, deal.id, 2)).json.commitment.status).toBe("waitlisted");
  expect((await t.join(cy!, deal.id, 2)).json.commitment.status).toBe("waitlisted");
  expect((await t.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: cy })).status).toBe(200);
  for (const u of [fay!, gus!]) expect((await t.api("PUT", `/api/deals/${deal.id}/follow`, { as: u })).json).toEqual({ following: true });
  // The initiator following their own deal still gets no update of their own.
  expect((await t.api("PUT", `/api/deals/${deal.id}/follow`, { as: ines })).status).toBe(200);
  return { deal, ines, ada: ada!, bob: bob!, cy: cy!, fay: fay!, gus: gus!, sam: sam! };
}

const post = (t: Pick<TestApp, "api">, as: { cookie: string } | undefined, dealId: string, body: unknown) =>
  t.api("POST", `/api/deals/${dealId}/updates`, { as, body });

describe("posting an update", () => {
  it("emails each participant (active or waitlisted) and follower once per update, never the initiator", async () => {
    const s = await scene();
    const ids: string[] = [];
    for (const text of ["The airline confirmed the slot.", "Line one\nLine two\n\nLine four", "Third"]) {
      const res = await post(app, s.ines, s.deal.id, { body: `  ${text}  ` });
      expect(res.status, res.text).toBe(201);
      expect(res.json.update).toMatchObject({ body: text });
      expect(Date.parse(res.json.update.createdAt)).not.toBeNaN();
      ids.push(res.json.update.id);
    }
    const rows = await app.notifications({ dealId: s.deal.id, kind: "deal-update" });
    const expected = [s.ada, s.bob, s.fay, s.gus].map((u) => u.id).sort();
    for (const id of ids) {
      const mine = rows.filter((n) => n.subjectId === id);
      expect(mine.map((n) => n.userId).sort()).toEqual(expected);
      for (const n of mine) expect(n.key).toBe(`deal-update:${id}:${n.userId}`);
    }
    expect(rows.length).toBe(ids.length * expected.length);

    // Delivered: exactly one email per update and recipient, with the update's words.
    await app.built.background.runNow();
    const mails = (await app.api("GET", "/api/dev/mailbox?limit=100")).json.items as { kind: string; to: string; text: string; html: string }[];
    const updates = mails.filter((m) => m.kind === "deal-update");
    expect(updates.length).toBe(12);
    const emailOf = new Map([s.ada, s.bob, s.fay, s.gus].map((u) => [u.email, u]));
    for (const to of emailOf.keys()) expect(updates.filter((m) => m.to === to).length).toBe(3);
    expect(updates.some((m) => [s.ines.email, s.cy.email, s.sam.email].includes(m.to))).toBe(false);
    const multi = updates.find((m) => m.text.includes("Line one"))!;
    expect(multi.text).toContain("Line one\nLine two\n\nLine four");
    expect(multi.text).toContain(`/deals/${s.deal.id}`);
    expect(multi.text).toContain("Charter to Lisbon");
  });

  it("lists the updates newest first to anyone, signed in or not", async () => {
    const s = await scene();
    for (const body of ["first", "second", "third"]) {
      expect((await post(app, s.ines, s.deal.id, { body })).status).toBe(201);
      app.advance(1000);
    }
    for (const as of [undefined, s.sam, s.ada, s.ines]) {
      const res = await app.api("GET", `/api/deals/${s.deal.id}/updates`, { as });
      expect(res.status).toBe(200);
      expect(res.json.items.map((u: { body: string }) => u.body)).toEqual(["third", "second", "first"]);
    }
    const { deal: empty } = await app.createDeal();
    expect((await app.api("GET", `/api/deals/${empty.id}/updates`)).json).toEqual({ items: [] });
    expect((await app.api("GET", `/api/deals/zzzzzzzzzzzzzzzz/updates`)).status).toBe(404);
    expect((await app.api("GET", `/api/deals/not-an-id/updates`)).status).toBe(404);
  });

  it("is the initiator's alone: 403 for participants and strangers, 401 signed out, 404 for no deal", async () => {
    const s = await scene();
    for (const u of [s.ada, s.bob, s.fay, s.sam]) {
      const res = await post(app, u, s.deal.id, { body: "hello" });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("FORBIDDEN");
    }
    expect((await post(app, undefined, s.deal.id, { body: "hello" })).status).toBe(401);
    expect((await post(app, s.ines, "zzzzzzzzzzzzzzzz", { body: "hello" })).status).toBe(404);
    expect(await app.deps.prisma.dealUpdate.count()).toBe(0);
    expect(await app.notifications({ kind: "deal-update" })).toEqual([]);
  });

  it("refuses bad bodies with 400 and changes nothing", async () => {
    const s = await scene();
    const bad: unknown[] = [
      {},
      { body: "" },
      { body: "   \n\t " },
      { body: "x".repeat(5001) },
      { body: 42 },
      { body: null },
      { body: ["a"] },
      { body: "ok", extra: 1 },
      "not json",
    ];
    for (const b of bad) {
      const res = await post(app, s.ines, s.deal.id, b);
      expect(res.status, JSON.stringify(b).slice(0, 40)).toBe(400);
      expect(res.json.error.code).toMatch(/^(VALIDATION_FAILED|BAD_JSON)$/);
    }
    expect(await app.deps.prisma.dealUpdate.count()).toBe(0);
    expect(await app.notifications({ kind: "deal-update" })).toEqual([]);
    const longest = await post(app, s.ines, s.deal.id, { body: "é".repeat(5000) });
    expect(longest.status).toBe(201);
    expect(longest.json.update.body.length).toBe(5000);
  });

  it("refuses a cancelled deal and one past its deadline (DEAL_CLOSED), but takes a confirmed one", async () => {
    const ines = await app.createUser();
    const { deal: cancelled } = await app.createDeal({ initiator: ines });
    expect((await app.api("POST", `/api/deals/${cancelled.id}/cancel`, { as: ines })).status).toBe(200);
    const closed = await post(app, ines, cancelled.id, { body: "still here" });
    expect([closed.status, closed.json.error.code]).toEqual([409, "DEAL_CLOSED"]);

    const { deal: confirmed } = await app.createDeal({ initiator: ines, threshold: 1 });
    const ada = await app.createUser();
    expect((await app.join(ada, confirmed.id, 1)).json.dealStatus).toBe("confirmed");
    expect((await post(app, ines, confirmed.id, { body: "Booked!" })).status).toBe(201);

    const { deal: expiring } = await app.createDeal({ initiator: ines, deadline: new Date(Date.now() + HOUR).toISOString() });
    await app.join(ada, expiring.id, 1);
    app.advance(HOUR + 1000);
    // Time is honest: no sweep has run, and the deal already takes no update.
    const late = await post(app, ines, expiring.id, { body: "too late" });
    expect([late.status, late.json.error.code]).toEqual([409, "DEAL_CLOSED"]);
    expect(await app.notifications({ dealId: expiring.id, kind: "deal-update" })).toEqual([]);
    // Past its deadline, a confirmed deal still hears from its initiator (the trip itself).
    expect((await post(app, ines, confirmed.id, { body: "See you at the gate" })).status).toBe(201);
  });
});

describe("at most 10 updates a deal in 24 hours", () => {
  it("holds under concurrent posts, answers 429 with retry-after, and frees up as the day rolls on", async () => {
    const server = await startTestServer({ RATE_LIMITS: "on" });
    try {
      const s = await scene(server);
      const results = await Promise.all(Array.from({ length: 14 }, (_, i) => post(server, s.ines, s.deal.id, { body: `update ${i}` })));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((x) => x === 201).length).toBe(10);
      expect(statuses.filter((x) => x === 429).length).toBe(4);
      const limited = results.find((r) => r.status === 429)!;
      expect(limited.json.error.code).toBe("RATE_LIMITED");
      const retryAfter = Number(limited.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(23 * 3600);
      expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
      expect(await server.deps.prisma.dealUpdate.count({ where: { dealId: s.deal.id } })).toBe(10);
      // 10 updates to 4 recipients, and not one email for a refused post.
      expect((await server.notifications({ dealId: s.deal.id, kind: "deal-update" })).length).toBe(40);

      // Another deal has a day of its own.
      const { deal: other } = await server.createDeal({ initiator: s.ines });
      expect((await post(server, s.ines, other.id, { body: "elsewhere" })).status).toBe(201);

      server.advance(24 * HOUR - 60_000);
      expect((await post(server, s.ines, s.deal.id, { body: "not yet" })).status).toBe(429);
      server.advance(61_000);
      // A sliding window: the ten of a day ago no longer count, and ten new ones fit.
      for (let i = 0; i < 10; i++) expect((await post(server, s.ines, s.deal.id, { body: `new day ${i}` })).status).toBe(201);
      expect((await post(server, s.ines, s.deal.id, { body: "and no more" })).status).toBe(429);
    } finally {
      await server.close();
    }
  });
});

describe("following", () => {
  it("is idempotent both ways and shows on the deal as viewerFollowing", async () => {
    const { deal } = await app.createDeal();
    const fay = await app.createUser();
    const read = async (as?: { cookie: string }) => (await app.api("GET", `/api/deals/${deal.id}`, { as })).json.deal.viewerFollowing;
    expect(await read(fay)).toBe(false);
    expect(await read()).toBe(false);
    for (let i = 0; i < 2; i++) {
      const res = await app.api("PUT", `/api/deals/${deal.id}/follow`, { as: fay });
      expect([res.status, res.json]).toEqual([200, { following: true }]);
    }
    expect(await app.deps.prisma.follow.count({ where: { dealId: deal.id } })).toBe(1);
    expect(await read(fay)).toBe(true);
    expect(await read()).toBe(false);
    const listed = (await app.api("GET", "/api/deals?status=open", { as: fay })).json.items.find((d: { id: string }) => d.id === deal.id);
    expect(listed.viewerFollowing).toBe(true);
    for (let i = 0; i < 2; i++) {
      const res = await app.api("DELETE", `/api/deals/${deal.id}/follow`, { as: fay });
      expect([res.status, res.json]).toEqual([200, { following: false }]);
    }
    expect(await app.deps.prisma.follow.count()).toBe(0);
    expect(await read(fay)).toBe(false);
  });

  it("needs a session and a deal", async () => {
    const { deal } = await app.createDeal();
    const fay = await app.createUser();
    expect((await app.api("PUT", `/api/deals/${deal.id}/follow`)).status).toBe(401);
    expect((await app.api("DELETE", `/api/deals/${deal.id}/follow`)).status).toBe(401);
    expect((await app.api("PUT", `/api/deals/zzzzzzzzzzzzzzzz/follow`, { as: fay })).status).toBe(404);
    expect((await app.api("DELETE", `/api/deals/zzzzzzzzzzzzzzzz/follow`, { as: fay })).status).toBe(404);
    expect(await app.deps.prisma.follow.count()).toBe(0);
  });

  it("a follower who stops following hears no more updates", async () => {
    const ines = await app.createUser();
    const { deal } = await app.createDeal({ initiator: ines });
    const fay = await app.createUser();
    await app.api("PUT", `/api/deals/${deal.id}/follow`, { as: fay });
    expect((await post(app, ines, deal.id, { body: "one" })).status).toBe(201);
    await app.api("DELETE", `/api/deals/${deal.id}/follow`, { as: fay });
    expect((await post(app, ines, deal.id, { body: "two" })).status).toBe(201);
    expect((await app.notifications({ kind: "deal-update" })).map((n) => n.userId)).toEqual([fay.id]);
  });
});
