// DELETE /api/me: deleting an account. What may be withdrawn is withdrawn through the withdrawal
// use case itself (so the waitlist is promoted and told exactly as when someone leaves); the
// person's open deals are cancelled as if they cancelled them (the participants are told, nobody
// is bound to a deal whose organiser has left); what must stay (binding seats, the deals they
// proposed, reviews, reports) stays under the name "Former member" with the address erased.
// The last step is one atomic batch: the pseudonym, every session ended, the follows, sign-in
// links and limits of the address, and the address erased from the outbox and the mailbox.
// Until that batch has run the account is whole, so a failure part-way can simply be retried.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { query, sql, sqlTime, type Stmt } from "../db/sql.ts";
import { FORMER_MEMBER } from "../contract/retention.ts";
import { withdrawCommitment } from "../deals/withdraw-commitment.ts";
import { cancelStmts } from "../deals/cancel-deal.ts";
import { forgetCachedUser } from "../auth/sessions.ts";

/** What the address column holds once erased: unique, and never an address (no "@"). */
const erasedEmail = (userId: string) => `deleted:${userId}`;

/** The refusals that mean "this one stays": binding seats, a deal that has ended, already gone. */
const STAYS = new Set(["COMMITMENT_BINDING", "DEAL_CLOSED", "COMMITMENT_NOT_FOUND"]);

/** A notification still on its way out (claimed, or in a frozen batch) keeps its address until it settles; the sweep erases it then. */
const settledOrUnfrozen = sql`NOT ("state" = 'sending' OR ("state" = 'pending' AND "batchKey" IS NOT NULL))`;

/** Erases an address from the outbox rows `mine` selects: unsent ones are dropped, not sent. */
const eraseNotificationsStmt = (mine: Stmt, address: string) => sql`
  UPDATE "Notification" SET
    "state" = CASE WHEN "state" = 'pending' THEN 'expired' ELSE "state" END,
    "key" = CASE WHEN instr("key", ${address}) > 0 THEN 'erased:' || "id" ELSE "key" END,
    "toEmail" = '', "payload" = '{}', "frozen" = NULL
  WHERE (${mine}) AND ${settledOrUnfrozen}`;

export async function deleteAccount(deps: Deps, { userId }: { userId: string }): Promise<void> {
  const [user] = await query(deps.sql, sql`SELECT "email" FROM "User" WHERE "id" = ${userId} AND "deletedAt" IS NULL`);
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  const address = String(user.email);

  const leaving = await query(
    deps.sql,
    sql`SELECT "dealId" FROM "Commitment" WHERE "userId" = ${userId} AND "status" IN ('active', 'waitlisted') ORDER BY "createdAt"`,
  );
  for (const c of leaving) {
    try {
      await withdrawCommitment(deps, { userId, dealId: String(c.dealId) });
    } catch (e) {
      if (!(e instanceof AppError && STAYS.has(e.code))) throw e;
    }
  }

  const proposed = await query(deps.sql, sql`SELECT "id", "status" FROM "Deal" WHERE "initiatorId" = ${userId}`);
  for (const d of proposed.filter((d) => d.status === "open" || d.status === "grace")) {
    // Refused by its guard when the deadline has passed meanwhile: the sweep decides that deal.
    await deps.sql.batch(cancelStmts(String(d.id), userId, clock.nowMs()));
  }

  const now = sqlTime(clock.nowMs());
  await deps.sql.batch([
    sql`UPDATE "User" SET "displayName" = ${FORMER_MEMBER}, "email" = ${erasedEmail(userId)}, "nameChosenAt" = NULL,
       "timeZone" = NULL, "deletedAt" = ${now}
     WHERE "id" = ${userId} AND "deletedAt" IS NULL`,
    sql`DELETE FROM "Session" WHERE "userId" = ${userId}`,
    sql`DELETE FROM "Follow" WHERE "userId" = ${userId}`,
    sql`DELETE FROM "SignInToken" WHERE "email" = ${address}`,
    // The per-address limits are keyed "<limit>:<address>".
    sql`DELETE FROM "RateCounter" WHERE substr("key", -(length(${address}) + 1)) = ':' || ${address}`,
    eraseNotificationsStmt(sql`"userId" = ${userId} OR "toEmail" = ${address}`, address),
    sql`DELETE FROM "MailboxEmail" WHERE "to" = ${address}`,
  ]);
  forgetCachedUser(deps, userId);
  // Their name is in the deals they proposed: the cached public copies are dropped.
  for (const d of proposed) deps.events.publish(String(d.id));
  deps.kickOutbox();
}
