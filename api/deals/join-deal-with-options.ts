// Joining a deal with options: one atomic batch of guarded statements, as any join. The same
// seats count toward each chosen option; in each, the commitment is active if its seats fit in
// that option's remaining capacity, else waitlisted there. The batch ends with the win, if an
// option reached the threshold. See docs/decisions/013-options-single-winner.md.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { newTimeOrderedId } from "../ids.ts";
import { query, raw, sql, sqlTime, type Stmt } from "../db/sql.ts";
import { notify } from "../outbox/enqueue.ts";
import { commitmentColumns, commitmentFromRow, dealColumns, dealFromRow, toDealJson, withInitiator } from "./deal-reads.ts";
import { participantsOf } from "./deal-writes.ts";
import { recountOptionsDeal, winIfReachedStmts } from "./options.ts";

interface OptionJoin {
  dealId: string;
  userId: string;
  seats: number;
  /** The options chosen; may be empty after the win, when a join counts for the winner only. */
  optionIds: string[];
  commitmentId: string;
  now: number;
}

/**
 * 1. forget an earlier withdrawn or released commitment of this user, if the deal takes commitments;
 * 2. insert the commitment, guarded as any join and by the choice: before the win, a non-empty
 *    list of the deal's own options; after it, nothing or a list naming the winner;
 * 3. place it in each chosen option (the winner only, after the win), active where its seats fit;
 * 4. add its seats to those options' counters, and set the deal's counters from its options;
 * 5. the win, if an option reached the threshold, credited to this commitment;
 * 6. or tell this participant if the deal had already been won and their seats are active.
 * The last statement reads back the commitment with its deal: no row means nothing changed.
 */
function joinWithOptionsStmts(j: OptionJoin): Stmt[] {
  const { dealId, userId, seats, commitmentId: id } = j;
  const now = sqlTime(j.now);
  const picked = JSON.stringify(j.optionIds);
  const takes = sql`d."status" IN ('open', 'confirmed') AND d."deadline" > ${now} AND d."maxSeatsPerCommitment" >= ${seats}`;
  // The options this join counts toward.
  const chosen = sql`SELECT o."id", o."dealId", o."seatsCommitted" FROM "DealOption" o JOIN "Deal" x ON x."id" = o."dealId"
    WHERE o."dealId" = ${dealId} AND (CASE WHEN x."winningOptionId" IS NULL
      THEN o."id" IN (SELECT "value" FROM json_each(${picked})) ELSE o."id" = x."winningOptionId" END)`;
  const validChoice = sql`(CASE WHEN d."winningOptionId" IS NULL
      THEN json_array_length(${picked}) > 0 AND json_array_length(${picked}) =
        (SELECT COUNT(*) FROM "DealOption" o WHERE o."dealId" = d."id" AND o."id" IN (SELECT DISTINCT "value" FROM json_each(${picked})))
      ELSE json_array_length(${picked}) = 0 OR d."winningOptionId" IN (SELECT "value" FROM json_each(${picked})) END)`;
  const fits = (counted: string) => sql`(d."capacity" IS NULL OR ${raw(counted)} + ${seats} <= d."capacity")`;
  return [
    sql`DELETE FROM "CommitmentOption" WHERE "commitmentId" IN (SELECT "id" FROM "Commitment"
         WHERE "dealId" = ${dealId} AND "userId" = ${userId} AND "status" IN ('withdrawn', 'released'))
       AND EXISTS (SELECT 1 FROM "Deal" d WHERE d."id" = ${dealId} AND ${takes} AND ${validChoice})`,
    sql`DELETE FROM "Commitment" WHERE "dealId" = ${dealId} AND "userId" = ${userId} AND "status" IN ('withdrawn', 'released')
       AND EXISTS (SELECT 1 FROM "Deal" d WHERE d."id" = ${dealId} AND ${takes} AND ${validChoice})`,
    sql`INSERT INTO "Commitment" ("id", "dealId", "userId", "seats", "status", "position", "createdAt", "updatedAt")
       SELECT ${id}, d."id", ${userId}, ${seats},
         CASE WHEN EXISTS (SELECT 1 FROM (${chosen}) c WHERE ${fits("c.seatsCommitted")}) THEN 'active' ELSE 'waitlisted' END,
         d."nextPosition", ${now}, ${now}
       FROM "Deal" d WHERE d."id" = ${dealId} AND ${takes} AND ${validChoice}
       ON CONFLICT ("dealId", "userId") DO NOTHING`,
    sql`INSERT INTO "CommitmentOption" ("commitmentId", "optionId", "dealId", "status")
       SELECT ${id}, c."id", c."dealId", CASE WHEN ${fits("c.seatsCommitted")} THEN 'active' ELSE 'waitlisted' END
       FROM (${chosen}) c JOIN "Deal" d ON d."id" = c."dealId"
       WHERE EXISTS (SELECT 1 FROM "Commitment" WHERE "id" = ${id})`,
    sql`UPDATE "DealOption" SET
         "seatsCommitted" = "seatsCommitted" + (SELECT CASE WHEN co."status" = 'active' THEN ${seats} ELSE 0 END
           FROM "CommitmentOption" co WHERE co."commitmentId" = ${id} AND co."optionId" = "DealOption"."id"),
         "seatsWaitlisted" = "seatsWaitlisted" + (SELECT CASE WHEN co."status" = 'waitlisted' THEN ${seats} ELSE 0 END
           FROM "CommitmentOption" co WHERE co."commitmentId" = ${id} AND co."optionId" = "DealOption"."id")
       WHERE "id" IN (SELECT "optionId" FROM "CommitmentOption" WHERE "commitmentId" = ${id})`,
    sql`UPDATE "Deal" SET "nextPosition" = "nextPosition" + 1
       WHERE "id" = ${dealId} AND EXISTS (SELECT 1 FROM "Commitment" WHERE "id" = ${id})`,
    recountOptionsDeal(dealId),
    ...winIfReachedStmts(dealId, id, now),
    notify(
      "deal-confirmed",
      participantsOf(dealId, ["active"], sql`AND c."id" = ${id} AND EXISTS (SELECT 1 FROM "Deal" WHERE "id" = c."dealId" AND "status" = 'confirmed')`),
      now,
    ),
    sql`SELECT ${dealColumns}, ${commitmentColumns}, d."confirmedByCommitmentId" = c."id" AS tipped
       FROM "Commitment" c JOIN "Deal" d ON d."id" = c."dealId" ${withInitiator}
       WHERE c."id" = ${id}`,
  ];
}

type Join = { userId: string; dealId: string; seats: number; optionIds: string[] };

/** `why` diagnoses the reasons any join may be refused for (closed, committed, seats). */
export async function joinDealWithOptions(deps: Deps, j: Join, why: (deps: Deps, j: Join & { now: number }) => Promise<AppError>) {
  const now = clock.nowMs();
  const results = await deps.sql.batch(joinWithOptionsStmts({ ...j, commitmentId: newTimeOrderedId(now), now }));
  const row = results.at(-1)?.[0];
  if (!row) throw (await optionChoiceProblem(deps, j.dealId, j.optionIds)) ?? (await why(deps, { ...j, now }));
  const commitment = commitmentFromRow(row)!;
  if (row.tipped) {
    deps.log.info("deal confirmed", { dealId: j.dealId, winningOptionId: row.winningOptionId });
    deps.metrics.confirmation();
  }
  // This viewer's own part changed; a win releases others, whose pages read theirs again too.
  deps.events.publish(j.dealId, { viewer: j.userId, others: true });
  if (row.status === "confirmed") deps.kickOutbox();
  return { commitment, deal: toDealJson(dealFromRow(row), j.userId, commitment), dealStatus: String(row.status) };
}

/**
 * Whether the deal has options, and if so, why a choice is not acceptable (null when it is):
 * the join's guards refused, and the common reasons (closed, committed, seats) come after this.
 */
async function optionChoiceProblem(deps: Deps, dealId: string, optionIds: string[]): Promise<AppError | null> {
  const [d] = await query(
    deps.sql,
    sql`SELECT d."winningOptionId" AS winner, (SELECT json_group_array(o."id") FROM "DealOption" o WHERE o."dealId" = d."id") AS ids,
       (SELECT o."label" FROM "DealOption" o WHERE o."id" = d."winningOptionId") AS winnerLabel
     FROM "Deal" d WHERE d."id" = ${dealId}`,
  );
  if (!d) return null;
  const ids = JSON.parse(String(d.ids)) as string[];
  const issue = (message: string) => new AppError("VALIDATION_FAILED", message, { issues: [{ path: "optionIds", message }] });
  if (ids.length === 0) return issue("This deal has no options to choose from.");
  if (new Set(optionIds).size !== optionIds.length) return issue("Choose each option once.");
  if (d.winner != null) {
    if (optionIds.length && !optionIds.includes(String(d.winner)))
      return issue(`The group chose "${String(d.winnerLabel)}": a new commitment counts for that option only.`);
    return null;
  }
  if (!optionIds.length) return issue("Choose at least one of the options you can make.");
  if (optionIds.some((o) => !ids.includes(o))) return issue("Choose among this deal's own options.");
  return null;
}

/** Whether a deal offers options: a join without a choice may then count for its winner. */
export async function dealHasOptions(deps: Deps, dealId: string): Promise<boolean> {
  const rows = await query(deps.sql, sql`SELECT 1 FROM "DealOption" WHERE "dealId" = ${dealId} LIMIT 1`);
  return rows.length > 0;
}
