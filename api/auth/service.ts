// Passwordless sign-in: single-use links, hashed tokens, and sessions.
import { createHash, randomBytes } from "node:crypto";
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { LIMITS } from "../http/rate-limit.ts";
import { stmt } from "../db/sql.ts";
import { newId } from "../ids.ts";

export const TOKEN_TTL_MS = 10 * 60_000;
export const SESSION_TTL_MS = 30 * 24 * 3_600_000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
/** 256 bits from the CSPRNG, URL-safe. */
const secret = () => randomBytes(32).toString("base64url");

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  locale: string;
}

/**
 * Records a sign-in link in the outbox. Known and unknown addresses take the same path (the user
 * is created only when the link is used), so neither the answer nor its timing tells them apart.
 */
export async function requestSignIn(
  deps: Deps,
  { email, locale, ip }: { email: string; locale: string; ip: string },
): Promise<void> {
  const address = email.trim().toLowerCase();
  deps.limiter.hit(`sign-in:ip:${ip}`, LIMITS.signInPerIp);
  deps.limiter.hit(`sign-in:email:${address}`, LIMITS.signInPerEmail);
  const token = secret();
  const id = sha256(token);
  const now = clock.nowMs();
  const link = `${deps.config.appUrl}/auth/callback?token=${token}`;
  // The link has to wait in the outbox until it is sent; the dispatcher erases it from the row
  // once it has been delivered. Only the hash stays.
  await deps.sql.batch([
    stmt(
      `INSERT INTO "SignInToken" ("id", "email", "expiresAt", "createdAt") VALUES (?, ?, ?, ?)`,
      id,
      address,
      now + TOKEN_TTL_MS,
      now,
    ),
    stmt(
      `INSERT INTO "Notification" ("key", "kind", "dealId", "userId", "toEmail", "payload", "state", "attempts", "nextAttemptAt", "createdAt")
       VALUES (?, 'sign-in', NULL, NULL, ?, ?, 'pending', 0, ?, ?)`,
      `sign-in:${id.slice(0, 32)}:${address}`,
      address,
      JSON.stringify({ link, locale }),
      now,
      now,
    ),
  ]);
  deps.kickOutbox();
}

/** Uses a sign-in token once; creates the user on first sign-in; starts a new session. */
export async function completeSignIn(
  deps: Deps,
  { token, locale }: { token: string; locale: string },
): Promise<{ user: SessionUser; sessionToken: string; expiresAt: Date }> {
  const now = clock.nowMs();
  const [used] = await deps.sql.batch([
    stmt(
      `UPDATE "SignInToken" SET "usedAt" = ? WHERE "id" = ? AND "usedAt" IS NULL AND "expiresAt" > ? RETURNING "email"`,
      now,
      sha256(token),
      now,
    ),
  ]);
  const email = used?.[0]?.email;
  if (typeof email !== "string") {
    throw new AppError("TOKEN_INVALID", "This sign-in link is invalid, used or expired. Ask for a new one.");
  }
  const user = await deps.prisma.user.upsert({
    where: { email },
    create: {
      id: newId(),
      email,
      displayName: `Member ${randomBytes(2).readUInt16BE() % 9000 + 1000}`,
      locale,
      createdAt: new Date(now),
    },
    update: {},
    select: { id: true, email: true, displayName: true, locale: true },
  });
  return { user, ...(await createSession(deps, user.id)) };
}

/** A new session for a user; the cookie value is returned, only its hash is stored. */
export async function createSession(deps: Deps, userId: string) {
  const now = clock.nowMs();
  const sessionToken = secret();
  const expiresAt = new Date(now + SESSION_TTL_MS);
  await deps.prisma.session.create({
    data: { id: sha256(sessionToken), userId, expiresAt, createdAt: new Date(now) },
  });
  return { sessionToken, expiresAt };
}

export async function userForSession(deps: Deps, sessionToken: string): Promise<SessionUser | null> {
  if (sessionToken.length < 20 || sessionToken.length > 100) return null;
  const session = await deps.prisma.session.findUnique({
    where: { id: sha256(sessionToken) },
    select: { expiresAt: true, user: { select: { id: true, email: true, displayName: true, locale: true } } },
  });
  if (!session || session.expiresAt.getTime() <= clock.nowMs()) return null;
  return session.user;
}

export async function endSession(deps: Deps, sessionToken: string): Promise<void> {
  await deps.prisma.session.deleteMany({ where: { id: sha256(sessionToken) } });
}
