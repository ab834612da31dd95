// Nederlands. Same keys as en.ts, in the same two parts.
import type { Catalogue } from "./keys.ts";
import { nlFirst } from "./nl/first.ts";
import { nlMore } from "./nl/more.ts";

export const nl: Catalogue = { ...nlFirst, ...nlMore };
