// Where the raw join's time goes: the join's batch (api/deals/join-deal.ts) on better-sqlite3 in
// WAL mode, as bench/run.ts's "raw SQLite guarded join" runs it, with each statement timed on its
// own, and the commit. `node --import tsx bench/join-statements.ts [seconds]`. Prints a table.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { joinStmts } from "../api/deals/join-deal.ts";
import { applyMigrations } from "../api/db/migrate.ts";
import { tuneConnection } from "../api/db/node.ts";
import { newId } from "../api/ids.ts";
import { sqlTime } from "../api/db/sql.ts";

const seconds = Number(process.argv[2] ?? 3);
const dir = mkdtempSync(join(tmpdir(), "quorum-join-stmts-"));
const db = new Database(join(dir, "j.db"));
// The server's settings (WAL, synchronous=NORMAL, foreign keys, the page cache); the WAL's
// checkpoints stay in the commits, as SQLite does them, not on the server's worker thread.
tuneConnection(db);
// JOIN_PRAGMAS="wal_autocheckpoint = 10000; cache_size = -65536": try settings beside the server's.
for (const p of (process.env.JOIN_PRAGMAS ?? "").split(";").filter((x) => x.trim())) db.pragma(p.trim());
applyMigrations(db);

const now = sqlTime(Date.now());
const users: string[] = [];
const insertUser = db.prepare(`INSERT INTO "User" ("id", "email", "displayName", "locale", "createdAt") VALUES (?, ?, ?, 'en', ?)`);
const insertSession = db.prepare(`INSERT INTO "Session" ("id", "userId", "expiresAt", "createdAt") VALUES (?, ?, ?, ?)`);
db.transaction(() => {
  for (let i = 0; i < 60_000; i++) {
    const id = newId();
    insertUser.run(id, `s${i}@bench.example`, `S ${i}`, now);
    insertSession.run(createHash("sha256").update(randomBytes(8)).digest("hex"), id, now, now);
    users.push(id);
  }
})();
const dealId = newId();
db.prepare(
  `INSERT INTO "Deal" ("id", "kind", "title", "description", "pricePerSeatCents", "currency", "threshold", "capacity",
     "maxSeatsPerCommitment", "deadline", "status", "initiatorId", "createdAt")
   VALUES (?, 'trip', 'Bench', 'Bench', 29500, 'EUR', 1000, 5000, 10, ?, 'open', ?, ?)`,
).run(dealId, sqlTime(Date.now() + 86_400_000), users[0], now);

const cache = new Map<string, Database.Statement>();
const prep = (s: string) => cache.get(s) ?? (cache.set(s, db.prepare(s)), cache.get(s)!);
const spent: number[] = [];
let commitMs = 0;
const commits: number[] = [];
let n = 0;
const start = performance.now();
while (performance.now() - start < seconds * 1000 && n + 1 < users.length) {
  const stmts = joinStmts({ dealId, userId: users[++n]!, seats: 1, commitmentId: newId(), now: Date.now() });
  db.exec("BEGIN IMMEDIATE");
  stmts.forEach((s, i) => {
    const t = performance.now();
    const p = prep(s.sql);
    if (p.reader) p.all(...s.args);
    else p.run(...s.args);
    spent[i] = (spent[i] ?? 0) + performance.now() - t;
  });
  const t = performance.now();
  db.exec("COMMIT");
  commits.push(performance.now() - t);
  commitMs += performance.now() - t;
}
const total = performance.now() - start;
const first = joinStmts({ dealId, userId: "x", seats: 1, commitmentId: "y", now: Date.now() });
console.log(`${n} joins in ${Math.round(total)} ms: ${Math.round(n / (total / 1000))} a second (5,000 active, then waitlisted)\n`);
console.log("| statement | µs per join | share |\n|---|---:|---:|");
first.forEach((s, i) => {
  const head = s.sql.replace(/\s+/g, " ").trim().slice(0, 70);
  console.log(`| ${i + 1}. ${head} | ${Math.round(((spent[i] ?? 0) / n) * 1000)} | ${Math.round(((spent[i] ?? 0) / total) * 100)}% |`);
});
console.log(`| COMMIT | ${Math.round((commitMs / n) * 1000)} | ${Math.round((commitMs / total) * 100)}% |`);
// A mean far above the median: the WAL's automatic checkpoints (each copies pages and syncs).
commits.sort((a, b) => a - b);
const at = (q: number) => Math.round(commits[Math.floor(q * (commits.length - 1))]! * 1000);
const slow = commits.filter((c) => c > 2).reduce((a, c) => a + c, 0);
console.log(`\nCOMMIT p50 ${at(0.5)} µs, p99 ${at(0.99)} µs, max ${at(1)} µs; commits over 2 ms: ${Math.round((100 * slow) / commitMs)}% of the commit time`);
db.close();
rmSync(dir, { recursive: true, force: true });
