// English: the reference catalogue, in parts (en/first.ts, en/more.ts, en/privacy.ts for the
// /privacy page, en/errors.ts for the API's error codes) so that the web app loads only what a page says. Its keys define every message; nl.ts and de.ts must have the same
// keys (the type checker and tests/web/i18n.test.ts both check). Counted messages come in
// `.one` / `.other` pairs. The server also reads the `meta.*` messages for link previews.
import { enFirst } from "./en/first.ts";
import { enMore } from "./en/more.ts";
import { enPrivacy } from "./en/privacy.ts";
import { enErrors } from "./en/errors.ts";
import { enAdmin } from "./en/admin.ts";
import { enDev } from "./en/dev.ts";
import { enMe } from "./en/me.ts";
import { enPropose } from "./en/propose.ts";
import { enManage } from "./en/manage.ts";

export const en = { ...enFirst, ...enMore, ...enPrivacy, ...enErrors, ...enAdmin, ...enDev, ...enMe, ...enPropose, ...enManage };
