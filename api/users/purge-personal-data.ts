// The retention purge, run by the sweep on both targets: personal data that has done its job is
// deleted or erased after the periods in the contract (RETENTION), which the /privacy page states.
// - sign-in links: deleted 24 hours after they were asked for (used or not);
// - sessions: deleted once expired;
// - notifications: the address and the payload erased once sent (or dropped, or given up) more than
//   90 days ago; the row and its key stay, so a notification is still never sent twice;
// - a deleted member's notifications that were on their way out at the deletion: erased once sent
//   (one given up instead keeps its address until its 90 days);
// - development mailbox copies: deleted after 7 days.
// All in one atomic batch. It runs at most once per PURGE_EVERY_MS per process (or Worker
// isolate): its statements walk index ranges of old rows, work the sweep need not do every 15 s.
import type { Deps } from "../context.ts";
import { clock } from "../clock.ts";
import { query, sql, sqlTime } from "../db/sql.ts";
import { RETENTION } from "../contract/retention.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const PURGE_EVERY_MS = HOUR_MS;
const WINDOW_DAYS = 7;

interface Purged {
  signInTokens: number;
  sessions: number;
  notifications: number;
  mailbox: number;
}

/**
 * `full` walks every old notification and every deleted member; otherwise only the notifications
 * that came of age, and the members deleted, in the last WINDOW_DAYS (the sweep's hourly runs; the
 * first run in a process is full, so a long stop leaves nothing behind).
 */
export async function purgePersonalData(deps: Deps, { full = true }: { full?: boolean } = {}): Promise<Purged> {
  const nowMs = clock.nowMs();
  const oldMs = nowMs - RETENTION.notificationDays * DAY_MS;
  const [old, from] = [sqlTime(oldMs), full ? "" : sqlTime(oldMs - WINDOW_DAYS * DAY_MS)];
  const erase = sql`"toEmail" = '', "payload" = '{}', "frozen" = NULL, "key" = CASE WHEN "kind" = 'sign-in' THEN 'erased:' || "id" ELSE "key" END`;
  const unerased = sql`("toEmail" <> '' OR "payload" <> '{}')`;
  // Members deleted lately, whose notifications on their way out at the deletion were sent after it
  // (see delete-account.ts): by the time of the earliest deletion, so only that range is walked.
  const deleted = await query(deps.sql, sql`SELECT "id", "deletedAt" FROM "User" WHERE "deletedAt" >= ${full ? "" : sqlTime(nowMs - WINDOW_DAYS * DAY_MS)}`);
  const since = deleted.map((u) => String(u.deletedAt)).sort()[0];
  const ids = JSON.stringify(deleted.map((u) => String(u.id)));
  const results = await deps.sql.batch([
    sql`DELETE FROM "SignInToken" WHERE "createdAt" < ${sqlTime(nowMs - RETENTION.signInTokenHours * HOUR_MS)} RETURNING "id"`,
    sql`DELETE FROM "Session" WHERE "expiresAt" <= ${sqlTime(nowMs)} RETURNING "id"`,
    sql`DELETE FROM "MailboxEmail" WHERE "createdAt" < ${sqlTime(nowMs - RETENTION.devMailboxDays * DAY_MS)} RETURNING "id"`,
    // Sent ones by the sentAt index; the others (dropped, given up) were never sent: by their age.
    sql`UPDATE "Notification" SET ${erase} WHERE "sentAt" >= ${from} AND "sentAt" < ${old} AND ${unerased} RETURNING "id"`,
    sql`UPDATE "Notification" SET ${erase}
       WHERE "state" IN ('failed', 'expired') AND "createdAt" < ${old} AND ${unerased} RETURNING "id"`,
    ...(since === undefined
      ? []
      : [
          sql`UPDATE "Notification" SET ${erase}
             WHERE "sentAt" >= ${since} AND "toEmail" <> '' AND "userId" IN (SELECT "value" FROM json_each(${ids}))
             RETURNING "id"`,
        ]),
  ]);
  const n = results.map((r) => r?.length ?? 0);
  return { signInTokens: n[0]!, sessions: n[1]!, mailbox: n[2]!, notifications: n.slice(3).reduce((a, b) => a + b, 0) };
}

/** By the configuration, made once per process or Worker isolate (a Worker's Deps are made per request). */
const lastRun = new WeakMap<Deps["config"], number>();

/** The sweep's call: purges when the last purge in this process is PURGE_EVERY_MS old (by the app's clock). */
export async function purgeIfDue(deps: Deps): Promise<Purged | null> {
  const nowMs = clock.nowMs();
  const last = lastRun.get(deps.config);
  if (last !== undefined && nowMs - last < PURGE_EVERY_MS && nowMs >= last) return null;
  lastRun.set(deps.config, nowMs);
  const purged = await purgePersonalData(deps, { full: last === undefined });
  if (purged.signInTokens + purged.sessions + purged.notifications + purged.mailbox > 0) deps.log.info("retention purge", { job: "purge", ...purged });
  return purged;
}
