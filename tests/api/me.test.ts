// The current user: GET and PATCH /api/me, GET /api/me/commitments and GET /api/me/deals.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { dbState } from "../setup/db.ts";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

describe("GET /api/me", () => {
  it("answers with the signed-in user", async () => {
    const ada = await app.createUser({ email: "ada@example.com", displayName: "Ada" });

    const res = await app.api("GET", "/api/me", { as: ada });

    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      user: { id: ada.id, email: "ada@example.com", displayName: "Ada", locale: "en", nameChosen: false, timeZone: null },
    });
  });

  it("answers 401 when signed out", async () => {
    const res = await app.api("GET", "/api/me");

    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHENTICATED");
  });
});

describe("PATCH /api/me", () => {
  it("changes the display name, trimmed, everywhere it is shown", async () => {
    const ada = await app.createUser({ displayName: "Ada" });
    const { deal } = await app.createDeal({ initiator: ada });

    const res = await app.api("PATCH", "/api/me", { as: ada, body: { displayName: "  Ada Lovelace  " } });

    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ id: ada.id, displayName: "Ada Lovelace" });
    expect((await app.api("GET", "/api/me", { as: ada })).json.user.displayName).toBe("Ada Lovelace");
    expect((await app.api("GET", `/api/deals/${deal.id}`)).json.deal.initiator).toEqual({
      id: ada.id,
      displayName: "Ada Lovelace",
      record: { proposed: 0, confirmed: 0, failed: 0, cancelled: 0 },
      reviews: { positive: 0, neutral: 0, negative: 0, positivePercent: null },
    });
  });

  it("changes the language", async () => {
    const ada = await app.createUser();

    const res = await app.api("PATCH", "/api/me", { as: ada, body: { locale: "nl" } });

    expect(res.status).toBe(200);
    expect(res.json.user.locale).toBe("nl");
  });

  it.each([
    ["an empty name", { displayName: "" }, "displayName"],
    ["a name of spaces", { displayName: "   " }, "displayName"],
    ["a name over 60 characters", { displayName: "x".repeat(61) }, "displayName"],
    ["a name that is not a string", { displayName: 42 }, "displayName"],
    ["an unknown language", { locale: "fr" }, "locale"],
    ["a field that cannot be changed here", { email: "evil@example.com" }, "(body)"],
  ])("rejects %s with 400 VALIDATION_FAILED and changes nothing", async (_, body, path) => {
    const ada = await app.createUser({ displayName: "Ada" });
    const before = await dbState(app);

    const res = await app.api("PATCH", "/api/me", { as: ada, body });

    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
    expect(res.json.error.issues).toEqual([{ path, message: expect.any(String) }]);
    expect(await dbState(app)).toEqual(before);
  });

  it("answers 401 when signed out", async () => {
    await app.createUser({ displayName: "Ada" });
    const before = await dbState(app);

    const res = await app.api("PATCH", "/api/me", { body: { displayName: "Mallory" } });

    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHENTICATED");
    expect(await dbState(app)).toEqual(before);
  });
});

describe("GET /api/me/commitments", () => {
  it("lists my active and waitlisted commitments with their deals, newest first", async () => {
    const ada = await app.createUser();
    const first = await app.createDeal({ threshold: 5 });
    const full = await app.createDeal({ threshold: 2, capacity: 2, maxSeatsPerCommitment: 2 });
    const left = await app.createDeal({ threshold: 5 });
    const notMine = await app.createDeal({ threshold: 5 });
    await app.join(ada, first.deal.id, 2);
    app.advance(1_000);
    await app.join(await app.createUser(), full.deal.id, 1);
    await app.join(ada, full.deal.id, 2); // waitlisted
    app.advance(1_000);
    await app.join(ada, left.deal.id, 1);
    await app.api("DELETE", `/api/deals/${left.deal.id}/commitments/mine`, { as: ada });
    await app.join(await app.createUser(), notMine.deal.id, 1);

    const res = await app.api("GET", "/api/me/commitments", { as: ada });

    expect(res.status).toBe(200);
    expect(res.json.items.map((c: { deal: { id: string }; status: string; seats: number }) => [c.deal.id, c.status, c.seats])).toEqual([
      [full.deal.id, "waitlisted", 2],
      [first.deal.id, "active", 2],
    ]);
    expect(res.json.items[0]).toMatchObject({ waitlistPosition: 1, deal: { viewerCommitment: { status: "waitlisted" } } });
  });

  it("answers an empty list to a user without commitments", async () => {
    const res = await app.api("GET", "/api/me/commitments", { as: await app.createUser() });

    expect(res.status).toBe(200);
    expect(res.json).toEqual({ items: [] });
  });

  it("answers 401 when signed out", async () => {
    const res = await app.api("GET", "/api/me/commitments");

    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHENTICATED");
  });
});

describe("GET /api/me/deals", () => {
  it("lists the deals I proposed, newest first", async () => {
    const ada = await app.createUser();
    const older = await app.createDeal({ initiator: ada });
    app.advance(1_000);
    const newer = await app.createDeal({ initiator: ada });
    await app.createDeal();

    const res = await app.api("GET", "/api/me/deals", { as: ada });

    expect(res.status).toBe(200);
    expect(res.json.items.map((d: { id: string }) => d.id)).toEqual([newer.deal.id, older.deal.id]);
    expect(res.json.items.every((d: { viewerIsInitiator: boolean }) => d.viewerIsInitiator)).toBe(true);
  });

  it("answers 401 when signed out", async () => {
    const res = await app.api("GET", "/api/me/deals");

    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHENTICATED");
  });
});
