// The sweeps' batching (api/db/batches.ts): a sweep goes on while its batches come back full, so
// more due than one batch holds is all handled in one sweep.
import { describe, expect, it } from "vitest";
import { drain, PER_BATCH } from "../../api/db/batches.ts";

/** A batch that hands out `due` rows, at most PER_BATCH at a time, and counts its calls. */
function batches(due: number) {
  let left = due;
  let next = 0;
  const calls = { n: 0 };
  const batch = async () => {
    calls.n += 1;
    const take = Math.min(left, PER_BATCH);
    left -= take;
    return Array.from({ length: take }, () => next++);
  };
  return { batch, calls };
}

describe("drain", () => {
  it("runs batches until one comes back short, and answers every row in order", async () => {
    const { batch, calls } = batches(2 * PER_BATCH + 3);
    const rows = await drain(batch);
    expect(rows).toEqual(Array.from({ length: 2 * PER_BATCH + 3 }, (_, i) => i));
    expect(calls.n).toBe(3);
  });

  it("after exactly full batches, asks once more and stops at the empty one", async () => {
    const { batch, calls } = batches(PER_BATCH);
    expect(await drain(batch)).toHaveLength(PER_BATCH);
    expect(calls.n).toBe(2);
  });

  it("with nothing due, asks once", async () => {
    const { batch, calls } = batches(0);
    expect(await drain(batch)).toEqual([]);
    expect(calls.n).toBe(1);
  });
});
