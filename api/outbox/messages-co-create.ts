// The email words of co-creation, in English, Dutch and German: released from an option that lost
// (option-released), the final price of a deal with tiers (deal-final-price), and the invitation
// to review the initiator (review-invite). Spread into each catalogue of messages.ts.
import type { EmailLang, KindMessages } from "./messages.ts";
import { counting } from "./messages-counting.ts";

type CoCreateKind = "option-released" | "deal-final-price" | "review-invite";

const [{ count: enCount }, { count: nlCount }, { count: deCount }] = [counting("en"), counting("nl"), counting("de")];

export const coCreateMessages: Record<EmailLang, Record<CoCreateKind, KindMessages>> = {
  en: {
    "option-released": {
      subject: (v) => `"${v.title}": the group chose ${v.option}`,
      lines: (v) => [
        `The group behind "${v.title}" chose ${v.option}, an option you did not pick.`,
        "You are released: nothing binds you to this deal. If you can make it after all, you can join the chosen option.",
      ],
      action: "Join the chosen option",
    },
    "deal-final-price": {
      subject: (v) => `"${v.title}": the final price is ${v.price} a seat`,
      lines: (v) =>
        v.isInitiator
          ? [`The deadline of "${v.title}" has passed. Everyone pays the final price of ${v.price} a seat.`]
          : [
              `The deadline of "${v.title}" has passed. Everyone pays the final price of ${v.price} a seat.`,
              enCount(v.seats, { one: () => `Your total for 1 seat: ${v.total}.`, other: (n) => `Your total for ${n} seats: ${v.total}.` }),
            ],
      action: "See the deal",
    },
    "review-invite": {
      subject: (v) => `How was "${v.title}"?`,
      lines: (v) => [
        `"${v.title}" is over. You were there, so your review of the initiator counts.`,
        "Say how it went: positive, neutral or negative, with a comment if you like. You can review it for 60 days.",
      ],
      action: "Review it",
    }
  },
  nl: {
    "option-released": {
      subject: (v) => `"${v.title}": de groep koos ${v.option}`,
      lines: (v) => [
        `De groep achter "${v.title}" koos ${v.option}, een optie die jij niet had gekozen.`,
        "Je bent vrijgegeven: niets bindt je aan deze deal. Kun je toch? Dan kun je meedoen met de gekozen optie.",
      ],
      action: "Doe mee met de gekozen optie",
    },
    "deal-final-price": {
      subject: (v) => `"${v.title}": de definitieve prijs is ${v.price} per plaats`,
      lines: (v) =>
        v.isInitiator
          ? [`De deadline van "${v.title}" is verstreken. Iedereen betaalt de definitieve prijs van ${v.price} per plaats.`]
          : [
              `De deadline van "${v.title}" is verstreken. Iedereen betaalt de definitieve prijs van ${v.price} per plaats.`,
              nlCount(v.seats, { one: () => `Jouw totaal voor 1 plaats: ${v.total}.`, other: (n) => `Jouw totaal voor ${n} plaatsen: ${v.total}.` }),
            ],
      action: "Bekijk de deal",
    },
    "review-invite": {
      subject: (v) => `Hoe was "${v.title}"?`,
      lines: (v) => [
        `"${v.title}" is voorbij. Je was erbij, dus jouw beoordeling van de initiatiefnemer telt.`,
        "Zeg hoe het ging: positief, neutraal of negatief, met een opmerking als je wilt. Dat kan 60 dagen lang.",
      ],
      action: "Beoordeel het",
    }
  },
  de: {
    "option-released": {
      subject: (v) => `„${v.title}“: Die Gruppe hat ${v.option} gewählt`,
      lines: (v) => [
        `Die Gruppe hinter „${v.title}“ hat ${v.option} gewählt, eine Option, die du nicht gewählt hattest.`,
        "Du bist freigegeben: Nichts bindet dich an diesen Deal. Wenn du doch kannst, kannst du bei der gewählten Option mitmachen.",
      ],
      action: "Bei der gewählten Option mitmachen",
    },
    "deal-final-price": {
      subject: (v) => `„${v.title}“: Der endgültige Preis ist ${v.price} pro Platz`,
      lines: (v) =>
        v.isInitiator
          ? [`Die Frist für „${v.title}“ ist abgelaufen. Alle zahlen den endgültigen Preis von ${v.price} pro Platz.`]
          : [
              `Die Frist für „${v.title}“ ist abgelaufen. Alle zahlen den endgültigen Preis von ${v.price} pro Platz.`,
              deCount(v.seats, { one: () => `Dein Gesamtbetrag für 1 Platz: ${v.total}.`, other: (n) => `Dein Gesamtbetrag für ${n} Plätze: ${v.total}.` }),
            ],
      action: "Deal ansehen",
    },
    "review-invite": {
      subject: (v) => `Wie war „${v.title}“?`,
      lines: (v) => [
        `„${v.title}“ ist vorbei. Du warst dabei, deshalb zählt deine Bewertung des Initiators.`,
        "Sag, wie es war: positiv, neutral oder negativ, gern mit einem Kommentar. Das geht 60 Tage lang.",
      ],
      action: "Jetzt bewerten",
    }
  },
};
