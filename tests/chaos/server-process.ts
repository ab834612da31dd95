// The server under test as a child process (`node --import tsx api/node.ts`) on one port and one
// SQLite file, killed with SIGKILL and restarted at will: shared by the kill -9 tests.
import { spawn, type ChildProcess } from "node:child_process";
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
