// The propose form in real Chromium: one submit shows every error, single-field and cross-field
// together; leaving an invalid field by clicking "Propose" with a real mouse still acts (the
// error does not push the button away under the pointer); a Dutch price ("€ 1.250,00") and a
// chosen currency reach the API as typed. Screenshots at 360 and 1280 px go to test-results/.
import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { catalogues, chromiumPath, cookieOf, newPerson, screenshot, watchErrors, browserAndServer } from "./support.ts";

describe.skipIf(!chromiumPath)("the propose form in the browser", () => {
  const e2e = browserAndServer();

  /** A real press near the top edge of the button, as a person's finger takes: down, a pause, up, on the spot it was. */
  const press = async (page: Page, button: Locator) => {
    await button.scrollIntoViewIfNeeded();
    const box = (await button.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 4);
    await page.mouse.down();
    await page.waitForTimeout(120);
    await page.mouse.up();
  };

  const open = async (lang: "en" | "nl", width: number, errors: string[], height = 900): Promise<Page> => {
    const context = await newPerson(e2e.browser, { locale: lang === "nl" ? "nl-NL" : "en-GB", width, height });
    const user = await e2e.server.createUser({ displayName: "Ines" });
    await context.addCookies([{ ...cookieOf(user), url: e2e.server.url }]);
    const page = await context.newPage();
    watchErrors(page, errors);
    await page.goto(`${e2e.server.url}/deals/new`);
    await page.getByRole("heading", { level: 1, name: catalogues[lang]["propose.title"] }).waitFor();
    return page;
  };

  for (const width of [360, 1280]) {
    it(`shows every error in one submit, at ${width} px`, { timeout: 60_000 }, async () => {
      const m = catalogues.en;
      const errors: string[] = [];
      const page = await open("en", width, errors);
      // A single-field error (no title), a cross-field one (maximum below the threshold) and a past deadline.
      await page.getByLabel(m["propose.threshold"], { exact: true }).fill("5");
      await page.getByLabel(m["propose.capacity"], { exact: true }).fill("3");
      await page.getByLabel(m["propose.deadline"], { exact: true }).fill("2020-01-01T10:00");
      await page.getByLabel(m["propose.maxSeats"], { exact: true }).fill("2");
      await page.getByRole("button", { name: m["propose.submit"] }).click();
      const form = page.locator("form.propose");
      await form.getByText(m["validation.capacityBelowThreshold"]).waitFor();
      for (const message of [m["validation.required"], m["validation.deadlineTooSoon"], m["propose.fix"]]) {
        await expect(form.getByText(message).first().isVisible(), message).resolves.toBe(true);
      }
      // The preview never counts from a deadline in the past.
      const preview = page.getByRole("complementary", { name: m["propose.preview"] });
      expect(await preview.textContent()).not.toMatch(/ago/);
      await screenshot(page, "propose-errors");
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it("acts on a real mouse click on Propose that leaves an invalid field", { timeout: 60_000 }, async () => {
    const m = catalogues.en;
    const errors: string[] = [];
    // Tall enough to need no scrolling: scrolled, Chromium's scroll anchoring would hide the jump.
    const page = await open("en", 1280, errors, 2000);
    const button = page.getByRole("button", { name: m["propose.submit"] });
    // The title is focused and empty: leaving it makes its error appear above the button.
    await page.getByLabel(m["propose.titleField"], { exact: true }).click();
    await page.getByLabel(m["propose.titleField"], { exact: true }).fill("ab");
    await press(page, button);
    // The click counted as a submit: every error and the summary are shown, not only the title's.
    await page.locator("form.propose").getByText(m["propose.fix"]).waitFor();
    await page.getByText(m["validation.price"]).or(page.getByText(m["validation.required"]).nth(1)).first().waitFor();
    expect(errors).toEqual([]);

    // Now valid but for the field being left: the click submits, and the deal is made.
    await page.getByLabel(m["propose.titleField"], { exact: true }).fill("Charter to Porto");
    await page.getByLabel(m["propose.price"], { exact: true }).fill("295");
    await page.getByLabel(m["propose.threshold"], { exact: true }).fill("2");
    await page.getByLabel(m["propose.capacity"], { exact: true }).fill("1");
    await press(page, button);
    // The capacity (below the threshold and the prefilled "most seats") is refused, all at once.
    await page.locator("form.propose").getByText(m["validation.capacityBelowThreshold"]).waitFor();
    await page.getByLabel(m["propose.capacity"], { exact: true }).fill("20");
    await press(page, button);
    await page.waitForURL(/\/deals\/[0-9a-z]{16}/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("does not flag a prefilled field the person only passed through", { timeout: 60_000 }, async () => {
    const m = catalogues.en;
    const errors: string[] = [];
    const page = await open("en", 1280, errors);
    await page.getByLabel(m["propose.maxSeats"], { exact: true }).focus();
    await page.keyboard.press("Tab");
    await page.getByLabel(m["propose.capacity"], { exact: true }).fill("4");
    await page.keyboard.press("Tab");
    // "Most seats" (prefilled 10) is not flagged; the maximum the person typed is, with the rule it breaks.
    const maxSeats = page.getByLabel(m["propose.maxSeats"], { exact: true });
    const capacity = page.getByLabel(m["propose.capacity"], { exact: true });
    await expect(capacity.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(maxSeats.getAttribute("aria-invalid")).resolves.toBe("false");
    await page.locator("form.propose").getByText(m["validation.maxSeatsOverCapacity"]).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("takes a Dutch price and a chosen currency", { timeout: 60_000 }, async () => {
    const m = catalogues.nl;
    const errors: string[] = [];
    const page = await open("nl", 360, errors);
    await page.getByLabel(m["propose.titleField"], { exact: true }).fill("Zeilweek op het IJsselmeer");
    await page.getByLabel(m["propose.price"], { exact: true }).fill("€ 1.250,00");
    await page.getByLabel(m["propose.currency"], { exact: true }).selectOption("CHF");
    await page.getByLabel(m["propose.threshold"], { exact: true }).fill("4");
    await page.getByLabel(m["propose.capacity"], { exact: true }).fill("8");
    await page.getByLabel(m["propose.maxSeats"], { exact: true }).fill("2");
    const preview = page.getByRole("complementary", { name: m["propose.preview"] });
    await preview.getByText(/CHF\s1\.250,00/).waitFor();
    await page.getByRole("button", { name: m["propose.submit"] }).click();
    await page.waitForURL(/\/deals\/[0-9a-z]{16}/);
    const id = /\/deals\/([0-9a-z]{16})/.exec(page.url())![1]!;
    const res = await fetch(`${e2e.server.url}/api/deals/${id}`);
    const { deal } = (await res.json()) as { deal: { pricePerSeatCents: number; currency: string } };
    expect(deal).toMatchObject({ pricePerSeatCents: 125_000, currency: "CHF" });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
