// Promise 4 of SECURITY.md ("The promises": time is honest) and the deadline sweep.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { sweepExpiredDeals } from "../../api/deals/sweep-expired-deals.ts";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

const HOUR = 3_600_000;

describe("the deadline", () => {
  it("an open deal fails at the sweep, and everyone hears it exactly once", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 10, capacity: 10, deadline: new Date(Date.now() + 2 * HOUR).toISOString() });
    const a = await app.createUser();
    const b = await app.createUser();
    const c = await app.createUser();
    expect((await app.join(a, deal.id, 5)).json.commitment.status).toBe("active");
    expect((await app.join(b, deal.id, 4)).json.commitment.status).toBe("active");
    expect((await app.join(c, deal.id, 3)).json.commitment.status).toBe("waitlisted");

    app.advance(3 * HOUR);
    const first = await sweepExpiredDeals(app.deps);
    const second = await sweepExpiredDeals(app.deps);
    expect(first.failed).toEqual([deal.id]);
    expect(second.failed).toEqual([]);

    const row = await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(row.status).toBe("failed");
    const failed = await app.notifications({ dealId: deal.id, kind: "deal-failed" });
    expect(failed.map((n) => n.userId).sort()).toEqual([a.id, b.id, c.id, initiator.id].sort());
    expect(await app.notifications({ dealId: deal.id, kind: "deal-confirmed" })).toEqual([]);
  });

  it("a deal past its deadline refuses a commitment before any sweep has run", async () => {
    const { deal } = await app.createDeal({ threshold: 5, deadline: new Date(Date.now() + HOUR).toISOString() });
    const early = await app.createUser();
    expect((await app.join(early, deal.id)).status).toBe(201);

    app.advance(HOUR + 1);
    const late = await app.createUser();
    const res = await app.join(late, deal.id);
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("DEAL_CLOSED");

    // Reads say so too, and nothing changed in the database.
    const read = await app.api("GET", `/api/deals/${deal.id}`);
    expect(read.json.deal).toMatchObject({ status: "failed", joinable: false, seatsCommitted: 1 });
    const row = await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(row).toMatchObject({ status: "open", seatsCommitted: 1, participantCount: 1 });
    expect(await app.deps.prisma.commitment.count({ where: { dealId: deal.id } })).toBe(1);
  });

  it("the deadline is exclusive: at the exact deadline the deal is closed", async () => {
    const deadline = Date.now() + HOUR;
    const { deal } = await app.createDeal({ threshold: 5, deadline: new Date(deadline).toISOString() });
    app.advance(deadline - Date.now());
    const res = await app.join(await app.createUser(), deal.id);
    expect(res.status).toBe(409);
  });

  it("a confirmed deal stays confirmed after its deadline, and takes no more commitments", async () => {
    const { deal } = await app.createDeal({ threshold: 1, deadline: new Date(Date.now() + HOUR).toISOString() });
    await app.join(await app.createUser(), deal.id);
    app.advance(2 * HOUR);
    await sweepExpiredDeals(app.deps);
    const read = await app.api("GET", `/api/deals/${deal.id}`);
    expect(read.json.deal).toMatchObject({ status: "confirmed", joinable: false });
    expect((await app.join(await app.createUser(), deal.id)).json.error.code).toBe("DEAL_CLOSED");
    expect(await app.notifications({ dealId: deal.id, kind: "deal-failed" })).toEqual([]);
  });

  it("the sweep handles many expired deals in one go", async () => {
    const ids = [];
    for (let i = 0; i < 450; i++) {
      const deadline = new Date(Date.now() + HOUR).toISOString();
      const { deal } = await app.createDeal({ threshold: 2, deadline });
      ids.push(deal.id);
    }
    app.advance(2 * HOUR);
    const { failed } = await sweepExpiredDeals(app.deps);
    expect(failed.sort()).toEqual(ids.sort());
    expect(await app.notifications({ kind: "deal-failed" })).toHaveLength(450);
  });
});
