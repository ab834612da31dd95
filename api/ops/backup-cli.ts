// `npm run backup -- FILE [--force]`: a consistent copy of the live database named by
// DATABASE_URL, taken while Quorum runs. Exit codes: 0 written, 1 failed, 2 refused (FILE exists
// without --force, or a usage error). How to restore it: README.md and docs/OPERATING.md.
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.ts";
import { sqlitePath } from "../db/node.ts";
import { backupDatabase, BackupRefused, formatBytes } from "./backup.ts";

const USAGE = "usage: npm run backup -- FILE [--force]";

function main(): number {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { force: { type: "boolean", default: false } } });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const [file, ...extra] = args.positionals;
  if (!file || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  let dbPath;
  try {
    dbPath = sqlitePath(loadConfig(process.env).databaseUrl);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    return 1;
  }
  console.log(`Backing up ${dbPath} to ${file} ...`);
  try {
    const r = backupDatabase(dbPath, file, { force: args.values.force });
    console.log(`Wrote ${r.file}: ${formatBytes(r.bytes)} (${r.bytes} bytes) in ${Math.round(r.ms)} ms.`);
    return 0;
  } catch (e) {
    console.error(e instanceof BackupRefused ? e.message : `Backup failed: ${(e as Error).message}`);
    return e instanceof BackupRefused && e.reason === "exists" ? 2 : 1;
  }
}

process.exitCode = main();
