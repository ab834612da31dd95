// English: the reference catalogue, in parts so that the web app loads only what a page says:
// en/first.ts (the shell, the home page and the deal page as a visitor from a shared link sees
// it), en/more.ts (the second part, for the pages that say more), en/deal.ts (the rest of the deal
// page: a signed-in visitor's parts and its rarer states), en/privacy.ts for the /privacy page,
// en/errors.ts for the API's error codes, a part for each area's pages, and en/meta.ts for the
// server's link previews alone. Its keys define every message; nl.ts and de.ts must have the same
// keys (the type checker and tests/web/i18n.test.ts both check). Counted messages come in
// `.one` / `.other` pairs.
import { enFirst } from "./en/first.ts";
import { enMore } from "./en/more.ts";
import { enPrivacy } from "./en/privacy.ts";
import { enErrors } from "./en/errors.ts";
import { enAdmin } from "./en/admin.ts";
import { enDev } from "./en/dev.ts";
import { enMe } from "./en/me.ts";
import { enPropose } from "./en/propose.ts";
import { enManage } from "./en/manage.ts";
import { enDeal } from "./en/deal.ts";
import { enMeta } from "./en/meta.ts";

export const en = { ...enFirst, ...enMore, ...enPrivacy, ...enErrors, ...enAdmin, ...enDev, ...enMe, ...enPropose, ...enManage, ...enDeal, ...enMeta };
