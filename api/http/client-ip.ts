// The client's address for per-IP limits. Behind a proxy the first hop is trusted only when the
// platform sets it (Cloudflare's cf-connecting-ip); otherwise the socket address is used.
import type { Context } from "hono";
import type { AppEnv } from "./env.ts";

export function clientIp(c: Context<AppEnv>): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  // On Node, the socket is the truth and a cf-connecting-ip header could be forged.
  if (env?.incoming) return env.incoming.socket?.remoteAddress ?? "unknown";
  return c.req.header("cf-connecting-ip") ?? "unknown";
}
