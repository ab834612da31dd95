// Development mode: GET /api/dev/mailbox, GET and POST /api/dev/clock, POST /api/dev/sweep.
// In production (or with a real mail provider) every one of them answers 404.
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { clock } from "../../api/clock.ts";

const DAY = 24 * 3_600_000;

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

const askForLink = (email: string) => app.api("POST", "/api/auth/email", { body: { email } });

describe("GET /api/dev/mailbox", () => {
  it("lists the emails that were sent, newest first", async () => {
    await askForLink("ada@example.com");
    await askForLink("bob@example.com");
    await app.built.background.runNow();

    const res = await app.api("GET", "/api/dev/mailbox");

    expect(res.status).toBe(200);
    expect(res.json.items.map((m: { to: string }) => m.to)).toEqual(["bob@example.com", "ada@example.com"]);
    expect(res.json.items[0]).toEqual({
      id: expect.any(Number),
      kind: "sign-in",
      to: "bob@example.com",
      subject: expect.stringMatching(/\S/),
      text: expect.stringContaining("/auth/callback?token="),
      html: expect.stringContaining("/auth/callback?token="),
      links: [expect.stringMatching(/^http:\/\/localhost:3000\/auth\/callback\?token=/)],
      createdAt: expect.any(String),
    });
  });

  it("filters by recipient, ignoring case", async () => {
    await askForLink("ada@example.com");
    await askForLink("bob@example.com");
    await askForLink("ada@example.com");
    await app.built.background.runNow();

    const res = await app.api("GET", "/api/dev/mailbox?to=ADA@example.com");

    expect(res.status).toBe(200);
    expect(res.json.items.map((m: { to: string }) => m.to)).toEqual(["ada@example.com", "ada@example.com"]);
    expect((await app.api("GET", "/api/dev/mailbox?to=nobody@example.com")).json.items).toEqual([]);
  });

  it.each([
    ["a recipient that is not an email", "?to=ada", "to"],
    ["a limit of 0", "?limit=0", "limit"],
  ])("answers 400 VALIDATION_FAILED for %s", async (_, query, path) => {
    const res = await app.api("GET", `/api/dev/mailbox${query}`);

    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
    expect(res.json.error.issues).toEqual([{ path, message: expect.any(String) }]);
  });
});

describe("/api/dev/clock", () => {
  it("runs the server's clock ahead, so deals reach their deadline", async () => {
    const { deal } = await app.createDeal();

    const set = await app.api("POST", "/api/dev/clock", { body: { offsetMs: 8 * DAY } });

    expect(set.status).toBe(200);
    expect(set.json.offsetMs).toBe(8 * DAY);
    expect(Date.parse(set.json.now) - Date.now()).toBeGreaterThan(8 * DAY - 60_000);
    expect((await app.api("GET", "/api/dev/clock")).json.offsetMs).toBe(8 * DAY);
    expect((await app.api("GET", `/api/deals/${deal.id}`)).json.deal.status).toBe("failed");
    const join = await app.join(await app.createUser(), deal.id, 1);
    expect(join.json.error.code).toBe("DEAL_CLOSED");
  });

  it("sets the offset rather than adding to it, and can set it back to 0", async () => {
    await app.api("POST", "/api/dev/clock", { body: { offsetMs: 5_000 } });
    await app.api("POST", "/api/dev/clock", { body: { offsetMs: 7_000 } });
    expect(clock.offsetMs()).toBe(7_000);

    const res = await app.api("POST", "/api/dev/clock", { body: { offsetMs: 0 } });

    expect(res.json.offsetMs).toBe(0);
    expect(clock.offsetMs()).toBe(0);
  });

  it.each([
    ["a negative offset", { offsetMs: -1 }],
    ["a fractional offset", { offsetMs: 1.5 }],
    ["an offset over 400 days", { offsetMs: 401 * DAY }],
    ["a missing offset", {}],
  ])("rejects %s with 400 VALIDATION_FAILED and leaves the clock alone", async (_, body) => {
    await app.api("POST", "/api/dev/clock", { body: { offsetMs: 1_000 } });

    const res = await app.api("POST", "/api/dev/clock", { body });

    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
    expect(res.json.error.issues).toEqual([{ path: "offsetMs", message: expect.any(String) }]);
    expect(clock.offsetMs()).toBe(1_000);
  });
});

describe("POST /api/dev/sweep", () => {
  it("fails expired deals, sends what is due, and answers when both are done", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 5 });
    const ada = await app.createUser({ email: "ada@example.com" });
    await app.join(ada, deal.id, 1);
    await app.createDeal({ deadline: new Date(Date.now() + 30 * DAY).toISOString() });
    await app.api("POST", "/api/dev/clock", { body: { offsetMs: 8 * DAY } });

    const res = await app.api("POST", "/api/dev/sweep");

    expect(res.status).toBe(200);
    expect(res.json).toEqual({ failed: 1, sent: 2, retried: 0, undeliverable: 0 });
    expect((await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).status).toBe("failed");
    const failedMail = await app.api("GET", "/api/dev/mailbox");
    expect(failedMail.json.items.map((m: { kind: string; to: string }) => [m.kind, m.to]).sort()).toEqual(
      [
        ["deal-failed", "ada@example.com"],
        ["deal-failed", initiator.email],
      ].sort(),
    );
    expect((await app.api("POST", "/api/dev/sweep")).json).toEqual({ failed: 0, sent: 0, retried: 0, undeliverable: 0 });
  });
});

describe("outside development mode", () => {
  it.each([
    ["in production with a mail provider", { NODE_ENV: "production", RESEND_API_KEY: "re_x" }],
    ["in production", { NODE_ENV: "production" }],
    ["with a mail provider", { RESEND_API_KEY: "re_x" }],
  ])("answers 404 on every /api/dev route %s", async (_, env) => {
    const prod = await createTestApp(env);
    onTestFinished(() => prod.close());

    const answers = [
      await prod.api("GET", "/api/dev/mailbox"),
      await prod.api("GET", "/api/dev/clock"),
      await prod.api("POST", "/api/dev/clock", { body: { offsetMs: 8 * DAY } }),
      await prod.api("POST", "/api/dev/sweep"),
    ];

    expect(answers.map((r) => [r.status, r.json.error.code])).toEqual(Array(4).fill([404, "NOT_FOUND"]));
    expect(clock.offsetMs()).toBe(0);
    const doc = await prod.api("GET", "/api/openapi.json");
    expect(Object.keys(doc.json.paths).filter((p) => p.startsWith("/dev"))).toEqual([]);
  });
});
