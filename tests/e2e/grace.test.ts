// The soft threshold in real Chromium: a deal ends at its soft threshold and its page shows the
// grace banner (what happens next, until when); the initiator goes ahead with a message, asked
// first; the participant's open page shows the decision live; at the end of grace both pages
// turn confirmed without a reload. Screenshots at 360 and 1280 px go to test-results/.
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { catalogues, chromiumPath, cookieOf, newPerson, screenshot, watchErrors, browserAndServer, expectAccessible } from "./support.ts";
import { clock } from "../../api/clock.ts";
import { sweepGrace } from "../../api/deals/sweep-grace.ts";

const HOUR = 3_600_000;

describe.skipIf(!chromiumPath)("grace in the browser", () => {
  const e2e = browserAndServer();

  afterAll(async () => {
    clock.setOffset(0);
  });

  it("ends at the soft threshold, goes through grace, and is confirmed after the go-ahead", { timeout: 90_000 }, async () => {
    const m = catalogues.en;
    const errors: string[] = [];
      const deadline = clock.nowMs() + 2 * HOUR;
    const { deal, initiator } = await e2e.server.createDeal({ threshold: 4, softThreshold: 2, deadline: new Date(deadline).toISOString() });
    const [ada, bob] = [await e2e.server.createUser({ displayName: "Ada" }), await e2e.server.createUser({ displayName: "Bob" })];
    for (const u of [ada, bob]) expect((await e2e.server.join(u, deal.id, 1)).status).toBe(201);
    e2e.server.advance(deadline - clock.nowMs() + 1);

    const open = async (user: { cookie: string }, width: number): Promise<Page> => {
      const context = await newPerson(e2e.browser, { locale: "en-GB", width, height: 900 });
      e2e.contexts.push(context);
      await context.addCookies([{ ...cookieOf(user), url: e2e.server.url }]);
      const page = await context.newPage();
      watchErrors(page, errors);
      await page.goto(`${e2e.server.url}/deals/${deal.id}`);
      await page.getByRole("heading", { name: m["grace.title"] }).waitFor();
      return page;
    };

    const adasPage = await open(ada, 360);
    const banner = adasPage.locator(".banner--grace");
    await expect(banner.textContent()).resolves.toMatch(/2 of 4 seats.*soft threshold of 2/);
    await adasPage.getByRole("button", { name: m["grace.withdraw"] }).waitFor();
    expect(await adasPage.getByRole("button", { name: m["grace.goAhead"] }).count()).toBe(0);
    await screenshot(adasPage, "grace-participant");
    await expectAccessible(adasPage, "the grace page at 360 px");

    const inesPage = await open(initiator, 1280);
    await screenshot(inesPage, "grace-initiator");
    await expectAccessible(inesPage, "the initiator's grace page");
    // An empty message is refused in the page, before asking.
    await inesPage.getByRole("button", { name: m["grace.goAhead"], exact: true }).click();
    await inesPage.getByText(m["validation.required"]).waitFor();
    await inesPage.getByLabel(m["grace.goAhead.message"]).fill("<b>We fly</b>: the airline holds the slot.");
    await inesPage.getByRole("button", { name: m["grace.goAhead"], exact: true }).click();
    const dialog = inesPage.getByRole("dialog");
    await dialog.getByText(m["grace.goAhead.confirm"]).waitFor();
    await screenshot(inesPage, "grace-initiator-asking");
    await dialog.getByRole("button", { name: m["grace.confirmYes"] }).click();

    // The decision reaches the participant's open page without a reload.
    await adasPage.getByText(m["banner.grace.decided"].slice(0, 30)).waitFor();
    const update = await e2e.server.deps.prisma.dealUpdate.findFirstOrThrow({ where: { dealId: deal.id } });
    expect(update.body).toBe("<b>We fly</b>: the airline holds the slot.");

    // The end of grace: both pages turn confirmed (the page reads the deal again when it ends).
    const row = await e2e.server.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } });
    e2e.server.advance(row.graceEndsAt!.getTime() - clock.nowMs() + 1);
    await sweepGrace(e2e.server.deps);
    for (const page of [adasPage, inesPage]) await page.locator(".banner--confirmed").waitFor({ timeout: 15_000 });
    await screenshot(inesPage, "grace-confirmed");
    expect(await e2e.server.notifications({ dealId: deal.id, kind: "deal-confirmed" })).toHaveLength(3);

    expect(errors).toEqual([]);
  });

  it("edits a deal on the manage page, with the locked terms shown as locked", { timeout: 60_000 }, async () => {
    const m = catalogues.en;
    const errors: string[] = [];
    const { deal, initiator } = await e2e.server.createDeal({ threshold: 4, capacity: 6, pricePerSeatCents: 29500 });
    expect((await e2e.server.join(await e2e.server.createUser(), deal.id, 1)).status).toBe(201);
    for (const width of [360, 1280]) {
      const context = await newPerson(e2e.browser, { locale: "en-GB", width, height: 900 });
      await context.addCookies([{ ...cookieOf(initiator), url: e2e.server.url }]);
      const page = await context.newPage();
      watchErrors(page, errors);
      await page.goto(`${e2e.server.url}/deals/${deal.id}/manage`);
      await page.getByText(m["manage.edit.locked"]).waitFor();
      const price = page.getByLabel(`${m["propose.price"]} (${m["manage.edit.lockedField"]})`);
      expect(await price.getAttribute("readonly")).not.toBeNull();
      await page.getByLabel(m["propose.description"]).fill(`Four days in May, ${width}.`);
      await page.getByLabel(m["propose.capacity"]).fill("8");
      await page.getByRole("button", { name: m["manage.edit.save"] }).click();
      await page.getByText(m["manage.edit.saved"]).waitFor();
      await screenshot(page, "manage-edit-locked");
      await expectAccessible(page, `the manage page at ${width} px`);
      await page.goto(`${e2e.server.url}/deals/new`);
      await page.getByText(m["propose.more"]).click();
      await page.getByLabel(m["propose.softThreshold"]).waitFor();
      await screenshot(page, "propose-more-options");
      await expectAccessible(page, `the propose page at ${width} px`);
      await context.close();
    }
    expect(await e2e.server.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({
      description: "Four days in May, 1280.",
      capacity: 8,
      pricePerSeatCents: 29500,
    });
    expect(errors).toEqual([]);
  });
});
