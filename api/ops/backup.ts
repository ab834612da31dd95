// Backups of the live SQLite database (`npm run backup -- FILE`). SQLite's VACUUM INTO, run on a
// connection of its own, reads one consistent snapshot (the WAL included) while Quorum keeps
// writing: in WAL mode a reader never blocks the writer. The copy is written under a temporary
// name beside FILE, synced, and only then given its name, so a half-written backup never has it.
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";

/** As the server's own connection (api/db/node.ts): wait out a checkpoint rather than fail. */
const BUSY_TIMEOUT_MS = 5_000;

/** Why a backup was refused before anything was written; the CLI maps "exists" to exit code 2. */
export class BackupRefused extends Error {
  constructor(
    readonly reason: "exists" | "no-database" | "no-directory" | "same-file",
    message: string,
  ) {
    super(message);
  }
}

interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

/**
 * Writes a consistent copy of the database at `dbPath` to `file`. Refuses to replace an existing
 * `file` unless `force`. Never writes to the live database: the connection is read-only.
 */
export function backupDatabase(dbPath: string, file: string, { force = false } = {}): BackupResult {
  const source = resolve(dbPath);
  const target = resolve(file);
  if (dbPath === ":memory:" || !existsSync(source)) {
    throw new BackupRefused("no-database", `There is no database at ${source} (DATABASE_URL).`);
  }
  if (source === target) throw new BackupRefused("same-file", `The backup can't be the database itself (${source}).`);
  if (!existsSync(dirname(target))) throw new BackupRefused("no-directory", `There is no directory ${dirname(target)}.`);
  if (!force && existsSync(target)) throw exists(target);

  const started = performance.now();
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.partial`);
  try {
    const db = new Database(source, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    try {
      db.prepare("VACUUM INTO ?").run(temp);
    } finally {
      db.close();
    }
    // VACUUM INTO leaves syncing the new file to us; the rename must not outrun the data.
    fsyncPath(temp, "r+");
    if (force) renameSync(temp, target);
    else publishExclusive(temp, target);
    fsyncPath(dirname(target), "r");
  } finally {
    rmSync(temp, { force: true });
  }
  return { file: target, bytes: statSync(target).size, ms: performance.now() - started };
}

function exists(target: string) {
  return new BackupRefused("exists", `${target} already exists; choose another name, or pass --force to replace it.`);
}

/**
 * Gives `temp` the name `target` only if nothing has it, atomically: a hard link fails when the
 * name is taken, where a rename would silently replace it. On file systems without hard links,
 * the existence check and a rename.
 */
function publishExclusive(temp: string, target: string) {
  try {
    linkSync(temp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw exists(target);
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw e;
    if (existsSync(target)) throw exists(target);
    renameSync(temp, target);
  }
}

function fsyncPath(path: string, flags: "r" | "r+") {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** "12.3 MB", for people reading the CLI's output. */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
