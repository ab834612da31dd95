// Property-based tests of the deal rules. fast-check draws a deal and a random sequence of joins,
// withdrawals, removals of a participant and cancellations (by the initiator or by someone else), updates posted (by anyone),
// follows and unfollows, edits, go-aheads, clock moves and sweeps (the deadline, the ending-soon
// reminder and the end of grace). Deals with a soft threshold may end in grace, where anyone may
// withdraw and the initiator may go ahead or cancel until the grace ends. Each
// sequence runs against the real domain functions on a fresh database and against a small pure
// model of the deal rules, written here. After every step the outcome (success or error code)
// must match the model, and promises 1 to 4 of SECURITY.md ("The promises") must hold.
//
// TRUST_RUNS sets the number of runs (default below); TRUST_SEED the seed (fixed by default, so a
// failure is reproducible; fast-check prints the shrunk counterexample).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { clock } from "../../api/clock.ts";
import { AppError } from "../../api/errors.ts";
import { cancelDeal } from "../../api/deals/cancel-deal.ts";
import { proposeDeal as createDeal } from "../../api/deals/propose-deal.ts";
import { getDeal } from "../../api/deals/deal-reads.ts";
import { joinDeal } from "../../api/deals/join-deal.ts";
import { withdrawCommitment } from "../../api/deals/withdraw-commitment.ts";
import { removeParticipant } from "../../api/deals/remove-participant.ts";
import { sweepExpiredDeals } from "../../api/deals/sweep-expired-deals.ts";
import { sweepEndingSoon } from "../../api/deals/sweep-ending-soon.ts";
import { postUpdate } from "../../api/deals/post-update.ts";
import { setFollowing } from "../../api/deals/follow-deal.ts";
import { sweepGrace } from "../../api/deals/sweep-grace.ts";
import { editDeal } from "../../api/deals/edit-deal.ts";
import { goAhead } from "../../api/deals/go-ahead.ts";
import { CreateDealBody } from "../../api/contract/schemas.ts";

const RUNS = Number(process.env.TRUST_RUNS ?? 200);
const SEED = Number(process.env.TRUST_SEED ?? 20_260_307);
const MAX_STEPS = 30;
const MINUTE = 60_000;

/** User 0 is the initiator; 1..5 may join too; 6 is a stranger who never joins. */
const INITIATOR = 0;
const JOINERS = 6;
const USERS = 7;

let stepsRun = 0;
let runsRun = 0;
/** How often each outcome occurred, to show that the runs reach the interesting states. */
const seen = new Map<string, number>();
const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);

// ---- The model -------------------------------------------------------------------------------

type DealStatus = "open" | "confirmed" | "grace" | "failed" | "cancelled";
/** The grace lasts 5 days after the deadline. */
const GRACE_MIN = 5 * 24 * 60;
type CommitmentStatus = "active" | "waitlisted" | "withdrawn" | "released" | "lapsed" | "removed";

interface Params {
  threshold: number;
  capacity: number | null;
  maxSeats: number;
  /** Minutes from the deal's creation to its deadline. */
  deadlineMin: number;
  softThreshold: number | null;
}

interface Model extends Params {
  /** Minutes since the deal's creation. */
  nowMin: number;
  status: DealStatus;
  commitments: Map<number, { seats: number; status: CommitmentStatus; position: number }>;
  nextPosition: number;
  /** Expected notifications, as `kind:user` (`deal-update#n:user` for the n-th update). */
  notes: Set<string>;
  followers: Set<number>;
  updates: number;
  remindedEndingSoon: boolean;
  goAhead: boolean;
  /** Confirmed at the end of grace: no commitment tipped it. */
  confirmedByGrace: boolean;
}

type Step =
  | { op: "join"; user: number; seats: number }
  /** `pick` chooses among everyone, the active participants or all participants. */
  | { op: "withdraw"; pick: number; among: "everyone" | "active" | "participants" }
  /** Removing a participant (safe by default): `by` asks, `pick` chooses whom, as for a withdrawal. */
  | { op: "remove"; by: number; pick: number; among: "everyone" | "participants" }
  | { op: "cancel"; by: number }
  | { op: "tick"; minutes: number }
  | { op: "pastDeadline"; minutes: number }
  | { op: "sweep" }
  | { op: "post"; by: number }
  | { op: "follow"; user: number; on: boolean }
  /** Moves the clock to `minutes` past the moment the deal comes within 48 hours of its deadline. */
  | { op: "endingSoon"; minutes: number }
  | { op: "inGrace"; minutes: number }
  | { op: "pastGrace"; minutes: number }
  | { op: "goAhead"; by: number }
  | { op: "edit"; by: number; what: "description" | "price" | "capacityUp" };

type Outcome = { ok: true; status?: CommitmentStatus; dealStatus?: DealStatus } | { ok: false; code: string };

const pastDeadline = (m: Model) => m.nowMin >= m.deadlineMin;
const takesCommitments = (m: Model) => (m.status === "open" || m.status === "confirmed") && !pastDeadline(m);
const seatsWith = (m: Model, status: CommitmentStatus) =>
  [...m.commitments.values()].filter((c) => c.status === status).reduce((s, c) => s + c.seats, 0);
const pastGrace = (m: Model) => m.nowMin >= m.deadlineMin + GRACE_MIN;
const reachedSoft = (m: Model) => m.softThreshold !== null && seatsWith(m, "active") >= m.softThreshold;
/** An open deal past its deadline that enters grace: at its soft threshold, before the grace ends. */
const entersGrace = (m: Model) => m.status === "open" && pastDeadline(m) && reachedSoft(m) && !pastGrace(m);
function effectiveStatus(m: Model): DealStatus {
  if (m.status === "open" && pastDeadline(m)) return entersGrace(m) ? "grace" : "failed";
  if (m.status === "grace" && pastGrace(m)) return m.goAhead && reachedSoft(m) ? "confirmed" : "failed";
  return m.status;
}
const usersWith = (m: Model, ...statuses: CommitmentStatus[]) =>
  [...m.commitments].filter(([, c]) => statuses.includes(c.status)).map(([u]) => u);

function tell(m: Model, kind: string, users: number[]) {
  for (const u of users) m.notes.add(`${kind}:${u}`);
}

/** open → confirmed: every active participant and the initiator hear it. */
function confirmIfReached(m: Model) {
  if (m.status !== "open" || seatsWith(m, "active") < m.threshold) return;
  m.status = "confirmed";
  tell(m, "deal-confirmed", [...usersWith(m, "active"), INITIATOR]);
}

function modelJoin(m: Model, user: number, seats: number): Outcome {
  if (!takesCommitments(m)) return { ok: false, code: "DEAL_CLOSED" };
  const existing = m.commitments.get(user);
  if (existing && existing.status !== "withdrawn") return { ok: false, code: "ALREADY_COMMITTED" };
  if (seats > m.maxSeats) return { ok: false, code: "SEATS_EXCEED_LIMIT" };
  const fits = m.capacity === null || seatsWith(m, "active") + seats <= m.capacity;
  const status = fits ? "active" : "waitlisted";
  m.commitments.set(user, { seats, status, position: m.nextPosition++ });
  if (m.status === "confirmed" && status === "active") tell(m, "deal-confirmed", [user]);
  confirmIfReached(m);
  return { ok: true, status, dealStatus: m.status };
}

/** Freed seats go to the waitlist in first-come order, to each commitment that fits whole. */
function promote(m: Model) {
  // Only while the deal takes commitments, or in grace: a deal that is over keeps its waitlist.
  if (m.capacity === null || !(takesCommitments(m) || (m.status === "grace" && !pastGrace(m)))) return;
  let remaining = m.capacity - seatsWith(m, "active");
  const waiting = [...m.commitments].filter(([, c]) => c.status === "waitlisted").sort(([, a], [, b]) => a.position - b.position);
  for (const [user, c] of waiting) {
    if (remaining <= 0) break;
    if (c.seats <= remaining) {
      count(m.status === "open" && seatsWith(m, "active") + c.seats >= m.threshold ? "promoted:confirming" : "promoted");
      c.status = "active";
      remaining -= c.seats;
      tell(m, "waitlist-promoted", [user]);
    }
  }
  confirmIfReached(m);
}

/** A deal in grace by the clock moves there (everyone told) in any batch that meets it first. */
function settleGrace(m: Model) {
  if (!entersGrace(m)) return;
  tell(m, "deal-grace", [...usersWith(m, "active", "waitlisted"), INITIATOR]);
  m.status = "grace";
}

function modelWithdraw(m: Model, user: number): Outcome {
  const c = m.commitments.get(user);
  if (!c || c.status === "withdrawn" || c.status === "removed") return { ok: false, code: "COMMITMENT_NOT_FOUND" };
  const status = effectiveStatus(m);
  if (c.status === "active" && status === "confirmed") return { ok: false, code: "COMMITMENT_BINDING" };
  if (c.status === "active" && status !== "open" && status !== "grace") return { ok: false, code: "DEAL_CLOSED" };
  settleGrace(m);
  if (status === "grace") count("withdraw:in-grace");
  const wasActive = c.status === "active";
  c.status = "withdrawn";
  if (wasActive) promote(m);
  return { ok: true };
}

/**
 * The initiator removes a participant while the deal is open, confirmed or in grace. A grace that
 * ended is settled first (here it can only have gone ahead: a failed one refuses), the seats are
 * freed, the waitlist moves up, and the removed participant is told.
 */
function modelRemove(m: Model, by: number, user: number): Outcome {
  if (by !== INITIATOR) return { ok: false, code: "FORBIDDEN" };
  const c = m.commitments.get(user);
  if (!c || c.status === "withdrawn") return { ok: false, code: "COMMITMENT_NOT_FOUND" };
  if (c.status === "removed") return { ok: false, code: "ALREADY_REMOVED" };
  const status = effectiveStatus(m);
  if (status !== "open" && status !== "confirmed" && status !== "grace") return { ok: false, code: "DEAL_CLOSED" };
  settleGrace(m);
  if (m.status === "grace" && pastGrace(m)) {
    tell(m, "deal-confirmed", [...usersWith(m, "active"), INITIATOR]);
    m.status = "confirmed";
    m.confirmedByGrace = true;
    count("remove:after-grace");
  }
  if (c.status === "active") count(`remove:active-${status}`);
  c.status = "removed";
  tell(m, "commitment-removed", [user]);
  promote(m);
  return { ok: true };
}

function modelCancel(m: Model, by: number): Outcome {
  if (by !== INITIATOR) return { ok: false, code: "FORBIDDEN" };
  const status = effectiveStatus(m);
  if (status !== "open" && status !== "grace") return { ok: false, code: "DEAL_NOT_OPEN" };
  settleGrace(m);
  tell(m, "deal-cancelled", [...usersWith(m, "active", "waitlisted"), INITIATOR]);
  m.status = "cancelled";
  return { ok: true };
}

const ENDING_SOON_MIN = 48 * 60;

function modelGoAhead(m: Model, by: number): Outcome {
  if (by !== INITIATOR) return { ok: false, code: "FORBIDDEN" };
  settleGrace(m);
  if (m.goAhead) return { ok: false, code: "ALREADY_DECIDED" };
  if (effectiveStatus(m) !== "grace") return { ok: false, code: "NOT_IN_GRACE" };
  m.goAhead = true;
  // The message, posted as an update: everyone taking part and every follower hears it, the
  // initiator does not.
  const n = m.updates++;
  const told = new Set([...usersWith(m, "active", "waitlisted"), ...m.followers]);
  told.delete(INITIATOR);
  tell(m, `deal-update#${n}`, [...told]);
  return { ok: true };
}

/** Before the first commitment anything may change; after it, the description and a higher capacity. */
function modelEdit(m: Model, by: number, what: "description" | "price" | "capacityUp"): Outcome {
  if (by !== INITIATOR) return { ok: false, code: "FORBIDDEN" };
  const status = effectiveStatus(m);
  if (status === "failed" || status === "cancelled") return { ok: false, code: "DEAL_CLOSED" };
  if (what === "price" && m.nextPosition > 1) return { ok: false, code: "TERMS_LOCKED" };
  settleGrace(m);
  if (what === "capacityUp" && m.capacity !== null) {
    m.capacity += 2;
    promote(m);
  }
  return { ok: true };
}

function modelSweep(m: Model): Outcome {
  // The deadline sweep, the ending-soon reminder, then the grace sweep, as the background work runs them.
  if (m.status === "open" && pastDeadline(m) && !entersGrace(m)) {
    tell(m, "deal-failed", [...usersWith(m, "active", "waitlisted"), INITIATOR]);
    m.status = "failed";
  }
  // The ending-soon reminder: once, for an open deal proposed at least 48 hours before its deadline.
  const soon = m.nowMin >= m.deadlineMin - ENDING_SOON_MIN && m.deadlineMin >= ENDING_SOON_MIN;
  if (m.status === "open" && !pastDeadline(m) && soon && !m.remindedEndingSoon) {
    m.remindedEndingSoon = true;
    tell(m, "deal-ending-soon", [...usersWith(m, "active", "waitlisted"), ...m.followers, INITIATOR]);
  }
  settleGrace(m);
  if (m.status === "grace" && pastGrace(m)) {
    if (m.goAhead && reachedSoft(m)) {
      tell(m, "deal-confirmed", [...usersWith(m, "active"), INITIATOR]);
      m.status = "confirmed";
      m.confirmedByGrace = true;
    } else {
      tell(m, "deal-failed", [...usersWith(m, "active", "waitlisted"), INITIATOR]);
      m.status = "failed";
    }
  }
  return { ok: true };
}

/** Only the initiator posts, while the deal is open (before its deadline), in grace or confirmed. */
function modelPost(m: Model, by: number): Outcome {
  if (by !== INITIATOR) return { ok: false, code: "FORBIDDEN" };
  const status = effectiveStatus(m);
  if (status !== "open" && status !== "confirmed" && status !== "grace") return { ok: false, code: "DEAL_CLOSED" };
  settleGrace(m);
  const n = m.updates++;
  const told = new Set([...usersWith(m, "active", "waitlisted"), ...m.followers]);
  told.delete(INITIATOR);
  tell(m, `deal-update#${n}`, [...told]);
  return { ok: true };
}

function modelFollow(m: Model, user: number, on: boolean): Outcome {
  if (on) m.followers.add(user);
  else m.followers.delete(user);
  return { ok: true };
}

// ---- The arbitraries -------------------------------------------------------------------------

const anyDeal: fc.Arbitrary<Params> = fc
  .record({
    threshold: fc.integer({ min: 1, max: 12 }),
    extraCapacity: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null, freq: 4 }),
    maxSeats: fc.integer({ min: 1, max: 6 }),
    deadlineMin: fc.integer({ min: 15, max: 180 }),
  })
  .map(({ threshold, extraCapacity, maxSeats, deadlineMin }) => {
    const capacity = extraCapacity === null ? null : threshold + extraCapacity;
    return { threshold, capacity, maxSeats: capacity === null ? maxSeats : Math.min(maxSeats, capacity), deadlineMin, softThreshold: null };
  });

/** Capacity at the threshold and big commitments: waitlists while open, promotions that confirm. */
const tightDeal: fc.Arbitrary<Params> = fc
  .record({
    threshold: fc.integer({ min: 5, max: 10 }),
    maxSeats: fc.integer({ min: 3, max: 8 }),
    deadlineMin: fc.integer({ min: 60, max: 180 }),
  })
  .map(({ threshold, maxSeats, deadlineMin }) => ({
    threshold,
    capacity: threshold,
    maxSeats: Math.min(maxSeats, threshold),
    deadlineMin,
    softThreshold: null,
  }));

/** A soft threshold (half the threshold up to one below it), small commitments: deals that end in grace. */
const softDeal: fc.Arbitrary<Params> = fc
  .record({
    threshold: fc.integer({ min: 3, max: 10 }),
    softShare: fc.double({ min: 0, max: 1, noNaN: true }),
    extraCapacity: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    maxSeats: fc.integer({ min: 1, max: 3 }),
    deadlineMin: fc.integer({ min: 30, max: 180 }),
  })
  .map(({ threshold, softShare, extraCapacity, maxSeats, deadlineMin }) => {
    const low = Math.ceil(threshold / 2);
    const softThreshold = Math.min(threshold - 1, low + Math.floor(softShare * (threshold - low)));
    const capacity = extraCapacity === null ? null : threshold + extraCapacity;
    return { threshold, capacity, maxSeats: capacity === null ? maxSeats : Math.min(maxSeats, capacity), deadlineMin, softThreshold };
  });

/** Two days and a bit to the deadline: long enough for the ending-soon reminder. */
const longDeal: fc.Arbitrary<Params> = anyDeal.chain((p) =>
  fc.integer({ min: 48 * 60 + 10, max: 48 * 60 + 120 }).map((deadlineMin) => ({ ...p, deadlineMin })),
);

const paramsArb = fc.oneof(
  { weight: 1, arbitrary: anyDeal },
  { weight: 2, arbitrary: tightDeal },
  { weight: 2, arbitrary: longDeal },
  { weight: 2, arbitrary: softDeal },
);

const stepsArb = (p: Params): fc.Arbitrary<Step[]> =>
  fc.array(
    fc.oneof(
      {
        weight: 16,
        arbitrary: fc.record({
          op: fc.constant("join" as const),
          user: fc.integer({ min: 0, max: JOINERS - 1 }),
          seats: fc.integer({ min: 1, max: p.maxSeats + 1 }),
        }),
      },
      {
        weight: 8,
        arbitrary: fc.record({
          op: fc.constant("withdraw" as const),
          pick: fc.nat({ max: USERS - 1 }),
          among: fc.constantFrom("everyone" as const, "active" as const, "active" as const, "participants" as const),
        }),
      },
      {
        weight: 3,
        arbitrary: fc.record({
          op: fc.constant("remove" as const),
          by: fc.constantFrom(0, 0, 0, 1, 6),
          pick: fc.nat({ max: USERS - 1 }),
          among: fc.constantFrom("everyone" as const, "participants" as const, "participants" as const),
        }),
      },
      { weight: 2, arbitrary: fc.record({ op: fc.constant("cancel" as const), by: fc.integer({ min: 0, max: USERS - 1 }) }) },
      { weight: 3, arbitrary: fc.record({ op: fc.constant("tick" as const), minutes: fc.integer({ min: 1, max: 20 }) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant("pastDeadline" as const), minutes: fc.integer({ min: 0, max: 30 }) }) },
      { weight: 2, arbitrary: fc.constant({ op: "sweep" as const }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant("post" as const), by: fc.constantFrom(0, 0, 0, 1, 6) }) },
      {
        weight: 3,
        arbitrary: fc.record({ op: fc.constant("follow" as const), user: fc.integer({ min: 0, max: USERS - 1 }), on: fc.boolean() }),
      },
      { weight: 2, arbitrary: fc.record({ op: fc.constant("endingSoon" as const), minutes: fc.integer({ min: 0, max: 30 }) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant("inGrace" as const), minutes: fc.integer({ min: 0, max: GRACE_MIN - 60 }) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant("pastGrace" as const), minutes: fc.integer({ min: 0, max: 30 }) }) },
      { weight: 3, arbitrary: fc.record({ op: fc.constant("goAhead" as const), by: fc.constantFrom(0, 0, 0, 1, 6) }) },
      {
        weight: 2,
        arbitrary: fc.record({
          op: fc.constant("edit" as const),
          by: fc.constantFrom(0, 0, 0, 2, 6),
          what: fc.constantFrom("description" as const, "price" as const, "capacityUp" as const),
        }),
      },
    ),
    { minLength: 1, maxLength: MAX_STEPS, size: "max" },
  );

/** For a deal with a soft threshold: joins first, so that its deadline often comes in grace. */
const softStepsArb = (p: Params): fc.Arbitrary<Step[]> =>
  fc
    .tuple(
      fc.array(
        fc.record({
          op: fc.constant("join" as const),
          user: fc.integer({ min: 1, max: JOINERS - 1 }),
          seats: fc.integer({ min: 1, max: p.maxSeats }),
        }),
        { minLength: 2, maxLength: 6 },
      ),
      // Often straight past the deadline after the joins, into grace when they reached the soft threshold.
      fc.option(fc.record({ op: fc.constant("pastDeadline" as const), minutes: fc.integer({ min: 0, max: 30 }) }), { nil: null, freq: 2 }),
      fc.boolean(),
      stepsArb(p),
      fc.boolean(),
    )
    .map(([joins, end, decide, rest, finish]) => {
      // ... the initiator often goes ahead there, and a few steps later the grace often ends:
      // so that grace ends both ways.
      const ahead: Step[] = end && decide ? [end, { op: "goAhead", by: INITIATOR }] : end ? [end] : [];
      const ending: Step[] = finish ? [{ op: "pastGrace", minutes: 0 }, { op: "sweep" }] : [];
      return [...joins, ...ahead, ...rest.slice(0, 8), ...ending];
    });

// ---- The real system -------------------------------------------------------------------------

async function outcomeOf(fn: () => Promise<unknown>): Promise<Outcome & { value?: unknown }> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, code: e.code };
    throw e;
  }
}

/** What a domain function could change: the deal, its commitments and its notifications. */
function snapshot(app: TestApp, dealId: string) {
  const all = (sql: string) => app.built.db.raw.prepare(sql).safeIntegers(false).all(dealId) as Record<string, unknown>[];
  const [deal] = all(`SELECT * FROM "Deal" WHERE "id" = ?`);
  return {
    deal: deal!,
    commitments: all(`SELECT * FROM "Commitment" WHERE "dealId" = ? ORDER BY "position"`),
    notifications: all(
      `SELECT "key", "kind", "dealId", "subjectId", "userId", "toEmail", "payload" FROM "Notification" WHERE "dealId" = ? ORDER BY "id"`,
    ),
  };
}


async function runSequence(params: Params, steps: Step[]) {
  runsRun++;
  clock.setOffset(0);
  const app = await createTestApp();
  try {
    // Nothing here sends email: the outbox is not under test, and a dispatch running in the
    // background would change notification rows between two snapshots.
    const deps = { ...app.deps, kickOutbox: () => undefined };
    const users: Awaited<ReturnType<TestApp["createUser"]>>[] = [];
    for (let i = 0; i < USERS; i++) users.push(await app.createUser({ displayName: `U${i}` }));
    const indexOf = new Map(users.map((u, i) => [u.id, i]));
    const start = clock.nowMs();
    const deal = await createDeal(deps, {
      userId: users[INITIATOR]!.id,
      input: CreateDealBody.parse({
        ...app.dealInput({
          threshold: params.threshold,
          capacity: params.capacity,
          maxSeatsPerCommitment: params.maxSeats,
          softThreshold: params.softThreshold,
          departsOn: null,
          returnsOn: null,
        }),
        deadline: new Date(start + params.deadlineMin * MINUTE).toISOString(),
      }),
    });
    const dealId = deal.id;
    const m: Model = {
      ...params,
      nowMin: 0,
      status: "open",
      commitments: new Map(),
      nextPosition: 1,
      notes: new Set(),
      followers: new Set(),
      updates: 0,
      remindedEndingSoon: false,
      goAhead: false,
      confirmedByGrace: false,
    };
    /** Each posted update's id, by its number in the model. */
    const updateNumber = new Map<string, number>();
    let priced = false;
    let confirmedAt: unknown = null;
    let confirmedBy: unknown = null;

    for (const [i, step] of steps.entries()) {
      stepsRun++;
      const at = `step ${i} ${JSON.stringify(step)} of ${JSON.stringify(steps.slice(0, i + 1))} with ${JSON.stringify(params)}`;
      const before = snapshot(app, dealId);
      let expected: Outcome;
      let actual: Outcome & { value?: unknown };
      switch (step.op) {
        case "join": {
          expected = modelJoin(m, step.user, step.seats);
          actual = await outcomeOf(() => joinDeal(deps, { userId: users[step.user]!.id, dealId, seats: step.seats }));
          if (actual.ok) {
            const v = actual.value as Awaited<ReturnType<typeof joinDeal>>;
            actual = { ok: true, status: v.commitment.status, dealStatus: v.dealStatus as DealStatus };
          }
          break;
        }
        case "withdraw": {
          const among = step.among === "active" ? usersWith(m, "active") : usersWith(m, "active", "waitlisted");
          among.sort();
          const user = step.among === "everyone" || !among.length ? step.pick % USERS : among[step.pick % among.length]!;
          expected = modelWithdraw(m, user);
          actual = await outcomeOf(() => withdrawCommitment(deps, { userId: users[user]!.id, dealId }));
          break;
        }
        case "remove": {
          const among = usersWith(m, "active", "waitlisted").sort();
          const user = step.among === "everyone" || !among.length ? step.pick % USERS : among[step.pick % among.length]!;
          // The commitment's id as the initiator's list has it; none names no commitment.
          const row = await app.deps.prisma.commitment.findFirst({ where: { dealId, userId: users[user]!.id } });
          expected = modelRemove(m, step.by, user);
          actual = await outcomeOf(() =>
            removeParticipant(deps, { userId: users[step.by]!.id, dealId, commitmentId: row?.id ?? "0000000000000000" }),
          );
          break;
        }
        case "cancel":
          expected = modelCancel(m, step.by);
          actual = await outcomeOf(() => cancelDeal(deps, { userId: users[step.by]!.id, dealId }));
          break;
        // Whole minutes: the real time that passes during a run (well under a minute) can then
        // never put the server on the other side of the deadline from the model.
        case "tick":
        case "pastDeadline":
        case "endingSoon":
        case "inGrace":
        case "pastGrace":
          m.nowMin =
            step.op === "tick"
              ? m.nowMin + step.minutes
              : step.op === "endingSoon"
                ? Math.max(m.nowMin, m.deadlineMin - ENDING_SOON_MIN + step.minutes)
                : Math.max(m.nowMin, m.deadlineMin + step.minutes + (step.op === "pastGrace" ? GRACE_MIN : 0));
          clock.setOffset(m.nowMin * MINUTE);
          expected = { ok: true };
          actual = { ok: true };
          break;
        case "sweep":
          expected = modelSweep(m);
          actual = await outcomeOf(async () => {
            await sweepExpiredDeals(deps);
            await sweepEndingSoon(deps);
            await sweepGrace(deps);
          });
          break;
        case "post":
          expected = modelPost(m, step.by);
          actual = await outcomeOf(() => postUpdate(deps, { userId: users[step.by]!.id, dealId, body: `update ${i}` }));
          if (actual.ok) updateNumber.set((actual.value as { id: string }).id, m.updates - 1);
          break;
        case "follow":
          expected = modelFollow(m, step.user, step.on);
          actual = await outcomeOf(() => setFollowing(deps, { userId: users[step.user]!.id, dealId, following: step.on }));
          break;
        case "goAhead":
          expected = modelGoAhead(m, step.by);
          actual = await outcomeOf(() => goAhead(deps, { userId: users[step.by]!.id, dealId, message: "We go ahead." }));
          if (actual.ok) updateNumber.set((actual.value as { update: { id: string } }).update.id, m.updates - 1);
          break;
        case "edit": {
          // The capacity of the deal as the system has it: the model's, when the model is right.
          const patch =
            step.what === "description"
              ? { description: `Edited at step ${i}` }
              : step.what === "price"
                ? { pricePerSeatCents: 1000 + i }
                : m.capacity === null
                  ? { description: `Edited at step ${i}` }
                  : { capacity: m.capacity + 2 };
          expected = modelEdit(m, step.by, step.what);
          actual = await outcomeOf(() => editDeal(deps, { userId: users[step.by]!.id, dealId, patch }));
          break;
        }
      }
      delete actual.value;
      // Paying at the tip: once priced (the factory's deal is free until an edit sets a price), a
      // confirmed deal asks each active participant to pay, once.
      if (step.op === "edit" && step.what === "price" && expected.ok) priced = true;
      if (m.status === "confirmed" && priced) tell(m, "payment-due", usersWith(m, "active"));
      if (m.status === "open" && usersWith(m, "waitlisted").length) count("state:open-with-waitlist");
      if (effectiveStatus(m) === "grace") count("state:grace");
      count(`${step.op}:${expected.ok ? ("status" in expected ? expected.status : "ok") : expected.code}`);
      expect(actual, `outcome at ${at}`).toEqual(expected);

      const after = snapshot(app, dealId);
      // Refused operations change nothing.
      if (!expected.ok) expect(after, `a refusal changed the database at ${at}`).toEqual(before);

      const d = after.deal;
      // The deal's stored status is the model's. Confirmed, failed and cancelled are for good;
      // grace ends only in one of them.
      expect(d.status, `deal status at ${at}`).toBe(m.status);
      if (before.deal.status === "grace") expect(["grace", "confirmed", "failed", "cancelled"], `left grace at ${at}`).toContain(d.status);
      else if (before.deal.status !== "open") expect(d.status, `left ${before.deal.status} at ${at}`).toBe(before.deal.status);
      // Never confirmed at the end of grace below the soft threshold, nor without the go-ahead.
      if (m.confirmedByGrace) {
        expect(Number(d.seatsCommitted), `grace confirmed below the soft threshold at ${at}`).toBeGreaterThanOrEqual(m.softThreshold!);
        expect(d.goAheadAt, `grace confirmed without the go-ahead at ${at}`).not.toBeNull();
      }
      // What a reader sees: deadline honesty, whether or not a sweep ran.
      const read = await getDeal(deps, { dealId, viewerId: null });
      expect({ status: read.status, joinable: read.joinable }, `read at ${at}`).toEqual({
        status: effectiveStatus(m),
        joinable: takesCommitments(m),
      });

      // Every commitment is the model's, in the same first-come order.
      const byUser = after.commitments.map((c) => [indexOf.get(String(c.userId)), c.seats, c.status]);
      const modelByPosition = [...m.commitments]
        .sort(([, a], [, b]) => a.position - b.position)
        .map(([u, c]) => [u, c.seats, c.status]);
      expect(byUser, `commitments at ${at}`).toEqual(modelByPosition);

      // Promise 1: never oversell. The counters are the sums over the commitments.
      const sum = (status: string) =>
        after.commitments.filter((c) => c.status === status).reduce((s, c) => s + Number(c.seats), 0);
      const active = sum("active");
      if (d.capacity !== null) expect(active, `active seats over capacity at ${at}`).toBeLessThanOrEqual(Number(d.capacity));
      expect(
        { seatsCommitted: d.seatsCommitted, seatsWaitlisted: d.seatsWaitlisted, participantCount: d.participantCount },
        `counters at ${at}`,
      ).toEqual({
        seatsCommitted: active,
        seatsWaitlisted: sum("waitlisted"),
        participantCount: after.commitments.filter((c) => c.status === "active" || c.status === "waitlisted").length,
      });

      // Promise 2: confirmed exactly once, and for good.
      if (d.status === "confirmed") {
        expect(d.confirmedAt, `confirmedAt at ${at}`).not.toBeNull();
        // A commitment tips a deal, unless the end of grace confirmed it: then none did.
        if (m.confirmedByGrace) expect(d.confirmedByCommitmentId, `confirmedBy at ${at}`).toBeNull();
        else expect(d.confirmedByCommitmentId, `confirmedBy at ${at}`).not.toBeNull();
        if (confirmedAt === null) [confirmedAt, confirmedBy] = [d.confirmedAt, d.confirmedByCommitmentId];
        expect([d.confirmedAt, d.confirmedByCommitmentId], `confirmation rewritten at ${at}`).toEqual([confirmedAt, confirmedBy]);
      } else {
        expect([d.confirmedAt, d.confirmedByCommitmentId], `confirmation fields at ${at}`).toEqual([null, null]);
      }

      // Promise 3: one notification per (kind, deal, recipient), to exactly the expected people.
      const kindOf = (n: Record<string, unknown>) =>
        n.kind === "deal-update" ? `deal-update#${updateNumber.get(String(n.subjectId))}` : n.kind;
      const notes = after.notifications.map((n) => `${kindOf(n)}:${indexOf.get(String(n.userId))}`);
      expect(new Set(notes).size, `duplicate notifications at ${at}`).toBe(notes.length);
      expect(notes.toSorted(), `notifications at ${at}`).toEqual([...m.notes].toSorted());
      for (const n of after.notifications) {
        expect(n.toEmail, `recipient address at ${at}`).toBe(users[indexOf.get(String(n.userId))!]!.email);
      }

      // Promotion is first-come wherever they fit: while the deal takes commitments, no waitlisted
      // commitment fits in the remaining capacity.
      if (takesCommitments(m) && d.capacity !== null) {
        const remaining = Number(d.capacity) - active;
        for (const c of after.commitments.filter((c) => c.status === "waitlisted")) {
          expect(Number(c.seats), `a waitlisted commitment fits at ${at}`).toBeGreaterThan(remaining);
        }
      }
    }
    count(`ended:${m.status}${m.confirmedByGrace ? "-after-grace" : ""}`);
    if (m.remindedEndingSoon) count("ended:reminded-ending-soon");
    if (m.updates) count("ended:with-updates");
    if ([...m.notes].some((n) => n.startsWith("waitlist-promoted"))) count("ended:with-promotions");
  } finally {
    clock.setOffset(0);
    await app.close();
  }
}

describe("the deal rules, against a model", () => {
  it(`hold after every step of random sequences (${RUNS} runs)`, async () => {
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(
        paramsArb.chain((p) => fc.tuple(fc.constant(p), p.softThreshold === null ? stepsArb(p) : softStepsArb(p))),
        ([params, steps]) => runSequence(params, steps),
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: false },
    );
    console.log(
      `model: ${runsRun} runs, ${stepsRun} steps (seed ${SEED}) in ${Math.round(performance.now() - started)} ms`,
    );
    console.log(`model outcomes: ${JSON.stringify(Object.fromEntries([...seen].sort()))}`);
  }, Math.max(120_000, RUNS * 200));
});
