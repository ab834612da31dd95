// When reviewing a confirmed deal opens and closes, as a pure rule the deal page and "My deals"
// share (the server enforces the same rule in SQL, api/reviews/review-window.ts).
export const REVIEW_WINDOW_DAYS = 60;

interface Reviewable {
  kind: string;
  deadline: string;
  departsOn: string | null;
  returnsOn: string | null;
  winningOptionId: string | null;
  options: { id: string; departsOn: string | null; returnsOn: string | null }[];
}

/**
 * When a confirmed deal is over and reviewing opens (ms): for a trip, the day after it returns
 * (the winning option's dates first), else after it departs, else the deadline; for a deal, its
 * deadline. The same rule as api/reviews/review-window.ts, which the server enforces.
 */
export function reviewOpensAt(d: Reviewable): number {
  const w = d.options.find((o) => o.id === d.winningOptionId);
  const day = d.kind === "trip" ? (w?.returnsOn ?? w?.departsOn ?? d.returnsOn ?? d.departsOn) : null;
  return day ? Date.parse(`${day}T00:00:00Z`) + 86_400_000 : Date.parse(d.deadline);
}
