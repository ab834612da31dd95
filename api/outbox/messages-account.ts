// The email words of issue 16's "emails in the recipient's time zone" and the richer
// deal-confirmed email, in English, Dutch and German: a moment in a named zone, and the
// confirmation's total, initiator and "what happens next". templates.ts adds them; the words
// follow messages.ts (seat/plaats/Platz, "je"/"du").
import type { EmailLang } from "./messages.ts";
import { counting } from "./messages-counting.ts";

/** What the confirmation says beyond messages.ts's "deal-confirmed" lines. */
interface ConfirmedVars {
  isInitiator: boolean;
  seats: number;
  /** Formatted for the language: a seat's price, and the recipient's total (seats × price). */
  price: string;
  total: string;
  /** Whether anything will be paid (a price above 0). */
  paid: boolean;
  initiator: string;
  paymentWindowHours: number;
  /** The travel dates, formatted; "" when the deal has none. */
  dates: string;
}

interface AccountEmailWords {
  /** A formatted day and a 24-hour time in the named IANA zone, as one moment that names it. */
  momentIn: (day: string, time: string, zone: string) => string;
  /** The labels of the facts under the confirmation. */
  total: string;
  initiator: string;
  /** The lines of "what happens next". */
  confirmedNext: (v: ConfirmedVars) => string[];
}

const en = counting("en");
const nl = counting("nl");
const de = counting("de");

/** A payment window in whole days when it is one ("3 days"), else in hours. */
const windowOf = (hours: number, c: ReturnType<typeof counting>, day: [string, string], hour: [string, string]) =>
  hours % 24 === 0
    ? c.count(hours / 24, { one: (n) => `${n} ${day[0]}`, other: (n) => `${n} ${day[1]}` })
    : c.count(hours, { one: (n) => `${n} ${hour[0]}`, other: (n) => `${n} ${hour[1]}` });

export const accountEmailWords: Record<EmailLang, AccountEmailWords> = {
  en: {
    momentIn: (day, time, zone) => `${day}, ${time} (${zone} time)`,
    total: "Your total",
    initiator: "Organised by",
    confirmedNext: (v) => {
      const within = windowOf(v.paymentWindowHours, en, ["day", "days"], ["hour", "hours"]);
      return [
        v.isInitiator
          ? "What happens next: every participant's seats are now binding, and nobody can withdraw."
          : `What happens next: you can no longer withdraw. ${v.initiator || "The initiator"} organises the deal and can see your name and email address.`,
        v.paid
          ? v.isInitiator
            ? `Each participant will be asked to pay for their seats and then has ${within} to pay.`
            : `You will be asked to pay ${v.total} (${v.price} a seat) by email, and then have ${within} to pay.`
          : "There is nothing to pay.",
        ...(v.dates ? [`The trip: ${v.dates}.`] : []),
      ];
    },
  },
  nl: {
    momentIn: (day, time, zone) => `${day} om ${time} (tijdzone ${zone})`,
    total: "Jouw totaal",
    initiator: "Georganiseerd door",
    confirmedNext: (v) => {
      const within = windowOf(v.paymentWindowHours, nl, ["dag", "dagen"], ["uur", "uur"]);
      return [
        v.isInitiator
          ? "Wat er nu gebeurt: de plaatsen van alle deelnemers zijn nu bindend en niemand kan zich nog terugtrekken."
          : `Wat er nu gebeurt: je kunt je niet meer terugtrekken. ${v.initiator || "De initiatiefnemer"} organiseert de deal en ziet je naam en e-mailadres.`,
        v.paid
          ? v.isInitiator
            ? `Elke deelnemer krijgt een verzoek om te betalen en heeft daarna ${within} om te betalen.`
            : `Je krijgt per e-mail een verzoek om ${v.total} te betalen (${v.price} per plaats) en hebt daarna ${within} om te betalen.`
          : "Er hoeft niets betaald te worden.",
        ...(v.dates ? [`De reis: ${v.dates}.`] : []),
      ];
    },
  },
  de: {
    momentIn: (day, time, zone) => `${day} um ${time} Uhr (Zeitzone ${zone})`,
    total: "Dein Gesamtbetrag",
    initiator: "Organisiert von",
    confirmedNext: (v) => {
      const within = windowOf(v.paymentWindowHours, de, ["Tag", "Tage"], ["Stunde", "Stunden"]);
      return [
        v.isInitiator
          ? "Wie es weitergeht: Die Plätze aller Teilnehmenden sind jetzt verbindlich, niemand kann mehr zurücktreten."
          : `Wie es weitergeht: Du kannst nicht mehr zurücktreten. ${v.initiator || "Der Initiator"} organisiert den Deal und sieht deinen Namen und deine E-Mail-Adresse.`,
        v.paid
          ? v.isInitiator
            ? `Alle Teilnehmenden werden um die Zahlung gebeten und haben dann ${within} Zeit zu zahlen.`
            : `Du wirst per E-Mail gebeten, ${v.total} zu zahlen (${v.price} pro Platz), und hast dann ${within} Zeit dafür.`
          : "Es ist nichts zu bezahlen.",
        ...(v.dates ? [`Die Reise: ${v.dates}.`] : []),
      ];
    },
  },
};
