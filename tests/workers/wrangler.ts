// Runs the Worker under workerd with `wrangler dev`, on 127.0.0.1, with a fresh local D1 that
// has the project's migrations applied: the same path as `npm run dev:worker`.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../setup/ports.ts";

const root = join(import.meta.dirname, "..", "..");
const wrangler = join(root, "node_modules", ".bin", "wrangler");

function run(args: string[], persist: string) {
  const r = spawnSync(wrangler, args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
  });
  if (r.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}\n(persist ${persist})`);
  return r.stdout;
}

export interface LocalWorker {
  url: string;
  /** What wrangler and the Worker printed so far. */
  output(): string;
  /** Runs SQL against the local D1 (test setup only). */
  d1(sql: string): void;
  stop(): Promise<void>;
}

/**
 * The project's wrangler.toml with absolute paths, written beside the test's database. Without
 * static assets when `assets` is false: wrangler 4.86's local scheduled-event endpoint answers
 * "exception" when the assets router is in front of the Worker.
 */
function testConfig(dir: string, assets: boolean): string {
  let toml = readFileSync(join(root, "wrangler.toml"), "utf8")
    .replace(/^main = ".*"$/m, `main = "${join(root, "api", "worker.ts")}"`)
    .replace(/^directory = ".*"$/m, `directory = "${join(root, "web", "dist")}"`)
    .replace(/^migrations_dir = ".*"$/m, `migrations_dir = "${join(root, ".wrangler", "d1-migrations")}"`);
  if (!assets) toml = toml.replace(/\[assets\][\s\S]*?(?=\n\[)/, "");
  const file = join(dir, "wrangler.toml");
  writeFileSync(file, toml);
  return file;
}

export async function startLocalWorker(
  vars: Record<string, string>,
  { assets = true }: { assets?: boolean } = {},
): Promise<LocalWorker> {
  spawnSync(process.execPath, [join(root, "web", "build-if-stale.mjs")], { cwd: root, stdio: "inherit" });
  spawnSync(process.execPath, [join(root, "prisma", "scripts", "d1-migrations.mjs")], { cwd: root });
  const persist = mkdtempSync(join(tmpdir(), "quorum-d1-"));
  const config = testConfig(persist, assets);
  run(["d1", "migrations", "apply", "DB", "--local", "-c", config, "--persist-to", persist], persist);
  const port = await freePort();
  const inspector = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = ["dev", "-c", config, "--local", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector)];
  args.push("--persist-to", persist, "--test-scheduled", "--show-interactive-dev-session=false");
  for (const [k, v] of Object.entries({ APP_URL: url, ...vars })) args.push("--var", `${k}:${v}`);
  const child: ChildProcess = spawn(wrangler, args, {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`wrangler dev did not answer:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    output: () => output,
    d1: (sql) => void run(["d1", "execute", "DB", "--local", "-c", config, "--persist-to", persist, "--command", sql], persist),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(persist, { recursive: true, force: true });
    },
  };
}
