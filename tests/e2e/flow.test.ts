// The whole story in real Chromium, once in Dutch and once in German: an initiator signs in
// through the development mailbox and proposes a deal (threshold 2, capacity 3); two people in
// their own browsers join; all three pages turn confirmed without a reload; everyone finds the
// confirmation email; a fourth person joins when it is full and lands on the waitlist.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  catalogues,
  chromiumPath,
  literally,
  newPerson,
  plural,
  watchErrors,
  browserAndServer,
} from "./support.ts";

describe.skipIf(!chromiumPath)("the deal flow in the browser", () => {
  const e2e = browserAndServer();

  for (const lang of ["nl", "de"] as const) {
    it(`proposes, joins, tips live and waitlists, in ${lang}`, { timeout: 60_000 }, async () => {
      const m = catalogues[lang];
      const locale = { nl: "nl-NL", de: "de-DE" }[lang];
      const errors: string[] = [];
          const person = async () => {
        const context = await newPerson(e2e.browser, { locale });
        e2e.contexts.push(context);
        const page = await context.newPage();
        watchErrors(page, errors);
        return page;
      };
      const stamp = `${lang}-${Date.now()}`;
      const email = (who: string) => `${who}-${stamp}@example.com`;

      /** Asks for a link, opens the development mailbox, delivers the mail, follows the link. */
      async function signIn(page: Page, address: string) {
        await page.goto(`${e2e.server.url}/sign-in`);
        expect(await page.getAttribute("html", "lang")).toBe(lang);
        await page.getByLabel(m["signIn.email"], { exact: true }).fill(address);
        await page.getByRole("button", { name: m["signIn.submit"] }).click();
        await page.getByRole("status").filter({ hasText: address }).waitFor();
        await page.getByRole("link", { name: m["signIn.devMailbox"] }).click();
        await page.getByRole("heading", { level: 1, name: m["mailbox.title"] }).waitFor();
        await page.getByRole("button", { name: m["mailbox.sweep"] }).click();
        const mail = page.getByRole("article").filter({ hasText: m["mailbox.kind.sign-in"] }).filter({ hasText: address }).first();
        await mail.getByRole("link", { name: /\/auth\/callback\?token=/ }).click();
        // The link's page asks before it signs in (tests/e2e/callback.test.ts).
        await page.getByRole("button", { name: m["callback.confirm.submit"], exact: true }).click();
        await page.waitForURL(`${e2e.server.url}/me`);
        await page.getByRole("heading", { level: 1, name: m["me.title"] }).waitFor();
        await page.getByText(address).waitFor();
      }

      try {
        // The initiator signs in and proposes.
        const initiator = await person();
        await signIn(initiator, email("initiator"));
        await initiator.getByRole("navigation", { name: m["app.nav.label"] }).getByRole("link", { name: m["app.nav.propose"] }).click();
        await initiator.getByRole("heading", { level: 1, name: m["propose.title"] }).waitFor();
        const title = `Busreis ${stamp}`;
        await initiator.getByRole("radio", { name: m["propose.kind.trip"] }).check();
        await initiator.getByLabel(m["propose.titleField"], { exact: true }).fill(title);
        await initiator.getByLabel(m["propose.description"], { exact: true }).fill("Drie dagen / drei Tage.");
        await initiator.getByLabel(m["propose.destination"], { exact: true }).fill("Lissabon");
        const departs = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
        await initiator.getByLabel(m["propose.departsOn"], { exact: true }).fill(departs);
        await initiator.getByLabel(m["propose.price"], { exact: true }).fill("149,50");
        await initiator.getByLabel(m["propose.threshold"], { exact: true }).fill("2");
        await initiator.getByLabel(m["propose.capacity"], { exact: true }).fill("3");
        await initiator.getByLabel(m["propose.maxSeats"], { exact: true }).fill("2");
        // The preview follows the form.
        await initiator.getByRole("complementary", { name: m["propose.preview"] }).getByText(title).waitFor();
        await initiator.getByRole("button", { name: m["propose.submit"] }).click();
        await initiator.waitForURL(/\/deals\/[0-9a-z]{16}$/);
        const dealUrl = initiator.url();
        await initiator.getByRole("heading", { level: 1, name: title }).waitFor();
        await initiator.getByText(plural(m, lang, "progress.needed", 2)).waitFor();

        // Two people join, each in their own browser.
        const second = await person();
        await signIn(second, email("second"));
        await second.goto(dealUrl);
        await second.getByRole("button", { name: plural(m, lang, "deal.join.submit", 1) }).click();
        await second.getByText(plural(m, lang, "deal.mine.active", 1)).waitFor();
        // The initiator's page moves without a reload.
        await initiator.getByText(plural(m, lang, "progress.needed", 1)).waitFor({ timeout: 3_000 });

        const third = await person();
        await signIn(third, email("third"));
        await third.goto(dealUrl);
        await third.getByText(plural(m, lang, "progress.needed", 1)).waitFor();

        // Mark the open pages: a reload would lose the mark.
        for (const page of [initiator, second]) await page.evaluate(() => ((window as { noReload?: boolean }).noReload = true));
        await third.getByRole("button", { name: plural(m, lang, "deal.join.submit", 1) }).click();

        // All three pages show the deal confirmed, without a reload.
        for (const page of [initiator, second, third]) {
          await page.getByRole("status").filter({ hasText: m["banner.confirmed"] }).waitFor({ timeout: 3_000 });
          expect(await page.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("2");
        }
        for (const page of [initiator, second]) {
          expect(await page.evaluate(() => (window as { noReload?: boolean }).noReload)).toBe(true);
        }
        await second.getByText(m["deal.mine.binding"]).waitFor();

        // Everyone finds the confirmation email in the development mailbox.
        for (const [page, who] of [
          [initiator, "initiator"],
          [second, "second"],
          [third, "third"],
        ] as const) {
          // In a second tab, so the deal page stays open.
          const mailbox = await page.context().newPage();
          watchErrors(mailbox, errors);
          await mailbox.goto(`${e2e.server.url}/dev/mailbox?to=${encodeURIComponent(email(who))}`);
          await mailbox.getByRole("button", { name: m["mailbox.sweep"] }).click();
          await mailbox
            .getByRole("article")
            .filter({ hasText: m["mailbox.kind.deal-confirmed"] })
            .filter({ hasText: title })
            .waitFor();
          await mailbox.close();
        }

        // A fourth person wants two seats; one is left, so the commitment joins the waitlist.
        const fourth = await person();
        await signIn(fourth, email("fourth"));
        await fourth.goto(dealUrl);
        await fourth.getByLabel(m["deal.join.seats"], { exact: true }).fill("2");
        await fourth.getByText(plural(m, lang, "deal.join.waitlistHint", 1)).waitFor();
        await fourth.getByRole("button", { name: plural(m, lang, "deal.join.submit", 2) }).click();
        await fourth
          .getByRole("status")
          .filter({ hasText: literally(plural(m, lang, "deal.mine.waitlisted", 2, { position: 1 })) })
          .waitFor();
        // The pages still open see the waitlist grow, live.
        for (const page of [initiator, second, third]) {
          await page.getByText(plural(m, lang, "progress.waitlisted", 2)).waitFor({ timeout: 3_000 });
        }

        expect(errors).toEqual([]);
      } catch (e) {
        for (const [i, c] of e2e.contexts.entries()) {
          for (const [j, p] of c.pages().entries()) await p.screenshot({ path: `test-results/failure-${lang}-${i}-${j}.png`, fullPage: true }).catch(() => undefined);
        }
        throw e;
      } finally {
        await Promise.all(e2e.contexts.map((c) => c.close()));
      }
    });
  }
});
