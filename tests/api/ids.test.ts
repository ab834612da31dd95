// Ids: the pattern, no repeats, and every character of the alphabet about equally likely, across
// many refills of the pooled random bytes (api/ids.ts).
import { describe, expect, it } from "vitest";
import { ID_PATTERN, newId, newTimeOrderedId } from "../../api/ids.ts";

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

describe("newTimeOrderedId", () => {
  it("has the same form, sorts by the time it was made, and draws its last 8 characters uniformly", () => {
    const start = Date.UTC(2026, 11, 1, 4, 0, 0);
    // 20,000 ids, 3 ms apart: several share each hundredth of a second.
    const ids = Array.from({ length: 20_000 }, (_, i) => newTimeOrderedId(start + i * 3));
    expect(ids.every((id) => ID_PATTERN.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // Made later, sorted later (as text, as SQLite compares them), by the hundredth of a second.
    for (let i = 1; i < ids.length; i++) {
      const [a, b] = [ids[i - 1]!, ids[i]!];
      expect(a.slice(0, 8) <= b.slice(0, 8), `${a} then ${b}`).toBe(true);
      if (Math.floor((start + i * 3) / 10) > Math.floor((start + (i - 1) * 3) / 10)) expect(a < b).toBe(true);
    }
    expect(newTimeOrderedId(start).slice(0, 8)).toBe(Math.floor(start / 10).toString(36).padStart(8, "0"));
    // Years apart still sort, and a time before 1970 is read as 1970, not as a "-".
    expect(newTimeOrderedId(start) < newTimeOrderedId(Date.UTC(2100, 0, 1))).toBe(true);
    expect(newTimeOrderedId(-5)).toMatch(/^00000000[0-9a-z]{8}$/);
    const counts = new Map<string, number>();
    for (const id of ids) for (const ch of id.slice(8)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const expected = (8 * ids.length) / 36;
    const chi = [...counts.values()].reduce((a, c) => a + (c - expected) ** 2 / expected, 0);
    expect(counts.size).toBe(36);
    expect(chi).toBeLessThan(80);
  });
});
