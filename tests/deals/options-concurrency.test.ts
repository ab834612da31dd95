// The promises of options under real concurrency: hundreds of simultaneous joins over HTTP, each
// with a random subset of the options, then the invariants read straight from the database:
// per option never over capacity and first come first served, exactly one winner and only when
// its active seats reached the threshold, every non-chooser released and told exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../setup/harness.ts";
import { seededRandom } from "../setup/random.ts";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function optionsCrowd(o: { joins: number; options: number; threshold: number; capacity: number; seed: number }) {
  const labels = Array.from({ length: o.options }, (_, i) => ({ label: `Option ${i + 1}` }));
  const { deal, initiator } = await server.createDeal({
    threshold: o.threshold,
    capacity: o.capacity,
    maxSeatsPerCommitment: 3,
    options: labels,
  });
  const ids: string[] = deal.options.map((x: { id: string }) => x.id);
  const rand = seededRandom(o.seed);
  const choices = Array.from({ length: o.joins }, () => {
    const picked = ids.filter(() => rand() < 0.5);
    return { seats: 1 + Math.floor(rand() * 3), optionIds: picked.length ? picked : [ids[Math.floor(rand() * ids.length)]!] };
  });
  const users = [];
  for (let i = 0; i < o.joins; i++) users.push(await server.createUser());
  const answers = await Promise.all(users.map((u, i) => server.join(u, deal.id, choices[i]!.seats, choices[i]!.optionIds)));
  const p = server.deps.prisma;
  const commitments = await p.commitment.findMany({ where: { dealId: deal.id }, orderBy: { position: "asc" } });
  const placements = await p.commitmentOption.findMany({ where: { dealId: deal.id } });
  const options = await p.dealOption.findMany({ where: { dealId: deal.id }, orderBy: { position: "asc" } });
  const dealRow = await p.deal.findUniqueOrThrow({ where: { id: deal.id } });
  const released = await server.notifications({ dealId: deal.id, kind: "option-released" });
  const confirmed = await server.notifications({ dealId: deal.id, kind: "deal-confirmed" });
  return { o, initiator, ids, choices, users, answers, commitments, placements, options, dealRow, released, confirmed };
}

function checkInvariants(r: Awaited<ReturnType<typeof optionsCrowd>>) {
  const { o, commitments, placements, options, dealRow } = r;
  const byId = new Map(commitments.map((c) => [c.id, c]));
  // Every request got its commitment, except those that came after the win for options that lost:
  // they are refused (400, nothing written). Nothing lost, nothing doubled.
  const refused = r.answers.flatMap((a, i) => (a.status === 201 ? [] : [i]));
  for (const i of refused) {
    expect(r.answers[i]!.status).toBe(400);
    expect(r.choices[i]!.optionIds).not.toContain(dealRow.winningOptionId);
    expect(commitments.some((c) => c.userId === r.users[i]!.id)).toBe(false);
  }
  expect(commitments).toHaveLength(o.joins - refused.length);
  expect(new Set(commitments.map((c) => c.position)).size).toBe(commitments.length);
  // Each commitment sits in exactly the options it chose, as long as there was no winner yet.
  const tipper = byId.get(dealRow.confirmedByCommitmentId!)!;
  for (const [i, user] of r.users.entries()) {
    const c = commitments.find((x) => x.userId === user.id);
    if (!c) continue;
    const mine = placements.filter((p) => p.commitmentId === c.id).map((p) => p.optionId).sort();
    if (c.position <= tipper.position) expect(mine).toEqual([...r.choices[i]!.optionIds].sort());
    else expect(mine).toEqual([dealRow.winningOptionId]);
  }
  // Per option: never over capacity, the counters agree with the placements, first come first served.
  for (const opt of options) {
    const here = placements.filter((p) => p.optionId === opt.id);
    const seatsOf = (status: string) => here.filter((p) => p.status === status).reduce((s, p) => s + byId.get(p.commitmentId)!.seats, 0);
    const active = seatsOf("active");
    expect(active).toBeLessThanOrEqual(o.capacity);
    expect([opt.seatsCommitted, opt.seatsWaitlisted]).toEqual([active, seatsOf("waitlisted")]);
    for (const w of here.filter((p) => p.status === "waitlisted")) expect(byId.get(w.commitmentId)!.seats).toBeGreaterThan(o.capacity - active);
  }
  // Exactly one winner, confirmed once, by the commitment that brought it to the threshold, first.
  expect(dealRow.status).toBe("confirmed");
  const winner = options.find((x) => x.id === dealRow.winningOptionId)!;
  expect(winner).toBeDefined();
  const activeIn = (optionId: string, upTo: number) =>
    placements
      .filter((p) => p.optionId === optionId && p.status === "active" && byId.get(p.commitmentId)!.position <= upTo)
      .reduce((s, p) => s + byId.get(p.commitmentId)!.seats, 0);
  expect(activeIn(winner.id, tipper.position)).toBeGreaterThanOrEqual(o.threshold);
  expect(activeIn(winner.id, tipper.position - 1)).toBeLessThan(o.threshold);
  for (const opt of options) if (opt.id !== winner.id) expect(activeIn(opt.id, Infinity)).toBeLessThan(o.threshold);
  expect(r.answers.filter((a) => a.json.dealStatus === "confirmed" && a.json.commitment.id === tipper.id)).toHaveLength(1);
  // Who did not choose the winner is released; the others have their status in the winner.
  const inWinner = new Map(placements.filter((p) => p.optionId === winner.id).map((p) => [p.commitmentId, p.status]));
  for (const c of commitments) expect(c.status).toBe(inWinner.get(c.id) ?? "released");
  const releasedIds = commitments.filter((c) => c.status === "released").map((c) => c.userId).sort();
  const activeIds = commitments.filter((c) => c.status === "active").map((c) => c.userId);
  // Told exactly once each: option-released to the released, deal-confirmed to the active and the initiator.
  expect(r.released.map((n) => n.userId).sort()).toEqual(releasedIds);
  expect(r.confirmed.map((n) => n.userId).sort()).toEqual([...activeIds, r.initiator.id].sort());
  // The deal's counters are the winner's.
  expect([dealRow.seatsCommitted, dealRow.seatsWaitlisted]).toEqual([winner.seatsCommitted, winner.seatsWaitlisted]);
  const figures = {
    joins: o.joins,
    refusedAfterWin: refused.length,
    winner: winner.label,
    winnerActiveSeats: winner.seatsCommitted,
    released: releasedIds.length,
    optionReleasedEmails: r.released.length,
    dealConfirmedEmails: r.confirmed.length,
  };
  console.log("options concurrency", JSON.stringify(figures));
  return figures;
}

describe("simultaneous joins with random subsets of options", () => {
  it("400 joins, 4 options, threshold 50, capacity 80", async () => {
    const f = checkInvariants(await optionsCrowd({ joins: 400, options: 4, threshold: 50, capacity: 80, seed: 20261130 }));
    expect(f.released).toBeGreaterThan(0);
  });

  it("300 joins, 5 options, threshold = capacity = 120: the win comes late", async () => {
    checkInvariants(await optionsCrowd({ joins: 300, options: 5, threshold: 120, capacity: 120, seed: 7 }));
  });
});
