// The administrators' lists: reports, newest first, with the deal and the reporter; and the
// moderation log, newest first, with who acted and on what.
import type { Deps } from "../context.ts";
import { clock } from "../clock.ts";
import { fromSqlTime, query, sql, type SqlValue } from "../db/sql.ts";
import { effectiveStatus } from "../contract/rules.ts";

const LIST_MAX = 200;
const iso = (v: SqlValue | undefined) => fromSqlTime(v)?.toISOString() ?? null;

export async function listReports(deps: Deps) {
  const rows = await query(
    deps.sql,
    sql`SELECT r."id", r."reason", r."createdAt", r."reporterId", ru."displayName" AS reporterName,
         d."id" AS dealId, d."title", d."status", d."deadline", d."hiddenAt",
         d."initiatorId", iu."displayName" AS initiatorName, iu."blockedAt" AS initiatorBlockedAt
       FROM "Report" r
       JOIN "User" ru ON ru."id" = r."reporterId"
       JOIN "Deal" d ON d."id" = r."dealId"
       JOIN "User" iu ON iu."id" = d."initiatorId"
       ORDER BY r."createdAt" DESC, r."id" DESC LIMIT ${LIST_MAX}`,
  );
  const now = clock.nowMs();
  return rows.map((r) => ({
    id: String(r.id),
    reason: String(r.reason),
    createdAt: iso(r.createdAt)!,
    reporter: { id: String(r.reporterId), displayName: String(r.reporterName) },
    deal: {
      id: String(r.dealId),
      title: String(r.title),
      status: effectiveStatus({ status: String(r.status), deadline: fromSqlTime(r.deadline)! }, now),
      hiddenAt: iso(r.hiddenAt),
      initiator: { id: String(r.initiatorId), displayName: String(r.initiatorName), blockedAt: iso(r.initiatorBlockedAt) },
    },
  }));
}

export async function listActions(deps: Deps) {
  const rows = await query(
    deps.sql,
    sql`SELECT a."id", a."action", a."targetType", a."targetId", a."note", a."createdAt", a."adminId",
         au."displayName" AS adminName,
         CASE a."targetType"
           WHEN 'deal' THEN (SELECT "title" FROM "Deal" WHERE "id" = a."targetId")
           WHEN 'user' THEN (SELECT "displayName" FROM "User" WHERE "id" = a."targetId")
         END AS targetName
       FROM "ModerationAction" a LEFT JOIN "User" au ON au."id" = a."adminId"
       ORDER BY a."createdAt" DESC, a."id" DESC LIMIT ${LIST_MAX}`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    action: r.action as "hide-deal" | "block-user",
    targetType: r.targetType as "deal" | "user",
    targetId: String(r.targetId),
    targetName: r.targetName == null ? null : String(r.targetName),
    note: r.note == null ? null : String(r.note),
    admin: { id: String(r.adminId), displayName: r.adminName == null ? "(deleted)" : String(r.adminName) },
    createdAt: iso(r.createdAt)!,
  }));
}
