// The Node database: one better-sqlite3 connection, shared by Prisma (through its driver
// adapter) and by the raw SQL batches, so the two never contend for SQLite's write lock.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../generated/prisma-node/client.ts";
import { mapSqliteError } from "./errors.ts";
import { applyMigrations } from "./migrate.ts";
import { startCheckpointer } from "./checkpointer.ts";
import { answersFollow } from "../turn-end.ts";
import type { Row, Sql, SqlValue, Stmt } from "./sql.ts";
import type { Config } from "../config.ts";

export type Prisma = PrismaClient;

export interface NodeDatabase {
  prisma: PrismaClient;
  sql: Sql;
  raw: Database.Database;
  close(): Promise<void>;
}

export function sqlitePath(databaseUrl: string): string {
  const path = databaseUrl.replace(/^file:/, "");
  return path === ":memory:" ? path : resolve(path);
}

/**
 * The connection's settings; the benchmark's raw SQLite join (bench/) uses the same, but checkpoints
 * inside its commits as SQLite does by default, where the server has a worker thread do it.
 */
export function tuneConnection(raw: Database.Database): void {
  raw.pragma("journal_mode = WAL");
  // WAL with synchronous=NORMAL: a power loss may lose the last transactions, never corrupt the
  // file. See docs/decisions/002-sqlite-durability.md.
  raw.pragma("synchronous = NORMAL");
  raw.pragma("busy_timeout = 5000");
  raw.pragma("foreign_keys = ON");
  // 16 MB of page cache instead of SQLite's 2 MB: the index pages a join and a session lookup walk
  // stay in memory as the tables grow (issue 17: the joins' session lookups were reads from the OS).
  raw.pragma("cache_size = -16384");
  // Statement journals in memory. A batch of a group that is run again runs in a savepoint (below),
  // and SQLite keeps the pages a savepoint changes in a statement journal that spills to a temporary
  // file past 64 KiB: an outbox batch of 100 emails, or a join past the tip with its payment and
  // emails, wrote that file on the event loop when every batch ran in one (decision 015, finding 20).
  // Temporary tables and sorts live in memory too; every query of the app is bounded (a limit, or
  // one user's or one deal's rows).
  raw.pragma("temp_store = MEMORY");
}

interface OpenOptions {
  /** Who checkpoints a file's WAL (WAL_CHECKPOINTS, api/config.ts); the worker thread by default. */
  checkpoints?: Config["walCheckpoints"];
  /** Hears a checkpoint on the worker thread that failed (the next one tries again). */
  onCheckpointError?: (message: string) => void;
  /** SQL_CHECK_SKIPS: run the statements a batch would skip, and fail it if one changed anything. */
  checkSkips?: boolean;
}

/** Opens (creating if needed) and migrates the SQLite database. */
export async function openDatabase(
  databaseUrl: string,
  { checkpoints = "thread", onCheckpointError = () => {}, checkSkips = false }: OpenOptions = {},
): Promise<NodeDatabase> {
  const path = sqlitePath(databaseUrl);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const factory = new PrismaBetterSqlite3({ url: path });
  const adapter = (await factory.connect()) as SqlDriverAdapter & { client: Database.Database };
  const raw = adapter.client;
  tuneConnection(raw);
  applyMigrations(raw);
  if (checkpoints === "off") raw.pragma("wal_autocheckpoint = 0");
  const checkpointer = path !== ":memory:" && checkpoints === "thread" ? startCheckpointer(raw, path, onCheckpointError) : null;
  const prisma = new PrismaClient({
    adapter: { provider: "sqlite", adapterName: adapter.adapterName, connect: async () => adapter },
  });
  return {
    prisma,
    sql: betterSqliteSql(raw, checkSkips),
    raw,
    async close() {
      await prisma.$disconnect();
      await checkpointer?.stop();
      if (raw.open) raw.close();
    },
  };
}

/**
 * A read's rows come from better-sqlite3 as arrays (its raw mode) and become objects here, through
 * a function written once for the statement's columns: an object literal, whose shape V8 knows.
 * better-sqlite3's own objects define each column on a fresh object, which cost the join's read-back
 * (50 columns) ~6.5 of its ~19 µs (issue 17). The same object as before: the columns in order, the
 * later of two columns of one name winning. The names are SQLite's, from our own SQL, and are
 * written as JSON string literals. A column named __proto__ (none of ours), which better-sqlite3
 * dropped, is an own property.
 */
export function rowMaker(columns: string[]): (values: SqlValue[]) => Row {
  // A computed key defines an own property, where a plain `"__proto__":` would set the prototype.
  const key = (c: string) => (c === "__proto__" ? `["__proto__"]` : JSON.stringify(c));
  const fields = columns.map((c, i) => `${key(c)}: v[${i}]`).join(", ");
  return new Function("v", `return { ${fields} };`) as (values: SqlValue[]) => Row;
}

/** A statement marked onlyAfter that changed (or returned) something all the same: its mark is wrong. */
const brokenSkip = (s: Stmt) =>
  new Error(`SQL_CHECK_SKIPS: a statement marked onlyAfter changed or returned rows although the one it follows changed or returned none: ${s.sql.slice(0, 200)}`);

interface Job {
  stmts: Stmt[];
  resolve(rows: Row[][]): void;
  reject(e: unknown): void;
}

/**
 * Group commit. Batches that arrive in the same turn of the event loop run in one immediate
 * transaction, and all of them are committed together before any caller hears back. A commit
 * costs far more than the guarded statements of a join, so a flash crowd shares commits instead
 * of queueing for them. Each batch is still atomic, and nothing else runs on the connection while
 * the group runs.
 *
 * A batch that fails is rolled back alone. The group first runs its batches one after another
 * with nothing between them; should one fail, the whole transaction is rolled back and the group
 * runs again, each batch inside its own savepoint. Every statement carries its values, so the
 * batches before the failed one do the same the second time. Batches seldom fail (the hot writes
 * are guarded statements that change nothing rather than fail). A savepoint and its release around
 * every batch cost each join ~3 µs of the thread's ~170, and every page changed inside a savepoint
 * is first copied to a statement journal: the outbox's "sent" update took 33 µs an email inside
 * one, 18 without (issue 17, decision 015, finding 24).
 *
 * A statement marked `onlyAfter` (sql.ts) is skipped when the statement it names changed (a read:
 * returned) no row earlier in its batch: a join before the tip skips the tip's emails and
 * payments, and its own (issue 17).
 */
export function betterSqliteSql(db: Database.Database, checkSkips = false): Sql {
  /** A prepared statement; a read also has the function that makes its rows, and their width. */
  type Prepared = { stmt: Database.Statement; width: number; make: (values: SqlValue[]) => Row };
  const cache = new Map<string, Prepared>();
  const withMaker = (p: Prepared) => {
    const columns = p.stmt.columns().map((c) => c.name);
    p.width = columns.length;
    p.make = rowMaker(columns);
  };
  const prepare = (sql: string): Prepared => {
    let p = cache.get(sql);
    if (!p) {
      // The adapter turns on safe integers for the connection; our SQL uses plain numbers.
      const stmt = db.prepare(sql).safeIntegers(false);
      p = { stmt, width: 0, make: () => ({}) };
      if (stmt.reader) {
        stmt.raw(true);
        withMaker(p);
      }
      cache.set(sql, p);
    }
    return p;
  };
  const read = (p: Prepared, args: SqlValue[]): Row[] => {
    const rows = p.stmt.all(...args) as SqlValue[][];
    // SQLite prepares a statement again after the schema changed under it, and `d.*` may then
    // have other columns: write the function again (a migration of a running database, tests).
    if (rows.length > 0 && rows[0]!.length !== p.width) withMaker(p);
    return rows.map(p.make);
  };
  /** One batch's statements, in order; what each changed or returned, for `onlyAfter`. */
  const runBatch = (stmts: Stmt[]): Row[][] => {
    const changed = new Map<Stmt, number>();
    return stmts.map((s) => {
      const skip = s.onlyAfter !== undefined && changed.get(s.onlyAfter) === 0;
      if (skip && !checkSkips) {
        changed.set(s, 0);
        return [];
      }
      const p = prepare(s.sql);
      if (p.stmt.reader) {
        const rows = read(p, s.args);
        if (skip && rows.length > 0) throw brokenSkip(s);
        // A read counts as what it returned: a probe (ask-to-pay.ts, activeInConfirmed).
        changed.set(s, skip ? 0 : rows.length);
        return skip ? [] : rows;
      }
      const { changes } = p.stmt.run(...s.args);
      if (skip && changes > 0) throw brokenSkip(s);
      changed.set(s, changes);
      return [];
    });
  };
  const exec = (sql: string) => prepare(sql).stmt.run();

  /**
   * The group's batches in one transaction with no savepoints, committed: each batch's rows, or
   * null when one failed and the transaction was rolled back (flush runs the group again, each
   * batch in its own savepoint). A failed commit (SQLITE_FULL, SQLITE_IOERR) goes that way too;
   * a transaction that cannot begin (SQLITE_BUSY past the timeout) fails the group at once.
   */
  const runTogether = (jobs: Job[]): Row[][][] | null => {
    exec("BEGIN IMMEDIATE");
    try {
      const rows = jobs.map((job) => runBatch(job.stmts));
      exec("COMMIT");
      return rows;
    } catch {
      if (db.inTransaction) exec("ROLLBACK");
      return null;
    }
  };

  let queue: Job[] = [];
  let scheduled = false;
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
      // The joins' answers leave right after the commit, together, in this same turn (turn-end.ts).
      answersFollow();
    }
  };
  function flush() {
    scheduled = false;
    // Prisma may hold a transaction open across an await on this same connection; a group must
    // not become part of it. Try again on the next turn.
    if (db.inTransaction) return schedule();
    const jobs = queue;
    queue = [];
    if (jobs.length === 0) return;
    let together: Row[][][] | null;
    try {
      together = runTogether(jobs);
    } catch (error) {
      for (const job of jobs) job.reject(mapSqliteError(error));
      return;
    }
    if (together) {
      for (const [i, job] of jobs.entries()) job.resolve(together[i]!);
      return;
    }
    const outcomes: ({ rows: Row[][] } | { error: unknown })[] = [];
    try {
      exec("BEGIN IMMEDIATE");
      for (const job of jobs) {
        exec("SAVEPOINT quorum_batch");
        try {
          outcomes.push({ rows: runBatch(job.stmts) });
          exec("RELEASE quorum_batch");
        } catch (error) {
          // Some errors (SQLITE_FULL, SQLITE_IOERR) make SQLite roll back the whole transaction,
          // the batches before this one too: then the whole group fails, below.
          if (!db.inTransaction) throw error;
          exec("ROLLBACK TO quorum_batch");
          exec("RELEASE quorum_batch");
          outcomes.push({ error });
        }
      }
      exec("COMMIT");
    } catch (error) {
      if (db.inTransaction) exec("ROLLBACK");
      for (const job of jobs) job.reject(mapSqliteError(error));
      return;
    }
    jobs.forEach((job, i) => {
      const o = outcomes[i]!;
      if ("rows" in o) job.resolve(o.rows);
      else job.reject(mapSqliteError(o.error));
    });
  }

  return {
    batch(stmts) {
      return new Promise<Row[][]>((resolve, reject) => {
        queue.push({ stmts, resolve, reject });
        schedule();
      });
    },
    async all(sql: string, args: SqlValue[] = []) {
      while (db.inTransaction) await new Promise((r) => setImmediate(r));
      try {
        return read(prepare(sql), args);
      } catch (e) {
        throw mapSqliteError(e);
      }
    },
  };
}
