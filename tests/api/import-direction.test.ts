// The direction of imports that docs/ARCHITECTURE.md promises, read from the source itself:
// api/ never imports web/; web/ imports only api/contract/ from api/; domain code imports neither
// api/http/ nor Hono (only the edge does: routes, the session cookie); api/http/ imports no
// feature folder. A new import that breaks one fails here with the file and the line.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const FEATURES = ["auth", "deals", "outbox", "payments", "users", "reviews", "moderation", "share", "ops", "dev"];
/** The folders of api/ that are no feature: the edge, the contract, the database port, Prisma's client. */
const LAYERS = ["http", "contract", "db", "generated"];

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !e.parentPath.includes("generated"))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** Every module specifier a file imports (static, dynamic, type-only, re-exports), resolved to a repo path when relative. */
function imports(file: string): { spec: string; target: string; line: number }[] {
  const text = readFileSync(join(root, file), "utf8");
  const found: { spec: string; target: string; line: number }[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\b[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of text.matchAll(re)) {
    const spec = (m[1] ?? m[2])!;
    const line = text.slice(0, m.index).split("\n").length;
    const target = spec.startsWith(".") ? relative(root, resolve(dirname(join(root, file)), spec)) : spec;
    found.push({ spec, target, line });
  }
  return found;
}

const violations = (files: string[], bad: (target: string, file: string) => boolean) =>
  files.flatMap((f) => imports(f).filter((i) => bad(i.target, f)).map((i) => `${f}:${i.line} imports ${i.spec}`));

/** The edge inside a feature folder: its routes and the session cookie. */
const isEdge = (file: string) => /(routes|-route)\.ts$/.test(file) || file.endsWith("auth/session-cookie.ts");

describe("the direction of imports", () => {
  const api = sources("api");
  const web = sources("web/src");

  it("knows every folder of api/: a new one is a feature or a layer, named here", () => {
    const folders = readdirSync(join(root, "api"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.sort()).toEqual([...FEATURES, ...LAYERS].sort());
  });

  it("finds the files and their imports (the rules below would pass on nothing)", () => {
    expect(api.length).toBeGreaterThan(150);
    expect(web.length).toBeGreaterThan(60);
    expect(imports("api/deals/join-deal.ts").map((i) => i.target)).toContain("api/deals/deal-reads.ts");
  });

  it("api/ never imports web/", () => {
    expect(violations(api, (t) => t === "web" || t.startsWith("web/"))).toEqual([]);
  });

  it("web/ imports from api/ only api/contract/", () => {
    expect(violations(web, (t) => t.startsWith("api/") && !t.startsWith("api/contract/"))).toEqual([]);
  });

  it("domain code imports neither api/http/ nor Hono; only routes and the session cookie do", () => {
    const domain = api.filter((f) => FEATURES.some((d) => f.startsWith(`api/${d}/`)) && !isEdge(f));
    expect(domain.length).toBeGreaterThan(80);
    expect(violations(domain, (t) => t.startsWith("api/http/") || t === "hono" || t.startsWith("hono/") || t.startsWith("@hono/"))).toEqual([]);
  });

  it("api/http/ imports no feature folder", () => {
    const http = api.filter((f) => f.startsWith("api/http/"));
    expect(violations(http, (t) => FEATURES.some((d) => t.startsWith(`api/${d}/`)))).toEqual([]);
  });
});

describe("what the server does not load until it needs it (docs/decisions/017)", () => {
  /**
   * Libraries a server carries only once a payment, a link preview or a date format needs them.
   * Not their WebAssembly binaries: Workers must import those statically, compiled at deploy time.
   */
  const LATER = [/^stripe$/, /^satori(\/(?!.*\.wasm$)|$)/, /^@resvg\/resvg-wasm(\/(?!.*\.wasm$)|$)/, /^date-fns$/];
  /** Imports that load a module at start: static ones that bring values (not `import type`). */
  function loadedAtStart(file: string): { spec: string; line: number }[] {
    const text = readFileSync(join(root, file), "utf8");
    const re = /(?:^|\n)\s*(import|export)\s+(?!type\b)[^;]*?from\s+["']([^"']+)["']/g;
    return [...text.matchAll(re)].map((m) => ({ spec: m[2]!, line: text.slice(0, m.index + m[0].indexOf(m[1]!)).split("\n").length }));
  }

  it("imports Stripe's SDK, satori and resvg only with import(), and date-fns a function at a time", () => {
    const api = sources("api");
    expect(loadedAtStart("api/share/image-assets.node.ts").length).toBeGreaterThan(0);
    const found = api.flatMap((f) => loadedAtStart(f).filter((i) => LATER.some((re) => re.test(i.spec))).map((i) => `${f}:${i.line} imports ${i.spec}`));
    expect(found).toEqual([]);
  });
});
