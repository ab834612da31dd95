// The shape every catalogue has: the English catalogue's keys, each a string.
import type { en } from "./en.ts";

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
