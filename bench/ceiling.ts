// The ceiling for the benchmark: a bare Hono app on @hono/node-server answering GET / with a
// small JSON body, started the same way as the real server.
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono().get("/", (c) => c.json({ ok: true, service: "quorum", version: 1 }));
const port = Number(process.argv[2] ?? 3100);
serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => console.log(`ceiling on ${port}`));
