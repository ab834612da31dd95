// English, the second part: what signing in, my deals, proposing, managing, a member's page and
// the development pages say. Loaded by the pages that need it (web/src/App.tsx), and by the deal
// page with its own further part (deal.ts) when it shows more than a visitor from a shared link sees.
export const enMore = {
  "validation.required": "This field is required.",
  "validation.tooShort.one": "Use at least {count} character.",
  "validation.tooShort.other": "Use at least {count} characters.",
  "validation.tooLong.one": "Use at most {count} character.",
  "validation.tooLong.other": "Use at most {count} characters.",
  "validation.min": "Must be at least {min}.",
  "validation.max": "Must be at most {max}.",
  "validation.integer": "Use a whole number.",
  "validation.number": "Enter a number.",
  "validation.price": "Enter an amount, such as 295 or 29.50.",
  "validation.email": "Enter a valid email address.",
  "validation.date": "Enter a valid date.",
  "validation.currency": "Use a currency code such as EUR.",
  "validation.invalid": "Check this field.",
  "validation.deadlineTooSoon": "The deadline must be at least 10 minutes from now.",
  "validation.deadlineTooLate": "The deadline must be at most 366 days from now.",
  "validation.capacityBelowThreshold": "The maximum must be at least the number of seats needed.",
  "validation.maxSeatsOverCapacity": "This can't be more than the maximum seats.",
  "validation.returnBeforeDeparture": "The return can't be before the departure.",
  "validation.departureNeeded": "Give a departure date too.",
  "validation.departureBeforeDeadline": "The departure can't be before the deadline.",

  "signIn.title": "Sign in",
  "signIn.intro": "We'll email you a sign-in link. No password needed.",
  "signIn.email": "Email address",
  "signIn.submit": "Email me a link",
  "signIn.sending": "Sending…",
  "signIn.sent": "Check your email: we sent a sign-in link to {email}. It works once, for 10 minutes.",
  "signIn.devMailbox": "Development mode: open the development mailbox",
  "signIn.again": "Use another address",

  "callback.title": "Signing in",
  "callback.failed": "This sign-in link didn't work.",
  "callback.missing": "Open this page from the link in your email.",
  "callback.newLink": "Ask for a new link",

  "manage.back": "Back to the deal page",

  // editing and the soft threshold
  "manage.edit.save": "Save the changes",
  "manage.edit.saving": "Saving…",
  "manage.edit.saved": "Saved.",
  "manage.edit.locked": "Someone has committed, so the terms are locked: you can still change the description and raise the capacity. The others are fixed so that nobody's commitment changes under them.",
  "manage.edit.lockedField": "Locked",
  "validation.softThreshold": "The soft threshold must be at least half the seats needed, and fewer than them.",

  // Sign-in confirmation and sign out everywhere
  "callback.confirm.question": "Sign in as {email}?",
  "callback.confirm.why": "Only sign in if you asked for this link yourself. Someone may have forwarded theirs to you.",
  "callback.confirm.submit": "Sign in",
  "callback.confirm.submitting": "Signing in…",
  "callback.confirm.notMe": "This isn't me",
  "callback.notMe.title": "Nobody was signed in",
  "callback.notMe.text": "This link belongs to someone else's address, so leave it unused. You can close this page or ask for a link of your own.",
  "callback.notMe.home": "Go to the home page",
  // co-creation: options, price tiers, profiles
  "cocreate.optionsCount": "Offer 2 to 5 options, or none.",
  "cocreate.optionLabel": "Give every option a label of 1 to 80 characters.",
  "cocreate.optionsDistinct": "Give every option its own label.",
  "cocreate.optionDates": "Check the options' dates: a return after the departure, and no departure before the deadline.",
  "cocreate.tierInvalid": "Give every tier a number of seats and a price.",
  "cocreate.tierSeats": "Each tier needs more seats than the threshold and the tier before, and at most the capacity.",
  "cocreate.tierPrice": "Each tier must cost less than the price before it.",
  "profile.memberSince": "Member since {date}",
  "profile.record": "As an initiator",
  "profile.reviews": "Reviews",
  "profile.noReviews": "No reviews yet.",
  "profile.on": "on {title}",
  "profile.notFound": "There is no such member.",
  "profile.title": "Member profile",
  // a review's rating (the review box, a member's page)
  "review.positive": "Positive",
  "review.neutral": "Neutral",
  "review.negative": "Negative",
  // sign-in that returns, a name, time zones (issue 16)
  "signIn.waiting": "Waiting for you to sign in: open the link in any tab, and this page carries on by itself.",
  "namePrompt.title": "What should we call you?",
  "namePrompt.text": "Your name is shown to the initiators of the deals you join, on the deals you propose and on your reviews. We suggested one from your email address: keep it or change it.",
  "namePrompt.label": "Your name",
  "namePrompt.save": "Save my name",
  "namePrompt.saving": "Saving…",
  // the propose form: money as typed, the currency chooser; the terms page
  "validation.priceAmbiguous": "“{text}” could mean {a} or {b}. Write it with both marks, such as 1,250.000 or 1.250.",
  "terms.title": "Terms",

  // paying at the tip: the deal page's payment panel, the development checkout, the initiator's counts, my deals, the propose field
  "pay.due": "Pay {amount} by {due}.",
  "pay.received": "Payment received",
  "payment.due": "Due",
  "payment.paid": "Paid",
  "payment.lapsed": "Lapsed",
  "manage.col.payment": "Payment",
  // the first join (issue 16): one's commitment to an ended deal (the deal page, my deals)
  "deal.mine.notBound.failed": "It did not go ahead: you are not bound.",
  "deal.mine.notBound.cancelled": "It was cancelled: you are not bound.",
  // a commitment's states (my deals, the manage page, one's own commitment), and the seats the
  // join form and the propose preview both ask for
  "commitment.active": "Active",
  "commitment.waitlisted": "Waitlisted",
  "commitment.withdrawn": "Withdrawn",
  "commitment.released": "Released: another option won",
  "commitment.lapsed": "Lapsed: not paid in time",
  "commitment.removed": "Removed by the initiator",
  "deal.join.seats": "Seats",
  "deal.join.seatsHint.one": "At most {count} seat per person",
  "deal.join.seatsHint.other": "At most {count} seats per person",
  // what the pages that need a session say to one without
  "common.signInFirst": "Sign in to see this page.",
  "common.signIn": "Sign in",
  // the page for an address with nothing at it (it loads this part)
  "notFound.title": "Page not found",
  "notFound.text": "There is nothing at this address.",
};
