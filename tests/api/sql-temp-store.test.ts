// The server's connection keeps SQLite's statement journals in memory (decision 015, finding 20).
// Every batch of the group commit runs inside a savepoint, and SQLite copies each page a savepoint
// changes into a statement journal; past 64 KiB that journal spills to a temporary file, so a batch
// that touches many pages (an outbox batch of 100 emails, a join past the tip with its payment and
// emails) paid for file writes on the event loop: 57 against 14 µs an outbox "sent" update.
// SQLite opens its temporary files (named etilqs_*) and unlinks them at once; while the transaction
// is open they are still among the process's open descriptors.
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { tuneConnection } from "../../api/db/node.ts";

const dir = mkdtempSync(join(tmpdir(), "quorum-temp-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const openTempFiles = () =>
  readdirSync("/proc/self/fd").flatMap((fd) => {
    try {
      return /etilqs_/.test(readlinkSync(`/proc/self/fd/${fd}`)) ? [fd] : [];
    } catch {
      return []; // closed between the listing and the read
    }
  });

/** Inside a transaction and a savepoint, as the group commit runs a batch: 100 rows of 4 KB changed. */
function bigBatch(db: Database.Database): string[] {
  db.exec(`CREATE TABLE "t" ("id" INTEGER PRIMARY KEY, "body" TEXT)`);
  const insert = db.prepare(`INSERT INTO "t" ("body") VALUES (?)`);
  db.transaction(() => {
    for (let i = 0; i < 100; i++) insert.run("x".repeat(4000));
  })();
  db.exec("BEGIN IMMEDIATE");
  insert.run("another batch of the group");
  db.exec("SAVEPOINT quorum_batch");
  const update = db.prepare(`UPDATE "t" SET "body" = 'y' || "body" WHERE "id" = ?`);
  for (let id = 1; id <= 100; id++) update.run(id);
  const open = openTempFiles();
  db.exec("RELEASE quorum_batch");
  db.exec("COMMIT");
  return open;
}

describe.runIf(process.platform === "linux")("the server's SQLite connection", () => {
  it("writes a large batch's statement journal to no temporary file", () => {
    // The probe first: a connection with SQLite's default temp_store does spill to a file.
    const plain = new Database(join(dir, "plain.db"));
    plain.pragma("journal_mode = WAL");
    try {
      expect(bigBatch(plain).length).toBeGreaterThan(0);
    } finally {
      plain.close();
    }
    const tuned = new Database(join(dir, "tuned.db"));
    tuneConnection(tuned);
    try {
      expect(bigBatch(tuned)).toEqual([]);
      expect(tuned.pragma("temp_store", { simple: true })).toBe(2); // MEMORY
    } finally {
      tuned.close();
    }
  });
});
