// The field schemas (api/contract/fields.ts) run on zod in the API and on zod/mini in the browser
// (web/vite.config.ts resolves the one to the other). Both must accept the same values, give the
// same data, and refuse the same values with the same issues, or the forms would disagree with
// the API they submit to.
import { describe, expect, it, vi } from "vitest";

type Fields = typeof import("../../api/contract/fields.ts");

async function fieldsOn(flavour: "zod" | "zod/mini"): Promise<Fields> {
  vi.resetModules();
  if (flavour === "zod/mini") vi.doMock("zod", () => import("zod/mini"));
  else vi.doUnmock("zod");
  return import("../../api/contract/fields.ts");
}

const VALUES: unknown[] = [
  undefined, null, "", " ", "ab", "abc", "  Lisbon  ", "x".repeat(61), "x".repeat(121), "x".repeat(5001),
  0, -1, 1, 1.5, 2, 10, 99, 100, 101, 100_000, 100_001, 100_000_000, 100_000_001, Number.NaN, "1",
  "eur", "EUR", "usd", "XYZ", "EU", "EURO", "trip", "deal", "cruise",
  "2027-05-12", "2027-02-30", "2027-5-12", "2027-03-01T12:00:00Z", "2027-03-01T12:00:00+01:00", "2027-03-01T12:00",
  "ada@example.com", "ada@", "@example.com", `${"a".repeat(250)}@example.com`, true, {}, [],
  // Control characters and bidirectional overrides; line breaks only where text has lines.
  "Lis\u0000bon", "Lis\tbon", "Lis\u202Ebon", "Lis\u2066bon", "two\nlines", "two\r\nlines", "E\u0007R", "\u202Eeur",
];

/** What a parse says, without the words (zod/mini carries no English messages of its own). */
function outcome(schema: { safeParse: (v: unknown) => { success: boolean; data?: unknown; error?: { issues: object[] } } }, value: unknown) {
  const r = schema.safeParse(value);
  if (r.success) return { data: r.data };
  return { issues: r.error!.issues.map(({ message: _message, ...issue }: { message?: string }) => issue) };
}

describe("the field schemas on zod and on zod/mini", () => {
  it("accept and refuse the same values, with the same data and issues", async () => {
    const classic = await fieldsOn("zod");
    const mini = await fieldsOn("zod/mini");
    // The browser's build really is the small one: its schemas have no chainable methods.
    expect(classic.fields.title).toHaveProperty("optional");
    expect(mini.fields.title).not.toHaveProperty("optional");

    expect(Object.keys(mini.fields)).toEqual(Object.keys(classic.fields));
    for (const name of Object.keys(classic.fields) as (keyof Fields["fields"])[]) {
      for (const value of VALUES) {
        expect(outcome(mini.fields[name], value), `${name}: ${JSON.stringify(value)}`).toEqual(outcome(classic.fields[name], value));
      }
    }
    expect(mini.LIMITS).toEqual(classic.LIMITS);
  });
});
