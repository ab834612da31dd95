// Going ahead in grace: the initiator decides, once, that a deal which ended at its soft threshold
// goes ahead, and says why. The message is posted as an update of the deal and emailed to
// everyone taking part and every follower (deal-update), in the same atomic batch.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { newId } from "../ids.ts";
import { sql, sqlTime, type Stmt } from "../db/sql.ts";
import { notifyAbout } from "../outbox/enqueue.ts";
import { effectiveStatus } from "../contract/rules.ts";
import { dealColumns, dealFromRow, findDeal, toDealJson, withInitiator } from "./deal-reads.ts";
import { participantsOf } from "./deal-writes.ts";
import { enterGraceStmts, inGrace } from "./grace-sql.ts";

/** Active and waitlisted participants and followers of the deal, never its initiator. */
const updateRecipients = (dealId: string, updateId: string) => sql`
  SELECT * FROM (${participantsOf(dealId, ["active", "waitlisted"])})
  UNION
  SELECT f."dealId" AS dealId, f."userId" AS userId, u."email" AS email,
    json_object('seats', 0, 'status', 'follower') AS payload
  FROM "Follow" f JOIN "User" u ON u."id" = f."userId"
  WHERE f."dealId" = ${dealId} AND f."userId" <> (SELECT "initiatorId" FROM "Deal" WHERE "id" = ${dealId})
    AND EXISTS (SELECT 1 FROM "DealUpdate" WHERE "id" = ${updateId})`;

/**
 * The update is inserted first, under the guard (the initiator's deal, in grace, not yet decided);
 * goAheadAt is set only if this batch's update exists, and the emails only for it. A second call,
 * even in the same millisecond, finds goAheadAt set and changes nothing.
 */
function goAheadStmts(g: { dealId: string; userId: string; updateId: string; message: string; nowMs: number }): Stmt[] {
  const { dealId, userId, updateId, message } = g;
  const now = sqlTime(g.nowMs);
  const posted = sql`EXISTS (SELECT 1 FROM "DealUpdate" WHERE "id" = ${updateId})`;
  return [
    ...enterGraceStmts(dealId, now),
    sql`INSERT INTO "DealUpdate" ("id", "dealId", "body", "createdAt")
       SELECT ${updateId}, d."id", ${message}, ${now} FROM "Deal" d
       WHERE d."id" = ${dealId} AND d."initiatorId" = ${userId} AND d."goAheadAt" IS NULL AND ${inGrace(now)}`,
    sql`UPDATE "Deal" SET "goAheadAt" = ${now} WHERE "id" = ${dealId} AND ${posted} RETURNING "id"`,
    notifyAbout(
      "deal-update",
      updateId,
      sql`SELECT dealId, userId, email, json_set(payload, '$.updateId', ${updateId}, '$.body', ${message}) AS payload
        FROM (${updateRecipients(dealId, updateId)}) WHERE ${posted}`,
      now,
    ),
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
  if (!results.at(-3)?.length) {
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
