// An update arrives live: the deal's event stream sends `event: update` with `{ update }` to every
// viewer, signed in or not, within a second of the post, published once for all of them; the
// snapshots go on as before. Where events poll (Workers), an update posted in another process
// arrives by the poll, once.
import { afterEach, beforeEach, expect, it } from "vitest";
import { startTestServer } from "../setup/harness.ts";
import { DealEvents } from "../../api/deals/events.ts";
import { connect } from "../setup/sse-reader.ts";

/** Counts the messages published, whatever the number of listeners. */
class CountingMessages extends DealEvents {
  messages = 0;
  override send(dealId: string, event: string, data: unknown): void {
    this.messages++;
    super.send(dealId, event, data);
  }
}

let app: Awaited<ReturnType<typeof startTestServer>>;
let events: CountingMessages;
beforeEach(async () => {
  events = new CountingMessages();
  app = await startTestServer({}, { events });
});
afterEach(() => app.close());

it("sends each update at once to every viewer of the deal, and the snapshots go on", async () => {
  const ines = await app.createUser();
  const ada = await app.createUser();
  const { deal } = await app.createDeal({ initiator: ines, threshold: 5 });
  await app.join(ada, deal.id, 1);
  const { deal: other } = await app.createDeal({ initiator: ines });
  const streams = await Promise.all([
    connect(`${app.url}/api/deals/${deal.id}/events`),
    connect(`${app.url}/api/deals/${deal.id}/events`, ada.cookie),
    connect(`${app.url}/api/deals/${deal.id}/events`, ines.cookie),
  ]);
  const elsewhere = await connect(`${app.url}/api/deals/${other.id}/events`);
  try {
    for (const s of [...streams, elsewhere]) await s.snapshot(0, 2_000);
    const started = Date.now();
    const posted = await app.api("POST", `/api/deals/${deal.id}/updates`, { as: ines, body: { body: "Slot confirmed\nGate B" } });
    expect(posted.status).toBe(201);
    for (const s of streams) {
      const e = await s.nth(1, 1_000);
      expect(e.event).toBe("update");
      expect(JSON.parse(e.data)).toEqual({ update: posted.json.update });
    }
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(events.messages).toBe(1);

    // A join after it still makes a snapshot, with the new count.
    const bob = await app.createUser();
    await app.join(bob, deal.id, 2);
    expect(await streams[0]!.snapshot(2, 1_000)).toMatchObject({ seatsCommitted: 3 });

    // Two updates in a row arrive in order (a snapshot may come between them or after them).
    const second = await app.api("POST", `/api/deals/${deal.id}/updates`, { as: ines, body: { body: "second" } });
    const third = await app.api("POST", `/api/deals/${deal.id}/updates`, { as: ines, body: { body: "third" } });
    await streams[1]!.nth(4, 1_000);
    const updates = () => streams[1]!.events.filter((e) => e.event === "update").map((e) => JSON.parse(e.data).update.id);
    const until = Date.now() + 1_000;
    while (updates().length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(updates()).toEqual([posted.json.update.id, second.json.update.id, third.json.update.id]);
    // The other deal's viewers heard nothing of it.
    await new Promise((r) => setTimeout(r, 300));
    expect(elsewhere.events.map((e) => e.event)).toEqual(["deal"]);
  } finally {
    for (const s of [...streams, elsewhere]) await s.close();
  }
});
