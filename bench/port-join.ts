// The join's batch on the SQL port alone, without HTTP: api/db/node.ts's group commit over a
// better-sqlite3 file in WAL mode with the server's settings, 60,000 users, joins in groups of 33
// (what 50 connections bring to one turn of the event loop), three rounds of 19,800 joins on a
// fresh deal each. Prints µs a join (wall time, the process alone on its thread). Compare two
// revisions of api/ in alternating runs (git stash, run, git stash pop, run).
//
//   node --import tsx bench/port-join.ts        TIP=<threshold> (1,000,000: a deal that never tips;
//                                                 else capacity 5 × the threshold, as the bench's)
//                                               CAPACITY=none: no capacity, so every join past
//                                                 the tip is active (a payment and two emails)
//                                               FRAMES=1: SQLite's own checkpoints off, and the
//                                                 pages each round wrote to the WAL counted (a
//                                                 figure that does not move with the machine's load)
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { applyMigrations } from "../api/db/migrate.ts";
import { betterSqliteSql, tuneConnection } from "../api/db/node.ts";
import { joinStmts } from "../api/deals/join-deal.ts";
import { newTimeOrderedId } from "../api/ids.ts";
import { seedDeal, seedUsers } from "./seed.ts";

const TIP = Number(process.env.TIP ?? 1_000_000);
const CAPACITY = process.env.CAPACITY === "none" || TIP === 1_000_000 ? null : 5 * TIP;
const dir = mkdtempSync(join(tmpdir(), "quorum-port-join-"));
const file = join(dir, "port.db");
const db = new Database(file);
tuneConnection(db);
applyMigrations(db);
const users = seedUsers(db, 60_001, "port-").ids;
const FRAMES = process.env.FRAMES === "1";
if (FRAMES) db.pragma("wal_autocheckpoint = 0");
/** Frames in the WAL: its size less the 32-byte header, over a frame (a 24-byte header and a page). */
const walFrames = () => Math.max(0, (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) - 32) / (24 + Number(db.pragma("page_size", { simple: true })));
const port = betterSqliteSql(db);
try {
  for (let round = 0; round < 3; round++) {
    const dealId = seedDeal(db, { threshold: TIP, capacity: CAPACITY, initiatorId: users[0]! });
    if (FRAMES) db.pragma("wal_checkpoint(TRUNCATE)");
    const started = performance.now();
    let n = 0;
    for (let group = 0; group < 600; group++) {
      const batches = [];
      for (let k = 0; k < 33; k++) {
        n++;
        const now = Date.now();
        batches.push(port.batch(joinStmts({ dealId, userId: users[1 + (n % 60_000)]!, seats: 1, commitmentId: newTimeOrderedId(now), now })));
      }
      await Promise.all(batches);
    }
    const frames = FRAMES ? `, ${(walFrames() / n).toFixed(2)} WAL pages a join` : "";
    console.log(`round ${round + 1}: ${(((performance.now() - started) * 1000) / n).toFixed(1)} µs a join (${n} joins)${frames}`);
  }
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
