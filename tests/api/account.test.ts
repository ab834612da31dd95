// GET /api/me/export and DELETE /api/me (DESIGN.md, "Safe by default", privacy): the export holds
// the caller's own data and no one else's, whatever the request names; deleting withdraws what may
// be withdrawn (the waitlist promoted exactly once, as in a withdrawal), cancels open proposed
// deals, keeps binding seats, proposed deals and reviews under "Former member", and leaves the
// erased address nowhere in the database: every text column of every table is searched.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type Database from "better-sqlite3";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { signIn } from "../setup/sign-in.ts";
import { newId } from "../../api/ids.ts";
import { clock } from "../../api/clock.ts";

let app: TestApp;
beforeEach(async () => {
  // With the limits on, so the per-address sign-in counters exist to be exported and erased.
  app = await createTestApp({ RATE_LIMITS: "on" });
});
afterEach(() => app.close());

/** Every (table, column, rowid) whose text contains `needle`, over every text column of every table. */
function whereIs(raw: Database.Database, needle: string) {
  const found: string[] = [];
  const tables = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[];
  let columns = 0;
  for (const { name } of tables) {
    const cols = (raw.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(name) as { name: string; type: string }[])
      // Every column that holds or may hold text (SQLite's affinity: TEXT, or none declared).
      .filter((c) => /CHAR|CLOB|TEXT|DATETIME/i.test(c.type) || c.type === "");
    for (const c of cols) {
      columns++;
      const rows = raw.prepare(`SELECT rowid FROM "${name}" WHERE instr(lower(CAST("${c.name}" AS TEXT)), lower(?)) > 0`).all(needle);
      for (const r of rows as { rowid: number }[]) found.push(`${name}.${c.name}#${r.rowid}`);
    }
  }
  return { found, columns };
}

/**
 * Ada is everywhere: active seats in an open deal (Bob waits behind her), binding seats in a
 * confirmed one, a waitlist place there, an open deal and a confirmed deal of her own (Sam in
 * both), a follow, a review, a report, a sign-in link in the mailbox and its limits.
 */
async function scene() {
  const ines = await app.createUser({ email: "ines@example.com", displayName: "Ines" });
  const bob = await app.createUser({ email: "bob@example.com", displayName: "Bob" });
  const sam = await app.createUser({ email: "sam@example.com", displayName: "Sam" });
  const signedIn = await signIn(app, "Ada@Example.com");
  const ada = { ...(await app.deps.prisma.user.findUniqueOrThrow({ where: { id: signedIn.user.id } })), cookie: signedIn.cookie };
  await app.api("PATCH", "/api/me", { as: ada, body: { displayName: "Ada Lovelace" } });

  const { deal: open } = await app.createDeal({ initiator: ines, threshold: 3, capacity: 3, maxSeatsPerCommitment: 3, title: "Open trip" });
  expect((await app.join(ada, open.id, 2)).json.commitment.status).toBe("active");
  expect((await app.join(bob, open.id, 2)).json.commitment.status).toBe("waitlisted");

  const { deal: confirmed } = await app.createDeal({ initiator: ines, threshold: 2, capacity: 2, title: "Confirmed trip" });
  expect((await app.join(ada, confirmed.id, 2)).json.dealStatus).toBe("confirmed");
  expect((await app.join(sam, confirmed.id, 1)).json.commitment.status).toBe("waitlisted");

  const { deal: adasOpen } = await app.createDeal({ initiator: ada, title: "Ada's open deal", threshold: 5 });
  expect((await app.join(sam, adasOpen.id, 1)).status).toBe(201);
  const { deal: adasConfirmed } = await app.createDeal({ initiator: ada, title: "Ada's confirmed deal", threshold: 1 });
  expect((await app.join(sam, adasConfirmed.id, 1)).json.dealStatus).toBe("confirmed");
  expect((await app.api("POST", `/api/deals/${adasConfirmed.id}/updates`, { as: ada, body: { body: "Tickets are booked." } })).status).toBe(201);

  expect((await app.api("PUT", `/api/deals/${open.id}/follow`, { as: ada })).status).toBe(200);
  expect((await app.api("POST", `/api/deals/${open.id}/report`, { as: ada, body: { reason: "Looks odd to me." } })).status).toBeLessThan(300);
  await app.deps.prisma.review.create({
    data: { id: newId(), dealId: confirmed.id, reviewerId: ada.id, initiatorId: ines.id, rating: "positive", comment: "Well run.", createdAt: clock.now() },
  });
  await app.deps.prisma.review.create({
    data: { id: newId(), dealId: adasConfirmed.id, reviewerId: sam.id, initiatorId: ada.id, rating: "positive", comment: "Thanks Ada.", createdAt: clock.now() },
  });
  // A second link asked for, and everything delivered to the development mailbox.
  expect((await app.api("POST", "/api/auth/email", { body: { email: "ada@example.com" } })).status).toBe(202);
  await app.built.background.runNow();
  return { ines, bob, sam, ada, open, confirmed, adasOpen, adasConfirmed };
}

describe("GET /api/me/export", () => {
  it("is a download of the caller's own data", async () => {
    const s = await scene();
    const res = await app.api("GET", "/api/me/export", { as: s.ada });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="quorum-my-data-\d{4}-\d\d-\d\d\.json"$/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const data = res.json;
    expect(data.user).toMatchObject({ id: s.ada.id, email: "ada@example.com", displayName: "Ada Lovelace" });
    expect(data.commitments.map((c: any) => [c.deal.title, c.seats, c.status])).toEqual([
      ["Open trip", 2, "active"],
      ["Confirmed trip", 2, "active"],
    ]);
    expect(data.dealsProposed.map((d: any) => d.title)).toEqual(["Ada's open deal", "Ada's confirmed deal"]);
    expect(data.dealsProposed[1].updates.map((u: any) => u.body)).toEqual(["Tickets are booked."]);
    expect(data.follows).toEqual([{ deal: { id: s.open.id, title: "Open trip" }, createdAt: expect.any(String) }]);
    expect(data.reviewsWritten.map((r: any) => r.comment)).toEqual(["Well run."]);
    expect(data.reviewsReceived.map((r: any) => r.comment)).toEqual(["Thanks Ada."]);
    expect(data.reportsFiled.map((r: any) => r.reason)).toEqual(["Looks odd to me."]);
    expect(data.sessions).toEqual([{ createdAt: expect.any(String), expiresAt: expect.any(String), current: true }]);
    expect(data.signInLinks).toHaveLength(2);
    expect(data.signInLimits).toEqual([{ windowStart: expect.any(String), count: 2, expiresAt: expect.any(String) }]);
    const kinds = data.notifications.map((n: any) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(["sign-in", "deal-confirmed"]));
    // A sign-in link is a secret: its payload is never exported, nor any session's or link's token.
    for (const n of data.notifications.filter((n: any) => n.kind === "sign-in")) expect(n.payload).toBeNull();
    expect(res.text).not.toMatch(/token=|[0-9a-f]{64}/);
  });

  it("shows nobody else's data, whatever the request names", async () => {
    const s = await scene();
    for (const path of [`/api/me/export?userId=${s.ada.id}`, `/api/me/export?id=${s.ada.id}&email=ada@example.com`]) {
      const res = await app.api("GET", path, { as: s.bob, headers: { "x-user-id": s.ada.id } });
      expect(res.status).toBe(200);
      expect(res.json.user.id).toBe(s.bob.id);
      for (const other of ["ada@example.com", "Ada Lovelace", s.ada.id, "ines@example.com", "sam@example.com", "Sam", "Ines"]) {
        expect(res.text, other).not.toContain(other);
      }
      expect(res.json.commitments.map((c: any) => [c.deal.title, c.seats, c.status])).toEqual([["Open trip", 2, "waitlisted"]]);
      expect(res.json.dealsProposed).toEqual([]);
      expect(res.json.reviewsWritten).toEqual([]);
      expect(res.json.reportsFiled).toEqual([]);
    }
    // Sam, a participant in Ada's deals: the export has their own commitments, not Ada's side.
    const sam = await app.api("GET", "/api/me/export", { as: s.sam });
    expect(sam.text).not.toContain("ada@example.com");
    expect(sam.json.reviewsWritten.map((r: any) => r.comment)).toEqual(["Thanks Ada."]);
    expect(sam.json.reviewsReceived).toEqual([]);
  });

  it("asks for a session", async () => {
    expect((await app.api("GET", "/api/me/export")).status).toBe(401);
  });
});

describe("DELETE /api/me", () => {
  it("withdraws what may be withdrawn, keeps the rest as Former member, and leaves the address nowhere", async () => {
    const s = await scene();
    const before = whereIs(app.built.db.raw, "ada@example.com");
    expect(before.found.length).toBeGreaterThan(5);

    const res = await app.api("DELETE", `/api/me?userId=${s.bob.id}`, { as: s.ada, headers: { "x-user-id": s.bob.id } });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect(res.headers.get("set-cookie")).toMatch(/quorum_session=;.*Max-Age=0/);
    await app.built.background.runNow();

    // The address is nowhere, in any text column of any table.
    const after = whereIs(app.built.db.raw, "ada@example.com");
    expect(after.columns).toBe(before.columns);
    expect(after.columns).toBeGreaterThan(60);
    expect(after.found).toEqual([]);
    // Her name stays only in emails already delivered to others (a confirmation names its
    // organiser): their inboxes are theirs, and so are the development mailbox's copies of them,
    // which the purge drops after 7 days. Nowhere else, and in nothing addressed to her.
    const named = whereIs(app.built.db.raw, "Ada Lovelace").found;
    expect(named.every((where) => where.startsWith("MailboxEmail."))).toBe(true);
    const toHer = app.built.db.raw.prepare(`SELECT COUNT(*) AS n FROM "MailboxEmail" WHERE instr("text", 'Ada Lovelace') > 0 AND "to" NOT IN ('bob@example.com', 'sam@example.com', 'ines@example.com')`).get() as { n: number | bigint };
    expect(Number(toHer.n)).toBe(0);

    const p = app.deps.prisma;
    const ada = await p.user.findUniqueOrThrow({ where: { id: s.ada.id } });
    expect(ada).toMatchObject({ displayName: "Former member", email: `deleted:${s.ada.id}`, nameChosenAt: null });
    expect(ada.deletedAt).not.toBeNull();
    expect(await p.session.count({ where: { userId: s.ada.id } })).toBe(0);
    expect(await p.follow.count({ where: { userId: s.ada.id } })).toBe(0);

    // Withdrawn from the open deal; Bob promoted, and told, exactly once.
    const commitment = (dealId: string, userId: string) => p.commitment.findFirstOrThrow({ where: { dealId, userId } });
    expect((await commitment(s.open.id, s.ada.id)).status).toBe("withdrawn");
    expect((await commitment(s.open.id, s.bob.id)).status).toBe("active");
    expect(await p.notification.count({ where: { kind: "waitlist-promoted", dealId: s.open.id } })).toBe(1);
    expect(await p.notification.count({ where: { kind: "waitlist-promoted", dealId: s.open.id, userId: s.bob.id, state: "sent" } })).toBe(1);
    // Binding seats stay; Sam still waits behind them.
    expect((await commitment(s.confirmed.id, s.ada.id)).status).toBe("active");
    expect((await commitment(s.confirmed.id, s.sam.id)).status).toBe("waitlisted");
    // Her open deal is cancelled (Sam told); her confirmed deal stays, under the pseudonym.
    expect((await p.deal.findUniqueOrThrow({ where: { id: s.adasOpen.id } })).status).toBe("cancelled");
    expect(await p.notification.count({ where: { kind: "deal-cancelled", dealId: s.adasOpen.id, userId: s.sam.id } })).toBe(1);
    const kept = await app.api("GET", `/api/deals/${s.adasConfirmed.id}`);
    expect(kept.json.deal.status).toBe("confirmed");
    expect(kept.text).toContain("Former member");
    expect(kept.text).not.toContain("Ada Lovelace");
    // The initiator of the confirmed deal sees the binding seats, without an address.
    const list = await app.api("GET", `/api/deals/${s.confirmed.id}/participants`, { as: s.ines });
    expect(list.json.items[0]).toMatchObject({ displayName: "Former member", email: "", seats: 2 });
    expect(list.text).not.toContain("deleted:");
    const csv = await app.api("GET", `/api/deals/${s.confirmed.id}/participants?format=csv`, { as: s.ines });
    expect(csv.text).toContain("Former member,,2,active");
    // Her reviews stay; her profile is gone.
    expect(await p.review.count({ where: { reviewerId: s.ada.id } })).toBe(1);
    expect((await app.api("GET", `/api/users/${s.ada.id}`)).status).toBe(404);

    // Bob is untouched, whatever the request named.
    const bob = await app.api("GET", "/api/me", { as: s.bob });
    expect(bob.json.user).toMatchObject({ id: s.bob.id, email: "bob@example.com" });
  });

  it("ends every session; signing in again with the address makes a fresh account", async () => {
    const s = await scene();
    const other = await signIn(app, "ada@example.com");
    expect((await app.api("DELETE", "/api/me", { as: s.ada })).status).toBe(204);
    for (const cookie of [s.ada.cookie, other.cookie]) {
      expect((await app.api("GET", "/api/me", { as: { cookie } })).status).toBe(401);
      expect((await app.api("DELETE", "/api/me", { as: { cookie } })).status).toBe(401);
    }
    const again = await signIn(app, "ada@example.com");
    expect(again.user.id).not.toBe(s.ada.id);
    expect(again.user.email).toBe("ada@example.com");
    const fresh = await app.api("GET", "/api/me/export", { as: { cookie: again.cookie } });
    expect(fresh.json.commitments).toEqual([]);
    expect(fresh.json.dealsProposed).toEqual([]);
  });

  it("sends no email to a deleted member: their binding seats' later news skips them", async () => {
    const s = await scene();
    expect((await app.api("DELETE", "/api/me", { as: s.ada })).status).toBe(204);
    const before = await app.deps.prisma.notification.count();
    expect((await app.api("POST", `/api/deals/${s.adasConfirmed.id}/updates`, { as: s.ines, body: { body: "x" } })).status).toBe(403);
    expect((await app.api("POST", `/api/deals/${s.confirmed.id}/updates`, { as: s.ines, body: { body: "Departure moved." } })).status).toBe(201);
    await app.built.background.runNow();
    const news = await app.deps.prisma.notification.findMany({ where: { dealId: s.confirmed.id, kind: "deal-update" } });
    expect(news.length).toBeGreaterThan(0);
    expect(news.map((n) => n.userId)).not.toContain(s.ada.id);
    expect(await app.deps.prisma.notification.count({ where: { toEmail: { startsWith: "deleted:" } } })).toBe(0);
    expect(await app.deps.prisma.notification.count()).toBeGreaterThan(before);
  });

  it("racing with a withdrawal and a join on the same deal, promotes each waiting place once", async () => {
    const [ines, ada, bob, cy, dee, eve] = await Promise.all(
      ["ines", "ada", "bob", "cy", "dee", "eve"].map((n) => app.createUser({ email: `${n}@example.com`, displayName: n })),
    );
    const { deal } = await app.createDeal({ initiator: ines!, threshold: 5, capacity: 5, maxSeatsPerCommitment: 2 });
    for (const u of [ada!, bob!, cy!, dee!]) expect((await app.join(u, deal.id, 2)).status).toBe(201);
    const [deleted, left, joined] = await Promise.all([
      app.api("DELETE", "/api/me", { as: ada }),
      app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: bob }),
      app.join(eve!, deal.id, 2),
    ]);
    expect([deleted.status, left.status, joined.status]).toEqual([204, 200, 201]);
    const p = app.deps.prisma;
    const rows = await p.commitment.findMany({ where: { dealId: deal.id }, orderBy: { position: "asc" } });
    const active = rows.filter((c) => c.status === "active");
    const d = await p.deal.findUniqueOrThrow({ where: { id: deal.id } });
    // Counters equal the sums; never over capacity; the first waiting in line were promoted, once each.
    expect(d.seatsCommitted).toBe(active.reduce((n, c) => n + c.seats, 0));
    expect(d.seatsCommitted).toBe(4);
    expect(d.status).toBe("open");
    expect(rows.filter((c) => c.userId === ada!.id || c.userId === bob!.id).map((c) => c.status)).toEqual(["withdrawn", "withdrawn"]);
    expect(rows.find((c) => c.userId === cy!.id)?.status).toBe("active");
    expect(rows.find((c) => c.userId === dee!.id)?.status).toBe("active");
    // Eve joined behind them whenever her join landed: she waits.
    expect(rows.find((c) => c.userId === eve!.id)?.status).toBe("waitlisted");
    for (const u of [cy!, dee!]) {
      expect(await p.notification.count({ where: { kind: "waitlist-promoted", dealId: deal.id, userId: u.id } })).toBe(1);
    }
    expect(await p.notification.count({ where: { kind: "waitlist-promoted", dealId: deal.id } })).toBe(2);
  });

  it("asks for a session, and refuses another site", async () => {
    expect((await app.api("DELETE", "/api/me")).status).toBe(401);
    const u = await app.createUser();
    const res = await app.api("DELETE", "/api/me", { as: u, headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect((await app.deps.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).deletedAt).toBeNull();
  });
});
