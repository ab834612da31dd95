// The public deal JSON (as nobody in particular sees it), cached per deal and dropped on every
// notice for that deal: GET /api/deals/:id without a viewer, and the live snapshots, serialise it
// once per change. See docs/decisions/009-live-fan-out.md.
import type { Deps } from "../context.ts";
import type { DealJson } from "../contract/schemas.ts";
import { clock } from "../clock.ts";
import { effectiveStatus, isJoinable } from "../contract/rules.ts";
import { findDeal, toDealJson } from "./deal-reads.ts";
import type { DealEvents } from "./events.ts";

/** A cached public deal is trusted this long even when nothing was published (a write that forgot to). */
const CACHE_TTL_MS = 1_000;
const CACHE_MAX_DEALS = 5_000;

export interface PublicDeal {
  row: NonNullable<Awaited<ReturnType<typeof findDeal>>>;
  deal: DealJson;
  /** `{ deal }` as JSON text. */
  body: string;
  at: number;
}

/** The deal as nobody in particular may see it: a hidden deal is not found. */
async function findPublic(deps: Deps, dealId: string) {
  const row = await findDeal(deps, dealId);
  return row && !row.hiddenAt ? row : null;
}

function uncached(row: PublicDeal["row"], at: number): PublicDeal {
  const deal = toDealJson(row, null, null);
  return { row, deal, body: JSON.stringify({ deal }), at };
}

export class PublicDeals {
  private cache = new Map<string, PublicDeal>();
  /** Counts changes: a read that a change overtook is answered but not cached. */
  private generation = 0;

  constructor(private events: DealEvents) {
    events.onAny((dealId) => this.drop(dealId));
  }

  drop(dealId: string): void {
    this.generation++;
    this.cache.delete(dealId);
  }

  /** The public deal, cached until it changes; null when there is no such deal. */
  async get(deps: Deps, dealId: string): Promise<PublicDeal | null> {
    // Where other processes change deals (a Worker's isolate), nothing may be cached.
    if (!this.events.seesEveryChange) {
      const row = await findPublic(deps, dealId);
      return row ? uncached(row, performance.now()) : null;
    }
    const hit = this.cache.get(dealId);
    const now = clock.nowMs();
    if (hit && performance.now() - hit.at < CACHE_TTL_MS) {
      // Deadline honesty: the same row reads as failed once its deadline has passed.
      if (effectiveStatus(hit.row, now) === hit.deal.status && isJoinable(hit.row, now) === hit.deal.joinable) return hit;
      return this.remember(dealId, hit.row, hit.at);
    }
    const at = performance.now();
    const generation = this.generation;
    const row = await findPublic(deps, dealId);
    if (!row) return null;
    if (generation !== this.generation) return uncached(row, at);
    return this.remember(dealId, row, at);
  }

  private remember(dealId: string, row: PublicDeal["row"], at: number): PublicDeal {
    const entry = uncached(row, at);
    this.cache.delete(dealId);
    if (this.cache.size >= CACHE_MAX_DEALS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(dealId, entry);
    return entry;
  }
}
