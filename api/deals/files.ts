// File formats for a deal: the initiator's CSV of participants and a trip's iCalendar file.
import { addDays, format, parseISO } from "date-fns";

/** RFC 4180 quoting, and a leading apostrophe so a spreadsheet never runs a cell as a formula. */
function csvCell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function participantsCsv(
  rows: { displayName: string; email: string; seats: number; status: string; createdAt: string }[],
): string {
  const lines = [["name", "email", "seats", "status", "committed_at"].join(",")];
  for (const r of rows) lines.push([r.displayName, r.email, r.seats, r.status, r.createdAt].map(csvCell).join(","));
  return lines.join("\r\n") + "\r\n";
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
