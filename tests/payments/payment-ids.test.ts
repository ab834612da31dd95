// A payment's id is its commitment's, so the payments (and their payment-due keys) of a crowd
// joining a confirmed deal are written in time order, on the last pages of their indexes, not on
// a random page each (decision 015, finding 21). Checked at the tip (every active participant at
// once) and for joins past it; the ids stay 16 characters of [0-9a-z].
import { describe, expect, it } from "vitest";
import { ID_PATTERN } from "../../api/ids.ts";
import { stripeApp } from "./helpers.ts";

describe("payment ids", () => {
  it("are their commitments' ids, in the order the commitments were made, at the tip and past it", async () => {
    const { app, payments, emails } = await stripeApp();
    const { deal } = await app.createDeal({ threshold: 4, pricePerSeatCents: 5000 });
    const users = await Promise.all(Array.from({ length: 7 }, () => app.createUser()));
    for (const u of users) expect((await app.join(u, deal.id, 1)).status).toBe(201);

    // The commitments in the order they were made (the users joined one after another).
    const byUser = new Map((await app.deps.prisma.commitment.findMany({ where: { dealId: deal.id } })).map((c) => [c.userId, c]));
    const commitments = users.map((u) => byUser.get(u.id)!);
    const asked = await payments(deal.id);
    expect(asked).toHaveLength(7);
    for (const p of asked) {
      expect(p.id).toMatch(ID_PATTERN);
      expect(p.id).toBe(p.commitmentId);
    }
    const ids = commitments.map((c) => c.id);
    expect(asked.map((p) => p.id).sort()).toEqual([...ids].sort());
    // Their first 8 characters are the time (hundredths of a second), so the payments of the tip's
    // four and of the three after it come in the order of the joins (two within one hundredth
    // share a prefix, and sort by their random rest).
    const times = ids.map((id) => id.slice(0, 8));
    expect(times).toEqual([...times].sort());

    // payment-due is keyed kind:payment:user, so its keys follow the same order.
    const due = await emails("payment-due", deal.id);
    expect(due.map((n) => n.subjectId).sort()).toEqual([...ids].sort());
    expect(due.map((n) => n.key).sort()).toEqual(commitments.map((c) => `payment-due:${c.id}:${c.userId}`).sort());
  });
});
