// Using a sign-in link: the token is used once, the user is created on first sign-in, and a new
// session starts, in one atomic batch, so a link is never used up without a session (D1 has no
// interactive transactions, so this is guarded SQL rather than a Prisma upsert).
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { newId } from "../ids.ts";
import { query, sql, sqlTime } from "../db/sql.ts";
import { isTimeZone, safeReturnPath } from "../contract/account.ts";
import { emailLang } from "../outbox/messages.ts";
import { userColumns, userFromRow, type SessionUser } from "./user.ts";
import { suggestedName } from "./default-name.ts";
import { hashSecret, newSecret, SESSION_TTL_MS } from "./tokens.ts";

const invalid = () => new AppError("TOKEN_INVALID", "This sign-in link is invalid, used or expired. Ask for a new one.");

/** Where a sign-in lands when its link carried no page to return to. */
const DEFAULT_RETURN = "/me";

export async function completeSignIn(
  deps: Deps,
  { token, locale, timeZone }: { token: string; locale: string; timeZone?: string | null },
): Promise<{ user: SessionUser; sessionToken: string; expiresAt: Date; returnTo: string }> {
  const nowMs = clock.nowMs();
  const now = sqlTime(nowMs);
  const tokenId = hashSecret(token);
  const sessionToken = newSecret();
  const expiresAt = new Date(nowMs + SESSION_TTL_MS);
  // The address, read ahead only to suggest a name for a new member; the batch below alone
  // decides whether the token is good (and is the write that fails when the database does).
  const [pending] = await query(deps.sql, sql`SELECT "email" FROM "SignInToken" WHERE "id" = ${tokenId}`);
  const name = suggestedName(pending ? String(pending.email) : "", emailLang(locale));
  // The browser's zone, if it is a real one; a zone already stored (perhaps chosen on the
  // profile) is kept.
  const zone = isTimeZone(timeZone) ? timeZone : null;
  // Every statement after the first acts only if the first used the token at this instant.
  const used = sql`SELECT "email" FROM "SignInToken" WHERE "id" = ${tokenId} AND "usedAt" = ${now}`;
  const results = await deps.sql.batch([
    sql`UPDATE "SignInToken" SET "usedAt" = ${now}
       WHERE "id" = ${tokenId} AND "usedAt" IS NULL AND "expiresAt" > ${now} RETURNING "email", "returnTo"`,
    sql`INSERT INTO "User" ("id", "email", "displayName", "locale", "timeZone", "createdAt")
       SELECT ${newId()}, "email", ${name}, ${locale}, ${zone}, ${now} FROM (${used}) WHERE true
       ON CONFLICT ("email") DO NOTHING`,
    sql`UPDATE "User" SET "timeZone" = ${zone} WHERE "email" = (${used}) AND "timeZone" IS NULL`,
    sql`INSERT INTO "Session" ("id", "userId", "expiresAt", "createdAt")
       SELECT ${hashSecret(sessionToken)}, u."id", ${sqlTime(expiresAt.getTime())}, ${now} FROM "User" u
       WHERE u."email" = (${used}) AND u."blockedAt" IS NULL`,
    sql`SELECT ${userColumns}, u."blockedAt" FROM "User" u WHERE u."email" = (${used})`,
  ]);
  const usedRow = results[0]?.[0];
  const row = results[4]?.[0];
  if (!usedRow || !row) throw invalid();
  // An administrator blocked this user (api/moderation/block-user.ts): no session was started.
  if (row.blockedAt != null) throw new AppError("ACCOUNT_BLOCKED", "This account has been blocked by the administrators.");
  const returnTo = safeReturnPath(usedRow.returnTo) ?? DEFAULT_RETURN;
  return { user: userFromRow(row), sessionToken, expiresAt, returnTo };
}
