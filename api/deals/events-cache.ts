// The public deal JSON (as nobody in particular sees it), cached per deal and dropped on every
// notice for that deal: GET /api/deals/:id (with the viewer's own part spliced in for a signed-in
// reader, read-deal.ts) and the live snapshots serialise it once per change. See
// docs/decisions/009-live-fan-out.md and 015-the-join-and-the-read.md.
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
  /** `body` cut around the viewer's part, to splice one viewer's in (see withViewer); null if it could not be found. */
  around: [string, string] | null;
  at: number;
}

type ViewerPart = Pick<DealJson, "viewerCommitment" | "viewerIsInitiator" | "viewerFollowing">;

/** The viewer's part as nobody in particular has it, exactly as JSON.stringify writes it in `body`. */
const NOBODY = JSON.stringify({ viewerCommitment: null, viewerIsInitiator: false, viewerFollowing: false }).slice(1, -1);

/** The deal as nobody in particular may see it: a hidden deal is not found. */
async function findPublic(deps: Deps, dealId: string) {
  const row = await findDeal(deps, dealId);
  return row && !row.hiddenAt ? row : null;
}

function uncached(row: PublicDeal["row"], at: number): PublicDeal {
  const deal = toDealJson(row, null, null);
  const body = JSON.stringify({ deal });
  // The marker cannot occur inside a string value (its quotes would be escaped there), so the
  // first occurrence is the deal's own fields.
  const i = body.indexOf(NOBODY);
  const around: PublicDeal["around"] = i < 0 ? null : [body.slice(0, i), body.slice(i + NOBODY.length)];
  return { row, deal, body, around, at };
}

/**
 * `{ deal }` as JSON text for one viewer: the cached public text with the viewer's own part
 * spliced in, so the deal is not serialised again for every signed-in reader.
 */
export function withViewer(entry: PublicDeal, part: ViewerPart): string {
  if (!entry.around) return JSON.stringify({ deal: { ...entry.deal, ...part } });
  return entry.around[0] + JSON.stringify(part).slice(1, -1) + entry.around[1];
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
