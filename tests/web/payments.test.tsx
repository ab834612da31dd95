// Paying at the tip in the web app, in a happy-dom document. The deal page's payment panel, state
// by state: due (with the note in the last day), paid, lapsed, back from the checkout with
// ?payment=success (confirming until the server says paid, reading the deal again meanwhile) and
// ?payment=cancelled, and a refused "Pay now" in words. The initiator's payment counts, and the
// propose form's time to pay. The only fake is fetch (the network edge).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render } from "solid-js/web";
import { createSignal, type JSX } from "solid-js";
import { Route, Router } from "@solidjs/router";
import { en } from "../../api/contract/i18n/en.ts";
import type { CommitmentPaymentJson } from "../../api/contract/payment-schemas.ts";
import { useCatalogue } from "../../web/src/i18n/index.ts";
import { PaymentPanel } from "../../web/src/pages/deal/PaymentPanel.tsx";
import type { Deal } from "../../web/src/api.ts";
import { PaymentCounts } from "../../web/src/pages/manage/PaymentCounts.tsx";
import type { Participant } from "../../web/src/pages/manage/ParticipantTable.tsx";
import { windowHours } from "../../web/src/pages/propose/PaymentWindowField.tsx";

const HOUR = 3_600_000;
const deal = { id: "d1" } as Deal;
const payment = (over: Partial<CommitmentPaymentJson> = {}): CommitmentPaymentJson => ({
  status: "due",
  amountCents: 29500,
  currency: "EUR",
  dueAt: new Date(Date.now() + 48 * HOUR).toISOString(),
  paidAt: null,
  ...over,
});

let dispose: (() => void) | undefined;
/** The panel at a URL, under the router (it reads ?payment=). */
function mount(url: string, ui: () => JSX.Element): HTMLElement {
  window.history.replaceState(null, "", url);
  const el = document.createElement("div");
  document.body.append(el);
  dispose = render(
    () => (
      <Router>
        <Route path="*" component={ui} />
      </Router>
    ),
    el,
  );
  return el;
}
const text = (el: HTMLElement) => el.textContent ?? "";
const payNow = (el: HTMLElement) => [...el.querySelectorAll("button")].find((b) => b.textContent === en["pay.now"]);

beforeEach(() => useCatalogue("en", en));
afterEach(() => {
  dispose?.();
  dispose = undefined;
  document.body.innerHTML = "";
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("the payment panel", () => {
  it("asks a due payment's amount by its time, with Pay now, and no last-day note yet", async () => {
    const el = mount("/deals/d1", () => <PaymentPanel deal={deal} payment={payment()} />);
    await vi.waitFor(() => expect(payNow(el)).toBeDefined());
    expect(text(el)).toContain("Pay €295.00 by ");
    expect(text(el)).not.toContain(en["pay.soon"].split("{")[0]);
    expect(text(el)).not.toContain(en["pay.received"]);
  });

  it("says so in the last day", async () => {
    const el = mount("/deals/d1", () => <PaymentPanel deal={deal} payment={payment({ dueAt: new Date(Date.now() + 3 * HOUR).toISOString() })} />);
    await vi.waitFor(() => expect(text(el)).toContain(en["pay.soon"].replace("{hours}", "24")));
  });

  it("says the payment was received, with its date, and offers nothing to pay", async () => {
    const el = mount("/deals/d1", () => <PaymentPanel deal={deal} payment={payment({ status: "paid", paidAt: "2027-05-01T10:00:00.000Z" })} />);
    await vi.waitFor(() => expect(text(el)).toContain(en["pay.received"]));
    expect(text(el)).toContain("€295.00, paid on 1 May 2027");
    expect(payNow(el)).toBeUndefined();
  });

  it("explains a lapsed payment: the seats were freed, nothing was charged", async () => {
    const el = mount("/deals/d1", () => <PaymentPanel deal={deal} payment={payment({ status: "lapsed" })} />);
    await vi.waitFor(() => expect(text(el)).toContain(en["pay.lapsed"].split("{")[0]));
    expect(text(el)).toContain("Nothing was charged.");
    expect(payNow(el)).toBeUndefined();
  });

  it("back from the checkout, confirms until the server says paid, reading the deal again meanwhile", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const asked: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify({ error: { code: "UNKNOWN", message: "" } }), { status: 500 });
    });
    const [p, setP] = createSignal(payment());
    const el = mount("/deals/d1?payment=success", () => <PaymentPanel deal={deal} payment={p()} />);
    await vi.waitFor(() => expect(text(el)).toContain(en["pay.confirming"]));
    expect(text(el)).not.toContain(en["pay.received"]);
    expect(payNow(el)).toBeUndefined();
    vi.advanceTimersByTime(4_100);
    expect(asked.filter((u) => u === "/api/deals/d1")).toHaveLength(2);
    setP(payment({ status: "paid", paidAt: new Date().toISOString() }));
    await vi.waitFor(() => expect(text(el)).toContain(en["pay.received"]));
    expect(text(el)).not.toContain(en["pay.confirming"]);
    // Paid: no more reading.
    vi.advanceTimersByTime(10_000);
    expect(asked.filter((u) => u === "/api/deals/d1")).toHaveLength(2);
  });

  it("stops asking after a while, says it takes longer, and offers Pay now again", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    vi.stubGlobal("fetch", async () => new Response("{}", { status: 500 }));
    const el = mount("/deals/d1?payment=success", () => <PaymentPanel deal={deal} payment={payment()} />);
    await vi.waitFor(() => expect(text(el)).toContain(en["pay.confirming"]));
    vi.advanceTimersByTime(2_000 * 31);
    await vi.waitFor(() => expect(text(el)).toContain(en["pay.confirmingSlow"]));
    expect(payNow(el)).toBeDefined();
  });

  it("back from a cancelled checkout, says not paid yet and offers Pay now", async () => {
    const el = mount("/deals/d1?payment=cancelled", () => <PaymentPanel deal={deal} payment={payment()} />);
    await vi.waitFor(() => expect(text(el)).toContain(en["pay.notYet"].split("{")[0]));
    expect(payNow(el)).toBeDefined();
  });

  it("puts a refused Pay now into words, and asks the server for the deal's own payment", async () => {
    const calls: [string, RequestInit | undefined][] = [];
    vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
      calls.push([url, init]);
      return new Response(JSON.stringify({ error: { code: "FORBIDDEN", message: "no" } }), { status: 403 });
    });
    const el = mount("/deals/d1", () => <PaymentPanel deal={deal} payment={payment()} />);
    await vi.waitFor(() => expect(payNow(el)).toBeDefined());
    payNow(el)!.click();
    await vi.waitFor(() => expect(el.querySelector('[role="alert"]')?.textContent).toBe(en["error.FORBIDDEN"]));
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe("/api/deals/d1/payment");
    expect(calls[0]![1]?.method).toBe("POST");
    // No amount goes from the page: the server reads it from the database.
    expect(calls[0]![1]?.body).toBeUndefined();
    expect(payNow(el)!.disabled).toBe(false);
  });
});

describe("the initiator's payment counts", () => {
  const participant = (name: string, p: CommitmentPaymentJson | null): Participant => ({
    id: name,
    displayName: name,
    email: `${name}@example.com`,
    seats: 1,
    status: p?.status === "lapsed" ? "lapsed" : "active",
    createdAt: new Date().toISOString(),
    payment: p,
  });
  const dd = (el: HTMLElement, label: string) =>
    [...el.querySelectorAll("dt")].find((dt) => dt.textContent === label)?.nextElementSibling?.textContent;

  it("counts paid, due and lapsed", async () => {
    const list = [
      participant("Ada", payment({ status: "paid", amountCents: 59000 })),
      participant("Bob", payment({ status: "lapsed" })),
      participant("Cara", payment()),
      participant("Dan", payment({ status: "paid" })),
    ];
    const el = mount("/deals/d1/manage", () => <PaymentCounts participants={list} />);
    await vi.waitFor(() => expect(dd(el, en["payment.paid"])).toBe("2"));
    expect(dd(el, en["payment.due"])).toBe("1");
    expect(dd(el, en["payment.lapsed"])).toBe("1");
  });

  it("says nothing before any payment is asked", async () => {
    const el = mount("/deals/d1/manage", () => <PaymentCounts participants={[participant("Ada", null)]} />);
    await new Promise((r) => setTimeout(r, 20));
    expect(text(el)).toBe("");
  });
});

describe("the time to pay, when proposing", () => {
  it("is a whole number of hours or days from 24 hours to 14 days", () => {
    expect(windowHours("72", "hour")).toBe(72);
    expect(windowHours("3", "day")).toBe(72);
    expect(windowHours("24", "hour")).toBe(24);
    expect(windowHours("14", "day")).toBe(336);
    expect(windowHours("23", "hour")).toBeNull();
    expect(windowHours("15", "day")).toBeNull();
    expect(windowHours("337", "hour")).toBeNull();
    expect(windowHours("1.5", "day")).toBeNull();
    expect(windowHours("-2", "day")).toBeNull();
    expect(windowHours("", "hour")).toBeNull();
  });
});
