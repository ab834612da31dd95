// Builds the web app (vite build into web/dist) when web/dist is missing or older than its
// sources, so `npm install && npm start` serves the app from a fresh clone with nothing else to
// set up. Run as `npm start`'s prestart; the browser tests call ensureWebBuilt() too. A lock
// directory keeps two callers (parallel test files) from building at once.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const webDir = dirname(fileURLToPath(import.meta.url));
const rootDir = join(webDir, "..");
const builtFile = join(webDir, "dist", "index.html");
const lockDir = join(webDir, ".build-lock");
/** What the bundle is made of: the app, its entry and config, and the contract it shares with the API. */
const sources = [
  join(webDir, "src"),
  join(webDir, "index.html"),
  join(webDir, "public"),
  join(webDir, "vite.config.ts"),
  join(rootDir, "api", "contract"),
  join(rootDir, "package-lock.json"),
];

function newestMtime(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function webBuildIsStale() {
  let built;
  try {
    built = statSync(builtFile).mtimeMs;
  } catch {
    return true;
  }
  return sources.some((s) => newestMtime(s) > built);
}

/**
 * Builds into a fresh directory and swaps it in, so a server (or a test) reading web/dist never
 * sees it half-built.
 */
function build() {
  const vite = join(dirname(createRequire(import.meta.url).resolve("vite/package.json")), "bin", "vite.js");
  const dist = join(webDir, "dist");
  const next = join(webDir, `.dist-${process.pid}`);
  const old = join(webDir, `.dist-old-${process.pid}`);
  const result = spawnSync(
    process.execPath,
    [vite, "build", "--config", join(webDir, "vite.config.ts"), "--outDir", next, "--emptyOutDir", "--logLevel", "warn"],
    { cwd: rootDir, stdio: "inherit" },
  );
  if (result.status !== 0) {
    rmSync(next, { recursive: true, force: true });
    throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
  }
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(next, dist);
  rmSync(old, { recursive: true, force: true });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds web/dist if it is stale; waits for a build another process is running. */
export async function ensureWebBuilt({ log = console.log } = {}) {
  if (!webBuildIsStale()) return false;
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      // A lock older than two minutes belongs to a build that died; take it over.
      if (waited > 120_000 || Date.now() - statSync(lockDir).mtimeMs > 120_000) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      await sleep(200);
    }
  }
  try {
    if (!webBuildIsStale()) return false;
    log("Building the web app (web/dist)…");
    build();
    return true;
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureWebBuilt().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
