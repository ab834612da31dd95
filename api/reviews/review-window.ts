// When reviewing a deal is open, written once in SQL for the review, its refusals and the sweep
// that invites: a confirmed deal is over, for a trip, the day after it returns (the winning
// option's dates first, else the deal's; else the day after it departs, else the deadline); for
// a deal, at its deadline. From then on, for 60 days, its active participants may review.
import { raw, sql } from "../db/sql.ts";

const REVIEW_DAYS = 60;

/** The moment the deal d is over, as stored time text (comparable with sqlTime). */
export const overAt = sql`(CASE WHEN d."kind" = 'trip' AND COALESCE(
      (SELECT o."returnsOn" FROM "DealOption" o WHERE o."id" = d."winningOptionId"),
      (SELECT o."departsOn" FROM "DealOption" o WHERE o."id" = d."winningOptionId"),
      d."returnsOn", d."departsOn") IS NOT NULL
    THEN date(COALESCE(
      (SELECT o."returnsOn" FROM "DealOption" o WHERE o."id" = d."winningOptionId"),
      (SELECT o."departsOn" FROM "DealOption" o WHERE o."id" = d."winningOptionId"),
      d."returnsOn", d."departsOn"), '+1 day') || 'T00:00:00.000+00:00'
    ELSE d."deadline" END)`;

/** The moment reviewing the deal d closes. */
export const closesAt = sql`strftime('%Y-%m-%dT%H:%M:%f+00:00', ${overAt}, ${raw(`'+${REVIEW_DAYS} days'`)})`;
