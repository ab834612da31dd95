// The review routes: a participant reviews a deal's initiator once it is over; anyone who may see
// the deal reads its reviews.
import { z } from "zod";
import { errorsFor, json, jsonBody, router, routesTagged } from "../http/openapi.ts";
import { requireUser } from "../http/middleware.ts";
import { DealIdParam } from "../contract/schemas.ts";
import { Review, ReviewBody } from "../contract/trust-schemas.ts";
import { postReview } from "./post-review.ts";
import { listReviews } from "./list-reviews.ts";

const route = routesTagged("reviews");

const post = route(
  "post",
  "/deals/{id}/reviews",
  "Review the initiator: participants active at the end, once, for 60 days after the deal is over",
  {
    request: { params: DealIdParam, ...jsonBody(ReviewBody) },
    responses: { 201: json(z.object({ review: Review }), "The review"), ...errorsFor(400, 401, 403, 404, 409) },
  },
);

const list = route("get", "/deals/{id}/reviews", "The reviews of a deal, newest first", {
  request: { params: DealIdParam },
  responses: { 200: json(z.object({ items: z.array(Review) }), "The reviews"), ...errorsFor(404) },
});

export const reviewRoutes = router()
  .openapi(post, async (c) => {
    const user = requireUser(c);
    const { rating, comment } = c.req.valid("json");
    const review = await postReview(c.get("deps"), { userId: user.id, dealId: c.req.valid("param").id, rating, comment: comment || null });
    return c.json({ review }, 201);
  })
  .openapi(list, async (c) => c.json({ items: await listReviews(c.get("deps"), c.req.valid("param").id) }, 200));
