// A user's own commitments, each with its deal as the user sees it, newest first: one query.
import type { Deps } from "../context.ts";
import { query, sql } from "../db/sql.ts";
import {
  commitmentColumns,
  commitmentFromRow,
  dealColumns,
  dealFromRow,
  followingColumn,
  toDealJson,
  withInitiator,
} from "./deal-reads.ts";

export async function myCommitments(deps: Deps, { userId }: { userId: string }) {
  const rows = await query(
    deps.sql,
    sql`SELECT ${dealColumns}, ${commitmentColumns}, ${followingColumn(userId)}
     FROM "Commitment" c JOIN "Deal" d ON d."id" = c."dealId" ${withInitiator}
     WHERE c."userId" = ${userId} AND c."status" IN ('active', 'waitlisted')
       AND (d."hiddenAt" IS NULL OR d."initiatorId" = ${userId})
     ORDER BY c."createdAt" DESC LIMIT 200`,
  );
  return rows.map((r) => {
    const commitment = commitmentFromRow(r)!;
    return { ...commitment, deal: toDealJson(dealFromRow(r), userId, commitment, Number(r.viewerFollowing) === 1) };
  });
}
