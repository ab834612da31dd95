// English, the first part: what the app shell, the home page and the deal page say to a visitor
// who follows a shared link (a participant's and a follower's words, and the rarer states', are in
// the deal page's own part, deal.ts, loaded with the second part by the parts that say them). The
// keys of every part together define every message; ../en.ts joins them.
export const enFirst = {
  "app.skip": "Skip to content",
  "app.nav.label": "Main",
  "app.nav.home": "home page",
  "app.nav.propose": "Propose a deal",
  "app.nav.me": "My deals",
  "app.nav.signIn": "Sign in",
  "app.language": "Language",
  "app.footer": "Quorum: trips and deals that happen when enough people commit.",
  "app.footer.api": "API documentation",

  "lang.en": "English",
  "lang.nl": "Nederlands",
  "lang.de": "Deutsch",

  "meta.page": "{page} · Quorum",

  "common.loading": "Loading…",
  "common.retry": "Try again",

  "home.cta": "Propose a deal",

  "kind.trip": "Trip",
  "kind.deal": "Deal",

  "status.open": "Open",
  "status.confirmed": "Confirmed",
  "status.failed": "Did not go ahead",
  "status.cancelled": "Cancelled",

  "card.price": "{price} a seat",
  "card.ends": "Ends {when}",
  "card.confirmed": "Confirmed {when}",

  "progress.label": "Seats committed toward the threshold",
  "progress.summary.one": "{committed} of {count} seat committed",
  "progress.summary.other": "{committed} of {count} seats committed",
  "progress.needed.one": "{count} more seat needed",
  "progress.needed.other": "{count} more seats needed",
  "progress.reached": "Threshold reached",
  "progress.threshold": "Goes ahead at {count}",
  "progress.capacity.one": "Capacity: {count} seat",
  "progress.capacity.other": "Capacity: {count} seats",
  "progress.left.one": "{count} seat left",
  "progress.left.other": "{count} seats left",
  "progress.full": "Full: new commitments join the waitlist",
  "progress.waitlisted.one": "{count} seat on the waitlist",
  "progress.waitlisted.other": "{count} seats on the waitlist",
  "progress.participants.one": "{count} participant",
  "progress.participants.other": "{count} participants",

  "banner.open.one": "It goes ahead as soon as {count} seat is committed before the deadline.",
  "banner.open.other": "It goes ahead as soon as {count} seats are committed before the deadline.",
  "banner.confirmed": "This deal is going ahead.",
  "banner.failed": "This deal did not reach its threshold before the deadline. Nobody is bound.",
  "banner.cancelled": "The initiator called it off. Nobody is bound.",

  "deal.by": "Proposed by {name}",
  "deal.destination": "Destination",
  "deal.dates": "Travel dates",
  "deal.deadline": "Deadline",
  "deal.timeLeft": "Time left",
  "deal.ended": "The deadline has passed",
  "deal.about": "About this deal",
  "deal.notFound.title": "Deal not found",
  "deal.notFound.text": "There is no deal at this address. Check the link you followed.",
  "deal.join.title": "Join",
  "deal.join.signIn": "Sign in to join",
  "deal.join.closed": "This deal no longer takes commitments.",
  "deal.manage": "Manage this deal",
  "deal.share": "Share this deal",
  "deal.share.copied": "Link copied to the clipboard.",
  "deal.share.manual": "Copy this link to share the deal:",
  "deal.share.link": "Link to this deal",
  "deal.share.text": "Join me: it only happens if enough people commit.",
  "deal.live.connected": "Live",
  "deal.live.reconnecting": "Reconnecting…",

  "notFound.home": "Go to the home page",

  "error.NETWORK": "Quorum could not be reached. Check your connection and try again.",
  "error.UNKNOWN": "Something went wrong. Try again.",
  // growing the group: updates and following
  "deal.updates.title": "Updates from the initiator",
  "deal.follow.signIn": "Sign in to follow",
  // editing and the soft threshold
  "status.grace": "Initiator deciding",
  "banner.grace": "The deadline passed with {committed} of {count} seats: above the soft threshold of {soft}. The initiator decides until {until} whether it goes ahead.",
  // an initiator's record
  "record.confirmed.one": "{count} went ahead",
  "record.confirmed.other": "{count} went ahead",
  "record.failed.one": "{count} didn't reach its goal",
  "record.failed.other": "{count} didn't reach their goal",
  "record.cancelled.one": "{count} cancelled",
  "record.cancelled.other": "{count} cancelled",
  "record.positive.one": "{percent}% positive ({count} review)",
  "record.positive.other": "{percent}% positive ({count} reviews)",
  "record.new": "New initiator",
  // the first join: the footer's links
  "app.footer.privacy": "Privacy",
  "app.footer.terms": "Terms",
  "app.footer.contact": "Contact",
  // the first join (issue 16): what committing means, and the deal's states told honestly
  "deal.terms.title": "What happens when you commit",
  "deal.terms.bound.one": "You are bound only if {count} seat is committed by {deadline}.",
  "deal.terms.bound.other": "You are bound only if {count} seats are committed by {deadline}.",
  "deal.terms.notBound": "If not, or if it is cancelled, nobody is bound.",
  "deal.terms.withdraw": "You can withdraw until it is confirmed; from the waitlist, at any time.",
  "deal.terms.pay": "Once it is confirmed and the price is final, you pay within {hours} hours.",
  "deal.terms.privacy": "The initiator sees your name and email address.",
  "deal.terms.termsLink": "Terms",
  "deal.terms.privacyLink": "Privacy",
  "progress.over": "{committed} seats committed (it needed {count})",
};
