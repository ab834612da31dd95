// Editing a deal: by its initiator, with the same validation as proposing. Until the first
// commitment every field may change; after it the terms are locked: only the description may
// change and the capacity may be raised. The lock is in the guard of the one update, so a join
// racing the edit cannot slip a commitment in under terms that then change.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { newId } from "../ids.ts";
import { query, raw, sql, sqlTime, type SqlValue, type Stmt } from "../db/sql.ts";
import { proposalIssues, UpdateDealBody, type CreateDealInput, type UpdateDealInput } from "../contract/schemas.ts";
import { effectiveStatus } from "../contract/rules.ts";
import { dealColumns, dealFromRow, findDeal, toDealJson, withInitiator } from "./deal-reads.ts";
import { promoteWaitlistStmts } from "./deal-writes.ts";
import { enterGraceStmts, entersGrace, inGrace } from "./grace-sql.ts";
import { assertPayableCurrency } from "../payments/money.ts";

const GRACE_STEPS = enterGraceStmts("", "").length;

type Field = keyof UpdateDealInput;
type Current = NonNullable<Awaited<ReturnType<typeof findDeal>>>;

/** What may change once the terms are locked (capacity only upwards). */
const UNLOCKED: Field[] = ["description", "capacity"];

/** The fields each cross-field rule of proposalIssues reads, by the path it reports. */
const RULE_READS: Record<string, Field[]> = {
  deadline: ["deadline"],
  capacity: ["capacity", "threshold"],
  maxSeatsPerCommitment: ["maxSeatsPerCommitment", "capacity"],
  returnsOn: ["departsOn", "returnsOn"],
  departsOn: ["departsOn", "returnsOn", "deadline"],
  softThreshold: ["softThreshold", "threshold"],
};

/** The deal as a proposal: each of the proposal's fields, read from the deal's row. */
function asProposal(d: Current): CreateDealInput {
  const fieldNames = Object.keys(UpdateDealBody.shape) as Field[];
  return Object.fromEntries(fieldNames.map((k) => [k, k === "deadline" ? d.deadline.toISOString() : d[k]])) as unknown as CreateDealInput;
}

/** The fields the edit really changes: a form that sends every field unchanged changes none. */
function changedFields(before: CreateDealInput, patch: UpdateDealInput): Field[] {
  return (Object.keys(patch) as Field[]).filter((k) => {
    const next = patch[k] ?? null;
    const prev = before[k] ?? null;
    if (k === "deadline") return Date.parse(String(next)) !== Date.parse(String(prev));
    return next !== prev;
  });
}

const columnValue = (k: Field, v: unknown): SqlValue =>
  k === "deadline" ? sqlTime(Date.parse(String(v))) : ((v ?? null) as SqlValue);

/**
 * The one guarded update, then the promotion a raised capacity allows, then the deal read back.
 * The guard: the initiator's deal, not closed by status or by the clock, and when a locked field
 * changes, never committed to; a capacity may go up only.
 */
function editStmts(dealId: string, initiatorId: string, set: Partial<CreateDealInput>, changed: Field[], nowMs: number): Stmt[] {
  const now = sqlTime(nowMs);
  const assignments = changed.map((k) => sql`${raw(`"${k}"`)} = ${columnValue(k, set[k])}`);
  const setList = assignments.reduce((acc, a) => sql`${acc}, ${a}`);
  const locked = changed.some((k) => !UNLOCKED.includes(k)) ? sql`AND d."nextPosition" = 1` : sql``;
  const upOnly =
    changed.includes("capacity") && set.capacity != null
      ? sql`AND (d."nextPosition" = 1 OR (d."capacity" IS NOT NULL AND d."capacity" <= ${set.capacity}
          AND NOT EXISTS (SELECT 1 FROM "DealOption" o WHERE o."dealId" = d."id")))`
      : sql``;
  const notClosed = sql`((d."status" = 'open' AND d."deadline" > ${now}) OR d."status" = 'confirmed' OR ${inGrace(now)}
    OR ${entersGrace(now)})`;
  return [
    // A deal in grace by the clock is moved there first, so a raised capacity promotes as in grace.
    ...enterGraceStmts(dealId, now),
    sql`UPDATE "Deal" AS d SET ${setList}
       WHERE d."id" = ${dealId} AND d."initiatorId" = ${initiatorId} AND ${notClosed} ${locked} ${upOnly}
       RETURNING "id"`,
    ...(changed.includes("capacity") ? promoteWaitlistStmts(dealId, now, `edit-${newId()}`) : []),
    sql`SELECT ${dealColumns} FROM "Deal" d ${withInitiator} WHERE d."id" = ${dealId}`,
  ];
}

const hasOptions = async (deps: Deps, dealId: string) =>
  (await query(deps.sql, sql`SELECT 1 AS yes FROM "DealOption" WHERE "dealId" = ${dealId} LIMIT 1`)).length > 0;

/** Why an edit may not happen, from the deal as read; null when it may. */
function refusal(d: Current, changed: Field[], set: Partial<CreateDealInput>, nowMs: number): AppError | null {
  const status = effectiveStatus(d, nowMs);
  if (status === "failed" || status === "cancelled") return new AppError("DEAL_CLOSED", "This deal has ended and can no longer be edited.");
  if (d.nextPosition === 1) return null;
  const lockedField = changed.find((k) => !UNLOCKED.includes(k));
  const lowered = changed.includes("capacity") && set.capacity != null && (d.capacity == null || set.capacity < d.capacity);
  if (lockedField || lowered) {
    return new AppError(
      "TERMS_LOCKED",
      "Someone has committed, so the terms are locked: only the description may change, and the capacity may be raised.",
      { issues: [{ path: lockedField ?? "capacity", message: "Locked after the first commitment" }] },
    );
  }
  return null;
}

export async function editDeal(deps: Deps, { userId, dealId, patch }: { userId: string; dealId: string; patch: UpdateDealInput }) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const d = await findDeal(deps, dealId);
    if (!d) throw new AppError("DEAL_NOT_FOUND", "There is no such deal.");
    if (d.initiatorId !== userId) throw new AppError("FORBIDDEN", "Only the initiator can edit this deal.");
    const nowMs = clock.nowMs();
    const before = asProposal(d);
    const changed = changedFields(before, patch);
    const merged: CreateDealInput = { ...before, ...patch } as CreateDealInput;
    const refused = refusal(d, changed, merged, nowMs);
    if (refused) throw refused;
    if (changed.includes("currency")) assertPayableCurrency(merged.currency);
    if (changed.includes("capacity") && d.nextPosition > 1 && (await hasOptions(deps, dealId))) {
      // Each option keeps its own waitlist; a raised capacity would have to promote in every one.
      throw new AppError("TERMS_LOCKED", "Someone has committed, so the capacity of a deal with options is fixed.", {
        issues: [{ path: "capacity", message: "Locked after the first commitment" }],
      });
    }
    // Only the rules the edit touches: an old deadline that is now near stays valid.
    const issues = proposalIssues(merged, nowMs).filter((i) => (RULE_READS[i.path] ?? [i.path as Field]).some((f) => changed.includes(f)));
    if (issues.length) throw new AppError("VALIDATION_FAILED", "Some fields need attention.", { issues });
    if (!changed.length) return toDealJson(d, userId, null);
    const results = await deps.sql.batch(editStmts(dealId, userId, merged, changed, nowMs));
    if (results[GRACE_STEPS]?.length) {
      deps.events.publish(dealId);
      deps.kickOutbox();
      return toDealJson(dealFromRow(results.at(-1)![0]!), userId, null);
    }
    // The guard refused: a commitment or the clock got there first. Decide again on a fresh read.
  }
  throw new AppError("DEAL_CLOSED", "This deal changed while you edited it. Reload and try again.");
}
