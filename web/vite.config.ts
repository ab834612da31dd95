// Vite builds the web app from web/ into web/dist, which the Node server serves at /.
// `npm run dev:web` serves it with hot reload and proxies /api to the Node server (npm start).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";
import { cloudflareHeadersFile } from "../api/http/security-headers.ts";

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
  },
  server: {
    port: 5173,
    proxy: {
      // The deal page's Server-Sent Events pass through this proxy unbuffered.
      "/api": { target: apiTarget, changeOrigin: false },
    },
  },
});
