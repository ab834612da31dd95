// The email templates: every kind has a subject, a plain-text part and an HTML part; each carries
// the deal's title, the seats, the date and the link, built from APP_URL; titles are escaped in
// HTML; nothing is attached (a trip's confirmation links to its calendar.ics instead).
import { describe, expect, it } from "vitest";
import { renderEmail, type DealForEmail } from "../../api/outbox/templates.ts";
import type { EmailKind } from "../../api/outbox/messages.ts";
import { startResend } from "../setup/resend.ts";
import { drain, EMAIL_KINDS, trip } from "./helpers.ts";

const APP = "https://quorum.example";

const dealKinds = EMAIL_KINDS.filter((k) => k !== "sign-in");

const render = (kind: EmailKind, deal: DealForEmail | null = trip(), payload: Record<string, unknown> = { seats: 3, status: "active" }) =>
  renderEmail({ kind, appUrl: APP, locale: "en", payload, deal });

describe("templates", () => {
  it.each(dealKinds)("%s has a subject, text and HTML with the title, seats, dates, deadline and link", (kind) => {
    const e = render(kind);
    const link = `${APP}/deals/k3x9q2m7p1z8w4v6`;
    expect(e.subject).toContain("Charter to Lisbon");
    for (const part of [e.text, e.html]) {
      expect(part).toContain("Charter to Lisbon");
      expect(part).toContain("3 seats");
      expect(part).toContain("12 May 2027 – 16 May 2027");
      expect(part).toContain("1 March 2027, 12:00 UTC");
      expect(part).toContain(link);
    }
    expect(e.html).toMatch(/^<!doctype html>/);
    expect(e.html).toContain(`<a href="${link}"`);
    expect(e.links[0]).toBe(link);
  });

  it("the sign-in email has a subject, text and HTML with its link", () => {
    const link = `${APP}/auth/callback?token=abc123`;
    const e = render("sign-in", null, { link, locale: "en" });
    expect(e.subject).toBe("Your Quorum sign-in link");
    expect(e.text).toContain(link);
    expect(e.html).toContain(`<a href="${link}"`);
    expect(e.links).toEqual([link]);
  });

  it("the initiator's email speaks to the initiator, without seats", () => {
    const e = render("deal-confirmed", trip(), { seats: 0, status: "initiator" });
    expect(e.text).toContain("Your proposal is going ahead");
    expect(e.text).not.toContain("0 seats");
  });

  it("the numbers each kind reports", () => {
    expect(render("deal-confirmed").text).toContain("threshold of 99 seats");
    expect(render("deal-failed").text).toContain("with 42 of the 99 seats needed");
    expect(render("deal-confirmed").text).toContain("Your 3 seats are now binding.");
    expect(render("deal-confirmed", trip(), { seats: 1, status: "active" }).text).toContain("Your seat is now binding.");
    expect(render("deal-confirmed", trip({ threshold: 1, seatsCommitted: 1 })).text).toContain("threshold of 1 seat and");
    expect(render("deal-failed", trip({ threshold: 1, seatsCommitted: 0 })).text).toContain("with 0 of the 1 seat needed");
    expect(render("waitlist-promoted", trip(), { seats: 1, status: "active" }).text).toContain("your seat moved off the waitlist and is now active");
    expect(render("waitlist-promoted").text).toContain("your 3 seats moved off the waitlist and are now active");
    expect(render("waitlist-promoted", trip(), { seats: 1, status: "active" }).text).toContain("Charter to Lisbon: 1 seat\n");
  });

  it("escapes HTML in titles", () => {
    const title = `<script>alert(1)</script> & "Rock 'n' roll"`;
    for (const kind of dealKinds) {
      const e = render(kind, trip({ title }));
      expect(e.html).not.toContain("<script>");
      expect(e.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Rock &#39;n&#39; roll&quot;");
      // Plain text is not HTML: it carries the title as written.
      expect(e.text).toContain(title);
    }
  });

  it("builds every link from APP_URL", () => {
    for (const kind of [...dealKinds, "sign-in" as const]) {
      const e = render(kind, kind === "sign-in" ? null : trip(), kind === "sign-in" ? { link: `${APP}/auth/callback?token=t` } : undefined);
      expect(e.links.length).toBeGreaterThan(0);
      for (const link of e.links) expect(link.startsWith(`${APP}/`)).toBe(true);
      const hrefs = [...e.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
      for (const href of hrefs) expect(href?.startsWith(`${APP}/`)).toBe(true);
    }
  });

  it("a trip's confirmation links to its calendar.ics; nothing else does", () => {
    const calendar = `${APP}/api/deals/k3x9q2m7p1z8w4v6/calendar.ics`;
    const confirmed = render("deal-confirmed");
    expect(confirmed.links).toEqual([`${APP}/deals/k3x9q2m7p1z8w4v6`, calendar]);
    expect(confirmed.text).toContain(`Add the trip to your calendar: ${calendar}`);
    expect(confirmed.html).toContain(`<a href="${calendar}"`);
    expect(render("deal-failed").links).not.toContain(calendar);
    expect(render("deal-confirmed", trip({ kind: "deal", departsOn: null, returnsOn: null })).links).toHaveLength(1);
  });
});

describe("a sign-in email through Resend", () => {
  it("carries a link built from APP_URL; once sent, the link is erased from the outbox", async () => {
    const { fake, ...resend } = await startResend();
    const app = await resend.app({ APP_URL: APP });
    const res = await app.api("POST", "/api/auth/email", { body: { email: "ada@example.com" } });
    expect(res.status).toBe(202);
    await drain(app);
    const [sent] = fake.delivered();
    expect(sent?.to).toEqual(["ada@example.com"]);
    expect(sent?.hasAttachments).toBe(false);
    expect(sent?.text).toMatch(new RegExp(`${APP}/auth/callback\\?token=[\\w-]+`));
    const [row] = await app.notifications({ kind: "sign-in" });
    expect(row).toMatchObject({ state: "sent", payload: "{}", providerMessageId: sent?.id });
  });
});
