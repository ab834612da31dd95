// Two app instances (as two processes would) on one SQLite file, each with its own dispatcher and
// its own Resend client, dispatch at the same time against the same provider. The claim is one
// guarded UPDATE, so no notification is ever sent by both.
import { describe, expect, it } from "vitest";
import { CLAIM_LEASE_MS } from "../../api/outbox/claim.ts";
import { dealWithParticipants } from "../setup/factories.ts";
import { startResend, type ResendSetup } from "../setup/resend.ts";
import { drain, duplicates } from "./helpers.ts";

async function twoApps(resend: Omit<ResendSetup, "fake">) {
  const env = { DATABASE_URL: resend.database() };
  const a = await resend.app(env);
  const b = await resend.app(env);
  await a.built.background.stop();
  await b.built.background.stop();
  return [a, b] as const;
}

describe("two dispatchers on one database", () => {
  it("send each email once when they run at the same time", async () => {
    // Latency keeps each call open long enough for the other dispatcher to claim meanwhile.
    const { fake, ...resend } = await startResend({ faults: { latencyMs: 40 } });
    const [a, b] = await twoApps(resend);
    await dealWithParticipants(a, 150);
    await dealWithParticipants(b, 120);
    await dealWithParticipants(a, 60);
    const total = 151 + 121 + 61;

    // Each app's own background run: the deadline sweep, then its dispatcher with its transport.
    const [sa, sb] = await Promise.all([a.built.background.runNow(), b.built.background.runNow()]);
    console.log("two dispatchers", { a: sa, b: sb, calls: fake.calls().length });
    expect(sa.sent).toBeGreaterThan(0);
    expect(sb.sent).toBeGreaterThan(0);
    expect(sa.sent + sb.sent).toBe(total);
    expect(sa.retried + sb.retried + sa.undeliverable + sb.undeliverable).toBe(0);
    expect(fake.calls().map((c) => c.outcome)).toEqual(Array(fake.calls().length).fill("ok"));
    expect(fake.delivered()).toHaveLength(total);
    expect(await duplicates(a, fake.delivered())).toEqual({ byNotification: 0, byKindDealRecipient: 0, distinct: total });
  });

  it("send each email once under faults, both draining at once", async () => {
    const { fake, ...resend } = await startResend();
    const [a, b] = await twoApps(resend);
    await dealWithParticipants(a, 150);
    await dealWithParticipants(b, 120);
    await dealWithParticipants(a, 60);
    const total = 151 + 121 + 61;
    fake.setFaults({
      script: ["drop-after-send", "pass", "drop-before-send"],
      failRate: 0.3,
      statuses: [500, 429, 503],
      dropRate: 0.15,
      dropPhase: "either",
      latencyMs: 20,
      seed: 3,
    });

    await drain([a, b]);

    const outcomes: Record<string, number> = {};
    for (const c of fake.calls()) outcomes[c.outcome] = (outcomes[c.outcome] ?? 0) + 1;
    console.log("two dispatchers under faults", { calls: fake.calls().length, outcomes });
    expect(fake.delivered()).toHaveLength(total);
    expect(await duplicates(a, fake.delivered())).toEqual({ byNotification: 0, byKindDealRecipient: 0, distinct: total });
    expect((await a.notifications()).every((r) => r.state === "sent")).toBe(true);
    expect(outcomes["replayed"]).toBeGreaterThan(0);
  });

  it("a dispatcher whose lease ran out mid-call is taken over without a second email", async () => {
    const { fake, ...resend } = await startResend({ faults: { latencyMs: 400 } });
    const [a, b] = await twoApps(resend);
    await dealWithParticipants(a, 20);

    // A's call is accepted but slow to answer; meanwhile A's lease runs out and B takes over.
    const slow = a.built.background.runNow();
    await fake.waitForDelivered(21);
    a.advance(CLAIM_LEASE_MS + 1);
    await b.built.background.runNow();
    await slow;
    await drain([a, b]);

    const outcomes = fake.calls().map((c) => c.outcome + (c.errorName ? `:${c.errorName}` : ""));
    console.log("lease taken over", outcomes);
    // B resent the frozen batch under the same key while A's call was open; the provider refused
    // the concurrent request, A's late answer was not recorded (its lease was gone), and B's
    // retry got A's answer replayed.
    expect(outcomes).toEqual(["ok", "rejected:concurrent_idempotent_requests", "replayed"]);
    expect(new Set(fake.calls().map((c) => c.idempotencyKey)).size).toBe(1);
    expect(fake.delivered()).toHaveLength(21);
    const rows = await a.notifications();
    expect(rows.every((r) => r.state === "sent")).toBe(true);
    const ids = new Set(fake.delivered().map((e) => e.id));
    expect(rows.every((r) => ids.has(r.providerMessageId!))).toBe(true);
  });
});
