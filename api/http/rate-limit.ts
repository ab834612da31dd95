// Fixed-window rate limits, kept in memory per process. RATE_LIMITS=off turns them all off.
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";

export interface Limit {
  limit: number;
  windowMs: number;
}

export const LIMITS = {
  signInPerEmail: { limit: 5, windowMs: 15 * 60_000 },
  signInPerIp: { limit: 30, windowMs: 15 * 60_000 },
  proposalsPerUser: { limit: 20, windowMs: 60 * 60_000 },
  joinsPerUser: { limit: 60, windowMs: 60_000 },
} satisfies Record<string, Limit>;

export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  constructor(private enabled: boolean) {}

  /** Counts one hit; throws RATE_LIMITED (429 with retry-after) when over the limit. */
  hit(key: string, { limit, windowMs }: Limit): void {
    if (!this.enabled) return;
    const now = clock.nowMs();
    let w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      if (this.windows.size > 100_000) this.prune(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    if (w.count > limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));
      throw new AppError("RATE_LIMITED", "Too many requests. Try again later.", { retryAfterSeconds });
    }
  }

  private prune(now: number) {
    for (const [k, w] of this.windows) if (now - w.start > 3_600_000) this.windows.delete(k);
  }
}
