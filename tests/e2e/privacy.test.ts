// Deleting an account in real Chromium, on a 360 px phone and by keyboard: "Delete my account" on
// My deals asks first and says what goes and what stays; confirming signs the person out and
// lands them on the home page with a notice; the deal they proposed, and the initiator's list of
// the deal where their seats were binding, show "Former member". The /privacy page and the dialog
// pass axe.
import { describe, expect, it } from "vitest";

import { catalogues, chromiumPath, cookieOf, fill, newPerson, runAxe, screenshot, watchErrors, browserAndServer } from "./support.ts";

const m = catalogues.en;

describe.skipIf(!chromiumPath)("deleting an account", () => {
  const e2e = browserAndServer();
  const errors: string[] = [];

  async function as(user: { cookie: string }, width: number, height: number) {
    const context = await newPerson(e2e.browser, { width, height });
    e2e.contexts.push(context);
    await context.addCookies([{ ...cookieOf(user), url: e2e.server.url }]);
    const page = await context.newPage();
    watchErrors(page, errors);
    return page;
  }

  it("asks first, signs the person out, and leaves 'Former member' on the deal pages", async () => {
    const ines = await e2e.server.createUser({ email: "ines@example.com", displayName: "Ines" });
    const ada = await e2e.server.createUser({ email: "ada@example.com", displayName: "Ada Lovelace" });
    const { deal: inesDeal } = await e2e.server.createDeal({ initiator: ines, title: "Ines's charter", threshold: 1 });
    expect((await e2e.server.join(ada, inesDeal.id, 2)).json.dealStatus).toBe("confirmed");
    const { deal: adasDeal } = await e2e.server.createDeal({ initiator: ada, title: "Ada's charter", threshold: 1 });
    expect((await e2e.server.join(ines, adasDeal.id, 1)).json.dealStatus).toBe("confirmed");

    const page = await as(ada, 360, 740);
    await page.goto(`${e2e.server.url}/me`);
    const open = page.getByRole("button", { name: m["me.delete"] });
    await open.waitFor();
    expect(await page.getByRole("link", { name: m["me.data.download"] }).getAttribute("href")).toBe("/api/me/export");
    await screenshot(page, "privacy-my-deals");

    // By keyboard: focus the button, Enter opens the dialog; it says what goes and what stays.
    await open.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: m["me.delete.title"] });
    await dialog.waitFor();
    await dialog.getByText(m["me.delete.stays"]).waitFor();
    await dialog.getByText(m["me.delete.gone"]).waitFor();
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, "privacy-delete-dialog");
    // Escape keeps the account (focus starts on "Keep my account").
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect((await page.request.get(`${e2e.server.url}/api/me`)).status()).toBe(200);

    await open.click();
    await dialog.getByRole("button", { name: m["me.delete"] }).click();
    await page.getByRole("status").filter({ hasText: m["me.delete.done"] }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    await page.getByRole("link", { name: m["app.nav.signIn"] }).waitFor();
    expect((await page.request.get(`${e2e.server.url}/api/me`)).status()).toBe(401);
    expect((await page.context().cookies()).filter((c) => c.name.endsWith("quorum_session"))).toEqual([]);
    await screenshot(page, "privacy-deleted-home");

    // Her deal stays, confirmed, proposed by "Former member".
    await page.goto(`${e2e.server.url}/deals/${adasDeal.id}`);
    await page.getByText(fill(m["deal.by"], { name: "Former member" })).waitFor();
    expect(await page.content()).not.toContain("Ada Lovelace");
    // Ines sees the binding seats on her manage page, under the pseudonym and without an address.
    const inesPage = await as(ines, 1280, 800);
    await inesPage.goto(`${e2e.server.url}/deals/${inesDeal.id}/manage`);
    await inesPage.getByText("Former member").first().waitFor();
    const manage = await inesPage.content();
    expect(manage).not.toContain("ada@example.com");
    expect(manage).not.toContain("deleted:");

    // Her old cookie signs nobody in.
    const again = await as(ada, 1280, 800);
    await again.goto(`${e2e.server.url}/me`);
    await again.getByRole("link", { name: m["app.nav.signIn"] }).first().waitFor();
    expect(errors).toEqual([]);
  }, 60_000);

  it("shows the privacy page in three languages, with the periods the purge keeps", async () => {
    for (const [locale, lang] of [["en-GB", "en"], ["nl-NL", "nl"], ["de-DE", "de"]] as const) {
      const context = await newPerson(e2e.browser, { locale, width: 360, height: 740 });
      e2e.contexts.push(context);
      const page = await context.newPage();
      watchErrors(page, errors);
      await page.goto(`${e2e.server.url}/privacy`);
      const c = catalogues[lang];
      await page.getByRole("heading", { level: 1, name: c["privacy.title"] }).waitFor();
      await page.getByText(fill(c["privacy.emails.howLong"], { days: 90 })).waitFor();
      await page.getByText(fill(c["privacy.links.howLong"], { hours: 24 })).waitFor();
      await page.getByText(c["privacy.who.initiator"]).waitFor();
      if (lang === "en") {
        expect(await runAxe(page)).toEqual([]);
        await screenshot(page, "privacy-page");
        await page.setViewportSize({ width: 1280, height: 800 });
        await screenshot(page, "privacy-page");
      }
    }
    expect(errors).toEqual([]);
  }, 60_000);
});
