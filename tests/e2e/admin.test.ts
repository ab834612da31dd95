// Moderation in real Chromium: a participant reports a deal from its page (the report dialog), and
// an administrator works through /admin: the reports with their deal and reporter, hiding a deal
// and blocking a user, each asked about first, and the action log. axe-core finds no serious or
// critical violations at 360×740 and 1280×800, nothing is wider than the screen, and screenshots
// go to test-results/screenshots/. Someone who is not an administrator is told the page is not theirs.
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { catalogues, chromiumPath, cookieOf, fill, newPerson, runAxe, screenshot, startWebServer, watchErrors, browserAndServer } from "./support.ts";

type Server = Awaited<ReturnType<typeof startWebServer>>;
type User = Awaited<ReturnType<Server["createUser"]>>;
const m = catalogues.en;

describe.skipIf(!chromiumPath)("moderation pages", () => {
  const e2e = browserAndServer({ ADMIN_EMAILS: "admin@example.com" });
  let admin: User, ines: User, mallory: User, grace: User;
  let lisbon: string, watches: string;

  beforeAll(async () => {
    admin = await e2e.server.createUser({ email: "admin@example.com", displayName: "Alex Admin" });
    ines = await e2e.server.createUser({ displayName: "Ines Duarte" });
    mallory = await e2e.server.createUser({ displayName: "Mallory Sells" });
    grace = await e2e.server.createUser({ displayName: "Grace Hopper" });
    lisbon = (await e2e.server.createDeal({ initiator: ines, title: "Charter to Lisbon, 12–16 May", threshold: 5 })).deal.id;
    watches = (await e2e.server.createDeal({ initiator: mallory, title: "Luxury watches at 90% off", kind: "deal", destination: null, departsOn: null, returnsOn: null })).deal.id;
    await e2e.server.join(grace, lisbon, 1);
    await e2e.server.api("POST", `/api/deals/${watches}/report`, {
      as: ines,
      body: { reason: "Asks for payment by bank transfer to a private account before anyone commits." },
    });
  });

  async function as(user: User, width: number, height: number): Promise<Page> {
    const context = await newPerson(e2e.browser, { width, height });
    await context.addCookies([{ ...cookieOf(user), url: e2e.server.url }]);
    return context.newPage();
  }

  async function audit(page: Page, name: string, report: string[]) {
    await screenshot(page, name);
    for (const v of (await runAxe(page)).filter((v) => v.impact === "serious" || v.impact === "critical")) {
      report.push(`${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) report.push(`${name}: ${overflow}px wider than the viewport`);
  }

  it("lets a participant report a deal from its page", { timeout: 60_000 }, async () => {
    const report: string[] = [];
    const errors: string[] = [];
    const page = await as(grace, 360, 740);
    watchErrors(page, errors);
    await page.goto(`${e2e.server.url}/deals/${lisbon}`);
    await page.getByRole("button", { name: m["report.open"] }).click();
    const dialog = page.getByRole("dialog", { name: m["report.title"] });
    await dialog.waitFor();
    // Nothing written: said so, nothing sent.
    await dialog.getByRole("button", { name: m["report.send"] }).click();
    await dialog.getByText(m["report.empty"]).waitFor();
    await dialog.getByLabel(m["report.reason"]).fill("The dates changed twice; the price looks too low to be true.");
    await audit(page, "deal-report-dialog", report);
    await dialog.getByRole("button", { name: m["report.send"] }).click();
    await dialog.getByText(m["report.sent"]).waitFor();
    await page.context().close();

    const reports = await e2e.server.deps.prisma.report.findMany({ where: { dealId: lisbon } });
    expect(reports.map((r) => [r.reporterId, r.reason])).toEqual([[grace.id, "The dates changed twice; the price looks too low to be true."]]);
    // The initiator is not offered a report button on their own deal.
    const own = await as(ines, 1280, 800);
    await own.goto(`${e2e.server.url}/deals/${lisbon}`);
    await own.getByRole("link", { name: m["deal.manage"] }).waitFor();
    expect(await own.getByRole("button", { name: m["report.open"] }).count()).toBe(0);
    await own.context().close();
    expect(errors).toEqual([]);
    expect(report).toEqual([]);
  });

  for (const [width, height] of [
    [360, 740],
    [1280, 800],
  ] as const) {
    it(`shows the reports and the log to an administrator at ${width}×${height}`, { timeout: 60_000 }, async () => {
      const report: string[] = [];
      const errors: string[] = [];
      const page = await as(admin, width, height);
      watchErrors(page, errors);
      await page.goto(`${e2e.server.url}/admin`);
      await page.getByRole("heading", { level: 1, name: m["admin.title"] }).waitFor();
      await page.getByRole("link", { name: "Luxury watches at 90% off" }).waitFor();
      await page.getByText(fill(m["admin.report.by"], { name: "Ines Duarte" })).waitFor();
      await audit(page, "admin", report);
      expect(errors).toEqual([]);
      expect(report).toEqual([]);
      await page.context().close();
    });
  }

  it("asks before hiding and blocking, does it, and logs it", { timeout: 60_000 }, async () => {
    const report: string[] = [];
    const errors: string[] = [];
    const page = await as(admin, 1280, 800);
    watchErrors(page, errors);
    await page.goto(`${e2e.server.url}/admin`);
    const lisbonReport = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Charter to Lisbon, 12–16 May" }) });
    await lisbonReport.getByRole("button", { name: m["admin.hide"] }).click();
    const hideDialog = page.getByRole("dialog", { name: fill(m["admin.hide.title"], { title: "Charter to Lisbon, 12–16 May" }) });
    await hideDialog.waitFor();
    await audit(page, "admin-hide-dialog", report);
    // Asked first: keeping it changes nothing.
    await hideDialog.getByRole("button", { name: m["admin.keep"] }).click();
    expect((await e2e.server.deps.prisma.deal.findUniqueOrThrow({ where: { id: lisbon } })).hiddenAt).toBeNull();
    await lisbonReport.getByRole("button", { name: m["admin.hide"] }).click();
    await hideDialog.getByRole("button", { name: m["admin.hide.confirm"] }).click();
    await page.getByRole("status").filter({ hasText: m["admin.done.hide"] }).waitFor();
    await lisbonReport.getByText(m["admin.hidden"]).waitFor();
    expect(await lisbonReport.getByRole("button", { name: m["admin.hide"] }).isDisabled()).toBe(true);

    const watchesReport = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Luxury watches at 90% off" }) });
    await watchesReport.getByRole("button", { name: fill(m["admin.block"], { name: "Mallory Sells" }) }).click();
    const blockDialog = page.getByRole("dialog", { name: fill(m["admin.block.title"], { name: "Mallory Sells" }) });
    await blockDialog.getByRole("button", { name: m["admin.block.confirm"] }).click();
    await page.getByRole("status").filter({ hasText: fill(m["admin.done.block"], { name: "Mallory Sells" }) }).waitFor();
    const log = page.getByRole("region", { name: m["admin.actions"] });
    await log.getByText(fill(m["admin.action.block-user"], { admin: "Alex Admin", target: "Mallory Sells" })).waitFor();
    await log.getByText(fill(m["admin.action.hide-deal"], { admin: "Alex Admin", target: "Charter to Lisbon, 12–16 May" })).waitFor();
    await audit(page, "admin-after-actions", report);
    await page.context().close();

    const deals = await e2e.server.deps.prisma.deal.findMany({ where: { id: { in: [lisbon, watches] } }, orderBy: { title: "asc" } });
    expect(deals.map((d) => [d.title, d.status, d.hiddenAt !== null])).toEqual([
      ["Charter to Lisbon, 12–16 May", "cancelled", true],
      ["Luxury watches at 90% off", "cancelled", true],
    ]);
    expect((await e2e.server.deps.prisma.user.findUniqueOrThrow({ where: { id: mallory.id } })).blockedAt).not.toBeNull();
    expect(errors).toEqual([]);
    expect(report).toEqual([]);
  });

  it("tells anyone else the page is not for them", { timeout: 30_000 }, async () => {
    const page = await as(grace, 360, 740);
    await page.goto(`${e2e.server.url}/admin`);
    await page.getByText(m["admin.forbidden"]).waitFor();
    await page.context().close();
    const anonymous = await (await newPerson(e2e.browser)).newPage();
    await anonymous.goto(`${e2e.server.url}/admin`);
    await anonymous.getByRole("link", { name: m["common.signIn"] }).last().waitFor();
    await anonymous.context().close();
  });
});
