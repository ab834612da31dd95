// Configuration: read from the environment once at start and validated. Nothing else in the
// code reads process.env or a Worker's env.
import { z } from "zod";

const bool = (name: string) =>
  z.enum(["on", "off"], { error: `${name} must be "on" or "off"` });

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    APP_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^file:.+/, "DATABASE_URL must be a SQLite file URL such as file:./data/quorum.db")
      .default("file:./data/quorum.db"),
    RESEND_API_KEY: z.string().min(1).optional(),
    RESEND_BASE_URL: z.url().optional(),
    RESEND_MAX_RPS: z.coerce.number().positive().max(1000).default(2),
    MAIL_FROM: z.string().min(3).default("Quorum <noreply@localhost>"),
    SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(15_000),
    RATE_LIMITS: bool("RATE_LIMITS").default("on"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
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
  })
  .transform((e) => {
    const appUrl = (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
    return {
      nodeEnv: e.NODE_ENV,
      port: e.PORT,
      host: e.HOST,
      appUrl,
      appOrigin: new URL(appUrl).origin,
      secureCookies: appUrl.startsWith("https:"),
      databaseUrl: e.DATABASE_URL,
      resend: e.RESEND_API_KEY
        ? { apiKey: e.RESEND_API_KEY, baseUrl: e.RESEND_BASE_URL, maxRps: e.RESEND_MAX_RPS }
        : null,
      mailFrom: e.MAIL_FROM,
      sweepIntervalMs: e.SWEEP_INTERVAL_MS,
      rateLimits: e.RATE_LIMITS === "on",
      logLevel: e.LOG_LEVEL,
      // Development mode: no real mail provider and not production.
      devMode: !e.RESEND_API_KEY && e.NODE_ENV !== "production",
    };
  });

export type Config = z.output<typeof schema>;

export class ConfigError extends Error {}

/** Parses the environment; a bad value throws a ConfigError naming the variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}
