// Secure headers on every kind of answer (API, HTML pages, files, event streams and errors), and
// cross-site protection for every state-changing operation of the OpenAPI document: from another
// origin it is 403 CROSS_SITE_REQUEST and changes nothing; from the app's own origin it works.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { APP_URL, createTestApp, startTestServer, type TestApp } from "../setup/harness.ts";
import { requestSignInToken } from "../setup/sign-in.ts";
import { clock } from "../../api/clock.ts";
import { dbFingerprint } from "../setup/db.ts";
import { operationsOf, readBody } from "./helpers.ts";

const ENV = { RATE_LIMITS: "on", ADMIN_EMAILS: "moderator@example.com" };
let app: TestApp;
beforeEach(async () => {
  app = await createTestApp(ENV);
});
afterEach(() => app.close());

function expectSecureHeaders(headers: Headers, what: string) {
  const csp = headers.get("content-security-policy") ?? "";
  const directives = new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
  expect(directives.get("object-src"), `${what}: CSP ${csp}`).toEqual(["'none'"]);
  expect(directives.get("base-uri"), `${what}: CSP ${csp}`).toEqual(["'none'"]);
  expect(directives.get("frame-ancestors"), `${what}: CSP ${csp}`).toEqual(["'none'"]);
  // Scripts only from files the app serves: no inline script and no eval for an injection to use.
  const scripts = directives.get("script-src") ?? directives.get("default-src") ?? [];
  expect(scripts.length, `${what}: CSP ${csp}`).toBeGreaterThan(0);
  expect(scripts, `${what}: CSP ${csp}`).not.toContain("'unsafe-inline'");
  expect(scripts, `${what}: CSP ${csp}`).not.toContain("'unsafe-eval'");
  expect(scripts, `${what}: CSP ${csp}`).not.toContain("*");
  expect(headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(
    ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"],
    `${what}: Referrer-Policy`,
  ).toContain(headers.get("referrer-policy"));
}

async function fetchAll(requests: [string, string, RequestInit?][]) {
  const out: { what: string; status: number; headers: Headers; text: string }[] = [];
  for (const [what, path, init] of requests) {
    const res = await app.request(path, init);
    out.push({ what: `${what} (${init?.method ?? "GET"} ${path})`, status: res.status, headers: res.headers, text: await readBody(res) });
  }
  return out;
}

// In process (Workers' way: the edge adds the headers to the answer after the route) and over
// real HTTP (Node's: the edge puts them on the response before the route; api/edge.ts).
describe.each([
  ["in process", () => createTestApp(ENV)],
  ["over HTTP", () => startTestServer(ENV) as unknown as Promise<TestApp>],
])("secure headers (%s)", (_, make) => {
  beforeEach(async () => {
    await app.close();
    app = await make();
  });

  it("are on API answers, files and event streams", async () => {
    const ada = await app.createUser();
    const { deal, initiator } = await app.createDeal();
    await app.join(ada, deal.id, 1);
    const answers = await fetchAll([
      ["a list", "/api/deals"],
      ["a deal", `/api/deals/${deal.id}`],
      ["the OpenAPI document", "/api/openapi.json"],
      ["health", "/api/health"],
      ["the participants as CSV", `/api/deals/${deal.id}/participants?format=csv`, { headers: { cookie: initiator.cookie } }],
      ["a calendar file", `/api/deals/${deal.id}/calendar.ics`],
      ["an event stream", `/api/deals/${deal.id}/events`],
      ["a new deal", "/api/deals", { method: "POST", headers: { cookie: ada.cookie, "content-type": "application/json" }, body: JSON.stringify(app.dealInput()) }],
    ]);
    for (const a of answers) {
      expect(a.status, a.what).toBeLessThan(300);
      expectSecureHeaders(a.headers, a.what);
    }
  });

  it("are on the HTML pages, found or not", async () => {
    const { deal } = await app.createDeal();
    const answers = await fetchAll([
      ["home", "/"],
      ["propose", "/deals/new"],
      ["a deal page", `/deals/${deal.id}`],
      ["a manage page", `/deals/${deal.id}/manage`],
      ["sign-in", "/sign-in"],
      ["the callback page", "/auth/callback?token=x"],
      ["my page", "/me"],
      ["an unknown deal", "/deals/0000000000000000"],
      ["an unknown page", "/no/such/page"],
      ["a missing asset", "/assets/missing.js"],
    ]);
    for (const a of answers) {
      expect(a.status, a.what).toBeLessThan(500);
      expectSecureHeaders(a.headers, a.what);
    }
    expect(answers.find((a) => a.what.startsWith("home"))!.headers.get("content-type")).toMatch(/^text\/html/);
  });

  it("are on every kind of error answer", async () => {
    const ada = await app.createUser();
    const { deal, initiator } = await app.createDeal();
    const json = (body: string, cookie = ada.cookie) => ({
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body,
    });
    const answers = await fetchAll([
      ["400 VALIDATION_FAILED", `/api/deals/${deal.id}/commitments`, json('{"seats":0}')],
      ["400 BAD_JSON", `/api/deals/${deal.id}/commitments`, json('{"seats":')],
      ["401", "/api/me"],
      ["403 FORBIDDEN", `/api/deals/${deal.id}/cancel`, { method: "POST", headers: { cookie: ada.cookie } }],
      ["403 CROSS_SITE_REQUEST", "/api/deals", { ...json("{}"), headers: { ...json("{}").headers, origin: "https://evil.example" } }],
      ["404 unknown route", "/api/nope"],
      ["404 unknown deal", "/api/deals/0000000000000000"],
      ["409", `/api/deals/${deal.id}/cancel`, { method: "POST", headers: { cookie: initiator.cookie } }],
      ["409 again", `/api/deals/${deal.id}/cancel`, { method: "POST", headers: { cookie: initiator.cookie } }],
      ["413", "/api/deals", json(JSON.stringify({ padding: "x".repeat(70 * 1024) }))],
      ["415", "/api/deals", { ...json("{}"), headers: { cookie: ada.cookie, "content-type": "text/plain" } }],
    ]);
    // 429: the sign-in limit for one address.
    for (let i = 0; i < 6; i++) {
      const res = await app.request("/api/auth/email", json(JSON.stringify({ email: "ada@example.com" })));
      if (i === 5) answers.push({ what: "429", status: res.status, headers: res.headers, text: await res.text() });
    }
    expect(answers.map((a) => a.status)).toEqual([400, 400, 401, 403, 403, 404, 404, 200, 409, 413, 415, 429]);
    for (const a of answers) expectSecureHeaders(a.headers, a.what);

    // 500: a real failure, the database connection gone.
    app.built.db.raw.close();
    const [broken] = await fetchAll([["500", "/api/deals"]]);
    expect(broken!.status).toBe(500);
    expectSecureHeaders(broken!.headers, "500");
  });
});

const moderators = new WeakMap<TestApp, Awaited<ReturnType<TestApp["createUser"]>>>();
async function moderatorOf(t: TestApp) {
  if (!moderators.has(t)) moderators.set(t, await t.createUser({ email: "moderator@example.com" }));
  return moderators.get(t)!;
}

describe("cross-site requests", () => {
  /** A request to `op` that succeeds from the app's own origin, in a fresh scene. */
  async function validRequest(op: { method: string; path: string }) {
    const key = `${op.method} ${op.path}`;
    // The administrators' operations succeed only for an administrator (one per app).
    const ada = key.includes(" /admin/") ? await moderatorOf(app) : await app.createUser();
    const { deal: own } = await app.createDeal({ initiator: ada, threshold: 5 });
    const { deal: theirs } = await app.createDeal({ threshold: 5 });
    await app.join(ada, theirs.id, 1);
    const { deal: fresh } = await app.createDeal({ threshold: 5 });
    const plan: Record<string, () => Promise<{ path: string; body?: unknown }>> = {
      "POST /auth/email": async () => ({ path: "/auth/email", body: { email: "victim@example.com" } }),
      "POST /auth/callback": async () => ({ path: "/auth/callback", body: { token: await requestSignInToken(app, "victim@example.com") } }),
      "POST /auth/sign-out": async () => ({ path: "/auth/sign-out" }),
      "POST /auth/sign-out-everywhere": async () => ({ path: "/auth/sign-out-everywhere" }),
      "PATCH /me": async () => ({ path: "/me", body: { displayName: "Mallory" } }),
      "POST /deals": async () => ({ path: "/deals", body: app.dealInput() }),
      "POST /deals/{id}/commitments": async () => ({ path: `/deals/${fresh.id}/commitments`, body: { seats: 2 } }),
      "DELETE /deals/{id}/commitments/mine": async () => ({ path: `/deals/${theirs.id}/commitments/mine` }),
      "POST /deals/{id}/cancel": async () => ({ path: `/deals/${own.id}/cancel` }),
      // safe by default: Ada removes a participant of her own deal
      "DELETE /deals/{id}/commitments/{commitmentId}": async () => {
        const joined = await app.join(await app.createUser(), own.id, 1);
        return { path: `/deals/${own.id}/commitments/${joined.json.commitment.id}` };
      },
      // editing and the soft threshold
      "PATCH /deals/{id}": async () => ({ path: `/deals/${own.id}`, body: { description: "Edited" } }),
      "POST /deals/{id}/go-ahead": async () => {
        const deadline = clock.nowMs() + 3_600_000;
        const { deal } = await app.createDeal({ initiator: ada, threshold: 4, softThreshold: 2, deadline: new Date(deadline).toISOString() });
        for (let i = 0; i < 2; i++) await app.join(await app.createUser(), deal.id, 1);
        app.advance(deadline - clock.nowMs() + 1);
        return { path: `/deals/${deal.id}/go-ahead`, body: { message: "We go ahead." } };
      },
      "POST /dev/clock": async () => ({ path: "/dev/clock", body: { offsetMs: 3_600_000 } }),
      "POST /dev/sweep": async () => ({ path: "/dev/sweep" }),
      // growing the group
      "POST /deals/{id}/updates": async () => ({ path: `/deals/${own.id}/updates`, body: { body: "Slot confirmed" } }),
      "PUT /deals/{id}/follow": async () => ({ path: `/deals/${fresh.id}/follow` }),
      "DELETE /deals/{id}/follow": async () => {
        await app.api("PUT", `/api/deals/${fresh.id}/follow`, { as: ada });
        return { path: `/deals/${fresh.id}/follow` };
      },
      // moderation (issue 15)
      "POST /deals/{id}/report": async () => ({ path: `/deals/${fresh.id}/report`, body: { reason: "Looks like a scam." } }),
      "POST /admin/deals/{id}/hide": async () => ({ path: `/admin/deals/${fresh.id}/hide` }),
      "POST /admin/users/{id}/block": async () => ({ path: `/admin/users/${(await app.createUser()).id}/block` }),
      // co-creation and trust: Ada reviews a deal that went ahead and is over
      "POST /deals/{id}/reviews": async () => {
        const deadline = new Date(clock.nowMs() + 20 * 60_000).toISOString();
        const { deal } = await app.createDeal({ threshold: 1, kind: "deal", departsOn: null, returnsOn: null, deadline });
        await app.join(ada, deal.id, 1);
        app.advance(21 * 60_000);
        return { path: `/deals/${deal.id}/reviews`, body: { rating: "positive" } };
      },
      // privacy: deleting one's own account
      "DELETE /me": async () => ({ path: "/me" }),
      // paying at the tip: Ada's payment of a priced deal she confirmed
      "POST /deals/{id}/payment": async () => {
        const { deal } = await app.createDeal({ threshold: 1, pricePerSeatCents: 5000 });
        await app.join(ada, deal.id, 1);
        return { path: `/deals/${deal.id}/payment` };
      },
      "POST /dev/payments/{paymentId}": async () => {
        const { deal } = await app.createDeal({ threshold: 1, pricePerSeatCents: 5000 });
        await app.join(ada, deal.id, 1);
        const payment = await app.deps.prisma.payment.findFirstOrThrow({ where: { dealId: deal.id } });
        return { path: `/dev/payments/${payment.id}`, body: { outcome: "paid" } };
      },
    };
    const make = plan[key];
    if (!make) throw new Error(`${key} changes state: add a valid request to the cross-site table`);
    const { path, body } = await make();
    return { ada, path: `/api${path}`, body };
  }

  it("are refused for every state-changing operation, and change nothing", async () => {
    // Stripe's webhook is the one exception by design: Stripe sends no origin and no cookie, and
    // the route believes only its signature (tests/payments/webhooks.test.ts).
    const ops = operationsOf((await app.api("GET", "/api/openapi.json")).json).filter(
      (op) => op.method !== "GET" && op.path !== "/webhooks/stripe",
    );
    expect(ops.length).toBeGreaterThanOrEqual(10);
    let probes = 0;
    for (const op of ops) {
      const { ada, path, body } = await validRequest(op);
      const send = (headers: Record<string, string>) =>
        app.api(op.method, path, { as: ada, body, headers: { "sec-fetch-site": "same-origin", origin: APP_URL, ...headers } });

      const hostile: Record<string, string>[] = [
        { origin: "https://evil.example" },
        { origin: "null" },
        { origin: "http://localhost:3000.evil.example" },
        { origin: "https://localhost:3000" },
        { "sec-fetch-site": "cross-site" },
        { "sec-fetch-site": "cross-site", origin: "" },
      ];
      for (const headers of hostile) {
        probes++;
        const before = dbFingerprint(app.built.db.raw);
        const res = await send(headers);
        const what = `${op.method} ${op.path} with ${JSON.stringify(headers)}`;
        expect(res.status, what).toBe(403);
        expect(res.json?.error?.code, what).toBe("CROSS_SITE_REQUEST");
        expect(res.headers.get("set-cookie"), what).toBeNull();
        expectSecureHeaders(res.headers, what);
        expect(dbFingerprint(app.built.db.raw), `${what} changed the database`).toEqual(before);
      }
      // The same request from the app itself works: the refusals above were for the origin alone.
      const own = await send({});
      expect(own.status, `${op.method} ${op.path} from the app: ${own.text}`).toBeLessThan(300);
      await app.built.background.runNow();
    }
    console.log(`cross-site: ${probes} refused requests over ${ops.length} operations`);
  });

  it("accept the request's own origin where it is not APP_URL's, and a client that sends no Origin", async () => {
    // app.request() addresses http://localhost: the app reached under another name than APP_URL.
    const ownOrigin = "http://localhost";
    expect(ownOrigin).not.toBe(new URL(APP_URL).origin);
    const { deal } = await app.createDeal({ threshold: 5 });
    for (const headers of [{ origin: ownOrigin }, {} as Record<string, string>]) {
      const res = await app.api("POST", `/api/deals/${deal.id}/commitments`, { as: await app.createUser(), body: { seats: 1 }, headers });
      expect(res.status, JSON.stringify(headers)).toBe(201);
    }
  });
});
