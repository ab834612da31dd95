// Fixed-window rate limits, kept in memory per process (per isolate on Workers). They are the
// edge's business: the handlers count a hit before they call a use case, and the domain functions
// know nothing of them. RATE_LIMITS=off turns them all off.
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";

interface Limit {
  limit: number;
  windowMs: number;
}

export const LIMITS = {
  signInPerEmail: { limit: 5, windowMs: 15 * 60_000 },
  signInPerIp: { limit: 30, windowMs: 15 * 60_000 },
  proposalsPerUser: { limit: 20, windowMs: 60 * 60_000 },
  joinsPerUser: { limit: 60, windowMs: 60_000 },
  // moderation (issue 15)
  reportsPerUser: { limit: 10, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;

/**
 * What a per-IP limit counts under. One IPv6 host usually holds a whole /64 and can rotate
 * through it, so an IPv6 address counts by its first 64 bits; IPv4 (also IPv4-mapped) by itself.
 */
export function ipLimitKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(":")) return ip;
  const [head = "", tail] = ip.toLowerCase().split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

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
