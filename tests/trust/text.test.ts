// Text hygiene: control characters and bidirectional overrides are refused in every text field,
// with 400 VALIDATION_FAILED and a clear message, and nothing is written; line breaks stay
// allowed where text has lines (descriptions). A lone CR in a description cannot start a line
// of its own in the .ics file.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { tableCounts } from "../setup/db.ts";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

const BAD = [
  ["NUL", "\u0000"],
  ["BEL", "\u0007"],
  ["tab", "\t"],
  ["escape", "\u001B[31m"],
  ["DEL", "\u007F"],
  ["C1 control", "\u0085"],
  ["right-to-left override", "\u202E"],
  ["left-to-right embedding", "\u202A"],
  ["pop directional formatting", "\u202C"],
  ["right-to-left isolate", "\u2067"],
  ["pop directional isolate", "\u2069"],
] as const;
const LINE_BREAKS = [
  ["line feed", "\n"],
  ["carriage return", "\r"],
] as const;

// Every text field a request can carry, with how to send a value in it. `lines`: multi-line text.
type As = { cookie: string };
const FIELDS: { field: string; lines: boolean; send: (v: string, as: As) => Promise<{ status: number; json: any }> }[] = [
  { field: "title", lines: false, send: (v, as) => propose(as, { title: `Charter ${v} to Lisbon` }) },
  { field: "description", lines: true, send: (v, as) => propose(as, { description: `Four days${v}in May.` }) },
  { field: "destination", lines: false, send: (v, as) => propose(as, { destination: `Lis${v}bon` }) },
  { field: "currency", lines: false, send: (v, as) => propose(as, { currency: `E${v}R`.slice(0, 3) }) },
  { field: "displayName", lines: false, send: (v, as) => app.api("PATCH", "/api/me", { as, body: { displayName: `Ada ${v} L` } }) },
];

const propose = (as: As, over: Record<string, unknown>) => app.api("POST", "/api/deals", { as, body: app.dealInput(over) });

describe("text fields", () => {
  for (const { field, lines, send } of FIELDS) {
    for (const [name, ch] of [...BAD, ...(lines ? [] : LINE_BREAKS)]) {
      it(`refuse a ${name} in ${field}`, async () => {
        const ada = await app.createUser({ displayName: "Ada" });
        const before = await tableCounts(app);
        const res = await send(ch, ada);
        expect(res.status).toBe(400);
        expect(res.json.error.code).toBe("VALIDATION_FAILED");
        expect(res.json.error.issues).toContainEqual({
          path: field,
          message: expect.stringMatching(/control characters and text-direction overrides/),
        });
        expect(await tableCounts(app)).toEqual(before);
        expect((await app.deps.prisma.user.findUniqueOrThrow({ where: { id: ada.id } })).displayName).toBe("Ada");
      });
    }
  }

  for (const [name, ch] of LINE_BREAKS) {
    it(`keep a ${name} in a description`, async () => {
      const res = await propose(await app.createUser(), { description: `Four days${ch}in May.` });
      expect(res.status).toBe(201);
      expect(res.json.deal.description).toBe(`Four days${ch}in May.`);
    });
  }

  it("keep letters of every script, right-to-left ones too, and the marks that are not overrides", async () => {
    const res = await propose(await app.createUser(), { title: "رحلة إلى لشبونة \u200F", destination: "Zürich – 東京", description: "שלום\n\u200Eok" });
    expect(res.status).toBe(201);
  });
});

describe("the .ics file", () => {
  it("escapes a lone CR, so text after it stays in its property", async () => {
    const { deal } = await app.createDeal({ description: "Bring a hat.\rATTENDEE:mailto:evil@example.com\r\nURL:https://evil.example" });

    const res = await app.api("GET", `/api/deals/${deal.id}/calendar.ics`);

    expect(res.status).toBe(200);
    // Line breaks only as the file's own CRLF, and no property an attacker wrote.
    expect(res.text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = res.text.replace(/\r\n /g, "").split("\r\n");
    expect(lines.filter((l) => l.startsWith("ATTENDEE"))).toEqual([]);
    expect(lines.filter((l) => l.startsWith("URL:"))).toEqual([`URL:http://localhost:3000/deals/${deal.id}`]);
    expect(lines.find((l) => l.startsWith("DESCRIPTION:"))).toContain("Bring a hat.\\nATTENDEE:mailto:evil@example.com\\nURL:https://evil.example");
  });
});
