// The email words of the soft threshold, in English, Dutch and German: deal-grace (the deadline
// passed at the soft threshold; the initiator decides until the grace ends). Spread into each catalogue of
// messages.ts; the same words as the web app's catalogues (drempel/Schwelle, "je"/"du").
import type { EmailLang, KindMessages } from "./messages.ts";
import { counting } from "./messages-counting.ts";

/** The soft threshold's kind; the go-ahead's message goes out as any update (deal-update). */
export type GraceKind = "deal-grace";
type GraceKinds = Record<GraceKind, KindMessages>;

const [{ num: enNum }, { num: nlNum }, { num: deNum }] = [counting("en"), counting("nl"), counting("de")];

export const graceMessages: Record<EmailLang, GraceKinds> = {
  en: {
    "deal-grace": {
      subject: (v) => `"${v.title}" almost made it: the initiator decides by ${v.graceEnds}`,
      lines: (v) => [
        `The deadline for "${v.title}" passed with ${enNum(v.seatsCommitted)} of the ${enNum(v.threshold)} seats needed: above its soft threshold of ${enNum(v.softThreshold)}.`,
        v.isInitiator
          ? `You decide until ${v.graceEnds} whether it goes ahead anyway: go ahead with a message to everyone, or cancel, on the deal page. If you do nothing, it fails then and nobody is bound.`
          : `The initiator now decides whether it goes ahead anyway, until ${v.graceEnds}. Until then you may still withdraw; if the initiator goes ahead and at least ${enNum(v.softThreshold)} seats remain, the deal is confirmed then. Otherwise it fails and nobody is bound.`,
      ],
      action: "See the deal",
    },
  },
  nl: {
    "deal-grace": {
      subject: (v) => `"${v.title}" haalde het bijna: de initiatiefnemer beslist vóór ${v.graceEnds}`,
      lines: (v) => [
        `De deadline voor "${v.title}" is verstreken met ${nlNum(v.seatsCommitted)} van de ${nlNum(v.threshold)} benodigde plaatsen: boven de zachte drempel van ${nlNum(v.softThreshold)}.`,
        v.isInitiator
          ? `Jij beslist tot ${v.graceEnds} of de deal toch doorgaat: ga door met een bericht aan iedereen, of annuleer, op de pagina van de deal. Doe je niets, dan gaat hij op dat moment niet door en zit niemand eraan vast.`
          : `De initiatiefnemer beslist nu tot ${v.graceEnds} of de deal toch doorgaat. Tot dan kun je je nog terugtrekken; gaat de initiatiefnemer door en blijven er minstens ${nlNum(v.softThreshold)} plaatsen over, dan is de deal op dat moment bevestigd. Anders gaat hij niet door en zit niemand eraan vast.`,
      ],
      action: "Bekijk de deal",
    },
  },
  de: {
    "deal-grace": {
      subject: (v) => `„${v.title}“ hat es fast geschafft: Der Initiator entscheidet bis ${v.graceEnds}`,
      lines: (v) => [
        `Bei Ablauf der Frist für „${v.title}“ waren ${deNum(v.seatsCommitted)} von ${deNum(v.threshold)} nötigen Plätzen zugesagt: über der weichen Schwelle von ${deNum(v.softThreshold)}.`,
        v.isInitiator
          ? `Du entscheidest bis ${v.graceEnds}, ob der Deal trotzdem stattfindet: Mach weiter mit einer Nachricht an alle, oder sag ab, auf der Seite des Deals. Tust du nichts, findet er dann nicht statt, und niemand ist gebunden.`
          : `Der Initiator entscheidet jetzt bis ${v.graceEnds}, ob der Deal trotzdem stattfindet. Bis dahin kannst du noch zurücktreten; geht der Initiator weiter und bleiben mindestens ${deNum(v.softThreshold)} Plätze, ist der Deal dann bestätigt. Sonst findet er nicht statt, und niemand ist gebunden.`,
      ],
      action: "Deal ansehen",
    },
  },
};
