// GET /api/deals/:id/events: the live deal page. Server-Sent Events: a `deal` snapshot for this
// viewer at once, then one after every change, read once for all watchers by the live hub
// (events-hub.ts), at most one per 200 ms. On Node the stream is written straight to the socket's
// response (a web stream per watcher costs more memory than the socket itself); elsewhere it is
// a ReadableStream. Streams are limited per address and in all, and end after their maximum age.
import { z } from "zod";
import type { Context } from "hono";
import { errorsFor, json, router, routesTagged } from "../http/openapi.ts";
import type { AppEnv } from "../http/env.ts";
import { clientIp } from "../http/client-ip.ts";
import { ipLimitKey } from "../http/rate-limit.ts";
import { HSTS, SECURITY_HEADERS } from "../http/security-headers.ts";
import { DealIdParam, ErrorBody } from "../contract/schemas.ts";
import { AppError } from "../errors.ts";
import { assertDealId, getDeal } from "./deal-reads.ts";
import { hubFor, type LiveHub, type Sink } from "./events-hub.ts";
import type { Deps } from "../context.ts";
import type { DealJson } from "../contract/schemas.ts";

const events = routesTagged("deals")("get", "/deals/{id}/events", "Live updates of one deal (Server-Sent Events)", {
  description:
    "A `deal` event whose data is `{ deal }` (the same shape as GET /api/deals/{id}, with the viewer's own " +
    "commitment when signed in) is sent at once and after every change, at most one per 200 ms. " +
    "A comment line is sent every 15 s to keep the connection open. Reconnect at will: the first " +
    "event after connecting is always a full snapshot. A stream ends after 15 minutes (the browser " +
    "reconnects by itself, after the randomised `retry` the stream asked for). At most 20 open " +
    "streams per address (429 with Retry-After beyond), and a cap on all streams (503 LIVE_UPDATES_FULL).",
  request: { params: DealIdParam },
  responses: {
    200: {
      description: "An event stream of `deal` snapshots",
      content: { "text/event-stream": { schema: z.string().meta({ example: 'event: deal\ndata: {"deal":{…}}\n\n' }) } },
    },
    ...errorsFor(404, 429),
    503: json(ErrorBody, "Every live stream the server can hold is taken (LIVE_UPDATES_FULL); see Retry-After"),
  },
});

const STREAM_HEADERS = { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" };

interface NodeResponse {
  writeHead(status: number, headers: Record<string, string>): void;
  write(chunk: Uint8Array): boolean;
  end(): void;
  readonly writableLength: number;
  readonly destroyed: boolean;
  on(event: "close", fn: () => void): void;
}

export const dealEventRoutes = router().openapi(events, async (c) => {
  const deps = c.get("deps");
  const dealId = c.req.valid("param").id;
  const viewerId = c.get("user")?.id ?? null;
  const hub = hubFor(deps);
  assertDealId(dealId);
  // HEAD gets the headers only: a stream would subscribe and never be read.
  if (c.req.method === "HEAD") {
    if (!(await hub.publicDeal(deps, dealId))) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
    return c.body(null, 200, STREAM_HEADERS);
  }
  // Counted as the sign-in limits count an address: an IPv6 host by its /64, which it can rotate through.
  const ip = ipLimitKey(clientIp(c));
  hub.admit(ip);
  // The viewer's own snapshot, read once per stream; a watcher who is not signed in gets the cached public one.
  const first = viewerId ? await getDeal(deps, { dealId, viewerId }) : (await hub.publicDeal(deps, dealId))?.deal;
  if (!first) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
  // Again: other streams from this address may have opened while the deal was read.
  hub.admit(ip);

  const outgoing = (c.env as { outgoing?: NodeResponse } | undefined)?.outgoing;
  const opening = { hub, deps, dealId, first, ip, viewerId };
  if (outgoing) {
    outgoing.writeHead(200, { ...STREAM_HEADERS, ...securityHeaders(c) });
    nodeStream(opening, outgoing);
    return alreadySent() as never;
  }
  return c.body(webStream(opening), 200, STREAM_HEADERS);
});

interface Opening {
  hub: LiveHub;
  deps: Deps;
  dealId: string;
  first: DealJson;
  ip: string;
  viewerId: string | null;
}

/** A Node response as a sink: one object per stream, its methods shared. */
class NodeSink implements Sink {
  constructor(private res: NodeResponse) {}
  write(chunk: Uint8Array) {
    this.res.write(chunk);
  }
  unread() {
    return this.res.writableLength;
  }
  end() {
    this.res.end();
  }
}

/**
 * Straight to the socket's response. In a function of its own, so that what a stream keeps alive
 * (its close listener) holds the watcher and the response, not the request's context or its first deal.
 */
function nodeStream({ hub, deps, dealId, first, ip, viewerId }: Opening, res: NodeResponse): void {
  const watcher = hub.join(deps, dealId, first, { sink: new NodeSink(res), ip, viewerId });
  res.on("close", () => hub.leave(dealId, watcher));
  // A client gone while the deal was read has closed already: no close event is coming.
  if (res.destroyed) hub.leave(dealId, watcher);
}

/** A web ReadableStream (Workers, and app.request in tests), counting unread bytes for the hub. */
function webStream({ hub, deps, dealId, first, ip, viewerId }: Opening): ReadableStream<Uint8Array> {
  let leave = () => undefined as void;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const sink: Sink = {
          write: (b) => {
            try {
              controller.enqueue(b);
            } catch {
              leave(); // the client went away between two writes
            }
          },
          unread: () => -(controller.desiredSize ?? 0),
          end: () => controller.close(),
        };
        const watcher = hub.join(deps, dealId, first, { sink, ip, viewerId });
        leave = () => hub.leave(dealId, watcher);
      },
      cancel: () => leave(),
    },
    { highWaterMark: 0, size: (chunk) => chunk.byteLength },
  );
}

/** The headers the security middleware adds to every other answer; this one it cannot reach. */
function securityHeaders(c: Context<AppEnv>): Record<string, string> {
  return c.get("deps").config.secureCookies ? { ...SECURITY_HEADERS, "Strict-Transport-Security": HSTS } : SECURITY_HEADERS;
}

/**
 * @hono/node-server leaves a response with this header alone: it has been written already. Its
 * lightweight Response would take a fast path that ignores the header; reading `body` turns it
 * into a full one (a plain Response has no fast path anyway).
 */
function alreadySent(): Response {
  const res = new Response(null, { headers: { "x-hono-already-sent": "true" } });
  void res.body;
  return res;
}
