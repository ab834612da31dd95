// File formats for a deal: the initiator's CSV of participants (for Excel in each language) and a
// trip's iCalendar file.
import { addDays } from "date-fns/addDays";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import type { Lang } from "../contract/lang.ts";

/** The separator Excel expects in each language: Dutch and German Excel split on `;` (their decimal mark is the comma). */
export const CSV_SEPARATOR = { en: ",", nl: ";", de: ";" } as const satisfies Record<Lang, string>;
type CsvSeparator = (typeof CSV_SEPARATOR)[Lang];

/** RFC 4180 quoting, and a leading apostrophe so a spreadsheet never runs a cell as a formula. */
function csvCell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  // Quoted on either separator, so a cell never splits whichever one Excel applies.
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Excel reads a file as UTF-8 (accents intact) only when it starts with a byte order mark. */
const BOM = "\uFEFF";

export function participantsCsv(
  rows: { displayName: string; email: string; seats: number; status: string; createdAt: string; payment: { status: string } | null }[],
  sep: CsvSeparator = ",",
): string {
  const lines = [["name", "email", "seats", "status", "committed_at", "payment"].join(sep)];
  for (const r of rows) {
    lines.push([r.displayName, r.email, r.seats, r.status, r.createdAt, r.payment?.status ?? ""].map(csvCell).join(sep));
  }
  return BOM + lines.join("\r\n") + "\r\n";
}

const PARTICIPANTS_WORD: Record<Lang, string> = { en: "participants", nl: "deelnemers", de: "Teilnehmer" };

/**
 * The CSV's Content-Disposition, named after the deal: an ASCII slug for every browser
 * (`filename`), and the title itself, UTF-8, for those that read RFC 6266's `filename*`.
 */
export function participantsCsvDisposition(title: string, day: string, lang: Lang): string {
  const word = PARTICIPANTS_WORD[lang];
  const slug =
    title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "deal";
  // Nothing a file system or a header could misread: no control or bidirectional characters, no path parts.
  const cleaned = title.replace(/[\p{C}\\/:*?"<>|]+/gu, " ").replace(/\s+/g, " ").trim();
  // Cut by code points: half a surrogate pair cannot be encoded.
  const readable = Array.from(cleaned).slice(0, 80).join("").trim();
  const full = `${readable || "deal"} - ${word} ${day}.csv`;
  const encoded = encodeURIComponent(full).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${slug}-${word.toLowerCase()}-${day}.csv"; filename*=UTF-8''${encoded}`;
}

// A lone CR ends a line for some calendar readers: unescaped, text after it would be read as a
// property of its own (an ATTENDEE, an URL). Every kind of line break becomes the escape backslash-n.
const icsText = (s: string) => s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");

/** Folds content lines at 75 octets, as RFC 5545 asks. */
function fold(line: string): string {
  const out: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest) > 75) {
    let cut = 75;
    while (Buffer.byteLength(rest.slice(0, cut)) > 75) cut--;
    out.push(rest.slice(0, cut));
    rest = " " + rest.slice(cut);
  }
  out.push(rest);
  return out.join("\r\n");
}

export function tripCalendar(d: {
  id: string;
  title: string;
  description: string;
  destination: string | null;
  departsOn: string;
  returnsOn: string | null;
  url: string;
  stamp: Date;
}): string {
  const start = parseISO(d.departsOn);
  const end = addDays(d.returnsOn ? parseISO(d.returnsOn) : start, 1);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Quorum//Deals//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:deal-${d.id}@quorum`,
    `DTSTAMP:${d.stamp.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "")}`,
    `DTSTART;VALUE=DATE:${format(start, "yyyyMMdd")}`,
    `DTEND;VALUE=DATE:${format(end, "yyyyMMdd")}`,
    `SUMMARY:${icsText(d.title)}`,
    ...(d.destination ? [`LOCATION:${icsText(d.destination)}`] : []),
    `DESCRIPTION:${icsText(`${d.description}\n\n${d.url}`.trim())}`,
    `URL:${d.url}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}
