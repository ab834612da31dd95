// The WAL's checkpoints, off the event loop. SQLite's automatic checkpoint runs inside the commit
// that crosses 1,000 WAL pages: it copies the WAL into the database file and fsyncs it, on the
// thread that serves requests. Under a crowd of joins those commits took 3–20 ms while every
// other one took 20 µs (issue 17, bench/join-statements.ts). Here a worker thread with its own
// connection to the same file runs PASSIVE checkpoints instead: they copy what no reader still
// needs and never block the writer, and the server's connection turns its automatic checkpoint
// off. Durability is unchanged: commits were never fsynced in WAL with synchronous=NORMAL
// (docs/decisions/002), and the checkpoint's fsync still happens, only elsewhere.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

/** How often the worker checkpoints (a PASSIVE checkpoint of an empty WAL costs next to nothing). */
const CHECKPOINT_INTERVAL_MS = 100;
/** Beyond this many WAL pages the server's own commit checkpoints again, so the WAL stays bounded if the worker stalls. */
const FALLBACK_PAGES = 20_000;

// Plain CommonJS so that it runs the same from source (tsx) and from the production bundle.
const WORKER = `
const { workerData, parentPort } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("busy_timeout = 5000");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
let stopping = false;
const tick = () => {
  if (stopping) return;
  try { checkpoint.get(); } catch (e) { parentPort.postMessage({ error: String(e && e.message || e) }); }
  setTimeout(tick, workerData.intervalMs);
};
parentPort.on("message", (m) => { if (m === "stop") { stopping = true; db.close(); parentPort.close(); } });
tick();
`;

interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Moves the checkpoints of `raw`'s database (a file in WAL mode) to a worker thread. `onError`
 * hears a checkpoint that failed (the next one tries again).
 */
export function startCheckpointer(raw: Database.Database, path: string, onError: (message: string) => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, path, intervalMs: CHECKPOINT_INTERVAL_MS } });
  worker.on("message", (m: { error?: string }) => m.error && onError(m.error));
  // What a worker throws reaches here cloned: better-sqlite3's errors arrive as plain objects
  // ({ code: "SQLITE_CANTOPEN" }), with no message.
  worker.on("error", (e: unknown) => onError(e instanceof Error ? e.message : JSON.stringify(e)));
  // Known from the start: a worker that failed to start has exited before anyone asks it to stop.
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  // Not a reason to keep the process alive.
  worker.unref();
  raw.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  return {
    stop() {
      // Held again until it is gone: with nothing else left to run, an unref'd worker would let
      // the process end with this promise unsettled (a script's `await db.close()` never returned).
      worker.ref();
      worker.postMessage("stop");
      return exited;
    },
  };
}
