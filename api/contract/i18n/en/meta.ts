// English, the words of the link previews the server puts in a page's head (a deal's summary,
// the site's description): a catalogue part the web app never loads.
export const enMeta = {
  "meta.siteDescription":
    "Propose a trip or a group deal. It goes ahead only when enough people commit before the deadline.",
  "meta.deal.open.one": "{price} a seat. {committed} of {count} seat committed; it goes ahead at {count}. Join before {deadline}.",
  "meta.deal.open.other": "{price} a seat. {committed} of {count} seats committed; it goes ahead at {count}. Join before {deadline}.",
  "meta.deal.confirmed": "Confirmed: it's going ahead. {price} a seat.",
  "meta.deal.failed.one": "This deal did not reach {count} seat before its deadline.",
  "meta.deal.failed.other": "This deal did not reach {count} seats before its deadline.",
  "meta.deal.cancelled": "This deal was cancelled by its initiator.",
  "meta.deal.grace": "The deadline passed above the soft threshold; the initiator decides whether it goes ahead. {price} a seat.",
};
