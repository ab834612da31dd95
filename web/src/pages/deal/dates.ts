// The deal page's own ways of writing time (the shared ones are in web/src/format.ts): the
// deadline with its time zone named, and travel dates as one range.
import { formatDayRange } from "../../../../api/contract/day-range.ts";
import { INTL_TAGS } from "../../../../api/contract/lang.ts";
import { lang } from "../../i18n/index.ts";

/** A moment in the viewer's time zone, naming the zone: "12 May 2027 at 18:00 CEST". */
export function formatMomentZoned(iso: string): string {
  const options = { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" } as const;
  return new Intl.DateTimeFormat(INTL_TAGS[lang()], options).format(new Date(iso));
}

/** Travel dates in the interface language: "12–16 May 2027", a same-day trip as one date. */
export const formatDays = (from: string, to: string | null): string => formatDayRange(from, to, lang());
