// Deutsch. Same keys as en.ts, in the same parts.
import type { Catalogue } from "./keys.ts";
import { deFirst } from "./de/first.ts";
import { deMore } from "./de/more.ts";
import { dePrivacy } from "./de/privacy.ts";
import { deErrors } from "./de/errors.ts";
import { deAdmin } from "./de/admin.ts";
import { deDev } from "./de/dev.ts";
import { deMe } from "./de/me.ts";
import { dePropose } from "./de/propose.ts";
import { deManage } from "./de/manage.ts";
import { deDeal } from "./de/deal.ts";
import { deMeta } from "./de/meta.ts";

export const de: Catalogue = { ...deFirst, ...deMore, ...dePrivacy, ...deErrors, ...deAdmin, ...deDev, ...deMe, ...dePropose, ...deManage, ...deDeal, ...deMeta };
