// The review routes: a participant reviews a deal's initiator once it is over; anyone who may see
// the deal reads its reviews.
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { errors, json, jsonBody, router } from "../http/openapi.ts";
import { requireUser } from "../http/middleware.ts";
import { DealIdParam } from "../contract/schemas.ts";
import { Review, ReviewBody } from "../contract/trust-schemas.ts";
import { postReview } from "./post-review.ts";
import { listReviews } from "./list-reviews.ts";

const tags = ["reviews"];

const post = createRoute({
  method: "post",
  path: "/deals/{id}/reviews",
  tags,
  summary: "Review the initiator: participants active at the end, once, for 60 days after the deal is over",
  request: { params: DealIdParam, ...jsonBody(ReviewBody) },
  responses: {
    201: json(z.object({ review: Review }), "The review"),
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
    409: errors[409],
  },
});

const list = createRoute({
  method: "get",
  path: "/deals/{id}/reviews",
  tags,
  summary: "The reviews of a deal, newest first",
  request: { params: DealIdParam },
  responses: { 200: json(z.object({ items: z.array(Review) }), "The reviews"), 404: errors[404] },
});

export const reviewRoutes = router()
  .openapi(post, async (c) => {
    const user = requireUser(c);
    const { rating, comment } = c.req.valid("json");
    const review = await postReview(c.get("deps"), { userId: user.id, dealId: c.req.valid("param").id, rating, comment: comment || null });
    return c.json({ review }, 201);
  })
  .openapi(list, async (c) => c.json({ items: await listReviews(c.get("deps"), c.req.valid("param").id) }, 200));
