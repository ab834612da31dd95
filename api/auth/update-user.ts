// Changing the signed-in user's display name, language or time zone. Saving a name, even the
// suggested one unchanged, counts as choosing it (nameChosenAt): the app stops asking.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { sql, sqlTime } from "../db/sql.ts";
import { clock } from "../clock.ts";
import { userColumns, userFromRow, type SessionUser } from "./user.ts";
import { forgetCachedUser } from "./sessions.ts";

export async function updateUser(
  deps: Deps,
  { userId, changes }: { userId: string; changes: { displayName?: string; locale?: string; timeZone?: string } },
): Promise<SessionUser> {
  const results = await deps.sql.batch([
    sql`UPDATE "User" SET "displayName" = COALESCE(${changes.displayName ?? null}, "displayName"),
         "locale" = COALESCE(${changes.locale ?? null}, "locale"),
         "timeZone" = COALESCE(${changes.timeZone ?? null}, "timeZone"),
         "nameChosenAt" = CASE WHEN ${changes.displayName ?? null} IS NULL THEN "nameChosenAt" ELSE COALESCE("nameChosenAt", ${sqlTime(clock.nowMs())}) END
       WHERE "id" = ${userId}`,
    sql`SELECT ${userColumns} FROM "User" u WHERE u."id" = ${userId}`,
  ]);
  const row = results[1]?.[0];
  if (!row) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  forgetCachedUser(deps, userId);
  return userFromRow(row);
}
