// npm run bench:memory: memory under many distinct clients. A real server (a child process, on
// 127.0.0.1, rate limits on, behind a trusted proxy) gets sign-in requests from 200,000 distinct
// client addresses, each named in X-Forwarded-For: a sign-in email asked for and a sign-in link
// looked up and tried, so both the database-kept limits and the in-memory ones see every address.
// The server's resident memory (RSS, from /proc) is printed before, along the way and after.
// Not a timed test: it measures, it does not pass or fail.
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const ADDRESSES = Number(process.env.BENCH_ADDRESSES ?? 200_000);
const IN_FLIGHT = 32;
const PORT = Number(process.env.BENCH_PORT ?? 3211);
const base = `http://127.0.0.1:${PORT}`;
const dbFile = join(tmpdir(), `quorum-bench-memory-${process.pid}.db`);

const rssMb = (pid: number) => {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
  return Math.round((kb / 1024) * 10) / 10;
};

/** 10.0.0.1, 10.0.0.2, …: one distinct IPv4 address per client. */
const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

async function waitForHealth() {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not start");
}

const statuses = new Map<number, number>();
let retries = 0;
/** A request, tried again when the server closed an idle keep-alive socket as it was reused. */
async function send(url: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(url, init);
      await res.arrayBuffer();
      return res;
    } catch (e) {
      if (attempt >= 3) throw e;
      retries++;
    }
  }
}

async function client(i: number) {
  const headers = { "content-type": "application/json", "x-forwarded-for": addressOf(i) };
  const asked = await send(`${base}/api/auth/email`, { method: "POST", headers, body: JSON.stringify({ email: `client${i}@example.com` }) });
  statuses.set(asked.status, (statuses.get(asked.status) ?? 0) + 1);
  const token = `bench${String(i).padStart(38, "0")}`;
  await send(`${base}/api/auth/callback/${token}`, { headers });
  await send(`${base}/api/auth/callback`, { method: "POST", headers, body: JSON.stringify({ token }) });
}

const server = spawn(process.execPath, ["--import", "tsx", "api/node.ts"], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: "development",
    PORT: String(PORT),
    HOST: "127.0.0.1",
    APP_URL: base,
    DATABASE_URL: `file:${dbFile}`,
    RATE_LIMITS: "on",
    TRUSTED_PROXIES: "127.0.0.1",
    LOG_LEVEL: "error",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  await waitForHealth();
  // Warm up: the routes, the statement cache and the JIT, so "before" is the server at work.
  for (let i = 0; i < 2_000; i++) await client(ADDRESSES + i);
  const before = rssMb(server.pid!);
  console.log(`RSS before: ${before} MB (after 2,000 warm-up clients)`);
  const started = Date.now();
  let next = 0;
  const samples: string[] = [];
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < ADDRESSES) {
        const i = next++;
        await client(i);
        if ((i + 1) % 25_000 === 0) samples.push(`${i + 1}: ${rssMb(server.pid!)} MB`);
      }
    }),
  );
  const after = rssMb(server.pid!);
  const seconds = (Date.now() - started) / 1000;
  console.log(`RSS along the way (clients: RSS): ${samples.join(", ")}`);
  console.log(`RSS after ${ADDRESSES.toLocaleString("en")} distinct addresses: ${after} MB (${after - before > 0 ? "+" : ""}${Math.round((after - before) * 10) / 10} MB) in ${seconds.toFixed(0)} s`);
  console.log(`sign-in answers: ${[...statuses].map(([s, n]) => `${n} × ${s}`).join(", ")}; requests retried after a closed socket: ${retries}`);
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  for (const suffix of ["", "-wal", "-shm"]) rmSync(dbFile + suffix, { force: true });
}
