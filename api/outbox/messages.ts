// The email message catalogue. Every word an email says comes from here, in English, Dutch and
// German. English is the reference: EmailCatalogue is its shape, so nl and de must have every
// message en has (the type checker and tests/email/i18n.test.ts both check). The words follow
// the web app's catalogues (web/src/i18n): seat/plaats/Platz, threshold/drempel/Schwelle,
// waitlist/wachtlijst/Warteliste, "je" in Dutch and "du" in German.
//
// Counted phrases choose their form with Intl.PluralRules of their language; each form gets the
// number already formatted for the language. Forms are functions, not templates with a
// placeholder, so a title such as "Deal #5" is never mistaken for one.
export type EmailKind =
  | "sign-in"
  | "deal-confirmed"
  | "deal-failed"
  | "deal-cancelled"
  | "waitlist-promoted"
  // growing the group: updates and the ending-soon reminder
  | "deal-update"
  | "deal-ending-soon"
  | GraceKind
  // co-creation: options, price tiers, reviews
  | "option-released"
  | "deal-final-price"
  | "review-invite"
  // paying at the tip
  | PaymentKind
  // safe by default: the initiator removed a participant
  | RemovalKind;

import { DEFAULT_LANG, pickFromTags, type Lang } from "../contract/lang.ts";
import { graceMessages, type GraceKind } from "./messages-grace.ts";
import { growMessages } from "./messages-growing.ts";
import { coCreateMessages } from "./messages-co-create.ts";
import { paymentMessages, type PaymentKind } from "./messages-payments.ts";
import { removalMessages, type RemovalKind } from "./messages-removal.ts";
import { counting } from "./messages-counting.ts";

export type EmailLang = Lang;

/** The language of a stored locale ("nl", "de-AT", "EN"); anything else is English. */
export function emailLang(locale: string | null | undefined): EmailLang {
  return pickFromTags([locale ?? ""]) ?? DEFAULT_LANG;
}

export interface EmailVars {
  title: string;
  seats: number;
  threshold: number;
  seatsCommitted: number;
  isInitiator: boolean;
  /** The deadline, already formatted for the language, in UTC. */
  deadline: string;
  /** The travel dates, already formatted for the language; empty when there are none. */
  dates: string;
  link: string;
  /** Growing the group: the seats still needed to reach the threshold (0 once reached). */
  seatsNeeded: number;
  /** The soft threshold and the end of grace (formatted), for deal-grace; 0 and "" otherwise. */
  softThreshold: number;
  graceEnds: string;
  /** The update's text, for deal-update; "" otherwise. */
  body: string;
  // co-creation: the winning option's label; the final price a seat and the recipient's total, formatted
  option: string;
  price: string;
  total: string;
  /** Paying at the tip: when the payment is due, formatted; "" otherwise. */
  due: string;
}

export interface KindMessages {
  subject: (v: EmailVars) => string;
  lines: (v: EmailVars) => string[];
  /** The label of the button (and of the link in the plain-text part). */
  action: string;
}

export type EmailCatalogue = { [K in EmailKind]: KindMessages } & {
  /** "3 seats", in the facts under the message. */
  seats: (n: number) => string;
  /** The label of the travel dates. */
  dates: string;
  /** Two formatted days as a range. */
  dateRange: (from: string, to: string) => string;
  /** The label of the deadline. */
  deadline: string;
  /** A formatted day and a 24-hour time, both in UTC, as one moment that says it is UTC. */
  moment: (day: string, time: string) => string;
  /** The link to a trip's calendar file. */
  calendar: string;
  /** Why the recipient gets the email. */
  footer: { signIn: string; deal: string };
  /** Growing the group: why a participant or follower gets an update or a reminder. */
  footerGrow: string;
};

const { num: enNum, count: enCount } = counting("en");

export const en: EmailCatalogue = {
  ...graceMessages.en,
  ...growMessages.en,
  ...coCreateMessages.en,
  ...paymentMessages.en,
  ...removalMessages.en,
  "sign-in": {
    subject: () => "Your Quorum sign-in link",
    lines: () => [
      "Use the button below to sign in to Quorum. The link works once, for 10 minutes.",
      "If you didn't ask for this link, you can ignore this email: nothing happens without it.",
    ],
    action: "Sign in",
  },
  "deal-confirmed": {
    subject: (v) => `It's on: "${v.title}" is confirmed`,
    lines: (v) => [
      enCount(v.threshold, {
        one: (n) => `"${v.title}" reached its threshold of ${n} seat and is confirmed.`,
        other: (n) => `"${v.title}" reached its threshold of ${n} seats and is confirmed.`,
      }),
      v.isInitiator
        ? "Your proposal is going ahead. Thank you for starting it."
        : enCount(v.seats, {
            one: () => "Your seat is now binding.",
            other: (n) => `Your ${n} seats are now binding.`,
          }),
    ],
    action: "See the deal",
  },
  "deal-failed": {
    subject: (v) => `"${v.title}" did not reach its threshold`,
    lines: (v) => [
      enCount(v.threshold, {
        one: (n) => `The deadline for "${v.title}" passed with ${enNum(v.seatsCommitted)} of the ${n} seat needed.`,
        other: (n) => `The deadline for "${v.title}" passed with ${enNum(v.seatsCommitted)} of the ${n} seats needed.`,
      }),
      "The deal did not go ahead, and nobody is bound by it.",
    ],
    action: "See the deal",
  },
  "deal-cancelled": {
    subject: (v) => `"${v.title}" was cancelled`,
    lines: (v) =>
      v.isInitiator
        ? [`You cancelled "${v.title}" before it was confirmed.`, "Everyone who joined gets an email too. Nobody is bound by it."]
        : [`The initiator cancelled "${v.title}" before it was confirmed.`, "Nobody is bound by it."],
    action: "See the deal",
  },
  "waitlist-promoted": {
    subject: (v) => `You're in: seats freed up on "${v.title}"`,
    lines: (v) => [
      enCount(v.seats, {
        one: () => `Seats freed up on "${v.title}", so your seat moved off the waitlist and is now active.`,
        other: (n) => `Seats freed up on "${v.title}", so your ${n} seats moved off the waitlist and are now active.`,
      }),
    ],
    action: "See the deal",
  },
  seats: (n) => enCount(n, { one: (c) => `${c} seat`, other: (c) => `${c} seats` }),
  dates: "Travel dates",
  dateRange: (from, to) => `${from} – ${to}`,
  deadline: "Deadline",
  moment: (day, time) => `${day}, ${time} UTC`,
  calendar: "Add the trip to your calendar",
  footer: {
    signIn: "You're receiving this email because someone asked for a Quorum sign-in link for this address.",
    deal: "You're receiving this email because you take part in a deal on Quorum.",
  },
  footerGrow: "You're receiving this email because you take part in or follow a deal on Quorum.",
};

const { num: nlNum, count: nlCount } = counting("nl");

export const nl: EmailCatalogue = {
  ...graceMessages.nl,
  ...growMessages.nl,
  ...coCreateMessages.nl,
  ...paymentMessages.nl,
  ...removalMessages.nl,
  "sign-in": {
    subject: () => "Je inloglink voor Quorum",
    lines: () => [
      "Gebruik de knop hieronder om in te loggen bij Quorum. De link werkt één keer, 10 minuten lang.",
      "Heb je deze link niet aangevraagd? Dan kun je deze e-mail negeren: zonder de link gebeurt er niets.",
    ],
    action: "Inloggen",
  },
  "deal-confirmed": {
    subject: (v) => `Het gaat door: "${v.title}" is bevestigd`,
    lines: (v) => [
      nlCount(v.threshold, {
        one: (n) => `"${v.title}" heeft de drempel van ${n} plaats gehaald en is bevestigd.`,
        other: (n) => `"${v.title}" heeft de drempel van ${n} plaatsen gehaald en is bevestigd.`,
      }),
      v.isInitiator
        ? "Je voorstel gaat door. Bedankt dat je het hebt opgezet."
        : nlCount(v.seats, {
            one: () => "Je plaats is nu bindend.",
            other: (n) => `Je ${n} plaatsen zijn nu bindend.`,
          }),
    ],
    action: "Bekijk de deal",
  },
  "deal-failed": {
    subject: (v) => `"${v.title}" heeft de drempel niet gehaald`,
    lines: (v) => {
      const committed = nlNum(v.seatsCommitted);
      return [
        nlCount(v.threshold, {
          one: (n) => `De deadline voor "${v.title}" is verstreken met ${committed} van de ${n} benodigde plaats.`,
          other: (n) => `De deadline voor "${v.title}" is verstreken met ${committed} van de ${n} benodigde plaatsen.`,
        }),
        "De deal gaat niet door en niemand zit eraan vast.",
      ];
    },
    action: "Bekijk de deal",
  },
  "deal-cancelled": {
    subject: (v) => `"${v.title}" is geannuleerd`,
    lines: (v) =>
      v.isInitiator
        ? [
            `Je hebt "${v.title}" geannuleerd voordat de deal bevestigd was.`,
            "Iedereen die meedeed krijgt ook een e-mail. Niemand zit eraan vast.",
          ]
        : [`De initiatiefnemer heeft "${v.title}" geannuleerd voordat de deal bevestigd was.`, "Niemand zit eraan vast."],
    action: "Bekijk de deal",
  },
  "waitlist-promoted": {
    subject: (v) => `Je doet mee: er zijn plaatsen vrijgekomen bij "${v.title}"`,
    lines: (v) => [
      nlCount(v.seats, {
        one: () => `Er zijn plaatsen vrijgekomen bij "${v.title}", dus je plaats staat niet meer op de wachtlijst en is nu actief.`,
        other: (n) =>
          `Er zijn plaatsen vrijgekomen bij "${v.title}", dus je ${n} plaatsen staan niet meer op de wachtlijst en zijn nu actief.`,
      }),
    ],
    action: "Bekijk de deal",
  },
  seats: (n) => nlCount(n, { one: (c) => `${c} plaats`, other: (c) => `${c} plaatsen` }),
  dates: "Reisdata",
  dateRange: (from, to) => `${from} – ${to}`,
  deadline: "Deadline",
  moment: (day, time) => `${day} om ${time} UTC`,
  calendar: "Zet de reis in je agenda",
  footer: {
    signIn: "Je krijgt deze e-mail omdat iemand voor dit adres een inloglink voor Quorum heeft aangevraagd.",
    deal: "Je krijgt deze e-mail omdat je meedoet aan een deal op Quorum.",
  },
  footerGrow: "Je krijgt deze e-mail omdat je meedoet aan een deal op Quorum of die volgt.",
};

const { count: deCount } = counting("de");

export const de: EmailCatalogue = {
  ...graceMessages.de,
  ...growMessages.de,
  ...coCreateMessages.de,
  ...paymentMessages.de,
  ...removalMessages.de,
  "sign-in": {
    subject: () => "Dein Anmeldelink für Quorum",
    lines: () => [
      "Mit dem Button unten meldest du dich bei Quorum an. Der Link funktioniert einmal, 10 Minuten lang.",
      "Falls du diesen Link nicht angefordert hast, kannst du diese E-Mail ignorieren: Ohne den Link passiert nichts.",
    ],
    action: "Anmelden",
  },
  "deal-confirmed": {
    subject: (v) => `Es findet statt: „${v.title}“ ist bestätigt`,
    lines: (v) => [
      deCount(v.threshold, {
        one: (n) => `„${v.title}“ hat die Schwelle von ${n} Platz erreicht und ist bestätigt.`,
        other: (n) => `„${v.title}“ hat die Schwelle von ${n} Plätzen erreicht und ist bestätigt.`,
      }),
      v.isInitiator
        ? "Dein Vorschlag findet statt. Danke, dass du ihn gestartet hast."
        : deCount(v.seats, {
            one: () => "Dein Platz ist jetzt verbindlich.",
            other: (n) => `Deine ${n} Plätze sind jetzt verbindlich.`,
          }),
    ],
    action: "Deal ansehen",
  },
  "deal-failed": {
    subject: (v) => `„${v.title}“ hat die Schwelle nicht erreicht`,
    lines: (v) => {
      const committed = deCount(v.seatsCommitted, { one: (c) => `war ${c} Platz`, other: (c) => `waren ${c} Plätze` });
      const needed = deCount(v.threshold, { one: (n) => `wäre ${n} gewesen`, other: (n) => `wären ${n} gewesen` });
      return [
        `Bei Ablauf der Frist für „${v.title}“ ${committed} zugesagt; nötig ${needed}.`,
        "Der Deal findet nicht statt, und niemand ist gebunden.",
      ];
    },
    action: "Deal ansehen",
  },
  "deal-cancelled": {
    subject: (v) => `„${v.title}“ wurde abgesagt`,
    lines: (v) =>
      v.isInitiator
        ? [
            `Du hast „${v.title}“ abgesagt, bevor der Deal bestätigt war.`,
            "Alle, die mitgemacht haben, bekommen ebenfalls eine E-Mail. Niemand ist gebunden.",
          ]
        : [`Der Initiator hat „${v.title}“ abgesagt, bevor der Deal bestätigt war.`, "Niemand ist gebunden."],
    action: "Deal ansehen",
  },
  "waitlist-promoted": {
    subject: (v) => `Du bist dabei: Bei „${v.title}“ sind Plätze frei geworden`,
    lines: (v) => [
      deCount(v.seats, {
        one: () => `Bei „${v.title}“ sind Plätze frei geworden, daher ist dein Platz von der Warteliste nachgerückt und jetzt aktiv.`,
        other: (n) =>
          `Bei „${v.title}“ sind Plätze frei geworden, daher sind deine ${n} Plätze von der Warteliste nachgerückt und jetzt aktiv.`,
      }),
    ],
    action: "Deal ansehen",
  },
  seats: (n) => deCount(n, { one: (c) => `${c} Platz`, other: (c) => `${c} Plätze` }),
  dates: "Reisedaten",
  dateRange: (from, to) => `${from} – ${to}`,
  deadline: "Frist",
  moment: (day, time) => `${day} um ${time} Uhr UTC`,
  calendar: "Reise in deinen Kalender eintragen",
  footer: {
    signIn: "Du bekommst diese E-Mail, weil jemand für diese Adresse einen Anmeldelink für Quorum angefordert hat.",
    deal: "Du bekommst diese E-Mail, weil du bei einem Deal auf Quorum mitmachst.",
  },
  footerGrow: "Du bekommst diese E-Mail, weil du bei einem Deal auf Quorum mitmachst oder ihm folgst.",
};

export const catalogues: Record<EmailLang, EmailCatalogue> = { en, nl, de };
