// GET /api/openapi.json: an OpenAPI 3.1 document generated from the same zod schemas the routes
// validate with. Every documented operation must exist at the documented address.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

// Every route of the API (README.md, "The API" and "Development mode"), except the event stream
// (tests/web/events.test.ts).
const ROUTES = [
  "post /auth/email",
  "post /auth/callback",
  "post /auth/sign-out",
  "get /me",
  "patch /me",
  "get /me/commitments",
  "get /me/deals",
  "post /deals",
  "get /deals",
  "get /deals/{id}",
  "post /deals/{id}/commitments",
  "delete /deals/{id}/commitments/mine",
  "post /deals/{id}/cancel",
  "get /deals/{id}/participants",
  "get /deals/{id}/calendar.ics",
  "get /openapi.json",
  "get /health",
  "get /dev/mailbox",
  "get /dev/clock",
  "post /dev/clock",
  "post /dev/sweep",
  "post /deals/{id}/report",
  "get /admin/reports",
  "post /admin/deals/{id}/hide",
  "post /admin/users/{id}/block",
  "get /admin/actions",
  // privacy
  "get /me/export",
  "delete /me",
];

async function documentOf(target: TestApp) {
  const res = await target.api("GET", "/api/openapi.json");
  expect(res.status).toBe(200);
  return res.json;
}

function operations(doc: { paths: Record<string, Record<string, unknown>> }) {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
}

describe("GET /api/openapi.json", () => {
  it("is an OpenAPI 3.1 document", async () => {
    const doc = await documentOf(app);

    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Quorum API", version: expect.any(String) });
  });

  it("lists every route", async () => {
    const doc = await documentOf(app);

    // The document itself is the one route it does not describe. Routes built later may be added.
    expect(operations(doc)).toEqual(expect.arrayContaining(ROUTES.filter((r) => r !== "get /openapi.json")));
  });

  it("documents addresses that exist: every operation, under the server URL, reaches its route", async () => {
    await app.close();
    app = await createTestApp({ ADMIN_EMAILS: "admin@example.com" });
    const doc = await documentOf(app);
    const { deal } = await app.createDeal();
    // The administrators' routes answer a signed-out caller as if they did not exist: ask as one.
    const admin = await app.createUser({ email: "admin@example.com" });
    // Paths are relative to the server URL, resolved against the document's own address.
    const base = new URL(doc.servers?.[0]?.url ?? "/", "http://localhost/api/openapi.json").pathname;
    expect(base).toBe("/api");

    for (const op of operations(doc)) {
      const [method, path] = op.split(" ") as [string, string];
      const res = await app.request(base + path.replace("{id}", deal.id), {
        method: method.toUpperCase(),
        headers: { "content-type": "application/json", ...(path.startsWith("/admin/") ? { cookie: admin.cookie } : {}) },
        body: method === "get" ? undefined : "{}",
      });
      // An unknown route answers 404 NOT_FOUND in JSON; a known one answers anything else here.
      // Only JSON is read: a live stream (Server-Sent Events) would never end.
      const isJson = res.headers.get("content-type")?.startsWith("application/json");
      const code = isJson ? (await res.json()).error?.code : await res.body?.cancel();
      expect([op, res.status, code]).not.toEqual([op, 404, "NOT_FOUND"]);
    }
  });

  it("documents the limits the routes enforce", async () => {
    const doc = await documentOf(app);
    const createDeal = doc.components.schemas.CreateDeal;
    const joinBody = doc.paths["/deals/{id}/commitments"].post.requestBody.content["application/json"].schema;
    const updateMe = doc.paths["/me"].patch.requestBody.content["application/json"].schema;
    const listLimit = doc.paths["/deals"].get.parameters.find((p: { name: string }) => p.name === "limit");

    expect(createDeal.properties.title).toMatchObject({ minLength: 3, maxLength: 120 });
    expect(createDeal.properties.description).toMatchObject({ maxLength: 5000 });
    expect(createDeal.properties.threshold).toMatchObject({ type: "integer", minimum: 1, maximum: 100_000 });
    expect(createDeal.properties.capacity).toMatchObject({ minimum: 1, maximum: 100_000 });
    expect(createDeal.properties.maxSeatsPerCommitment).toMatchObject({ minimum: 1, maximum: 100 });
    expect(createDeal.properties.pricePerSeatCents).toMatchObject({ minimum: 0, maximum: 100_000_000 });
    expect(createDeal.additionalProperties).toBe(false);
    expect(createDeal.required.sort()).toEqual(["deadline", "pricePerSeatCents", "threshold", "title"]);
    expect(joinBody.properties.seats).toMatchObject({ type: "integer", minimum: 1, maximum: 100 });
    expect(updateMe.properties.displayName).toMatchObject({ minLength: 1, maxLength: 60 });
    expect(listLimit.schema).toMatchObject({ minimum: 1, maximum: 50 });
  });

  it("documents the error answers and their shape", async () => {
    const doc = await documentOf(app);

    expect(Object.keys(doc.paths["/deals"].post.responses).sort()).toEqual(["201", "400", "401", "429"]);
    expect(Object.keys(doc.paths["/deals/{id}/commitments"].post.responses).sort()).toEqual([
      "201",
      "400",
      "401",
      "404",
      "409",
      "429",
    ]);
    expect(Object.keys(doc.paths["/deals/{id}/cancel"].post.responses).sort()).toEqual(["200", "401", "403", "404", "409"]);
    expect(doc.components.schemas.Error.properties.error.required.sort()).toEqual(["code", "message"]);
  });
});
