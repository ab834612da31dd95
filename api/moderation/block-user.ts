// Blocking a user: their sessions end, their sign-in is refused from now on (complete-sign-in.ts,
// sessions.ts), and their open deals are cancelled and hidden as hide-deal.ts does, all in one
// batch. Administrators cannot be blocked: remove them from ADMIN_EMAILS first.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { ID_PATTERN } from "../ids.ts";
import { fromSqlTime, query, sql, sqlTime } from "../db/sql.ts";
import { cancelStmts } from "../deals/cancel-deal.ts";
import { forgetCachedUser } from "../auth/sessions.ts";
import { isAdmin } from "./admins.ts";
import { hideStmts, recordAction } from "./record.ts";

export async function blockUser(deps: Deps, { adminId, userId }: { adminId: string; userId: string }) {
  const [user] = ID_PATTERN.test(userId)
    ? await query(deps.sql, sql`SELECT "email" FROM "User" WHERE "id" = ${userId}`)
    : [];
  if (!user) throw new AppError("USER_NOT_FOUND", "There is no such user.");
  if (isAdmin(deps.config, String(user.email))) {
    throw new AppError("CANNOT_BLOCK_ADMIN", "Administrators cannot be blocked; take them off ADMIN_EMAILS first.");
  }
  const nowMs = clock.nowMs();
  const now = sqlTime(nowMs);
  // A proposal already in flight may land between this read and the batch and stay visible;
  // blocking again (a no-op for the user) hides it. No new one can start: the batch ends the sessions.
  const open = await query(deps.sql, sql`SELECT "id" FROM "Deal" WHERE "initiatorId" = ${userId} AND "status" = 'open' AND "hiddenAt" IS NULL`);
  const dealIds = open.map((r) => String(r.id));
  await deps.sql.batch([
    sql`UPDATE "User" SET "blockedAt" = ${now} WHERE "id" = ${userId} AND "blockedAt" IS NULL`,
    recordAction(
      { adminId, action: "block-user", target: { type: "user", id: userId }, at: now },
      sql`SELECT 1 FROM "User" WHERE "id" = ${userId} AND "blockedAt" = ${now}`,
    ),
    sql`DELETE FROM "Session" WHERE "userId" = ${userId}`,
    ...dealIds.flatMap((id) => [...cancelStmts(id, userId, nowMs), ...hideStmts(id, adminId, now, "initiator-blocked")]),
  ]);
  forgetCachedUser(deps, userId);
  for (const id of dealIds) deps.events.publish(id);
  if (dealIds.length) deps.kickOutbox();
  const [row] = await query(deps.sql, sql`SELECT "blockedAt" FROM "User" WHERE "id" = ${userId}`);
  return { user: { id: userId, blockedAt: fromSqlTime(row!.blockedAt)!.toISOString() }, hiddenDeals: dealIds.length };
}
