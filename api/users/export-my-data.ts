// GET /api/me/export: everything Quorum holds about the person asking, as one JSON document. Every
// read is keyed by the caller's own user id (or their own address, for what is held by address:
// sign-in links and limits), never by anything the request names, so it can show no one else's.
// Other people's names and addresses (a deal's participants, a review's author) are left out.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { fromSqlTime, query, sql, type Row, type SqlValue } from "../db/sql.ts";
import type { MyDataExportJson } from "../contract/privacy-schemas.ts";
import { hashSecret } from "../auth/tokens.ts";

const iso = (v: SqlValue | undefined) => fromSqlTime(v)?.toISOString() ?? null;
const isoNow = (v: SqlValue | undefined) => iso(v)!;
const str = (v: SqlValue | undefined) => (v == null ? null : String(v));
const json = <T>(v: SqlValue | undefined, fallback: T): T => (v == null ? fallback : (JSON.parse(String(v)) as T));

/** The payload as it was made for this person (the frozen copy of the email is not read). */
function ownPayload(r: Row): Record<string, unknown> | null {
  if (r.userId == null) return null; // a sign-in link: its payload is the secret link itself
  const payload = json<Record<string, unknown>>(r.payload, {});
  return Object.keys(payload).length ? payload : null;
}

export async function exportMyData(deps: Deps, { userId, sessionToken }: { userId: string; sessionToken: string | null }): Promise<MyDataExportJson> {
  const [u] = await query(
    deps.sql,
    sql`SELECT "id", "email", "displayName", "nameChosenAt", "locale", "timeZone", "createdAt", "blockedAt"
     FROM "User" WHERE "id" = ${userId} AND "deletedAt" IS NULL`,
  );
  if (!u) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  const email = String(u.email);
  const currentSession = sessionToken ? hashSecret(sessionToken) : "";
  const [commitments, deals, updates, follows, written, received, reports, sessions, notifications, links, limits, moderation] =
    await Promise.all([
      query(
        deps.sql,
        sql`SELECT c."id", c."seats", c."status", c."position", c."createdAt", c."updatedAt", c."promotedAt",
           d."id" AS dealId, d."title" AS dealTitle, d."status" AS dealStatus,
           (SELECT json_group_array(json_object('label', o."label", 'status', co."status"))
            FROM "CommitmentOption" co JOIN "DealOption" o ON o."id" = co."optionId" WHERE co."commitmentId" = c."id") AS options,
           (SELECT json_object('status', p."status", 'amountCents', p."amountCents", 'currency', p."currency",
              'dueAt', p."dueAt", 'paidAt', p."paidAt", 'createdAt', p."createdAt")
            FROM "Payment" p WHERE p."commitmentId" = c."id" AND p."userId" = ${userId}) AS payment
         FROM "Commitment" c JOIN "Deal" d ON d."id" = c."dealId"
         WHERE c."userId" = ${userId} ORDER BY c."createdAt", c."id"`,
      ),
      query(
        deps.sql,
        sql`SELECT "id", "kind", "title", "description", "destination", "departsOn", "returnsOn", "pricePerSeatCents", "currency",
           "threshold", "capacity", "status", "visibility", "deadline", "createdAt", "confirmedAt", "closedAt"
         FROM "Deal" WHERE "initiatorId" = ${userId} ORDER BY "createdAt", "id"`,
      ),
      query(
        deps.sql,
        sql`SELECT up."id", up."dealId", up."body", up."createdAt" FROM "DealUpdate" up JOIN "Deal" d ON d."id" = up."dealId"
         WHERE d."initiatorId" = ${userId} ORDER BY up."createdAt", up."id"`,
      ),
      query(
        deps.sql,
        sql`SELECT f."createdAt", d."id" AS dealId, d."title" AS dealTitle FROM "Follow" f JOIN "Deal" d ON d."id" = f."dealId"
         WHERE f."userId" = ${userId} ORDER BY f."createdAt"`,
      ),
      query(deps.sql, sql`SELECT "id", "dealId", "rating", "comment", "createdAt" FROM "Review" WHERE "reviewerId" = ${userId} ORDER BY "createdAt"`),
      query(deps.sql, sql`SELECT "id", "dealId", "rating", "comment", "createdAt" FROM "Review" WHERE "initiatorId" = ${userId} ORDER BY "createdAt"`),
      query(deps.sql, sql`SELECT "id", "dealId", "reason", "createdAt" FROM "Report" WHERE "reporterId" = ${userId} ORDER BY "createdAt"`),
      query(deps.sql, sql`SELECT "id", "createdAt", "expiresAt" FROM "Session" WHERE "userId" = ${userId} ORDER BY "createdAt"`),
      query(
        deps.sql,
        sql`SELECT "kind", "dealId", "userId", "state", "payload", "createdAt", "sentAt" FROM "Notification"
         WHERE "userId" = ${userId} OR ("userId" IS NULL AND "toEmail" = ${email}) ORDER BY "id"`,
      ),
      query(deps.sql, sql`SELECT "createdAt", "expiresAt", "usedAt" FROM "SignInToken" WHERE "email" = ${email} ORDER BY "createdAt"`),
      query(
        deps.sql,
        sql`SELECT "windowStart", "count", "expiresAt" FROM "RateCounter" WHERE "key" = ${`sign-in:email:${email}`} ORDER BY "windowStart"`,
      ),
      query(
        deps.sql,
        sql`SELECT "action", "note", "createdAt" FROM "ModerationAction" WHERE "targetType" = 'user' AND "targetId" = ${userId} ORDER BY "createdAt"`,
      ),
    ]);

  const review = (r: Row) => ({ id: String(r.id), dealId: String(r.dealId), rating: String(r.rating), comment: str(r.comment), createdAt: isoNow(r.createdAt) });
  return {
    exportedAt: clock.now().toISOString(),
    user: {
      id: String(u.id),
      email,
      displayName: String(u.displayName),
      nameChosenAt: iso(u.nameChosenAt),
      locale: String(u.locale),
      timeZone: str(u.timeZone),
      createdAt: isoNow(u.createdAt),
      blockedAt: iso(u.blockedAt),
    },
    commitments: commitments.map((c) => {
      const p = json<Record<string, SqlValue> | null>(c.payment, null);
      return {
        id: String(c.id),
        deal: { id: String(c.dealId), title: String(c.dealTitle), status: String(c.dealStatus) },
        seats: Number(c.seats),
        status: String(c.status),
        position: Number(c.position),
        options: json<{ label: string; status: string }[]>(c.options, []),
        createdAt: isoNow(c.createdAt),
        updatedAt: isoNow(c.updatedAt),
        promotedAt: iso(c.promotedAt),
        payment: p && {
          status: String(p.status),
          amountCents: Number(p.amountCents),
          currency: String(p.currency),
          dueAt: isoNow(p.dueAt),
          paidAt: iso(p.paidAt),
          createdAt: isoNow(p.createdAt),
        },
      };
    }),
    dealsProposed: deals.map((d) => ({
      id: String(d.id),
      kind: String(d.kind),
      title: String(d.title),
      description: String(d.description),
      destination: str(d.destination),
      departsOn: str(d.departsOn),
      returnsOn: str(d.returnsOn),
      pricePerSeatCents: Number(d.pricePerSeatCents),
      currency: String(d.currency),
      threshold: Number(d.threshold),
      capacity: d.capacity == null ? null : Number(d.capacity),
      status: String(d.status),
      visibility: String(d.visibility),
      deadline: isoNow(d.deadline),
      createdAt: isoNow(d.createdAt),
      confirmedAt: iso(d.confirmedAt),
      closedAt: iso(d.closedAt),
      updates: updates.filter((up) => up.dealId === d.id).map((up) => ({ id: String(up.id), body: String(up.body), createdAt: isoNow(up.createdAt) })),
    })),
    follows: follows.map((f) => ({ deal: { id: String(f.dealId), title: String(f.dealTitle) }, createdAt: isoNow(f.createdAt) })),
    reviewsWritten: written.map(review),
    reviewsReceived: received.map(review),
    reportsFiled: reports.map((r) => ({ id: String(r.id), dealId: String(r.dealId), reason: String(r.reason), createdAt: isoNow(r.createdAt) })),
    sessions: sessions.map((s) => ({ createdAt: isoNow(s.createdAt), expiresAt: isoNow(s.expiresAt), current: s.id === currentSession })),
    notifications: notifications.map((n) => ({
      kind: String(n.kind),
      dealId: str(n.dealId),
      state: String(n.state),
      createdAt: isoNow(n.createdAt),
      sentAt: iso(n.sentAt),
      payload: ownPayload(n),
    })),
    signInLinks: links.map((l) => ({ createdAt: isoNow(l.createdAt), expiresAt: isoNow(l.expiresAt), usedAt: iso(l.usedAt) })),
    signInLimits: limits.map((l) => ({ windowStart: isoNow(l.windowStart), count: Number(l.count), expiresAt: isoNow(l.expiresAt) })),
    moderation: moderation.map((m) => ({ action: String(m.action), note: str(m.note), createdAt: isoNow(m.createdAt) })),
  };
}
