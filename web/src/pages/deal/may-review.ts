// Whether the viewer may review a deal now, as far as the page knows: the server decides.
import type { Deal } from "../../api.ts";
import { REVIEW_WINDOW_DAYS, reviewOpensAt } from "../../../../api/contract/review-rules.ts";

export function mayReview(d: Deal, now: number): boolean {
  const opens = reviewOpensAt(d);
  return d.status === "confirmed" && d.viewerCommitment?.status === "active" && now >= opens && now < opens + REVIEW_WINDOW_DAYS * 86_400_000;
}
