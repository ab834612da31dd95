// The WAL's checkpoints run on a worker thread, not in the commits that serve requests
// (api/db/checkpointer.ts, issue 17). A database opened as the server opens it takes a few
// megabytes of writes: the server's own connection no longer checkpoints them (its automatic
// checkpoint is pushed far out), so the database file only grows because the worker copied the
// WAL into it. Closing stops the worker, and the file then holds everything.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../api/db/node.ts";
import { startCheckpointer } from "../../api/db/checkpointer.ts";

const dir = mkdtempSync(join(tmpdir(), "quorum-checkpoint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("WAL checkpoints off the event loop", () => {
  it("copies the WAL into the database file from the worker, and leaves a whole file at close", async () => {
    const file = join(dir, "quorum.db");
    const db = await openDatabase(`file:${file}`);
    const raw = db.raw;
    expect(Number(raw.pragma("wal_autocheckpoint", { simple: true }))).toBe(20_000);
    raw.exec(`CREATE TABLE "Blob" ("id" INTEGER PRIMARY KEY, "body" TEXT NOT NULL)`);
    const size = () => statSync(file).size;
    const before = size();
    const insert = raw.prepare(`INSERT INTO "Blob" ("body") VALUES (?)`);
    // 4 MB in 200 commits: about 1,000 WAL pages, where SQLite's default would checkpoint in a commit.
    for (let i = 0; i < 200; i++) raw.transaction(() => { for (let j = 0; j < 10; j++) insert.run("x".repeat(2_000)); })();
    // This connection checkpoints only past 20,000 pages, and these are about 1,000: the file
    // grows only if the worker copies the WAL (it may do so while the loop above still runs).
    let grown = size();
    for (let waited = 0; waited < 5_000 && grown < before + 3_500_000; waited += 50) {
      await sleep(50);
      grown = size();
    }
    expect(grown).toBeGreaterThanOrEqual(before + 3_500_000);
    await db.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(check.prepare(`SELECT count(*) AS n FROM "Blob"`).get()).toEqual({ n: 2_000 });
    check.close();
  });

  it("leaves them to SQLite, or to nobody (Litestream), when WAL_CHECKPOINTS says so", async () => {
    const sqlite = await openDatabase(`file:${join(dir, "sqlite.db")}`, { checkpoints: "sqlite" });
    expect(Number(sqlite.raw.pragma("wal_autocheckpoint", { simple: true }))).toBe(1_000);
    await sqlite.close();
    const file = join(dir, "off.db");
    const off = await openDatabase(`file:${file}`, { checkpoints: "off" });
    expect(Number(off.raw.pragma("wal_autocheckpoint", { simple: true }))).toBe(0);
    off.raw.exec(`CREATE TABLE "Blob" ("id" INTEGER PRIMARY KEY, "body" TEXT NOT NULL)`);
    const before = statSync(file).size;
    const insert = off.raw.prepare(`INSERT INTO "Blob" ("body") VALUES (?)`);
    for (let i = 0; i < 200; i++) off.raw.transaction(() => { for (let j = 0; j < 10; j++) insert.run("x".repeat(2_000)); })();
    await sleep(500);
    expect(statSync(file).size).toBeLessThan(before + 1_000_000);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(4_000_000);
    await off.close();
  });

  it("lets a script that opens and closes the database finish: close waits for the worker, and returns", () => {
    const script = join(dir, "open-close.mts");
    const node = join(import.meta.dirname, "..", "..", "api", "db", "node.ts");
    writeFileSync(script, `import { openDatabase } from ${JSON.stringify(node)};
const db = await openDatabase(${JSON.stringify(`file:${join(dir, "script.db")}`)});
await db.close();
console.log("closed");
`);
    const r = spawnSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8", timeout: 60_000 });
    expect({ status: r.status, out: r.stdout.trim() }).toEqual({ status: 0, out: "closed" });
  });

  it("stops, and says why, when its worker could not even start", async () => {
    const raw = new Database(":memory:");
    const errors: string[] = [];
    const checkpointer = startCheckpointer(raw, join(dir, "no-such-file.db"), (m) => errors.push(m));
    await expect.poll(() => errors.join(" "), { timeout: 5_000 }).toMatch(/SQLITE_CANTOPEN/);
    // The worker is long gone: stop() must not wait for an exit that already happened.
    await expect(Promise.race([checkpointer.stop().then(() => "stopped"), sleep(5_000).then(() => "hung")])).resolves.toBe("stopped");
    raw.close();
  });
});
