// Deutsch. Same keys as en.ts, in the same two parts.
import type { Catalogue } from "./keys.ts";
import { deFirst } from "./de/first.ts";
import { deMore } from "./de/more.ts";

export const de: Catalogue = { ...deFirst, ...deMore };
