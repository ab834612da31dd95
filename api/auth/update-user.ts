// Changing the signed-in user's display name or language.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { sql } from "../db/sql.ts";
import { userColumns, userFromRow, type SessionUser } from "./user.ts";
import { forgetCachedUser } from "./sessions.ts";

export async function updateUser(
  deps: Deps,
  { userId, changes }: { userId: string; changes: { displayName?: string; locale?: string } },
): Promise<SessionUser> {
  const results = await deps.sql.batch([
    sql`UPDATE "User" SET "displayName" = COALESCE(${changes.displayName ?? null}, "displayName"),
         "locale" = COALESCE(${changes.locale ?? null}, "locale")
       WHERE "id" = ${userId}`,
    sql`SELECT ${userColumns} FROM "User" u WHERE u."id" = ${userId}`,
  ]);
  const row = results[1]?.[0];
  if (!row) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  forgetCachedUser(deps, userId);
  return userFromRow(row);
}
