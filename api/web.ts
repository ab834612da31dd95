// The web app's HTML for every non-API GET: the built index.html (the SPA shell) with the page's
// <title>, description, Open Graph and Twitter card tags, and <html lang>, rendered on the
// server. Link previews (WhatsApp, LinkedIn, Facebook) come from crawlers that run no
// JavaScript, so a deal's preview has to be in the HTML itself. Addresses the app does not know,
// and unknown deals, still get the shell (the app shows its not-found state) with a 404 status.
import type { Context, Handler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "./http/env.ts";
import { AppError } from "./errors.ts";
import { getDeal } from "./deals/deal-reads.ts";
import type { DealJson } from "./contract/schemas.ts";
import { INTL_TAGS, LANG_COOKIE, negotiateLanguage, type Lang } from "./contract/lang.ts";
import { escapeHtml, fillTemplate, formatMoney } from "./contract/format.ts";
import { formatDayRange } from "./contract/day-range.ts";
import type { Catalogue, MessageKey } from "./contract/i18n/keys.ts";
import { en } from "./contract/i18n/en.ts";
import { nl } from "./contract/i18n/nl.ts";
import { de } from "./contract/i18n/de.ts";
import { IMAGE_HEIGHT, IMAGE_WIDTH, dealImageAlt, dealImageUrl } from "./share/deal-image.ts";

const catalogues: Record<Lang, Catalogue> = { en, nl, de };
const ogLocales: Record<Lang, string> = { en: "en_GB", nl: "nl_NL", de: "de_DE" };


/** The pages of the app (web/src/App.tsx), with the catalogue key of each one's title. */
const PAGES: { pattern: RegExp; title: MessageKey | null; devOnly?: boolean }[] = [
  { pattern: /^\/$/, title: null },
  { pattern: /^\/deals\/new$/, title: "propose.title" },
  { pattern: /^\/sign-in$/, title: "signIn.title" },
  { pattern: /^\/auth\/callback$/, title: "callback.title" },
  { pattern: /^\/me$/, title: "me.title" },
  { pattern: /^\/admin$/, title: "admin.title" },
  { pattern: /^\/dev\/mailbox$/, title: "mailbox.title", devOnly: true },
  // co-creation and trust: public profiles
  { pattern: /^\/users\/[0-9a-z]{16}$/, title: "profile.title" },
  // the first join: what everyone agrees to
  { pattern: /^\/terms$/, title: "terms.title" },
  // safe by default: what is kept, why and how long
  { pattern: /^\/privacy$/, title: "privacy.title" },
  // paying at the tip: the development checkout
  { pattern: /^\/dev\/checkout\/[0-9a-z]{16}$/, title: "devpay.notice", devOnly: true },
];
const DEAL_PAGE = /^\/deals\/([^/]+)(\/manage)?$/;

/** Where and when, for a trip: "Lisbon, 12–16 May 2027." (empty when the deal names neither). */
function whereAndWhen(deal: DealJson, lang: Lang): string {
  const dates = deal.departsOn ? formatDayRange(deal.departsOn, deal.returnsOn, lang) : null;
  const parts = [deal.destination, dates].filter((p): p is string => !!p);
  return parts.length ? `${parts.join(", ")}. ` : "";
}

/**
 * The preview text of a deal, in the language it was proposed in (a Dutch deal shared in a Dutch
 * group previews in Dutch, whatever the crawler asks for): where and when, its state and numbers
 * in a sentence, then its own description.
 */
function dealSummary(deal: DealJson): string {
  const lang = deal.lang;
  const m = catalogues[lang];
  const vars = {
    price: formatMoney(deal.pricePerSeatCents, deal.currency, lang),
    committed: deal.seatsCommitted,
    deadline: new Intl.DateTimeFormat(INTL_TAGS[lang], { dateStyle: "long", timeZone: "UTC" }).format(new Date(deal.deadline)),
  };
  const rule = new Intl.PluralRules(lang).select(deal.threshold) === "one" ? "one" : "other";
  const key: MessageKey =
    deal.status === "open" || deal.status === "failed" ? `meta.deal.${deal.status}.${rule}` : `meta.deal.${deal.status}`;
  const state = whereAndWhen(deal, lang) + fillTemplate(m[key], { ...vars, count: deal.threshold });
  const about = deal.description.replace(/\s+/g, " ").trim();
  const text = about ? `${state} ${about}` : state;
  return text.length > 280 ? `${text.slice(0, 279).trimEnd()}…` : text;
}

interface Head {
  title: string;
  description: string;
  url: string;
  /** A deal page: Open Graph and Twitter card tags too. */
  card: boolean;
  noindex: boolean;
  /** The card's picture (a deal's, from api/share), shown large in link previews. */
  image?: { url: string; alt: string };
  /** The operator's address (CONTACT_EMAIL), for the app's footer to link to. */
  contact?: string;
  /** The card's language, when it is not the page's: a deal's preview speaks the deal's. */
  cardLang?: Lang;
}

/** The shell with this page's head and language. Every value is escaped. */
export function renderShell(template: string, lang: Lang, head: Head): string {
  const tags = [
    `<title>${escapeHtml(head.title)}</title>`,
    `<meta name="description" content="${escapeHtml(head.description)}" />`,
    `<link rel="canonical" href="${escapeHtml(head.url)}" />`,
  ];
  if (head.card) {
    tags.push(
      `<meta property="og:type" content="website" />`,
      `<meta property="og:site_name" content="Quorum" />`,
      `<meta property="og:title" content="${escapeHtml(head.title)}" />`,
      `<meta property="og:description" content="${escapeHtml(head.description)}" />`,
      `<meta property="og:url" content="${escapeHtml(head.url)}" />`,
      `<meta property="og:locale" content="${ogLocales[head.cardLang ?? lang]}" />`,
      ...(head.image
        ? [
            `<meta property="og:image" content="${escapeHtml(head.image.url)}" />`,
            `<meta property="og:image:type" content="image/png" />`,
            `<meta property="og:image:width" content="${IMAGE_WIDTH}" />`,
            `<meta property="og:image:height" content="${IMAGE_HEIGHT}" />`,
            `<meta property="og:image:alt" content="${escapeHtml(head.image.alt)}" />`,
          ]
        : []),
      `<meta name="twitter:card" content="${head.image ? "summary_large_image" : "summary"}" />`,
      `<meta name="twitter:title" content="${escapeHtml(head.title)}" />`,
      `<meta name="twitter:description" content="${escapeHtml(head.description)}" />`,
    );
  }
  if (head.noindex) tags.push(`<meta name="robots" content="noindex" />`);
  if (head.contact) tags.push(`<meta name="quorum-contact" content="${escapeHtml(head.contact)}" />`);
  const block = tags.join("\n    ");
  let html = template
    .replace(/<html\b[^>]*>/i, `<html lang="${lang}">`)
    .replace(/<title>[\s\S]*?<\/title>\s*/i, "")
    .replace(/<meta\s+name="description"[^>]*>\s*/i, "");
  // A function replacement: `$` in a title must not be read as a replacement pattern.
  html = html.includes("<!--quorum:head-->")
    ? html.replace("<!--quorum:head-->", () => block)
    : html.replace(/<\/head>/i, () => `    ${block}\n  </head>`);
  return html;
}

/**
 * The handler for every non-API GET. `loadShell` gives the built index.html: from web/dist on
 * Node, from the static assets on Workers.
 */
export function webPages(loadShell: (c: Context<AppEnv>) => Promise<string>): Handler<AppEnv> {
  return async (c) => {
    const deps = c.get("deps");
    const lang = negotiateLanguage(getCookie(c, LANG_COOKIE), c.req.header("accept-language"));
    const m = catalogues[lang];
    const path = c.req.path.length > 1 ? c.req.path.replace(/\/+$/, "") : c.req.path;
    const url = `${deps.config.appUrl}${path}`;
    const pageTitle = (name: string) => fillTemplate(m["meta.page"], { page: name });
    let head: Head = { title: "Quorum", description: m["meta.siteDescription"], url, card: false, noindex: false };
    let status: 200 | 404 = 200;

    const page = PAGES.find((p) => p.pattern.test(path) && (!p.devOnly || deps.config.devMode));
    const dealMatch = DEAL_PAGE.exec(path);
    if (page) {
      head = { ...head, title: page.title ? pageTitle(m[page.title]) : "Quorum", card: page.title === null };
    } else if (dealMatch && dealMatch[1] !== "new") {
      const manage = !!dealMatch[2];
      try {
        const deal = await getDeal(deps, { dealId: dealMatch[1]!, viewerId: null });
        head = manage
          ? { ...head, title: pageTitle(`${m["manage.title"]}: ${deal.title}`), noindex: true }
          : {
              title: pageTitle(deal.title),
              description: dealSummary(deal),
              url: `${deps.config.appUrl}/deals/${deal.id}`,
              card: true,
              // An unlisted deal is for those who have its link: search engines are asked to skip it.
              noindex: deal.visibility === "unlisted",
              image: { url: dealImageUrl(deps.config.appUrl, deal, deal.lang), alt: dealImageAlt(deal, deal.lang) },
              cardLang: deal.lang,
            };
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 404) {
          // The page still works without its preview; the app reads the deal itself.
          deps.log.warn("could not read a deal for its page head", { path, error: String(e) });
        } else {
          status = 404;
          head = { ...head, title: pageTitle(m["deal.notFound.title"]), noindex: true };
        }
      }
    } else {
      status = 404;
      head = { ...head, title: pageTitle(m["notFound.title"]), noindex: true };
    }

    head.contact = deps.config.contactEmail;
    c.header("Cache-Control", "no-cache");
    c.header("Vary", "Accept-Language, Cookie");
    c.header("Content-Language", lang);
    return c.html(renderShell(await loadShell(c), lang, head), status);
  };
}
