// Nederlands. Same keys as en.ts, in the same parts.
import type { Catalogue } from "./keys.ts";
import { nlFirst } from "./nl/first.ts";
import { nlMore } from "./nl/more.ts";
import { nlPrivacy } from "./nl/privacy.ts";
import { nlErrors } from "./nl/errors.ts";
import { nlAdmin } from "./nl/admin.ts";
import { nlDev } from "./nl/dev.ts";
import { nlMe } from "./nl/me.ts";
import { nlPropose } from "./nl/propose.ts";
import { nlManage } from "./nl/manage.ts";
import { nlDeal } from "./nl/deal.ts";
import { nlMeta } from "./nl/meta.ts";

export const nl: Catalogue = { ...nlFirst, ...nlMore, ...nlPrivacy, ...nlErrors, ...nlAdmin, ...nlDev, ...nlMe, ...nlPropose, ...nlManage, ...nlDeal, ...nlMeta };
