// Shared by the kill -9 tests: the server under test as a child process (`node --import tsx
// api/node.ts`) on one port and one SQLite file, killed with SIGKILL and restarted at will; and
// users with sessions written straight into the database file before it starts.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import { sqlTime } from "../../api/db/sql.ts";
import { newId } from "../../api/ids.ts";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server as a child process on one port and one database file, killed and restarted at will. */
export class ServerProcess {
  child: ChildProcess | null = null;
  starts = 0;
  constructor(
    private env: Record<string, string>,
    private logFile: string,
    readonly base: string,
  ) {}

  async start(): Promise<void> {
    const log = openSync(this.logFile, "a");
    const child = spawn(process.execPath, ["--import", "tsx", "api/node.ts"], {
      cwd: root,
      env: { ...process.env, ...this.env },
      stdio: ["ignore", "ignore", log],
    });
    closeSync(log);
    this.child = child;
    this.starts++;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the server exited at start (${child.exitCode ?? child.signalCode}):\n${this.logTail()}`);
      }
      try {
        const r = await fetch(`${this.base}/api/health`, { signal: AbortSignal.timeout(2_000) });
        if (r.ok) return;
      } catch {
        // not up yet
      }
      await sleep(50);
    }
    throw new Error(`the server did not answer /api/health within 60 s:\n${this.logTail()}`);
  }

  private exited(child: ChildProcess): Promise<void> {
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
    });
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill("SIGKILL");
    await this.exited(child);
    this.child = null;
  }

  /** A graceful stop; returns the exit code. */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child) return null;
    child.kill("SIGTERM");
    await this.exited(child);
    this.child = null;
    return child.exitCode;
  }

  logTail(): string {
    try {
      return readFileSync(this.logFile, "utf8").split("\n").slice(-40).join("\n");
    } catch {
      return "(no log)";
    }
  }
}

/** Makes users, each with a day-long session, in `db`; answers their id, email and cookie. */
export function userMaker(db: Database.Database) {
  const now = Date.now();
  const user = db.prepare(`INSERT INTO "User" ("id", "email", "displayName", "locale", "createdAt") VALUES (?, ?, ?, ?, ?)`);
  const session = db.prepare(`INSERT INTO "Session" ("id", "userId", "expiresAt", "createdAt") VALUES (?, ?, ?, ?)`);
  return (email: string, name: string, locale: string) => {
    const id = newId();
    const token = randomBytes(32).toString("base64url");
    user.run(id, email, name, locale, sqlTime(now));
    session.run(createHash("sha256").update(token).digest("hex"), id, sqlTime(now + 86_400_000), sqlTime(now));
    return { id, email, cookie: `quorum_session=${token}` };
  };
}
