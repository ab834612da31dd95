// The live deal page at scale on Node: every watcher of a crowd gets the final count while the
// deal is read once per change (not once per watcher); each viewer's own part stays theirs; the
// stream limits answer 429 and 503; a stream ends at its age and the reconnect gets a fresh snapshot.
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer } from "../setup/harness.ts";
import { openSse, type SseStream } from "../setup/sse.ts";
import { hubFor } from "../../api/deals/events-hub.ts";

type Server = Awaited<ReturnType<typeof startTestServer>>;

let app: Server | undefined;
const open: SseStream[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) s.close();
  await app?.close();
  app = undefined;
});

async function watch(url: string, opts: Parameters<typeof openSse>[1] = {}) {
  const s = await openSse(url, opts);
  open.push(s);
  return s;
}

describe("the live deal page, on Node", () => {
  it("brings 300 watchers the final count of 200 joins, reading the deal once per snapshot", async () => {
    app = await startTestServer({ EVENT_STREAMS_PER_CLIENT: "1000" });
    const { deal } = await app.createDeal({ threshold: 150, capacity: 500, maxSeatsPerCommitment: 1 });
    const joiners = await Promise.all(Array.from({ length: 200 }, () => app!.createUser()));
    const url = `${app.url}/api/deals/${deal.id}/events`;
    const watchers: SseStream[] = [];
    for (let i = 0; i < 300; i += 50) watchers.push(...(await Promise.all(Array.from({ length: 50 }, () => watch(url)))));
    await Promise.all(watchers.map((w) => w.until((d) => d.seatsCommitted === 0, 5_000)));
    const hub = hubFor(app.deps);
    expect(hub.watchers).toBe(300);
    const readsBefore = hub.reads;

    for (let i = 0; i < joiners.length; i += 20) {
      const answers = await Promise.all(joiners.slice(i, i + 20).map((u) => app!.join(u, deal.id, 1)));
      expect(answers.every((a) => a.status === 201)).toBe(true);
    }
    const finals = await Promise.all(watchers.map((w) => w.until((d) => d.seatsCommitted === 200, 10_000)));
    expect(finals.every((d) => d.participantCount === 200 && d.status === "confirmed")).toBe(true);
    // One read per snapshot for the whole crowd, at most one snapshot per join: never one per watcher.
    const reads = hub.reads - readsBefore;
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(200);
    // The same bytes to everyone: every watcher saw the same sequence of snapshots.
    const sequence = (w: SseStream) => w.deals().map((d) => d.seatsCommitted).join(",");
    expect(new Set(watchers.map(sequence)).size).toBe(1);
  }, 60_000);

  it("keeps each viewer's own part theirs: no one sees another's commitment", async () => {
    app = await startTestServer();
    const { deal, initiator } = await app.createDeal({ threshold: 3, capacity: 3, maxSeatsPerCommitment: 2 });
    const [ada, bob, cy] = await Promise.all([app.createUser(), app.createUser(), app.createUser()]);
    await app.join(ada, deal.id, 2); // active
    await app.join(bob, deal.id, 2); // does not fit: waitlisted, first in line
    const url = `${app.url}/api/deals/${deal.id}/events`;
    const [aStream, bStream, iStream, anon, cStream] = await Promise.all([
      watch(url, { cookie: ada.cookie }),
      watch(url, { cookie: bob.cookie }),
      watch(url, { cookie: initiator.cookie }),
      watch(url),
      watch(url, { cookie: cy.cookie }),
    ]);
    await bStream.until((d) => d.viewerCommitment?.status === "waitlisted" && d.viewerCommitment.waitlistPosition === 1, 2_000);

    // Cy joins (waitlisted behind Bob): everyone gets a snapshot; only Cy's carries Cy's commitment.
    expect((await app.join(cy, deal.id, 2)).status).toBe(201);
    await cStream.until((d) => d.viewerCommitment?.seats === 2 && d.viewerCommitment.waitlistPosition === 2, 2_000);
    await aStream.until((d) => d.seatsWaitlisted === 4, 2_000);
    await anon.until((d) => d.seatsWaitlisted === 4, 2_000);
    await iStream.until((d) => d.seatsWaitlisted === 4, 2_000);
    await bStream.until((d) => d.seatsWaitlisted === 4, 2_000);

    // Ada withdraws: Bob is promoted and Cy moves up, each told on their own stream.
    expect((await app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: ada })).status).toBe(200);
    await bStream.until((d) => d.viewerCommitment?.status === "active", 2_000);
    await cStream.until((d) => d.viewerCommitment?.waitlistPosition === 1, 2_000);
    await aStream.until((d) => d.viewerCommitment === null && d.seatsCommitted === 2, 2_000);
    await anon.until((d) => d.seatsCommitted === 2 && d.seatsWaitlisted === 2, 2_000);

    const ids = (s: SseStream) => new Set(s.deals().map((d) => d.viewerCommitment?.id ?? null));
    const read = async (u: { cookie: string }) => (await app!.api("GET", "/api/deals/" + deal.id, { as: u })).json.deal;
    // Each viewer saw only their own commitment (one id), and no two viewers the same one.
    const own = [aStream, bStream, cStream].map((st) => [...ids(st)].filter((id) => id !== null));
    for (const mine of own) expect(mine).toHaveLength(1);
    expect(new Set(own.flat()).size).toBe(3);
    expect([...ids(anon)]).toEqual([null]);
    expect([...ids(iStream)]).toEqual([null]);
    expect(iStream.deals().every((d) => d.viewerIsInitiator)).toBe(true);
    expect(anon.deals().every((d) => !d.viewerIsInitiator)).toBe(true);
    expect(bStream.deals().every((d) => !d.viewerIsInitiator)).toBe(true);
    // The last snapshot each stream holds is what GET answers that viewer.
    expect(bStream.deals().at(-1)).toEqual(await read(bob));
    expect(cStream.deals().at(-1)).toEqual(await read(cy));
  }, 30_000);

  it("answers the 21st stream from one address with 429 and Retry-After", async () => {
    app = await startTestServer();
    const { deal } = await app.createDeal();
    const url = `${app.url}/api/deals/${deal.id}/events`;
    const twenty = await Promise.all(Array.from({ length: 20 }, () => watch(url, { localAddress: "127.0.0.2" })));
    expect(twenty.every((s) => s.status === 200)).toBe(true);
    const refused = await watch(url, { localAddress: "127.0.0.2" });
    // The status first: a stream wrongly accepted would never end.
    expect(refused.status).toBe(429);
    await refused.ended;
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(refused.body).error.code).toBe("RATE_LIMITED");
    // Another address is another client; and a closed stream frees its place.
    expect((await watch(url, { localAddress: "127.0.0.3" })).status).toBe(200);
    twenty[0]!.close();
    await twenty[0]!.ended;
    await new Promise((r) => setTimeout(r, 50));
    expect((await watch(url, { localAddress: "127.0.0.2" })).status).toBe(200);
  });

  it("counts an IPv6 client by its /64, as the sign-in limits do: rotating addresses gets no more streams", async () => {
    app = await startTestServer({ TRUSTED_PROXIES: "127.0.0.1", EVENT_STREAMS_PER_CLIENT: "3" });
    const { deal } = await app.createDeal();
    const url = `${app.url}/api/deals/${deal.id}/events`;
    const from = (host: string) => watch(url, { forwardedFor: `2001:db8:1:2::${host}` });
    for (const host of ["1", "2", "abcd"]) expect((await from(host)).status).toBe(200);
    const refused = await from("ffff:1");
    // The status first: a stream wrongly accepted would never end.
    expect(refused.status).toBe(429);
    await refused.ended;
    // Another /64 is another client.
    expect((await watch(url, { forwardedFor: "2001:db8:1:3::1" })).status).toBe(200);
  });

  it("answers 503 LIVE_UPDATES_FULL beyond the global cap", async () => {
    app = await startTestServer({ EVENT_STREAMS_MAX: "3" });
    const { deal } = await app.createDeal();
    const url = `${app.url}/api/deals/${deal.id}/events`;
    for (let i = 0; i < 3; i++) expect((await watch(url, { localAddress: `127.0.1.${i + 1}` })).status).toBe(200);
    const full = await watch(url, { localAddress: "127.0.1.9" });
    expect(full.status).toBe(503);
    await full.ended;
    expect(JSON.parse(full.body).error.code).toBe("LIVE_UPDATES_FULL");
    expect(Number(full.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("ends a stream at its maximum age; the reconnect gets a fresh snapshot, with spread retry hints", async () => {
    app = await startTestServer({ EVENT_STREAM_MAX_AGE_MS: "600" });
    const { deal } = await app.createDeal({ threshold: 5 });
    const url = `${app.url}/api/deals/${deal.id}/events`;
    const first = await watch(url);
    await first.until((d) => d.seatsCommitted === 0, 1_000);
    const started = Date.now();
    await first.ended;
    const lived = Date.now() - started;
    expect(lived).toBeGreaterThanOrEqual(400);
    expect(lived).toBeLessThan(3_000);
    expect(hubFor(app.deps).watchers).toBe(0);

    // A join while nobody watched: the reconnect's first event already has it.
    await app.join(await app.createUser(), deal.id, 2);
    const again = await watch(url);
    const snap = await again.until(() => true, 1_000);
    expect(snap.seatsCommitted).toBe(2);

    const retries: number[] = [];
    for (let i = 0; i < 8; i++) {
      const s = await watch(url);
      await s.until(() => true, 1_000);
      retries.push(s.events[0]!.retry!);
    }
    for (const r of retries) expect(r).toBeGreaterThanOrEqual(1_000);
    for (const r of retries) expect(r).toBeLessThanOrEqual(10_000);
    expect(new Set(retries).size).toBeGreaterThan(1);
  });

  it("serves the public deal from its cached snapshot, fresh after every change", async () => {
    app = await startTestServer();
    const { deal } = await app.createDeal({ threshold: 5 });
    const read = async () => (await app!.api("GET", `/api/deals/${deal.id}`)).json.deal;
    expect((await read()).seatsCommitted).toBe(0);
    expect((await read()).seatsCommitted).toBe(0);
    await app.join(await app.createUser(), deal.id, 3);
    expect((await read()).seatsCommitted).toBe(3);
    // Deadline honesty holds for a cached copy too.
    app.advance(8 * 86_400_000);
    expect((await read()).status).toBe("failed");
    app.advance(-8 * 86_400_000);
  });
});
