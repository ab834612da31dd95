// Ids: the pattern, no repeats, and every character of the alphabet about equally likely, across
// many refills of the pooled random bytes (api/ids.ts).
import { describe, expect, it } from "vitest";
import { ID_PATTERN, newId } from "../../api/ids.ts";

describe("newId", () => {
  it("draws 16 characters of [0-9a-z], uniformly, never the same id twice", () => {
    const n = 20_000; // 320,000 characters: about 80 refills of the 4 KB pool
    const ids = Array.from({ length: n }, newId);
    expect(ids.every((id) => ID_PATTERN.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(n);
    const counts = new Map<string, number>();
    for (const id of ids) for (const ch of id) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(36);
    // Each of the 36 characters is expected 8,889 times (sd ~93): within 6 sd, and a chi-square
    // with 35 degrees of freedom under 80 (p < 0.0001 for a uniform draw to fail).
    const expected = (16 * n) / 36;
    for (const c of counts.values()) expect(Math.abs(c - expected)).toBeLessThan(560);
    const chi = [...counts.values()].reduce((a, c) => a + (c - expected) ** 2 / expected, 0);
    expect(chi).toBeLessThan(80);
  });
});
