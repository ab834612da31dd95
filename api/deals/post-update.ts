// Posting an update: the initiator tells the group something ("the airline confirmed the slot").
// The update row and one `deal-update` email per participant (active or waitlisted) and follower
// are written in one guarded batch; the initiator gets none. At most UPDATES_PER_DAY per deal in
// any 24 hours, counted in the same guard, so racing posts can never exceed it. Updates are taken
// while the deal is open, in grace or confirmed; a failed or cancelled deal (or one past its
// deadline, or past the end of its grace) answers DEAL_CLOSED: nobody is waiting to hear more.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { newId } from "../ids.ts";
import { fromSqlTime, query, sql, sqlTime, type Stmt } from "../db/sql.ts";
import { notify } from "../outbox/enqueue.ts";
import type { DealUpdateJson } from "../contract/schemas.ts";
import { findDeal } from "./deal-reads.ts";
import { audienceOf } from "./audience.ts";
import { enterGraceStmts } from "./grace-sql.ts";

const UPDATES_PER_DAY = 10;
const DAY_MS = 24 * 3_600_000;

/** A deal that may still take an update at `now`: the same rule in SQL as in whyNotPosted. */
const takesUpdates = (now: string) => sql`(
  ("status" = 'open' AND "deadline" > ${now})
  OR "status" = 'confirmed'
  OR ("status" = 'grace' AND ("graceEndsAt" IS NULL OR "graceEndsAt" > ${now})))`;

/**
 * The guarded steps of posting: the update row, if the deal takes updates and the day's count
 * allows (`perDay` null: no limit); then its emails, only if the row is there. Exported so that
 * another use case that posts an update (the go-ahead) can put them into its own batch.
 */
export function postUpdateStmts(
  u: { id: string; dealId: string; initiatorId: string; body: string; nowMs: number },
  perDay: number | null,
  /** A further condition on posting, from a use case that posts as part of its own change. */
  also: Stmt = sql``,
): Stmt[] {
  const now = sqlTime(u.nowMs);
  const since = sqlTime(u.nowMs - DAY_MS);
  const withinLimit =
    perDay === null
      ? sql``
      : sql`AND (SELECT COUNT(*) FROM "DealUpdate" WHERE "dealId" = ${u.dealId} AND "createdAt" > ${since}) < ${perDay}`;
  const posted = sql`AND EXISTS (SELECT 1 FROM "DealUpdate" WHERE "id" = ${u.id})`;
  return [
    sql`INSERT INTO "DealUpdate" ("id", "dealId", "body", "createdAt")
       SELECT ${u.id}, ${u.dealId}, ${u.body}, ${now}
       WHERE EXISTS (SELECT 1 FROM "Deal" WHERE "id" = ${u.dealId} AND "initiatorId" = ${u.initiatorId} AND ${takesUpdates(now)})
         ${withinLimit} ${also}
       RETURNING "id", "body", "createdAt"`,
    notify(
      "deal-update",
      sql`SELECT * FROM (${audienceOf(u.dealId, "exclude", sql`json_object('body', ${u.body}, 'status', 'update')`)}) WHERE true ${posted}`,
      now,
      u.id,
    ),
  ];
}

export const updateFromRow = (r: Record<string, unknown>): DealUpdateJson => ({
  id: String(r.id),
  body: String(r.body),
  createdAt: fromSqlTime(r.createdAt as string)!.toISOString(),
});

export async function postUpdate(
  deps: Deps,
  { userId, dealId, body }: { userId: string; dealId: string; body: string },
): Promise<DealUpdateJson> {
  const deal = await findDeal(deps, dealId);
  if (!deal) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  // The deal is public; its controls are not.
  if (deal.initiatorId !== userId) throw new AppError("FORBIDDEN", "Only the initiator can post updates to this deal.");
  const nowMs = clock.nowMs();
  const perDay = deps.config.rateLimits ? UPDATES_PER_DAY : null;
  // A deal in grace by the clock, before the sweep moved it, is moved first (and everyone told),
  // as every batch that may meet it does; updates are welcome in grace: the initiator explains.
  const grace = enterGraceStmts(dealId, sqlTime(nowMs));
  const post = postUpdateStmts({ id: newId(), dealId, initiatorId: userId, body, nowMs }, perDay);
  const results = await deps.sql.batch([...grace, ...post]);
  const row = results[grace.length]?.[0];
  if (!row) throw await whyNotPosted(deps, dealId, nowMs, perDay);
  const update = updateFromRow(row);
  // The deal itself is as it was: the update travels alone, serialised once for every watcher.
  deps.events.send(dealId, "update", { update });
  deps.kickOutbox();
  return update;
}

/** Reads why a guarded post changed nothing: the deal closed, or the day's updates are used up. */
async function whyNotPosted(deps: Deps, dealId: string, nowMs: number, perDay: number | null): Promise<AppError> {
  const now = sqlTime(nowMs);
  // The oldest of the updates that fill the window: when it leaves, one more fits.
  const oldestCounted =
    perDay === null
      ? sql`NULL`
      : sql`(SELECT "createdAt" FROM "DealUpdate" WHERE "dealId" = ${dealId} AND "createdAt" > ${sqlTime(nowMs - DAY_MS)}
          ORDER BY "createdAt" DESC LIMIT 1 OFFSET ${perDay - 1})`;
  const [r] = await query(
    deps.sql,
    sql`SELECT ${takesUpdates(now)} AS open, ${oldestCounted} AS oldestCounted FROM "Deal" WHERE "id" = ${dealId}`,
  );
  if (!r) return new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  if (!Number(r.open)) return new AppError("DEAL_CLOSED", "This deal is closed: it takes no more updates.");
  if (r.oldestCounted != null) {
    const freeAt = fromSqlTime(r.oldestCounted)!.getTime() + DAY_MS;
    const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - nowMs) / 1000));
    return new AppError("RATE_LIMITED", `At most ${perDay} updates a deal in 24 hours. Try again later.`, {
      retryAfterSeconds,
    });
  }
  // The deal changed between the batch and this read; the client may simply try again.
  return new AppError("DEAL_CLOSED", "This deal changed while you posted. Reload and try again.");
}
