// The deadline sweep: moves open deals past their deadline to failed and tells everyone.
// Reads and writes never depend on it (see rules.ts); it makes the outcome durable and mailed.
import type { Deps } from "../context.ts";
import { clock } from "../clock.ts";
import { sweepStmts } from "./store.ts";

export async function sweepExpiredDeals(deps: Deps): Promise<{ failed: string[] }> {
  const failed: string[] = [];
  const limit = 200;
  for (;;) {
    const results = await deps.sql.batch(sweepStmts(clock.nowMs(), limit));
    const ids = (results.at(-1) ?? []).map((r) => String(r.id));
    failed.push(...ids);
    if (ids.length < limit) break;
  }
  for (const id of failed) deps.events.publish(id);
  if (failed.length) deps.log.info("deals failed at deadline", { count: failed.length });
  return { failed };
}
