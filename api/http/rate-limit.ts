// Fixed-window rate limits, kept in memory per process (per isolate on Workers). They are the
// edge's business: the handlers count a hit before they call a use case, and the domain functions
// know nothing of them. RATE_LIMITS=off turns them all off. The limits that must hold across
// processes (sign-in emails) are kept in the database instead: rate-counter.ts.
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { ArrivalQueue } from "../arrival-queue.ts";

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

/** Windows kept at most; past it the oldest goes, so many distinct clients cannot grow memory. */
const MAX_WINDOWS = 100_000;

type Window = { end: number; count: number };

/**
 * The windows live in a Map, and an ArrivalQueue keeps them in the order they opened (a key that
 * opens a new window goes to the back again), so the oldest is at the front. Each new window drops
 * up to two windows that have ended from the front, and past MAX_WINDOWS the front one goes: O(1)
 * per hit, nothing walks the whole map.
 */
export class RateLimiter {
  private windows = new Map<string, Window>();
  private queue: ArrivalQueue<Window>;
  constructor(
    private enabled: boolean,
    private maxWindows = MAX_WINDOWS,
  ) {
    this.queue = new ArrivalQueue((key) => this.windows.get(key), maxWindows);
  }

  get size(): number {
    return this.windows.size;
  }

  /** Counts one hit; throws RATE_LIMITED (429 with retry-after) when over the limit. */
  hit(key: string, { limit, windowMs }: Limit): void {
    if (!this.enabled) return;
    const now = clock.nowMs();
    let w = this.windows.get(key);
    if (!w || now >= w.end) {
      w = { end: now + windowMs, count: 0 };
      this.windows.set(key, w);
      this.queue.push(key, w);
      this.trim(now);
    }
    w.count++;
    if (w.count > limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((w.end - now) / 1000));
      throw new AppError("RATE_LIMITED", "Too many requests. Try again later.", { retryAfterSeconds });
    }
  }

  private trim(now: number) {
    let ended = 0;
    this.queue.trim((key, w) => {
      if (this.windows.size <= this.maxWindows && (w.end > now || ended >= 2)) return false;
      this.windows.delete(key);
      if (w.end <= now) ended++;
      return true;
    });
  }
}
