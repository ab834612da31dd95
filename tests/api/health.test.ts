// GET /api/health: 200 {ok: true} to anyone when the server and the database answer; 503 when the
// database does not. The outbox counts it used to carry are on /metrics now (tests/ops/metrics.test.ts).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

describe("GET /api/health", () => {
  it("answers 200 {ok: true}, and nothing more, to anyone", async () => {
    await app.api("POST", "/api/auth/email", { body: { email: "ada@example.com" } });
    const res = await app.api("GET", "/api/health");

    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
  });

  it("answers 503 DATABASE_UNAVAILABLE when the database does not answer", async () => {
    app.built.db.raw.close();

    const res = await app.api("GET", "/api/health");

    expect(res.status).toBe(503);
    expect(res.json).toEqual({ error: { code: "DATABASE_UNAVAILABLE", message: expect.any(String) } });
  });
});
