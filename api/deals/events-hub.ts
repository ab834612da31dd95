// The live hub: every open deal stream of this process (Node) or of one deal's DealRoom (Workers).
// A change is read and serialised ONCE per deal, and the same bytes are written to every watcher;
// a watcher whose own part differs (their commitment, they follow it, or they proposed the deal) gets the same
// snapshot with their part, which is read again only on their own change (or, for a withdrawal
// that moves the waitlist, on that change). Also: the stream limits (per client address and in
// all), and one timer for every stream's heartbeat and age. The public deal's cache: events-cache.ts.
import type { Deps } from "../context.ts";
import type { DealJson } from "../contract/schemas.ts";
import { AppError } from "../errors.ts";
import { getDeal } from "./deal-reads.ts";
import { PublicDeals, type PublicDeal } from "./events-cache.ts";
import type { DealChange, DealEvents, DealNotice } from "./events.ts";

/** At most one snapshot per deal in this time, however many changes. */
const SNAPSHOT_MIN_INTERVAL_MS = 200;
/**
 * Beyond this many watchers of one deal the interval grows with them (8,000 watchers: one snapshot
 * per 800 ms), so a deal's fan-out writes at most about 10,000 frames a second, whatever the crowd.
 */
const WATCHERS_AT_MIN_INTERVAL = 2_000;
const HEARTBEAT_MS = 15_000;
/** A watcher that lets this much pile up unread is cut off; its browser reconnects. */
const MAX_UNREAD_BYTES = 256 * 1024;

const encoder = new TextEncoder();
const frame = (event: string, data: string, retryMs?: number) =>
  encoder.encode(`event: ${event}\n${retryMs ? `retry: ${retryMs}\n` : ""}data: ${data}\n\n`);
const HEARTBEAT = encoder.encode(": heartbeat\n\n");

type OwnPart = Pick<DealJson, "viewerCommitment" | "viewerIsInitiator" | "viewerFollowing">;

/** Where a stream's bytes go: the raw Node response, or a web ReadableStream. */
export interface Sink {
  write(chunk: Uint8Array): void;
  /** Bytes written and not yet taken by the client. */
  unread(): number;
  end(): void;
}

export interface Watcher {
  sink: Sink;
  ip: string;
  viewerId: string | null;
  /** Null when this viewer sees the public deal (no commitment, not the initiator). */
  own: OwnPart | null;
  endsAt: number;
  closed: boolean;
  /** Ends this stream's count in the open-streams metric. */
  untrack: () => void;
}

interface Room {
  dealId: string;
  deps: Deps;
  watchers: Set<Watcher>;
  unsubscribe: () => void;
  pending: { viewers: Set<string>; others: boolean } | null;
  timer: ReturnType<typeof setTimeout> | undefined;
  flushing: boolean;
  lastFlushAt: number;
}

interface HubLimits {
  perClient: number;
  total: number;
  maxAgeMs: number;
}

const ownPart = (d: DealJson): OwnPart | null =>
  d.viewerCommitment || d.viewerIsInitiator || d.viewerFollowing
    ? { viewerCommitment: d.viewerCommitment, viewerIsInitiator: d.viewerIsInitiator, viewerFollowing: d.viewerFollowing }
    : null;

export class LiveHub {
  private rooms = new Map<string, Room>();
  private perIp = new Map<string, number>();
  private total = 0;
  private publicDeals: PublicDeals;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private lastHeartbeat = 0;
  /** Deal reads made for live updates (snapshots and viewers' own parts), for tests and the bench. */
  reads = 0;

  constructor(
    private events: DealEvents,
    private limits: HubLimits,
  ) {
    this.publicDeals = new PublicDeals(events);
  }

  get watchers(): number {
    return this.total;
  }

  /** Refuses a new stream beyond the limits: 429 for one address, 503 for all of them. */
  admit(ip: string): void {
    if ((this.perIp.get(ip) ?? 0) >= this.limits.perClient) {
      throw new AppError("RATE_LIMITED", `At most ${this.limits.perClient} live streams per address. Close some pages and try again.`, {
        retryAfterSeconds: 30,
      });
    }
    if (this.total >= this.limits.total) {
      throw new AppError("LIVE_UPDATES_FULL", "Too many people are watching right now. The page will try again shortly.", {
        retryAfterSeconds: 10 + Math.floor(Math.random() * 50),
      });
    }
  }

  /** The public deal (no viewer), cached until it changes; null when there is no such deal. */
  publicDeal(deps: Deps, dealId: string): Promise<PublicDeal | null> {
    return this.publicDeals.get(deps, dealId);
  }

  /**
   * Opens a stream: its first snapshot (this viewer's, read once), then every change. The caller
   * has admitted the address. Returns the watcher to hand to `leave` when the client goes.
   */
  join(deps: Deps, dealId: string, first: DealJson, w: { sink: Sink; ip: string; viewerId: string | null }): Watcher {
    const now = performance.now();
    const age = this.limits.maxAgeMs;
    // Streams opened together (a restart) end apart: each lives 90-100% of the maximum age.
    const endsAt = now + age - Math.floor(Math.random() * age * 0.1);
    const watcher: Watcher = { ...w, own: ownPart(first), endsAt, closed: false, untrack: deps.metrics.streamOpened() };
    this.total++;
    this.perIp.set(w.ip, (this.perIp.get(w.ip) ?? 0) + 1);
    this.room(deps, dealId).watchers.add(watcher);
    // Reconnect hints from 1 to 10 s: after a restart the crowd comes back spread out.
    watcher.sink.write(frame("deal", JSON.stringify({ deal: first }), 1_000 + Math.floor(Math.random() * 9_000)));
    this.startTicker(age);
    return watcher;
  }

  leave(dealId: string, watcher: Watcher): void {
    if (watcher.closed) return;
    watcher.closed = true;
    watcher.untrack();
    this.total--;
    const left = (this.perIp.get(watcher.ip) ?? 1) - 1;
    if (left > 0) this.perIp.set(watcher.ip, left);
    else this.perIp.delete(watcher.ip);
    const room = this.rooms.get(dealId);
    if (!room) return;
    room.watchers.delete(watcher);
    if (room.watchers.size === 0) {
      clearTimeout(room.timer);
      room.unsubscribe();
      this.rooms.delete(dealId);
    }
    if (this.total === 0) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  private room(deps: Deps, dealId: string): Room {
    let room = this.rooms.get(dealId);
    if (room) return room;
    const r: Room = { dealId, deps, watchers: new Set(), unsubscribe: () => undefined, pending: null, timer: undefined, flushing: false, lastFlushAt: 0 };
    r.unsubscribe = this.events.subscribe(dealId, (notice) => this.onNotice(r, notice));
    this.rooms.set(dealId, r);
    return r;
  }

  private onNotice(room: Room, notice: DealNotice): void {
    if (notice.type === "event") {
      const bytes = frame(notice.event, notice.data);
      for (const w of room.watchers) this.write(room, w, bytes);
      return;
    }
    this.mark(room, notice.change);
    this.schedule(room);
  }

  private mark(room: Room, change: DealChange): void {
    room.pending ??= { viewers: new Set(), others: false };
    if (change.viewer) room.pending.viewers.add(change.viewer);
    if (change.others) room.pending.others = true;
  }

  private schedule(room: Room): void {
    if (room.timer || room.flushing || !room.pending) return;
    const interval = SNAPSHOT_MIN_INTERVAL_MS * Math.max(1, room.watchers.size / WATCHERS_AT_MIN_INTERVAL);
    const wait = Math.max(0, room.lastFlushAt + interval - performance.now());
    room.timer = setTimeout(() => void this.flush(room), wait);
  }

  /** One read and one serialisation for the whole room; a read per watcher only for their own change. */
  private async flush(room: Room): Promise<void> {
    room.timer = undefined;
    const change = room.pending;
    if (!change) return;
    room.pending = null;
    room.flushing = true;
    room.lastFlushAt = performance.now();
    try {
      this.publicDeals.drop(room.dealId);
      this.reads++;
      const cached = await this.publicDeal(room.deps, room.dealId);
      if (!cached) return;
      const shared = frame("deal", cached.body);
      const again: Watcher[] = [];
      for (const w of room.watchers) {
        const moved = (w.viewerId !== null && change.viewers.has(w.viewerId)) || (change.others && w.own?.viewerCommitment);
        if (moved) again.push(w);
        else if (w.own) this.write(room, w, frame("deal", JSON.stringify({ deal: { ...cached.deal, ...w.own } })));
        else this.write(room, w, shared);
      }
      await Promise.all(
        again.map(async (w) => {
          this.reads++;
          const deal = await getDeal(room.deps, { dealId: room.dealId, viewerId: w.viewerId });
          w.own = ownPart(deal);
          this.write(room, w, frame("deal", JSON.stringify({ deal })));
        }),
      );
    } catch (e) {
      room.deps.log.warn("live snapshot failed", { dealId: room.dealId, error: String(e) });
    } finally {
      room.flushing = false;
      this.schedule(room);
    }
  }

  private write(room: Room, w: Watcher, bytes: Uint8Array): void {
    if (w.closed) return;
    if (w.sink.unread() > MAX_UNREAD_BYTES) {
      this.leave(room.dealId, w);
      w.sink.end();
      return;
    }
    w.sink.write(bytes);
  }

  /** One timer for all streams: heartbeats, and ending each stream at its age. */
  private startTicker(maxAgeMs: number): void {
    if (this.ticker) return;
    const every = Math.max(50, Math.min(HEARTBEAT_MS / 3, maxAgeMs / 10));
    this.ticker = setInterval(() => this.tick(), every);
    (this.ticker as { unref?: () => void }).unref?.();
  }

  private tick(): void {
    const now = performance.now();
    const beat = now - this.lastHeartbeat >= HEARTBEAT_MS;
    if (beat) this.lastHeartbeat = now;
    // Leaving deletes from these while they are iterated, which Map and Set allow.
    for (const room of this.rooms.values()) {
      for (const w of room.watchers) {
        if (now >= w.endsAt) {
          this.leave(room.dealId, w);
          // Ended on purpose (not a restart): come back within a second, not after the 1-10 s hint.
          w.sink.write(encoder.encode(`retry: ${250 + Math.floor(Math.random() * 750)}\n\n`));
          w.sink.end();
        } else if (beat) this.write(room, w, HEARTBEAT);
      }
    }
  }
}

const hubs = new WeakMap<DealEvents, LiveHub>();

/** The hub of a bus, if a stream has opened on it. */
export const hubOf = (events: DealEvents): LiveHub | undefined => hubs.get(events);

/** The hub of a bus: one per process on Node, one per DealRoom on Workers. */
export function hubFor(deps: Deps): LiveHub {
  let hub = hubs.get(deps.events);
  if (!hub) {
    const { eventStreamsPerClient, eventStreamsMax, eventStreamMaxAgeMs } = deps.config;
    hub = new LiveHub(deps.events, { perClient: eventStreamsPerClient, total: eventStreamsMax, maxAgeMs: eventStreamMaxAgeMs });
    hubs.set(deps.events, hub);
  }
  return hub;
}
