// The deal's states, one by one: which states take commitments, which transitions happen, who is
// told, and the withdrawal rules; the promises they keep are 2 to 4 of SECURITY.md ("The
// promises"). Pure rules first, then the same rules as the database batches enforce them
// (docs/decisions/001-never-oversell-confirm-once.md).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { effectiveStatus, isJoinable, withdrawal } from "../../api/contract/rules.ts";
import { cancelDeal } from "../../api/deals/cancel-deal.ts";
import { joinDeal } from "../../api/deals/join-deal.ts";
import { withdrawCommitment } from "../../api/deals/withdraw-commitment.ts";
import { sweepExpiredDeals } from "../../api/deals/sweep-expired-deals.ts";
import { createTestApp, type TestApp } from "../setup/harness.ts";

const now = Date.parse("2027-01-01T12:00:00Z");
const before = new Date(now + 60_000);
const after = new Date(now - 60_000);

describe("rules (pure)", () => {
  it.each([
    ["open", before, "open", true],
    ["open", after, "failed", false],
    ["confirmed", before, "confirmed", true],
    ["confirmed", after, "confirmed", false],
    ["failed", before, "failed", false],
    ["cancelled", before, "cancelled", false],
  ])("a %s deal with deadline %s reads as %s; joinable: %s", (status, deadline, shown, joinable) => {
    expect(effectiveStatus({ status, deadline }, now)).toBe(shown);
    expect(isJoinable({ status, deadline }, now)).toBe(joinable);
  });

  it.each([
    ["open", before, "active", "allowed"],
    ["open", after, "active", "closed"],
    ["confirmed", before, "active", "binding"],
    ["confirmed", after, "active", "binding"],
    ["failed", before, "active", "closed"],
    ["cancelled", before, "active", "closed"],
    ["open", before, "waitlisted", "allowed"],
    ["confirmed", before, "waitlisted", "allowed"],
    ["failed", before, "waitlisted", "allowed"],
    ["open", before, "withdrawn", "none"],
  ])("withdrawing from a %s deal (deadline %s) with a %s commitment: %s", (status, deadline, c, rule) => {
    expect(withdrawal({ status, deadline }, c, now)).toBe(rule);
  });
});

describe("the state machine in the database", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(() => app.close());

  const joinAs = async (dealId: string, seats = 1) => {
    const u = await app.createUser();
    return { user: u, ...(await joinDeal(app.deps, { userId: u.id, dealId, seats })) };
  };
  const status = async (id: string) => (await app.deps.prisma.deal.findUniqueOrThrow({ where: { id } })).status;

  it("open: takes commitments below the threshold and stays open", async () => {
    const { deal } = await app.createDeal({ threshold: 3 });
    const r = await joinAs(deal.id, 2);
    expect(r.commitment.status).toBe("active");
    expect(r.dealStatus).toBe("open");
    expect(await app.notifications({ dealId: deal.id })).toEqual([]);
  });

  it("open → confirmed: the commitment that reaches the threshold confirms, and all active and the initiator are told", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 3 });
    const a = await joinAs(deal.id, 1);
    const b = await joinAs(deal.id, 2);
    expect(b.dealStatus).toBe("confirmed");
    const row = await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(row.confirmedByCommitmentId).toBe(b.commitment.id);
    expect(row.confirmedAt).not.toBeNull();
    const told = await app.notifications({ dealId: deal.id, kind: "deal-confirmed" });
    expect(told.map((n) => n.userId).sort()).toEqual([a.user.id, b.user.id, initiator.id].sort());
  });

  it("confirmed: a later commitment is confirmed at once and only that participant is told", async () => {
    const { deal } = await app.createDeal({ threshold: 1, capacity: 3 });
    await joinAs(deal.id);
    const before = (await app.notifications({ dealId: deal.id })).length;
    const late = await joinAs(deal.id, 2);
    expect(late.commitment.status).toBe("active");
    const told = await app.notifications({ dealId: deal.id, kind: "deal-confirmed" });
    expect(told).toHaveLength(before + 1);
    expect(told.at(-1)!.userId).toBe(late.user.id);
  });

  it("confirmed: at capacity, a commitment is waitlisted whole and not told of the confirmation", async () => {
    const { deal } = await app.createDeal({ threshold: 1, capacity: 3 });
    await joinAs(deal.id, 2);
    const w = await joinAs(deal.id, 2);
    expect(w.commitment).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    const told = await app.notifications({ dealId: deal.id, kind: "deal-confirmed" });
    expect(told.map((n) => n.userId)).not.toContain(w.user.id);
    // A smaller one that fits is still taken: the waitlisted two seats would not have fitted.
    expect((await joinAs(deal.id, 1)).commitment.status).toBe("active");
  });

  it("confirmation is irreversible: active seats are binding, the deal stays confirmed", async () => {
    const { deal } = await app.createDeal({ threshold: 1 });
    const a = await joinAs(deal.id);
    await expect(withdrawCommitment(app.deps, { userId: a.user.id, dealId: deal.id })).rejects.toMatchObject({
      code: "COMMITMENT_BINDING",
    });
    await expect(cancelDeal(app.deps, { userId: (await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).initiatorId, dealId: deal.id })).rejects.toMatchObject({ code: "DEAL_NOT_OPEN" });
    expect(await status(deal.id)).toBe("confirmed");
  });

  it("open → failed at the deadline: no commitments after, everyone told once", async () => {
    const { deal } = await app.createDeal({ threshold: 5, deadline: new Date(Date.now() + 3_600_000).toISOString() });
    await joinAs(deal.id);
    app.advance(2 * 3_600_000);
    await expect(joinAs(deal.id)).rejects.toMatchObject({ code: "DEAL_CLOSED" });
    await sweepExpiredDeals(app.deps);
    expect(await status(deal.id)).toBe("failed");
    await expect(joinAs(deal.id)).rejects.toMatchObject({ code: "DEAL_CLOSED" });
    expect(await app.notifications({ dealId: deal.id, kind: "deal-failed" })).toHaveLength(2);
  });

  it("open → cancelled by the initiator: no commitments after, everyone told", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 5, capacity: 5 });
    const a = await joinAs(deal.id, 4);
    const w = await joinAs(deal.id, 3);
    expect(w.commitment.status).toBe("waitlisted");
    await cancelDeal(app.deps, { userId: initiator.id, dealId: deal.id });
    expect(await status(deal.id)).toBe("cancelled");
    await expect(joinAs(deal.id)).rejects.toMatchObject({ code: "DEAL_CLOSED" });
    const told = await app.notifications({ dealId: deal.id, kind: "deal-cancelled" });
    expect(told.map((n) => n.userId).sort()).toEqual([a.user.id, w.user.id, initiator.id].sort());
  });

  it("withdrawal before confirmation frees seats and promotes the waitlist in order, wherever they fit", async () => {
    const { deal } = await app.createDeal({ threshold: 10, capacity: 10, maxSeatsPerCommitment: 10 });
    const a = await joinAs(deal.id, 6);
    await joinAs(deal.id, 3);
    const big = await joinAs(deal.id, 5); // waitlisted: 9 + 5 > 10
    const small = await joinAs(deal.id, 2); // waitlisted: 9 + 2 > 10
    expect([big.commitment.status, small.commitment.status]).toEqual(["waitlisted", "waitlisted"]);
    await withdrawCommitment(app.deps, { userId: a.user.id, dealId: deal.id });
    // 3 active, 7 free: big (5) fits first, then small (2) fits the rest: 10 seats, confirmed.
    const rows = await app.deps.prisma.commitment.findMany({ where: { dealId: deal.id }, orderBy: { position: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["withdrawn", "active", "active", "active"]);
    const row = await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(row).toMatchObject({ seatsCommitted: 10, seatsWaitlisted: 0, participantCount: 3, status: "confirmed" });
    const promoted = await app.notifications({ dealId: deal.id, kind: "waitlist-promoted" });
    expect(promoted.map((n) => n.userId).sort()).toEqual([big.user.id, small.user.id].sort());
    const confirmed = await app.notifications({ dealId: deal.id, kind: "deal-confirmed" });
    expect(confirmed).toHaveLength(4); // three active participants and the initiator
  });

  it("promotion skips a commitment that does not fit and takes a later one that does", async () => {
    const { deal } = await app.createDeal({ threshold: 10, capacity: 10, maxSeatsPerCommitment: 10 });
    const a = await joinAs(deal.id, 2);
    await joinAs(deal.id, 7);
    const big = await joinAs(deal.id, 4);
    const small = await joinAs(deal.id, 3);
    await withdrawCommitment(app.deps, { userId: a.user.id, dealId: deal.id });
    const rows = await app.deps.prisma.commitment.findMany({ where: { dealId: deal.id }, orderBy: { position: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["withdrawn", "active", "waitlisted", "active"]);
    const promoted = await app.notifications({ dealId: deal.id, kind: "waitlist-promoted" });
    expect(promoted.map((n) => n.userId)).toEqual([small.user.id]);
    expect(big.commitment.status).toBe("waitlisted");
  });

  it("a waitlisted participant may always leave, even from a confirmed deal", async () => {
    const { deal } = await app.createDeal({ threshold: 1, capacity: 1 });
    await joinAs(deal.id);
    const w = await joinAs(deal.id);
    expect(w.commitment.status).toBe("waitlisted");
    await withdrawCommitment(app.deps, { userId: w.user.id, dealId: deal.id });
    const row = await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(row).toMatchObject({ seatsCommitted: 1, seatsWaitlisted: 0, participantCount: 1 });
  });

  it("a withdrawn participant may join again, at the back of the queue", async () => {
    const { deal } = await app.createDeal({ threshold: 5 });
    const a = await joinAs(deal.id, 2);
    await joinAs(deal.id, 1);
    await withdrawCommitment(app.deps, { userId: a.user.id, dealId: deal.id });
    const again = await joinDeal(app.deps, { userId: a.user.id, dealId: deal.id, seats: 1 });
    expect(again.commitment.status).toBe("active");
    const rows = await app.deps.prisma.commitment.findMany({ where: { dealId: deal.id }, orderBy: { position: "asc" } });
    expect(rows.map((r) => r.userId).at(-1)).toBe(a.user.id);
    await expect(joinDeal(app.deps, { userId: a.user.id, dealId: deal.id, seats: 1 })).rejects.toMatchObject({
      code: "ALREADY_COMMITTED",
    });
  });

  it("a refused join changes nothing", async () => {
    const { deal } = await app.createDeal({ threshold: 5, maxSeatsPerCommitment: 2 });
    const u = await app.createUser();
    const snapshot = async () => ({
      deal: await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } }),
      commitments: await app.deps.prisma.commitment.count(),
      notifications: await app.deps.prisma.notification.count(),
    });
    const before = await snapshot();
    await expect(joinDeal(app.deps, { userId: u.id, dealId: deal.id, seats: 3 })).rejects.toMatchObject({
      code: "SEATS_EXCEED_LIMIT",
    });
    expect(await snapshot()).toEqual(before);
  });
});
