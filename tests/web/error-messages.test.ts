// Every error code the API can answer (the registry in api/contract/errors.ts) has a message of its
// own in each catalogue, in its errors part (the part any page loads when it first shows an error:
// web/src/errors.ts), so no page falls back to "Something went wrong" for a code it should know;
// the general messages are in the first part, which every page has loaded; and no catalogue keeps
// a message for a code that no longer exists.
import { describe, expect, it } from "vitest";
import { errorStatus } from "../../api/contract/errors.ts";
import { enFirst } from "../../api/contract/i18n/en/first.ts";
import { enMore } from "../../api/contract/i18n/en/more.ts";
import { enErrors } from "../../api/contract/i18n/en/errors.ts";
import { nlFirst } from "../../api/contract/i18n/nl/first.ts";
import { nlMore } from "../../api/contract/i18n/nl/more.ts";
import { nlErrors } from "../../api/contract/i18n/nl/errors.ts";
import { deFirst } from "../../api/contract/i18n/de/first.ts";
import { deMore } from "../../api/contract/i18n/de/more.ts";
import { deErrors } from "../../api/contract/i18n/de/errors.ts";

const catalogues: Record<string, { first: Record<string, string>; more: Record<string, string>; errors: Record<string, string> }> = {
  en: { first: enFirst, more: enMore, errors: enErrors },
  nl: { first: nlFirst, more: nlMore, errors: nlErrors },
  de: { first: deFirst, more: deMore, errors: deErrors },
};
// Not the API's: the page's own words for a request that never got an answer, or one it can't read.
const PAGE_ONLY = ["NETWORK", "UNKNOWN"];
const codes = Object.keys(errorStatus);

describe("error messages", () => {
  for (const [lang, { first, more, errors }] of Object.entries(catalogues)) {
    const messages = { ...first, ...more, ...errors };
    it(`${lang} has a message for every error code in the registry, in its errors part, and the general ones in the part every page loads`, () => {
      const missing = codes.filter((code) => !errors[`error.${code}`]?.trim());
      expect(missing).toEqual([]);
      for (const code of PAGE_ONLY) expect(first[`error.${code}`]?.trim(), code).toBeTruthy();
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
