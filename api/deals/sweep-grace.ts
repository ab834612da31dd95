// The soft threshold's sweep: moves open deals that ended at their soft threshold into grace,
// and decides the deals whose grace ended. Reads and writes never depend on it (see
// contract/rules.ts effectiveStatus); it makes the outcome durable and mailed.
import type { Deps } from "../context.ts";
import { clock } from "../clock.ts";
import { sql, sqlTime } from "../db/sql.ts";
import { drain, PER_BATCH } from "../db/batches.ts";
import { END_GRACE_RESULT, endGraceStmts, enterGraceStmts, entersGrace } from "./grace-sql.ts";

export async function sweepGrace(deps: Deps): Promise<{ entered: string[]; confirmed: string[]; failed: string[] }> {
  const entering = await drain(async () => {
    const now = sqlTime(clock.nowMs());
    // The same ordered, limited set in every statement: within one atomic batch it cannot change.
    const due = sql`SELECT d."id" FROM "Deal" d WHERE ${entersGrace(now)} ORDER BY d."deadline", d."id" LIMIT ${PER_BATCH}`;
    return (await deps.sql.batch(enterGraceStmts(due, now))).at(-1) ?? [];
  });
  const ending = await drain(async () => {
    const now = sqlTime(clock.nowMs());
    const ended = sql`SELECT "id" FROM "Deal" WHERE "status" = 'grace' AND "graceEndsAt" <= ${now} ORDER BY "graceEndsAt", "id" LIMIT ${PER_BATCH}`;
    return (await deps.sql.batch(endGraceStmts(ended, now)))[END_GRACE_RESULT] ?? [];
  });
  const entered = entering.map((r) => String(r.id));
  const confirmed: string[] = [];
  const failed: string[] = [];
  for (const r of ending) (r.status === "confirmed" ? confirmed : failed).push(String(r.id));
  for (const id of [...entered, ...confirmed, ...failed]) deps.events.publish(id);
  if (entered.length || confirmed.length || failed.length) {
    deps.log.info("grace sweep", { entered: entered.length, confirmed: confirmed.length, failed: failed.length });
  }
  return { entered, confirmed, failed };
}
