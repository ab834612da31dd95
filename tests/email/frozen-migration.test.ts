// The migration that moved a frozen batch's emails from the payload (`payload.out`) into their own
// column: a batch frozen before it is resent byte for byte after it, and nothing else changes.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../api/db/migrate.ts";
import { migrationsDir } from "../../api/paths.ts";

const MIGRATION = "20261130201331_notification_frozen";
const dir = mkdtempSync(join(tmpdir(), "quorum-migrations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the notification_frozen migration", () => {
  it("moves payload.out of a frozen batch into frozen, leaves the rest of every row as it was", () => {
    // The migrations before it, on their own.
    for (const name of readdirSync(migrationsDir).filter((n) => n < MIGRATION)) cpSync(join(migrationsDir, name), join(dir, name), { recursive: true });
    const db = new Database(":memory:");
    applyMigrations(db, dir);
    const out = { batch: "quorum-batch-v1-abc", email: { from: "Q <q@x>", to: "a@example.com", subject: "Yes", text: "t", html: "<p>h</p>", links: [] } };
    const insert = db.prepare(
      `INSERT INTO "Notification" ("key", "kind", "toEmail", "payload", "state", "batchKey", "nextAttemptAt", "createdAt")
       VALUES (?, 'deal-confirmed', 'a@example.com', ?, ?, ?, '2026-11-30T00:00:00.000+00:00', '2026-11-30T00:00:00.000+00:00')`,
    );
    insert.run("frozen", JSON.stringify({ seats: 2, status: "active", out }), "sending", out.batch);
    insert.run("plain", JSON.stringify({ seats: 1, status: "active" }), "pending", null);
    insert.run("sent", JSON.stringify({ seats: 3 }), "sent", null);

    expect(applyMigrations(db)).toEqual([MIGRATION, ...readdirSync(migrationsDir).filter((n) => n > MIGRATION && !n.endsWith(".toml"))]);
    const rows = db.prepare(`SELECT "key", "payload", "frozen", "batchKey", "state" FROM "Notification" ORDER BY "id"`).all() as Record<string, string | null>[];
    expect(rows.map((r) => ({ ...r, payload: JSON.parse(r.payload!), frozen: r.frozen == null ? null : JSON.parse(r.frozen) }))).toEqual([
      { key: "frozen", payload: { seats: 2, status: "active" }, frozen: out, batchKey: out.batch, state: "sending" },
      { key: "plain", payload: { seats: 1, status: "active" }, frozen: null, batchKey: null, state: "pending" },
      { key: "sent", payload: { seats: 3 }, frozen: null, batchKey: null, state: "sent" },
    ]);
    // The old state index is gone; the claim index serves the counts by state.
    const indexes = (db.prepare(`SELECT "name" FROM sqlite_master WHERE "type" = 'index' AND "tbl_name" = 'Notification'`).all() as { name: string }[]).map((r) => r.name);
    expect(indexes).not.toContain("Notification_state_nextAttemptAt_id_idx");
    expect(indexes).toContain("Notification_claim_idx");
    db.close();
  });
});
