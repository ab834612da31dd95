// Renders an outbox notification into an email: subject, plain text and HTML, in the recipient's
// language, with links built from APP_URL. The HTML is a single table-based column with inline
// styles, which is what common mail clients render reliably. Every interpolated value is escaped.
// Dates are formatted for the language with date-fns, in the recipient's time zone (User.timeZone,
// from their browser at sign-in or their profile) and naming it; in UTC, saying so, when unknown.
import { format } from "date-fns/format";
import type { Locale } from "date-fns";
import { enGB } from "date-fns/locale/en-GB";
import { nl } from "date-fns/locale/nl";
import { de } from "date-fns/locale/de";
import { escapeHtml as esc, formatMoney } from "../contract/format.ts";
import { catalogues, emailLang, type EmailKind, type EmailLang, type EmailVars } from "./messages.ts";
import { accountEmailWords } from "./messages-account.ts";
import { isTimeZone } from "../contract/account.ts";
import { PAYMENT_WINDOW } from "../contract/payment-schemas.ts";

const DATE_LOCALE: Record<EmailLang, Locale> = { en: enGB, nl, de };

/** A calendar day as a local Date at noon, so formatting it never depends on the process's time zone. */
const day = (year: number, monthIndex: number, date: number) => new Date(year, monthIndex, date, 12);

/** A calendar date (YYYY-MM-DD) in the language: "12 May 2027", "12 mei 2027", "12. Mai 2027". */
export function formatDay(isoDate: string, lang: EmailLang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  return format(day(Number(m[1]), Number(m[2]) - 1, Number(m[3])), "PPP", { locale: DATE_LOCALE[lang] });
}

// A batch renders many emails for few zones: one formatter a zone (null: not a real zone).
const zoneClocks = new Map<string, Intl.DateTimeFormat | null>();
function zoneClock(zone: string): Intl.DateTimeFormat | null {
  let clock = zoneClocks.get(zone);
  if (clock === undefined) {
    clock = isTimeZone(zone)
      ? new Intl.DateTimeFormat("en-US", {
          timeZone: zone, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", hourCycle: "h23",
        })
      : null;
    if (zoneClocks.size < 1000) zoneClocks.set(zone, clock);
  }
  return clock;
}

/**
 * A moment in the language, in the recipient's zone naming it ("1 March 2027, 13:00
 * (Europe/Amsterdam time)"), or in UTC saying so ("1 March 2027, 12:00 UTC") when the zone is
 * unknown, not a real one, or UTC itself.
 */
export function formatMoment(at: Date, lang: EmailLang, timeZone?: string | null): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = timeZone && timeZone !== "UTC" ? zoneClock(timeZone) : null;
  if (!clock || !timeZone) {
    const date = format(day(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()), "PPP", { locale: DATE_LOCALE[lang] });
    return catalogues[lang].moment(date, `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`);
  }
  const parts = clock.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const date = format(day(part("year"), part("month") - 1, part("day")), "PPP", { locale: DATE_LOCALE[lang] });
  return accountEmailWords[lang].momentIn(date, `${pad(part("hour"))}:${pad(part("minute"))}`, timeZone);
}

export interface DealForEmail {
  id: string;
  kind: string;
  title: string;
  threshold: number;
  seatsCommitted: number;
  deadline: Date;
  departsOn: string | null;
  returnsOn: string | null;
  softThreshold?: number | null;
  graceEndsAt?: Date | null;
  // for the confirmation's total, initiator and "what happens next" (issue 16)
  pricePerSeatCents?: number;
  finalPriceCents?: number | null;
  currency?: string;
  paymentWindowHours?: number;
  initiatorName?: string;
}

interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  links: string[];
}


/** The final price a seat and the recipient's total, formatted, for deal-final-price. */
function prices(p: { seats?: number; priceCents?: number; currency?: string }, lang: EmailLang) {
  if (p.priceCents == null || !p.currency) return { price: "", total: "" };
  return { price: money(p.priceCents, p.currency, lang), total: money(p.priceCents * (p.seats ?? 0), p.currency, lang) };
}

// A batch of confirmations says the same few amounts again and again; building a number format
// costs far more than using one, so the words of each amount are kept (a bounded memo).
const amounts = new Map<string, string>();
function money(cents: number, currency: string, lang: EmailLang): string {
  const key = `${lang}:${currency}:${cents}`;
  let words = amounts.get(key);
  if (words === undefined) {
    words = formatMoney(cents, currency, lang);
    if (amounts.size >= 5000) amounts.clear();
    amounts.set(key, words);
  }
  return words;
}

/** The confirmation's facts (total, initiator) and "what happens next", in the language. */
function confirmation(d: DealForEmail, v: EmailVars, lang: EmailLang): { facts: [string, string][]; lines: string[] } {
  const w = accountEmailWords[lang];
  const priceCents = d.finalPriceCents ?? d.pricePerSeatCents;
  const money = priceCents != null && d.currency ? prices({ seats: v.seats, priceCents, currency: d.currency }, lang) : null;
  const initiator = d.initiatorName ?? "";
  const facts: [string, string][] = [];
  if (money && !v.isInitiator && v.seats > 0) facts.push([w.total, money.total]);
  if (initiator) facts.push([w.initiator, initiator]);
  const lines = w.confirmedNext({
    isInitiator: v.isInitiator,
    seats: v.seats,
    price: money?.price ?? "",
    total: money?.total ?? "",
    paid: (priceCents ?? 0) > 0,
    initiator,
    paymentWindowHours: d.paymentWindowHours ?? PAYMENT_WINDOW.defaultHours,
    dates: v.dates,
  });
  return { facts, lines };
}

export function renderEmail(input: {
  kind: EmailKind;
  appUrl: string;
  locale: string;
  /** The recipient's IANA time zone; null or absent: UTC. */
  timeZone?: string | null;
  payload: {
    seats?: number;
    status?: string;
    link?: string;
    body?: string;
    option?: string;
    priceCents?: number;
    currency?: string;
    dueAt?: string;
  };
  deal: DealForEmail | null;
}): RenderedEmail {
  const lang = emailLang(input.locale);
  const m = catalogues[lang];
  const t = m[input.kind];
  const d = input.deal;
  const dealUrl = d ? `${input.appUrl}/deals/${d.id}` : input.appUrl;
  const link = input.kind === "sign-in" ? (input.payload.link ?? input.appUrl) : dealUrl;
  const dates = d?.departsOn
    ? d.returnsOn && d.returnsOn !== d.departsOn
      ? m.dateRange(formatDay(d.departsOn, lang), formatDay(d.returnsOn, lang))
      : formatDay(d.departsOn, lang)
    : "";
  const vars: EmailVars = {
    title: d?.title ?? "",
    seats: input.payload.seats ?? 0,
    deadline: d ? formatMoment(d.deadline, lang, input.timeZone) : "",
    dates,
    link,
    threshold: d?.threshold ?? 0,
    seatsCommitted: d?.seatsCommitted ?? 0,
    isInitiator: input.payload.status === "initiator",
    seatsNeeded: d ? Math.max(0, d.threshold - d.seatsCommitted) : 0,
    softThreshold: d?.softThreshold ?? 0,
    graceEnds: d?.graceEndsAt ? formatMoment(d.graceEndsAt, lang, input.timeZone) : "",
    body: input.payload.body ?? "",
    option: input.payload.option ?? "",
    ...prices(input.payload, lang),
    due: input.payload.dueAt ? formatMoment(new Date(input.payload.dueAt), lang) : "",
  };
  const calendarUrl =
    input.kind === "deal-confirmed" && d?.kind === "trip" && d.departsOn
      ? `${input.appUrl}/api/deals/${d.id}/calendar.ics`
      : null;
  const facts: [string, string][] = [];
  if (d && vars.seats > 0) facts.push([d.title, m.seats(vars.seats)]);
  if (dates) facts.push([m.dates, dates]);
  if (d && input.kind !== "sign-in") facts.push([m.deadline, vars.deadline]);
  const confirmed = input.kind === "deal-confirmed" && d ? confirmation(d, vars, lang) : null;
  if (confirmed) facts.push(...confirmed.facts);
  const lines = [...t.lines(vars), ...(confirmed?.lines ?? [])];
  const subject = t.subject(vars);
  const grows = input.kind === "deal-update" || input.kind === "deal-ending-soon";
  const footer = input.kind === "sign-in" ? m.footer.signIn : grows ? m.footerGrow : m.footer.deal;
  // An update's own words, as they were written: plain text, its line breaks kept.
  const quoted = input.kind === "deal-update" ? (input.payload.body ?? "") : null;
  const links = [link, ...(calendarUrl ? [calendarUrl] : [])];

  const text = [
    ...lines,
    ...(quoted === null ? [] : ["", quoted]),
    "",
    ...facts.map(([k, v]) => `${k}: ${v}`),
    ...(facts.length ? [""] : []),
    `${t.action}: ${link}`,
    ...(calendarUrl ? [`${m.calendar}: ${calendarUrl}`] : []),
    "",
    "--",
    footer,
  ].join("\n");

  const p = (s: string) => `<p style="margin:0 0 16px;font-size:16px;line-height:24px;color:#1f2933">${esc(s)}</p>`;
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;font-family:Helvetica,Arial,sans-serif">
<tr><td style="padding:24px 28px 8px;font-size:20px;font-weight:bold;color:#0b5cad">Quorum</td></tr>
<tr><td style="padding:8px 28px 0">
${lines.map(p).join("\n")}
${quoted === null ? "" : `<p style="margin:0 0 16px;padding:0 0 0 12px;border-left:3px solid #cbd2d9;font-size:16px;line-height:24px;color:#1f2933;white-space:pre-wrap">${esc(quoted)}</p>`}
${facts.length ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 16px">${facts
    .map(
      ([k, v]) =>
        `<tr><td style="padding:2px 12px 2px 0;font-size:14px;color:#52606d">${esc(k)}</td><td style="padding:2px 0;font-size:14px;color:#1f2933;font-weight:bold">${esc(v)}</td></tr>`,
    )
    .join("")}</table>` : ""}
<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 24px"><tr><td style="border-radius:6px;background:#0b5cad">
<a href="${esc(link)}" style="display:inline-block;padding:12px 22px;font-size:16px;color:#ffffff;text-decoration:none;font-weight:bold">${esc(t.action)}</a>
</td></tr></table>
${calendarUrl ? `<p style="margin:0 0 16px;font-size:14px"><a href="${esc(calendarUrl)}" style="color:#0b5cad">${esc(m.calendar)}</a></p>` : ""}
<p style="margin:0 0 16px;font-size:12px;line-height:18px;color:#7b8794">${esc(link)}</p>
</td></tr>
<tr><td style="padding:16px 28px 24px;font-size:12px;color:#7b8794;border-top:1px solid #e4e7eb">${esc(footer)}</td></tr>
</table></td></tr></table>
</body></html>`;
  return { subject, text, html, links };
}
