// The terms page's words (api/contract/i18n/<lang>/terms.ts): the same rules in every language,
// none empty, none left in English; and the states they describe are the deal states there are.
import { describe, expect, it } from "vitest";
import { terms as en } from "../../api/contract/i18n/en/terms.ts";
import { terms as nl } from "../../api/contract/i18n/nl/terms.ts";
import { terms as de } from "../../api/contract/i18n/de/terms.ts";
import { DealStatus } from "../../api/contract/schemas.ts";

const texts = (t: typeof en): string[] => [
  t.intro,
  ...[t.participant, t.initiator, t.promises].flatMap((s) => [s.title, ...s.rules]),
  ...Object.values(t.states),
];

describe("the terms", () => {
  it("describe every deal state", () => {
    expect(Object.keys(en.states).filter((k) => k !== "title").sort()).toEqual([...DealStatus.options].sort());
  });

  it("keep Quorum's six promises", () => {
    expect(en.promises.rules).toHaveLength(6);
  });

  for (const [lang, t] of Object.entries({ nl, de })) {
    it(`say the same in ${lang}: as many rules, none empty, none in English`, () => {
      for (const k of ["participant", "initiator", "promises"] as const) expect(t[k].rules.length, k).toBe(en[k].rules.length);
      expect(texts(t).filter((s) => !s.trim())).toEqual([]);
      const english = new Set(texts(en));
      expect(texts(t).filter((s) => english.has(s))).toEqual([]);
    });
  }
});
