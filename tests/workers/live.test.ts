// Live deal pages on Workers, under workerd (`wrangler dev`): the streams are held by the deal's
// DealRoom, told of each change by the Worker that made it. The D1 reads the room makes while a
// deal changes are counted with 10 and with 200 watchers: one per change either way.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorker, type LocalWorker } from "./wrangler.ts";
import { openSse, type SseStream } from "../setup/sse.ts";
import { newId } from "../../api/ids.ts";

const JOINS = 20;

describe("live deal pages on Workers, one DealRoom per deal", () => {
  let worker: LocalWorker;
  let initiator: string;
  const joiners: string[] = [];

  beforeAll(async () => {
    worker = await startLocalWorker({ NODE_ENV: "development", RATE_LIMITS: "off", EVENT_STREAMS_PER_CLIENT: "1000" }, { assets: false });
    // Users with sessions, written straight into the local D1: signing in 21 people by email is not the point here.
    const now = new Date().toISOString().replace("Z", "+00:00");
    const expires = new Date(Date.now() + 86_400_000).toISOString().replace("Z", "+00:00");
    const statements: string[] = [];
    for (let i = 0; i <= JOINS; i++) {
      const id = newId();
      const token = randomBytes(32).toString("base64url");
      statements.push(`INSERT INTO "User" ("id", "email", "displayName", "locale", "createdAt") VALUES ('${id}', 'live${i}@example.com', 'Live ${i}', 'en', '${now}')`);
      statements.push(`INSERT INTO "Session" ("id", "userId", "expiresAt", "createdAt") VALUES ('${createHash("sha256").update(token).digest("hex")}', '${id}', '${expires}', '${now}')`);
      if (i === 0) initiator = `quorum_session=${token}`;
      else joiners.push(`quorum_session=${token}`);
    }
    worker.d1(statements.join("; "));
  }, 120_000);
  afterAll(() => worker?.stop());

  async function post(path: string, cookie: string, body: unknown) {
    const res = await fetch(worker.url + path, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as any };
  }

  const stats = async (dealId: string) =>
    (await (await fetch(`${worker.url}/api/dev/rooms/${dealId}`)).json()) as { reads: number; liveReads: number; watchers: number };

  /** Opens `n` streams on a new deal, makes JOINS joins, and returns the room's D1 reads meanwhile. */
  async function readsWhileJoining(n: number) {
    const deal = (
      await post("/api/deals", initiator, {
        kind: "deal",
        title: `Watched by ${n}`,
        pricePerSeatCents: 1000,
        threshold: JOINS,
        capacity: 100,
        deadline: new Date(Date.now() + 86_400_000).toISOString(),
      })
    ).json.deal;
    const url = `${worker.url}/api/deals/${deal.id}/events`;
    const watchers: SseStream[] = [];
    try {
      for (let i = 0; i < n; i += 25) watchers.push(...(await Promise.all(Array.from({ length: Math.min(25, n - i) }, () => openSse(url)))));
      expect(watchers.every((w) => w.status === 200)).toBe(true);
      await Promise.all(watchers.map((w) => w.until((d) => d.seatsCommitted === 0, 20_000)));
      const before = await stats(deal.id);
      expect(before.watchers).toBe(n);
      // Joins 300 ms apart, past the 200 ms coalescing window: each is a change of its own.
      for (const cookie of joiners) {
        expect((await post(`/api/deals/${deal.id}/commitments`, cookie, { seats: 1 })).status).toBe(201);
        await new Promise((r) => setTimeout(r, 300));
      }
      const finals = await Promise.all(watchers.map((w) => w.until((d) => d.seatsCommitted === JOINS, 20_000)));
      expect(finals.every((d) => d.status === "confirmed")).toBe(true);
      const after = await stats(deal.id);
      return { all: after.reads - before.reads, snapshots: after.liveReads - before.liveReads };
    } finally {
      for (const w of watchers) w.close();
    }
  }

  it("reads D1 once per change for the whole room, with 10 watchers as with 200", async () => {
    const ten = await readsWhileJoining(10);
    const twoHundred = await readsWhileJoining(200);
    console.log(`D1 reads in the room during ${JOINS} joins: 10 watchers ${ten.all} (${ten.snapshots} snapshots), 200 watchers ${twoHundred.all} (${twoHundred.snapshots} snapshots)`);
    for (const r of [ten, twoHundred]) {
      // One read per change for the whole room (fewer if two changes fell in one 200 ms window),
      // and nothing else read meanwhile; a read per watcher would be 200 and 4,000.
      expect(r.snapshots).toBeGreaterThanOrEqual(JOINS / 2);
      expect(r.snapshots).toBeLessThanOrEqual(JOINS);
      expect(r.all).toBe(r.snapshots);
    }
  }, 180_000);

  it("sends the viewer's own commitment on their stream, through the room", async () => {
    const deal = (
      await post("/api/deals", initiator, { kind: "deal", title: "Own part", pricePerSeatCents: 1000, threshold: 5, deadline: new Date(Date.now() + 86_400_000).toISOString() })
    ).json.deal;
    const url = `${worker.url}/api/deals/${deal.id}/events`;
    const mine = await openSse(url, { cookie: joiners[0] });
    const anon = await openSse(url);
    try {
      await mine.until((d) => d.viewerCommitment === null, 10_000);
      expect((await post(`/api/deals/${deal.id}/commitments`, joiners[0]!, { seats: 2 })).status).toBe(201);
      await mine.until((d) => d.viewerCommitment?.seats === 2, 10_000);
      await anon.until((d) => d.seatsCommitted === 2 && d.viewerCommitment === null, 10_000);
      expect(anon.deals().every((d) => d.viewerCommitment === null)).toBe(true);
    } finally {
      mine.close();
      anon.close();
    }
  }, 60_000);
});
