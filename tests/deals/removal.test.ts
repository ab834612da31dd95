// Removing a participant, by the initiator: DELETE /api/deals/:id/commitments/:commitmentId.
// The seats are freed, the waitlist moves up exactly once (also when two removals race, or a
// removal races the participant's own withdrawal), a payment still due lapses, the participant is
// told once, and the deal's status rules hold: open stays open, confirmed stays confirmed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { clock } from "../../api/clock.ts";

const DAY = 24 * 3_600_000;

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(async () => {
  await app.close();
  clock.setOffset(0);
});

type User = Parameters<TestApp["join"]>[0];

const commitmentOf = (dealId: string, user: { id: string }) =>
  app.deps.prisma.commitment.findFirstOrThrow({ where: { dealId, userId: user.id } });

const remove = (as: User | undefined, dealId: string, commitmentId: string) =>
  app.api("DELETE", `/api/deals/${dealId}/commitments/${commitmentId}`, { as });

const dealRow = (id: string) => app.deps.prisma.deal.findUniqueOrThrow({ where: { id } });

const recipients = async (dealId: string, kind: string) => (await app.notifications({ dealId, kind })).map((n) => n.userId).sort();

/** A full (so confirmed) deal of capacity 4: Ada holds 3 active seats, Bob 1 active, Cleo 2 waitlisted, Dan 3 waitlisted. */
async function fullDeal(over: Record<string, unknown> = {}) {
  const { deal, initiator } = await app.createDeal({ threshold: 4, capacity: 4, maxSeatsPerCommitment: 3, ...over });
  const [ada, bob, cleo, dan] = [await app.createUser(), await app.createUser(), await app.createUser(), await app.createUser()];
  expect((await app.join(ada, deal.id, 3)).json.commitment.status).toBe("active");
  expect((await app.join(bob, deal.id, 1)).json.commitment.status).toBe("active");
  expect((await app.join(cleo, deal.id, 2)).json.commitment.status).toBe("waitlisted");
  expect((await app.join(dan, deal.id, 3)).json.commitment.status).toBe("waitlisted");
  return { deal, initiator, ada, bob, cleo, dan };
}

describe("DELETE /api/deals/:id/commitments/:commitmentId", () => {
  it("frees the seats, promotes the waitlist in first-come order, and tells the removed and the promoted once", async () => {
    const { deal, initiator, ada, bob, cleo, dan } = await fullDeal({ threshold: 2 });
    expect((await dealRow(deal.id)).status).toBe("confirmed");
    const c = await commitmentOf(deal.id, ada);

    const res = await remove(initiator, deal.id, c.id);

    expect(res.status, res.text).toBe(200);
    expect(res.json.deal).toMatchObject({ id: deal.id, status: "confirmed", seatsCommitted: 3, seatsWaitlisted: 3, participantCount: 3 });
    expect((await commitmentOf(deal.id, ada)).status).toBe("removed");
    // Cleo's 2 seats fit in the 3 freed; Dan's 3 then do not.
    expect((await commitmentOf(deal.id, cleo)).status).toBe("active");
    expect((await commitmentOf(deal.id, dan)).status).toBe("waitlisted");
    expect(await dealRow(deal.id)).toMatchObject({ status: "confirmed", seatsCommitted: 3, seatsWaitlisted: 3, participantCount: 3 });
    expect(await recipients(deal.id, "commitment-removed")).toEqual([ada.id]);
    expect(await recipients(deal.id, "waitlist-promoted")).toEqual([cleo.id]);
    // Ada's 3 seats tipped the deal; removing them confirms nothing again (Bob joined it confirmed).
    expect(await recipients(deal.id, "deal-confirmed")).toEqual([ada.id, bob.id, initiator.id].sort());
    const [email] = await app.notifications({ dealId: deal.id, kind: "commitment-removed" });
    expect(email).toMatchObject({ toEmail: ada.email, key: `commitment-removed:${deal.id}:${ada.id}` });
    expect(JSON.parse(email!.payload)).toEqual({ seats: 3, status: "removed" });

    // A second try changes nothing and says so.
    const again = await remove(initiator, deal.id, c.id);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("ALREADY_REMOVED");
    expect(await recipients(deal.id, "commitment-removed")).toEqual([ada.id]);
    // The removed participant's deal page says so; they cannot come back in.
    const seen = (await app.api("GET", `/api/deals/${deal.id}`, { as: ada })).json.deal;
    expect(seen.viewerCommitment).toMatchObject({ status: "removed", seats: 3 });
    expect((await app.join(ada, deal.id, 1)).json.error.code).toBe("ALREADY_COMMITTED");
  });

  it("removes a waitlisted participant without promoting anyone", async () => {
    const { deal, initiator, cleo, dan } = await fullDeal();
    const res = await remove(initiator, deal.id, (await commitmentOf(deal.id, dan)).id);
    expect(res.status, res.text).toBe(200);
    expect(await dealRow(deal.id)).toMatchObject({ status: "confirmed", seatsCommitted: 4, seatsWaitlisted: 2, participantCount: 3 });
    expect((await commitmentOf(deal.id, cleo)).status).toBe("waitlisted");
    expect(await recipients(deal.id, "waitlist-promoted")).toEqual([]);
    expect(await recipients(deal.id, "commitment-removed")).toEqual([dan.id]);
  });

  it("keeps an open deal open", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 5 });
    const ada = await app.createUser();
    await app.join(ada, deal.id, 2);
    const res = await remove(initiator, deal.id, (await commitmentOf(deal.id, ada)).id);
    expect(res.status).toBe(200);
    expect(await dealRow(deal.id)).toMatchObject({ status: "open", seatsCommitted: 0, participantCount: 0 });
  });

  it("does not undo a confirmation, even when the seats fall below the threshold", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 3 });
    const [ada, bob] = [await app.createUser(), await app.createUser()];
    await app.join(ada, deal.id, 1);
    await app.join(bob, deal.id, 2);
    const confirmed = await dealRow(deal.id);
    expect(confirmed.status).toBe("confirmed");
    expect((await remove(initiator, deal.id, (await commitmentOf(deal.id, bob)).id)).status).toBe(200);
    expect(await dealRow(deal.id)).toMatchObject({ status: "confirmed", confirmedAt: confirmed.confirmedAt, seatsCommitted: 1 });
    // Everyone was told of the confirmation once, before; nobody again.
    expect(await recipients(deal.id, "deal-confirmed")).toEqual([ada.id, bob.id, initiator.id].sort());
  });

  it("refuses once the deal has failed or been cancelled, changing nothing", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 5 });
    const ada = await app.createUser();
    await app.join(ada, deal.id, 2);
    const id = (await commitmentOf(deal.id, ada)).id;
    clock.setOffset(8 * DAY);
    const failed = await remove(initiator, deal.id, id);
    expect([failed.status, failed.json.error.code]).toEqual([409, "DEAL_CLOSED"]);
    clock.setOffset(0);

    const { deal: other, initiator: ines } = await app.createDeal({ threshold: 5 });
    await app.join(ada, other.id, 2);
    expect((await app.api("POST", `/api/deals/${other.id}/cancel`, { as: ines })).status).toBe(200);
    const cancelled = await remove(ines, other.id, (await commitmentOf(other.id, ada)).id);
    expect([cancelled.status, cancelled.json.error.code]).toEqual([409, "DEAL_CLOSED"]);
    expect((await commitmentOf(other.id, ada)).status).toBe("active");
    expect(await recipients(other.id, "commitment-removed")).toEqual([]);
  });

  it("works in grace, entering it first when the sweep has not yet", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 5, softThreshold: 3 });
    const [ada, bob] = [await app.createUser(), await app.createUser()];
    await app.join(ada, deal.id, 2);
    await app.join(bob, deal.id, 1);
    clock.setOffset(8 * DAY);
    const res = await remove(initiator, deal.id, (await commitmentOf(deal.id, bob)).id);
    expect(res.status, res.text).toBe(200);
    expect(await dealRow(deal.id)).toMatchObject({ status: "grace", seatsCommitted: 2 });
    expect(await recipients(deal.id, "deal-grace")).toEqual([ada.id, bob.id, initiator.id].sort());
    expect(await recipients(deal.id, "commitment-removed")).toEqual([bob.id]);
  });

  it("settles a grace that ended with a go-ahead before removing, so the deal stays confirmed", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 5, softThreshold: 3 });
    const [ada, bob] = [await app.createUser(), await app.createUser()];
    await app.join(ada, deal.id, 2);
    await app.join(bob, deal.id, 1);
    clock.setOffset(8 * DAY);
    expect((await app.api("POST", `/api/deals/${deal.id}/go-ahead`, { as: initiator, body: { message: "We go." } })).status).toBe(200);
    // Past the end of grace, before any sweep: the deal is confirmed by the clock.
    clock.setOffset(13 * DAY);
    const res = await remove(initiator, deal.id, (await commitmentOf(deal.id, bob)).id);
    expect(res.status, res.text).toBe(200);
    expect(await dealRow(deal.id)).toMatchObject({ status: "confirmed", seatsCommitted: 2 });
    expect(await recipients(deal.id, "deal-confirmed")).toEqual([ada.id, bob.id, initiator.id].sort());
    // The sweep finds nothing left to do, and tells nobody again.
    await app.built.background.runNow();
    expect(await dealRow(deal.id)).toMatchObject({ status: "confirmed" });
    expect(await recipients(deal.id, "deal-confirmed")).toEqual([ada.id, bob.id, initiator.id].sort());
  });

  it("lapses a payment still due, and leaves a paid one paid", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 2 });
    const [ada, bob] = [await app.createUser(), await app.createUser()];
    await app.join(ada, deal.id, 1);
    await app.join(bob, deal.id, 1);
    const now = new Date();
    for (const [user, status] of [[ada, "due"], [bob, "paid"]] as const) {
      const c = await commitmentOf(deal.id, user);
      await app.deps.prisma.payment.create({
        data: {
          id: `pay${user.id}`.slice(0, 16),
          commitmentId: c.id,
          dealId: deal.id,
          userId: user.id,
          amountCents: 29500,
          currency: "EUR",
          status,
          dueAt: new Date(now.getTime() + DAY),
          paidAt: status === "paid" ? now : null,
          createdAt: now,
          updatedAt: now,
        },
      });
    }
    for (const user of [ada, bob]) expect((await remove(initiator, deal.id, (await commitmentOf(deal.id, user)).id)).status).toBe(200);
    const payments = await app.deps.prisma.payment.findMany({ where: { dealId: deal.id } });
    expect(Object.fromEntries(payments.map((p) => [p.userId, p.status]))).toEqual({ [ada.id]: "lapsed", [bob.id]: "paid" });
  });

  it("promotes the waitlist exactly once when two removals race", async () => {
    const { deal, initiator, ada, bob, cleo, dan } = await fullDeal();
    const [a, b] = [await commitmentOf(deal.id, ada), await commitmentOf(deal.id, bob)];

    // The same participant twice at once, and two participants at once.
    const same = await Promise.all([remove(initiator, deal.id, a.id), remove(initiator, deal.id, a.id)]);
    expect(same.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await recipients(deal.id, "waitlist-promoted")).toEqual([cleo.id]);
    expect((await remove(initiator, deal.id, b.id)).status).toBe(200);

    // Cleo (2) came first and fits; Dan's 3 seats never fit in what is left (2 of 4).
    expect((await commitmentOf(deal.id, dan)).status).toBe("waitlisted");
    expect(await recipients(deal.id, "waitlist-promoted")).toEqual([cleo.id]);
    expect(await recipients(deal.id, "commitment-removed")).toEqual([ada.id, bob.id].sort());
    const notes = await app.notifications({ dealId: deal.id });
    expect(new Set(notes.map((n) => n.key)).size).toBe(notes.length);
    expect(await dealRow(deal.id)).toMatchObject({ seatsCommitted: 2, seatsWaitlisted: 3, participantCount: 2 });
  });

  it("two different removals racing promote each waitlisted commitment once", async () => {
    const { deal, initiator, ada, bob, cleo, dan } = await fullDeal();
    const [a, b] = [await commitmentOf(deal.id, ada), await commitmentOf(deal.id, bob)];
    const answers = await Promise.all([remove(initiator, deal.id, a.id), remove(initiator, deal.id, b.id)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect((await commitmentOf(deal.id, cleo)).status).toBe("active");
    expect((await commitmentOf(deal.id, dan)).status).toBe("waitlisted");
    expect(await recipients(deal.id, "waitlist-promoted")).toEqual([cleo.id]);
    expect(await recipients(deal.id, "commitment-removed")).toEqual([ada.id, bob.id].sort());
    expect(await dealRow(deal.id)).toMatchObject({ seatsCommitted: 2, seatsWaitlisted: 3, participantCount: 2 });
  });

  it("a removal racing the participant's own withdrawal: one wins, the waitlist moves up once", async () => {
    // Open, with a waitlist: Cleo's 2 seats do not fit in the 1 left of 5.
    const { deal, initiator, ada, cleo } = await fullDeal({ threshold: 5, capacity: 5 });
    expect((await dealRow(deal.id)).status).toBe("open");
    const a = await commitmentOf(deal.id, ada);
    const [removal, withdrawal] = await Promise.all([
      remove(initiator, deal.id, a.id),
      app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: ada }),
    ]);
    const statuses = [removal.status, withdrawal.status];
    // Exactly one of them took the seats away; the other found them gone.
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    const final = (await commitmentOf(deal.id, ada)).status;
    if (removal.status === 200) {
      expect(final).toBe("removed");
      expect([withdrawal.status, withdrawal.json.error.code]).toEqual([404, "COMMITMENT_NOT_FOUND"]);
      expect(await recipients(deal.id, "commitment-removed")).toEqual([ada.id]);
    } else {
      expect(final).toBe("withdrawn");
      expect([removal.status, removal.json.error.code]).toEqual([404, "COMMITMENT_NOT_FOUND"]);
      expect(await recipients(deal.id, "commitment-removed")).toEqual([]);
    }
    expect((await commitmentOf(deal.id, cleo)).status).toBe("active");
    expect(await recipients(deal.id, "waitlist-promoted")).toEqual([cleo.id]);
    expect(await dealRow(deal.id)).toMatchObject({ seatsCommitted: 3, seatsWaitlisted: 3 });
  });

  it("on a deal with options: the removed leave every option, and that option's waitlist moves up", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 5, capacity: 5, maxSeatsPerCommitment: 3, options: [{ label: "May" }, { label: "June" }] });
    const [may] = (deal.options as { id: string }[]).map((o) => o.id);
    const [ada, bob, cleo] = [await app.createUser(), await app.createUser(), await app.createUser()];
    await app.join(ada, deal.id, 3, [may!]);
    await app.join(bob, deal.id, 1, [may!]);
    expect((await app.join(cleo, deal.id, 2, [may!])).json.commitment.status).toBe("waitlisted");
    const a = await commitmentOf(deal.id, ada);

    const res = await remove(initiator, deal.id, a.id);

    expect(res.status, res.text).toBe(200);
    expect((await commitmentOf(deal.id, ada)).status).toBe("removed");
    expect(await app.deps.prisma.commitmentOption.count({ where: { commitmentId: a.id } })).toBe(0);
    expect((await commitmentOf(deal.id, cleo)).status).toBe("active");
    expect(res.json.deal.options[0]).toMatchObject({ seatsCommitted: 3, seatsWaitlisted: 0 });
    expect(res.json.deal).toMatchObject({ status: "open", seatsCommitted: 3, participantCount: 2 });
    expect(await recipients(deal.id, "waitlist-promoted")).toEqual([cleo.id]);
    expect(await recipients(deal.id, "commitment-removed")).toEqual([ada.id]);
  });

  it("answers 404 for a commitment of another deal, or one that does not exist, changing nothing", async () => {
    const { deal, initiator, ada } = await fullDeal();
    const { deal: other } = await app.createDeal();
    const bob = await app.createUser();
    await app.join(bob, other.id, 1);
    const bobs = await commitmentOf(other.id, bob);
    for (const id of [bobs.id, "0000000000000000", "not-an-id", "mine2"]) {
      const res = await remove(initiator, deal.id, id);
      expect([res.status, res.json.error.code], id).toEqual([404, "COMMITMENT_NOT_FOUND"]);
    }
    expect((await commitmentOf(other.id, bob)).status).toBe("active");
    expect((await commitmentOf(deal.id, ada)).status).toBe("active");
  });
});
