// The deal page in real Chromium when its live stream reaches its maximum age (1.5 s here): the
// browser reconnects by itself, gets a fresh snapshot, and keeps following the deal.
import { describe, expect, it } from "vitest";
import { browserAndServer, chromiumPath, newPerson, watchErrors } from "./support.ts";

describe.skipIf(!chromiumPath)("the live deal page past its stream's age", () => {
  const e2e = browserAndServer({ EVENT_STREAM_MAX_AGE_MS: "1500" });

  it("reconnects after the stream ends, and shows the joins made after that", { timeout: 60_000 }, async () => {
    const { deal } = await e2e.server.createDeal({ threshold: 10, capacity: 20, maxSeatsPerCommitment: 5 });
    const context = await newPerson(e2e.browser);
    const page = await context.newPage();
    const errors: string[] = [];
    watchErrors(page, errors);
    const streams: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/events")) streams.push(r.url());
    });
    await page.goto(`${e2e.server.url}/deals/${deal.id}`);
    const bar = page.getByRole("progressbar");
    await bar.waitFor();
    expect(await bar.getAttribute("aria-valuenow")).toBe("0");

    // An age passes: the stream ends, the page opens another within a second, and a join made
    // after that still shows at once.
    await new Promise((r) => setTimeout(r, 2_800));
    expect(streams.length).toBeGreaterThanOrEqual(2);
    await e2e.server.join(await e2e.server.createUser(), deal.id, 3);
    await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow") === "3", null, { timeout: 5_000 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
