// Money as people type it: the Dutch, German and English ways, currency signs and codes, and what
// is refused (with the reason the form puts into words).
import { describe, expect, it } from "vitest";
import { moneyInputText, parseMoneyInput } from "../../api/contract/money-input.ts";

const cents = (text: string, currency = "EUR", lang: "en" | "nl" | "de" = "nl") => {
  const r = parseMoneyInput(text, currency, lang);
  return r.ok ? r.cents : r.error;
};

describe("parseMoneyInput", () => {
  it("reads the Dutch and German way of writing money", () => {
    for (const lang of ["nl", "de"] as const) {
      expect(cents("€ 12,50", "EUR", lang)).toBe(1250);
      expect(cents("12,50", "EUR", lang)).toBe(1250);
      expect(cents("1.250,00", "EUR", lang)).toBe(125_000);
      expect(cents("1.250", "EUR", lang)).toBe(125_000);
      expect(cents("1.250.000", "EUR", lang)).toBe(125_000_000);
      expect(cents("12,-", "EUR", lang)).toBe(1200);
      expect(cents("12,5 €", "EUR", lang)).toBe(1250);
      expect(cents("EUR 7", "EUR", lang)).toBe(700);
    }
  });

  it("reads the English way, and the other way where the input says which it is", () => {
    expect(cents("1,250.00", "EUR", "en")).toBe(125_000);
    expect(cents("1,250", "EUR", "en")).toBe(125_000);
    expect(cents("£29.50", "GBP", "en")).toBe(2950);
    expect(cents("12,50", "EUR", "en")).toBe(1250);
    expect(cents("1.250,00", "EUR", "en")).toBe(125_000);
    expect(cents("€ 12,50", "EUR", "en")).toBe(1250);
    expect(cents("1,250.00", "EUR", "nl")).toBe(125_000);
    expect(cents("29.5", "EUR", "nl")).toBe(2950);
  });

  it("groups with spaces and apostrophes, and knows currencies without minor units", () => {
    expect(cents("1 250,50")).toBe(125_050);
    expect(cents("1\u00A0250,50")).toBe(125_050);
    expect(cents("CHF 1'250.50", "CHF", "de")).toBe(125_050);
    expect(cents("1.250", "JPY", "en")).toBe(1250);
    expect(cents("1,250", "JPY", "nl")).toBe(1250);
    expect(cents("15,5", "JPY")).toBe("decimals");
  });

  it("refuses what is not an amount", () => {
    for (const bad of ["-3", "abc", "12 50", "1.2.3,4,5", "1,2,3", "1.250 000", "12,", ",50", "1.25.0", "€", "0x10", "1e5", "1234567890123"]) {
      expect(cents(bad), bad).toBe("invalid");
    }
    expect(cents("")).toBe("empty");
    expect(cents("   ")).toBe("empty");
  });

  it("refuses more decimals than the currency has", () => {
    expect(cents("12,345", "EUR", "nl")).toBe("decimals");
    expect(cents("12.345", "EUR", "en")).toBe("decimals");
    expect(cents("1,2345", "EUR", "en")).toBe("decimals");
  });

  it("refuses a lone mark before three digits when both readings are amounts", () => {
    expect(parseMoneyInput("1.250", "KWD", "nl")).toEqual({ ok: false, error: "ambiguous", readings: [1_250_000, 1250] });
    expect(parseMoneyInput("1,250", "BHD", "en")).toEqual({ ok: false, error: "ambiguous", readings: [1_250_000, 1250] });
    // The language's decimal mark is a decimal mark, and "1.250,000" says which mark is which.
    expect(cents("1,250", "KWD", "nl")).toBe(1250);
    expect(cents("1.250,000", "KWD", "nl")).toBe(1_250_000);
  });

  it("writes an amount back the way the language reads it", () => {
    expect(moneyInputText(125_050, "EUR", "nl")).toBe("1250,50");
    expect(moneyInputText(125_050, "EUR", "en")).toBe("1250.50");
    expect(moneyInputText(1250, "JPY", "de")).toBe("1250");
    for (const lang of ["en", "nl", "de"] as const) {
      for (const [c, cur] of [[12_345, "EUR"], [1_250, "KWD"], [99, "JPY"], [100_000_000, "EUR"]] as const) {
        expect(cents(moneyInputText(c, cur, lang), cur, lang)).toBe(c);
      }
    }
  });
});
