// The sign-in limits kept in the database: they hold across a restart and across two servers on
// one database file (as two processes or Worker isolates would be), and a global hourly cap on
// sign-in emails logs a warning when it is reached and then refuses. The sweep purges windows
// that have passed.
import { beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { createTestApp, startTestServer } from "../setup/harness.ts";
import { tempDatabase } from "../setup/db.ts";
import { LIMITS } from "../../api/http/rate-limit.ts";
import { clock } from "../../api/clock.ts";

const HOUR = 3_600_000;

// The limits count in fixed windows: each test starts just after an hour begins, when every window
// (15 minutes, an hour) has just opened, so no boundary falls inside a test.
beforeEach(() => clock.setOffset(clock.offsetMs() + HOUR - (clock.nowMs() % HOUR) + 1_000));

type Server = Awaited<ReturnType<typeof startTestServer>>;
const signIn = (s: Pick<Server, "api">, email: string, headers?: Record<string, string>) =>
  s.api("POST", "/api/auth/email", { body: { email }, headers });

function sharedDatabase() {
  const db = tempDatabase();
  onTestFinished(db.cleanup);
  return db.url;
}

async function server(env: Record<string, string>) {
  const s = await startTestServer({ RATE_LIMITS: "on", ...env });
  onTestFinished(() => s.close());
  return s;
}

describe("the per-address sign-in limits", () => {
  it("hold across a restart on the same database file", async () => {
    const DATABASE_URL = sharedDatabase();
    const first = await server({ DATABASE_URL });
    for (let i = 0; i < LIMITS.signInPerIp.limit - 1; i++) expect((await signIn(first, `user${i}@example.com`)).status).toBe(202);
    await first.close();

    const second = await server({ DATABASE_URL });
    expect((await signIn(second, "last@example.com")).status).toBe(202);
    const refused = await signIn(second, "one-more@example.com");
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("RATE_LIMITED");
    expect(await second.deps.prisma.signInToken.count()).toBe(LIMITS.signInPerIp.limit);
  });

  it("hold in sum across two servers on one database file, requests alternating", async () => {
    const DATABASE_URL = sharedDatabase();
    const servers = [await server({ DATABASE_URL }), await server({ DATABASE_URL })];
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.signInPerIp.limit + 4; i++) statuses.push((await signIn(servers[i % 2]!, `user${i}@example.com`)).status);

    expect(statuses.filter((s) => s === 202)).toHaveLength(LIMITS.signInPerIp.limit);
    expect(statuses.slice(LIMITS.signInPerIp.limit)).toEqual([429, 429, 429, 429]);
    expect(await servers[0]!.deps.prisma.signInToken.count()).toBe(LIMITS.signInPerIp.limit);
  });

  it("hold per email address across two servers, whatever the client", async () => {
    const DATABASE_URL = sharedDatabase();
    const servers = [await server({ DATABASE_URL }), await server({ DATABASE_URL })];
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.signInPerEmail.limit + 2; i++) statuses.push((await signIn(servers[i % 2]!, "Ada@example.com")).status);

    expect(statuses).toEqual([...Array(LIMITS.signInPerEmail.limit).fill(202), 429, 429]);
  });

  it("are windows in the database that the sweep purges once they have passed", async () => {
    const app = await createTestApp({ RATE_LIMITS: "on" });
    onTestFinished(() => app.close());
    await signIn(app, "ada@example.com", { "cf-connecting-ip": "192.0.2.1" });
    const keys = (await app.deps.prisma.rateCounter.findMany({ orderBy: { key: "asc" } })).map((r) => [r.key, r.count]);
    expect(keys).toEqual([
      ["sign-in:all", 1],
      ["sign-in:email:ada@example.com", 1],
      ["sign-in:ip:192.0.2.1", 1],
    ]);

    app.advance(LIMITS.signInPerIp.windowMs);
    await app.built.background.runNow();
    // The per-address windows (15 minutes) have passed; the hourly cap's has not.
    expect((await app.deps.prisma.rateCounter.findMany()).map((r) => r.key)).toEqual(["sign-in:all"]);
    app.advance(HOUR);
    await app.built.background.runNow();
    expect(await app.deps.prisma.rateCounter.count()).toBe(0);
  });
});

describe("the global cap on sign-in emails", () => {
  it("refuses past SIGN_IN_EMAILS_PER_HOUR, whoever asks, and logs a warning once when reached", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    onTestFinished(() => spy.mockRestore());
    const app = await createTestApp({ RATE_LIMITS: "on", SIGN_IN_EMAILS_PER_HOUR: "3", LOG_LEVEL: "warn" });
    onTestFinished(() => app.close());
    // Every request from another client for another address: only the cap can stop them.
    const ask = (i: number) => signIn(app, `user${i}@example.com`, { "cf-connecting-ip": `192.0.2.${i}` });

    expect([(await ask(1)).status, (await ask(2)).status]).toEqual([202, 202]);
    expect(lines.filter((l) => l.includes("hourly cap"))).toEqual([]);
    expect((await ask(3)).status).toBe(202);
    const refused = await ask(4);
    expect((await ask(5)).status).toBe(429);

    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("RATE_LIMITED");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(3600);
    const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l.level === "warn");
    expect(warnings).toEqual([expect.objectContaining({ msg: expect.stringContaining("hourly cap"), cap: 3, variable: "SIGN_IN_EMAILS_PER_HOUR" })]);
    expect(await app.deps.prisma.signInToken.count()).toBe(3);

    // The next hour, sign-in emails go out again.
    app.advance(3_600_000);
    expect((await ask(6)).status).toBe(202);
  });

  it("defaults to 1,000 an hour", async () => {
    const app = await createTestApp();
    onTestFinished(() => app.close());
    expect(app.deps.config.signInEmailsPerHour).toBe(1000);
  });
});
