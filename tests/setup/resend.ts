// Email through the real Resend SDK to the fake Resend server, for one test: start the fake, and
// get the environment that points an app's outbox at it, apps on it, the app's own Resend
// transport, and database files shared by several apps. All of it is closed when the test ends.
import { onTestFinished } from "vitest";
import { resendTransport } from "../../api/outbox/resend.ts";
import type { Transport } from "../../api/outbox/transport.ts";
import { tempDatabase } from "./db.ts";
import { DEFAULT_API_KEY, startFakeResend, type FakeResend, type FakeResendOptions } from "./fake-resend.ts";
import { createTestApp, type TestApp } from "./harness.ts";

/** MAIL_FROM of every app on the fake. */
export const SENDER = "Quorum <deals@quorum.example>";

const silent = { info() {}, warn() {}, error() {} };

/** The environment that sends an app's email to `fake`, fast enough that pacing never slows a test. */
export function resendEnv(fake: FakeResend, env: Record<string, string> = {}): Record<string, string> {
  return { RESEND_API_KEY: DEFAULT_API_KEY, RESEND_BASE_URL: fake.url, RESEND_MAX_RPS: "1000", MAIL_FROM: SENDER, ...env };
}

export interface ResendSetup {
  fake: FakeResend;
  /** resendEnv for this fake, with `over` on top. */
  env(over?: Record<string, string>): Record<string, string>;
  /** An app whose outbox sends to the fake; closed when the test ends (closing it earlier is fine). */
  app(over?: Record<string, string>): Promise<TestApp>;
  /** The transport the app builds for Resend, on the real SDK, pointed at the fake, logging nothing. */
  transport(opts?: { maxRps?: number }): Transport;
  /** A DATABASE_URL for a SQLite file that several apps open, as several processes would; removed when the test ends. */
  database(): string;
}

/** Starts the fake (rate limit 1000 a second unless `options` says otherwise); call it inside a test. */
export async function startResend(options: FakeResendOptions = {}): Promise<ResendSetup> {
  const fake = await startFakeResend({ rateLimitPerSecond: 1000, ...options });
  const apps: TestApp[] = [];
  const files: (() => void)[] = [];
  // Apps first, so no dispatcher is mid-call when the fake goes; their files last.
  onTestFinished(async () => {
    for (const a of apps) await a.close();
    await fake.close();
    for (const remove of files) remove();
  });
  const env = (over: Record<string, string> = {}) => resendEnv(fake, over);
  return {
    fake,
    env,
    async app(over = {}) {
      const app = await createTestApp(env(over));
      const close = app.close;
      let closed: Promise<void> | undefined;
      app.close = () => (closed ??= close());
      apps.push(app);
      return app;
    },
    transport: ({ maxRps = 1000 } = {}) => resendTransport({ apiKey: DEFAULT_API_KEY, baseUrl: fake.url, maxRps }, silent),
    database() {
      const db = tempDatabase();
      files.push(db.cleanup);
      return db.url;
    },
  };
}
