// Nederlands, the words of the server's link previews: the same keys as en/meta.ts.
import type { enMeta } from "../en/meta.ts";

export const nlMeta: Record<keyof typeof enMeta, string> = {
  "meta.siteDescription":
    "Stel een reis of groepsdeal voor. Die gaat alleen door als genoeg mensen zich vóór de deadline aanmelden.",
  "meta.deal.open.one": "{price} per plaats. {committed} van {count} plaats toegezegd; bij {count} gaat het door. Doe mee vóór {deadline}.",
  "meta.deal.open.other": "{price} per plaats. {committed} van {count} plaatsen toegezegd; bij {count} gaat het door. Doe mee vóór {deadline}.",
  "meta.deal.confirmed": "Bevestigd: het gaat door. {price} per plaats.",
  "meta.deal.failed.one": "Deze deal haalde vóór de deadline geen {count} plaats.",
  "meta.deal.failed.other": "Deze deal haalde vóór de deadline geen {count} plaatsen.",
  "meta.deal.cancelled": "Deze deal is geannuleerd door de initiatiefnemer.",
  "meta.deal.grace": "De deadline is verstreken boven de zachte drempel; de initiatiefnemer beslist of de deal doorgaat. {price} per plaats.",
};
