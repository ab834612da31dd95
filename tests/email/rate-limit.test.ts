// The pace of calls to Resend: never more than RESEND_MAX_RPS per second from one process, and
// none while Resend says the window is used up (ratelimit-remaining: 0) until ratelimit-reset.
// Counted where it matters: at the fake, by arrival time.
import { describe, expect, it } from "vitest";
import { Pacer } from "../../api/outbox/resend.ts";
import type { OutgoingEmail } from "../../api/outbox/transport.ts";
import { dealWithParticipants } from "../setup/factories.ts";
import type { RecordedCall } from "../setup/fake-resend.ts";
import { SENDER, startResend } from "../setup/resend.ts";

/** The most calls that arrived within any one second. */
function busiestSecond(calls: RecordedCall[]): number {
  let most = 0;
  for (const c of calls) most = Math.max(most, calls.filter((d) => d.at >= c.at && d.at - c.at < 1000).length);
  return most;
}

const email = (i: number): OutgoingEmail => ({
  notificationId: i,
  idempotencyKey: `test:${i}`,
  kind: "deal-confirmed",
  from: SENDER,
  to: `user${i}@example.com`,
  subject: `Email ${i}`,
  text: "Hello",
  html: "<p>Hello</p>",
  links: [],
});

describe("rate limit", () => {
  it("RESEND_MAX_RPS=2: six batches at once go out at most two a second, none refused", async () => {
    const { fake, ...resend } = await startResend({ rateLimitPerSecond: 2 });
    const transport = resend.transport({ maxRps: 2 });
    const started = performance.now();
    const results = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) => transport.send([email(i)], { batchKey: `rate-${i}` })),
    );
    const elapsed = performance.now() - started;
    const calls = fake.calls();
    console.log("rate limit 2/s", { calls: calls.length, busiestSecond: busiestSecond(calls), elapsedMs: Math.round(elapsed) });

    expect(results.flat().every((r) => r.ok)).toBe(true);
    expect(calls.map((c) => c.outcome)).toEqual(Array(6).fill("ok"));
    expect(busiestSecond(calls)).toBeLessThanOrEqual(2);
    expect(elapsed).toBeGreaterThanOrEqual(2500);
  });

  it("waits for ratelimit-reset when Resend says ratelimit-remaining is 0", async () => {
    // Our own limit is high; Resend's is 3 a second, and its headers say so.
    const { fake, ...resend } = await startResend({ rateLimitPerSecond: 3 });
    const transport = resend.transport();
    const results = await Promise.all(
      [0, 1, 2, 3, 4, 5, 6].map((i) => transport.send([email(i)], { batchKey: `reset-${i}` })),
    );
    const calls = fake.calls();
    console.log("ratelimit-remaining 0", { calls: calls.length, busiestSecond: busiestSecond(calls) });
    expect(results.flat().every((r) => r.ok)).toBe(true);
    expect(calls.map((c) => c.outcome)).toEqual(Array(7).fill("ok"));
    expect(busiestSecond(calls)).toBeLessThanOrEqual(3);
  });

  it("the app's dispatcher keeps to RESEND_MAX_RPS", async () => {
    const { fake, ...resend } = await startResend({ rateLimitPerSecond: 2 });
    const app = await resend.app({ RESEND_MAX_RPS: "2" });
    await app.built.background.stop();
    await dealWithParticipants(app, 220);
    await app.built.background.runNow();
    const calls = fake.calls();
    expect(calls.map((c) => [c.outcome, c.emailCount])).toEqual([
      ["ok", 100],
      ["ok", 100],
      ["ok", 21],
    ]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(490);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(490);
    expect(busiestSecond(calls)).toBeLessThanOrEqual(2);
  });

  it("a long wait is not spent holding a claim: the batch is deferred, unsent", async () => {
    const pacer = new Pacer(2);
    pacer.observe({ "ratelimit-limit": "2", "ratelimit-remaining": "0", "ratelimit-reset": "30" }, 200);
    let ran = false;
    const turn = await pacer.run(async () => (ran = true), 10_000);
    expect(ran).toBe(false);
    expect(turn).toMatchObject({ ran: false });
    expect(turn.ran === false && turn.waitMs).toBeGreaterThan(29_000);
  });
});
