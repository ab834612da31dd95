// Numbers, money, dates and durations in the interface language, with the browser's own Intl (no
// date library to download): "12 May 2027", "12 mei 2027 om 18:00", "in 3 days", "3 Tage 4 Stunden".
import { formatMoney } from "../../api/contract/format.ts";
import { INTL_TAGS } from "../../api/contract/lang.ts";
import { lang } from "./i18n/index.ts";
import { serverNow } from "./server-time.ts";

export { currencyDigits } from "../../api/contract/format.ts";

// Building an Intl formatter is slow and the countdown formats every second: one per language and kind.
const formatters = new Map<string, { format: (...args: never[]) => string }>();
function formatter<F extends { format: (...args: never[]) => string }>(kind: string, make: (tag: string) => F): F {
  const key = `${lang()} ${kind}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make(INTL_TAGS[lang()])));
  return f as F;
}

/** A price in minor units ("cents"), in its currency, in the interface language. */
export const formatPrice = (cents: number, currency: string): string => formatMoney(cents, currency, lang());

/** A calendar date (YYYY-MM-DD), e.g. "12 May 2027" / "12 mei 2027" / "12. Mai 2027". */
export function formatDay(isoDate: string): string {
  const day = formatter("day", (tag) => new Intl.DateTimeFormat(tag, { dateStyle: "long", timeZone: "UTC" }));
  return day.format(new Date(`${isoDate}T12:00:00Z`));
}

/** A moment in the viewer's time zone, with the time: "12 May 2027 at 18:00". */
export function formatMoment(iso: string): string {
  return formatter("moment", (tag) => new Intl.DateTimeFormat(tag, { dateStyle: "long", timeStyle: "short" })).format(new Date(iso));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "in 3 days" / "3 hours ago": the largest whole unit, rounded down, from now by the server's clock. */
export function relative(iso: string, now = serverNow()): string {
  const ms = Date.parse(iso) - now;
  const abs = Math.abs(ms);
  // Days and longer count calendar days, so a daylight-saving change does not shorten one.
  const shift = (new Date(now).getTimezoneOffset() - new Date(now + ms).getTimezoneOffset()) * MINUTE * Math.sign(ms);
  const days = (abs + shift) / DAY;
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    abs < MINUTE
      ? [abs / 1000, "second"]
      : abs < HOUR
        ? [abs / MINUTE, "minute"]
        : abs < DAY
          ? [abs / HOUR, "hour"]
          : days < 30
            ? [days, "day"]
            : days < 360 // twelve 30-day months read as a year
              ? [days / 30, "month"]
              : [Math.max(1, days / 365), "year"];
  const rtf = formatter("relative", (tag) => new Intl.RelativeTimeFormat(tag, { numeric: "always" }));
  return rtf.format(Math.floor(value) * (ms > 0 ? 1 : -1), unit);
}

type Unit = "year" | "month" | "day" | "hour" | "minute" | "second";

function addMonths(t: number, n: number): number {
  const d = new Date(t);
  const day = d.getDate();
  d.setDate(1);
  d.setMonth(d.getMonth() + n);
  d.setDate(Math.min(day, new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate()));
  return d.getTime();
}

function addDays(t: number, n: number): number {
  const d = new Date(t);
  d.setDate(d.getDate() + n);
  return d.getTime();
}

/** The calendar years, months and days, then hours, minutes and seconds from `start` to `end`. */
function between(start: number, end: number): Record<Unit, number> {
  const s = new Date(start);
  const e = new Date(end);
  let months = (e.getFullYear() - s.getFullYear()) * 12 + e.getMonth() - s.getMonth();
  while (months > 0 && addMonths(start, months) > end) months--;
  const afterMonths = addMonths(start, months);
  let days = Math.floor((end - afterMonths) / DAY) + 1;
  while (days > 0 && addDays(afterMonths, days) > end) days--;
  const rest = end - addDays(afterMonths, days);
  return {
    year: Math.floor(months / 12),
    month: months % 12,
    day: days,
    hour: Math.floor(rest / HOUR),
    minute: Math.floor((rest % HOUR) / MINUTE),
    second: Math.floor((rest % MINUTE) / 1000),
  };
}

/** A duration in the given units, leaving out the zero ones: "3 days 4 hours"; "" when all are zero. */
export function formatDuration(start: number, end: number, units: Unit[]): string {
  const parts = between(start, end);
  return units
    .filter((u) => parts[u] > 0)
    .map((u) => formatter(`unit ${u}`, (tag) => new Intl.NumberFormat(tag, { style: "unit", unit: u, unitDisplay: "long" })).format(parts[u]))
    .join(" ");
}

/** What remains until `iso`: "3 days 4 hours" far away, down to seconds in the last hour; null when past. */
export function remaining(iso: string, now: number): string | null {
  const end = Date.parse(iso);
  if (!(end > now)) return null;
  const units: Unit[] = end - now >= DAY ? ["year", "month", "day", "hour"] : end - now >= HOUR ? ["hour", "minute"] : ["minute", "second"];
  return formatDuration(now, end, units) || formatDuration(0, 1_000, ["second"]);
}
