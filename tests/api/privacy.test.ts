// Promise 6 (SECURITY.md, "The promises"): a participant's email address is visible only to that participant and to the deal's
// initiator. Every read a stranger, another participant or a signed-out visitor can make is
// searched for the addresses that are not theirs.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

/** A deal with an initiator, an active and a waitlisted participant, and a stranger. */
async function scene() {
  const initiator = await app.createUser({ email: "initiator@example.com", displayName: "Ines" });
  const ada = await app.createUser({ email: "ada@example.com", displayName: "Ada" });
  const bob = await app.createUser({ email: "bob@example.com", displayName: "Bob" });
  const stranger = await app.createUser({ email: "stranger@example.com", displayName: "Sam" });
  const { deal } = await app.createDeal({ initiator, threshold: 3, capacity: 3, maxSeatsPerCommitment: 3 });
  expect((await app.join(ada, deal.id, 2)).status).toBe(201);
  expect((await app.join(bob, deal.id, 2)).json.commitment.status).toBe("waitlisted");
  return { deal, initiator, ada, bob, stranger };
}

describe("email addresses", () => {
  it("never reach a stranger, another participant or a signed-out visitor", async () => {
    const { deal, initiator, ada, bob, stranger } = await scene();
    const everyone = [initiator, ada, bob, stranger];

    for (const viewer of [stranger, ada, bob, undefined]) {
      const others = everyone.filter((u) => u !== viewer).map((u) => u.email);
      const reads = [
        await app.api("GET", `/api/deals/${deal.id}`, { as: viewer }),
        await app.api("GET", "/api/deals", { as: viewer }),
        await app.api("GET", "/api/deals?status=open", { as: viewer }),
        await app.api("GET", `/api/deals/${deal.id}/participants`, { as: viewer }),
        await app.api("GET", `/api/deals/${deal.id}/participants?format=csv`, { as: viewer }),
        ...(viewer ? [await app.api("GET", "/api/me/commitments", { as: viewer })] : []),
      ];
      for (const res of reads) {
        for (const email of others) expect(res.text, `${viewer?.email ?? "signed out"}`).not.toContain(email);
      }
    }
  });

  it("stay hidden after the deal is confirmed, in the answers to joining and leaving too", async () => {
    const { deal, initiator, ada, bob, stranger } = await scene();
    const leave = await app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: bob });
    const tip = await app.join(stranger, deal.id, 1);
    expect(tip.json.dealStatus).toBe("confirmed");

    const reads = [
      leave,
      tip,
      await app.api("GET", `/api/deals/${deal.id}`, { as: stranger }),
      await app.api("GET", "/api/deals?status=confirmed", { as: stranger }),
      await app.api("GET", "/api/me/commitments", { as: stranger }),
    ];

    for (const res of reads) {
      for (const email of [initiator.email, ada.email, bob.email]) expect(res.text).not.toContain(email);
    }
  });

  it("are shown to the initiator in the participant list", async () => {
    const { deal, initiator } = await scene();

    const res = await app.api("GET", `/api/deals/${deal.id}/participants`, { as: initiator });

    expect(res.json.items.map((p: { email: string }) => p.email)).toEqual(["ada@example.com", "bob@example.com"]);
  });

  it("are shown to their owner in GET /api/me", async () => {
    const { ada } = await scene();

    const res = await app.api("GET", "/api/me", { as: ada });

    expect(res.json.user.email).toBe("ada@example.com");
  });
});

describe("object-level access", () => {
  it("refuses the initiator's controls to everyone else with 403", async () => {
    const { deal, ada, stranger } = await scene();

    for (const viewer of [ada, stranger]) {
      expect((await app.api("GET", `/api/deals/${deal.id}/participants`, { as: viewer })).status).toBe(403);
      expect((await app.api("POST", `/api/deals/${deal.id}/cancel`, { as: viewer })).status).toBe(403);
    }
    expect((await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).status).toBe("open");
  });

  it("withdraws only the viewer's own commitment", async () => {
    const { deal, ada, stranger } = await scene();

    const res = await app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: stranger });

    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("COMMITMENT_NOT_FOUND");
    const adas = await app.deps.prisma.commitment.findFirstOrThrow({ where: { dealId: deal.id, userId: ada.id } });
    expect(adas.status).toBe("active");
  });
});
