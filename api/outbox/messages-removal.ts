// The email words of removing a participant, in English, Dutch and German: commitment-removed
// (the initiator took the recipient off the deal). Spread into each catalogue of messages.ts; the
// same words as the web app's catalogues (initiatiefnemer/Initiator, "je"/"du").
import type { EmailLang, KindMessages } from "./messages.ts";
import { counting } from "./messages-counting.ts";

export type RemovalKind = "commitment-removed";
type RemovalKinds = Record<RemovalKind, KindMessages>;

const [{ count: enCount }, { count: nlCount }, { count: deCount }] = [counting("en"), counting("nl"), counting("de")];

export const removalMessages: Record<EmailLang, RemovalKinds> = {
  en: {
    "commitment-removed": {
      subject: (v) => `You were removed from "${v.title}"`,
      lines: (v) => [
        enCount(v.seats, {
          one: () => `The initiator of "${v.title}" removed you from the deal. Your seat is given up: you are not bound, and you can't join this deal again.`,
          other: (n) => `The initiator of "${v.title}" removed you from the deal. Your ${n} seats are given up: you are not bound, and you can't join this deal again.`,
        }),
        "If you had already paid, Quorum does not refund the payment: ask the initiator about it.",
      ],
      action: "See the deal",
    },
  },
  nl: {
    "commitment-removed": {
      subject: (v) => `Je bent verwijderd uit "${v.title}"`,
      lines: (v) => [
        nlCount(v.seats, {
          one: () => `De initiatiefnemer van "${v.title}" heeft je uit de deal verwijderd. Je plaats is vrijgegeven: je zit nergens aan vast, en je kunt niet opnieuw meedoen aan deze deal.`,
          other: (n) => `De initiatiefnemer van "${v.title}" heeft je uit de deal verwijderd. Je ${n} plaatsen zijn vrijgegeven: je zit nergens aan vast, en je kunt niet opnieuw meedoen aan deze deal.`,
        }),
        "Had je al betaald? Quorum betaalt dat niet terug: vraag de initiatiefnemer ernaar.",
      ],
      action: "Bekijk de deal",
    },
  },
  de: {
    "commitment-removed": {
      subject: (v) => `Du wurdest aus „${v.title}“ entfernt`,
      lines: (v) => [
        deCount(v.seats, {
          one: () => `Der Initiator von „${v.title}“ hat dich aus dem Deal entfernt. Dein Platz ist freigegeben: Du bist nicht gebunden und kannst diesem Deal nicht erneut beitreten.`,
          other: (n) => `Der Initiator von „${v.title}“ hat dich aus dem Deal entfernt. Deine ${n} Plätze sind freigegeben: Du bist nicht gebunden und kannst diesem Deal nicht erneut beitreten.`,
        }),
        "Falls du schon bezahlt hast: Quorum erstattet die Zahlung nicht, frag den Initiator danach.",
      ],
      action: "Deal ansehen",
    },
  },
};
