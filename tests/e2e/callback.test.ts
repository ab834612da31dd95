// The sign-in link's page in real Chromium: it asks "Sign in as a•••@example.com?" and uses the
// token only on a click. A forwarded link opened by someone else signs nobody in: the token stays
// unused, and "This isn't me" leaves it so. The owner's click signs in. "Sign out everywhere" on
// "My deals" asks first, then ends the user's other sessions too.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { catalogues, chromiumPath, fill, newPerson, expectAccessible, screenshot, watchErrors, browserAndServer } from "./support.ts";
import { hashSecret } from "../../api/auth/tokens.ts";

const m = catalogues.en;
const ADA = "ada.lovelace@example.com";

describe.skipIf(!chromiumPath)("the sign-in link's page", () => {
  const e2e = browserAndServer();
  const errors: string[] = [];

  async function person(width = 1280, height = 800): Promise<Page> {
    const context = await newPerson(e2e.browser, { width, height });
    e2e.contexts.push(context);
    const page = await context.newPage();
    watchErrors(page, errors);
    return page;
  }

  /** Asks for a link for Ada and reads it from the development mailbox. */
  async function adasLink(): Promise<string> {
    expect((await e2e.server.api("POST", "/api/auth/email", { body: { email: ADA } })).status).toBe(202);
    await e2e.server.built.background.runNow();
    const mail = (await e2e.server.api("GET", `/api/dev/mailbox?to=${encodeURIComponent(ADA)}`)).json.items[0];
    return mail.links[0];
  }

  const tokenRow = (link: string) =>
    e2e.server.deps.prisma.signInToken.findUniqueOrThrow({ where: { id: hashSecret(new URL(link).searchParams.get("token")!) } });
  const signedInAs = async (page: Page) => (await page.request.get(`${e2e.server.url}/api/me`)).status();
  const question = fill(m["callback.confirm.question"], { email: "a•••@example.com" });

  it("does not use a forwarded link without the click, and 'This isn't me' leaves it unused", async () => {
    const link = await adasLink();
    const mallory = await person();

    await mallory.goto(link);
    await mallory.getByRole("heading", { level: 2, name: question }).waitFor();

    // The token is out of the address bar, unused, and no session cookie was set.
    expect(mallory.url()).toBe(`${e2e.server.url}/auth/callback`);
    expect((await tokenRow(link)).usedAt).toBeNull();
    expect(await mallory.context().cookies()).toEqual([]);
    expect(await signedInAs(mallory)).toBe(401);
    expect(await e2e.server.deps.prisma.session.count()).toBe(0);
    await expectAccessible(mallory, "callback-confirm");

    await mallory.getByRole("button", { name: m["callback.confirm.notMe"] }).click();
    await mallory.getByRole("heading", { level: 2, name: m["callback.notMe.title"] }).waitFor();
    await screenshot(mallory, "callback-not-me");
    expect((await tokenRow(link)).usedAt).toBeNull();
    expect(await signedInAs(mallory)).toBe(401);
    expect(await e2e.server.deps.prisma.user.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  for (const [width, height] of [
    [360, 740],
    [1280, 800],
  ] as const) {
    it(`signs its owner in on the click, at ${width}×${height}`, async () => {
      const link = await adasLink();
      const ada = await person(width, height);

      await ada.goto(link);
      await ada.getByRole("heading", { level: 2, name: question }).waitFor();
      await screenshot(ada, "callback-confirm");
      const overflow = await ada.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await signedInAs(ada)).toBe(401);

      await ada.getByRole("button", { name: m["callback.confirm.submit"], exact: true }).click();
      await ada.waitForURL(`${e2e.server.url}/me`);
      await ada.getByText(ADA).waitFor();
      expect(await signedInAs(ada)).toBe(200);
      expect((await tokenRow(link)).usedAt).not.toBeNull();
      expect(errors).toEqual([]);
    });
  }

  it("'Sign out everywhere' asks first, then ends this session and the others", async () => {
    const laptop = await person();
    const phone = await person(360, 740);
    for (const page of [laptop, phone]) {
      await page.goto(await adasLink());
      await page.getByRole("button", { name: m["callback.confirm.submit"], exact: true }).click();
      await page.waitForURL(`${e2e.server.url}/me`);
    }
    expect(await signedInAs(phone)).toBe(200);

    await phone.getByRole("button", { name: m["me.signOutEverywhere"] }).click();
    const dialog = phone.getByRole("dialog", { name: m["me.signOutEverywhere.title"] });
    await dialog.waitFor();
    await screenshot(phone, "me-sign-out-everywhere-dialog");
    // Asking first: nothing has ended yet, and "Stay signed in" keeps it so.
    await dialog.getByRole("button", { name: m["me.signOutEverywhere.keep"] }).click();
    expect(await signedInAs(laptop)).toBe(200);

    await phone.getByRole("button", { name: m["me.signOutEverywhere"] }).click();
    await dialog.getByRole("button", { name: m["me.signOutEverywhere"] }).click();
    await phone.waitForURL(`${e2e.server.url}/`);
    expect(await signedInAs(phone)).toBe(401);
    expect(await signedInAs(laptop)).toBe(401);
    expect(errors).toEqual([]);
  });
});
