// Travel dates in a language, shared by the server's link previews, the deal page and the deal
// cards of the lists: apart from ./format.ts, whose helpers every page loads, as only these need it
// (in the web build it goes with the deal page's shared modules, web/vite.config.ts).
import { INTL_TAGS, type Lang } from "./lang.ts";

/** Travel dates, as calendar dates: "12–16 May 2027"; a same-day trip is one date, "3 December 2026". */
export function formatDayRange(from: string, to: string | null, lang: Lang): string {
  const dates = new Intl.DateTimeFormat(INTL_TAGS[lang], { dateStyle: "long", timeZone: "UTC" });
  const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
  return to && to !== from ? dates.formatRange(day(from), day(to)) : dates.format(day(from));
}
