// Signing a test user in without the email round trip: a session row made directly, as completing
// a sign-in would make it. Only the hash of the cookie value is stored, as in api/auth.
import type { Deps } from "../../api/context.ts";
import { clock } from "../../api/clock.ts";
import { hashSecret, newSecret, SESSION_TTL_MS } from "../../api/auth/tokens.ts";

/** A new session for a user; the cookie value is returned. */
export async function createSession(deps: Deps, userId: string) {
  const now = clock.nowMs();
  const sessionToken = newSecret();
  const expiresAt = new Date(now + SESSION_TTL_MS);
  await deps.prisma.session.create({
    data: { id: hashSecret(sessionToken), userId, expiresAt, createdAt: new Date(now) },
  });
  return { sessionToken, expiresAt };
}
