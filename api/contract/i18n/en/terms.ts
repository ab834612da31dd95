// The terms page in English (the shape, and why it is apart from the catalogue: ../terms.ts).
import type { TermsText } from "../terms.ts";

export const terms: TermsText = {
  intro: "Quorum lets someone propose a trip or a deal that goes ahead only if enough seats are committed before a deadline. These are the rules everyone agrees to by using it.",
  participant: {
    title: "When you commit seats",
    rules: [
      "Your seats are bound only if the deal reaches its threshold before its deadline. Until then you may withdraw at any time.",
      "Once the deal is confirmed, your seats are binding: you can no longer withdraw them. Joining a deal that is already confirmed binds you at once.",
      "If the deal fails or the initiator cancels it, nobody is bound and nobody pays.",
      "If a deal has a maximum and your seats don't fit, you join the waitlist. You are moved up, in order, when seats free up, and you can leave the waitlist at any time.",
      "When a deal with a price is confirmed, you are asked to pay within the deal's payment window. Seats left unpaid when it closes are released.",
      "The initiator sees your name and email address, to organise the trip or deal with you. Nobody else sees your email address.",
    ],
  },
  initiator: {
    title: "When you propose a deal",
    rules: [
      "Describe honestly what people commit to: the price a seat, the dates, the threshold, the maximum and the deadline.",
      "Once someone has committed, the terms are locked; you may still change the description and raise the maximum.",
      "You may cancel while the deal is open or in its grace period; everyone is told. A confirmed deal cannot be cancelled: arrange what you promised.",
      "Use participants' names and email addresses only for this deal.",
    ],
  },
  promises: {
    title: "What Quorum promises",
    rules: [
      "A deal is never oversold: active seats never exceed the maximum.",
      "A deal is confirmed exactly once, by the commitment that reaches the threshold, and that cannot be undone.",
      "Everyone hears every outcome exactly once, on the page and by email.",
      "Time is honest: after the deadline, no commitment is accepted.",
      "Bad input changes nothing; you get a clear message instead.",
      "Nobody sees what isn't theirs: only you and the deal's initiator see your email address.",
    ],
  },
  states: {
    title: "What happens to a deal",
    open: "Collecting seats until the deadline.",
    confirmed: "The threshold was reached in time. This is final; seats left can still be joined until the deadline.",
    grace: "The deadline passed with at least the soft threshold; the initiator has a few days to decide, and participants may withdraw meanwhile.",
    failed: "The deadline passed below the threshold. Nobody is bound.",
    cancelled: "The initiator cancelled it. Nobody is bound.",
  },
};
