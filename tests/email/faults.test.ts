// The provider misbehaves: 30% of calls fail with 500, 429 or 503, and some connections drop,
// before the send or after it (the emails went out but the answer was lost). Every email still
// arrives exactly once.
import { describe, expect, it } from "vitest";
import { clock } from "../../api/clock.ts";
import { dealWithParticipants } from "../setup/factories.ts";
import { startResend } from "../setup/resend.ts";
import { drain, duplicates } from "./helpers.ts";

describe("faults", () => {
  it("500/429/503 on 30% of calls and dropped connections: every email arrives exactly once", async () => {
    const { fake, ...resend } = await startResend();
    const app = await resend.app();
    // Kicks would send as the deals change; this test drives every dispatch itself.
    await app.built.background.stop();

    // Three outcomes, three kinds: one deal confirms, one is cancelled, one fails at its deadline.
    const confirmed = await dealWithParticipants(app, 180, { title: "Confirmed charter" });
    const cancelled = await dealWithParticipants(app, 70, { title: "Cancelled charter", threshold: 100 });
    const failing = await dealWithParticipants(app, 50, {
      title: "Failing charter",
      threshold: 100,
      deadline: new Date(clock.nowMs() + 3_600_000).toISOString(),
    });
    expect((await app.api("POST", `/api/deals/${cancelled.deal.id}/cancel`, { as: cancelled.initiator })).status).toBe(200);
    app.advance(2 * 3_600_000);

    // The first calls hit each fault once for certain; after that, faults at random.
    fake.setFaults({
      script: ["drop-after-send", 500, "drop-before-send", 429, 503],
      failRate: 0.3,
      statuses: [500, 429, 503],
      dropRate: 0.15,
      dropPhase: "either",
      seed: 7,
    });
    const rounds = await drain(app);

    const calls = fake.calls();
    const delivered = fake.delivered();
    const rows = await app.notifications();
    const dupes = await duplicates(app, delivered);
    const outcomes: Record<string, number> = {};
    for (const c of calls) outcomes[c.outcome] = (outcomes[c.outcome] ?? 0) + 1;
    const batches = new Set(calls.map((c) => c.idempotencyKey)).size;
    const figures = {
      notifications: rows.length,
      delivered: delivered.length,
      calls: calls.length,
      batches,
      retries: calls.length - batches,
      outcomes,
      faultStatuses: calls.filter((c) => c.outcome === "fault").map((c) => c.status),
      attemptsPerNotification: Math.max(...rows.map((r) => r.attempts)),
      duplicatesPerNotification: dupes.byNotification,
      duplicatesPerKindDealRecipient: dupes.byKindDealRecipient,
      dispatchRounds: rounds,
    };
    console.log("fault-test figures", figures);

    // 181 confirmed + 71 cancelled + 51 failed.
    expect(rows).toHaveLength(303);
    expect(rows.every((r) => r.state === "sent" && r.providerMessageId !== null)).toBe(true);
    expect(delivered).toHaveLength(303);
    expect(dupes).toEqual({ byNotification: 0, byKindDealRecipient: 0, distinct: 303 });
    const byKind = (kind: string) => rows.filter((r) => r.kind === kind).length;
    expect([byKind("deal-confirmed"), byKind("deal-cancelled"), byKind("deal-failed")]).toEqual([181, 71, 51]);
    // The faults really happened, and a lost answer was replayed rather than resent.
    expect(outcomes["dropped-after-send"]).toBeGreaterThan(0);
    expect(outcomes["dropped-before-send"]).toBeGreaterThan(0);
    expect(outcomes["fault"]).toBeGreaterThanOrEqual(3);
    expect(outcomes["replayed"]).toBeGreaterThan(0);
    // Each provider id recorded is the one the provider gave that notification's email.
    const idOf = new Map(delivered.map((e) => [e.id, e.to[0]]));
    expect(rows.every((r) => idOf.get(r.providerMessageId!) === r.toEmail)).toBe(true);

    expect(await app.outbox()).toEqual({ pending: 0, sent: 303, failed: 0 });
    void confirmed;
    void failing;
  });
});
