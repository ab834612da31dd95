// Live-event listeners, counted for tests: a DealEvents that keeps count of the subscriptions it
// holds, so a test can see that a closed or never-read stream leaves none behind. It only counts;
// publishing and subscribing are the real DealEvents'.
import { DealEvents } from "../../api/deals/events.ts";

export class CountingDealEvents extends DealEvents {
  private counts = new Map<string, number>();

  override subscribe(dealId: string, fn: Parameters<DealEvents["subscribe"]>[1]): () => void {
    const unsubscribe = super.subscribe(dealId, fn);
    this.counts.set(dealId, this.listenerCount(dealId) + 1);
    let subscribed = true;
    return () => {
      // Unsubscribing twice (on abort, then when the stream ends) counts once.
      if (subscribed) this.counts.set(dealId, this.listenerCount(dealId) - 1);
      subscribed = false;
      unsubscribe();
    };
  }

  listenerCount(dealId: string): number {
    return this.counts.get(dealId) ?? 0;
  }
}
