// The routes of editing a deal and of the soft threshold's decision: thin handlers over
// edit-deal.ts and go-ahead.ts. Mounted beside the deal routes in app.ts.
import { z } from "zod";
import { errorsFor, json, jsonBody, router, routesTagged } from "../http/openapi.ts";
import { requireUser } from "../http/middleware.ts";
import { Deal, DealIdParam, GoAheadBody, UpdateDealBody } from "../contract/schemas.ts";
import { editDeal } from "./edit-deal.ts";
import { goAhead } from "./go-ahead.ts";

const route = routesTagged("deals");
const params = DealIdParam;

const edit = route(
  "patch",
  "/deals/{id}",
  "Edit a deal (initiator only). After the first commitment only the description may change and the capacity go up",
  {
    request: { params, ...jsonBody(UpdateDealBody) },
    responses: { 200: json(z.object({ deal: Deal }), "The deal as edited"), ...errorsFor(400, 401, 403, 404, 409) },
  },
);

const Update = z.object({ id: z.string(), body: z.string(), createdAt: z.string() }).meta({ id: "DealUpdate" });

const decide = route("post", "/deals/{id}/go-ahead", "In grace, go ahead once (initiator only); the message is posted as an update", {
  request: { params, ...jsonBody(GoAheadBody) },
  responses: {
    200: json(z.object({ deal: Deal, update: Update }), "The decision, and the update that says it"),
    ...errorsFor(400, 401, 403, 404, 409),
  },
});

export const graceRoutes = router()
  .openapi(edit, async (c) => {
    const user = requireUser(c);
    const deal = await editDeal(c.get("deps"), { userId: user.id, dealId: c.req.valid("param").id, patch: c.req.valid("json") });
    return c.json({ deal }, 200);
  })
  .openapi(decide, async (c) => {
    const user = requireUser(c);
    const { message } = c.req.valid("json");
    return c.json(await goAhead(c.get("deps"), { userId: user.id, dealId: c.req.valid("param").id, message }), 200);
  });
