// Every main page in real Chromium, at a phone's width (360×740) and a desktop's (1280×800):
// axe-core finds no serious or critical violations, a screenshot goes to
// test-results/screenshots/, and the deal page works by keyboard alone.
import { beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { home } from "../../api/contract/i18n/en/home.ts";
import { catalogues, chromiumPath, cookieOf, newPerson, plural, runAxe, screenshot, watchErrors, browserAndServer } from "./support.ts";

const m = catalogues.en;

describe.skipIf(!chromiumPath)("the main pages", () => {
  const e2e = browserAndServer();
  let cookie: { name: string; value: string };
  let dealId: string;
  let fullDealId: string;

  beforeAll(async () => {
    const initiator = await e2e.server.createUser({ email: "ada@example.com", displayName: "Ada Lovelace" });
    cookie = cookieOf(initiator);
    const { deal } = await e2e.server.createDeal({
      initiator,
      title: "Charter to Lisbon, 12–16 May",
      description: "A direct flight from Amsterdam.\nFour nights, breakfast included.",
      threshold: 5,
      capacity: 8,
      maxSeatsPerCommitment: 3,
    });
    dealId = deal.id;
    for (const [n, seats] of [
      ["Grace", 1],
      ["Edsger", 1],
    ] as const) {
      const u = await e2e.server.createUser({ displayName: n });
      await e2e.server.join(u, dealId, seats);
    }
    const tipped = await e2e.server.createDeal({ initiator, title: "Group order: 40 kg of coffee beans", kind: "deal", destination: null, departsOn: null, returnsOn: null, threshold: 1, pricePerSeatCents: 1250 });
    fullDealId = tipped.deal.id;
    await e2e.server.join(initiator, fullDealId, 1);
    await e2e.server.join(await e2e.server.createUser({ displayName: "Barbara" }), fullDealId, 1);
    await e2e.server.api("POST", "/api/auth/email", { body: { email: "ada@example.com" } });
    await e2e.server.built.background.runNow();
  });

  async function signedIn(width: number, height: number): Promise<BrowserContext> {
    const context = await newPerson(e2e.browser, { width, height });
    await context.addCookies([{ ...cookie, url: e2e.server.url }]);
    return context;
  }

  const pages: { name: string; path: () => string; heading: string | RegExp; signedIn?: boolean }[] = [
    { name: "home", path: () => "/", heading: home.title },
    { name: "deal", path: () => `/deals/${dealId}`, heading: "Charter to Lisbon, 12–16 May", signedIn: true },
    { name: "deal-signed-out", path: () => `/deals/${dealId}`, heading: "Charter to Lisbon, 12–16 May" },
    { name: "propose", path: () => "/deals/new", heading: m["propose.title"], signedIn: true },
    { name: "manage", path: () => `/deals/${dealId}/manage`, heading: /^Manage: Charter/, signedIn: true },
    { name: "me", path: () => "/me", heading: m["me.title"], signedIn: true },
    { name: "sign-in", path: () => "/sign-in", heading: m["signIn.title"] },
    { name: "mailbox", path: () => "/dev/mailbox", heading: m["mailbox.title"] },
    { name: "not-found", path: () => "/no/such/page", heading: m["notFound.title"] },
  ];

  for (const [width, height] of [
    [360, 740],
    [1280, 800],
  ] as const) {
    it(`has no serious or critical axe violations at ${width}×${height}, and is screenshotted`, { timeout: 60_000 }, async () => {
      const report: string[] = [];
      const errors: string[] = [];
      const signedInContext = await signedIn(width, height);
      const anonymous = await newPerson(e2e.browser, { width, height });
      try {
        for (const p of pages) {
          const page = await (p.signedIn ? signedInContext : anonymous).newPage();
          watchErrors(page, errors);
          await page.goto(e2e.server.url + p.path());
          await page.getByRole("heading", { level: 1, name: p.heading }).waitFor();
          await page.waitForFunction(() => !document.querySelector(".state--loading"));
          await screenshot(page, p.name);
          const serious = (await runAxe(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
          for (const v of serious) report.push(`${p.name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
          // Nothing is wider than the screen.
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) report.push(`${p.name}: ${overflow}px wider than the viewport`);
          await page.close();
        }
        // The withdraw dialog, open, for someone who joined the open deal.
        const joiner = await e2e.server.createUser();
        await e2e.server.join(joiner, dealId, 1);
        const page = await signedInContext.newPage();
        await page.context().addCookies([{ ...cookieOf(joiner), url: e2e.server.url }]);
        await page.goto(`${e2e.server.url}/deals/${dealId}`);
        await page.getByRole("button", { name: m["deal.withdraw"] }).click();
        await page.getByRole("dialog", { name: m["deal.withdraw.title"] }).waitFor();
        await screenshot(page, "deal-withdraw-dialog");
        const inDialog = (await runAxe(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
        for (const v of inDialog) report.push(`dialog: ${v.id} (${v.impact}) ${v.help}`);
        await page.getByRole("button", { name: m["deal.withdraw.confirm"] }).click();
        await page.getByText(m["deal.withdrawn"]).waitFor();
        await page.close();

        // The propose form after a submit with nothing filled in: errors next to the fields.
        const form = await signedInContext.newPage();
        watchErrors(form, errors);
        await form.goto(`${e2e.server.url}/deals/new`);
        await form.getByRole("button", { name: m["propose.submit"] }).click();
        await form.getByRole("alert").filter({ hasText: m["propose.fix"] }).waitFor();
        expect(await form.getByLabel(m["propose.titleField"], { exact: true }).getAttribute("aria-invalid")).toBe("true");
        await screenshot(form, "propose-errors");
        const inForm = (await runAxe(form)).filter((v) => v.impact === "serious" || v.impact === "critical");
        for (const v of inForm) report.push(`propose-errors: ${v.id} (${v.impact}) ${v.help}`);
        await form.close();
      } finally {
        await signedInContext.close();
        await anonymous.close();
      }
      expect(report).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  it("can be used by keyboard alone: join a deal, withdraw, with visible focus", { timeout: 30_000 }, async () => {
    const context = await newPerson(e2e.browser);
    await context.addCookies([{ ...cookieOf(await e2e.server.createUser()), url: e2e.server.url }]);
    try {
      const page = await context.newPage();
      await page.goto(`${e2e.server.url}/deals/${dealId}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      // The skip link comes first and leads to the content.
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(m["app.skip"]);
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).not.toBe("none");

      const join = page.getByRole("button", { name: plural(m, "en", "deal.join.submit", 1) });
      for (let i = 0; i < 30 && !(await join.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
      expect(await join.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await join.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
      await page.keyboard.press("Enter");
      await page.getByText(plural(m, "en", "deal.mine.active", 1)).waitFor();

      const withdraw = page.getByRole("button", { name: m["deal.withdraw"] });
      for (let i = 0; i < 30 && !(await withdraw.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog", { name: m["deal.withdraw.title"] });
      await dialog.waitFor();
      // Escape keeps the seats; asking again and confirming withdraws.
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
      await page.getByText(plural(m, "en", "deal.mine.active", 1)).waitFor();
      await withdraw.focus();
      // On a busy machine the page can take a moment to hand focus back after the dialog closed.
      await expect.poll(() => withdraw.evaluate((el) => el === document.activeElement), { timeout: 10_000 }).toBe(true);
      await page.keyboard.press("Enter");
      await dialog.waitFor({ timeout: 15_000 });
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await page.getByText(m["deal.withdrawn"]).waitFor();
    } finally {
      await context.close();
    }
  });

  async function htmlLang(page: Page) {
    return page.evaluate(() => document.documentElement.lang);
  }

  it("remembers the language switch, and the server renders <html lang> from it", { timeout: 30_000 }, async () => {
    const context = await newPerson(e2e.browser, { locale: "en-GB" });
    try {
      const page = await context.newPage();
      await page.goto(`${e2e.server.url}/deals/${dealId}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await htmlLang(page)).toBe("en");
      await page.getByLabel(m["app.language"]).selectOption("de");
      await page.getByRole("button", { name: catalogues.de["deal.share"] }).waitFor();
      expect(await htmlLang(page)).toBe("de");
      // A fresh load: the server already answers in German, before any script runs.
      const res = await page.request.get(`${e2e.server.url}/deals/${dealId}`);
      expect(await res.text()).toMatch(/<html lang="de">/);
      await page.reload();
      await page.getByRole("button", { name: catalogues.de["deal.share"] }).waitFor();
      expect(await htmlLang(page)).toBe("de");
    } finally {
      await context.close();
    }
  });
});
