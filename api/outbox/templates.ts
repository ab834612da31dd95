// Renders an outbox notification into an email: subject, plain text and HTML, in the recipient's
// language, with links built from APP_URL. The HTML is a single table-based column with inline
// styles, which is what common mail clients render reliably. Every interpolated value is escaped.
// Dates are formatted for the language with date-fns, in UTC: the server does not know the
// recipient's time zone, so the deadline says it is UTC.
import { format } from "date-fns";
import type { Locale } from "date-fns";
import { enGB } from "date-fns/locale/en-GB";
import { nl } from "date-fns/locale/nl";
import { de } from "date-fns/locale/de";
import { escapeHtml as esc, formatMoney } from "../contract/format.ts";
import { catalogues, emailLang, type EmailKind, type EmailLang, type EmailVars } from "./messages.ts";

const DATE_LOCALE: Record<EmailLang, Locale> = { en: enGB, nl, de };

/** A calendar day as a local Date at noon, so formatting it never depends on the process's time zone. */
const day = (year: number, monthIndex: number, date: number) => new Date(year, monthIndex, date, 12);

/** A calendar date (YYYY-MM-DD) in the language: "12 May 2027", "12 mei 2027", "12. Mai 2027". */
export function formatDay(isoDate: string, lang: EmailLang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  return format(day(Number(m[1]), Number(m[2]) - 1, Number(m[3])), "PPP", { locale: DATE_LOCALE[lang] });
}

/** A moment in the language, in UTC, saying so: "1 March 2027, 12:00 UTC". */
export function formatMoment(at: Date, lang: EmailLang): string {
  const date = format(day(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()), "PPP", { locale: DATE_LOCALE[lang] });
  const pad = (n: number) => String(n).padStart(2, "0");
  return catalogues[lang].moment(date, `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`);
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
  return { price: formatMoney(p.priceCents, p.currency, lang), total: formatMoney(p.priceCents * (p.seats ?? 0), p.currency, lang) };
}

export function renderEmail(input: {
  kind: EmailKind;
  appUrl: string;
  locale: string;
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
    deadline: d ? formatMoment(d.deadline, lang) : "",
    dates,
    link,
    threshold: d?.threshold ?? 0,
    seatsCommitted: d?.seatsCommitted ?? 0,
    isInitiator: input.payload.status === "initiator",
    seatsNeeded: d ? Math.max(0, d.threshold - d.seatsCommitted) : 0,
    softThreshold: d?.softThreshold ?? 0,
    graceEnds: d?.graceEndsAt ? formatMoment(d.graceEndsAt, lang) : "",
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
  const lines = t.lines(vars);
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
