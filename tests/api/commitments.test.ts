// Joining and leaving a deal: POST /api/deals/:id/commitments and DELETE .../commitments/mine,
// with the threshold, the capacity and its waitlist.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { dbState } from "../setup/db.ts";

const DAY = 24 * 3_600_000;

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

const withdraw = (user: Parameters<TestApp["join"]>[0], dealId: string) =>
  app.api("DELETE", `/api/deals/${dealId}/commitments/mine`, { as: user });

/** Recipients of one kind of notification for a deal, sorted, so duplicates show. */
async function recipients(dealId: string, kind: string) {
  return (await app.notifications({ dealId, kind })).map((n) => n.userId).sort();
}

const sorted = (...ids: string[]) => [...ids].sort();

async function dealRow(id: string) {
  return app.deps.prisma.deal.findUniqueOrThrow({ where: { id } });
}

describe("POST /api/deals/:id/commitments", () => {
  it("commits active seats and counts them", async () => {
    const { deal } = await app.createDeal({ threshold: 5 });
    const ada = await app.createUser();

    const res = await app.join(ada, deal.id, 2);

    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      commitment: { id: expect.any(String), seats: 2, status: "active", waitlistPosition: null, createdAt: expect.any(String), optionIds: [], payment: null },
      // The deal as it now stands, with this viewer's commitment: the page needs no second read.
      deal: expect.objectContaining({
        id: deal.id,
        seatsCommitted: 2,
        participantCount: 1,
        status: "open",
        viewerCommitment: expect.objectContaining({ seats: 2, status: "active" }),
      }),
      dealStatus: "open",
    });
    expect(await dealRow(deal.id)).toMatchObject({ seatsCommitted: 2, seatsWaitlisted: 0, participantCount: 1, status: "open" });
  });

  it("gives commitments ids that begin with the time they were made, so later joins sort later", async () => {
    const { deal } = await app.createDeal({ threshold: 5 });
    const [ada, bob] = [await app.createUser(), await app.createUser()];
    const first = await app.join(ada, deal.id, 1);
    app.advance(1_000);
    const second = await app.join(bob, deal.id, 1);
    const [a, b] = [first.json.commitment, second.json.commitment];
    for (const c of [a, b]) expect(c.id.slice(0, 8)).toBe(Math.floor(Date.parse(c.createdAt) / 10).toString(36).padStart(8, "0"));
    expect(a.id < b.id).toBe(true);
  });

  it("confirms the deal with the commitment that reaches the threshold, and tells everyone once", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 3 });
    const ada = await app.createUser();
    const bob = await app.createUser();
    expect((await app.join(ada, deal.id, 1)).json.dealStatus).toBe("open");

    const tipping = await app.join(bob, deal.id, 2);

    expect(tipping.status).toBe(201);
    expect(tipping.json.dealStatus).toBe("confirmed");
    const row = await dealRow(deal.id);
    expect(row.status).toBe("confirmed");
    expect(row.confirmedAt).not.toBeNull();
    expect(await recipients(deal.id, "deal-confirmed")).toEqual(sorted(ada.id, bob.id, initiator.id));
  });

  it("confirms a later commitment to a confirmed deal at once, telling only that participant", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 1 });
    const ada = await app.createUser();
    await app.join(ada, deal.id, 1);
    const bob = await app.createUser();

    const res = await app.join(bob, deal.id, 3);

    expect(res.status).toBe(201);
    expect(res.json.commitment.status).toBe("active");
    expect(res.json.dealStatus).toBe("confirmed");
    expect(await recipients(deal.id, "deal-confirmed")).toEqual(sorted(ada.id, bob.id, initiator.id));
    expect((await dealRow(deal.id)).seatsCommitted).toBe(4);
  });

  it("waitlists a commitment whose seats do not fit, with its place in the queue", async () => {
    const { deal } = await app.createDeal({ threshold: 5, capacity: 5, maxSeatsPerCommitment: 5 });
    await app.join(await app.createUser(), deal.id, 4);
    const bob = await app.createUser();
    const cy = await app.createUser();

    const second = await app.join(bob, deal.id, 3);
    const third = await app.join(cy, deal.id, 2);

    expect(second.status).toBe(201);
    expect(second.json.commitment).toMatchObject({ seats: 3, status: "waitlisted", waitlistPosition: 1 });
    expect(third.json.commitment).toMatchObject({ seats: 2, status: "waitlisted", waitlistPosition: 2 });
    expect(await dealRow(deal.id)).toMatchObject({ seatsCommitted: 4, seatsWaitlisted: 5, participantCount: 3, status: "open" });
    const asCy = await app.api("GET", `/api/deals/${deal.id}`, { as: cy });
    expect(asCy.json.deal.viewerCommitment).toMatchObject({ status: "waitlisted", waitlistPosition: 2 });
  });

  it("waitlists commitments to a full confirmed deal; active seats never exceed the capacity", async () => {
    const { deal } = await app.createDeal({ threshold: 2, capacity: 3, maxSeatsPerCommitment: 3 });
    await app.join(await app.createUser(), deal.id, 3);

    const res = await app.join(await app.createUser(), deal.id, 1);

    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ commitment: { status: "waitlisted", waitlistPosition: 1 }, dealStatus: "confirmed" });
    expect(await dealRow(deal.id)).toMatchObject({ seatsCommitted: 3, seatsWaitlisted: 1 });
  });


  it("answers with the deal exactly as a read of it right after shows it: before the tip, at it, past it and waitlisted", async () => {
    // The join's answer is its batch's own read-back (join-deal.ts), which skips what a plain join
    // cannot have (the deal's options, the commitment's choices); GET reads them all.
    const { deal } = await app.createDeal({ threshold: 2, capacity: 3, maxSeatsPerCommitment: 1, pricePerSeatCents: 12500, paymentWindowHours: 48 });
    const statuses: string[] = [];
    for (let i = 0; i < 4; i++) {
      const user = await app.createUser();
      const res = await app.join(user, deal.id, 1);
      expect(res.status).toBe(201);
      const read = await app.api("GET", `/api/deals/${deal.id}`, { as: user });
      expect(res.json.deal).toEqual(read.json.deal);
      statuses.push(`${res.json.dealStatus} ${res.json.commitment.status} ${res.json.commitment.payment ? "asked to pay" : "-"}`);
      app.advance(1_000);
    }
    expect(statuses).toEqual(["open active -", "confirmed active asked to pay", "confirmed active asked to pay", "confirmed waitlisted -"]);
  });
  it("answers 401 when signed out and stores nothing", async () => {
    const { deal } = await app.createDeal();
    const before = await dbState(app);

    const res = await app.api("POST", `/api/deals/${deal.id}/commitments`, { body: { seats: 1 } });

    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHENTICATED");
    expect(await dbState(app)).toEqual(before);
  });

  it.each([
    ["no seats", { seats: 0 }, "seats"],
    ["negative seats", { seats: -1 }, "seats"],
    ["over 100 seats", { seats: 101 }, "seats"],
    ["fractional seats", { seats: 1.5 }, "seats"],
    ["seats as a string", { seats: "2" }, "seats"],
    ["a missing seats field", {}, "seats"],
    ["an unknown field", { seats: 1, status: "active" }, "(body)"],
  ])("rejects %s with 400 VALIDATION_FAILED and changes nothing", async (_, body, path) => {
    const { deal } = await app.createDeal();
    const ada = await app.createUser();
    const before = await dbState(app);

    const res = await app.api("POST", `/api/deals/${deal.id}/commitments`, { as: ada, body });

    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
    expect(res.json.error.issues).toEqual([{ path, message: expect.any(String) }]);
    expect(await dbState(app)).toEqual(before);
  });

  it("rejects more seats than the deal allows per commitment with 400 SEATS_EXCEED_LIMIT", async () => {
    const { deal } = await app.createDeal({ maxSeatsPerCommitment: 4 });
    const ada = await app.createUser();
    const before = await dbState(app);

    const res = await app.join(ada, deal.id, 5);

    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("SEATS_EXCEED_LIMIT");
    expect(res.json.error.issues).toEqual([{ path: "seats", message: "At most 4" }]);
    expect(await dbState(app)).toEqual(before);
  });

  it("answers 409 ALREADY_COMMITTED to a second commitment, active or waitlisted", async () => {
    const { deal } = await app.createDeal({ threshold: 3, capacity: 3, maxSeatsPerCommitment: 3 });
    const ada = await app.createUser();
    const bob = await app.createUser();
    await app.join(ada, deal.id, 2);
    await app.join(bob, deal.id, 2); // waitlisted
    const before = await dbState(app);

    for (const user of [ada, bob]) {
      const res = await app.join(user, deal.id, 1);
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe("ALREADY_COMMITTED");
    }
    expect(await dbState(app)).toEqual(before);
  });

  it("answers 409 DEAL_CLOSED past the deadline, before any sweep", async () => {
    const { deal } = await app.createDeal();
    const ada = await app.createUser();
    app.advance(7 * DAY + 1);
    const before = await dbState(app);

    const res = await app.join(ada, deal.id, 1);

    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("DEAL_CLOSED");
    expect(await dbState(app)).toEqual(before);
    expect((await dealRow(deal.id)).status).toBe("open");
  });

  it("answers 409 DEAL_CLOSED for a failed deal", async () => {
    const { deal } = await app.createDeal();
    app.advance(8 * DAY);
    expect((await app.built.background.runNow()).failed).toBe(1);
    const before = await dbState(app);

    const res = await app.join(await app.createUser(), deal.id, 1);

    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("DEAL_CLOSED");
    expect((await dbState(app)).commitments).toEqual(before.commitments);
    expect((await dealRow(deal.id)).status).toBe("failed");
  });

  it("answers 409 DEAL_CLOSED for a cancelled deal", async () => {
    const { deal, initiator } = await app.createDeal();
    expect((await app.api("POST", `/api/deals/${deal.id}/cancel`, { as: initiator })).status).toBe(200);
    const ada = await app.createUser();
    const before = await dbState(app);

    const res = await app.join(ada, deal.id, 1);

    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("DEAL_CLOSED");
    expect(await dbState(app)).toEqual(before);
  });

  it.each([
    ["an unknown id", "0000000000000000"],
    ["a malformed id", "not-a-deal"],
  ])("answers 404 DEAL_NOT_FOUND for %s and stores nothing", async (_, id) => {
    const ada = await app.createUser();
    const before = await dbState(app);

    const res = await app.join(ada, id, 1);

    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("DEAL_NOT_FOUND");
    expect(await dbState(app)).toEqual(before);
  });
});

describe("DELETE /api/deals/:id/commitments/mine", () => {
  it("withdraws active seats before confirmation and answers with the deal", async () => {
    const { deal } = await app.createDeal({ threshold: 5 });
    const ada = await app.createUser();
    await app.join(ada, deal.id, 2);
    await app.join(await app.createUser(), deal.id, 1);

    const res = await withdraw(ada, deal.id);

    expect(res.status).toBe(200);
    expect(res.json.deal).toMatchObject({ id: deal.id, seatsCommitted: 1, participantCount: 1, viewerCommitment: null });
    const mine = await app.deps.prisma.commitment.findFirstOrThrow({ where: { dealId: deal.id, userId: ada.id } });
    expect(mine.status).toBe("withdrawn");
  });

  it("answers 409 COMMITMENT_BINDING for active seats in a confirmed deal", async () => {
    const { deal } = await app.createDeal({ threshold: 2 });
    const ada = await app.createUser();
    await app.join(ada, deal.id, 2);
    const before = await dbState(app);

    const res = await withdraw(ada, deal.id);

    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("COMMITMENT_BINDING");
    expect(await dbState(app)).toEqual(before);
  });

  it("lets a waitlisted participant leave, even after confirmation", async () => {
    const { deal } = await app.createDeal({ threshold: 5, capacity: 5, maxSeatsPerCommitment: 5 });
    const ada = await app.createUser();
    const bob = await app.createUser();
    await app.join(ada, deal.id, 4);
    await app.join(bob, deal.id, 3); // waitlisted
    const tip = await app.join(await app.createUser(), deal.id, 1);
    expect(tip.json.dealStatus).toBe("confirmed");

    const res = await withdraw(bob, deal.id);

    expect(res.status).toBe(200);
    expect(res.json.deal).toMatchObject({ status: "confirmed", seatsCommitted: 5, seatsWaitlisted: 0, participantCount: 2 });
    expect((await withdraw(ada, deal.id)).json.error.code).toBe("COMMITMENT_BINDING");
  });

  it("lets a waitlisted participant leave a deal that failed", async () => {
    const { deal } = await app.createDeal({ threshold: 5, capacity: 5, maxSeatsPerCommitment: 5 });
    const ada = await app.createUser();
    const bob = await app.createUser();
    await app.join(ada, deal.id, 4);
    await app.join(bob, deal.id, 3);
    app.advance(8 * DAY);

    expect((await withdraw(bob, deal.id)).status).toBe(200);
    const active = await withdraw(ada, deal.id);
    expect(active.status).toBe(409);
    expect(active.json.error.code).toBe("DEAL_CLOSED");
  });

  it("answers 404 COMMITMENT_NOT_FOUND without a commitment, or after withdrawing", async () => {
    const { deal } = await app.createDeal();
    const ada = await app.createUser();

    const none = await withdraw(ada, deal.id);
    await app.join(ada, deal.id, 1);
    expect((await withdraw(ada, deal.id)).status).toBe(200);
    const twice = await withdraw(ada, deal.id);

    expect(none.status).toBe(404);
    expect(none.json.error.code).toBe("COMMITMENT_NOT_FOUND");
    expect(twice.status).toBe(404);
    expect(twice.json.error.code).toBe("COMMITMENT_NOT_FOUND");
  });

  it("answers 401 when signed out", async () => {
    const { deal } = await app.createDeal();
    await app.join(await app.createUser(), deal.id, 1);
    const before = await dbState(app);

    const res = await app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`);

    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHENTICATED");
    expect(await dbState(app)).toEqual(before);
  });

  it.each([
    ["an unknown id", "0000000000000000", "COMMITMENT_NOT_FOUND"],
    ["a malformed id", "not-a-deal", "DEAL_NOT_FOUND"],
  ])("answers 404 for %s", async (_, id, code) => {
    const res = await withdraw(await app.createUser(), id);

    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe(code);
  });

  it("lets a participant join again after withdrawing, at the back of the queue", async () => {
    const { deal } = await app.createDeal({ threshold: 10 });
    const ada = await app.createUser();
    await app.join(ada, deal.id, 2);
    await app.join(await app.createUser(), deal.id, 1);
    await withdraw(ada, deal.id);

    const res = await app.join(ada, deal.id, 3);

    expect(res.status).toBe(201);
    expect(res.json.commitment).toMatchObject({ seats: 3, status: "active" });
    expect(await dealRow(deal.id)).toMatchObject({ seatsCommitted: 4, participantCount: 2 });
    const rows = await app.deps.prisma.commitment.findMany({ where: { dealId: deal.id }, orderBy: { position: "asc" } });
    expect(rows.map((r) => [r.userId, r.status])).toEqual([
      [expect.any(String), "active"],
      [ada.id, "active"],
    ]);
  });
});

describe("waitlist promotion", () => {
  it("promotes in first-come order wherever a commitment fits, skipping one that does not", async () => {
    const { deal } = await app.createDeal({ threshold: 10, capacity: 10 });
    const [ada, bob, cy, dee] = [await app.createUser(), await app.createUser(), await app.createUser(), await app.createUser()];
    await app.join(ada, deal.id, 5);
    await app.join(bob, deal.id, 4); // 9 of 10 active
    expect((await app.join(cy, deal.id, 6)).json.commitment).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    expect((await app.join(dee, deal.id, 3)).json.commitment).toMatchObject({ status: "waitlisted", waitlistPosition: 2 });

    const res = await withdraw(bob, deal.id); // 4 seats free: cy's 6 do not fit, dee's 3 do

    expect(res.status).toBe(200);
    expect(res.json.deal).toMatchObject({ status: "open", seatsCommitted: 8, seatsWaitlisted: 6, participantCount: 3 });
    const asCy = await app.api("GET", `/api/deals/${deal.id}`, { as: cy });
    const asDee = await app.api("GET", `/api/deals/${deal.id}`, { as: dee });
    expect(asCy.json.deal.viewerCommitment).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    expect(asDee.json.deal.viewerCommitment).toMatchObject({ status: "active", waitlistPosition: null });
    expect(await recipients(deal.id, "waitlist-promoted")).toEqual([dee.id]);
  });

  it("promotes the earlier of two that fit when only one does", async () => {
    const { deal } = await app.createDeal({ threshold: 10, capacity: 10 });
    const [ada, bob, cy, dee] = [await app.createUser(), await app.createUser(), await app.createUser(), await app.createUser()];
    await app.join(ada, deal.id, 5);
    await app.join(bob, deal.id, 4);
    await app.join(cy, deal.id, 3);
    await app.join(dee, deal.id, 3);

    await withdraw(bob, deal.id); // 5 seats free: cy's 3 fit, then 2 are left for dee's 3

    const statuses = await app.deps.prisma.commitment.findMany({
      where: { dealId: deal.id },
      orderBy: { position: "asc" },
      select: { userId: true, status: true },
    });
    expect(statuses).toEqual([
      { userId: ada.id, status: "active" },
      { userId: bob.id, status: "withdrawn" },
      { userId: cy.id, status: "active" },
      { userId: dee.id, status: "waitlisted" },
    ]);
    expect(await recipients(deal.id, "waitlist-promoted")).toEqual([cy.id]);
  });

  it("sends each promoted participant exactly one waitlist-promoted, across several withdrawals", async () => {
    const { deal } = await app.createDeal({ threshold: 10, capacity: 10 });
    const [ada, bob, cy] = [await app.createUser(), await app.createUser(), await app.createUser()];
    const [dee, eve] = [await app.createUser(), await app.createUser()];
    await app.join(ada, deal.id, 4);
    await app.join(bob, deal.id, 3);
    await app.join(cy, deal.id, 2); // 9 of 10 active
    await app.join(dee, deal.id, 2); // waitlisted
    await app.join(eve, deal.id, 2); // waitlisted

    await withdraw(cy, deal.id); // 3 free: dee fits, then 1 is left for eve's 2
    expect(await recipients(deal.id, "waitlist-promoted")).toEqual([dee.id]);

    await withdraw(bob, deal.id); // 4 free: eve fits
    expect(await recipients(deal.id, "waitlist-promoted")).toEqual(sorted(dee.id, eve.id));

    await withdraw(ada, deal.id); // nobody is waiting
    expect(await recipients(deal.id, "waitlist-promoted")).toEqual(sorted(dee.id, eve.id));
    expect(await dealRow(deal.id)).toMatchObject({ status: "open", seatsCommitted: 4, seatsWaitlisted: 0, participantCount: 2 });
  });

  it("confirms the deal when promoted seats reach the threshold, and tells the active participants", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 10, capacity: 10 });
    const [ada, bob, cy] = [await app.createUser(), await app.createUser(), await app.createUser()];
    await app.join(ada, deal.id, 6);
    await app.join(bob, deal.id, 3);
    await app.join(cy, deal.id, 4); // waitlisted

    const res = await withdraw(bob, deal.id); // cy's 4 fill the 10

    expect(res.json.deal).toMatchObject({ status: "confirmed", seatsCommitted: 10, seatsWaitlisted: 0 });
    expect(await recipients(deal.id, "waitlist-promoted")).toEqual([cy.id]);
    expect(await recipients(deal.id, "deal-confirmed")).toEqual(sorted(ada.id, cy.id, initiator.id));
  });

  it("promotes nobody when a waitlisted participant leaves", async () => {
    const { deal } = await app.createDeal({ threshold: 10, capacity: 10 });
    const [ada, bob, cy] = [await app.createUser(), await app.createUser(), await app.createUser()];
    await app.join(ada, deal.id, 8);
    await app.join(bob, deal.id, 5);
    await app.join(cy, deal.id, 3);

    await withdraw(bob, deal.id);

    expect(await dealRow(deal.id)).toMatchObject({ seatsCommitted: 8, seatsWaitlisted: 3 });
    expect(await recipients(deal.id, "waitlist-promoted")).toEqual([]);
    const asCy = await app.api("GET", `/api/deals/${deal.id}`, { as: cy });
    expect(asCy.json.deal.viewerCommitment).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
  });
});
