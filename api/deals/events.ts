// In-process notice of deal changes, for the live Server-Sent Events stream. The database stays
// the source of truth: a listener re-reads the deal when told it changed. A publish may also carry
// a message that is new rather than changed (an update posted): it is serialized once, by the
// publisher, and every listener sends it as it is, with no read of its own.

/** A named Server-Sent Event, its data already JSON. */
export interface DealMessage {
  event: string;
  data: string;
}
type Listener = (message?: DealMessage) => void;

export class DealEvents {
  private listeners = new Map<string, Set<Listener>>();
  /** Whether changes made in another process reach listeners only by polling (Workers). */
  readonly polls: boolean = false;

  subscribe(dealId: string, fn: Listener): () => void {
    let set = this.listeners.get(dealId);
    if (!set) this.listeners.set(dealId, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.listeners.delete(dealId);
    };
  }

  publish(dealId: string, message?: DealMessage): void {
    for (const fn of this.listeners.get(dealId) ?? []) fn(message);
  }
}

/**
 * For targets where a change can happen in another process (Workers isolates): listeners are
 * also told every `intervalMs`, so they re-read the deal; local publishes still tell them at once.
 */
export class PollingDealEvents extends DealEvents {
  override readonly polls = true;

  constructor(private intervalMs: number) {
    super();
  }

  override subscribe(dealId: string, fn: Listener): () => void {
    const unsubscribe = super.subscribe(dealId, fn);
    const timer = setInterval(() => fn(), this.intervalMs);
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }
}
