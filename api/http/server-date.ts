// The Date header of every API answer, by the app's one clock: the web app counts down with the
// server's time rather than the device's (a phone's clock may be wrong), and in development mode
// and in tests that clock can be moved, which the header must follow.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.ts";
import { clock } from "../clock.ts";

export const serverDate: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.res.headers.set("Date", clock.now().toUTCString());
};
