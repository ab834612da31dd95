// Configuration is validated once at start; a bad value stops the start naming the variable.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../api/config.ts";

describe("loadConfig", () => {
  it("has the documented defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      appUrl: "http://localhost:3000",
      databaseUrl: "file:./data/quorum.db",
      resend: null,
      mailFrom: "Quorum <noreply@localhost>",
      sweepIntervalMs: 15000,
      rateLimits: true,
      devMode: true,
      secureCookies: false,
    });
  });

  it("derives APP_URL from PORT, and Secure cookies from an https APP_URL", () => {
    expect(loadConfig({ PORT: "8080" }).appUrl).toBe("http://localhost:8080");
    expect(loadConfig({ APP_URL: "https://quorum.example/" })).toMatchObject({
      appUrl: "https://quorum.example",
      appOrigin: "https://quorum.example",
      secureCookies: true,
    });
  });

  it("is in development mode only without a mail provider and outside production", () => {
    expect(loadConfig({ NODE_ENV: "production" }).devMode).toBe(false);
    expect(loadConfig({ RESEND_API_KEY: "re_x", MAIL_FROM: "Q <q@mail.example>" }).devMode).toBe(false);
    expect(loadConfig({ NODE_ENV: "test" }).devMode).toBe(true);
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ APP_URL: "ftp://quorum.example" }, "APP_URL"],
    [{ DATABASE_URL: "postgres://x" }, "DATABASE_URL"],
    [{ RATE_LIMITS: "maybe" }, "RATE_LIMITS"],
    [{ SWEEP_INTERVAL_MS: "5" }, "SWEEP_INTERVAL_MS"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
    [{ RESEND_API_KEY: "re_x" }, "MAIL_FROM"],
    [{ RESEND_MAX_RPS: "0" }, "RESEND_MAX_RPS"],
  ])("refuses %o, naming %s", (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}:`));
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ RESEND_API_KEY: "", PORT: "" })).toMatchObject({ resend: null, port: 3000 });
  });

  it("takes the contact address from CONTACT_EMAIL, else from MAIL_FROM", () => {
    expect(loadConfig({}).contactEmail).toBe("noreply@localhost");
    expect(loadConfig({ MAIL_FROM: "Quorum <deals@mail.example.com>" }).contactEmail).toBe("deals@mail.example.com");
    expect(loadConfig({ MAIL_FROM: "deals@mail.example.com" }).contactEmail).toBe("deals@mail.example.com");
    expect(loadConfig({ CONTACT_EMAIL: "hello@quorum.example" }).contactEmail).toBe("hello@quorum.example");
    expect(() => loadConfig({ CONTACT_EMAIL: "not an address" })).toThrow(/CONTACT_EMAIL/);
  });
});
