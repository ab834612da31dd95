// Choosing the interface language: the remembered cookie, then Accept-Language by preference.
import { describe, expect, it } from "vitest";
import { acceptLanguageTags, negotiateLanguage, pickFromTags } from "../../api/contract/lang.ts";

describe("negotiateLanguage", () => {
  it("prefers the remembered choice", () => {
    expect(negotiateLanguage("de", "nl-NL,nl;q=0.9")).toBe("de");
  });

  it("ignores a cookie that names no supported language", () => {
    expect(negotiateLanguage("fr", "nl-NL")).toBe("nl");
    expect(negotiateLanguage("<script>", null)).toBe("en");
  });

  it("follows Accept-Language by weight, then order", () => {
    expect(negotiateLanguage(null, "fr-FR, de;q=0.7, nl;q=0.8")).toBe("nl");
    expect(negotiateLanguage(null, "de-AT, nl")).toBe("de");
    expect(negotiateLanguage(null, "nl;q=0, de;q=0.1")).toBe("de");
    expect(negotiateLanguage(null, "*")).toBe("en");
    expect(negotiateLanguage(undefined, undefined)).toBe("en");
  });

  it("reads tags with regions and underscores", () => {
    expect(pickFromTags(["es-ES", "nl_BE"])).toBe("nl");
    expect(pickFromTags(["EN-us"])).toBe("en");
    expect(pickFromTags([])).toBeNull();
    expect(acceptLanguageTags("en;q=0.5, de ; q=0.9, ;q=1")).toEqual(["de", "en"]);
  });
});
