// The Date header of every API answer, by the app's one clock: the web app counts down with the
// server's time rather than the device's (a phone's clock may be wrong). The platform already
// dates every answer (Node's HTTP server, Cloudflare's edge) by the real clock, which is the app's
// unless development mode or a test has moved it: only then is the header written again, so the
// join and the read pay nothing for it in production.
import type { Context } from "hono";
import type { AppEnv } from "./env.ts";
import { clock } from "../clock.ts";

export function stampServerDate(c: Context<AppEnv>): void {
  if (clock.offsetMs() !== 0) c.res.headers.set("Date", clock.now().toUTCString());
}
