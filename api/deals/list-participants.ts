// The initiator's view of a deal's participants, in first-come order, email addresses included
// (a deleted member's, erased, shows as none); with each one's payment, and those whose payment
// lapsed (paying at the tip).
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { fromSqlTime, query, sql } from "../db/sql.ts";
import { findDeal, paymentColumn, paymentFromColumn, toDealJson } from "./deal-reads.ts";

export async function listParticipants(deps: Deps, { userId, dealId }: { userId: string; dealId: string }) {
  const deal = await findDeal(deps, dealId);
  if (!deal) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  if (deal.initiatorId !== userId) throw new AppError("FORBIDDEN", "Only the initiator can see the participants.");
  const rows = await query(
    deps.sql,
    sql`SELECT c."id", u."displayName", CASE WHEN u."deletedAt" IS NULL THEN u."email" ELSE '' END AS "email", c."seats", c."status", c."createdAt", ${paymentColumn}
     FROM "Commitment" c JOIN "User" u ON u."id" = c."userId"
     WHERE c."dealId" = ${dealId} AND c."status" IN ('active', 'waitlisted', 'lapsed')
     ORDER BY c."position" ASC`,
  );
  return {
    deal: toDealJson(deal, userId, null),
    participants: rows.map((r) => ({
      id: String(r.id),
      displayName: String(r.displayName),
      email: String(r.email),
      seats: Number(r.seats),
      status: r.status as "active" | "waitlisted" | "lapsed",
      createdAt: fromSqlTime(r.createdAt)!.toISOString(),
      payment: paymentFromColumn(r.cPayment),
    })),
  };
}
