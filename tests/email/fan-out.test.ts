// A deal with 250 participants confirms: 251 deal-confirmed emails in exactly 3 batch calls,
// through the real Resend SDK to the fake, in the order the notifications were created.
import { describe, expect, it } from "vitest";
import { dealWithParticipants } from "../setup/factories.ts";
import { APP_URL } from "../setup/harness.ts";
import { SENDER, startResend } from "../setup/resend.ts";
import { drain, duplicates, tagOf } from "./helpers.ts";

describe("fan-out", () => {
  it("a deal with 250 participants confirms: 251 distinct emails in 3 batch calls", async () => {
    const { fake, ...resend } = await startResend();
    const app = await resend.app();
    const { deal, initiator, users } = await dealWithParticipants(app, 250, { title: "Charter to Lisbon" });
    expect((await app.api("GET", `/api/deals/${deal.id}`)).json.deal.status).toBe("confirmed");

    await drain(app);

    const calls = fake.calls();
    const delivered = fake.delivered();
    const dupes = await duplicates(app, delivered);
    console.log("fan-out figures", {
      participants: users.length,
      calls: calls.length,
      emailsPerCall: calls.map((c) => c.emailCount),
      delivered: delivered.length,
      distinctRecipients: new Set(delivered.map((e) => e.to[0])).size,
      duplicates: dupes.byKindDealRecipient,
    });

    expect(calls).toHaveLength(3);
    expect(calls.map((c) => [c.path, c.status, c.batchValidation, c.emailCount])).toEqual([
      ["/emails/batch", 200, "permissive", 100],
      ["/emails/batch", 200, "permissive", 100],
      ["/emails/batch", 200, "permissive", 51],
    ]);
    expect(new Set(calls.map((c) => c.idempotencyKey)).size).toBe(3);
    expect(calls.every((c) => /^quorum-batch-v1-[0-9a-f]{64}$/.test(c.idempotencyKey ?? ""))).toBe(true);

    expect(delivered).toHaveLength(251);
    expect(dupes).toEqual({ byNotification: 0, byKindDealRecipient: 0, distinct: 251 });
    const recipients = new Set(delivered.map((e) => e.to[0]));
    expect(recipients).toEqual(new Set([initiator, ...users].map((u) => u.email)));
    expect(delivered.every((e) => tagOf(e, "kind") === "deal-confirmed")).toBe(true);
    expect(delivered.every((e) => e.subject.includes("Charter to Lisbon"))).toBe(true);
    expect(delivered.every((e) => e.from === SENDER)).toBe(true);

    // No attachments (the batch endpoint drops them); the trip's confirmation links to its calendar.
    expect(delivered.every((e) => !e.hasAttachments)).toBe(true);
    const calendar = `${APP_URL}/api/deals/${deal.id}/calendar.ics`;
    expect(delivered.every((e) => e.text?.includes(calendar) && e.html?.includes(calendar))).toBe(true);

    // In the order the notifications were created, each marked sent with the provider's id.
    const rows = await app.notifications({ dealId: deal.id });
    expect(rows).toHaveLength(251);
    expect(delivered.map((e) => Number(tagOf(e, "notification")))).toEqual(rows.map((r) => r.id));
    const idOf = new Map(delivered.map((e) => [Number(tagOf(e, "notification")), e.id]));
    for (const r of rows) {
      expect(r).toMatchObject({ state: "sent", attempts: 1, lastError: null, claimedBy: null });
      expect(r.providerMessageId).toBe(idOf.get(r.id));
      expect(r.payload).not.toContain('"out"');
    }

    const health = await app.api("GET", "/api/health");
    expect(health.json).toEqual({ ok: true });
    expect(await app.outbox()).toEqual({ pending: 0, sent: 251, failed: 0 });
  });
});
