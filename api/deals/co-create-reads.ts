// Reading co-creation with every deal: its options with their own counts, its price tiers with
// the price that applies now and the next tier, and the initiator's public record (the deals
// that really ended, and the reviews). Selected in the same statement as the deal itself.
import { clock } from "../clock.ts";
import { sql, sqlTime, type Row, type Stmt } from "../db/sql.ts";
import type { DealJson } from "../contract/schemas.ts";
import { currentPrice, nextTier, type PriceTier } from "../contract/co-create-rules.ts";

const YEAR_MS = 365 * 24 * 3_600_000;

/**
 * The initiator's record: only deals that really ended count (confirmed, failed, cancelled; an
 * open deal past its deadline has failed). One count per status, each a range of the index
 * (initiatorId, status, deadline), so the cost follows the initiator's ended deals, not all of them.
 */
export const recordOf = (initiatorId: Stmt | string, now: string) => {
  const count = (where: Stmt) => sql`(SELECT COUNT(*) FROM "Deal" x WHERE x."initiatorId" = ${initiatorId} AND ${where})`;
  return sql`
  SELECT json_object('proposed', c + f + x, 'confirmed', c, 'failed', f, 'cancelled', x)
  FROM (SELECT ${count(sql`x."status" = 'confirmed'`)} AS c,
    ${count(sql`x."status" = 'failed'`)} + ${count(sql`x."status" = 'open' AND x."deadline" <= ${now}`)} AS f,
    ${count(sql`x."status" = 'cancelled'`)} AS x)`;
};

/** The reviews of an initiator: all of them by rating, and those of the last 12 months. */
export const reviewsOf = (initiatorId: Stmt | string, since: string) => sql`
  SELECT json_object(
    'positive', COALESCE(SUM(r."rating" = 'positive'), 0),
    'neutral', COALESCE(SUM(r."rating" = 'neutral'), 0),
    'negative', COALESCE(SUM(r."rating" = 'negative'), 0),
    'recent', COALESCE(SUM(r."createdAt" >= ${since}), 0),
    'recentPositive', COALESCE(SUM(r."createdAt" >= ${since} AND r."rating" = 'positive'), 0))
  FROM "Review" r WHERE r."initiatorId" = ${initiatorId}`;

/** The options of the deal d, in order, as one JSON array. */
const optionsOfDeal = sql`(SELECT json_group_array(json_object('id', o."id", 'label', o."label", 'departsOn', o."departsOn",
      'returnsOn', o."returnsOn", 'seatsCommitted', o."seatsCommitted", 'seatsWaitlisted', o."seatsWaitlisted"))
    FROM (SELECT * FROM "DealOption" WHERE "dealId" = d."id" ORDER BY "position") o)`;

/**
 * coOptions of a deal that has none, as optionsOfDeal reads it: the read-back of a plain join,
 * which its own guard let in only if the deal had no options (join-deal.ts).
 */
export const NO_OPTIONS = sql`'[]'`;

/**
 * The co-creation columns of the deal d, read at `now`; `since` is a year before it (yearBefore).
 * `options`: NO_OPTIONS where the statement knows the deal has none.
 */
const columnsAt = (now: string, since: string, options = optionsOfDeal) => sql`
  ${options} AS coOptions,
  (${recordOf(sql`d."initiatorId"`, now)}) AS coRecord,
  (${reviewsOf(sql`d."initiatorId"`, since)}) AS coReviews`;

/** Where the reviews of the last 12 months begin, for a read at `nowMs`. */
export const yearBefore = (nowMs: number) => sqlTime(nowMs - YEAR_MS);

/**
 * `base` with the co-creation columns of the deal d. The record depends on the time of the read,
 * so the values are taken when a statement interpolates this fragment, not when it is defined.
 */
export function withCoCreateColumns(base: Stmt): Stmt {
  const at = (nowMs: number) => withCoCreateColumnsAt(base, sqlTime(nowMs), yearBefore(nowMs));
  return {
    sql: at(0).sql,
    get args() {
      return at(clock.nowMs()).args;
    },
  };
}

/** The same columns at a time given as values (`now` and `yearBefore(now)`), for a batch written once (sql.ts, batchOf). */
export const withCoCreateColumnsAt = (base: Stmt, now: string, since: string, options?: Stmt): Stmt =>
  sql`${base}, ${columnsAt(now, since, options)}`;

type Summary = { positive: number; neutral: number; negative: number; recent: number; recentPositive: number };

export function reviewSummary(s: Summary): DealJson["initiator"]["reviews"] {
  const positivePercent = s.recent ? Math.round((100 * s.recentPositive) / s.recent) : null;
  return { positive: s.positive, neutral: s.neutral, negative: s.negative, positivePercent };
}

export interface CoCreateRow {
  options: DealJson["options"];
  winningOptionId: string | null;
  priceTiers: PriceTier[];
  record: DealJson["initiator"]["record"];
  reviews: DealJson["initiator"]["reviews"];
}

const parse = <T>(v: unknown, fallback: T): T => (typeof v === "string" ? (JSON.parse(v) as T) : fallback);

export function coCreateFromRow(r: Row): CoCreateRow {
  return {
    options: parse(r.coOptions, []),
    winningOptionId: r.winningOptionId == null ? null : String(r.winningOptionId),
    priceTiers: parse(r.priceTiers, []),
    record: parse(r.coRecord, { proposed: 0, confirmed: 0, failed: 0, cancelled: 0 }),
    reviews: reviewSummary(parse(r.coReviews, { positive: 0, neutral: 0, negative: 0, recent: 0, recentPositive: 0 })),
  };
}

/** The co-creation part of the deal JSON. */
export function coCreateJson(co: CoCreateRow, d: { pricePerSeatCents: number; seatsCommitted: number }) {
  return {
    options: co.options,
    winningOptionId: co.winningOptionId,
    priceTiers: co.priceTiers,
    currentPricePerSeatCents: currentPrice({ pricePerSeatCents: d.pricePerSeatCents, priceTiers: co.priceTiers }, d.seatsCommitted),
    nextTier: nextTier({ priceTiers: co.priceTiers }, d.seatsCommitted),
  };
}
