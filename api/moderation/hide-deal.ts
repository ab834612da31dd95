// Taking a deal down: an open deal is cancelled first, through the initiator's own cancel batch
// (deal-cancelled to everyone, once), and the deal is hidden, in one atomic batch. A confirmed,
// failed or cancelled deal keeps its status and is only hidden: what its participants agreed to
// stays agreed, but nobody else can find it any more. See docs/OPERATING.md, Moderation.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { fromSqlTime, query, sql, sqlTime } from "../db/sql.ts";
import { findDeal } from "../deals/deal-reads.ts";
import { cancelStmts } from "../deals/cancel-deal.ts";
import { hideStmts } from "./record.ts";

export async function hideDeal(deps: Deps, { adminId, dealId }: { adminId: string; dealId: string }) {
  const deal = await findDeal(deps, dealId);
  if (!deal) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  const nowMs = clock.nowMs();
  const now = sqlTime(nowMs);
  const cancel = cancelStmts(dealId, deal.initiatorId, nowMs);
  const results = await deps.sql.batch([...cancel, ...hideStmts(dealId, adminId, now)]);
  const cancelled = !!results[cancel.length - 1]?.length;
  deps.events.publish(dealId);
  if (cancelled) deps.kickOutbox();
  const [row] = await query(deps.sql, sql`SELECT "status", "hiddenAt" FROM "Deal" WHERE "id" = ${dealId}`);
  return { deal: { id: dealId, status: String(row!.status), hiddenAt: fromSqlTime(row!.hiddenAt)!.toISOString() }, cancelled };
}
