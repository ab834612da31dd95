// The manage page in real Chromium: the totals (committed and waitlisted apart, money in the
// deal's currency), the participants as cards on a phone, and removing a participant, asked first
// in a dialog that names the person and the seats, by mouse and by keyboard. Screenshots at 360
// and 1280 px go to test-results/.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { catalogues, chromiumPath, cookieOf, fill, newPerson, plural, screenshot, SCREENSHOT_DIR, watchErrors, browserAndServer, expectAccessible } from "./support.ts";

describe.skipIf(!chromiumPath)("the manage page in the browser", () => {
  const e2e = browserAndServer();

  /** Capacity 6: Ada 3 and Bob 2 active, Cleo 2 and Dan 3 waitlisted (Cleo fits once Ada leaves). */
  async function scene() {
    const { deal, initiator } = await e2e.server.createDeal({ title: "Zeilweekend Friesland", threshold: 5, capacity: 6, maxSeatsPerCommitment: 3, pricePerSeatCents: 12550 });
    const users = [];
    for (const [name, seats] of [["Ada Lovelace", 3], ["Bob Dijkstra", 2], ["Cleo Müller", 2], ["Dan Øvergaard", 3]] as const) {
      const u = await e2e.server.createUser({ displayName: name, email: `${name.split(" ")[0]!.toLowerCase()}.${Date.now()}@example.com` });
      expect((await e2e.server.join(u, deal.id, seats)).status).toBe(201);
      users.push(u);
    }
    return { deal, initiator, users };
  }

  async function managePage(initiator: { cookie: string }, dealId: string, width: number, locale = "en-GB") {
    const context = await newPerson(e2e.browser, { locale, width, height: 900 });
    e2e.contexts.push(context);
    await context.addCookies([{ ...cookieOf(initiator), url: e2e.server.url }]);
    const page = await context.newPage();
    const errors: string[] = [];
    watchErrors(page, errors);
    await page.goto(`${e2e.server.url}/deals/${dealId}/manage`);
    return { page, errors };
  }

  it("shows the totals and removes a participant after the dialog, at 360 and 1280 px", { timeout: 120_000 }, async () => {
    const m = catalogues.en;
    const { deal, initiator, users } = await scene();
    const [ada, , cleo] = users;

    for (const width of [1280, 360]) {
      const { page, errors } = await managePage(initiator, deal.id, width);
      await page.getByRole("heading", { name: m["manage.totals.title"] }).waitFor();
      const totals = page.locator(".totals");
      // 5 seats committed by 2 people, 5 waitlisted by 2, at €125.50 a seat.
      await expect(totals.textContent()).resolves.toContain(plural(m, "en", "manage.totals.seats", 5));
      await expect(totals.textContent()).resolves.toContain("€627.50");
      await page.getByRole("button", { name: fill(m["manage.remove.label"], { name: "Ada Lovelace" }) }).waitFor();
      await expectAccessible(page, `manage at ${width}`);
      await screenshot(page, "manage");
      // On a phone the rows are cards: every cell is inside the screen.
      if (width === 360) {
        const right = await page.locator(".table--cards td").evaluateAll((tds) => Math.max(...tds.map((td) => td.getBoundingClientRect().right)));
        expect(right).toBeLessThanOrEqual(360);
      }
      // The dialog names the person and the seats, and what follows; "Keep" leaves everything as it was.
      await page.getByRole("button", { name: fill(m["manage.remove.label"], { name: "Ada Lovelace" }) }).click();
      const dialog = page.getByRole("dialog", { name: fill(m["manage.remove.title"], { name: "Ada Lovelace" }) });
      await dialog.waitFor();
      await expect(dialog.textContent()).resolves.toContain(plural(m, "en", "manage.remove.active", 3, { name: "Ada Lovelace" }));
      await expect(dialog.textContent()).resolves.toContain("Quorum does not refund");
      // The modal, as the screen shows it (a full-page picture would place it mid-page).
      await page.screenshot({ path: join(SCREENSHOT_DIR, `manage-remove-dialog-${width}.png`) });
      await dialog.getByRole("button", { name: m["manage.remove.keep"] }).click();
      await dialog.waitFor({ state: "hidden" });
      expect(errors).toEqual([]);
    }
    expect((await e2e.server.deps.prisma.commitment.findFirstOrThrow({ where: { dealId: deal.id, userId: ada!.id } })).status).toBe("active");

    // Now for real, on the phone.
    const { page, errors } = await managePage(initiator, deal.id, 360);
    await page.getByRole("button", { name: fill(m["manage.remove.label"], { name: "Ada Lovelace" }) }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: m["manage.remove.confirm"] }).click();
    await page.getByRole("status").filter({ hasText: fill(m["manage.removed"], { name: "Ada Lovelace" }) }).waitFor();
    await page.locator(".table--cards").getByText("Ada Lovelace").waitFor({ state: "detached" });
    // Focus lands on the participants' heading, not lost with the removed row.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("participants-heading");
    const rows = await e2e.server.deps.prisma.commitment.findMany({ where: { dealId: deal.id }, orderBy: { position: "asc" } });
    expect(rows.map((c) => c.status)).toEqual(["removed", "active", "active", "waitlisted"]);
    expect(rows[2]!.userId).toBe(cleo!.id);
    expect((await e2e.server.notifications({ dealId: deal.id, kind: "commitment-removed" })).map((n) => n.userId)).toEqual([ada!.id]);
    await screenshot(page, "manage-removed");
    expect(errors).toEqual([]);

    // Ada's own deal page says she is out and not bound, instead of "You're in".
    const context = await newPerson(e2e.browser, { locale: "en-GB", width: 360, height: 740 });
    e2e.contexts.push(context);
    await context.addCookies([{ ...cookieOf(ada!), url: e2e.server.url }]);
    const adas = await context.newPage();
    watchErrors(adas, errors);
    await adas.goto(`${e2e.server.url}/deals/${deal.id}`);
    await adas.getByText(m["deal.mine.removed"]).waitFor();
    expect(await adas.getByRole("button", { name: m["deal.withdraw"] }).count()).toBe(0);
    await screenshot(adas, "deal-removed");
    expect(errors).toEqual([]);
  });

  it("removes by keyboard, in Dutch, and offers the CSV with semicolons", { timeout: 60_000 }, async () => {
    const m = catalogues.nl;
    const { deal, initiator, users } = await scene();
    const dan = users[3]!;
    const { page, errors } = await managePage(initiator, deal.id, 360, "nl-NL");
    const button = page.getByRole("button", { name: fill(m["manage.remove.label"], { name: "Dan Øvergaard" }) });
    await button.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: fill(m["manage.remove.title"], { name: "Dan Øvergaard" }) });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain(plural(m, "nl", "manage.remove.waitlisted", 3, { name: "Dan Øvergaard" }));
    // Escape keeps them; focus goes back to the button.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(fill(m["manage.remove.label"], { name: "Dan Øvergaard" }));
    // Escape and at once the button again, before the browser's close event (a fast hand, a slow
    // machine): as the browser does on Escape, cancel, close, then click, all in one task.
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    // The late close event is awaited too: it must not shut the dialog opened again.
    await page.evaluate(async () => {
      const open = document.querySelector<HTMLDialogElement>("dialog[open]")!;
      const closed = new Promise((r) => open.addEventListener("close", r, { once: true }));
      if (open.dispatchEvent(new Event("cancel", { cancelable: true }))) open.close();
      (document.activeElement as HTMLElement).click();
      await closed;
    });
    expect(await dialog.isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    // "Keep" has the focus first; Tab reaches "Yes, remove".
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: fill(m["manage.removed"], { name: "Dan Øvergaard" }) }).waitFor();
    expect((await e2e.server.deps.prisma.commitment.findFirstOrThrow({ where: { dealId: deal.id, userId: dan.id } })).status).toBe("removed");

    const csv = page.getByRole("link", { name: m["manage.csv"] });
    expect(await csv.getAttribute("href")).toBe(`/api/deals/${deal.id}/participants?format=csv&lang=nl`);
    await expect(page.locator(".csv-download").textContent()).resolves.toContain(m["manage.csv.semicolon"]);
    await screenshot(page, "manage-nl");
    expect(errors).toEqual([]);
  });
});
