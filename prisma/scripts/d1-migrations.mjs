#!/usr/bin/env node
// Lays out prisma/migrations the way `wrangler d1 migrations apply` wants them: flat files
// NNNN_name.sql in .wrangler/d1-migrations (wrangler.toml's migrations_dir). Generated from the
// Prisma migrations on every run, so there is no second copy to keep in step by hand.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");
const from = join(root, "prisma", "migrations");
const to = join(root, ".wrangler", "d1-migrations");

rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
const names = readdirSync(from, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(from, d.name, "migration.sql")))
  .map((d) => d.name)
  .sort();
names.forEach((name, i) => {
  const file = `${String(i + 1).padStart(4, "0")}_${name}.sql`;
  writeFileSync(join(to, file), readFileSync(join(from, name, "migration.sql")));
});
console.log(`${names.length} migration(s) laid out in ${to}`);
