// Backup under load, and restore (DESIGN.md "Running it"). A real server on a SQLite file in WAL
// mode takes 200 joins over HTTP in three concurrent waves while `npm run backup` (a separate
// process, so a separate connection) copies the database in the middle of them. The copy must be
// whole (integrity_check), consistent (every deal's counters equal its commitments, nothing
// oversold, every confirmation with its notifications) and a true snapshot: every join answered
// before the backup started is in it, none sent after it finished. Then a server started on a
// restored copy keeps the promises: joins go on, the threshold confirms exactly once, the capacity
// holds, a withdrawal promotes the waitlist, and sessions from before the backup still work.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlTime } from "../../api/db/sql.ts";
import { newId } from "../../api/ids.ts";
import { backupDatabase } from "../../api/ops/backup.ts";
import { startTestServer } from "../setup/harness.ts";

const root = join(import.meta.dirname, "..", "..");
type Server = Awaited<ReturnType<typeof startTestServer>>;
type User = Awaited<ReturnType<Server["createUser"]>>;

/** The three waves: before the backup, as it starts, after it has finished. */
const WAVES = [100, 60, 40] as const;
const JOINS = WAVES[0] + WAVES[1] + WAVES[2];
/** Deals with capacities; the last stays open in the copy (50 joins of at most 3 seats < 200). */
const DEALS = [
  { threshold: 20, capacity: 40 },
  { threshold: 50, capacity: 90 },
  { threshold: 90, capacity: 100 },
  { threshold: 200, capacity: 220 },
];
const seatsOf = (i: number) => 1 + ((i * 7) % 3);
/** Initiators' updates (about 21 MB), so that the copy takes long enough for joins to land during it. */
const UPDATES = 5_000;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run backup -- ...args` as an operator runs it; `onStart` fires when it says it is starting. */
function runBackupCli(databaseUrl: string, args: string[], onStart?: () => void): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "backup", "--", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (onStart && stdout.includes("Backing up ")) {
        onStart();
        onStart = undefined;
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The initiators' history: long updates on the given deals, written before any traffic. */
function seedHistory(db: Database.Database, dealIds: string[]) {
  const insert = db.prepare(`INSERT INTO "DealUpdate" ("id", "dealId", "body", "createdAt") VALUES (?, ?, ?, ?)`);
  const body = "The airline confirmed the slot, and the coach from the airport is booked. ".repeat(56);
  db.transaction(() => {
    for (let i = 0; i < UPDATES; i++) insert.run(newId(), dealIds[i % dealIds.length]!, `Update ${i}. ${body}`, sqlTime(Date.now()));
  })();
}

const rowCount = (db: Database.Database, table: string) =>
  (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;

/**
 * What every database Quorum wrote must satisfy, read with plain SQL: whole, foreign keys intact,
 * every deal's counters equal to its commitments, nothing oversold, open below the threshold and
 * confirmed at or above it, and a confirmed deal's deal-confirmed notifications exactly its active
 * participants and its initiator (an open deal has none).
 */
function checkInvariants(db: Database.Database) {
  expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  expect(db.pragma("foreign_key_check")).toEqual([]);
  const deals = db
    .prepare(
      `SELECT d."id", d."status", d."threshold", d."capacity", d."initiatorId", d."confirmedByCommitmentId" AS tipper,
         d."seatsCommitted", d."seatsWaitlisted", d."participantCount",
         (SELECT COALESCE(SUM("seats"), 0) FROM "Commitment" WHERE "dealId" = d."id" AND "status" = 'active') AS activeSeats,
         (SELECT COALESCE(SUM("seats"), 0) FROM "Commitment" WHERE "dealId" = d."id" AND "status" = 'waitlisted') AS waitlistedSeats,
         (SELECT COUNT(*) FROM "Commitment" WHERE "dealId" = d."id" AND "status" IN ('active', 'waitlisted')) AS participants
       FROM "Deal" d`,
    )
    .all() as Record<string, string | number | null>[];
  const recipients = db.prepare(
    `SELECT "userId" FROM "Notification" WHERE "dealId" = ? AND "kind" = 'deal-confirmed' ORDER BY "userId"`,
  );
  const activeUsers = db.prepare(`SELECT "userId" FROM "Commitment" WHERE "dealId" = ? AND "status" = 'active'`);
  for (const d of deals) {
    expect({ id: d.id, seatsCommitted: d.seatsCommitted, seatsWaitlisted: d.seatsWaitlisted, participantCount: d.participantCount }).toEqual({
      id: d.id,
      seatsCommitted: d.activeSeats,
      seatsWaitlisted: d.waitlistedSeats,
      participantCount: d.participants,
    });
    if (d.capacity !== null) expect(d.activeSeats as number).toBeLessThanOrEqual(d.capacity as number);
    const told = (recipients.all(d.id) as { userId: string }[]).map((r) => r.userId);
    if (d.status === "confirmed") {
      expect(d.tipper).not.toBeNull();
      expect(d.activeSeats as number).toBeGreaterThanOrEqual(d.threshold as number);
      const expected = [...(activeUsers.all(d.id) as { userId: string }[]).map((r) => r.userId), d.initiatorId as string].sort();
      expect({ id: d.id, told }).toEqual({ id: d.id, told: expected });
    } else {
      expect({ id: d.id, status: d.status, tipper: d.tipper, told }).toEqual({ id: d.id, status: "open", tipper: null, told: [] });
      expect(d.activeSeats as number).toBeLessThan(d.threshold as number);
    }
  }
  const tables = ["User", "Session", "Deal", "Commitment", "Notification", "DealUpdate"];
  return Object.fromEntries(tables.map((t) => [t, rowCount(db, t)]));
}

function openReadOnly(file: string) {
  return new Database(file, { readonly: true, fileMustExist: true });
}

let dir: string;
/** What the live phase produced, for the tests below. */
let live: {
  file: string;
  backup: string;
  dealIds: string[];
  waves: { commitmentIds: string[]; answeredDuringBackup: number }[];
  cli: CliRun;
  backupMs: number;
  withdrawDeal: { id: string; leaver: User; waiter: User };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "quorum-backup-"));
  const file = join(dir, "quorum.db");
  const backup = join(dir, "backups", "quorum-backup.db");
  mkdirSync(join(dir, "backups"));
  const server = await startTestServer({ DATABASE_URL: `file:${file}` });
  try {
    const deals = [];
    for (const spec of DEALS) deals.push((await server.createDeal({ ...spec, maxSeatsPerCommitment: 3 })).deal);
    const dealIds = deals.map((d) => d.id as string);
    seedHistory(server.built.db.raw, dealIds);

    // A deal with 3 of its 4 seats taken and 2 seats waiting, for the withdrawal after the restore.
    const w = await server.createDeal({ threshold: 4, capacity: 4, maxSeatsPerCommitment: 3 });
    const leaver = await server.createUser();
    const waiter = await server.createUser();
    expect((await server.join(leaver, w.deal.id, 3)).json.commitment.status).toBe("active");
    expect((await server.join(waiter, w.deal.id, 2)).json.commitment.status).toBe("waitlisted");

    const users = await Promise.all(Array.from({ length: JOINS }, () => server.createUser()));
    const joinWave = async (from: number, count: number, backupRunning?: () => boolean) => {
      let answeredDuringBackup = 0;
      const answers = await Promise.all(
        users.slice(from, from + count).map(async (u, k) => {
          const i = from + k;
          const res = await server.join(u, dealIds[i % dealIds.length]!, seatsOf(i));
          if (backupRunning?.()) answeredDuringBackup++;
          return res;
        }),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(count).fill(201));
      return { commitmentIds: answers.map((a) => a.json.commitment.id as string), answeredDuringBackup };
    };

    const first = await joinWave(0, WAVES[0]);
    // The second wave goes out the moment the CLI says it is starting, so its joins commit while
    // VACUUM INTO reads; the third only after the CLI has exited.
    let running = true;
    let second: Promise<Awaited<ReturnType<typeof joinWave>>> | undefined;
    const started = performance.now();
    const cli = await runBackupCli(`file:${file}`, [backup], () => {
      second = joinWave(WAVES[0], WAVES[1], () => running);
    });
    running = false;
    const backupMs = performance.now() - started;
    expect(cli, cli.stderr).toMatchObject({ code: 0 });
    expect(second).toBeDefined();
    const during = await second!;
    const third = await joinWave(WAVES[0] + WAVES[1], WAVES[2]);
    live = {
      file,
      backup,
      dealIds,
      waves: [first, during, third],
      cli,
      backupMs,
      withdrawDeal: { id: w.deal.id, leaver, waiter },
    };
  } finally {
    // Stop: the first step of a restore.
    await server.close();
  }
}, 240_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("npm run backup while 200 joins come in", () => {
  it("writes a whole, consistent snapshot: every join answered before it, none sent after it", () => {
    const db = openReadOnly(live.backup);
    try {
      const rows = checkInvariants(db);
      const has = db.prepare(`SELECT 1 FROM "Commitment" WHERE "id" = ?`);
      const inCopy = live.waves.map((w) => w.commitmentIds.filter((id) => has.get(id)).length);
      expect(inCopy[0]).toBe(WAVES[0]);
      expect(inCopy[2]).toBe(0);
      // The backup doesn't hold the writers up: joins were answered while it ran.
      expect(live.waves[1]!.answeredDuringBackup).toBeGreaterThan(0);
      // The withdrawal deal's two commitments, and nothing else, besides the waves'.
      expect(rows.Commitment).toBe(2 + inCopy[0]! + inCopy[1]!);
      expect(rows.DealUpdate).toBe(UPDATES);
      // The deal with threshold 200 is still open in the copy; the restore test finishes it.
      expect(db.prepare(`SELECT "status" FROM "Deal" WHERE "id" = ?`).get(live.dealIds[3])).toEqual({ status: "open" });

      const reported = /Wrote (.+): .* \((\d+) bytes\) in (\d+) ms\./.exec(live.cli.stdout);
      expect(reported, live.cli.stdout).not.toBeNull();
      expect(Number(reported![2])).toBe(statSync(live.backup).size);
      // Only the final name is left: no temporary file beside it.
      expect(readdirSync(join(dir, "backups"))).toEqual(["quorum-backup.db"]);
      console.log(
        `backup under load: joins answered ${WAVES[0]} before the backup started, ` +
          `${live.waves[1]!.answeredDuringBackup} of ${WAVES[1]} while it ran, ${WAVES[2]} after it; ` +
          `in the copy: ${inCopy[0]} + ${inCopy[1]} + ${inCopy[2]} of them. ` +
          `Rows in the copy: ${JSON.stringify(rows)}. ` +
          `Backup: ${reported![3]} ms (VACUUM INTO, sync, rename), ${live.backupMs.toFixed(0)} ms for the whole ` +
          `npm run backup, ${reported![2]} bytes.`,
      );
    } finally {
      db.close();
    }
  });

  it("refuses to overwrite an existing file (exit 2) unless --force", { timeout: 60_000 }, async () => {
    const target = join(dir, "existing.db");
    writeFileSync(target, "not a backup");
    const refused = await runBackupCli(`file:${live.file}`, [target]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("already exists");
    expect(readFileSync(target, "utf8")).toBe("not a backup");

    const forced = backupDatabase(live.file, target, { force: true });
    expect(forced.bytes).toBe(statSync(target).size);
    const db = openReadOnly(target);
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      db.close();
    }
  });
});

describe("restoring a backup", () => {
  let server: Server | undefined;
  afterAll(() => server?.close());

  it("gives a server that keeps the promises: joins go on, one confirmation, capacity, waitlist promotion", { timeout: 60_000 }, async () => {
    // The README's steps: the server is stopped; copy the backup to DATABASE_URL's file, with no
    // -wal or -shm beside it; start.
    const file = join(dir, "restored", "quorum.db");
    mkdirSync(join(dir, "restored"));
    copyFileSync(live.backup, file);
    expect(existsSync(`${file}-wal`) || existsSync(`${file}-shm`)).toBe(false);
    server = await startTestServer({ DATABASE_URL: `file:${file}` });

    // A withdrawal promotes the waitlist, for users whose sessions date from before the backup.
    const w = live.withdrawDeal;
    expect((await server.api("DELETE", `/api/deals/${w.id}/commitments/mine`, { as: w.leaver })).status).toBe(200);
    const promoted = await server.deps.prisma.commitment.findUniqueOrThrow({
      where: { userId_dealId: { dealId: w.id, userId: w.waiter.id } },
    });
    expect(promoted.status).toBe("active");
    expect((await server.notifications({ dealId: w.id, kind: "waitlist-promoted" })).map((n) => n.userId)).toEqual([w.waiter.id]);
    const closer = await server.createUser();
    expect((await server.join(closer, w.id, 2)).json.dealStatus).toBe("confirmed");

    // Joins go on where the copy left off, until the threshold and the capacity are passed.
    const dealId = live.dealIds[3]!;
    const newcomers = await Promise.all(Array.from({ length: 80 }, () => server!.createUser()));
    const answers = await Promise.all(newcomers.map((u) => server!.join(u, dealId, 3)));
    expect(answers.map((a) => a.status)).toEqual(Array(80).fill(201));
    const deal = await server.deps.prisma.deal.findUniqueOrThrow({ where: { id: dealId } });
    expect(deal.status).toBe("confirmed");
    expect(deal.seatsCommitted).toBeLessThanOrEqual(220);
    expect(answers.filter((a) => a.json.commitment.status === "waitlisted").length).toBeGreaterThan(0);
    // Exactly once: the deal credits one of these joins, and only that one answered the tip.
    const tipped = answers.filter((a) => a.json.commitment.id === deal.confirmedByCommitmentId);
    expect(tipped).toHaveLength(1);

    const db = openReadOnly(file);
    try {
      const rows = checkInvariants(db);
      console.log(`restored copy after the state-machine run: ${JSON.stringify(rows)}`);
    } finally {
      db.close();
    }
  });
});
