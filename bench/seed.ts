// Seeding the benchmark's database directly (users with sessions, deals), shared by bench/run.ts
// and bench/profile.ts: the load starts from rows, not from sign-in flows.
import { createHash, randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { applyMigrations } from "../api/db/migrate.ts";
import { newId } from "../api/ids.ts";
import { sqlTime } from "../api/db/sql.ts";

/** Users with sessions, written straight into the database; returns their cookie lines. */
export function seedUsers(db: Database.Database, n: number, prefix: string) {
  const now = sqlTime(Date.now());
  const expires = sqlTime(Date.now() + 86_400_000);
  const cookies: string[] = [];
  const ids: string[] = [];
  const user = db.prepare(`INSERT INTO "User" ("id", "email", "displayName", "locale", "createdAt") VALUES (?, ?, ?, 'en', ?)`);
  const session = db.prepare(`INSERT INTO "Session" ("id", "userId", "expiresAt", "createdAt") VALUES (?, ?, ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = newId();
      const token = randomBytes(32).toString("base64url");
      user.run(id, `${prefix}${i}@bench.example`, `Bench ${i}`, now);
      session.run(createHash("sha256").update(token).digest("hex"), id, expires, now);
      cookies.push(`quorum_session=${token}`);
      ids.push(id);
    }
  })();
  return { cookies, ids };
}

export function seedDeal(db: Database.Database, over: { threshold: number; capacity: number | null; initiatorId: string }) {
  const id = newId();
  const now = sqlTime(Date.now());
  db.prepare(
    `INSERT INTO "Deal" ("id", "kind", "title", "description", "pricePerSeatCents", "currency", "threshold", "capacity",
       "maxSeatsPerCommitment", "deadline", "status", "initiatorId", "createdAt")
     VALUES (?, 'trip', 'Bench charter', 'A deal for the benchmark', 29500, 'EUR', ?, ?, 10, ?, 'open', ?, ?)`,
  ).run(id, over.threshold, over.capacity, sqlTime(Date.now() + 7 * 86_400_000), over.initiatorId, now);
  return id;
}

/** A new database file in WAL mode with the schema and one initiator, for a bench that starts a server on it. */
export function seededDatabase(file: string) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  applyMigrations(db);
  const [initiatorId] = seedUsers(db, 1, "initiator-").ids as [string];
  return { db, initiatorId };
}
