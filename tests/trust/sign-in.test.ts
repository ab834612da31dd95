// Sign-in hardening and abuse limits, beyond the token tests in tests/api/auth.test.ts: per-IP
// limits on sign-in emails over real sockets, per-address limits that ignore letter case, no user
// enumeration by answer or by timing, and the per-user limits on proposing deals and on joining.
// RATE_LIMITS=off turns every limit off.
import { beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { clock } from "../../api/clock.ts";
import { createTestApp, startTestServer } from "../setup/harness.ts";
import { LIMITS } from "../../api/http/rate-limit.ts";
import { dbFingerprint } from "../setup/db.ts";

// The sign-in limits count in fixed windows (kept in the database): each test starts just after an
// hour begins, so no window boundary falls inside a test.
beforeEach(() => clock.setOffset(clock.offsetMs() + 3_600_000 - (clock.nowMs() % 3_600_000) + 1_000));

const signIn = (app: { api: Awaited<ReturnType<typeof createTestApp>>["api"] }, email: string, headers?: Record<string, string>) =>
  app.api("POST", "/api/auth/email", { body: { email }, headers });

function expectRateLimited(res: { status: number; json: any; headers: Headers }, windowMs: number) {
  expect(res.status).toBe(429);
  expect(res.json).toEqual({ error: { code: "RATE_LIMITED", message: expect.any(String) } });
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowMs / 1000);
}

describe("sign-in emails", () => {
  it(`are limited to ${LIMITS.signInPerIp.limit} per IP address, by the socket's address, not a forged header`, async () => {
    const server = await startTestServer({ RATE_LIMITS: "on" });
    onTestFinished(() => server.close());

    for (let i = 0; i < LIMITS.signInPerIp.limit; i++) {
      // Each from a different address and with a different forged client IP: only the socket counts.
      const res = await signIn(server, `user${i}@example.com`, { "cf-connecting-ip": `10.0.0.${i}`, "x-forwarded-for": `10.0.1.${i}` });
      expect(res.status, `request ${i + 1}`).toBe(202);
    }
    // Let the outbox deliver the 30 links first: the snapshot is of a database at rest.
    await server.built.background.runNow();
    const before = dbFingerprint(server.built.db.raw);

    const res = await signIn(server, "one-more@example.com", { "cf-connecting-ip": "10.9.9.9" });

    expectRateLimited(res, LIMITS.signInPerIp.windowMs);
    expect(dbFingerprint(server.built.db.raw)).toEqual(before);
  });

  it("count an IPv6 client by its /64, which one host can rotate through, and IPv4 by address", async () => {
    // app.request has no socket: the address comes from cf-connecting-ip, as on Workers.
    const app = await createTestApp({ RATE_LIMITS: "on" });
    onTestFinished(() => app.close());
    const from = (ip: string, i: number) => signIn(app, `user${i}@example.com`, { "cf-connecting-ip": ip });

    for (let i = 0; i < LIMITS.signInPerIp.limit; i++) {
      expect((await from(`2001:db8:1:2::${(i + 1).toString(16)}`, i)).status).toBe(202);
    }
    expectRateLimited(await from("2001:0db8:0001:0002:ffff:ffff:ffff:ffff", 100), LIMITS.signInPerIp.windowMs);
    expect((await from("2001:db8:1:3::1", 101)).status).toBe(202);
    // IPv4 clients, also when written as IPv4-mapped IPv6 addresses, are one address each.
    for (let i = 0; i < LIMITS.signInPerIp.limit; i++) expect((await from(`::ffff:10.0.0.${i}`, 200 + i)).status).toBe(202);
    expect((await from("10.0.0.99", 300)).status).toBe(202);
  });

  it(`are limited to ${LIMITS.signInPerEmail.limit} per address, whatever its letter case`, async () => {
    const app = await createTestApp({ RATE_LIMITS: "on" });
    onTestFinished(() => app.close());
    const spellings = ["ada@example.com", "Ada@example.com", "ADA@EXAMPLE.COM", "ada@Example.com", "aDa@example.com"];

    for (const email of spellings) expect((await signIn(app, email)).status).toBe(202);
    const res = await signIn(app, "Ada@Example.Com");

    expectRateLimited(res, LIMITS.signInPerEmail.windowMs);
    expect(await app.deps.prisma.signInToken.count()).toBe(LIMITS.signInPerEmail.limit);
    // Another address from the same client is not held up by Ada's limit.
    expect((await signIn(app, "bob@example.com")).status).toBe(202);
  });

  it("open again when the window has passed", async () => {
    const app = await createTestApp({ RATE_LIMITS: "on" });
    onTestFinished(() => app.close());
    for (let i = 0; i < LIMITS.signInPerEmail.limit; i++) await signIn(app, "ada@example.com");
    expect((await signIn(app, "ada@example.com")).status).toBe(429);

    app.advance(LIMITS.signInPerEmail.windowMs);

    expect((await signIn(app, "ada@example.com")).status).toBe(202);
  });

  it("answer a known address's limit exactly like an unknown one's", async () => {
    const app = await createTestApp({ RATE_LIMITS: "on" });
    onTestFinished(() => app.close());
    const known = await app.createUser({ email: "known@example.com" });
    const answers = [];
    for (const email of [known.email, "unknown@example.com"]) {
      const all = [];
      for (let i = 0; i <= LIMITS.signInPerEmail.limit; i++) all.push(await signIn(app, email));
      answers.push(all.map((r) => `${r.status} ${r.text} ${r.headers.get("retry-after") !== null}`));
    }

    expect(answers[0]).toEqual(answers[1]);
  });

  it("are not limited with RATE_LIMITS=off", async () => {
    const app = await createTestApp({ RATE_LIMITS: "off" });
    onTestFinished(() => app.close());

    for (let i = 0; i < LIMITS.signInPerEmail.limit * 3; i++) expect((await signIn(app, "ada@example.com")).status).toBe(202);
  });
});

describe("no user enumeration by timing", () => {
  const median = (xs: number[]) => {
    const s = xs.toSorted((a, b) => a - b);
    const mid = s.length >> 1;
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  };
  const quantile = (xs: number[], q: number) => xs.toSorted((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;

  it("a sign-in email for a known address takes as long as one for an unknown address", async () => {
    const app = await createTestApp();
    onTestFinished(() => app.close());
    const N = 50;
    const known: string[] = [];
    for (let i = 0; i < N; i++) known.push((await app.createUser({ email: `known${i}@example.com` })).email);
    const unknown = Array.from({ length: N }, (_, i) => `unknown${i}@example.com`);
    // Known addresses are asked for again in later rounds; with the limits off that is allowed.
    const time = async (email: string) => {
      const started = performance.now();
      const res = await app.request("/api/auth/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email }),
      });
      await res.text();
      const ms = performance.now() - started;
      expect(res.status).toBe(202);
      // Let the dispatch the request queued run now, not inside the next measurement.
      await app.built.background.runNow();
      return ms;
    };
    for (let i = 0; i < 20; i++) await time(`warm-up${i}@example.com`);

    // Interleaved, alternating which goes first, so drift in the machine's load hits both alike.
    const measure = async (round: number) => {
      const k: number[] = [];
      const u: number[] = [];
      for (let i = 0; i < N; i++) {
        const [kEmail, uEmail] = [known[i]!, `${round}-${unknown[i]!}`];
        if (i % 2) {
          k.push(await time(kEmail));
          u.push(await time(uEmail));
        } else {
          u.push(await time(uEmail));
          k.push(await time(kEmail));
        }
      }
      // The spread within each group: pooling them would widen it by the very difference sought.
      const iqr = (xs: number[]) => quantile(xs, 0.75) - quantile(xs, 0.25);
      const spread = (iqr(k) + iqr(u)) / 2;
      const difference = Math.abs(median(k) - median(u));
      console.log(
        `sign-in timing, round ${round}: known median ${median(k).toFixed(3)} ms, unknown median ${median(u).toFixed(3)} ms, ` +
          `interquartile range ${spread.toFixed(3)} ms (${N} each)`,
      );
      return { difference, spread };
    };

    // A leak is a systematic difference (a lookup, a second write, a send): it shows in every
    // round. Noise between identical paths is a fraction of the spread, and rarely over half of it;
    // a round is repeated at most twice, so a busy machine does not fail the test by chance.
    // 0.1 ms is the floor for a machine so quiet that the spread is near zero.
    let result = await measure(1);
    for (let round = 2; round <= 3 && result.difference > Math.max(result.spread / 2, 0.1); round++) {
      result = await measure(round);
    }
    expect(result.difference).toBeLessThanOrEqual(Math.max(result.spread / 2, 0.1));
  });
});

describe("per-user limits", () => {
  it(`allow ${LIMITS.proposalsPerUser.limit} proposals an hour, then answer 429 and create nothing`, async () => {
    const app = await createTestApp({ RATE_LIMITS: "on" });
    onTestFinished(() => app.close());
    const ada = await app.createUser();
    for (let i = 0; i < LIMITS.proposalsPerUser.limit; i++) {
      expect((await app.api("POST", "/api/deals", { as: ada, body: app.dealInput() })).status).toBe(201);
    }
    const before = dbFingerprint(app.built.db.raw);

    const res = await app.api("POST", "/api/deals", { as: ada, body: app.dealInput() });

    expectRateLimited(res, LIMITS.proposalsPerUser.windowMs);
    expect(dbFingerprint(app.built.db.raw)).toEqual(before);
    // The limit is Ada's alone, and it lifts after the window.
    expect((await app.api("POST", "/api/deals", { as: await app.createUser(), body: app.dealInput() })).status).toBe(201);
    app.advance(LIMITS.proposalsPerUser.windowMs);
    expect((await app.api("POST", "/api/deals", { as: ada, body: app.dealInput() })).status).toBe(201);
  });

  it(`allow ${LIMITS.joinsPerUser.limit} joins a minute, then answer 429 and change nothing`, async () => {
    const app = await createTestApp({ RATE_LIMITS: "on" });
    onTestFinished(() => app.close());
    const ada = await app.createUser();
    const { deal } = await app.createDeal({ threshold: 50 });
    const { deal: other } = await app.createDeal({ threshold: 50 });
    // Every attempt counts, refused ones too: a script cannot probe without limit.
    expect((await app.join(ada, deal.id, 1)).status).toBe(201);
    for (let i = 1; i < LIMITS.joinsPerUser.limit; i++) expect((await app.join(ada, deal.id, 1)).status).toBe(409);
    const before = dbFingerprint(app.built.db.raw);

    const res = await app.join(ada, other.id, 1);

    expectRateLimited(res, LIMITS.joinsPerUser.windowMs);
    expect(dbFingerprint(app.built.db.raw)).toEqual(before);
    expect((await app.join(await app.createUser(), other.id, 1)).status).toBe(201);
    app.advance(LIMITS.joinsPerUser.windowMs);
    expect((await app.join(ada, other.id, 1)).status).toBe(201);
  });

  it("are off with RATE_LIMITS=off", async () => {
    const app = await createTestApp({ RATE_LIMITS: "off" });
    onTestFinished(() => app.close());
    const ada = await app.createUser();
    for (let i = 0; i <= LIMITS.proposalsPerUser.limit + 5; i++) {
      expect((await app.api("POST", "/api/deals", { as: ada, body: app.dealInput() })).status).toBe(201);
    }
    const { deal } = await app.createDeal();
    for (let i = 0; i <= LIMITS.joinsPerUser.limit + 5; i++) expect((await app.join(ada, deal.id, 1)).status).toBeLessThan(429);
  });
});
