// The commitment_user_first migration (decision 015, finding 19): one unique index on
// (userId, dealId) keeps one commitment per user per deal and finds a user's commitments, in place
// of a unique (dealId, userId) and an index on (userId, createdAt). A join then writes one index
// page at a random place instead of two. Applied to rows written before it, it keeps them as they
// were and keeps refusing a second commitment to one deal.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../api/db/migrate.ts";
import { migrationsDir } from "../../api/paths.ts";

const MIGRATION = "20261201113231_commitment_user_first";
const dir = mkdtempSync(join(tmpdir(), "quorum-commitment-index-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the commitment_user_first migration", () => {
  it("keeps the rows, still refuses a second commitment to a deal, and finds a user's by the one index", () => {
    for (const name of readdirSync(migrationsDir).filter((n) => n < MIGRATION)) cpSync(join(migrationsDir, name), join(dir, name), { recursive: true });
    const db = new Database(":memory:");
    applyMigrations(db, dir);
    db.pragma("foreign_keys = OFF"); // commitments alone, without their users and deals
    const insert = db.prepare(
      `INSERT INTO "Commitment" ("id", "dealId", "userId", "seats", "status", "position", "createdAt", "updatedAt")
       VALUES (?, ?, ?, 1, 'active', ?, ?, ?)`,
    );
    const at = (minute: number) => `2026-12-01T10:${String(minute).padStart(2, "0")}:00.000+00:00`;
    insert.run("c1", "deal-a", "ada", 1, at(1), at(1));
    insert.run("c2", "deal-a", "bo", 2, at(2), at(2));
    insert.run("c3", "deal-b", "ada", 1, at(3), at(3));
    const rows = () => db.prepare(`SELECT * FROM "Commitment" ORDER BY "id"`).all();
    const before = rows();

    expect(applyMigrations(db)).toEqual(readdirSync(migrationsDir).filter((n) => n >= MIGRATION && !n.endsWith(".toml")));
    db.pragma("foreign_keys = OFF");
    expect(rows()).toEqual(before);
    expect(() => insert.run("c4", "deal-b", "ada", 2, at(4), at(4))).toThrow(/UNIQUE constraint failed: Commitment\.userId, Commitment\.dealId/);
    // ON CONFLICT ("dealId", "userId") in the join names the same index (SQLite matches the columns as a set).
    db.prepare(
      `INSERT INTO "Commitment" ("id", "dealId", "userId", "seats", "status", "position", "createdAt", "updatedAt")
       VALUES ('c5', 'deal-a', 'bo', 1, 'active', 3, ?, ?) ON CONFLICT ("dealId", "userId") DO NOTHING`,
    ).run(at(5), at(5));
    expect(rows()).toEqual(before);

    const indexes = db.prepare(`SELECT "name" FROM sqlite_master WHERE "type" = 'index' AND "tbl_name" = 'Commitment' ORDER BY "name"`).pluck().all();
    expect(indexes).toEqual(["Commitment_dealId_status_position_idx", "Commitment_userId_dealId_key", "sqlite_autoindex_Commitment_1"]);
    const plan = (q: string) => (db.prepare(`EXPLAIN QUERY PLAN ${q}`).all("ada") as { detail: string }[]).map((r) => r.detail).join("; ");
    expect(plan(`SELECT "id" FROM "Commitment" WHERE "userId" = ? ORDER BY "createdAt" DESC LIMIT 200`)).toMatch(/USING INDEX Commitment_userId_dealId_key \(userId=\?\)/);
    expect(plan(`SELECT "id" FROM "Commitment" WHERE "dealId" = 'deal-a' AND "userId" = ?`)).toMatch(/Commitment_userId_dealId_key \(userId=\? AND dealId=\?\)/);
    db.close();
  });
});
