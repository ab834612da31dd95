// The sign-in link's confirmation: GET /api/auth/callback/:token says whose the link is, with the
// address masked, and uses nothing; only POST /api/auth/callback signs in. Both are limited per
// client address.
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { requestSignInToken } from "../setup/sign-in.ts";
import { tableCounts } from "../setup/db.ts";
import { LIMITS } from "../../api/http/rate-limit.ts";
import { maskEmail } from "../../api/auth/look-up-sign-in.ts";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

describe("GET /api/auth/callback/:token", () => {
  it("answers the masked address and uses nothing: the link still signs in afterwards", async () => {
    const token = await requestSignInToken(app, "ada.lovelace@example.com");
    const before = await tableCounts(app);

    const res = await app.api("GET", `/api/auth/callback/${token}`);

    expect(res.status).toBe(200);
    expect(res.json).toEqual({ email: "a•••@example.com" });
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await tableCounts(app)).toEqual(before);
    expect((await app.deps.prisma.signInToken.findFirstOrThrow()).usedAt).toBeNull();
    expect((await app.api("POST", "/api/auth/callback", { body: { token } })).status).toBe(200);
  });

  it("answers 400 TOKEN_INVALID for a used, expired or unknown link", async () => {
    const refused = async (token: string) => {
      const res = await app.api("GET", `/api/auth/callback/${token}`);
      expect(res.status, token).toBe(400);
      expect(res.json.error.code).toBe("TOKEN_INVALID");
    };
    const used = await requestSignInToken(app, "ada@example.com");
    await app.api("POST", "/api/auth/callback", { body: { token: used } });
    await refused(used);
    await refused("x".repeat(43));
    const expired = await requestSignInToken(app, "bob@example.com");
    app.advance(10 * 60_000 + 1);
    await refused(expired);
    expect((await app.api("GET", "/api/auth/callback/short")).status).toBe(400);
  });

  it("masks every address to its first letter and its domain", () => {
    expect(maskEmail("ada@example.com")).toBe("a•••@example.com");
    expect(maskEmail("a@example.com")).toBe("a•••@example.com");
    expect(maskEmail("ümit@例え.jp")).toBe("ü•••@例え.jp");
  });
});

describe("the callback's limit per client address", () => {
  it(`allows ${LIMITS.callbackPerIp.limit} lookups and exchanges in ${LIMITS.callbackPerIp.windowMs / 60_000} minutes, then 429`, async () => {
    const limited = await createTestApp({ RATE_LIMITS: "on" });
    onTestFinished(() => limited.close());
    const from = (ip: string) => ({ "cf-connecting-ip": ip });
    const half = LIMITS.callbackPerIp.limit / 2;
    for (let i = 0; i < half; i++) {
      expect((await limited.api("GET", `/api/auth/callback/${"x".repeat(43)}`, { headers: from("192.0.2.1") })).status).toBe(400);
      const post = await limited.api("POST", "/api/auth/callback", { body: { token: "y".repeat(43) }, headers: from("192.0.2.1") });
      expect(post.status).toBe(400);
    }

    const refused = await limited.api("POST", "/api/auth/callback", { body: { token: "y".repeat(43) }, headers: from("192.0.2.1") });
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("RATE_LIMITED");
    expect((await limited.api("GET", `/api/auth/callback/${"x".repeat(43)}`, { headers: from("192.0.2.1") })).status).toBe(429);
    // Another client is not held up.
    expect((await limited.api("GET", `/api/auth/callback/${"x".repeat(43)}`, { headers: from("192.0.2.2") })).status).toBe(400);
  });
});
