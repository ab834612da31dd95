// Every error code the API can answer (the registry in api/contract/errors.ts) has a message of its
// own in each catalogue, in its first part (the part every page has loaded: the deal page says
// only that one), so no page falls back to "Something went wrong" for a code it should know; and
// no catalogue keeps a message for a code that no longer exists.
import { describe, expect, it } from "vitest";
import { errorStatus } from "../../api/contract/errors.ts";
import { enFirst } from "../../api/contract/i18n/en/first.ts";
import { enMore } from "../../api/contract/i18n/en/more.ts";
import { nlFirst } from "../../api/contract/i18n/nl/first.ts";
import { nlMore } from "../../api/contract/i18n/nl/more.ts";
import { deFirst } from "../../api/contract/i18n/de/first.ts";
import { deMore } from "../../api/contract/i18n/de/more.ts";

const catalogues: Record<string, { first: Record<string, string>; more: Record<string, string> }> = {
  en: { first: enFirst, more: enMore },
  nl: { first: nlFirst, more: nlMore },
  de: { first: deFirst, more: deMore },
};
// Not the API's: the page's own words for a request that never got an answer, or one it can't read.
const PAGE_ONLY = ["NETWORK", "UNKNOWN"];
const codes = Object.keys(errorStatus);

describe("error messages", () => {
  for (const [lang, { first, more }] of Object.entries(catalogues)) {
    const messages = { ...first, ...more };
    it(`${lang} has a message for every error code in the registry, in the part every page loads`, () => {
      const missing = codes.filter((code) => !first[`error.${code}`]?.trim());
      expect(missing).toEqual([]);
    });

    it(`${lang} has no message for a code the registry doesn't have`, () => {
      const keys = Object.keys(messages).filter((k) => k.startsWith("error.")).map((k) => k.slice("error.".length));
      const stale = keys.filter((code) => !codes.includes(code) && !PAGE_ONLY.includes(code));
      expect(stale).toEqual([]);
    });

    it(`${lang} says each code in words of its own, not the fallback's`, () => {
      const fallback = messages["error.UNKNOWN"];
      expect(codes.filter((code) => messages[`error.${code}`] === fallback)).toEqual([]);
    });
  }
});
