// XSS in real Chromium: the corpus of script and HTML payloads (tests/setup/xss.ts) as deal
// titles, destinations and descriptions and as display names, entered through the API, shows as
// text on the home page, the deal pages, the manage page's participant list, "my" page and the
// development mailbox. On every page: no dialog opens, no element of a payload exists, nothing
// sets window.__xss, the Content-Security-Policy reports no violation (it would block an inline
// script that got through, so a violation means one did), and the payloads read back as text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { chromiumPath, cookieOf, newPerson, startWebServer, watchErrors, browserAndServer } from "./support.ts";
import { INJECTED, PAYLOADS } from "../setup/xss.ts";

type Server = Awaited<ReturnType<typeof startWebServer>>;
type User = Awaited<ReturnType<Server["createUser"]>>;

/** The home page lists 12 open deals and 6 confirmed ones: the hostile deals are exactly those. */
const OPEN = 12;
const CONFIRMED = 6;
const texts = PAYLOADS.map((p) => p.text);
/** Two payloads per title and per destination; every payload appears in some title or destination. */
const pair = (i: number) => `${texts[i % texts.length]} ${texts[(i + 1) % texts.length]}`;

describe.skipIf(!chromiumPath)("XSS payloads in Chromium", () => {
  const e2e = browserAndServer();
  let ada: User;
  const hostile: User[] = [];
  /** The deals on the home page: the first is Ada's, with every hostile user in it. */
  const shown: { id: string; title: string; destination: string; initiator: User }[] = [];
  const mailed: string[] = [];
  const places = new Set<string>();
  let pagesChecked = 0;
  /** Requests for anything but the app's own origin: aborted (traffic stays on 127.0.0.1), and a failure. */
  const outside: string[] = [];

  beforeAll(async () => {
    ada = await e2e.server.createUser({ email: "ada@example.com", displayName: "Ada" });
    for (const [i, text] of texts.entries()) {
      const u = await e2e.server.createUser({ email: `hostile${i}@example.com` });
      const res = await e2e.server.api("PATCH", "/api/me", { as: u, body: { displayName: text } });
      if (res.status !== 200) throw new Error(`display name ${JSON.stringify(text)}: ${res.status} ${res.text}`);
      hostile.push({ ...u, displayName: text });
    }
    const description = texts.join("\n");
    for (let k = 0; k < OPEN + CONFIRMED; k++) {
      const initiator = k === 0 ? ada : hostile[k]!;
      const confirmed = k >= OPEN;
      const title = pair(2 * k);
      const destination = pair(2 * k + 2 * (OPEN + CONFIRMED));
      const { deal } = await e2e.server.createDeal({ initiator, title, destination, description, threshold: confirmed ? 1 : 1000 });
      if (confirmed) {
        expect((await e2e.server.join(initiator, deal.id, 1)).json.dealStatus).toBe("confirmed");
        mailed.push(title);
      }
      shown.push({ id: deal.id, title, destination, initiator });
    }
    for (const u of hostile) expect((await e2e.server.join(u, shown[0]!.id, 1)).status).toBe(201);
    // Emails with every payload in a title: deals that are proposed and cancelled.
    for (let k = 0; 2 * k < texts.length; k++) {
      const initiator = hostile[k]!;
      const title = pair(2 * k);
      const { deal } = await e2e.server.createDeal({ initiator, title, description, threshold: 1000 });
      expect((await e2e.server.api("POST", `/api/deals/${deal.id}/cancel`, { as: initiator })).status).toBe(200);
      mailed.push(title);
    }
    await e2e.server.built.background.runNow();
  }, 120_000);

  afterAll(async () => {
    console.log(
      `XSS (Chromium): ${PAYLOADS.length} payloads, ${pagesChecked} page loads in ${places.size} places: ${[...places].join("; ")}`,
    );
  });

  async function person(as?: User): Promise<BrowserContext> {
    const context = await newPerson(e2e.browser);
    const origin = new URL(e2e.server.url).origin;
    await context.route(
      (url) => url.origin !== origin && (url.protocol === "http:" || url.protocol === "https:"),
      (route) => {
        outside.push(route.request().url());
        return route.abort();
      },
    );
    if (as) {
      await context.addCookies([{ ...cookieOf(as), url: e2e.server.url }]);
    }
    // Run by the DevTools protocol before the page's scripts, so the page's CSP does not apply.
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    return context;
  }

  /**
   * Opens `path`, waits for `ready`, gives handlers a moment to fire, and checks that every text
   * in `expected` is on the page as text and that nothing was injected.
   */
  async function visit(context: BrowserContext, path: string, what: string, expected: string[], ready: (page: Page) => Promise<unknown>) {
    const page = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    watchErrors(page, errors);
    await page.goto(e2e.server.url + path);
    // A page that an injection broke may never get ready: look for the injection first anyway.
    const notReady = await ready(page).then(
      () => null,
      (e: unknown) => String(e),
    );
    await page.waitForTimeout(250);
    const seen = await page.evaluate((selector) => {
      const w = window as unknown as { __xss?: unknown; __csp: string[] };
      return {
        xss: w.__xss === undefined ? "undefined" : String(w.__xss),
        csp: w.__csp,
        injected: [...document.querySelectorAll(selector)].map((e) => e.outerHTML.slice(0, 120)),
        scripts: [...document.querySelectorAll("script")]
          .filter((s) => !/^\/assets\/[\w.-]+\.js$/.test(s.getAttribute("src") ?? ""))
          .map((s) => s.outerHTML.slice(0, 120)),
        text: document.body.textContent ?? "",
        title: document.title,
      };
    }, INJECTED);
    expect(page.url(), `${what}: the page went elsewhere`).toBe(e2e.server.url + path);
    expect(outside.splice(0), `${what}: requests outside the app`).toEqual([]);
    expect(dialogs, `${what}: dialogs`).toEqual([]);
    expect(seen.xss, `${what}: window.__xss`).toBe("undefined");
    expect(seen.injected, `${what}: injected elements`).toEqual([]);
    expect(seen.scripts, `${what}: scripts other than the app's`).toEqual([]);
    expect(seen.csp, `${what}: CSP violations`).toEqual([]);
    expect(errors, `${what}: errors`).toEqual([]);
    expect(notReady, `${what}: never got ready`).toBeNull();
    for (const text of expected) expect(seen.text.includes(text), `${what}: ${JSON.stringify(text)} is not shown as text`).toBe(true);
    await page.close();
    pagesChecked++;
    places.add(what.replace(/ \d+$/, ""));
    return seen;
  }

  it("shows them as text on the home page", async () => {
    const context = await person();
    const seen = await visit(
      context,
      "/",
      "home page (titles and destinations)",
      shown.flatMap((d) => [d.title, d.destination]),
      (page) => page.getByRole("link", { name: shown.at(-1)!.title, exact: true }).waitFor(),
    );
    // Together, the titles and destinations on the home page hold every payload.
    for (const text of texts) expect(seen.text).toContain(text);
    await context.close();
  }, 60_000);

  it("shows them as text on every deal page, signed out and signed in as its hostile initiator", async () => {
    const signedOut = await person();
    for (const [k, d] of shown.entries()) {
      const expected = [d.title, d.destination, ...texts, d.initiator.displayName];
      const ready = (page: Page) => page.getByRole("heading", { level: 1, name: d.title, exact: true }).waitFor();
      const seen = await visit(signedOut, `/deals/${d.id}`, `deal page ${k}`, expected, ready);
      expect(seen.title, "the document title").toBe(`${d.title} · Quorum`);
      if (k % 3 === 1) {
        const own = await person(d.initiator);
        await visit(own, `/deals/${d.id}`, `deal page, signed in as its initiator ${k}`, expected, ready);
        await own.close();
      }
    }
    await signedOut.close();
  }, 120_000);

  it("shows hostile display names as text in the manage page's participant list", async () => {
    const context = await person(ada);
    const d = shown[0]!;
    await visit(context, `/deals/${d.id}/manage`, "manage page (participant names)", [d.title, ...texts], (page) =>
      page.getByRole("cell", { name: texts.at(-1)!, exact: true }).waitFor(),
    );
    await context.close();
  }, 60_000);

  it("shows them as text on my page, with my hostile name in the profile form", async () => {
    const me = hostile[OPEN]!;
    const context = await person(me);
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/me`);
    const name = page.getByRole("textbox", { name: /name/i });
    await name.waitFor();
    expect(await name.inputValue()).toBe(me.displayName);
    await page.close();
    const own = shown[OPEN]!;
    await visit(context, "/me", "my page (proposals and commitments)", [own.title, shown[0]!.title], (page) =>
      page.getByRole("link", { name: own.title, exact: true }).first().waitFor(),
    );
    await context.close();
  }, 60_000);

  it("shows the emails' subjects and texts as text in the development mailbox", async () => {
    const context = await person();
    await visit(context, "/dev/mailbox", "development mailbox (subjects and texts)", mailed, (page) =>
      page.getByRole("heading", { level: 2, name: new RegExp(mailed.at(-1)!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }).first().waitFor(),
    );
    await context.close();
  }, 60_000);

  // Growing the group: updates, listed on the deal and manage pages and arriving live.
  it("shows updates as text on the deal page, live and after a reload, and on the manage page", async () => {
    const d = shown[0]!;
    const bodies = texts.map((text) => `update: ${text}\n${text}`);
    const post = async (body: string) =>
      expect((await e2e.server.api("POST", `/api/deals/${d.id}/updates`, { as: ada, body: { body } })).status).toBe(201);
    const signedOut = await person();
    // Half posted before the page opens, half while it is open: those arrive over the event stream.
    const half = Math.ceil(bodies.length / 2);
    for (const body of bodies.slice(0, half)) await post(body);
    const lines = (list: string[]) => list.flatMap((b) => b.split("\n"));
    await visit(signedOut, `/deals/${d.id}`, "deal page updates, arriving live", lines(bodies), async (page) => {
      await page.getByText(`update: ${texts[half - 1]}`).first().waitFor();
      for (const body of bodies.slice(half)) await post(body);
      await page.getByText(`update: ${texts.at(-1)}`).first().waitFor();
    });
    await visit(signedOut, `/deals/${d.id}`, "deal page updates, listed", lines(bodies), (page) =>
      page.getByText(`update: ${texts.at(-1)}`).first().waitFor(),
    );
    await signedOut.close();
    const own = await person(ada);
    await visit(own, `/deals/${d.id}/manage`, "manage page past updates", lines(bodies), (page) =>
      page.getByText(`update: ${texts.at(-1)}`).first().waitFor(),
    );
    await own.close();
  }, 90_000);
});
