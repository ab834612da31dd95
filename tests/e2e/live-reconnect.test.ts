// The deal page in real Chromium when its live stream reaches its maximum age (1.5 s here): the
// browser reconnects by itself, gets a fresh snapshot, and keeps following the deal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { chromiumPath, launchBrowser, newPerson, watchErrors } from "./support.ts";
import { startTestServer } from "../setup/harness.ts";
import { freePort } from "../setup/ports.ts";

describe.skipIf(!chromiumPath)("the live deal page past its stream's age", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    const port = await freePort();
    [browser, server] = await Promise.all([
      launchBrowser(),
      startTestServer({ PORT: String(port), APP_URL: `http://127.0.0.1:${port}`, EVENT_STREAM_MAX_AGE_MS: "1500" }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("reconnects after the stream ends, and shows the joins made after that", { timeout: 60_000 }, async () => {
    const { deal } = await server.createDeal({ threshold: 10, capacity: 20, maxSeatsPerCommitment: 5 });
    const context = await newPerson(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    watchErrors(page, errors);
    const streams: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/events")) streams.push(r.url());
    });
    await page.goto(`${server.url}/deals/${deal.id}`);
    const bar = page.getByRole("progressbar");
    await bar.waitFor();
    expect(await bar.getAttribute("aria-valuenow")).toBe("0");

    // An age passes: the stream ends, the page opens another within a second, and a join made
    // after that still shows at once.
    await new Promise((r) => setTimeout(r, 2_800));
    expect(streams.length).toBeGreaterThanOrEqual(2);
    await server.join(await server.createUser(), deal.id, 3);
    await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow") === "3", null, { timeout: 5_000 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
