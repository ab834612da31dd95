// The server-rendered HTML of the web app: link previews for deal pages (title, description, Open
// Graph and Twitter card), <html lang> from the remembered cookie or Accept-Language, escaping,
// and 404s that still carry the app shell.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { renderShell } from "../../api/web.ts";

const unescape = (s: string) =>
  s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e]!);

/** A meta tag's content, unescaped. */
const meta = (html: string, attr: "name" | "property", key: string) => {
  const raw = new RegExp(`<meta ${attr}="${key.replace(/[.:]/g, "\\$&")}" content="([^"]*)"`).exec(html)?.[1];
  return raw === undefined ? undefined : unescape(raw);
};

describe("the web app's HTML", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  const page = async (path: string, headers: Record<string, string> = {}) => {
    const res = await app.request(path, { headers });
    return { status: res.status, html: await res.text(), headers: res.headers };
  };

  it("renders a deal's title, description and card tags for link previews, escaped", async () => {
    const title = `Charter "Lisbon" <script>alert('x')</script> & more`;
    const { deal } = await app.createDeal({ title, description: "Four days in <b>May</b>.", threshold: 99, pricePerSeatCents: 29500 });
    const { status, html } = await page(`/deals/${deal.id}`, { "accept-language": "en-GB,en;q=0.9" });
    expect(status).toBe(200);
    const escaped = "Charter &quot;Lisbon&quot; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more";
    expect(html).toContain(`<title>${escaped} · Quorum</title>`);
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<b>May</b>");
    expect(html).toContain(`<meta property="og:title" content="${escaped} · Quorum" />`);
    expect(meta(html, "property", "og:title")).toBe(`${title} · Quorum`);
    expect(meta(html, "name", "twitter:title")).toBe(`${title} · Quorum`);
    // A deal's card has its own picture (api/share), so the large card.
    expect(meta(html, "name", "twitter:card")).toBe("summary_large_image");
    expect(meta(html, "property", "og:image")).toBe(`http://localhost:3000/api/deals/${deal.id}/image.png?lang=en&v=open.0`);
    expect(meta(html, "property", "og:image:width")).toBe("1200");
    expect(meta(html, "property", "og:image:height")).toBe("630");
    expect(meta(html, "property", "og:image:alt")).toContain(title);
    expect(html).toContain(`<meta property="og:image:alt" content="${escaped}.`);
    expect(meta(html, "property", "og:type")).toBe("website");
    expect(meta(html, "property", "og:url")).toBe(`http://localhost:3000/deals/${deal.id}`);
    const description = meta(html, "name", "description")!;
    expect(description).toContain("€295.00 a seat");
    expect(description).toContain("0 of 99 seats committed");
    expect(description).toContain("Four days in <b>May</b>.");
    expect(meta(html, "property", "og:description")).toBe(description);
    // One title, one description: the shell's defaults are replaced, not duplicated.
    expect(html.match(/<title>/g)).toHaveLength(1);
    expect(html.match(/<meta name="description"/g)).toHaveLength(1);
    // The app shell is still there.
    expect(html).toContain('<div id="app">');
  });

  /** A deal proposed by someone whose browser sends these headers (the language is the deal's). */
  const proposeWith = async (headers: Record<string, string>, over: Record<string, unknown> = {}) => {
    const res = await app.api("POST", "/api/deals", { as: await app.createUser(), body: app.dealInput(over), headers });
    expect(res.status).toBe(201);
    return res.json.deal;
  };

  it("speaks the remembered language, else the browser's, in <html lang>, and the deal's own in the preview", async () => {
    // Issue 16: the preview follows the language the deal was proposed in, not the crawler's.
    const noTrip = { threshold: 5, pricePerSeatCents: 1000, destination: null, departsOn: null, returnsOn: null };
    const dutchDeal = await proposeWith({ "accept-language": "fr-FR, nl-BE;q=0.8, en;q=0.5" }, noTrip);
    expect(dutchDeal.lang).toBe("nl");
    const dutch = await page(`/deals/${dutchDeal.id}`, { "accept-language": "fr-FR, nl-BE;q=0.8, en;q=0.5" });
    expect(dutch.html).toMatch(/^<!doctype html>\s*<html lang="nl">/i);
    expect(dutch.headers.get("content-language")).toBe("nl");
    expect(meta(dutch.html, "name", "description")).toMatch(/^€\s10,00 per plaats\. 0 van 5 plaatsen toegezegd/);
    expect(meta(dutch.html, "property", "og:locale")).toBe("nl_NL");

    // The remembered choice of the proposer's app wins over its browser's languages.
    const germanDeal = await proposeWith({ "accept-language": "nl", cookie: `${(await app.createUser()).cookie}; quorum_lang=de` }, noTrip);
    expect(germanDeal.lang).toBe("de");
    const german = await page(`/deals/${germanDeal.id}`, { "accept-language": "nl", cookie: "quorum_lang=de" });
    expect(german.html).toMatch(/<html lang="de">/);
    expect(meta(german.html, "name", "description")).toMatch(/^10,00\s€ pro Platz\. 0 von 5 Plätzen zugesagt/);

    const fallback = await page("/", { "accept-language": "fr, es;q=0.5" });
    expect(fallback.html).toMatch(/<html lang="en">/);
    const bogusCookie = await page("/", { "accept-language": "de", cookie: "quorum_lang=xx" });
    expect(bogusCookie.html).toMatch(/<html lang="de">/);
  });

  it("previews a deal in the language it was proposed in, whatever the crawler asks for, with where and when", async () => {
    const deal = await proposeWith({ "accept-language": "nl-NL,nl;q=0.9" }, { destination: "Lissabon", departsOn: "2027-05-12", returnsOn: "2027-05-16", pricePerSeatCents: 29500 });
    // A crawler that asks for English, and one that asks for nothing.
    for (const headers of [{ "accept-language": "en-US,en;q=0.9" }, {}] as Record<string, string>[]) {
      const { html } = await page(`/deals/${deal.id}`, headers);
      expect(html).toMatch(/<html lang="en">/);
      expect(meta(html, "property", "og:locale")).toBe("nl_NL");
      expect(meta(html, "name", "description")).toMatch(/^Lissabon, 12–16 mei 2027\. €\s295,00 per plaats\./);
      expect(meta(html, "property", "og:image")).toBe(`http://localhost:3000/api/deals/${deal.id}/image.png?lang=nl&v=open.0`);
    }
    // A same-day trip names its day once.
    const dayTrip = await proposeWith({ "accept-language": "de" }, { destination: "Köln", pricePerSeatCents: 29500, departsOn: "2027-01-15", returnsOn: "2027-01-15" });
    expect(meta((await page(`/deals/${dayTrip.id}`)).html, "name", "description")).toMatch(/^Köln, 15\. Januar 2027\. 295,00\s€ pro Platz/);
  });

  it("says how a confirmed deal stands", async () => {
    const { deal } = await app.createDeal({ threshold: 1, pricePerSeatCents: 29500 });
    expect(meta((await page(`/deals/${deal.id}`)).html, "name", "description")).toMatch(/^Lisbon, 12\s–\s16 May 2027\. €295\.00 a seat\. 0 of 1 seat committed; it goes ahead at 1\./);
    expect((await app.join(await app.createUser(), deal.id, 1)).status).toBe(201);
    const { html } = await page(`/deals/${deal.id}`);
    expect(meta(html, "name", "description")).toBe("Lisbon, 12\u2009–\u200916 May 2027. Confirmed: it's going ahead. €295.00 a seat. Four days in May.");
  });

  it("answers 404 with the app shell for an unknown deal or page, 200 for the app's pages", async () => {
    for (const path of ["/deals/zzzzzzzzzzzzzzzz", "/deals/not-an-id", "/deals/zzzzzzzzzzzzzzzz/manage", "/no/such/page"]) {
      const { status, html } = await page(path);
      expect(status, path).toBe(404);
      expect(html, path).toContain('<div id="app">');
      expect(html, path).toContain('<meta name="robots" content="noindex" />');
    }
    const { deal } = await app.createDeal();
    const paths = ["/", "/deals/new", `/deals/${deal.id}/manage`, "/sign-in", "/auth/callback", "/me", "/dev/mailbox", "/me/"];
    // wave 2: the terms, the privacy page and the development checkout
    paths.push("/terms", "/privacy", "/dev/checkout/0f3a9c2e7b1d4c5a");
    for (const path of paths) {
      const { status, html } = await page(path);
      expect(status, path).toBe(200);
      expect(html, path).toContain('<div id="app">');
    }
    expect((await page("/sign-in", { "accept-language": "de" })).html).toContain("<title>Anmelden · Quorum</title>");
    expect((await page("/privacy", { "accept-language": "nl" })).html).toMatch(/<title>[^<]+ · Quorum<\/title>/);
  });

  it("hides the development mailbox page in production", async () => {
    const prod = await createTestApp({ NODE_ENV: "production" });
    try {
      const res = await prod.request("/dev/mailbox");
      expect(res.status).toBe(404);
      expect((await prod.request("/dev/checkout/0f3a9c2e7b1d4c5a")).status).toBe(404);
      expect((await prod.request("/api/dev/mailbox")).status).toBe(404);
    } finally {
      await prod.close();
    }
  });

  it("never lets a title's $ patterns or markup break the shell", () => {
    const shell = '<!doctype html><html lang="en"><head><title>Quorum</title><!--quorum:head--></head><body></body></html>';
    const html = renderShell(shell, "en", {
      title: "Deal $& $' $` </title><script>",
      description: "x",
      url: "http://localhost:3000/deals/x",
      card: true,
      noindex: false,
    });
    expect(html).toContain("<title>Deal $&amp; $&#39; $` &lt;/title&gt;&lt;script&gt;</title>");
    expect(html).not.toContain("<!--quorum:head-->");
  });

  it("serves the terms with their title, and tells the app the operator's address", async () => {
    const { status, html } = await page("/terms", { "accept-language": "nl" });
    expect(status).toBe(200);
    expect(html).toContain("<title>Voorwaarden · Quorum</title>");
    // The default: the address MAIL_FROM sends from (the harness's).
    expect(app.deps.config.mailFrom).toContain("<deals@quorum.test>");
    expect(meta(html, "name", "quorum-contact")).toBe("deals@quorum.test");
    const other = await createTestApp({ CONTACT_EMAIL: "hello@quorum.example" });
    try {
      expect(meta(await (await other.request("/")).text(), "name", "quorum-contact")).toBe("hello@quorum.example");
    } finally {
      await other.close();
    }
  });
});
