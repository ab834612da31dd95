// Sign-in by email link, sessions and sign-out, through the real flow: the outbox delivers the
// link to the development mailbox, and the test reads it from GET /api/dev/mailbox.
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { cookieFrom, latestSignInToken, requestSignInToken, signIn } from "../setup/sign-in.ts";
import { tableCounts } from "../setup/db.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

describe("POST /api/auth/email", () => {
  it("answers 202 for an unknown address, sends a link, and creates no user yet", async () => {
    const res = await app.api("POST", "/api/auth/email", { body: { email: "Ada@Example.com" } });

    expect(res.status).toBe(202);
    expect(res.json).toEqual({ ok: true });
    expect(await app.deps.prisma.user.count()).toBe(0);
    expect(await app.deps.prisma.signInToken.count()).toBe(1);

    await app.built.background.runNow();
    const mailbox = await app.api("GET", "/api/dev/mailbox?to=ada@example.com");
    expect(mailbox.json.items).toHaveLength(1);
    const [mail] = mailbox.json.items;
    expect(mail.kind).toBe("sign-in");
    expect(mail.to).toBe("ada@example.com");
    expect(mail.links[0]).toMatch(/^http:\/\/localhost:3000\/auth\/callback\?token=[A-Za-z0-9_-]{43}$/);
  });

  it("answers a known address exactly like an unknown one", async () => {
    const known = await app.createUser({ email: "known@example.com" });

    const forKnown = await app.api("POST", "/api/auth/email", { body: { email: known.email } });
    const forUnknown = await app.api("POST", "/api/auth/email", { body: { email: "unknown@example.com" } });

    expect(forKnown.status).toBe(202);
    expect(forUnknown.status).toBe(202);
    expect(forKnown.text).toBe(forUnknown.text);
    expect(await app.deps.prisma.user.count()).toBe(1);
    await app.built.background.runNow();
    expect(await latestSignInToken(app, "known@example.com")).toHaveLength(43);
    expect(await latestSignInToken(app, "unknown@example.com")).toHaveLength(43);
  });

  it.each([
    ["not an email", { email: "ada-at-example.com" }],
    ["a missing email", {}],
    ["an email over 254 characters", { email: `${"a".repeat(250)}@example.com` }],
    ["an unknown locale", { email: "ada@example.com", locale: "fr" }],
  ])("rejects %s with 400 VALIDATION_FAILED and stores nothing", async (_, body) => {
    const before = await tableCounts(app);

    const res = await app.api("POST", "/api/auth/email", { body });

    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
    expect(res.json.error.issues).toEqual([
      { path: "locale" in body ? "locale" : "email", message: expect.any(String) },
    ]);
    expect(await tableCounts(app)).toEqual(before);
  });

  it("answers 429 with retry-after after five links to one address in 15 minutes", async () => {
    const limited = await createTestApp({ RATE_LIMITS: "on" });
    onTestFinished(() => limited.close());

    for (let i = 0; i < 5; i++) {
      expect((await limited.api("POST", "/api/auth/email", { body: { email: "ada@example.com" } })).status).toBe(202);
    }
    const res = await limited.api("POST", "/api/auth/email", { body: { email: "ada@example.com" } });

    expect(res.status).toBe(429);
    expect(res.json.error.code).toBe("RATE_LIMITED");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
    expect(await limited.deps.prisma.signInToken.count()).toBe(5);
  });
});

describe("POST /api/auth/callback", () => {
  it("exchanges the token for a user and an HttpOnly, SameSite=Lax session cookie", async () => {
    const token = await requestSignInToken(app, "ada@example.com");

    const res = await app.api("POST", "/api/auth/callback", { body: { token } });

    expect(res.status).toBe(200);
    expect(res.json.user).toEqual({
      id: expect.any(String),
      email: "ada@example.com",
      displayName: expect.any(String),
      locale: "en",
      nameChosen: false,
      timeZone: null,
    });
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^quorum_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).toContain(`Max-Age=${30 * 24 * 3600}`);
    expect(setCookie).not.toMatch(/Secure/i);

    const me = await app.api("GET", "/api/me", { headers: { cookie: cookieFrom(setCookie) } });
    expect(me.status).toBe(200);
    expect(me.json.user.id).toBe(res.json.user.id);
  });

  it("marks the cookie Secure when APP_URL is https", async () => {
    const secure = await createTestApp({ APP_URL: "https://quorum.example" });
    onTestFinished(() => secure.close());

    const { setCookie } = await signIn(secure, "ada@example.com");

    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    const mailbox = await secure.api("GET", "/api/dev/mailbox?to=ada@example.com");
    expect(mailbox.json.items[0].links[0]).toMatch(/^https:\/\/quorum\.example\/auth\/callback\?token=/);
  });

  it("accepts a token only once", async () => {
    const token = await requestSignInToken(app, "ada@example.com");
    expect((await app.api("POST", "/api/auth/callback", { body: { token } })).status).toBe(200);
    const before = await tableCounts(app);

    const again = await app.api("POST", "/api/auth/callback", { body: { token } });

    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe("TOKEN_INVALID");
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await tableCounts(app)).toEqual(before);
  });

  it("accepts a token within 10 minutes and refuses it after", async () => {
    const fresh = await requestSignInToken(app, "fresh@example.com");
    const stale = await requestSignInToken(app, "stale@example.com");

    app.advance(10 * MINUTE - 5_000);
    expect((await app.api("POST", "/api/auth/callback", { body: { token: fresh } })).status).toBe(200);

    app.advance(5_000);
    const late = await app.api("POST", "/api/auth/callback", { body: { token: stale } });
    expect(late.status).toBe(400);
    expect(late.json.error.code).toBe("TOKEN_INVALID");
    expect(await app.deps.prisma.user.count({ where: { email: "stale@example.com" } })).toBe(0);
  });

  it("refuses a token it never gave out and creates nothing", async () => {
    await requestSignInToken(app, "ada@example.com");
    const before = await tableCounts(app);

    const res = await app.api("POST", "/api/auth/callback", { body: { token: "A".repeat(43) } });

    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("TOKEN_INVALID");
    expect(await tableCounts(app)).toEqual(before);
  });

  it.each([
    ["a missing token", {}],
    ["a token that is too short", { token: "short" }],
    ["a token that is not a string", { token: 42 }],
  ])("rejects %s with 400 VALIDATION_FAILED", async (_, body) => {
    const before = await tableCounts(app);

    const res = await app.api("POST", "/api/auth/callback", { body });

    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
    expect(res.json.error.issues).toEqual([{ path: "token", message: expect.any(String) }]);
    expect(await tableCounts(app)).toEqual(before);
  });

  it("stores only a hash of the token: after sending, the raw token is in no table", async () => {
    const token = await requestSignInToken(app, "ada@example.com");

    const tokens = await app.deps.prisma.signInToken.findMany();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.id).toBe(createHash("sha256").update(token).digest("hex"));
    const notifications = await app.deps.prisma.notification.findMany();
    expect(notifications.map((n) => [n.kind, n.state])).toEqual([["sign-in", "sent"]]);
    expect(JSON.stringify(tokens)).not.toContain(token);
    expect(JSON.stringify(notifications)).not.toContain(token);
  });

  it("creates the user at the first sign-in and reuses it, with a new session each time", async () => {
    const first = await signIn(app, "ada@example.com");
    const second = await signIn(app, "ada@example.com");

    expect(second.user.id).toBe(first.user.id);
    expect(second.cookie).not.toBe(first.cookie);
    expect(await app.deps.prisma.user.count()).toBe(1);
    expect(await app.deps.prisma.session.count({ where: { userId: first.user.id } })).toBe(2);
    // Two browsers, two sessions: both work.
    expect((await app.api("GET", "/api/me", { headers: { cookie: first.cookie } })).status).toBe(200);
    expect((await app.api("GET", "/api/me", { headers: { cookie: second.cookie } })).status).toBe(200);
  });

  it("ends the older session when the same browser signs in again", async () => {
    const first = await signIn(app, "ada@example.com");
    const token = await requestSignInToken(app, "ada@example.com");

    const res = await app.api("POST", "/api/auth/callback", { body: { token }, headers: { cookie: first.cookie } });

    expect(res.status).toBe(200);
    expect((await app.api("GET", "/api/me", { headers: { cookie: first.cookie } })).status).toBe(401);
    const fresh = cookieFrom(res.headers.get("set-cookie"));
    expect((await app.api("GET", "/api/me", { headers: { cookie: fresh } })).status).toBe(200);
    expect(await app.deps.prisma.session.count()).toBe(1);
  });
});

describe("POST /api/auth/sign-out", () => {
  it("ends the session on the server: the old cookie is refused afterwards", async () => {
    const { cookie, user } = await signIn(app, "ada@example.com");

    const res = await app.api("POST", "/api/auth/sign-out", { headers: { cookie } });

    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
    expect(res.headers.get("set-cookie")).toMatch(/^quorum_session=; Max-Age=0/);
    expect(await app.deps.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    const me = await app.api("GET", "/api/me", { headers: { cookie } });
    expect(me.status).toBe(401);
    expect(me.json.error.code).toBe("UNAUTHENTICATED");
  });

  it("ends only this session; the user's other sessions go on", async () => {
    const laptop = await signIn(app, "ada@example.com");
    const phone = await signIn(app, "ada@example.com");

    expect((await app.api("POST", "/api/auth/sign-out", { headers: { cookie: laptop.cookie } })).status).toBe(200);

    expect((await app.api("GET", "/api/me", { headers: { cookie: laptop.cookie } })).status).toBe(401);
    expect((await app.api("GET", "/api/me", { headers: { cookie: phone.cookie } })).status).toBe(200);
  });

  it("answers 401 when signed out", async () => {
    const res = await app.api("POST", "/api/auth/sign-out");

    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHENTICATED");
  });
});

describe("sessions", () => {
  it("last 30 days", async () => {
    const { cookie } = await signIn(app, "ada@example.com");

    app.advance(30 * DAY - MINUTE);
    expect((await app.api("GET", "/api/me", { headers: { cookie } })).status).toBe(200);

    app.advance(MINUTE);
    expect((await app.api("GET", "/api/me", { headers: { cookie } })).status).toBe(401);
  });

  it("treat an unknown or malformed cookie as signed out", async () => {
    for (const cookie of ["quorum_session=" + "x".repeat(43), "quorum_session=short", "quorum_session="]) {
      const res = await app.api("GET", "/api/me", { headers: { cookie } });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe("UNAUTHENTICATED");
    }
  });
});
