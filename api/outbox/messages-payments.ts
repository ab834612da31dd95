// The email words of paying at the tip, in English, Dutch and German: payment-due (the deal is
// confirmed and its price final: pay your seats by the due time), payment-reminder (a day left),
// payment-received (the receipt) and payment-lapsed (the window closed unpaid: the seats went to
// the waitlist). Spread into each catalogue of messages.ts; the same words as the web app's
// catalogues (plaats/Platz, "je"/"du").
import type { EmailLang, KindMessages } from "./messages.ts";
import { counting } from "./messages-counting.ts";

export type PaymentKind = "payment-due" | "payment-reminder" | "payment-received" | "payment-lapsed";
type PaymentKinds = Record<PaymentKind, KindMessages>;

const [{ count: enCount }, { count: nlCount }, { count: deCount }] = [counting("en"), counting("nl"), counting("de")];
const enSeats = (n: number) => enCount(n, { one: (s) => `${s} seat`, other: (s) => `${s} seats` });
const nlSeats = (n: number) => nlCount(n, { one: (s) => `${s} plaats`, other: (s) => `${s} plaatsen` });
const deSeats = (n: number) => deCount(n, { one: (s) => `${s} Platz`, other: (s) => `${s} Plätze` });

export const paymentMessages: Record<EmailLang, PaymentKinds> = {
  en: {
    "payment-due": {
      subject: (v) => `Pay ${v.total} for "${v.title}" by ${v.due}`,
      lines: (v) => [
        `"${v.title}" is confirmed and its price is final: ${v.price} a seat, so ${v.total} for your ${enSeats(v.seats)}.`,
        `Please pay by ${v.due} on the deal page ("Pay now"). If it is not paid by then, your seats go to the next person on the waitlist.`,
      ],
      action: "Pay now",
    },
    "payment-reminder": {
      subject: (v) => `One day left to pay for "${v.title}"`,
      lines: (v) => [
        `Your payment of ${v.total} for ${enSeats(v.seats)} on "${v.title}" has not arrived yet.`,
        `The window to pay closes at ${v.due}. After that your seats go to the waitlist.`,
      ],
      action: "Pay now",
    },
    "payment-received": {
      subject: (v) => `Payment received: ${v.total} for "${v.title}"`,
      lines: (v) => [`Thank you: we received ${v.total} for your ${enSeats(v.seats)} on "${v.title}". Your seats are paid.`],
      action: "See the deal",
    },
    "payment-lapsed": {
      subject: (v) => `Your seats on "${v.title}" were released`,
      lines: (v) => [
        `The window to pay for your ${enSeats(v.seats)} on "${v.title}" closed at ${v.due} without a payment.`,
        `Your seats went to the waitlist and nothing was charged. The deal itself goes ahead.`,
      ],
      action: "See the deal",
    },
  },
  nl: {
    "payment-due": {
      subject: (v) => `Betaal ${v.total} voor "${v.title}" vóór ${v.due}`,
      lines: (v) => [
        `"${v.title}" is bevestigd en de prijs staat vast: ${v.price} per plaats, dus ${v.total} voor je ${nlSeats(v.seats)}.`,
        `Betaal vóór ${v.due} op de pagina van de deal ("Nu betalen"). Is er dan niet betaald, dan gaan je plaatsen naar de volgende op de wachtlijst.`,
      ],
      action: "Nu betalen",
    },
    "payment-reminder": {
      subject: (v) => `Nog één dag om te betalen voor "${v.title}"`,
      lines: (v) => [
        `Je betaling van ${v.total} voor ${nlSeats(v.seats)} voor "${v.title}" is nog niet binnen.`,
        `De betaaltermijn sluit op ${v.due}. Daarna gaan je plaatsen naar de wachtlijst.`,
      ],
      action: "Nu betalen",
    },
    "payment-received": {
      subject: (v) => `Betaling ontvangen: ${v.total} voor "${v.title}"`,
      lines: (v) => [`Bedankt: we hebben ${v.total} ontvangen voor je ${nlSeats(v.seats)} voor "${v.title}". Je plaatsen zijn betaald.`],
      action: "Bekijk de deal",
    },
    "payment-lapsed": {
      subject: (v) => `Je plaatsen voor "${v.title}" zijn vrijgegeven`,
      lines: (v) => [
        `De betaaltermijn voor je ${nlSeats(v.seats)} voor "${v.title}" sloot op ${v.due} zonder betaling.`,
        `Je plaatsen zijn naar de wachtlijst gegaan en er is niets afgeschreven. De deal zelf gaat door.`,
      ],
      action: "Bekijk de deal",
    },
  },
  de: {
    "payment-due": {
      subject: (v) => `Bezahle ${v.total} für „${v.title}“ bis ${v.due}`,
      lines: (v) => [
        `„${v.title}“ ist bestätigt und der Preis steht fest: ${v.price} pro Platz, also ${v.total} für ${deSeats(v.seats)}.`,
        `Bitte bezahle bis ${v.due} auf der Seite des Deals („Jetzt bezahlen“). Ist bis dahin nicht bezahlt, gehen deine Plätze an die Nächsten auf der Warteliste.`,
      ],
      action: "Jetzt bezahlen",
    },
    "payment-reminder": {
      subject: (v) => `Noch ein Tag, um für „${v.title}“ zu bezahlen`,
      lines: (v) => [
        `Deine Zahlung von ${v.total} (${deSeats(v.seats)}, „${v.title}“) ist noch nicht eingegangen.`,
        `Die Zahlungsfrist endet am ${v.due}. Danach gehen deine Plätze an die Warteliste.`,
      ],
      action: "Jetzt bezahlen",
    },
    "payment-received": {
      subject: (v) => `Zahlung erhalten: ${v.total} für „${v.title}“`,
      lines: (v) => [`Danke: Wir haben ${v.total} (${deSeats(v.seats)}, „${v.title}“) erhalten. Deine Plätze sind bezahlt.`],
      action: "Deal ansehen",
    },
    "payment-lapsed": {
      subject: (v) => `Deine Plätze für „${v.title}“ wurden freigegeben`,
      lines: (v) => [
        `Die Zahlungsfrist (${deSeats(v.seats)}, „${v.title}“) endete am ${v.due} ohne Zahlung.`,
        `Deine Plätze sind an die Warteliste gegangen, und nichts wurde abgebucht. Der Deal selbst findet statt.`,
      ],
      action: "Deal ansehen",
    },
  },
};
