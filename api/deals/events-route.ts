// GET /api/deals/:id/events: the live deal page. Server-Sent Events with a `deal` snapshot at once
// and after every change the domain publishes on DealEvents, computed for the requesting viewer.
// A burst of changes (a rush of joins) is coalesced into at most one snapshot per 200 ms; the
// snapshot is always re-read from the database, so a coalesced one is never stale.
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { streamSSE } from "hono/streaming";
import { errors, router } from "../http/openapi.ts";
import { DealIdParam } from "../contract/schemas.ts";
import { getDeal } from "./deal-reads.ts";

const SNAPSHOT_MIN_INTERVAL_MS = 200;
const HEARTBEAT_MS = 15_000;
/** Tells EventSource how soon to reconnect after a dropped connection. */
const RETRY_MS = 2_000;

const events = createRoute({
  method: "get",
  path: "/deals/{id}/events",
  tags: ["deals"],
  summary: "Live updates of one deal (Server-Sent Events)",
  description:
    "A `deal` event whose data is `{ deal }` (the same shape as GET /api/deals/{id}, with the viewer's own " +
    "commitment when signed in) is sent at once and after every change, at most one per 200 ms. " +
    "A comment line is sent every 15 s to keep the connection open. Reconnect at will: the first " +
    "event after connecting is always a full snapshot.",
  request: { params: DealIdParam },
  responses: {
    200: {
      description: "An event stream of `deal` snapshots",
      content: { "text/event-stream": { schema: z.string().meta({ example: 'event: deal\ndata: {"deal":{…}}\n\n' }) } },
    },
    404: errors[404],
  },
});

export const dealEventRoutes = router().openapi(events, async (c) => {
  const { deps } = c.var;
  const dealId = c.req.valid("param").id;
  const viewerId = c.var.user?.id ?? null;
  // Read once before streaming, so an unknown deal is a plain 404 rather than an empty stream.
  const first = await getDeal(deps, { dealId, viewerId });
  c.header("Cache-Control", "no-store");
  c.header("X-Accel-Buffering", "no");

  // HEAD gets the headers only: a stream would subscribe and never be read.
  if (c.req.method === "HEAD") return c.body(null, 200, { "Content-Type": "text/event-stream" });
  return streamSSE(c, async (stream) => {
    const closeStream = deps.metrics.streamOpened();
    let dirty = false;
    let wake: (() => void) | null = null;
    const unsubscribe = deps.events.subscribe(dealId, () => {
      dirty = true;
      wake?.();
    });
    stream.onAbort(() => {
      unsubscribe();
      wake?.();
    });
    const heartbeat = setInterval(() => {
      if (!stream.aborted) stream.write(": heartbeat\n\n").catch(() => undefined);
    }, HEARTBEAT_MS);
    try {
      let last = JSON.stringify({ deal: first });
      await stream.writeSSE({ event: "deal", data: last, retry: RETRY_MS });
      while (!stream.aborted) {
        await stream.sleep(SNAPSHOT_MIN_INTERVAL_MS);
        if (!dirty) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        if (stream.aborted) break;
        dirty = false;
        const data = JSON.stringify({ deal: await getDeal(deps, { dealId, viewerId }) });
        // A polling source (Workers) wakes without a change; send only what is new.
        if (data !== last) await stream.writeSSE({ event: "deal", data });
        last = data;
      }
    } finally {
      closeStream();
      clearInterval(heartbeat);
      unsubscribe();
    }
  }, async (err) => {
    deps.log.warn("deal event stream ended with an error", { dealId, error: String(err) });
  });
});
