// Component tests in a happy-dom document: the progress bar, the status banner, the propose form's
// errors next to their fields, and the live connection's reconnect. The only fake is the browser's
// EventSource (the network edge).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render } from "solid-js/web";
import { createRoot, type JSX } from "solid-js";
import { Route, Router } from "@solidjs/router";
import { en } from "../../api/contract/i18n/en.ts";
import { de } from "../../api/contract/i18n/de.ts";
import { useCatalogue } from "../../web/src/i18n/index.ts";
import { Progress } from "../../web/src/components/Progress.tsx";
import { StatusBanner } from "../../web/src/components/StatusBanner.tsx";
import { setUser } from "../../web/src/session.ts";
import Propose from "../../web/src/pages/propose/ProposePage.tsx";
import { liveDeal } from "../../web/src/live.ts";

let dispose: (() => void) | undefined;
function mount(ui: () => JSX.Element): HTMLElement {
  const el = document.createElement("div");
  document.body.append(el);
  dispose = render(ui, el);
  return el;
}

const byText = (root: HTMLElement, text: string) =>
  [...root.querySelectorAll("*")].find((e) => e.children.length === 0 && e.textContent?.trim() === text);

/** The control a <label> names, as a person finds it. */
function byLabel(root: HTMLElement, label: string): HTMLInputElement {
  const l = [...root.querySelectorAll("label")].find((e) => e.textContent?.trim() === label);
  if (!l) throw new Error(`no label "${label}"`);
  const control = root.querySelector<HTMLInputElement>(`[id="${l.htmlFor}"]`);
  if (!control) throw new Error(`label "${label}" names nothing`);
  return control;
}

/** The messages that aria-describedby ties to a control. */
const description = (control: HTMLElement) =>
  (control.getAttribute("aria-describedby") ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent?.trim());

beforeEach(() => useCatalogue("en", en));
afterEach(() => {
  dispose?.();
  dispose = undefined;
  document.body.innerHTML = "";
});

describe("Progress", () => {
  it("shows the active seats toward the threshold, with the capacity marked", () => {
    const el = mount(() => <Progress threshold={2} capacity={3} seatsCommitted={1} seatsWaitlisted={2} />);
    const bar = el.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute("aria-valuenow")).toBe("1");
    expect(bar.getAttribute("aria-valuemax")).toBe("3");
    expect(bar.getAttribute("aria-valuetext")).toBe("1 of 2 seats committed. 1 more seat needed.");
    expect(el.querySelector(".progress__marker--threshold")!.getAttribute("style")).toContain("left: 66.6");
    expect(el.querySelector(".progress__marker--capacity")).not.toBeNull();
    expect(byText(el, "1 more seat needed")).toBeDefined();
    expect(el.textContent).toContain("Capacity: 3 seats · 2 seats left");
    expect(el.textContent).toContain("2 seats on the waitlist");
  });

  it("says when the threshold is reached and the deal is full", () => {
    const el = mount(() => <Progress threshold={2} capacity={3} seatsCommitted={3} seatsWaitlisted={0} />);
    expect(byText(el, "Threshold reached")).toBeDefined();
    expect(el.textContent).toContain(en["progress.full"]);
  });

  it("counts past the threshold in the plural", () => {
    const el = mount(() => <Progress threshold={1} capacity={null} seatsCommitted={2} seatsWaitlisted={0} />);
    // Issue 16: past the threshold, "2 of 1 seats committed" became "2 seats committed (it needed 1)".
    expect(el.textContent).toContain("2 seats committed (it needed 1)");
    expect(el.textContent).not.toContain("2 of 1");
    const one = mount(() => <Progress threshold={1} capacity={null} seatsCommitted={1} seatsWaitlisted={0} />);
    expect(one.textContent).toContain("1 of 1 seat committed");
  });

  it("on a deal that did not go ahead, says what it had and not what it still needs", () => {
    const el = mount(() => <Progress threshold={5} capacity={8} seatsCommitted={2} seatsWaitlisted={0} ended />);
    expect(el.textContent).toContain("2 of 5 seats committed");
    expect(el.textContent).not.toContain("more seats needed");
    expect(el.querySelector("[role=progressbar]")!.getAttribute("aria-valuetext")).not.toContain("needed");
  });

  it("has no capacity marker without a capacity", () => {
    const el = mount(() => <Progress threshold={99} capacity={null} seatsCommitted={12} seatsWaitlisted={0} />);
    expect(el.querySelector(".progress__marker")).toBeNull();
    expect(byText(el, "87 more seats needed")).toBeDefined();
  });

  it("speaks German", () => {
    useCatalogue("de", de);
    const el = mount(() => <Progress threshold={5} capacity={null} seatsCommitted={4} seatsWaitlisted={0} />);
    expect(byText(el, "Noch 1 Platz nötig")).toBeDefined();
  });
});

describe("StatusBanner", () => {
  it("says in grace how far the deal got, its soft threshold and until when", () => {
    const graceEndsAt = "2027-03-06T12:00:00.000Z";
    const el = mount(() => <StatusBanner deal={{ status: "grace", threshold: 10, seatsCommitted: 8, softThreshold: 6, graceEndsAt }} />);
    const text = el.querySelector('[role="status"]')!.textContent!;
    expect(text).toContain(en["status.grace"]);
    expect(text).toMatch(/8 of 10 seats.*soft threshold of 6/);
    expect(text).toContain("2027");
    dispose?.();
  });
  it("announces every state in words", () => {
    for (const status of ["open", "confirmed", "failed", "cancelled"] as const) {
      const el = mount(() => <StatusBanner deal={{ status, threshold: 3 }} />);
      const banner = el.querySelector('[role="status"]')!;
      expect(banner.getAttribute("aria-live")).toBe("polite");
      expect(banner.textContent).toContain(en[`status.${status}`]);
      dispose?.();
    }
  });
});

describe("the propose form", () => {
  it("shows each error next to its field, tied to it for assistive technology", async () => {
    setUser({ id: "u1", email: "ada@example.com", displayName: "Ada", locale: "en", nameChosen: true, timeZone: null });
    const el = mount(() => (
      <Router>
        <Route path="*" component={Propose} />
      </Router>
    ));
    await vi.waitFor(() => expect(byText(el, en["propose.title"])).toBeDefined());
    const title = byLabel(el, en["propose.titleField"]);
    title.value = "ab";
    title.dispatchEvent(new Event("input", { bubbles: true }));
    const capacity = byLabel(el, en["propose.capacity"]);
    capacity.value = "1";
    capacity.dispatchEvent(new Event("input", { bubbles: true }));
    byLabel(el, en["propose.threshold"]).value = "";

    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await vi.waitFor(() => expect(title.getAttribute("aria-invalid")).toBe("true"));
    expect(description(title)).toEqual([en["propose.titleHint"].replace("{min}", "3").replace("{max}", "120"), "Use at least 3 characters."]);
    expect(description(byLabel(el, en["propose.threshold"]))).toEqual(["This field is required."]);
    expect(description(byLabel(el, en["propose.price"]))).toEqual(["This field is required."]);
    expect(el.querySelector('[role="alert"]')!.textContent).toBe(en["propose.fix"]);

    // The preview follows the form.
    title.value = "Charter to Lisbon";
    title.dispatchEvent(new Event("input", { bubbles: true }));
    await vi.waitFor(() => expect(el.querySelector(".card--preview .card__title")!.textContent).toBe("Charter to Lisbon"));
    expect(title.getAttribute("aria-invalid")).toBe("false");
    setUser(null);
  });
});

describe("the live connection", () => {
  class FakeEventSource {
    static CONNECTING = 0;
    static OPEN = 1;
    static CLOSED = 2;
    static all: FakeEventSource[] = [];
    readyState = FakeEventSource.CONNECTING;
    listeners = new Map<string, ((e: Event) => void)[]>();
    constructor(readonly url: string) {
      FakeEventSource.all.push(this);
    }
    addEventListener(type: string, fn: (e: Event) => void) {
      this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
    }
    emit(type: string, data?: unknown) {
      const event = type === "error" ? new Event("error") : new MessageEvent(type, { data: JSON.stringify(data) });
      for (const fn of this.listeners.get(type) ?? []) fn(event);
    }
    close() {
      this.readyState = FakeEventSource.CLOSED;
    }
  }

  beforeEach(() => {
    FakeEventSource.all = [];
    vi.stubGlobal("EventSource", FakeEventSource);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("applies every snapshot, and opens a new connection when the browser gives up", () => {
    const seen: number[] = [];
    createRoot((done) => {
      const live = liveDeal("/api/deals/abc/events", (d) => seen.push(d.seatsCommitted));
      const first = FakeEventSource.all[0]!;
      expect(first.url).toBe("/api/deals/abc/events");
      first.emit("deal", { deal: { seatsCommitted: 1 } });
      expect(live.connected()).toBe(true);

      // A drop EventSource retries by itself: nothing to do.
      first.emit("error");
      expect(live.connected()).toBe(false);
      vi.advanceTimersByTime(20_000);
      expect(FakeEventSource.all).toHaveLength(1);

      // The browser gave up (CLOSED): a new connection after a back-off, which sends a fresh snapshot.
      first.readyState = FakeEventSource.CLOSED;
      first.emit("error");
      vi.advanceTimersByTime(999);
      expect(FakeEventSource.all).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(FakeEventSource.all).toHaveLength(2);
      FakeEventSource.all[1]!.emit("deal", { deal: { seatsCommitted: 2 } });
      expect(live.connected()).toBe(true);
      expect(seen).toEqual([1, 2]);

      done();
      expect(FakeEventSource.all[1]!.readyState).toBe(FakeEventSource.CLOSED);
    });
  });
});
