// What the provider refuses. A recipient refused for good fails alone, with the reason; the rest
// of its batch is delivered. A refused key or sender is ours to fix: the email is held, without
// using up its attempts, and goes out once an operator fixes the configuration.
import { afterEach, describe, expect, it } from "vitest";
import { startFakeResend, type FakeResend } from "../setup/fake-resend.ts";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { AUTH_RETRY_MS } from "../../api/outbox/resend.ts";
import { clock } from "../../api/clock.ts";
import { dealWithParticipants, drain, duplicates, resendApp, resendEnv, SENDER, tempDatabase } from "./helpers.ts";

let fake: FakeResend | undefined;
const apps: TestApp[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  await fake?.close();
  fake = undefined;
  for (const c of cleanups.splice(0)) c();
});

async function open(env: Record<string, string>) {
  const app = await createTestApp(env);
  apps.push(app);
  return app;
}

describe("a recipient the provider refuses", () => {
  it("is marked failed with the reason and does not hold back the others", async () => {
    fake = await startFakeResend({ rateLimitPerSecond: 1000, rejectAddresses: ["bounced@example.com"] });
    const t = await resendApp(fake);
    apps.push(t);
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

    // Not retried, and counted on the health endpoint.
    t.advance(24 * 3_600_000);
    await t.built.background.runNow();
    expect(fake.calls()).toHaveLength(1);
    expect((await t.api("GET", "/api/health")).json.outbox).toEqual({ pending: 0, sent: 7, failed: 2 });
  });
});

describe("configuration the provider refuses", () => {
  it("a bad API key holds the email, loudly, until the key is fixed; then it goes out once", async () => {
    fake = await startFakeResend({ rateLimitPerSecond: 1000, invalidKeyStatus: 403 });
    const db = tempDatabase();
    cleanups.push(db.cleanup);
    const wrong = await open(resendEnv(fake, { DATABASE_URL: db.url, RESEND_API_KEY: "re_revoked_key" }));
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
    expect((await wrong.api("GET", "/api/health")).json.outbox).toEqual({ pending: 5, sent: 0, failed: 0 });
    await wrong.close();
    apps.splice(apps.indexOf(wrong), 1);

    // The operator fixes the key and restarts.
    const fixed = await open(resendEnv(fake, { DATABASE_URL: db.url }));
    await drain(fixed);
    const rows = await fixed.notifications();
    expect(rows.every((r) => r.state === "sent" && r.attempts === 1 && r.lastError === null)).toBe(true);
    expect(fake.delivered()).toHaveLength(5);
  });

  it("a sender Resend refuses holds the email; after MAIL_FROM is fixed it is rendered again and sent", async () => {
    fake = await startFakeResend({ rateLimitPerSecond: 1000 });
    const db = tempDatabase();
    cleanups.push(db.cleanup);
    // An address without a domain Resend can send from (noreply@localhost itself is refused by
    // the configuration check at start).
    const bad = await open(resendEnv(fake, { DATABASE_URL: db.url, MAIL_FROM: "Quorum <noreply@mailhost>" }));
    await bad.built.background.stop();
    await dealWithParticipants(bad, 3);
    await bad.built.background.runNow();
    const held = await bad.notifications();
    expect(held.every((r) => r.state === "pending" && r.attempts === 0)).toBe(true);
    expect(held[0]?.lastError).toMatch(/^refused by Resend: Invalid `from` field/);
    await bad.close();
    apps.splice(apps.indexOf(bad), 1);

    const fixed = await open(resendEnv(fake, { DATABASE_URL: db.url }));
    bad.advance(AUTH_RETRY_MS + 1);
    await drain(fixed);
    expect(fake.delivered().map((e) => e.from)).toEqual(Array(4).fill(SENDER));
    expect((await fixed.notifications()).every((r) => r.state === "sent")).toBe(true);
  });
});
