// Reading deals: the one row mapper from SQL to the deal JSON, the column lists every deal read
// selects, and the reads several use cases share (one deal, with or without the viewer's own
// commitment). Deals and commitments are read only through the SQL port, as they are written.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { ID_PATTERN } from "../ids.ts";
import { fromSqlTime, query, sql, type Row, type SqlValue, type Stmt } from "../db/sql.ts";
import type { CommitmentPaymentJson } from "../contract/payment-schemas.ts";
import type { DealJson } from "../contract/schemas.ts";
import { effectiveStatus, graceEndOf, isJoinable } from "../contract/rules.ts";
import { DEFAULT_LANG, isLang, type Lang } from "../contract/lang.ts";
import { isAdmin } from "../moderation/admins.ts";
import { coCreateFromRow, coCreateJson, NO_OPTIONS, withCoCreateColumns, withCoCreateColumnsAt, type CoCreateRow } from "./co-create-reads.ts";

interface DealRow {
  id: string;
  kind: string;
  title: string;
  description: string;
  destination: string | null;
  departsOn: string | null;
  returnsOn: string | null;
  pricePerSeatCents: number;
  currency: string;
  threshold: number;
  capacity: number | null;
  maxSeatsPerCommitment: number;
  seatsCommitted: number;
  seatsWaitlisted: number;
  participantCount: number;
  deadline: Date;
  status: string;
  confirmedAt: Date | null;
  createdAt: Date;
  initiatorId: string;
  initiatorName: string;
  visibility: string;
  softThreshold: number | null;
  graceEndsAt: Date | null;
  goAheadAt: Date | null;
  nextPosition: number;
  /** Taken down by an administrator: not found by anyone but its initiator and the administrators. */
  hiddenAt: Date | null;
  paymentWindowHours: number;
  waitlistCount: number;
  lang: Lang;
  co: CoCreateRow;
}

type ViewerCommitment = NonNullable<DealJson["viewerCommitment"]>;

/**
 * A deal and its initiator's name: select this FROM "Deal" d JOIN "User" u ON u."id" = d."initiatorId".
 * d."waitlistCount" is the counter every write that moves a commitment keeps (see recount).
 */
const dealBase = sql`d.*, u."displayName" AS initiatorName`;
export const dealColumns = withCoCreateColumns(dealBase);
/**
 * dealColumns of a deal without options, read at a time given as values: `now`, and `since` =
 * yearBefore(now) (co-create-reads.ts). The plain join's read-back (join-deal.ts): its guard took
 * the commitment only if the deal had no options, and a subquery to find none cost ~1.5 µs a join.
 */
export const dealWithoutOptionsColumnsAt = (now: string, since: string) => withCoCreateColumnsAt(dealBase, now, since, NO_OPTIONS);
export const withInitiator = sql`JOIN "User" u ON u."id" = d."initiatorId"`;

/** The commitments a viewer sees as theirs: live ones, and those that ended without their choosing. */
export const viewerStatuses = sql`c."status" IN ('active', 'waitlisted', 'released', 'lapsed', 'removed')`;

/** A commitment c as the viewer's own, with its place on the waitlist; read by commitmentFromRow. */
/** The payment of commitment c, as one JSON column cPayment (null when none was asked). */
export const paymentColumn = sql`(SELECT json_object('status', p."status", 'amountCents', p."amountCents",
    'currency', p."currency", 'dueAt', p."dueAt", 'paidAt', p."paidAt")
  FROM "Payment" p WHERE p."commitmentId" = c."id") AS cPayment`;

/** The payment read by paymentColumn, with its times as ISO strings. */
export function paymentFromColumn(v: unknown): CommitmentPaymentJson | null {
  if (typeof v !== "string") return null;
  const p = JSON.parse(v) as Omit<CommitmentPaymentJson, "dueAt" | "paidAt"> & { dueAt: SqlValue; paidAt: SqlValue };
  return { ...p, dueAt: fromSqlTime(p.dueAt)!.toISOString(), paidAt: fromSqlTime(p.paidAt)?.toISOString() ?? null };
}

/** The options commitment c chose, in the deal's order, as one JSON array. */
const optionIdsOfCommitment = sql`(SELECT json_group_array(x."optionId") FROM (SELECT co."optionId" FROM "CommitmentOption" co
    JOIN "DealOption" o ON o."id" = co."optionId" WHERE co."commitmentId" = c."id" ORDER BY o."position") x)`;

const commitmentColumnsWith = (waitlistPosition: Stmt, optionIds = optionIdsOfCommitment) => sql`
  c."id" AS cId, c."seats" AS cSeats, c."status" AS cStatus, c."createdAt" AS cCreatedAt,
  CASE WHEN c."status" = 'waitlisted' THEN ${waitlistPosition} END AS cWaitlistPosition,
  ${optionIds} AS cOptionIds,
  ${paymentColumn}`;

export const commitmentColumns = commitmentColumnsWith(
  sql`(SELECT COUNT(*) FROM "Commitment" w WHERE w."dealId" = c."dealId" AND w."status" = 'waitlisted' AND w."position" <= c."position")`,
);

/**
 * commitmentColumns for a commitment a plain join just added to a deal d: the same place on the
 * waitlist, counted from the back. It is normally the last in line, so this counts no one and
 * costs no scan of the waitlist, where counting from the front cost the join O(waitlist)
 * (issue 17: 90 of a raw join's 200 µs with 10,000 waitlisted). d."waitlistCount" is exact: it is
 * set wherever participantCount is (the join, recount, recountOptionsDeal). A plain join chooses
 * no options (the deal has none), so cOptionIds is the empty array optionIdsOfCommitment would read.
 */
export const newCommitmentColumns = commitmentColumnsWith(
  sql`d."waitlistCount" - (SELECT COUNT(*) FROM "Commitment" w WHERE w."dealId" = c."dealId" AND w."status" = 'waitlisted' AND w."position" > c."position")`,
  NO_OPTIONS,
);

export function dealFromRow(r: Row): DealRow {
  return {
    id: String(r.id),
    kind: String(r.kind),
    title: String(r.title),
    description: String(r.description),
    destination: r.destination as string | null,
    departsOn: r.departsOn as string | null,
    returnsOn: r.returnsOn as string | null,
    pricePerSeatCents: Number(r.pricePerSeatCents),
    currency: String(r.currency),
    threshold: Number(r.threshold),
    capacity: r.capacity == null ? null : Number(r.capacity),
    maxSeatsPerCommitment: Number(r.maxSeatsPerCommitment),
    seatsCommitted: Number(r.seatsCommitted),
    seatsWaitlisted: Number(r.seatsWaitlisted),
    participantCount: Number(r.participantCount),
    deadline: fromSqlTime(r.deadline)!,
    status: String(r.status),
    confirmedAt: fromSqlTime(r.confirmedAt),
    createdAt: fromSqlTime(r.createdAt)!,
    initiatorId: String(r.initiatorId),
    initiatorName: String(r.initiatorName),
    visibility: String(r.visibility ?? "public"),
    softThreshold: r.softThreshold == null ? null : Number(r.softThreshold),
    graceEndsAt: fromSqlTime(r.graceEndsAt),
    goAheadAt: fromSqlTime(r.goAheadAt),
    nextPosition: Number(r.nextPosition ?? 1),
    hiddenAt: fromSqlTime(r.hiddenAt),
    paymentWindowHours: Number(r.paymentWindowHours ?? 72),
    waitlistCount: Number(r.waitlistCount ?? 0),
    lang: isLang(r.lang) ? r.lang : DEFAULT_LANG,
    co: coCreateFromRow(r),
  };
}

/** What the deal rules (contract/rules.ts) read of a deal, from a row with the deal's own column names. */
export function dealClockFromRow(r: Row) {
  return {
    status: String(r.status),
    deadline: fromSqlTime(r.deadline)!,
    softThreshold: r.softThreshold == null ? null : Number(r.softThreshold),
    seatsCommitted: Number(r.seatsCommitted),
    graceEndsAt: fromSqlTime(r.graceEndsAt),
    goAheadAt: fromSqlTime(r.goAheadAt),
  };
}

/** Whether the viewer follows the deal d, as the column viewerFollowing (0 or 1). */
export const followingColumn = (viewerId: string | null) =>
  sql`EXISTS (SELECT 1 FROM "Follow" f WHERE f."dealId" = d."id" AND f."userId" = ${viewerId ?? ""}) AS viewerFollowing`;

/** The commitment of a row that selected commitmentColumns, or null when it has none. */
export function commitmentFromRow(r: Row): ViewerCommitment | null {
  if (r.cId == null) return null;
  return {
    id: String(r.cId),
    seats: Number(r.cSeats),
    status: r.cStatus as ViewerCommitment["status"],
    waitlistPosition: r.cWaitlistPosition == null ? null : Number(r.cWaitlistPosition),
    createdAt: fromSqlTime(r.cCreatedAt)!.toISOString(),
    optionIds: typeof r.cOptionIds === "string" ? (JSON.parse(r.cOptionIds) as string[]) : [],
    payment: paymentFromColumn(r.cPayment),
  };
}

/** The deal as the API answers it, as seen by `viewerId` now: deadline honesty applies. */
export function toDealJson(
  d: DealRow,
  viewerId: string | null,
  viewerCommitment: ViewerCommitment | null,
  viewerFollowing = false,
): DealJson {
  const now = clock.nowMs();
  const status = effectiveStatus(d, now);
  return {
    id: d.id,
    kind: d.kind as DealJson["kind"],
    title: d.title,
    description: d.description,
    destination: d.destination,
    departsOn: d.departsOn,
    returnsOn: d.returnsOn,
    pricePerSeatCents: d.pricePerSeatCents,
    currency: d.currency,
    threshold: d.threshold,
    capacity: d.capacity,
    maxSeatsPerCommitment: d.maxSeatsPerCommitment,
    seatsCommitted: d.seatsCommitted,
    seatsWaitlisted: d.seatsWaitlisted,
    participantCount: d.participantCount,
    deadline: d.deadline.toISOString(),
    status,
    confirmedAt: d.confirmedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    initiator: { id: d.initiatorId, displayName: d.initiatorName, record: d.co.record, reviews: d.co.reviews },
    joinable: isJoinable(d, now),
    viewerCommitment,
    viewerIsInitiator: viewerId !== null && viewerId === d.initiatorId,
    viewerFollowing: viewerId !== null && viewerFollowing,
    visibility: d.visibility as DealJson["visibility"],
    softThreshold: d.softThreshold,
    // A deal that is in grace by the clock, before the sweep moved it, already says until when.
    graceEndsAt: d.graceEndsAt?.toISOString() ?? (status === "grace" ? graceEndOf(d).toISOString() : null),
    goAheadAt: d.goAheadAt?.toISOString() ?? null,
    termsLocked: d.nextPosition > 1,
    paymentWindowHours: d.paymentWindowHours,
    waitlistCount: d.waitlistCount,
    lang: d.lang,
    ...coCreateJson(d.co, d),
  };
}

/** An id that cannot name a deal is a 404 before any work is done. */
export function assertDealId(dealId: string): void {
  if (!ID_PATTERN.test(dealId)) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
}

/** The deal, or null: for use cases that decide their own answer when there is none. */
export async function findDeal(deps: Deps, dealId: string): Promise<DealRow | null> {
  if (!ID_PATTERN.test(dealId)) return null;
  const [r] = await query(deps.sql, sql`SELECT ${dealColumns} FROM "Deal" d ${withInitiator} WHERE d."id" = ${dealId}`);
  return r ? dealFromRow(r) : null;
}

/**
 * One deal with its initiator's name and the viewer's own commitment, in one prepared statement:
 * the deal page and its live updates read this on every view. A deal an administrator hid is not
 * found, except by its initiator and the administrators (the viewer's email is read only then).
 */
export async function getDeal(deps: Deps, { dealId, viewerId }: { dealId: string; viewerId: string | null }) {
  assertDealId(dealId);
  const [r] = await query(
    deps.sql,
    sql`SELECT ${dealColumns}, ${commitmentColumns}, ${followingColumn(viewerId)},
       CASE WHEN d."hiddenAt" IS NOT NULL THEN (SELECT "email" FROM "User" WHERE "id" = ${viewerId ?? ""}) END AS viewerEmail
     FROM "Deal" d ${withInitiator}
     LEFT JOIN "Commitment" c ON c."dealId" = d."id" AND c."userId" = ${viewerId ?? ""} AND ${viewerStatuses}
     WHERE d."id" = ${dealId}`,
  );
  const hiddenFromViewer = r?.hiddenAt != null && r.initiatorId !== viewerId && !isAdmin(deps.config, r.viewerEmail as string | null);
  if (!r || hiddenFromViewer) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  return toDealJson(dealFromRow(r), viewerId, commitmentFromRow(r), Number(r.viewerFollowing) === 1);
}
