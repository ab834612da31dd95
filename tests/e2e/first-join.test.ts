// The first join, in real Chromium (issue 16): the "what happens when you commit" box names the
// deal's threshold and deadline in three languages; joining a confirmed deal asks before the seats
// bind; a cancelled deal tells its participant they are not bound; a full deal's waitlist is worded
// as one; the initiator is invited to share a deal just proposed; and the countdown follows the
// server's clock, not a phone's wrong one. Screenshots of each at 360 and 1280 px.
import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { catalogues, chromiumPath, cookieOf, literally, newPerson, plural, expectAccessible, screenshot, startWebServer, watchErrors, browserAndServer } from "./support.ts";

type Server = Awaited<ReturnType<typeof startWebServer>>;
type User = Awaited<ReturnType<Server["createUser"]>>;
const m = catalogues.en;
const HOUR = 3_600_000;
const WIDTHS = [
  [360, 740],
  [1280, 800],
] as const;

describe.skipIf(!chromiumPath)("the first join in the browser", () => {
  const e2e = browserAndServer();
  const errors: string[] = [];

  /** A page in a browser of its own, signed in as `user` when given. */
  async function open(path: string, { user, locale = "en-GB", width = 1280, height = 800 }: { user?: User; locale?: string; width?: number; height?: number } = {}) {
    const context = await newPerson(e2e.browser, { locale, width, height });
    if (user) await context.addCookies([{ ...cookieOf(user), url: e2e.server.url }]);
    const page = await context.newPage();
    watchErrors(page, errors);
    await page.goto(`${e2e.server.url}${path}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    return { context, page };
  }

  /** A screenshot, and no serious or critical axe violations nor anything wider than the screen. */
  async function look(page: Page, name: string) {
    await screenshot(page, name);
    await expectAccessible(page, name);
  }

  const committed = async (dealId: string, userId: string) =>
    e2e.server.deps.prisma.commitment.findFirst({ where: { dealId, userId }, select: { status: true, seats: true } });

  it("names the deal's threshold and its deadline, in the viewer's time zone, in English, Dutch and German", { timeout: 60_000 }, async () => {
    const { deal } = await e2e.server.createDeal({ title: "Ferry to Texel", threshold: 7, capacity: 20, pricePerSeatCents: 4500 });
    for (const [lang, locale, tag] of [
      ["en", "en-GB", "en-GB"],
      ["nl", "nl-NL", "nl-NL"],
      ["de", "de-DE", "de-DE"],
    ] as const) {
      const mm = catalogues[lang];
      const { context, page } = await open(`/deals/${deal.id}`, { locale });
      try {
        const box = page.getByRole("region", { name: mm["deal.terms.title"] });
        const deadline = new Intl.DateTimeFormat(tag, {
          day: "numeric",
          month: "long",
          year: "numeric",
          hour: "2-digit",
          minute: "2-digit",
          timeZoneName: "short",
          timeZone: "Europe/Amsterdam",
        }).format(new Date(deal.deadline));
        await box.getByText(literally(plural(mm, lang, "deal.terms.bound", 7, { deadline }))).waitFor();
        const text = (await box.textContent())!;
        expect(text).toContain(mm["deal.terms.notBound"]);
        expect(text).toContain(mm["deal.terms.withdraw"]);
        expect(text).toContain(mm["deal.terms.pay"].replace("{hours}", String(deal.paymentWindowHours)));
        expect(text).toContain(mm["deal.terms.privacy"]);
        expect(await box.getByRole("link", { name: mm["deal.terms.termsLink"] }).getAttribute("href")).toBe("/terms");
        expect(await box.getByRole("link", { name: mm["deal.terms.privacyLink"] }).getAttribute("href")).toBe("/privacy");
        if (lang === "en") for (const [width, height] of WIDTHS) {
          await page.setViewportSize({ width, height });
          await look(page, "first-join-open");
        }
        if (lang === "de") {
          // On a phone the "Live" badge stays on one line.
          await page.setViewportSize({ width: 360, height: 740 });
          const live = page.locator(".live");
          await live.filter({ hasText: mm["deal.live.connected"] }).waitFor();
          expect(await live.evaluate((el) => el.getClientRects().length === 1 && el.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(el).fontSize))).toBe(true);
          await look(page, "first-join-open-de");
        }
      } finally {
        await context.close();
      }
    }
    expect(errors).toEqual([]);
  });

  for (const [width, height] of WIDTHS) {
    it(`asks before seats bind on a confirmed deal, and commits only on yes, by keyboard (${width} px)`, { timeout: 60_000 }, async () => {
      const { deal } = await e2e.server.createDeal({ title: "Coach to the Alps", threshold: 1, capacity: 10 });
      expect((await e2e.server.join(await e2e.server.createUser(), deal.id, 1)).json.deal.status).toBe("confirmed");
      const viewer = await e2e.server.createUser({ displayName: "Vera" });
      const { context, page } = await open(`/deals/${deal.id}`, { user: viewer, width, height });
      try {
        await page.getByText(m["deal.terms.bindsNow"]).waitFor();
        const join = page.getByRole("button", { name: plural(m, "en", "deal.join.submit", 1) });
        await join.click();
        const dialog = page.getByRole("dialog", { name: m["deal.confirmJoin.title"] });
        await dialog.waitFor();
        await look(page, "first-join-confirm-dialog");
        // Escape keeps everything as it was: nothing is committed.
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "hidden" });
        expect(await committed(deal.id, viewer.id)).toBeNull();
        // Asked again, and confirmed by keyboard: the dialog gave the focus back to the button; the
        // focus starts on "Not now", the next is yes.
        await expect.poll(() => join.evaluate((el) => el === document.activeElement)).toBe(true);
        await page.keyboard.press("Enter");
        await dialog.waitFor();
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(m["deal.confirmJoin.cancel"]);
        await page.keyboard.press("Tab");
        await page.keyboard.press("Enter");
        await page.getByText(plural(m, "en", "deal.mine.active", 1)).waitFor();
        await page.getByText(m["deal.mine.binding"]).waitFor();
        expect(await committed(deal.id, viewer.id)).toEqual({ status: "active", seats: 1 });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it(`tells a participant of a cancelled deal that they are not bound (${width} px)`, { timeout: 60_000 }, async () => {
      const { deal, initiator } = await e2e.server.createDeal({ title: "Wine tasting in Porto", threshold: 8, capacity: 12 });
      const ada = await e2e.server.createUser({ displayName: "Ada" });
      expect((await e2e.server.join(ada, deal.id, 4)).status).toBe(201);
      expect((await e2e.server.api("POST", `/api/deals/${deal.id}/cancel`, { as: initiator })).status).toBe(200);
      const { context, page } = await open(`/deals/${deal.id}`, { user: ada, width, height });
      try {
        await page.getByRole("status").filter({ hasText: m["deal.mine.notBound.cancelled"] }).waitFor();
        const main = (await page.locator("article.deal").textContent())!;
        expect(main).not.toContain(plural(m, "en", "deal.mine.active", 4));
        expect(main).not.toMatch(/more seats? needed/);
        expect(main).toContain(m["status.cancelled"]);
        expect(await page.getByRole("button", { name: m["deal.share"] }).count()).toBe(0);
        expect(await page.getByRole("button", { name: m["deal.withdraw"] }).count()).toBe(0);
        // No countdown: the time left says why there is none.
        expect(await page.locator(".countdown").textContent()).toBe(m["status.cancelled"]);
        await look(page, "first-join-cancelled-participant");

        // "My deals" says what the commitment means now, not "Active".
        await page.goto(`${e2e.server.url}/me`);
        const item = page.getByRole("listitem").filter({ hasText: "Wine tasting in Porto" });
        await item.getByText(m["me.notBound"], { exact: false }).waitFor();
        expect(await item.textContent()).not.toContain(m["commitment.active"]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it(`words the waitlist of a confirmed full deal as a waitlist (${width} px)`, { timeout: 60_000 }, async () => {
      const { deal } = await e2e.server.createDeal({ title: "Sailing weekend", threshold: 2, capacity: 2, maxSeatsPerCommitment: 2 });
      expect((await e2e.server.join(await e2e.server.createUser(), deal.id, 2)).json.deal.status).toBe("confirmed");
      const wes = await e2e.server.createUser({ displayName: "Wes" });
      const { context, page } = await open(`/deals/${deal.id}`, { user: wes, width, height });
      try {
        await page.getByText(m["deal.terms.waitlistConfirmed"]).waitFor();
        // Joining the waitlist binds nobody: no question first.
        await page.getByRole("button", { name: m["deal.join.waitlist"] }).click();
        await page.getByRole("status").filter({ hasText: literally(plural(m, "en", "deal.mine.waitlisted", 1, { position: 1 })) }).waitFor();
        expect(await page.getByRole("dialog").count()).toBe(0);
        expect(await committed(deal.id, wes.id)).toEqual({ status: "waitlisted", seats: 1 });
        await page.getByText(plural(m, "en", "progress.waitlistPeople", 1)).waitFor();
        await look(page, "first-join-waitlist");
        // Leaving the waitlist talks about the place in line, not about releasing seats.
        await page.getByRole("button", { name: m["deal.leaveWaitlist"] }).click();
        const dialog = page.getByRole("dialog", { name: `${m["deal.leaveWaitlist"]}?` });
        await dialog.waitFor();
        const said = (await dialog.textContent())!;
        expect(said).toContain(m["deal.leaveWaitlist.text"]);
        expect(said).not.toContain(m["deal.withdraw.text"]);
        await dialog.getByRole("button", { name: m["deal.leaveWaitlist"] }).click();
        await page.getByText(m["deal.withdrawn"]).waitFor();
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it(`invites the initiator to share a deal just proposed (${width} px)`, { timeout: 60_000 }, async () => {
      const ines = await e2e.server.createUser({ displayName: "Ines" });
      const { context, page } = await open("/deals/new", { user: ines, width, height });
      try {
        await page.getByLabel(m["propose.titleField"], { exact: true }).fill(`Bus to Berlin ${width}`);
        await page.getByLabel(m["propose.price"], { exact: true }).fill("35");
        await page.getByLabel(m["propose.threshold"], { exact: true }).fill("12");
        await page.getByRole("button", { name: m["propose.submit"] }).click();
        const moment = page.getByRole("region", { name: m["deal.launch.title"] });
        await moment.waitFor();
        const url = page.url().replace(/[?#].*$/, "");
        expect(url).toMatch(/\/deals\/[0-9a-z]{16}$/);
        expect(await moment.getByLabel(m["deal.share.link"]).inputValue()).toBe(url);
        const whatsapp = await moment.getByRole("link", { name: m["deal.launch.whatsapp"] }).getAttribute("href");
        expect(whatsapp).toMatch(/^https:\/\/wa\.me\/\?text=/);
        expect(decodeURIComponent(whatsapp!.slice("https://wa.me/?text=".length))).toContain(url);
        await moment.getByRole("button", { name: m["deal.launch.copy"] }).waitFor();
        await look(page, "first-join-share-moment");
        // A reload, or anyone else opening the link, sees the deal without it.
        await page.reload();
        await page.getByRole("heading", { level: 1 }).waitFor();
        await page.getByText(plural(m, "en", "progress.needed", 12)).waitFor();
        expect(await page.getByRole("region", { name: m["deal.launch.title"] }).count()).toBe(0);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it("counts down with the server's clock when the phone's is three hours behind", { timeout: 60_000 }, async () => {
    const { deal } = await e2e.server.createDeal({ title: "Last-minute boat trip", threshold: 3, deadline: new Date(Date.now() + 40 * 60_000).toISOString() });
    const context: BrowserContext = await newPerson(e2e.browser);
    try {
      await context.clock.install({ time: Date.now() - 3 * HOUR });
      const page: Page = await context.newPage();
      watchErrors(page, errors);
      await page.goto(`${e2e.server.url}/deals/${deal.id}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await page.evaluate(() => Date.now())).toBeLessThan(Date.now() - 2 * HOUR);
      // By the phone's clock three hours and some forty minutes would be left.
      await page.locator(".countdown").filter({ hasText: /^(39|40) minutes/ }).waitFor();
      expect(await page.locator(".countdown").textContent()).not.toMatch(/hour/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
