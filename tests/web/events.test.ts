// GET /api/deals/:id/events: a snapshot at once, a new one within a second of every change (for
// this viewer), coalesced bursts, 404 for an unknown deal, and no listener left after a disconnect.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestServer } from "../setup/harness.ts";
import { CountingDealEvents } from "../setup/events.ts";
import { connect } from "../setup/sse-reader.ts";

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe("GET /api/deals/:id/events", () => {
  let app: Server;
  let events: CountingDealEvents;
  beforeEach(async () => {
    events = new CountingDealEvents();
    app = await startTestServer({}, { events });
  });
  afterEach(async () => {
    await app.close();
  });

  it("sends a snapshot at once, and a new one within a second when someone else joins", async () => {
    const viewer = await app.createUser();
    const { deal } = await app.createDeal({ threshold: 2, capacity: 3, maxSeatsPerCommitment: 3 });
    await app.join(viewer, deal.id, 1);
    const stream = await connect(`${app.url}/api/deals/${deal.id}/events`, viewer.cookie);
    try {
      expect(stream.res.status).toBe(200);
      expect(stream.res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const first = await stream.snapshot(0, 1_000);
      expect(first).toMatchObject({ id: deal.id, seatsCommitted: 1, status: "open" });
      // The same shape as GET /api/deals/:id for this viewer.
      const read = await app.api("GET", `/api/deals/${deal.id}`, { as: viewer });
      expect(first).toEqual(read.json.deal);
      expect(first.viewerCommitment).toMatchObject({ seats: 1, status: "active" });

      const other = await app.createUser();
      const started = Date.now();
      expect((await app.join(other, deal.id, 2)).status).toBe(201);
      const next = await stream.snapshot(1, 1_000);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(next).toMatchObject({ seatsCommitted: 3, status: "confirmed", participantCount: 2 });
      // Still this viewer's view: their own commitment, not the joiner's.
      expect(next.viewerCommitment).toMatchObject({ seats: 1, status: "active" });
    } finally {
      await stream.close();
    }
  });

  it("coalesces a burst of changes into few snapshots, the last one current", async () => {
    const { deal } = await app.createDeal({ threshold: 50 });
    const stream = await connect(`${app.url}/api/deals/${deal.id}/events`);
    try {
      await stream.snapshot(0, 1_000);
      const users = await Promise.all(Array.from({ length: 10 }, () => app.createUser()));
      await Promise.all(users.map((u) => app.join(u, deal.id, 1)));
      // At most one snapshot per 200 ms: ten joins in a burst make far fewer than ten.
      await new Promise((r) => setTimeout(r, 700));
      const after = stream.events.length - 1;
      expect(after).toBeGreaterThanOrEqual(1);
      expect(after).toBeLessThan(10);
      const last = JSON.parse(stream.events.at(-1)!.data).deal;
      expect(last.seatsCommitted).toBe(10);
      expect(last.viewerCommitment).toBeNull();
    } finally {
      await stream.close();
    }
  });

  it("answers 404 for an unknown deal, with the error body", async () => {
    const res = await app.api("GET", "/api/deals/zzzzzzzzzzzzzzzz/events");
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("DEAL_NOT_FOUND");
  });

  it("answers HEAD with the headers and leaves no subscription behind", async () => {
    const { deal } = await app.createDeal();
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${app.url}/api/deals/${deal.id}/events`, { method: "HEAD" });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/event-stream");
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(events.listenerCount(deal.id)).toBe(0);
  });

  it("unsubscribes when the client goes away", async () => {
    const { deal } = await app.createDeal();
    const stream = await connect(`${app.url}/api/deals/${deal.id}/events`);
    await stream.snapshot(0, 1_000);
    expect(events.listenerCount(deal.id)).toBe(1);
    await stream.close();
    const until = Date.now() + 2_000;
    while (events.listenerCount(deal.id) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(events.listenerCount(deal.id)).toBe(0);
  });

  it("is in the OpenAPI document as an event stream", async () => {
    const doc = (await app.api("GET", "/api/openapi.json")).json;
    const op = doc.paths["/deals/{id}/events"]?.get;
    expect(op).toBeDefined();
    expect(Object.keys(op.responses["200"].content)).toEqual(["text/event-stream"]);
  });
});
