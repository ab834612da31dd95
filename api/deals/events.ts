// In-process notice of deal changes, for the live Server-Sent Events stream. The database stays
// the source of truth: a listener re-reads the deal when told it changed.
type Listener = () => void;

export class DealEvents {
  private listeners = new Map<string, Set<Listener>>();

  subscribe(dealId: string, fn: Listener): () => void {
    let set = this.listeners.get(dealId);
    if (!set) this.listeners.set(dealId, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.listeners.delete(dealId);
    };
  }

  publish(dealId: string): void {
    for (const fn of this.listeners.get(dealId) ?? []) fn();
  }
}

/**
 * For targets where a change can happen in another process (Workers isolates): listeners are
 * also told every `intervalMs`, so they re-read the deal; local publishes still tell them at once.
 */
export class PollingDealEvents extends DealEvents {
  constructor(private intervalMs: number) {
    super();
  }

  override subscribe(dealId: string, fn: () => void): () => void {
    const unsubscribe = super.subscribe(dealId, fn);
    const timer = setInterval(fn, this.intervalMs);
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }
}
