// The soft threshold's guarded steps, shared by the sweep and by every state change that may
// meet a deal in grace (withdraw, cancel, go-ahead, edit). Entering grace is a step of its own
// that any batch can run first: a deal that is in grace by the clock, before the sweep moved it,
// is moved (and everyone told) by whichever batch meets it first. The predicates mirror
// effectiveStatus in contract/rules.ts.
import { raw, sql, type Stmt } from "../db/sql.ts";
import { notify } from "../outbox/enqueue.ts";
import { GRACE_DAYS } from "../contract/rules.ts";
import { initiatorOf, participantsOf } from "./deal-writes.ts";
import { askToPayStmts } from "../payments/ask-to-pay.ts";

/** The end of grace of a deal `alias`, from its deadline, in the stored time format. */
const graceEnd = (alias: string) => raw(`strftime('%Y-%m-%dT%H:%M:%f+00:00', ${alias}."deadline", '+${GRACE_DAYS} days')`);

/** An open deal past its deadline, at its soft threshold or above, whose grace has not ended. */
export const entersGrace = (now: string, alias = "d") => {
  const a = raw(alias);
  return sql`${a}."status" = 'open' AND ${a}."deadline" <= ${now} AND ${a}."softThreshold" IS NOT NULL
    AND ${a}."seatsCommitted" >= ${a}."softThreshold" AND ${graceEnd(alias)} > ${now}`;
};

/** A deal in grace, by the clock: before its grace ends. */
export const inGrace = (now: string, alias = "d") => {
  const a = raw(alias);
  return sql`${a}."status" = 'grace' AND ${a}."graceEndsAt" > ${now}`;
};

/** A deal whose grace ended, as the sweep finds it. */
const graceEnded = (now: string) => sql`d."status" = 'grace' AND d."graceEndsAt" <= ${now}`;
/** ... and that goes ahead: the initiator said so and the active seats still hold. */
const goesAhead = sql`d."goAheadAt" IS NOT NULL AND d."seatsCommitted" >= d."softThreshold"`;

const dealsWhere = (deals: string | Stmt, where: Stmt) =>
  typeof deals === "string"
    ? sql`SELECT d."id" FROM "Deal" d WHERE d."id" = ${deals} AND ${where}`
    : sql`SELECT d."id" FROM "Deal" d WHERE d."id" IN (${deals}) AND ${where}`;

/**
 * Moves `deals` that enter grace into it, telling everyone (active, waitlisted, initiator) with
 * deal-grace. The notifications come first, under the same predicate as the update.
 */
export function enterGraceStmts(deals: string | Stmt, now: string): Stmt[] {
  const entering = dealsWhere(deals, entersGrace(now));
  return [
    notify("deal-grace", participantsOf(entering, ["active", "waitlisted"]), now),
    notify("deal-grace", initiatorOf(entering), now),
    sql`UPDATE "Deal" AS d SET "status" = 'grace', "graceEndsAt" = ${graceEnd("d")}
       WHERE d."id" IN (${entering})
       RETURNING "id"`,
  ];
}

/**
 * Ends the grace of `deals` whose grace ended: confirmed when the initiator went ahead and the
 * active seats still reach the soft threshold, failed otherwise. Each deal leaves grace once, so
 * each notification is written once (and the outbox keys would refuse a second anyway). The
 * deals it confirmed (confirmed and closed at this batch's time) then ask to pay. The update's
 * RETURNING is at END_GRACE_RESULT.
 */
export function endGraceStmts(deals: Stmt, now: string): Stmt[] {
  const confirming = dealsWhere(deals, sql`${graceEnded(now)} AND ${goesAhead}`);
  const failing = dealsWhere(deals, sql`${graceEnded(now)} AND NOT (${goesAhead})`);
  return [
    notify("deal-confirmed", participantsOf(confirming, ["active"]), now),
    notify("deal-confirmed", initiatorOf(confirming), now),
    notify("deal-failed", participantsOf(failing, ["active", "waitlisted"]), now),
    notify("deal-failed", initiatorOf(failing), now),
    sql`UPDATE "Deal" AS d SET "status" = CASE WHEN ${goesAhead} THEN 'confirmed' ELSE 'failed' END,
         "confirmedAt" = CASE WHEN ${goesAhead} THEN ${now} ELSE NULL END,
         "closedAt" = ${now}
       WHERE d."id" IN (${deals}) AND ${graceEnded(now)}
       RETURNING "id", "status"`,
    ...askToPayStmts(sql`SELECT "id" FROM "Deal" WHERE "status" = 'confirmed' AND "closedAt" = ${now} AND "confirmedAt" = ${now}`, now),
  ];
}

/** Where endGraceStmts' update answers the deals it decided. */
export const END_GRACE_RESULT = 4;
