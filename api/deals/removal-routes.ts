// The route of removing a participant (initiator only): a thin handler over remove-participant.ts.
// Mounted beside the deal routes in app.ts.
import { z } from "zod";
import { errorsFor, json, router, routesTagged } from "../http/openapi.ts";
import { requireUser } from "../http/middleware.ts";
import { Deal, DealIdParam } from "../contract/schemas.ts";
import { getDeal } from "./deal-reads.ts";
import { removeParticipant } from "./remove-participant.ts";

const remove = routesTagged("deals")(
  "delete",
  "/deals/{id}/commitments/{commitmentId}",
  "Remove a participant (initiator only) while the deal is open, confirmed or in grace: the seats are freed, the waitlist moves up, and the participant is told",
  {
    request: { params: DealIdParam.extend({ commitmentId: z.string().max(64) }) },
    responses: { 200: json(z.object({ deal: Deal }), "Removed; the deal as it now stands"), ...errorsFor(401, 403, 404, 409) },
  },
);

export const removalRoutes = router().openapi(remove, async (c) => {
  const user = requireUser(c);
  const { id, commitmentId } = c.req.valid("param");
  await removeParticipant(c.get("deps"), { userId: user.id, dealId: id, commitmentId });
  return c.json({ deal: await getDeal(c.get("deps"), { dealId: id, viewerId: user.id }) }, 200);
});
