// What every API route shares: the error shape, unknown routes, malformed and oversized bodies,
// cross-site protection, security headers, and a generic 500.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { dbState } from "../setup/db.ts";
import { requestSignInToken } from "../setup/sign-in.ts";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

/** A signed-in user, an open deal by someone else that the user joined, and the user's own deal. */
async function scene() {
  const ada = await app.createUser();
  const { deal } = await app.createDeal({ threshold: 5 });
  await app.join(ada, deal.id, 1);
  const own = await app.createDeal({ initiator: ada });
  return { ada, deal, own: own.deal };
}

describe("unknown routes", () => {
  it.each([
    ["GET", "/api/nope"],
    ["POST", "/api/deals/0000000000000000/nope"],
    ["PUT", "/api/deals"],
  ])("%s %s answers 404 NOT_FOUND in the error shape", async (method, path) => {
    const res = await app.api(method, path);

    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.json).toEqual({ error: { code: "NOT_FOUND", message: expect.any(String) } });
  });
});

describe("malformed JSON", () => {
  it.each([
    ["POST", "/api/auth/email"],
    ["POST", "/api/auth/callback"],
    ["PATCH", "/api/me"],
    ["POST", "/api/deals"],
    ["POST", "/api/deals/{deal}/commitments"],
    ["POST", "/api/dev/clock"],
  ])("%s %s answers 400 BAD_JSON and changes nothing", async (method, path) => {
    const { ada, deal } = await scene();
    const before = await dbState(app);

    const res = await app.api(method, path.replace("{deal}", deal.id), { as: ada, body: '{"seats": 1,' });

    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: { code: "BAD_JSON", message: expect.any(String) } });
    expect(await dbState(app)).toEqual(before);
  });

  it("answers 415 UNSUPPORTED_MEDIA_TYPE to a body that is not JSON", async () => {
    const { ada } = await scene();
    const before = await dbState(app);

    const res = await app.api("POST", "/api/deals", {
      as: ada,
      body: JSON.stringify(app.dealInput()),
      headers: { "content-type": "text/plain" },
    });

    expect(res.status).toBe(415);
    expect(res.json.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(await dbState(app)).toEqual(before);
  });
});

describe("request bodies over 64 KB", () => {
  it.each([
    ["POST", "/api/deals", () => app.dealInput({ description: "x".repeat(65 * 1024) })],
    ["POST", "/api/deals/{deal}/commitments", () => ({ seats: 1, padding: "x".repeat(65 * 1024) })],
    ["POST", "/api/auth/email", () => ({ email: "ada@example.com", padding: "x".repeat(65 * 1024) })],
    ["PATCH", "/api/me", () => ({ displayName: "x".repeat(65 * 1024) })],
  ])("%s %s answers 413 PAYLOAD_TOO_LARGE and changes nothing", async (method, path, body) => {
    const { ada, deal } = await scene();
    const before = await dbState(app);

    const res = await app.api(method, path.replace("{deal}", deal.id), { as: ada, body: body() });

    expect(res.status).toBe(413);
    expect(res.json).toEqual({ error: { code: "PAYLOAD_TOO_LARGE", message: expect.any(String) } });
    expect(await dbState(app)).toEqual(before);
  });

  it("accepts a body just under the limit", async () => {
    const ada = await app.createUser();
    const body = JSON.stringify(app.dealInput({ description: "" }));
    // Pad with whitespace, which JSON ignores, to exactly 64 KB.
    const padded = body.slice(0, -1) + " ".repeat(64 * 1024 - body.length) + "}";
    expect(Buffer.byteLength(padded)).toBe(64 * 1024);

    const res = await app.api("POST", "/api/deals", { as: ada, body: padded });

    expect(res.status).toBe(201);
  });
});

describe("cross-site requests", () => {
  const EVIL = { origin: "https://evil.example" };

  it.each([
    ["POST", "/api/deals", () => app.dealInput()],
    ["POST", "/api/deals/{deal}/commitments", () => ({ seats: 2 })],
    ["DELETE", "/api/deals/{deal}/commitments/mine", () => undefined],
    ["POST", "/api/deals/{own}/cancel", () => undefined],
    ["PATCH", "/api/me", () => ({ displayName: "Mallory" })],
    ["POST", "/api/auth/sign-out", () => undefined],
    ["POST", "/api/auth/email", () => ({ email: "victim@example.com" })],
  ])("%s %s from another origin answers 403 CROSS_SITE_REQUEST and changes nothing", async (method, path, body) => {
    const { ada, deal, own } = await scene();
    const before = await dbState(app);

    const res = await app.api(method, path.replace("{deal}", deal.id).replace("{own}", own.id), {
      as: ada,
      body: body(),
      headers: EVIL,
    });

    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("CROSS_SITE_REQUEST");
    expect(await dbState(app)).toEqual(before);
    expect((await app.api("GET", "/api/me", { as: ada })).status).toBe(200);
  });

  it("does not use up a sign-in token sent from another origin", async () => {
    const token = await requestSignInToken(app, "ada@example.com");

    const evil = await app.api("POST", "/api/auth/callback", { body: { token }, headers: EVIL });
    const own = await app.api("POST", "/api/auth/callback", { body: { token } });

    expect(evil.status).toBe(403);
    expect(evil.headers.get("set-cookie")).toBeNull();
    expect(own.status).toBe(200);
  });

  it.each([
    ["Origin: null", { origin: "null" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["a look-alike origin", { origin: "http://localhost:3000.evil.example" }],
  ])("refuses a state change with %s", async (_, headers) => {
    const ada = await app.createUser();

    const res = await app.api("POST", "/api/deals", { as: ada, body: app.dealInput(), headers });

    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("CROSS_SITE_REQUEST");
    expect(await app.deps.prisma.deal.count()).toBe(0);
  });

  it.each([
    ["the app's own origin", { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }],
    ["no Origin (a non-browser client)", {}],
  ])("accepts a state change with %s", async (_, headers) => {
    const ada = await app.createUser();

    const res = await app.api("POST", "/api/deals", { as: ada, body: app.dealInput(), headers });

    expect(res.status).toBe(201);
  });

  it("lets another origin read", async () => {
    const { deal } = await app.createDeal();

    const res = await app.api("GET", `/api/deals/${deal.id}`, { headers: EVIL });

    expect(res.status).toBe(200);
  });
});

describe("every answer", () => {
  it("carries the security headers and a request id, refusals by the edge's checks too", async () => {
    const { ada, deal } = await scene();
    const answers = [
      await app.api("GET", "/api/deals"),
      await app.api("GET", "/api/nope"),
      // Refused before the route (api/edge.ts): another origin, and a body over 64 KB.
      await app.api("POST", `/api/deals/${deal.id}/commitments`, { as: ada, body: { seats: 1 }, headers: { origin: "https://evil.example" } }),
      await app.api("POST", `/api/deals/${deal.id}/commitments`, { as: ada, body: { seats: 1, padding: "x".repeat(65 * 1024) } }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 404, 403, 413]);
    for (const res of answers) {
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
  });

  it("hides the detail of an unexpected failure behind a generic 500", async () => {
    await app.createDeal();
    app.built.db.raw.close(); // a real failure: the database connection is gone

    const res = await app.api("GET", "/api/deals");

    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: { code: "INTERNAL", message: "Something went wrong on our side. Try again later." } });
    expect(res.text).not.toMatch(/sqlite|prisma|database|at .*\.ts/i);
  });
});
