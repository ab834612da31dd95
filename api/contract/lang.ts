// The languages Quorum speaks, and which one to use. Pure, so the server (for <html lang> and link previews) and
// the browser choose the same way: a remembered choice first, then the browser's languages.
export const LANGUAGES = ["en", "nl", "de"] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = "en";
/** The BCP 47 tag each language formats numbers, money, dates and plurals with. */
export const INTL_TAGS: Record<Lang, string> = { en: "en-GB", nl: "nl-NL", de: "de-DE" };
/** The cookie (and localStorage key) that remembers the switcher's choice. */
export const LANG_COOKIE = "quorum_lang";

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The first supported language in a list of BCP 47 tags ("nl-BE", "de", "en-US"), in order. */
export function pickFromTags(tags: readonly string[]): Lang | null {
  for (const tag of tags) {
    const base = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLang(base)) return base;
  }
  return null;
}

/** Parses an Accept-Language header into tags, most preferred first (q=0 means "not this"). */
export function acceptLanguageTags(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((t) => t.tag && t.tag !== "*" && t.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((t) => t.tag);
}

/** The server's choice: the remembered cookie, else Accept-Language, else English. */
export function negotiateLanguage(cookieValue: string | null | undefined, acceptLanguage: string | null | undefined): Lang {
  if (isLang(cookieValue)) return cookieValue;
  return pickFromTags(acceptLanguageTags(acceptLanguage)) ?? DEFAULT_LANG;
}
