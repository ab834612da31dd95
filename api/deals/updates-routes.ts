// The routes of a growing group: the initiator's updates and following a deal. Thin handlers over
// post-update.ts, list-updates.ts and follow-deal.ts; mounted beside the other deal routes.
import { z } from "zod";
import { errorsFor, json, jsonBody, router, routesTagged } from "../http/openapi.ts";
import { requireUser } from "../http/middleware.ts";
import { DealIdParam, DealUpdate, FollowState, PostUpdateBody } from "../contract/schemas.ts";
import { postUpdate } from "./post-update.ts";
import { listUpdates } from "./list-updates.ts";
import { setFollowing } from "./follow-deal.ts";

const route = routesTagged("deals");
const params = DealIdParam;

const post = route("post", "/deals/{id}/updates", "Post an update to the group (initiator only; at most 10 a deal in 24 hours)", {
  description:
    "Plain text, 1 to 5,000 characters; line breaks are kept. Every active and waitlisted participant and " +
    "every follower gets it by email once; the initiator does not. A failed or cancelled deal answers 409 DEAL_CLOSED.",
  request: { params, ...jsonBody(PostUpdateBody) },
  responses: { 201: json(z.object({ update: DealUpdate }), "The update"), ...errorsFor(400, 401, 403, 404, 409, 429) },
});

const list = route("get", "/deals/{id}/updates", "The initiator's updates, newest first (at most the last 100)", {
  request: { params },
  responses: { 200: json(z.object({ items: z.array(DealUpdate) }), "The updates"), ...errorsFor(404) },
});

const follow = (method: "put" | "delete", summary: string) =>
  route(method, "/deals/{id}/follow", summary, {
    request: { params },
    responses: { 200: json(FollowState, "Whether the viewer now follows the deal"), ...errorsFor(401, 404) },
  });

export const dealUpdateRoutes = router()
  .openapi(post, async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid("param");
    const { body } = c.req.valid("json");
    return c.json({ update: await postUpdate(c.get("deps"), { userId: user.id, dealId: id, body }) }, 201);
  })
  .openapi(list, async (c) => {
    const items = await listUpdates(c.get("deps"), { dealId: c.req.valid("param").id });
    return c.json({ items }, 200);
  })
  .openapi(follow("put", "Follow a deal: its updates and its ending-soon reminder by email (idempotent)"), async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid("param");
    return c.json(await setFollowing(c.get("deps"), { userId: user.id, dealId: id, following: true }), 200);
  })
  .openapi(follow("delete", "Stop following a deal (idempotent)"), async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid("param");
    return c.json(await setFollowing(c.get("deps"), { userId: user.id, dealId: id, following: false }), 200);
  });
