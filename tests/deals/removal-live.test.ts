// Removing a participant shows live: the open deal pages of the removed participant and of the
// promoted one get a new snapshot at once, each with their own part (removed; now active).
import { afterEach, beforeEach, expect, it } from "vitest";
import { startTestServer } from "../setup/harness.ts";
import { connect } from "../setup/sse-reader.ts";

let app: Awaited<ReturnType<typeof startTestServer>>;
beforeEach(async () => {
  app = await startTestServer();
});
afterEach(() => app.close());

it("sends the removed and the promoted their own new part, within a second", async () => {
  const { deal, initiator } = await app.createDeal({ threshold: 5, capacity: 5, maxSeatsPerCommitment: 3 });
  const [ada, bob, cleo] = [await app.createUser(), await app.createUser(), await app.createUser()];
  await app.join(ada, deal.id, 3);
  await app.join(bob, deal.id, 1);
  expect((await app.join(cleo, deal.id, 2)).json.commitment.status).toBe("waitlisted");
  const id = (await app.deps.prisma.commitment.findFirstOrThrow({ where: { dealId: deal.id, userId: ada.id } })).id;
  const [adas, cleos, anyone] = await Promise.all([
    connect(`${app.url}/api/deals/${deal.id}/events`, ada.cookie),
    connect(`${app.url}/api/deals/${deal.id}/events`, cleo.cookie),
    connect(`${app.url}/api/deals/${deal.id}/events`),
  ]);
  try {
    for (const s of [adas, cleos, anyone]) await s.snapshot(0, 2_000);
    const started = Date.now();
    expect((await app.api("DELETE", `/api/deals/${deal.id}/commitments/${id}`, { as: initiator })).status).toBe(200);
    expect(await adas.snapshot(1, 1_000)).toMatchObject({ seatsCommitted: 3, viewerCommitment: { status: "removed", seats: 3 } });
    expect(await cleos.snapshot(1, 1_000)).toMatchObject({ seatsCommitted: 3, seatsWaitlisted: 0, viewerCommitment: { status: "active" } });
    expect(await anyone.snapshot(1, 1_000)).toMatchObject({ seatsCommitted: 3, participantCount: 2, viewerCommitment: null });
    expect(Date.now() - started).toBeLessThan(1_000);
  } finally {
    for (const s of [adas, cleos, anyone]) await s.close();
  }
});
