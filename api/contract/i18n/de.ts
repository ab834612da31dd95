// Deutsch. Same keys as en.ts, in the same parts.
import type { Catalogue } from "./keys.ts";
import { deFirst } from "./de/first.ts";
import { deMore } from "./de/more.ts";
import { dePrivacy } from "./de/privacy.ts";

export const de: Catalogue = { ...deFirst, ...deMore, ...dePrivacy };
