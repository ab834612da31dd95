// The email message catalogue. Every word an email says comes from here.
export type EmailKind = "sign-in" | "deal-confirmed" | "deal-failed" | "deal-cancelled" | "waitlist-promoted";

export interface EmailVars {
  title: string;
  seats: number;
  deadline: string;
  dates: string;
  link: string;
  threshold: number;
  seatsCommitted: number;
  isInitiator: boolean;
}

type Catalogue = {
  [K in EmailKind]: {
    subject: (v: EmailVars) => string;
    lines: (v: EmailVars) => string[];
    action: string;
  };
} & { footer: string; calendar: string; seats: (n: number) => string; dates: string; deadline: string };

const seatsEn = (n: number) => `${n} seat${n === 1 ? "" : "s"}`;

export const en: Catalogue = {
  "sign-in": {
    subject: () => "Your Quorum sign-in link",
    lines: () => [
      "Use the button below to sign in to Quorum. The link works once, for 10 minutes.",
      "If you did not ask for it, ignore this email: nothing happens without the link.",
    ],
    action: "Sign in",
  },
  "deal-confirmed": {
    subject: (v) => `It's on: "${v.title}" is confirmed`,
    lines: (v) => [
      `"${v.title}" reached its threshold of ${v.threshold} seats and is confirmed.`,
      v.isInitiator ? "Your proposal tipped. Thank you for starting it." : `Your ${seatsEn(v.seats)} are now binding.`,
    ],
    action: "See the deal",
  },
  "deal-failed": {
    subject: (v) => `"${v.title}" did not reach its threshold`,
    lines: (v) => [
      `The deadline of "${v.title}" passed with ${v.seatsCommitted} of the ${v.threshold} seats needed.`,
      "The deal did not happen and nobody is bound by it.",
    ],
    action: "See the deal",
  },
  "deal-cancelled": {
    subject: (v) => `"${v.title}" was cancelled`,
    lines: (v) => [
      `The initiator cancelled "${v.title}" before it was confirmed.`,
      "Nobody is bound by it.",
    ],
    action: "See the deal",
  },
  "waitlist-promoted": {
    subject: (v) => `You're in: a place opened up on "${v.title}"`,
    lines: (v) => [`Seats were freed on "${v.title}", and your ${seatsEn(v.seats)} moved from the waiting list to active.`],
    action: "See the deal",
  },
  footer: "You receive this email because you take part in a deal on Quorum.",
  calendar: "Add the trip to your calendar",
  seats: seatsEn,
  dates: "Dates",
  deadline: "Deadline",
};

export const catalogues: Record<string, Catalogue> = { en };
