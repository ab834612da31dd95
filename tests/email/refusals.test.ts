// What the provider refuses. A recipient refused for good fails alone, with the reason; the rest
// of its batch is delivered. A refused key or sender is ours to fix: the email is held, without
// using up its attempts, and goes out once an operator fixes the configuration.
import { describe, expect, it } from "vitest";
import { AUTH_RETRY_MS } from "../../api/outbox/resend.ts";
import { clock } from "../../api/clock.ts";
import { dealWithParticipants } from "../setup/factories.ts";
import { SENDER, startResend } from "../setup/resend.ts";
import { drain, duplicates } from "./helpers.ts";

describe("a recipient the provider refuses", () => {
  it("is marked failed with the reason and does not hold back the others", async () => {
    const { fake, ...resend } = await startResend({ rejectAddresses: ["bounced@example.com"] });
    const t = await resend.app();
    const emails: Record<number, string> = { 2: "bounced@example.com", 5: "broken@nowhere" };
    const { deal } = await dealWithParticipants(t, 8, { emailOf: (i) => emails[i] });
    await drain(t);

    // One call: permissive validation delivered the 7 good ones and named the 2 bad ones.
    expect(fake.calls()).toHaveLength(1);
    expect(fake.calls()[0]).toMatchObject({ batchValidation: "permissive", emailCount: 9, deliveredCount: 7 });
    const rows = await t.notifications({ dealId: deal.id });
    const failed = rows.filter((r) => r.state === "failed");
    expect(failed.map((r) => r.toEmail).sort()).toEqual(["bounced@example.com", "broken@nowhere"]);
    expect(failed.find((r) => r.toEmail === "bounced@example.com")?.lastError).toMatch(
      /^refused by Resend: .*bounced@example\.com was rejected/,
    );
    expect(failed.find((r) => r.toEmail === "broken@nowhere")?.lastError).toMatch(/^refused by Resend: Invalid `to` field/);
    expect(failed.every((r) => r.attempts === 1 && r.providerMessageId === null)).toBe(true);
    expect(rows.filter((r) => r.state === "sent")).toHaveLength(7);
    expect((await duplicates(t, fake.delivered())).distinct).toBe(7);

    // Not retried, and counted as failed (on /metrics since health became public).
    t.advance(24 * 3_600_000);
    await t.built.background.runNow();
    expect(fake.calls()).toHaveLength(1);
    expect(await t.outbox()).toEqual({ pending: 0, sent: 7, failed: 2 });
  });
});

describe("configuration the provider refuses", () => {
  it("a bad API key holds the email, loudly, until the key is fixed; then it goes out once", async () => {
    const { fake, ...resend } = await startResend({ invalidKeyStatus: 403 });
    const db = resend.database();
    const wrong = await resend.app({ DATABASE_URL: db, RESEND_API_KEY: "re_revoked_key" });
    await wrong.built.background.stop();
    await dealWithParticipants(wrong, 4);

    for (let i = 0; i < 30; i++) {
      if (i > 0) wrong.advance(AUTH_RETRY_MS + 1);
      await wrong.built.background.runNow();
    }
    expect(fake.calls()).toHaveLength(30);
    expect(fake.calls().every((c) => c.status === 403 && c.errorName === "invalid_api_key")).toBe(true);
    const held = await wrong.notifications();
    // Thirty refusals, yet nothing failed and no attempt was used up.
    expect(held.every((r) => r.state === "pending" && r.attempts === 0)).toBe(true);
    expect(held[0]?.lastError).toBe("403 invalid_api_key: API key is invalid.");
    expect(held[0]!.nextAttemptAt.getTime()).toBeGreaterThan(clock.nowMs());
    expect(await wrong.outbox()).toEqual({ pending: 5, sent: 0, failed: 0 });
    await wrong.close();

    // The operator fixes the key and restarts.
    const fixed = await resend.app({ DATABASE_URL: db });
    await drain(fixed);
    const rows = await fixed.notifications();
    expect(rows.every((r) => r.state === "sent" && r.attempts === 1 && r.lastError === null)).toBe(true);
    expect(fake.delivered()).toHaveLength(5);
  });

  it("a sender Resend refuses holds the email; after MAIL_FROM is fixed it is rendered again and sent", async () => {
    const { fake, ...resend } = await startResend();
    const db = resend.database();
    // An address without a domain Resend can send from (noreply@localhost itself is refused by
    // the configuration check at start).
    const bad = await resend.app({ DATABASE_URL: db, MAIL_FROM: "Quorum <noreply@mailhost>" });
    await bad.built.background.stop();
    await dealWithParticipants(bad, 3);
    await bad.built.background.runNow();
    const held = await bad.notifications();
    expect(held.every((r) => r.state === "pending" && r.attempts === 0)).toBe(true);
    expect(held[0]?.lastError).toMatch(/^refused by Resend: Invalid `from` field/);
    await bad.close();

    const fixed = await resend.app({ DATABASE_URL: db });
    bad.advance(AUTH_RETRY_MS + 1);
    await drain(fixed);
    expect(fake.delivered().map((e) => e.from)).toEqual(Array(4).fill(SENDER));
    expect((await fixed.notifications()).every((r) => r.state === "sent")).toBe(true);
  });
});
