// Fixed-window limits kept in the database (the RateCounter table), for the limits that must hold
// across processes, Worker isolates and restarts: sign-in emails per client address, per email
// address, and in all. Each hit is one guarded upsert, so concurrent hits from anywhere count
// exactly; a refused hit changes nothing. The sweep purges windows that have passed.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { sql, sqlTime } from "../db/sql.ts";

export interface Limit {
  limit: number;
  windowMs: number;
}

/**
 * Counts one hit of `key` in the current window and answers the count; throws RATE_LIMITED (429
 * with retry-after) when the window is full. RATE_LIMITS=off turns it off (answers 0).
 */
export async function countHit(deps: Deps, key: string, { limit, windowMs }: Limit): Promise<number> {
  if (!deps.config.rateLimits) return 0;
  const nowMs = clock.nowMs();
  const start = Math.floor(nowMs / windowMs) * windowMs;
  const [rows] = await deps.sql.batch([
    sql`INSERT INTO "RateCounter" ("key", "windowStart", "count", "expiresAt")
       VALUES (${key}, ${sqlTime(start)}, 1, ${sqlTime(start + windowMs)})
       ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "count" + 1 WHERE "count" < ${limit}
       RETURNING "count"`,
  ]);
  const count = Number(rows?.[0]?.count ?? 0);
  if (count === 0 || count > limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000));
    throw new AppError("RATE_LIMITED", "Too many requests. Try again later.", { retryAfterSeconds });
  }
  return count;
}

/** Deletes the windows that have passed; the sweep calls it. */
export async function purgeRateCounters(deps: Deps): Promise<number> {
  const [rows] = await deps.sql.batch([
    sql`DELETE FROM "RateCounter" WHERE "expiresAt" <= ${sqlTime(clock.nowMs())} RETURNING "key"`,
  ]);
  return rows?.length ?? 0;
}
