// The outbox's claim drops expired sign-in links on every dispatch. It must find them by the
// expiresAt index: through the batchKey index it walked every sent notification (their batchKey
// is NULL), 7 ms a claim once 100,000 had been sent, on the thread that serves joins (issue 17).
// Checked on the plan SQLite chooses, with a realistic table: most notifications sent, a few links.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../../api/db/migrate.ts";
import { sqlTime } from "../../api/db/sql.ts";
import { dropExpiredStmt } from "../../api/outbox/claim.ts";

describe("dropping expired notifications", () => {
  it("searches the expiresAt index, never scans the sent ones, and drops exactly the expired", () => {
    const db = new Database(":memory:");
    applyMigrations(db);
    const now = Date.now();
    const insert = db.prepare(
      `INSERT INTO "Notification" ("key", "kind", "toEmail", "state", "expiresAt", "batchKey", "nextAttemptAt", "createdAt")
       VALUES (?, ?, 'a@example.com', ?, ?, NULL, ?, ?)`,
    );
    const t = sqlTime(now);
    db.transaction(() => {
      for (let i = 0; i < 2_000; i++) insert.run(`deal-confirmed:d:${i}`, "deal-confirmed", "sent", null, t, t);
      insert.run("sign-in:old", "sign-in", "pending", sqlTime(now - 1_000), t, t);
      insert.run("sign-in:fresh", "sign-in", "pending", sqlTime(now + 60_000), t, t);
    })();
    db.exec("ANALYZE");
    const stmt = dropExpiredStmt(sqlTime(now));
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${stmt.sql}`).all(...stmt.args) as { detail: string }[]).map((r) => r.detail).join(" | ");
    expect(plan).toMatch(/USING INDEX Notification_expiresAt_idx \(expiresAt<\?\)/);
    expect(plan).not.toMatch(/SCAN|batchKey_idx|state_/);
    db.prepare(stmt.sql).run(...stmt.args);
    const states = db.prepare(`SELECT "key", "state" FROM "Notification" WHERE "kind" = 'sign-in' ORDER BY "key"`).all();
    expect(states).toEqual([
      { key: "sign-in:fresh", state: "pending" },
      { key: "sign-in:old", state: "expired" },
    ]);
    db.close();
  });
});
