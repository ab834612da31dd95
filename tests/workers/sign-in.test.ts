// Sign-in on Workers with D1, under workerd by `wrangler dev`, with the rate limits on: the
// per-address and global limits kept in D1 (the RateCounter upsert), the link's confirmation
// lookup, sign out everywhere, and no-store on signed-in answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorker, type LocalWorker } from "./wrangler.ts";

describe("sign-in on Workers with D1, rate limits on", () => {
  let worker: LocalWorker;
  const post = (path: string, body?: unknown, cookie?: string) =>
    fetch(worker.url + path, {
      method: "POST",
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    worker = await startLocalWorker({ NODE_ENV: "development", RATE_LIMITS: "on", SIGN_IN_EMAILS_PER_HOUR: "8" });
  }, 90_000);
  afterAll(() => worker?.stop());

  /** The newest sign-in token the development mailbox holds for `email`. */
  async function tokenFor(email: string): Promise<string> {
    for (let attempt = 0; attempt < 40; attempt++) {
      await post("/api/dev/sweep");
      const items = (await (await fetch(`${worker.url}/api/dev/mailbox?to=${encodeURIComponent(email)}`)).json()).items as { links: string[] }[];
      const link = items[0]?.links.find((l) => l.includes("/auth/callback?token="));
      if (link) return new URL(link).searchParams.get("token")!;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`no sign-in link for ${email}`);
  }

  it("keeps the per-address limit and the global cap in D1, confirms links, and signs out everywhere", async () => {
    // The limits count in windows fixed to the clock (15 minutes; the cap an hour, a multiple of
    // it): a run that crossed a boundary would start counting again halfway. Start well inside one.
    const window = 15 * 60_000;
    const toBoundary = window - (Date.now() % window);
    if (toBoundary < 90_000) await new Promise((r) => setTimeout(r, toBoundary + 1_000));
    // Five links for one address, then that address is refused.
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await post("/api/auth/email", { email: "Ada@workers.example" })).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);

    const token = await tokenFor("ada@workers.example");
    const looked = await fetch(`${worker.url}/api/auth/callback/${token}`);
    expect(looked.status).toBe(200);
    expect(await looked.json()).toEqual({ email: "a•••@workers.example" });
    const first = await post("/api/auth/callback", { token });
    expect(first.status).toBe(200);
    const laptop = first.headers.get("set-cookie")!.split(";")[0]!;
    expect((await fetch(`${worker.url}/api/me`, { headers: { cookie: laptop } })).headers.get("cache-control")).toBe("private, no-store");

    // Three more addresses reach the global cap of 8; the ninth email is refused.
    for (const who of ["bob", "cy"]) {
      const returnTo = who === "cy" ? { returnTo: "/deals/x?join=1" } : {};
      expect((await post("/api/auth/email", { email: `${who}@workers.example`, ...returnTo })).status).toBe(202);
    }
    const third = await post("/api/auth/email", { email: "ada2@workers.example" });
    expect(third.status).toBe(202);
    const over = await post("/api/auth/email", { email: "dee@workers.example" });
    expect(over.status).toBe(429);
    expect((await over.json()).error.code).toBe("RATE_LIMITED");

    const bobs = (await post("/api/auth/callback", { token: await tokenFor("bob@workers.example") })).headers.get("set-cookie")!.split(";")[0]!;
    expect((await fetch(`${worker.url}/api/me`, { headers: { cookie: bobs } })).status).toBe(200);
    const out = await post("/api/auth/sign-out-everywhere", undefined, laptop);
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/^quorum_session=; Max-Age=0/);
    expect((await fetch(`${worker.url}/api/me`, { headers: { cookie: laptop } })).status).toBe(401);
    // Bob's session is his own.
    expect((await fetch(`${worker.url}/api/me`, { headers: { cookie: bobs } })).status).toBe(200);

    // On D1 too: the return path travels with the token; the browser's zone and a suggested name are kept.
    const cys = await post("/api/auth/callback", { token: await tokenFor("cy@workers.example"), timeZone: "Europe/Amsterdam" });
    expect(await cys.json()).toMatchObject({
      returnTo: "/deals/x?join=1",
      user: { displayName: "Cy", nameChosen: false, timeZone: "Europe/Amsterdam" },
    });
  }, 240_000);
});
