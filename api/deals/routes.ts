// The deal routes: thin handlers over the use cases beside them. Rate limits are applied here,
// at the edge, after the guards that answer without doing any work.
import { getCookie } from "hono/cookie";
import { z } from "zod";
import { errorsFor, json, jsonBody, router, routesTagged } from "../http/openapi.ts";
import { requireUser } from "../http/middleware.ts";
import { LIMITS } from "../http/rate-limit.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import {
  Commitment,
  CreateDealBody,
  Deal,
  DealIdParam,
  DealList,
  JoinBody,
  ListDealsQuery,
  Participant,
} from "../contract/schemas.ts";
import { assertDealId, getDeal } from "./deal-reads.ts";
import { readDealBody } from "./read-deal.ts";
import { assertProposal, proposeDeal } from "./propose-deal.ts";
import { listDeals } from "./list-deals.ts";
import { joinDeal } from "./join-deal.ts";
import { withdrawCommitment } from "./withdraw-commitment.ts";
import { cancelDeal } from "./cancel-deal.ts";
import { listParticipants } from "./list-participants.ts";
import { myProposals } from "./my-proposals.ts";
import { CSV_SEPARATOR, participantsCsv, participantsCsvDisposition, tripCalendar } from "./files.ts";
import { LANG_COOKIE, LANGUAGES, negotiateLanguage } from "../contract/lang.ts";

const route = routesTagged("deals");
const params = DealIdParam;

const create = route("post", "/deals", "Propose a deal; it opens at once", {
  request: jsonBody(CreateDealBody),
  responses: { 201: json(z.object({ deal: Deal }), "The new deal"), ...errorsFor(400, 401, 429) },
});

const list = route("get", "/deals", "List deals by status, a page at a time", {
  request: { query: ListDealsQuery },
  responses: { 200: json(DealList, "A page of deals"), ...errorsFor(400) },
});

const read = route("get", "/deals/{id}", "One deal; with the viewer's own commitment when signed in", {
  request: { params },
  responses: { 200: json(z.object({ deal: Deal }), "The deal"), ...errorsFor(404) },
});

const join = route("post", "/deals/{id}/commitments", "Commit seats. Active if they fit in the remaining capacity, else waitlisted", {
  request: { params, ...jsonBody(JoinBody) },
  responses: {
    201: json(z.object({ commitment: Commitment, deal: Deal, dealStatus: z.string() }), "The commitment, and the deal as it now stands"),
    ...errorsFor(400, 401, 404, 409, 429),
  },
});

const withdraw = route(
  "delete",
  "/deals/{id}/commitments/mine",
  "Withdraw: active seats until the deal is confirmed; a waitlisted place at any time",
  { request: { params }, responses: { 200: json(z.object({ deal: Deal }), "Withdrawn"), ...errorsFor(401, 404, 409) } },
);

const cancel = route("post", "/deals/{id}/cancel", "Cancel an open deal (initiator only)", {
  request: { params },
  responses: { 200: json(z.object({ deal: Deal }), "Cancelled"), ...errorsFor(401, 403, 404, 409) },
});

const participants = route("get", "/deals/{id}/participants", "The participants (initiator only); ?format=csv for a CSV file", {
  request: {
    params,
    query: z.object({
      format: z.enum(["json", "csv"]).default("json"),
      lang: z.enum(LANGUAGES).optional().meta({
        description: "The CSV's separator and file name: ';' for nl and de (as Excel there expects), ',' for en. Without it: the language cookie, else Accept-Language",
      }),
      sep: z.enum(["comma", "semicolon"]).optional().meta({ description: "Overrides the language's separator" }),
    }),
  },
  responses: {
    200: {
      description: "The participants, in first-come order",
      content: {
        "application/json": { schema: z.object({ items: z.array(Participant) }) },
        "text/csv": { schema: z.string() },
      },
    },
    ...errorsFor(401, 403, 404),
  },
});

const calendar = route("get", "/deals/{id}/calendar.ics", "An iCalendar file for a trip with dates", {
  request: { params },
  responses: { 200: { description: "iCalendar", content: { "text/calendar": { schema: z.string() } } }, ...errorsFor(404) },
});

const proposals = routesTagged("me")("get", "/me/deals", "The deals I proposed", {
  responses: { 200: json(z.object({ items: z.array(Deal) }), "My proposals"), ...errorsFor(401) },
});

export const dealRoutes = router()
  .openapi(create, async (c) => {
    const user = requireUser(c);
    const input = c.req.valid("json");
    // A proposal with mistakes is answered before it counts against the limit.
    assertProposal(input);
    c.get("limiter").hit(`propose:${user.id}`, LIMITS.proposalsPerUser);
    // The language the proposer sees the app in (its remembered choice, else the browser's) is the deal's.
    const lang = negotiateLanguage(getCookie(c, LANG_COOKIE), c.req.header("accept-language"));
    const deal = await proposeDeal(c.get("deps"), { userId: user.id, input, lang });
    return c.json({ deal }, 201);
  })
  .openapi(list, async (c) => {
    const q = c.req.valid("query");
    return c.json(await listDeals(c.get("deps"), { ...q, viewerId: c.get("user")?.id ?? null }), 200);
  })
  .openapi(read, async (c) => {
    // The public part is the deal's cached snapshot, serialised once per change (read-deal.ts).
    const body = await readDealBody(c.get("deps"), { dealId: c.req.valid("param").id, viewerId: c.get("user")?.id ?? null });
    return c.body(body, 200, { "Content-Type": "application/json" }) as never;
  })
  .openapi(join, async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid("param");
    const { seats, optionIds } = c.req.valid("json");
    // An id that can name no deal is a 404 before it counts; every other attempt counts.
    assertDealId(id);
    c.get("limiter").hit(`join:${user.id}`, LIMITS.joinsPerUser);
    const { metrics } = c.get("deps");
    try {
      const joined = await joinDeal(c.get("deps"), { userId: user.id, dealId: id, seats, optionIds });
      metrics.join(joined.commitment.status === "active" ? "active" : "waitlisted");
      return c.json(joined, 201);
    } catch (e) {
      // A join the deal refused (closed, already committed, too many seats); not a missing deal.
      if (e instanceof AppError && e.code !== "DEAL_NOT_FOUND") metrics.join("refused");
      throw e;
    }
  })
  .openapi(withdraw, async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid("param");
    await withdrawCommitment(c.get("deps"), { userId: user.id, dealId: id });
    return c.json({ deal: await getDeal(c.get("deps"), { dealId: id, viewerId: user.id }) }, 200);
  })
  .openapi(cancel, async (c) => {
    const user = requireUser(c);
    return c.json({ deal: await cancelDeal(c.get("deps"), { userId: user.id, dealId: c.req.valid("param").id }) }, 200);
  })
  .openapi(participants, async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid("param");
    const { deal, participants: items } = await listParticipants(c.get("deps"), { userId: user.id, dealId: id });
    const query = c.req.valid("query");
    if (query.format === "csv") {
      const lang = query.lang ?? negotiateLanguage(getCookie(c, LANG_COOKIE), c.req.header("accept-language"));
      const sep = query.sep === "comma" ? "," : query.sep === "semicolon" ? ";" : CSV_SEPARATOR[lang];
      c.header("Content-Disposition", participantsCsvDisposition(deal.title, clock.now().toISOString().slice(0, 10), lang));
      c.header("Cache-Control", "private, no-store");
      if (!query.lang) c.header("Vary", "Accept-Language, Cookie");
      return c.body(participantsCsv(items, sep), 200, { "Content-Type": "text/csv; charset=utf-8" });
    }
    c.header("Cache-Control", "private, no-store");
    return c.json({ items }, 200);
  })
  .openapi(calendar, async (c) => {
    const deal = await getDeal(c.get("deps"), { dealId: c.req.valid("param").id, viewerId: null });
    if (deal.kind !== "trip" || !deal.departsOn) {
      throw new AppError("NOT_FOUND", "This deal has no travel dates to put in a calendar.");
    }
    const body = tripCalendar({
      ...deal,
      departsOn: deal.departsOn,
      url: `${c.get("deps").config.appUrl}/deals/${deal.id}`,
      stamp: clock.now(),
    });
    c.header("Content-Disposition", `attachment; filename="quorum-${deal.id}.ics"`);
    return c.body(body, 200, { "Content-Type": "text/calendar; charset=utf-8" });
  })
  .openapi(proposals, async (c) => {
    const user = requireUser(c);
    return c.json({ items: await myProposals(c.get("deps"), { userId: user.id }) }, 200);
  });
