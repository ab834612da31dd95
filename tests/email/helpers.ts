// Shared by the email tests: a trip for the templates, a drain loop that moves the clock past
// backoffs instead of sleeping, and a count of emails delivered twice. The fake Resend server and
// the apps on it come from tests/setup/resend.ts.
import { clock } from "../../api/clock.ts";
import type { DealForEmail } from "../../api/outbox/templates.ts";
import type { EmailKind } from "../../api/outbox/messages.ts";
import type { TestApp } from "../setup/harness.ts";
import type { DeliveredEmail } from "../setup/fake-resend.ts";

/** Every kind of email, written out (a new kind is added here, and every email test covers it). */
export const EMAIL_KINDS: EmailKind[] = [
  "sign-in",
  "deal-confirmed",
  "deal-failed",
  "deal-cancelled",
  "waitlist-promoted",
  "deal-update",
  "deal-ending-soon",
  "deal-grace",
  "option-released",
  "deal-final-price",
  "review-invite",
  // paying at the tip
  "payment-due",
  "payment-reminder",
  "payment-received",
  "payment-lapsed",
  // safe by default: the initiator removed a participant
  "commitment-removed",
];

/** A trip as the email templates see it. */
export const trip = (over: Partial<DealForEmail> = {}): DealForEmail => ({
  id: "k3x9q2m7p1z8w4v6",
  kind: "trip",
  title: "Charter to Lisbon",
  threshold: 99,
  seatsCommitted: 42,
  deadline: new Date("2027-03-01T12:00:00Z"),
  departsOn: "2027-05-12",
  returnsOn: "2027-05-16",
  // Only deal-grace says these: the deadline passed above the soft threshold, grace for 5 days.
  softThreshold: 80,
  graceEndsAt: new Date("2027-03-06T12:00:00Z"),
  ...over,
});

export async function unresolved(apps: TestApp[]) {
  const first = apps[0]!;
  const rows = await first.deps.prisma.notification.findMany({
    where: { state: { in: ["pending", "sending"] } },
    select: { nextAttemptAt: true, claimedUntil: true, state: true },
  });
  return rows;
}

/**
 * Runs the background work (sweep and dispatch) on every app at once, then moves the clock to
 * the next attempt, until no notification is pending. Returns the number of rounds.
 */
export async function drain(apps: TestApp | TestApp[], maxRounds = 300): Promise<number> {
  const list = Array.isArray(apps) ? apps : [apps];
  for (let round = 1; round <= maxRounds; round++) {
    await Promise.all(list.map((a) => a.built.background.runNow()));
    const rows = await unresolved(list);
    if (rows.length === 0) return round;
    const next = Math.min(
      ...rows.map((r) => (r.state === "sending" ? (r.claimedUntil?.getTime() ?? 0) : r.nextAttemptAt.getTime())),
    );
    const wait = next - clock.nowMs();
    if (wait > 0) list[0]!.advance(wait + 1);
  }
  throw new Error(`the outbox did not drain in ${maxRounds} rounds`);
}

export const tagOf = (e: DeliveredEmail, name: string) => e.tags.find((t) => t.name === name)?.value;

/** Delivered emails grouped by notification id and by (kind, deal, recipient). */
export async function duplicates(t: TestApp, delivered: DeliveredEmail[]) {
  const rows = await t.deps.prisma.notification.findMany({ select: { id: true, kind: true, dealId: true, toEmail: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const perNotification = new Map<number, number>();
  const perRecipient = new Map<string, number>();
  for (const e of delivered) {
    const id = Number(tagOf(e, "notification"));
    const n = byId.get(id);
    if (!n) throw new Error(`delivered an email for an unknown notification ${id}`);
    if (e.to[0] !== n.toEmail) throw new Error(`notification ${id} went to ${e.to[0]}, not ${n.toEmail}`);
    perNotification.set(id, (perNotification.get(id) ?? 0) + 1);
    const k = `${n.kind}|${n.dealId}|${n.toEmail}`;
    perRecipient.set(k, (perRecipient.get(k) ?? 0) + 1);
  }
  return {
    byNotification: [...perNotification.values()].filter((c) => c > 1).length,
    byKindDealRecipient: [...perRecipient.values()].reduce((s, c) => s + c - 1, 0),
    distinct: perRecipient.size,
  };
}
