// The deal pages count with the server's time (issue 16): every API answer's Date header follows
// the app's clock, and the web app keeps the difference from the device's clock, so a phone whose
// clock is wrong shows the time that is really left.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestServer } from "../setup/harness.ts";
import { noteServerDate, serverNow } from "../../web/src/server-time.ts";

const HOUR = 3_600_000;

describe("the server's time in the web app", () => {
  afterEach(() => noteServerDate(new Date().toUTCString()));

  it("takes a clock that is hours off from the Date header, and trusts a clock within a second or so", () => {
    const now = Date.now();
    // The device is three hours behind the server.
    noteServerDate(new Date(now + 3 * HOUR).toUTCString(), now);
    expect(Math.abs(serverNow() - (Date.now() + 3 * HOUR))).toBeLessThan(1_500);
    // A right clock: the header's whole seconds add no jitter.
    noteServerDate(new Date(now).toUTCString(), now + 50);
    expect(Math.abs(serverNow() - Date.now())).toBeLessThan(5);
    // No header, or nonsense, changes nothing.
    noteServerDate(new Date(now - 2 * HOUR).toUTCString(), now);
    noteServerDate(null, now);
    noteServerDate("yesterday-ish", now);
    expect(Math.abs(serverNow() - (Date.now() - 2 * HOUR))).toBeLessThan(1_500);
  });
});

describe("the API's Date header", () => {
  // Over a real socket: the platform dates the answer, and the app only when its clock was moved.
  let app: Awaited<ReturnType<typeof startTestServer>>;
  beforeEach(async () => {
    app = await startTestServer();
  });
  afterEach(() => app.close());

  it("follows the app's clock, moved or not", async () => {
    const { deal } = await app.createDeal();
    const date = async () => Date.parse((await app.request(`/api/deals/${deal.id}`)).headers.get("date") ?? "");
    expect(Math.abs((await date()) - Date.now())).toBeLessThan(2_000);
    app.advance(5 * HOUR);
    expect(Math.abs((await date()) - (Date.now() + 5 * HOUR))).toBeLessThan(2_000);
  });
});

describe("relative times on the home page and the cards", () => {
  afterEach(() => noteServerDate(new Date().toUTCString()));

  it("count from the server's now, not the device's", async () => {
    const { relative } = await import("../../web/src/format.ts");
    const now = Date.now();
    const deadline = new Date(now + 5 * HOUR + 30 * 60_000).toISOString();
    expect(relative(deadline)).toBe("in 5 hours");
    // The device is three hours behind the server: the deadline is two hours away, not five.
    noteServerDate(new Date(now + 3 * HOUR).toUTCString(), now);
    expect(relative(deadline)).toBe("in 2 hours");
  });
});
