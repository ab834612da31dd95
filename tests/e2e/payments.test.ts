// Paying at the tip in real Chromium, in development mode (the development checkout, no Stripe
// account): a deal confirms and each participant is asked to pay; Ada pays at the development
// checkout and her deal page says "Payment received"; Bob declines ("Not paid yet"), is reminded
// on the page in his last day, and lapses when the clock passes his window (POST /api/dev/clock,
// POST /api/dev/sweep); Cara, waitlisted, is promoted, asked to pay, and pays. The initiator's
// manage page counts paid, due and lapsed, with each participant's payment. Screenshots at 360 and 1280 px go to test-results/.
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { catalogues, chromiumPath, cookieOf, fill, literally, newPerson, screenshot, watchErrors, browserAndServer, expectAccessible } from "./support.ts";
import { clock } from "../../api/clock.ts";

const HOUR = 3_600_000;
const m = catalogues.en;
const euros = (cents: number) => new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }).format(cents / 100);

describe.skipIf(!chromiumPath)("paying at the tip in the browser", () => {
  const e2e = browserAndServer();
  const errors: string[] = [];

  afterAll(async () => {
    clock.setOffset(0);
  });

  /** A person's own browser, signed in, at a width. */
  const open = async (user: { cookie: string }, width: number): Promise<Page> => {
    const context = await newPerson(e2e.browser, { locale: "en-GB", width, height: 900 });
    e2e.contexts.push(context);
    await context.addCookies([{ ...cookieOf(user), url: e2e.server.url }]);
    const page = await context.newPage();
    watchErrors(page, errors);
    return page;
  };
  /** Moves the server's clock the way a developer does, then runs the sweep (lapsing, the outbox). */
  const later = async (ms: number) => {
    const { json } = await e2e.server.api("GET", "/api/dev/clock");
    expect((await e2e.server.api("POST", "/api/dev/clock", { body: { offsetMs: json.offsetMs + ms } })).status).toBe(200);
    expect((await e2e.server.api("POST", "/api/dev/sweep")).status).toBe(200);
  };
  const paymentOf = (commitmentId: string) => e2e.server.deps.prisma.payment.findFirstOrThrow({ where: { commitmentId } });

  it("confirms, takes one payment, lapses another, and promotes the waitlist, who pay", { timeout: 150_000 }, async () => {
    const price = 29500;
    const { deal, initiator } = await e2e.server.createDeal({ threshold: 2, capacity: 2, pricePerSeatCents: price });
    const ada = await e2e.server.createUser({ displayName: "Ada" });
    const bob = await e2e.server.createUser({ displayName: "Bob" });
    const cara = await e2e.server.createUser({ displayName: "Cara" });
    for (const u of [ada, bob]) expect((await e2e.server.join(u, deal.id, 1)).status).toBe(201);
    expect((await e2e.server.join(cara, deal.id, 1)).json.commitment.status).toBe("waitlisted");
    // Confirmed, and each active participant asked once.
    expect((await e2e.server.notifications({ kind: "payment-due" })).length).toBe(2);
    const due = m["pay.due"].split("{")[0]!;

    // Ada: the payment panel, then the development checkout, then "Payment received".
    const adasPage = await open(ada, 360);
    await adasPage.goto(`${e2e.server.url}/deals/${deal.id}`);
    await adasPage.getByRole("heading", { name: m["manage.col.payment"] }).waitFor();
    await adasPage.getByText(literally(`${due}${euros(price)}`)).waitFor();
    await screenshot(adasPage, "pay-due");
    await expectAccessible(adasPage, "the payment panel at 360 px");
    await adasPage.getByRole("button", { name: m["pay.now"] }).click();
    await adasPage.waitForURL(/\/dev\/checkout\//);
    await adasPage.getByRole("heading", { level: 1, name: m["devpay.notice"] }).waitFor();
    await adasPage.getByText(deal.title).waitFor();
    await adasPage.getByText(euros(price)).waitFor();
    await screenshot(adasPage, "dev-checkout");
    await expectAccessible(adasPage, "the development checkout at 360 px");
    const checkoutUrl = adasPage.url();
    await adasPage.getByRole("button", { name: m["devpay.pay"], exact: true }).click();
    await adasPage.waitForURL(`${e2e.server.url}/deals/${deal.id}?payment=success`);
    await adasPage.getByText(m["pay.received"]).waitFor();
    await screenshot(adasPage, "pay-received");
    const adas = await e2e.server.deps.prisma.commitment.findFirstOrThrow({ where: { dealId: deal.id, userId: ada.id } });
    expect(await paymentOf(adas.id)).toMatchObject({ status: "paid", amountCents: price });
    // Her checkout again: already paid, nothing to press.
    await adasPage.goto(checkoutUrl);
    await adasPage.getByText(m["pay.received"]).waitFor();
    expect(await adasPage.getByRole("button", { name: m["devpay.pay"], exact: true }).count()).toBe(0);

    // Bob, on a wide screen: back from the checkout before the payment is confirmed, he is told
    // it is being confirmed, not that it was received; then he declines, and is told it is not paid.
    const bobsPage = await open(bob, 1280);
    await bobsPage.goto(`${e2e.server.url}/deals/${deal.id}?payment=success`);
    await bobsPage.getByText(m["pay.confirming"]).waitFor();
    expect(await bobsPage.getByText(m["pay.received"]).count()).toBe(0);
    await screenshot(bobsPage, "pay-confirming");
    await bobsPage.goto(`${e2e.server.url}/deals/${deal.id}`);
    await screenshot(bobsPage, "pay-due");
    await bobsPage.getByRole("button", { name: m["pay.now"] }).click();
    await bobsPage.waitForURL(/\/dev\/checkout\//);
    await screenshot(bobsPage, "dev-checkout");
    await expectAccessible(bobsPage, "the development checkout at 1280 px");
    await bobsPage.getByRole("button", { name: m["devpay.decline"] }).click();
    await bobsPage.waitForURL(`${e2e.server.url}/deals/${deal.id}?payment=cancelled`);
    await bobsPage.getByText(literally(m["pay.notYet"].split("{")[0]!)).waitFor();
    await bobsPage.getByRole("button", { name: m["pay.now"] }).waitFor();
    await screenshot(bobsPage, "pay-cancelled");
    await expectAccessible(bobsPage, "the payment panel at 1280 px");
    const bobs = await e2e.server.deps.prisma.commitment.findFirstOrThrow({ where: { dealId: deal.id, userId: bob.id } });
    expect((await paymentOf(bobs.id)).status).toBe("due");

    // My deals says Bob's payment is due, and leads to the deal.
    await bobsPage.goto(`${e2e.server.url}/me`);
    const dueLink = bobsPage.getByRole("link", { name: literally(`${due}${euros(price)}`) });
    await dueLink.waitFor();
    await screenshot(bobsPage, "pay-my-deals");
    await dueLink.click();
    await bobsPage.waitForURL(`${e2e.server.url}/deals/${deal.id}`);

    // His last day: the page says so.
    const bobsDue = (await paymentOf(bobs.id)).dueAt.getTime();
    await later(bobsDue - clock.nowMs() - 12 * HOUR);
    // The development clock moves the server's time only; the page reads the browser's.
    await bobsPage.clock.setFixedTime(clock.nowMs());
    await bobsPage.reload();
    await bobsPage.getByText(fill(m["pay.soon"], { hours: 24 })).waitFor();
    await screenshot(bobsPage, "pay-last-day");

    // The window closes: Bob lapses, his seat goes to Cara, who is asked to pay.
    await later(13 * HOUR);
    expect((await e2e.server.deps.prisma.commitment.findUniqueOrThrow({ where: { id: bobs.id } })).status).toBe("lapsed");
    expect((await paymentOf(bobs.id)).status).toBe("lapsed");
    const caras = await e2e.server.deps.prisma.commitment.findFirstOrThrow({ where: { dealId: deal.id, userId: cara.id } });
    expect(caras.status).toBe("active");
    expect((await paymentOf(caras.id)).status).toBe("due");
    const lapsedText = m["pay.lapsed"].split("{")[0]!;
    await bobsPage.reload();
    await bobsPage.getByText(literally(lapsedText)).waitFor();
    expect(await bobsPage.getByRole("button", { name: m["pay.now"] }).count()).toBe(0);
    await screenshot(bobsPage, "pay-lapsed");

    // Cara pays too.
    const carasPage = await open(cara, 360);
    await carasPage.goto(`${e2e.server.url}/deals/${deal.id}`);
    await carasPage.getByRole("button", { name: m["pay.now"] }).click();
    await carasPage.getByRole("button", { name: m["devpay.pay"], exact: true }).click();
    await carasPage.getByText(m["pay.received"]).waitFor();
    expect((await paymentOf(caras.id)).status).toBe("paid");
    expect((await e2e.server.deps.prisma.deal.findUniqueOrThrow({ where: { id: deal.id } })).status).toBe("confirmed");

    // The initiator counts: two paid, none due, one lapsed; each participant's payment in the table.
    for (const width of [360, 1280]) {
      const inesPage = await open(initiator, width);
      await inesPage.goto(`${e2e.server.url}/deals/${deal.id}/manage`);
      const counts = inesPage.getByRole("region", { name: m["manage.payments"] });
      await counts.waitFor();
      const count = (label: string) => counts.locator("div").filter({ has: inesPage.getByText(label, { exact: true }) }).locator("dd");
      expect(await count(m["payment.paid"]).textContent()).toBe("2");
      expect(await count(m["payment.due"]).textContent()).toBe("0");
      expect(await count(m["payment.lapsed"]).textContent()).toBe("1");
      const row = (name: string) => inesPage.getByRole("row").filter({ hasText: name });
      expect(await row("Ada").locator(".pay-cell").textContent()).toBe(`${m["payment.paid"]} ${euros(price)}`);
      expect(await row("Bob").locator(".pay-cell").textContent()).toBe(`${m["payment.lapsed"]} ${euros(price)}`);
      await screenshot(inesPage, "pay-manage");
      await expectAccessible(inesPage, `the manage page's payments at ${width} px`);
    }

    expect(errors).toEqual([]);
  });

  it("proposes with a time to pay in days, and refuses one out of range next to its field", { timeout: 60_000 }, async () => {
    const ines = await e2e.server.createUser({ displayName: "Ines" });
    const page = await open(ines, 360);
    await page.goto(`${e2e.server.url}/deals/new`);
    const title = `Ferry to Texel ${Date.now()}`;
    await page.getByLabel(m["propose.titleField"], { exact: true }).fill(title);
    await page.getByLabel(m["propose.price"], { exact: true }).fill("45");
    await page.getByLabel(m["propose.threshold"], { exact: true }).fill("2");
    const amount = page.getByLabel(m["propose.payWindow"], { exact: true }).and(page.locator("input"));
    expect(await amount.inputValue()).toBe("72");
    // 72 hours say the same in days; 20 days is too long, and says so next to the field.
    await page.getByRole("combobox", { name: m["propose.payWindow"] }).selectOption("day");
    expect(await amount.inputValue()).toBe("3");
    await amount.fill("20");
    await page.getByRole("button", { name: m["propose.submit"] }).click();
    await page.getByText(fill(m["validation.max"], { max: "14 days" })).waitFor();
    expect(await amount.getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "propose-pay-window-refused");
    await amount.fill("5");
    await page.getByRole("button", { name: m["propose.submit"] }).click();
    await page.waitForURL(/\/deals\/[0-9a-z]{16}$/);
    const row = await e2e.server.deps.prisma.deal.findFirstOrThrow({ where: { title } });
    expect(row.paymentWindowHours).toBe(120);
    expect(errors).toEqual([]);
  });

  it("says so when a development checkout does not exist", { timeout: 30_000 }, async () => {
    const page = await open(await e2e.server.createUser(), 360);
    await page.goto(`${e2e.server.url}/dev/checkout/no-such-payment`);
    await page.getByText(m["devpay.missing"]).waitFor();
    await screenshot(page, "dev-checkout-missing");
    expect(errors).toEqual([]);
  });
});
