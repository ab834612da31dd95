// Writing into the outbox. The one place that knows the Notification table's columns for a new
// row: every state change that tells someone adds its notifications through here, as statements
// of its own atomic batch, so a notification exists exactly when its change does.
import { raw, sql, sqlTime, type Stmt } from "../db/sql.ts";
import type { EmailKind } from "./messages.ts";

/**
 * Notifies every recipient the `recipients` query selects, as columns dealId, userId, email and
 * payload (JSON text). The key is kind:subject:recipient and unique, so a retried or concurrent
 * change never adds a second row. The subject is the deal unless `subjectId` names another (an
 * update, or per row a payment: a column of the recipients): one update is one email per
 * recipient, however many a deal has.
 */
export function notify(kind: EmailKind, recipients: Stmt, now: string, subjectId: string | Stmt | null = null): Stmt {
  // A literal from the closed set of kinds, not a bound value: the statement stays as it was.
  const [k, prefix] = [raw(`'${kind}'`), raw(`'${kind}:'`)];
  // A statement names a column of the recipients (a payment: one subject per row).
  const subject = subjectId === null ? raw("n.dealId") : typeof subjectId === "string" ? sql`${subjectId}` : subjectId;
  return sql`
    INSERT INTO "Notification" ("key", "kind", "dealId", "subjectId", "userId", "toEmail", "payload", "state",
      "attempts", "nextAttemptAt", "createdAt")
    SELECT ${prefix} || ${subject} || ':' || n.userId, ${k}, n.dealId, ${subjectId}, n.userId, n.email, n.payload,
      'pending', 0, ${now}, ${now}
    -- A deleted member's address column holds no address (api/users/delete-account.ts): never sent to.
    FROM (${recipients}) AS n WHERE instr(n.email, '@') > 0
    ON CONFLICT ("key") DO NOTHING`;
}

/**
 * One notification to an address that need not be a user's yet (a sign-in link). A lower
 * `priority` goes out first (sign-in 0, everything else 10); past `expiresAt` it is dropped, not sent.
 */
export function enqueue(n: {
  key: string;
  kind: EmailKind;
  toEmail: string;
  payload: object;
  at: number;
  priority?: number;
  expiresAt?: number;
}): Stmt {
  const now = sqlTime(n.at);
  return sql`
    INSERT INTO "Notification" ("key", "kind", "dealId", "userId", "toEmail", "payload", "priority", "expiresAt", "state", "attempts", "nextAttemptAt", "createdAt")
    VALUES (${n.key}, ${n.kind}, NULL, NULL, ${n.toEmail}, ${JSON.stringify(n.payload)}, ${n.priority ?? 10},
      ${n.expiresAt === undefined ? null : sqlTime(n.expiresAt)}, 'pending', 0, ${now}, ${now})`;
}
