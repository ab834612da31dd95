// Using a sign-in link: the token is used once, the user is created on first sign-in, and a new
// session starts, in one atomic batch, so a link is never used up without a session (D1 has no
// interactive transactions, so this is guarded SQL rather than a Prisma upsert).
import { randomBytes } from "node:crypto";
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { newId } from "../ids.ts";
import { sql, sqlTime } from "../db/sql.ts";
import { userColumns, userFromRow, type SessionUser } from "./user.ts";
import { hashSecret, newSecret, SESSION_TTL_MS } from "./tokens.ts";

/** A display name for a new member until they choose one. */
const memberName = () => `Member ${(randomBytes(2).readUInt16BE() % 9000) + 1000}`;

export async function completeSignIn(
  deps: Deps,
  { token, locale }: { token: string; locale: string },
): Promise<{ user: SessionUser; sessionToken: string; expiresAt: Date }> {
  const nowMs = clock.nowMs();
  const now = sqlTime(nowMs);
  const tokenId = hashSecret(token);
  const sessionToken = newSecret();
  const expiresAt = new Date(nowMs + SESSION_TTL_MS);
  // Every statement after the first acts only if the first used the token at this instant.
  const used = sql`SELECT "email" FROM "SignInToken" WHERE "id" = ${tokenId} AND "usedAt" = ${now}`;
  const results = await deps.sql.batch([
    sql`UPDATE "SignInToken" SET "usedAt" = ${now}
       WHERE "id" = ${tokenId} AND "usedAt" IS NULL AND "expiresAt" > ${now} RETURNING "email"`,
    sql`INSERT INTO "User" ("id", "email", "displayName", "locale", "createdAt")
       SELECT ${newId()}, "email", ${memberName()}, ${locale}, ${now} FROM (${used}) WHERE true
       ON CONFLICT ("email") DO NOTHING`,
    sql`INSERT INTO "Session" ("id", "userId", "expiresAt", "createdAt")
       SELECT ${hashSecret(sessionToken)}, u."id", ${sqlTime(expiresAt.getTime())}, ${now} FROM "User" u
       WHERE u."email" = (${used}) AND u."blockedAt" IS NULL`,
    sql`SELECT ${userColumns}, u."blockedAt" FROM "User" u WHERE u."email" = (${used})`,
  ]);
  const row = results[3]?.[0];
  if (!results[0]?.length || !row) {
    throw new AppError("TOKEN_INVALID", "This sign-in link is invalid, used or expired. Ask for a new one.");
  }
  // An administrator blocked this user (api/moderation/block-user.ts): no session was started.
  if (row.blockedAt != null) throw new AppError("ACCOUNT_BLOCKED", "This account has been blocked by the administrators.");
  return { user: userFromRow(row), sessionToken, expiresAt };
}
