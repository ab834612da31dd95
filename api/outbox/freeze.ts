// Freezing a batch before it is sent: its idempotency key (from its members' keys) and each
// member's rendered email are written on the members (`batchKey`, `frozen`). Until the provider
// answers definitively, a frozen batch is only ever claimed whole and resent byte for byte under
// the same key, so the provider replays its first answer instead of sending twice, even after a
// crash.
// See docs/decisions/003-email-delivery.md.
import { createHash } from "node:crypto";
import type { Deps } from "../context.ts";
import { fromSqlTime, query, sql } from "../db/sql.ts";
import { renderEmail, type DealForEmail } from "./templates.ts";
import type { EmailKind } from "./messages.ts";
import type { OutgoingEmail } from "./transport.ts";
import type { Claimed } from "./claim.ts";

/** What a frozen batch keeps on each member, in its `frozen` column. */
interface Frozen {
  batch: string;
  email: { from: string; to: string; subject: string; text: string; html: string; links: string[] };
}

/**
 * The idempotency key of a batch, from its members' unique keys and what each is sent: the same
 * members with the same content always give the same key. Content only changes when a batch is
 * rendered again, which happens only after the provider certainly did not accept it.
 */
export function batchKeyOf(members: { key: string; email: Frozen["email"] }[]): string {
  const h = createHash("sha256");
  for (const m of [...members].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const e = m.email;
    h.update(JSON.stringify([m.key, e.from, e.to, e.subject, e.text, e.html])).update("\n");
  }
  return `quorum-batch-v1-${h.digest("hex")}`;
}

const frozenOf = (c: Claimed): Frozen | null => (c.frozen == null ? null : (JSON.parse(c.frozen) as Frozen));

async function render(deps: Deps, claimed: Claimed[]): Promise<Frozen["email"][]> {
  const dealIds = [...new Set(claimed.map((c) => c.dealId).filter((x): x is string => !!x))];
  const userIds = [...new Set(claimed.map((c) => c.userId).filter((x): x is string => !!x))];
  // One prepared statement each (json_each takes the id list), on the dispatcher's hot path.
  const [dealRows, users] = await Promise.all([
    query(
      deps.sql,
      sql`SELECT d."id", d."kind", d."title", d."threshold", d."seatsCommitted", d."deadline", d."departsOn", d."returnsOn",
         d."softThreshold", d."graceEndsAt",
         d."pricePerSeatCents", d."finalPriceCents", d."currency", d."paymentWindowHours", u."displayName" AS "initiatorName"
       FROM "Deal" d JOIN "User" u ON u."id" = d."initiatorId"
       WHERE d."id" IN (SELECT "value" FROM json_each(${JSON.stringify(dealIds)}))`,
    ),
    query(deps.sql, sql`SELECT "id", "locale", "timeZone" FROM "User" WHERE "id" IN (SELECT "value" FROM json_each(${JSON.stringify(userIds)}))`),
  ]);
  const deals: DealForEmail[] = dealRows.map((d) => ({
    id: String(d.id),
    kind: String(d.kind),
    title: String(d.title),
    threshold: Number(d.threshold),
    seatsCommitted: Number(d.seatsCommitted),
    deadline: fromSqlTime(d.deadline)!,
    departsOn: d.departsOn as string | null,
    returnsOn: d.returnsOn as string | null,
    softThreshold: d.softThreshold == null ? null : Number(d.softThreshold),
    graceEndsAt: fromSqlTime(d.graceEndsAt),
    pricePerSeatCents: Number(d.pricePerSeatCents),
    finalPriceCents: d.finalPriceCents == null ? null : Number(d.finalPriceCents),
    currency: String(d.currency),
    paymentWindowHours: Number(d.paymentWindowHours),
    initiatorName: String(d.initiatorName),
  }));
  const dealById = new Map<string, DealForEmail>(deals.map((d) => [d.id, d]));
  const localeById = new Map(users.map((u) => [String(u.id), String(u.locale)]));
  // The recipient's zone reaches the template as their language does: through their User row.
  const zoneById = new Map(users.map((u) => [String(u.id), u.timeZone == null ? null : String(u.timeZone)]));
  return claimed.map((c) => {
    const payload = JSON.parse(c.payload) as Parameters<typeof renderEmail>[0]["payload"] & { locale?: string };
    const locale = (c.userId && localeById.get(c.userId)) || payload.locale || "en";
    const email = renderEmail({
      kind: c.kind as EmailKind,
      appUrl: deps.config.appUrl,
      locale,
      timeZone: c.userId ? zoneById.get(c.userId) : null,
      payload,
      deal: c.dealId ? (dealById.get(c.dealId) ?? null) : null,
    });
    return { from: deps.config.mailFrom, to: c.toEmail, ...email };
  });
}

/**
 * Returns the batch to send: a re-claimed frozen batch as it was frozen, or a fresh claim
 * rendered, keyed and frozen now. Null when this dispatcher lost its lease before freezing.
 */
export async function freeze(
  deps: Deps,
  owner: string,
  claimed: Claimed[],
): Promise<{ batchKey: string; emails: OutgoingEmail[]; fresh: boolean } | null> {
  const frozen = claimed.map(frozenOf);
  let batch: Frozen[];
  const fresh = !frozen.every((f): f is Frozen => f !== null);
  if (!fresh) {
    batch = frozen as Frozen[];
  } else {
    // The claim never mixes frozen and unfrozen rows; a fresh batch is frozen before it is sent.
    const emails = await render(deps, claimed);
    const batchKey = batchKeyOf(claimed.map((c, i) => ({ key: c.key, email: emails[i]! })));
    batch = emails.map((email) => ({ batch: batchKey, email }));
    // Its own column, written as it is: no JSON of the payload parsed or rewritten (issue 17).
    const updated = await deps.sql.batch(
      claimed.map(
        (c, i) => sql`UPDATE "Notification" SET "frozen" = ${JSON.stringify(batch[i])}, "batchKey" = ${batchKey}
         WHERE "id" = ${c.id} AND "claimedBy" = ${owner} RETURNING "id"`,
      ),
    );
    if (updated.some((r) => r.length === 0)) return null;
  }
  const batchKey = batch[0]!.batch;
  return {
    batchKey,
    fresh,
    emails: claimed.map((c, i) => ({
      notificationId: c.id,
      idempotencyKey: c.key,
      kind: c.kind,
      ...batch[i]!.email,
    })),
  };
}
