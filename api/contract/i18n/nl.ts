// Nederlands. Same keys as en.ts, in the same parts.
import type { Catalogue } from "./keys.ts";
import { nlFirst } from "./nl/first.ts";
import { nlMore } from "./nl/more.ts";
import { nlPrivacy } from "./nl/privacy.ts";

export const nl: Catalogue = { ...nlFirst, ...nlMore, ...nlPrivacy };
