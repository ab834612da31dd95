// A deal's link-preview picture (api/share): a 1200×630 PNG in the viewer's language that shows
// the deal's state, drawn without failing whatever the title holds, served with an ETag that
// follows the deal, and named by the deal page's Open Graph tags.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { dealImageRenderer, dealImageTree, titleFit, type DealImageFields } from "../../api/share/deal-image.ts";
import { FONT_SUBSETS, SUBSET_RANGES, drawable, type ImageNode } from "../../api/share/png.ts";
import { loadImageAssets } from "../../api/share/image-assets.node.ts";
import type { Lang } from "../../api/contract/lang.ts";
import { decodePng } from "./read-png.ts";

/** Every piece of text in an element tree, in order. */
const texts = (node: ImageNode | string): string[] =>
  typeof node === "string" ? [node] : [node.props.children ?? []].flat().flatMap((child) => texts(child));

const deal = (over: Partial<DealImageFields> = {}): DealImageFields => ({
  id: "k3v9x0q2m1z8a7b6",
  kind: "trip",
  title: "Charter to Lisbon",
  destination: "Lisbon",
  departsOn: "2027-05-12",
  returnsOn: "2027-05-16",
  pricePerSeatCents: 29500,
  currency: "EUR",
  threshold: 99,
  capacity: 180,
  seatsCommitted: 37,
  deadline: "2027-03-01T12:00:00.000Z",
  status: "open",
  ...over,
});

const render = dealImageRenderer(loadImageAssets);
const LANGS: Lang[] = ["en", "nl", "de"];
/** The band across the top says the state: the web app's primary, success, danger and neutral. */
const BAND = { open: "#1f4f8a", confirmed: "#1b6b3a", failed: "#a3262c", cancelled: "#6b7383" } as const;

describe("the picture", () => {
  it("is a 1200×630 PNG in every language and state, its band in the state's colour", async () => {
    for (const lang of LANGS) {
      for (const status of ["open", "confirmed", "failed", "cancelled"] as const) {
        const png = decodePng(await render(deal({ status, title: "Zeilweekend op het IJsselmeer, één keer" }), lang));
        expect([png.width, png.height], `${lang} ${status}`).toEqual([1200, 630]);
        expect(png.pixel(600, 6), `${lang} ${status}`).toBe(BAND[status]);
        expect(png.pixel(600, 40), `${lang} ${status}: the white card`).toBe("#ffffff");
      }
    }
  });

  it("says the price, the progress, the threshold, the capacity, the deadline and the trip in the viewer's language", () => {
    const english = texts(dealImageTree(deal(), "en"));
    expect(english).toEqual(
      expect.arrayContaining([
        "Quorum",
        "Trip",
        "Charter to Lisbon",
        "€295.00",
        " a seat",
        "37 of 99 seats committed",
        "Goes ahead at 99 · Capacity: 180 seats",
        "Join before 1 March 2027",
      ]),
    );
    expect(english.find((t) => t.startsWith("Lisbon · "))).toMatch(/^Lisbon · 12\s?–\s?16 May 2027$/);

    const dutch = texts(dealImageTree(deal({ status: "confirmed", seatsCommitted: 120 }), "nl"));
    expect(dutch).toEqual(expect.arrayContaining(["Het gaat door", " per plaats", "120 van 99 plaatsen toegezegd", "Doe mee vóór 1 maart 2027"]));
    expect(dutch).toContainEqual(expect.stringMatching(/^€\s295,00$/));
    expect(dutch).not.toContain("Trip");

    const german = texts(
      dealImageTree(deal({ status: "failed", kind: "deal", capacity: null, threshold: 1000, seatsCommitted: 1, destination: null, departsOn: null, returnsOn: null, pricePerSeatCents: 1850 }), "de"),
    );
    expect(german).toEqual(expect.arrayContaining(["Findet nicht statt", " pro Platz", "1 von 1.000 Plätzen zugesagt", "Findet statt ab 1.000", "Frist: 1. März 2027"]));
    expect(german).toContainEqual(expect.stringMatching(/^18,50\s€$/));
    expect(german.some((t) => t.includes("Höchstens")), "no capacity, no capacity line").toBe(false);

    expect(texts(dealImageTree(deal({ status: "cancelled" }), "en"))).toContain("Cancelled");
  });

  it("draws hostile titles without failing, leaving out what its fonts cannot draw", async () => {
    const titles = [
      `<script>alert(1)</script>"><img src=x onerror=alert(2)>`,
      "x".repeat(5000),
      `${"Lissabon ".repeat(200)}`,
      "שלום עולם مرحبا بالعالم 🎉🚀👩‍👩‍👧 Lisbon",
      "🎉🎉🎉",
      "Z̷̢̛a̶̟l̸̗g̵̼o\u0000\u202e\u200b tekst",
      " \t\n ",
    ];
    for (const title of titles) {
      for (const status of ["open", "confirmed"] as const) {
        const png = decodePng(await render(deal({ title, status, destination: title }), "en"));
        expect([png.width, png.height], title.slice(0, 40)).toEqual([1200, 630]);
      }
    }
    // Accents and the other European alphabets stay; other scripts and emoji go, and their gaps.
    const european = "IJsselmeer ĳsjes één Straße Łódź Şişli Ελλάδα Київ Hà Nội";
    expect(drawable(european)).toBe(european);
    expect(drawable("שלום 🎉 Lisbon مرحبا  🚀")).toBe("Lisbon");
    // The covered ranges are the installed fonts' own.
    const installed = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@fontsource/inter/unicode.json"), "utf8"));
    for (const subset of FONT_SUBSETS) expect(SUBSET_RANGES[subset], subset).toBe(installed[subset]);
    // A title with nothing drawable shows the deal's kind instead of nothing.
    expect(texts(dealImageTree(deal({ title: "🎉🎉🎉" }), "de"))).toContain("Reise");
  });

  it("never gives the title more lines than there is room for", () => {
    for (const withTrip of [false, true]) {
      for (let length = 1; length <= 400; length += 7) {
        const { size, lines } = titleFit("x".repeat(length), withTrip);
        expect(lines * size * 1.15, `${length} characters`).toBeLessThanOrEqual(withTrip ? 196 : 248);
        expect(lines, `${length} characters`).toBeGreaterThanOrEqual(2);
      }
    }
  });
});

describe("GET /api/deals/:id/image.png", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(() => app.close());

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await app.request(path, { headers });
    return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
  };

  it("answers a PNG with an ETag and public caching, and 304 to a matching If-None-Match", async () => {
    const { deal } = await app.createDeal({ threshold: 5 });
    const path = `/api/deals/${deal.id}/image.png?lang=en`;
    const first = await get(path);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/png");
    expect(first.headers.get("cache-control")).toBe("public, max-age=300");
    const png = decodePng(first.body);
    expect([png.width, png.height]).toEqual([1200, 630]);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{24}"$/);

    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const again = await get(path, { "if-none-match": ifNoneMatch });
      expect(again.status, ifNoneMatch).toBe(304);
      expect(again.body.length, ifNoneMatch).toBe(0);
      expect(again.headers.get("etag")).toBe(etag);
    }
    expect((await get(path, { "if-none-match": '"other"' })).status).toBe(200);
    // The same picture again, from memory.
    expect(Buffer.from((await get(path)).body).equals(Buffer.from(first.body))).toBe(true);
  });

  it("changes when a join changes the count, and when the deal is confirmed", async () => {
    const { deal } = await app.createDeal({ threshold: 2 });
    const path = `/api/deals/${deal.id}/image.png?lang=nl`;
    const before = (await get(path)).headers.get("etag")!;
    expect((await app.join(await app.createUser(), deal.id, 1)).status).toBe(201);
    const joined = await get(path, { "if-none-match": before });
    expect(joined.status).toBe(200);
    const after = joined.headers.get("etag")!;
    expect(after).not.toBe(before);
    expect(decodePng(joined.body).pixel(600, 6)).toBe(BAND.open);

    expect((await app.join(await app.createUser(), deal.id, 1)).status).toBe(201);
    const confirmed = await get(path, { "if-none-match": after });
    expect(confirmed.status).toBe(200);
    expect(decodePng(confirmed.body).pixel(600, 6)).toBe(BAND.confirmed);
  });

  it("is in the language asked for, else the cookie's or the browser's", async () => {
    const { deal } = await app.createDeal();
    const base = `/api/deals/${deal.id}/image.png`;
    const etags = await Promise.all(LANGS.map(async (lang) => (await get(`${base}?lang=${lang}`)).headers.get("etag")));
    expect(new Set(etags).size).toBe(3);
    const negotiated = await get(base, { "accept-language": "nl-BE,nl;q=0.9" });
    expect(negotiated.headers.get("etag")).toBe(etags[1]);
    expect(negotiated.headers.get("vary")).toBe("Accept-Language, Cookie");
    expect((await get(base, { cookie: "quorum_lang=de", "accept-language": "nl" })).headers.get("etag")).toBe(etags[2]);
    expect((await get(`${base}?lang=fr`)).status).toBe(400);
  });

  it("answers 404 like the deal itself for an unknown or malformed id", async () => {
    for (const id of ["zzzzzzzzzzzzzzzz", "not-an-id", "%3Cscript%3E"]) {
      const res = await app.api("GET", `/api/deals/${id}/image.png`);
      expect(res.status, id).toBe(404);
      expect(res.json.error.code, id).toBe((await app.api("GET", `/api/deals/${id}`)).json.error.code);
    }
  });

  it("is what the deal page's Open Graph and Twitter tags point to", async () => {
    // Proposed in German: the preview speaks the deal's language, whatever the crawler asks for.
    const proposed = await app.api("POST", "/api/deals", { as: await app.createUser(), body: app.dealInput({ threshold: 7 }), headers: { "accept-language": "de" } });
    const deal = proposed.json.deal;
    const html = await (await app.request(`/deals/${deal.id}`, { headers: { "accept-language": "en" } })).text();
    const meta = (key: string) => new RegExp(`<meta (?:name|property)="${key}" content="([^"]*)"`).exec(html)?.[1]?.replaceAll("&amp;", "&");
    const url = new URL(meta("og:image")!);
    expect(url.origin).toBe("http://localhost:3000");
    expect(url.pathname).toBe(`/api/deals/${deal.id}/image.png`);
    expect(url.searchParams.get("lang")).toBe("de");
    expect(meta("og:image:width")).toBe("1200");
    expect(meta("og:image:height")).toBe("630");
    expect(meta("og:image:alt")).toContain("0 von 7 Plätzen zugesagt");
    expect(meta("twitter:card")).toBe("summary_large_image");

    const picture = await get(url.pathname + url.search);
    expect(picture.status).toBe(200);
    expect(picture.headers.get("content-type")).toBe("image/png");
    // Each count has its own address, so previews that cache by address fetch it afresh.
    expect((await app.join(await app.createUser(), deal.id, 1)).status).toBe(201);
    const later = await (await app.request(`/deals/${deal.id}`, { headers: { "accept-language": "de" } })).text();
    expect(later).not.toContain(meta("og:image")!.replaceAll("&", "&amp;"));
  });
});
