// The app's router (api/http/router.ts): Hono's RegExpRouter, with DESIGN's one fixed route beside
// a parameter (DELETE .../commitments/mine beside .../commitments/:commitmentId) filed apart.
import { afterEach, describe, expect, it } from "vitest";
import { ApiRouter } from "../../api/http/router.ts";
import { buildNodeApp } from "../../api/server.ts";
import { createTestApp, testConfig, type TestApp } from "../setup/harness.ts";

let app: TestApp | undefined;
afterEach(() => app?.close());

describe("ApiRouter", () => {
  it("holds the withdraw route beside the removal route, and each request reaches its own", () => {
    const r = new ApiRouter<string>();
    r.add("ALL", "*", "edge");
    r.add("DELETE", "/api/deals/:id/commitments/mine", "withdraw");
    r.add("DELETE", "/api/deals/:id/commitments/:commitmentId", "remove");
    r.add("POST", "/api/deals/:id/commitments", "join");
    r.add("ALL", "/api/*", "not found");
    const handlers = (method: string, path: string) => {
      const [matched, stash] = r.match(method, path) as [[string, Record<string, number>][], string[]];
      return matched.map(([h, params]) => `${h}${Object.entries(params).sort(([a], [b]) => a.localeCompare(b)).map(([k, i]) => ` ${k}=${stash[i]}`).join("")}`);
    };
    expect(handlers("DELETE", "/api/deals/d1/commitments/mine")).toEqual(["edge", "withdraw id=d1", "not found"]);
    expect(handlers("DELETE", "/api/deals/d1/commitments/c9")).toEqual(["edge", "remove commitmentId=c9 id=d1", "not found"]);
    // Only a DELETE of that very path is looked up aside.
    expect(handlers("GET", "/api/deals/d1/commitments/mine")).toEqual(["edge", "not found"]);
    expect(handlers("DELETE", "/api/deals/d1/commitments/mine/x")).toEqual(["edge", "not found"]);
    expect(handlers("DELETE", "/api/deals/d1/commitments%20mine")).toEqual(["edge", "not found"]);
    expect(handlers("POST", "/api/deals/d1/commitments")).toEqual(["edge", "join id=d1", "not found"]);
  });

  it("is the app's router, on Node as on Workers (both build the app with createApp)", async () => {
    const built = await buildNodeApp(testConfig());
    try {
      expect(built.app.router).toBeInstanceOf(ApiRouter);
    } finally {
      await built.background.stop();
      await built.db.close();
    }
  });

  it("refuses any other fixed route beside a parameter when it is added, so the app would not start", () => {
    const r = new ApiRouter<string>();
    r.add("GET", "/api/deals/:id", "read");
    expect(() => r.add("GET", "/api/deals/mine", "mine")).toThrow(/deals\/mine/);
  });
});

describe("the app on it", () => {
  it("withdraws by DELETE .../mine and removes by DELETE .../:commitmentId, and labels each by its own route", async () => {
    app = await createTestApp({ METRICS_TOKEN: "metrics-token-0123456789" });
    const { deal, initiator } = await app.createDeal({ threshold: 5 });
    const [ada, bo] = [await app.createUser(), await app.createUser()];
    expect((await app.join(ada, deal.id)).status).toBe(201);
    const joined = await app.join(bo, deal.id);
    expect(joined.status).toBe(201);
    const withdrawn = await app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: ada });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json.deal.participantCount).toBe(1);
    const removed = await app.api("DELETE", `/api/deals/${deal.id}/commitments/${joined.json.commitment.id}`, { as: initiator });
    expect(removed.status).toBe(200);
    expect(removed.json.deal.participantCount).toBe(0);
    // A participant's DELETE of another's commitment is the removal route's, and refused there.
    expect((await app.api("DELETE", `/api/deals/${deal.id}/commitments/${joined.json.commitment.id}`, { as: ada })).status).toBe(403);
    const metrics = (await app.api("GET", "/metrics", { headers: { authorization: "Bearer metrics-token-0123456789" } })).text;
    expect(metrics).toContain('quorum_http_requests_total{method="DELETE",route="/api/deals/:id/commitments/mine",status="200"} 1');
    expect(metrics).toContain('quorum_http_requests_total{method="DELETE",route="/api/deals/:id/commitments/:commitmentId",status="200"} 1');
  });
});
