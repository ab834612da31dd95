// Reading an amount of money as people type it, in their language's way and in others': "€ 12,50",
// "12,50", "1.250,00", "1,250.00", "CHF 1'250.–". Pure, so the forms and their tests share it.
// The language decides what a lone "." or "," means only where the input itself does not: a mark
// followed by other than three digits can only be a decimal mark, and with both marks the last one
// is. Otherwise the language's decimal mark is a decimal mark (unless the currency has no minor
// unit) and its grouping mark groups thousands; for a currency with three decimals, where both
// readings are amounts, the input is refused as ambiguous.
import { currencyDigits } from "./format.ts";
import type { Lang } from "./lang.ts";

type MoneyInput =
  | { ok: true; cents: number }
  | { ok: false; error: "empty" | "invalid" | "decimals" }
  /** Both readings are amounts in this currency (a three-decimal one): the person has to say which. */
  | { ok: false; error: "ambiguous"; readings: [number, number] };

const DECIMAL_MARK: Record<Lang, "." | ","> = { en: ".", nl: ",", de: "," };
const MAX_WHOLE_DIGITS = 12;

// Thousands are grouped with spaces (also no-break and thin ones), apostrophes, "." or ",".
const GROUPING = /[\s\u00A0\u202F\u2009'\u2019.,]/;
// A currency sign or code before or after the amount: "€", "EUR", "CHF", "US$".
const AFFIX = /^(?:[A-Za-z]{2,3}\s*)?\p{Sc}?\s*|\s*\p{Sc}?\s*(?:[A-Za-z]{2,3})?$/gu;

/** Whole groups of three after a first group of one to three digits; or one run of digits. */
const grouped = (parts: string[]) =>
  parts.length === 1 ? /^\d+$/.test(parts[0]!) : /^[1-9]\d{0,2}$/.test(parts[0]!) && parts.slice(1).every((p) => /^\d{3}$/.test(p));

/** The amount typed in `text`, in minor units of `currency`, as `lang` writes numbers. */
export function parseMoneyInput(text: string, currency: string, lang: Lang): MoneyInput {
  if (!text.trim()) return { ok: false, error: "empty" };
  // "12,-" and "12,–": a whole amount, the Dutch and German way.
  const s = text.trim().replace(AFFIX, "").replace(/[.,][-\u2013\u2014]$/, "");
  if (!/^\d(?:[\d.,\s\u00A0\u202F\u2009'\u2019]*\d)?$/.test(s)) return { ok: false, error: "invalid" };
  const digits = currencyDigits(currency);
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");

  let decimal: "." | "," | null = null;
  if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? "." : ",";
  else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? "." : ",";
    const at = s.indexOf(mark);
    const [before, after] = [s.slice(0, at), s.slice(at + 1)];
    const couldGroup = grouped([...before.split(GROUPING), ...after.split(GROUPING)]) && /^\d{3}$/.test(after);
    if (at !== s.lastIndexOf(mark)) decimal = null;
    else if (!couldGroup || (mark === DECIMAL_MARK[lang] && digits > 0)) decimal = mark;
    else if (digits >= 3) {
      const asWhole = Number(before.replace(/\D/g, "") + after) * 10 ** digits;
      const asFraction = Number(before.replace(/\D/g, "")) * 10 ** digits + Number(after.padEnd(digits, "0"));
      return { ok: false, error: "ambiguous", readings: [asWhole, asFraction] };
    }
  }

  const [whole = "", fraction = "", extra] = decimal ? s.split(decimal) : [s];
  if (extra !== undefined || !/^\d*$/.test(fraction) || (decimal && !fraction)) return { ok: false, error: "invalid" };
  // One way of grouping in one amount: "1.250.000" or "1 250 000", not "1.250 000".
  if (new Set(whole.replace(/\d/g, "")).size > 1 || !grouped(whole.split(GROUPING))) return { ok: false, error: "invalid" };
  const wholeDigits = whole.replace(/\D/g, "");
  if (wholeDigits.replace(/^0+(?=\d)/, "").length > MAX_WHOLE_DIGITS) return { ok: false, error: "invalid" };
  if (fraction.length > digits) return { ok: false, error: "decimals" };
  return { ok: true, cents: Number(wholeDigits) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0") };
}

/** An amount in minor units as the form shows it to be edited: no grouping, the language's decimal mark. */
export function moneyInputText(cents: number, currency: string, lang: Lang): string {
  const digits = currencyDigits(currency);
  const text = digits ? (cents / 10 ** digits).toFixed(digits) : String(cents);
  return text.replace(".", DECIMAL_MARK[lang]);
}
