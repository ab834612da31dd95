// Structured logs (DESIGN.md "Running it"): the JSON lines of a real server run are parsed. Every
// request has exactly one line, carrying the id echoed in x-request-id; a trusted proxy's id is
// kept and anyone else's replaced; a 500 is logged with its stack while the client gets none.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startTestServer } from "../setup/harness.ts";

type Line = Record<string, unknown> & { level: string; msg: string; time: string };
let lines: Line[] = [];

beforeEach(() => {
  lines = [];
  const capture = (text: unknown) => {
    if (typeof text === "string" && text.startsWith("{")) lines.push(JSON.parse(text) as Line);
  };
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

const requestLines = () => lines.filter((l) => l.msg === "request");

describe("request logs", () => {
  it("writes one line per request with its id, route template, status, duration and client, and echoes the id", async () => {
    const app = await startTestServer({ LOG_LEVEL: "info" });
    try {
      const ada = await app.createUser({ email: "ada@example.com" });
      const { deal } = await app.createDeal({ initiator: ada });
      lines = [];
      const answers = [
        await app.api("GET", "/api/health"),
        await app.api("GET", `/api/deals/${deal.id}`),
        await app.api("GET", "/api/deals/zzzzzzzzzzzzzzzz"),
        await app.api("POST", `/api/deals/${deal.id}/commitments`, { as: ada, body: { seats: 1 } }),
        await app.api("GET", "/api/nope"),
      ];
      const ids = answers.map((a) => a.headers.get("x-request-id"));
      for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Set(ids).size).toBe(ids.length);

      const logged = requestLines();
      expect(logged).toHaveLength(answers.length);
      for (const [i, id] of ids.entries()) {
        const mine = logged.filter((l) => l.requestId === id);
        expect(mine).toHaveLength(1);
        expect(mine[0]!.status).toBe(answers[i]!.status);
      }
      expect(logged[1]).toMatchObject({ level: "info", method: "GET", route: "/api/deals/:id", path: `/api/deals/${deal.id}`, status: 200, client: "127.0.0.1" });
      expect(logged[2]).toMatchObject({ route: "/api/deals/:id", status: 404 });
      expect(logged[3]).toMatchObject({ method: "POST", route: "/api/deals/:id/commitments", status: 201, userId: ada.id });
      for (const l of logged) {
        expect(typeof l.durationMs).toBe("number");
        expect(Date.parse(l.time)).not.toBeNaN();
      }
    } finally {
      await app.close();
    }
  });

  it("keeps a trusted proxy's x-request-id and replaces anyone else's", async () => {
    const direct = await startTestServer({ LOG_LEVEL: "info" });
    const proxied = await startTestServer({ LOG_LEVEL: "info", TRUSTED_PROXIES: "127.0.0.1" });
    try {
      const offered = { "x-request-id": "edge-4f2a9c" };
      const fromStranger = await direct.api("GET", "/api/health", { headers: offered });
      const fromProxy = await proxied.api("GET", "/api/health", { headers: offered });
      const junk = await proxied.api("GET", "/api/health", { headers: { "x-request-id": "bad id\twith spaces" } });

      expect(fromStranger.headers.get("x-request-id")).not.toBe("edge-4f2a9c");
      expect(fromProxy.headers.get("x-request-id")).toBe("edge-4f2a9c");
      expect(junk.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      const ids = requestLines().map((l) => l.requestId);
      expect(ids).toEqual([fromStranger.headers.get("x-request-id"), "edge-4f2a9c", junk.headers.get("x-request-id")]);
    } finally {
      await direct.close();
      await proxied.close();
    }
  });

  it.each(["info", "warn"])("logs a 500 with its stack at level error (LOG_LEVEL=%s), and the client gets only the generic message", async (level) => {
    const app = await startTestServer({ LOG_LEVEL: level });
    await app.createDeal();
    app.built.db.raw.close(); // a real failure: the database connection is gone
    const res = await app.api("GET", "/api/deals");

    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: { code: "INTERNAL", message: "Something went wrong on our side. Try again later." } });
    expect(res.text).not.toMatch(/sqlite|database|at .*\.ts/i);
    const line = requestLines().find((l) => l.requestId === res.headers.get("x-request-id"));
    expect(line).toMatchObject({ level: "error", status: 500, route: "/api/deals" });
    expect(String(line!.error)).toMatch(/database connection is not open/i);
    expect(String(line!.error)).toMatch(/\n\s+at /);
    await app.close().catch(() => undefined);
  });

  it("follows LOG_LEVEL: warn drops the request lines of answered requests", async () => {
    const app = await startTestServer({ LOG_LEVEL: "warn" });
    try {
      await app.api("GET", "/api/health");
      expect(requestLines()).toHaveLength(0);
    } finally {
      await app.close();
    }
  });
});

describe("background job logs", () => {
  it("writes one line per sweep and one per dispatch batch", async () => {
    const app = await startTestServer({ LOG_LEVEL: "info" });
    try {
      await app.api("POST", "/api/auth/email", { body: { email: "ada@example.com" } });
      lines = [];
      await app.built.background.runNow();
      const jobs = lines.filter((l) => l.job);
      expect(jobs.filter((l) => l.job === "sweep")).toHaveLength(1);
      expect(jobs.find((l) => l.job === "dispatch")).toMatchObject({ msg: "outbox batch", size: 1, sent: 1 });
      expect(jobs.find((l) => l.job === "sweep")).toMatchObject({ level: "info", failedDeals: 0, durationMs: expect.any(Number) });
    } finally {
      await app.close();
    }
  });
});
