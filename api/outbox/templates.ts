// Renders an outbox notification into an email: subject, plain text and HTML, with links built
// from APP_URL. The HTML is a single table-based column with inline styles, which is what common
// mail clients render reliably. Every interpolated value is escaped.
import { format } from "date-fns";
import { catalogues, type EmailKind, type EmailVars } from "./messages.ts";

export interface DealForEmail {
  id: string;
  kind: string;
  title: string;
  threshold: number;
  seatsCommitted: number;
  deadline: Date;
  departsOn: string | null;
  returnsOn: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  links: string[];
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

export function renderEmail(input: {
  kind: EmailKind;
  appUrl: string;
  locale: string;
  payload: { seats?: number; status?: string; link?: string };
  deal: DealForEmail | null;
}): RenderedEmail {
  const m = catalogues[input.locale] ?? catalogues.en!;
  const t = m[input.kind];
  const d = input.deal;
  const dealUrl = d ? `${input.appUrl}/deals/${d.id}` : input.appUrl;
  const link = input.kind === "sign-in" ? (input.payload.link ?? input.appUrl) : dealUrl;
  const dates = d?.departsOn ? [d.departsOn, d.returnsOn].filter(Boolean).join(" – ") : "";
  const vars: EmailVars = {
    title: d?.title ?? "",
    seats: input.payload.seats ?? 0,
    deadline: d ? format(d.deadline, "d MMM yyyy, HH:mm 'UTC'") : "",
    dates,
    link,
    threshold: d?.threshold ?? 0,
    seatsCommitted: d?.seatsCommitted ?? 0,
    isInitiator: input.payload.status === "initiator",
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
  const links = [link, ...(calendarUrl ? [calendarUrl] : [])];

  const text = [
    ...lines,
    "",
    ...facts.map(([k, v]) => `${k}: ${v}`),
    ...(facts.length ? [""] : []),
    `${t.action}: ${link}`,
    ...(calendarUrl ? [`${m.calendar}: ${calendarUrl}`] : []),
    "",
    "--",
    m.footer,
  ].join("\n");

  const p = (s: string) => `<p style="margin:0 0 16px;font-size:16px;line-height:24px;color:#1f2933">${esc(s)}</p>`;
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(t.subject(vars))}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;font-family:Helvetica,Arial,sans-serif">
<tr><td style="padding:24px 28px 8px;font-size:20px;font-weight:bold;color:#0b5cad">Quorum</td></tr>
<tr><td style="padding:8px 28px 0">
${lines.map(p).join("\n")}
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
<tr><td style="padding:16px 28px 24px;font-size:12px;color:#7b8794;border-top:1px solid #e4e7eb">${esc(m.footer)}</td></tr>
</table></td></tr></table>
</body></html>`;
  return { subject: t.subject(vars), text, html, links };
}
