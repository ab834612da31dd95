// Sessions at the edge: the __Host- cookie under https, sign-out that always clears the cookie,
// "sign out everywhere", and Cache-Control: private, no-store on every answer to a signed-in
// request (and never on public ones).
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { createTestApp, startTestServer, type TestApp } from "../setup/harness.ts";
import { requestSignInToken, signIn } from "../setup/sign-in.ts";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { SESSION_CACHE_MAX, SessionCache } from "../../api/auth/sessions.ts";
import type { SessionUser } from "../../api/auth/user.ts";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

const CLEARED = /^quorum_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax$/;

describe("the session cookie under https (APP_URL https)", () => {
  it("is __Host-quorum_session: Secure, Path=/, no Domain; the unprefixed name is not read", async () => {
    const secure = await createTestApp({ APP_URL: "https://quorum.example" });
    onTestFinished(() => secure.close());

    const { setCookie, cookie } = await signIn(secure, "ada@example.com");

    expect(setCookie).toMatch(/^__Host-quorum_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Domain/i);
    expect((await secure.api("GET", "/api/me", { headers: { cookie } })).status).toBe(200);
    // A cookie a sibling subdomain could have set, without the prefix, signs nobody in.
    const unprefixed = cookie.replace(/^__Host-/, "");
    expect((await secure.api("GET", "/api/me", { headers: { cookie: unprefixed } })).status).toBe(401);

    const out = await secure.api("POST", "/api/auth/sign-out", { headers: { cookie } });
    expect(out.headers.get("set-cookie")).toMatch(/^__Host-quorum_session=; Max-Age=0; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it("is quorum_session, not Secure, on plain http", async () => {
    const { setCookie } = await signIn(app, "ada@example.com");
    expect(setCookie).toMatch(/^quorum_session=/);
    expect(setCookie).not.toMatch(/Secure/);
  });
});

describe("signing out", () => {
  it("clears the cookie even when its session has already ended", async () => {
    const { cookie } = await signIn(app, "ada@example.com");
    expect((await app.api("POST", "/api/auth/sign-out", { headers: { cookie } })).status).toBe(200);

    const again = await app.api("POST", "/api/auth/sign-out", { headers: { cookie } });

    expect(again.status).toBe(401);
    expect(again.json.error.code).toBe("UNAUTHENTICATED");
    expect(again.headers.get("set-cookie")).toMatch(CLEARED);
  });

  it("clears a cookie that names no session at all", async () => {
    const res = await app.api("POST", "/api/auth/sign-out", { headers: { cookie: `quorum_session=${"x".repeat(43)}` } });
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toMatch(CLEARED);
  });
});

describe("POST /api/auth/sign-out-everywhere", () => {
  it("ends every session of the user, this one too, and clears the cookie; other users stay signed in", async () => {
    const laptop = await signIn(app, "ada@example.com");
    const phone = await signIn(app, "ada@example.com");
    const tablet = await signIn(app, "ada@example.com");
    const bob = await signIn(app, "bob@example.com");
    // Cached in this process now: ending them must not wait for the cache.
    for (const s of [laptop, phone, tablet]) expect((await app.api("GET", "/api/me", { headers: { cookie: s.cookie } })).status).toBe(200);

    const res = await app.api("POST", "/api/auth/sign-out-everywhere", { headers: { cookie: phone.cookie } });

    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
    expect(res.headers.get("set-cookie")).toMatch(CLEARED);
    for (const s of [laptop, phone, tablet]) expect((await app.api("GET", "/api/me", { headers: { cookie: s.cookie } })).status).toBe(401);
    expect(await app.deps.prisma.session.count({ where: { userId: laptop.user.id } })).toBe(0);
    expect((await app.api("GET", "/api/me", { headers: { cookie: bob.cookie } })).status).toBe(200);
  });

  it("answers 401 signed out, and still clears a stale cookie", async () => {
    expect((await app.api("POST", "/api/auth/sign-out-everywhere")).status).toBe(401);
    const stale = await app.api("POST", "/api/auth/sign-out-everywhere", { headers: { cookie: `quorum_session=${"y".repeat(43)}` } });
    expect(stale.status).toBe(401);
    expect(stale.headers.get("set-cookie")).toMatch(CLEARED);
  });
});

// In process (the edge's after part alone) and over real HTTP, where the edge has put its other
// headers on Node's response before the route (api/edge.ts): Cache-Control is decided after.
describe.each([
  ["in process", () => createTestApp()],
  ["over HTTP", () => startTestServer() as unknown as Promise<TestApp>],
])("Cache-Control on answers (%s)", (_, make) => {
  beforeEach(async () => {
    await app.close();
    app = await make();
  });

  it("is private, no-store on every answer to a signed-in request", async () => {
    const ada = await app.createUser();
    const { deal } = await app.createDeal({ initiator: ada });
    for (const [method, path, body] of [
      // A route's own Cache-Control (the picture is public for 5 minutes) gives way to private.
      ["GET", `/api/deals/${deal.id}/image.png`],
      ["GET", "/api/me"],
      ["GET", "/api/me/commitments"],
      ["GET", "/api/deals"],
      ["GET", `/api/deals/${deal.id}`],
      ["GET", "/api/health"],
      ["GET", "/api/no-such-route"],
      ["PATCH", "/api/me", { displayName: "Ada" }],
      ["POST", "/api/deals", { title: "x" }],
    ] as const) {
      const res = await app.api(method, path, { as: ada, body });
      expect(res.headers.get("cache-control"), `${method} ${path} (${res.status})`).toBe("private, no-store");
    }
  });

  it("is private, no-store on the answer that sets the session cookie", async () => {
    const token = await requestSignInToken(app, "ada@example.com");
    const res = await app.api("POST", "/api/auth/callback", { body: { token } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("is not set on public answers", async () => {
    const { deal } = await app.createDeal();
    for (const path of ["/api/deals", `/api/deals/${deal.id}`]) {
      expect((await app.api("GET", path)).headers.get("cache-control"), path).toBeNull();
    }
    // Health says no-store of its own, so a monitor never reads a cached answer; nothing private.
    expect((await app.api("GET", "/api/health")).headers.get("cache-control")).toBe("no-store");
  });
});

describe("the session cache", () => {
  it("drops exactly the changed user's cached sessions on PATCH /api/me (found by user, not by a walk)", async () => {
    const laptop = await signIn(app, "ada@example.com");
    const phone = await signIn(app, "ada@example.com");
    const bob = await signIn(app, "bob@example.com");
    for (const s of [laptop, phone, bob]) await app.api("GET", "/api/me", { headers: { cookie: s.cookie } });

    expect((await app.api("PATCH", "/api/me", { headers: { cookie: laptop.cookie }, body: { displayName: "Ada L" } })).status).toBe(200);

    expect((await app.api("GET", "/api/me", { headers: { cookie: phone.cookie } })).json.user.displayName).toBe("Ada L");
    expect((await app.api("GET", "/api/me", { headers: { cookie: bob.cookie } })).json.user.displayName).toBe(bob.user.displayName);
  });
});

describe("the session cache's bounds", () => {
  const user = (id: string) => ({ id, email: `${id}@example.com`, displayName: id, locale: "en" }) as unknown as SessionUser;
  const entry = (userId: string, cachedAt: number) => ({ user: user(userId), expiresAt: cachedAt + 86_400_000, cachedUntil: cachedAt + 5_000 });

  it("drops entries past their few seconds as new ones come, instead of keeping every session ever seen", () => {
    const cache = new SessionCache();
    for (let i = 0; i < 100; i++) cache.set(`s${i}`, entry(`u${i}`, 1_000 + i), 1_000 + i);
    expect(cache.size).toBe(100);
    // 5 s later, the next session pushes out every entry whose time is up, and only those.
    cache.set("late", entry("late", 6_050), 6_050);
    expect(cache.get("s50")).toBeUndefined();
    expect(cache.get("s51")).toBeDefined();
    expect(cache.size).toBe(50);
  });

  it("keeps at most SESSION_CACHE_MAX, dropping the oldest, and a dropped session is not found by its user either", () => {
    const cache = new SessionCache();
    for (let i = 0; i <= SESSION_CACHE_MAX; i++) cache.set(`s${i}`, entry(i === 0 ? "ada" : `u${i}`, 1_000), 1_000);
    expect(cache.size).toBe(SESSION_CACHE_MAX);
    expect(cache.get("s0")).toBeUndefined();
    expect(cache.get(`s${SESSION_CACHE_MAX}`)).toBeDefined();
    // Ada's only session went with the oldest; a new one of hers is the only one forgotten with her.
    cache.set("ada-2", entry("ada", 1_001), 1_001);
    cache.forgetUser("ada");
    expect(cache.get("ada-2")).toBeUndefined();
    expect(cache.size).toBe(SESSION_CACHE_MAX - 1);
  });

  it("keeps a session cached again later until its own time is up, whatever its first entry's was", () => {
    const cache = new SessionCache();
    for (let i = 0; i < 100; i++) cache.set(`s${i}`, entry(`u${i}`, 1_000 + i), 1_000 + i);
    // s10 is read again at 4,000 (its first entry had gone stale), and s20's user changed.
    cache.set("s10", entry("u10", 4_000), 4_000);
    cache.forgetUser("u20");
    cache.set("late", entry("late", 6_050), 6_050);
    expect(cache.get("s10")?.cachedUntil).toBe(9_000);
    expect(cache.get("s11")).toBeUndefined();
    expect(cache.get("s20")).toBeUndefined();
    expect(cache.get("s51")).toBeDefined();
    expect(cache.size).toBe(51);
    cache.set("later", entry("later", 9_001), 9_001);
    expect(cache.get("s10")).toBeUndefined();
  });

  it("finds each user's sessions, one or many, as they come and go", () => {
    const cache = new SessionCache();
    cache.set("ada-1", entry("ada", 1_000), 1_000);
    cache.set("bob-1", entry("bob", 1_000), 1_000);
    cache.forgetUser("ada");
    expect([cache.get("ada-1"), cache.get("bob-1")?.user.id]).toEqual([undefined, "bob"]);
    cache.set("ada-2", entry("ada", 1_001), 1_001);
    cache.set("ada-3", entry("ada", 1_002), 1_002);
    cache.set("ada-4", entry("ada", 1_003), 1_003);
    cache.delete("ada-3");
    cache.forgetUser("ada");
    expect([cache.get("ada-2"), cache.get("ada-4")]).toEqual([undefined, undefined]);
    // Down to one session again, and that one is still found by its user.
    cache.set("ada-5", entry("ada", 1_004), 1_004);
    cache.set("ada-6", entry("ada", 1_005), 1_005);
    cache.delete("ada-5");
    cache.set("ada-6", entry("ada", 1_006), 1_006);
    cache.forgetUser("ada");
    expect(cache.get("ada-6")).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it("lets a dropped session's entry go at once, not when its place in the order is cut off", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const cache = new SessionCache();
    const first = (() => {
      const e = entry("first", 1_000);
      cache.set("first", e, 1_000);
      return new WeakRef(e.user);
    })();
    // The cache is full: each new session drops the oldest, "first" among them.
    for (let i = 0; i < SESSION_CACHE_MAX; i++) cache.set(`s${i}`, entry(`u${i}`, 1_000), 1_000);
    expect(cache.get("first")).toBeUndefined();
    await new Promise((r) => setImmediate(r));
    gc();
    expect(first.deref()).toBeUndefined();
  });

  it("keeps its order of entries bounded under a crowd of first-time sessions, sessions ended and users changed", () => {
    const cache = new SessionCache();
    let longest = 0;
    for (let i = 0; i < 100_000; i++) {
      const now = 1_000 + i / 4;
      cache.set(`s${i}`, entry(`u${i % 7_000}`, now), now);
      if (i % 3 === 0) cache.delete(`s${i - 1}`);
      if (i % 11 === 0) cache.forgetUser(`u${(i * 7) % 7_000}`);
      longest = Math.max(longest, cache.queued);
    }
    expect(cache.size).toBeGreaterThan(SESSION_CACHE_MAX - 100);
    expect(cache.size).toBeLessThanOrEqual(SESSION_CACHE_MAX);
    // Slots of entries ended out of turn wait for the front; passed slots are let go in halves.
    expect(longest).toBeLessThanOrEqual(4 * SESSION_CACHE_MAX);
  });
});
