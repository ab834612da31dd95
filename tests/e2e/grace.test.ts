// The soft threshold in real Chromium: a deal ends at its soft threshold and its page shows the
// grace banner (what happens next, until when); the initiator goes ahead with a message, asked
// first; the participant's open page shows the decision live; at the end of grace both pages
// turn confirmed without a reload. Screenshots at 360 and 1280 px go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { catalogues, chromiumPath, launchBrowser, newPerson, runAxe, screenshot, startWebServer, watchErrors } from "./support.ts";
import { clock } from "../../api/clock.ts";
import { sweepGrace } from "../../api/deals/sweep-grace.ts";

type Server = Awaited<ReturnType<typeof startWebServer>>;

/** No serious or critical axe violation, and nothing wider than the screen. */
async function expectAccessible(page: Page, what: string) {
  const serious = (await runAxe(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`), what).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${what}: overflow`).toBeLessThanOrEqual(0);
}
const HOUR = 3_600_000;

describe.skipIf(!chromiumPath)("grace in the browser", () => {
  let browser: Browser;
  let server: Server;

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), startWebServer()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    clock.setOffset(0);
  });

  it("ends at the soft threshold, goes through grace, and is confirmed after the go-ahead", { timeout: 90_000 }, async () => {
    const m = catalogues.en;
    const errors: string[] = [];
    const contexts: BrowserContext[] = [];
    const deadline = clock.nowMs() + 2 * HOUR;
    const { deal, initiator } = await server.createDeal({ threshold: 4, softThreshold: 2, deadline: new Date(deadline).toISOString() });
    const [ada, bob] = [await server.createUser({ displayName: "Ada" }), await server.createUser({ displayName: "Bob" })];
    for (const u of [ada, bob]) expect((await server.join(u, deal.id, 1)).status).toBe(201);
    server.advance(deadline - clock.nowMs() + 1);

    const open = async (user: { cookie: string }, width: number): Promise<Page> => {
      const context = await newPerson(browser, { locale: "en-GB", width, height: 900 });
      contexts.push(context);
      const [name, value] = user.cookie.split("=") as [string, string];
      await context.addCookies([{ name, value, url: server.url }]);
      const page = await context.newPage();
      watchErrors(page, errors);
      await page.goto(`${server.url}/deals/${deal.id}`);
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
    const update = await server.deps.prisma.dealUpdate.findFirstOrThrow({ where: { dealId: deal.id } });
    expect(update.body).toBe("<b>We fly</b>: the airline holds the slot.");

    // The end of grace: both pages turn confirmed (the page reads the deal again when it ends).
    const row = await server.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } });
    server.advance(row.graceEndsAt!.getTime() - clock.nowMs() + 1);
    await sweepGrace(server.deps);
    for (const page of [adasPage, inesPage]) await page.locator(".banner--confirmed").waitFor({ timeout: 15_000 });
    await screenshot(inesPage, "grace-confirmed");
    expect(await server.notifications({ dealId: deal.id, kind: "deal-confirmed" })).toHaveLength(3);

    for (const c of contexts) await c.close();
    expect(errors).toEqual([]);
  });

  it("edits a deal on the manage page, with the locked terms shown as locked", { timeout: 60_000 }, async () => {
    const m = catalogues.en;
    const errors: string[] = [];
    const { deal, initiator } = await server.createDeal({ threshold: 4, capacity: 6, pricePerSeatCents: 29500 });
    expect((await server.join(await server.createUser(), deal.id, 1)).status).toBe(201);
    for (const width of [360, 1280]) {
      const context = await newPerson(browser, { locale: "en-GB", width, height: 900 });
      const [name, value] = initiator.cookie.split("=") as [string, string];
      await context.addCookies([{ name, value, url: server.url }]);
      const page = await context.newPage();
      watchErrors(page, errors);
      await page.goto(`${server.url}/deals/${deal.id}/manage`);
      await page.getByText(m["manage.edit.locked"]).waitFor();
      const price = page.getByLabel(`${m["propose.price"]} (${m["manage.edit.lockedField"]})`);
      expect(await price.getAttribute("readonly")).not.toBeNull();
      await page.getByLabel(m["propose.description"]).fill(`Four days in May, ${width}.`);
      await page.getByLabel(m["propose.capacity"]).fill("8");
      await page.getByRole("button", { name: m["manage.edit.save"] }).click();
      await page.getByText(m["manage.edit.saved"]).waitFor();
      await screenshot(page, "manage-edit-locked");
      await expectAccessible(page, `the manage page at ${width} px`);
      await page.goto(`${server.url}/deals/new`);
      await page.getByText(m["propose.more"]).click();
      await page.getByLabel(m["propose.softThreshold"]).waitFor();
      await screenshot(page, "propose-more-options");
      await expectAccessible(page, `the propose page at ${width} px`);
      await context.close();
    }
    expect(await server.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({
      description: "Four days in May, 1280.",
      capacity: 8,
      pricePerSeatCents: 29500,
    });
    expect(errors).toEqual([]);
  });
});
