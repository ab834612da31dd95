// The updates of a deal, newest first, for anyone who may see the deal. The page shows the last
// ones; a deal has at most 10 a day, so a bounded list is the whole story for a long time.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { query, sql } from "../db/sql.ts";
import type { DealUpdateJson } from "../contract/schemas.ts";
import { assertDealId } from "./deal-reads.ts";
import { updateFromRow } from "./post-update.ts";

const UPDATES_LISTED = 100;

export async function listUpdates(deps: Deps, { dealId }: { dealId: string }): Promise<DealUpdateJson[]> {
  assertDealId(dealId);
  // One statement: the deal's existence and its updates; a deal with none gives one row of NULLs.
  const rows = await query(
    deps.sql,
    sql`SELECT u."id", u."body", u."createdAt" FROM "Deal" d
     LEFT JOIN "DealUpdate" u ON u."dealId" = d."id"
     WHERE d."id" = ${dealId}
     ORDER BY u."createdAt" DESC, u."id" DESC LIMIT ${UPDATES_LISTED}`,
  );
  if (!rows.length) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  return rows.filter((r) => r.id != null).map(updateFromRow);
}
