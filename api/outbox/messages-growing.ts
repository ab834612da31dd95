// The email words of growing the group, in English, Dutch and German: an update from the
// initiator (deal-update) and the reminder 48 hours before the deadline (deal-ending-soon).
// Spread into each catalogue of messages.ts.
import type { EmailLang, KindMessages } from "./messages.ts";
import { counting } from "./messages-counting.ts";

type GrowKind = "deal-update" | "deal-ending-soon";

const [{ count: enCount }, { count: nlCount }, { count: deCount }] = [counting("en"), counting("nl"), counting("de")];

export const growMessages: Record<EmailLang, Record<GrowKind, KindMessages>> = {
  en: {
    "deal-update": {
      subject: (v) => `Update on "${v.title}"`,
      lines: (v) => [`The initiator of "${v.title}" posted an update:`],
      action: "See the deal",
    },
    "deal-ending-soon": {
      subject: (v) => `Ending soon: "${v.title}"`,
      lines: (v) => [
        `"${v.title}" closes on ${v.deadline}.`,
        v.seatsNeeded > 0
          ? enCount(v.seatsNeeded, {
              one: (n) => `It still needs ${n} more seat to reach its threshold; without it, the deal won't go ahead.`,
              other: (n) => `It still needs ${n} more seats to reach its threshold; without them, the deal won't go ahead.`,
            })
          : "It has reached its threshold.",
        v.isInitiator
          ? "Share the link with anyone who might join: that's how the group grows."
          : "Know someone who might join? Share the link with them.",
      ],
      action: "Share the deal",
    }
  },
  nl: {
    "deal-update": {
      subject: (v) => `Nieuws over "${v.title}"`,
      lines: (v) => [`De initiatiefnemer van "${v.title}" heeft een update geplaatst:`],
      action: "Bekijk de deal",
    },
    "deal-ending-soon": {
      subject: (v) => `Bijna voorbij: "${v.title}"`,
      lines: (v) => [
        `"${v.title}" sluit op ${v.deadline}.`,
        v.seatsNeeded > 0
          ? nlCount(v.seatsNeeded, {
              one: (n) => `Er is nog ${n} plaats nodig om de drempel te halen; anders gaat de deal niet door.`,
              other: (n) => `Er zijn nog ${n} plaatsen nodig om de drempel te halen; anders gaat de deal niet door.`,
            })
          : "De drempel is gehaald.",
        v.isInitiator
          ? "Deel de link met iedereen die mee zou kunnen doen: zo groeit de groep."
          : "Ken je iemand die mee wil doen? Deel de link met diegene.",
      ],
      action: "Deel de deal",
    }
  },
  de: {
    "deal-update": {
      subject: (v) => `Neuigkeiten zu „${v.title}“`,
      lines: (v) => [`Der Initiator von „${v.title}“ hat eine Neuigkeit gepostet:`],
      action: "Deal ansehen",
    },
    "deal-ending-soon": {
      subject: (v) => `Bald vorbei: „${v.title}“`,
      lines: (v) => [
        `„${v.title}“ endet am ${v.deadline}.`,
        v.seatsNeeded > 0
          ? deCount(v.seatsNeeded, {
              one: (n) => `Es fehlt noch ${n} Platz bis zur Schwelle; sonst findet der Deal nicht statt.`,
              other: (n) => `Es fehlen noch ${n} Plätze bis zur Schwelle; sonst findet der Deal nicht statt.`,
            })
          : "Die Schwelle ist erreicht.",
        v.isInitiator
          ? "Teile den Link mit allen, die mitmachen könnten: So wächst die Gruppe."
          : "Kennst du jemanden, der mitmachen möchte? Teile den Link.",
      ],
      action: "Deal teilen",
    }
  },
};
