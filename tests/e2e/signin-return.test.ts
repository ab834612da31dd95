// Sign-in that returns, in real Chromium (issue 16). A signed-out visitor on a deal taps "Sign in
// to join", asks for a link and waits on "Check your email"; the link, opened in a NEW tab, lands
// on the deal with the join button focused, ready to commit; the first tab notices the sign-in
// by itself and goes there too. At the first sign-in the app asks for a name, suggesting one;
// the browser's time zone was kept, and the profile changes it.
import { beforeAll, describe, expect, it } from "vitest";

import { catalogues, chromiumPath, fill, newPerson, plural, expectAccessible, screenshot, watchErrors, browserAndServer } from "./support.ts";

const m = catalogues.en;

describe.skipIf(!chromiumPath)("sign-in that returns", () => {
  const e2e = browserAndServer();
  let dealId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    const ines = await e2e.server.createUser({ email: "ines@example.com", displayName: "Ines" });
    const { deal } = await e2e.server.createDeal({ initiator: ines, title: "Charter to Lisbon", threshold: 5 });
    dealId = deal.id;
  });

  async function linkFor(email: string): Promise<string> {
    await e2e.server.built.background.runNow();
    const mail = (await e2e.server.api("GET", `/api/dev/mailbox?to=${encodeURIComponent(email)}`)).json.items.find(
      (x: { kind: string }) => x.kind === "sign-in",
    );
    return mail.links[0];
  }

  for (const [width, height] of [
    [360, 740],
    [1280, 800],
  ] as const) {
    it(`a link opened in a new tab lands on the deal ready to commit, and the first tab follows, at ${width}×${height}`, async () => {
      const email = `zoe.${width}@example.com`;
      const context = await newPerson(e2e.browser, { width, height });
      e2e.contexts.push(context);
      const first = await context.newPage();
      watchErrors(first, errors);
      const back = `${e2e.server.url}/deals/${dealId}?join=1`;

      await first.goto(`${e2e.server.url}/deals/${dealId}`);
      await first.getByRole("link", { name: m["deal.join.signIn"] }).click();
      await first.getByLabel(m["signIn.email"]).fill(email);
      await first.getByRole("button", { name: m["signIn.submit"] }).click();
      await first.getByText(m["signIn.waiting"]).waitFor();
      await screenshot(first, "sign-in-waiting");
      // The return path went to the server with the request, not into this tab's storage.
      expect(await first.evaluate(() => sessionStorage.length)).toBe(0);

      // The mail app opens the link in a new tab of the same browser.
      const second = await context.newPage();
      watchErrors(second, errors);
      await second.goto(await linkFor(email));
      await second.getByRole("button", { name: m["callback.confirm.submit"], exact: true }).click();
      await second.waitForURL(back);
      const commit = second.getByRole("button", { name: plural(m, "en", "deal.join.submit", 1) });
      await commit.waitFor();
      await expect.poll(() => commit.evaluate((el) => el === document.activeElement)).toBe(true);

      // The waiting tab noticed by itself.
      await first.waitForURL(back, { timeout: 10_000 });
      await first.getByRole("button", { name: plural(m, "en", "deal.join.submit", 1) }).waitFor();

      // First sign-in: asked for a name, with the suggestion from the address.
      const prompt = second.getByRole("region", { name: m["namePrompt.title"] });
      await prompt.waitFor();
      expect(await prompt.getByLabel(m["namePrompt.label"]).inputValue()).toBe("Zoe");
      await screenshot(second, "name-prompt");
      await expectAccessible(second, "name-prompt");

      // The first tab, signed in too, asks as well; answering in one tab answers in both.
      const firstPrompt = first.getByRole("region", { name: m["namePrompt.title"] });
      await firstPrompt.waitFor();
      await prompt.getByLabel(m["namePrompt.label"]).fill("Zoë V.");
      await prompt.getByRole("button", { name: m["namePrompt.save"] }).click();
      await prompt.waitFor({ state: "detached" });
      await firstPrompt.waitFor({ state: "detached", timeout: 5_000 });
      const user = await e2e.server.deps.prisma.user.findUniqueOrThrow({ where: { email } });
      expect(user).toMatchObject({ displayName: "Zoë V.", timeZone: "Europe/Amsterdam" });
      expect(user.nameChosenAt).not.toBeNull();

      // Ready to commit: the focused button commits.
      await commit.click();
      await expect
        .poll(() => e2e.server.deps.prisma.commitment.count({ where: { dealId, userId: user.id } }), { timeout: 5_000 })
        .toBe(1);
      expect(errors).toEqual([]);
    });
  }

  it("without BroadcastChannel or storage events, the waiting tab notices by asking /api/me", async () => {
    const email = "poll@example.com";
    const context = await newPerson(e2e.browser);
    e2e.contexts.push(context);
    await context.addInitScript(() => {
      delete (window as { BroadcastChannel?: unknown }).BroadcastChannel;
      Storage.prototype.setItem = () => undefined;
    });
    const first = await context.newPage();
    watchErrors(first, errors);
    await first.goto(`${e2e.server.url}/sign-in?next=${encodeURIComponent(`/deals/${dealId}`)}`);
    await first.getByLabel(m["signIn.email"]).fill(email);
    await first.getByRole("button", { name: m["signIn.submit"] }).click();
    await first.getByText(m["signIn.waiting"]).waitFor();

    const second = await context.newPage();
    await second.goto(await linkFor(email));
    await second.getByRole("button", { name: m["callback.confirm.submit"], exact: true }).click();
    await second.waitForURL(`${e2e.server.url}/deals/${dealId}`);

    // The first poll is 2 s after the link was asked for, then 3 s, 4.5 s…
    await first.waitForURL(`${e2e.server.url}/deals/${dealId}`, { timeout: 15_000 });
    expect(errors).toEqual([]);
  });

  it("the profile shows and changes the time zone kept at sign-in", async () => {
    for (const [width, height] of [
      [360, 740],
      [1280, 800],
    ] as const) {
      const email = `tz${width}@example.com`;
      const context = await newPerson(e2e.browser, { width, height });
      e2e.contexts.push(context);
      const page = await context.newPage();
      watchErrors(page, errors);
      expect((await e2e.server.api("POST", "/api/auth/email", { body: { email } })).status).toBe(202);
      await page.goto(await linkFor(email));
      await page.getByRole("button", { name: m["callback.confirm.submit"], exact: true }).click();
      await page.waitForURL(`${e2e.server.url}/me`);

      const zone = page.getByLabel(m["me.timeZone"]);
      expect(await zone.inputValue()).toBe("Europe/Amsterdam");
      await page.getByText(fill(m["me.timeZoneDetected"], { zone: "Europe/Amsterdam" })).waitFor();
      await zone.selectOption("Asia/Tokyo");
      await page.getByRole("button", { name: m["me.timeZoneSave"] }).click();
      await expect
        .poll(async () => (await e2e.server.deps.prisma.user.findUniqueOrThrow({ where: { email } })).timeZone)
        .toBe("Asia/Tokyo");
      await zone.scrollIntoViewIfNeeded();
      await screenshot(page, "profile-time-zone");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
    expect(errors).toEqual([]);
  });
});
