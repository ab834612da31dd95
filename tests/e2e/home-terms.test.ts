// The home page and the terms in real Chromium: a way in for joiners as well as for proposers;
// how it works in three steps; a confirmed deal with seats left listed with the deals to join (and
// a full one under "Recently confirmed"); travel dates on the cards; a footer with privacy, terms
// and the operator's contact address; the terms in the visitor's language. Screenshots at 360 and
// 1280 px go to test-results/.
import { beforeAll, describe, expect, it } from "vitest";
import { home } from "../../api/contract/i18n/en/home.ts";
import { terms as enTerms } from "../../api/contract/i18n/en/terms.ts";
import { terms as nlTerms } from "../../api/contract/i18n/nl/terms.ts";
import { terms as deTerms } from "../../api/contract/i18n/de/terms.ts";
import { catalogues, chromiumPath, newPerson, screenshot, watchErrors, browserAndServer, expectAccessible } from "./support.ts";

describe.skipIf(!chromiumPath)("the home page and the terms in the browser", () => {
  const e2e = browserAndServer({ CONTACT_EMAIL: "hello@quorum.example" });

  beforeAll(async () => {
    await e2e.server.createDeal({ title: "Sailing week on the IJsselmeer", threshold: 4, departsOn: "2027-06-03", returnsOn: "2027-06-03" });
    const withSeats = await e2e.server.createDeal({ title: "Charter to Porto", threshold: 1, capacity: 6 });
    const full = await e2e.server.createDeal({ title: "Bus to the Alps", threshold: 1, capacity: 1, maxSeatsPerCommitment: 1 });
    const ada = await e2e.server.createUser({ displayName: "Ada" });
    for (const { deal } of [withSeats, full]) expect((await e2e.server.join(ada, deal.id, 1)).status).toBe(201);
  });

  for (const width of [360, 1280]) {
    it(`shows joiners the way in, how it works and the deals to join, at ${width} px`, { timeout: 60_000 }, async () => {
      const m = catalogues.en;
      const errors: string[] = [];
      const context = await newPerson(e2e.browser, { locale: "en-GB", width, height: 900 });
      const page = await context.newPage();
      watchErrors(page, errors);
      await page.goto(e2e.server.url);
      await page.getByRole("heading", { level: 1, name: home.title }).waitFor();
      const toJoin = page.getByRole("region", { name: home.open.title });
      await toJoin.getByRole("link", { name: "Charter to Porto" }).waitFor();

      // Both ways in; "find a deal" goes to the deals to join.
      await page.getByRole("link", { name: m["home.cta"] }).first().waitFor();
      await page.getByRole("link", { name: home.findDeal }).click();
      await page.waitForURL(/#deals$/);
      // How it works, in three steps.
      const how = page.getByRole("region", { name: home.how.title });
      expect(await how.getByRole("listitem").count()).toBe(3);
      // The confirmed deal with seats left is with the open ones, saying it goes ahead; the full one is not.
      const porto = toJoin.getByRole("article").filter({ hasText: "Charter to Porto" });
      await porto.getByText(home.goingAhead).waitFor();
      expect(await toJoin.getByText("Bus to the Alps").count()).toBe(0);
      await page.getByRole("region", { name: home.tipped.title }).getByRole("link", { name: "Bus to the Alps" }).waitFor();
      // Dates on the cards: a range, and a same-day trip's one day.
      await porto.getByText(/^12\s?–\s?16 May 2027$/).waitFor();
      const sailing = toJoin.getByRole("article").filter({ hasText: "Sailing week" });
      expect((await sailing.locator(".card__dates").textContent())?.trim()).toBe("3 June 2027");
      // The footer: privacy, terms, and the operator's address.
      const footer = page.getByRole("contentinfo");
      await expect(footer.getByRole("link", { name: m["app.footer.privacy"] }).getAttribute("href")).resolves.toBe("/privacy");
      await expect(footer.getByRole("link", { name: m["app.footer.terms"] }).getAttribute("href")).resolves.toBe("/terms");
      await expect(footer.getByRole("link", { name: m["app.footer.contact"] }).getAttribute("href")).resolves.toBe("mailto:hello@quorum.example");
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, "home");
      await expectAccessible(page, `the home page at ${width} px`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  for (const [lang, locale, width] of [["nl", "nl-NL", 360], ["de", "de-DE", 1280], ["en", "en-GB", 360], ["en", "en-GB", 1280]] as const) {
    it(`shows the terms in ${lang}, at ${width} px, from the footer`, { timeout: 60_000 }, async () => {
      const m = catalogues[lang];
      const words = { en: enTerms, nl: nlTerms, de: deTerms }[lang];
      const errors: string[] = [];
      const context = await newPerson(e2e.browser, { locale, width, height: 900 });
      const page = await context.newPage();
      watchErrors(page, errors);
      await page.goto(e2e.server.url);
      await page.getByRole("contentinfo").getByRole("link", { name: m["app.footer.terms"] }).click();
      await page.getByRole("heading", { level: 1, name: m["terms.title"] }).waitFor();
      for (const section of [words.participant, words.initiator, words.states, words.promises]) {
        await page.getByRole("heading", { level: 2, name: section.title }).waitFor();
      }
      await page.getByText(words.participant.rules[0]!).waitFor();
      await page.getByText(words.states.grace).waitFor();
      await page.getByText(words.promises.rules[5]!).waitFor();
      // Served with its own title, for a link or a bookmark.
      const html = await (await fetch(`${e2e.server.url}/terms`, { headers: { cookie: `quorum_lang=${lang}` } })).text();
      expect(html).toContain(`<title>${m["terms.title"]}`);
      await screenshot(page, `terms-${lang}`);
      await expectAccessible(page, `the terms in ${lang} at ${width} px`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
