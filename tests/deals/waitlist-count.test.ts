// Deal.waitlistCount (issue 17): the join reads a new commitment's place on the waitlist from it
// instead of counting the waitlist, so it must always equal the waitlisted commitments, through
// joins, rejoins, withdrawals and promotions, with and without options; and the place the join
// answers must be the one the full read counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { seededRandom } from "../setup/random.ts";
import { getDeal } from "../../api/deals/deal-reads.ts";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

async function counted(dealId: string) {
  const db = app.built.db.raw;
  const { waitlistCount } = db.prepare(`SELECT "waitlistCount" FROM "Deal" WHERE "id" = ?`).safeIntegers(false).get(dealId) as { waitlistCount: number };
  const { n } = db.prepare(`SELECT COUNT(*) AS n FROM "Commitment" WHERE "dealId" = ? AND "status" = 'waitlisted'`).safeIntegers(false).get(dealId) as { n: number };
  return { waitlistCount, n };
}

describe("a deal's waitlist count", () => {
  it.each([
    ["without options", 1, null],
    ["without options", 2, null],
    ["with options", 3, [{ label: "May" }, { label: "June" }]],
  ])("stays exact through random joins, rejoins and withdrawals (%s, seed %i)", async (_, seed, options) => {
    const random = seededRandom(seed);
    const users = await Promise.all(Array.from({ length: 14 }, () => app.createUser()));
    const { deal } = await app.createDeal({ threshold: 6, capacity: 6, maxSeatsPerCommitment: 3, ...(options ? { options } : {}) });
    const optionIds = ((deal.options ?? []) as { id: string }[]).map((o) => o.id);
    const joined = new Set<string>();
    let waitlistedJoins = 0;

    for (let step = 0; step < 60; step++) {
      const user = users[Math.floor(random() * users.length)]!;
      if (joined.has(user.id) && random() < 0.5) {
        const res = await app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: user });
        if (res.status === 200) joined.delete(user.id);
      } else if (!joined.has(user.id)) {
        const seats = 1 + Math.floor(random() * 3);
        const choice = optionIds.length ? [optionIds[Math.floor(random() * optionIds.length)]!] : undefined;
        const res = await app.join(user, deal.id, seats, choice);
        if (res.status === 201) {
          joined.add(user.id);
          const mine = res.json.commitment;
          const full = await getDeal(app.deps, { dealId: deal.id, viewerId: user.id });
          // The join's answer and the full read agree on the place (an options join counts it from the front).
          expect(mine.waitlistPosition, `step ${step}`).toBe(full.viewerCommitment?.waitlistPosition ?? null);
          if (mine.status === "waitlisted") waitlistedJoins++;
        }
      }
      const { waitlistCount, n } = await counted(deal.id);
      expect(waitlistCount, `step ${step}`).toBe(n);
    }
    // The sequence really waitlisted people (else this proves nothing).
    expect(waitlistedJoins).toBeGreaterThan(2);
  });

  it("answers a waitlisted join's place counted from the front, even behind people who joined later", async () => {
    const { deal } = await app.createDeal({ threshold: 2, capacity: 2, maxSeatsPerCommitment: 2 });
    const [a, b, c, d] = await Promise.all(Array.from({ length: 4 }, () => app.createUser()));
    expect((await app.join(a!, deal.id, 2)).json.commitment.status).toBe("active");
    expect((await app.join(b!, deal.id, 1)).json.commitment.waitlistPosition).toBe(1);
    expect((await app.join(c!, deal.id, 1)).json.commitment.waitlistPosition).toBe(2);
    // b leaves and comes back: at the back of the line, behind c.
    expect((await app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: b })).status).toBe(200);
    expect((await app.join(d!, deal.id, 1)).json.commitment.waitlistPosition).toBe(2);
    expect((await app.join(b!, deal.id, 1)).json.commitment.waitlistPosition).toBe(3);
    expect(await counted(deal.id)).toEqual({ waitlistCount: 3, n: 3 });
  });
});
