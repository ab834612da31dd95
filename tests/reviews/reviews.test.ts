// Reviews and the initiator's public record: who may review and when (the over-rule and the
// 60-day window), the refusals, the invitation once, and the profile that never shows an email.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { sweepCoCreate } from "../../api/deals/sweep-co-create.ts";
import { sweepExpiredDeals } from "../../api/deals/sweep-expired-deals.ts";
import { clock } from "../../api/clock.ts";
import { SESSION_COOKIE } from "../../api/auth/session-cookie.ts";
import { createSession } from "../setup/sessions.ts";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const DAY = 24 * 3_600_000;
type User = Awaited<ReturnType<TestApp["createUser"]>>;

const review = (as: User | undefined, dealId: string, body: unknown = { rating: "positive", comment: "Well run." }) =>
  app.api("POST", `/api/deals/${dealId}/reviews`, { as, body });

/** A confirmed deal (kind deal: over at its deadline): two active participants, one waitlisted. */
async function confirmedDeal(over: Record<string, unknown> = {}) {
  const initiator = await app.createUser({ displayName: "Ines" });
  const { deal } = await app.createDeal({ initiator, kind: "deal", departsOn: null, returnsOn: null, threshold: 3, capacity: 3, ...over });
  const [a, b, w, stranger] = [await app.createUser(), await app.createUser(), await app.createUser(), await app.createUser()];
  await app.join(a, deal.id, 2);
  await app.join(b, deal.id, 1);
  expect((await app.join(w, deal.id, 1)).json.commitment.status).toBe("waitlisted");
  return { deal, initiator, a, b, w, stranger };
}

/** A new session for `user`: sessions end long before a review window does. */
async function signInAgain(user: User): Promise<User> {
  const { sessionToken } = await createSession(app.deps, user.id);
  return { ...user, cookie: `${SESSION_COOKIE}=${sessionToken}` };
}

describe("reviewing a deal's initiator", () => {
  it("is refused before the deal is over, to anyone but an active participant, twice, and after 60 days", async () => {
    const { deal, initiator, a, b, w, stranger } = await confirmedDeal();
    expect((await review(a, deal.id)).json.error.code).toBe("REVIEW_NOT_OPEN");
    expect((await review(undefined, deal.id)).status).toBe(401);

    app.advance(7 * DAY + 1000);
    for (const who of [initiator, w, stranger]) {
      const res = await review(who, deal.id);
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("NOT_A_PARTICIPANT");
    }
    expect((await review(a, deal.id, { rating: "excellent" })).status).toBe(400);
    expect((await review(a, deal.id, { rating: "neutral", comment: "x".repeat(1001) })).status).toBe(400);
    const first = await review(a, deal.id);
    expect(first.status).toBe(201);
    expect(first.json.review).toMatchObject({ rating: "positive", comment: "Well run.", reviewerName: a.displayName });
    const again = await review(a, deal.id, { rating: "negative" });
    expect([again.status, again.json.error.code]).toEqual([409, "ALREADY_REVIEWED"]);

    app.advance(60 * DAY);
    const late = await review(await signInAgain(b), deal.id);
    expect([late.status, late.json.error.code]).toEqual([409, "REVIEW_CLOSED"]);
    const list = await app.api("GET", `/api/deals/${deal.id}/reviews`);
    expect(list.json.items).toHaveLength(1);
    expect(list.text).not.toContain("@");
  });

  it("a trip is over the day after it returns, and only then invites, once", async () => {
    const { deal, a, b } = await confirmedDeal({ kind: "trip", departsOn: "2027-05-12", returnsOn: "2027-05-16" });
    app.advance(8 * DAY);
    expect((await review(a, deal.id)).json.error.code).toBe("REVIEW_NOT_OPEN");
    await sweepCoCreate(app.deps);
    expect(await app.notifications({ dealId: deal.id, kind: "review-invite" })).toHaveLength(0);
    app.advance(Date.parse("2027-05-17T00:00:01Z") - clock.nowMs());
    expect((await sweepCoCreate(app.deps)).reviewInvites).toBeGreaterThanOrEqual(1);
    expect((await sweepCoCreate(app.deps)).reviewInvites).toBe(0);
    const invites = await app.notifications({ dealId: deal.id, kind: "review-invite" });
    expect(invites.map((n) => n.userId).sort()).toEqual([a.id, b.id].sort());
    expect((await review(await signInAgain(b), deal.id, { rating: "neutral" })).status).toBe(201);
  });

  it("a failed deal cannot be reviewed", async () => {
    const initiator = await app.createUser();
    const { deal } = await app.createDeal({ initiator, kind: "deal", departsOn: null, returnsOn: null, threshold: 5 });
    const a = await app.createUser();
    await app.join(a, deal.id, 1);
    app.advance(8 * DAY);
    await sweepExpiredDeals(app.deps);
    expect((await review(a, deal.id)).json.error.code).toBe("REVIEW_NOT_OPEN");
  });
});

describe("the initiator's public record", () => {
  it("counts only deals that really ended, the reviews of the last 12 months, and shows no email", async () => {
    const { deal, initiator, a, b } = await confirmedDeal();
    await app.createDeal({ initiator, threshold: 50 }); // will fail
    const { deal: cancelled } = await app.createDeal({ initiator, threshold: 50 });
    await app.api("POST", `/api/deals/${cancelled.id}/cancel`, { as: initiator });
    const far = new Date(clock.nowMs() + 300 * DAY).toISOString();
    await app.createDeal({ initiator, threshold: 50, kind: "deal", departsOn: null, returnsOn: null, deadline: far }); // still open

    const before = await app.api("GET", `/api/users/${initiator.id}`);
    expect(before.json.record).toEqual({ proposed: 2, confirmed: 1, failed: 0, cancelled: 1 });
    app.advance(7 * DAY + 1000);
    await review(a, deal.id, { rating: "positive" });
    await review(b, deal.id, { rating: "negative", comment: "Late." });
    const res = await app.api("GET", `/api/users/${initiator.id}`);
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ id: initiator.id, displayName: "Ines" });
    expect(res.json.record).toEqual({ proposed: 3, confirmed: 1, failed: 1, cancelled: 1 });
    expect(res.json.reviews).toEqual({ positive: 1, neutral: 0, negative: 1, positivePercent: 50 });
    expect(res.json.latestReviews.map((r: { rating: string }) => r.rating).sort()).toEqual(["negative", "positive"]);
    expect(res.text).not.toContain("@");
    // The deal JSON carries the same record.
    const d = (await app.api("GET", `/api/deals/${deal.id}`)).json.deal;
    expect(d.initiator).toMatchObject({ id: initiator.id, record: res.json.record, reviews: res.json.reviews });

    // After 12 months, the reviews still count, but not in the percentage.
    app.advance(366 * DAY);
    expect((await app.api("GET", `/api/users/${initiator.id}`)).json.reviews.positivePercent).toBeNull();
  });

  it("answers 404 for an unknown member", async () => {
    expect((await app.api("GET", "/api/users/zzzzzzzzzzzzzzzz")).status).toBe(404);
    expect((await app.api("GET", "/api/users/not-an-id")).status).toBe(404);
  });
});
