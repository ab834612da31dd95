// The one table of each formatting kind, shared by the web app, the server's page heads and the
// emails: money in a currency's minor units, HTML escaping, and filling a {name} template.
import { INTL_TAGS, type Lang } from "./lang.ts";

/** The number of minor units in a currency (EUR 2, JPY 0); 2 for a code Intl does not know. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** A price in minor units ("cents"), in its currency, written the way `lang` writes money. */
export function formatMoney(cents: number, currency: string, lang: Lang): string {
  const amount = cents / 10 ** currencyDigits(currency);
  try {
    return new Intl.NumberFormat(INTL_TAGS[lang], { style: "currency", currency }).format(amount);
  } catch {
    return `${currency} ${amount.toFixed(2)}`;
  }
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML content and quoted attribute values. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]!);

/** Replaces each {name} in a template with vars[name]; unknown names stay as they are. */
export function fillTemplate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
