// Fixed-window rate limits, kept in memory per process (per isolate on Workers). They are the
// edge's business: the handlers count a hit before they call a use case, and the domain functions
// know nothing of them. RATE_LIMITS=off turns them all off. The limits that must hold across
// processes (sign-in emails) are kept in the database instead: rate-counter.ts.
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
  // Sign-in confirmation: looking up and using sign-in links, per client address.
  callbackPerIp: { limit: 60, windowMs: 15 * 60_000 },
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

/** Windows kept at most; past it the oldest goes, so many distinct clients cannot grow memory. */
export const MAX_WINDOWS = 100_000;

/**
 * The windows live in a Map in the order they opened (a key that opens a new window moves to the
 * end), so the oldest is always first: each hit drops a few windows that have ended from the
 * front, and past MAX_WINDOWS the first one goes. Both are O(1); nothing walks the whole map.
 */
export class RateLimiter {
  private windows = new Map<string, { end: number; count: number }>();
  constructor(
    private enabled: boolean,
    private maxWindows = MAX_WINDOWS,
  ) {}

  get size(): number {
    return this.windows.size;
  }

  /** Counts one hit; throws RATE_LIMITED (429 with retry-after) when over the limit. */
  hit(key: string, { limit, windowMs }: Limit): void {
    if (!this.enabled) return;
    const now = clock.nowMs();
    this.dropEnded(now);
    let w = this.windows.get(key);
    if (!w || now >= w.end) {
      this.windows.delete(key);
      w = { end: now + windowMs, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > this.maxWindows) this.windows.delete(this.windows.keys().next().value!);
    }
    w.count++;
    if (w.count > limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((w.end - now) / 1000));
      throw new AppError("RATE_LIMITED", "Too many requests. Try again later.", { retryAfterSeconds });
    }
  }

  /** Two per hit outpace the one a hit can add, so ended windows never pile up at the front. */
  private dropEnded(now: number) {
    for (let i = 0; i < 2; i++) {
      const first = this.windows.entries().next().value;
      if (!first || first[1].end > now) return;
      this.windows.delete(first[0]);
    }
  }
}
