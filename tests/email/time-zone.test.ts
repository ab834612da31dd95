// Emails in the recipient's time zone (issue 16): a deadline renders in Europe/Amsterdam, naming
// the zone, for a member whose browser said Amsterdam, and in UTC, saying so, when the zone is
// unknown. The richer confirmation: the total in the deal's currency for the language, the
// initiator's name, and what happens next (binding seats, the payment window, the trip dates).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderEmail } from "../../api/outbox/templates.ts";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { trip } from "./helpers.ts";

const APP = "https://quorum.example";
const confirmedFor = (locale: string, timeZone: string | null, over: Parameters<typeof trip>[0] = {}, status = "active") =>
  renderEmail({
    kind: "deal-confirmed",
    appUrl: APP,
    locale,
    timeZone,
    payload: { seats: 3, status },
    deal: trip({ pricePerSeatCents: 29_550, currency: "EUR", paymentWindowHours: 72, initiatorName: "Ines", ...over }),
  });

describe("a deadline in the recipient's zone", () => {
  it.each([
    ["en", "1 March 2027, 13:00 (Europe/Amsterdam time)"],
    ["nl", "1 maart 2027 om 13:00 (tijdzone Europe/Amsterdam)"],
    ["de", "1. März 2027 um 13:00 Uhr (Zeitzone Europe/Amsterdam)"],
  ])("renders in Europe/Amsterdam for an Amsterdam member (%s)", (locale, moment) => {
    const e = confirmedFor(locale, "Europe/Amsterdam");
    for (const part of [e.text, e.html]) {
      expect(part).toContain(moment);
      expect(part).not.toContain("12:00 UTC");
    }
  });

  it("follows summer time and a date that differs from UTC's", () => {
    // 22:30 UTC on 1 July is 00:30 on 2 July in Amsterdam (UTC+2 in summer).
    const e = confirmedFor("en", "Europe/Amsterdam", { deadline: new Date("2027-07-01T22:30:00Z") });
    expect(e.text).toContain("2 July 2027, 00:30 (Europe/Amsterdam time)");
  });

  it.each([null, undefined, "Mars/Olympus_Mons", "UTC"])("renders in UTC, saying so, when the zone is %j", (zone) => {
    const e = confirmedFor("en", zone as string | null);
    expect(e.text).toContain("1 March 2027, 12:00 UTC");
    expect(e.text).not.toContain("13:00");
  });
});

describe("the confirmation", () => {
  it.each([
    ["en", "€886.50", "You will be asked to pay €886.50 (€295.50 a seat) by email, and then have 3 days to pay.", "What happens next: you can no longer withdraw. Ines organises the deal and can see your name and email address."],
    ["nl", "€ 886,50", "Je krijgt per e-mail een verzoek om € 886,50 te betalen (€ 295,50 per plaats) en hebt daarna 3 dagen om te betalen.", "Wat er nu gebeurt: je kunt je niet meer terugtrekken. Ines organiseert de deal en ziet je naam en e-mailadres."],
    ["de", "886,50 €", "Du wirst per E-Mail gebeten, 886,50 € zu zahlen (295,50 € pro Platz), und hast dann 3 Tage Zeit dafür.", "Wie es weitergeht: Du kannst nicht mehr zurücktreten. Ines organisiert den Deal und sieht deinen Namen und deine E-Mail-Adresse."],
  ])("gives the total, the initiator and what happens next (%s)", (locale, total, payment, binding) => {
    const e = confirmedFor(locale, null);
    for (const part of [e.text, e.html.replace(/&#39;/g, "'")]) {
      expect(part.replace(/\u00a0/g, " ")).toContain(total);
      expect(part.replace(/\u00a0/g, " ")).toContain(payment);
      expect(part).toContain(binding);
      expect(part).toContain("Ines");
    }
  });

  it("names the trip's dates and a window in hours when it is not whole days", () => {
    const e = confirmedFor("en", null, { paymentWindowHours: 36 });
    expect(e.text).toContain("then have 36 hours to pay");
    expect(e.text).toContain("The trip: 12 May 2027 – 16 May 2027.");
  });

  it("says there is nothing to pay when the price is 0, and uses the final price once there is one", () => {
    expect(confirmedFor("en", null, { pricePerSeatCents: 0 }).text).toContain("There is nothing to pay.");
    expect(confirmedFor("en", null, { finalPriceCents: 10_000 }).text).toContain("€300.00");
  });

  it("tells the initiator about the participants' payments, without a total of their own", () => {
    const e = confirmedFor("en", null, {}, "initiator");
    expect(e.text).toContain("Each participant will be asked to pay for their seats and then has 3 days to pay.");
    expect(e.text).not.toContain("Your total");
  });
});

describe("through the outbox", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(() => app.close());

  it("each participant's confirmation has their own zone, total and the initiator's name", async () => {
    const ines = await app.createUser({ displayName: "Ines" });
    const ada = await app.createUser({ email: "ada@example.com" });
    const bob = await app.createUser({ email: "bob@example.com" });
    await app.deps.prisma.user.update({ where: { id: ada.id }, data: { timeZone: "Europe/Amsterdam" } });
    const { deal } = await app.createDeal({
      initiator: ines,
      threshold: 3,
      pricePerSeatCents: 10_000,
      currency: "EUR",
      deadline: "2026-12-20T12:00:00.000Z",
    });
    expect((await app.join(ada, deal.id, 2)).status).toBe(201);
    expect((await app.join(bob, deal.id, 1)).status).toBe(201);
    await app.built.background.runNow();

    const mail = async (to: string) =>
      (await app.api("GET", `/api/dev/mailbox?to=${encodeURIComponent(to)}`)).json.items.find((m: { kind: string }) => m.kind === "deal-confirmed");
    const forAda = await mail("ada@example.com");
    const forBob = await mail("bob@example.com");

    expect(forAda.text).toContain("20 December 2026, 13:00 (Europe/Amsterdam time)");
    expect(forAda.text).toContain("Your total: €200.00");
    expect(forAda.text).toContain("Organised by: Ines");
    expect(forBob.text).toContain("20 December 2026, 12:00 UTC");
    expect(forBob.text).toContain("Your total: €100.00");
  });
});
