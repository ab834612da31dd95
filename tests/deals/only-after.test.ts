// Statements a batch skips (Stmt.onlyAfter, api/db/sql.ts): the Node port skips a statement whose
// guard needs what an earlier statement of its batch did, when that one changed (a probe: returned)
// no row; a join before the tip then runs none of the tip's emails and payments, nor its own. SQL_CHECK_SKIPS runs them anyway
// and fails the batch if one changed something, which every other test of the suite turns on.
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { betterSqliteSql } from "../../api/db/node.ts";
import { applyMigrations } from "../../api/db/migrate.ts";
import { batchOf, onlyAfter, raw, sql, sqlTime, type Stmt } from "../../api/db/sql.ts";
import { joinStatements, joinStmts } from "../../api/deals/join-deal.ts";
import { newId } from "../../api/ids.ts";
import { clock } from "../../api/clock.ts";
import { yearBefore } from "../../api/deals/co-create-reads.ts";
import { seedDeal, seedUsers } from "../../bench/seed.ts";

const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** A database with the schema; `ran` collects every statement SQLite was given to run. */
function database() {
  const ran: string[] = [];
  const db = new Database(":memory:", { verbose: (s) => ran.push(String(s)) });
  opened.push(db);
  applyMigrations(db);
  ran.length = 0;
  return { db, ran };
}

describe("the Node port's onlyAfter", () => {
  const table = (db: Database.Database) => {
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)`);
    db.exec(`INSERT INTO t (id, n) VALUES (1, 0)`);
  };
  const count = (db: Database.Database) => (db.prepare(`SELECT COUNT(*) AS c FROM t`).get() as { c: number }).c;

  it("skips a statement when the one it follows changed no row, and runs it when that one did", async () => {
    const { db } = database();
    table(db);
    const port = betterSqliteSql(db);
    const none = sql`UPDATE t SET n = n + 1 WHERE id = ${99}`;
    await port.batch([none, onlyAfter(none, sql`INSERT INTO t (id, n) VALUES (${2}, ${0})`)]);
    expect(count(db)).toBe(1);
    const one = sql`UPDATE t SET n = n + 1 WHERE id = ${1}`;
    await port.batch([one, onlyAfter(one, sql`INSERT INTO t (id, n) VALUES (${2}, ${0})`)]);
    expect(count(db)).toBe(2);
  });

  it("skips what follows a skipped statement, and answers a skipped read with no rows", async () => {
    const { db } = database();
    table(db);
    const port = betterSqliteSql(db);
    const none = sql`UPDATE t SET n = n + 1 WHERE id = ${99}`;
    const skipped = onlyAfter(none, sql`UPDATE t SET n = n + 1 WHERE id = ${1}`);
    const rows = await port.batch([
      none,
      skipped,
      onlyAfter(skipped, sql`INSERT INTO t (id, n) VALUES (${3}, ${0})`),
      onlyAfter(none, sql`SELECT n FROM t WHERE id = ${1}`),
      sql`SELECT n FROM t WHERE id = ${1}`,
    ]);
    expect(count(db)).toBe(1);
    expect(rows.at(-2)).toEqual([]);
    expect(rows.at(-1)).toEqual([{ n: 0 }]);
  });

  it("with the check on, fails a batch whose skipped statement would have changed a row, and changes nothing", async () => {
    const { db } = database();
    table(db);
    const port = betterSqliteSql(db, true);
    const none = sql`UPDATE t SET n = n + 1 WHERE id = ${99}`;
    // A wrong mark: this insert's guard does not need the update.
    const batch = port.batch([sql`UPDATE t SET n = 5 WHERE id = ${1}`, none, onlyAfter(none, sql`INSERT INTO t (id, n) VALUES (${2}, ${0})`)]);
    await expect(batch).rejects.toThrow(/SQL_CHECK_SKIPS/);
    expect(db.prepare(`SELECT n FROM t WHERE id = 1`).get()).toEqual({ n: 0 });
    expect(count(db)).toBe(1);
    // A right one passes the check.
    await port.batch([none, onlyAfter(none, sql`INSERT INTO t (id, n) SELECT ${2}, ${0} WHERE EXISTS (SELECT 1 FROM t WHERE n = ${7})`)]);
    expect(count(db)).toBe(1);
  });
});

describe("a join's batch", () => {
  /** Users and an open, priced deal of threshold 3, written straight into the tables (as the bench seeds). */
  function seed(db: Database.Database, users: number, capacity: number) {
    const ids = seedUsers(db, users + 1, "skips-").ids;
    return { dealId: seedDeal(db, { threshold: 3, capacity, initiatorId: ids[0]! }), users: ids.slice(1) };
  }

  /** Four joins of a deal of threshold 3: what each ran, and the payments and emails at the end. */
  async function fourJoins(checkSkips: boolean, capacity = 10) {
    const { db, ran } = database();
    const { dealId, users } = seed(db, 4, capacity);
    ran.length = 0;
    const port = betterSqliteSql(db, checkSkips);
    const joins = [];
    for (const userId of users) {
      const start = ran.length;
      await port.batch(joinStmts({ dealId, userId, seats: 1, commitmentId: newId(), now: Date.now() }));
      const these = ran.slice(start).filter((s) => !/^(BEGIN|SAVEPOINT|RELEASE|COMMIT)/.test(s));
      joins.push({
        statements: these.length,
        notifies: these.filter((s) => s.includes(`INSERT INTO "Notification"`)).length,
        payments: these.filter((s) => s.includes(`INSERT INTO "Payment"`)).length,
      });
    }
    const count = (q: string) => (db.prepare(q).get() as { c: number }).c;
    const outcome = {
      payments: count(`SELECT COUNT(*) AS c FROM "Payment"`),
      paymentDue: count(`SELECT COUNT(*) AS c FROM "Notification" WHERE "kind" = 'payment-due'`),
      confirmed: count(`SELECT COUNT(*) AS c FROM "Notification" WHERE "kind" = 'deal-confirmed'`),
    };
    return { joins, outcome };
  }

  const all = joinStmts({ dealId: "d", userId: "x", seats: 1, commitmentId: "y", now: Date.now() }).length;

  it("before the tip runs none of the tip's statements nor its own payment, at the tip all of them, after it its own payment", async () => {
    const { joins, outcome } = await fourJoins(false);
    expect(joins).toEqual([
      // Before the tip: the tip's two emails, its ask to everyone and that ask's email; and, the
      // deal not being confirmed, the own payment, its email and the own deal-confirmed.
      { statements: all - 7, notifies: 0, payments: 0 },
      { statements: all - 7, notifies: 0, payments: 0 },
      // The tip: everything runs but the own payment's email (asking everyone made that payment).
      { statements: all - 1, notifies: 4, payments: 2 },
      // After it: the tip's four are skipped; the own payment and its email run.
      { statements: all - 4, notifies: 2, payments: 1 },
    ]);
    // Four payments, each told once; deal-confirmed to the three at the tip, the initiator, and the
    // one who joined the confirmed deal.
    expect(outcome).toEqual({ payments: 4, paymentDue: 4, confirmed: 5 });
  });

  it("onto the waitlist of a confirmed deal runs neither the tip's statements nor its own payment or emails", async () => {
    const { joins, outcome } = await fourJoins(false, 3);
    expect(joins.at(-1)).toEqual({ statements: all - 7, notifies: 0, payments: 0 });
    expect(outcome).toEqual({ payments: 3, paymentDue: 3, confirmed: 4 });
  });

  it("ends the same with every statement run, and no skipped one would have changed anything", async () => {
    for (const capacity of [10, 3]) {
      const { joins, outcome } = await fourJoins(true, capacity);
      expect(joins.map((j) => j.statements)).toEqual([all, all, all, all]);
      expect(outcome).toEqual(capacity === 10 ? { payments: 4, paymentDue: 4, confirmed: 5 } : { payments: 3, paymentDue: 3, confirmed: 4 });
    }
  });
});

describe("batchOf: a batch written once and filled in per call", () => {
  it("gives what writing the join's statements afresh gives, for any values, with the same skips", () => {
    for (let i = 0; i < 50; i++) {
      // Times far apart: a value taken from the clock when the batch was written would show.
      const at = Date.now() + i * 86_400_000 * 7;
      const v = { dealId: newId(), userId: newId(), seats: 1 + (i % 9), id: newId(), now: sqlTime(at), since: yearBefore(at) };
      const filled = joinStmts({ dealId: v.dealId, userId: v.userId, seats: v.seats, commitmentId: v.id, now: at });
      const fresh = joinStatements(v);
      expect(filled.map((s) => ({ sql: s.sql, args: s.args }))).toEqual(fresh.map((s) => ({ sql: s.sql, args: s.args })));
      const after = (stmts: Stmt[]) => stmts.map((s) => (s.onlyAfter ? stmts.indexOf(s.onlyAfter) : null));
      expect(after(filled)).toEqual(after(fresh));
      expect(after(filled).filter((a) => a !== null)).toHaveLength(7);
    }
  });

  it("refuses a build that computes with a value, writes it into the text, or chooses by it", () => {
    expect(() => batchOf<{ seats: number }>(["seats"], ({ seats }) => [sql`SELECT ${seats * 2}`])).toThrow(/computes with a value/);
    expect(() => batchOf<{ kind: string }>(["kind"], ({ kind }) => [sql`SELECT ${raw(`'${kind}'`)}`])).toThrow(/changes with the values/);
    expect(() => batchOf<{ id: string }>(["id"], ({ id }) => (id.includes("a") ? [sql`SELECT ${id}`] : []))).toThrow(/number of statements/);
    // Nor read the clock: what it read would be kept for every call.
    expect(() => batchOf<{ id: string }>(["id"], ({ id }) => [sql`SELECT ${id}, ${clock.nowMs()}`])).toThrow(/computes with a value/);
    // Binding is all it may do, the same value in several places included.
    const f = batchOf<{ id: string; n: number }>(["id", "n"], ({ id, n }) => [sql`SELECT ${id}, ${n}, ${id}, ${"fixed"}`]);
    expect(f({ id: "x", n: 3 })).toEqual([{ sql: "SELECT ?, ?, ?, ?", args: ["x", 3, "x", "fixed"] }]);
  });
});
