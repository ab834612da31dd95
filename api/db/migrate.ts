// Applies pending migrations from prisma/migrations at start, recording them in Prisma's
// _prisma_migrations table, so `prisma migrate deploy` and `prisma migrate status` agree with it.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";

import { migrationsDir } from "../paths.ts";

function listMigrations(dir = migrationsDir): { name: string; sql: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name, "migration.sql"), "utf8") }));
}

export function applyMigrations(db: Database.Database, dir = migrationsDir): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL,
    "checksum" TEXT NOT NULL,
    "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL,
    "logs" TEXT,
    "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
  )`);
  const done = new Set(
    db
      .prepare(`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
      .safeIntegers(false)
      .all()
      .map((r) => (r as { name: string }).name),
  );
  const applied: string[] = [];
  for (const m of listMigrations(dir)) {
    if (done.has(m.name)) continue;
    const checksum = createHash("sha256").update(m.sql).digest("hex");
    const apply = db.transaction(() => {
      const already = db
        .prepare(`SELECT 1 FROM _prisma_migrations WHERE migration_name = ? AND finished_at IS NOT NULL`)
        .get(m.name);
      if (already) return;
      db.exec(m.sql);
      db.prepare(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES (?, ?, ?, ?, ?, 1)`,
      ).run(randomUUID(), checksum, new Date().toISOString(), m.name, new Date().toISOString());
    });
    // Immediate: two processes starting at once on one file apply each migration once.
    apply.immediate();
    applied.push(m.name);
  }
  return applied;
}
