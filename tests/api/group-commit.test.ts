// The Node port's group commit (api/db/node.ts): batches of one turn share a transaction. They run
// with no savepoint between them; a batch that fails is undone alone all the same, by running the
// group again with a savepoint around each batch.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { betterSqliteSql } from "../../api/db/node.ts";
import { sql } from "../../api/db/sql.ts";
import { AppError } from "../../api/errors.ts";

const opened: Database.Database[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A database with a table of unique numbers, the statements its port prepared, and how many
 * times it tried to begin a transaction (the port prepares each text once and runs it again).
 */
function database(file = ":memory:") {
  // better-sqlite3 waits 5 s for a lock by default; these tests want the answer at once.
  const db = new Database(file, { timeout: 0 });
  opened.push(db);
  db.exec(`CREATE TABLE t (x INTEGER NOT NULL UNIQUE)`);
  const prepared: string[] = [];
  const begins = { tried: 0 };
  const prepare = db.prepare.bind(db);
  db.prepare = ((text: string) => {
    prepared.push(text);
    const stmt = prepare(text);
    if (text.startsWith("BEGIN")) {
      const run = stmt.run.bind(stmt);
      stmt.run = ((...args: never[]) => {
        begins.tried++;
        return run(...args);
      }) as typeof stmt.run;
    }
    return stmt;
  }) as typeof db.prepare;
  return { db, port: betterSqliteSql(db), prepared, begins, rows: () => db.prepare(`SELECT x FROM t ORDER BY x`).pluck().all() };
}

const insert = (x: number) => sql`INSERT INTO t (x) VALUES (${x}) RETURNING x`;
const count = sql`SELECT COUNT(*) AS n FROM t`;

describe("the Node port's group commit", () => {
  it("runs the batches of one turn in one transaction, with no savepoint when none fails", async () => {
    const { port, prepared, rows } = database();
    const answers = await Promise.all([port.batch([insert(1)]), port.batch([insert(2), count]), port.batch([insert(3)])]);
    expect(answers).toEqual([[[{ x: 1 }]], [[{ x: 2 }], [{ n: 2 }]], [[{ x: 3 }]]]);
    expect(rows()).toEqual([1, 2, 3]);
    expect(prepared.filter((s) => /SAVEPOINT/.test(s))).toEqual([]);
    expect(prepared.filter((s) => /^(BEGIN|COMMIT)/.test(s))).toEqual(["BEGIN IMMEDIATE", "COMMIT"]);
  });

  it("undoes a batch that fails alone: its own earlier statements, not the others of its turn", async () => {
    const { db, port, prepared, rows } = database();
    db.exec(`INSERT INTO t (x) VALUES (1)`);
    const settled = await Promise.allSettled([
      port.batch([insert(2)]),
      // Inserts 5, then fails on 1: the 5 must go too.
      port.batch([insert(5), insert(1)]),
      // Counts after the failed batch: what the group committed, not the failed batch's 5.
      port.batch([insert(3), count]),
    ]);
    expect(settled[0]).toEqual({ status: "fulfilled", value: [[{ x: 2 }]] });
    expect(settled[1]).toMatchObject({ status: "rejected", reason: { code: "SQLITE_CONSTRAINT_UNIQUE" } });
    expect(settled[2]).toEqual({ status: "fulfilled", value: [[{ x: 3 }], [{ n: 3 }]] });
    expect(rows()).toEqual([1, 2, 3]);
    // The group ran again, each batch in its own savepoint; the connection is left outside a transaction.
    expect(prepared).toContain("SAVEPOINT quorum_batch");
    expect(db.inTransaction).toBe(false);
    // And the next turn takes the quick way again.
    await port.batch([insert(4)]);
    expect(rows()).toEqual([1, 2, 3, 4]);
  });

  it("undoes a lone batch that fails, and the first of a turn", async () => {
    const { port, rows } = database();
    await expect(port.batch([insert(1), insert(1)])).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT_UNIQUE" });
    expect(rows()).toEqual([]);
    const settled = await Promise.allSettled([port.batch([insert(7), insert(7)]), port.batch([insert(8)])]);
    expect(settled.map((s) => s.status)).toEqual(["rejected", "fulfilled"]);
    expect(rows()).toEqual([8]);
  });

  it("fails every batch of a turn at once when its transaction cannot begin", async () => {
    const dir = mkdtempSync(join(tmpdir(), "quorum-group-"));
    dirs.push(dir);
    const file = join(dir, "g.db");
    const { db, port, prepared, begins, rows } = database(file);
    db.pragma("journal_mode = WAL");
    // Another connection holds the write lock; this one waits for none (timeout 0).
    const other = new Database(file);
    opened.push(other);
    other.exec("BEGIN IMMEDIATE");
    const settled = await Promise.allSettled([port.batch([insert(1)]), port.batch([insert(2)])]);
    for (const s of settled) {
      expect(s.status).toBe("rejected");
      expect((s as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
      expect((s as PromiseRejectedResult).reason).toMatchObject({ code: "DATABASE_UNAVAILABLE" });
    }
    // Not tried a second time, batch by batch.
    expect(begins.tried).toBe(1);
    expect(prepared).not.toContain("SAVEPOINT quorum_batch");
    other.exec("ROLLBACK");
    expect(db.inTransaction).toBe(false);
    await port.batch([insert(3)]);
    expect(rows()).toEqual([3]);
  });
});
