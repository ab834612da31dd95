// Asking for a sign-in link: the link is recorded and put in the outbox in one batch.
import type { Deps } from "../context.ts";
import { clock } from "../clock.ts";
import { sql, sqlTime } from "../db/sql.ts";
import { enqueue } from "../outbox/enqueue.ts";
import { safeReturnPath } from "../contract/account.ts";
import { canonicalEmail } from "./user.ts";
import { hashSecret, newSecret } from "./tokens.ts";

const TOKEN_TTL_MS = 10 * 60_000;

/**
 * Known and unknown addresses take the same path (the user is created only when the link is
 * used), so neither the answer nor its timing tells them apart. The page to return to travels
 * with the token, not in the browser, so the link lands there in whichever tab opens it; a path
 * that is not a same-site path is dropped.
 */
export async function requestSignIn(
  deps: Deps,
  { email, locale, returnTo }: { email: string; locale: string; returnTo?: string | null },
): Promise<void> {
  const address = canonicalEmail(email);
  const token = newSecret();
  const id = hashSecret(token);
  const now = clock.nowMs();
  const link = `${deps.config.appUrl}/auth/callback?token=${token}`;
  // The link has to wait in the outbox until it is sent; the dispatcher erases it from the row
  // once it has been delivered. Only the hash stays.
  await deps.sql.batch([
    sql`INSERT INTO "SignInToken" ("id", "email", "returnTo", "expiresAt", "createdAt")
       VALUES (${id}, ${address}, ${safeReturnPath(returnTo)}, ${sqlTime(now + TOKEN_TTL_MS)}, ${sqlTime(now)})`,
    enqueue({ key: `sign-in:${id.slice(0, 32)}:${address}`, kind: "sign-in", toEmail: address, payload: { link, locale }, at: now,
      // Ahead of bulk email, and never sent once the link inside has expired.
      priority: 0, expiresAt: now + TOKEN_TTL_MS }),
  ]);
  deps.kickOutbox();
}
