// Deals: proposing, reading, joining, withdrawing, cancelling, and the initiator's view.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { ID_PATTERN, newId } from "../ids.ts";
import { fromSqlTime, sqlTime, type Row, type SqlValue } from "../db/sql.ts";
import { LIMITS } from "../http/rate-limit.ts";
import { proposalIssues, type CreateDealInput, type DealJson } from "../contract/schemas.ts";
import { effectiveStatus, isJoinable, withdrawal } from "../contract/rules.ts";
import { cancelStmts, joinStmts, withdrawStmts } from "./store.ts";

const dealSelect = {
  id: true,
  kind: true,
  title: true,
  description: true,
  destination: true,
  departsOn: true,
  returnsOn: true,
  pricePerSeatCents: true,
  currency: true,
  threshold: true,
  capacity: true,
  maxSeatsPerCommitment: true,
  seatsCommitted: true,
  seatsWaitlisted: true,
  participantCount: true,
  deadline: true,
  status: true,
  confirmedAt: true,
  createdAt: true,
  initiatorId: true,
  initiator: { select: { displayName: true } },
} as const;

type DealRow = {
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
  initiator: { displayName: string };
};

export interface ViewerCommitment {
  id: string;
  seats: number;
  status: "active" | "waitlisted" | "withdrawn";
  waitlistPosition: number | null;
  createdAt: string;
}

export function toDealJson(d: DealRow, viewerId: string | null, viewerCommitment: ViewerCommitment | null): DealJson {
  const now = clock.nowMs();
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
    status: effectiveStatus(d, now),
    confirmedAt: d.confirmedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    initiator: { displayName: d.initiator.displayName },
    joinable: isJoinable(d, now),
    viewerCommitment,
    viewerIsInitiator: viewerId !== null && viewerId === d.initiatorId,
  };
}

export async function createDeal(deps: Deps, { userId, input }: { userId: string; input: CreateDealInput }) {
  const issues = proposalIssues(input, clock.nowMs());
  if (issues.length) throw new AppError("VALIDATION_FAILED", "Some fields need attention.", { issues });
  deps.limiter.hit(`propose:${userId}`, LIMITS.proposalsPerUser);
  const deal = await deps.prisma.deal.create({
    data: {
      id: newId(),
      kind: input.kind,
      title: input.title,
      description: input.description,
      destination: input.destination ?? null,
      departsOn: input.departsOn ?? null,
      returnsOn: input.returnsOn ?? null,
      pricePerSeatCents: input.pricePerSeatCents,
      currency: input.currency,
      threshold: input.threshold,
      capacity: input.capacity ?? null,
      maxSeatsPerCommitment: input.maxSeatsPerCommitment,
      deadline: new Date(input.deadline),
      initiatorId: userId,
      createdAt: clock.now(),
    },
    select: dealSelect,
  });
  return toDealJson(deal, userId, null);
}

async function findDeal(deps: Deps, dealId: string) {
  if (!ID_PATTERN.test(dealId)) return null;
  return deps.prisma.deal.findUnique({ where: { id: dealId }, select: dealSelect });
}

/** A deal row read by raw SQL (d.* with the initiator's name as initiatorName). */
function dealFromRow(r: Row): DealRow {
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
    initiator: { displayName: String(r.initiatorName) },
  };
}

/**
 * One deal with its initiator's name and the viewer's own commitment, in one prepared statement:
 * the deal page and its live updates read this on every view.
 */
export async function getDeal(deps: Deps, { dealId, viewerId }: { dealId: string; viewerId: string | null }) {
  if (!ID_PATTERN.test(dealId)) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  const [r] = await deps.sql.all(
    `SELECT d.*, u."displayName" AS initiatorName,
       c."id" AS cId, c."seats" AS cSeats, c."status" AS cStatus, c."createdAt" AS cCreatedAt,
       CASE WHEN c."status" = 'waitlisted' THEN
         (SELECT COUNT(*) FROM "Commitment" w WHERE w."dealId" = d."id" AND w."status" = 'waitlisted' AND w."position" <= c."position")
       END AS cWaitlistPosition
     FROM "Deal" d JOIN "User" u ON u."id" = d."initiatorId"
     LEFT JOIN "Commitment" c ON c."dealId" = d."id" AND c."userId" = ? AND c."status" IN ('active', 'waitlisted')
     WHERE d."id" = ?`,
    [viewerId ?? "", dealId],
  );
  if (!r) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  const deal = dealFromRow(r);
  const mine: ViewerCommitment | null =
    r.cId == null
      ? null
      : {
          id: String(r.cId),
          seats: Number(r.cSeats),
          status: r.cStatus as ViewerCommitment["status"],
          waitlistPosition: r.cWaitlistPosition == null ? null : Number(r.cWaitlistPosition),
          createdAt: fromSqlTime(r.cCreatedAt)!.toISOString(),
        };
  return toDealJson(deal, viewerId, mine);
}

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

/**
 * Lists deals by status, with keyset pagination, in one prepared statement. Open deals come
 * ending soonest first; confirmed ones most recently tipped first; others newest first. Deadline
 * honesty applies: an open deal past its deadline is listed as failed.
 */
export async function listDeals(
  deps: Deps,
  { status, cursor, limit, viewerId }: { status?: string; cursor?: string; limit: number; viewerId: string | null },
) {
  const now = sqlTime(clock.nowMs());
  const after = decodeCursor(cursor);
  let where: string;
  const args: SqlValue[] = [];
  let field: "deadline" | "confirmedAt" | "createdAt";
  let dir: "ASC" | "DESC";
  if (status === "open") {
    [where, field, dir] = [`d."status" = 'open' AND d."deadline" > ?`, "deadline", "ASC"];
    args.push(now);
  } else if (status === "confirmed") {
    [where, field, dir] = [`d."status" = 'confirmed'`, "confirmedAt", "DESC"];
  } else if (status === "failed") {
    [where, field, dir] = [`(d."status" = 'failed' OR (d."status" = 'open' AND d."deadline" <= ?))`, "createdAt", "DESC"];
    args.push(now);
  } else if (status) {
    [where, field, dir] = [`d."status" = ?`, "createdAt", "DESC"];
    args.push(status);
  } else {
    [where, field, dir] = ["1 = 1", "createdAt", "DESC"];
  }
  if (after) {
    const cmp = dir === "ASC" ? ">" : "<";
    where += ` AND (d."${field}" ${cmp} ? OR (d."${field}" = ? AND d."id" ${cmp} ?))`;
    const k = sqlTime(new Date(after.k).getTime());
    args.push(k, k, after.id);
  }
  const rows = await deps.sql.all(
    `SELECT d.*, u."displayName" AS initiatorName FROM "Deal" d JOIN "User" u ON u."id" = d."initiatorId"
     WHERE ${where} ORDER BY d."${field}" ${dir}, d."id" ${dir} LIMIT ?`,
    [...args, limit + 1],
  );
  const page = rows.slice(0, limit).map(dealFromRow);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeCursor({ k: (last[field] as Date).toISOString(), id: last.id }) : null;
  return { items: page.map((d) => toDealJson(d, viewerId, null)), nextCursor };
}

export async function joinDeal(deps: Deps, { userId, dealId, seats }: { userId: string; dealId: string; seats: number }) {
  if (!ID_PATTERN.test(dealId)) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  deps.limiter.hit(`join:${userId}`, LIMITS.joinsPerUser);
  const now = clock.nowMs();
  const results = await deps.sql.batch(joinStmts({ dealId, userId, seats, commitmentId: newId(), now }));
  const row = results.at(-1)?.[0];
  if (!row) throw await whyJoinFailed(deps, { userId, dealId, seats, now });
  if (row.tipped) deps.log.info("deal confirmed", { dealId });
  deps.events.publish(dealId);
  if (row.status === "active" && row.dealStatus === "confirmed") deps.kickOutbox();
  const commitment: ViewerCommitment = {
    id: String(row.id),
    seats: Number(row.seats),
    status: row.status as ViewerCommitment["status"],
    waitlistPosition: row.waitlistPosition == null ? null : Number(row.waitlistPosition),
    createdAt: fromSqlTime(row.createdAt)!.toISOString(),
  };
  const deal = await getDeal(deps, { dealId, viewerId: userId });
  return { commitment, deal, dealStatus: String(row.dealStatus) };
}

/** Reads why a guarded join changed nothing, to answer with the right code. */
async function whyJoinFailed(
  deps: Deps,
  { userId, dealId, seats, now }: { userId: string; dealId: string; seats: number; now: number },
): Promise<AppError> {
  const deal = await deps.prisma.deal.findUnique({
    where: { id: dealId },
    select: { status: true, deadline: true, maxSeatsPerCommitment: true },
  });
  if (!deal) return new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  if (!isJoinable(deal, now)) return new AppError("DEAL_CLOSED", "This deal no longer takes commitments.");
  const existing = await deps.prisma.commitment.findUnique({
    where: { dealId_userId: { dealId, userId } },
    select: { status: true },
  });
  if (existing && existing.status !== "withdrawn") {
    return new AppError("ALREADY_COMMITTED", "You have already committed to this deal.");
  }
  if (seats > deal.maxSeatsPerCommitment) {
    return new AppError("SEATS_EXCEED_LIMIT", `At most ${deal.maxSeatsPerCommitment} seats per commitment.`, {
      issues: [{ path: "seats", message: `At most ${deal.maxSeatsPerCommitment}` }],
    });
  }
  // The deal changed between the batch and this read; the client may simply try again.
  return new AppError("DEAL_CLOSED", "This deal changed while you joined. Reload and try again.");
}

export async function withdrawCommitment(deps: Deps, { userId, dealId }: { userId: string; dealId: string }) {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!ID_PATTERN.test(dealId)) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
    const c = await deps.prisma.commitment.findUnique({
      where: { dealId_userId: { dealId, userId } },
      select: { id: true, status: true, deal: { select: { status: true, deadline: true } } },
    });
    if (!c || c.status === "withdrawn") {
      throw new AppError("COMMITMENT_NOT_FOUND", "You have no commitment to this deal.");
    }
    const now = clock.nowMs();
    const rule = withdrawal(c.deal, c.status, now);
    if (rule === "binding") {
      throw new AppError("COMMITMENT_BINDING", "The deal is confirmed: your active seats are binding.");
    }
    if (rule === "closed") throw new AppError("DEAL_CLOSED", "This deal has ended; there is nothing to withdraw from.");
    const from = c.status as "active" | "waitlisted";
    const results = await deps.sql.batch(withdrawStmts({ dealId, userId, commitmentId: c.id, from, now }));
    if (results[0]?.length) {
      deps.events.publish(dealId);
      deps.kickOutbox();
      return;
    }
    // The guard refused: the deal or the commitment changed since the read. Read again.
  }
  throw new AppError("DEAL_CLOSED", "This deal changed while you withdrew. Reload and try again.");
}

export async function cancelDeal(deps: Deps, { userId, dealId }: { userId: string; dealId: string }) {
  const deal = await findDeal(deps, dealId);
  // Someone else's deal reads as 403: its existence is public, its controls are not.
  if (!deal) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  if (deal.initiatorId !== userId) throw new AppError("FORBIDDEN", "Only the initiator can cancel this deal.");
  const now = clock.nowMs();
  const results = await deps.sql.batch(cancelStmts(dealId, userId, now));
  if (!results.at(-1)?.length) {
    throw new AppError("DEAL_NOT_OPEN", "Only an open deal before its deadline can be cancelled.");
  }
  deps.events.publish(dealId);
  deps.kickOutbox();
  return getDeal(deps, { dealId, viewerId: userId });
}

export async function listParticipants(deps: Deps, { userId, dealId }: { userId: string; dealId: string }) {
  const deal = await findDeal(deps, dealId);
  if (!deal) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  if (deal.initiatorId !== userId) throw new AppError("FORBIDDEN", "Only the initiator can see the participants.");
  const rows = await deps.prisma.commitment.findMany({
    where: { dealId, status: { in: ["active", "waitlisted"] } },
    orderBy: { position: "asc" },
    select: { seats: true, status: true, createdAt: true, user: { select: { displayName: true, email: true } } },
  });
  return {
    deal: toDealJson(deal, userId, null),
    participants: rows.map((r) => ({
      displayName: r.user.displayName,
      email: r.user.email,
      seats: r.seats,
      status: r.status as "active" | "waitlisted",
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

export async function myCommitments(deps: Deps, { userId }: { userId: string }) {
  const rows = await deps.prisma.commitment.findMany({
    where: { userId, status: { in: ["active", "waitlisted"] } },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { dealId: true },
  });
  const items = await Promise.all(
    rows.map(async ({ dealId }) => {
      const deal = await getDeal(deps, { dealId, viewerId: userId });
      return deal.viewerCommitment ? { ...deal.viewerCommitment, deal } : null;
    }),
  );
  return items.filter((x) => x !== null);
}

export async function myProposals(deps: Deps, { userId }: { userId: string }) {
  const rows = await deps.prisma.deal.findMany({
    where: { initiatorId: userId },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: dealSelect,
  });
  return rows.map((d) => toDealJson(d, userId, null));
}
