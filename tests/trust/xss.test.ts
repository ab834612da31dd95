// XSS, without a browser: a corpus of script and HTML payloads (tests/setup/xss.ts) in deal
// titles, descriptions, destinations and display names, in updates, and in addresses, stays inert
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
import { createTestApp, startTestServer, type TestApp } from "../setup/harness.ts";
import { connect } from "../setup/sse-reader.ts";
import { EMAIL_KINDS, trip } from "../email/helpers.ts";
import { escapeHtml, INJECTED, PAYLOADS } from "../setup/xss.ts";
import { readBody } from "./helpers.ts";
import { clock } from "../../api/clock.ts";
import { en } from "../../api/contract/i18n/en.ts";
import { nl } from "../../api/contract/i18n/nl.ts";
import { de } from "../../api/contract/i18n/de.ts";

const KINDS = EMAIL_KINDS;
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
  const deal = (title: string): DealForEmail => trip({ id: "d1", title });
  const render = (kind: EmailKind, locale: string, title: string, initiator = false) =>
    renderEmail({
      kind,
      appUrl: APP,
      locale,
      payload:
        kind === "sign-in"
          ? { link: `${APP}/auth/callback?token=abc` }
          : // The option and the final price are only read by option-released, deal-final-price and the
            // payment emails (with the due time).
            { seats: 2, status: initiator ? "initiator" : "active", option: "Early May", priceCents: 22900, currency: "EUR", dueAt: "2027-03-04T12:00:00.000Z" },
      deal: kind === "sign-in" ? null : deal(title),
    });

  // Thousands of renderings (every kind × language × payload), each parsed: minutes on a busy machine.
  it("carry a title only escaped in HTML, and verbatim in the subject and plain text, in every kind and language", { timeout: 180_000 }, () => {
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
    // Every email kind adds 42 payloads × 3 languages × 2 recipients of rendering and parsing: on a busy machine that passes 30 s.
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

// Growing the group: an update's text is the initiator's own, shown to the whole group.
describe("updates", () => {
  const render = (lang: string, body: string) =>
    renderEmail({ kind: "deal-update", appUrl: APP, locale: lang, payload: { body, status: "update" }, deal: trip() });

  it("stay inert in the deal-update email, in every language", () => {
    for (const lang of LANGUAGES) {
      const plain = render(lang, MARKER);
      for (const p of PAYLOADS) {
        const what = `deal-update (${lang}) with ${p.name}`;
        const email = render(lang, p.text);
        expectSameAsMarker(email.html, plain.html, p.text, `${what}: HTML`);
        expect(email.text.replaceAll(p.text, MARKER), `${what}: text`).toBe(plain.text);
        expect(email.subject, what).toBe(plain.subject);
        expectNothingInjected(email.html, what);
      }
    }
    places.add(`renderEmail: deal-update bodies × ${LANGUAGES.length} languages`);
  });

  it("stay inert through the real outbox and come back verbatim from the API and the event stream", async () => {
    const server = await startTestServer();
    try {
      const ines = await server.createUser();
      const fay = await server.createUser();
      const { deal: d } = await server.createDeal({ initiator: ines });
      await server.api("PUT", `/api/deals/${d.id}/follow`, { as: fay });
      const stream = await connect(`${server.url}/api/deals/${d.id}/events`);
      try {
        await stream.snapshot(0, 2_000);
        // Ten a day: the corpus is posted with the clock moved on a day after every ten.
        for (const [i, p] of PAYLOADS.entries()) {
          if (i && i % 10 === 0) server.advance(24 * 3_600_000);
          const res = await server.api("POST", `/api/deals/${d.id}/updates`, { as: ines, body: { body: `${p.text}\n${p.text}` } });
          expect(res.status, `${p.name}: ${res.text}`).toBe(201);
          expect(res.headers.get("content-type")).toMatch(/^application\/json/);
          expect(res.json.update.body, p.name).toBe(`${p.text}\n${p.text}`);
        }
        const until = Date.now() + 5_000;
        const live = () => stream.events.filter((e) => e.event === "update");
        while (live().length < PAYLOADS.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        expect(stream.res.headers.get("content-type")).toMatch(/^text\/event-stream/);
        expect(live().map((e) => JSON.parse(e.data).update.body)).toEqual(PAYLOADS.map((p) => `${p.text}\n${p.text}`));
      } finally {
        await stream.close();
      }
      const listed = await server.api("GET", `/api/deals/${d.id}/updates`);
      expect(listed.json.items.map((u: { body: string }) => u.body).reverse()).toEqual(PAYLOADS.map((p) => `${p.text}\n${p.text}`));

      await server.built.background.runNow();
      const mails = (await server.api("GET", `/api/dev/mailbox?limit=500`)).json.items as { kind: string; html: string; text: string }[];
      const updates = mails.filter((m) => m.kind === "deal-update");
      expect(updates.length).toBe(PAYLOADS.length);
      for (const p of PAYLOADS) {
        const m = updates.find((u) => u.text.includes(`${p.text}\n${p.text}`));
        expect(m, p.name).toBeDefined();
        if (/[<>"'&]/.test(p.text)) expect(m!.html.includes(p.text), `${p.name}: raw in the HTML`).toBe(false);
        expect(m!.html.includes(escapeHtml(p.text)), p.name).toBe(true);
        expectNothingInjected(m!.html, `the deal-update email with ${p.name}`);
        checks++;
      }
    } finally {
      await server.close();
    }
    places.add("update bodies: the API, GET updates, the event stream, emails through the outbox");
  });
});

// The soft threshold: deal-grace carries the title, and the go-ahead's message is posted as an
// update whose words go into the deal-update email as the initiator wrote them.
describe("grace and the go-ahead message", () => {
  const graceDeal = (title: string): DealForEmail => ({
    id: "d1",
    kind: "trip",
    title,
    threshold: 99,
    seatsCommitted: 80,
    deadline: new Date("2027-03-01T12:00:00Z"),
    departsOn: "2027-05-12",
    returnsOn: "2027-05-16",
    softThreshold: 60,
    graceEndsAt: new Date("2027-03-06T12:00:00Z"),
  });
  const render = (kind: EmailKind, locale: string, title: string, body: string, initiator = false) =>
    renderEmail({ kind, appUrl: APP, locale, payload: { seats: 2, status: initiator ? "initiator" : "active", body }, deal: graceDeal(title) });

  it("keeps a hostile title in deal-grace and a hostile message in deal-update inert, in every language", () => {
    for (const lang of LANGUAGES) {
      for (const p of PAYLOADS) {
        for (const [kind, initiator] of [["deal-grace", false], ["deal-grace", true], ["deal-update", false]] as const) {
          const what = `${kind} (${lang}) with ${p.name}`;
          // deal-grace: the title is hostile; deal-update: the title and the message both are.
          const plain = render(kind, lang, MARKER, MARKER, initiator);
          const email = render(kind, lang, p.text, p.text, initiator);
          expectSameAsMarker(email.html, plain.html, p.text, `${what}: HTML`);
          expect(email.text.replaceAll(p.text, MARKER), `${what}: text`).toBe(plain.text);
          expectNothingInjected(email.html, what);
        }
      }
    }
    places.add(`renderEmail: deal-grace and deal-update (the go-ahead's message) × ${LANGUAGES.length} languages`);
  });

  it("stores and mails a hostile go-ahead message as text, through the real outbox", async () => {
    const app = await createTestApp();
    try {
      const deadline = Date.parse(app.dealInput().deadline as string);
      const deals: { id: string; text: string; name: string; initiator: { cookie: string }; to: string }[] = [];
      for (const p of PAYLOADS) {
        const { deal, initiator } = await app.createDeal({ threshold: 2, softThreshold: 1, deadline: new Date(deadline).toISOString() });
        const participant = await app.createUser();
        await app.join(participant, deal.id, 1);
        deals.push({ id: deal.id, text: p.text, name: p.name, initiator, to: participant.email });
      }
      app.advance(deadline - clock.nowMs() + 1);
      for (const d of deals) {
        const res = await app.api("POST", `/api/deals/${d.id}/go-ahead`, { as: d.initiator, body: { message: d.text } });
        // A payload that is only white space is refused (1 to 5,000 characters after trimming).
        if (!d.text.trim()) {
          expect(res.status, d.name).toBe(400);
          continue;
        }
        expect(res.status, d.name).toBe(200);
        expect(res.json.update.body, d.name).toBe(d.text.trim());
        expect(res.headers.get("content-type"), d.name).toMatch(/^application\/json/);
      }
      await app.built.background.runNow();
      const mails = (await app.api("GET", "/api/dev/mailbox?limit=500")).json.items as { kind: string; html: string; text: string; to: string }[];
      const updates = mails.filter((m) => m.kind === "deal-update");
      expect(updates.length).toBe(deals.filter((d) => d.text.trim()).length);
      for (const m of updates) {
        const d = deals.find((x) => x.to === m.to)!;
        expect(m.text.includes(d.text.trim()), d.name).toBe(true);
        if (/[<>"'&]/.test(d.text)) expect(m.html.includes(d.text.trim()), `${d.name}: raw in the HTML`).toBe(false);
        expect(m.html.includes(escapeHtml(d.text.trim())), d.name).toBe(true);
        expectNothingInjected(m.html, `the deal-update email with ${d.name}`);
        checks++;
      }
      places.add("the go-ahead's deal-update emails through the outbox");
    } finally {
      clock.setOffset(0);
      await app.close();
    }
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
