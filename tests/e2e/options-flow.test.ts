// Options in real Chromium: three people pick different dates on a deal that lets the group
// choose; one date wins live on every open page, and the one who did not pick it sees on the page
// that they are released, and finds the option-released email in the development mailbox.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { catalogues, chromiumPath, cookieOf, literally, newPerson, watchErrors, browserAndServer } from "./support.ts";

describe.skipIf(!chromiumPath)("options in the browser", () => {
  const e2e = browserAndServer();

  it("three people pick dates, one date wins live everywhere, and the released one is told", { timeout: 60_000 }, async () => {
    const m = catalogues.en;
    const errors: string[] = [];
    const options = [{ label: "Early May" }, { label: "Late May" }, { label: "June" }];
    const { deal } = await e2e.server.createDeal({ kind: "deal", departsOn: null, returnsOn: null, threshold: 2, capacity: 5, options });

    async function person(name: string) {
      const user = await e2e.server.createUser({ displayName: name });
      const context = await newPerson(e2e.browser);
      e2e.contexts.push(context);
      await context.addCookies([{ ...cookieOf(user), url: e2e.server.url }]);
      const page = await context.newPage();
      watchErrors(page, errors);
      await page.goto(`${e2e.server.url}/deals/${deal.id}`);
      await page.getByRole("heading", { level: 2, name: m["options.title"] }).waitFor();
      return { user, page };
    }
    async function join(page: Page, label: string) {
      await page.getByRole("checkbox", { name: literally(label) }).check();
      await page.getByRole("button", { name: literally(m["deal.join.submit.one"].replace("{count}", "1")) }).click();
      await page.getByRole("heading", { name: m["deal.mine.title"] }).waitFor();
    }

    try {
      const ada = await person("Ada");
      const bob = await person("Bob");
      const cleo = await person("Cleo");
      await join(ada.page, "Early May");
      await join(bob.page, "June");
      // Cleo's seat brings Early May to the threshold of 2: it wins.
      await join(cleo.page, "Early May");

      for (const { page } of [ada, bob, cleo]) {
        await page.getByRole("heading", { level: 2, name: m["options.chosenTitle"] }).waitFor();
        const chosen = page.locator(".option--won");
        await expect.poll(() => chosen.textContent()).toContain("Early May");
      }
      // Bob chose June only: he is released, and his page says so, live.
      await bob.page.getByText(m["deal.join.released"].replaceAll("{option}", "Early May")).waitFor();
      const row = await e2e.server.deps.prisma.commitment.findFirstOrThrow({ where: { dealId: deal.id, userId: bob.user.id } });
      expect(row.status).toBe("released");

      // And in the mailbox: the option-released email to Bob, once.
      await bob.page.goto(`${e2e.server.url}/dev/mailbox`);
      await bob.page.getByRole("button", { name: m["mailbox.sweep"] }).click();
      const mails = bob.page.getByRole("article").filter({ hasText: m["mailbox.kind.option-released"] }).filter({ hasText: bob.user.email });
      await mails.first().waitFor();
      expect(await mails.count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await Promise.all(e2e.contexts.map((c) => c.close()));
    }
  });
});
