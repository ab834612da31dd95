// Migrations of the outbox's table, each applied to rows written before it: notification_frozen
// moved a frozen batch's emails from the payload (`payload.out`) into their own column, so a batch
// frozen before it is resent byte for byte after it; notification_expiry_cleared took the links
// already sent, given up or dropped out of the expiresAt index. Nothing else changes.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../api/db/migrate.ts";
import { migrationsDir } from "../../api/paths.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A database migrated up to, not including, `migration`; and the names applying the rest applies. */
function before(migration: string) {
  const dir = mkdtempSync(join(tmpdir(), "quorum-migrations-"));
  dirs.push(dir);
  for (const name of readdirSync(migrationsDir).filter((n) => n < migration)) cpSync(join(migrationsDir, name), join(dir, name), { recursive: true });
  const db = new Database(":memory:");
  applyMigrations(db, dir);
  return { db, rest: readdirSync(migrationsDir).filter((n) => n >= migration && !n.endsWith(".toml")) };
}

describe("the notification_frozen migration", () => {
  it("moves payload.out of a frozen batch into frozen, leaves the rest of every row as it was", () => {
    const { db, rest } = before("20261130201331_notification_frozen");
    const out = { batch: "quorum-batch-v1-abc", email: { from: "Q <q@x>", to: "a@example.com", subject: "Yes", text: "t", html: "<p>h</p>", links: [] } };
    const insert = db.prepare(
      `INSERT INTO "Notification" ("key", "kind", "toEmail", "payload", "state", "batchKey", "nextAttemptAt", "createdAt")
       VALUES (?, 'deal-confirmed', 'a@example.com', ?, ?, ?, '2026-11-30T00:00:00.000+00:00', '2026-11-30T00:00:00.000+00:00')`,
    );
    insert.run("frozen", JSON.stringify({ seats: 2, status: "active", out }), "sending", out.batch);
    insert.run("plain", JSON.stringify({ seats: 1, status: "active" }), "pending", null);
    insert.run("sent", JSON.stringify({ seats: 3 }), "sent", null);

    expect(applyMigrations(db)).toEqual(rest);
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

describe("the notification_expiry_cleared migration", () => {
  it("takes the expiry off links that were sent, given up or dropped, and leaves the waiting ones", () => {
    const { db, rest } = before("20261130213500_notification_expiry_cleared");
    const insert = db.prepare(
      `INSERT INTO "Notification" ("key", "kind", "toEmail", "state", "expiresAt", "nextAttemptAt", "createdAt")
       VALUES (?, ?, 'a@example.com', ?, ?, '2026-11-30T00:00:00.000+00:00', '2026-11-30T00:00:00.000+00:00')`,
    );
    const at = "2026-11-30T00:10:00.000+00:00";
    for (const state of ["sent", "failed", "expired", "pending", "sending"]) insert.run(`sign-in:${state}`, "sign-in", state, at);
    insert.run("deal-confirmed:d:u", "deal-confirmed", "sent", null);

    expect(applyMigrations(db)).toEqual(rest);
    expect(db.prepare(`SELECT "key", "expiresAt" FROM "Notification" ORDER BY "id"`).all()).toEqual([
      { key: "sign-in:sent", expiresAt: null },
      { key: "sign-in:failed", expiresAt: null },
      { key: "sign-in:expired", expiresAt: null },
      { key: "sign-in:pending", expiresAt: at },
      { key: "sign-in:sending", expiresAt: at },
      { key: "deal-confirmed:d:u", expiresAt: null },
    ]);
    db.close();
  });
});
