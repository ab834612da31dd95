// Browser tests: real Chromium through playwright-core, against the built web app served by the
// real server on 127.0.0.1. Without Chromium the tests skip with a loud notice; with CI=true a
// missing Chromium fails the run.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { ensureWebBuilt } from "../../web/build-if-stale.mjs";
import { startTestServer } from "../setup/harness.ts";
import { freePort } from "../setup/ports.ts";
import type { Catalogue } from "../../api/contract/i18n/keys.ts";
import { en } from "../../api/contract/i18n/en.ts";
import { nl } from "../../api/contract/i18n/nl.ts";
import { de } from "../../api/contract/i18n/de.ts";

export const catalogues: Record<"en" | "nl" | "de", Catalogue> = { en, nl, de };

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

function findChromium(): string | null {
  const found = CANDIDATES.find((p): p is string => !!p && existsSync(p)) ?? null;
  if (!found) {
    const message =
      "\n" +
      "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n" +
      "!! No Chromium found (looked for " + CANDIDATES.filter(Boolean).join(", ") + ").\n" +
      "!! The browser tests are SKIPPED. Install it with: apt-get install chromium\n" +
      "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n";
    if (process.env.CI === "true") throw new Error(`CI=true and no Chromium: the browser tests cannot run.${message}`);
    console.warn(message);
  }
  return found;
}

export const chromiumPath = findChromium();

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath!, headless: true, args: CHROMIUM_ARGS });
}

/**
 * The built app on the real server. APP_URL is the server's own address, so the links in the
 * development mailbox's emails open this server.
 */
export async function startWebServer(env: Record<string, string> = {}) {
  await ensureWebBuilt();
  const port = await freePort();
  return startTestServer({ PORT: String(port), APP_URL: `http://127.0.0.1:${port}`, ...env });
}

type WebServer = Awaited<ReturnType<typeof startWebServer>>;

/**
 * A browser and the built app's server for one describe block: both started before its tests,
 * and closed after them with every browser context the tests put in `contexts`. Read `browser`
 * and `server` inside tests and hooks: they exist once the block's first hook has run.
 */
export function browserAndServer(env: Record<string, string> = {}) {
  const e2e = { browser: undefined as unknown as Browser, server: undefined as unknown as WebServer, contexts: [] as BrowserContext[] };
  beforeAll(async () => {
    [e2e.browser, e2e.server] = await Promise.all([launchBrowser(), startWebServer(env)]);
  });
  afterAll(async () => {
    for (const c of e2e.contexts) await c.close();
    await e2e.browser?.close();
    await e2e.server?.close();
  });
  return e2e;
}

/** No serious or critical axe violation on the page, and nothing wider than the screen. */
export async function expectAccessible(page: Page, what: string) {
  const serious = (await runAxe(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), what).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${what}: overflow`).toBeLessThanOrEqual(0);
}

/** A test user's session cookie, as a browser context takes it. */
export const cookieOf = (user: { cookie: string }) => {
  const [name, value] = user.cookie.split("=") as [string, string];
  return { name, value };
};

/** A new browser profile: a person with their own cookies, in a language. */
export async function newPerson(browser: Browser, { locale = "en-GB", width = 1280, height = 800 } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale, viewport: { width, height }, timezoneId: "Europe/Amsterdam" });
  // Fail fast and say which element was missing, well inside the test's own timeout.
  context.setDefaultTimeout(5_000);
  return context;
}

/** Fails the test on any script error in the page, and on console errors other than failed loads the test expects. */
export function watchErrors(page: Page, errors: string[]): void {
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page (WCAG 2.x A and AA, and best practices). */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy stays on.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

export const SCREENSHOT_DIR = join(import.meta.dirname, "..", "..", "test-results", "screenshots");

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const size = page.viewportSize();
  const path = join(SCREENSHOT_DIR, `${name}-${size?.width}x${size?.height}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A plural message as the app shows it (Intl plural rules: "one" or "other"). */
export function plural(m: Catalogue, lang: string, base: string, count: number, vars: Record<string, string | number> = {}): string {
  const rule = new Intl.PluralRules(lang).select(count) === "one" ? "one" : "other";
  return fill(m[`${base}.${rule}` as keyof Catalogue], { count, ...vars });
}

export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A regular expression that matches a string literally. */
export const literally = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
