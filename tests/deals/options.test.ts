// Options (the group picks the date or place): proposing with options, joining with a choice,
// capacity and waitlists per option, the single winner, the released, and withdrawal before the
// win. One request at a time here; tests/deals/options-concurrency.test.ts runs them at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const options = [{ label: "12–16 May", departsOn: "2027-05-12", returnsOn: "2027-05-16" }, { label: "2–6 June" }, { label: "July" }];

async function optionsDeal(over: Record<string, unknown> = {}) {
  const { deal, initiator } = await app.createDeal({ threshold: 3, capacity: 4, maxSeatsPerCommitment: 4, options, ...over });
  const ids = (deal.options as { id: string }[]).map((o) => o.id);
  return { deal, initiator, ids };
}

const dealOf = async (id: string, as?: { cookie: string }) => (await app.api("GET", `/api/deals/${id}`, { as })).json.deal;
const statusOf = async (dealId: string, userId: string) =>
  (await app.deps.prisma.commitment.findUniqueOrThrow({ where: { userId_dealId: { dealId, userId } } })).status;

describe("proposing with options", () => {
  it("answers the options with their own counts, and no winner", async () => {
    const { deal } = await optionsDeal();
    expect(deal.options.map((o: { label: string }) => o.label)).toEqual(["12–16 May", "2–6 June", "July"]);
    expect(deal.options[0]).toMatchObject({ departsOn: "2027-05-12", returnsOn: "2027-05-16", seatsCommitted: 0, seatsWaitlisted: 0 });
    expect(deal.options[1]).toMatchObject({ departsOn: null, returnsOn: null });
    expect(deal.winningOptionId).toBeNull();
  });

  it.each([
    ["one option", [{ label: "A" }]],
    ["six options", ["A", "B", "C", "D", "E", "F"].map((label) => ({ label }))],
    ["an empty label", [{ label: "A" }, { label: " " }]],
    ["a label of 81 characters", [{ label: "A" }, { label: "x".repeat(81) }]],
    ["the same label twice", [{ label: "May" }, { label: "may" }]],
    ["a return before the departure", [{ label: "A", departsOn: "2027-05-12", returnsOn: "2027-05-01" }, { label: "B" }]],
  ])("refuses %s with 400 and creates nothing", async (_, opts) => {
    const initiator = await app.createUser();
    const before = await app.deps.prisma.deal.count();
    const res = await app.api("POST", "/api/deals", { as: initiator, body: app.dealInput({ options: opts }) });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
    expect(await app.deps.prisma.deal.count()).toBe(before);
  });
});

describe("joining a deal with options", () => {
  it("refuses no choice, an unknown id or a repeated id with 400, and changes nothing", async () => {
    const { deal, ids } = await optionsDeal();
    const user = await app.createUser();
    for (const optionIds of [undefined, [], ["nope"], [ids[0]!, ids[0]!]]) {
      const res = await app.join(user, deal.id, 1, optionIds);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("VALIDATION_FAILED");
    }
    expect(await app.deps.prisma.commitment.count({ where: { dealId: deal.id } })).toBe(0);
    expect((await dealOf(deal.id)).options.every((o: { seatsCommitted: number }) => o.seatsCommitted === 0)).toBe(true);
  });

  it("refuses a choice on a deal without options", async () => {
    const { deal } = await app.createDeal();
    const res = await app.join(await app.createUser(), deal.id, 1, ["x"]);
    expect(res.status).toBe(400);
  });

  it("counts the same seats toward each chosen option, and waitlists per option", async () => {
    const { deal, ids } = await optionsDeal({ threshold: 4, capacity: 4 });
    const [a, b, c] = [await app.createUser(), await app.createUser(), await app.createUser()];
    const ra = await app.join(a, deal.id, 2, [ids[0]!, ids[1]!]);
    expect(ra.status).toBe(201);
    expect(ra.json.commitment).toMatchObject({ status: "active", optionIds: [ids[0], ids[1]] });
    await app.join(b, deal.id, 1, [ids[1]!]);
    // 2 seats: they fit in option 0 (2 of 4) but not in option 1 (3 of 4): active there, waitlisted here.
    const rc = await app.join(c, deal.id, 2, [ids[0]!, ids[1]!]);
    expect(rc.json.commitment.status).toBe("active");
    const d = await dealOf(deal.id);
    expect(d.options.map((o: { seatsCommitted: number; seatsWaitlisted: number }) => [o.seatsCommitted, o.seatsWaitlisted])).toEqual([
      [4, 0],
      [3, 2],
      [0, 0],
    ]);
    // Option 0 reached the threshold of 4 with c's seats: it won.
    expect(d.status).toBe("confirmed");
    expect(d.winningOptionId).toBe(ids[0]);
  });
});

describe("the win", () => {
  it("confirms the first option to reach the threshold, releases who did not choose it, and tells each once", async () => {
    const { deal, ids, initiator } = await optionsDeal({ threshold: 3, capacity: 10 });
    const users = await Promise.all(Array.from({ length: 5 }, () => app.createUser()));
    await app.join(users[0]!, deal.id, 1, [ids[0]!, ids[1]!]);
    await app.join(users[1]!, deal.id, 1, [ids[1]!]);
    await app.join(users[2]!, deal.id, 2, [ids[2]!]);
    expect((await dealOf(deal.id)).status).toBe("open");
    const tip = await app.join(users[3]!, deal.id, 1, [ids[1]!, ids[2]!]); // option 1 reaches 3 first (by position)
    expect(tip.json.dealStatus).toBe("confirmed");
    expect(tip.json.deal.winningOptionId).toBe(ids[1]);
    expect(await statusOf(deal.id, users[0]!.id)).toBe("active");
    expect(await statusOf(deal.id, users[1]!.id)).toBe("active");
    expect(await statusOf(deal.id, users[2]!.id)).toBe("released");
    const released = await app.notifications({ dealId: deal.id, kind: "option-released" });
    expect(released.map((n) => n.userId)).toEqual([users[2]!.id]);
    expect(JSON.parse(released[0]!.payload)).toMatchObject({ option: "2–6 June", seats: 2 });
    const confirmed = await app.notifications({ dealId: deal.id, kind: "deal-confirmed" });
    expect(confirmed.map((n) => n.userId).sort()).toEqual([users[0]!.id, users[1]!.id, users[3]!.id, initiator.id].sort());
    const d = await dealOf(deal.id);
    expect([d.seatsCommitted, d.participantCount]).toEqual([3, 3]);

    // After the win a join counts for the winner only; a choice of a losing option is refused.
    expect((await app.join(users[4]!, deal.id, 1, [ids[0]!])).status).toBe(400);
    const late = await app.join(users[4]!, deal.id, 1);
    expect(late.json.commitment).toMatchObject({ status: "active", optionIds: [ids[1]] });
    // The released may join the winner.
    const back = await app.join(users[2]!, deal.id, 1);
    expect(back.status).toBe(201);
    expect(back.json.commitment.optionIds).toEqual([ids[1]]);
    expect((await dealOf(deal.id)).options[1].seatsCommitted).toBe(5);
    expect(await app.notifications({ dealId: deal.id, kind: "option-released" })).toHaveLength(1);
    // Released seats are not binding, and there is nothing to withdraw.
    expect((await app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: users[0]! })).json.error.code).toBe(
      "COMMITMENT_BINDING",
    );
  });

  it("withdrawing before the win leaves every option, and each promotes its own waitlist", async () => {
    const { deal, ids } = await optionsDeal({ threshold: 3, capacity: 3, maxSeatsPerCommitment: 3 });
    const [a, b, c] = [await app.createUser(), await app.createUser(), await app.createUser()];
    await app.join(a, deal.id, 2, [ids[0]!, ids[1]!]);
    await app.join(b, deal.id, 2, [ids[0]!]); // waitlisted in option 0
    await app.join(c, deal.id, 2, [ids[1]!]); // waitlisted in option 1
    expect(await statusOf(deal.id, b.id)).toBe("waitlisted");
    const res = await app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: a });
    expect(res.status).toBe(200);
    expect(await statusOf(deal.id, b.id)).toBe("active");
    expect(await statusOf(deal.id, c.id)).toBe("active");
    const d = res.json.deal;
    expect(d.options.map((o: { seatsCommitted: number; seatsWaitlisted: number }) => [o.seatsCommitted, o.seatsWaitlisted])).toEqual([
      [2, 0],
      [2, 0],
      [0, 0],
    ]);
    expect(d.status).toBe("open");
    const promoted = await app.notifications({ dealId: deal.id, kind: "waitlist-promoted" });
    expect(promoted.map((n) => n.userId).sort()).toEqual([b.id, c.id].sort());
    // a may come back, with another choice.
    const again = await app.join(a, deal.id, 1, [ids[2]!]);
    expect(again.json.commitment).toMatchObject({ status: "active", optionIds: [ids[2]] });
  });

  it("a promotion that brings an option to the threshold wins it", async () => {
    const { deal, ids } = await optionsDeal({ threshold: 3, capacity: 3, maxSeatsPerCommitment: 3 });
    const [a, b, c] = [await app.createUser(), await app.createUser(), await app.createUser()];
    await app.join(a, deal.id, 2, [ids[0]!]);
    await app.join(b, deal.id, 3, [ids[0]!]); // waitlisted: 2 + 3 > 3
    await app.join(c, deal.id, 1, [ids[1]!]);
    await app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: a });
    const d = await dealOf(deal.id);
    expect(d.status).toBe("confirmed");
    expect(d.winningOptionId).toBe(ids[0]);
    expect(await statusOf(deal.id, b.id)).toBe("active");
    expect(await statusOf(deal.id, c.id)).toBe("released");
  });
});
