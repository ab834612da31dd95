// GET /api/health: 200 when the server and the database answer, with the outbox counts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

describe("GET /api/health", () => {
  it("answers 200 with an empty outbox on a fresh database", async () => {
    const res = await app.api("GET", "/api/health");

    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true, outbox: { pending: 0, sent: 0, failed: 0 } });
  });

  it("counts the outbox: pending until dispatched, then sent", async () => {
    await app.api("POST", "/api/auth/email", { body: { email: "ada@example.com" } });
    await app.api("POST", "/api/auth/email", { body: { email: "bob@example.com" } });

    const before = (await app.api("GET", "/api/health")).json.outbox;
    await app.built.background.runNow();
    const after = (await app.api("GET", "/api/health")).json.outbox;

    // The outbox may already have been kicked into sending; the total is what is certain.
    expect(before.pending + before.sent).toBe(2);
    expect(after).toEqual({ pending: 0, sent: 2, failed: 0 });
  });

  it("answers 503 DATABASE_UNAVAILABLE when the database does not answer", async () => {
    app.built.db.raw.close();

    const res = await app.api("GET", "/api/health");

    expect(res.status).toBe(503);
    expect(res.json).toEqual({ error: { code: "DATABASE_UNAVAILABLE", message: expect.any(String) } });
  });
});
