// The in-memory rate-limit windows stay bounded under many distinct clients: a window that has
// ended is dropped by its own time, and past the cap the oldest goes, without walking the map.
import { afterEach, describe, expect, it } from "vitest";
import { clock } from "../../api/clock.ts";
import { RateLimiter } from "../../api/http/rate-limit.ts";

afterEach(() => clock.setOffset(0));
const limit = { limit: 2, windowMs: 60_000 };
const refused = (l: RateLimiter, key: string) => {
  try {
    l.hit(key, limit);
    return false;
  } catch {
    return true;
  }
};

describe("the in-memory rate limiter", () => {
  it("never holds more windows than its cap, however many distinct clients", () => {
    const limiter = new RateLimiter(true, 1_000);
    for (let i = 0; i < 50_000; i++) limiter.hit(`ip:${i}`, limit);
    expect(limiter.size).toBe(1_000);
    // The newest clients are still counted.
    limiter.hit("ip:49999", limit);
    expect(refused(limiter, "ip:49999")).toBe(true);
  });

  it("drops windows that have ended as new hits come, without waiting for the cap", () => {
    const limiter = new RateLimiter(true, 1_000);
    for (let i = 0; i < 500; i++) limiter.hit(`ip:${i}`, limit);
    clock.setOffset(limit.windowMs);
    for (let i = 0; i < 100; i++) limiter.hit(`new:${i}`, limit);
    // Each new window drops two that have ended: 100 new ones, 200 of the 500 ended ones gone.
    expect(limiter.size).toBe(100 + 300);
    for (let i = 100; i < 300; i++) limiter.hit(`new:${i}`, limit);
    expect(limiter.size).toBe(300);
  });

  it("still limits: a key over its limit is refused until its window ends", () => {
    const limiter = new RateLimiter(true, 1_000);
    limiter.hit("ada", limit);
    limiter.hit("ada", limit);
    expect(refused(limiter, "ada")).toBe(true);
    clock.setOffset(limit.windowMs);
    expect(refused(limiter, "ada")).toBe(false);
  });

  it("keeps its bookkeeping bounded when the same keys open window after window", () => {
    const limiter = new RateLimiter(true, 100);
    // A long window at the front holds the queue; short ones behind it reopen again and again.
    limiter.hit("long", { limit: 1, windowMs: 3_600_000 });
    for (let round = 0; round < 100; round++) {
      for (let i = 0; i < 50; i++) limiter.hit(`short:${i}`, { limit: 5, windowMs: 1_000 });
      clock.setOffset(clock.offsetMs() + 1_000);
    }
    expect(limiter.size).toBeLessThanOrEqual(100);
    expect((limiter as unknown as { queue: { length: number } }).queue.length).toBeLessThan(2 * 100 + 1024 + 50);
  });
});
