// The Node SQL port reads rows as arrays (better-sqlite3's raw mode) and makes each an object
// through a function written for the statement's columns (api/db/node.ts, rowMaker). The objects
// must be the ones better-sqlite3 itself made: the same keys in the same order, the same values.
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { betterSqliteSql, rowMaker } from "../../api/db/node.ts";
import { applyMigrations } from "../../api/db/migrate.ts";
import { sql, sqlTime } from "../../api/db/sql.ts";
import { joinStatements, joinStmts } from "../../api/deals/join-deal.ts";
import { yearBefore } from "../../api/deals/co-create-reads.ts";
import { newTimeOrderedId } from "../../api/ids.ts";
import { seedDeal, seedUsers } from "../../bench/seed.ts";

const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function database() {
  const db = new Database(":memory:");
  opened.push(db);
  applyMigrations(db);
  return db;
}

/** What better-sqlite3 itself answers, as the port's connection reads numbers. */
const own = (db: Database.Database, text: string, args: unknown[] = []) => db.prepare(text).safeIntegers(false).all(...args) as Record<string, unknown>[];

describe("the Node port's rows", () => {
  it("are better-sqlite3's own objects for the join's read-back: 50 columns, keys in order", async () => {
    const db = database();
    const ids = seedUsers(db, 4, "u").ids;
    const dealId = seedDeal(db, { threshold: 2, capacity: 2, initiatorId: ids[0]! });
    const port = betterSqliteSql(db);
    const now = Date.now();
    for (const [i, userId] of ids.slice(1).entries()) {
      const id = newTimeOrderedId(now + i);
      const results = await port.batch(joinStmts({ dealId, userId, seats: 1, commitmentId: id, now: now + i }));
      // Active before the tip, active at it, and waitlisted past the capacity: each read-back as SQLite gave it.
      const readBack = joinStatements({ dealId, userId, seats: 1, id, now: sqlTime(now + i), since: yearBefore(now + i) }).at(-1)!;
      const mine = results.at(-1)!;
      expect(mine).toHaveLength(1);
      expect(Object.keys(mine[0]!)).toHaveLength(50);
      expect(Object.keys(mine[0]!)).toEqual(Object.keys(own(db, readBack.sql, readBack.args)[0]!));
      expect(await port.all(readBack.sql, readBack.args)).toEqual(own(db, readBack.sql, readBack.args));
    }
  });

  it("keep every kind of value, NULL, many rows and no rows as they were", async () => {
    const db = database();
    const port = betterSqliteSql(db);
    const text = `SELECT value AS n, value * 1.5 AS f, 'x' || value AS s, NULL AS none, x'00ff' AS bytes
      FROM json_each('[1,2,3]') WHERE value >= ?`;
    for (const from of [1, 3, 4]) expect(await port.all(text, [from])).toEqual(own(db, text, [from]));
    const rows = await port.batch([sql`SELECT value AS n FROM json_each('[7,8]')`]);
    expect(rows[0]).toEqual([{ n: 7 }, { n: 8 }]);
  });

  it("keep the later of two columns of one name, and names no identifier could be", async () => {
    const db = database();
    const port = betterSqliteSql(db);
    const text = `SELECT 1 AS a, 2 AS b, 3 AS a, 4 AS "q""uote", 5 AS "back\\slash", 6 AS "line\u2028sep", 7 AS "}"`;
    const [row] = await port.all(text);
    expect(row).toEqual(own(db, text)[0]);
    expect(Object.keys(row!)).toEqual(Object.keys(own(db, text)[0]!));
    expect(row!.a).toBe(3);
  });

  it("make a column named __proto__ an own property, never the row's prototype", () => {
    const row = rowMaker(["a", "__proto__"])([1, { polluted: true } as unknown as string]);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row)).toEqual(["a", "__proto__"]);
    expect((row as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe("the Node port's rows after the schema changed under a statement", () => {
  it("name the columns the statement now has", async () => {
    const db = new Database(":memory:");
    opened.push(db);
    db.exec(`CREATE TABLE t (a INTEGER, b INTEGER); INSERT INTO t VALUES (1, 2)`);
    const port = betterSqliteSql(db);
    expect(await port.all(`SELECT * FROM t`)).toEqual([{ a: 1, b: 2 }]);
    db.exec(`ALTER TABLE t ADD COLUMN c INTEGER DEFAULT 3`);
    expect(await port.all(`SELECT * FROM t`)).toEqual([{ a: 1, b: 2, c: 3 }]);
    db.exec(`ALTER TABLE t DROP COLUMN a`);
    expect(await port.all(`SELECT * FROM t`)).toEqual([{ b: 2, c: 3 }]);
  });
});
