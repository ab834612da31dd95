// The deal rules that are pure functions of a deal and the time. The guarded batches in
// api/deals/ enforce the same rules in their WHERE clauses; these decide what a reader sees.
export type DealStatus = "open" | "confirmed" | "grace" | "failed" | "cancelled";

/** How long the initiator has to decide, after a deadline that ended at the soft threshold. */
export const GRACE_DAYS = 5;
const GRACE_MS = GRACE_DAYS * 24 * 3_600_000;

interface DealClock {
  status: string;
  deadline: Date;
  /** The grace fields; a deal without a soft threshold never enters grace. */
  softThreshold?: number | null;
  seatsCommitted?: number;
  graceEndsAt?: Date | null;
  goAheadAt?: Date | null;
}

/** When grace ends (or would end) for a deal that entered or will enter it at its deadline. */
export function graceEndOf(d: DealClock): Date {
  return d.graceEndsAt ?? new Date(d.deadline.getTime() + GRACE_MS);
}

/** An open deal at its deadline with active seats at the soft threshold or above enters grace. */
function reachedSoft(d: DealClock): boolean {
  return d.softThreshold != null && (d.seatsCommitted ?? 0) >= d.softThreshold;
}

/**
 * Deadline honesty: an open deal past its deadline has failed, or entered grace, and a deal past
 * the end of its grace is confirmed (go-ahead given, soft threshold still held) or failed, whether
 * or not a sweep ran.
 */
export function effectiveStatus(d: DealClock, now: number): DealStatus {
  if (d.status === "open" && d.deadline.getTime() <= now) {
    return reachedSoft(d) && graceEndOf(d).getTime() > now ? "grace" : "failed";
  }
  if (d.status === "grace" && graceEndOf(d).getTime() <= now) {
    return d.goAheadAt != null && reachedSoft(d) ? "confirmed" : "failed";
  }
  return d.status as DealStatus;
}

/** New commitments are taken while open or confirmed, until the deadline; never in grace. */
export function isJoinable(d: DealClock, now: number): boolean {
  return (d.status === "open" || d.status === "confirmed") && d.deadline.getTime() > now;
}

/** Whether a commitment in `status` may be withdrawn from a deal in its state. */
export function withdrawal(
  d: DealClock,
  commitmentStatus: string,
  now: number,
): "allowed" | "binding" | "closed" | "none" {
  if (commitmentStatus !== "active" && commitmentStatus !== "waitlisted") return "none";
  const status = effectiveStatus(d, now);
  // In grace anyone may leave, active seats included, until the grace ends.
  if (status === "grace") return "allowed";
  if (commitmentStatus === "waitlisted") return "allowed";
  if (status === "confirmed") return "binding";
  if (status === "open") return "allowed";
  return "closed";
}

/**
 * Whether the initiator may remove a participant (a fake one, say): while the deal is open,
 * confirmed or in grace. Removing frees the seats; it never undoes a confirmation.
 */
export function canRemoveParticipants(d: DealClock, now: number): boolean {
  const status = effectiveStatus(d, now);
  return status === "open" || status === "confirmed" || status === "grace";
}
