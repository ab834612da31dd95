// The outbox's claim, on the plans SQLite chooses and on what it takes, with a realistic table
// (most notifications sent, a backlog waiting). It drops expired sign-in links by the expiresAt
// index: through the batchKey index it walked every sent notification (their batchKey is NULL),
// 7 ms a claim once 100,000 had been sent. And it reads what is due in (priority, id) order from
// the claim index, each read with its LIMIT: building the whole due list first cost 7.6 ms a claim
// with 30,000 waiting. Both on the thread that serves joins (issue 17). These tests check the
// plans and the order; how far a claim reads is measured, not asserted here (decision 015:
// 0.64 ms a claim of 100 with 30,000 waiting).
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../../api/db/migrate.ts";
import { sqlTime } from "../../api/db/sql.ts";
import { claimStmt, dropExpiredStmt } from "../../api/outbox/claim.ts";

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
    // Dropped, the link leaves the index: the range holds only what still waits.
    expect(db.prepare(`SELECT "expiresAt" FROM "Notification" WHERE "key" = 'sign-in:old'`).get()).toEqual({ expiresAt: null });
    db.close();
  });
});

describe("claiming what is due", () => {
  it("claims by the claim index, most urgent first, a frozen batch whole, and never scans the table", () => {
    const db = new Database(":memory:");
    applyMigrations(db);
    const now = Date.now();
    const t = sqlTime(now);
    let n = 0;
    const add = (state: string, priority: number, opts: { batchKey?: string; nextAttemptAt?: number; claimedUntil?: number } = {}) =>
      Number(
        db
          .prepare(
            `INSERT INTO "Notification" ("key", "kind", "toEmail", "state", "priority", "batchKey", "nextAttemptAt", "claimedUntil", "createdAt")
             VALUES (?, 'deal-confirmed', 'a@example.com', ?, ?, ?, ?, ?, ?)`,
          )
          .run(`k${n++}`, state, priority, opts.batchKey ?? null, sqlTime(opts.nextAttemptAt ?? now), opts.claimedUntil ? sqlTime(opts.claimedUntil) : null, t).lastInsertRowid,
      );
    db.transaction(() => {
      for (let i = 0; i < 3_000; i++) add("sent", 10);
    })();
    const later = add("pending", 0, { nextAttemptAt: now + 60_000 }); // not due yet, however urgent
    const bulk = Array.from({ length: 5 }, () => add("pending", 10));
    const frozen = [add("pending", 10, { batchKey: "b1" }), add("pending", 10, { batchKey: "b1" })];
    const lapsed = add("sending", 10, { claimedUntil: now - 1 }); // its dispatcher's lease ran out
    const urgentBatch = [add("pending", 0, { batchKey: "b0" }), add("sending", 0, { batchKey: "b0", claimedUntil: now - 1 })];
    const signIn = add("pending", 0);
    db.exec("ANALYZE");
    const claim = (limit: number) => {
      const s = claimStmt("me", now, limit);
      return (db.prepare(s.sql).all(...s.args) as { id: number }[]).map((r) => r.id).sort((a, b) => a - b);
    };
    const s = claimStmt("me", now, 3);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.args) as { detail: string }[]).map((r) => r.detail);
    expect(plan.filter((d) => /Notification_claim_idx/.test(d)).length).toBeGreaterThanOrEqual(4);
    expect(plan.filter((d) => /^SCAN Notification\b|^SCAN n\b|^SCAN m\b/.test(d))).toEqual([]);

    // The most urgent first, a frozen batch of sign-in links: whole, and alone.
    expect(claim(3)).toEqual(urgentBatch);
    // Then the sign-in link, then the oldest in no batch; the other frozen batch waits its turn.
    expect(claim(3)).toEqual([bulk[0]!, bulk[1]!, signIn].sort((a, b) => a - b));
    // The oldest due now heads the queue: the rest of the bulk, then the lapsed claim, up to the limit.
    expect(claim(3)).toEqual([bulk[2]!, bulk[3]!, bulk[4]!]);
    // The frozen batch is next (its first member is older than the lapsed one): claimed whole, alone.
    expect(claim(100)).toEqual(frozen);
    expect(claim(100)).toEqual([lapsed]);
    // Nothing else is due: the one scheduled later stays.
    expect(claim(100)).toEqual([]);
    expect(db.prepare(`SELECT "state" FROM "Notification" WHERE "id" = ?`).get(later)).toEqual({ state: "pending" });
    db.close();
  });
});
