// The interface language: its message catalogue, loaded on demand in parts (the first part is
// all the shell, the home page and the deal page say to a visitor from a shared link; the pages
// that say more load the second part; the /privacy page, the API's error messages, a few areas'
// pages and the rest of the deal page have parts of their own), and
// t() to read a message. Dates and numbers use Intl (format.ts).
import { createSignal } from "solid-js";
import type { Catalogue, MessageKey } from "../../../api/contract/i18n/keys.ts";
import { fillTemplate as fill } from "../../../api/contract/format.ts";
import { DEFAULT_LANG, isLang, LANG_COOKIE, pickFromTags, type Lang } from "../../../api/contract/lang.ts";

export type { Lang } from "../../../api/contract/lang.ts";
export type { MessageKey } from "../../../api/contract/i18n/keys.ts";

type Part = "first" | "more" | "privacy" | "errors" | "admin" | "dev" | "me" | "propose" | "manage" | "deal";
type Messages = Partial<Catalogue>;

/** A catalogue part's module exports its messages alone. */
const only = (m: Record<string, Messages>): Messages => Object.values(m)[0]!;

const loaders: Record<Lang, Record<Part, () => Promise<Messages>>> = {
  en: {
    first: () => import("../../../api/contract/i18n/en/first.ts").then(only),
    more: () => import("../../../api/contract/i18n/en/more.ts").then(only),
    privacy: () => import("../../../api/contract/i18n/en/privacy.ts").then(only),
    errors: () => import("../../../api/contract/i18n/en/errors.ts").then(only),
    admin: () => import("../../../api/contract/i18n/en/admin.ts").then(only),
    dev: () => import("../../../api/contract/i18n/en/dev.ts").then(only),
    me: () => import("../../../api/contract/i18n/en/me.ts").then(only),
    propose: () => import("../../../api/contract/i18n/en/propose.ts").then(only),
    manage: () => import("../../../api/contract/i18n/en/manage.ts").then(only),
    deal: () => import("../../../api/contract/i18n/en/deal.ts").then(only),
  },
  nl: {
    first: () => import("../../../api/contract/i18n/nl/first.ts").then(only),
    more: () => import("../../../api/contract/i18n/nl/more.ts").then(only),
    privacy: () => import("../../../api/contract/i18n/nl/privacy.ts").then(only),
    errors: () => import("../../../api/contract/i18n/nl/errors.ts").then(only),
    admin: () => import("../../../api/contract/i18n/nl/admin.ts").then(only),
    dev: () => import("../../../api/contract/i18n/nl/dev.ts").then(only),
    me: () => import("../../../api/contract/i18n/nl/me.ts").then(only),
    propose: () => import("../../../api/contract/i18n/nl/propose.ts").then(only),
    manage: () => import("../../../api/contract/i18n/nl/manage.ts").then(only),
    deal: () => import("../../../api/contract/i18n/nl/deal.ts").then(only),
  },
  de: {
    first: () => import("../../../api/contract/i18n/de/first.ts").then(only),
    more: () => import("../../../api/contract/i18n/de/more.ts").then(only),
    privacy: () => import("../../../api/contract/i18n/de/privacy.ts").then(only),
    errors: () => import("../../../api/contract/i18n/de/errors.ts").then(only),
    admin: () => import("../../../api/contract/i18n/de/admin.ts").then(only),
    dev: () => import("../../../api/contract/i18n/de/dev.ts").then(only),
    me: () => import("../../../api/contract/i18n/de/me.ts").then(only),
    propose: () => import("../../../api/contract/i18n/de/propose.ts").then(only),
    manage: () => import("../../../api/contract/i18n/de/manage.ts").then(only),
    deal: () => import("../../../api/contract/i18n/de/deal.ts").then(only),
  },
};

interface Loaded {
  lang: Lang;
  parts: Part[];
  messages: Messages;
}

const [loaded, setLoaded] = createSignal<Loaded | null>(null);

export const lang = (): Lang => loaded()?.lang ?? DEFAULT_LANG;

/** Loads a language (the parts the open pages need) and makes it current; `<html lang>` follows. */
export async function loadLanguage(next: Lang): Promise<void> {
  const parts = loaded()?.parts ?? ["first"];
  const messages = await Promise.all(parts.map((part) => loaders[next][part]()));
  setLoaded({ lang: next, parts, messages: Object.assign({}, ...messages) });
  if (typeof document !== "undefined") document.documentElement.lang = next;
}

/** Loads a further part of the current language's messages, for a page that says it. */
async function loadPart(part: Exclude<Part, "first">): Promise<void> {
  const current = loaded();
  if (!current || current.parts.includes(part)) return;
  const messages = await loaders[current.lang][part]();
  const now = loaded()!;
  // Switched to another language meanwhile: load that one's part instead.
  if (now.lang !== current.lang) return loadPart(part);
  if (!now.parts.includes(part)) setLoaded({ ...now, parts: [...now.parts, part], messages: { ...now.messages, ...messages } });
}

/** Loads the rest of the current language's messages, for a page that says more than the first part. */
export const loadMoreMessages = (): Promise<void> => loadPart("more");

/** Loads what the /privacy page says. */
export const loadPrivacyMessages = (): Promise<void> => loadPart("privacy");

/** Loads the words of one area's pages (admin, dev, me, propose, manage), beside the second part. */
export const loadAreaMessages = (area: "admin" | "dev" | "me" | "propose" | "manage"): Promise<void> => loadPart(area);

/** Loads the deal page's words beyond the first part: the second part and the deal page's own. */
export const loadDealMessages = (): Promise<void> => Promise.all([loadPart("more"), loadPart("deal")]).then(() => undefined);

/** Loads the API's error messages, the first time a page has an error to show (errors.ts). */
export const loadErrorMessages = (): Promise<void> => loadPart("errors");

/** For tests: install a whole catalogue directly. */
export function useCatalogue(next: Lang, messages: Catalogue): void {
  setLoaded({ lang: next, parts: ["first", "more", "privacy"], messages });
}

type Vars = Record<string, string | number>;

/** A message in the current language, with {placeholders} filled in. */
export function t(key: MessageKey, vars?: Vars): string {
  const message = loaded()?.messages[key];
  return message === undefined ? "" : fill(message, vars);
}

type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

/** A counted message: `${base}.one` or `${base}.other`, by the language's plural rules; {count} is filled. */
export function tp(base: PluralBase, count: number, vars?: Vars): string {
  const rule = new Intl.PluralRules(lang()).select(count) === "one" ? "one" : "other";
  return t(`${base}.${rule}` as MessageKey, { count: formatNumber(count), ...vars });
}

/** True when the key names a message; for keys built at run time (error codes, statuses). */
export function hasMessage(key: string): key is MessageKey {
  const messages = loaded()?.messages;
  return !!messages && Object.hasOwn(messages, key);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(lang()).format(n);
}

// ---- the remembered choice

function readCookie(name: string): string | null {
  if (typeof document === "undefined") return null;
  for (const part of document.cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

function storedChoice(): Lang | null {
  try {
    const saved = localStorage.getItem(LANG_COOKIE);
    if (isLang(saved)) return saved;
  } catch {
    // Storage can be unavailable (privacy modes); the cookie still remembers.
  }
  const cookie = readCookie(LANG_COOKIE);
  return isLang(cookie) ? cookie : null;
}

/** The language to start in: the remembered choice, else the browser's languages, else English. */
export function initialLanguage(): Lang {
  const nav = typeof navigator === "undefined" ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
  return storedChoice() ?? pickFromTags(nav) ?? DEFAULT_LANG;
}

/** Remembers a choice in localStorage and in a cookie, so the server renders the same <html lang>. */
export function rememberLanguage(next: Lang): void {
  try {
    localStorage.setItem(LANG_COOKIE, next);
  } catch {
    // See storedChoice.
  }
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${LANG_COOKIE}=${next}; Path=/; Max-Age=${365 * 24 * 3600}; SameSite=Lax${secure}`;
}
