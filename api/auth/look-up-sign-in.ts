// Looking at a sign-in link without using it: the link's page asks "Sign in as a•••@example.com?"
// and uses the token only when the person clicks, so a forwarded link cannot sign its clicker into
// someone else's account unawares (login CSRF). The address is masked: whoever holds the link can
// learn no more than that it is theirs.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { query, sql, sqlTime } from "../db/sql.ts";
import { hashSecret } from "./tokens.ts";

/** `ada@example.com` becomes `a•••@example.com`: the first letter and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  return `${[...local][0] ?? ""}•••${email.slice(at)}`;
}

export async function lookUpSignIn(deps: Deps, { token }: { token: string }): Promise<{ email: string }> {
  const [row] = await query(
    deps.sql,
    sql`SELECT "email" FROM "SignInToken"
       WHERE "id" = ${hashSecret(token)} AND "usedAt" IS NULL AND "expiresAt" > ${sqlTime(clock.nowMs())}`,
  );
  if (!row) throw new AppError("TOKEN_INVALID", "This sign-in link is invalid, used or expired. Ask for a new one.");
  return { email: maskEmail(String(row.email)) };
}
