// The order in which a Map's entries arrived, for the in-memory caches and counters that drop
// their oldest entries from the front (the session cache, the rate limiter's windows).
//
// Not the Map's own order: V8 keeps a hole for each deleted entry until the table is next
// rebuilt, and a fresh iterator skips every hole from the start, so dropping from the front
// through `map.keys().next()` or a `for … of` costs more with every entry dropped before it (~9 µs
// a new session once the session cache was full). Here each slot is passed once: O(1) amortized.

type Slot<V> = { key: string; value: V | undefined };

/** A slot the front has passed: it holds nothing, so what it named can be collected at once. */
const PASSED: Slot<never> = { key: "", value: undefined };

export class ArrivalQueue<V> {
  private slots: Slot<V>[] = [];
  private head = 0;

  /**
   * @param current the entry the map now holds under a key. A slot whose value is no longer that
   *   one (the key was deleted, or set again and so queued again at the back) is passed over.
   * @param maxLive how many entries the map holds at most; past twice that, the slots no longer
   *   current are swept out, so entries of different lengths (a long one at the front) cannot pile
   *   stale slots up behind it.
   */
  constructor(
    private current: (key: string) => V | undefined,
    private maxLive: number,
  ) {}

  /** Slots held, passed ones not yet let go included (for the tests: it must stay bounded). */
  get length(): number {
    return this.slots.length;
  }

  push(key: string, value: V): void {
    this.slots.push({ key, value });
  }

  /**
   * Walks from the front. For each current entry, `drop` either removes it from the map and
   * answers true, and the walk goes on, or answers false, and the walk stops there.
   */
  trim(drop: (key: string, value: V) => boolean): void {
    while (this.head < this.slots.length) {
      const { key, value } = this.slots[this.head]!;
      if (this.current(key) === value && !drop(key, value!)) break;
      this.slots[this.head++] = PASSED;
    }
    // Passed slots are let go in halves, after as many pushes as the queue holds.
    if (this.head > 1024 && this.head * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.head);
      this.head = 0;
    } else if (this.slots.length - this.head > 2 * this.maxLive + 1024) {
      this.slots = this.slots.slice(this.head).filter(({ key, value }) => this.current(key) === value);
      this.head = 0;
    }
  }
}
