// The deal rules that are pure functions of a deal and the time. The guarded batches in
// api/deals/ enforce the same rules in their WHERE clauses; these decide what a reader sees.
export type DealStatus = "open" | "confirmed" | "failed" | "cancelled";

interface DealClock {
  status: string;
  deadline: Date;
}

/** Deadline honesty: an open deal past its deadline has failed, whether or not a sweep ran. */
export function effectiveStatus(d: DealClock, now: number): DealStatus {
  if (d.status === "open" && d.deadline.getTime() <= now) return "failed";
  return d.status as DealStatus;
}

/** New commitments are taken while open or confirmed, until the deadline. */
export function isJoinable(d: DealClock, now: number): boolean {
  return (d.status === "open" || d.status === "confirmed") && d.deadline.getTime() > now;
}

/** Whether a commitment in `status` may be withdrawn from a deal in its state. */
export function withdrawal(
  d: DealClock,
  commitmentStatus: string,
  now: number,
): "allowed" | "binding" | "closed" | "none" {
  if (commitmentStatus === "waitlisted") return "allowed";
  if (commitmentStatus !== "active") return "none";
  const status = effectiveStatus(d, now);
  if (status === "confirmed") return "binding";
  if (status === "open") return "allowed";
  return "closed";
}
