// The deals a user proposed, newest first.
import type { Deps } from "../context.ts";
import { query, sql } from "../db/sql.ts";
import { dealColumns, dealFromRow, followingColumn, toDealJson, withInitiator } from "./deal-reads.ts";

export async function myProposals(deps: Deps, { userId }: { userId: string }) {
  const rows = await query(
    deps.sql,
    sql`SELECT ${dealColumns}, ${followingColumn(userId)} FROM "Deal" d ${withInitiator}
     WHERE d."initiatorId" = ${userId} ORDER BY d."createdAt" DESC LIMIT 200`,
  );
  return rows.map((r) => toDealJson(dealFromRow(r), userId, null, Number(r.viewerFollowing) === 1));
}
