// The Workers tests' client against a stand-in for wrangler's dev proxy: one that parks a GET
// until the next request arrives (see NUDGE_AFTER_MS in client.ts), which the client's nudge lets
// go, and one that closes a connection as a request goes out on it, which a GET survives.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client } from "./client.ts";

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
