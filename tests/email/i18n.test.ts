// Emails in the recipient's language: one catalogue per language (en, nl, de) with the same
// messages, none empty; every kind renders in every language with the deal's title, seats, dates,
// deadline (in UTC, saying so) and link; counted phrases follow each language's plural rules;
// titles stay escaped in HTML and verbatim in text; <html lang> is the language; any other
// locale gets English.
import { afterEach, describe, expect, it } from "vitest";
import { renderEmail, type DealForEmail } from "../../api/outbox/templates.ts";
import {
  catalogues,
  emailLang,
  type EmailCatalogue,
  type EmailKind,
  type EmailLang,
  type EmailVars,
} from "../../api/outbox/messages.ts";
import { LANGUAGES } from "../../api/contract/lang.ts";
import { EMAIL_KINDS, trip } from "./helpers.ts";

const APP = "https://quorum.example";
const DEAL_URL = `${APP}/deals/k3x9q2m7p1z8w4v6`;

const kinds = EMAIL_KINDS;
const dealKinds = kinds.filter((k) => k !== "sign-in");

const render = (
  locale: string,
  kind: EmailKind,
  deal: DealForEmail | null = trip(),
  payload: Record<string, unknown> = { seats: 3, status: "active" },
) => renderEmail({ kind, appUrl: APP, locale, payload, deal });

/** What each language must show, written out by hand rather than computed from the catalogue. */
const expected: Record<EmailLang, { seats: string; oneSeat: string; dates: string; deadline: string; signIn: string }> = {
  en: {
    seats: "3 seats",
    oneSeat: "1 seat",
    dates: "12 May 2027 – 16 May 2027",
    deadline: "1 March 2027, 12:00 UTC",
    signIn: "Your Quorum sign-in link",
  },
  nl: {
    seats: "3 plaatsen",
    oneSeat: "1 plaats",
    dates: "12 mei 2027 – 16 mei 2027",
    deadline: "1 maart 2027 om 12:00 UTC",
    signIn: "Je inloglink voor Quorum",
  },
  de: {
    seats: "3 Plätze",
    oneSeat: "1 Platz",
    dates: "12. Mai 2027 – 16. Mai 2027",
    deadline: "1. März 2027 um 12:00 Uhr UTC",
    signIn: "Dein Anmeldelink für Quorum",
  },
};

/** Every path to a leaf of a catalogue: "deal-confirmed.subject", "footer.deal", "seats", … */
function leaves(value: unknown, path = ""): [string, unknown][] {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [[path, value]];
}

const sampleVars = (over: Partial<EmailVars> = {}): EmailVars => ({
  title: "Charter to Lisbon",
  seats: 3,
  threshold: 99,
  seatsCommitted: 42,
  isInitiator: false,
  deadline: "1 March 2027, 12:00 UTC",
  dates: "12 May 2027 – 16 May 2027",
  link: DEAL_URL,
  seatsNeeded: 57,
  softThreshold: 80,
  graceEnds: "6 March 2027, 12:00 UTC",
  // An update's own words are the initiator's, the same in every language: not catalogue text.
  body: "",
  option: "12–16 May",
  price: "€229.00",
  total: "€687.00",
  due: "4 March 2027, 12:00 UTC",
  ...over,
});

/** Everything a catalogue can say: its strings, and what its functions return for varied input. */
function everyText(c: EmailCatalogue): [string, string][] {
  const out: [string, string][] = [];
  const variants = [1, 2, 3, 0, 1000].flatMap((n) =>
    [false, true].map((isInitiator) => sampleVars({ seats: n, threshold: n || 1, seatsCommitted: n, isInitiator })),
  );
  for (const [path, value] of leaves(c)) {
    if (typeof value === "string") out.push([path, value]);
    else if (path === "seats") for (const n of [0, 1, 2, 1000]) out.push([path, c.seats(n)]);
    else if (path === "dateRange") out.push([path, c.dateRange("12 May 2027", "16 May 2027")]);
    else if (path === "moment") out.push([path, c.moment("1 March 2027", "12:00")]);
    else if (path.endsWith(".subject") || path.endsWith(".lines")) {
      const fn = value as (v: EmailVars) => string | string[];
      for (const v of variants) for (const s of [fn(v)].flat()) out.push([path, s]);
    } else throw new Error(`no test input for the catalogue entry ${path}`);
  }
  return out;
}

describe("the email catalogues", () => {
  it("are English, Dutch and German", () => {
    expect(Object.keys(catalogues).sort()).toEqual([...LANGUAGES].sort());
    expect([...LANGUAGES].sort()).toEqual(["de", "en", "nl"]);
  });

  it.each(["nl", "de"] as const)("%s has exactly the messages en has", (lang) => {
    const keys = (c: EmailCatalogue) => leaves(c).map(([path, value]) => `${path}:${typeof value}`).sort();
    expect(keys(catalogues[lang])).toEqual(keys(catalogues.en));
  });

  it.each(LANGUAGES)("%s has no empty message, nor a placeholder left unfilled", (lang) => {
    const texts = everyText(catalogues[lang]);
    expect(texts.length).toBeGreaterThan(20);
    for (const [path, text] of texts) {
      expect(text.trim(), path).not.toBe("");
      expect(text, path).not.toMatch(/undefined|NaN|\[object |\{\w+\}|\$\{/);
    }
  });

  it.each(["nl", "de"] as const)("%s is translated: no message is the English one", (lang) => {
    const english = new Set(everyText(catalogues.en).map(([, text]) => text));
    // Shared on purpose: the date range, and Dutch says "Deadline" too, as the web app does.
    const shared = ["dateRange", ...(lang === "nl" ? ["deadline"] : [])];
    const translated = everyText(catalogues[lang]).filter(([path]) => !shared.includes(path));
    for (const [path, text] of translated) expect(english.has(text), `${path}: ${text}`).toBe(false);
  });
});

describe("emails in each language", () => {
  describe.each(LANGUAGES)("%s", (lang) => {
    const x = expected[lang];

    it.each(dealKinds)("%s has the title, seats, dates, deadline and link in subject, text and HTML", (kind) => {
      const e = render(lang, kind);
      expect(e.subject).toContain("Charter to Lisbon");
      for (const part of [e.text, e.html]) {
        expect(part).toContain("Charter to Lisbon");
        expect(part).toContain(x.seats);
        expect(part).toContain(x.dates);
        expect(part).toContain(x.deadline);
        expect(part).toContain(DEAL_URL);
      }
      expect(e.html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${lang}">`));
      expect(e.html).toContain(`<a href="${DEAL_URL}"`);
      expect(e.links[0]).toBe(DEAL_URL);
    });

    it("the sign-in email has its subject, link and language", () => {
      const link = `${APP}/auth/callback?token=abc123`;
      const e = render(lang, "sign-in", null, { link });
      expect(e.subject).toBe(x.signIn);
      expect(e.text).toContain(link);
      expect(e.html).toContain(`<a href="${link}"`);
      expect(e.html).toContain(`<html lang="${lang}">`);
      expect(e.links).toEqual([link]);
    });

    it.each(dealKinds)("%s escapes the title in HTML and keeps it verbatim in text", (kind) => {
      for (const title of [`<script>alert(1)</script>`, `"quotes" & 'apostrophes'`]) {
        const e = render(lang, kind, trip({ title }));
        const escaped = title
          .replaceAll("&", "&amp;")
          .replaceAll("<", "&lt;")
          .replaceAll(">", "&gt;")
          .replaceAll('"', "&quot;")
          .replaceAll("'", "&#39;");
        expect(e.html).not.toContain("<script>");
        expect(e.html).not.toContain(title);
        expect(e.html).toContain(escaped);
        expect(e.html).toContain(`<title>`);
        expect(e.html.match(/<title>(.*)<\/title>/)?.[1]).toContain(escaped);
        expect(e.text).toContain(title);
        expect(e.subject).toContain(title);
      }
    });

    it("one seat is singular, and so is a threshold of one", () => {
      const one = render(lang, "waitlist-promoted", trip(), { seats: 1, status: "active" });
      expect(one.text).toContain(`: ${x.oneSeat}\n`);
      expect(one.text).not.toContain(x.seats);
      const text = (kind: EmailKind, deal = trip(), seats = 1) => render(lang, kind, deal, { seats, status: "active" }).text;
      const single = {
        en: [/threshold of 1 seat and/, /Your seat is now binding\./, /0 of the 1 seat needed/, /your seat moved off the waitlist and is now active/],
        nl: [/drempel van 1 plaats gehaald/, /Je plaats is nu bindend\./, /0 van de 1 benodigde plaats\./, /je plaats staat niet meer op de wachtlijst en is nu actief/],
        de: [/Schwelle von 1 Platz erreicht/, /Dein Platz ist jetzt verbindlich\./, /war 1 Platz zugesagt; nötig wären 99 gewesen/, /daher ist dein Platz von der Warteliste nachgerückt und jetzt aktiv/],
      }[lang];
      const many = {
        en: [/threshold of 99 seats and/, /Your 3 seats are now binding\./, /42 of the 99 seats needed/, /your 3 seats moved off the waitlist and are now active/],
        nl: [/drempel van 99 plaatsen gehaald/, /Je 3 plaatsen zijn nu bindend\./, /42 van de 99 benodigde plaatsen\./, /je 3 plaatsen staan niet meer op de wachtlijst en zijn nu actief/],
        de: [/Schwelle von 99 Plätzen erreicht/, /Deine 3 Plätze sind jetzt verbindlich\./, /waren 42 Plätze zugesagt; nötig wären 99 gewesen/, /daher sind deine 3 Plätze von der Warteliste nachgerückt und jetzt aktiv/],
      }[lang];
      expect(text("deal-confirmed", trip({ threshold: 1, seatsCommitted: 1 }))).toMatch(single[0]!);
      expect(text("deal-confirmed")).toMatch(single[1]!);
      expect(text("deal-failed", lang === "de" ? trip({ seatsCommitted: 1 }) : trip({ threshold: 1, seatsCommitted: 0 }))).toMatch(single[2]!);
      expect(text("waitlist-promoted")).toMatch(single[3]!);
      expect(text("deal-confirmed", trip(), 3)).toMatch(many[0]!);
      expect(text("deal-confirmed", trip(), 3)).toMatch(many[1]!);
      expect(text("deal-failed", trip(), 3)).toMatch(many[2]!);
      expect(text("waitlist-promoted", trip(), 3)).toMatch(many[3]!);
    });

    it("large numbers are grouped the language's way", () => {
      const e = render(lang, "deal-confirmed", trip({ threshold: 1500 }), { seats: 1200, status: "active" });
      const group = lang === "en" ? "," : ".";
      expect(e.text).toContain(`1${group}500`);
      expect(e.text).toContain(`1${group}200`);
    });

    it("the initiator is spoken to as the initiator", () => {
      const confirmed = render(lang, "deal-confirmed", trip(), { seats: 0, status: "initiator" });
      const cancelled = render(lang, "deal-cancelled", trip(), { seats: 0, status: "initiator" });
      const participant = render(lang, "deal-cancelled");
      expect(confirmed.text).toContain({ en: "Your proposal is going ahead", nl: "Je voorstel gaat door", de: "Dein Vorschlag findet statt" }[lang]);
      expect(confirmed.text).not.toMatch(/\b0 (seats|plaatsen|Plätze)\b/);
      expect(cancelled.text).toContain({ en: "You cancelled", nl: "Je hebt", de: "Du hast" }[lang]);
      expect(participant.text).toContain({ en: "The initiator cancelled", nl: "De initiatiefnemer heeft", de: "Der Initiator hat" }[lang]);
    });

    it("a trip's confirmation offers the calendar in the language", () => {
      const e = render(lang, "deal-confirmed");
      const label = { en: "Add the trip to your calendar", nl: "Zet de reis in je agenda", de: "Reise in deinen Kalender eintragen" }[lang];
      expect(e.text).toContain(`${label}: ${APP}/api/deals/k3x9q2m7p1z8w4v6/calendar.ics`);
    });

    it("a one-day trip shows one date", () => {
      const e = render(lang, "deal-confirmed", trip({ returnsOn: null }));
      expect(e.text).toContain(x.dates.split(" – ")[0]!);
      expect(e.text).not.toContain(" – ");
    });
  });
});

describe("the deadline is in UTC, whatever the server's time zone", () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it.each(["Pacific/Kiritimati", "America/Los_Angeles", "Europe/Amsterdam"])("in %s", (tz) => {
    process.env.TZ = tz;
    // Late in the UTC day, and in a night when Europe's clocks go forward.
    const e = render("en", "deal-failed", trip({ deadline: new Date("2027-03-28T23:30:00Z"), departsOn: "2027-03-28", returnsOn: null }));
    expect(e.text).toContain("Deadline: 28 March 2027, 23:30 UTC");
    expect(e.text).toContain("Travel dates: 28 March 2027");
    const early = render("de", "deal-failed", trip({ deadline: new Date("2027-03-28T02:30:00Z") }));
    expect(early.text).toContain("Frist: 28. März 2027 um 02:30 Uhr UTC");
  });
});

describe("the language of an email", () => {
  it("is the locale's language, whatever its region or case", () => {
    expect(emailLang("nl")).toBe("nl");
    expect(emailLang("nl-BE")).toBe("nl");
    expect(emailLang("de_AT")).toBe("de");
    expect(emailLang("DE")).toBe("de");
    expect(emailLang("en-US")).toBe("en");
  });

  it.each(["fr", "", "xx-YY", "english"])("falls back to English for the unknown locale %j", (locale) => {
    expect(emailLang(locale)).toBe("en");
    const e = render(locale, "deal-confirmed");
    expect(e.subject).toBe(`It's on: "Charter to Lisbon" is confirmed`);
    expect(e.html).toContain('<html lang="en">');
    expect(e.text).toContain(expected.en.deadline);
    const signIn = render(locale, "sign-in", null, { link: `${APP}/auth/callback?token=t` });
    expect(signIn.subject).toBe(expected.en.signIn);
  });
});
