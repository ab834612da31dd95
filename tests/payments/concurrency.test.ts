// Exactly once under concurrency: 200 simultaneous joins over HTTP to a listening server confirm a
// priced deal (the tip, then joins of the confirmed deal, each batch asking the deal's unasked
// participants to pay); then a raised capacity promotes the waitlist while more join. Each active commitment ends with exactly one payment and one payment-due;
// the invariants are read straight from the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../setup/harness.ts";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function exactlyOnce(dealId: string) {
  const active = await server.deps.prisma.commitment.findMany({ where: { dealId, status: "active" } });
  const payments = await server.deps.prisma.payment.findMany({ where: { dealId } });
  const due = await server.notifications({ dealId, kind: "payment-due" });
  // One payment per active commitment, for its seats, and none for anyone else.
  expect(payments.map((p) => p.commitmentId).sort()).toEqual(active.map((c) => c.id).sort());
  for (const p of payments) expect(p.amountCents).toBe(active.find((c) => c.id === p.commitmentId)!.seats * 4900);
  // One payment-due per payment, naming it.
  expect(due.map((n) => n.subjectId).sort()).toEqual(payments.map((p) => p.id).sort());
  return { active: active.length, payments: payments.length, due: due.length };
}

describe("asking to pay, exactly once", () => {
  it("200 simultaneous one-seat joins of a deal without a cap: 200 payments, 200 payment-due", async () => {
    const { deal } = await server.createDeal({ threshold: 150, pricePerSeatCents: 4900 });
    const users = [];
    for (let i = 0; i < 200; i++) users.push(await server.createUser());
    const started = performance.now();
    const answers = await Promise.all(users.map((u) => server.join(u, deal.id, 1)));
    const ms = Math.round(performance.now() - started);
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(201));
    expect(await exactlyOnce(deal.id)).toEqual({ active: 200, payments: 200, due: 200 });
    console.log(`200 simultaneous joins, threshold 150: 200 payments, 200 payment-due, ${ms} ms`);
  });

  it("200 simultaneous joins confirm a deal: each active commitment gets one payment and one payment-due", async () => {
    const { deal, initiator } = await server.createDeal({ threshold: 100, capacity: 200, pricePerSeatCents: 4900, maxSeatsPerCommitment: 2 });
    const users = [];
    for (let i = 0; i < 200; i++) users.push(await server.createUser());
    const started = performance.now();
    const answers = await Promise.all(users.map((u, i) => server.join(u, deal.id, 1 + (i % 2))));
    const ms = Math.round(performance.now() - started);
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(201));
    expect((await server.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).status).toBe("confirmed");
    const counts = await exactlyOnce(deal.id);
    expect(counts.payments).toBeGreaterThanOrEqual(100);
    console.log(`200 simultaneous joins of a priced deal: ${counts.payments} payments, ${counts.due} payment-due, ${ms} ms`);

    // The initiator raises the capacity while 50 more join: promotions and joins race, and each
    // newly active commitment is asked once.
    const late = [];
    for (let i = 0; i < 50; i++) late.push(await server.createUser());
    const [raise, ...more] = await Promise.all([
      server.api("PATCH", `/api/deals/${deal.id}`, { as: initiator, body: { capacity: 260 } }),
      ...late.map((u) => server.join(u, deal.id, 1)),
    ]);
    expect(raise.status).toBe(200);
    expect(more.map((a) => a.status)).toEqual(Array(50).fill(201));
    const after = await exactlyOnce(deal.id);
    expect(after.payments).toBeGreaterThan(counts.payments);
    await exactlyOnce(deal.id);
  });
});
