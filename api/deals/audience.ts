// Who hears about a deal as it grows: its active and waitlisted participants and its followers,
// and for some kinds its initiator, each once (UNION keeps one row per deal and person). Written
// as an outbox recipients query (see api/outbox/enqueue.ts), to go into the same batch as the
// change that causes the email.
import { sql, type Stmt } from "../db/sql.ts";

/** One deal by id, or every deal a subquery selects. */
const inDeals = (deals: string | Stmt) => (typeof deals === "string" ? sql`= ${deals}` : sql`IN (${deals})`);

/**
 * Participants (active, waitlisted) and followers of the deals, and their initiator when
 * `initiator` is "include", never when it is "exclude" (even if they follow or committed).
 * `payload` is a JSON text expression; it may refer to u (the recipient) and dd (the deal).
 */
export function audienceOf(deals: string | Stmt, initiator: "include" | "exclude", payload: Stmt): Stmt {
  const initiators = sql`SELECT d."id" AS dealId, d."initiatorId" AS userId FROM "Deal" d WHERE d."id" ${inDeals(deals)}`;
  return sql`
    SELECT a.dealId AS dealId, u."id" AS userId, u."email" AS email, ${payload} AS payload
    FROM (
      SELECT c."dealId" AS dealId, c."userId" AS userId FROM "Commitment" c
        WHERE c."dealId" ${inDeals(deals)} AND c."status" IN ('active', 'waitlisted')
      UNION SELECT f."dealId", f."userId" FROM "Follow" f WHERE f."dealId" ${inDeals(deals)}
      ${initiator === "include" ? sql`UNION ${initiators}` : sql``}
    ) AS a
    JOIN "User" u ON u."id" = a.userId
    JOIN "Deal" dd ON dd."id" = a.dealId
    WHERE ${initiator === "include" ? sql`true` : sql`u."id" <> dd."initiatorId"`}`;
}
