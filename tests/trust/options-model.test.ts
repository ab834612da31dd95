// Property-based tests of options and price tiers. fast-check draws a deal with 2 or 3 options,
// optional price tiers and a capacity, then a random sequence of joins (with random subsets of the
// options, or none) and withdrawals. Each sequence runs against the real domain functions and
// against a small pure model written here; after every step the outcome, every commitment's
// status, every option's counters, the winner, the price and the notifications must agree.
//
// TRUST_RUNS sets the number of runs; TRUST_SEED the seed (fixed by default, so a failure is
// reproducible; fast-check prints the shrunk counterexample).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { AppError } from "../../api/errors.ts";
import { joinDeal } from "../../api/deals/join-deal.ts";
import { withdrawCommitment } from "../../api/deals/withdraw-commitment.ts";
import { getDeal } from "../../api/deals/deal-reads.ts";

const RUNS = Math.max(10, Math.round(Number(process.env.TRUST_RUNS ?? 200) / 3));
const SEED = Number(process.env.TRUST_SEED ?? 20_261_130);
const JOINERS = 4;

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

let stepsRun = 0;
const seen = new Map<string, number>();
const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);

// ---- The model -------------------------------------------------------------------------------

type Placement = "active" | "waitlisted";
interface C {
  seats: number;
  status: "active" | "waitlisted" | "withdrawn" | "released";
  position: number;
  placements: Map<number, Placement>;
}
interface Params {
  options: number;
  threshold: number;
  capacity: number | null;
  maxSeats: number;
  price: number;
  tiers: { minSeats: number; pricePerSeatCents: number }[];
}
interface Model extends Params {
  status: "open" | "confirmed";
  winner: number | null;
  commitments: Map<number, C>;
  nextPosition: number;
  /** The losing options' counters, as they stood at the win. */
  frozen: Map<number, [number, number]>;
  notes: Set<string>;
}
type Step = { op: "join"; user: number; seats: number; picks: number[] } | { op: "withdraw"; user: number };
type Outcome = { ok: true; status?: string } | { ok: false; code: string };

const live = (c: C) => c.status !== "withdrawn";
const seatsIn = (m: Model, o: number, p: Placement) =>
  [...m.commitments.values()].filter((c) => live(c) && c.placements.get(o) === p).reduce((s, c) => s + c.seats, 0);
const counters = (m: Model, o: number): [number, number] => m.frozen.get(o) ?? [seatsIn(m, o, "active"), seatsIn(m, o, "waitlisted")];
const dealSeats = (m: Model) =>
  m.winner !== null ? counters(m, m.winner)[0] : Math.max(...Array.from({ length: m.options }, (_, o) => counters(m, o)[0]));
const priceOf = (m: Model) => m.tiers.reduce((p, t) => (dealSeats(m) >= t.minSeats ? t.pricePerSeatCents : p), m.price);
const tell = (m: Model, kind: string, users: number[]) => users.forEach((u) => m.notes.add(`${kind}:${u}`));
const users = (m: Model, status: C["status"]) => [...m.commitments].filter(([, c]) => c.status === status).map(([u]) => u);

function winIfReached(m: Model) {
  if (m.status !== "open") return;
  const winner = Array.from({ length: m.options }, (_, o) => o).find((o) => seatsIn(m, o, "active") >= m.threshold);
  if (winner === undefined) return;
  count("won");
  for (let o = 0; o < m.options; o++) if (o !== winner) m.frozen.set(o, [seatsIn(m, o, "active"), seatsIn(m, o, "waitlisted")]);
  m.status = "confirmed";
  m.winner = winner;
  for (const [u, c] of m.commitments) {
    if (c.status !== "active" && c.status !== "waitlisted") continue;
    const p = c.placements.get(winner);
    c.status = p ?? "released";
    if (!p) tell(m, "option-released", [u]);
  }
  tell(m, "deal-confirmed", [...users(m, "active"), -1]);
}

function modelJoin(m: Model, user: number, seats: number, picks: number[]): Outcome {
  if (m.winner === null ? picks.length === 0 : picks.length > 0 && !picks.includes(m.winner)) return { ok: false, code: "VALIDATION_FAILED" };
  const existing = m.commitments.get(user);
  if (existing && (existing.status === "active" || existing.status === "waitlisted")) return { ok: false, code: "ALREADY_COMMITTED" };
  if (seats > m.maxSeats) return { ok: false, code: "SEATS_EXCEED_LIMIT" };
  const chosen = m.winner !== null ? [m.winner] : picks;
  const placements = new Map<number, Placement>();
  for (const o of chosen) placements.set(o, m.capacity === null || seatsIn(m, o, "active") + seats <= m.capacity ? "active" : "waitlisted");
  const status = [...placements.values()].includes("active") ? "active" : "waitlisted";
  m.commitments.set(user, { seats, status, position: m.nextPosition++, placements });
  if (m.status === "confirmed" && status === "active") tell(m, "deal-confirmed", [user]);
  winIfReached(m);
  return { ok: true, status: m.commitments.get(user)!.status };
}

function modelWithdraw(m: Model, user: number): Outcome {
  const c = m.commitments.get(user);
  if (!c || (c.status !== "active" && c.status !== "waitlisted")) return { ok: false, code: "COMMITMENT_NOT_FOUND" };
  if (c.status === "active" && m.status === "confirmed") return { ok: false, code: "COMMITMENT_BINDING" };
  c.status = "withdrawn";
  c.placements.clear();
  if (m.capacity !== null) {
    for (let o = 0; o < m.options; o++) {
      if (m.winner !== null && o !== m.winner) continue;
      let remaining = m.capacity - seatsIn(m, o, "active");
      const waiting = [...m.commitments.values()].filter((x) => live(x) && x.placements.get(o) === "waitlisted").sort((a, b) => a.position - b.position);
      for (const w of waiting) {
        if (remaining <= 0) break;
        if (w.seats <= remaining) {
          count("promoted in an option");
          w.placements.set(o, "active");
          remaining -= w.seats;
        }
      }
    }
  }
  for (const [u, x] of m.commitments) {
    if (x.status !== "active" && x.status !== "waitlisted") continue;
    const next: Placement = m.winner !== null ? x.placements.get(m.winner)! : [...x.placements.values()].includes("active") ? "active" : "waitlisted";
    if (x.status === "waitlisted" && next === "active") {
      count("promoted");
      tell(m, "waitlist-promoted", [u]);
    }
    x.status = next;
  }
  winIfReached(m);
  return { ok: true };
}

// ---- Drawing ---------------------------------------------------------------------------------

const params: fc.Arbitrary<Params> = fc
  .record({
    options: fc.integer({ min: 2, max: 3 }),
    threshold: fc.integer({ min: 3, max: 6 }),
    extra: fc.option(fc.integer({ min: 0, max: 1 }), { nil: null, freq: 6 }),
    maxSeats: fc.integer({ min: 2, max: 3 }),
    tiered: fc.boolean(),
  })
  .map(({ options, threshold, extra, maxSeats, tiered }) => {
    const capacity = extra === null ? null : threshold + extra;
    const top = capacity ?? threshold + 4;
    const tiers = tiered && top > threshold ? [{ minSeats: threshold + 1, pricePerSeatCents: 9000 }, ...(top > threshold + 1 ? [{ minSeats: top, pricePerSeatCents: 8000 }] : [])] : [];
    return { options, threshold, capacity, maxSeats: Math.min(maxSeats, capacity ?? maxSeats), price: 10000, tiers };
  });

const step = (options: number): fc.Arbitrary<Step> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant("join" as const), user: fc.integer({ min: 0, max: JOINERS - 1 }), seats: fc.integer({ min: 1, max: 3 }), picks: fc.subarray(Array.from({ length: options }, (_, i) => i)) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("withdraw" as const), user: fc.integer({ min: 0, max: JOINERS - 1 }) }) },
  );

const scenario = params.chain((p) => fc.tuple(fc.constant(p), fc.array(step(p.options), { minLength: 6, maxLength: 30 })));

async function outcomeOf(run: () => Promise<{ commitment?: { status: string } } | void>): Promise<Outcome> {
  try {
    const v = await run();
    return v && v.commitment ? { ok: true, status: v.commitment.status } : { ok: true };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, code: e.code };
    throw e;
  }
}

describe("options and price tiers against a model", () => {
  it("agree step by step: outcomes, statuses, per-option counters, the winner, the price and the notifications", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ([p, steps]) => {
        const initiator = await app.createUser();
        const { deal } = await app.createDeal({
          initiator,
          kind: "deal",
          departsOn: null,
          returnsOn: null,
          threshold: p.threshold,
          capacity: p.capacity,
          maxSeatsPerCommitment: p.maxSeats,
          pricePerSeatCents: p.price,
          options: Array.from({ length: p.options }, (_, i) => ({ label: `Option ${i + 1}` })),
          priceTiers: p.tiers,
        });
        const ids: string[] = deal.options.map((o: { id: string }) => o.id);
        const people = await Promise.all(Array.from({ length: JOINERS }, () => app.createUser()));
        const userIndex = new Map<string, number>([[initiator.id, -1], ...people.map((u, i) => [u.id, i] as [string, number])]);
        const m: Model = { ...p, status: "open", winner: null, commitments: new Map(), nextPosition: 0, frozen: new Map(), notes: new Set() };
        for (const s of steps) {
          stepsRun++;
          const expected = s.op === "join" ? modelJoin(m, s.user, s.seats, s.picks) : modelWithdraw(m, s.user);
          const actual =
            s.op === "join"
              ? await outcomeOf(() => joinDeal(app.deps, { userId: people[s.user]!.id, dealId: deal.id, seats: s.seats, optionIds: s.picks.length || m.winner === null ? s.picks.map((i) => ids[i]!) : undefined }))
              : await outcomeOf(() => withdrawCommitment(app.deps, { userId: people[s.user]!.id, dealId: deal.id }));
          count(`${s.op}:${actual.ok ? "ok" : actual.code}`);
          // Paying at the tip: a confirmed deal whose price is final (no tiers: no deadline passes
          // here) asks each active participant to pay, once.
          if (m.status === "confirmed" && m.tiers.length === 0) tell(m, "payment-due", users(m, "active"));
          expect(actual, JSON.stringify(s)).toEqual(expected);
          const d = await getDeal(app.deps, { dealId: deal.id, viewerId: null });
          expect(d.status).toBe(m.status);
          expect(d.winningOptionId).toBe(m.winner === null ? null : ids[m.winner]);
          expect(d.options.map((o) => [o.seatsCommitted, o.seatsWaitlisted])).toEqual(Array.from({ length: p.options }, (_, o) => counters(m, o)));
          expect(d.seatsCommitted).toBe(dealSeats(m));
          expect(d.currentPricePerSeatCents).toBe(priceOf(m));
          const rows = await app.deps.prisma.commitment.findMany({ where: { dealId: deal.id } });
          for (const [u, c] of m.commitments) expect(rows.find((r) => r.userId === people[u]!.id)?.status, `user ${u}`).toBe(c.status);
          const notes = await app.deps.prisma.notification.findMany({ where: { dealId: deal.id } });
          expect(new Set(notes.map((n) => `${n.kind}:${userIndex.get(n.userId!)}`))).toEqual(m.notes);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`options model: ${RUNS} runs, ${stepsRun} steps; ${[...seen].map(([k, v]) => `${k} ${v}`).join(", ")}`);
    expect(seen.get("won")).toBeGreaterThan(0);
    expect(seen.get("promoted in an option")).toBeGreaterThan(0);
  }, 600_000);
});
