// The Workers tests' client against a stand-in for wrangler's dev proxy: one that parks a GET
// until the next request arrives (see NUDGE_AFTER_MS in client.ts), which the client's nudge lets
// go, and one that closes a connection as a request goes out on it, which a GET survives.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, joinAll } from "./client.ts";

describe("the Workers tests' client", () => {
  let base: string;
  let parked: ServerResponse[] = [];
  let health = 0;
  const closedOnce = new Set<string>();
  const server = createServer((req, res) => {
    if (req.url === "/api/health") {
      health++;
      res.end(JSON.stringify({ ok: true }));
      // As the ProxyWorker does: a new request sends the parked ones on.
      for (const p of parked.splice(0)) p.end(JSON.stringify({ deal: { id: "parked" } }));
      return;
    }
    if (req.url === "/park") return void parked.push(res);
    // The first request here finds its connection closed under it, as a kept-alive one can be.
    if (req.url?.startsWith("/closed") && !closedOnce.has(req.url)) {
      closedOnce.add(req.url);
      return void req.socket.destroy();
    }
    res.end(JSON.stringify({ deal: { id: "at-once" } }));
  });

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("answers at once without nudging", async () => {
    const before = health;
    const a = await client(base, undefined, { nudgeAfterMs: 300 })("GET", "/now");
    expect(a.json).toEqual({ deal: { id: "at-once" } });
    await new Promise((r) => setTimeout(r, 700));
    expect(health).toBe(before);
  });

  it("sends a GET once more when its connection was closed under it, and never a POST", async () => {
    const api = client(base);
    expect(await api("GET", "/closed-get")).toMatchObject({ status: 200, json: { deal: { id: "at-once" } } });
    await expect(api("POST", "/closed-post", { body: {} })).rejects.toThrow("fetch failed");
  });

  it("gets a parked GET's answer by sending another request", async () => {
    parked = [];
    const before = health;
    const a = await client(base, undefined, { nudgeAfterMs: 300 })("GET", "/park");
    expect(a).toMatchObject({ status: 200, json: { deal: { id: "parked" } } });
    expect(health - before).toBeGreaterThanOrEqual(1);
  });
});

// joinAll against a stand-in join endpoint: what each user's tries meet, in order.
describe("joinAll", () => {
  const PROXY_503 = "Your worker restarted mid-request. Please try sending the request again.";
  // Per user (by cookie): the answers of their successive POSTs; the last one repeats.
  const script: Record<string, [number, unknown][]> = {
    // The proxy failed, but the join went through: the retry meets the commitment it made.
    proxied: [[503, PROXY_503], [409, { error: { code: "ALREADY_COMMITTED" } }]],
    // The app said nothing was written: the retry joins.
    app503: [[503, { error: { code: "DATABASE_UNAVAILABLE" } }], [201, { commitment: { id: "c-app503", status: "active" } }]],
    // The app's own 503, then a real ALREADY_COMMITTED: not taken for the first try's join.
    app503ThenTaken: [[503, { error: { code: "DATABASE_UNAVAILABLE" } }], [409, { error: { code: "ALREADY_COMMITTED" } }]],
    // Never gets through: the 503 stands after 5 more tries.
    down: [[503, { error: { code: "DATABASE_UNAVAILABLE" } }]],
    atOnce: [[201, { commitment: { id: "c-atOnce", status: "waitlisted" } }]],
  };
  const tries = new Map<string, number>();
  let base: string;
  const server = createServer((req, res) => {
    const who = String(req.headers.cookie);
    if (req.method === "GET" && req.url === "/api/deals/d1") {
      return void res.end(JSON.stringify({ deal: { id: "d1", viewerCommitment: { id: `c-${who}`, status: "active" } } }));
    }
    const n = tries.get(who) ?? 0;
    tries.set(who, n + 1);
    const steps = script[who]!;
    const [status, body] = steps[Math.min(n, steps.length - 1)]!;
    res.statusCode = status;
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("tries a 503 again, and takes ALREADY_COMMITTED after the dev proxy's 503 as the first try's commitment", async () => {
    const users = Object.keys(script).map((cookie) => ({ cookie }));
    const { answers, again } = await joinAll(client(base), "d1", users, () => ({ seats: 1 }));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 409, 503, 201]);
    expect(answers[0]!.json).toEqual({ commitment: { id: "c-proxied", status: "active" } });
    expect(answers[1]!.json.commitment.id).toBe("c-app503");
    expect(answers[2]!.json.error.code).toBe("ALREADY_COMMITTED");
    expect(answers[4]!.json.commitment.id).toBe("c-atOnce");
    expect(again).toBe(1 + 1 + 1 + 5);
    expect(Object.fromEntries(tries)).toEqual({ proxied: 2, app503: 2, app503ThenTaken: 2, down: 6, atOnce: 1 });
  });
});
