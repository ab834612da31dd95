// Going ahead in grace: the initiator decides, once, that a deal which ended at its soft threshold
// goes ahead, and says why. The message is posted as an update of the deal and emailed to
// everyone taking part and every follower (deal-update), in the same atomic batch.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { newId } from "../ids.ts";
import { sql, sqlTime, type Stmt } from "../db/sql.ts";
import { effectiveStatus } from "../contract/rules.ts";
import { dealColumns, dealFromRow, findDeal, toDealJson, withInitiator } from "./deal-reads.ts";
import { postUpdateStmts } from "./post-update.ts";
import { enterGraceStmts, inGrace } from "./grace-sql.ts";

/**
 * The message is posted as an update first, under the guard (the initiator's deal, in grace, not
 * yet decided), with its emails (postUpdateStmts, as any update); goAheadAt is set only if this
 * batch's update exists. A second call, even in the same millisecond, finds goAheadAt set and
 * changes nothing.
 */
function goAheadStmts(g: { dealId: string; userId: string; updateId: string; message: string; nowMs: number }): Stmt[] {
  const { dealId, userId, updateId, message } = g;
  const now = sqlTime(g.nowMs);
  const undecided = sql`AND EXISTS (SELECT 1 FROM "Deal" d WHERE d."id" = ${dealId} AND d."goAheadAt" IS NULL AND ${inGrace(now)})`;
  return [
    ...enterGraceStmts(dealId, now),
    // No daily limit: the decision happens once.
    ...postUpdateStmts({ id: updateId, dealId, initiatorId: userId, body: message, nowMs: g.nowMs }, null, undecided),
    sql`UPDATE "Deal" SET "goAheadAt" = ${now}
       WHERE "id" = ${dealId} AND EXISTS (SELECT 1 FROM "DealUpdate" WHERE "id" = ${updateId})
       RETURNING "id"`,
    sql`SELECT ${dealColumns} FROM "Deal" d ${withInitiator} WHERE d."id" = ${dealId}`,
  ];
}

export async function goAhead(deps: Deps, { userId, dealId, message }: { userId: string; dealId: string; message: string }) {
  const d = await findDeal(deps, dealId);
  if (!d) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  if (d.initiatorId !== userId) throw new AppError("FORBIDDEN", "Only the initiator can decide to go ahead.");
  const nowMs = clock.nowMs();
  const updateId = newId();
  const results = await deps.sql.batch(goAheadStmts({ dealId, userId, updateId, message, nowMs }));
  const row = results.at(-1)![0]!;
  if (!results.at(-2)?.length) {
    const now = dealFromRow(row);
    if (now.goAheadAt) throw new AppError("ALREADY_DECIDED", "You already decided to go ahead.");
    const status = effectiveStatus(now, nowMs);
    throw new AppError("NOT_IN_GRACE", `Only a deal in grace can go ahead; this one is ${status}.`);
  }
  const update = { id: updateId, body: message, createdAt: new Date(nowMs).toISOString() };
  deps.events.publish(dealId);
  deps.events.send(dealId, "update", { update });
  deps.kickOutbox();
  return { deal: toDealJson(dealFromRow(row), userId, null), update };
}
