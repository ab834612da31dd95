// GET /api/deals/:id/calendar.ics: an iCalendar file for a trip with dates, for anyone.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

const calendar = (dealId: string) => app.api("GET", `/api/deals/${dealId}/calendar.ics`);

/** The content lines of an iCalendar body, unfolded (RFC 5545 3.1). */
const unfold = (ics: string) => ics.replace(/\r\n /g, "").split("\r\n");

describe("GET /api/deals/:id/calendar.ics", () => {
  it("gives a trip with dates as an all-day event, ending the day after the return", async () => {
    const { deal } = await app.createDeal({ departsOn: "2027-05-12", returnsOn: "2027-05-16", destination: "Lisbon" });

    const res = await calendar(deal.id);

    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="quorum-${deal.id}.ics"`);
    expect(res.text.endsWith("\r\n")).toBe(true);
    expect(res.text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = unfold(res.text.trimEnd());
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    expect(lines).toEqual(
      expect.arrayContaining([
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "END:VEVENT",
        `UID:deal-${deal.id}@quorum`,
        "DTSTART;VALUE=DATE:20270512",
        "DTEND;VALUE=DATE:20270517",
        "SUMMARY:Charter to Lisbon",
        "LOCATION:Lisbon",
        `URL:http://localhost:3000/deals/${deal.id}`,
      ]),
    );
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
    expect(lines.find((l) => l.startsWith("PRODID:"))).toBeDefined();
    expect(lines.find((l) => l.startsWith("DTSTAMP:"))).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    for (const line of res.text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it("ends a one-way trip the day after departure, across a month and a year end", async () => {
    const { deal } = await app.createDeal({ departsOn: "2027-12-31", returnsOn: null });

    const lines = unfold((await calendar(deal.id)).text);

    expect(lines).toContain("DTSTART;VALUE=DATE:20271231");
    expect(lines).toContain("DTEND;VALUE=DATE:20280101");
  });

  it("escapes commas, semicolons and line breaks in text", async () => {
    const { deal } = await app.createDeal({
      title: "Lisbon; Porto, and back",
      description: "Line one\nLine two, with a comma",
    });

    const lines = unfold((await calendar(deal.id)).text);

    expect(lines).toContain("SUMMARY:Lisbon\\; Porto\\, and back");
    expect(lines).toContain(
      `DESCRIPTION:Line one\\nLine two\\, with a comma\\n\\nhttp://localhost:3000/deals/${deal.id}`,
    );
  });

  it.each([
    ["a trip without dates", { kind: "trip", departsOn: null, returnsOn: null }],
    ["a deal that is not a trip", { kind: "deal" }],
  ])("answers 404 for %s", async (_, over) => {
    const { deal } = await app.createDeal(over);

    const res = await calendar(deal.id);

    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("NOT_FOUND");
  });

  it.each([
    ["an unknown id", "0000000000000000"],
    ["a malformed id", "not-a-deal"],
  ])("answers 404 DEAL_NOT_FOUND for %s", async (_, id) => {
    const res = await calendar(id);

    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("DEAL_NOT_FOUND");
  });
});
