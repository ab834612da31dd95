// XSS, without a browser: a corpus of script and HTML payloads (tests/setup/xss.ts) in deal
// titles, descriptions, destinations and display names, and in addresses, stays inert
//  - in the emails (renderEmail, every kind and language, and the real dispatch path),
//  - in the server-rendered <title>, description, Open Graph and Twitter tags (GET /deals/:id),
//  - in the API's answers (JSON, CSV, iCalendar and the event stream), which carry the text as
//    it was given, with a type no browser runs.
// "Inert in HTML" is shown twice over: the page rendered with the payload equals the page
// rendered with a harmless marker once the payload's escaped form is replaced by the marker (so
// it appears only where the marker does, and only escaped), and an HTML parser (happy-dom,
// scripts off) finds no injected element and reads the text back intact.
// The browser side is tests/e2e/xss.test.ts.
import { Window } from "happy-dom";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderEmail, type DealForEmail } from "../../api/outbox/templates.ts";
import { type EmailKind } from "../../api/outbox/messages.ts";
import { LANGUAGES } from "../../api/contract/lang.ts";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { escapeHtml, INJECTED, PAYLOADS } from "../setup/xss.ts";
import { readBody } from "./helpers.ts";
import { en } from "../../api/contract/i18n/en.ts";
import { nl } from "../../api/contract/i18n/nl.ts";
import { de } from "../../api/contract/i18n/de.ts";

const KINDS: EmailKind[] = ["sign-in", "deal-confirmed", "deal-failed", "deal-cancelled", "waitlist-promoted"];
const MARKER = "MARKERTEXT";
const DEADLINE_MS = Date.parse("2027-03-01T12:00:00Z");
const APP = "https://quorum.example";
const places = new Set<string>();
let checks = 0;

const window = new Window({ settings: { disableJavaScriptFileLoading: true, disableJavaScriptEvaluation: true } });
const parse = (html: string) => new window.DOMParser().parseFromString(html, "text/html");
afterAll(async () => {
  await window.happyDOM.close();
  console.log(`XSS (server side): ${PAYLOADS.length} payloads, ${checks} renderings checked in ${places.size} places: ${[...places].join("; ")}`);
});

/** The payload appears only where the marker does, and only escaped. */
function expectSameAsMarker(withPayload: string, withMarker: string, payload: string, what: string) {
  const escaped = escapeHtml(payload);
  expect(withPayload.includes(escaped), `${what}: the payload is not there at all`).toBe(true);
  expect(withPayload.replaceAll(escaped, MARKER), what).toBe(withMarker);
  checks++;
}

function expectNothingInjected(html: string, what: string) {
  const doc = parse(html);
  const found = [...doc.querySelectorAll(INJECTED)].map((e) => e.outerHTML.slice(0, 120));
  expect(found, `${what}: injected elements`).toEqual([]);
  // The only scripts are the app's own files.
  const scripts = [...doc.querySelectorAll("script")].filter((s) => !/^\/assets\/[\w.-]+\.js$/.test(s.getAttribute("src") ?? ""));
  expect(scripts.map((s) => s.outerHTML.slice(0, 120)), `${what}: scripts`).toEqual([]);
  return doc;
}

describe("emails", () => {
  const deal = (title: string): DealForEmail => ({
    id: "d1",
    kind: "trip",
    title,
    threshold: 99,
    seatsCommitted: 42,
    deadline: new Date("2027-03-01T12:00:00Z"),
    departsOn: "2027-05-12",
    returnsOn: "2027-05-16",
  });
  const render = (kind: EmailKind, locale: string, title: string, initiator = false) =>
    renderEmail({
      kind,
      appUrl: APP,
      locale,
      payload: kind === "sign-in" ? { link: `${APP}/auth/callback?token=abc` } : { seats: 2, status: initiator ? "initiator" : "active" },
      deal: kind === "sign-in" ? null : deal(title),
    });

  it("carry a title only escaped in HTML, and verbatim in the subject and plain text, in every kind and language", () => {
    for (const kind of KINDS) {
      for (const lang of LANGUAGES) {
        for (const initiator of [false, true]) {
          const plain = render(kind, lang, MARKER, initiator);
          for (const p of PAYLOADS) {
            const what = `${kind} (${lang}${initiator ? ", to the initiator" : ""}) with ${p.name}`;
            const email = render(kind, lang, p.text, initiator);
            if (kind === "sign-in") {
              // A sign-in link carries no deal: nothing of the payload can reach it.
              expect(email, what).toEqual(plain);
              continue;
            }
            expectSameAsMarker(email.html, plain.html, p.text, `${what}: HTML`);
            expect(email.text.replaceAll(p.text, MARKER), `${what}: text`).toBe(plain.text);
            expect(email.subject.replaceAll(p.text, MARKER), `${what}: subject`).toBe(plain.subject);
            const doc = expectNothingInjected(email.html, what);
            expect(doc.title, what).toBe(email.subject);
            expect([...doc.querySelectorAll("a")].map((a) => a.getAttribute("href")), what).toEqual(
              [...parse(plain.html).querySelectorAll("a")].map((a) => a.getAttribute("href")),
            );
          }
        }
      }
    }
    places.add(`renderEmail: ${KINDS.length} kinds × ${LANGUAGES.length} languages, to a participant and to the initiator`);
  });
});

describe("the app", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(() => app.close());

  const DEADLINE = "2027-03-01T12:00:00.000Z";
  const hostile = (text: string) => ({ title: text, description: text, destination: text, deadline: DEADLINE });

  it("sends the emails of a hostile deal with its title escaped, through the real outbox", async () => {
    for (const p of PAYLOADS) {
      const initiator = await app.createUser();
      const { deal } = await app.createDeal({ ...hostile(p.text), initiator, threshold: 1 });
      const joiner = await app.createUser();
      expect((await app.join(joiner, deal.id, 1)).status).toBe(201);
    }
    await app.built.background.runNow();
    const mails = (await app.api("GET", "/api/dev/mailbox?limit=500")).json.items as { kind: string; subject: string; html: string; text: string }[];
    expect(mails.length).toBe(PAYLOADS.length * 2);
    for (const p of PAYLOADS) {
      const mine = mails.filter((m) => m.subject.includes(p.text));
      expect(mine.length, p.name).toBe(2);
      for (const m of mine) {
        if (/[<>"'&]/.test(p.text)) expect(m.html.includes(p.text), `${p.name}: raw in the HTML`).toBe(false);
        expect(m.html.includes(escapeHtml(p.text)), p.name).toBe(true);
        expect(m.text.includes(p.text), p.name).toBe(true);
        expectNothingInjected(m.html, `the ${m.kind} email with ${p.name}`);
        checks++;
      }
    }
    places.add("emails through the outbox (development mailbox)");
  });

  it("renders the deal page's title, description, Open Graph and Twitter tags escaped, in every language", async () => {
    const initiator = await app.createUser();
    const { deal: plainDeal } = await app.createDeal({ ...hostile(MARKER), initiator });
    const catalogues = { en, nl, de };
    const page = async (id: string, lang: string, suffix = "") => {
      const res = await app.request(`/deals/${id}${suffix}`, { headers: { "accept-language": lang } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      return (await res.text()).replaceAll(id, "DEALID");
    };
    for (const p of PAYLOADS) {
      const { deal } = await app.createDeal({ ...hostile(p.text), initiator });
      for (const lang of ["en", "nl", "de"] as const) {
        const what = `GET /deals/:id (${lang}) with ${p.name}`;
        const html = await page(deal.id, lang);
        expectSameAsMarker(html, await page(plainDeal.id, lang), p.text, what);
        const doc = expectNothingInjected(html, what);
        const title = catalogues[lang]["meta.page"].replace("{page}", () => p.text);
        const meta = (sel: string) => doc.querySelector(sel)?.getAttribute("content");
        expect(doc.title, what).toBe(title);
        expect(meta('meta[property="og:title"]'), what).toBe(title);
        expect(meta('meta[name="twitter:title"]'), what).toBe(title);
        for (const sel of [
          'meta[name="description"]',
          'meta[property="og:description"]',
          'meta[name="twitter:description"]',
          'meta[property="og:image:alt"]',
        ]) {
          expect(meta(sel), `${what}: ${sel}`).toContain(p.text);
        }
        const manage = await page(deal.id, lang, "/manage");
        expectSameAsMarker(manage, await page(plainDeal.id, lang, "/manage"), p.text, `${what}, the manage page`);
        expectNothingInjected(manage, `${what}, the manage page`);
      }
    }
    places.add("deal page <title>, description, og: and twitter: tags (en, nl, de)").add("manage page <title>");
  });

  it("never reflects an address into a page unescaped", async () => {
    for (const p of PAYLOADS) {
      const encoded = encodeURIComponent(p.text);
      for (const path of [`/${encoded}`, `/deals/${encoded}`, `/deals/${encoded}/manage`, `/no/such/${encoded}`]) {
        const res = await app.request(path);
        expect(res.status, path).toBe(404);
        const html = await res.text();
        if (/[<>"']/.test(p.text)) expect(html.includes(p.text), `${path}: raw in the page`).toBe(false);
        expectNothingInjected(html, `GET ${path}`);
        checks++;
      }
    }
    places.add("addresses of unknown pages and deals");
  });

  it("answers with the text as it was given, in types no browser runs as a page", async () => {
    const ada = await app.createUser();
    const { deal } = await app.createDeal({ ...hostile(PAYLOADS[0]!.text), initiator: ada, threshold: 1000 });
    for (const p of PAYLOADS) {
      const user = await app.createUser();
      const patched = await app.api("PATCH", "/api/me", { as: user, body: { displayName: p.text } });
      expect(patched.status, p.name).toBe(200);
      expect(patched.json.user.displayName, p.name).toBe(p.text);
      expect((await app.join(user, deal.id, 1)).status, p.name).toBe(201);
      const { deal: own } = await app.createDeal({ ...hostile(p.text), initiator: user });
      const read = await app.api("GET", `/api/deals/${own.id}`);
      expect(read.headers.get("content-type"), p.name).toMatch(/^application\/json/);
      expect(read.headers.get("x-content-type-options")).toBe("nosniff");
      expect([read.json.deal.title, read.json.deal.description, read.json.deal.destination, read.json.deal.initiator.displayName], p.name).toEqual([
        p.text,
        p.text,
        p.text,
        p.text,
      ]);
      checks++;
    }
    const participants = await app.api("GET", `/api/deals/${deal.id}/participants`, { as: ada });
    expect(participants.headers.get("content-type")).toMatch(/^application\/json/);
    expect((participants.json.items as { displayName: string }[]).map((i) => i.displayName).sort()).toEqual(PAYLOADS.map((p) => p.text).sort());

    const csv = await app.api("GET", `/api/deals/${deal.id}/participants?format=csv`, { as: ada });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(csv.headers.get("x-content-type-options")).toBe("nosniff");

    const ics = await app.request(`/api/deals/${deal.id}/calendar.ics`);
    expect(ics.headers.get("content-type")).toMatch(/^text\/calendar/);
    expect(ics.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(ics.headers.get("x-content-type-options")).toBe("nosniff");

    const events = await app.request(`/api/deals/${deal.id}/events`);
    expect(events.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const first = (await readBody(events)).split("\n").find((l) => l.startsWith("data:"))!;
    expect(JSON.parse(first.slice(5)).deal.title).toBe(PAYLOADS[0]!.text);

    const list = await app.api("GET", "/api/deals?status=open&limit=50");
    expect(list.headers.get("content-type")).toMatch(/^application\/json/);
    expect((list.json.items as { title: string }[]).map((d) => d.title)).toContain(PAYLOADS[1]!.text);
    places
      .add("API deal JSON (title, description, destination, initiator)")
      .add("PATCH /api/me display names")
      .add("participants JSON and CSV")
      .add("calendar.ics")
      .add("event stream")
      .add("deal list");
  });
});

// co-creation and trust: option labels and review comments
describe("option labels and review comments", () => {
  it("stay escaped in the option-released email, in every language", () => {
    const render = (option: string, lang: string) =>
      renderEmail({
        kind: "option-released",
        appUrl: APP,
        locale: lang,
        payload: { seats: 2, status: "released", option },
        deal: { id: "d1", kind: "trip", title: "Trip", threshold: 9, seatsCommitted: 9, deadline: new Date(DEADLINE_MS), departsOn: null, returnsOn: null },
      });
    for (const lang of LANGUAGES) {
      const plain = render(MARKER, lang);
      for (const p of PAYLOADS) {
        const what = `option-released (${lang}) with ${p.name}`;
        const email = render(p.text, lang);
        expectSameAsMarker(email.html, plain.html, p.text, `${what}: HTML`);
        expect(email.text.replaceAll(p.text, MARKER), `${what}: text`).toBe(plain.text);
        expectNothingInjected(email.html, what);
      }
    }
    places.add("option-released email (option label)");
  });

  it("come back from the API as given, as JSON", async () => {
    const app = await createTestApp();
    try {
      for (const p of PAYLOADS) {
        const initiator = await app.createUser();
        const { deal } = await app.createDeal({
          initiator,
          kind: "deal",
          departsOn: null,
          returnsOn: null,
          threshold: 1,
          options: [{ label: p.text }, { label: MARKER }],
        });
        expect(deal.options[0].label, p.name).toBe(p.text.trim());
        const user = await app.createUser();
        expect((await app.join(user, deal.id, 1, [deal.options[0].id])).status, p.name).toBe(201);
        app.advance(8 * 24 * 3_600_000);
        const posted = await app.api("POST", `/api/deals/${deal.id}/reviews`, { as: user, body: { rating: "neutral", comment: p.text } });
        app.advance(-8 * 24 * 3_600_000);
        expect(posted.status, p.name).toBe(201);
        const reviews = await app.api("GET", `/api/deals/${deal.id}/reviews`);
        expect(reviews.headers.get("content-type")).toMatch(/^application\/json/);
        expect(reviews.json.items[0].comment, p.name).toBe(p.text.trim());
        const profile = await app.api("GET", `/api/users/${initiator.id}`);
        expect(profile.headers.get("content-type")).toMatch(/^application\/json/);
        expect(profile.json.latestReviews[0].comment, p.name).toBe(p.text.trim());
        checks += 3;
      }
      places.add("option labels in the deal JSON").add("review comments in the reviews and profile JSON");
    } finally {
      await app.close();
    }
  });
});
