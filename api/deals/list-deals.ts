// Listing deals by status, a page at a time, with keyset pagination over an opaque cursor.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { query, raw, sql, sqlTime, type Stmt } from "../db/sql.ts";
import { dealColumns, dealFromRow, followingColumn, toDealJson, withInitiator } from "./deal-reads.ts";
import { entersGrace, inGrace } from "./grace-sql.ts";

type Cursor = { k: string | number; id: string };
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
function decodeCursor(s: string | undefined): Cursor | null {
  if (!s) return null;
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString()) as Cursor;
    // A key that is no valid time would reach the query as an Invalid Date and fail there (500).
    const validKey = (typeof c.k === "string" || typeof c.k === "number") && !Number.isNaN(new Date(c.k).getTime());
    if (typeof c.id === "string" && validKey) return c;
  } catch {
    // fall through
  }
  throw new AppError("VALIDATION_FAILED", "The cursor is not one this server gave out.", {
    issues: [{ path: "cursor", message: "Invalid cursor" }],
  });
}

type SortField = "deadline" | "confirmedAt" | "createdAt";

/** Which deals a status lists, and in which order. */
function filterOf(status: string | undefined, now: string): { where: Stmt; field: SortField; dir: "ASC" | "DESC" } {
  if (status === "open") return { where: sql`d."status" = 'open' AND d."deadline" > ${now}`, field: "deadline", dir: "ASC" };
  if (status === "confirmed") return { where: sql`d."status" = 'confirmed'`, field: "confirmedAt", dir: "DESC" };
  if (status === "failed") {
    const where = sql`(d."status" = 'failed' OR (d."status" = 'open' AND d."deadline" <= ${now} AND NOT (${entersGrace(now)}))
      OR (d."status" = 'grace' AND d."graceEndsAt" <= ${now} AND NOT (d."goAheadAt" IS NOT NULL AND d."seatsCommitted" >= d."softThreshold")))`;
    return { where, field: "createdAt", dir: "DESC" };
  }
  if (status === "grace") return { where: sql`(${inGrace(now)} OR ${entersGrace(now)})`, field: "createdAt", dir: "DESC" };
  if (status) return { where: sql`d."status" = ${status}`, field: "createdAt", dir: "DESC" };
  return { where: sql`1 = 1`, field: "createdAt", dir: "DESC" };
}

/**
 * Lists public deals by status, in one prepared statement. Open deals come ending soonest first;
 * confirmed ones most recently tipped first; others newest first. Deadline honesty applies: an
 * open deal past its deadline is listed as failed.
 */
export async function listDeals(
  deps: Deps,
  { status, cursor, limit, viewerId }: { status?: string; cursor?: string; limit: number; viewerId: string | null },
) {
  const after = decodeCursor(cursor);
  const now = sqlTime(clock.nowMs());
  const { where: byStatus, field, dir } = filterOf(status, now);
  // An unlisted deal is in no list, whatever the parameters: only its link and its initiator's lists.
  const where = sql`d."visibility" = 'public' AND ${byStatus}`;
  const key = raw(`d."${field}"`);
  const order = raw(dir);
  let page = where;
  if (after) {
    const cmp = raw(dir === "ASC" ? ">" : "<");
    const k = sqlTime(new Date(after.k).getTime());
    page = sql`${where} AND (${key} ${cmp} ${k} OR (${key} = ${k} AND d."id" ${cmp} ${after.id}))`;
  }
  const rows = await query(
    deps.sql,
    sql`SELECT ${dealColumns}, ${followingColumn(viewerId)} FROM "Deal" d ${withInitiator}
     WHERE ${page} AND d."hiddenAt" IS NULL ORDER BY ${key} ${order}, d."id" ${order} LIMIT ${limit + 1}`,
  );
  const shown = rows.slice(0, limit);
  const deals = shown.map(dealFromRow);
  const last = deals.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeCursor({ k: (last[field] as Date).toISOString(), id: last.id }) : null;
  return { items: deals.map((d, i) => toDealJson(d, viewerId, null, Number(shown[i]!.viewerFollowing) === 1)), nextCursor };
}
