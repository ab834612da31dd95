// Proposing, reading and listing deals: POST /api/deals, GET /api/deals/:id, GET /api/deals.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { dbState, tableCounts } from "../setup/db.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

describe("POST /api/deals", () => {
  it("opens the deal at once and answers 201 with the deal", async () => {
    const initiator = await app.createUser({ displayName: "Ines" });
    const input = app.dealInput({ capacity: 5, threshold: 3, maxSeatsPerCommitment: 4, pricePerSeatCents: 29500 });

    const res = await app.api("POST", "/api/deals", { as: initiator, body: input });

    expect(res.status).toBe(201);
    expect(res.json.deal).toEqual({
      id: expect.stringMatching(/^[0-9a-z]{16}$/),
      kind: "trip",
      title: "Charter to Lisbon",
      description: "Four days in May.",
      destination: "Lisbon",
      departsOn: "2027-05-12",
      returnsOn: "2027-05-16",
      pricePerSeatCents: 29500,
      currency: "EUR",
      threshold: 3,
      capacity: 5,
      maxSeatsPerCommitment: 4,
      seatsCommitted: 0,
      seatsWaitlisted: 0,
      participantCount: 0,
      deadline: new Date(input.deadline as string).toISOString(),
      status: "open",
      confirmedAt: null,
      createdAt: expect.any(String),
      initiator: {
        id: initiator.id,
        displayName: "Ines",
        record: { proposed: 0, confirmed: 0, failed: 0, cancelled: 0 },
        reviews: { positive: 0, neutral: 0, negative: 0, positivePercent: null },
      },
      joinable: true,
      viewerCommitment: null,
      viewerIsInitiator: true,
      viewerFollowing: false,
      visibility: "public",
      softThreshold: null,
      graceEndsAt: null,
      goAheadAt: null,
      termsLocked: false,
      options: [],
      winningOptionId: null,
      priceTiers: [],
      currentPricePerSeatCents: 29500,
      nextTier: null,
      paymentWindowHours: 72,
      waitlistCount: 0,
      lang: "en",
    });
    const row = await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: res.json.deal.id } });
    expect(row).toMatchObject({ status: "open", initiatorId: initiator.id, threshold: 3, capacity: 5 });
  });

  it("fills in the defaults: kind deal, currency EUR, 10 seats per commitment, empty description", async () => {
    const initiator = await app.createUser();

    const res = await app.api("POST", "/api/deals", {
      as: initiator,
      body: { title: "  Olive oil, 5 l tins  ", pricePerSeatCents: 4500, threshold: 20, deadline: inDays(3) },
    });

    expect(res.status).toBe(201);
    expect(res.json.deal).toMatchObject({
      kind: "deal",
      title: "Olive oil, 5 l tins",
      description: "",
      destination: null,
      departsOn: null,
      returnsOn: null,
      currency: "EUR",
      capacity: null,
      maxSeatsPerCommitment: 10,
    });
  });

  it("accepts any ISO 4217 currency, in any case", async () => {
    const initiator = await app.createUser();

    const res = await app.api("POST", "/api/deals", { as: initiator, body: app.dealInput({ currency: "chf" }) });

    expect(res.status).toBe(201);
    expect(res.json.deal.currency).toBe("CHF");
  });

  it("answers 401 when signed out and stores nothing", async () => {
    const res = await app.api("POST", "/api/deals", { body: app.dealInput() });

    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHENTICATED");
    expect(await app.deps.prisma.deal.count()).toBe(0);
  });

  it.each([
    ["a title under 3 characters", { title: " ab " }, ["title"]],
    ["a title over 120 characters", { title: "x".repeat(121) }, ["title"]],
    ["a description over 5000 characters", { description: "x".repeat(5001) }, ["description"]],
    ["a threshold of 0", { threshold: 0 }, ["threshold"]],
    ["a threshold over 100000", { threshold: 100_001 }, ["threshold"]],
    ["a fractional threshold", { threshold: 2.5 }, ["threshold"]],
    ["a threshold as a string", { threshold: "3" }, ["threshold"]],
    ["a negative price", { pricePerSeatCents: -1 }, ["pricePerSeatCents"]],
    ["an unknown currency", { currency: "ZZZ" }, ["currency"]],
    ["an unknown kind", { kind: "cruise" }, ["kind"]],
    ["a missing title", { title: undefined }, ["title"]],
    ["a deadline that is not a date", { deadline: "next Tuesday" }, ["deadline"]],
    ["a malformed travel date", { departsOn: "12/05/2027" }, ["departsOn"]],
    ["more than 100 seats per commitment", { maxSeatsPerCommitment: 101 }, ["maxSeatsPerCommitment"]],
    ["a field the API does not know", { status: "confirmed" }, ["(body)"]],
    ["a capacity below the threshold", { threshold: 5, capacity: 4, maxSeatsPerCommitment: 2 }, ["capacity"]],
    ["more seats per commitment than the capacity", { capacity: 5, maxSeatsPerCommitment: 6 }, ["maxSeatsPerCommitment"]],
    ["a deadline less than 10 minutes ahead", { deadline: new Date(Date.now() + 5 * MINUTE).toISOString() }, ["deadline"]],
    ["a deadline in the past", { deadline: new Date(Date.now() - DAY).toISOString() }, ["deadline"]],
    ["a deadline over 366 days ahead", { deadline: inDays(367), departsOn: null, returnsOn: null }, ["deadline"]],
    ["a return before the departure", { departsOn: "2027-05-12", returnsOn: "2027-05-11" }, ["returnsOn"]],
    ["a return without a departure", { departsOn: null, returnsOn: "2027-05-11" }, ["departsOn"]],
    ["a departure before the deadline", { deadline: inDays(30), departsOn: inDays(10).slice(0, 10), returnsOn: null }, ["departsOn"]],
  ])("rejects %s with 400 VALIDATION_FAILED and stores nothing", async (_, over, paths) => {
    const initiator = await app.createUser();
    const before = await tableCounts(app);

    const res = await app.api("POST", "/api/deals", { as: initiator, body: app.dealInput(over) });

    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
    expect(res.json.error.message).toEqual(expect.any(String));
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toEqual(paths);
    for (const issue of res.json.error.issues) expect(issue.message).toMatch(/\w/);
    expect(await tableCounts(app)).toEqual(before);
  });
});

describe("GET /api/deals/:id", () => {
  it("shows the deal to anyone, without a viewer commitment when signed out", async () => {
    const { deal } = await app.createDeal({ threshold: 3 });

    const res = await app.api("GET", `/api/deals/${deal.id}`);

    expect(res.status).toBe(200);
    expect(res.json.deal).toEqual({ ...deal, viewerCommitment: null, viewerIsInitiator: false });
  });

  it("adds the signed-in viewer's own commitment, and only theirs", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 5 });
    const ada = await app.createUser();
    const bob = await app.createUser();
    await app.join(ada, deal.id, 2);
    await app.join(bob, deal.id, 1);

    const asAda = await app.api("GET", `/api/deals/${deal.id}`, { as: ada });
    const asInitiator = await app.api("GET", `/api/deals/${deal.id}`, { as: initiator });

    expect(asAda.status).toBe(200);
    expect(asAda.json.deal).toMatchObject({ seatsCommitted: 3, participantCount: 2, viewerIsInitiator: false });
    expect(asAda.json.deal.viewerCommitment).toEqual({
      id: expect.any(String),
      seats: 2,
      status: "active",
      waitlistPosition: null,
      createdAt: expect.any(String),
      optionIds: [],
      payment: null,
    });
    expect(asInitiator.json.deal.viewerCommitment).toBeNull();
    expect(asInitiator.json.deal.viewerIsInitiator).toBe(true);
  });

  it("shows a deal past its deadline as failed and not joinable, before any sweep", async () => {
    const { deal } = await app.createDeal();

    app.advance(8 * DAY);
    const res = await app.api("GET", `/api/deals/${deal.id}`);

    expect(res.status).toBe(200);
    expect(res.json.deal).toMatchObject({ status: "failed", joinable: false });
    expect((await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).status).toBe("open");
  });

  it("shows a confirmed deal with the time it was confirmed", async () => {
    const { deal } = await app.createDeal({ threshold: 2 });
    await app.join(await app.createUser(), deal.id, 2);

    const res = await app.api("GET", `/api/deals/${deal.id}`);

    expect(res.json.deal).toMatchObject({ status: "confirmed", joinable: true, seatsCommitted: 2 });
    expect(Date.parse(res.json.deal.confirmedAt)).toBeGreaterThan(0);
  });

  it.each([
    ["an unknown id", "0000000000000000"],
    ["a malformed id", "not-a-deal"],
    ["an id in capitals", "ABCDEFGHIJKLMNOP"],
    ["an id that is too long", "0000000000000000a"],
    ["an id with SQL in it", "%27%20OR%20%271%27%3D%271"],
  ])("answers 404 DEAL_NOT_FOUND for %s", async (_, id) => {
    await app.createDeal();

    const res = await app.api("GET", `/api/deals/${id}`);

    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("DEAL_NOT_FOUND");
  });
});

describe("GET /api/deals", () => {
  /** Follows nextCursor from the first page to the last; returns the pages' ids. */
  async function walk(query: string, limit: number) {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const res = await app.api("GET", `/api/deals?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      pages.push(res.json.items.map((d: { id: string }) => d.id));
      cursor = res.json.nextCursor;
    } while (cursor && pages.length < 20);
    return pages;
  }

  it("lists deals of every status, newest first, to anyone", async () => {
    const first = await app.createDeal();
    app.advance(MINUTE);
    const second = await app.createDeal();

    const res = await app.api("GET", "/api/deals");

    expect(res.status).toBe(200);
    expect(res.json.nextCursor).toBeNull();
    expect(res.json.items.map((d: { id: string }) => d.id)).toEqual([second.deal.id, first.deal.id]);
  });

  it("lists open deals ending soonest first, without closed or expired ones", async () => {
    const initiator = await app.createUser();
    const inThree = await app.createDeal({ initiator, deadline: inDays(3) });
    const inOne = await app.createDeal({ initiator, deadline: inDays(1) });
    const inTwo = await app.createDeal({ initiator, deadline: inDays(2) });
    const expiring = await app.createDeal({ initiator, deadline: new Date(Date.now() + 20 * MINUTE).toISOString() });
    const cancelled = await app.createDeal({ initiator });
    await app.api("POST", `/api/deals/${cancelled.deal.id}/cancel`, { as: initiator });
    const confirmed = await app.createDeal({ initiator, threshold: 1 });
    await app.join(await app.createUser(), confirmed.deal.id, 1);

    app.advance(30 * MINUTE);
    const res = await app.api("GET", "/api/deals?status=open");

    expect(res.status).toBe(200);
    expect(res.json.items.map((d: { id: string }) => d.id)).toEqual([inOne.deal.id, inTwo.deal.id, inThree.deal.id]);
    expect(res.json.items.every((d: { status: string; joinable: boolean }) => d.status === "open" && d.joinable)).toBe(true);
    const failed = await app.api("GET", "/api/deals?status=failed");
    expect(failed.json.items.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([
      [expiring.deal.id, "failed"],
    ]);
  });

  it("lists confirmed deals most recently confirmed first", async () => {
    const earlier = await app.createDeal({ threshold: 1 });
    const later = await app.createDeal({ threshold: 1 });
    await app.createDeal({ threshold: 1 });
    await app.join(await app.createUser(), later.deal.id, 1);
    app.advance(MINUTE);
    await app.join(await app.createUser(), earlier.deal.id, 1);

    const res = await app.api("GET", "/api/deals?status=confirmed");

    expect(res.status).toBe(200);
    expect(res.json.items.map((d: { id: string }) => d.id)).toEqual([earlier.deal.id, later.deal.id]);
    expect(res.json.items.map((d: { status: string }) => d.status)).toEqual(["confirmed", "confirmed"]);
  });

  it("lists failed deals, swept or not, and cancelled deals by their status", async () => {
    const swept = await app.createDeal({ deadline: inDays(1) });
    const unswept = await app.createDeal({ deadline: inDays(2) });
    const cancelled = await app.createDeal();
    await app.api("POST", `/api/deals/${cancelled.deal.id}/cancel`, { as: cancelled.initiator });
    app.advance(1 * DAY + MINUTE);
    await app.built.background.runNow();
    app.advance(1 * DAY);

    const failed = await app.api("GET", "/api/deals?status=failed");
    const cancelledList = await app.api("GET", "/api/deals?status=cancelled");

    expect(failed.json.items.map((d: { id: string }) => d.id).sort()).toEqual([swept.deal.id, unswept.deal.id].sort());
    expect(failed.json.items.map((d: { status: string }) => d.status)).toEqual(["failed", "failed"]);
    expect(cancelledList.json.items.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([
      [cancelled.deal.id, "cancelled"],
    ]);
  });

  it("walks every deal exactly once across pages of 2, in the order of one big page", async () => {
    const initiator = await app.createUser();
    for (let i = 0; i < 5; i++) await app.createDeal({ initiator });

    const pages = await walk("", 2);
    const whole = await app.api("GET", "/api/deals?limit=50");

    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(whole.json.items.map((d: { id: string }) => d.id));
    expect(new Set(pages.flat()).size).toBe(5);
  });

  it("walks open deals with equal deadlines exactly once, in deadline order", async () => {
    const initiator = await app.createUser();
    const same = inDays(2);
    for (const deadline of [inDays(3), same, same, same, inDays(1), same]) {
      await app.createDeal({ initiator, deadline });
    }

    const pages = await walk("status=open", 2);
    const whole = await app.api("GET", "/api/deals?status=open&limit=50");

    expect(pages.map((p) => p.length)).toEqual([2, 2, 2]);
    expect(pages.flat()).toEqual(whole.json.items.map((d: { id: string }) => d.id));
    expect(new Set(pages.flat()).size).toBe(6);
    const deadlines = whole.json.items.map((d: { deadline: string }) => d.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
  });

  it("walks confirmed deals exactly once across pages", async () => {
    const initiator = await app.createUser();
    const joiner = await app.createUser();
    for (let i = 0; i < 5; i++) {
      const { deal } = await app.createDeal({ initiator, threshold: 1 });
      await app.join(joiner, deal.id, 1);
    }

    const pages = await walk("status=confirmed", 2);

    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(new Set(pages.flat()).size).toBe(5);
  });

  it.each([
    ["a garbage cursor", "cursor=garbage"],
    ["a cursor of valid JSON with a bad key", `cursor=${Buffer.from(JSON.stringify({ k: "abc", id: "x" })).toString("base64url")}`],
    ["a cursor with an out-of-range time", `cursor=${Buffer.from(JSON.stringify({ k: 1e20, id: "x" })).toString("base64url")}`],
    ["a cursor over 200 characters", `cursor=${"a".repeat(201)}`],
  ])("answers 400 VALIDATION_FAILED for %s", async (_, query) => {
    await app.createDeal();

    const res = await app.api("GET", `/api/deals?${query}`);

    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
    expect(res.json.error.issues).toEqual([{ path: "cursor", message: expect.any(String) }]);
  });

  it.each([
    ["an unknown status", "status=pending", "status"],
    ["a limit of 0", "limit=0", "limit"],
    ["a limit over 50", "limit=51", "limit"],
    ["a limit that is not a number", "limit=ten", "limit"],
  ])("answers 400 VALIDATION_FAILED for %s", async (_, query, path) => {
    const res = await app.api("GET", `/api/deals?${query}`);

    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
    expect(res.json.error.issues).toEqual([{ path, message: expect.any(String) }]);
  });

  it("leaves the database unchanged when reading", async () => {
    await app.createDeal();
    const before = await dbState(app);

    await app.api("GET", "/api/deals?status=open");
    await app.api("GET", "/api/deals?cursor=garbage");

    expect(await dbState(app)).toEqual(before);
  });
});
