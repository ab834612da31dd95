// Configuration: read from the environment once at start and validated. Nothing else in the
// code reads process.env or a Worker's env.
import { z } from "zod";
import { parseTrustedProxies } from "./http/trusted-proxies.ts";

type NodeEnv = "development" | "production" | "test";

const DEFAULT_MAIL_FROM = "Quorum <noreply@localhost>";

/** The address in a sender such as `Quorum <deals@mail.example.com>` (or the sender itself). */
const addressOf = (sender: string) => (/<([^<>]+)>/.exec(sender)?.[1] ?? sender).trim();

const bool = (name: string) =>
  z.enum(["on", "off"], { error: `${name} must be "on" or "off"` });

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    // Unset: 127.0.0.1, except in production (see the transform).
    HOST: z.string().min(1).optional(),
    APP_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^file:.+/, "DATABASE_URL must be a SQLite file URL such as file:./data/quorum.db")
      .default("file:./data/quorum.db"),
    RESEND_API_KEY: z.string().min(1).optional(),
    RESEND_BASE_URL: z.url().optional(),
    RESEND_MAX_RPS: z.coerce.number().positive().max(1000).default(2),
    MAIL_FROM: z.string().min(3).default(DEFAULT_MAIL_FROM),
    // The operator's address for people's questions (the footer's "Contact"); unset, MAIL_FROM's address.
    CONTACT_EMAIL: z.email({ error: "CONTACT_EMAIL must be an email address" }).optional(),
    SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(15_000),
    RATE_LIMITS: bool("RATE_LIMITS").default("on"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    STRIPE_SECRET_KEY: z.string().min(1).optional(),
    STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
    STRIPE_API_BASE: z.url().optional(),
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
    ADMIN_EMAILS: z
      .string()
      .transform((list, ctx) => {
        const emails = [...new Set(list.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean))];
        const bad = emails.filter((e) => !z.email().safeParse(e).success);
        if (bad.length) ctx.addIssue({ code: "custom", message: `ADMIN_EMAILS must be comma-separated email addresses, not: ${bad.join(", ")}` });
        return emails;
      })
      .default([]),
    TRUSTED_PROXIES: z
      .string()
      .transform((list, ctx) => {
        const { ranges, invalid } = parseTrustedProxies(list);
        if (invalid.length) ctx.addIssue({ code: "custom", message: `TRUSTED_PROXIES must be comma-separated IP addresses or CIDR ranges, not: ${invalid.join(", ")}` });
        return ranges;
      })
      .default([]),
    // Sign-in: a global bound on sign-in emails, whatever the addresses, so a burst cannot use up
    // the mail provider's quota and hold up deal outcomes.
    SIGN_IN_EMAILS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(1000),
    // Live deal pages (api/deals/events-hub.ts): open streams per client address and in all, and
    // how long one stream lives before the page reconnects for a fresh snapshot.
    EVENT_STREAMS_PER_CLIENT: z.coerce.number().int().min(1).max(10_000).default(20),
    EVENT_STREAMS_MAX: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
    EVENT_STREAM_MAX_AGE_MS: z.coerce.number().int().min(200).max(86_400_000).default(900_000),
    // Who moves the SQLite WAL back into the database file (api/db/checkpointer.ts): a worker
    // thread, SQLite itself inside a commit, or nobody (Litestream does it; docs/OPERATING.md).
    WAL_CHECKPOINTS: z.enum(["thread", "sqlite", "off"]).default("thread"),
    // A check for development and the tests (api/db/node.ts): run the statements a batch may skip
    // (Stmt.onlyAfter, api/db/sql.ts) and fail the batch if one of them changed anything.
    SQL_CHECK_SKIPS: z.enum(["on", "off"]).default("off"),
  })
  .superRefine((e, ctx) => {
    // Resend refuses a sender on an unverified domain; localhost can never be verified.
    if (e.RESEND_API_KEY && /@localhost\b/.test(e.MAIL_FROM)) {
      ctx.addIssue({
        code: "custom",
        path: ["MAIL_FROM"],
        message: "set MAIL_FROM to an address on your verified Resend domain when RESEND_API_KEY is set",
      });
    }
    // Without the webhook secret, payments would be asked for but never seen as paid.
    if (e.STRIPE_SECRET_KEY && !e.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_WEBHOOK_SECRET"],
        message: "set STRIPE_WEBHOOK_SECRET when STRIPE_SECRET_KEY is set: Stripe's webhooks are verified with it",
      });
    }
  })
  .transform((e) => {
    const appUrl = (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
    return {
      nodeEnv: e.NODE_ENV,
      port: e.PORT,
      host: e.HOST ?? (e.NODE_ENV === "production" ? "0.0.0.0" : "127.0.0.1"),
      appUrl,
      appOrigin: new URL(appUrl).origin,
      secureCookies: appUrl.startsWith("https:"),
      databaseUrl: e.DATABASE_URL,
      resend: e.RESEND_API_KEY
        ? { apiKey: e.RESEND_API_KEY, baseUrl: e.RESEND_BASE_URL, maxRps: e.RESEND_MAX_RPS }
        : null,
      mailFrom: e.MAIL_FROM,
      contactEmail: e.CONTACT_EMAIL ?? addressOf(e.MAIL_FROM),
      sweepIntervalMs: e.SWEEP_INTERVAL_MS,
      rateLimits: e.RATE_LIMITS === "on",
      logLevel: e.LOG_LEVEL,
      // Development mode: no real mail provider and not production.
      devMode: !e.RESEND_API_KEY && e.NODE_ENV !== "production",
      stripe:
        e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
          ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiBase: e.STRIPE_API_BASE }
          : null,
      metricsToken: e.METRICS_TOKEN ?? null,
      adminEmails: e.ADMIN_EMAILS,
      trustedProxies: e.TRUSTED_PROXIES,
      signInEmailsPerHour: e.SIGN_IN_EMAILS_PER_HOUR,
      eventStreamsPerClient: e.EVENT_STREAMS_PER_CLIENT,
      eventStreamsMax: e.EVENT_STREAMS_MAX,
      eventStreamMaxAgeMs: e.EVENT_STREAM_MAX_AGE_MS,
      walCheckpoints: e.WAL_CHECKPOINTS,
      sqlCheckSkips: e.SQL_CHECK_SKIPS === "on",
    };
  });

export type Config = z.output<typeof schema>;

/** A configuration that must not run; `variables` names each variable at fault. */
export class ConfigError extends Error {
  constructor(
    heading: string,
    readonly problems: { variable: string; message: string }[],
  ) {
    super(`${heading}\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n")}`);
  }

  get variables(): string[] {
    return this.problems.map((p) => p.variable);
  }
}

/**
 * Parses the environment; a bad value throws a ConfigError naming the variable. An unset NODE_ENV
 * is `defaultNodeEnv`: each entry says which mode it runs in when nobody chose one.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  { defaultNodeEnv = "development" }: { defaultNodeEnv?: NodeEnv } = {},
): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse({ NODE_ENV: defaultNodeEnv, ...present });
  if (!result.success) {
    const problems = result.error.issues.map((i) => ({ variable: String(i.path[0] ?? "(env)"), message: i.message }));
    throw new ConfigError("Invalid configuration:", problems);
  }
  return result.data;
}

/**
 * What production refuses to run with, so that a forgotten variable on a server stops the start
 * instead of serving an open mailbox or unlimited sign-ins. Local addresses may stay http so the
 * production build can be tried on one's own machine.
 */
export function refuseUnsafeProduction(config: Config): Config {
  if (config.nodeEnv !== "production") return config;
  const problems: { variable: string; message: string }[] = [];
  if (!config.resend) {
    problems.push({
      variable: "RESEND_API_KEY",
      message: "production sends real email: set RESEND_API_KEY (to try Quorum locally, set NODE_ENV=development)",
    });
  }
  const url = new URL(config.appUrl);
  const local = url.protocol === "http:" && (url.hostname === "localhost" || url.hostname === "127.0.0.1");
  if (url.protocol !== "https:" && !local) {
    problems.push({ variable: "APP_URL", message: `production needs an https APP_URL (only http://localhost and http://127.0.0.1 may be http), not ${config.appUrl}` });
  }
  if (config.mailFrom === DEFAULT_MAIL_FROM) {
    problems.push({ variable: "MAIL_FROM", message: `production needs a sender on your own domain, not the default ${DEFAULT_MAIL_FROM}` });
  }
  if (!config.rateLimits) {
    problems.push({ variable: "RATE_LIMITS", message: "RATE_LIMITS=off is for load tests and benchmarks, never production" });
  }
  if (problems.length) throw new ConfigError("Refusing to start in production (NODE_ENV=production):", problems);
  return config;
}
