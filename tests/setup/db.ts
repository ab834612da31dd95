// The database from a test's side: what a request could have changed (row counts, counters and
// states, or a fingerprint of every row, to prove that a refused request changed nothing), and
// SQLite files that several app instances open, as several processes would.
import { createHash, randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Database from "better-sqlite3";
import type { TestApp } from "./harness.ts";

/** Row counts of every table. */
export async function tableCounts(app: TestApp) {
  const p = app.deps.prisma;
  const [users, sessions, signInTokens, deals, commitments, notifications] = await Promise.all([
    p.user.count(),
    p.session.count(),
    p.signInToken.count(),
    p.deal.count(),
    p.commitment.count(),
    p.notification.count(),
  ]);
  return { users, sessions, signInTokens, deals, commitments, notifications };
}

/** Counts plus every deal's counters and every commitment's state: what a request could change. */
export async function dbState(app: TestApp) {
  const p = app.deps.prisma;
  return {
    counts: await tableCounts(app),
    deals: await p.deal.findMany({ orderBy: { id: "asc" } }),
    commitments: await p.commitment.findMany({ orderBy: { id: "asc" } }),
    users: await p.user.findMany({ orderBy: { id: "asc" } }),
  };
}

/** Every table's row count and a hash of all its rows, read on the app's own connection. */
export function dbFingerprint(raw: Database.Database): { counts: Record<string, number>; hash: string } {
  const tables = raw
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .safeIntegers(false)
    .all()
    .map((r) => (r as { name: string }).name);
  const counts: Record<string, number> = {};
  const hash = createHash("sha256");
  for (const table of tables) {
    const rows = raw.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).safeIntegers(false).all();
    counts[table] = rows.length;
    hash.update(table).update(JSON.stringify(rows));
  }
  return { counts, hash: hash.digest("hex") };
}

/** A fresh SQLite file for tests that open it from two app instances; removed by `cleanup`. */
export function tempDatabase() {
  const path = join(tmpdir(), `quorum-test-${randomUUID()}.db`);
  return {
    url: `file:${path}`,
    cleanup: () => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
    },
  };
}
