// The deal page loads at most 30 KB of JavaScript, gzipped, and every other page at most 45 KB.
// Wave 2's features had grown them to 34 and 47; they came back under by loading what most
// visitors never see when it shows (a signed-in visitor's parts of the deal page, and their words,
// which a signed-in visitor's page asks for beside the deal; the options' and tiers' rules of the
// propose form), by fewer files (the entry, Solid and its router in one; the deal page's shared
// modules in one), and by a catalogue cut finer (the deal page's further words; the link previews'
// words, which only the server says; the home page's own words in its chunk).
// A signed-in visit to the deal page, which asks for those later parts beside the deal, is held
// to 45 KB too, so that they stay a second step and not a place to hide what everyone needs.
// Builds the app into a temporary directory (as `npm run build:web` does) and adds up, from Vite's
// manifest, what a visit to each page loads: the entry and its static imports, the page's lazy
// chunk and its imports, and the parts of the message catalogue it says (the largest of the three
// languages).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DEAL_PAGE_BUDGET = 30 * 1024;
const PAGE_BUDGET = 45 * 1024;

/**
 * Each page's module, and the parts of the catalogue it says: the first part only for the pages
 * a visitor lands on, the rest too for every page web/src/App.tsx loads with `saysMore`.
 */
const PAGES: Record<
  string,
  { module: string; also?: string[]; messages: ("first" | "more" | "privacy" | "admin" | "dev" | "me" | "propose" | "manage" | "deal")[] }
> = {
  Home: { module: "pages/Home", messages: ["first"] },
  Deal: { module: "pages/deal/DealPage", messages: ["first"] },
  // A signed-in visitor's deal page asks for its later parts, and their words, beside the deal.
  DealSignedIn: { module: "pages/deal/DealPage", also: ["pages/deal/later"], messages: ["first", "more", "deal"] },
  Propose: { module: "pages/propose/ProposePage", messages: ["first", "more", "propose"] },
  Manage: { module: "pages/manage/ManagePage", messages: ["first", "more", "manage"] },
  SignIn: { module: "pages/SignIn", messages: ["first", "more"] },
  Callback: { module: "pages/Callback", messages: ["first", "more"] },
  Me: { module: "pages/me/MePage", messages: ["first", "more", "me"] },
  Mailbox: { module: "pages/mailbox/MailboxPage", messages: ["first", "more", "dev"] },
  Admin: { module: "pages/admin/AdminPage", messages: ["first", "more", "admin"] },
  NotFound: { module: "pages/NotFound", messages: ["first", "more"] },
  // privacy
  Privacy: { module: "pages/privacy/PrivacyPage", messages: ["first", "privacy"] },
};
const root = join(import.meta.dirname, "..", "..");

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, Chunk>;

describe("the JavaScript each page loads", () => {
  let outDir: string;
  let manifest: Manifest;

  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), "quorum-web-size-"));
    const vite = join(dirname(createRequire(import.meta.url).resolve("vite/package.json")), "bin", "vite.js");
    const env = { ...process.env };
    // A production build, as `npm run build:web` makes it, not one shaped by the test runner.
    for (const k of Object.keys(env)) if (k === "NODE_ENV" || k.startsWith("VITEST")) delete env[k];
    const result = spawnSync(
      process.execPath,
      [vite, "build", "--config", join(root, "web", "vite.config.ts"), "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"],
      { cwd: root, env, encoding: "utf8" },
    );
    if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
    manifest = JSON.parse(readFileSync(join(outDir, ".vite", "manifest.json"), "utf8"));
  }, 120_000);
  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  const key = (pattern: RegExp) => {
    const found = Object.keys(manifest).find((k) => pattern.test(k));
    if (!found) throw new Error(`no chunk matches ${pattern}: ${Object.keys(manifest).join(", ")}`);
    return found;
  };

  /** The JS files a chunk loads at once: itself and its static imports, transitively. */
  const closure = (start: string, into = new Set<string>()) => {
    const chunk = manifest[start]!;
    if (chunk.file.endsWith(".js")) into.add(chunk.file);
    for (const i of chunk.imports ?? []) if (!into.has(manifest[i]!.file)) closure(i, into);
    return into;
  };

  const gzipped = (files: Set<string>) => [...files].reduce((sum, f) => sum + gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length, 0);

  /** The largest of the three languages' catalogue chunks a page loads, as files. */
  const languageFiles = (base: Set<string>, parts: (typeof PAGES)[string]["messages"]) => {
    const options = (["en", "nl", "de"] as const).map((lang) => {
      const files = new Set<string>();
      for (const part of parts) closure(key(new RegExp(`api/contract/i18n/${lang}/${part}\\.ts$`)), files);
      for (const f of base) files.delete(f);
      return files;
    });
    return options.sort((a, b) => gzipped(b) - gzipped(a))[0]!;
  };

  const pageFiles = (page: string) => {
    const files = closure(key(/^index\.html$/));
    for (const module of [PAGES[page]!.module, ...(PAGES[page]!.also ?? [])]) closure(key(new RegExp(`src/${module}\\.tsx?$`)), files);
    return files;
  };

  const pageBytes = (page: string) => {
    const files = pageFiles(page);
    for (const f of languageFiles(files, PAGES[page]!.messages)) files.add(f);
    return gzipped(files);
  };

  it("keeps the deal page within 30 KB gzipped and every other page within 45 KB, and reports every page", () => {
    const pages = Object.keys(PAGES);
    const sizes = Object.fromEntries(pages.map((p) => [p, pageBytes(p)]));
    console.log(
      "JavaScript per page (gzipped, with the largest language):\n" +
        pages.map((p) => `  ${p.padEnd(12)} ${(sizes[p]! / 1024).toFixed(1)} KB`).join("\n"),
    );
    expect(sizes.Deal).toBeGreaterThan(10 * 1024);
    expect(sizes.Deal).toBeLessThanOrEqual(DEAL_PAGE_BUDGET);
    for (const p of pages) expect(sizes[p], p).toBeLessThanOrEqual(PAGE_BUDGET);
  });

  it("keeps zod and the server out of the deal page", () => {
    const files = pageFiles("Deal");
    const code = [...files].map((f) => readFileSync(join(outDir, f), "utf8")).join("\n");
    // zod's error messages and Prisma's client have tell-tale strings.
    expect(code).not.toMatch(/Invalid input: expected|PrismaClient|better-sqlite3/);
  });
});
