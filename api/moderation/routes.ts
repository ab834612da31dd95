// The moderation routes: reporting a deal (anyone signed in), and the administrators' reports,
// hide, block and action log (ADMIN_EMAILS; 404 signed out, 403 for anyone else).
import { z } from "zod";
import { errorsFor, json, jsonBody, router, routesTagged } from "../http/openapi.ts";
import { requireUser } from "../http/middleware.ts";
import { LIMITS } from "../http/rate-limit.ts";
import { DealIdParam, DealStatus, ModerationActionItem, ReportBody, ReportItem, UserIdParam } from "../contract/schemas.ts";
import { assertDealId } from "../deals/deal-reads.ts";
import type { Context } from "hono";
import type { AppEnv } from "../http/env.ts";
import { AppError } from "../errors.ts";
import { isAdmin } from "./admins.ts";
import { reportDeal } from "./report-deal.ts";
import { hideDeal } from "./hide-deal.ts";
import { blockUser } from "./block-user.ts";
import { listActions, listReports } from "./lists.ts";

/** Admin routes answer 404 to a signed-out caller (they do not advertise themselves) and 403 to anyone who is not one. */
function requireAdmin(c: Context<AppEnv>) {
  const user = c.get("user");
  if (!user) throw new AppError("NOT_FOUND", "There is no such API route.");
  if (!isAdmin(c.get("deps").config, user.email)) throw new AppError("FORBIDDEN", "Only administrators may do this.");
  return user;
}

const route = routesTagged("moderation");
const adminErrors = errorsFor(403, 404);

const report = route("post", "/deals/{id}/report", "Report a deal to the administrators (signed in; once per deal counts)", {
  request: { params: DealIdParam, ...jsonBody(ReportBody) },
  responses: { 202: json(z.object({ ok: z.literal(true) }), "Reported"), ...errorsFor(400, 401, 404, 429) },
});

const reports = route("get", "/admin/reports", "The reports, newest first (administrators)", {
  responses: { 200: json(z.object({ items: z.array(ReportItem) }), "The reports"), ...adminErrors },
});

const hide = route(
  "post",
  "/admin/deals/{id}/hide",
  "Take a deal down: cancel it if open (deal-cancelled to everyone) and hide it (administrators)",
  {
    request: { params: DealIdParam },
    responses: {
      200: json(
        z.object({ deal: z.object({ id: z.string(), status: DealStatus, hiddenAt: z.string() }), cancelled: z.boolean() }),
        "Hidden (again: nothing changes)",
      ),
      ...adminErrors,
    },
  },
);

const block = route(
  "post",
  "/admin/users/{id}/block",
  "Block a user: end their sessions, refuse their sign-in, hide their open deals (administrators)",
  {
    request: { params: UserIdParam },
    responses: {
      200: json(z.object({ user: z.object({ id: z.string(), blockedAt: z.string() }), hiddenDeals: z.int() }), "Blocked"),
      ...adminErrors,
      ...errorsFor(409),
    },
  },
);

const actions = route("get", "/admin/actions", "The moderation log, newest first (administrators)", {
  responses: { 200: json(z.object({ items: z.array(ModerationActionItem) }), "The actions"), ...adminErrors },
});

export const moderationRoutes = router()
  .openapi(report, async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    assertDealId(id);
    c.get("limiter").hit(`report:${user.id}`, LIMITS.reportsPerUser);
    await reportDeal(c.get("deps"), { userId: user.id, dealId: id, reason });
    return c.json({ ok: true as const }, 202);
  })
  .openapi(reports, async (c) => {
    requireAdmin(c);
    c.header("Cache-Control", "private, no-store");
    return c.json({ items: await listReports(c.get("deps")) }, 200);
  })
  .openapi(hide, async (c) => {
    const admin = requireAdmin(c);
    const result = await hideDeal(c.get("deps"), { adminId: admin.id, dealId: c.req.valid("param").id });
    return c.json({ ...result, deal: { ...result.deal, status: DealStatus.parse(result.deal.status) } }, 200);
  })
  .openapi(block, async (c) => {
    const admin = requireAdmin(c);
    return c.json(await blockUser(c.get("deps"), { adminId: admin.id, userId: c.req.valid("param").id }), 200);
  })
  .openapi(actions, async (c) => {
    requireAdmin(c);
    c.header("Cache-Control", "private, no-store");
    return c.json({ items: await listActions(c.get("deps")) }, 200);
  });
