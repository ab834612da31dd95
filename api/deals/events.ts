// The deal change bus: a use case publishes on it after its batch, and the live hub
// (events-hub.ts) listens, once per watched deal. The database stays the source of truth: a
// change says "read the deal again", never what it now is. A named event (`send`) carries its own
// JSON data instead, serialised once here and written as it is to every watcher of the deal.
// On Workers, worker.ts replaces `notify` with a call to the deal's DealRoom.

/** What a change may have moved besides the public deal. */
export interface DealChange {
  /** The user whose own commitment changed (their join or withdrawal): their streams read it again. */
  viewer?: string;
  /** Other viewers' commitments may have moved too (a withdrawal promotes and renumbers the waitlist). */
  others?: boolean;
}

export type DealNotice =
  | { type: "change"; change: DealChange }
  /** `data` is JSON already: every watcher gets the same bytes. */
  | { type: "event"; event: string; data: string };

type Listener = (notice: DealNotice) => void;

export class DealEvents {
  /** Every change to a deal is published in this process, so its public JSON may be cached here. */
  readonly seesEveryChange: boolean = true;
  private listeners = new Map<string, Set<Listener>>();
  private everyDeal = new Set<(dealId: string) => void>();

  subscribe(dealId: string, fn: Listener): () => void {
    let set = this.listeners.get(dealId);
    if (!set) this.listeners.set(dealId, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.listeners.delete(dealId);
    };
  }

  /** Told of every notice on every deal (the hub drops its cached copy of the deal). */
  onAny(fn: (dealId: string) => void): void {
    this.everyDeal.add(fn);
  }

  /** The deal changed: its watchers get a fresh snapshot (coalesced, at most one per 200 ms). */
  publish(dealId: string, change: DealChange = {}): void {
    this.notify(dealId, { type: "change", change });
  }

  /** A named event with JSON data, as it is, to every watcher of the deal (`event: <name>`). */
  send(dealId: string, event: string, data: unknown): void {
    this.notify(dealId, { type: "event", event, data: JSON.stringify(data) });
  }

  /** Delivers a notice to this process's listeners; a target whose watchers live elsewhere forwards it. */
  notify(dealId: string, notice: DealNotice): void {
    for (const fn of this.everyDeal) fn(dealId);
    for (const fn of this.listeners.get(dealId) ?? []) fn(notice);
  }
}
