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
import type { Row, Sql, SqlValue, Stmt } from "./sql.ts";

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

/** Opens (creating if needed) and migrates the SQLite database. */
export async function openDatabase(databaseUrl: string): Promise<NodeDatabase> {
  const path = sqlitePath(databaseUrl);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const factory = new PrismaBetterSqlite3({ url: path });
  const adapter = (await factory.connect()) as SqlDriverAdapter & { client: Database.Database };
  const raw = adapter.client;
  raw.pragma("journal_mode = WAL");
  // WAL with synchronous=NORMAL: a power loss may lose the last transactions, never corrupt the
  // file. See docs/decisions/002-sqlite-durability.md.
  raw.pragma("synchronous = NORMAL");
  raw.pragma("busy_timeout = 5000");
  raw.pragma("foreign_keys = ON");
  applyMigrations(raw);
  const prisma = new PrismaClient({
    adapter: { provider: "sqlite", adapterName: adapter.adapterName, connect: async () => adapter },
  });
  return {
    prisma,
    sql: betterSqliteSql(raw),
    raw,
    async close() {
      await prisma.$disconnect();
      if (raw.open) raw.close();
    },
  };
}

function betterSqliteSql(db: Database.Database): Sql {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      // The adapter turns on safe integers for the connection; our SQL uses plain numbers.
      s = db.prepare(sql).safeIntegers(false);
      cache.set(sql, s);
    }
    return s;
  };
  const runOne = (s: Stmt): Row[] => {
    const p = prepare(s.sql);
    if (p.reader) return p.all(...s.args) as Row[];
    p.run(...s.args);
    return [];
  };
  const runBatch = db.transaction((stmts: Stmt[]) => stmts.map(runOne));
  // Prisma may hold a transaction open across an await on this same connection. A batch must not
  // become part of it, so it waits until the connection is idle; it then runs synchronously, and
  // nothing else can interleave.
  const idle = async () => {
    while (db.inTransaction) await new Promise((r) => setImmediate(r));
  };
  return {
    async batch(stmts) {
      await idle();
      try {
        return runBatch.immediate(stmts);
      } catch (e) {
        throw mapSqliteError(e);
      }
    },
    async all(sql: string, args: SqlValue[] = []) {
      await idle();
      try {
        return prepare(sql).all(...args) as Row[];
      } catch (e) {
        throw mapSqliteError(e);
      }
    },
  };
}
