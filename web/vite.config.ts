// Vite builds the web app from web/ into web/dist, which the Node server serves at /.
// `npm run dev:web` serves it with hot reload and proxies /api to the Node server (npm start).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";
import { cloudflareHeadersFile } from "../api/http/security-headers.ts";

/** Modules nearly every page uses: they load with the entry rather than in a file of their own. */
const EVERY_PAGE = ["/@solidjs/router/dist/data/createAsync.js", "/web/src/format.ts"];

/** The modules the deal page shares with other pages: one file rather than one each. */
const SHARED = [
  "/web/src/components/Progress.tsx",
  "/web/src/components/StatusBanner.tsx",
  "/web/src/components/InitiatorRecord.tsx",
  "/web/src/pages/deal/actions.ts",
  "/api/contract/day-range.ts",
];

/** Imported by the router's index for what no page uses first (createAsyncStore): only the propose form's state needs it. */
const NOT_FIRST = ["/solid-js/store/"];

interface Graph {
  getModuleInfo(id: string): { isEntry: boolean; importers: string[]; dynamicImporters: string[]; importedIds: string[] } | null;
}

/** The entry and what it imports, directly or not: the modules every page loads first (per build). */
const firsts = new WeakMap<Graph, Set<string>>();
function loadsFirst(id: string, graph: Graph): boolean {
  let initial = firsts.get(graph);
  if (!initial) {
    // Up from any module to the entry (every module is reached from it), then down its static imports.
    let entry: string | undefined;
    const up = new Set([id]);
    for (const m of up) {
      const info = graph.getModuleInfo(m)!;
      if (info.isEntry) {
        entry = m;
        break;
      }
      for (const next of [...info.importers, ...info.dynamicImporters]) up.add(next);
    }
    initial = new Set(entry ? [entry] : []);
    for (const m of initial) for (const next of graph.getModuleInfo(m)!.importedIds) if (!NOT_FIRST.some((n) => next.includes(n))) initial.add(next);
    firsts.set(graph, initial);
  }
  return initial.has(id);
}

const apiTarget = process.env.QUORUM_API_URL ?? "http://localhost:3000";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [
    solid(),
    {
      // Cloudflare serves the static pages without running the Worker; this gives them the same
      // security headers as every other answer.
      name: "quorum-security-headers",
      generateBundle() {
        this.emitFile({ type: "asset", fileName: "_headers", source: cloudflareHeadersFile() });
      },
    },
  ],
  resolve: {
    // The field schemas in api/contract/fields.ts are written in the style zod/mini shares with
    // zod: in the browser they run on zod/mini, whose checks are tree-shaken, not on all of zod.
    alias: [{ find: /^zod$/, replacement: "zod/mini" }],
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The size test reads the manifest to find the chunks each page needs.
    manifest: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The entry, everything it imports and what nearly every page uses, in one file.
            {
              debugName: "index",
              name: (id, graph) => (loadsFirst(id, graph) || EVERY_PAGE.some((m) => id.endsWith(m)) ? "index" : null),
              includeDependenciesRecursively: false,
            },
            { name: "shared", test: (id) => SHARED.some((m) => id.endsWith(m)), includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      // The deal page's Server-Sent Events pass through this proxy unbuffered.
      "/api": { target: apiTarget, changeOrigin: false },
    },
  },
});
