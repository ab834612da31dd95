// Numbers, money and dates in the interface language: Intl for money, date-fns (with the
// language's locale) for dates and durations.
import { format, formatDistanceToNowStrict, formatDuration, intervalToDuration, parseISO } from "date-fns";
import { formatMoney } from "../../api/contract/format.ts";
import { dateLocale, lang } from "./i18n/index.ts";

export { currencyDigits } from "../../api/contract/format.ts";

/** A price in minor units ("cents"), in its currency, in the interface language. */
export const formatPrice = (cents: number, currency: string): string => formatMoney(cents, currency, lang());

/** A calendar date (YYYY-MM-DD), e.g. "12 May 2027" / "12 mei 2027" / "12. Mai 2027". */
export function formatDay(isoDate: string): string {
  return format(parseISO(isoDate), "PPP", { locale: dateLocale() });
}

/** A moment in the viewer's time zone, with the time. */
export function formatMoment(iso: string): string {
  return format(new Date(iso), "PPPp", { locale: dateLocale() });
}

/** "in 3 days" / "3 hours ago", in the interface language. */
export function relative(iso: string): string {
  return formatDistanceToNowStrict(new Date(iso), { addSuffix: true, locale: dateLocale(), roundingMethod: "floor" });
}

/** What remains until `iso`: "3 days 4 hours" far away, down to seconds in the last hour; null when past. */
export function remaining(iso: string, now: number): string | null {
  const end = Date.parse(iso);
  if (!(end > now)) return null;
  const d = intervalToDuration({ start: now, end });
  const units: (keyof typeof d)[] =
    end - now >= 86_400_000 ? ["years", "months", "days", "hours"] : end - now >= 3_600_000 ? ["hours", "minutes"] : ["minutes", "seconds"];
  const text = formatDuration(d, { format: units, locale: dateLocale() });
  return text || formatDuration({ seconds: 1 }, { locale: dateLocale() });
}
