// GET /api/deals/:id from the per-deal cache (api/deals/read-deal.ts): every viewer gets exactly
// what the full read gives them, and only their own part; the cache never serves a stale status or
// joinable once the deadline passes (promise 4, time is honest); a hidden deal never comes from it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { getDeal } from "../../api/deals/deal-reads.ts";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp({ ADMIN_EMAILS: "root@example.com" });
});
afterEach(() => app.close());

const HOUR = 3_600_000;
const read = (dealId: string, as?: { cookie: string }) => app.api("GET", `/api/deals/${dealId}`, { as });

/** A deal with an initiator, an active and a waitlisted participant, a follower and a stranger. */
async function scene(over: Record<string, unknown> = {}) {
  const initiator = await app.createUser();
  const ada = await app.createUser();
  const bob = await app.createUser();
  const fay = await app.createUser();
  const stranger = await app.createUser();
  const { deal } = await app.createDeal({ initiator, threshold: 3, capacity: 3, maxSeatsPerCommitment: 3, ...over });
  expect((await app.join(ada, deal.id, 2)).json.commitment.status).toBe("active");
  expect((await app.join(bob, deal.id, 2)).json.commitment.status).toBe("waitlisted");
  expect((await app.api("PUT", `/api/deals/${deal.id}/follow`, { as: fay })).status).toBe(200);
  return { deal, initiator, ada, bob, fay, stranger };
}

describe("GET /api/deals/:id from the cache", () => {
  it("gives every viewer what the full read gives them, with their own part and no one else's", async () => {
    const { deal, initiator, ada, bob, fay, stranger } = await scene();
    // Warm the cache the way a crowd does: a signed-out read first.
    expect((await read(deal.id)).status).toBe(200);

    for (const viewer of [initiator, ada, bob, fay, stranger, undefined]) {
      const res = await read(deal.id, viewer);
      expect(res.status).toBe(200);
      const full = JSON.parse(JSON.stringify(await getDeal(app.deps, { dealId: deal.id, viewerId: viewer?.id ?? null })));
      expect(res.json.deal, viewer?.email ?? "signed out").toEqual(full);
    }
    const [a, b, i, f] = await Promise.all([ada, bob, initiator, fay].map(async (u) => (await read(deal.id, u)).json.deal));
    expect([a.viewerCommitment.status, a.viewerCommitment.seats, a.viewerIsInitiator, a.viewerFollowing]).toEqual(["active", 2, false, false]);
    expect([b.viewerCommitment.status, b.viewerCommitment.waitlistPosition]).toEqual(["waitlisted", 1]);
    expect(b.viewerCommitment.id).not.toBe(a.viewerCommitment.id);
    expect([i.viewerCommitment, i.viewerIsInitiator]).toEqual([null, true]);
    expect([f.viewerCommitment, f.viewerFollowing]).toEqual([null, true]);
  });

  it("shows a change at once: the next read after a join has it, for everyone", async () => {
    const { deal, stranger } = await scene();
    expect((await read(deal.id)).json.deal.seatsCommitted).toBe(2);
    expect((await read(deal.id, stranger)).json.deal.seatsCommitted).toBe(2);
    expect((await app.join(stranger, deal.id, 1)).json.commitment.status).toBe("active");
    expect((await read(deal.id)).json.deal).toMatchObject({ seatsCommitted: 3, status: "confirmed" });
    expect((await read(deal.id, stranger)).json.deal).toMatchObject({ seatsCommitted: 3, status: "confirmed", viewerCommitment: { seats: 1 } });
  });

  it("never serves a stale status or joinable: an open deal past its deadline reads as failed, or in grace", async () => {
    const deadline = new Date(Date.now() + HOUR).toISOString();
    const { deal: failing, stranger } = await scene({ deadline });
    const { deal: grace } = await scene({ deadline, softThreshold: 2 });
    const { deal: confirmed } = await scene({ deadline, threshold: 2 });
    for (const d of [failing, grace, confirmed]) {
      for (const viewer of [undefined, stranger]) expect((await read(d.id, viewer)).json.deal.joinable).toBe(true);
    }

    // Within the cache's lifetime, with nothing published: only the clock moved.
    app.advance(HOUR + 1);
    for (const viewer of [undefined, stranger]) {
      expect((await read(failing.id, viewer)).json.deal).toMatchObject({ status: "failed", joinable: false });
      expect((await read(grace.id, viewer)).json.deal).toMatchObject({ status: "grace", joinable: false, graceEndsAt: expect.any(String) });
      expect((await read(confirmed.id, viewer)).json.deal).toMatchObject({ status: "confirmed", joinable: false });
    }
  });

  it("never gives a hidden deal to anyone but its initiator and the administrators", async () => {
    const { deal, initiator, ada, stranger } = await scene();
    const admin = await app.createUser({ email: "root@example.com" });
    for (const viewer of [undefined, stranger, ada, initiator, admin]) expect((await read(deal.id, viewer)).status).toBe(200);

    expect((await app.api("POST", `/api/admin/deals/${deal.id}/hide`, { as: admin })).status).toBe(200);

    for (const viewer of [undefined, stranger, ada]) {
      const res = await read(deal.id, viewer);
      expect([res.status, res.json.error?.code], viewer?.email ?? "signed out").toEqual([404, "DEAL_NOT_FOUND"]);
    }
    for (const viewer of [initiator, admin]) {
      const res = await read(deal.id, viewer);
      expect(res.status).toBe(200);
      expect(res.json.deal).toMatchObject({ id: deal.id, status: "cancelled", viewerIsInitiator: viewer === initiator });
    }
  });
});
