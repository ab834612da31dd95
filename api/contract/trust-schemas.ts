// Request and response schemas of reviews and public profiles (co-creation and trust). Like
// schemas.ts: the routes validate with them and the OpenAPI document is generated from them.
import { z } from "zod";
import { InitiatorRecord, ReviewSummary } from "./schemas.ts";

const REVIEW_COMMENT_MAX = 1000;

export const ReviewBody = z
  .object({
    rating: z.enum(["positive", "neutral", "negative"]),
    comment: z.string().trim().max(REVIEW_COMMENT_MAX).nullish(),
  })
  .strict()
  .meta({ id: "ReviewInput" });

export const Review = z
  .object({
    id: z.string(),
    rating: z.enum(["positive", "neutral", "negative"]),
    comment: z.string().nullable(),
    reviewerName: z.string().meta({ description: "The reviewer's display name; never an email address" }),
    createdAt: z.string(),
  })
  .meta({ id: "Review" });

export const Profile = z
  .object({
    user: z.object({ id: z.string(), displayName: z.string(), memberSince: z.string() }),
    record: InitiatorRecord,
    reviews: ReviewSummary,
    latestReviews: z.array(Review.extend({ deal: z.object({ id: z.string(), title: z.string() }) })),
  })
  .meta({ id: "Profile" });
