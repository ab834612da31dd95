// GET /api/deals/:id/image.png: a deal's link-preview picture. Crawlers fetch it once per share,
// so it is cached by what it shows: an ETag over the drawn fields, a few dozen rendered pictures
// in memory (per process on Node, per isolate on Workers), and public caching for five minutes.
import { getCookie } from "hono/cookie";
import { z } from "zod";
import { errorsFor, router, routesTagged } from "../http/openapi.ts";
import { DealIdParam } from "../contract/schemas.ts";
import { LANGUAGES, LANG_COOKIE, negotiateLanguage } from "../contract/lang.ts";
import { getDeal } from "../deals/deal-reads.ts";
import { dealImageEtag, dealImageRenderer } from "./deal-image.ts";
import type { ImageAssets, Png } from "./png.ts";

const CACHED_PICTURES = 48;

const image = routesTagged("deals")("get", "/deals/{id}/image.png", "The deal's link-preview picture (Open Graph): a 1200×630 PNG", {
  request: {
    params: DealIdParam,
    query: z.object({
      lang: z.enum(LANGUAGES).optional().meta({ description: "Without it: the language cookie, else Accept-Language" }),
      v: z.string().max(64).optional().meta({ description: "Ignored; the page changes it with the deal, so link previews fetch afresh" }),
    }),
  },
  responses: {
    200: { description: "The picture", content: { "image/png": { schema: z.string().meta({ format: "binary" }) } } },
    304: { description: "Not modified: the If-None-Match ETag is still the picture's" },
    ...errorsFor(400, 404),
  },
});

/** Whether an If-None-Match header names this ETag (weakly compared, as RFC 9110 asks). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}

/** The most recently used entries, by key; an entry still being made is shared by every asker. */
function recentlyUsed<V>(max: number) {
  const entries = new Map<string, V>();
  return {
    get(key: string, make: () => V): V {
      const found = entries.get(key);
      const value = found ?? make();
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > max) entries.delete(entries.keys().next().value!);
      return value;
    },
    /** Forgets the entry, unless another has taken its place. */
    forget(key: string, value: V) {
      if (entries.get(key) === value) entries.delete(key);
    },
  };
}

export function dealImageRoutes(assets: () => Promise<ImageAssets>) {
  const render = dealImageRenderer(assets);
  const pictures = recentlyUsed<Promise<Png>>(CACHED_PICTURES);

  return router().openapi(image, async (c) => {
    const query = c.req.valid("query");
    const lang = query.lang ?? negotiateLanguage(getCookie(c, LANG_COOKIE), c.req.header("accept-language"));
    // The picture is the public view of the deal: nothing in it depends on who asks.
    const deal = await getDeal(c.get("deps"), { dealId: c.req.valid("param").id, viewerId: null });
    const etag = await dealImageEtag(deal, lang);
    c.header("ETag", etag);
    c.header("Cache-Control", "public, max-age=300");
    if (!query.lang) c.header("Vary", "Accept-Language, Cookie");
    if (matches(c.req.header("if-none-match"), etag)) return c.body(null, 304);

    const png = pictures.get(etag, () => {
      const made = render(deal, lang);
      made.catch(() => pictures.forget(etag, made));
      return made;
    });
    return c.body(await png, 200, { "Content-Type": "image/png" });
  });
}
