// The initiator's controls: POST /api/deals/:id/cancel and GET /api/deals/:id/participants
// (JSON and CSV). Nobody else may use them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { dbState } from "../setup/db.ts";

const DAY = 24 * 3_600_000;

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

type User = Parameters<TestApp["join"]>[0];
const cancel = (user: User | undefined, dealId: string) => app.api("POST", `/api/deals/${dealId}/cancel`, { as: user });
const participants = (user: User | undefined, dealId: string, query = "") =>
  app.api("GET", `/api/deals/${dealId}/participants${query}`, { as: user });

async function recipients(dealId: string, kind: string) {
  return (await app.notifications({ dealId, kind })).map((n) => n.userId).sort();
}

describe("POST /api/deals/:id/cancel", () => {
  it("cancels an open deal and tells everyone once: active, waitlisted and the initiator", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 6, capacity: 6, maxSeatsPerCommitment: 5 });
    const [ada, bob, cy] = [await app.createUser(), await app.createUser(), await app.createUser()];
    await app.join(ada, deal.id, 4);
    await app.join(bob, deal.id, 3); // waitlisted
    await app.join(cy, deal.id, 1);
    await app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: cy }); // gone before the cancel

    const res = await cancel(initiator, deal.id);

    expect(res.status).toBe(200);
    expect(res.json.deal).toMatchObject({ id: deal.id, status: "cancelled", joinable: false });
    expect((await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).status).toBe("cancelled");
    expect(await recipients(deal.id, "deal-cancelled")).toEqual([ada.id, bob.id, initiator.id].sort());
  });

  it("tells an initiator who also joined only once", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 5 });
    await app.join(initiator, deal.id, 2);

    await cancel(initiator, deal.id);

    expect(await recipients(deal.id, "deal-cancelled")).toEqual([initiator.id]);
  });

  it("answers 409 DEAL_NOT_OPEN to a second cancel and tells nobody again", async () => {
    const { deal, initiator } = await app.createDeal();
    await app.join(await app.createUser(), deal.id, 1);
    expect((await cancel(initiator, deal.id)).status).toBe(200);
    const before = await dbState(app);

    const again = await cancel(initiator, deal.id);

    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("DEAL_NOT_OPEN");
    expect(await dbState(app)).toEqual(before);
    expect(await app.notifications({ dealId: deal.id, kind: "deal-cancelled" })).toHaveLength(2);
  });

  it("answers 409 DEAL_NOT_OPEN for a confirmed deal", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 1 });
    await app.join(await app.createUser(), deal.id, 1);
    const before = await dbState(app);

    const res = await cancel(initiator, deal.id);

    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("DEAL_NOT_OPEN");
    expect(await dbState(app)).toEqual(before);
    expect(await app.notifications({ dealId: deal.id, kind: "deal-cancelled" })).toEqual([]);
  });

  it("answers 409 DEAL_NOT_OPEN past the deadline, swept or not", async () => {
    const { deal, initiator } = await app.createDeal();
    app.advance(7 * DAY + 1);

    const unswept = await cancel(initiator, deal.id);
    await app.built.background.runNow();
    const swept = await cancel(initiator, deal.id);

    expect([unswept.status, unswept.json.error.code]).toEqual([409, "DEAL_NOT_OPEN"]);
    expect([swept.status, swept.json.error.code]).toEqual([409, "DEAL_NOT_OPEN"]);
    expect((await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).status).toBe("failed");
    expect(await app.notifications({ dealId: deal.id, kind: "deal-cancelled" })).toEqual([]);
  });

  it("answers 403 FORBIDDEN to anyone but the initiator, participants included", async () => {
    const { deal } = await app.createDeal();
    const participant = await app.createUser();
    await app.join(participant, deal.id, 1);
    const stranger = await app.createUser();
    const before = await dbState(app);

    for (const user of [stranger, participant]) {
      const res = await cancel(user, deal.id);
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("FORBIDDEN");
    }
    expect(await dbState(app)).toEqual(before);
  });

  it("answers 401 when signed out", async () => {
    const { deal } = await app.createDeal();

    const res = await cancel(undefined, deal.id);

    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHENTICATED");
    expect((await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).status).toBe("open");
  });

  it.each([
    ["an unknown id", "0000000000000000"],
    ["a malformed id", "not-a-deal"],
  ])("answers 404 DEAL_NOT_FOUND for %s", async (_, id) => {
    const res = await cancel(await app.createUser(), id);

    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("DEAL_NOT_FOUND");
  });
});

describe("GET /api/deals/:id/participants", () => {
  it("lists active and waitlisted participants in first-come order, with their emails, to the initiator", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 6, capacity: 6, maxSeatsPerCommitment: 5 });
    const ada = await app.createUser({ email: "ada@example.com", displayName: "Ada" });
    const bob = await app.createUser({ email: "bob@example.com", displayName: "Bob" });
    const cy = await app.createUser({ email: "cy@example.com", displayName: "Cy" });
    await app.join(ada, deal.id, 4);
    await app.join(cy, deal.id, 1);
    await app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: cy });
    await app.join(bob, deal.id, 3); // waitlisted

    const res = await participants(initiator, deal.id);

    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.json.items).toEqual([
      { id: expect.any(String), displayName: "Ada", email: "ada@example.com", seats: 4, status: "active", createdAt: expect.any(String), payment: null },
      { id: expect.any(String), displayName: "Bob", email: "bob@example.com", seats: 3, status: "waitlisted", createdAt: expect.any(String), payment: null },
    ]);
  });

  it("answers 403 FORBIDDEN to anyone but the initiator, participants included, in JSON and CSV", async () => {
    const { deal } = await app.createDeal();
    const participant = await app.createUser({ email: "ada@example.com" });
    await app.join(participant, deal.id, 1);
    const stranger = await app.createUser();

    for (const user of [stranger, participant]) {
      for (const query of ["", "?format=csv"]) {
        const res = await participants(user, deal.id, query);
        expect(res.status).toBe(403);
        expect(res.json.error.code).toBe("FORBIDDEN");
        expect(res.text).not.toContain("ada@example.com");
      }
    }
  });

  it("answers 401 when signed out", async () => {
    const { deal } = await app.createDeal();

    const res = await participants(undefined, deal.id);

    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHENTICATED");
  });

  it.each([
    ["an unknown id", "0000000000000000"],
    ["a malformed id", "not-a-deal"],
  ])("answers 404 DEAL_NOT_FOUND for %s", async (_, id) => {
    const res = await participants(await app.createUser(), id);

    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("DEAL_NOT_FOUND");
  });

  it("answers 400 VALIDATION_FAILED for an unknown format", async () => {
    const { deal, initiator } = await app.createDeal();

    const res = await participants(initiator, deal.id, "?format=xml");

    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
    expect(res.json.error.issues).toEqual([{ path: "format", message: expect.any(String) }]);
  });
});

describe("GET /api/deals/:id/participants?format=csv", () => {
  it("gives a CSV file with a header row and one row per participant", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 5 });
    const ada = await app.createUser({ email: "ada@example.com", displayName: "Ada" });
    await app.join(ada, deal.id, 2);
    const committedAt = (await participants(initiator, deal.id)).json.items[0].createdAt;

    const res = await participants(initiator, deal.id, "?format=csv");

    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const day = new Date().toISOString().slice(0, 10);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="charter-to-lisbon-participants-${day}.csv"; filename*=UTF-8''Charter%20to%20Lisbon%20-%20participants%20${day}.csv`,
    );
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    // The text as a browser decodes it: the byte order mark is read, not shown (see below).
    expect(res.text).toBe(`name,email,seats,status,committed_at,payment\r\nAda,ada@example.com,2,active,${committedAt},\r\n`);
  });

  it("quotes commas, quotes and line breaks, and neutralises cells that start a formula", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 50 });
    const names = [
      'Smith, "Jo"',
      'Line\nbreak',
      '=HYPERLINK("http://evil.example","x")',
      "+31 6 1234",
      "-2+3",
      "@SUM(A1)",
    ];
    for (const displayName of names) await app.join(await app.createUser({ displayName }), deal.id, 1);
    const formulaEmail = await app.createUser({ email: "=cmd@example.com", displayName: "Plain" });
    await app.join(formulaEmail, deal.id, 1);

    const items = (await participants(initiator, deal.id)).json.items;
    const rest = (i: number) => `${items[i].email},1,active,${items[i].createdAt},`;

    const res = await participants(initiator, deal.id, "?format=csv");

    expect(res.status).toBe(200);
    expect(res.text.split("\r\n")).toEqual([
      "name,email,seats,status,committed_at,payment",
      `"Smith, ""Jo""",${rest(0)}`,
      `"Line\nbreak",${rest(1)}`,
      `"'=HYPERLINK(""http://evil.example"",""x"")",${rest(2)}`,
      `'+31 6 1234,${rest(3)}`,
      `'-2+3,${rest(4)}`,
      `'@SUM(A1),${rest(5)}`,
      `Plain,'=cmd@example.com,1,active,${items[6].createdAt},`,
      "",
    ]);
  });
});

describe("the participants' CSV in Excel, in three languages", () => {
  /** The raw bytes, as Excel reads the file: fetch's text() would drop the byte order mark. */
  async function csvBytes(as: User, dealId: string, query: string, headers: Record<string, string> = {}) {
    const res = await app.request(`/api/deals/${dealId}/participants?format=csv${query}`, { headers: { cookie: as.cookie, ...headers } });
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  }
  const decoded = (bytes: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);

  it("starts with a UTF-8 byte order mark, so accents survive", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 5 });
    await app.join(await app.createUser({ displayName: "Zoë Müller" }), deal.id, 1);
    const { bytes } = await csvBytes(initiator, deal.id, "&lang=de");
    expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    expect(decoded(bytes)).toMatch(/^\uFEFFname;email;seats;status;committed_at;payment\r\nZoë Müller;/);
  });

  it("separates with ';' for Dutch and German Excel and ',' for English, from the query, the cookie or Accept-Language", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 5 });
    await app.join(await app.createUser({ displayName: "Ada" }), deal.id, 1);
    const header = async (query: string, headers?: Record<string, string>) => decoded((await csvBytes(initiator, deal.id, query, headers)).bytes).split("\r\n")[0];
    expect(await header("&lang=en")).toBe("\uFEFFname,email,seats,status,committed_at,payment");
    expect(await header("&lang=nl")).toBe("\uFEFFname;email;seats;status;committed_at;payment");
    expect(await header("&lang=de")).toBe("\uFEFFname;email;seats;status;committed_at;payment");
    expect(await header("", { "accept-language": "nl-BE,nl;q=0.9" })).toContain(";");
    expect(await header("", { cookie: `${initiator.cookie}; quorum_lang=de` })).toContain(";");
    expect(await header("", { "accept-language": "en-US" })).toContain(",");
    // Either separator on request, whatever the language.
    expect(await header("&lang=de&sep=comma")).toContain("name,email");
    expect(await header("&lang=en&sep=semicolon")).toContain("name;email");
    expect((await participants(initiator, deal.id, "?format=csv&sep=tab")).status).toBe(400);
  });

  it("quotes cells with either separator and still neutralises formulas, with ';' too", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 50 });
    for (const displayName of ["Jan; Piet", "=1;2", "-2+3", "@SUM(A1)", "Smith, Jo"]) {
      await app.join(await app.createUser({ displayName }), deal.id, 1);
    }
    const rows = decoded((await csvBytes(initiator, deal.id, "&lang=nl")).bytes).split("\r\n").slice(1, -1);
    // The first cell of each row: everything before the email address (the test users are user<n>-...).
    expect(rows.map((r) => r.slice(0, r.indexOf(";user")))).toEqual([
      `"Jan; Piet"`,
      `"'=1;2"`,
      `'-2+3`,
      `'@SUM(A1)`,
      `"Smith, Jo"`,
    ]);
  });

  it("has a payment column with each participant's payment status", async () => {
    const { deal, initiator } = await app.createDeal({ threshold: 2 });
    const [ada, bob] = [await app.createUser({ displayName: "Ada" }), await app.createUser({ displayName: "Bob" })];
    await app.join(ada, deal.id, 1);
    await app.join(bob, deal.id, 1);
    const c = await app.deps.prisma.commitment.findFirstOrThrow({ where: { dealId: deal.id, userId: ada.id } });
    const now = new Date();
    await app.deps.prisma.payment.create({
      data: { id: "payada0000000001", commitmentId: c.id, dealId: deal.id, userId: ada.id, amountCents: 29500, currency: "EUR", status: "paid", dueAt: now, paidAt: now, createdAt: now, updatedAt: now },
    });
    const lines = (await participants(initiator, deal.id, "?format=csv&lang=en")).text.split("\r\n");
    expect(lines[1]).toMatch(/^Ada,.*,paid$/);
    expect(lines[2]).toMatch(/^Bob,.*,$/);
  });

  it("is named after the deal: a safe ASCII slug and the date, and the title itself in filename*", async () => {
    const { deal, initiator } = await app.createDeal({ title: 'Reis naar Zürich: "Ski" / 2027' });
    const day = new Date().toISOString().slice(0, 10);
    const { res } = await csvBytes(initiator, deal.id, "&lang=nl");
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toBe(
      `attachment; filename="reis-naar-zurich-ski-2027-deelnemers-${day}.csv"; filename*=UTF-8''${encodeURIComponent(`Reis naar Zürich Ski 2027 - deelnemers ${day}.csv`)}`,
    );
    const star = decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!);
    expect(star).toBe(`Reis naar Zürich Ski 2027 - deelnemers ${day}.csv`);
    expect(star).not.toMatch(/[\\/:*?"<>|]/);
  });
});
