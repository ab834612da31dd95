// Editing a deal: every field until the first commitment, then terms that lock (refused whole),
// the capacity raised only, promoting the waitlist exactly once. And unlisted deals: in no list.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { ID_PATTERN, newId } from "../../api/ids.ts";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

const DAY = 24 * 3_600_000;
const patch = (as: { cookie: string }, id: string, body: unknown) => app.api("PATCH", `/api/deals/${id}`, { as, body });

/** One changed value for every locked field of the factory's deal. */
const LOCKED_CHANGES: Record<string, unknown> = {
  kind: "deal",
  title: "Charter to Porto",
  destination: "Porto",
  departsOn: "2027-05-13",
  returnsOn: "2027-05-17",
  pricePerSeatCents: 19900,
  currency: "USD",
  threshold: 4,
  maxSeatsPerCommitment: 2,
  deadline: new Date(Date.now() + 9 * DAY).toISOString(),
  visibility: "unlisted",
  softThreshold: 2,
};

describe("editing a deal", () => {
  it("changes every field before the first commitment, with the proposal's validation", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 3, capacity: 10 });
    const res = await patch(initiator, deal.id, { ...LOCKED_CHANGES, description: "New words", capacity: 6 });
    expect(res.status).toBe(200);
    expect(res.json.deal).toMatchObject({ title: "Charter to Porto", threshold: 4, capacity: 6, currency: "USD", visibility: "unlisted", softThreshold: 2 });

    const bad = await patch(initiator, deal.id, { capacity: 2 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: { path: string }) => i.path)).toContain("capacity");
    const soft = await patch(initiator, deal.id, { softThreshold: 4 });
    expect(soft.status).toBe(400);
    expect((await patch(initiator, deal.id, { title: "x" })).status).toBe(400);
    expect((await patch(initiator, deal.id, { id: "nope" })).status).toBe(400);
    const row = await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(row).toMatchObject({ capacity: 6, softThreshold: 2, title: "Charter to Porto" });
  });

  it("refuses every locked field after the first commitment, and a mixed edit changes nothing", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 3, capacity: 10 });
    expect((await app.join(await app.createUser(), deal.id, 1)).status).toBe(201);
    const before = await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } });
    for (const [field, value] of Object.entries(LOCKED_CHANGES)) {
      const res = await patch(initiator, deal.id, { [field]: value });
      expect(res.status, field).toBe(409);
      expect(res.json.error.code, field).toBe("TERMS_LOCKED");
      // Mixed with the fields that may change: the whole edit is refused.
      const mixed = await patch(initiator, deal.id, { description: "Changed?", capacity: 20, [field]: value });
      expect(mixed.json.error.code, field).toBe("TERMS_LOCKED");
    }
    const lower = await patch(initiator, deal.id, { capacity: 9, description: "Changed?" });
    expect(lower.json.error.code).toBe("TERMS_LOCKED");
    expect(await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).toEqual(before);

    // The form sends every field: the unchanged ones are no change.
    const same = await patch(initiator, deal.id, { title: deal.title, threshold: 3, description: "Fixed the typo" });
    expect(same.status).toBe(200);
    expect(same.json.deal.description).toBe("Fixed the typo");
    expect((await patch(initiator, deal.id, { capacity: 12 })).json.deal.capacity).toBe(12);
    expect((await patch(initiator, deal.id, { capacity: null })).json.deal.capacity).toBe(null);
  });

  it("raising the capacity promotes the waitlist in order, and tells each promoted participant once", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 2, capacity: 2 });
    const [a, b, c, d] = [await app.createUser(), await app.createUser(), await app.createUser(), await app.createUser()];
    await app.join(a, deal.id, 2);
    expect((await app.join(b, deal.id, 2)).json.commitment.status).toBe("waitlisted");
    expect((await app.join(c, deal.id, 1)).json.commitment.status).toBe("waitlisted");
    expect((await app.join(d, deal.id, 2)).json.commitment.status).toBe("waitlisted");
    // Two concurrent raises to the same capacity: each waitlisted commitment is promoted once.
    const [r1, r2] = await Promise.all([patch(initiator, deal.id, { capacity: 5 }), patch(initiator, deal.id, { capacity: 5 })]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    const rows = await app.deps.prisma.commitment.findMany({ where: { dealId: deal.id }, orderBy: { position: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["active", "active", "active", "waitlisted"]);
    const promoted = await app.notifications({ dealId: deal.id, kind: "waitlist-promoted" });
    expect(promoted.map((n) => n.userId).sort()).toEqual([b.id, c.id].sort());
    const fresh = await app.api("GET", `/api/deals/${deal.id}`);
    expect(fresh.json.deal).toMatchObject({ seatsCommitted: 5, status: "confirmed", capacity: 5 });
    // Confirmed by a's join: a and the initiator heard it then; the promoted join a confirmed deal.
    expect(await app.notifications({ dealId: deal.id, kind: "deal-confirmed" })).toHaveLength(2);
  });

  it("refuses edits of failed and cancelled deals, and of others' deals", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 3 });
    const stranger = await app.createUser();
    expect((await patch(stranger, deal.id, { description: "mine now" })).status).toBe(403);
    expect((await app.api("PATCH", `/api/deals/${deal.id}`, { body: { description: "x" } })).status).toBe(401);
    expect((await app.api("POST", `/api/deals/${deal.id}/cancel`, { as: initiator })).status).toBe(200);
    expect((await patch(initiator, deal.id, { description: "again" })).json.error.code).toBe("DEAL_CLOSED");

    const other = await app.createDeal({ threshold: 3, deadline: new Date(Date.now() + DAY).toISOString(), initiator });
    app.advance(DAY + 1);
    expect((await patch(initiator, other.deal.id, { description: "late" })).json.error.code).toBe("DEAL_CLOSED");
  });

  it("a join racing an edit of a locked field never lands under changed terms", async () => {
    for (let i = 0; i < 15; i++) {
      const { deal, initiator } = await app.createDeal({ threshold: 3, pricePerSeatCents: 1000 });
      const user = await app.createUser();
      const [edit, join] = await Promise.all([patch(initiator, deal.id, { pricePerSeatCents: 5000 }), app.join(user, deal.id, 1)]);
      const row = await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } });
      const commitment = await app.deps.prisma.commitment.findFirst({ where: { dealId: deal.id } });
      expect(join.status).toBe(201);
      if (edit.status === 200) {
        // The edit went first: the join saw the new price.
        expect(row.pricePerSeatCents).toBe(5000);
        expect(commitment!.createdAt.getTime()).toBeGreaterThanOrEqual(0);
      } else {
        expect(edit.json.error.code).toBe("TERMS_LOCKED");
        expect(row.pricePerSeatCents).toBe(1000);
      }
    }
  });
});

describe("unlisted deals", () => {
  it("appear in no listing whatever the parameters, but in the initiator's own list and by link", async () => {
    const initiator = await app.createUser();
    const listed: string[] = [];
    for (let i = 0; i < 3; i++) listed.push((await app.createDeal({ initiator, threshold: 2 })).deal.id);
    const hidden = (await app.createDeal({ initiator, threshold: 2, visibility: "unlisted" })).deal.id;
    const hiddenConfirmed = (await app.createDeal({ initiator, threshold: 1, visibility: "unlisted" })).deal.id;
    await app.join(await app.createUser(), hiddenConfirmed, 1);
    const hiddenFailed = (await app.createDeal({ initiator, threshold: 2, visibility: "unlisted", deadline: new Date(Date.now() + DAY).toISOString() })).deal.id;
    app.advance(DAY + 1);
    const secret = new Set([hidden, hiddenConfirmed, hiddenFailed]);

    for (const status of [undefined, "open", "confirmed", "failed", "cancelled", "grace"]) {
      for (const limit of [1, 2, 50]) {
        for (const as of [undefined, initiator]) {
          let cursor: string | null = null;
          const seen: string[] = [];
          do {
            const q = new URLSearchParams({ limit: String(limit), ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) });
            const res = await app.api("GET", `/api/deals?${q}`, { as });
            expect(res.status).toBe(200);
            seen.push(...res.json.items.map((d: { id: string }) => d.id));
            cursor = res.json.nextCursor;
          } while (cursor);
          expect(seen.filter((id) => secret.has(id)), `${status} ${limit}`).toEqual([]);
        }
      }
    }
    const all = await app.api("GET", "/api/deals?limit=50");
    expect(all.json.items.map((d: { id: string }) => d.id).sort()).toEqual(listed.sort());
    const mine = await app.api("GET", "/api/me/deals", { as: initiator });
    expect(mine.json.items.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([...secret]));
    expect((await app.api("GET", `/api/deals/${hidden}`)).json.deal.visibility).toBe("unlisted");
  });

  it("deal ids carry at least 80 random bits", () => {
    // 16 characters drawn uniformly from 36: log2(36) * 16 = 82.7 bits.
    expect(16 * Math.log2(36)).toBeGreaterThanOrEqual(80);
    const ids = Array.from({ length: 20_000 }, newId);
    expect(ids.every((id) => ID_PATTERN.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // Every character is used at every position, about equally: no position is fixed or biased.
    for (let pos = 0; pos < 16; pos++) {
      const counts = new Map<string, number>();
      for (const id of ids) counts.set(id[pos]!, (counts.get(id[pos]!) ?? 0) + 1);
      expect(counts.size).toBe(36);
      for (const n of counts.values()) expect(Math.abs(n - ids.length / 36)).toBeLessThan(ids.length / 36 / 3);
    }
  });
});
