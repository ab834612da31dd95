// Development mode is chosen, never fallen into: which mode each entry runs in when NODE_ENV is
// unset, where it listens, and what production refuses to start with. The refusals are started
// for real: the Node entry as `npm start` runs it, the bundle as `npm run serve` runs it, and the
// Worker's fetch and scheduled handlers.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConfigError, loadConfig, refuseUnsafeProduction } from "../api/config.ts";
import worker, { type WorkerEnv } from "../api/worker.ts";

const root = join(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "quorum-modes-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A production configuration with nothing wrong (on 127.0.0.1: tests never listen wider). */
const GOOD = {
  NODE_ENV: "production",
  HOST: "127.0.0.1",
  APP_URL: "https://quorum.example",
  RESEND_API_KEY: "re_test_key",
  RESEND_BASE_URL: "http://127.0.0.1:9",
  MAIL_FROM: "Quorum <deals@quorum.example>",
};
const without = (env: Record<string, string>, name: string) => Object.fromEntries(Object.entries(env).filter(([k]) => k !== name));

/** The variables a refusal names, in order. */
const named = (message: string) => [...message.matchAll(/^ {2}([A-Z_]+):/gm)].map((m) => m[1]);

describe("loadConfig and refuseUnsafeProduction", () => {
  it("takes an unset NODE_ENV from the entry, and an explicit one from the environment", () => {
    expect(loadConfig({})).toMatchObject({ nodeEnv: "development", devMode: true });
    expect(loadConfig({}, { defaultNodeEnv: "production" })).toMatchObject({ nodeEnv: "production", devMode: false });
    expect(loadConfig({ NODE_ENV: "development" }, { defaultNodeEnv: "production" }).nodeEnv).toBe("development");
    expect(loadConfig({ NODE_ENV: "" }, { defaultNodeEnv: "production" }).nodeEnv).toBe("production");
  });

  it("listens on 127.0.0.1 outside production and on 0.0.0.0 in production, unless HOST says otherwise", () => {
    expect(loadConfig({}).host).toBe("127.0.0.1");
    expect(loadConfig({ NODE_ENV: "test" }).host).toBe("127.0.0.1");
    expect(loadConfig({ NODE_ENV: "production" }).host).toBe("0.0.0.0");
    expect(loadConfig({}, { defaultNodeEnv: "production" }).host).toBe("0.0.0.0");
    expect(loadConfig({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
    expect(loadConfig({ NODE_ENV: "production", HOST: "10.0.0.5" }).host).toBe("10.0.0.5");
  });

  it("parses the payment, metrics, administrator and proxy variables", () => {
    expect(loadConfig({})).toMatchObject({ stripe: null, metricsToken: null, adminEmails: [], trustedProxies: [] });
    const c = loadConfig({
      STRIPE_SECRET_KEY: "sk_test_1",
      STRIPE_WEBHOOK_SECRET: "whsec_1",
      STRIPE_API_BASE: "http://127.0.0.1:12111",
      METRICS_TOKEN: "0123456789abcdef",
      ADMIN_EMAILS: " Ops@Quorum.example,b@example.com,, ops@quorum.example ",
      TRUSTED_PROXIES: "10.0.0.0/8, ::1",
    });
    expect(c.stripe).toEqual({ secretKey: "sk_test_1", webhookSecret: "whsec_1", apiBase: "http://127.0.0.1:12111" });
    expect(c.metricsToken).toBe("0123456789abcdef");
    expect(c.adminEmails).toEqual(["ops@quorum.example", "b@example.com"]);
    expect(c.trustedProxies.map((r) => [r.text, r.prefix])).toEqual([["10.0.0.0/8", 104], ["::1", 128]]);
  });

  it.each([
    [{ STRIPE_SECRET_KEY: "sk_test_1" }, "STRIPE_WEBHOOK_SECRET"],
    [{ STRIPE_SECRET_KEY: "sk_test_1", NODE_ENV: "test" }, "STRIPE_WEBHOOK_SECRET"],
    [{ STRIPE_SECRET_KEY: "sk_test_1", NODE_ENV: "production" }, "STRIPE_WEBHOOK_SECRET"],
    [{ STRIPE_API_BASE: "not a url" }, "STRIPE_API_BASE"],
    [{ METRICS_TOKEN: "0123456789abcde" }, "METRICS_TOKEN"],
    [{ ADMIN_EMAILS: "ops@quorum.example, not-an-address" }, "ADMIN_EMAILS"],
    [{ TRUSTED_PROXIES: "10.0.0.0/8, 10.0.0.0/33" }, "TRUSTED_PROXIES"],
    [{ TRUSTED_PROXIES: "proxy.internal" }, "TRUSTED_PROXIES"],
  ])("refuses %o in any mode, naming %s", (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}:`));
  });

  it("lets a correct production configuration through, with http only on this machine", () => {
    for (const APP_URL of ["https://quorum.example", "http://localhost:3000", "http://127.0.0.1:8080", "http://localhost"]) {
      expect(refuseUnsafeProduction(loadConfig({ ...GOOD, APP_URL })).appUrl).toBe(APP_URL);
    }
    expect(refuseUnsafeProduction(loadConfig(without(GOOD, "APP_URL"))).appUrl).toBe("http://localhost:3000");
  });

  it.each([
    { what: "no RESEND_API_KEY", env: without(GOOD, "RESEND_API_KEY"), names: ["RESEND_API_KEY"] },
    { what: "an http APP_URL", env: { ...GOOD, APP_URL: "http://quorum.example" }, names: ["APP_URL"] },
    { what: "an http APP_URL on a private address", env: { ...GOOD, APP_URL: "http://10.0.0.5:3000" }, names: ["APP_URL"] },
    { what: "the default MAIL_FROM, set explicitly", env: { ...without(GOOD, "RESEND_API_KEY"), MAIL_FROM: "Quorum <noreply@localhost>" }, names: ["RESEND_API_KEY", "MAIL_FROM"] },
    { what: "RATE_LIMITS=off", env: { ...GOOD, RATE_LIMITS: "off" }, names: ["RATE_LIMITS"] },
  ])("refuses production with $what, naming $names", ({ env, names }) => {
    let error: unknown;
    try {
      refuseUnsafeProduction(loadConfig(env));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^Refusing to start in production \(NODE_ENV=production\):\n/);
    expect(named((error as ConfigError).message)).toEqual(names);
  });

  it("refuses nothing outside production", () => {
    const env = { APP_URL: "http://quorum.example", RATE_LIMITS: "off" };
    expect(refuseUnsafeProduction(loadConfig(env)).rateLimits).toBe(false);
    expect(refuseUnsafeProduction(loadConfig({ ...env, NODE_ENV: "test" })).rateLimits).toBe(false);
  });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Where it listens, from its start line, once it is up. */
  address?: { host: string; port: number };
  stop(): Promise<number | null>;
}

let dbs = 0;

/**
 * Runs a Node entry with exactly `env` (no NODE_ENV inherited from the test runner) on port 0 and
 * a fresh database file, until it exits or says where it listens.
 */
function run(args: string[], env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: `file:${join(work, `db${++dbs}.db`)}`, PORT: "0", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out: Run = {
    code: null,
    stdout: "",
    stderr: "",
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      return child.exitCode;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`neither exited nor listened in 60 s:\n${out.stdout}\n${out.stderr}`));
    }, 60_000);
    child.stderr!.on("data", (d) => (out.stderr += d));
    child.stdout!.on("data", (d) => {
      out.stdout += d;
      const m = /listening on ([\d.:a-f]+):(\d+)/.exec(out.stdout);
      if (m && !out.address) {
        out.address = { host: m[1]!, port: Number(m[2]) };
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once("exit", (code) => {
      out.code = code;
      clearTimeout(timer);
      resolve(out);
    });
  });
}

const source = (env: Record<string, string>) => run(["--import", "tsx", "api/node.ts"], env);

const statusOf = async (r: Run, path: string) => (await fetch(`http://127.0.0.1:${r.address!.port}${path}`)).status;

/** A started server in production: up on 127.0.0.1, without development routes, and it stops cleanly. */
async function expectProduction(r: Run) {
  try {
    expect(r.address, r.stderr).toEqual({ host: "127.0.0.1", port: expect.any(Number) });
    expect(r.stdout).toContain("NODE_ENV=production");
    expect(await statusOf(r, "/api/health")).toBe(200);
    expect(await statusOf(r, "/api/dev/mailbox")).toBe(404);
  } finally {
    expect(await r.stop()).toBe(0);
  }
}

/** Whether anything accepts a TCP connection at host:port. */
const accepts = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host, port });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });

describe("the Node entry, started for real", () => {
  it.each([
    { what: "no RESEND_API_KEY in production", env: without(GOOD, "RESEND_API_KEY"), name: "RESEND_API_KEY" },
    { what: "an http APP_URL in production", env: { ...GOOD, APP_URL: "http://quorum.example" }, name: "APP_URL" },
    { what: "the default MAIL_FROM in production", env: without(GOOD, "MAIL_FROM"), name: "MAIL_FROM" },
    { what: "RATE_LIMITS=off in production", env: { ...GOOD, RATE_LIMITS: "off" }, name: "RATE_LIMITS" },
    { what: "STRIPE_SECRET_KEY alone in production", env: { ...GOOD, STRIPE_SECRET_KEY: "sk_test_1" }, name: "STRIPE_WEBHOOK_SECRET" },
    { what: "STRIPE_SECRET_KEY alone, in development", env: { NODE_ENV: "development", STRIPE_SECRET_KEY: "sk_test_1" }, name: "STRIPE_WEBHOOK_SECRET" },
  ])("refuses to start with $what: exit code 1, naming $name", async ({ env, name }) => {
    const r = await source(env);
    if (r.address) await r.stop();
    expect(r.address, r.stdout).toBeUndefined();
    expect(r.code).toBe(1);
    expect(named(r.stderr)).toEqual([name]);
  });

  it("starts with a correct production configuration: no development routes", async () => {
    await expectProduction(await source(GOOD));
  });

  it("runs in development without NODE_ENV, as `npm start` does, listening on 127.0.0.1 only", async () => {
    expect(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.start).toBe("tsx api/node.ts");
    const r = await source({});
    try {
      expect(r.address, r.stderr).toEqual({ host: "127.0.0.1", port: expect.any(Number) });
      expect(r.stdout).toContain("NODE_ENV=development");
      expect(await statusOf(r, "/api/dev/mailbox")).toBe(200);
      // Bound to 127.0.0.1, not to every address: another loopback address finds nothing there.
      expect(await accepts("127.0.0.1", r.address!.port)).toBe(true);
      expect(await accepts("127.0.0.2", r.address!.port)).toBe(false);
    } finally {
      await r.stop();
    }
  });
});

describe("the production bundle, as `npm run serve` runs it", () => {
  const outDir = join(root, "dist", `test-modes-${process.pid}`);
  let bundle: string;

  beforeAll(() => {
    // `npm run build:server`, with only the output file moved aside (next to dist/server.mjs, so
    // that it finds node_modules and the web app as the real bundle does).
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(pkg.scripts.serve).toBe("node dist/server.mjs");
    const args: string[] = pkg.scripts["build:server"].split(/\s+/);
    expect(args[0]).toBe("esbuild");
    expect(args).toContain("--outfile=dist/server.mjs");
    bundle = join(outDir, "server.mjs");
    mkdirSync(outDir, { recursive: true });
    const built = spawnSync(
      join(root, "node_modules", ".bin", "esbuild"),
      args.slice(1).map((a) => (a === "--outfile=dist/server.mjs" ? `--outfile=${bundle}` : a)),
      { cwd: root, encoding: "utf8" },
    );
    if (built.status !== 0) throw new Error(`esbuild failed:\n${built.stdout}\n${built.stderr}`);
  }, 60_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("is production without NODE_ENV: a bare start is refused, naming RESEND_API_KEY", async () => {
    const r = await run([bundle], {});
    if (r.address) await r.stop();
    expect(r.address, r.stdout).toBeUndefined();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Refusing to start in production (NODE_ENV=production):");
    expect(named(r.stderr)).toEqual(["RESEND_API_KEY", "MAIL_FROM"]);
  });

  it("is production without NODE_ENV: configured, it starts with no development routes", async () => {
    await expectProduction(await run([bundle], without(GOOD, "NODE_ENV")));
  });

  it("runs in development when the environment says so", async () => {
    const r = await run([bundle], { NODE_ENV: "development" });
    try {
      expect(r.address, r.stderr).toEqual({ host: "127.0.0.1", port: expect.any(Number) });
      expect(await statusOf(r, "/api/dev/mailbox")).toBe(200);
    } finally {
      await r.stop();
    }
  });
});

describe("the Worker, misconfigured", () => {
  const ctx = { waitUntil() {}, passThroughOnException() {} } as never;
  const env = (vars: Record<string, string>) => ({ ...vars, DB: undefined, ASSETS: undefined }) as unknown as WorkerEnv;

  it.each([
    { what: "no NODE_ENV and nothing else (production by default)", vars: {}, names: ["RESEND_API_KEY", "MAIL_FROM"] },
    { what: "no RESEND_API_KEY", vars: without(GOOD, "RESEND_API_KEY"), names: ["RESEND_API_KEY"] },
    { what: "an http APP_URL", vars: { ...GOOD, APP_URL: "http://quorum.example" }, names: ["APP_URL"] },
    { what: "the default MAIL_FROM", vars: without(GOOD, "MAIL_FROM"), names: ["MAIL_FROM"] },
    { what: "RATE_LIMITS=off", vars: { ...GOOD, RATE_LIMITS: "off" }, names: ["RATE_LIMITS"] },
    { what: "STRIPE_SECRET_KEY alone, in development", vars: { NODE_ENV: "development", STRIPE_SECRET_KEY: "sk_test_1" }, names: ["STRIPE_WEBHOOK_SECRET"] },
  ])("with $what answers a generic 500 and logs one JSON line naming $names; the cron runs nothing", async ({ vars, names }) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await worker.fetch(new Request("https://quorum.example/api/deals") as never, env(vars), ctx);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: { code: "INTERNAL", message: expect.any(String) } });
      expect(logged).toHaveBeenCalledTimes(1);
      const line = JSON.parse(String(logged.mock.calls[0]![0]));
      expect(line).toMatchObject({ level: "error", variables: names });
      expect(named(line.error)).toEqual(names);

      // Run for real, the sweep would reach the (absent) database and throw.
      await expect(worker.scheduled({} as never, env(vars), ctx)).resolves.toBeUndefined();
      expect(logged).toHaveBeenCalledTimes(2);
    } finally {
      logged.mockRestore();
    }
  });
});
