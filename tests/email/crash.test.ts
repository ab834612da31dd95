// A crash mid-send: the provider accepted a batch, and the dispatcher died before it recorded
// that. Meanwhile more notifications were written. After the lease expires, a dispatcher in a new
// process re-claims exactly the batch the provider accepted, resends it under the same key, and
// nobody gets a second email.
import { describe, expect, it } from "vitest";
import { dispatchOutbox } from "../../api/outbox/dispatch.ts";
import { CLAIM_LEASE_MS } from "../../api/outbox/claim.ts";
import { batchKeyOf } from "../../api/outbox/freeze.ts";
import type { Transport } from "../../api/outbox/transport.ts";
import { dealWithParticipants } from "../setup/factories.ts";
import { SENDER, startResend } from "../setup/resend.ts";
import { drain, duplicates } from "./helpers.ts";

describe("a crash mid-send", () => {
  it("the provider accepted the batch, the process died before recording it: no second email after restart", async () => {
    const { fake, ...resend } = await startResend();
    const env = { DATABASE_URL: resend.database() };

    // Process A: a deal of 30 confirms (31 notifications).
    const a = await resend.app(env);
    await a.built.background.stop();
    const first = await dealWithParticipants(a, 30, { title: "First charter" });
    const firstRows = await a.notifications({ dealId: first.deal.id });
    expect(firstRows).toHaveLength(31);

    // A's dispatcher sends through the real SDK, and dies as soon as the provider has accepted.
    const real = resend.transport();
    const dying: Transport = {
      ...real,
      async send(batch, options) {
        await real.send(batch, options);
        return new Promise(() => {});
      },
    };
    void dispatchOutbox(a.deps, dying);
    await fake.waitForDelivered(31);
    const crashed = await a.notifications({ dealId: first.deal.id });
    expect(crashed.every((r) => r.state === "sending" && r.providerMessageId === null)).toBe(true);
    // Claimed but not recorded still counts as pending.
    expect(await a.outbox()).toEqual({ pending: 31, sent: 0, failed: 0 });

    // Before anyone notices, a second deal confirms: 21 more notifications, all due.
    const second = await dealWithParticipants(a, 20, { title: "Second charter" });
    await a.close();

    // Process B starts on the same database after A's lease ran out. Had the claim re-formed the
    // batch from all 52 due notifications, its key would be new and the first 31 sent again.
    // B even runs with another sender: the frozen batch is resent as it was accepted.
    a.advance(CLAIM_LEASE_MS + 1);
    const b = await resend.app({ ...env, MAIL_FROM: "Quorum <hello@quorum.example>" });
    await drain(b);

    const calls = fake.calls();
    const delivered = fake.delivered();
    const dupes = await duplicates(b, delivered);
    console.log("crash figures", {
      calls: calls.map((c) => ({ emails: c.emailCount, outcome: c.outcome, delivered: c.deliveredCount })),
      delivered: delivered.length,
      duplicates: dupes.byKindDealRecipient,
    });

    expect(calls.map((c) => [c.outcome, c.emailCount])).toEqual([
      ["ok", 31],
      ["replayed", 31],
      ["ok", 21],
    ]);
    expect(calls[1]?.idempotencyKey).toBe(calls[0]?.idempotencyKey);
    const frozen = crashed.map((r) => ({ key: r.key, ...(JSON.parse(r.frozen!) as { batch: string; email: never }) }));
    expect(frozen.every((f) => f.batch === calls[0]?.idempotencyKey)).toBe(true);
    expect(calls[0]?.idempotencyKey).toBe(batchKeyOf(frozen));
    expect(delivered).toHaveLength(52);
    expect(delivered.map((e) => e.from)).toEqual([...Array(31).fill(SENDER), ...Array(21).fill("Quorum <hello@quorum.example>")]);
    expect(dupes).toEqual({ byNotification: 0, byKindDealRecipient: 0, distinct: 52 });

    const rows = await b.notifications();
    expect(rows.every((r) => r.state === "sent")).toBe(true);
    // Sent, a notification keeps no copy of its email, nor a batch.
    expect(rows.every((r) => r.frozen === null && r.batchKey === null)).toBe(true);
    // The replay gave back the ids of the first send.
    const sentIds = new Set(delivered.map((e) => e.id));
    expect(rows.every((r) => sentIds.has(r.providerMessageId!))).toBe(true);
    expect(rows.filter((r) => r.dealId === first.deal.id).every((r) => r.attempts === 2)).toBe(true);
    expect(rows.filter((r) => r.dealId === second.deal.id).every((r) => r.attempts === 1)).toBe(true);
  });

  it("a batch in doubt stays in doubt: a later 429 on its retry does not let it re-form", async () => {
    // The first call is accepted but its answer is lost; the retry is refused with a 429, which
    // says nothing about the first call. The batch must still be resent whole, under its key.
    const { fake, ...resend } = await startResend({ faults: { script: ["drop-after-send", 429] } });
    const t = await resend.app();
    await t.built.background.stop();
    await dealWithParticipants(t, 10);
    await t.built.background.runNow();
    t.advance(60 * 60_000);
    await t.built.background.runNow();
    await dealWithParticipants(t, 5);
    t.advance(60 * 60_000);
    await drain(t);

    expect(fake.calls().map((c) => [c.outcome, c.emailCount])).toEqual([
      ["dropped-after-send", 11],
      ["fault", 11],
      ["replayed", 11],
      ["ok", 6],
    ]);
    expect(await duplicates(t, fake.delivered())).toEqual({ byNotification: 0, byKindDealRecipient: 0, distinct: 17 });
  });

  it("a lost answer keeps its batch: the retry resends the same members even when newer ones are due", async () => {
    const { fake, ...resend } = await startResend({ faults: { script: ["drop-after-send"] } });
    const t = await resend.app();
    await t.built.background.stop();
    const first = await dealWithParticipants(t, 10);
    await t.built.background.runNow();
    expect(fake.delivered()).toHaveLength(11);
    const lost = await t.notifications({ dealId: first.deal.id });
    expect(lost.every((r) => r.state === "pending" && /outcome unknown/.test(r.lastError ?? ""))).toBe(true);
    expect(new Set(lost.map((r) => r.nextAttemptAt.getTime())).size).toBe(1);

    await dealWithParticipants(t, 5);
    // Both are due now: the lost batch and the newer notifications.
    t.advance(60 * 60_000);
    await drain(t);

    expect(fake.calls().map((c) => [c.outcome, c.emailCount])).toEqual([
      ["dropped-after-send", 11],
      ["replayed", 11],
      ["ok", 6],
    ]);
    const dupes = await duplicates(t, fake.delivered());
    expect(dupes).toEqual({ byNotification: 0, byKindDealRecipient: 0, distinct: 17 });
  });
});
