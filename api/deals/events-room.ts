// Live deal pages on Workers: one Durable Object per deal (DealRoom) holds the deal's open streams
// and runs the same live hub as Node does in its one process. The Worker that changed a deal tells
// the deal's room after its batch (RoomNotifier); the room reads the public snapshot from D1 once
// and writes it to every stream it holds. D1 stays the source of truth. See
// docs/decisions/009-live-fan-out.md.
import type { DurableObjectNamespace, DurableObjectState, ExecutionContext } from "@cloudflare/workers-types";
import type { Logger } from "../context.ts";
import type { Sql } from "../db/sql.ts";
import { ID_PATTERN } from "../ids.ts";
import { DealEvents, type DealNotice } from "./events.ts";
import { hubOf } from "./events-hub.ts";

/** The host the Worker uses for its own calls to a room; clients reach a room only through /events. */
const ROOM_HOST = "deal-room";

/** In a Worker: a notice goes to the deal's room, which holds every watcher of the deal. */
export class RoomNotifier extends DealEvents {
  // Other isolates change deals too: nothing may be cached here.
  override readonly seesEveryChange = false;

  constructor(
    private rooms: DurableObjectNamespace,
    private waitUntil: (p: Promise<unknown>) => void,
    private log: Logger,
  ) {
    super();
  }

  override notify(dealId: string, notice: DealNotice): void {
    const told = roomOf(this.rooms, dealId)
      .fetch(`https://${ROOM_HOST}/notice`, { method: "POST", body: JSON.stringify({ dealId, notice }) })
      .then((res) => res.body?.cancel())
      .catch((e: unknown) => this.log.warn("could not tell the deal's room", { dealId, error: String(e) }));
    this.waitUntil(told);
  }
}

/** The deal's room, with the web's fetch types (the Workers types name their own Request). */
export const roomOf = (rooms: DurableObjectNamespace, dealId: string) =>
  rooms.get(rooms.idFromName(dealId)) as unknown as { fetch(input: Request | string, init?: RequestInit): Promise<Response> };

/** The deal whose live stream a path asks for, when it names one: /api/deals/:id/events. */
export function eventStreamDeal(url: string): string | null {
  const m = /^\/api\/deals\/([^/]+)\/events$/.exec(new URL(url).pathname);
  return m && ID_PATTERN.test(m[1]!) ? m[1]! : null;
}

/** What a request served inside a room uses instead of the Worker's own: the room's bus, and counted reads. */
export interface RoomScope {
  events: DealEvents;
  countReads(sql: Sql): Sql;
}

/** The env key under which a room passes its RoomScope to the app it runs. */
export const ROOM_SCOPE = "LIVE_ROOM_SCOPE";

type Env = { [name: string]: unknown };

/**
 * The Durable Object. `serve` runs the app (worker.ts gives it) for the stream requests the Worker
 * forwards; the room's bus and hub outlive the requests, as the room does.
 */
export abstract class DealRoomObject {
  private events = new DealEvents();
  /** Every D1 read made inside this room (streams opening, snapshots, viewers' own parts). */
  private reads = 0;
  /** Notices received from the Worker (development stats: a missed live event shows here or not). */
  private notices = 0;
  private scope: RoomScope;

  constructor(
    protected state: DurableObjectState,
    protected env: Env,
  ) {
    this.scope = {
      events: this.events,
      countReads: (sql) => ({
        all: (text, args) => {
          this.reads++;
          return sql.all(text, args);
        },
        batch: (stmts) => {
          this.reads++;
          return sql.batch(stmts);
        },
      }),
    };
  }

  protected abstract serve(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> | Response;

  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.hostname === ROOM_HOST && url.pathname === "/notice" && request.method === "POST") {
      const { dealId, notice } = (await request.json()) as { dealId: string; notice: DealNotice };
      this.notices++;
      this.events.notify(dealId, notice);
      return new Response(null, { status: 204 });
    }
    if (url.hostname === ROOM_HOST && url.pathname === "/stats") {
      const hub = hubOf(this.events);
      return Response.json({ reads: this.reads, liveReads: hub?.reads ?? 0, watchers: hub?.watchers ?? 0, notices: this.notices });
    }
    const ctx = { waitUntil: (p: Promise<unknown>) => this.state.waitUntil(p), passThroughOnException: () => undefined } as unknown as ExecutionContext;
    return this.serve(request, { ...this.env, [ROOM_SCOPE]: this.scope }, ctx);
  }
}
