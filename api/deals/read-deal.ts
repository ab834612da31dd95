// Reading one deal for GET /api/deals/:id, as JSON text. The public part comes from the deal's
// cached snapshot (events-cache.ts: read and serialised once per change, honest about the clock);
// a signed-in viewer's own part (their commitment, whether they proposed or follow the deal) is
// one small indexed read, spliced into the cached text. A deal the cache does not hold (hidden,
// missing) and a process that cannot cache (a Worker's isolate) take the full read, getDeal, which
// alone decides who may see a hidden deal. See docs/decisions/015-the-join-and-the-read.md.
import type { Deps } from "../context.ts";
import { query, sql } from "../db/sql.ts";
import { assertDealId, commitmentColumns, commitmentFromRow, getDeal, viewerStatuses } from "./deal-reads.ts";
import { withViewer } from "./events-cache.ts";
import { hubFor } from "./events-hub.ts";

/** The viewer's own part of a deal: the statuses getDeal shows as theirs, and whether they follow it. */
const viewerPartOf = (dealId: string, viewerId: string) => sql`
  SELECT ${commitmentColumns},
    EXISTS (SELECT 1 FROM "Follow" f WHERE f."dealId" = ${dealId} AND f."userId" = ${viewerId}) AS viewerFollowing
  FROM (SELECT 1) LEFT JOIN "Commitment" c
    ON c."dealId" = ${dealId} AND c."userId" = ${viewerId} AND ${viewerStatuses}`;

/** `{ deal }` as JSON text, as `viewerId` (or nobody) sees it; 404 when they may not see it. */
export async function readDealBody(deps: Deps, { dealId, viewerId }: { dealId: string; viewerId: string | null }): Promise<string> {
  assertDealId(dealId);
  if (!viewerId || deps.events.seesEveryChange) {
    const cached = await hubFor(deps).publicDeal(deps, dealId);
    if (cached && !viewerId) return cached.body;
    if (cached && viewerId) {
      const [own] = await query(deps.sql, viewerPartOf(dealId, viewerId));
      return withViewer(cached, {
        viewerCommitment: own ? commitmentFromRow(own) : null,
        viewerIsInitiator: cached.row.initiatorId === viewerId,
        viewerFollowing: Number(own?.viewerFollowing) === 1,
      });
    }
  }
  return JSON.stringify({ deal: await getDeal(deps, { dealId, viewerId }) });
}
