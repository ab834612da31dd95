// The D1 database for Workers: the raw SQL port over a D1 binding. D1's batch() runs its
// statements in one transaction, so a batch stays atomic without interactive transactions.
import type { D1Database } from "@cloudflare/workers-types";
import { mapSqliteError } from "./errors.ts";
import type { Row, Sql, SqlValue } from "./sql.ts";

export function d1Sql(db: D1Database): Sql {
  return {
    async batch(stmts) {
      try {
        const results = await db.batch(stmts.map((s) => db.prepare(s.sql).bind(...s.args)));
        return results.map((r) => (r.results ?? []) as Row[]);
      } catch (e) {
        throw mapSqliteError(e);
      }
    },
    async all(sql: string, args: SqlValue[] = []) {
      try {
        const r = await db.prepare(sql).bind(...args).all();
        return (r.results ?? []) as Row[];
      } catch (e) {
        throw mapSqliteError(e);
      }
    },
  };
}
